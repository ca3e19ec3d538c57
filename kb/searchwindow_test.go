package kb

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// TestSearchWindow: a search whose terms have more postings than the budget
// ranks only the newest window of matching articles, and the older ones by
// their rarest terms, so that an old article is still found by the word
// that is particular to it.
func TestSearchWindow(t *testing.T) {
	db := openBackend(t, filepath.Join(t.TempDir(), "kb.db"))
	ctx := t.Context()
	ingest := func(name, text string) int64 {
		t.Helper()
		res, err := db.Ingest(ctx, name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return res.ID
	}
	// The oldest articles: one about Zwanenburg, one that is all Rotterdam.
	zwanenburg := ingest("z.txt", "Storm in Zwanenburg\n\nIn Zwanenburg en Rotterdam waaiden bomen om.\n")
	best := ingest("r.txt", "Rotterdam Rotterdam\n\nRotterdam.\n")
	var newer []int64
	for i := range 8 {
		newer = append(newer, ingest(fmt.Sprintf("n%d.txt", i), fmt.Sprintf("Bericht %d\n\nIn Rotterdam ging de markt open op dag %d, zei de wethouder van economie.\n", i, i)))
	}
	for i := range 12 {
		ingest(fmt.Sprintf("o%d.txt", i), fmt.Sprintf("Weer %d\n\nHet weer in Groningen bleef op dag %d droog en zonnig.\n", i, i))
	}
	if df, _, err := db.QA().DocFreq(ctx, []string{"rotterdam", "zwanenburg"}); err != nil || df["rotterdam"] != 10 || df["zwanenburg"] != 1 {
		t.Fatalf("document frequencies %v, %v: want rotterdam 10, zwanenburg 1", df, err)
	}
	search := func(terms ...string) []int64 {
		t.Helper()
		hits, err := db.QA().SearchArticles(ctx, terms, 4)
		if err != nil {
			t.Fatal(err)
		}
		return ids(hits)
	}
	if got := search("rotterdam"); len(got) != 4 || got[0] != best {
		t.Fatalf("unbounded: rotterdam ranks %v, want %d first", got, best)
	}
	db.searchBudget, db.searchWindow = 6, 3
	window := newer[len(newer)-3:]
	if got := search("rotterdam"); !sameSet(got, window) {
		t.Errorf("bounded: rotterdam ranks %v, want the newest three that match, %v", got, window)
	}
	if got := search("rotterdam", "zwanenburg"); len(got) == 0 || got[0] != zwanenburg {
		t.Errorf("bounded: rotterdam or zwanenburg ranks %v, want %d (the only one with zwanenburg) first", got, zwanenburg)
	} else if !sameSet(got[1:], window) {
		t.Errorf("bounded: after %d come %v, want the window %v", zwanenburg, got[1:], window)
	}
}

func ids(hits []qa.ArticleHit) []int64 {
	out := make([]int64, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func sameSet(a, b []int64) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// TestMapped: every connection, read-write and read-only, maps the
// database file (mmapPragma), so that a search reads its pages from memory
// rather than through read(2) once they fall out of the page cache.
func TestMapped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	rw := openBackend(t, path)
	ro, err := OpenReadOnly(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for name, db := range map[string]*DB{"read-write": rw, "read-only": ro} {
		var size int64
		if err := db.db.QueryRowContext(t.Context(), `PRAGMA mmap_size`).Scan(&size); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if size < 1<<30 {
			t.Errorf("%s: mmap_size %d, want at least 1 GiB", name, size)
		}
	}
}
