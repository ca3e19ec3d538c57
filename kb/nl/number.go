package nl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Number is an amount a text mentions: "zeker 1200 servers", "3,5 miljoen
// euro", "duizenden overheidsinstanties".
type Number struct {
	Text   string  // verbatim, with the qualifier before and the counted noun after
	Value  float64 // 1200, 3500000; the order of magnitude for "duizenden"
	Unit   string  // the folded noun counted ("servers", "euro", "procent", "uur"), "" if none
	Approx bool    // a qualifier such as "ruim" or "zo'n", or a plural such as "honderden"
	Start  int     // byte offset of Text in the string
	End    int     // byte offset after Text
}

// numberUnits are the Dutch number words below a hundred.
var numberUnits = map[string]float64{
	"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
	"acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
	"veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
	"achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
	"veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
	"negentig": 90,
}

// tensWords are the tens from twenty up, which end compounds such as
// "vijfentwintig".
var tensWords = [...]string{"twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"}

// numberPlurals are the vague plurals of number words: "honderden" is some
// hundreds, counted as 100 and marked Approx.
var numberPlurals = map[string]float64{
	"tientallen": 10, "honderden": 100, "duizenden": 1000,
	"tienduizenden": 10000, "honderdduizenden": 100000, "miljoenen": 1e6,
	"miljarden": 1e9,
}

// multipliers scale the number before them: "3,5 miljoen".
var multipliers = map[string]float64{
	"honderd": 100, "duizend": 1000, "miljoen": 1e6, "mln": 1e6, "miljard": 1e9,
	"mld": 1e9, "mrd": 1e9, "biljoen": 1e12,
}

// approxQualifiers are the words before a number that make it approximate or
// a bound; exactQualifiers only stress it. Two-word qualifiers are written
// with one space.
var (
	approxQualifiers = setOf(
		"zeker", "ruim", "meer dan", "minder dan", "bijna", "ongeveer", "circa",
		"ca", "zo'n", "tenminste", "ten minste", "minstens", "tot", "tot wel",
		"rond", "rond de", "ruwweg", "pakweg", "naar schatting", "hooguit",
		"maximaal", "minimaal", "tegen de", "krap", "nog geen", "bij benadering",
	)
	exactQualifiers = setOf("maar liefst", "precies", "exact", "slechts", "liefst")
)

// currencies are the signs that may stand before an amount, with their unit.
var currencies = map[rune]string{'€': "euro", '$': "dollar", '£': "pond"}

// yearPrepositions are the words after which a number from 1900 to 2100 is
// a year, not an amount.
var yearPrepositions = setOf(
	"in", "sinds", "tot", "van", "vanaf", "uit", "voor", "na", "begin", "eind",
	"einde", "medio", "half", "tussen", "en", "of", "jaar", "zomer", "winter",
	"voorjaar", "najaar", "lente", "herfst", "sinds", "rond", "anno", "per",
	"t/m", "tm", "vanaf", "since", "until", "from", "by",
)

