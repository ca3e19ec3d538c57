package lemma

import (
	"strings"
	"unicode/utf8"
)

// rule rewrites the two ends of a form into its lemma: strip the prefix
// cutPre and put addPre, strip the suffix cutSuf and put addSuf. It is the
// edit script of UDPipe's lemmatiser, with the kept middle left implicit.
type rule struct {
	cutPre, addPre, cutSuf, addSuf string
}

func (r rule) String() string {
	return r.cutPre + ">" + r.addPre + "|" + r.cutSuf + ">" + r.addSuf
}

func parseRule(s string) (rule, bool) {
	pre, suf, ok := strings.Cut(s, "|")
	if !ok {
		return rule{}, false
	}
	a, b, ok1 := strings.Cut(pre, ">")
	c, d, ok2 := strings.Cut(suf, ">")
	return rule{a, b, c, d}, ok1 && ok2
}

// apply returns the lemma of form, false when the rule does not fit it.
func (r *rule) apply(form string) (string, bool) {
	if !r.fits(form) {
		return "", false
	}
	return r.addPre + form[len(r.cutPre):len(form)-len(r.cutSuf)] + r.addSuf, true
}

// fits reports whether the rule applies to form.
func (r *rule) fits(form string) bool {
	if len(r.cutPre)+len(r.cutSuf) > len(form) || !strings.HasSuffix(form, r.cutSuf) || !strings.HasPrefix(form, r.cutPre) {
		return false
	}
	empty := len(r.cutPre)+len(r.cutSuf) == len(form)
	return !empty || (r.cutPre == "" && r.cutSuf == "") || r.addPre != "" || r.addSuf != ""
}

// ruleOf returns the rule that maps form to lemma: the longest common
// substring stays, the ends around it are rewritten. When they share
// nothing, the whole form is replaced.
func ruleOf(form, lemma string) rule {
	i, j, n := longestCommon(form, lemma)
	if n == 0 {
		return rule{cutSuf: form, addSuf: lemma}
	}
	return rule{cutPre: form[:i], addPre: lemma[:j], cutSuf: form[i+n:], addSuf: lemma[j+n:]}
}

// longestCommon finds the longest common substring of a and b on rune
// boundaries, the leftmost in a on ties; byte offsets and length.
func longestCommon(a, b string) (int, int, int) {
	bi, bj, bn := 0, 0, 0
	for i := 0; i < len(a); {
		for j := 0; j < len(b); {
			n := 0
			for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
				n++
			}
			for n > 0 && (!utf8.RuneStart(at(a, i+n)) || !utf8.RuneStart(at(b, j+n))) {
				n--
			}
			if n > bn {
				bi, bj, bn = i, j, n
			}
			_, s := utf8.DecodeRuneInString(b[j:])
			j += s
		}
		_, s := utf8.DecodeRuneInString(a[i:])
		i += s
	}
	return bi, bj, bn
}

// at returns s[i], or a rune start byte past the end.
func at(s string, i int) byte {
	if i >= len(s) {
		return 'a'
	}
	return s[i]
}
