// Package compound splits Dutch noun compounds into their parts, as
// lemmas: "zorgcomplex" → zorg + complex, "brandweermelding" → brandweer +
// melding, with the linking -s-, -en- and -e- between parts
// ("hackersgroep" → hacker + groep, "seniorencomplex" → senior + complex).
//
// The lexicon of parts is learned from data: the lemmas of the treebanks,
// whose Alpino compound joins ("klooster_orde") show the gold splits, and
// lemma frequencies counted over a news corpus. A split is chosen by the
// geometric mean of its parts' frequencies (Koehn and Knight 2003), and
// only when every part is a known lemma of at least three letters; a lemma
// the treebanks show whole stays whole.
package compound

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Splitter is a trained compound splitter, safe for concurrent use.
type Splitter struct {
	freq  map[string]int  // lemma frequencies
	whole map[string]bool // lemmas the treebanks never split
	gold  map[string][]string
}

// New returns a splitter from lemma frequencies, the lemmas known to be
// whole and the gold splits of known compounds.
func New(freq map[string]int, whole map[string]bool, gold map[string][]string) *Splitter {
	return &Splitter{freq: freq, whole: whole, gold: gold}
}

// linkers may join two parts.
var linkers = []string{"", "s", "en", "e", "-"}

const minPart = 3

// Split returns the parts of lemma, nil when it is no compound.
func (s *Splitter) Split(lemma string) []string {
	w := strings.ToLower(lemma)
	if p, ok := s.gold[w]; ok {
		return p
	}
	if s.whole[w] || utf8.RuneCountInString(w) < 2*minPart || len(w) > 64 {
		return nil
	}
	if strings.Contains(w, "-") {
		return s.splitHyphen(w)
	}
	parts, _ := s.best(w, 0, map[string]split{})
	if len(parts) < 2 {
		return nil
	}
	return parts
}

// Modifier returns the parts of the front of a compound, as lemmas: a
// known lemma or a compound of known lemmas, with the linking -s-, -en-,
// -e- or hyphen that joins it to the head left off ("kabinets" → kabinet,
// "senioren" → senior). Nil when w is no known front.
func (s *Splitter) Modifier(w string) []string {
	w = strings.ToLower(w)
	for _, l := range linkers {
		stem, ok := strings.CutSuffix(w, l)
		if !ok || utf8.RuneCountInString(stem) < minPart || s.nonPart(stem) {
			continue
		}
		if s.freq[stem] > 0 {
			return []string{stem}
		}
		if parts := s.Split(stem); parts != nil {
			return parts
		}
	}
	return nil
}

// splitHyphen splits at hyphens ("EU-landen" → eu + land is the caller's
// lemma "eu-land"), each piece split further.
func (s *Splitter) splitHyphen(w string) []string {
	var out []string
	for _, p := range strings.Split(w, "-") {
		if p == "" {
			continue
		}
		if sub := s.Split(p); sub != nil {
			out = append(out, sub...)
		} else {
			out = append(out, p)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// best finds the best split of w into known parts: the highest geometric
// mean of frequencies, with each extra part costing a factor.
type split struct {
	parts []string
	score float64
}

func (s *Splitter) best(w string, depth int, memo map[string]split) ([]string, float64) {
	if r, ok := memo[w]; ok && depth > 0 {
		return r.parts, r.score
	}
	var bestParts []string
	bestScore := math.Inf(-1)
	if f := s.freq[w]; f > 0 && depth > 0 {
		bestParts, bestScore = []string{w}, math.Log(float64(f))
	}
	if depth > 3 {
		return bestParts, bestScore
	}
	for i := minPart; i <= len(w)-minPart; i++ {
		if !utf8.RuneStart(w[i]) {
			continue
		}
		head := w[:i]
		fh := s.freq[head]
		if fh == 0 || s.nonPart(head) {
			continue
		}
		for _, l := range linkers {
			if !strings.HasPrefix(w[i:], l) || len(w)-i-len(l) < minPart {
				continue
			}
			rest, rs := s.best(w[i+len(l):], depth+1, memo)
			if rest == nil {
				continue
			}
			n := float64(len(rest) + 1)
			score := (math.Log(float64(fh)) + rs*float64(len(rest))) / n
			score -= 0.5 * (n - 1)
			if l != "" {
				score -= 0.3
			}
			if score > bestScore {
				bestParts, bestScore = append([]string{head}, rest...), score
			}
		}
	}
	if depth > 0 {
		memo[w] = split{bestParts, bestScore}
	}
	return bestParts, bestScore
}

// nonPart excludes function words that make false splits.
func (s *Splitter) nonPart(w string) bool {
	switch w {
	case "een", "het", "der", "den", "des", "die", "dat", "ter", "ten", "van", "men", "ver", "ont", "her":
		return true
	}
	return false
}

// MarshalBinary encodes the lexicon as text lines: "f\tLEMMA\tCOUNT",
// "w\tLEMMA" and "g\tLEMMA\tPART PART…", sorted.
func (s *Splitter) MarshalBinary() ([]byte, error) {
	var lines []string
	for w, f := range s.freq {
		lines = append(lines, "f\t"+w+"\t"+strconv.Itoa(f))
	}
	for w := range s.whole {
		lines = append(lines, "w\t"+w)
	}
	for w, p := range s.gold {
		lines = append(lines, "g\t"+w+"\t"+strings.Join(p, " "))
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n")), nil
}

// Unmarshal decodes a lexicon encoded by MarshalBinary.
func Unmarshal(data []byte) (*Splitter, error) {
	s := &Splitter{freq: map[string]int{}, whole: map[string]bool{}, gold: map[string][]string{}}
	for line := range strings.SplitSeq(string(data), "\n") {
		f := strings.Split(line, "\t")
		switch {
		case len(f) == 3 && f[0] == "f":
			n, _ := strconv.Atoi(f[2])
			s.freq[f[1]] = n
		case len(f) == 2 && f[0] == "w":
			s.whole[f[1]] = true
		case len(f) == 3 && f[0] == "g":
			s.gold[f[1]] = strings.Fields(f[2])
		}
	}
	return s, nil
}

// Version names the splitter's algorithm and lexicon format.
const Version = "compound-1"
