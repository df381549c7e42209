package main

import (
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestGeneratedPasswordsPass: the passwords ruas makes (ruas user add,
// passwd, and the demo accounts of serve --demo) pass the password rules.
func TestGeneratedPasswordsPass(t *testing.T) {
	for range 2000 {
		if pw := newPassword(); roads.CheckPassword(pw, "admin") != nil {
			t.Fatalf("generated password %q refused: %v", pw, roads.CheckPassword(pw, "admin"))
		}
	}
}
