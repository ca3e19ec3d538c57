package qa

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Engine answers questions from a Store.
type Engine struct {
	Store Store
	Model *Model
}

// New returns an engine over store with the shipped model.
func New(store Store) (*Engine, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return &Engine{Store: store, Model: m}, nil
}

// ranked is an answer with the candidates that give it.
type ranked struct {
	key   string
	prob  float64
	cands []*candidate // best first
}

// consider analyses a question and returns its answers, best first.
func (e *Engine) consider(ctx context.Context, text string) (Question, *evidence, []*ranked, error) {
	q := Analyze(text)
	if len(q.Words) == 0 {
		return q, &evidence{}, nil, nil
	}
	ev, err := e.retrieve(ctx, q)
	if err != nil {
		return q, nil, nil, err
	}
	if len(ev.passages) == 0 {
		claims, err := e.claimCandidates(ctx, q, ev)
		return q, ev, e.group(q, claims), err
	}
	ids := make([]int64, len(ev.articles))
	for i, a := range ev.articles {
		ids[i] = a.ID
	}
	ann, err := e.Store.Annotations(ctx, ids)
	if err != nil {
		return q, nil, nil, fmt.Errorf("qa: annotations: %w", err)
	}
	cs := e.generate(q, ev, ann)
	if _, ok := readClaim(q); ok {
		cs = dropConflicts(q, cs)
	}
	for _, c := range cs {
		featurize(q, ev, c)
	}
	claims, err := e.claimCandidates(ctx, q, ev)
	if err != nil {
		return q, nil, nil, err
	}
	return q, ev, e.group(q, append(cs, claims...)), nil
}

// dropConflicts leaves out, for a question about who accuses, denies or
// supports whom, the candidates from sentences where the relation holds
// between other parties than the question names (argConflict).
func dropConflicts(q Question, cs []*candidate) []*candidate {
	out := cs[:0]
	for _, c := range cs {
		if !argConflict(q.Frame, c) {
			out = append(out, c)
		}
	}
	return out
}

// group scores the candidates and pools those that give the same answer:
// an answer several sentences give is likelier right.
func (e *Engine) group(q Question, cs []*candidate) []*ranked {
	if len(cs) == 0 {
		return nil
	}
	e.Model.rank(q.Kind, cs)
	top := math.Max(cs[0].score, 0)
	sum := math.Exp(-top)
	for _, c := range cs {
		sum += math.Exp(c.score - top)
	}
	byKey := map[string]*ranked{}
	var out []*ranked
	for _, c := range cs {
		k := answerKey(c)
		r := byKey[k]
		if r == nil {
			r = &ranked{key: k}
			byKey[k] = r
			out = append(out, r)
		}
		r.prob += math.Exp(c.score-top) / sum
		r.cands = append(r.cands, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].prob > out[j].prob })
	answers := make([]bot.Answer, len(out))
	shares := make([]float64, len(out))
	for i, r := range out {
		answers[i], shares[i] = shownAnswer(r.cands[0]), r.prob
	}
	out[0].prob = pooledShare(answers, shares, 0)
	return out
}

// shownAnswer is the text and items a candidate would answer with.
func shownAnswer(c *candidate) bot.Answer {
	if c.answer != nil {
		return *c.answer
	}
	text, items := answerText(c)
	return bot.Answer{Text: text, Items: items}
}

// Answer answers a question. A question the articles do not answer gets
// Found false and a text that says so; that is not an error.
func (e *Engine) Answer(ctx context.Context, text string) (bot.Answer, error) {
	text = bot.CleanText(text)
	a := bot.Answer{Question: text, Items: []string{}, Sources: []bot.Source{}}
	q, _, rs, err := e.consider(ctx, text)
	if err != nil {
		return a, err
	}
	if len(rs) == 0 || rs[0].prob < e.Model.Threshold {
		a.Text = notFound(q) + e.hint(ctx, q)
		return a, nil
	}
	return e.compose(a, rs[0]), nil
}

// hintTopics is how many names the "Dat weet ik niet" hint gives.
const hintTopics = 5

// hint names what the knowledge base mostly holds now, after "Dat weet ik
// niet"; "" when the store cannot tell. A failing lookup loses only the
// hint, not the answer.
func (e *Engine) hint(ctx context.Context, q Question) string {
	t, ok := e.Store.(Topicser)
	if !ok {
		return ""
	}
	names, err := t.Topics(ctx, hintTopics)
	if err != nil || len(names) == 0 {
		return ""
	}
	if q.English {
		return " I read most about " + joinNames(names, true) + "."
	}
	return " Ik lees het meest over " + joinNames(names, false) + "."
}

// compose turns the winning answer into the reply, with its sources.
func (e *Engine) compose(a bot.Answer, r *ranked) bot.Answer {
	best := r.cands[0]
	if best.answer != nil {
		b := *best.answer
		b.Question = a.Question
		if r.prob < e.Model.Sure {
			b.Text = "Waarschijnlijk: " + b.Text
		}
		return b
	}
	a.Found = true
	a.Text, a.Items = answerText(best)
	if a.Items == nil {
		a.Items = []string{}
	}
	if r.prob < e.Model.Sure {
		a.Text = "Waarschijnlijk: " + a.Text
	}
	seen := map[string]bool{}
	for _, c := range r.cands {
		for _, s := range sources(c) {
			if seen[s.ID] || len(a.Sources) == maxSources {
				continue
			}
			seen[s.ID] = true
			a.Sources = append(a.Sources, s)
		}
	}
	return a
}

// Example is one question's candidates as the trainer sees them: each
// candidate's features and the answer it would give.
type Example struct {
	Kind       Kind
	Candidates []Scored
}

// Scored is one candidate answer with its features.
type Scored struct {
	Features map[string]float64
	Answer   bot.Answer
	Key      string // candidates with the same key give the same answer
}

// Candidates returns every candidate answer of a question, for training
// and inspection, in the model's order.
func (e *Engine) Candidates(ctx context.Context, text string) (Example, error) {
	q, _, rs, err := e.consider(ctx, bot.CleanText(text))
	if err != nil {
		return Example{}, err
	}
	ex := Example{Kind: q.Kind}
	for _, r := range rs {
		for _, c := range r.cands {
			a := e.compose(bot.Answer{Question: q.Text, Items: []string{}}, &ranked{key: r.key, prob: 1, cands: []*candidate{c}})
			ex.Candidates = append(ex.Candidates, Scored{Features: c.feats, Answer: a, Key: r.key})
		}
	}
	return ex, nil
}

// Retrieved returns the articles retrieval reads for a question, best
// first, for inspection and for measuring retrieval.
func (e *Engine) Retrieved(ctx context.Context, text string) ([]Article, error) {
	q := Analyze(bot.CleanText(text))
	ev, err := e.retrieve(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]Article, len(ev.articles))
	for i, a := range ev.articles {
		out[i] = a.Article
	}
	return out, nil
}

// Passages returns the sentences retrieval chose for a question, best
// first, for inspection and for measuring retrieval.
func (e *Engine) Passages(ctx context.Context, text string) ([]string, error) {
	q := Analyze(bot.CleanText(text))
	ev, err := e.retrieve(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ev.passages))
	for i, p := range ev.passages {
		out[i] = p.Text
	}
	return out, nil
}
