package kb

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// syntaxRows returns every stored sentence with its stored parse.
func syntaxRows(t *testing.T, db *DB) []unparsed {
	t.Helper()
	rows, err := db.unparsed(t.Context(), `SELECT id, text, syntax FROM sentences WHERE id > ? ORDER BY id`, 0)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sentences: %d, %v", len(rows), err)
	}
	return rows
}

// answersOf asks the questions and returns each answer's text, items and
// sources.
func answersOf(ctx context.Context, t *testing.T, db *DB, qs []string) [][]string {
	t.Helper()
	var out [][]string
	for _, q := range qs {
		a, err := engineAnswer(ctx, db, q)
		if err != nil {
			t.Fatalf("Answer(%q): %v", q, err)
		}
		got := append([]string{a.Text}, a.Items...)
		for _, s := range a.Sources {
			got = append(got, s.ID, s.Quote)
		}
		out = append(out, got)
	}
	return out
}

// TestBackendStoredSyntax: ingest stores each sentence's parse, the one the
// engine would make itself; the backfill makes those that are missing or
// made by other models, and does nothing the second time; the answers are
// the same with the stored parses, without them and after the backfill.
func TestBackendStoredSyntax(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		db := openSeeded(t, path)
		ctx := t.Context()
		for _, r := range syntaxRows(t, db) {
			want := syntax.Parse(r.text)
			got, err := syntax.Decode(r.text, r.stored)
			if err != nil || !slices.EqualFunc(got.Words, want.Words, func(a, b syntax.Word) bool {
				return a.Text == b.Text && a.Lemma == b.Lemma && a.Head == b.Head && a.Rel == b.Rel && a.XPOS == b.XPOS
			}) {
				t.Fatalf("stored parse of %q = %+v, %v; want %+v", r.text, got.Words, err, want.Words)
			}
		}
		qs := []string{"wie beschuldigt China?", "Hoeveel servers in Nederland zijn besmet?", "Wie is Josep Borrell?",
			"Wat zei Borrell?", "waar zijn de servers besmet?", "welke landen steunen de VS?"}
		stored := answersOf(ctx, t, db, qs)
		if n, err := db.ParseBacklog(ctx); err != nil || n != 0 {
			t.Errorf("ParseBacklog after ingest = %d, %v; want 0 (ingest stored them)", n, err)
		}
		total := count(t, db, `SELECT count(*) FROM sentences`)
		if _, err := db.db.ExecContext(ctx, `UPDATE sentences SET syntax = NULL`); err != nil {
			t.Fatal(err)
		}
		if got := answersOf(ctx, t, db, qs); !slices.EqualFunc(got, stored, slices.Equal) {
			t.Errorf("answers parsed at question time =\n%q\nwith the stored parse\n%q", got, stored)
		}
		if n, err := db.ParseBacklog(ctx); err != nil || n != total {
			t.Errorf("ParseBacklog of %d sentences without a parse = %d, %v", total, n, err)
		}
		if n := count(t, db, `SELECT count(*) FROM sentences WHERE syntax IS NULL`); n != 0 {
			t.Errorf("after ParseBacklog %d sentences without a parse", n)
		}
		// Parses made by other models: the backfill walks them all and
		// makes again the one that is stale.
		if err := db.setMeta(ctx, "syntax", "older models"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.db.ExecContext(ctx, `UPDATE sentences SET syntax = ? WHERE id = (SELECT min(id) FROM sentences)`, []byte("S\x01oldv\x00")); err != nil {
			t.Fatal(err)
		}
		if n, err := db.ParseBacklog(ctx); err != nil || n != 1 {
			t.Errorf("ParseBacklog with one stale parse = %d, %v; want 1", n, err)
		}
		if v, _ := db.meta(ctx, "syntax"); v != syntax.Version() {
			t.Errorf("meta syntax after the walk = %q, want %q", v, syntax.Version())
		}
		if n, err := db.ParseBacklog(ctx); err != nil || n != 0 {
			t.Errorf("ParseBacklog again = %d, %v; want 0", n, err)
		}
		if got := answersOf(ctx, t, db, qs); !slices.EqualFunc(got, stored, slices.Equal) {
			t.Errorf("answers after the backfill =\n%q\nbefore\n%q", got, stored)
		}
	})
}

// TestSentencesCarryTheirParse: the store gives the engine the stored
// parse with each sentence.
func TestSentencesCarryTheirParse(t *testing.T) {
	db := openSeeded(t, filepath.Join(t.TempDir(), "kb.db"))
	ctx := t.Context()
	hits, err := db.QA().SearchArticles(ctx, []string{"china"}, 3)
	if err != nil || len(hits) == 0 {
		t.Fatalf("SearchArticles(china) = %d, %v", len(hits), err)
	}
	sents, err := db.QA().Sentences(ctx, []int64{hits[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sents[hits[0].ID] {
		if !syntax.Current(s.Syntax) {
			t.Errorf("sentence %q: no current parse (%d bytes)", s.Text, len(s.Syntax))
		}
	}
}

// TestBackendParseLater: with ParseLater the articles are stored without
// their parse, answer as they would with it, and the backfill makes it.
func TestBackendParseLater(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		ctx := t.Context()
		qs := []string{"wie beschuldigt China?", "Hoeveel servers in Nederland zijn besmet?", "Wat zei Borrell?"}
		now := openSeeded(t, filepath.Join(t.TempDir(), "now.db"))
		want := answersOf(ctx, t, now, qs)
		db := openBackend(t, path)
		db.ParseLater = true
		if _, err := db.Seed(ctx, seeds.FS); err != nil {
			t.Fatal(err)
		}
		total := count(t, db, `SELECT count(*) FROM sentences`)
		if n := count(t, db, `SELECT count(*) FROM sentences WHERE syntax IS NULL`); n != total || n == 0 {
			t.Errorf("ParseLater: %d of %d sentences without a parse, want all", n, total)
		}
		if got := answersOf(ctx, t, db, qs); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("answers before the parse =\n%q\nwith it\n%q", got, want)
		}
		if n, err := db.ParseBacklog(ctx); err != nil || n != total {
			t.Errorf("ParseBacklog = %d, %v; want %d", n, err, total)
		}
	})
}
