package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// cliResult is what one run of the command printed and its exit code.
type cliResult struct {
	code           int
	stdout, stderr string
}

// cliRun runs the command through the real wiring, ParseFlags, Run, Close
// and exitCode, with the environment env (nothing else of the process's).
func cliRun(t *testing.T, env map[string]string, args ...string) cliResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := NewMain()
	m.Stdin = strings.NewReader("")
	m.Stdout, m.Stderr = &stdout, &stderr
	m.Getenv = func(k string) string { return env[k] }
	err := m.ParseFlags(args)
	if err == nil {
		err = m.Run(t.Context())
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	code := m.exitCode(err)
	return cliResult{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// cliDB returns the path of a new knowledge base file in a temporary
// directory.
func cliDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "kb.db")
}

// checkErrorLines checks that stderr holds only one-line "nieuwsbot: …"
// messages, no stack trace or panic.
func checkErrorLines(t *testing.T, args []string, stderr string) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, "nieuwsbot: ") || strings.Contains(l, "goroutine ") || strings.Contains(l, "panic") {
			t.Errorf("nieuwsbot %.60q: stderr line %q is not a one-line nieuwsbot error", args, l)
		}
	}
}

// cliArticles returns the number of articles the knowledge base at db holds.
func cliArticles(t *testing.T, db string) int {
	t.Helper()
	r := cliRun(t, nil, "--db", db, "--no-seed", "stats", "--json")
	if r.code != 0 {
		t.Fatalf("stats: exit %d: %s", r.code, r.stderr)
	}
	var o bot.Overview
	if err := json.Unmarshal([]byte(r.stdout), &o); err != nil {
		t.Fatalf("stats --json output %q: %v", r.stdout, err)
	}
	return o.Articles
}

// seedTextsFolded returns the seed files with white space folded.
func seedTextsFolded(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(seeds.FS, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range names {
		b, err := fs.ReadFile(seeds.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, bot.FoldSpace(string(b)))
	}
	return out
}

func jsonKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestAskJSONContract(t *testing.T) {
	db := cliDB(t)
	args := []string{"--db", db, "ask", "--json", "wie beschuldigt China?"}
	r := cliRun(t, nil, args...)
	if r.code != 0 {
		t.Fatalf("nieuwsbot %q: exit %d, stderr %q", args, r.code, r.stderr)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &obj); err != nil {
		t.Fatalf("nieuwsbot %q printed %q, not one JSON object: %v", args, r.stdout, err)
	}
	if keys := jsonKeys(obj); !slices.Equal(keys, []string{"answer", "found", "items", "question", "sources"}) {
		t.Errorf("ask --json keys = %q, want answer, found, items, question, sources", keys)
	}
	var a struct {
		Question string
		Found    bool
		Answer   string
		Items    []string
		Sources  []map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		t.Fatal(err)
	}
	if a.Question != "wie beschuldigt China?" || !a.Found || a.Answer == "" {
		t.Errorf("ask --json = question %q, found %v, answer %q; want the question, found, an answer", a.Question, a.Found, a.Answer)
	}
	for _, want := range []string{"Verenigde Staten", "Verenigd Koninkrijk", "Europese Unie", "NAVO",
		"Japan", "Canada", "Australië", "Nieuw-Zeeland"} {
		if !slices.Contains(a.Items, want) {
			t.Errorf("ask --json items = %q, want %q among them", a.Items, want)
		}
	}
	if len(a.Sources) == 0 {
		t.Fatal("ask --json has no sources")
	}
	texts := seedTextsFolded(t)
	for _, s := range a.Sources {
		keys := jsonKeys(s)
		keys = slices.DeleteFunc(keys, func(k string) bool { return k == "publisher" || k == "untitled" })
		if !slices.Equal(keys, []string{"date", "id", "quote", "title", "url"}) {
			t.Errorf("ask --json source keys = %q, want date, id, quote, title, url (and publisher, untitled)", keys)
		}
		var quote string
		json.Unmarshal(s["quote"], &quote)
		fq := bot.FoldSpace(quote)
		if fq == "" || !slices.ContainsFunc(texts, func(text string) bool { return strings.Contains(text, fq) }) {
			t.Errorf("ask --json quote %q is not verbatim in a seed file", quote)
		}
	}
	for _, bad := range []string{"Minneapolis", "Venezuela", "Super Bowl", "Trump"} {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("ask --json mentions %q from an unrelated wire item", bad)
		}
	}

	// Not found: found false, items and sources empty lists, not null.
	args = []string{"--db", db, "ask", "--json", "wie beschuldigt Rusland?"}
	r = cliRun(t, nil, args...)
	if r.code != 0 {
		t.Fatalf("nieuwsbot %q: exit %d, want 0 for no answer; stderr %q", args, r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), &obj); err != nil {
		t.Fatalf("nieuwsbot %q printed %q: %v", args, r.stdout, err)
	}
	for k, want := range map[string]string{"found": "false", "items": "[]", "sources": "[]"} {
		if got := string(obj[k]); got != want {
			t.Errorf("nieuwsbot %q: %s = %s, want %s", args, k, got, want)
		}
	}
}

