package web

// Strings of the segment-survey and survey-year import (issue 10).
func init() {
	addCatalogue(map[string]msg{
		"ruas.date_year": {"hanya tahun survei yang diketahui; bertanggal 1 Juli", "only the survey year is known; dated 1 July"},
	})
}
