package roads

import (
	"fmt"
	"math"
	"time"
)

// Traffic is an LHR (AADT) count of a ruas in a year.
type Traffic struct {
	ID     int64
	RuasID int64
	Ruas   Key
	Year   int
	LHR    float64 // vehicles per day, all classes
	// ByClass holds counts per vehicle class where known (e.g. "mc", "car", "truck").
	ByClass map[string]float64
	Source  Source
	Verif   Verification
}

// Validate checks the count's own fields.
func (t *Traffic) Validate() []FieldError {
	var errs []FieldError
	if t.Year < 1950 || t.Year > time.Now().Year()+1 {
		errs = append(errs, FieldError{Field: "year", Value: fmt.Sprint(t.Year), Message: "count year must be between 1950 and next year"})
	}
	if math.IsNaN(t.LHR) || t.LHR < 0 || t.LHR > 500_000 {
		errs = append(errs, FieldError{Field: "lhr", Value: fmt.Sprint(t.LHR), Message: "LHR must be between 0 and 500,000 vehicles per day"})
	}
	for c, v := range t.ByClass {
		if math.IsNaN(v) || v < 0 {
			errs = append(errs, FieldError{Field: "lhr_" + c, Value: fmt.Sprint(v), Message: "a class count cannot be negative"})
		}
		errs = CheckLen(errs, "lhr_class", c, MaxCodeLen)
	}
	return checkSourceLen(errs, t.Source)
}
