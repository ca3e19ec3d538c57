package main

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed/feedtest"
)

// noGapConfig writes a config whose fetches keep no gap between requests
// to one host: the test site is on loopback and alone.
func noGapConfig(t *testing.T, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeTestFile(t, path, []byte("fetch:\n  min_gap: 0s\n  timeout: 10s\n"+extra))
	return path
}

// localSite serves the 50 articles of feedtest on 127.0.0.1.
func localSite(t *testing.T) (*feedtest.Site, *httptest.Server, []string) {
	t.Helper()
	files, err := feedtest.Files("../../kb/testdata")
	if err != nil || len(files) != 50 {
		t.Fatalf("feedtest.Files = %d, %v; want 50 files", len(files), err)
	}
	site, err := feedtest.New(files)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	site.SetBase(srv.URL)
	return site, srv, files
}

// siteFurniture are words of the local site's furniture.
var siteFurniture = []string{
	"cookies", "Akkoord", "Accepteren", "Toestemming geven", "Deel op", "Deel dit", "Delen", "Kopieer link",
	"Lees ook", "Meer uit", "Gerelateerde artikelen", "Ook interessant", "Reacties (", "Reageer op", "Log in om",
	"Tags:", "Privacy", "Colofon", "Abonneren", "Inloggen", "Voorpagina", "Pricewatch", "rechten voorbehouden",
	"Door onze verslaggever", "Door de redactie", "Bijgewerkt", "Goed stuk", "hoe kwetsbaar we zijn",
}

// TestIngestLocalSite is the local site of the issue: `ingest` of its RSS
// and Atom feeds stores all 50 articles once, each with headline and date,
// no furniture in any stored sentence, and they answer the questions as
// well as the same articles ingested as files.
func TestIngestLocalSite(t *testing.T) {
	site, srv, files := localSite(t)
	cfg := noGapConfig(t, "")
	siteDB, fileDB := cliDB(t), cliDB(t)
	args := []string{"--db", siteDB, "--config", cfg, "ingest", srv.URL + "/rss.xml", srv.URL + "/atom.xml"}
	r := cliRun(t, nil, args...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("nieuwsbot %q: exit %d, stderr %q", args, r.code, r.stderr)
	}
	if got, want := parseSummary(t, r.stdout), (ingestCounts{files: 50, added: 50}); got != want {
		t.Errorf("nieuwsbot %q summary = %+v, want %+v", args, got, want)
	}
	for _, a := range site.Articles() {
		if n := site.Hits(a.Path); n != 1 {
			t.Errorf("page %s fetched %d times, want once", a.Path, n)
		}
	}
	r = cliRun(t, nil, append([]string{"--db", fileDB, "ingest"}, files...)...)
	if r.code != 0 {
		t.Fatalf("ingest of the files: exit %d: %s", r.code, r.stderr)
	}
	checkSiteArticles(t, siteDB, files)

	// The same questions over both: the project's own sets for these
	// articles and the questions written for the site.
	texts := seedTextsFolded(t)
	for _, f := range files {
		data, _ := os.ReadFile(f)
		texts = append(texts, bot.FoldSpace(string(data)))
	}
	// A file without a title line gets a headline on its page (made from
	// its URL or first sentence): text of the page, quoted from there.
	for _, a := range site.Articles() {
		texts = append(texts, bot.FoldSpace(a.Title))
	}
	for _, set := range []string{"../../kb/feed/testdata/site-questions.jsonl", "../../kb/testdata/eval/questions.jsonl",
		"../../kb/testdata/dev/questions.jsonl"} {
		fromSite, fromFiles := evalOn(t, siteDB, set, texts), evalOn(t, fileDB, set, texts)
		same, lost := 0, 0
		for i, s := range fromSite.Results {
			f := fromFiles.Results[i]
			if s.Answer.Text == f.Answer.Text {
				same++
			}
			if f.Pass && !s.Pass {
				lost++
				t.Logf("%s %q: answered from the files, not from the site: %s\n  site:  %.300s\n  files: %.300s", s.Question.ID, s.Question.Q, s.Why, s.Answer.Text, f.Answer.Text)
			}
		}
		t.Logf("%s: site %d/%d, files %d/%d, the same answer %d/%d, quotes not verbatim %d",
			filepath.Base(filepath.Dir(set))+"/"+filepath.Base(set), fromSite.Passed, len(fromSite.Results),
			fromFiles.Passed, len(fromFiles.Results), same, len(fromSite.Results), fromSite.BadQuotes)
		// One question may go either way: every page states a day, where
		// 31 of the files have no date and 9 a month only, and answers
		// rank recent news first, so a denial of another date can win (dev
		// E088 measured). The text itself is the same: see
		// kb/feed's TestLocalSiteExtraction.
		if fromSite.Passed < fromFiles.Passed-1 || fromSite.BadQuotes > 0 {
			t.Errorf("%s: the site's articles answer %d, the files %d (%d quotes not verbatim)", set, fromSite.Passed, fromFiles.Passed, fromSite.BadQuotes)
		}
	}
}

// checkSiteArticles checks what the site's ingest stored: 50 articles
// with headline and date, and no sentence with furniture in it.
func checkSiteArticles(t *testing.T, dbPath string, files []string) {
	t.Helper()
	var all strings.Builder
	for _, f := range files {
		data, _ := os.ReadFile(f)
		all.Write(data)
	}
	sqldb, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	var n, untitled int
	if err := sqldb.QueryRow(`SELECT count(*), count(*) FILTER (WHERE title = '' OR date = '')
		FROM articles WHERE url LIKE 'http://127.0.0.1:%'`).Scan(&n, &untitled); err != nil {
		t.Fatal(err)
	}
	if n != 50 || untitled != 0 {
		t.Errorf("%d articles from the site, %d without headline or date; want 50 and 0", n, untitled)
	}
	rows, err := sqldb.Query(`SELECT s.text FROM sentences s JOIN articles a ON a.id = s.article_id WHERE a.url LIKE 'http://127.0.0.1:%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	sentences := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		sentences++
		for _, w := range siteFurniture {
			if strings.Contains(s, w) && !strings.Contains(all.String(), w) {
				t.Errorf("stored sentence %q has furniture %q", s, w)
			}
		}
	}
	if sentences < 50*10 {
		t.Errorf("%d sentences stored from 50 articles, want more than 500", sentences)
	}
}

// evalOn scores a question file against the knowledge base at dbPath.
func evalOn(t *testing.T, dbPath, file string, texts []string) bot.EvalReport {
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
	db, err := kb.Open(t.Context(), dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	verbatim := func(quote string) bool {
		q := bot.FoldSpace(quote)
		for _, d := range texts {
			if q != "" && strings.Contains(d, q) {
				return true
			}
		}
		return false
	}
	rep, err := bot.Evaluate(context.Background(), db, qs, verbatim)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
