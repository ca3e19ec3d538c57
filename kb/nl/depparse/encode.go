package depparse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// Version names the parser's transition system, features and model format.
const Version = "depparse-1"

// MarshalBinary encodes the parser as a model file.
func (p *Parser) MarshalBinary() ([]byte, error) {
	var b percep.Bundle
	for i, m := range []*percep.Model{p.trans, p.labels} {
		data, err := m.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b.Add([]string{"trans", "labels"}[i], data)
	}
	b.Add("labelnames", []byte(strings.Join(p.labelNames, "\n")))
	return b.Encode(Version), nil
}

// Unmarshal decodes a parser encoded by MarshalBinary.
func Unmarshal(data []byte) (*Parser, error) {
	b, version, err := percep.DecodeBundle(data)
	if err != nil {
		return nil, fmt.Errorf("depparse: %w", err)
	}
	if version != Version {
		return nil, fmt.Errorf("depparse: model version %q, want %q", version, Version)
	}
	var secs [3][]byte
	for i, name := range []string{"trans", "labels", "labelnames"} {
		if secs[i], err = b.Section(name); err != nil {
			return nil, fmt.Errorf("depparse: %w", err)
		}
	}
	p := &Parser{labelNames: strings.Split(string(secs[2]), "\n")}
	if p.trans, err = percep.Unmarshal(secs[0]); err != nil {
		return nil, fmt.Errorf("depparse: %w", err)
	}
	if p.labels, err = percep.Unmarshal(secs[1]); err != nil {
		return nil, fmt.Errorf("depparse: %w", err)
	}
	p.rootLabel = slices.Index(p.labelNames, "root")
	if p.trans.NClass() != nTrans || p.labels.NClass() != len(p.labelNames) || p.rootLabel < 0 {
		return nil, fmt.Errorf("depparse: model classes do not match its labels")
	}
	return p, nil
}
