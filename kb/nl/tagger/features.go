package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/cluster"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// word is what the features read of one token, computed once per sentence.
type word struct {
	lower  string
	hLower uint64 // hash of the lower-cased form
	hForm  uint64 // hash of the form as written
	shape  uint64 // hash of the word shape ("Xx", "d", "X.X.")
	amb    uint64 // the tags the lexicon knows for the word, hashed; 0 unknown
	suf    [4]uint64
	pre    [3]uint64
	first  bool   // first token of the sentence
	cr, cl uint64 // coarse word classes by right and left context, 0 none
	fr, fl uint64 // fine word classes
}

// Lexicon maps a lower-cased form to the set of tags it had in training,
// hashed: an ambiguity class ("ADJ|ADV").
type Lexicon map[string]uint64

func (l Lexicon) words(forms []string, out []word, cls *cluster.Clusters) []word {
	out = out[:0]
	for i, f := range forms {
		lw := strings.ToLower(f)
		w := word{lower: lw, hLower: percep.Hash(lw), hForm: percep.Hash(f),
			shape: percep.Hash(shape(f)), amb: l[lw], first: i == 0}
		if c := cls.Of(lw); len(c) >= 4 {
			w.cr, w.cl, w.fr, w.fl = uint64(c[0]), uint64(c[1]), uint64(c[2]), uint64(c[3])
		}
		for k := range w.suf {
			w.suf[k] = percep.Hash(suffix(lw, k+1))
		}
		for k := range w.pre {
			w.pre[k] = percep.Hash(prefix(lw, k+1))
		}
		out = append(out, w)
	}
	return out
}

// suffix returns the last n runes of s (all of s if shorter).
func suffix(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func prefix(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// shape maps letters to X/x and digits to d, collapsing runs, so that
// "Heracles" is "Xx", "3-1" is "d-d" and "APT40" is "Xd".
func shape(s string) string {
	var b strings.Builder
	var last rune
	n := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c != last {
			b.WriteRune(c)
			last = c
			if n++; n > 6 {
				break
			}
		}
	}
	return b.String()
}

// The feature templates; each number starts one feature key.
const (
	fBias uint64 = iota + 1
	fW0
	fForm0
	fSuf
	fPre
	fShape
	fFirstShape
	fWm1
	fWp1
	fWm2
	fWp2
	fTm1
	fTm2
	fTm12
	fTm1W0
	fAmb0
	fAmbP1
	fAmbP2
	fAmbM1
	fSufP1
	fSufM1
	fTm1Suf
	fAmb0Tm1
	fU0
	fU0Suf
	fU0W0
	fUm1
	fUp1
	fU0Um1
	fU0Up1
	fCR0
	fCL0
	fCRm1
	fCLp1
	fCR0L0
	fTm1CL0
	fCRm1CL0
	fCR0CLp1
	fU0CR
	fU0CL
	fFR0
	fFL0
	fFR0L0
	fU0FR
)

var none = percep.Hash("<none>")

func at(ws []word, i int) *word {
	if i < 0 || i >= len(ws) {
		return nil
	}
	return &ws[i]
}

func crOf(w *word) uint64 {
	if w == nil {
		return 1 << 20
	}
	return w.cr
}

func clOf(w *word) uint64 {
	if w == nil {
		return 1 << 20
	}
	return w.cl
}

func lowerOf(w *word) uint64 {
	if w == nil {
		return none
	}
	return w.hLower
}

func ambOf(w *word) uint64 {
	if w == nil {
		return none
	}
	return w.amb
}

// uposFeatures appends the features of token i, given the tags already
// chosen for the tokens before it (tm1, tm2: hashed tags or none).
func uposFeatures(fs []uint64, ws []word, i int, tm1, tm2 uint64) []uint64 {
	w := &ws[i]
	m := percep.Mix
	fs = append(fs, fBias, m(fW0, w.hLower), m(fForm0, w.hForm), m(fShape, w.shape),
		m(m(fFirstShape, w.shape), b2u(w.first)))
	for k, s := range w.suf {
		fs = append(fs, m(m(fSuf, uint64(k)), s))
	}
	for k, p := range w.pre {
		fs = append(fs, m(m(fPre, uint64(k)), p))
	}
	fs = append(fs,
		m(fWm1, lowerOf(at(ws, i-1))), m(fWp1, lowerOf(at(ws, i+1))),
		m(fWm2, lowerOf(at(ws, i-2))), m(fWp2, lowerOf(at(ws, i+2))),
		m(fTm1, tm1), m(fTm2, tm2), m(m(fTm12, tm1), tm2), m(m(fTm1W0, tm1), w.hLower),
		m(fAmb0, w.amb), m(fAmbP1, ambOf(at(ws, i+1))), m(fAmbP2, ambOf(at(ws, i+2))),
		m(fAmbM1, ambOf(at(ws, i-1))), m(m(fTm1Suf, tm1), w.suf[2]), m(m(fAmb0Tm1, w.amb), tm1))
	crm1, clp1 := crOf(at(ws, i-1)), clOf(at(ws, i+1))
	fs = append(fs, m(fCR0, w.cr), m(fCL0, w.cl), m(fCRm1, crm1), m(fCLp1, clp1),
		m(m(fCR0L0, w.cr), w.cl), m(m(fTm1CL0, tm1), w.cl), m(m(fCRm1CL0, crm1), w.cl), m(m(fCR0CLp1, w.cr), clp1),
		m(fFR0, w.fr), m(fFL0, w.fl), m(m(fFR0L0, w.fr), w.fl))
	if p := at(ws, i+1); p != nil {
		fs = append(fs, m(fSufP1, p.suf[2]))
	} else {
		fs = append(fs, m(fSufP1, none))
	}
	if p := at(ws, i-1); p != nil {
		fs = append(fs, m(fSufM1, p.suf[2]))
	} else {
		fs = append(fs, m(fSufM1, none))
	}
	return fs
}

// xposFeatures appends the features of the fine tag of token i, given the
// UPOS of every token (u: hashed).
func xposFeatures(fs []uint64, ws []word, i int, u []uint64) []uint64 {
	w := &ws[i]
	m := percep.Mix
	um1, up1 := none, none
	if i > 0 {
		um1 = u[i-1]
	}
	if i+1 < len(u) {
		up1 = u[i+1]
	}
	u0 := u[i]
	fs = append(fs, m(fU0, u0), m(m(fU0W0, u0), w.hLower), m(m(fUm1, um1), u0), m(m(fUp1, up1), u0),
		m(m(m(fU0Um1, u0), um1), up1), m(m(fU0Up1, u0), lowerOf(at(ws, i+1))),
		m(m(fU0Suf, u0), lowerOf(at(ws, i-1))))
	for k, s := range w.suf {
		fs = append(fs, m(m(m(fU0Suf, u0), uint64(k)), s))
	}
	fs = append(fs, m(m(fAmb0, w.amb), u0), m(m(fForm0, w.hForm), u0), m(m(fShape, w.shape), u0),
		m(m(fU0CR, u0), w.cr), m(m(fU0CL, u0), w.cl), m(m(fU0FR, u0), w.fr), m(m(fU0FR, u0), w.fl+1<<17))
	return fs
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
