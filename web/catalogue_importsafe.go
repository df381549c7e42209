package web

func init() {
	addCatalogue(map[string]msg{
		"err.import_region":       {"Isi kode wilayah untuk ruas tanpa kolom KODE WILAYAH, mis. 33.74.", "Enter the region code for rows without a KODE WILAYAH column, e.g. 33.74."},
		"err.import_region_slash": {"Kode wilayah tidak boleh memuat '/'; tulis kode saja, mis. 33.74.", "The region code may not contain '/'; write the code only, e.g. 33.74."},
		"err.import_map":          {"Berkas pemetaan tidak terbaca: %s", "The mapping file cannot be read: %s"},
		"err.import_expired":      {"Berkas pratinjau sudah tidak disimpan (lebih dari 30 menit, atau akun lain); unggah lagi.", "The previewed files are no longer kept (over 30 minutes, or another account); upload them again."},
		"import.region":           {"Kode wilayah ruas bernomor (menggantikan kolom wilayah berkas)", "Region code of numbered rows (replaces the file's region column)"},
		"import.survey_date":      {"Tanggal survei (untuk baris tanpa tanggal)", "Survey date (for rows without a date)"},
		"import.map":              {"Berkas pemetaan kolom (MAP.json, opsional)", "Column mapping file (MAP.json, optional)"},
		"import.templates":        {"Templat berkas:", "File templates:"},
		"import.commit_kept":      {"Simpan berkas yang dipratinjau", "Save the previewed files"},
		"import.kept":             {"Berkas pratinjau disimpan sementara (30 menit): simpan tanpa mengunggah lagi.", "The previewed files are kept for 30 minutes: save without uploading again."},
		"err.file_count":          {"Terlalu banyak berkas (paling banyak %d per impor); impor sebagian dulu, lalu sisanya.", "Too many files (at most %d per import); import some first, then the rest."},
	})
}
