package kb

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// The fuzz targets of the knowledge base. Plain `go test` runs them on their
// seed corpora (the f.Add calls and testdata/fuzz/<Name>/); docs/RELIABILITY.md
// says how to fuzz them for minutes.

// fuzzArticles are written articles in varied shapes, added to every
// fuzz target that reads article files.
var fuzzArticles = []string{
	"Titel van het stuk\n\ndate 2024-03-05\n\nDEN HAAG (ANP) - Het kabinet wil meer geld voor de politie. \"Dat is nodig\", zei minister Jansen dinsdag.\n\nhttps://nieuws.example.nl/binnenland/2024/03/05/politie\n",
	"Brand in loods\r\nIn Zwolle brandde vannacht een loods af.\r\nNiemand raakte gewond.\r\n",
	"\ufeffGeen titel, alleen tekst. Maar wel twee zinnen.",
	"Waterschap waarschuwt\n\nHet waterschap Rijn en IJssel waarschuwt voor hoog water.\n\nMeer uit Binnenland\n\nDe trein reed niet\nDe bus wel\n",
	"datum: 2023-11\nDe gemeente Utrecht beschuldigt het bedrijf van fraude. Het bedrijf ontkent.",
	"Caf\xe9 in Gent gesloten\n\nHet caf\xe9 moest dicht na klachten.\n",
	"",
	"\x00\x01\x02binary",
	"   \n\t\n",
}

// dateShape is the shape of a parsed date: a year, maybe a month, maybe a day.
var dateShape = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?$`)

// FuzzParseArticle checks that parsing never panics and that what it
// returns holds: a body that stands verbatim in the (decoded, line-end
// normalised) text, a stable hash, and only the documented errors.
func FuzzParseArticle(f *testing.F) {
	for _, a := range fuzzArticles {
		f.Add("artikel.txt", []byte(a))
	}
	f.Add("2024-03-05-brand.txt", []byte("Brand\n\nEr was brand."))
	f.Add("lees-ook.txt", []byte("Brand in haven\n\nEr was brand in de haven.\n\nLees ook: Eerdere brand in Delfzijl\n\nDe brandweer bleef tot de ochtend."))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		d, err := ParseArticle(name, data)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("ParseArticle(%q) error %v, want ErrEmpty, ErrBinary or ErrTooLarge", data, err)
			}
			return
		}
		text := string(data)
		if !utf8.ValidString(text) {
			text = decodeLatin1(data)
		}
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		// Furniture inside the article ("Lees ook: …") is left out, so the
		// body is the file's own lines, not always one stretch of them.
		for _, line := range strings.Split(d.Body, "\n") {
			if !strings.Contains(text, line) {
				t.Fatalf("ParseArticle(%q).Body has line %q, not in the text", data, line)
			}
		}
		if strings.TrimSpace(d.Body) == "" {
			t.Fatalf("ParseArticle(%q) returned an empty body without ErrEmpty", data)
		}
		for _, v := range []string{d.Title, d.Date, d.URL, d.Publisher, d.Place, d.Body} {
			if !utf8.ValidString(v) {
				t.Fatalf("ParseArticle(%q) returned invalid UTF-8 %q", data, v)
			}
		}
		if d.Date != "" && !dateShape.MatchString(d.Date) {
			t.Fatalf("ParseArticle(%q).Date = %q, want YYYY, YYYY-MM or YYYY-MM-DD", data, d.Date)
		}
		again, err := ParseArticle(name, data)
		if err != nil || again.Hash != d.Hash {
			t.Fatalf("ParseArticle(%q) twice: hash %s then %s (err %v)", data, d.Hash, again.Hash, err)
		}
	})
}

// openFuzzDB opens a fresh knowledge base in dir. Each fuzz worker process
// runs the Fuzz function's body once, so each worker gets its own database.
func openFuzzDB(tb testing.TB, dir string) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(dir, "kb.db"), nil)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// seededFuzzDB opens a knowledge base holding the seed articles and the
// written fuzz articles.
func seededFuzzDB(tb testing.TB, dir string) *DB {
	tb.Helper()
	db := openFuzzDB(tb, dir)
	ctx := context.Background()
	if _, err := db.Seed(ctx, seeds.FS); err != nil {
		tb.Fatalf("Seed: %v", err)
	}
	for i, a := range fuzzArticles {
		if _, err := db.Ingest(ctx, "fuzz"+string(rune('a'+i))+".txt", []byte(a)); err != nil &&
			!errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) {
			tb.Fatalf("Ingest(%q): %v", a, err)
		}
	}
	return db
}

// integrityCheck fails the test unless SQLite's integrity check and the
// FTS5 index's own check pass.
func integrityCheck(tb testing.TB, db *DB) {
	tb.Helper()
	ctx := context.Background()
	var res string
	if err := db.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		tb.Fatalf("PRAGMA integrity_check = %q, %v; want ok", res, err)
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 0)`); err != nil {
		tb.Fatalf("FTS5 integrity-check: %v", err)
	}
}

