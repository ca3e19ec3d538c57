package qa

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// Retrieval limits: how many articles are read, and how many of their
// sentences become candidates.
const (
	maxArticles  = 12
	maxSentences = 36
)

// weighted is a question word with its weight in the knowledge base.
type weighted struct {
	Word
	idf   float64 // the highest idf of its terms
	known bool    // some article holds one of its terms
}

// passage is a retrieved sentence with its context and what it matches.
type passage struct {
	Sentence
	art      *retrieved
	idx      int             // index in art.sents
	terms    map[string]bool // its index terms
	matched  []bool          // per question word: the sentence holds it
	coverage float64         // idf share of the question words it holds
	window   float64         // the same over it, its neighbours and the title
	score    float64         // the retrieval score that chose it
	ments    []nl.Mention    // the names in it, found when first asked
	parse    *syntax.Sentence
}

// retrieved is an article read for a question.
type retrieved struct {
	ArticleHit
	rank     int
	sents    []Sentence
	terms    []map[string]bool // per sentence
	coverage float64           // idf share of the question words the article holds
}

// evidence is what retrieval found for a question.
type evidence struct {
	words    []weighted
	total    float64 // the sum of the words' idf
	unknown  float64 // the idf share of words no article holds
	articles []*retrieved
	passages []*passage
}

// weigh looks up the question words' document frequencies.
func (e *Engine) weigh(ctx context.Context, q Question) ([]weighted, error) {
	var terms []string
	for _, w := range q.Words {
		terms = append(terms, w.Terms...)
	}
	df, n, err := e.Store.DocFreq(ctx, terms)
	if err != nil {
		return nil, fmt.Errorf("qa: weigh: %w", err)
	}
	out := make([]weighted, 0, len(q.Words))
	for _, w := range q.Words {
		x := weighted{Word: w}
		for _, t := range w.Terms {
			d := df[t]
			if d > 0 {
				x.known = true
			}
			// An unknown word weighs as a word in one article: it is rare.
			x.idf = math.Max(x.idf, idf(max(d, 1), n))
		}
		if w.Weak {
			x.idf *= 0.3
		}
		out = append(out, x)
	}
	return out, nil
}

// idf is the BM25 inverse document frequency, never below a small floor.
func idf(df, n int) float64 {
	v := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	return math.Max(v, 0.05)
}

// retrieve finds the articles first and then their best sentences.
func (e *Engine) retrieve(ctx context.Context, q Question) (*evidence, error) {
	words, err := e.weigh(ctx, q)
	if err != nil {
		return nil, err
	}
	ev := &evidence{words: words}
	var search []string
	for _, w := range words {
		ev.total += w.idf
		if !w.known {
			ev.unknown += w.idf
			continue
		}
		search = append(search, w.Terms...)
	}
	if ev.total > 0 {
		ev.unknown /= ev.total
	}
	if len(search) == 0 {
		return ev, nil
	}
	hits, err := e.Store.SearchArticles(ctx, search, maxArticles)
	if err != nil {
		return nil, fmt.Errorf("qa: search: %w", err)
	}
	if len(hits) == 0 {
		return ev, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	sents, err := e.Store.Sentences(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("qa: sentences: %w", err)
	}
	for i, h := range hits {
		ev.articles = append(ev.articles, newRetrieved(h, i, sents[h.ID], words, ev.total))
	}
	ev.passages = choosePassages(ev)
	return ev, nil
}

func newRetrieved(h ArticleHit, rank int, sents []Sentence, words []weighted, total float64) *retrieved {
	r := &retrieved{ArticleHit: h, rank: rank, sents: sents, terms: make([]map[string]bool, len(sents))}
	all := map[string]bool{}
	for i, s := range sents {
		r.terms[i] = termSet(s.Text)
		for t := range r.terms[i] {
			all[t] = true
		}
	}
	r.coverage = coverage(words, total, all)
	return r
}

// termSet returns the index terms of a sentence as a set, kept for the
// next question that reads the sentence (an answer reads a few hundred, and
// the same articles answer many questions). Callers must not change it.
func termSet(text string) map[string]bool {
	termCache.Lock()
	m, ok := termCache.m[text]
	termCache.Unlock()
	if ok {
		return m
	}
	ts := termsOf(text)
	m = make(map[string]bool, len(ts))
	for _, t := range ts {
		m[t] = true
	}
	termCache.Lock()
	if len(termCache.m) >= termCacheMax {
		clear(termCache.m)
	}
	termCache.m[text] = m
	termCache.Unlock()
	return m
}

// termCache keeps the term sets of recently read sentences, by text; it is
// cleared when full.
var termCache = struct {
	sync.Mutex
	m map[string]map[string]bool
}{m: map[string]map[string]bool{}}

const termCacheMax = 1 << 16

// holds reports whether a term set holds one of the word's terms.
func holds(set map[string]bool, w Word) bool {
	for _, t := range w.Terms {
		if set[t] {
			return true
		}
	}
	return false
}

// coverage is the idf share of the words that one of the sets holds.
func coverage(words []weighted, total float64, sets ...map[string]bool) float64 {
	if total == 0 {
		return 0
	}
	got := 0.0
	for _, w := range words {
		for _, s := range sets {
			if holds(s, w.Word) {
				got += w.idf
				break
			}
		}
	}
	return got / total
}

// choosePassages scores every sentence of the retrieved articles and keeps
// the best.
func choosePassages(ev *evidence) []*passage {
	var ps []*passage
	best := ev.articles[0].Score
	for _, a := range ev.articles {
		rel := 0.0
		if best > 0 {
			rel = a.Score / best
		}
		for i, s := range a.sents {
			p := &passage{Sentence: s, art: a, idx: i, terms: a.terms[i]}
			p.matched = make([]bool, len(ev.words))
			for j, w := range ev.words {
				p.matched[j] = holds(p.terms, w.Word)
			}
			p.coverage = coverage(ev.words, ev.total, p.terms)
			p.window = coverage(ev.words, ev.total, a.neighbours(i)...)
			p.score = p.coverage + 0.5*p.window + 0.5*a.coverage + 0.3*rel
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].score > ps[j].score })
	if len(ps) > maxSentences {
		ps = ps[:maxSentences]
	}
	return ps
}

// neighbours returns the term sets of sentence i, the sentences beside it
// and the title.
func (a *retrieved) neighbours(i int) []map[string]bool {
	sets := []map[string]bool{a.terms[i]}
	if i > 0 {
		sets = append(sets, a.terms[i-1])
	}
	if i+1 < len(a.terms) {
		sets = append(sets, a.terms[i+1])
	}
	if len(a.sents) > 0 && a.sents[0].Heading && i != 0 {
		sets = append(sets, a.terms[0])
	}
	return sets
}
