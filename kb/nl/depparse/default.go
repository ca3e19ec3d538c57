package depparse

import (
	_ "embed"
	"sync"
)

// model is the committed model file, rebuilt by go generate ./kb/nl/syntax.
//
//go:embed depparse.model
var model []byte

// Default returns the committed model, decoded on first use.
var Default = sync.OnceValues(func() (*Parser, error) { return Unmarshal(model) })

// ModelBytes returns the committed model file.
func ModelBytes() []byte { return model }
