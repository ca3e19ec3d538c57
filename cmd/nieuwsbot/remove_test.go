package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
)

// TestRemoveCommand: nieuwsbot remove deletes by id, URL or --seeds; an
// unknown one is an error (exit 2) and nothing is removed. After the seeds
// are gone, a question about local news is not answered from them.
func TestRemoveCommand(t *testing.T) {
	db := cliDB(t)
	dir := t.TempDir()
	local := filepath.Join(dir, "raad.txt")
	writeTestFile(t, local, []byte("Raad verwerpt voorstel over parkeren\n\n"+
		"ZWOLLE - De gemeenteraad van Zwolle heeft het voorstel over betaald parkeren verworpen. "+
		"De VVD en GroenLinks stemden tegen het voorstel van wethouder Piet de Vries.\n\n"+
		"https://www.destentor.nl/zwolle/raad-verwerpt-voorstel-parkeren\n"))
	if r := cliRun(t, nil, "--db", db, "ingest", local); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"remove"},
		{"remove", "99999"},
		{"remove", "--seeds", "https://example.org/bestaat-niet"},
	} {
		r := cliRun(t, nil, append([]string{"--db", db}, args...)...)
		if r.code != 2 {
			t.Errorf("nieuwsbot %q = exit %d, %q; want 2", args, r.code, r.stderr)
		}
		checkErrorLines(t, args, r.stderr)
	}
	if n := cliArticles(t, db); n != 5 {
		t.Fatalf("after failed removals the KB holds %d articles, want 5", n)
	}
	if r := cliRun(t, nil, "--db", db, "remove", "--seeds"); r.code != 0 || r.stdout != "remove: 4 articles removed\n" {
		t.Errorf("remove --seeds = exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	r := cliRun(t, nil, "--db", db, "ask", "--json", "wie stemden tegen het voorstel")
	var a bot.Answer
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		t.Fatalf("ask --json = %q: %v", r.stdout, err)
	}
	if strings.Contains(a.Text, "Borrell") || strings.Contains(a.Text, "Europese Unie") {
		t.Errorf("after remove --seeds, %q = %q: answered from the bundled articles", a.Question, a.Text)
	}
	r = cliRun(t, nil, "--db", db, "remove", "https://www.destentor.nl/zwolle/raad-verwerpt-voorstel-parkeren")
	if r.code != 0 || cliArticles(t, db) != 0 {
		t.Errorf("remove URL = exit %d, %q; want the last article gone", r.code, r.stderr)
	}
	// Removing the seeds is for good: a KB emptied so is not seeded again.
	if n := cliArticles(t, db); n != 0 {
		t.Errorf("the emptied KB holds %d articles, want 0", n)
	}
	if r := cliRun(t, nil, "--db", db, "stats"); r.code != 0 || !strings.Contains(r.stdout, "articles:   0") {
		t.Errorf("stats of the emptied KB = %q; want it not seeded again", r.stdout)
	}
}

