// Package corpus generates a deterministic synthetic corpus of Dutch-like
// news articles, and questions that match it, for benchmarks and smoke
// tests at sizes no real archive in the repository has.
//
// The articles have the features real ones have: a title line or none, a
// date marker, an ANP dateline, headings, accusation, denial and support
// sentences in several patterns, quotes with speakers in curly and straight
// quotes, roles, numbers and dates, "Meer uit" page furniture and a
// trailing URL. Actors come from pools of states, hacker groups, agencies,
// companies and persons, drawn with a Zipf law so that some are everywhere
// (like China in a cyber archive) and most are rare. The filler vocabulary
// has a long tail of compound-like words, so the index grows as a real
// archive's does.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Article is one generated article file.
type Article struct {
	Name string // file name, e.g. "0000123.txt"
	Text []byte
}

// gen draws the parts of one article.
type gen struct {
	r       *rand.Rand
	stateZ  *rand.Zipf
	groupZ  *rand.Zipf
	personZ *rand.Zipf
	wordZ   *rand.Zipf
}

// vocabulary is the size of the long tail of filler words.
const vocabulary = 60000

func newGen(seed int64, i int) *gen {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
	return &gen{
		r:       r,
		stateZ:  rand.NewZipf(r, 1.3, 1, uint64(len(states)-1)),
		groupZ:  rand.NewZipf(r, 1.2, 2, numGroups-1),
		personZ: rand.NewZipf(r, 1.1, 3, numPersons-1),
		wordZ:   rand.NewZipf(r, 1.05, 5, vocabulary-1),
	}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *gen) chance(p float64) bool     { return g.r.Float64() < p }
func (g *gen) state() actor              { return states[g.stateZ.Uint64()] }
func (g *gen) group() string             { return groupName(int(g.groupZ.Uint64())) }
func (g *gen) person() person            { return personAt(int(g.personZ.Uint64())) }
func (g *gen) agency() actor             { return agencies[g.r.IntN(len(agencies))] }
func (g *gen) company() actor            { return companies[g.r.IntN(len(companies))] }
func (g *gen) tail() string              { return pseudoWord(int(g.wordZ.Uint64())) }

// scenario is what one article is about.
type scenario struct {
	topic         *topic
	accusers      []actor
	target        actor
	group         string
	agency        actor
	company       actor
	sector        int
	event         string
	persons       []person
	year, month   int
	day           int
	supportState  actor
	count         int
	eventDay      int
	patchedDay    int
	patchedMonth  int
	anp           bool
	curlyQuotes   bool
	headingChance float64
}

func (g *gen) scenario() scenario {
	s := scenario{
		topic:   g.topic(),
		target:  g.state(),
		group:   g.group(),
		agency:  g.agency(),
		company: g.company(),
		year:    2015 + g.r.IntN(12),
		month:   1 + g.r.IntN(12),
		day:     1 + g.r.IntN(28),
		anp:     g.chance(0.35),
	}
	s.sector = g.r.IntN(len(s.topic.sectors))
	s.curlyQuotes = g.chance(0.6)
	s.headingChance = 0.15
	s.event = fmt.Sprintf(g.pick(s.topic.events), s.sec().name)
	for n := 1 + g.r.IntN(4); len(s.accusers) < n; {
		a := g.state()
		if a.name == s.target.name || containsActor(s.accusers, a) {
			if g.chance(0.3) {
				break // a small pool: give up rather than loop
			}
			continue
		}
		s.accusers = append(s.accusers, a)
	}
	if len(s.accusers) == 0 {
		s.accusers = []actor{organisations[g.r.IntN(len(organisations))]}
	}
	if g.chance(0.2) {
		s.accusers = append(s.accusers, organisations[g.r.IntN(len(organisations))])
	}
	for range 2 + g.r.IntN(3) {
		s.persons = append(s.persons, g.person())
	}
	s.supportState = g.state()
	s.count = g.count()
	s.eventDay = 1 + g.r.IntN(28)
	s.patchedDay = 1 + g.r.IntN(28)
	s.patchedMonth = s.month
	return s
}

