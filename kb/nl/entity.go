package nl

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed entities.tsv
var entitiesTSV string

// kindProduct marks products such as "Microsoft Exchange": they are matched
// so that the company inside them is not taken for a party, but they are
// never reported as mentions.
const kindProduct EntityKind = "product"

// The forms in which an entity can be named.
const (
	formName   uint8 = iota // its name or an alias: "VS"
	formAdj                 // an adjective: "Amerikaanse"
	formPeople              // its inhabitants: "Amerikanen"
)

// Case requirements of one word of an alias.
const (
	caseAny   uint8 = iota // "politie"
	caseCap                // "Witte": the text must be capitalised too
	caseUpper              // "VS": the text must be upper case too
)

// word is a token split further at hyphens, so that "EU-buitenlandchef"
// gives "EU" and "buitenlandchef" and "Noord-Korea" matches "Noord Korea".
type word struct {
	Text       string // as it stands, without a possessive 's
	Key        string // folded Text
	Start, End int    // byte offsets, End includes a possessive 's
	Cap, Upper bool   // starts upper case; all letters upper case (two or more)
	Joined     bool   // joined to the previous word by a hyphen
	Digits     bool   // only digits
}

// splitWords splits s into words: the tokens of Tokens, split further at
// hyphens. Plain ASCII text takes a fast path that folds without Tokens.
func splitWords(s string) []word {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '`' {
			return splitWordsSlow(s)
		}
	}
	ws := make([]word, 0, len(s)/6+1)
	isWord := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	start := -1
	joined := false
	flush := func(end int) {
		if start >= 0 {
			ws = append(ws, makeWordNorm(s[start:end], start, joined, asciiLower(s[start:end])))
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isWord(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		if start >= 0 && isWord(next) {
			switch {
			case c == '-':
				flush(i)
				joined = true
				continue
			case c == '\'' || c == '`':
				continue
			case (c == '.' || c == ',') && isDigit(s[i-1]) && isDigit(next):
				continue
			}
		}
		flush(i)
		joined = false
	}
	flush(len(s))
	return ws
}

// asciiLower lower-cases ASCII s, allocating only when it must.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// splitWordsSlow is splitWords for text with non-ASCII letters.
func splitWordsSlow(s string) []word {
	toks := Tokens(s)
	ws := make([]word, 0, len(toks)+4)
	for _, t := range toks {
		if !strings.ContainsAny(t.Text, "-\u2010\u2011") {
			ws = append(ws, makeWordNorm(t.Text, t.Start, false, t.Norm))
			continue
		}
		start := 0
		joined := false
		for i := 0; i <= len(t.Text); {
			if i < len(t.Text) {
				r, size := utf8.DecodeRuneInString(t.Text[i:])
				if !isHyphen(r) {
					i += size
					continue
				}
				if i > start {
					ws = append(ws, makeWord(t.Text[start:i], t.Start+start, joined))
				}
				joined = true
				i += size
				start = i
				continue
			}
			if i > start {
				ws = append(ws, makeWord(t.Text[start:], t.Start+start, joined))
			}
			break
		}
	}
	return ws
}

// makeWord builds the word for text at offset start.
func makeWord(text string, start int, joined bool) word {
	return makeWordNorm(text, start, joined, Fold(text))
}

// makeWordNorm is makeWord with Fold(text) given.
func makeWordNorm(text string, start int, joined bool, norm string) word {
	w := word{Start: start, End: start + len(text), Joined: joined}
	for _, suf := range [...]string{"'s", "\u2019s", "'", "\u2019"} {
		if len(text) > len(suf)+1 && strings.HasSuffix(text, suf) {
			text = text[:len(text)-len(suf)]
			norm = strings.TrimSuffix(strings.TrimSuffix(norm, "s"), "'")
			break
		}
	}
	w.Text = text
	w.Key = norm
	w.Cap = IsCapitalized(text)
	letters, upper, digits := 0, 0, 0
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digits++
		}
	}
	w.Upper = letters >= 2 && upper == letters
	w.Digits = digits > 0 && letters == 0 && digits == utf8.RuneCountInString(text)
	return w
}

// phrase is one way of naming an entity, as a sequence of word keys.
type phrase struct {
	keys  []string
	cases []uint8
	ent   int
	form  uint8
}

// Recognizer finds entities, claims, roles and quotes in Dutch news
// sentences. It is built once with NewRecognizer and safe for concurrent use.
//
// Entities come from golang.org/x/text (every country, Dutch and English
// names) and from the curated table entities.tsv (short forms, demonyms,
// metonyms, organisations, agencies, groups, companies, media, well-known
// persons); patterns add code names of letters and a number (APT40, UNC2452),
// ministries, names after a cue word ("hackersgroep X", "beveiligingsbedrijf
// Y") and persons. See entities.tsv for the naming decisions (Engeland is
// the United Kingdom; "Europese" alone is not the EU; Brussel and Den Haag
// stay places).
type Recognizer struct {
	ents    []Entity
	index   map[string][]phrase   // by the key of the first word, longest first
	resolve map[string]int        // folded alias, words joined by one space → entity
	series  map[string]codeSeries // letters of the table's code names (APT of APT40) → what they name
}