// Numbers returns the amounts mentioned in s, in order: numbers in digits
// ("1200", "100.000", "3,5", "12%"), number words ("vier", "vijfentwintig",
// "één", "een miljoen") and vague plurals ("duizenden", Approx), each with
// the qualifier right before it ("zeker", "meer dan", "zo'n", …), a currency
// sign, a multiplier ("3,5 miljoen") and the counted noun after it. A dot
// between digits groups thousands ("100.000") unless the groups are not of
// three digits ("3.5"); a comma is a decimal comma. A clock time ("12.30
// uur") has unit "uur" and its value in hours (12.5). Years (1900 to 2100
// after "in", "sinds", "tot", "van" and the like, or with no noun after) and
// the days of dates ("3 maart") are left to Dates; "een" counts only before
// honderd, duizend, miljoen or miljard.
func Numbers(s string) []Number {
	toks := Tokens(s)
	var out []Number
	prevEnd := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		value, approx, ok := tokenValue(s, toks, i)
		if !ok {
			continue
		}
		end := i // last token of the number itself
		// Multipliers: "3,5 miljoen", "twee miljard", "honderden miljoenen".
		for end+1 < len(toks) && adjacent(s, toks[end], toks[end+1], ".") {
			m, ok := multipliers[toks[end+1].Norm]
			if !ok {
				if toks[end+1].Norm == "miljoenen" || toks[end+1].Norm == "miljarden" {
					m, approx = numberPlurals[toks[end+1].Norm], true
				} else {
					break
				}
			}
			value *= m
			end++
		}
		if isDate(s, toks, i, end) {
			i = end
			continue
		}
		n := Number{Value: value, Approx: approx, Start: t.Start, End: toks[end].End}
		// A time: "12.30 uur", "14:00 uur".
		if c, ok := clockTime(s, toks, i); ok {
			n.Value, n.End, n.Unit = c.value, c.end, "uur"
			end = c.last
		}
		// Percent sign or the counted noun.
		unitTok := -1
		if n.Unit == "" {
			if k := skipSpaces(s, n.End); k < len(s) && s[k] == '%' {
				n.End, n.Unit = k+1, "procent"
			} else {
				unitTok = unitAfter(s, toks, end)
				if unitTok >= 0 {
					n.End, n.Unit = toks[unitTok].End, toks[unitTok].Norm
				}
			}
		}
		// The currency sign and the qualifier before.
		if k := lastNonSpace(s, n.Start); k >= prevEnd && k >= 0 {
			r, size := utf8.DecodeRuneInString(s[k:])
			if cur, ok := currencies[r]; ok && (k+size == n.Start || unicode.IsSpace(rune(s[k+size]))) {
				n.Start = k
				if n.Unit == "" || multipliers[n.Unit] > 0 {
					n.Unit = cur
				}
			}
		}
		qStart, qApprox := qualifierBefore(s, toks, i, n.Start, prevEnd)
		if end == i && n.Start == t.Start && yearAt(s, toks, i, qStart < n.Start) {
			i = end
			continue // "in 2022", "sinds 2006", "2021 was een rampjaar"
		}
		if i > 0 && toks[i-1].Norm == "jaren" && adjacent(s, toks[i-1], t, "") {
			i = end
			continue // a decade: "de jaren negentig", "de jaren 80"
		}
		if end == i && n.Start == t.Start && inName(s, toks, i) {
			continue // "Windows 10", "Advanced Persistent Threat 40"
		}
		n.Start = qStart
		n.Approx = n.Approx || qApprox
		n.Text = s[n.Start:n.End]
		out = append(out, n)
		prevEnd = n.End
		if unitTok > end {
			end = unitTok
		}
		i = end
	}
	return out
}

// yearAt reports whether toks[i] is a year rather than an amount: a number
// from 1900 to 2100 in four digits after a preposition such as "in", "sinds"
// or "tot", or with neither a qualifier before it nor a noun after it.
// Money and percentages are amounts ("tot 2000 euro").
func yearAt(s string, toks []Token, i int, qualified bool) bool {
	t := toks[i]
	if !isYear(t.Text) || partOfCode(s, t) {
		return false
	}
	if k := lastNonSpace(s, t.Start); k >= 0 {
		if r, _ := utf8.DecodeRuneInString(s[k:]); currencies[r] != "" {
			return false
		}
	}
	unit := unitAfter(s, toks, i)
	if k := skipSpaces(s, t.End); k < len(s) && s[k] == '%' {
		return false
	}
	if unit >= 0 {
		switch toks[unit].Norm {
		case "euro", "dollar", "pond", "procent":
			return false
		}
	}
	if _, ok := yearPrepositions[prevNorm(s, toks, i)]; ok {
		return true
	}
	return unit < 0 && !qualified
}

