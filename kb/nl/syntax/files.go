package syntax

import "fmt"

// File is one model file of the pipeline, with its path under kb/nl.
type File struct {
	Path string
	Data []byte
}

// Files encodes the pipeline's components as their model files.
func (p *Pipeline) Files() ([]File, error) {
	var out []File
	for _, c := range []struct {
		path string
		m    interface{ MarshalBinary() ([]byte, error) }
	}{
		{"tagger/tagger.model", p.Tagger},
		{"lemma/lemma.model", p.Lemmas},
		{"depparse/depparse.model", p.Parser},
		{"compound/compound.model", p.Compound},
	} {
		data, err := c.m.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("syntax: encode %s: %w", c.path, err)
		}
		out = append(out, File{c.path, data})
	}
	return out, nil
}
