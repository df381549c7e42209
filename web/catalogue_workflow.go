package web

// Strings of the workflow fixes: stale plans, retiring a ruas, returned
// records, the public programme, and worded validation.
func init() {
	addCatalogue(map[string]msg{
		"stale.title":       {"Data berubah setelah rencana dibuat", "Data changed after the plan ran"},
		"stale.head":        {"Data register berubah setelah rencana ini dibuat.", "The register changed after this plan ran."},
		"stale.since":       {"Sejak %s:", "Since %s:"},
		"stale.verified":    {"%s catatan diverifikasi atau dikembalikan walidata", "%s records verified or returned by the walidata"},
		"stale.edited":      {"%s catatan ditambah, diubah, dihapus atau dipensiunkan", "%s records added, edited, deleted or retired"},
		"stale.explain":     {"Angka rencana ini berasal dari data saat rencana dibuat. Hitung ulang dengan masukan yang sama untuk memakai data terbaru, atau unduh berkas rencana lama.", "This plan's figures come from the data as it stood when the plan ran. Run it again with the same inputs to use the current data, or download the old plan's files."},
		"stale.rerun":       {"Hitung ulang dengan masukan yang sama", "Run again with the same inputs"},
		"stale.anyway":      {"Tetap unduh rencana lama", "Download the old plan anyway"},
		"stale.anyway_this": {"Tetap unduh berkas ini", "Download this file anyway"},
		"stale.mark":        {"Berkas yang tetap diunduh ditandai “%s”.", "Files downloaded anyway are marked “%s”."},
		"stale.refused":     {"Berkas rencana #%d tidak dibuat karena data register telah berubah setelah rencana itu dihitung.", "The file of plan #%d was not made because the register changed after that plan ran."},
		"stale.back":        {"Kembali ke rencana #%d", "Back to plan #%d"},
	})
}
