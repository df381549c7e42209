package web

func init() {
	addCatalogue(map[string]msg{
		"office.outlines":      {"Batas kecamatan", "District outlines"},
		"office.outlines_no":   {"belum ada (peta dasar luring hanya batas wilayah)", "none yet (the offline basemap shows the boundary only)"},
		"office.outlines_hint": {"GeoJSON poligon kecamatan atau kelurahan/desa dengan kode Kemendagri atau nama; menggantikan yang tersimpan", "GeoJSON polygons of kecamatan or kelurahan/desa with Kemendagri codes or names; replaces the stored ones"},
		"fe.outside_office": {"Titik %[2]s berada %[1]s km di luar batas wilayah kantor (toleransi %[3]s km); periksa gambar ruas atau tanda dan digit koordinatnya.",
			"Point %[2]s lies %[1]s km outside the office's boundary (tolerance %[3]s km); check the drawing or the coordinates' sign and digits."},
	})
}