// inName reports whether the number toks[i] belongs to a name, such as
// "Windows 10" or "Area 1": a capitalised word before it that does not open
// the sentence.
func inName(s string, toks []Token, i int) bool {
	if i == 0 || !adjacent(s, toks[i-1], toks[i], "") || !IsCapitalized(toks[i-1].Text) {
		return false
	}
	if _, q := approxQualifiers[toks[i-1].Norm]; q || MonthNumber(toks[i-1].Norm) > 0 {
		return false
	}
	k := lastNonSpace(s, toks[i-1].Start)
	if k < 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	switch r {
	case '.', '!', '?', ':', '(', '-', '\u2013', '\u2026':
		return false
	}
	return !isOpening(r)
}

// tokenValue reads toks[i] as a number.
func tokenValue(s string, toks []Token, i int) (value float64, approx, ok bool) {
	t := toks[i]
	if hasDigit(t.Text) {
		if !isNumeral(t.Text) || partOfCode(s, t) {
			return 0, false, false
		}
		v, ok := parseNumeral(t.Text)
		return v, false, ok
	}
	if v, ok := numberPlurals[t.Norm]; ok {
		return v, true, true
	}
	if t.Norm == "een" {
		// "één" with its accents is the number; "een" only before a multiplier.
		if strings.ContainsAny(t.Text, "éÉ") {
			return 1, false, true
		}
		if i+1 < len(toks) {
			switch toks[i+1].Norm {
			case "honderd", "duizend", "miljoen", "miljard":
				return 1, false, true
			}
		}
		return 0, false, false
	}
	v, ok := parseNumberWord(t.Norm)
	return v, false, ok
}

