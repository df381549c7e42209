package roads

import (
	"fmt"
	"math"
	"time"
)

// Works is one penanganan (maintenance or improvement job) on a ruas.
type Works struct {
	ID       int64
	RuasID   int64
	Ruas     Key
	Date     time.Time // completion date (PHO)
	Type     WorksType
	StaFromM float64
	StaToM   float64
	// Quantity in the works' unit (m² for overlays and reconstruction, km
	// for routine care); Unit names it.
	Quantity float64
	Unit     string
	CostRp   float64
	Funding  string // sumber dana: APBD, DAK, ...
	// SubKegiatan is the full nomenclature code (1.03.10.2.01.0051) and
	// NomenVersion the decree version it belongs to (codes were renumbered).
	SubKegiatan  string
	NomenVersion string
	ContractRef  string
	Committed    bool // contracted but not yet done: the planner must honour it
	Source       Source
	Verif        Verification
}

// Validate checks the works record's own fields.
func (w *Works) Validate() []FieldError {
	var errs []FieldError
	add := func(field, value, msg string) {
		errs = append(errs, FieldError{Field: field, Value: value, Message: msg})
	}
	if w.Date.IsZero() {
		add("date", "", "works date is missing; write it as YYYY-MM-DD")
	}
	if _, err := ParseWorksType(string(w.Type)); err != nil {
		add("type", string(w.Type), "works type must be rutin, berkala, rehabilitasi, rekonstruksi, peningkatan or pelebaran")
	}
	if math.IsNaN(w.StaFromM) || math.IsNaN(w.StaToM) || w.StaFromM < 0 || w.StaToM <= w.StaFromM {
		add("sta", fmt.Sprintf("%s–%s", FormatSTA(w.StaFromM), FormatSTA(w.StaToM)), "STA to must be after STA from, both ≥ 0+000")
	}
	if math.IsNaN(w.Quantity) || w.Quantity < 0 {
		add("quantity", fmt.Sprint(w.Quantity), "quantity cannot be negative")
	}
	if math.IsNaN(w.CostRp) || w.CostRp < 0 {
		add("cost_rp", fmt.Sprint(w.CostRp), "cost cannot be negative")
	}
	if w.SubKegiatan != "" && w.NomenVersion == "" {
		add("nomen_version", "", "a sub-kegiatan code needs its nomenclature version (codes were renumbered), e.g. 2024")
	}
	errs = CheckLen(errs, "unit", w.Unit, MaxCodeLen)
	errs = CheckLen(errs, "nomen_version", w.NomenVersion, MaxCodeLen)
	errs = CheckLen(errs, "funding", w.Funding, MaxRefLen)
	errs = CheckLen(errs, "sub_kegiatan", w.SubKegiatan, MaxRefLen)
	errs = CheckLen(errs, "contract_ref", w.ContractRef, MaxRefLen)
	return checkSourceLen(errs, w.Source)
}
