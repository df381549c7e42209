package web

func init() {
	addCatalogue(map[string]msg{
		"fe.outside_office": {"Titik %[2]s berada %[1]s km di luar batas wilayah kantor (toleransi %[3]s km); periksa gambar ruas atau tanda dan digit koordinatnya.",
			"Point %[2]s lies %[1]s km outside the office's boundary (tolerance %[3]s km); check the drawing or the coordinates' sign and digits."},
	})
}
