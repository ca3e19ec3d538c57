package nl

import (
	"sort"
	"strings"
)

// Analyze analyses the sentences of one article in order, so that later
// sentences can use earlier ones: a surname alone names the person named in
// full before, a name found after a cue ("hackersgroep Sandworm") stays
// that entity, "deze landen" and "de bondgenoten" are the states just
// listed, "de desbetreffende bedrijven" the companies just named, and a
// sentence that is all direct speech goes on quoting the last speaker.
func (r *Recognizer) Analyze(sentences []string) []SentenceAnalysis {
	out, _ := r.analyze(sentences)
	return out
}

// analyze is Analyze; it also returns the words its scans read (see
// sent.steps).
func (r *Recognizer) analyze(sentences []string) ([]SentenceAnalysis, int) {
	steps := 0
	ctx := &articleCtx{persons: map[string]string{}, names: map[string][]cueName{}}
	out := make([]SentenceAnalysis, len(sentences))
	inReport := make([]bool, len(sentences)) // the sentence cites a report: "in het verslag"
	for i, s := range sentences {
		ws := splitWords(s)
		ms := addRefs(ws, r.mentions(s, ws, ctx), ctx, &steps)
		st := newSent(s, ws, ms, ctx)
		a := st.analysis(ms, ctx)
		if i > 0 {
			creditReporter(&out[i-1], ws, ms)
		}
		a.Claims = st.accuseSponsors(a.Claims)
		st.creditLastSource(&a, ctx)
		if i == 0 {
			// "AIVD: Rusland grootste dreiging …": the headline's source
			// speaks for the article's report.
			ctx.source = withoutMedia(headlineSource(s, ms))
		}
		inReport[i] = firstReportNoun(ws) < len(ws)
		if inReport[i] {
			st.creditPublisher(&a)
		}
		ctx.update(st, a)
		out[i] = a
		steps += st.steps
	}
	creditHeadlineSource(out, inReport, ctx.source)
	return out, steps
}

// analysis returns what the sentence says on its own: its mentions, roles
// and quotes, and its claims, credited to the speaker of its quotes or to
// the source of its headline when nobody in it makes them.
func (st *sent) analysis(ms []mention, ctx *articleCtx) SentenceAnalysis {
	claims, verbs := st.claims()
	a := SentenceAnalysis{Mentions: publicMentions(ms), Claims: claims, Roles: st.roles(), Quotes: st.quotes(verbs)}
	if len(a.Quotes) == 0 && ctx.lastSpeaker != nil {
		if t, ok := wholeQuote(st.s); ok {
			a.Quotes = []Quote{{Speaker: *ctx.lastSpeaker, Text: t}}
		}
	}
	// "'Wij zijn solidair met Duitsland', zegt de NAVO": the speaker
	// makes the claims of its words.
	// Media that report a claim do not make it.
	if len(a.Quotes) > 0 && a.Quotes[0].Speaker.Kind != Media {
		for c := range a.Claims {
			if cl := &a.Claims[c]; len(cl.Agents) == 0 {
				cl.Agents = []Entity{a.Quotes[0].Speaker}
			}
		}
	}
	// A headline "Britse regering: China zit achter hack …" makes the
	// claim of the words before the colon.
	if src := headlineSource(st.s, ms); len(src) > 0 {
		for c := range a.Claims {
			cl := &a.Claims[c]
			if len(cl.Agents) == 0 && (cl.Relation == Accuse || cl.Relation == Attribute) {
				cl.Agents = src
			}
		}
	}
	return a
}

// creditReporter gives the claims of the sentence before, prev, to the
// source a sentence "Dat meldt X" (words ws, mentions ms) names.
//
// "X zit achter de aanval. Dat meldt de FBI.": the FBI makes the claim of
// the sentence before.
func creditReporter(prev *SentenceAnalysis, ws []word, ms []mention) {
	src := withoutMedia(reportedBy(ws, ms))
	if len(src) == 0 {
		return
	}
	var added []Claim
	for c := range prev.Claims {
		cl := &prev.Claims[c]
		switch {
		case len(cl.Agents) == 0 && cl.Relation == Accuse:
			cl.Agents = src
		case cl.Relation == Attribute && len(cl.Targets) > 0:
			// "Een groep werkt voor de Iraanse Revolutionaire Garde.
			// Dat meldt Google.": Google accuses the sponsor.
			added = append(added, Claim{Relation: Accuse, Agents: src, Targets: cl.Targets})
		}
	}
	prev.Claims = append(prev.Claims, added...)
}

