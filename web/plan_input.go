package web

import (
	"errors"

	"github.com/kotablitar/ruas/planner"
)

// checkPlanInput refuses what the planner refuses (planner.Input.Check),
// field by field, before the register is read; this only words the
// planner's problems for the reader.
func checkPlanInput(l Locale, in planner.Input) error {
	err := in.Check()
	var ie *planner.InputError
	if !errors.As(err, &ie) {
		return err
	}
	p := &fieldProblems{l: l}
	for _, pr := range ie.Problems {
		key := "err.plan." + pr.Field + "." + pr.Code
		if _, ok := catalogue[key]; !ok {
			key = "err.plan." + pr.Code
		}
		p.add(pr.Field, pr.Value, key, pr.Args...)
	}
	return p.err()
}
