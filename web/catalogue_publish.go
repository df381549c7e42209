package web

func init() {
	addCatalogue(map[string]msg{
		"plan.routine_km":          {"Rutin (km)", "Routine (km)"},
		"plan.packages_n":          {"Paket modal", "Capital packages"},
		"plan.capital_km":          {"Paket (km)", "Packages (km)"},
		"plan.package":             {"Paket", "Package"},
		"plan.kemantapan_network":  {"Mantap (% jaringan)", "Steady (% of network)"},
		"plan.kemantapan_surveyed": {"Mantap (% yang disurvei)", "Steady (% of surveyed)"},
		"plan.routine_note":        {"Pemeliharaan rutin mencakup seluruh jalan mantap dalam kewenangan setiap tahun dan didanai lebih dahulu; km rutin adalah km tahun itu dan tidak dijumlahkan antartahun. Kemantapan jaringan dibagi panjang seluruh jaringan dalam kewenangan (yang belum disurvei dihitung tidak mantap).", "Routine care covers every steady road of the authority each year and is funded first; routine km are that year's and are not added across years. Network kemantapan divides by the whole network of the authority (unsurveyed length counts as not steady)."},
		"plan.routine_line":        {"Pemeliharaan rutin: %s km jalan mantap, %s", "Routine care: %s km of steady road, %s"},
	})
}