// accuseSponsors returns claims with, for each claim of the sentence that a
// group works for a state, the sentence's source accusing both.
//
// "Volgens het ASD werkt de groep in opdracht van het Chinese MSS": who
// says a group works for a state accuses both.
func (st *sent) accuseSponsors(claims []Claim) []Claim {
	for _, cl := range claims {
		if cl.Relation != Attribute || len(cl.Agents) == 0 {
			continue
		}
		if src := withoutMedia(st.fallbackAgents()); len(src) > 0 {
			claims = append(claims, Claim{Relation: Accuse, Agents: src, Targets: cl.Agents},
				Claim{Relation: Accuse, Agents: src, Targets: cl.Targets})
		}
	}
	return claims
}

// creditLastSource gives the accusations nobody makes in a sentence with
// "zou" to the source of the sentence before, then remembers the
// sentence's own source for the next.
//
// "Volgens KAPO stuurde hij de aanvallen aan. De aanvallen zouden zijn
// uitgevoerd door Unit 29155.": "zou" goes on reporting the source.
func (st *sent) creditLastSource(a *SentenceAnalysis, ctx *articleCtx) {
	if len(ctx.lastSource) > 0 && (st.hasKey(0, len(st.ws), set("zou", "zouden")) >= 0) {
		for c := range a.Claims {
			if cl := &a.Claims[c]; cl.Relation == Accuse && len(cl.Agents) == 0 {
				cl.Agents = without(ctx.lastSource, cl.Targets)
			}
		}
	}
	ctx.lastSource = nil
	if src := withoutMedia(st.fallbackAgents()); len(src) > 0 {
		ctx.lastSource = src
	}
}

// creditPublisher gives the accusations nobody makes in a sentence that
// cites a report to the first party named before the report.
//
// "Viginum heeft een rapport gepubliceerd, en de conclusie laat weinig
// ruimte voor twijfel: achter de campagne zitten Russische bedrijven":
// who published the report makes its accusations.
func (st *sent) creditPublisher(a *SentenceAnalysis) {
	ps := st.usable(st.parties(0, len(st.ws), false), trigger{})
	if len(ps) == 0 {
		return
	}
	for c := range a.Claims {
		if cl := &a.Claims[c]; cl.Relation == Accuse && len(cl.Agents) == 0 && ps[0].first < firstReportNoun(st.ws) {
			cl.Agents = withoutMedia(without(ps[0].ents, cl.Targets))
		}
	}
}

// creditHeadlineSource gives the accusations nobody makes in the sentences
// after the headline that cite a report to the headline's source.
//
// An accusation nobody in its sentence makes, in an article whose
// headline names its source, is that source's: "Iran wordt in het
// verslag aangewezen als verantwoordelijke …" under "AIVD: …".
func creditHeadlineSource(out []SentenceAnalysis, inReport []bool, source []Entity) {
	if len(source) == 0 {
		return
	}
	for i := 1; i < len(out); i++ {
		if !inReport[i] {
			continue
		}
		for c := range out[i].Claims {
			if cl := &out[i].Claims[c]; cl.Relation == Accuse && len(cl.Agents) == 0 {
				cl.Agents = without(source, cl.Targets)
			}
		}
	}
}

// firstReportNoun returns the index of the first report noun in ws, or
// len(ws).
func firstReportNoun(ws []word) int {
	for i, w := range ws {
		if reportNouns[w.Key] {
			return i
		}
	}
	return len(ws)
}

// reportNouns are the publications a headline's source speaks through.
var reportNouns = set("verslag", "jaarverslag", "rapport", "jaarrapport", "advisory", "analyse", "publicatie",
	"document", "dreigingsbeeld", "onderzoeksrapport", "waarschuwing")

// withoutMedia drops the media: "Dat meldt Reuters" reports a claim, it
// does not make it.
func withoutMedia(es []Entity) []Entity {
	var out []Entity
	for _, e := range es {
		if e.Kind != Media {
			out = append(out, e)
		}
	}
	return out
}

// headlineSource returns the speaker of a headline "X: …" — the entities
// named before a colon near the start, when little else stands there.
func headlineSource(s string, ms []mention) []Entity {
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || colon > 60 || len(strings.Fields(s[:colon])) > 4 {
		return nil
	}
	var src []Entity
	for _, m := range ms {
		if m.End > colon {
			break
		}
		if m.product || m.ref {
			continue
		}
		switch m.Kind {
		case Country, Organisation, Agency, Company, Person, Media:
			src = append(src, m.Entity)
		}
	}
	return src
}

