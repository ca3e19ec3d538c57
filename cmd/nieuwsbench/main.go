// Command nieuwsbench measures nieuwsbot on a synthetic corpus and prints a
// markdown table: ingest throughput of the real `nieuwsbot ingest` against
// a bare FTS5 insert of the same texts, answer latency per question kind
// against a bare FTS5 AND query for the same terms on the same database,
// cold start to first answer, peak memory, database size against text size,
// and Slack acknowledgement latency with concurrent slash commands.
//
// Usage:
//
//	go run ./cmd/nieuwsbench -n 10000 -dir /tmp/bench
//
// The corpus (kb/corpus, seed -seed) is generated into DIR/corpus-N once and
// reused; the databases are rebuilt on every run.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack"
	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	_ "modernc.org/sqlite"
)

// Goals of issue 7, for the table's last column.
const (
	goalIngestRate   = 1000.0 // articles/s
	goalIngestShare  = 0.5    // of the bare FTS5 insert rate
	goalAnswerP99    = 30 * time.Millisecond
	goalAnswerRatio  = 2.0 // × the bare FTS5 query p99
	goalColdStart    = 150 * time.Millisecond
	goalPeakRSS      = 300 << 20
	goalSizeRatio    = 3.0
	goalSlackAckP99  = 50 * time.Millisecond
	slackConcurrency = 50
)