// isNumeral reports whether w is digits with dots or commas between them.
func isNumeral(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

// partOfCode reports whether the digits of t belong to a code, a path or a
// date written with slashes: "CVE-2024-1", "/2024/", "19/7/2021", "v2".
func partOfCode(s string, t Token) bool {
	if t.Start > 0 {
		switch s[t.Start-1] {
		case '/', '-', '#', '@', ':', '_', '=':
			return true
		}
	}
	if t.End < len(s) {
		switch s[t.End] {
		case '/', '-', '@', '_':
			return true
		}
	}
	return false
}

// parseNumeral parses "1200", "100.000", "3,5", "1.200,50" and "3.5".
func parseNumeral(w string) (float64, bool) {
	intPart, frac := w, ""
	if k := strings.LastIndexByte(w, ','); k >= 0 {
		intPart, frac = w[:k], w[k+1:]
	}
	if strings.IndexByte(intPart, '.') >= 0 {
		groups := strings.Split(intPart, ".")
		thousands := len(groups[0]) <= 3
		for _, g := range groups[1:] {
			if len(g) != 3 {
				thousands = false
			}
		}
		if !thousands {
			if frac != "" || len(groups) != 2 {
				return 0, false
			}
			intPart, frac = groups[0], groups[1]
		} else {
			intPart = strings.ReplaceAll(intPart, ".", "")
		}
	}
	if !isDigits(intPart) || (frac != "" && !isDigits(frac)) || strings.IndexByte(frac, ',') >= 0 {
		return 0, false
	}
	v := 0.0
	for i := 0; i < len(intPart); i++ {
		v = v*10 + float64(intPart[i]-'0')
	}
	// The fraction as one integer over a power of ten, so that "0,3" is 0.3
	// exactly as a float64 literal would be.
	f, scale := 0.0, 1.0
	for i := 0; i < len(frac) && i < 15; i++ {
		f = f*10 + float64(frac[i]-'0')
		scale *= 10
	}
	return v + f/scale, true
}

// parseNumberWord parses a Dutch number word written as one word:
// "vier", "vijfentwintig", "tweeënveertig" (folded), "driehonderd",
// "tweeduizend", "honderdvijftig".
func parseNumberWord(w string) (float64, bool) {
	if len(w) < 3 || len(w) > 64 {
		return 0, false
	}
	for _, m := range [...]struct {
		word  string
		value float64
	}{{"duizend", 1000}, {"honderd", 100}} {
		if k := strings.Index(w, m.word); k >= 0 {
			left, right := w[:k], w[k+len(m.word):]
			l, r := 1.0, 0.0
			if left != "" {
				var ok bool
				if l, ok = parseNumberWord(left); !ok || l == 0 {
					return 0, false
				}
			}
			if right != "" {
				var ok bool
				right = strings.TrimPrefix(right, "en")
				if r, ok = parseNumberWord(right); !ok {
					return 0, false
				}
			}
			return l*m.value + r, true
		}
	}
	if v, ok := numberUnits[w]; ok {
		return v, true
	}
	// "vijfentwintig": a unit, "en", a ten.
	for _, tens := range tensWords {
		head, ok := strings.CutSuffix(w, tens)
		if !ok {
			continue
		}
		if head, ok = strings.CutSuffix(head, "en"); !ok {
			return 0, false
		}
		if u, ok := numberUnits[head]; ok && u < 10 {
			return u + numberUnits[tens], true
		}
		return 0, false
	}
	return 0, false
}

// isDate reports whether the number toks[i..end] is the day of a date ("3
// maart", "maart 3") rather than an amount.
func isDate(s string, toks []Token, i, end int) bool {
	if end != i || !isDigits(toks[i].Text) {
		return false
	}
	if end+1 < len(toks) && adjacent(s, toks[end], toks[end+1], ".") && MonthNumber(toks[end+1].Norm) > 0 {
		return true
	}
	return i > 0 && adjacent(s, toks[i-1], toks[i], ".") && MonthNumber(toks[i-1].Norm) > 0
}

// clock is a time of day found after a number.
type clock struct {
	value float64
	end   int // byte offset after "uur"
	last  int // index of the "uur" token
}

// clockTime reads "12.30 uur" or "14:00 uur" starting at toks[i].
func clockTime(s string, toks []Token, i int) (clock, bool) {
	t := toks[i]
	j := i
	var h, m string
	switch {
	case len(t.Text) == 5 && t.Text[2] == '.' && isDigits(t.Text[:2]) && isDigits(t.Text[3:]):
		h, m = t.Text[:2], t.Text[3:]
	case len(t.Text) == 4 && t.Text[1] == '.' && isDigits(t.Text[:1]) && isDigits(t.Text[2:]):
		h, m = t.Text[:1], t.Text[2:]
	case isDigits(t.Text) && len(t.Text) <= 2 && i+1 < len(toks) && t.End < len(s) && s[t.End] == ':' &&
		toks[i+1].Start == t.End+1 && len(toks[i+1].Text) == 2 && isDigits(toks[i+1].Text):
		h, m = t.Text, toks[i+1].Text
		j = i + 1
	default:
		if isDigits(t.Text) && len(t.Text) <= 2 && j+1 < len(toks) && toks[j+1].Norm == "uur" && adjacent(s, toks[j], toks[j+1], "") {
			hv, _ := parseNumeral(t.Text)
			return clock{value: hv, end: toks[j+1].End, last: j + 1}, true
		}
		return clock{}, false
	}
	hv, _ := parseNumeral(h)
	mv, _ := parseNumeral(m)
	if hv > 24 || mv > 59 {
		return clock{}, false
	}
	c := clock{value: hv + mv/60}
	if j+1 < len(toks) && toks[j+1].Norm == "uur" && adjacent(s, toks[j], toks[j+1], "") {
		c.end, c.last = toks[j+1].End, j+1
		return c, true
	}
	// The first time of a range: "van 08.00 tot 11.45 uur".
	if j+2 < len(toks) && (toks[j+1].Norm == "tot" || toks[j+1].Norm == "en") && adjacent(s, toks[j], toks[j+1], "") && j == i {
		if _, ok := clockTime(s, toks, j+2); ok {
			c.end, c.last = toks[j].End, j
			return c, true
		}
	}
	if k := skipSpaces(s, t.End); j+1 < len(toks) && j == i && k < len(s) && (s[k] == '-' || strings.HasPrefix(s[k:], "\u2013")) {
		if _, ok := clockTime(s, toks, j+1); ok {
			c.end, c.last = toks[j].End, j
			return c, true
		}
	}
	return clock{}, false
}

// unitAfter returns the index of the counted noun after toks[end], or -1.
// One or two adjectives may stand between ("1200 Nederlandse servers").
func unitAfter(s string, toks []Token, end int) int {
	j := end + 1
	for n := 0; j < len(toks) && adjacent(s, toks[j-1], toks[j], ""); n++ {
		w := toks[j].Norm
		if hasDigit(w) || IsStopword(w) || isNumberWord(w) || MonthNumber(w) > 0 {
			return -1
		}
		if _, q := approxQualifiers[w]; q {
			return -1
		}
		if n < 2 && strings.HasSuffix(w, "e") && len(w) > 3 && j+1 < len(toks) &&
			adjacent(s, toks[j], toks[j+1], "") && !IsStopword(toks[j+1].Norm) && !hasDigit(toks[j+1].Norm) {
			j++ // an adjective: "Chinese", "nieuwe", "grote"
			continue
		}
		return j
	}
	return -1
}

// isNumberWord reports whether w is a number word, a vague plural or a
// multiplier.
func isNumberWord(w string) bool {
	if _, ok := numberPlurals[w]; ok {
		return true
	}
	if _, ok := multipliers[w]; ok {
		return true
	}
	_, ok := parseNumberWord(w)
	return ok
}

// qualifierBefore returns where the number starting at byte start begins
// once a qualifier right before it is included ("meer dan", "zo'n", "ca."),
// and whether that qualifier makes it approximate. toks[i] is the first
// token of the number; the qualifier may not start before prevEnd.
func qualifierBefore(s string, toks []Token, i, start, prevEnd int) (int, bool) {
	k := i - 1
	for k >= 0 && toks[k].End > start {
		k--
	}
	if k < 0 || !gapIs(s, toks[k].End, start, ".") {
		return start, false
	}
	if k >= 1 && gapIs(s, toks[k-1].End, toks[k].Start, "") && toks[k-1].Start >= prevEnd {
		two := toks[k-1].Norm + " " + toks[k].Norm
		if _, ok := approxQualifiers[two]; ok {
			return toks[k-1].Start, true
		}
		if _, ok := exactQualifiers[two]; ok {
			return toks[k-1].Start, false
		}
	}
	if toks[k].Start < prevEnd {
		return start, false
	}
	w := toks[k].Norm
	if w != "ca" && !gapIs(s, toks[k].End, start, "") {
		return start, false
	}
	if _, ok := approxQualifiers[w]; ok {
		return toks[k].Start, true
	}
	if _, ok := exactQualifiers[w]; ok {
		return toks[k].Start, false
	}
	return start, false
}

// adjacent reports whether only white space (and the bytes in extra, such
// as the dot of "mln.") stands between tokens a and b.
func adjacent(s string, a, b Token, extra string) bool {
	return gapIs(s, a.End, b.Start, extra)
}

// gapIs reports whether s[from:to] is white space and bytes of extra only.
func gapIs(s string, from, to int, extra string) bool {
	if from > to {
		return false
	}
	for _, r := range s[from:to] {
		if !unicode.IsSpace(r) && !strings.ContainsRune(extra, r) {
			return false
		}
	}
	return true
}

// skipSpaces returns the offset of the first byte at or after i that is not
// a space or a no-break space.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\u00a0' && r != '\u202f' {
			break
		}
		i += size
	}
	return i
}

// lastNonSpace returns the offset of the last rune before i that is not
// white space, or -1.
func lastNonSpace(s string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(r) {
			return i - size
		}
		i -= size
	}
	return -1
}
