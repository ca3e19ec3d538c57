package kb

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// hostileQuestions are questions a chat channel may send that no article
// answers well: syntax of SQL and FTS5, chat markup, odd scripts and
// invisible characters, questions of only stop words or a question word,
// a name with no words, one-token questions, English, and bare years.
var hostileQuestions = []struct {
	name, q string
}{
	{"fts syntax", `" OR * NEAR( ) :`},
	{"fts operators", "AND OR NOT NEAR"},
	{"fts star", "*"},
	{"fts column", "text:china"},
	{"open parens", "(((((((("},
	{"sql injection", "'; DROP TABLE articles; --"},
	{"sql injection in name", "wie is Robert'); DROP TABLE articles;--?"},
	{"slack markup", "<!channel>"},
	{"slack mention", "<@U123ABC> wie beschuldigt <#C01|algemeen>?"},
	{"1000 a", strings.Repeat("a", 1000)},
	{"1000 a words", strings.Repeat("a ", 1000)},
	{"long question", strings.Repeat("wie beschuldigt China van de hack ", 200)},
	{"emoji", "🔥🔥🔥?"},
	{"emoji flag", "wie beschuldigt 🇨🇳?"},
	{"hebrew", "מי מאשים את סין?"},
	{"arabic", "من يتهم الصين؟"},
	{"rtl override", "\u202ewie beschuldigt China?\u202c"},
	{"zero-width", "wie\u200bbeschuldigt\u200d China\u200c?\u2060"},
	{"control characters", "\x00\x01wie\x7f is\x1b[31m dit"},
	{"invalid utf-8", "\xff\xfe wie \xc3"},
	{"empty", ""},
	{"question mark", "?"},
	{"only punctuation", "...!!!???,;:-–—"},
	{"only stop words", "de het een van en"},
	{"who is nothing", "wie is ?"},
	{"who is article", "wie is de?"},
	{"what is it", "wat is het?"},
	{"said nothing", "wat zei  over"},
	{"said about nothing", "wat zei de over het?"},
	{"said alone", "wat zei?"},
	{"hoeveel", "hoeveel"},
	{"hoeveel thrice", "hoeveel hoeveel hoeveel"},
	{"welke", "welke"},
	{"welke welke", "welke welke landen?"},
	{"waar", "waar"},
	{"wanneer", "wanneer?"},
	{"waarom", "waarom?"},
	{"who", "who"},
	{"met wie", "met wie?"},
	{"door wie", "door wie?"},
	{"in welke", "in welke?"},
	{"year", "2021"},
	{"in year", "in 2021?"},
	{"since year", "sinds 2021"},
	{"before 1900", "voor 1900"},
	{"far year", "in 2099 wie beschuldigt China?"},
	{"de de de", "wie beschuldigt de de de?"},
	{"one token name", "China"},
	{"one token verb", "beschuldigt"},
	{"double verb", "ontkent ontkent?"},
	{"entity token", "qe1"},
	{"unknown person", "wie is Xyzzy Plugh?"},
	{"unknown speaker", "wat zei Qwerty Asdf over de hack?"},
	{"copula and say verb", "wat is zei Tim Walz"},
	{"english accused whom", "who accused whom?"},
	{"english said", "what did they say about it?"},
	{"english behind", "Who is behind the hack?"},
	{"question words only", "Wie? Wat? Waar? Wanneer?"},
	{"open quote name", `wie is "Borrell`},
}

// seedText returns the seed files' text with whitespace folded to single
// spaces.
func seedText(t *testing.T) string {
	t.Helper()
	names, err := fs.Glob(seeds.FS, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("seed files: %v, %v", names, err)
	}
	var b strings.Builder
	for _, n := range names {
		data, err := fs.ReadFile(seeds.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(foldSpace(string(data)))
		b.WriteString("\n")
	}
	return b.String()
}

func articleCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.db.QueryRowContext(context.Background(), `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		t.Fatalf("count articles: %v", err)
	}
	return n
}

// TestAnswerHostile asks the seeded knowledge base odd and hostile
// questions: none is an error, an answer not found lists no items, every
// quote stands verbatim in a seed article, and nothing is stored or lost.
func TestAnswerHostile(t *testing.T) {
	ctx := context.Background()
	db := openFuzzDB(t, t.TempDir())
	if _, err := db.Seed(ctx, seeds.FS); err != nil {
		t.Fatalf("Seed: %v", err)
	}
	text := seedText(t)
	before := articleCount(t, db)
	if before == 0 {
		t.Fatal("Seed stored no articles")
	}
	for _, tc := range hostileQuestions {
		t.Run(tc.name, func(t *testing.T) {
			a, err := qaAnswer(ctx, db, tc.q)
			if err != nil {
				t.Fatalf("Answer(%q) error %v, want none", tc.q, err)
			}
			t.Logf("Answer(%q) = found %v, %q, %d sources", tc.q, a.Found, a.Text, len(a.Sources))
			if a.Text == "" {
				t.Errorf("Answer(%q) has no text", tc.q)
			}
			if !a.Found && len(a.Items) > 0 {
				t.Errorf("Answer(%q) = not found with items %q", tc.q, a.Items)
			}
			for _, s := range a.Sources {
				if !strings.Contains(text, foldSpace(s.Quote)) {
					t.Errorf("Answer(%q) quotes %q, which stands in no seed article", tc.q, s.Quote)
				}
			}
			if after := articleCount(t, db); after != before {
				t.Errorf("after Answer(%q) the knowledge base holds %d articles, want %d", tc.q, after, before)
			}
		})
	}
}

// TestAnswerUnquotedPerson is the regression test of a panic: "wat was zei
// x" about a person the knowledge base knows but never quotes, typed in
// lower case, left retrieve a head noun and no terms.
func TestAnswerUnquotedPerson(t *testing.T) {
	ctx := context.Background()
	db := openFuzzDB(t, t.TempDir())
	const article = "Nieuwe brug in Deventer\n\nWethouder Marieke Dolfsma van Deventer opende woensdag de nieuwe fietsbrug over de IJssel. De brug kostte ruim acht miljoen euro.\n"
	if _, err := db.Ingest(ctx, "brug.txt", []byte(article)); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	for _, q := range []string{"wat was zei dolfsma", "wat is zei dolfsma", "wie is zei dolfsma", "wat was zei Dolfsma?", "wat zei dolfsma"} {
		a, err := qaAnswer(ctx, db, q)
		if err != nil {
			t.Errorf("Answer(%q) error %v, want none", q, err)
		}
		for _, s := range a.Sources {
			if !strings.Contains(foldSpace(article), foldSpace(s.Quote)) {
				t.Errorf("Answer(%q) quotes %q, which stands in no article", q, s.Quote)
			}
		}
	}
}