// TestRemoveOnBothBackends runs ingest, remove and ingest again on SQLite
// and on PostgreSQL: the removed article no longer answers, the counts go
// back to what they were before it came in, removing it again is an error
// that removes nothing, and the same file comes in again and answers.
func TestRemoveOnBothBackends(t *testing.T) {
	const url = "https://www.destentor.nl/zwolle/raad-verwerpt-voorstel-parkeren"
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db := cliDB(t)
			if backend == "postgres" {
				db = pgtest.URL(t)
			}
			local := filepath.Join(t.TempDir(), "raad.txt")
			writeTestFile(t, local, []byte("Raad verwerpt voorstel over parkeren\n\n"+
				"ZWOLLE - De gemeenteraad van Zwolle heeft het voorstel over betaald parkeren verworpen. "+
				"De VVD en GroenLinks stemden tegen het voorstel van wethouder Piet de Vries.\n\n"+url+"\n"))
			seeded := cliOverview(t, db) // the first open seeds the bundled articles
			ingest := func() bot.Overview {
				t.Helper()
				r := cliRun(t, nil, "--db", db, "ingest", local)
				if got := parseSummary(t, r.stdout); r.code != 0 || got.added != 1 {
					t.Fatalf("ingest: exit %d, %q, %q; want 1 added", r.code, r.stdout, r.stderr)
				}
				if src, ok := answeredFrom(t, db, "wie stemden tegen het voorstel over parkeren?", url); !ok {
					t.Errorf("after the ingest the vote is not answered from %s (sources %q)", url, src)
				}
				return cliOverview(t, db)
			}
			added := ingest()
			if added.Articles != seeded.Articles+1 || added.Sentences <= seeded.Sentences {
				t.Fatalf("after the ingest: %+v; want one article and its sentences more than %+v", added, seeded)
			}
			if r := cliRun(t, nil, "--db", db, "remove", url); r.code != 0 || r.stdout != "remove: 1 articles removed\n" {
				t.Fatalf("remove %s = exit %d, %q, %q", url, r.code, r.stdout, r.stderr)
			}
			if src, ok := answeredFrom(t, db, "wie stemden tegen het voorstel over parkeren?", url); ok {
				t.Errorf("after the removal the vote is still answered from %s (sources %q)", url, src)
			}
			if got := cliOverview(t, db); !sameCounts(got, seeded) {
				t.Errorf("after the removal: %+v; want the counts of before the ingest, %+v", got, seeded)
			}
			args := []string{"--db", db, "remove", url}
			if r := cliRun(t, nil, args...); r.code != 2 || !strings.Contains(r.stderr, "nothing removed") {
				t.Errorf("remove again = exit %d, %q; want 2, nothing removed", r.code, r.stderr)
			} else {
				checkErrorLines(t, args, r.stderr)
			}
			if again := ingest(); !sameCounts(again, added) {
				t.Errorf("after ingesting it again: %+v; want %+v as after the first ingest", again, added)
			}
			if r := cliRun(t, nil, "--db", db, "remove", "--seeds", url); r.code != 0 || r.stdout != "remove: 5 articles removed\n" {
				t.Errorf("remove --seeds URL = exit %d, %q, %q; want 5 removed", r.code, r.stdout, r.stderr)
			}
			if got := cliOverview(t, db); !sameCounts(got, bot.Overview{}) {
				t.Errorf("after removing everything: %+v; want nothing left", got)
			}
		})
	}
}

// cliOverview returns what stats --json says of the knowledge base at db.
func cliOverview(t *testing.T, db string) bot.Overview {
	t.Helper()
	r := cliRun(t, nil, "--db", db, "stats", "--json")
	var o bot.Overview
	if err := json.Unmarshal([]byte(r.stdout), &o); r.code != 0 || err != nil {
		t.Fatalf("stats --json: exit %d, %q, %v", r.code, r.stderr, err)
	}
	return o
}

// sameCounts reports whether two overviews count the same articles,
// sentences and claims. The entities are left out: the names that the
// knowledge base has met stay when an article goes (ingesting processes
// cache their ids), and a name no article mentions answers nothing.
func sameCounts(a, b bot.Overview) bool {
	return a.Articles == b.Articles && a.Sentences == b.Sentences && a.Claims == b.Claims && a.Bundled == b.Bundled
}

// answeredFrom asks question with ask --json and reports whether the
// answer was found with url among its sources; it returns the sources'
// URLs.
func answeredFrom(t *testing.T, db, question, url string) ([]string, bool) {
	t.Helper()
	r := cliRun(t, nil, "--db", db, "ask", "--json", question)
	var a bot.Answer
	if err := json.Unmarshal([]byte(r.stdout), &a); r.code != 0 || err != nil {
		t.Fatalf("ask --json %q: exit %d, %q, %v", question, r.code, r.stderr, err)
	}
	var urls []string
	for _, s := range a.Sources {
		urls = append(urls, s.URL)
	}
	return urls, a.Found && slices.Contains(urls, url)
}
