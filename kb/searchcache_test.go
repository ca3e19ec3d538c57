package kb_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// TestSearchSeesOtherWriters checks that what a search keeps between
// questions does not outlive the index it was read from: an article
// replaced through another handle on the same file (as an ingest process
// does while serve runs) changes the next answer, also when the new text
// has as many words as the old, and one replaced through the same handle.
func TestSearchSeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	open := func() *kb.DB {
		t.Helper()
		db, err := kb.Open(t.Context(), path, nil)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	serve, ingest := open(), open()
	article := func(n string) string {
		return "Laptops gestolen bij waterschap\n\nBij een inbraak in het kantoor van het waterschap zijn " + n +
			" laptops gestolen, meldt de politie.\n\nhttps://nieuws.example.nl/binnenland/laptops\n"
	}
	const q = "hoeveel laptops zijn gestolen bij het waterschap?"
	for i, n := range []string{"300", "450", "12"} {
		w := ingest
		if i == 2 {
			w = serve // its own writes too
		}
		res, err := w.Ingest(t.Context(), "laptops.txt", []byte(article(n)))
		if err != nil {
			t.Fatalf("Ingest(%s laptops): %v", n, err)
		}
		if i > 0 && !res.Replaced {
			t.Fatalf("Ingest(%s laptops) = %+v, want the article replaced", n, res)
		}
		for range 2 { // the second time from what the first kept
			a, err := answer(t.Context(), serve, q)
			if err != nil {
				t.Fatalf("Answer(%q): %v", q, err)
			}
			if !strings.Contains(a.Text, n) {
				t.Errorf("Answer(%q) after the article said %s = %q, want %s", q, n, a.Text, n)
			}
		}
	}
}

// TestSearchPastHeadings checks that a search whose best-ranked matches are
// all headings still finds the sentences below them: the titles of many
// articles name the words asked about, one sentence says it.
func TestSearchPastHeadings(t *testing.T) {
	db := mustOpenEmptyDB(t)
	var ps []kb.Prepared
	for i := range 300 {
		text := fmt.Sprintf("Datalek bij waterschap %d\n\nHet bestuur vergadert donderdag over de begroting van %d.\n", i, 2000+i)
		p, err := kb.Prepare(fmt.Sprintf("w%d.txt", i), []byte(text))
		if err != nil {
			t.Fatalf("Prepare: %v", err)
		}
		ps = append(ps, p)
	}
	if _, _, err := db.StoreBatch(t.Context(), ps); err != nil {
		t.Fatalf("StoreBatch: %v", err)
	}
	mustIngest(t, db, "lek.txt", "Onderzoek afgerond\n\nBij het datalek bij het waterschap zijn de gegevens van 8.000 inwoners buitgemaakt.\n")
	const q = "datalek waterschap"
	a, err := answer(t.Context(), db, q)
	if err != nil {
		t.Fatalf("Answer(%q): %v", q, err)
	}
	if !strings.Contains(a.Text, "8.000") {
		gap(t).Errorf("Answer(%q) = %q, want the sentence below the headings", q, a.Text)
	}
}
