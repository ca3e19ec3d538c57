package qa

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// The relations of claims, as the knowledge base stores them.
const (
	relAccuse    = "accuse"
	relDeny      = "deny"
	relSupport   = "support"
	relAttribute = "attribute"
)

// relationOf returns the claim relation a folded question word names:
// the verbs of accusing, denying and supporting, and "achter" (behind).
func relationOf(w string) string {
	for _, p := range [...]string{"beschuldig", "verantwoordelijk", "aanklag", "aangeklaagd", "aangewezen",
		"verwijt", "beticht", "toegeschreven", "toeschrij", "accus", "blame"} {
		if strings.HasPrefix(w, p) {
			return relAccuse
		}
	}
	for _, p := range [...]string{"ontken", "verwerp", "deni", "deny"} {
		if strings.HasPrefix(w, p) {
			return relDeny
		}
	}
	for _, p := range [...]string{"steun", "gesteund", "bijval", "solidair", "support", "backs", "backed"} {
		if strings.HasPrefix(w, p) {
			return relSupport
		}
	}
	switch w {
	case "achter", "behind", "dader", "daders":
		return relAttribute
	}
	return ""
}

var (
	recOnce sync.Once
	rec     *nl.Recognizer
)

// recognizer is the process-wide name recogniser.
func recognizer() *nl.Recognizer {
	recOnce.Do(func() { rec = nl.NewRecognizer() })
	return rec
}

// claimQuestion is a question about a relation between parties.
type claimQuestion struct {
	rel     string
	ents    []nl.Entity
	byAgent bool // the named party makes the claim: the answer is whom it names
	charge  bool // "waarvan wordt X beschuldigd": what, not who
}

// readClaim reads a question that asks who accuses, denies or supports
// whom. Only questions for parties ("wie", "welke landen", yes/no) count.
func readClaim(q Question) (claimQuestion, bool) {
	var c claimQuestion
	for _, w := range q.Words {
		if r := relationOf(w.Norm); r != "" && c.rel == "" {
			c.rel = r
		}
	}
	if c.rel == "" {
		return c, false
	}
	c.ents = questionEntities(q)
	c.charge = q.Kind == Thing && q.Prep == "van" || strings.HasPrefix(nl.Fold(q.Text), "waarvan")
	switch q.Kind {
	case Person, Which, YesNo:
	default:
		if !c.charge {
			return c, false
		}
	}
	c.byAgent = agentNamed(q)
	return c, len(c.ents) > 0 || c.rel == relAttribute || c.rel == relDeny
}

// agentNamed reports whether the party named is the one who acts:
// "door wie" asks for the agent, "wordt … door China beschuldigd" names it,
// and "welke landen beschuldigt China" agrees the verb with China.
func agentNamed(q Question) bool {
	toks := nl.Tokens(q.Text)
	for i, t := range toks {
		if (t.Norm == "door" || t.Norm == "by") && i+1 < len(toks) && toks[i+1].Norm != "wie" && toks[i+1].Norm != "whom" {
			return true
		}
	}
	if q.Kind == Which && len(toks) > 2 && strings.HasSuffix(q.Focus, "en") {
		for _, t := range toks[2:] {
			if r := relationOf(t.Norm); r != "" {
				return strings.HasSuffix(t.Norm, "t")
			}
		}
	}
	return false
}

// questionEntities resolves the names in a question, in any case: every
// run of up to three words the recogniser knows.
func questionEntities(q Question) []nl.Entity {
	toks := nl.Tokens(q.Text)
	r := recognizer()
	var out []nl.Entity
	seen := map[string]bool{}
	for i := 0; i < len(toks); i++ {
		for n := 3; n >= 1; n-- {
			if i+n > len(toks) || nl.IsStopword(toks[i].Norm) || isWh(toks[i].Norm) {
				continue
			}
			e, ok := r.Resolve(q.Text[toks[i].Start:toks[i+n-1].End])
			if !ok || seen[e.Name] {
				continue
			}
			seen[e.Name] = true
			out = append(out, e)
			i += n - 1
			break
		}
	}
	return out
}

