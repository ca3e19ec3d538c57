package kb

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The PostgreSQL full-text index holds the same terms as the FTS5 one:
// the index text kb makes (nl.StemText, entity tokens), split into tokens
// as FTS5's unicode61 tokenizer (remove_diacritics 2) splits it. Lexemes
// are written as tsvector and tsquery literals, so PostgreSQL's own parser
// and dictionaries never see them.

// maxLexemeBytes is the longest lexeme a tsvector holds; a longer token
// (hostile text) is cut.
const maxLexemeBytes = 2046

// ftsTokens splits index text as unicode61 does: runs of letters, digits
// and private-use characters, lower-cased, Latin letters without their
// diacritics; everything else separates.
func ftsTokens(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			t := b.String()
			if len(t) > maxLexemeBytes {
				t = strings.ToValidUTF8(t[:maxLexemeBytes], "")
			}
			out = append(out, t)
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < 0x80 && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			b.WriteRune(r)
		case r < 0x80 && 'A' <= r && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		case unicode.Is(unicode.Mn, r):
			// A combining mark: a diacritic, removed.
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r):
			b.WriteRune(unicode.ToLower(foldLatin(r)))
		default:
			flush()
		}
	}
	flush()
	return out
}

// foldLatin returns a Latin letter without its diacritics ("é" → "e");
// other characters as they are.
func foldLatin(r rune) rune {
	if r < 0xc0 || r > 0x24f {
		return r
	}
	d := norm.NFD.String(string(r))
	for _, base := range d {
		return base // the first rune of the decomposition is the base letter
	}
	return r
}

// tsLexeme quotes a lexeme for a tsvector or tsquery literal.
func tsLexeme(t string) string {
	t = strings.ReplaceAll(t, `\`, `\\`)
	return "'" + strings.ReplaceAll(t, "'", "''") + "'"
}

// tsvectorWithPositions is the tsvector literal of tokens with their
// positions (from 1), for phrase search.
func tsvectorWithPositions(tokens []string) string {
	pos := map[string][]int{}
	var order []string
	for i, t := range tokens {
		if _, ok := pos[t]; !ok {
			order = append(order, t)
		}
		if p := pos[t]; len(p) < 256 { // a tsvector keeps 256 positions a lexeme
			pos[t] = append(p, min(i+1, 16383))
		}
	}
	var b strings.Builder
	for _, t := range order {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(t))
		for i, p := range pos[t] {
			if i == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// articleIndexRow is an article's rows of the PostgreSQL article index.
type articleIndexRow struct {
	tf map[string]int // occurrences, those in the title counted twice
	dl int            // number of terms
}

// newArticleIndexRow makes the index row of an article from the index
// text of its title and of its body, weighing the title as FTS5's
// bm25(2.0, 1.0) does.
func newArticleIndexRow(title, body string) articleIndexRow {
	r := articleIndexRow{tf: map[string]int{}}
	for w, text := range []string{body, title} {
		toks := ftsTokens(text)
		r.dl += len(toks)
		for _, t := range toks {
			r.tf[t] += w + 1
		}
	}
	return r
}

// tsPhrase is the tsquery of tokens in a row.
func tsPhrase(toks []string) string {
	q := make([]string, len(toks))
	for i, t := range toks {
		q[i] = tsLexeme(t)
	}
	if len(q) > 1 {
		return "(" + strings.Join(q, " <-> ") + ")"
	}
	return strings.Join(q, "")
}

// ftsToTsquery translates the FTS5 expressions kb's search builds
// (phrases in double quotes, AND, OR and parentheses) into a tsquery.
func ftsToTsquery(expr string) string {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case c == '"':
			j := i + 1
			var phrase strings.Builder
			for j < len(expr) {
				if expr[j] == '"' {
					if j+1 < len(expr) && expr[j+1] == '"' {
						phrase.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				phrase.WriteByte(expr[j])
				j++
			}
			p := tsPhrase(ftsTokens(phrase.String()))
			if p == "" {
				p = "''" // matches nothing, as an empty FTS5 phrase
			}
			b.WriteString(p)
			i = j
		case c == '(' || c == ')':
			b.WriteByte(c)
		case strings.HasPrefix(expr[i:], "AND"):
			b.WriteString(" & ")
			i += 2
		case strings.HasPrefix(expr[i:], "OR"):
			b.WriteString(" | ")
			i++
		}
	}
	return b.String()
}