func TestAskPlainText(t *testing.T) {
	db := cliDB(t)
	r := cliRun(t, nil, "--db", db, "ask", "wie", "beschuldigt", "China?")
	if r.code != 0 || !strings.Contains(r.stdout, "Verenigd Koninkrijk") {
		t.Errorf("ask wie beschuldigt China? = exit %d, %q; want 0 and an answer naming the Verenigd Koninkrijk", r.code, r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("ask printed %q on stderr, want nothing", r.stderr)
	}
}

func TestExitCodes(t *testing.T) {
	db := cliDB(t)
	notDB := filepath.Join(t.TempDir(), "tekst.db")
	if err := os.WriteFile(notDB, bytes.Repeat([]byte("dit is geen SQLite-bestand\n"), 200), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of the one-line error; "" for none
	}{
		{"help", []string{"--help"}, 0, ""},
		{"answer found", []string{"--db", db, "ask", "wie beschuldigt China?"}, 0, ""},
		{"no answer", []string{"--db", db, "ask", "wie beschuldigt Rusland?"}, 0, ""},
		{"stats", []string{"--db", db, "stats"}, 0, ""},
		{"no command", []string{"--db", db}, 2, "no command"},
		{"unknown command", []string{"--db", db, "frobnicate"}, 2, "unknown command"},
		{"ask without question", []string{"--db", db, "ask"}, 2, "no question"},
		{"ask with blank question", []string{"--db", db, "ask", "  \t "}, 2, "no question"},
		{"bad global flag", []string{"--bogus", "ask", "x"}, 2, "bogus"},
		{"bad ask flag", []string{"--db", db, "ask", "--bogus", "x"}, 2, "bogus"},
		{"ingest without path", []string{"--db", db, "ingest"}, 2, "ingest"},
		{"eval without file", []string{"--db", db, "eval"}, 2, "eval"},
		{"question of 10,000 characters", []string{"--db", db, "ask", strings.Repeat("a", 10_000)}, 2, "too long"},
		{"missing config file", []string{"--db", db, "--config", filepath.Join(t.TempDir(), "geen.yaml"), "ask", "x"}, 2, "no such file"},
		{"db is a directory", []string{"--db", t.TempDir(), "ask", "wie beschuldigt China?"}, 1, "kb"},
		{"db is not SQLite", []string{"--db", notDB, "ask", "wie beschuldigt China?"}, 1, "kb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cliRun(t, nil, tt.args...)
			if r.code != tt.code {
				t.Errorf("nieuwsbot %.80q: exit %d, want %d (stderr %q)", tt.args, r.code, tt.code, r.stderr)
			}
			checkErrorLines(t, tt.args, r.stderr)
			if tt.stderr == "" {
				if r.stderr != "" {
					t.Errorf("nieuwsbot %.80q: stderr %q, want nothing", tt.args, r.stderr)
				}
				return
			}
			if n := strings.Count(r.stderr, "\n"); n != 1 || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("nieuwsbot %.80q: stderr %q, want one line with %q", tt.args, r.stderr, tt.stderr)
			}
		})
	}
	if n := cliArticles(t, db); n != 4 {
		t.Errorf("after the runs the KB holds %d articles, want the 4 seeds", n)
	}
}

