package qa

import (
	"math"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// featurize adds the features every candidate has: how well its passage
// and article match the question, where it stands, and how it relates to
// the question's words. Generators add their own before.
func featurize(q Question, ev *evidence, c *candidate) {
	f := c.feats
	if f == nil {
		f = map[string]float64{}
		c.feats = f
	}
	p := c.p
	if c.quote != nil {
		// A reason in the next sentence is judged by the sentence that
		// matched.
		for _, x := range ev.passages {
			if x.art == p.art && x.idx == p.idx-1 {
				p = x
			}
		}
	}
	f["bias"] = 1
	f["shape:"+c.shape.String()] = 1
	f["cov"] = p.coverage
	f["window"] = p.window
	f["art_cov"] = p.art.coverage
	f["art_rel"] = relScore(ev, p.art)
	f["art_first"] = b2f(p.art.rank == 0)
	f["unknown"] = ev.unknown
	f["names_missing"] = namesMissing(ev, p)
	f["lead"] = b2f(p.idx <= 1)
	f["heading"] = b2f(p.Heading)
	f["passage_rank"] = 1 / (1 + float64(passageRank(ev, p)))
	if c.shape != ShapeSentence && c.shape != ShapeYesNo && c.end > c.start {
		toks := nl.Tokens(c.span())
		f["in_question"] = inQuestion(q, toks)
		f["span_len"] = math.Log1p(float64(len(toks)))
		f["near"] = nearness(ev, p, c.start, c.end)
	} else {
		f["sent_len"] = math.Log1p(float64(len(p.Text)) / 40)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func relScore(ev *evidence, a *retrieved) float64 {
	if len(ev.articles) == 0 || ev.articles[0].Score <= 0 {
		return 0
	}
	return a.Score / ev.articles[0].Score
}

// namesMissing is the share of the question's names that neither the
// passage's window nor its article holds: a question about Weert is not
// answered from an article about Venlo.
func namesMissing(ev *evidence, p *passage) float64 {
	n, miss := 0, 0
	for i, w := range ev.words {
		if !w.Name {
			continue
		}
		n++
		if p.matched[i] {
			continue
		}
		found := false
		for _, set := range p.art.terms {
			if holds(set, w.Word) {
				found = true
				break
			}
		}
		if !found {
			miss++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(miss) / float64(n)
}

func passageRank(ev *evidence, p *passage) int {
	for i, x := range ev.passages {
		if x == p {
			return i
		}
	}
	return len(ev.passages)
}

// inQuestion is the share of a candidate's words that the question has:
// an answer repeats little of its question.
func inQuestion(q Question, toks []nl.Token) float64 {
	if len(toks) == 0 {
		return 0
	}
	n := 0
	for _, t := range toks {
		for _, w := range q.Words {
			if w.Norm == t.Norm || nl.Stem(w.Norm) == nl.Stem(t.Norm) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(toks))
}

// nearness is 1/(1+d), d the distance in words from the span to the
// nearest question word in the sentence.
func nearness(ev *evidence, p *passage, start, end int) float64 {
	toks := nl.Tokens(p.Text)
	best := math.MaxInt
	si, ei := -1, -1
	for i, t := range toks {
		if t.Start >= start && si < 0 {
			si = i
		}
		if t.End <= end {
			ei = i
		}
	}
	if si < 0 {
		return 0
	}
	for i, t := range toks {
		if i >= si && i <= ei {
			continue
		}
		set := termSet(t.Text)
		for j, w := range ev.words {
			if !p.matched[j] || !holds(set, w.Word) {
				continue
			}
			d := si - i
			if i > ei {
				d = i - ei
			}
			best = min(best, d)
		}
	}
	if best == math.MaxInt {
		return 0
	}
	return 1 / (1 + float64(best))
}
