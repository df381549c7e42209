package web

func init() {
	addCatalogue(map[string]msg{
		"login.limited_device": {"Terlalu banyak percobaan masuk yang gagal dari peramban ini. Tunggu %d detik lalu coba lagi.", "Too many failed sign-ins from this browser. Wait %d seconds and try again."},
		"err.anon_body":        {"Kiriman terlalu besar untuk formulir masuk (paling banyak 16 KB).", "The request is too large for the sign-in form (at most 16 KB)."},
		"fe.too_long":          {"Terlalu panjang: paling banyak %s karakter.", "Too long: at most %s characters."},

		"password.short":    {"Kata sandi terlalu pendek: minimal %d karakter.", "The password is too short: at least %d characters."},
		"password.long":     {"Kata sandi terlalu panjang: paling banyak 72 bita.", "The password is too long: at most 72 bytes."},
		"password.common":   {"Kata sandi ini termasuk yang paling umum dan mudah ditebak (mis. password123, bismillah2024); pilih yang lain.", "This password is one of the most common and easy to guess (e.g. password123); choose another."},
		"password.name":     {"Kata sandi tidak boleh sama dengan nama akun.", "The password may not be the account's name."},
		"password.repeated": {"Kata sandi terlalu seragam: kurang dari 4 karakter berbeda.", "The password is too regular: fewer than 4 different characters."},
	})
}