// reportVerbs are the verbs of "Dat meldt X", "Dat schrijft X", "Dat
// concluderen X en Y".
var reportVerbs = set("meldt", "melden", "meldde", "meldden", "schrijft", "schrijven", "schreef", "schreven",
	"zegt", "zeggen", "zei", "zeiden", "stelt", "stellen", "stelde", "stelden", "concludeert", "concluderen",
	"concludeerde", "concludeerden", "bevestigt", "bevestigen", "bevestigde", "bevestigden", "claimt", "claimen",
	"claimde", "claimden", "verklaart", "verklaren", "verklaarde", "verklaarden", "denkt", "denken", "dacht",
	"vermoedt", "vermoeden", "vermoedde", "rapporteert", "rapporteren", "rapporteerde", "onthult", "onthulde",
	"onthullen", "onthulden", "zeker", "maakt", "maken", "maakte", "maakten")

// reportedBy returns who a sentence of the form "Dat meldt X (en Y) …"
// names as the source of the sentence before; nil for other sentences.
func reportedBy(ws []word, ms []mention) []Entity {
	if len(ws) < 3 || ws[0].Key != "dat" || !reportVerbs[ws[1].Key] {
		return nil
	}
	var src []Entity
	for _, m := range ms {
		if m.product || m.ref || m.w0 < 2 {
			continue
		}
		// The subject right after the verb, and the names joined to it by
		// "en" or "van" ("de Threat Analysis Group van Google").
		// "Dat melden de militaire inlichtingendienst MIVD en …": only
		// lower-case words may stand before it.
		if len(src) == 0 && (m.w0 > 7 || m.w0 > 4 && anyCap(ws[2:m.w0])) {
			break
		}
		if len(src) > 0 && !(m.Prep == "van" || m.Prep == "en" || m.Prep == "") {
			break
		}
		switch m.Kind {
		case Country, Organisation, Agency, Company, Person, Media:
			src = append(src, m.Entity)
		}
	}
	if len(src) == 0 {
		return nil
	}
	// "… in een advisory die samen met de FBI en het Israëlische NCD is
	// opgesteld": who wrote it together report it too.
	for i := 2; i+1 < len(ws); i++ {
		if ws[i].Key != "samen" || ws[i+1].Key != "met" {
			continue
		}
		for _, m := range ms {
			if m.w0 <= i+1 || m.product || m.ref {
				continue
			}
			if m.Prep != "" && m.Prep != "met" && m.Prep != "en" {
				break
			}
			switch m.Kind {
			case Country, Organisation, Agency:
				src = append(src, m.Entity)
			}
		}
		break
	}
	return dedupe(src)
}

// anyCap reports whether a word of ws starts with a capital.
func anyCap(ws []word) bool {
	for _, w := range ws {
		if w.Cap {
			return true
		}
	}
	return false
}

// update remembers what later sentences may refer to.
func (ctx *articleCtx) update(st *sent, a SentenceAnalysis) {
	ctx.lastSpeaker = nil
	if n := len(a.Quotes); n > 0 {
		e := a.Quotes[n-1].Speaker
		ctx.lastSpeaker = &e
	}
	for _, p := range st.parties(0, len(st.ws), false) {
		states := 0
		for _, e := range p.ents {
			if e.Kind == Country || e.Kind == Organisation {
				states++
			}
		}
		if states >= 2 && states == len(p.ents) {
			ctx.lastStates = p.ents
		}
	}
	for _, p := range st.parties(0, len(st.ws), true) {
		if len(p.ents) == 1 && p.ents[0].Kind == Country && p.ents[0].Name != "Europese Unie" {
			e := p.ents[0]
			ctx.lastCountry = &e
		}
	}
	var companies, groups []Entity
	personSeen := false
	for _, m := range st.ms {
		if m.ref || m.product {
			continue
		}
		switch m.Kind {
		case Company:
			if !m.modifier {
				companies = append(companies, m.Entity)
			}
		case Group:
			groups = append(groups, m.Entity)
		case Agency:
			e := m.Entity
			ctx.lastAgency = &e
		case Person:
			// The first person named is the sentence's subject more often
			// than the last: "Vicepremier X maakte het bekend. "…", zei hij."
			if !personSeen {
				e := m.Entity
				ctx.lastPerson = &e
				personSeen = true
			}
		}
	}
	if !personSeen && len(a.Quotes) > 0 && a.Quotes[0].Speaker.Kind == Person {
		e := a.Quotes[0].Speaker
		ctx.lastPerson = &e
	}
	if companies != nil {
		ctx.lastCompanies = dedupe(companies)
	}
	if groups != nil {
		ctx.lastGroups = dedupe(groups)
	}
}

