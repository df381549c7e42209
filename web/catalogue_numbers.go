package web

func init() {
	addCatalogue(map[string]msg{
		"err.rupiah": {"Bukan jumlah Rupiah; tulis mis. 25.000.000.000, 25M (miliar) atau 250jt (juta).",
			"Not an amount of Rupiah; write e.g. 25,000,000,000, 25M (billion) or 250jt (million)."},
	})
}
