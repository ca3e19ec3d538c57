package qa

import (
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// An answer that holds another ("ZTE, Huawei en Area 1" holds "ZTE en
// Huawei"; a sentence holds the names in it) is right whenever the one it
// holds is, so the probability that the answer given is right is its own
// share and the shares of the answers it holds. Without this, candidates
// that agree split the confidence between them and the engine says "weet
// ik niet" the more surely, the more ways the articles give the answer.

// answerHolds reports whether answer outer holds all of inner: every item
// of inner, or its text, stands in outer at a word start.
func answerHolds(outer, inner bot.Answer) bool { return holdsParts(foldedAnswer(outer), inner) }

// foldedAnswer is an answer's text and items, folded, to look parts up in.
func foldedAnswer(a bot.Answer) string {
	return nl.Fold(a.Text + " | " + strings.Join(a.Items, " | "))
}

// holdsParts reports whether the folded text holds every item of inner,
// or its text.
func holdsParts(text string, inner bot.Answer) bool {
	parts := inner.Items
	if len(parts) == 0 {
		parts = []string{inner.Text}
	}
	for _, p := range parts {
		p = nl.Fold(strings.Trim(p, " .,;:!?"))
		if len([]rune(p)) < 2 || !atWordStart(text, p) {
			return false
		}
	}
	return true
}

// atWordStart reports whether s holds sub starting at a word start and
// ending at a word end.
func atWordStart(s, sub string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		at, end := i+j, i+j+len(sub)
		if (at == 0 || !isWordByte(s[at-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = at + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// pooledShare is the share of the answer at index best with the shares of
// the answers it holds.
func pooledShare(answers []bot.Answer, shares []float64, best int) float64 {
	p, text := shares[best], foldedAnswer(answers[best])
	for i, a := range answers {
		if i != best && holdsParts(text, a) {
			p += shares[i]
		}
	}
	return p
}
