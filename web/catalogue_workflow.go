package web

// Strings of the workflow fixes: stale plans, retiring a ruas, returned
// records, the public programme, and worded validation.
func init() {
	addCatalogue(map[string]msg{
		"stale.title":       {"Data berubah setelah rencana dibuat", "Data changed after the plan ran"},
		"stale.head":        {"Data register berubah setelah rencana ini dibuat.", "The register changed after this plan ran."},
		"stale.since":       {"Sejak %s:", "Since %s:"},
		"stale.verified":    {"%s catatan diverifikasi atau dikembalikan walidata", "%s records verified or returned by the walidata"},
		"stale.edited":      {"%s catatan ditambah, diubah, dihapus atau dipensiunkan", "%s records added, edited, deleted or retired"},
		"stale.explain":     {"Angka rencana ini berasal dari data saat rencana dibuat. Hitung ulang dengan masukan yang sama untuk memakai data terbaru, atau unduh berkas rencana lama.", "This plan's figures come from the data as it stood when the plan ran. Run it again with the same inputs to use the current data, or download the old plan's files."},
		"stale.rerun":       {"Hitung ulang dengan masukan yang sama", "Run again with the same inputs"},
		"stale.anyway":      {"Tetap unduh rencana lama", "Download the old plan anyway"},
		"stale.anyway_this": {"Tetap unduh berkas ini", "Download this file anyway"},
		"stale.mark":        {"Berkas yang tetap diunduh ditandai “%s”.", "Files downloaded anyway are marked “%s”."},
		"stale.refused":     {"Berkas rencana #%d tidak dibuat karena data register telah berubah setelah rencana itu dihitung.", "The file of plan #%d was not made because the register changed after that plan ran."},
		"stale.back":        {"Kembali ke rencana #%d", "Back to plan #%d"},
	})
}

func init() {
	addCatalogue(map[string]msg{
		"err.no_ruas_region": {"Nomor ruas memuat kode wilayah lain; wilayah register ini %s, jadi tulis nomornya saja, mis. 001.", "The ruas number carries another region's code; this register's region is %s, so write the number alone, e.g. 001."},
		"err.no_ruas_locked": {"Nomor ruas %s sudah diverifikasi walidata dan tidak dapat diubah; pensiunkan ruas ini dan buat ruas baru bila nomornya berubah menurut SK.", "Ruas %s is verified, so its number cannot change; retire it and create a new ruas if a decree renumbered it."},
		"ruas.no_locked":     {"Nomor tetap: ruas sudah diverifikasi.", "Fixed: the ruas is verified."},
	})
}

func init() {
	addCatalogue(map[string]msg{
		"retire.title":      {"Pensiunkan ruas ini", "Retire this ruas"},
		"retire.explain":    {"Ruas yang dipensiunkan (digabung, diserahkan, dinomori ulang menurut SK) keluar dari rencana, peta, daftar, ekspor dan hitungan kualitas; riwayat dan jejak auditnya tetap tersimpan.", "A retired ruas (merged, handed over, renumbered by decree) leaves plans, maps, lists, exports and quality counts; its history and audit trail stay."},
		"retire.reason":     {"Alasan (mis. nomor SK)", "Reason (e.g. the decree)"},
		"retire.do":         {"Pensiunkan", "Retire"},
		"retire.is":         {"Ruas ini dipensiunkan.", "This ruas is retired."},
		"retire.line":       {"Sejak %s oleh %s:", "Since %s by %s:"},
		"retire.reinstate":  {"Aktifkan kembali", "Reinstate"},
		"retire.show":       {"tampilkan yang dipensiunkan", "show retired"},
		"retire.badge":      {"dipensiunkan", "retired"},
		"saved.retired":     {"Ruas dipensiunkan; tidak lagi masuk rencana, peta dan ekspor.", "Ruas retired; it is no longer in plans, maps and exports."},
		"saved.reinstated":  {"Ruas aktif kembali.", "Ruas reinstated."},
		"err.retire_reason": {"Tulis alasan ruas dipensiunkan, mis. nomor SK.", "Say why the ruas is retired, e.g. the decree."},
		"audit.retire":      {"pensiun", "retired"},
		"audit.reinstate":   {"aktif kembali", "reinstated"},
	})
}

func init() {
	addCatalogue(map[string]msg{
		"public.download_wait":      {"Paket data terbuka Satu Data memuat program penanganan yang ditetapkan. Paket akan tersedia di sini setelah perencana menetapkan program dari data terverifikasi.", "The Satu Data open-data package carries the adopted maintenance programme. It will be here once a planner adopts a programme computed on verified data."},
		"public.network_files":      {"Data jaringan jalan terverifikasi", "Verified road network data"},
		"public.network_files_note": {"Sementara itu, jaringan jalan yang telah diverifikasi walidata (%s, dibaca %s) dapat diunduh: setiap ruas dengan kondisi terakhirnya.", "Meanwhile the road network the walidata verified (%s, read %s) can be downloaded: every ruas with its latest condition."},
		"public.back":               {"Kembali ke portal data", "Back to the data portal"},
		"public.no_file":            {"berkas tidak dikenal; pilih jaringan.geojson atau jaringan.csv", "unknown file; choose jaringan.geojson or jaringan.csv"},
		"public.programme_map":      {"Peta ruas dalam program", "Map of the programme's road links"},
		"public.programme_map_note": {"hanya ruas yang mendapat penanganan dalam program, diwarnai menurut kondisi terakhir", "only the links the programme works on, coloured by latest condition"},
		"public.works_search":       {"Cari nomor, nama ruas, kecamatan…", "Search number, road name, kecamatan…"},
		"public.works_count":        {"%s dari %s paket penanganan", "%s of %s works"},
	})
}

