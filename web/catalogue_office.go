package web

func init() {
	addCatalogue(map[string]msg{
		"nav.office":                {"Kantor", "Office"},
		"office.title":              {"Kantor pemilik register", "The office this register belongs to"},
		"office.saved":              {"Pengaturan kantor disimpan.", "Office settings saved."},
		"office.pemda":              {"Pemerintah daerah", "Local government"},
		"office.opd":                {"OPD", "Office (OPD)"},
		"office.opd_hint":           {"kosongkan untuk nama baku Dinas PUPR wilayah itu", "leave empty for the standard Dinas PUPR name of the region"},
		"office.opd_code":           {"Kode OPD (SIPD)", "OPD code (SIPD)"},
		"office.region":             {"Kode wilayah Kemendagri", "Kemendagri region code"},
		"office.kewenangan":         {"Kewenangan jalan", "Road authority"},
		"office.kewenangan_default": {"menurut tingkat wilayah", "by the region's level"},
		"office.areas":              {"Wilayah", "Areas"},
		"office.areas_n":            {"%d kecamatan, %d kelurahan/desa", "%d districts, %d wards/villages"},
		"office.boundary":           {"Batas wilayah", "Boundary"},
		"office.boundary_hint":      {"GeoJSON Polygon/MultiPolygon WGS84, opsional", "GeoJSON Polygon/MultiPolygon in WGS84, optional"},
		"office.boundary_yes":       {"tersimpan", "stored"},
		"office.boundary_no":        {"belum ada", "none"},
		"office.clear_boundary":     {"hapus batas wilayah yang tersimpan", "remove the stored boundary"},
		"office.set":                {"Diatur oleh", "Set by"},
		"office.level.provinsi":     {"provinsi", "province"},
		"office.level.kabupaten":    {"kabupaten", "regency"},
		"office.level.kota":         {"kota", "city"},
		"office.unset":              {"Register ini belum punya kantor: ekspor, kode wilayah dan pemeriksaan kualitas memerlukannya. Admin mengaturnya di halaman Kantor atau dengan `ruas init --region KODE`.", "This register has no office yet: exports, region codes and quality checks need one. An admin sets it on the Office page or with `ruas init --region CODE`."},
		"office.assumed":            {"Register ini dibuat sebelum ada pengaturan kantor, sehingga kantornya diisi otomatis: %s (%s), kewenangan jalan kota. Admin memeriksa dan mengonfirmasinya di halaman Kantor atau dengan `ruas init`.", "This register predates office settings, so its office was filled in automatically: %s (%s), city roads. An admin checks and confirms it on the Office page or with `ruas init`."},
		"office.set_now":            {"Atur kantor", "Set the office"},
	})
}
