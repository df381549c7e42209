package planner

import (
	"fmt"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// FormatID writes x the Indonesian way with d decimals: 1.250.000,5.
func FormatID(x float64, d int) string { return locale.ID.Number(x, d) }

// FormatRp writes an amount as "Rp 1.250.000.000".
func FormatRp(x float64) string { return locale.ID.Rp(x) }

// dateID turns YYYY-MM-DD into DD/MM/YYYY.
func dateID(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	return iso[8:10] + "/" + iso[5:7] + "/" + iso[0:4]
}

// justify writes the one-sentence Indonesian justification of a job.
func (e *engine) justify(w *Work, rec *roads.Works) string {
	ev := &w.Evidence
	cond := fmt.Sprintf("kondisi %s (IRI %s m/km", ev.Kondisi.Label(), FormatID(ev.IRI, 1))
	if ev.SDI != nil {
		cond += ", SDI " + FormatID(*ev.SDI, 0)
	}
	cond += ")"
	basis := fmt.Sprintf("proyeksi akhir %d dari survei %s (aturan %s, model %s %s)", w.Year, dateID(ev.SurveyDate), ev.RuleVersion, ev.Model.Key, modelSourceID(ev.Model.Source))
	if rec != nil {
		ref := rec.ContractRef
		if ref == "" {
			ref = "tanpa nomor"
		}
		state := "terkontrak"
		if !rec.Committed {
			state = "tercatat"
		}
		return fmt.Sprintf("%s %s pekerjaan %s (kontrak %s) tahun %d, didahulukan dan dibiayai %s dari pagu tahun itu; %s, %s.",
			w.TreatmentLabel, w.Section, state, ref, w.Year, FormatRp(w.CostRp), cond, basis)
	}
	return fmt.Sprintf("%s %s: %s, %s; peringkat %d tahun %d menurut metode %s (nilai prioritas %s).",
		w.TreatmentLabel, w.Section, cond, basis, w.Rank, w.Year, e.method.info.Label, FormatID(ev.Priority, 2))
}

func modelSourceID(s string) string {
	if s == "fitted" {
		return "hasil kalibrasi"
	}
	return "default"
}

// justifyRoutine is the sentence of a routine-care row.
func (e *engine) justifyRoutine(w *Work) string {
	a := e.routineAssumption()
	ver := "tanpa versi"
	if a != nil {
		ver = a.Version
	}
	return fmt.Sprintf("Pemeliharaan rutin %s: %s km jalan mantap (Baik/Sedang) pada akhir %d, %s; didanai lebih dahulu dari pagu %d sebelum pekerjaan modal (asumsi efek rutin %s).",
		w.Section, FormatID(w.LengthKm, 3), w.Year-1, FormatRp(w.CostRp), w.Year, ver)
}

// justifyForced is the sentence of a forced work.
func (e *engine) justifyForced(w *Work) string {
	ev := &w.Evidence
	return fmt.Sprintf("%s %s: pekerjaan wajib (%s) — %s; dibiayai %s dari pagu %d setelah pemeliharaan rutin; kondisi %s (IRI %s m/km).",
		w.TreatmentLabel, w.Section, w.ForcedKind, w.ForcedReason, FormatRp(w.CostRp), w.Year, ev.Kondisi.Label(), FormatID(ev.IRI, 1))
}
