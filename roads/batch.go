package roads

import (
	"fmt"
)

// Batch is a set of records written together, all or nothing: an import.
// Surveys, works and traffic name their ruas by key; the ruas may be in the
// same batch or already stored.
type Batch struct {
	Ruas    []*Ruas
	Surveys []*Survey
	Works   []*Works
	Traffic []*Traffic
}

// Len is the number of records in the batch.
func (b *Batch) Len() int { return len(b.Ruas) + len(b.Surveys) + len(b.Works) + len(b.Traffic) }

// Counts says what a batch did to the register, per kind of record.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// ApplyStats reports what Apply wrote.
type ApplyStats struct {
	Ruas    Counts `json:"ruas"`
	Surveys Counts `json:"surveys"`
	Works   Counts `json:"works"`
	Traffic Counts `json:"traffic"`
}

// Prepare validates every record of the batch and derives survey
// conditions with the current rules. It returns the problems keyed by the
// record's position: "ruas 3", "survey 7". The batch is unchanged apart
// from normalisation and derived fields.
func (b *Batch) Prepare() (map[string]error, error) {
	rules, err := ConditionRules("")
	if err != nil {
		return nil, err
	}
	problems := map[string]error{}
	for i, r := range b.Ruas {
		r.Normalize()
		if err := ValidationErrorOf("ruas "+r.Key.String(), r.Validate()); err != nil {
			problems[fmt.Sprintf("ruas %d", i)] = err
		}
	}
	for i, v := range b.Surveys {
		if err := v.Prepare(rules); err != nil {
			problems[fmt.Sprintf("survey %d", i)] = err
		}
	}
	for i, w := range b.Works {
		if err := ValidationErrorOf("works on ruas "+w.Ruas.String(), w.Validate()); err != nil {
			problems[fmt.Sprintf("works %d", i)] = err
		}
	}
	for i, t := range b.Traffic {
		if err := ValidationErrorOf("traffic of ruas "+t.Ruas.String(), t.Validate()); err != nil {
			problems[fmt.Sprintf("traffic %d", i)] = err
		}
	}
	return problems, nil
}
