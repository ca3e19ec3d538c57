package nl

import (
	"unicode"
	"unicode/utf8"
)

// abbreviations are the folded Dutch (and a few English) abbreviations whose
// dot does not end a sentence, even before a capital or a digit ("dr. De
// Vries", "nr. 5", "ca. 300"). Abbreviations made of single letters with dots
// ("o.a.", "d.w.z.", "A.B.") are recognised by their shape.
var abbreviations = setOf(
	"bijv.", "bv.", "nr.", "ca.", "mr.", "dr.", "drs.", "ir.", "prof.",
	"ing.", "mevr.", "mw.", "dhr.", "blz.", "mln.", "mld.", "mrd.", "min.",
	"max.", "incl.", "excl.", "st.", "vs.", "zgn.", "resp.", "evt.", "vgl.",
	"ong.", "gem.", "tel.", "afd.", "jr.", "sr.", "mrs.", "ms.", "nrs.",
	"art.", "no.", "pag.", "jan.", "feb.", "mrt.", "apr.", "jun.",
	"jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.", "ma.", "di.",
	"wo.", "do.", "vr.", "za.", "zo.", "gen.", "kol.", "lt.", "sgt.",
)

// finalAbbreviations close a list or a date and usually end the sentence
// too, so a capital after them starts a new one ("… lonen, enz. De bond").
var finalAbbreviations = setOf("enz.", "etc.", "e.d.", "a.s.", "jl.")

// maxAbbrevLen bounds the backward look for an abbreviation, which keeps
// Sentences linear on long runs without white space.
const maxAbbrevLen = 24

// Sentences splits article text into sentences. Each span is trimmed of
// surrounding white space, so text[s.Start:s.End] is the sentence verbatim.
//
// A line break always ends a sentence, so headings and one-line paragraphs
// stand alone. Within a line a sentence ends after . ! ? or … (with any
// closing quotes or brackets right after it) when white space follows and
// then an upper-case letter, a digit or an opening quote. A dot does not end
// a sentence after a known abbreviation ("bijv.", "dr.", "nr."), after
// single-letter initials ("J. Borrell", "A.B. de Vries", "o.a."), or after
// a list number at the start of a line ("1. Inleiding"). Lists that end in
// "enz.", "etc." or "e.d." do end a sentence before a capital. A quote that
// is followed by a comma or a lower-case word ("…”, zegt hij.") stays in its
// sentence. A longer stretch than a sentence can be (more than
// MaxSentenceWords words or MaxSentenceBytes bytes: a list without end, a
// page without full stops, hostile input) is cut into pieces within those
// bounds, after a comma, semicolon or colon where there is one, else
// between words. Sentences runs in linear time and accepts any bytes, and
// so, with sentences bounded, does the analysis that weighs the words of a
// sentence against each other.
func Sentences(text string) []Span {
	var out []Span
	emit := func(a, b int) {
		for a < b {
			end := boundedEnd(text, a, b)
			if s, e := trimSpace(text, a, end); s < e {
				out = append(out, Span{Start: s, End: e})
			}
			a = end
		}
	}
	seg, line, first := 0, 0, -1 // first: first non-space byte of the line
	var q quoteState
	q.reset()
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if first < 0 && !unicode.IsSpace(r) {
			first = i
		}
		switch {
		case isLineBreak(r):
			emit(seg, i)
			seg, line, first = i+size, i+size, -1
			q.reset()
			i += size
			continue
		case r == '.' || r == '!' || r == '?' || r == '…':
		default:
			q.see(text, line, i, r, size)
			i += size
			continue
		}
		j, closed := endRun(text, i+size, &q)
		if closed {
			q.reset()
		}
		if j >= len(text) {
			break
		}
		r2, s2 := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r2) || isLineBreak(r2) {
			i = j
			continue
		}
		k := skipLineSpaces(text, j+s2)
		if k >= len(text) {
			break
		}
		next, ns := utf8.DecodeRuneInString(text[k:])
		if next == '(' {
			next, _ = utf8.DecodeRuneInString(text[k+ns:])
		}
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpening(next) {
			i = k
			continue
		}
		if q.open >= 0 && q.attributed(text, k) {
			i = k
			continue
		}
		if r == '.' && j == i+1 && !endsSentenceAt(text, line, first, i) {
			i = k
			continue
		}
		emit(seg, j)
		seg = k
		i = k
	}
	emit(seg, len(text))
	return out
}

// endRun takes in the whole run of end punctuation and closing quotes from
// j: it returns where the run ends, and whether it closes the open quote.
func endRun(text string, j int, q *quoteState) (int, bool) {
	closed := false
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r != '.' && r != '!' && r != '?' && r != '…' && !isClosing(r) {
			break
		}
		if q.open >= 0 && closes(q.opener, r) {
			closed = true
		}
		j += size
	}
	return j, closed
}

// skipLineSpaces returns where the spaces from k end, stopping at a line
// break.
func skipLineSpaces(text string, k int) int {
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r) || isLineBreak(r) {
			break
		}
		k += size
	}
	return k
}

// Bounds on a sentence. The longest sentences of real news run to some 60
// words and 350 bytes.
const (
	MaxSentenceWords = 80
	MaxSentenceBytes = 1000
)