// maxClaimRows is how many claims an aggregated answer reads per party.
const maxClaimRows = 400

// answerClaims aggregates the claims about the parties over all articles:
// "Verenigde Staten, Japan en Canada beschuldigen China." Nil when the
// knowledge base holds none.
func (e *Engine) answerClaims(ctx context.Context, q Question, c claimQuestion) (*bot.Answer, error) {
	var rows []Claim
	for _, ent := range c.ents {
		rs, err := e.Store.Claims(ctx, c.rel, ent.Name, c.byAgent, maxClaimRows)
		if err != nil {
			return nil, fmt.Errorf("qa: claims: %w", err)
		}
		rows = append(rows, rs...)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	items := tally(rows, c)
	if len(items) == 0 {
		return nil, nil
	}
	return e.claimAnswer(ctx, q, c, items)
}

// claimItem is a party of an aggregated answer with the claims naming it.
type claimItem struct {
	name   string
	claims []Claim
}

// tally counts the parties the claims name, most-cited first.
func tally(rows []Claim, c claimQuestion) []*claimItem {
	asked := map[string]bool{}
	for _, e := range c.ents {
		asked[e.Name] = true
	}
	by := map[string]*claimItem{}
	var out []*claimItem
	for _, r := range rows {
		name := r.Agent
		if c.byAgent {
			name = r.Target
		}
		if c.charge {
			name = strings.TrimSpace(r.About)
		}
		if name == "" || asked[name] {
			continue
		}
		it := by[name]
		if it == nil {
			it = &claimItem{name: name}
			by[name] = it
			out = append(out, it)
		}
		it.claims = append(it.claims, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].claims) > len(out[j].claims) })
	if len(out) > maxItems {
		out = out[:maxItems]
	}
	return out
}

// claimAnswer words the aggregated answer and cites one sentence per
// article, of the most-cited parties first.
func (e *Engine) claimAnswer(ctx context.Context, q Question, c claimQuestion, items []*claimItem) (*bot.Answer, error) {
	a := &bot.Answer{Question: q.Text, Found: true, Items: []string{}, Sources: []bot.Source{}}
	var names []string
	var ids []int64
	seenArt := map[int64]bool{}
	for _, it := range items {
		names = append(names, it.name)
		for _, cl := range it.claims {
			if !seenArt[cl.Article] && len(ids) < maxSources {
				seenArt[cl.Article] = true
				ids = append(ids, cl.Sentence)
			}
		}
	}
	a.Items = names
	a.Text = claimSentence(q, c, names)
	sents, arts, err := e.Store.Passages(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("qa: claim sources: %w", err)
	}
	for _, s := range sents {
		a.Sources = append(a.Sources, sourceOf(arts[s.Article], s))
	}
	return a, nil
}

// claimSentence words an aggregated answer.
func claimSentence(q Question, c claimQuestion, names []string) string {
	var subject []string
	for _, e := range c.ents {
		subject = append(subject, e.Name)
	}
	list, who := joinNames(names, q.English), joinNames(subject, q.English)
	verbs := map[string][2]string{relAccuse: {"beschuldigen", "beschuldigt"}, relDeny: {"ontkennen", "ontkent"},
		relSupport: {"steunen", "steunt"}, relAttribute: {"werken voor", "werkt voor"}}
	v := verbs[c.rel]
	verb := v[0]
	if len(names) == 1 {
		verb = v[1]
	}
	switch {
	case c.charge:
		return fmt.Sprintf("%s wordt beschuldigd van: %s.", who, strings.Join(names, "; "))
	case c.byAgent:
		return fmt.Sprintf("%s %s %s.", who, v[1], list)
	case who == "":
		return fmt.Sprintf("%s %s.", list, verb)
	}
	return fmt.Sprintf("%s %s %s.", list, verb, who)
}

