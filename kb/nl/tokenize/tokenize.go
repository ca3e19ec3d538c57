// Package tokenize splits a sentence into tokens the way the Dutch UD
// treebanks do: words, numbers and punctuation marks, each with its byte
// offsets into the sentence, so text[Start:End] is the token verbatim.
//
// Punctuation around a word is split off ("(G8)," → "(", "G8", ")", ","),
// but not inside it: "EU-landen", "zo'n", "China's", "10.000", "3,5",
// "3-1", "o.a.", "www.nu.nl" stay whole, and so do the dots of known
// abbreviations and initials ("J.", "mr.", "ca."). Runs in linear time and
// accepts any bytes: invalid UTF-8 becomes part of a word.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of a sentence.
type Token struct {
	Text       string
	Start, End int // byte offsets
}

// abbrevs are the lower-cased abbreviations that keep their final dot.
var abbrevs = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`bijv. bv. nr. ca. mr. dr. drs. ir. prof. ing. mevr. mw. dhr.
		blz. mln. mld. mrd. min. max. incl. excl. st. vs. zgn. resp. evt. vgl. ong. gem. tel.
		afd. jr. sr. art. no. pag. jan. feb. mrt. apr. jun. jul. aug. sep. sept. okt. nov.
		dec. enz. etc. e.d. a.s. jl. o.a. d.w.z. m.a.w. i.p.v. t.o.v. m.b.t. n.a.v. z.g.a.n.
		mm. cm. km. kg. ha. e.a. v.chr. n.chr. p. pp. lid. kol. lt. gen. sgt. wo. do. vr. za. zo. ma. di.`) {
		abbrevs[a] = true
	}
}

// Split returns the tokens of s.
func Split(s string) []Token {
	var out []Token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) || unicode.IsControl(r2) {
				break
			}
			j += s2
		}
		out = splitChunk(out, s, i, j)
		i = j
	}
	return out
}

// opening marks split off the front of a chunk; closing ones off its end.
func isOpening(r rune) bool {
	return strings.ContainsRune("([{\"'«‘“„‚<¿¡", r)
}

func isClosing(r rune) bool {
	return strings.ContainsRune(")]}\"'»’”.,;:!?…>", r)
}

// splitChunk appends the tokens of the white-space-free chunk s[a:b].
func splitChunk(out []Token, s string, a, b int) []Token {
	var tail []Token
	for a < b {
		r, size := utf8.DecodeRuneInString(s[a:])
		if !isOpening(r) || keepsApostrophe(s[a:b], r) {
			break
		}
		if strings.HasPrefix(s[a:b], ",,") {
			size = 2
		}
		out = append(out, Token{s[a : a+size], a, a + size})
		a += size
	}
	for a < b {
		r, size := utf8.DecodeLastRuneInString(s[a:b])
		if !isClosing(r) {
			break
		}
		word := s[a:b]
		if r == '.' && keepsDot(word) {
			break
		}
		if r == '.' && strings.HasSuffix(word, "...") {
			size = 3
		}
		if (r == '\'' || r == '’') && strings.HasSuffix(word, "''") {
			size = 2
		}
		tail = append(tail, Token{s[b-size : b], b - size, b})
		b -= size
	}
	if a < b {
		out = append(out, Token{s[a:b], a, b})
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// keepsApostrophe reports whether a leading apostrophe belongs to the word:
// "'s", "'t", "'n", "'80".
func keepsApostrophe(word string, r rune) bool {
	if r != '\'' && r != '’' {
		return false
	}
	rest := word[utf8.RuneLen(r):]
	low := strings.ToLower(strings.TrimRight(rest, ".,;:!?\"'»”)"))
	switch low {
	case "s", "t", "n", "k", "r", "m":
		return true
	}
	return len(low) == 2 && low[0] >= '0' && low[0] <= '9' && low[1] >= '0' && low[1] <= '9'
}

// keepsDot reports whether the final dot of word is part of it: a known
// abbreviation, an initial ("J."), or letters with dots inside ("o.a.").
func keepsDot(word string) bool {
	w := strings.ToLower(strings.TrimLeft(word, "([{\"'«‘“„"))
	if abbrevs[w] {
		return true
	}
	body := w[:len(w)-1]
	if n := utf8.RuneCountInString(body); n == 1 {
		r, _ := utf8.DecodeRuneInString(body)
		return unicode.IsLetter(r)
	}
	if strings.Contains(body, ".") && !strings.Contains(body, "..") {
		for _, part := range strings.Split(body, ".") {
			if utf8.RuneCountInString(part) != 1 {
				return false
			}
		}
		return true
	}
	return false
}
