package nl

import (
	"strings"
)

// A code name is a name made of letters and a number: APT40, UNC2452,
// FIN7, Storm-0558, F-35. Which kind of thing a code names is not in its
// letters but in the entity table: the series of a code are its letters,
// and a series takes the kind of the table's entries in it, when they all
// agree (APT28, APT29 and APT40 are groups, so APT41 is one too). A code
// of a series the table does not know is no name here; after a cue noun
// ("de hackersgroep TA505") afterCue reads it.

// codeSeries is what the entity table says of the codes with some letters.
type codeSeries struct {
	kind   EntityKind // "" when the table's entries disagree
	prefix string     // the letters as the table writes them, with a hyphen if it has one: "APT", "Storm-"
}

// splitCode splits a folded code into its letters (two or more) and its
// number; ok is false when s is no code. A hyphen or space may stand
// between them.
func splitCode(s string) (letters, number string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	letters, rest := s[:i], s[i:]
	if rest != "" && (rest[0] == '-' || rest[0] == ' ') {
		rest = rest[1:]
	}
	if len(letters) < 2 || !allDigits(rest) {
		return "", "", false
	}
	return letters, rest, true
}

// addSeries records the series of a table entry's name or alias, if it is
// a code.
func (r *Recognizer) addSeries(form string, kind EntityKind) {
	f := Fold(form)
	letters, _, ok := splitCode(f)
	if !ok {
		return
	}
	prefix := form[:len(letters)]
	if len(form) > len(letters) && (form[len(letters)] == '-' || form[len(letters)] == ' ') {
		prefix = form[:len(letters)+1]
	}
	if r.series == nil {
		r.series = map[string]codeSeries{}
	}
	old, seen := r.series[letters]
	switch {
	case !seen:
		r.series[letters] = codeSeries{kind: kind, prefix: prefix}
	case old.kind != kind:
		r.series[letters] = codeSeries{prefix: old.prefix}
	}
}

// codeEntity is the entity of the code letters+number: the table's, or
// one of the series' kind; ok is false when neither knows it.
func (r *Recognizer) codeEntity(letters, number string) (Entity, bool) {
	for _, key := range [...]string{letters + number, letters + " " + number} {
		if i, ok := r.resolve[key]; ok && r.ents[i].Kind != kindProduct {
			return cloneEntity(r.ents[i]), true
		}
	}
	cs, ok := r.series[letters]
	if !ok || cs.kind == "" {
		return Entity{}, false
	}
	return Entity{Name: cs.prefix + number, Kind: cs.kind}, true
}

// codeName recognises a code name at word i: "APT40", "APT 40", "Storm-0558",
// or the number after one in a list ("APT40 en 31", "APT10, 31").
func (r *Recognizer) codeName(s string, ws []word, i int, prev []mention) *mention {
	w := ws[i]
	if w.Digits {
		return r.codeContinued(s, ws, i, prev)
	}
	letters, number, n := r.codeAt(ws, i)
	if n == 0 {
		return nil
	}
	e, ok := r.codeEntity(letters, number)
	if !ok {
		return nil
	}
	return &mention{Mention: Mention{Entity: e}, w0: i, w1: i + n}
}

// codeAt reads the letters and number of a code at word i and the words
// it takes: one ("APT40"), two ("APT 40", "Storm-0558", "Unit 29155") or
// the capitalised words whose initials are a known series, then the
// number ("Advanced Persistent Threat 40").
func (r *Recognizer) codeAt(ws []word, i int) (letters, number string, n int) {
	w := ws[i]
	if !w.Cap {
		return "", "", 0
	}
	if l, num, ok := splitCode(w.Key); ok && w.Upper {
		return l, num, 1
	}
	if i+1 < len(ws) && ws[i+1].Digits {
		if l, num, ok := splitCode(w.Key + ws[i+1].Key); ok {
			return l, num, 2
		}
	}
	initials := []byte{w.Key[0]}
	for j := i + 1; j < len(ws) && j-i <= 5; j++ {
		if ws[j].Digits && len(initials) >= 2 {
			if _, ok := r.series[string(initials)]; ok {
				return string(initials), ws[j].Key, j - i + 1
			}
			break
		}
		if !ws[j].Cap || ws[j].Upper || ws[j].Key[0] < 'a' || ws[j].Key[0] > 'z' {
			break
		}
		initials = append(initials, ws[j].Key[0])
	}
	return "", "", 0
}

// codeContinued reads the bare number at word i that continues a list of
// codes: "APT40 en 31", "APT10, 31".
func (r *Recognizer) codeContinued(s string, ws []word, i int, prev []mention) *mention {
	if len(prev) == 0 || i < 1 {
		return nil
	}
	last := prev[len(prev)-1]
	letters := r.seriesOf(ws, prev)
	if letters == "" {
		return nil
	}
	joined := last.w1 == i-1 && (ws[i-1].Key == "en" || ws[i-1].Key == "of") ||
		last.w1 == i && strings.Contains(s[ws[i-1].End:ws[i].Start], ",")
	if !joined {
		return nil
	}
	e, ok := r.codeEntity(letters, ws[i].Key)
	if !ok {
		return nil
	}
	return &mention{Mention: Mention{Entity: e}, w0: i, w1: i + 1}
}

// seriesOf returns the letters of the list of codes that the mentions in
// prev end with ("APT10, 31": apt), or "".
func (r *Recognizer) seriesOf(ws []word, prev []mention) string {
	for k := len(prev) - 1; k >= 0; k-- {
		m := prev[k]
		if letters, _, n := r.codeAt(ws, m.w0); n > 0 && n == m.w1-m.w0 {
			return letters
		}
		if m.w1-m.w0 != 1 || !ws[m.w0].Digits {
			return ""
		}
	}
	return ""
}

// resolveCode resolves a code as a user types it: "apt 40", "apt40".
func (r *Recognizer) resolveCode(ws []word) (Entity, bool) {
	if len(ws) > 2 {
		return Entity{}, false
	}
	key := ws[0].Key
	if len(ws) == 2 {
		key += ws[1].Key
	}
	letters, number, ok := splitCode(key)
	if !ok {
		return Entity{}, false
	}
	return r.codeEntity(letters, number)
}
