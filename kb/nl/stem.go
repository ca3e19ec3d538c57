package nl

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

// envPool recycles Snowball environments: an Env is not safe for concurrent
// use, and a fresh one per word would be the main allocation of Stem.
var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// snowball runs the Snowball Dutch stemmer on w.
func snowball(w string) string {
	env := envPool.Get().(*snowballstem.Env)
	env.SetCurrent(w)
	dutch.Stem(env)
	s := env.Current()
	envPool.Put(env)
	return s
}

// separablePrefixes are the particles that stand before "ge" in the past
// participle of separable verbs ("aangevallen", "uitgevoerd", "vastgesteld").
var separablePrefixes = []string{
	"aan", "af", "bij", "binnen", "door", "in", "mee", "na", "om", "op",
	"over", "terug", "toe", "uit", "vast", "voor", "weg",
}

// geRoots are verb stems that begin with an inseparable "ge": their present
// tense looks like a participle ("gebeurt", "gebruikt"), so their "ge" stays.
var geRoots = []string{
	"gebeur", "gebied", "gebruik", "gedoog", "gedraag", "geloof", "geleid",
	"genees", "geniet", "getuig", "gewen", "gezond", "gevecht", "gewicht",
	"gezicht", "gedicht", "gerecht", "gericht", "gelijk", "geheim", "gewond",
}

// Stem returns the stem of a folded word (Fold output) for search: the
// Snowball Dutch stem, corrected so that the verb forms and plurals of one
// word share a stem ("beschuldigt", "beschuldigd", "beschuldigen",
// "beschuldigde" and "gehackt", "hacken", "hackt"). The corrections undouble
// a final consonant ("aanvall" → "aanval"), drop the "ge" of weak past
// participles ("gesteund", "vastgesteld") and of separable strong ones
// ("aangevallen"), read "-ies" and "'s" as plurals, turn a final v or z
// into f or s ("bedrijven" → "bedrijf"), keep "-heid" nouns whole (Snowball
// would turn "overheid" into the preposition "over"), and strip a final t or
// d and restem as if before "-en", so that the -t, -d, -de and -en forms
// meet. The past forms of strong verbs take the stem of their infinitive
// ("stal" → "stelen", "zei" → "zeggen", "was" → "zijn"; see strongVerbs),
// which may be longer than the form; other words of three letters or fewer
// and tokens with a digit are returned unchanged, and so are the names of
// months and weekdays. The price of the
// t/d rule is that a few unrelated words meet ("markt" and "mark", "staat"
// and "stad", "maand" and "man"), which search tolerates better than split
// verb forms. Stem is safe for concurrent use.
func Stem(norm string) string {
	sh := &stemShards[stemShard(norm)]
	sh.mu.RLock()
	s, ok := sh.m[norm]
	sh.mu.RUnlock()
	if ok {
		return s
	}
	s = stem(norm)
	sh.mu.Lock()
	if len(sh.m) >= stemShardSize {
		// A crude bound: words are Zipf-distributed, so the frequent ones
		// come back at once after a reset.
		clear(sh.m)
	}
	s = strings.Clone(s) // not a slice of the caller's text, which the cache would keep alive
	sh.m[strings.Clone(norm)] = s
	sh.mu.Unlock()
	return s
}

// The stems of words seen before, in shards so that the goroutines that
// prepare articles in parallel rarely wait for each other: stemming is about
// half of the analysis of an article, and a handful of words make up most
// of any text.
const (
	stemShardCount = 64
	stemShardSize  = 4096 // words per shard; 262,144 in all, about 20 MB at most
)

var stemShards [stemShardCount]struct {
	mu sync.RWMutex
	m  map[string]string
}

func init() {
	for i := range stemShards {
		stemShards[i].m = make(map[string]string)
	}
}

// stemShard picks the shard of a word (FNV-1a).
func stemShard(w string) int {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return int(h % stemShardCount)
}