// joinNames lists names: "A, B en C".
func joinNames(names []string, english bool) string {
	and := " en "
	if english {
		and = " and "
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
}

// claims answers a question about a relation: aggregated over all
// articles when it names a party, else from the claims of the articles
// that match it ("wie zit achter de hack bij …").
func (e *Engine) claims(ctx context.Context, q Question, c claimQuestion, ev *evidence) (*bot.Answer, error) {
	if q.Kind == YesNo {
		return e.yesNoClaim(ctx, q, c)
	}
	if len(c.ents) > 0 {
		return e.answerClaims(ctx, q, c)
	}
	if ev == nil || len(ev.articles) == 0 {
		return nil, nil
	}
	ids := []int64{ev.articles[0].ID}
	rows, err := e.Store.ClaimsIn(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("qa: claims: %w", err)
	}
	var kept []Claim
	for _, r := range rows {
		switch {
		case c.rel == relAttribute && (r.Relation == relAccuse || r.Relation == relAttribute):
			// Who is behind: the accused of the story, and the groups.
			kept = append(kept, Claim{Sentence: r.Sentence, Article: r.Article, Relation: r.Relation, Agent: firstOf(r.Target, r.Agent)})
		case r.Relation == c.rel:
			kept = append(kept, r)
		}
	}
	items := tally(kept, c)
	if len(items) == 0 {
		return nil, nil
	}
	return e.claimAnswer(ctx, q, c, items)
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// yesNoClaim answers "ontkent China de hack?", "beschuldigt Nederland
// Rusland?": yes, with the claim, when the first party named makes it
// (against the second, when one is named). Nil otherwise, so the text may
// answer.
func (e *Engine) yesNoClaim(ctx context.Context, q Question, c claimQuestion) (*bot.Answer, error) {
	if len(c.ents) == 0 {
		return nil, nil
	}
	rows, err := e.Store.Claims(ctx, c.rel, c.ents[0].Name, true, maxClaimRows)
	if err != nil {
		return nil, fmt.Errorf("qa: claims: %w", err)
	}
	for _, r := range rows {
		if len(c.ents) > 1 && r.Target != c.ents[1].Name {
			continue
		}
		sents, arts, err := e.Store.Passages(ctx, []int64{r.Sentence})
		if err != nil || len(sents) == 0 {
			return nil, err
		}
		yes := "Ja"
		if q.English {
			yes = "Yes"
		}
		return &bot.Answer{Question: q.Text, Found: true, Text: yes + " — " + sents[0].Text, Items: []string{},
			Sources: []bot.Source{sourceOf(arts[r.Article], sents[0])}}, nil
	}
	return nil, nil
}

// claimCandidates are the answers the claims store gives a question about
// a relation, as candidates with features of their own.
func (e *Engine) claimCandidates(ctx context.Context, q Question, ev *evidence) ([]*candidate, error) {
	c, ok := readClaim(q)
	if !ok {
		return nil, nil
	}
	a, err := e.claims(ctx, q, c, ev)
	if err != nil || a == nil {
		return nil, err
	}
	f := map[string]float64{
		"bias": 1, "shape:claims": 1, "rel:" + c.rel: 1,
		"claim_items":    float64(min(len(a.Items), 10)) / 10,
		"claim_sources":  float64(len(a.Sources)) / maxSources,
		"claim_named":    b2f(len(c.ents) > 0),
		"claim_by_agent": b2f(c.byAgent),
		"claim_charge":   b2f(c.charge),
		"unknown":        unknownShare(ev),
	}
	if q.Kind == YesNo {
		f["claim_yesno"] = 1
	}
	cand := &candidate{shape: ShapeClaims, answer: a, feats: f}
	return []*candidate{cand}, nil
}

func unknownShare(ev *evidence) float64 {
	if ev == nil {
		return 0
	}
	return ev.unknown
}
