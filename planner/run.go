package planner

import (
	"errors"

	"github.com/kotablitar/ruas/roads"
)

// Run computes a plan for a network.
func Run(net *roads.Network, in Input) (*Result, error) {
	return nil, errors.New("planner: not implemented yet")
}
