package web

func init() {
	addCatalogue(map[string]msg{
		// Plan input: the planner's problems (planner.InputProblem), worded
		// by field and code; err.plan.CODE words any other field.
		"err.plan.from_year.missing":       {"Tahun awal wajib diisi (%d–%d).", "The first year is needed (%d–%d)."},
		"err.plan.from_year.range":         {"Tahun awal harus antara %d dan %d.", "First year must be between %d and %d."},
		"err.plan.years.range":             {"Jangka harus %d–%d tahun.", "Horizon must be %d–%d years."},
		"err.plan.budgets_rp.missing":      {"Anggaran wajib diisi.", "A budget is needed."},
		"err.plan.budgets_rp.count":        {"Isi satu anggaran untuk semua tahun, atau tepat %d nilai dipisah titik koma.", "Give one budget for every year, or exactly %d values separated by semicolons."},
		"err.plan.negative":                {"Anggaran tidak boleh negatif.", "A budget cannot be negative."},
		"err.plan.method.unknown":          {"Metode tidak dikenal; pilih salah satu: %s.", "Unknown method; choose one of: %s."},
		"err.plan.nomenclature.unknown":    {"Nomenklatur harus salah satu dari: %s.", "Nomenclature must be one of: %s."},
		"err.plan.target_pct.range":        {"Target kemantapan harus lebih dari %d dan paling tinggi %d %%.", "Target must be above %d and at most %d %%."},
		"err.plan.target_year.range":       {"Tahun target harus antara %d dan %d.", "Target year must be between %d and %d."},
		"err.plan.min_length_m.range":      {"Panjang minimum paket harus lebih dari %d dan paling panjang %d m.", "Minimum work length must be above %d and at most %d m."},
		"err.plan.min_package_rp.negative": {"Nilai minimum paket harus lebih dari 0.", "The minimum package must be above 0."},
		"err.plan.scope.unknown":           {"Status kewenangan tidak dikenal; pilih: %s.", "Unknown scope status; choose: %s."},
		"err.plan.range":                   {"Nilai harus antara %v dan %v.", "Value must be between %v and %v."},
		"err.plan.unknown":                 {"Nilai tidak dikenal; pilih: %s.", "Unknown value; choose: %s."},
		"err.plan.missing":                 {"Wajib diisi.", "Needed."},
	})
}
