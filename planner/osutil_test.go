package planner

import "os"

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "planner-demo-") }
