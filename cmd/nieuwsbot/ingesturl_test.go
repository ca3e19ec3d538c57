package main

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/cmd/internal/knowledge"
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
	k, err := knowledge.New(db)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := bot.Evaluate(context.Background(), k, qs, verbatim)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestIngestMixed: files, a directory, a local HTML page, a feed URL and a
// page URL in one call; the failing URLs are reported one line each and
// the rest goes in.
func TestIngestMixed(t *testing.T) {
	_, srv, files := localSite(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/kapot.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss><channel><item><title>half"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/plaatje.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00"))
	})
	mux.HandleFunc("/leeg.html", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><p>Video</p></body></html>"))
	})
	bad := httptest.NewServer(mux)
	defer bad.Close()

	dir := t.TempDir()
	html, err := os.ReadFile("../../kb/feed/testdata/pages/regionaal.html")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "pagina.html"), html)
	sub := filepath.Join(dir, "map")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(sub, "a.txt"), []byte(smallArticle(1)))
	writeTestFile(t, filepath.Join(sub, "b.txt"), []byte(smallArticle(2)))
	db := cliDB(t)
	page := srv.URL + site0Path(t, srv.URL)
	args := []string{"--db", db, "--no-seed", "--config", noGapConfig(t, ""), "ingest",
		files[0], sub, filepath.Join(dir, "pagina.html"), srv.URL + "/atom.xml", page,
		bad.URL + "/kapot.xml", bad.URL + "/loop", bad.URL + "/plaatje.png", bad.URL + "/leeg.html", bad.URL + "/weg.xml",
		"ftp://example.org/feed.xml"}
	r := cliRun(t, nil, args...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (some failed)", r.code)
	}
	checkErrorLines(t, args, r.stderr)
	for _, want := range []string{
		bad.URL + "/kapot.xml: malformed feed",
		bad.URL + "/loop: too many redirects",
		bad.URL + "/plaatje.png: neither a feed nor a web page (image/png)",
		bad.URL + "/leeg.html: no article text on the page",
		bad.URL + "/weg.xml: HTTP 404 Not Found",
		"ftp://example.org/feed.xml: only http and https URLs are fetched",
	} {
		if !strings.Contains(r.stderr, "nieuwsbot: ingest "+want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// files[0] is on the site too, but as a file it is stored on its own;
	// the page URL is one of the feed's items, stored once.
	if got, want := parseSummary(t, r.stdout), (ingestCounts{files: 1 + 2 + 1 + 50 + 6, added: 1 + 2 + 1 + 50, failed: 6}); got != want {
		t.Errorf("summary = %+v, want %+v\n%s", got, want, r.stderr)
	}
	out := cliRun(t, nil, "--db", db, "--no-seed", "ask", "--json", "wat vertelt buurman Gerrit Kamphuis?")
	if !strings.Contains(out.stdout, "Het ging ontzettend snel") || strings.Contains(out.stdout, "<p>") {
		t.Errorf("the local HTML page answers %s, want its text without markup", out.stdout)
	}
}

// site0Path returns the path of the first item of the site's RSS feed.
func site0Path(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	_, rest, _ := strings.Cut(string(data), "<item>\n<title>")
	_, rest, _ = strings.Cut(rest, "<link>"+base)
	p, _, _ := strings.Cut(rest, "</link>")
	return p
}