// addRefs adds the references "deze landen", "de bondgenoten", "de
// desbetreffende bedrijven" and "het land" as mentions that carry the
// entities they refer to. It adds the mentions it reads to steps.
func addRefs(ws []word, ms []mention, ctx *articleCtx, steps *int) []mention {
	covered := func(i int) bool {
		*steps += len(ms)
		for _, m := range ms {
			if i >= m.w0 && i < m.w1 {
				return true
			}
		}
		return false
	}
	var refs []mention
	for i := 0; i < len(ws); i++ {
		if !refDeterminers[ws[i].Key] || covered(i) {
			continue
		}
		j := i + 1
		for j < len(ws) && refAdjectives[ws[j].Key] {
			j++
		}
		if j >= len(ws) || covered(j) {
			continue
		}
		next := keyAt(ws, j+1)
		if next == "als" || next == "zoals" || next == "van" {
			continue
		}
		var ents []Entity
		switch k := ws[j].Key; {
		case refStates[k] && len(ctx.lastStates) >= 2:
			ents = ctx.lastStates
		case refCompanies[k] && len(ctx.lastCompanies) > 0 && (j > i+1 || ws[i].Key != "de" || k != "bedrijf"):
			ents = ctx.lastCompanies
		case refCompany[k] && len(ctx.lastCompanies) > 0 && (ws[i].Key == "de" || ws[i].Key == "het" || ws[i].Key == "deze"):
			// "De techgigant stelde dat …": the company named before.
			ents = ctx.lastCompanies[:1]
		case refAgencies[k] && (ws[i].Key == "de" || ws[i].Key == "deze" || ws[i].Key == "die") && ctx.lastAgency != nil:
			ents = []Entity{*ctx.lastAgency}
		case (k == "lidstaat" || k == "bondgenoot") && (ws[i].Key == "de" || ws[i].Key == "die" || ws[i].Key == "deze") && ctx.lastCountry != nil:
			// "solidair met de getroffen lidstaat"
			ents = []Entity{*ctx.lastCountry}
		case k == "land" && (ws[i].Key == "het" || ws[i].Key == "dat" || ws[i].Key == "dit"):
			if e := lastCountryIn(ms, i); e != nil {
				ents = []Entity{*e}
			} else if ctx.lastCountry != nil {
				ents = []Entity{*ctx.lastCountry}
			}
		}
		if ents == nil {
			continue
		}
		m := mention{w0: i, w1: j + 1, ref: true, refs: append([]Entity(nil), ents...)}
		m.Start, m.End = ws[i].Start, ws[j].End
		m.Prep = prepBefore(ws, i)
		m.via = viaBefore(ws, i, nil)
		refs = append(refs, m)
		i = j
	}
	if refs == nil {
		return ms
	}
	ms = append(ms, refs...)
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].w0 < ms[b].w0 })
	return ms
}

// lastCountryIn returns the last country named before word i, or nil.
func lastCountryIn(ms []mention, i int) *Entity {
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].w1 <= i && ms[k].Kind == Country && !ms[k].ref && ms[k].Name != "Europese Unie" {
			e := ms[k].Entity
			return &e
		}
	}
	return nil
}

var (
	refDeterminers = set("de", "deze", "die", "alle", "beide", "dezelfde", "het", "dat", "dit")
	refAdjectives  = set("verschillende", "desbetreffende", "betrokken", "genoemde", "bovengenoemde", "westerse", "betreffende", "twee", "drie", "vier", "vijf", "zes", "zeven",
		"getroffen", "aangevallen", "gehackte", "trouwe")
	refStates    = set("landen", "bondgenoten", "overheden", "partners", "regeringen", "lidstaten")
	refAgencies  = set("dienst", "inlichtingendienst", "veiligheidsdienst", "geheime", "opsporingsdienst")
	refCompanies = set("bedrijven", "bedrijf", "techbedrijven", "ondernemingen", "fabrikanten", "leveranciers")
	refCompany   = set("techgigant", "softwaregigant", "softwaremaker", "chipmaker", "techbedrijf", "concern", "softwarebedrijf",
		"beveiligingsbedrijf", "internetgigant", "telecomaanbieder", "fabrikant", "chipfabrikant", "webwinkel", "platform")
)