type options struct {
	n          int
	dir        string
	seed       int64
	perKind    int
	bin        string
	slackN     int
	coldRuns   int
	cpuprofile string
	skipIngest bool
	childDB    string // run only the batched ingest of -corpus into this database
	childDir   string
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 1000, "number of articles")
	flag.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "nieuwsbench"), "work directory for the corpus and databases")
	flag.Int64Var(&o.seed, "seed", 1, "corpus seed")
	flag.IntVar(&o.perKind, "q", 100, "questions per kind")
	flag.StringVar(&o.bin, "bin", "", "nieuwsbot binary (default: built from ./cmd/nieuwsbot into DIR)")
	flag.IntVar(&o.slackN, "slack", 300, fmt.Sprintf("slash commands sent, %d at a time (0: skip)", slackConcurrency))
	flag.IntVar(&o.coldRuns, "cold", 5, "cold-start runs")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the answer phase to this file")
	flag.BoolVar(&o.skipIngest, "reuse", false, "reuse the databases of an earlier run with the same -n")
	flag.StringVar(&o.childDB, "batch-ingest-db", "", "internal: run the batched ingest of -batch-ingest-dir into this database and exit")
	flag.StringVar(&o.childDir, "batch-ingest-dir", "", "internal: see -batch-ingest-db")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if o.childDB != "" {
		if err := batchIngest(context.Background(), o.childDB, o.childDir); err != nil {
			fmt.Fprintln(os.Stderr, "nieuwsbench: batched ingest:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), o, logger); err != nil {
		fmt.Fprintln(os.Stderr, "nieuwsbench:", err)
		os.Exit(1)
	}
}

// result holds every figure of one run.
type result struct {
	n                          int
	textBytes, dbBytes         int64
	bareBytes                  int64
	ingest, bareInsert         time.Duration
	ingestRSS                  int64
	ingestCPU                  time.Duration
	batchIngest, batchCPU      time.Duration
	batchRSS                   int64
	answers                    map[string]latency
	bare                       map[string]latency
	found                      map[string]int
	asked                      map[string]int
	cold                       []time.Duration
	coldRSS                    int64
	slack                      []slackRun
	benchRSS                   int64
	sentences, claims, entries int64
}

type latency struct{ p50, p99, max time.Duration }

// slackRun is one Slack measurement: acknowledgement latency with the
// adapter's AckTimeout at ackTimeout.
type slackRun struct {
	ackTimeout   time.Duration
	limit        int // answers at a time; 0: unbounded
	ack          latency
	sent, inline int
}

func percentiles(ds []time.Duration) latency {
	if len(ds) == 0 {
		return latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	p99 := (len(s)*99 + 99) / 100
	return latency{p50: s[len(s)/2], p99: s[min(len(s), p99)-1], max: s[len(s)-1]}
}

func run(ctx context.Context, o options, logger *slog.Logger) error {
	r := result{n: o.n, answers: map[string]latency{}, bare: map[string]latency{},
		found: map[string]int{}, asked: map[string]int{}}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	dir := filepath.Join(o.dir, fmt.Sprintf("corpus-%d", o.n))
	var err error
	if r.textBytes, err = ensureCorpus(o.seed, o.n, dir, logger); err != nil {
		return err
	}
	bin := o.bin
	if bin == "" {
		bin = filepath.Join(o.dir, "nieuwsbot")
		logger.Info("building nieuwsbot", "out", bin)
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/nieuwsbot")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build nieuwsbot: %w", err)
		}
	}
	dbPath := filepath.Join(o.dir, fmt.Sprintf("kb-%d.db", o.n))
	barePath := filepath.Join(o.dir, fmt.Sprintf("bare-%d.db", o.n))
	if !o.skipIngest {
		logger.Info("ingest through nieuwsbot", "articles", o.n)
		if r.ingest, r.ingestRSS, r.ingestCPU, err = ingest(ctx, bin, dbPath, dir); err != nil {
			return err
		}
		logger.Info("ingest through kb.StoreBatch", "articles", o.n)
		if r.batchIngest, r.batchRSS, r.batchCPU, err = batchIngestChild(ctx, filepath.Join(o.dir, fmt.Sprintf("kb-%d-batch.db", o.n)), dir); err != nil {
			return err
		}
		logger.Info("bare FTS5 insert", "articles", o.n)
		if r.bareInsert, err = bareInsert(ctx, barePath, dir); err != nil {
			return err
		}
	}
	if r.dbBytes, err = checkpointedSize(ctx, dbPath); err != nil {
		return err
	}
	if r.bareBytes, err = checkpointedSize(ctx, barePath); err != nil {
		return err
	}
	qs := corpus.Questions(o.seed, o.perKind)
	logger.Info("cold start", "runs", o.coldRuns)
	if r.cold, r.coldRSS, err = coldStart(ctx, bin, dbPath, qs[0].Text, o.coldRuns); err != nil {
		return err
	}
	db, err := kb.Open(ctx, dbPath, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := counts(ctx, dbPath, &r); err != nil {
		return err
	}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	logger.Info("answers", "questions", len(qs))
	if err := answers(ctx, db, dbPath, qs, &r); err != nil {
		return err
	}
	if o.slackN > 0 {
		logger.Info("slack acknowledgements", "commands", o.slackN, "concurrent", slackConcurrency)
		// The default waits up to 2 s to answer inline; a short timeout
		// acks at once and answers on response_url.
		// A limit on answers at a time leaves the CPU to the acks.
		for _, c := range []struct {
			ack   time.Duration
			limit int
		}{{2 * time.Second, 0}, {20 * time.Millisecond, 0}, {20 * time.Millisecond, max(1, runtime.GOMAXPROCS(0)-1)}} {
			run, err := slackAcks(ctx, db, qs, o.slackN, c.ack, c.limit)
			if err != nil {
				return err
			}
			r.slack = append(r.slack, run)
		}
	}
	r.benchRSS = peakRSS()
	report(os.Stdout, o, r)
	return nil
}

// ensureCorpus generates the corpus unless dir holds it already, and
// returns its size in bytes.
func ensureCorpus(seed int64, n int, dir string, logger *slog.Logger) (int64, error) {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) == n {
		var total int64
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				return 0, err
			}
			total += info.Size()
		}
		return total, nil
	}
	logger.Info("generating corpus", "articles", n, "dir", dir)
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	return corpus.Generate(seed, n, dir)
}

