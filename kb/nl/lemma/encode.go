package lemma

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// Version names the lemmatiser's features and model format.
const Version = "lemma-1"

// MarshalBinary encodes the lemmatiser as a model file.
func (l *Lemmatizer) MarshalBinary() ([]byte, error) {
	var b percep.Bundle
	data, err := l.model.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b.Add("rules", data)
	names := make([]string, len(l.rules))
	for i, r := range l.rules {
		names[i] = r.String()
	}
	b.Add("rulenames", []byte(strings.Join(names, "\n")))
	b.Add("bytag", []byte(strings.Join(sortedPairs(l.byTag), "\n")))
	b.Add("byform", []byte(strings.Join(sortedPairs(l.byForm), "\n")))
	known := make([]string, 0, len(l.known))
	for w := range l.known {
		known = append(known, w)
	}
	sort.Strings(known)
	b.Add("known", []byte(strings.Join(known, "\n")))
	return b.Encode(Version), nil
}

func sortedPairs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"\t"+v)
	}
	sort.Strings(out)
	return out
}

// Unmarshal decodes a lemmatiser encoded by MarshalBinary.
func Unmarshal(data []byte) (*Lemmatizer, error) {
	b, version, err := percep.DecodeBundle(data)
	if err != nil {
		return nil, fmt.Errorf("lemma: %w", err)
	}
	if version != Version {
		return nil, fmt.Errorf("lemma: model version %q, want %q", version, Version)
	}
	var secs [5][]byte
	for i, name := range []string{"rules", "rulenames", "bytag", "byform", "known"} {
		if secs[i], err = b.Section(name); err != nil {
			return nil, fmt.Errorf("lemma: %w", err)
		}
	}
	l := &Lemmatizer{byTag: map[string]string{}, byForm: map[string]string{}, known: map[string]bool{}}
	if l.model, err = percep.Unmarshal(secs[0]); err != nil {
		return nil, fmt.Errorf("lemma: %w", err)
	}
	for line := range strings.SplitSeq(string(secs[1]), "\n") {
		r, ok := parseRule(line)
		if !ok {
			return nil, fmt.Errorf("lemma: bad rule %q", line)
		}
		l.rules = append(l.rules, r)
	}
	if len(l.rules) != l.model.NClass() {
		return nil, fmt.Errorf("lemma: %d rules for %d classes", len(l.rules), l.model.NClass())
	}
	readPairs(secs[2], l.byTag, 3)
	readPairs(secs[3], l.byForm, 2)
	for w := range strings.SplitSeq(string(secs[4]), "\n") {
		l.known[w] = true
	}
	return l, nil
}

// readPairs reads lines of n tab-separated fields: the key is all fields
// but the last.
func readPairs(data []byte, m map[string]string, n int) {
	for line := range strings.SplitSeq(string(data), "\n") {
		i := strings.LastIndexByte(line, '\t')
		if i < 0 || strings.Count(line, "\t") != n-1 {
			continue
		}
		m[line[:i]] = line[i+1:]
	}
}