// NewRecognizer builds a Recognizer from the curated entity table and the
// Dutch and English country names of golang.org/x/text.
func NewRecognizer() *Recognizer {
	r := &Recognizer{index: map[string][]phrase{}, resolve: map[string]int{}}
	if err := r.load(entitiesTSV); err != nil {
		// The table is embedded and tested: a broken table is a build bug.
		panic(err)
	}
	for k := range r.index {
		ps := r.index[k]
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].keys) > len(ps[j].keys) })
	}
	return r
}

// load reads the curated table, then adds the generated country names.
func (r *Recognizer) load(table string) error {
	rows, byName, err := r.readTable(table)
	if err != nil {
		return err
	}
	aliasOf := map[string]int{}
	for _, rw := range rows {
		for _, a := range rw.aliases {
			aliasOf[Fold(a)] = byName[Fold(rw.name)]
		}
	}
	r.addCountries(byName, aliasOf)
	for _, rw := range rows {
		i := byName[Fold(rw.name)]
		r.add(rw.name, i, formName)
		for _, a := range rw.aliases {
			r.add(a, i, formName)
		}
		for _, a := range rw.adjs {
			r.add(a, i, formAdj)
		}
		for _, a := range rw.peoples {
			r.add(a, i, formPeople)
		}
		for _, f := range append([]string{rw.name}, rw.aliases...) {
			r.addSeries(f, r.ents[i].Kind)
		}
	}
	return nil
}

// entityRow is a line of entities.tsv: a name and its other forms.
type entityRow struct {
	name                   string
	aliases, adjs, peoples []string
}

// readTable reads entities.tsv into the recognizer's entities, and
// returns its rows and each entity's index by folded name.
func (r *Recognizer) readTable(table string) ([]entityRow, map[string]int, error) {
	byName := map[string]int{}
	var rows []entityRow
	list := func(s string) []string {
		if s == "-" || s == "" {
			return nil
		}
		return strings.Split(s, "|")
	}
	for n, line := range strings.Split(table, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, nil, fmt.Errorf("nl: entities.tsv line %d: %d fields, want 6", n+1, len(f))
		}
		e := Entity{Name: f[0], Kind: EntityKind(f[1]), Members: list(f[5])}
		switch e.Kind {
		case Country, Organisation, Agency, Group, Person, Company, Media, Place, kindProduct:
		default:
			return nil, nil, fmt.Errorf("nl: entities.tsv line %d: unknown kind %q", n+1, f[1])
		}
		if _, dup := byName[Fold(e.Name)]; dup {
			return nil, nil, fmt.Errorf("nl: entities.tsv line %d: duplicate entity %q", n+1, e.Name)
		}
		byName[Fold(e.Name)] = len(r.ents)
		r.ents = append(r.ents, e)
		rows = append(rows, entityRow{e.Name, list(f[2]), list(f[3]), list(f[4])})
	}
	return rows, byName, nil
}

// addCountries adds every country CLDR names, in Dutch and English, to
// the curated one of that name or alias, or as a new entity.
func (r *Recognizer) addCountries(byName, aliasOf map[string]int) {
	nlNames, enNames := display.Dutch.Regions(), display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			reg, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !reg.IsCountry() || reg.Canonicalize() != reg {
				continue
			}
			name := strings.TrimSuffix(nlNames.Name(reg), " SAR van China")
			if name == "" {
				continue
			}
			i, ok := byName[Fold(name)]
			if !ok {
				// "Belarus" is an alias of the curated "Wit-Rusland".
				i, ok = aliasOf[Fold(name)]
			}
			if !ok {
				i = len(r.ents)
				byName[Fold(name)] = i
				r.ents = append(r.ents, Entity{Name: name, Kind: Country})
				r.add(name, i, formName)
			}
			if en := enNames.Name(reg); en != "" && !strings.ContainsAny(en, "()&") {
				r.add(en, i, formName)
			}
		}
	}
}

// add indexes one alias of entity i.
func (r *Recognizer) add(alias string, i int, form uint8) {
	ws := splitWords(alias)
	if len(ws) == 0 {
		return
	}
	p := phrase{ent: i, form: form}
	for _, w := range ws {
		c := caseAny
		switch {
		case w.Upper && len(w.Text) <= 3:
			c = caseUpper
		case w.Cap:
			c = caseCap
		}
		p.keys = append(p.keys, w.Key)
		p.cases = append(p.cases, c)
	}
	key := strings.Join(p.keys, " ")
	if _, ok := r.resolve[key]; !ok || form == formName {
		if old, ok := r.resolve[key]; !ok || old == i || form == formName {
			r.resolve[key] = i
		}
	}
	for _, q := range r.index[p.keys[0]] {
		if strings.Join(q.keys, " ") == key {
			return
		}
	}
	r.index[p.keys[0]] = append(r.index[p.keys[0]], p)
}

// Entities lists every curated and generated entity, products excluded.
func (r *Recognizer) Entities() []Entity {
	out := make([]Entity, 0, len(r.ents))
	for _, e := range r.ents {
		if e.Kind != kindProduct {
			out = append(out, cloneEntity(e))
		}
	}
	return out
}

