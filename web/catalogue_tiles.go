package web

func init() {
	addCatalogue(map[string]msg{
		"err.tile": {"alamat ubin harus /{z}/{x}/{y} dengan z bilangan bulat 0–22 dan x, y bilangan bulat 0 sampai 2^z − 1, mis. /14/13120/8710.",
			"a tile address must be /{z}/{x}/{y} with z a whole number 0–22 and x, y whole numbers 0 to 2^z − 1, e.g. /14/13120/8710."},
		"map.merged": {"ruas digabung per kondisi pada skala ini; perbesar peta untuk memilih satu ruas",
			"links merged by condition at this scale; zoom in to pick one link"},
		"map.merged_n":  {"ruas", "links"},
		"map.merged_km": {"km di ubin ini", "km in this tile"},
		"map.loading":   {"memuat…", "loading…"},
	})
}
