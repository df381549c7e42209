package locale

import (
	"math"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		v    float64
		dec  int
		want string
	}{
		{"id billions", ID, 1250000000, 0, "1.250.000.000"},
		{"en billions", EN, 1250000000, 0, "1,250,000,000"},
		{"id decimals", ID, 12.5, 1, "12,5"},
		{"en decimals", EN, 12.5, 1, "12.5"},
		{"rounding", ID, 1234.567, 2, "1.234,57"},
		{"negative", ID, -1234.5, 1, "-1.234,5"},
		{"negative zero", ID, -0.001, 1, "0,0"},
		{"short", ID, 999, 0, "999"},
		{"nan", ID, math.NaN(), 1, "–"},
		{"inf", EN, math.Inf(1), 1, "–"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.lang.Number(tt.v, tt.dec); got != tt.want {
				t.Errorf("Number(%g, %d) = %q, want %q", tt.v, tt.dec, got, tt.want)
			}
		})
	}
	if got := ID.Rp(1249999999.6); got != "Rp 1.250.000.000" {
		t.Errorf("Rp = %q", got)
	}
	if got := ID.Int(32340); got != "32.340" {
		t.Errorf("Int = %q", got)
	}
	d := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	if ID.Date(d) != "26/11/2026" || EN.Date(d) != "2026-11-26" || ID.Date(time.Time{}) != "–" {
		t.Errorf("dates %q %q", ID.Date(d), EN.Date(d))
	}
	// 22:30 UTC on the 26th is 05:30 on the 27th in Blitar.
	late := time.Date(2026, 11, 26, 22, 30, 0, 0, time.UTC)
	if got := ID.DateTime(late); got != "27/11/2026 05:30 WIB" {
		t.Errorf("DateTime = %q, want the day and time in WIB", got)
	}
	if got := EN.Date(late); got != "2026-11-27" {
		t.Errorf("Date of a late-UTC moment = %q, want the WIB day", got)
	}
}