// cloneEntity copies e so callers cannot change the recognizer's members.
func cloneEntity(e Entity) Entity {
	if e.Members != nil {
		e.Members = append([]string(nil), e.Members...)
	}
	return e
}

// Resolve maps a name or alias as a user types it ("vs", "Amerika",
// "amerikaanse", "apt 40", "borrell") to its entity. Case, diacritics,
// hyphens and a leading article do not matter.
func (r *Recognizer) Resolve(name string) (Entity, bool) {
	ws := splitWords(name)
	if len(ws) > 1 && (ws[0].Key == "de" || ws[0].Key == "het" || ws[0].Key == "the") {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return Entity{}, false
	}
	keys := make([]string, len(ws))
	for i, w := range ws {
		keys[i] = w.Key
	}
	if len(ws) == 1 && !ws[0].Upper && ambiguousShort[ws[0].Key] {
		return Entity{}, false // "om", "us": words first, abbreviations only in capitals
	}
	if i, ok := r.resolve[strings.Join(keys, " ")]; ok && r.ents[i].Kind != kindProduct {
		return cloneEntity(r.ents[i]), true
	}
	if n := len(keys); n >= 2 && govNouns[keys[n-1]] { // "chinese overheid", "Britse regering"
		if i, ok := r.resolve[strings.Join(keys[:n-1], " ")]; ok && r.ents[i].Kind == Country {
			return cloneEntity(r.ents[i]), true
		}
	}
	if e, ok := r.resolveCode(ws); ok {
		return e, true
	}
	if len(ws) > 2 && ws[0].Key == "ministerie" && (ws[1].Key == "van" || ws[1].Key == "voor") {
		parts := make([]string, 0, len(ws)-2)
		for _, w := range ws[2:] {
			if w.Key == "en" {
				parts = append(parts, "en")
				continue
			}
			parts = append(parts, titleCase(w.Text))
		}
		n := "Ministerie van " + strings.Join(parts, " ")
		if i, ok := r.resolve[Fold(n)]; ok {
			return cloneEntity(r.ents[i]), true
		}
		return Entity{Name: n, Kind: Agency}, true
	}
	return Entity{}, false
}