func init() {
	addCatalogue(map[string]msg{"survey.unit": {"unit", "unit"}})
}

func init() {
	addCatalogue(map[string]msg{
		"ruas.share":         {"bagian panjang", "share of length"},
		"ruas.longest_class": {"Kelas terpanjang", "Class with the most length"},
		"ruas.of_length":     {"dari panjang tersurvei", "of the surveyed length"},
	})
}

func init() {
	// Labels of the fields the audit trail and error lists name.
	addCatalogue(map[string]msg{
		"flabel.surface_text":    {"Perkerasan (teks sumber)", "Surface (source text)"},
		"flabel.geom_length_m":   {"Panjang geometri (m)", "Geometry length (m)"},
		"flabel.kabupaten":       {"Kabupaten/kota", "Regency/city"},
		"flabel.kecamatan":       {"Kecamatan", "Kecamatan"},
		"flabel.kelurahan":       {"Kelurahan", "Kelurahan"},
		"flabel.source_file":     {"Berkas sumber", "Source file"},
		"flabel.source_row":      {"Baris sumber", "Source row"},
		"flabel.source_form":     {"Formulir sumber", "Source form"},
		"flabel.source_user":     {"Dimasukkan oleh", "Entered by"},
		"flabel.verif":           {"Status verifikasi", "Verification state"},
		"flabel.verif_by":        {"Diverifikasi oleh", "Verified by"},
		"flabel.verif_at":        {"Waktu verifikasi", "Verified at"},
		"flabel.verif_note":      {"Catatan verifikasi", "Verification note"},
		"flabel.ruas_id":         {"Ruas (id)", "Road link (id)"},
		"flabel.date_basis":      {"Dasar tanggal", "Date basis"},
		"flabel.crack_area_pct":  {"Luas retak (%)", "Crack area (%)"},
		"flabel.crack_width_mm":  {"Lebar retak (mm)", "Crack width (mm)"},
		"flabel.potholes":        {"Jumlah lubang", "Potholes"},
		"flabel.rut_cm":          {"Kedalaman alur (cm)", "Rut depth (cm)"},
		"flabel.iri":             {"IRI (m/km)", "IRI (m/km)"},
		"flabel.pci":             {"PCI", "PCI"},
		"flabel.scheme":          {"Skema kondisi", "Condition scheme"},
		"flabel.part1":           {"Bagian 1", "Part 1"},
		"flabel.part2":           {"Bagian 2", "Part 2"},
		"flabel.part3":           {"Bagian 3", "Part 3"},
		"flabel.part4":           {"Bagian 4", "Part 4"},
		"flabel.sdi":             {"SDI", "SDI"},
		"flabel.kondisi":         {"Kondisi", "Condition"},
		"flabel.basis":           {"Dasar kelas", "Class basis"},
		"flabel.rule_version":    {"Versi aturan", "Rule version"},
		"flabel.m_baik":          {"Panjang Baik (m)", "Length good (m)"},
		"flabel.m_sedang":        {"Panjang Sedang (m)", "Length fair (m)"},
		"flabel.m_rusak_ringan":  {"Panjang Rusak Ringan (m)", "Length poor (m)"},
		"flabel.m_rusak_berat":   {"Panjang Rusak Berat (m)", "Length bad (m)"},
		"flabel.mapping_version": {"Versi tabel konversi", "Mapping version"},
		"flabel.by_class":        {"LHR per golongan", "Traffic by class"},
		"flabel.retired_at":      {"Dipensiunkan pada", "Retired at"},
		"flabel.retired_by":      {"Dipensiunkan oleh", "Retired by"},
		"flabel.reason":          {"Alasan", "Reason"},
		"flabel.ended_at":        {"Aktif kembali pada", "Reinstated at"},
		"flabel.ended_by":        {"Diaktifkan kembali oleh", "Reinstated by"},
		"flabel.version":         {"Versi", "Version"},
		"flabel.sta":             {"STA", "STA"},
		"flabel.distress":        {"Ukuran kerusakan", "Distress measurements"},
		"flabel.parts":           {"Bagian kondisi", "Condition parts"},
		"flabel.record":          {"Catatan", "Record"},
		"flabel.key":             {"Kunci ruas", "Road link key"},
		"flabel.plan":            {"Rencana", "Plan"},
	})
}

func init() {
	addCatalogue(map[string]msg{"retire.already": {"Ruas ini sudah dipensiunkan.", "This ruas is already retired."}})
}
