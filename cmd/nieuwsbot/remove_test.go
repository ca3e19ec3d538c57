package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
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