// topic draws a topic by weight.
func (g *gen) topic() *topic {
	total := 0
	for _, t := range topics {
		total += t.weight
	}
	n := g.r.IntN(total)
	for i := range topics {
		if n < topics[i].weight {
			return &topics[i]
		}
		n -= topics[i].weight
	}
	return &topics[len(topics)-1]
}

func (s scenario) sec() sector { return s.topic.sectors[s.sector] }

// noun is a word of the topic or of news in general.
func (g *gen) noun(s scenario) string {
	if g.chance(0.5) {
		return g.pick(s.topic.nouns)
	}
	return g.pick(nouns)
}

func containsActor(list []actor, a actor) bool {
	for _, x := range list {
		if x.name == a.name {
			return true
		}
	}
	return false
}

// count is a number of things struck, with the spread of real reports.
func (g *gen) count() int {
	switch g.r.IntN(4) {
	case 0:
		return 10 + g.r.IntN(990)
	case 1:
		return 100 * (1 + g.r.IntN(99))
	case 2:
		return 1000 * (1 + g.r.IntN(500))
	default:
		return 1 + g.r.IntN(40)
	}
}

// formatCount writes a number as Dutch newsrooms do: 1200, 1.200, 3,5
// miljoen, twintig.
func (g *gen) formatCount(n int) string {
	words := []string{"", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
		"elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"}
	switch {
	case n <= 20 && g.chance(0.7):
		return words[n]
	case n >= 1_000_000 && n%100_000 == 0:
		m := n / 100_000
		if m%10 == 0 {
			return strconv.Itoa(m/10) + " miljoen"
		}
		return strconv.Itoa(m/10) + "," + strconv.Itoa(m%10) + " miljoen"
	case n >= 1000 && g.chance(0.5):
		s := strconv.Itoa(n)
		return s[:len(s)-3] + "." + s[len(s)-3:]
	}
	return strconv.Itoa(n)
}

// names joins actors Dutch-style: "de VS, het Verenigd Koninkrijk en Japan".
func names(as []actor) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.subj
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " en " + parts[len(parts)-1]
}

func plural(as []actor) bool { return len(as) > 1 || as[0].plural }

func verb(as []actor, sing, plur string) string {
	if plural(as) {
		return plur
	}
	return sing
}