// titleCase upper-cases the first letter of s.
func titleCase(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// mention is a Mention with what the claim extractor needs to know.
type mention struct {
	Mention
	w0, w1   int   // words [w0, w1)
	form     uint8 // formName, formAdj, formPeople
	gov      bool  // "de Chinese overheid": the adjective names the state
	modifier bool  // first part of a compound: "EU-buitenlandchef", "Exchange-hack"
	ref      bool  // a reference such as "deze landen", resolved by Analyze
	refs     []Entity
	product  bool
	// state is the state an adjective inside the name names: Rusland for
	// "het Russische ministerie van Buitenlandse Zaken".
	state *Mention
	skip  bool // words that are no name ("Buitenlandse Zaken"): step over them
	// via is the preposition before the mention, also skipping adjectives,
	// cue and role words: "volgens" for "volgens beveiligingsbedrijf X".
	via string
}

// cueName is a name found after a cue word ("hackersgroep Sandworm").
type cueName struct {
	keys []string
	ent  Entity
}

// articleCtx is what Analyze has learnt from the sentences before.
type articleCtx struct {
	persons map[string]string    // surname key → full name
	names   map[string][]cueName // by first word key: names found after a cue
	// The parties "deze landen", "de bedrijven", "het land" and "de
	// hackers" refer to, from the sentences before.
	lastStates, lastCompanies, lastGroups []Entity
	lastCountry, lastAgency               *Entity
	lastSpeaker                           *Entity  // of the last quote, for a quote that goes on
	lastPerson                            *Entity  // "hij" or "zij" in the next sentence
	source                                []Entity // the headline's source: "AIVD: …"
	lastSource                            []Entity // "volgens X" of the sentence before
}

// Mentions returns the entities named in one sentence, in order,
// non-overlapping, longest match first.
func (r *Recognizer) Mentions(sentence string) []Mention {
	ms := r.mentions(sentence, splitWords(sentence), nil)
	return publicMentions(ms)
}

// publicMentions drops products and references.
func publicMentions(ms []mention) []Mention {
	var out []Mention
	for _, m := range ms {
		if m.product || m.ref {
			continue
		}
		if m.state != nil {
			out = append(out, *m.state)
		}
		out = append(out, m.Mention)
	}
	return out
}

// mentions finds the mentions of sentence s with words ws.
func (r *Recognizer) mentions(s string, ws []word, ctx *articleCtx) []mention {
	var ms []mention
	for i := 0; i < len(ws); {
		m := r.bestAt(s, ws, i, ms, ctx)
		if m == nil {
			i++
			continue
		}
		if m.skip {
			i = m.w1
			continue
		}
		if m.w0 < i { // a pattern that swallowed the mention before it
			ms = ms[:len(ms)-1]
		}
		m.Start, m.End = ws[m.w0].Start, ws[m.w1-1].End
		m.Text = s[m.Start:m.End]
		ms = append(ms, *m)
		i = m.w1
	}
	// "de Duitse politie" is Germany's, not the Dutch Nationale Politie.
	for k := 0; k+1 < len(ms); k++ {
		if m := ms[k]; m.form == formAdj && m.Kind == Country && m.Name != "Nederland" && ms[k+1].w0 == m.w1 &&
			ms[k+1].w1 == m.w1+1 && ws[m.w1].Key == "politie" {
			ms = append(ms[:k+1], ms[k+2:]...)
			ms[k].gov = true
			ms[k].w1++
			ms[k].End = ws[m.w1].End
			ms[k].Text = s[ms[k].Start:ms[k].End]
		}
	}
	for k := range ms {
		m := &ms[k]
		m.Demonym = m.form != formName
		m.Prep = prepBefore(ws, m.w0)
		m.via = viaBefore(ws, m.w0, ms[:k])
		if m.w1 < len(ws) && ws[m.w1].Joined && !ws[m.w1].Cap && !memberSuffix[ws[m.w1].Key] {
			m.modifier = true
		}
		// "de Amerikaanse veiligheidsdienst CISA": the service named right
		// after it is the party, the adjective only says whose it is.
		if m.form == formAdj && m.w1+1 < len(ws) && serviceNouns[ws[m.w1].Key] && k+1 < len(ms) && ms[k+1].w0 == m.w1+1 &&
			(ms[k+1].Kind == Agency || ms[k+1].Kind == Group) {
			continue
		}
		if m.form == formAdj && m.w1 < len(ws) && govNouns[ws[m.w1].Key] {
			m.gov = true
			m.End = ws[m.w1].End
			m.Text = s[m.Start:m.End]
			m.w1++
			// "de Britse en Amerikaanse overheden": the adjectives before share the noun.
			for j := k - 1; j >= 0; j-- {
				p := &ms[j]
				if p.form != formAdj || p.w1 != ms[j+1].w0-1 || ws[p.w1].Key != "en" && ws[p.w1].Key != "of" {
					break
				}
				p.gov = true
			}
		}
	}
	return ms
}

// prepBefore returns the folded preposition before word i, skipping
// determiners, or "".
func prepBefore(ws []word, i int) string {
	for j := i - 1; j >= 0; j-- {
		k := ws[j].Key
		if determiners[k] {
			continue
		}
		if prepositions[k] {
			return k
		}
		return ""
	}
	return ""
}

// viaBefore returns the preposition a few words before word i, skipping
// determiners, adjectives and cue or role words; "" if there is none.
func viaBefore(ws []word, i int, prev []mention) string {
	for j, n := i-1, 0; j >= 0 && n < 5; j, n = j-1, n+1 {
		k := ws[j].Key
		if prepositions[k] {
			if k == "in" && j > 0 && govNouns[ws[j-1].Key] && !postNouns[ws[j-1].Key] {
				return "" // "de regering in Moskou" is the state itself
			}
			if k == "van" && j > 0 && isRoleWord(ws[j-1].Key) {
				return "" // "een woordvoerder van het Kremlin" speaks for it
			}
			return k
		}
		if len(prev) > 0 && prev[len(prev)-1].w1 == j+1 && prev[len(prev)-1].form == formAdj {
			j = prev[len(prev)-1].w0
			prev = prev[:len(prev)-1]
			continue
		}
		if determiners[k] || cueKind(k) != "" || isRoleWord(k) || k == "zogenoemde" || k == "zogeheten" ||
			!ws[j].Cap && isAdjLike(k) {
			continue
		}
		return ""
	}
	return ""
}

// bestAt returns the longest mention starting at word i (or, for a
// ministry, at the adjective mention just before it), or nil.
func (r *Recognizer) bestAt(s string, ws []word, i int, prev []mention, ctx *articleCtx) *mention {
	var best *mention
	take := func(m *mention) {
		if m != nil && (best == nil || m.w1-m.w0 > best.w1-best.w0) {
			best = m
		}
	}
	w := ws[i]
	// The dictionary.
	for _, p := range r.index[w.Key] {
		if best != nil && len(p.keys) <= best.w1-best.w0 {
			break
		}
		if matchPhrase(ws, i, p) {
			e := r.ents[p.ent]
			take(&mention{Mention: Mention{Entity: cloneEntity(e)}, w0: i, w1: i + len(p.keys), form: p.form, product: e.Kind == kindProduct})
		}
	}
	// APT40, UNC 2452, F-35: a code of letters and a number.
	take(r.codeName(s, ws, i, prev))
	// Ministerie van/voor X.
	take(r.ministry(s, ws, i, prev))
	if ctx != nil && w.Cap {
		for _, cn := range ctx.names[w.Key] {
			if i+len(cn.keys) > len(ws) {
				continue
			}
			ok := true
			for k, key := range cn.keys {
				if ws[i+k].Key != key {
					ok = false
					break
				}
			}
			if ok {
				take(&mention{Mention: Mention{Entity: cn.ent}, w0: i, w1: i + len(cn.keys)})
			}
		}
	}
	if best != nil {
		return best
	}
	if m := r.afterCue(s, ws, i, ctx); m != nil {
		return m
	}
	if len(prev) > 0 && prev[len(prev)-1].form == formAdj && prev[len(prev)-1].w1 == i {
		return nil // "de Iraanse Revolutionaire Garde" is no person
	}
	return r.person(s, ws, i, ctx)
}

// afterCue returns the name that follows a cue noun at word i:
// "hackersgroep Sandworm", "beveiligingsbedrijf Area 1"; nil if none. It
// keeps the name in ctx, so that the article's later mentions of it are
// found without the cue.
func (r *Recognizer) afterCue(s string, ws []word, i int, ctx *articleCtx) *mention {
	w := ws[i]
	if w.Cap && !funcWords[w.Key] && !calendar[w.Key] && i > 0 {
		// "een hackersgroep genaamd CyberAv3ngers", "een groep met de naam X".
		c := i - 1
		switch {
		case c > 0 && (ws[c].Key == "genaamd" || ws[c].Key == "genoemd" || ws[c].Key == "geheten"):
			c--
		case c > 2 && ws[c].Key == "naam" && ws[c-1].Key == "de" && ws[c-2].Key == "met":
			c -= 3
		}
		if kind := cueKind(ws[c].Key); kind != "" {
			n := 1
			for n < 6 && i+n < len(ws) {
				if (ws[i+n].Cap || ws[i+n].Digits) && !funcWords[ws[i+n].Key] && !r.startsEntry(ws, i+n) {
					n++
					continue
				}
				// "Cyber Army of Russia Reborn": a joining word inside the name.
				if nameJoiners[ws[i+n].Key] && i+n+1 < len(ws) && ws[i+n+1].Cap && !funcWords[ws[i+n+1].Key] && (!r.startsEntry(ws, i+n+1) || i+n+2 < len(ws) && ws[i+n+2].Cap && !funcWords[ws[i+n+2].Key]) &&
					!strings.ContainsAny(s[ws[i+n-1].End:ws[i+n+1].Start], ",;:") {
					n += 2
					continue
				}
				break
			}
			e := Entity{Name: joinText(ws[i : i+n]), Kind: kind}
			if ctx != nil {
				keys := make([]string, n)
				for k := range keys {
					keys[k] = ws[i+k].Key
				}
				ctx.names[w.Key] = append(ctx.names[w.Key], cueName{keys: keys, ent: e})
			}
			return &mention{Mention: Mention{Entity: e}, w0: i, w1: i + n}
		}
	}
	return nil
}

// startsEntry reports whether a dictionary phrase starts at word i.
func (r *Recognizer) startsEntry(ws []word, i int) bool {
	for _, p := range r.index[ws[i].Key] {
		if matchPhrase(ws, i, p) {
			return true
		}
	}
	return false
}

// matchPhrase reports whether p matches the words from i.
func matchPhrase(ws []word, i int, p phrase) bool {
	if i+len(p.keys) > len(ws) {
		return false
	}
	for k, key := range p.keys {
		w := ws[i+k]
		if w.Key != key {
			return false
		}
		switch p.cases[k] {
		case caseCap:
			if !w.Cap {
				return false
			}
		case caseUpper:
			if !w.Upper {
				return false
			}
		}
	}
	return true
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
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

// ministry recognises "(het Chinese) ministerie van/voor Staatsveiligheid".
func (r *Recognizer) ministry(s string, ws []word, i int, prev []mention) *mention {
	if k := ws[i].Key; k != "ministerie" && k != "ministry" {
		return nil
	}
	j := i + 1
	if j >= len(ws) || ws[j].Key != "van" && ws[j].Key != "voor" && ws[j].Key != "of" {
		return nil
	}
	j++
	end := j
	for end < len(ws) && end-j < 5 {
		if ws[end].Cap && !funcWords[ws[end].Key] {
			end++
			continue
		}
		if ws[end].Key == "en" && end+1 < len(ws) && ws[end+1].Cap && end > j {
			end += 2
			continue
		}
		break
	}
	if end == j {
		return nil
	}
	start := i
	name := "ministerie van " + joinText(ws[j:end])
	var state *Mention
	if len(prev) > 0 {
		if p := prev[len(prev)-1]; p.form == formAdj && p.w1 == i {
			start = p.w0
			name = p.Text + " " + name
			if p.Kind == Country {
				st := p.Mention
				st.Start, st.End = ws[p.w0].Start, ws[p.w1-1].End
				st.Text = s[st.Start:st.End]
				st.Demonym = true
				state = &st
			}
		}
	}
	ent := Entity{Name: strings.ToUpper(name[:1]) + name[1:], Kind: Agency}
	if start < i {
		ent.Name = name
	}
	if k, ok := r.resolve[Fold(strings.Join(strings.Fields(strings.ReplaceAll(name, "-", " ")), " "))]; ok {
		ent = cloneEntity(r.ents[k])
	}
	return &mention{Mention: Mention{Entity: ent}, w0: start, w1: end, state: state}
}

// person recognises a person's name at word i: two to four capitalised
// words (with particles such as "van der" inside), or one after a role
// word, or a surname the article used before with a first name.
func (r *Recognizer) person(s string, ws []word, i int, ctx *articleCtx) *mention {
	w := ws[i]
	if w.Cap {
		for n := 3; n >= 1 && notPersonFirst[w.Key]; n-- {
			if i+n <= len(ws) && notPersons[joinKeys(ws[i:i+n])] {
				return &mention{w0: i, w1: i + n, skip: true}
			}
		}
	}
	if !w.Cap || w.Joined || isRoleWord(w.Key) || cueKind(w.Key) != "" || funcWords[w.Key] || calendar[w.Key] || w.Digits || w.Upper && len(w.Key) <= 4 {
		return nil
	}
	capCount, j := 1, i+1
	for j < len(ws) && capCount < 4 {
		x := ws[j]
		if x.Cap && !x.Upper && !funcWords[x.Key] && !calendar[x.Key] && !notPersons[x.Key] && !x.Digits && !r.startsEntry(ws, j) && !gapBreaks(s[ws[j-1].End:x.Start]) {
			capCount++
			j++
			continue
		}
		if particles[x.Key] && capCount == 1 && j+1 < len(ws) && (ws[j+1].Cap || particles[ws[j+1].Key]) {
			k := j
			for k < len(ws) && particles[ws[k].Key] && (k == j || !ws[k].Cap) {
				k++
			}
			if k < len(ws) && ws[k].Cap && !ws[k].Upper && !funcWords[ws[k].Key] && !r.startsEntry(ws, k) && !gapBreaks(s[ws[k-1].End:ws[k].Start]) {
				j = k
				continue
			}
		}
		break
	}
	// A compound such as "Borrell-plan" is not a name.
	if j < len(ws) && ws[j].Joined && !ws[j].Cap {
		return nil
	}
	initial := i == 0 || strings.ContainsAny(s[ws[i-1].End:w.Start], "\"\u201c\u201d\u201e:(")
	if capCount >= 2 {
		if j-i == len(ws) || notPersons[joinKeys(ws[i:j])] || initial && sentenceStarters[w.Key] {
			return nil
		}
		name := joinText(ws[i:j])
		first, last := ws[i].Key, ws[j-1].Key
		switch {
		case orgWords[first] || orgWords[last]:
			return &mention{Mention: Mention{Entity: Entity{Name: name, Kind: Organisation}}, w0: i, w1: j}
		case placeWords[first] || placeWords[last]:
			return &mention{Mention: Mention{Entity: Entity{Name: name, Kind: Place}}, w0: i, w1: j}
		case nonNameWords[last]:
			return &mention{w0: i, w1: j, skip: true}
		}
		if ctx != nil {
			ctx.persons[last] = name
		}
		return &mention{Mention: Mention{Entity: Entity{Name: name, Kind: Person}}, w0: i, w1: j}
	}
	if ctx != nil {
		if full, ok := ctx.persons[w.Key]; ok {
			return &mention{Mention: Mention{Entity: Entity{Name: full, Kind: Person}}, w0: i, w1: i + 1}
		}
	}
	if i > 0 && isRoleWord(ws[i-1].Key) && !notPersons[w.Key] {
		return &mention{Mention: Mention{Entity: Entity{Name: w.Text, Kind: Person}}, w0: i, w1: i + 1}
	}
	return nil
}

// gapBreaks reports whether the text between two words separates names.
func gapBreaks(gap string) bool {
	return strings.ContainsAny(gap, ",.;:()\"\u201c\u201d\u201e!?/")
}

// joinKeys joins the keys of ws with spaces.
func joinKeys(ws []word) string {
	if len(ws) == 1 {
		return ws[0].Key
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Key
	}
	return strings.Join(parts, " ")
}

// joinText joins the words as a name: hyphen-joined parts keep their hyphen.
func joinText(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			if w.Joined {
				b.WriteByte('-')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// nameJoiners join the words of a foreign group's name.
var nameJoiners = set("of", "for", "the", "del")

// companyMakers are the makers that name a company: "chipmachinemaker X",
// not "filmmaker X".
var companyMakers = set("chipmaker", "chipmachinemaker", "softwaremaker", "machinemaker", "wapenmaker", "dronemaker",
	"telefoonmaker", "smartphonemaker", "routermaker", "chipsmaker", "autosoftwaremaker")

// cueKind returns the kind of the entity a cue word announces, or "".
func cueKind(k string) EntityKind {
	switch {
	case k == "groep" || k == "bende" || strings.HasSuffix(k, "groep") && k != "doelgroep" && k != "werkgroep" && k != "leeftijdsgroep" ||
		strings.HasSuffix(k, "bende") || strings.HasSuffix(k, "collectief") || strings.HasSuffix(k, "groepering") || k == "ransomware" || k == "malware":
		return Group
	case strings.HasSuffix(k, "bedrijf") || k == "techgigant" || k == "softwaregigant" || companyMakers[k] ||
		strings.HasSuffix(k, "fabrikant") || strings.HasSuffix(k, "concern") || strings.HasSuffix(k, "aanbieder") ||
		strings.HasSuffix(k, "provider") || strings.HasSuffix(k, "leverancier") || k == "kaartverkoper" || k == "ticketverkoper" ||
		strings.HasSuffix(k, "keten") || strings.HasSuffix(k, "platform") || k == "exploitant" || k == "netbeheerder" ||
		k == "rederij" || k == "vervoerder" || k == "zakenbank" || k == "start-up" || k == "startup":
		return Company
	case k == "persbureau" || k == "krant" || k == "dagblad" || k == "zender" || k == "omroep" || k == "nieuwssite" ||
		k == "nieuwszender" || k == "zakenkrant" || k == "tijdschrift" || k == "techsite" || k == "nieuwsdienst":
		return Media
	case strings.HasSuffix(k, "organisatie") || k == "denktank" || k == "ngo":
		return Organisation
	case k == "gemeente" || k == "provincie" || k == "stad" || k == "regio" || k == "deelstaat":
		return Place
	case strings.HasSuffix(k, "dienst") || strings.HasSuffix(k, "inspectie") || k == "toezichthouder":
		return Agency
	}
	return ""
}

// IsRoleWord reports whether the folded word names a function a person
// holds: "minister", "woordvoerder", "EU-buitenlandchef".
func IsRoleWord(norm string) bool { return isRoleWord(norm) }

// isRoleWord reports whether k names a function a person holds.
func isRoleWord(k string) bool {
	if roleWords[k] {
		return true
	}
	if strings.HasSuffix(k, "s") && roleWords[k[:len(k)-1]] || strings.HasSuffix(k, "en") && roleWords[k[:len(k)-2]] {
		return true // "onderzoekers", "analisten"
	}
	for _, suf := range roleSuffixes {
		if strings.HasSuffix(k, suf) && len(k) > len(suf)+2 {
			return true
		}
	}
	return false
}

// isAdjLike reports whether k looks like an inflected adjective ("federale",
// "voormalige", "huidige"), not a past tense ("maakte", "zei").
func isAdjLike(k string) bool {
	if len(k) <= 3 || funcWords[k] || determiners[k] {
		return false
	}
	for _, suf := range [...]string{"ige", "ale", "ele", "ische", "ijke", "aire", "ieve", "iele", "se", "we", "oude", "ere", "ante", "ente", "ste"} {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	return false
}

// notPersonFirst holds the first words of notPersons, a cheap pre-check.
var notPersonFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range notPersons {
		m[strings.SplitN(k, " ", 2)[0]] = true
	}
	return m
}()

// set makes a set of words.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	determiners = set("de", "het", "een", "hun", "zijn", "haar", "'t", "the")
	// prepositions are the folded prepositions Mention.Prep reports.
	prepositions = set("van", "door", "tegen", "op", "in", "bij", "aan", "uit", "voor", "met", "naar", "over", "via",
		"vanuit", "volgens", "namens", "tussen", "onder", "zonder", "achter", "binnen", "richting", "om", "tot", "from", "by", "behalve", "naast", "als")
	// serviceNouns name a state's service: an adjective before one is the
	// state only when no name follows ("de Russische inlichtingendienst"
	// is Russia, "de Russische inlichtingendienst GRU" the GRU).
	serviceNouns = set("inlichtingendienst", "veiligheidsdienst", "inlichtingendiensten", "veiligheidsdiensten", "dienst", "geheime", "cyberdienst")
	// postNouns are a state's offices abroad: "de Chinese ambassade in
	// Canberra" is China's, not Australia's.
	postNouns = set("ambassade", "missie", "delegatie", "vertegenwoordiging", "consulaat", "ambassades")
	govNouns  = set("overheid", "overheden", "regering", "regeringen", "autoriteiten", "kabinet", "staat", "machthebbers",
		"leiding", "regime", "government", "authorities", "inlichtingendienst", "inlichtingendiensten", "veiligheidsdienst",
		"veiligheidsdiensten", "leger", "krijgsmacht", "ambassade", "justitie", "diplomatie", "staatsmedia",
		"missie", "delegatie", "vertegenwoordiging", "staatstelevisie", "staatspersbureau",
		// The side making the accusation: "volgens Chinese onderzoekers".
		"onderzoekers", "functionarissen", "ambtenaren", "officials", "bronnen", "diplomaten", "aanklagers", "experts")
	memberSuffix = set("landen", "lidstaten", "partners", "bondgenoten")
	particles    = set("van", "de", "der", "den", "ter", "von", "al", "el", "bin", "le", "la", "du", "da", "dos", "di", "ten", "'t")
	calendar     = set("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
		"november", "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
		"pasen", "pinksteren", "kerstmis", "kerst")
	// funcWords cannot start or be part of a name.
	funcWords = set("de", "het", "een", "en", "of", "in", "op", "aan", "van", "voor", "met", "door", "bij", "uit", "tot",
		"om", "naar", "over", "onder", "tegen", "volgens", "ook", "zo", "maar", "want", "dus", "toch", "nu", "dan", "toen",
		"die", "dat", "deze", "dit", "wie", "wat", "waar", "wanneer", "hoe", "waarom", "welke", "er", "hij", "zij", "ze",
		"wij", "we", "ik", "jij", "je", "u", "hun", "zijn", "haar", "ons", "onze", "mijn", "alle", "als", "niet", "geen",
		"nog", "al", "wel", "daar", "hier", "behalve", "naast", "zelfs", "vooral", "eerder", "later", "inmiddels", "sinds",
		"na", "tijdens", "terwijl", "omdat", "hoewel", "nadat", "zodat", "indien", "bovendien", "daarnaast", "verder",
		"the", "a", "an", "and", "or", "of", "to", "is", "are", "was", "it", "this", "that", "update", "lees", "meer", "foto")
	// sentenceStarters are capitalised at the start of a sentence but rarely start a name.
	sentenceStarters = set("wereldwijde", "grote", "nieuwe", "veel", "vele", "enkele", "sommige", "verschillende", "andere",
		"chinese", "russische", "amerikaanse", "britse", "europese", "passende", "eerst", "ruim", "bijna", "zeker", "volgens")
	notPersons = set("buitenlandse zaken", "binnenlandse zaken", "economische zaken", "tweede wereldoorlog",
		"eerste wereldoorlog", "tweede kamer", "eerste kamer", "koude oorlog", "witte huis",
		"nieuwe zijderoute", "verenigde arabische emiraten", "defensie", "justitie", "financien", "staatsveiligheid",
		"zaken", "kamer", "senaat", "congres", "europese raad", "justitie en veiligheid", "binnenhof")
	// ambiguousShort are abbreviations that are also common words; Resolve
	// takes them only in capitals.
	ambiguousShort = set("om", "us", "ad", "ap", "fd", "un", "xi", "meta", "unie", "commissie")
	// orgWords and placeWords make a run of capitalised words an
	// organisation or a place instead of a person: "Universiteit Twente",
	// "Santa Clara"; nonNameWords make it neither ("Super Bowl").
	orgWords = set("universiteit", "rijksuniversiteit", "hogeschool", "university", "stichting", "vereniging", "bank",
		"group", "groep", "partij", "party", "raad", "rechtbank", "hof", "college", "instituut", "institute", "centrum",
		"center", "centre", "agency", "foundation", "council", "department", "kamer", "ministerie", "koninklijke",
		"nationale", "nationaal", "federale", "labs", "technologies", "systems", "networks", "software", "security",
		"airlines", "telecom", "garde", "guard", "army", "navy", "command", "office", "bureau", "commissie",
		"committee", "parlement", "parliament", "senaat", "senate", "congres", "congress", "politie", "police")
	placeWords = set("santa", "san", "los", "las", "new", "saint", "sint", "fort", "port", "mount", "lake", "valley",
		"city", "street", "straat", "bay", "island", "islands", "eiland", "eilanden", "airport", "park", "square",
		"plein", "county", "province", "provincie", "district", "noord", "zuid", "oost", "west", "north", "south", "east")
	nonNameWords = set("bowl", "cup", "league", "prize", "awards", "games", "day", "dag", "week", "times", "post",
		"news", "journal", "act", "wet", "akkoord", "verdrag", "agreement", "war", "oorlog", "summit", "top")
	roleWords = set("minister", "premier", "president", "topman", "topvrouw", "directeur", "woordvoerder", "woordvoerster",
		"burgemeester", "chef", "hoofd", "collega", "commandant", "gouverneur", "ambassadeur", "onderzoeker", "onderzoekster",
		"analist", "professor", "hoogleraar", "voorzitter", "staatssecretaris", "kanselier", "leider", "oprichter", "ceo",
		"cto", "ciso", "expert", "deskundige", "advocaat", "officier", "rechter", "generaal", "senator", "koning", "koningin",
		"vicepresident", "topdiplomaat", "diplomaat", "adviseur", "journalist", "correspondent", "baas", "bestuurder",
		"specialist", "politicus", "kamerlid", "fractievoorzitter", "partijleider", "secretaris-generaal", "commissaris",
		"eurocommissaris", "ceo", "oud-minister", "oud-president", "dictator", "paus", "kolonel", "luitenant", "majoor",
		"aanklager", "procureur-generaal", "hacker", "klokkenluider", "ex-president", "prins", "prinses", "opperbevelhebber",
		"vicepremier", "wethouder", "gedeputeerde", "rechercheur", "inspecteur", "raadslid", "parlementariër",
		"europarlementariër", "minister-president", "hoofdredacteur", "rector", "bestuursvoorzitter", "directeur-generaal",
		"hoofdofficier", "kapitein", "admiraal", "viceadmiraal", "ombudsman", "notaris", "curator", "econoom",
		"wetenschapper", "historicus", "conservator", "trainer", "coach", "aanvoerder", "keeper", "rechter-commissaris",
		"dijkgraaf", "heemraad", "hoofdredacteur", "persattaché", "zaakgelastigde", "attaché", "consul", "gezant",
		"filmmaker", "regisseur", "schrijver", "schrijfster", "auteur", "acteur", "actrice", "zanger", "zangeres",
		"kunstenaar", "fotograaf", "architect", "ondernemer", "wielrenner", "tennisser", "voetballer", "schaker")
	roleSuffixes = []string{"chef", "minister", "woordvoerder", "woordvoerster", "topman", "directeur", "voorzitter", "hoofd",
		"onderzoeker", "expert", "analist", "commandant", "leider", "baas", "president", "diplomaat", "commissaris", "specialist"}
)