// boundedEnd returns where the piece of text[a:b] that starts at a ends: b
// when text[a:b] is within the bounds on a sentence; otherwise after the
// last comma, semicolon or colon in the second half of the longest piece
// within them, else at its last white space there, else (one long word) at
// the bound itself. It reads only the piece.
func boundedEnd(text string, a, b int) int {
	if b-a < 2*MaxSentenceWords && b-a <= MaxSentenceBytes {
		return b // too short to hold more words than the bound
	}
	limit := min(b, a+MaxSentenceBytes)
	words, inWord, atWord := 0, false, false
	i := a
	for i < limit {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			if words++; words > MaxSentenceWords {
				atWord = true // i is after white space already
				break
			}
		}
		i += size
	}
	if i >= b {
		return b
	}
	half := a + (i-a)/2
	for j := i - 1; j > half; j-- {
		if c := text[j]; (c == ',' || c == ';' || c == ':') && isSpaceByte(text[j+1]) {
			return j + 1
		}
	}
	for j := i - 1; j > half && !atWord; j-- {
		if isSpaceByte(text[j]) {
			return j
		}
	}
	return i
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

// maxQuoteLook bounds the search for the end of an open quote, which keeps
// Sentences linear on lines full of unclosed quotes.
const maxQuoteLook = 4000

// quoteState follows the quotation open at the scan position of Sentences.
type quoteState struct {
	open      int  // byte offset of the opening quote, -1 if none is open
	opener    rune // the opening quote mark
	close     int  // offset of the closing mark once looked up, -1 before
	suppress  bool // the quote closes into a comma or lower case: no splits inside
	lookedFor bool // close and suppress are known
}

func (q *quoteState) reset() { *q = quoteState{open: -1, close: -1} }

// see notes an opening quote at text[i].
func (q *quoteState) see(text string, line, i int, r rune, size int) {
	if q.open >= 0 {
		if q.lookedFor && i >= q.close {
			q.reset()
			return
		}
		if i > q.open && closes(q.opener, r) {
			after, _ := utf8.DecodeRuneInString(text[i+size:])
			if (r != '\u2019' && r != '\'') || !unicode.IsLetter(after) {
				q.reset()
			}
		}
		return
	}
	if !isOpening(r) {
		return
	}
	if r == '"' || r == '\'' {
		// A straight quote opens only at the start of a word.
		if i > line {
			prev, _ := utf8.DecodeLastRuneInString(text[line:i])
			if !unicode.IsSpace(prev) && prev != '(' {
				return
			}
		}
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		if i+size >= len(text) || unicode.IsSpace(next) {
			return
		}
	}
	q.open, q.opener = i, r
}

// attributed reports whether the open quote closes, later on its line, into
// a comma or a lower-case word ("…”, zegt hij"), so that the whole quote is
// one sentence with its attribution. from is where the scan stands.
func (q *quoteState) attributed(text string, from int) bool {
	if q.lookedFor {
		return q.suppress && from < q.close
	}
	q.lookedFor = true
	q.close = len(text)
	end := min(len(text), from+maxQuoteLook)
	for k := from; k < end; {
		r, size := utf8.DecodeRuneInString(text[k:])
		if isLineBreak(r) {
			return false
		}
		if closes(q.opener, r) {
			after, _ := utf8.DecodeRuneInString(text[k+size:])
			if (r == '\u2019' || r == '\'') && unicode.IsLetter(after) {
				k += size // an apostrophe: "zo’n", "China’s"
				continue
			}
			q.close = k
			m := k + size
			for m < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[m:])
				if !unicode.IsSpace(r2) || isLineBreak(r2) {
					break
				}
				m += s2
			}
			next, _ := utf8.DecodeRuneInString(text[m:])
			q.suppress = m < len(text) && (next == ',' || unicode.IsLower(next))
			return q.suppress
		}
		k += size
	}
	return false
}

// closes reports whether r closes a quote opened with opener.
func closes(opener, r rune) bool {
	switch opener {
	case '\u201c', '\u201e', '"':
		return r == '\u201d' || r == '"'
	case '\u2018', '\u201a', '\'':
		return r == '\u2019' || r == '\''
	case '«':
		return r == '»'
	}
	return false
}

// endsSentenceAt reports whether the single dot at text[dot] ends a
// sentence, judged by the word before it; line is the start of its line and
// first the first byte of the line that is not white space.
func endsSentenceAt(text string, line, first, dot int) bool {
	start := dot
	for start > line && dot-start <= maxAbbrevLen {
		r, size := utf8.DecodeLastRuneInString(text[line:start])
		if unicode.IsSpace(r) || isOpening(r) || r == '(' || r == '[' {
			break
		}
		start -= size
	}
	if dot-start > maxAbbrevLen || start == dot {
		return true
	}
	word := text[start : dot+1]
	var buf [maxAbbrevLen + 8]byte
	n := 0
	for k := 0; k < len(word); k++ {
		c := word[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	if _, ok := finalAbbreviations[string(buf[:n])]; ok {
		return true
	}
	if _, ok := abbreviations[string(buf[:n])]; ok {
		// "vs." is versus, but "de VS." ends a sentence about the United States.
		return word == "VS." || word == "Vs."
	}
	if isInitials(word) {
		return false
	}
	if isDigits(word[:len(word)-1]) && start == first {
		return false
	}
	return true
}

// isInitials reports whether w is one or more single letters each followed
// by a dot: "J.", "A.B.", "o.a.", "d.w.z.".
func isInitials(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		if !unicode.IsLetter(r) || i+size >= len(w) || w[i+size] != '.' {
			return false
		}
		i += size + 1
	}
	return true
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// trimSpace narrows [a, b) of text to exclude white space at both ends.
func trimSpace(text string, a, b int) (int, int) {
	for a < b {
		r, size := utf8.DecodeRuneInString(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += size
	}
	for a < b {
		r, size := utf8.DecodeLastRuneInString(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= size
	}
	return a, b
}

// isLineBreak reports whether r ends a line.
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// isClosing reports whether r closes a quote or a bracket after the end of a
// sentence.
func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '\u201d', '\u2019', '»', ')', ']':
		return true
	}
	return false
}

// isOpening reports whether r opens a quote.
func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u2018', '\u201e', '\u201a', '«':
		return true
	}
	return false
}