func capFirst(s string) string {
	if s == "" {
		return s
	}
	if strings.HasPrefix(s, "de ") || strings.HasPrefix(s, "het ") {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func (g *gen) quoteMarks(s scenario, text string) string {
	if s.curlyQuotes {
		return "“" + text + "”"
	}
	if g.chance(0.5) {
		return "'" + text + "'"
	}
	return `"` + text + `"`
}

// filler is a sentence of background with the archive's long tail of words.
func (g *gen) filler(s scenario) string {
	var b strings.Builder
	b.WriteString(capFirst("de " + g.pick(adjectives) + " " + g.noun(s)))
	b.WriteString(" " + g.pick(verbs) + " " + g.pick(adverbs) + " de " + g.noun(s))
	for range 1 + g.r.IntN(3) {
		switch g.r.IntN(4) {
		case 0:
			b.WriteString(" van de " + g.tail())
		case 1:
			b.WriteString(" en de " + g.pick(adjectives) + " " + g.tail())
		case 2:
			b.WriteString(" bij " + g.tail() + " in " + g.state().name)
		default:
			b.WriteString(" voor " + g.tail() + " en " + g.tail())
		}
	}
	b.WriteString(".")
	return b.String()
}

func (g *gen) clause(s scenario) string {
	return fmt.Sprintf("de %s %s %s moet worden", g.pick(adjectives), g.noun(s), g.pick([]string{"beter", "sneller", "strenger", "zorgvuldiger"})+" "+g.pick([]string{"beveiligd", "onderzocht", "aangepakt", "gecontroleerd"}))
}

// sentence is one sentence of the kind k for the scenario.
func (g *gen) sentence(s scenario, k int) string {
	acc := s.accusers
	p := s.persons[g.r.IntN(len(s.persons))]
	switch k {
	case kAccuse:
		switch g.r.IntN(6) {
		case 0:
			return fmt.Sprintf("%s %s %s %s van %s.", capFirst(names(acc)), verb(acc, "beschuldigt", "beschuldigen"), s.target.subj, g.pick(adverbs), s.event)
		case 1:
			return fmt.Sprintf("%s %s %s verantwoordelijk voor %s.", capFirst(names(acc)), verb(acc, "houdt", "houden"), s.target.subj, s.event)
		case 2:
			return fmt.Sprintf("Volgens %s zit de hackersgroep %s achter %s.", s.agency.subj, s.group, s.event)
		case 3:
			return fmt.Sprintf("%s wordt door %s beschuldigd van %s.", capFirst(s.target.subj), names(acc), s.event)
		case 4:
			return fmt.Sprintf("%s %s %s verantwoordelijk voor %s.", capFirst(names(acc)), verb(acc, "stelt", "stellen"), s.target.subj, s.event)
		default:
			dem := demonyms[s.target.name]
			if dem == "" {
				return fmt.Sprintf("%s beschuldigde %s %s van %s.", p.name, s.target.subj, g.pick(adverbs), s.event)
			}
			return fmt.Sprintf("De hackersgroep %s zou werken in opdracht van de %s regering, stelt %s.", s.group, dem, s.agency.subj)
		}
	case kDeny:
		switch g.r.IntN(4) {
		case 0:
			return fmt.Sprintf("%s ontkent elke betrokkenheid bij %s.", capFirst(s.target.subj), s.event)
		case 1:
			return fmt.Sprintf("%s heeft de beschuldigingen %s ontkend.", capFirst(s.target.subj), g.pick(adverbs))
		case 2:
			return fmt.Sprintf("%s noemt de beschuldigingen van %s ongegrond.", capFirst(s.target.subj), names(acc))
		default:
			return fmt.Sprintf("%s verwerpt de aantijgingen.", capFirst(s.target.subj))
		}
	case kSupport:
		if s.supportState.name == s.target.name {
			return g.filler(s)
		}
		return fmt.Sprintf("%s %s de verklaring van %s.", capFirst(s.supportState.subj), verb([]actor{s.supportState}, "steunt", "steunen"), names(acc[:1]))
	case kQuote:
		q := fmt.Sprintf("We nemen deze %s %s zeer serieus", g.pick(adjectives), g.noun(s))
		switch g.r.IntN(4) {
		case 0:
			return fmt.Sprintf("%s, zegt %s, %s.", g.quoteMarks(s, q), p.name, p.role)
		case 1:
			return fmt.Sprintf("%s %s zei: %s", strings.ToUpper(p.role[:1])+p.role[1:], p.name, g.quoteMarks(s, "Dit is een "+g.pick(adjectives)+" "+g.noun(s)+"."))
		case 2:
			return fmt.Sprintf("%s zei %s dat %s.", p.name, g.pick(adverbs), g.clause(s))
		default:
			return fmt.Sprintf("%s, aldus %s.", g.quoteMarks(s, q), p.name)
		}
	case kRole:
		return fmt.Sprintf("%s, %s, %s de %s van %s.", p.name, p.role, g.pick(verbs), g.noun(s), g.tail())
	case kNumber:
		sec := s.sec()
		switch g.r.IntN(3) {
		case 0:
			if !s.topic.accuse {
				return fmt.Sprintf("Bij de %s gaat het om %s %s.", sec.name, g.formatCount(s.count), sec.unit)
			}
			return fmt.Sprintf("Bij de aanval zijn %s %s van %s getroffen.", g.formatCount(s.count), sec.unit, sec.name)
		case 1:
			return fmt.Sprintf("Volgens %s gaat het om ruim %s %s in %s.", s.agency.subj, g.formatCount(s.count), sec.unit, s.target.name)
		default:
			return fmt.Sprintf("De schade wordt geschat op %d miljoen euro.", 1+g.r.IntN(900))
		}
	case kDate:
		if !s.topic.accuse {
			return fmt.Sprintf("Het besluit over de %s viel op %d %s %d.", s.sec().name, s.eventDay, months[s.month-1], s.year)
		}
		if g.chance(0.5) {
			return fmt.Sprintf("De aanval op de %s begon op %d %s %d.", s.sec().name, s.eventDay, months[s.month-1], s.year)
		}
		return fmt.Sprintf("%s dichtte het lek op %d %s.", s.company.subj, s.patchedDay, months[s.patchedMonth-1])
	}
	return g.filler(s)
}

// Sentence kinds of the mix.
const (
	kFiller = iota
	kAccuse
	kDeny
	kSupport
	kQuote
	kRole
	kNumber
	kDate
)

// Make returns the i-th article of the corpus with the given seed. The same
// (seed, i) always gives the same article whatever the corpus size, so a
// small corpus is the start of a larger one.
func Make(seed int64, i int) Article {
	g := newGen(seed, i)
	s := g.scenario()
	var b strings.Builder
	if g.chance(0.8) {
		switch n := g.r.IntN(3); {
		case n == 0 && s.topic.accuse:
			b.WriteString(fmt.Sprintf("%s %s %s van %s", capFirst(names(s.accusers[:1])), verb(s.accusers[:1], "beschuldigt", "beschuldigen"), s.target.subj, s.event))
		case n <= 1:
			b.WriteString(fmt.Sprintf("%s: %s na %s", strings.ToUpper(s.sec().name[:1])+s.sec().name[1:], g.formatCount(s.count)+" "+s.sec().unit, s.event))
		default:
			b.WriteString(g.quoteMarks(s, fmt.Sprintf("%s moet stoppen met %s", s.target.name, strings.TrimPrefix(s.event, "een "))))
		}
		b.WriteString("\n\n")
	}
	if g.chance(0.5) {
		if g.chance(0.5) {
			fmt.Fprintf(&b, "date %04d-%02d\n\n", s.year, s.month)
		} else {
			fmt.Fprintf(&b, "date %04d-%02d-%02d\n\n", s.year, s.month, s.day)
		}
	}
	if s.anp {
		fmt.Fprintf(&b, "%s (ANP) - ", g.pick(places))
	}
	// The lead: who accuses whom, or what happened.
	if s.topic.accuse {
		b.WriteString(g.sentence(s, kAccuse))
	} else {
		b.WriteString(g.sentence(s, kNumber))
	}
	b.WriteString(" ")
	b.WriteString(g.sentence(s, kFiller))
	paragraphs := 5 + g.r.IntN(8)
	for range paragraphs {
		b.WriteString("\n\n")
		if g.chance(s.headingChance) {
			b.WriteString(capFirst(g.pick(adjectives)+" "+g.noun(s)) + " bij " + s.sec().name + "\n\n")
		}
		for j := range 2 + g.r.IntN(3) {
			if j > 0 {
				b.WriteString(" ")
			}
			b.WriteString(g.sentence(s, s.topic.mix[g.r.IntN(len(s.topic.mix))]))
		}
	}
	b.WriteString("\n")
	if g.chance(0.25) {
		fmt.Fprintf(&b, "\nMeer uit %s\n\n", s.topic.section)
		for range 3 + g.r.IntN(3) {
			b.WriteString(capFirst("de " + g.pick(nouns) + " " + g.pick(verbs) + " " + g.tail()))
			b.WriteString("\n")
		}
	}
	if g.chance(0.7) {
		fmt.Fprintf(&b, "\nhttps://nieuws.example.nl/%s/%04d/%02d/%02d/%s-%d\n",
			strings.ToLower(s.topic.section), s.year, s.month, s.day, strings.ReplaceAll(s.sec().name, " ", "-"), i)
	}
	return Article{Name: fmt.Sprintf("%07d.txt", i), Text: []byte(b.String())}
}

// Generate writes the first n articles of the corpus with the given seed
// into dir, one file each, and returns the number of bytes written.
func Generate(seed int64, n int, dir string) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("corpus: %w", err)
	}
	var total int64
	for i := range n {
		a := Make(seed, i)
		if err := os.WriteFile(filepath.Join(dir, a.Name), a.Text, 0o644); err != nil {
			return total, fmt.Errorf("corpus: write %s: %w", a.Name, err)
		}
		total += int64(len(a.Text))
	}
	return total, nil
}
