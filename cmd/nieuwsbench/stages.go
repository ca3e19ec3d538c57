package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// timedStore is the knowledge base as the answering engine reads it, with
// the wall time of every call added up per method (-stages): how much of
// an answer is spent in the store's queries.
type timedStore struct {
	qa.Store
	mu    sync.Mutex
	total map[string]time.Duration
	calls map[string]int
}

func newTimedStore(s qa.Store) *timedStore {
	return &timedStore{Store: s, total: map[string]time.Duration{}, calls: map[string]int{}}
}

func (t *timedStore) add(method string, start time.Time) {
	d := time.Since(start)
	t.mu.Lock()
	t.total[method] += d
	t.calls[method]++
	t.mu.Unlock()
}

func (t *timedStore) SearchArticles(ctx context.Context, terms []string, limit int) ([]qa.ArticleHit, error) {
	defer t.add("SearchArticles", time.Now())
	return t.Store.SearchArticles(ctx, terms, limit)
}

func (t *timedStore) Sentences(ctx context.Context, articles []int64) (map[int64][]qa.Sentence, error) {
	defer t.add("Sentences", time.Now())
	return t.Store.Sentences(ctx, articles)
}

func (t *timedStore) DocFreq(ctx context.Context, terms []string) (map[string]int, int, error) {
	defer t.add("DocFreq", time.Now())
	return t.Store.DocFreq(ctx, terms)
}

func (t *timedStore) Annotations(ctx context.Context, articles []int64) (qa.Annotations, error) {
	defer t.add("Annotations", time.Now())
	return t.Store.Annotations(ctx, articles)
}

func (t *timedStore) Claims(ctx context.Context, relation, name string, byAgent bool, limit int) ([]qa.Claim, error) {
	defer t.add("Claims", time.Now())
	return t.Store.Claims(ctx, relation, name, byAgent, limit)
}

func (t *timedStore) ClaimsIn(ctx context.Context, articles []int64) ([]qa.Claim, error) {
	defer t.add("ClaimsIn", time.Now())
	return t.Store.ClaimsIn(ctx, articles)
}

func (t *timedStore) Passages(ctx context.Context, sentences []int64) ([]qa.Sentence, map[int64]qa.Article, error) {
	defer t.add("Passages", time.Now())
	return t.Store.Passages(ctx, sentences)
}

// Topics times the "Dat weet ik niet" hint's lookup, when the store has it.
func (t *timedStore) Topics(ctx context.Context, n int) ([]string, error) {
	tp, ok := t.Store.(qa.Topicser)
	if !ok {
		return nil, nil
	}
	defer t.add("Topics", time.Now())
	return tp.Topics(ctx, n)
}

// timedAnswerer answers through the engine over a timedStore and adds up
// the answers' own wall time.
type timedAnswerer struct {
	engine *qa.Engine
	store  *timedStore
	total  time.Duration
	n      int
}

func newTimedAnswerer(db *kb.DB) (*timedAnswerer, error) {
	ts := newTimedStore(db.QA())
	e, err := qa.New(ts)
	if err != nil {
		return nil, err
	}
	return &timedAnswerer{engine: e, store: ts}, nil
}

func (a *timedAnswerer) Answer(ctx context.Context, question string) (bot.Answer, error) {
	start := time.Now()
	ans, err := a.engine.Answer(ctx, question)
	a.total += time.Since(start)
	a.n++
	return ans, err
}

// report prints the store's share of the answers' time, per method.
func (a *timedAnswerer) report(w io.Writer) {
	fmt.Fprintf(w, "\nStore calls of %d answers (wall time, all answers together %.0f ms, %.2f ms an answer; load average %s):\n\n",
		a.n, ms64(a.total), ms64(a.total)/float64(max(a.n, 1)), loadAverage())
	fmt.Fprintln(w, "| store method | calls | total | per answer | share of answer time |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	var methods []string
	for m := range a.store.total {
		methods = append(methods, m)
	}
	sort.Slice(methods, func(i, j int) bool { return a.store.total[methods[i]] > a.store.total[methods[j]] })
	var sum time.Duration
	for _, m := range methods {
		d := a.store.total[m]
		sum += d
		fmt.Fprintf(w, "| %s | %d | %.0f ms | %.2f ms | %.1f%% |\n", m, a.store.calls[m], ms64(d), ms64(d)/float64(max(a.n, 1)), 100*float64(d)/float64(max(a.total, 1)))
	}
	fmt.Fprintf(w, "| all store calls | | %.0f ms | %.2f ms | %.1f%% |\n", ms64(sum), ms64(sum)/float64(max(a.n, 1)), 100*float64(sum)/float64(max(a.total, 1)))
}

func ms64(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// nullSyntax drops the stored parses of the knowledge base, so that the
// engine parses every sentence it reads at question time (-null-syntax):
// the placement of the parse before it was stored.
func nullSyntax(ctx context.Context, dbPath string) error {
	raw, err := openSQL(dbPath)
	if err != nil {
		return err
	}
	defer raw.Close()
	if _, err := raw.ExecContext(ctx, `UPDATE sentences SET syntax = NULL WHERE syntax IS NOT NULL`); err != nil {
		return fmt.Errorf("drop the stored parses: %w", err)
	}
	return nil
}

// timeBackfill times the backfill of the parses that are missing.
func timeBackfill(ctx context.Context, db *kb.DB) (time.Duration, int, error) {
	start := time.Now()
	n, err := db.ParseBacklog(ctx)
	return time.Since(start), n, err
}