func TestNoSeed(t *testing.T) {
	empty := cliDB(t)
	r := cliRun(t, nil, "--db", empty, "--no-seed", "ask", "--json", "wie beschuldigt China?")
	if r.code != 0 || !strings.Contains(r.stdout, `"found":false`) {
		t.Errorf("ask on a --no-seed KB = exit %d, %q; want 0, not found", r.code, r.stdout)
	}
	if n := cliArticles(t, empty); n != 0 {
		t.Errorf("a --no-seed KB holds %d articles, want 0", n)
	}
	// A config that turns seeding off does the same.
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("kb:\n  seed: false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := cliDB(t)
	if r := cliRun(t, nil, "--db", other, "--config", cfg, "stats"); r.code != 0 || !strings.Contains(r.stdout, "articles:   0") {
		t.Errorf("stats with kb.seed false = exit %d, %q; want 0 articles", r.code, r.stdout)
	}
	seeded := cliDB(t)
	if r := cliRun(t, nil, "--db", seeded, "stats"); r.code != 0 {
		t.Fatalf("stats: exit %d: %s", r.code, r.stderr)
	}
	if n := cliArticles(t, seeded); n != 4 {
		t.Errorf("a new KB holds %d articles, want the 4 seeds", n)
	}
}

func TestDBFromEnvironment(t *testing.T) {
	fromEnv := cliDB(t)
	env := map[string]string{"NIEUWSBOT_DB": fromEnv}
	r := cliRun(t, env, "--no-seed", "stats")
	if r.code != 0 || !strings.Contains(r.stdout, fromEnv) {
		t.Errorf("stats with NIEUWSBOT_DB=%s = exit %d, %q; want that database", fromEnv, r.code, r.stdout)
	}
	if _, err := os.Stat(fromEnv); err != nil {
		t.Errorf("NIEUWSBOT_DB file not created: %v", err)
	}
	flagDB := cliDB(t)
	r = cliRun(t, env, "--db", flagDB, "--no-seed", "stats")
	if r.code != 0 || !strings.Contains(r.stdout, flagDB) {
		t.Errorf("stats with --db and NIEUWSBOT_DB = %q; want --db %s to win", r.stdout, flagDB)
	}
}

// summaryRe matches the summary line of ingest.
var summaryRe = regexp.MustCompile(`(?m)^ingest: (\d+) files: (\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed in \S+ \((\d+) articles/s\)$`)

// ingestCounts are the numbers of an ingest summary line.
type ingestCounts struct{ files, added, replaced, unchanged, failed int }

func parseSummary(t *testing.T, stdout string) ingestCounts {
	t.Helper()
	m := summaryRe.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("ingest printed %q, no summary line", stdout)
	}
	n := make([]int, 5)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return ingestCounts{n[0], n[1], n[2], n[3], n[4]}
}

// smallArticle is the i-th of a set of distinct short articles.
func smallArticle(i int) string {
	places := []string{"Zwolle", "Assen", "Lelystad", "Middelburg", "Roermond", "Gouda", "Hoorn", "Tiel"}
	what := []string{"een datalek", "een storing", "een phishingcampagne", "een ransomware-aanval", "een DDoS-aanval"}
	return fmt.Sprintf("Bericht %d uit %s\n\nDe gemeente %s meldt %s bij afdeling %d. Er zijn %d inwoners getroffen.\n\n"+
		"Een woordvoerder zegt dat het onderzoek nummer %d loopt.\n",
		i, places[i%len(places)], places[i%len(places)], what[i%len(what)], i, 10+i%97, i)
}

func writeTestFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestBadInput feeds ingest every kind of bad input the bot meets:
// each gets a clear one-line error, never a crash or a hang, and the
// knowledge base keeps what it held.
func TestIngestBadInput(t *testing.T) {
	db := cliDB(t)
	if n := cliArticles(t, db); n != 0 {
		t.Fatalf("new --no-seed KB holds %d articles", n)
	}
	if r := cliRun(t, nil, "--db", db, "stats"); r.code != 0 {
		t.Fatalf("seeding: exit %d: %s", r.code, r.stderr)
	}
	held := cliArticles(t, db)
	dir := t.TempDir()

	bigPath := filepath.Join(dir, "groot.txt")
	f, err := os.Create(bigPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: no 50 MB written
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name    string
		data    []byte // written to the file; nil with path set for special files
		path    string
		code    int
		added   int
		message string // in the file's one-line error
	}{
		{name: "leeg.txt", data: []byte{}, code: 1, message: "empty"},
		{name: "spaties.txt", data: []byte("   \n\n\t\r\n"), code: 1, message: "empty"},
		{name: "plaatje.png", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), code: 1, message: "not a text file"},
		{name: "program.bin", data: bytes.Repeat([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0}, 50), code: 1, message: "not a text file"},
		// Invalid UTF-8 is read as Latin-1, as newsroom archives write it.
		{name: "latin1.txt", data: []byte("Brand in caf\xe9 in Li\xe8ge\n\nIn een caf\xe9 in Li\xe8ge is brand uitgebroken. Niemand raakte gewond.\n"), code: 0, added: 1},
		{name: "groot.txt", path: bigPath, code: 1, message: "larger than"},
		{name: "bestaat-niet.txt", path: filepath.Join(dir, "bestaat", "niet.txt"), code: 1, message: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = filepath.Join(dir, tt.name)
				writeTestFile(t, path, tt.data)
			}
			args := []string{"--db", db, "ingest", path}
			r := cliRun(t, nil, args...)
			if r.code != tt.code {
				t.Errorf("nieuwsbot %q: exit %d, want %d (stderr %q)", args, r.code, tt.code, r.stderr)
			}
			checkErrorLines(t, args, r.stderr)
			sum := parseSummary(t, r.stdout)
			if sum.added != tt.added || sum.failed != tt.code {
				t.Errorf("nieuwsbot %q summary = %+v, want %d added, %d failed", args, sum, tt.added, tt.code)
			}
			if tt.message != "" {
				line := ""
				for _, l := range strings.Split(r.stderr, "\n") {
					if strings.Contains(l, path) {
						line = l
					}
				}
				if !strings.Contains(line, tt.message) {
					t.Errorf("nieuwsbot %q: stderr %q, want a line naming the file with %q", args, r.stderr, tt.message)
				}
			}
			held += tt.added
		})
	}
	if n := cliArticles(t, db); n != held {
		t.Errorf("after the bad input the KB holds %d articles, want %d", n, held)
	}
}

// TestIngestUnreadableFile checks a file the user may not read; root reads
// everything, so the test needs another user.
func TestIngestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which can read a chmod 000 file")
	}
	db := cliDB(t)
	path := filepath.Join(t.TempDir(), "geheim.txt")
	writeTestFile(t, path, []byte(smallArticle(1)))
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	r := cliRun(t, nil, "--db", db, "--no-seed", "ingest", path)
	if r.code != 1 || !strings.Contains(r.stderr, "permission denied") {
		t.Errorf("ingest of a chmod 000 file = exit %d, stderr %q; want 1 and permission denied", r.code, r.stderr)
	}
	checkErrorLines(t, []string{"ingest", path}, r.stderr)
}

// TestIngestFIFOTooLarge checks that ingest refuses an oversized input
// without reading it all: the writer of a pipe sees the reader go away
// long before it has written everything.
func TestIngestFIFOTooLarge(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pijp.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	const total = 50 << 20
	written := make(chan int, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			written <- -1
			return
		}
		defer w.Close()
		chunk := bytes.Repeat([]byte("Een zin die steeds terugkomt. "), 2000)
		n := 0
		for n < total {
			k, err := w.Write(chunk)
			n += k
			if err != nil {
				break
			}
		}
		written <- n
	}()
	db := cliDB(t)
	r := cliRun(t, nil, "--db", db, "--no-seed", "ingest", fifo)
	if r.code != 1 || !strings.Contains(r.stderr, "larger than") {
		t.Errorf("ingest of an endless pipe = exit %d, stderr %q; want 1 and larger than", r.code, r.stderr)
	}
	if n := <-written; n < 0 || n >= total {
		t.Errorf("the writer wrote %d bytes of %d before ingest let go, want ingest to stop reading early", n, total)
	}
}