func removeDB(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// ingest runs `nieuwsbot ingest` on the corpus into a new database and
// returns its wall time, peak RSS and CPU time (user and system), which a
// machine shared with other work leaves less noisy than wall time.
func ingest(ctx context.Context, bin, dbPath, dir string) (time.Duration, int64, time.Duration, error) {
	if err := removeDB(dbPath); err != nil {
		return 0, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, bin, "--db", dbPath, "--no-seed", "ingest", "-q", dir)
	cmd.Env = benchEnv()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("nieuwsbot ingest: %w: %s", err, lastLines(out.String(), 5))
	}
	ps := cmd.ProcessState
	return took, maxRSS(ps), ps.UserTime() + ps.SystemTime(), nil
}

// batchIngestChild runs batchIngest in a child process, so that its time,
// memory and CPU are its own, and returns them.
func batchIngestChild(ctx context.Context, dbPath, dir string) (time.Duration, int64, time.Duration, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, 0, err
	}
	if err := removeDB(dbPath); err != nil {
		return 0, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, self, "-batch-ingest-db", dbPath, "-batch-ingest-dir", dir)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%w: %s", err, lastLines(out.String(), 3))
	}
	ps := cmd.ProcessState
	return took, maxRSS(ps), ps.UserTime() + ps.SystemTime(), nil
}

// batchIngest is the batched pipeline proposed for nieuwsbot ingest: files
// read and prepared on GOMAXPROCS goroutines, stored by one writer with
// kb.StoreBatch in batches of whatever has been prepared, up to 256.
func batchIngest(ctx context.Context, dbPath, dir string) error {
	db, err := kb.Open(ctx, dbPath, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	type job struct {
		p   kb.Prepared
		err error
	}
	names := make(chan string)
	jobs := make(chan job, 512)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for name := range names {
				data, err := os.ReadFile(filepath.Join(dir, name))
				var j job
				if err == nil {
					j.p, err = kb.Prepare(name, data)
				}
				j.err = err
				jobs <- j
			}
		})
	}
	go func() {
		for _, e := range entries {
			names <- e.Name()
		}
		close(names)
	}()
	go func() { wg.Wait(); close(jobs) }()
	const maxBatch = 256
	batch := make([]kb.Prepared, 0, maxBatch)
	flush := func() error {
		_, errs, err := db.StoreBatch(ctx, batch)
		if err != nil {
			return err
		}
		for _, e := range errs {
			if e != nil {
				return e
			}
		}
		batch = batch[:0]
		return nil
	}
	for j := range jobs {
		if j.err != nil {
			return j.err
		}
		batch = append(batch, j.p)
		if len(batch) == maxBatch || len(jobs) == 0 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// benchEnv is the environment of the nieuwsbot child processes: no config
// file or database from the user's environment.
func benchEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NIEUWSBOT_") {
			env = append(env, kv)
		}
	}
	return append(env, "NIEUWSBOT_CONFIG="+os.DevNull)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}

func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}

// peakRSS is this process's high-water resident set.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// openSQL opens a database with the pragmas kb uses.
func openSQL(path string) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	return sql.Open("sqlite", "file:"+path+"?"+q.Encode())
}

