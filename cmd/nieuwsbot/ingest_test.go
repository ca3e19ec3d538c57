package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
)

// corpusArticles is the size of the generated archive ingest is tried on.
const corpusArticles = 1000

// TestIngestCorpus ingests a directory of 1,000 generated news articles
// with one corrupt file among them: the corrupt file is reported, the rest
// goes in, and a second run adds nothing.
func TestIngestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 1,000 articles twice; skipped with -short")
	}
	dir := t.TempDir()
	if _, err := corpus.Generate(7, corpusArticles, dir); err != nil {
		t.Fatalf("corpus.Generate: %v", err)
	}
	corrupt := filepath.Join(dir, "0000500-corrupt.txt")
	writeTestFile(t, corrupt, []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03gzip, geen tekst\x00\x00"))
	db := cliDB(t)
	args := []string{"--db", db, "--no-seed", "ingest", dir}

	r := cliRun(t, nil, args...)
	if r.code != 1 {
		t.Errorf("nieuwsbot %q with a corrupt file: exit %d, want 1", args, r.code)
	}
	checkErrorLines(t, args, r.stderr)
	if !strings.Contains(r.stderr, corrupt+": not a text file") {
		t.Errorf("nieuwsbot %q: stderr %q, want the corrupt file reported", args, r.stderr)
	}
	if got, want := parseSummary(t, r.stdout), (ingestCounts{files: corpusArticles + 1, added: corpusArticles, failed: 1}); got != want {
		t.Errorf("nieuwsbot %q summary = %+v, want %+v", args, got, want)
	}
	if got := cliArticles(t, db); got != corpusArticles {
		t.Errorf("after ingest the KB holds %d articles, want %d", got, corpusArticles)
	}

	r = cliRun(t, nil, args...)
	if got, want := parseSummary(t, r.stdout), (ingestCounts{files: corpusArticles + 1, unchanged: corpusArticles, failed: 1}); got != want {
		t.Errorf("second nieuwsbot %q summary = %+v, want %+v", args, got, want)
	}
	if got := cliArticles(t, db); got != corpusArticles {
		t.Errorf("after the second ingest the KB holds %d articles, want %d", got, corpusArticles)
	}

	// The archive answers a question of every kind about itself.
	qs := corpus.Questions(7, 1)
	if len(qs) == 0 {
		t.Fatal("corpus.Questions returned none")
	}
	for _, q := range qs {
		r := cliRun(t, nil, "--db", db, "ask", "--json", q.Text)
		if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, `"found":true`) {
			t.Errorf("ask %q (%s) on the corpus: exit %d, stderr %q, answer %.200s; want found", q.Text, q.Kind, r.code, r.stderr, r.stdout)
		}
	}
}
