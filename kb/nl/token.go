package nl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps the letters with diacritics that occur in Dutch and in the
// names Dutch news prints to their plain letter.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ė': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i",
	'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u",
	'ý': "y", 'ÿ': "y", 'ç': "c", 'ć': "c", 'č': "c", 'ñ': "n", 'ń': "n",
	'š': "s", 'ś': "s", 'ş': "s", 'ž': "z", 'ź': "z", 'ż': "z", 'ł': "l",
	'ř': "r", 'ğ': "g", 'ı': "i", 'đ': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe",
	'ĳ':      "ij",
	'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '`': "'", '´': "'",
	'\u201c': "\"", '\u201d': "\"", '\u201e': "\"", '\u201f': "\"", '«': "\"", '»': "\"",
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-",
	'\u00a0': " ", '\u202f': " ", '\u2009': " ",
}

// Fold lower-cases s, strips diacritics and maps typographic quotes, dashes
// and spaces to their plain ASCII forms, so that "Australië", "australie"
// and "AUSTRALIË" compare equal.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isApostrophe reports whether r is an apostrophe, straight or curly.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '`' || r == '´'
}

// isHyphen reports whether r joins the parts of a compound ("EU-buitenlandchef").
func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

// Tokens splits s into words and numbers. A token is a run of letters and
// digits; a hyphen or apostrophe between two letters or digits stays inside
// ("EU-buitenlandchef", "5G-netwerken", "China's", "zo'n"), and so does a
// dot or comma between two digits ("100.000", "3,5").
func Tokens(s string) []Token {
	var toks []Token
	start := -1
	prevDigit := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if word {
			if start < 0 {
				start = i
			}
			prevDigit = unicode.IsDigit(r)
			i += size
			continue
		}
		if start >= 0 && i+size < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			nextWord := unicode.IsLetter(next) || unicode.IsDigit(next)
			switch {
			case nextWord && (isHyphen(r) || isApostrophe(r)):
				i += size
				continue
			case (r == '.' || r == ',') && prevDigit && unicode.IsDigit(next):
				i += size
				continue
			}
		}
		if start >= 0 {
			toks = append(toks, Token{Text: s[start:i], Norm: Fold(s[start:i]), Start: start, End: i})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		toks = append(toks, Token{Text: s[start:], Norm: Fold(s[start:]), Start: start, End: len(s)})
	}
	return toks
}

// IsCapitalized reports whether the word starts with an upper-case letter.
func IsCapitalized(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}