// bareInsert is the floor for ingest: the same texts, read from the same
// files, inserted into one plain FTS5 table, one transaction per article
// as kb commits them.
func bareInsert(ctx context.Context, path, dir string) (time.Duration, error) {
	if err := removeDB(path); err != nil {
		return 0, err
	}
	db, err := openSQL(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE docs USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		return 0, err
	}
	start := time.Now()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	stmt, err := db.PrepareContext(ctx, `INSERT INTO docs (name, body) VALUES (?, ?)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return 0, err
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		if _, err := tx.StmtContext(ctx, stmt).ExecContext(ctx, e.Name(), string(data)); err != nil {
			tx.Rollback()
			return 0, err
		}
		if err := tx.Commit(); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// checkpointedSize folds the WAL into the database file and returns the
// size of what is left on disk.
func checkpointedSize(ctx context.Context, path string) (int64, error) {
	db, err := openSQL(path)
	if err != nil {
		return 0, err
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		db.Close()
		return 0, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	db.Close()
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if info, err := os.Stat(p); err == nil {
			total += info.Size()
		}
	}
	return total, nil
}

func counts(ctx context.Context, path string, r *result) error {
	db, err := openSQL(path)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, c := range []struct {
		dst *int64
		sql string
	}{
		{&r.sentences, `SELECT count(*) FROM sentences`},
		{&r.claims, `SELECT count(*) FROM claims`},
		{&r.entries, `SELECT count(*) FROM articles`},
	} {
		if err := db.QueryRowContext(ctx, c.sql).Scan(c.dst); err != nil {
			return err
		}
	}
	return nil
}

// coldStart runs `nieuwsbot ask` on the existing database: process start to
// exit, the whole of a first answer.
func coldStart(ctx context.Context, bin, dbPath, question string, runs int) ([]time.Duration, int64, error) {
	var out []time.Duration
	var rss int64
	for range runs {
		cmd := exec.CommandContext(ctx, bin, "--db", dbPath, "ask", question)
		cmd.Env = benchEnv()
		var buf strings.Builder
		cmd.Stdout, cmd.Stderr = &buf, &buf
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return nil, 0, fmt.Errorf("nieuwsbot ask: %w: %s", err, lastLines(buf.String(), 3))
		}
		out = append(out, time.Since(start))
		rss = max(rss, maxRSS(cmd.ProcessState))
	}
	return out, rss, nil
}

// answers times kb.DB.Answer for every question, and a bare FTS5 AND query
// of the question's two words on the same index.
func answers(ctx context.Context, db *kb.DB, dbPath string, qs []corpus.Question, r *result) error {
	raw, err := openSQL(dbPath)
	if err != nil {
		return err
	}
	defer raw.Close()
	// One pass to warm the page cache and the recognizer, as a running
	// bot has.
	for _, q := range qs[:min(len(qs), 20)] {
		if _, err := db.Answer(ctx, q.Text); err != nil {
			return fmt.Errorf("answer %q: %w", q.Text, err)
		}
	}
	got := map[string][]time.Duration{}
	bare := map[string][]time.Duration{}
	for _, q := range qs {
		start := time.Now()
		a, err := db.Answer(ctx, q.Text)
		if err != nil {
			return fmt.Errorf("answer %q: %w", q.Text, err)
		}
		got[q.Kind] = append(got[q.Kind], time.Since(start))
		r.asked[q.Kind]++
		if a.Found {
			r.found[q.Kind]++
		}
		d, err := bareQuery(ctx, raw, q)
		if err != nil {
			return err
		}
		bare[q.Kind] = append(bare[q.Kind], d)
	}
	for k, ds := range got {
		r.answers[k] = percentiles(ds)
		r.bare[k] = percentiles(bare[k])
	}
	return nil
}

// bareQuery is the floor for an answer: the question's two words, stemmed
// as the index holds them, in one ranked FTS5 AND query that reads the
// best sentences.
func bareQuery(ctx context.Context, db *sql.DB, q corpus.Question) (time.Duration, error) {
	var parts []string
	for _, t := range q.Terms {
		if st := nl.StemText(t); st != "" {
			parts = append(parts, `"`+st+`"`)
		}
	}
	start := time.Now()
	rows, err := db.QueryContext(ctx, `SELECT s.id, s.text FROM sentences_fts
		JOIN sentences s ON s.id = sentences_fts.rowid
		WHERE sentences_fts MATCH ? ORDER BY rank LIMIT 20`, strings.Join(parts, " AND "))
	if err != nil {
		return 0, fmt.Errorf("bare query %v: %w", parts, err)
	}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return 0, err
		}
	}
	rows.Close()
	return time.Since(start), rows.Err()
}

// slackAcks sends n signed slash commands, 50 at a time, to the real Slack
// adapter answering from the knowledge base, over HTTP on 127.0.0.1, and
// times each acknowledgement.
func slackAcks(ctx context.Context, db *kb.DB, qs []corpus.Question, n int, ackTimeout time.Duration, limit int) (slackRun, error) {
	run := slackRun{ackTimeout: ackTimeout, limit: limit}
	fake := slackfake.New()
	defer fake.Close()
	const secret = "nieuwsbench-signing-secret"
	var h slack.Handler = bot.New(db, nil, nil)
	if limit > 0 {
		h = limitedHandler{h: h, slots: make(chan struct{}, limit)}
	}
	a, err := slack.New(slack.Config{BotToken: "xoxb-bench", SigningSecret: secret, APIURL: fake.APIURL, Public: true,
		AckTimeout: ackTimeout}, h, nil)
	if err != nil {
		return run, err
	}
	srv := httptest.NewServer(a.Commands())
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: slackConcurrency}}
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	inline := 0
	sem := make(chan struct{}, slackConcurrency)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			form := url.Values{
				"command": {"/nieuws"}, "text": {qs[i%len(qs)].Text}, "user_id": {"U0BENCH"},
				"channel_id": {"C0BENCH"}, "team_id": {"T0BENCH"},
				"response_url": {fake.ResponseURL(strconv.Itoa(i))},
			}
			body := form.Encode()
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader(body))
			if err != nil {
				mu.Lock()
				firstErr = cmp(firstErr, err)
				mu.Unlock()
				return
			}
			req.Header = slackfake.Sign(secret, time.Now(), []byte(body))
			start := time.Now()
			res, err := client.Do(req)
			var payload []byte
			if err == nil {
				payload, err = io.ReadAll(res.Body)
				res.Body.Close()
				if err == nil && res.StatusCode != http.StatusOK {
					err = fmt.Errorf("status %d", res.StatusCode)
				}
			}
			d := time.Since(start)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				firstErr = cmp(firstErr, err)
				return
			}
			lat = append(lat, d)
			if len(payload) > 0 {
				inline++
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return run, fmt.Errorf("slash command: %w", firstErr)
	}
	run.ack = percentiles(lat)
	run.sent = len(lat)
	run.inline = inline
	// Let the answers that went to response_url finish before the next
	// run, so they do not load it.
	for range 300 {
		if len(fake.ResponsesSoFar()) >= run.sent-run.inline {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return run, nil
}

// limitedHandler runs at most cap(slots) answers at a time.
type limitedHandler struct {
	h     slack.Handler
	slots chan struct{}
}

func (l limitedHandler) Handle(ctx context.Context, req bot.Request) bot.Reply {
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return bot.Reply{Kind: bot.KindError, Text: "te druk"}
	}
	defer func() { <-l.slots }()
	return l.h.Handle(ctx, req)
}

func cmp(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mb(b int64) string         { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

func verdict(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

// report prints the markdown tables.
func report(w io.Writer, o options, r result) {
	cpu := cpuModel()
	fmt.Fprintf(w, "### %d articles\n\n", r.n)
	fmt.Fprintf(w, "Machine: %d cores (%s), GOMAXPROCS %d, %s. Corpus seed %d, %d questions per kind.\n",
		runtime.NumCPU(), cpu, runtime.GOMAXPROCS(0), runtime.Version(), o.seed, o.perKind)
	fmt.Fprintf(w, "Command: `go run ./cmd/nieuwsbench -n %d -dir %s`\n\n", r.n, o.dir)
	fmt.Fprintf(w, "Knowledge base: %d articles, %d sentences, %d claim rows.\n\n", r.entries, r.sentences, r.claims)
	fmt.Fprintln(w, "| figure | nieuwsbot | bare FTS5 floor | ratio | goal | met |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	if r.ingest > 0 {
		rate := float64(r.n) / r.ingest.Seconds()
		bareRate := float64(r.n) / r.bareInsert.Seconds()
		fmt.Fprintf(w, "| ingest, articles/s | %.0f | %.0f | %.2f | ≥ %.0f/s and ≥ %.1f× floor | %s |\n",
			rate, bareRate, rate/bareRate, goalIngestRate, goalIngestShare,
			verdict(rate >= goalIngestRate && rate/bareRate >= goalIngestShare))
		fmt.Fprintf(w, "| ingest CPU time per article (user+sys, all cores) | %.2f ms | | | | |\n",
			float64(r.ingestCPU.Microseconds())/1000/float64(r.n))
		brate := float64(r.n) / r.batchIngest.Seconds()
		fmt.Fprintf(w, "| ingest with kb.StoreBatch (proposed pipeline), articles/s | %.0f | %.0f | %.2f | ≥ %.0f/s and ≥ %.1f× floor | %s |\n",
			brate, bareRate, brate/bareRate, goalIngestRate, goalIngestShare,
			verdict(brate >= goalIngestRate && brate/bareRate >= goalIngestShare))
		fmt.Fprintf(w, "| StoreBatch CPU time per article (user+sys, all cores) | %.2f ms | | | | |\n",
			float64(r.batchCPU.Microseconds())/1000/float64(r.n))
	}
	for _, k := range corpus.Kinds {
		a, b := r.answers[k], r.bare[k]
		ratio := float64(a.p99) / float64(max(b.p99, 1))
		fmt.Fprintf(w, "| answer \"%s\" p50 / p99 (found %d/%d) | %s / %s | %s / %s | %.1f | p99 ≤ %s and ≤ %.0f× floor | %s |\n",
			k, r.found[k], r.asked[k], ms(a.p50), ms(a.p99), ms(b.p50), ms(b.p99), ratio,
			ms(goalAnswerP99), goalAnswerRatio, verdict(a.p99 <= goalAnswerP99 && ratio <= goalAnswerRatio))
	}
	cold := percentiles(r.cold)
	fmt.Fprintf(w, "| cold start to first answer, median / max of %d | %s / %s | | | ≤ %s | %s |\n",
		len(r.cold), ms(cold.p50), ms(cold.max), ms(goalColdStart), verdict(cold.max <= goalColdStart))
	peak := max(r.ingestRSS, r.batchRSS, r.coldRSS, r.benchRSS)
	fmt.Fprintf(w, "| peak RSS: nieuwsbot ingest / batched ingest / nieuwsbot ask / answering+Slack | %s / %s / %s / %s | | | ≤ %s | %s |\n",
		mb(r.ingestRSS), mb(r.batchRSS), mb(r.coldRSS), mb(r.benchRSS), mb(goalPeakRSS), verdict(peak <= goalPeakRSS))
	fmt.Fprintf(w, "| database size (text %s) | %s | %s | %.2f× text | ≤ %.0f× text | %s |\n",
		mb(r.textBytes), mb(r.dbBytes), mb(r.bareBytes), float64(r.dbBytes)/float64(r.textBytes), goalSizeRatio,
		verdict(float64(r.dbBytes) <= goalSizeRatio*float64(r.textBytes)))
	for _, s := range r.slack {
		limit := "unbounded"
		if s.limit > 0 {
			limit = strconv.Itoa(s.limit)
		}
		fmt.Fprintf(w, "| Slack ack p50 / p99, %d at a time, ack_timeout %s, answers at a time %s (%d of %d answered inline) | %s / %s | | | p99 ≤ %s | %s |\n",
			slackConcurrency, s.ackTimeout, limit, s.inline, s.sent, ms(s.ack.p50), ms(s.ack.p99), ms(goalSlackAckP99),
			verdict(s.ack.p99 <= goalSlackAckP99))
	}
	fmt.Fprintln(w)
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
		}
	}
	return runtime.GOARCH
}
