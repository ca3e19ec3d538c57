package tagger

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/cluster"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// Version names the tagger's features and model format; it changes when a
// model trained by another version would tag differently.
const Version = "tagger-2"

// MarshalBinary encodes the tagger as a model file.
func (t *Tagger) MarshalBinary() ([]byte, error) {
	var b percep.Bundle
	for i, m := range []*percep.Model{t.upos, t.xpos} {
		name := []string{"upos", "xpos"}[i]
		data, err := m.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b.Add(name, data)
	}
	b.Add("xposnames", []byte(strings.Join(t.xposNames, "\n")))
	var feats []string
	for p, f := range t.feats {
		feats = append(feats, p[0]+"\t"+p[1]+"\t"+f)
	}
	sort.Strings(feats)
	b.Add("feats", []byte(strings.Join(feats, "\n")))
	b.Add("lexicon", []byte(strings.Join(t.lexLines, "\n")))
	if t.clusters != nil {
		data, err := t.clusters.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b.Add("clusters", data)
	}
	return b.Encode(Version), nil
}

// Unmarshal decodes a tagger encoded by MarshalBinary.
func Unmarshal(data []byte) (*Tagger, error) {
	b, version, err := percep.DecodeBundle(data)
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	if version != Version {
		return nil, fmt.Errorf("tagger: model version %q, want %q", version, Version)
	}
	t := &Tagger{feats: map[[2]string]string{}, lex: Lexicon{}}
	sec := func(name string) []byte {
		d, e := b.Section(name)
		if e != nil && err == nil {
			err = e
		}
		return d
	}
	up, xp, names, feats, lex := sec("upos"), sec("xpos"), sec("xposnames"), sec("feats"), sec("lexicon")
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	if t.upos, err = percep.Unmarshal(up); err != nil {
		return nil, fmt.Errorf("tagger: upos: %w", err)
	}
	if t.xpos, err = percep.Unmarshal(xp); err != nil {
		return nil, fmt.Errorf("tagger: xpos: %w", err)
	}
	t.xposNames = strings.Split(string(names), "\n")
	for line := range strings.SplitSeq(string(feats), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 3 {
			t.feats[[2]string{f[0], f[1]}] = f[2]
		}
	}
	if data, e := b.Section("clusters"); e == nil {
		if t.clusters, err = cluster.Unmarshal(data); err != nil {
			return nil, fmt.Errorf("tagger: %w", err)
		}
	}
	t.lexLines = strings.Split(string(lex), "\n")
	t.lex = lexiconOf(t.lexLines)
	t.index()
	if t.upos.NClass() != len(UPOS) || t.xpos.NClass() != len(t.xposNames) {
		return nil, fmt.Errorf("tagger: model classes do not match its tag names")
	}
	return t, nil
}

// lexiconOf reads "word\tTAG|TAG" lines.
func lexiconOf(lines []string) Lexicon {
	lex := make(Lexicon, len(lines))
	for _, line := range lines {
		if w, tags, ok := strings.Cut(line, "\t"); ok {
			lex[w] = percep.Hash(tags)
		}
	}
	return lex
}
