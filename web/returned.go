package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// returnedPage lists the signed-in producer's records that a walidata sent
// back, with the reason and a link to where each is fixed.
type returnedPage struct {
	Base
	Rows []returnedRow
}

type returnedRow struct {
	roads.ReturnedRecord
	// FixURL is where the record is corrected: the ruas form for a ruas,
	// the ruas page (its history and entry forms) for the rest.
	FixURL string
}

func (s *Server) returnedShow(c *gin.Context) error {
	l := localeOf(c)
	list, err := s.store.ReturnedTo(c.Request.Context(), actorName(c))
	if err != nil {
		return err
	}
	p := returnedPage{Base: s.base(c, l, "returned")}
	p.Title = l.T("returned.title")
	for _, x := range list {
		row := returnedRow{ReturnedRecord: x, FixURL: fmt.Sprintf("/ruas/%d", x.RuasID)}
		if x.Entity == roads.EntityRuas {
			row.FixURL = fmt.Sprintf("/ruas/%d/ubah", x.RuasID)
		}
		p.Rows = append(p.Rows, row)
	}
	s.render(c, http.StatusOK, "returned", p)
	return nil
}

func init() {
	addCatalogue(map[string]msg{
		"returned.title":  {"Data saya yang dikembalikan", "My returned records"},
		"returned.intro":  {"Catatan yang Anda masukkan atau ubah terakhir dan dikembalikan walidata, dengan alasannya. Perbaiki lalu simpan: catatan kembali menjadi draf dan masuk antrean verifikasi.", "Records you entered or last edited that a walidata sent back, with the reason. Fix and save one: it becomes a draft again and returns to the verification queue."},
		"returned.none":   {"Tidak ada data Anda yang dikembalikan.", "None of your records was returned."},
		"returned.record": {"Catatan", "Record"},
		"returned.reason": {"Alasan", "Reason"},
		"returned.by":     {"Dikembalikan oleh", "Returned by"},
		"returned.fix":    {"Perbaiki", "Fix"},
		"nav.returned":    {"Dikembalikan", "Returned"},
	})
}
