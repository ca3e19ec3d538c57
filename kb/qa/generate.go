package qa

import (
	"math"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// generate reads the candidate answers of a question off its passages.
func (e *Engine) generate(q Question, ev *evidence, ann Annotations) []*candidate {
	var out []*candidate
	for _, p := range ev.passages {
		switch q.Kind {
		case Person, Which:
			out = append(out, nameCandidates(q, p, ann)...)
			out = append(out, focusCandidates(q, p)...)
			if c := listCandidate(q, p); c != nil {
				out = append(out, c)
			}
		case Place:
			out = append(out, placeCandidates(q, p, ann)...)
		case Count:
			ns := numberCandidates(q, p)
			out = append(out, ns...)
			out = append(out, parseNumbers(q, p, ns)...)
		case Time:
			out = append(out, dateCandidates(q, p)...)
		case Reason:
			out = append(out, reasonCandidates(q, p)...)
		case Speech:
			out = append(out, speechCandidates(q, p, ann)...)
			out = append(out, quoteCandidates(q, p)...)
		case Define:
			out = append(out, roleCandidates(q, p, ann)...)
		case YesNo:
			out = append(out, yesNoCandidate(q, p))
		}
		out = append(out, phraseCandidates(q, p)...)
		if sentenceAnswers(q.Kind) {
			out = append(out, &candidate{p: p, shape: ShapeSentence, start: 0, end: len(p.Text)})
		}
	}
	if q.Kind == Person || q.Kind == Which {
		if c := gatheredList(q, ev); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// sentenceAnswers reports whether a sentence itself may answer a kind of
// question: what happened, how, what was done.
func sentenceAnswers(k Kind) bool {
	switch k {
	case Open, Thing, Manner, Event, Which, Define, Reason:
		return true
	}
	return false
}

func nameCandidates(q Question, p *passage, ann Annotations) []*candidate {
	var out []*candidate
	seen := map[string]bool{}
	want := focusKind(q.Focus)
	for _, m := range p.mentions() {
		c := &candidate{p: p, shape: ShapeName, start: m.Start, end: m.End, text: m.Name}
		c.feats = map[string]float64{"kind:" + string(m.Kind): 1, "mention": 1}
		if want != "" && m.Kind == want {
			c.feats["kind_is_focus"] = 1
		}
		seen[m.Text] = true
		out = append(out, c)
	}
	for _, sp := range nameSpans(p.Text) {
		t := p.Text[sp[0]:sp[1]]
		if seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, &candidate{p: p, shape: ShapeName, start: sp[0], end: sp[1], feats: map[string]float64{}})
	}
	return out
}

// locativePreps introduce a place.
var locativePreps = setOf("in", "te", "bij", "naar", "uit", "nabij", "rond", "vanuit", "op", "aan", "richting", "langs", "tussen")

func placeCandidates(q Question, p *passage, ann Annotations) []*candidate {
	var out []*candidate
	toks := nl.Tokens(p.Text)
	for _, c := range nameCandidates(q, p, ann) {
		c.shape = ShapePlace
		if prev := tokenBefore(toks, c.start); prev != "" && locativePreps[prev] {
			c.feats["after_locative"] = 1
		}
		out = append(out, c)
	}
	if p.idx <= 1 && p.art.Place != "" {
		out = append(out, &candidate{p: p, shape: ShapePlace, text: p.art.Place, start: 0, end: 0,
			feats: map[string]float64{"dateline": 1}})
	}
	return out
}

// tokenBefore returns the folded token that ends before offset, "" if none.
func tokenBefore(toks []nl.Token, offset int) string {
	prev := ""
	for _, t := range toks {
		if t.End > offset {
			break
		}
		prev = t.Norm
	}
	return prev
}

func numberCandidates(q Question, p *passage) []*candidate {
	var out []*candidate
	dates := nl.Dates(p.Text)
	for _, n := range nl.Numbers(p.Text) {
		c := &candidate{p: p, shape: ShapeNumber, start: n.Start, end: n.End, feats: map[string]float64{}}
		if n.Unit != "" {
			c.feats["has_unit"] = 1
			if q.Focus != "" && sameNoun(n.Unit, q.Focus) {
				c.feats["unit_is_focus"] = 1
			}
			if q.Dim != "" && unitFits(q.Dim, n.Unit) {
				c.feats["unit_fits_dim"] = 1
			}
		}
		if n.Value >= 1900 && n.Value <= 2100 && n.Unit == "" {
			c.feats["year_like"] = 1
		}
		for _, d := range dates {
			if n.Start < d.End && d.Start < n.End {
				c.feats["in_date"] = 1
			}
		}
		out = append(out, c)
	}
	return out
}

// sameNoun reports whether two folded nouns are the same word or one ends
// the other as a compound ("bewoners", "zorgbewoners").
func sameNoun(a, b string) bool {
	sa, sb := nl.Stem(a), nl.Stem(b)
	return sa == sb || len(sb) >= 4 && strings.HasSuffix(sa, sb) || len(sa) >= 4 && strings.HasSuffix(sb, sa)
}

// dimUnits are the units that measure a dimension of "hoe lang / oud /
// groot …".
var dimUnits = map[string][]string{
	"lang":  {"jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen", "uur", "uren", "minuut", "minuten", "seconde", "seconden", "meter", "kilometer", "km", "centimeter", "cm"},
	"oud":   {"jaar", "jarige"},
	"groot": {"vierkante", "hectare", "meter", "procent", "kilometer", "m2"},
	"hoog":  {"meter", "procent", "euro", "kilometer"},
	"duur":  {"euro", "dollar", "miljoen", "miljard"},
	"kost":  {"euro", "dollar", "miljoen", "miljard", "pond"},
	"ver":   {"kilometer", "km", "meter"},
	"vaak":  {"keer", "maal"},
	"zwaar": {"kilo", "ton", "gram"},
}

func unitFits(dim, unit string) bool {
	for _, u := range dimUnits[dim] {
		if strings.HasPrefix(unit, u) {
			return true
		}
	}
	return false
}

func dateCandidates(q Question, p *passage) []*candidate {
	var out []*candidate
	for _, d := range nl.Dates(p.Text) {
		c := &candidate{p: p, shape: ShapeDate, start: d.Start, end: d.End, feats: map[string]float64{}}
		if d.Day > 0 {
			c.feats["has_day"] = 1
		}
		if d.Month > 0 {
			c.feats["has_month"] = 1
		}
		if d.Year > 0 {
			c.feats["has_year"] = 1
			for _, y := range q.Years {
				if y == d.Year {
					c.feats["year_asked"] = 1
				}
			}
		}
		if d.Day == 0 && d.Month == 0 && d.Year == 0 {
			c.feats["relative"] = 1
		}
		out = append(out, c)
	}
	return out
}

func reasonCandidates(q Question, p *passage) []*candidate {
	var out []*candidate
	for _, sp := range reasonSpans(p.Text) {
		out = append(out, &candidate{p: p, shape: ShapeReason, start: sp[0], end: sp[1], feats: map[string]float64{}})
	}
	// The reason may be the next sentence: "Dat komt doordat …", "Daardoor …".
	if next := p.art.next(p.idx); next != nil {
		for _, sp := range reasonSpans(next.Text) {
			if sp[0] < 3 {
				np := &passage{Sentence: *next, art: p.art, idx: p.idx + 1}
				out = append(out, &candidate{p: np, quote: np, shape: ShapeReason, start: sp[0], end: sp[1],
					feats: map[string]float64{"next_sentence": 1, "cov_from_prev": p.coverage}})
			}
		}
	}
	return out
}

// next returns the sentence after sentence i, nil if none.
func (a *retrieved) next(i int) *Sentence {
	if i+1 < len(a.sents) {
		return &a.sents[i+1]
	}
	return nil
}

func speechCandidates(q Question, p *passage, ann Annotations) []*candidate {
	var out []*candidate
	for _, qu := range ann.Quotes[p.ID] {
		i := strings.Index(p.Text, qu.Text)
		if i < 0 || qu.Text == "" {
			continue
		}
		c := &candidate{p: p, shape: ShapeSpeech, start: i, end: i + len(qu.Text), speaker: qu.Speaker, feats: map[string]float64{}}
		if q.Subject != "" && nameMatches(qu.Speaker, q.Subject) {
			c.feats["speaker_asked"] = 1
		}
		out = append(out, c)
	}
	return out
}

func roleCandidates(q Question, p *passage, ann Annotations) []*candidate {
	var out []*candidate
	for _, r := range ann.Roles[p.ID] {
		i := strings.Index(p.Text, r.Description)
		if i < 0 || r.Description == "" {
			continue
		}
		c := &candidate{p: p, shape: ShapeRole, start: i, end: i + len(r.Description), speaker: r.Person, feats: map[string]float64{}}
		if q.Subject != "" && nameMatches(r.Person, q.Subject) {
			c.feats["person_asked"] = 1
		}
		out = append(out, c)
	}
	return out
}

func yesNoCandidate(q Question, p *passage) *candidate {
	c := &candidate{p: p, shape: ShapeYesNo, start: 0, end: len(p.Text), feats: map[string]float64{}}
	if negAtPred(p.tree(), q.Frame) != q.Negated {
		c.feats["polarity_differs"] = 1
	}
	if negated(p.Text) != q.Negated {
		c.feats["neg_anywhere"] = 1
	}
	return c
}

// negated reports whether a sentence holds a negation.
func negated(s string) bool {
	for _, t := range nl.Tokens(s) {
		switch t.Norm {
		case "niet", "geen", "nooit", "niemand", "niets", "nergens":
			return true
		}
	}
	return false
}

// nameMatches reports whether a canonical name is the name asked about:
// the whole name, or its last word ("Kok" for "Marieke Kok").
func nameMatches(name, asked string) bool {
	n, a := nl.Fold(name), nl.Fold(asked)
	if n == a || strings.HasSuffix(a, " "+n) || strings.HasSuffix(n, " "+a) {
		return true
	}
	nf, af := strings.Fields(n), strings.Fields(a)
	return len(nf) > 0 && len(af) > 0 && nf[len(nf)-1] == af[len(af)-1]
}

// mentions returns the names the recogniser finds in the passage.
func (p *passage) mentions() []nl.Mention {
	if p.ments == nil {
		p.ments = recognizer().Mentions(p.Text)
		if p.ments == nil {
			p.ments = []nl.Mention{}
		}
	}
	return p.ments
}

// kindNouns map the nouns of "welke landen", "welke bedrijven" to the kind
// of name they ask for.
var kindNouns = map[string]nl.EntityKind{
	"land": nl.Country, "staat": nl.Country, "lidstaat": nl.Country, "bondgenoot": nl.Country, "country": nl.Country, "overheid": nl.Country,
	"groep": nl.Group, "hackersgroep": nl.Group, "hackergroep": nl.Group, "hacker": nl.Group, "bende": nl.Group, "actor": nl.Group, "group": nl.Group,
	"organisatie": nl.Organisation, "alliantie": nl.Organisation, "organisation": nl.Organisation,
	"dienst": nl.Agency, "inlichtingendienst": nl.Agency, "veiligheidsdienst": nl.Agency, "instantie": nl.Agency, "ministerie": nl.Agency, "agency": nl.Agency,
	"bedrijf": nl.Company, "firma": nl.Company, "fabrikant": nl.Company, "concern": nl.Company, "leverancier": nl.Company, "bank": nl.Company, "company": nl.Company, "onderneming": nl.Company,
	"persoon": nl.Person, "mens": nl.Person, "politicus": nl.Person, "minister": nl.Person, "speler": nl.Person, "person": nl.Person,
	"stad": nl.Place, "plaats": nl.Place, "gemeente": nl.Place, "dorp": nl.Place, "city": nl.Place,
	"medium": nl.Media, "krant": nl.Media, "media": nl.Media,
}

// focusKind is the kind of name a focus noun asks for: the noun itself,
// its singular, or the last part of a compound ("telecombedrijven").
func focusKind(focus string) nl.EntityKind {
	if focus == "" {
		return ""
	}
	for _, w := range []string{focus, singular(focus), singularIrregular(focus)} {
		if k, ok := kindNouns[w]; ok {
			return k
		}
		for n := range kindNouns {
			if len(n) >= 4 && len(w) > len(n)+2 && strings.HasSuffix(w, n) {
				return kindNouns[n]
			}
		}
	}
	return ""
}

func singularIrregular(w string) string {
	switch {
	case strings.HasSuffix(w, "ven"):
		return w[:len(w)-3] + "f" // bedrijven
	case strings.HasSuffix(w, "ici"):
		return w[:len(w)-1] + "us" // politici
	case strings.HasSuffix(w, "ssen"):
		return w[:len(w)-3]
	}
	return w
}

// listCandidate is every name of the asked kind in the passage, as one
// answer: "welke landen …" → "Japan, Canada en Nederland".
func listCandidate(q Question, p *passage) *candidate {
	want := focusKind(q.Focus)
	if want == "" {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	first, last := -1, 0
	for _, m := range p.mentions() {
		if m.Kind != want || seen[m.Name] || inQuestionName(q, m.Name) {
			continue
		}
		seen[m.Name] = true
		names = append(names, m.Name)
		if first < 0 {
			first = m.Start
		}
		last = m.End
	}
	if len(names) < 2 {
		return nil
	}
	return &candidate{p: p, shape: ShapeList, start: first, end: last, items: names,
		feats: map[string]float64{"list_len": float64(min(len(names), 8)) / 8, "kind_is_focus": 1}}
}

// inQuestionName reports whether the question names it already.
func inQuestionName(q Question, name string) bool {
	f := nl.Fold(name)
	for _, w := range q.Words {
		if w.Norm == f || strings.Contains(f, w.Norm) && len(w.Norm) > 3 {
			return true
		}
	}
	return false
}

// gatheredList gathers the names of the kind asked for from every passage
// into one list, each with the sentence it stands in as a source: "welke
// hackersgroepen worden genoemd" asks for all of them, wherever they
// stand. The ranker weighs it against the lists of single sentences.
func gatheredList(q Question, ev *evidence) *candidate {
	want := focusKind(q.Focus)
	if want == "" {
		return nil
	}
	var names []string
	var support []*passage
	seen := map[string]bool{}
	for _, p := range ev.passages {
		added := false
		for _, m := range p.mentions() {
			if m.Kind != want || seen[m.Name] || inQuestionName(q, m.Name) || len(names) == maxItems {
				continue
			}
			seen[m.Name] = true
			names = append(names, m.Name)
			added = true
		}
		if added {
			support = append(support, p)
		}
	}
	if len(support) < 2 || len(names) < 2 {
		return nil
	}
	return &candidate{p: support[0], shape: ShapeList, items: names, support: support,
		feats: map[string]float64{"gathered": 1, "list_len": float64(min(len(names), 8)) / 8, "kind_is_focus": 1,
			"list_sentences": math.Log1p(float64(len(support))), "focus_plural": b2f(singular(q.Focus) != q.Focus)}}
}