// FuzzIngest ingests arbitrary bytes: either a clear error (empty, binary,
// too large) and nothing stored, or the article stored whole. The database
// stays intact either way.
func FuzzIngest(f *testing.F) {
	for _, a := range fuzzArticles {
		f.Add([]byte(a))
	}
	db := openFuzzDB(f, f.TempDir())
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var before int
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		res, err := db.Ingest(ctx, "fuzz.txt", data)
		var after int
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Ingest(%q) error %v, want ErrEmpty, ErrBinary or ErrTooLarge", data, err)
			}
			if after != before {
				t.Fatalf("Ingest(%q) failed but the article count went from %d to %d", data, before, after)
			}
			return
		}
		var sents, fts int
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM sentences WHERE article_id = ?`, res.ID).Scan(&sents); err != nil {
			t.Fatal(err)
		}
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM sentences_fts
			WHERE rowid IN (SELECT id FROM sentences WHERE article_id = ?)`, res.ID).Scan(&fts); err != nil {
			t.Fatal(err)
		}
		if sents == 0 || fts != sents {
			t.Fatalf("Ingest(%q) stored %d sentences and %d index rows, want the same number and at least one", data, sents, fts)
		}
		integrityCheck(t, db)
	})
}

// FuzzQuestion asks arbitrary text of a seeded knowledge base: never an
// error, every quote verbatim in a stored article, and no items without
// an answer.
func FuzzQuestion(f *testing.F) {
	for _, q := range []string{
		"wie beschuldigt China?", "Wat zei Jansen?", "hoeveel servers?", "wanneer begon de aanval",
		"welke landen", "wie is de minister", "waarom", "who accused China?", "zoek \"exchange\" OR NEAR(",
		"wat\x00is\x1b[31m dit", "\xff\xfe", "* - : ^ ( ) \" ' NOT AND OR", "",
	} {
		f.Add(q)
	}
	db := seededFuzzDB(f, f.TempDir())
	bodies, err := db.Bodies(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, question string) {
		if len(question) > 4096 {
			t.Skip("longer than any question the bot passes on")
		}
		a, err := qaAnswer(context.Background(), db, question)
		if err != nil {
			t.Fatalf("Answer(%q) error %v, want none", question, err)
		}
		if !a.Found && len(a.Items) > 0 {
			t.Fatalf("Answer(%q) = not found with items %q", question, a.Items)
		}
		if a.Text == "" {
			t.Fatalf("Answer(%q) has no text", question)
		}
		for _, s := range a.Sources {
			if !inAny(bodies, s.Quote) {
				t.Fatalf("Answer(%q) quotes %q, which stands in no stored article", question, s.Quote)
			}
		}
	})
}

func inAny(bodies []string, s string) bool {
	for _, b := range bodies {
		if strings.Contains(b, s) {
			return true
		}
	}
	return false
}

// FuzzSearch searches a seeded knowledge base for arbitrary terms: terms
// are words, never FTS5 syntax, so no input is an error.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"exchange", "China VS", "\"", "a OR b", "NEAR(a b)", "x*", "-y", "col:val", "^begin", "(", "AND",
		"qe1", "'", "\x00", "ééé", "",
	} {
		f.Add(s)
	}
	db := seededFuzzDB(f, f.TempDir())
	f.Fuzz(func(t *testing.T, terms string) {
		if len(terms) > 4096 {
			t.Skip("longer than any request the bot passes on")
		}
		arts, err := db.Search(context.Background(), terms, 5)
		if err != nil {
			t.Fatalf("Search(%q) error %v, want none", terms, err)
		}
		if len(arts) > 5 {
			t.Fatalf("Search(%q) = %d articles, want at most 5", terms, len(arts))
		}
	})
}

// TestSearchFindsArticles is the regression test of the first crash
// FuzzSearch found: a search for a word that stands in an article lists it.
func TestSearchFindsArticles(t *testing.T) {
	db := openFuzzDB(t, t.TempDir())
	ctx := context.Background()
	text := "Stroomstoring in Eindhoven\n\nEen stroomstoring legde dinsdag het verkeer in Eindhoven stil. De netbeheerder zoekt de oorzaak.\n"
	if _, err := db.Ingest(ctx, "storing.txt", []byte(text)); err != nil {
		t.Fatal(err)
	}
	for _, terms := range []string{"stroomstoring", "Eindhoven netbeheerder", "STROOMSTORING!"} {
		arts, err := db.Search(ctx, terms, 5)
		if err != nil || len(arts) != 1 || arts[0].Title != "Stroomstoring in Eindhoven" {
			t.Errorf("Search(%q) = %v, %v; want the one article", terms, arts, err)
		}
	}
}

// TestSeedsParse keeps the fuzz seed set honest: every shipped seed parses.
func TestSeedsParse(t *testing.T) {
	names, err := fs.Glob(seeds.FS, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("seed files: %v, %v", names, err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(seeds.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseArticle(n, data); err != nil {
			t.Errorf("ParseArticle(%s) = %v, want no error", n, err)
		}
	}
}
