package web

func init() {
	addCatalogue(map[string]msg{
		"login.limited_device": {"Terlalu banyak percobaan masuk yang gagal dari peramban ini. Tunggu %d detik lalu coba lagi.", "Too many failed sign-ins from this browser. Wait %d seconds and try again."},
		"err.anon_body":        {"Kiriman terlalu besar untuk formulir masuk (paling banyak 16 KB).", "The request is too large for the sign-in form (at most 16 KB)."},
		"fe.too_long":          {"Terlalu panjang: paling banyak %s karakter.", "Too long: at most %s characters."},

		"password.short":         {"Kata sandi terlalu pendek: minimal %d karakter.", "The password is too short: at least %d characters."},
		"password.long":          {"Kata sandi terlalu panjang: paling banyak 72 bita.", "The password is too long: at most 72 bytes."},
		"password.common":        {"Kata sandi ini termasuk yang paling umum dan mudah ditebak (mis. password123, bismillah2024); pilih yang lain.", "This password is one of the most common and easy to guess (e.g. password123); choose another."},
		"password.name":          {"Kata sandi tidak boleh sama dengan nama akun.", "The password may not be the account's name."},
		"verify.refused":         {"Tidak ada yang disimpan: catatan berikut menghentikan kelompok ini. Hapus centangnya atau periksa lagi, lalu kirim ulang.", "Nothing was saved: the records below stopped this batch. Untick them or check them again, then send again."},
		"verify.refused_own":     {"%s — dimasukkan atau terakhir diubah oleh Anda sendiri; walidata lain yang harus memverifikasinya.", "%s — you entered or last edited it; another walidata must verify it."},
		"verify.refused_changed": {"%s — berubah setelah Anda membuka antrean; perubahannya kini tampil di bawah, periksa lagi sebelum memverifikasi.", "%s — changed after you opened the queue; its changes now show below, check them again before verifying."},
		"verify.refused_missing": {"%s — sudah tidak ada; muat ulang antrean.", "%s — no longer exists; reload the queue."},
		"verify.changed_again":   {"berubah sejak antrean dibuka — periksa lagi", "changed since the queue was opened — check again"},
		"verify.own":             {"catatan Anda sendiri; walidata lain yang memverifikasi", "your own record; another walidata verifies it"},
		"verify.col_changes":     {"Yang berubah (sebelum → sesudah)", "What changed (before → after)"},
		"verify.new":             {"baru: belum pernah diverifikasi", "new: never verified"},
		"verify.new_units":       {"%d catatan baru", "%d new records"},
		"verify.unchanged":       {"isian sama dengan saat terakhir diverifikasi/dikembalikan", "fields as when last verified/returned"},
		"verify.more_changes":    {"… dan %d perubahan lain (lihat riwayat)", "… and %d more changes (see the history)"},
		"err.verify_revisions":   {"Jumlah revisi harus sama dengan jumlah id.", "Give one revision per id."},
		"field.surface_text":     {"perkerasan (tertulis)", "surface (as written)"},
		"field.geom_length_m":    {"panjang geometri (m)", "geometry length (m)"},
		"field.kecamatan":        {"kecamatan", "district"},
		"field.kelurahan":        {"kelurahan", "ward"},
		"field.kabupaten":        {"kabupaten/kota", "regency/city"},
		"field.iri":              {"IRI (m/km)", "IRI (m/km)"},
		"field.sdi":              {"SDI", "SDI"},
		"field.kondisi":          {"kondisi", "condition"},

		"password.repeated": {"Kata sandi terlalu seragam: kurang dari 4 karakter berbeda.", "The password is too regular: fewer than 4 different characters."},
	})
}
