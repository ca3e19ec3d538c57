package kb_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// The evaluation floors are the measured scores, rounded down: a change that
// makes answers worse fails here. Raise them when answers get better.
const (
	ownFloor    = 0.91 // kb/testdata/eval/questions.jsonl over the seeds and kb/testdata/eval/articles
	publicFloor = 1.00 // kb/testdata/eval/public.jsonl (shared/eval/questions.jsonl) over the seeds
	// heldoutFloor guards kb/testdata/heldout: articles and questions written
	// apart from the rest, which the answering code is not tuned on (only
	// its total is looked at), so it measures how the bot does on news it
	// has never seen.
	heldoutFloor = 0.69
	// heldout2Floor guards kb/testdata/heldout2, a second blind set written
	// late, on events none of the other sets has.
	heldout2Floor = 0.59
	// devFloor guards kb/testdata/dev: a third set written apart from the
	// code, whose failures are studied one by one to find what the Dutch
	// handling lacks. 0.88 since datelines of the form "VELDHOVEN -" are
	// metadata (the article's place, issue 18): the rule engine read the
	// place of E074 and E099 off the text; kb/qa reads Article.Place.
	devFloor = 0.88
	// dev2Floor guards kb/testdata/dev2, a second development set.
	dev2Floor = 0.71
)

// evalDB opens a knowledge base in a temporary file, seeded, with the
// articles of dir ingested (none when dir is "").
func evalDB(t *testing.T, dir string) (*kb.DB, []string) {
	t.Helper()
	ctx := t.Context()
	db, err := kb.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Seed(ctx, seeds.FS); err != nil {
		t.Fatal(err)
	}
	var docs []string
	seedNames, _ := filepath.Glob("../seeds/*.txt")
	var artNames []string
	if dir != "" {
		artNames, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
	}
	for _, name := range append(seedNames, artNames...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(data))
	}
	for _, name := range artNames {
		data, _ := os.ReadFile(name)
		if _, err := db.Ingest(ctx, filepath.Base(name), data); err != nil {
			t.Fatalf("ingest %s: %v", name, err)
		}
	}
	return db, docs
}

func runEval(t *testing.T, db *kb.DB, docs []string, file string, floor float64) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := bot.ReadEvalQuestions(f)
	if err != nil {
		t.Fatal(err)
	}
	folded := make([]string, len(docs))
	for i, d := range docs {
		folded[i] = bot.FoldSpace(d)
	}
	verbatim := func(quote string) bool {
		q := bot.FoldSpace(quote)
		for _, d := range folded {
			if len(q) > 0 && contains(d, q) {
				return true
			}
		}
		return false
	}
	rep, err := bot.Evaluate(context.Background(), db, qs, verbatim)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !r.Pass {
			t.Logf("%s %s: %s", r.Question.ID, r.Question.Q, r.Why)
		}
	}
	kinds := rep.ByKind()
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t.Logf("kind %-16s %d/%d", k, kinds[k][0], kinds[k][1])
	}
	t.Logf("score %d/%d (%.0f%%), quotes not verbatim: %d", rep.Passed, len(rep.Results), 100*rep.Score(), rep.BadQuotes)
	if rep.BadQuotes > 0 {
		t.Errorf("%d quotes are not verbatim in the articles", rep.BadQuotes)
	}
	if rep.Score() < floor {
		t.Errorf("score %.3f below the floor %.2f", rep.Score(), floor)
	}
}

func contains(s, sub string) bool {
	return strings.Contains(s, sub)
}

// TestEval runs every evaluation set over the seeds and its own articles
// ("" for none) and fails below the set's floor.
func TestEval(t *testing.T) {
	sets := []struct {
		name, articles, questions string
		floor                     float64
	}{
		{"own", "testdata/eval/articles", "testdata/eval/questions.jsonl", ownFloor},
		{"public", "", "testdata/eval/public.jsonl", publicFloor},
		{"heldout", "testdata/heldout/articles", "testdata/heldout/questions.jsonl", heldoutFloor},
		{"dev", "testdata/dev/articles", "testdata/dev/questions.jsonl", devFloor},
		{"heldout2", "testdata/heldout2/articles", "testdata/heldout2/questions.jsonl", heldout2Floor},
		{"dev2", "testdata/dev2/articles", "testdata/dev2/questions.jsonl", dev2Floor},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			db, docs := evalDB(t, set.articles)
			runEval(t, db, docs, set.questions, set.floor)
		})
	}
}
