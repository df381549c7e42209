package web

func init() {
	addCatalogue(map[string]msg{
		"err.file_count": {"Terlalu banyak berkas (paling banyak %d per impor); impor sebagian dulu, lalu sisanya.", "Too many files (at most %d per import); import some first, then the rest."},
	})
}