// TestIngestDirectory ingests a directory of 3,000 small files with one
// bad file among them, then again.
func TestIngestDirectory(t *testing.T) {
	const n = 3000
	dir := t.TempDir()
	for i := range n {
		writeTestFile(t, filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), []byte(smallArticle(i)))
	}
	// Hidden files are not articles.
	writeTestFile(t, filepath.Join(dir, ".DS_Store"), []byte("\x00\x00\x00\x01Bud1"))
	bad := filepath.Join(dir, "01500-kapot.txt")
	writeTestFile(t, bad, []byte("\x00\x01\x02\x03\x04 geen tekst"))
	db := cliDB(t)

	args := []string{"--db", db, "--no-seed", "ingest", dir}
	r := cliRun(t, nil, args...)
	if r.code != 1 {
		t.Errorf("nieuwsbot %q with one bad file: exit %d, want 1", args, r.code)
	}
	checkErrorLines(t, args, r.stderr)
	if !strings.Contains(r.stderr, bad) || strings.Count(r.stderr, "\n") != 2 {
		t.Errorf("nieuwsbot %q: stderr %q, want a line for %s and the failure count", args, r.stderr, bad)
	}
	if got, want := parseSummary(t, r.stdout), (ingestCounts{files: n + 1, added: n, failed: 1}); got != want {
		t.Errorf("nieuwsbot %q summary = %+v, want %+v", args, got, want)
	}
	if got := cliArticles(t, db); got != n {
		t.Errorf("after ingest the KB holds %d articles, want %d", got, n)
	}

	// Again: nothing new, nothing lost.
	r = cliRun(t, nil, args...)
	if got, want := parseSummary(t, r.stdout), (ingestCounts{files: n + 1, unchanged: n, failed: 1}); got != want {
		t.Errorf("second nieuwsbot %q summary = %+v, want %+v", args, got, want)
	}
	if got := cliArticles(t, db); got != n {
		t.Errorf("after the second ingest the KB holds %d articles, want %d", got, n)
	}

	// Without the bad file: success.
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}
	if r := cliRun(t, nil, args...); r.code != 0 || r.stderr != "" {
		t.Errorf("nieuwsbot %q without the bad file: exit %d, stderr %q; want 0 and nothing", args, r.code, r.stderr)
	}
}

// TestHostileQuestions asks questions made of search syntax, SQL and
// noise: each gets an answer, a "not found" or a clear refusal, and the
// knowledge base loses nothing.
func TestHostileQuestions(t *testing.T) {
	db := cliDB(t)
	if r := cliRun(t, nil, "--db", db, "stats"); r.code != 0 {
		t.Fatalf("stats: exit %d: %s", r.code, r.stderr)
	}
	held := cliArticles(t, db)
	tests := []struct {
		q    string
		code int
	}{
		{`" OR * NEAR( ) :`, 0},
		{`'; DROP TABLE articles; --`, 0},
		{`<!channel>`, 0},
		{`wie beschuldigt China"); DELETE FROM sentences; --`, 0},
		{`terms:china OR NOT "x`, 0},
		{"wie\x00beschuldigt\x1bChina?", 0},
		{strings.Repeat("waarom ", 142), 0},
		{strings.Repeat("wie beschuldigt China? ", 435), 2},
	}
	for _, tt := range tests {
		for _, asJSON := range []bool{false, true} {
			args := []string{"--db", db, "ask"}
			if asJSON {
				args = append(args, "--json")
			}
			args = append(args, tt.q)
			r := cliRun(t, nil, args...)
			if r.code != tt.code {
				t.Errorf("nieuwsbot ask %.60q: exit %d, want %d (stderr %q)", tt.q, r.code, tt.code, r.stderr)
			}
			checkErrorLines(t, args, r.stderr)
			if tt.code == 0 && asJSON {
				var a bot.Answer
				if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
					t.Errorf("nieuwsbot ask --json %.60q printed %q: %v", tt.q, r.stdout, err)
				}
			}
			if tt.code != 0 && strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("nieuwsbot ask %.60q: stderr %q, want one line", tt.q, r.stderr)
			}
		}
	}
	if n := cliArticles(t, db); n != held {
		t.Errorf("after hostile questions the KB holds %d articles, want %d", n, held)
	}
	if r := cliRun(t, nil, "--db", db, "ask", "--json", "wie beschuldigt China?"); !strings.Contains(r.stdout, `"found":true`) {
		t.Errorf("after hostile questions ask wie beschuldigt China? = %q, want found", r.stdout)
	}
}