// stem is Stem without the cache.
func stem(norm string) string {
	if inf, ok := strongStem(norm); ok && inf != norm {
		return Stem(inf) // "stal", "gestolen" → the stem of "stelen"; "zei" → "zeggen"
	}
	if utf8.RuneCountInString(norm) <= 3 || hasDigit(norm) || MonthNumber(norm) > 0 {
		return norm // "maart" must not become the stem of "maar"
	}
	if _, ok := weekdays[norm]; ok {
		return norm
	}
	if s, ok := heidStem(norm); ok {
		return s
	}
	w := strings.TrimSuffix(norm, "'s") // "pc's", "auto's"
	if len(w) >= 7 && strings.HasSuffix(w, "ies") {
		w = w[:len(w)-1] // "ministeries", "instanties": Snowball keeps this s
	}
	w = stripParticiple(w)
	s := undouble(snowball(w))
	for range 4 {
		if len(s) <= 3 || !endsTD(s) {
			break
		}
		root := s[:len(s)-1]
		if s = undouble(snowball(root + "en")); len(s) > len(root) {
			s = root // Snowball keeps "-en" after a vowel: "moet" → "moe", not "moeen"
		}
	}
	if len(s) > 3 && endsTD(s) {
		s = s[:len(s)-1]
	}
	// A stem never ends in v or z where the singular has f or s:
	// "bedrijven" → "bedrijf", "huizen" → "huis", "geven" → "geef".
	if len(s) >= 3 {
		switch s[len(s)-1] {
		case 'v':
			s = s[:len(s)-1] + "f"
		case 'z':
			s = s[:len(s)-1] + "s"
		}
	}
	return s
}

// heidStem maps "overheid" and "overheden" to "overheid".
func heidStem(w string) (string, bool) {
	switch {
	case len(w) > 6 && strings.HasSuffix(w, "heden"):
		return w[:len(w)-5] + "heid", true
	case len(w) > 5 && strings.HasSuffix(w, "heid"):
		return w, true
	}
	return "", false
}

// stripParticiple removes the "ge" of a weak past participle: "gehackt" →
// "hackt", "uitgevoerd" → "uitvoerd". The rest must keep four letters, so
// that "geeft", "geest" and "uitgeven" stay as they are.
func stripParticiple(w string) string {
	if strings.HasSuffix(w, "en") && !strings.HasSuffix(w, "ingen") {
		// A strong participle of a separable verb: "aangevallen",
		// "opgelopen". A bare "ge-…-en" is too often a noun ("gevallen",
		// "gesprekken") to touch.
		for _, p := range separablePrefixes {
			if rest, ok := strings.CutPrefix(w, p+"ge"); ok && len(rest) >= 5 {
				return p + rest
			}
		}
		return w
	}
	if !endsTD(w) {
		return w
	}
	prefix := ""
	rest := w
	if !strings.HasPrefix(w, "ge") {
		for _, p := range separablePrefixes {
			if strings.HasPrefix(w, p) && strings.HasPrefix(w[len(p):], "ge") {
				prefix, rest = p, w[len(p):]
				break
			}
		}
		if prefix == "" {
			return w
		}
	}
	for _, r := range geRoots {
		if strings.HasPrefix(rest, r) {
			return w
		}
	}
	if len(rest)-2 < 4 {
		return w
	}
	return prefix + rest[2:]
}

// endsTD reports whether s ends in t or d.
func endsTD(s string) bool {
	c := s[len(s)-1]
	return c == 't' || c == 'd'
}

// undouble removes the last letter of a final double consonant.
func undouble(s string) string {
	n := len(s)
	if n < 4 || s[n-1] != s[n-2] {
		return s
	}
	switch s[n-1] {
	case 'b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'z':
		return s[:n-1]
	}
	return s
}

// hasDigit reports whether s contains an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// StemText returns the stems of all Tokens of s, separated by single spaces,
// for the FTS5 index and for FTS5 queries. The parts of a compound with a
// hyphen are stemmed apart ("EU-buitenlandchef" → "eu buitenlandchef"), as
// FTS5 would split them anyway; a possessive "'s" is dropped ("China's" →
// "china"). Inside numbers the dots and commas are dropped, so "1.200" and
// "1200" match; the price is that "3,5" becomes "35".
func StemText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, t := range Tokens(s) {
		norm := t.Norm
		if hasDigit(norm) {
			writeSep(&b)
			for i := 0; i < len(norm); i++ {
				c := norm[i]
				if c == '.' || c == ',' {
					continue
				}
				if c == '-' || c == '\'' {
					c = ' '
				}
				b.WriteByte(c)
			}
			continue
		}
		for part := range strings.FieldsFuncSeq(norm, func(r rune) bool { return r == '-' || r == '\'' || unicode.IsSpace(r) }) {
			if part == "s" && strings.Contains(norm, "'s") {
				continue
			}
			writeSep(&b)
			b.WriteString(Stem(part))
		}
	}
	return b.String()
}

// writeSep writes a space unless b is empty.
func writeSep(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
}
