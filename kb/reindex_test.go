package kb_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// TestReindexKeepsAnswers re-analyses the seed articles from what is stored
// (the body is not stored; its sentences are) and checks that the answers,
// and the quotes they rest on, stay the same.
func TestReindexKeepsAnswers(t *testing.T) {
	ctx := t.Context()
	db, err := kb.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Seed(ctx, seeds.FS); err != nil {
		t.Fatal(err)
	}
	questions := []string{"wie beschuldigt China?", "Hoeveel servers in Nederland zijn besmet?", "Wie is Josep Borrell?", "Ontkent China de hack?"}
	before := map[string][]string{}
	for _, q := range questions {
		a, err := answer(ctx, db, q)
		if err != nil {
			t.Fatal(err)
		}
		before[q] = append(a.Items, a.Text)
	}
	o1, err := db.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Reindex(ctx); err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	o2, err := db.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if o1.Sentences != o2.Sentences || o1.Claims != o2.Claims {
		t.Errorf("after Reindex: %d sentences, %d claims; before: %d, %d", o2.Sentences, o2.Claims, o1.Sentences, o1.Claims)
	}
	for _, q := range questions {
		a, err := answer(ctx, db, q)
		if err != nil {
			t.Fatal(err)
		}
		if got := append(a.Items, a.Text); !slices.Equal(got, before[q]) {
			t.Errorf("Answer(%q) after Reindex = %q, before %q", q, got, before[q])
		}
	}
}
