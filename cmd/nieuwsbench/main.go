// Command nieuwsbench measures nieuwsbot on a synthetic corpus and prints a
// markdown table: ingest throughput of the real `nieuwsbot ingest` against
// a bare FTS5 insert of the same texts batched as ingest batches them, and
// against the analysis alone; answer latency per question kind for
// questions asked the first time (uncached) and again (cached), against
// the cheapest query that reads the same candidates on the same database;
// cold start to first answer, peak memory, database size against text
// size, and Slack acknowledgement latency with concurrent slash commands.
// With -readers it measures instead how read-only commands fare while
// another process writes (see readers.go); with -pg URL, SQLite and that
// PostgreSQL database side by side (see backends.go).
//
// Usage:
//
//	go run ./cmd/nieuwsbench -n 10000 -dir /tmp/bench
//
// "nieuwsbench syntax" instead trains and scores the Dutch syntax pipeline
// on UD treebanks (see syntax.go); "nieuwsbench feeds" measures serve
// following 20 local feeds while idle (see feeds.go).
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
	"regexp"
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
	"github.com/nieuwsbot/nieuwsbot/cmd/internal/knowledge"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
	_ "modernc.org/sqlite"
)

// Goals of issues 7 and 13, for the table's last column. Ingest is to come
// as close to the batched bare insert as the analysis allows, and the ratio
// is reported whatever it is; answers are held to an absolute p99.
const (
	goalIngestRate   = 1000.0 // articles/s
	goalAnswerP99    = 30 * time.Millisecond
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
	memprofile string
	stages     bool
	nullSyntax bool // drop the stored parses before answering
	backfill   bool // time kb.DB.ParseBacklog after the answers
	parseLater bool // ingest with --parse-later
	skipIngest bool
	prepareDir string // run only the analysis of the files of this directory
	readers    bool
	pg         string // a PostgreSQL database to measure beside SQLite
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "feeds" {
		if err := runFeedsMode(os.Args[2:], os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "nieuwsbench:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "syntax" {
		if err := runSyntax(os.Args[2:], os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "nieuwsbench:", err)
			os.Exit(1)
		}
		return
	}
	var o options
	flag.IntVar(&o.n, "n", 1000, "number of articles")
	flag.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "nieuwsbench"), "work directory for the corpus and databases")
	flag.Int64Var(&o.seed, "seed", 1, "corpus seed")
	flag.IntVar(&o.perKind, "q", 1000, "distinct questions per kind, each asked once uncached and once cached")
	flag.StringVar(&o.bin, "bin", "", "nieuwsbot binary (default: built from ./cmd/nieuwsbot into DIR)")
	flag.IntVar(&o.slackN, "slack", 300, fmt.Sprintf("slash commands sent, %d at a time (0: skip)", slackConcurrency))
	flag.IntVar(&o.coldRuns, "cold", 5, "cold-start runs")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the answer phase to this file")
	flag.StringVar(&o.memprofile, "memprofile", "", "write an allocation profile of the answer phase to this file")
	flag.BoolVar(&o.nullSyntax, "null-syntax", false, "drop the stored parses (sentences.syntax) before answering: the engine parses at question time")
	flag.BoolVar(&o.parseLater, "parse-later", false, "ingest with --parse-later: the ingest rate is until every article is stored, the analysis alone without the parse")
	flag.BoolVar(&o.backfill, "backfill", false, "after the answers, time the backfill of the parses (kb.DB.ParseBacklog)")
	flag.BoolVar(&o.stages, "stages", false, "time the answering engine's store calls per method and print their share (no Slack run)")
	flag.BoolVar(&o.skipIngest, "reuse", false, "reuse the databases of an earlier run with the same -n")
	flag.StringVar(&o.prepareDir, "prepare-dir", "", "internal: analyse the files of this directory on all cores, store nothing, and exit")
	flag.BoolVar(&o.readers, "readers", false, "measure read-only commands while another process writes, instead of the rest")
	flag.StringVar(&o.pg, "pg", "", "a PostgreSQL database (postgres:// URL): measure it beside SQLite, instead of the rest (its schema "+benchSchema+" is made anew)")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if o.prepareDir != "" {
		if err := prepareAll(o.prepareDir, !o.parseLater); err != nil {
			fmt.Fprintln(os.Stderr, "nieuwsbench: prepare:", err)
			os.Exit(1)
		}
		return
	}
	run := run
	switch {
	case o.readers:
		run = runReaders
	case o.pg != "":
		run = runBackends
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
	prepare, prepareCPU        time.Duration
	prepareRSS                 int64
	uncached, cached           map[string]latency
	floor                      map[string]latency
	found, foundAgain          map[string]int
	asked                      map[string]int
	allUncached, allCached     latency
	cold                       []time.Duration
	coldRSS                    int64
	slack                      []slackRun
	benchRSS                   int64
	sentences, claims, entries int64
	stages                     *timedAnswerer // -stages
	backfill                   time.Duration  // -backfill
	answerCPU                  time.Duration  // this process's CPU time over the answers (and their floors)
	backfilled                 int
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
	r := result{n: o.n, uncached: map[string]latency{}, cached: map[string]latency{}, floor: map[string]latency{},
		found: map[string]int{}, foundAgain: map[string]int{}, asked: map[string]int{}}
	dir, bin, textBytes, err := setup(o, logger)
	if err != nil {
		return err
	}
	r.textBytes = textBytes
	dbPath := filepath.Join(o.dir, fmt.Sprintf("kb-%d.db", o.n))
	barePath := filepath.Join(o.dir, fmt.Sprintf("bare-%d.db", o.n))
	if !o.skipIngest {
		logger.Info("ingest through nieuwsbot", "articles", o.n)
		if r.ingest, r.ingestRSS, r.ingestCPU, err = ingest(ctx, bin, dbPath, dir, o.parseLater); err != nil {
			return err
		}
		logger.Info("analysis alone (kb.Prepare on all cores)", "articles", o.n)
		if r.prepare, r.prepareRSS, r.prepareCPU, err = prepareChild(ctx, dir, o.parseLater); err != nil {
			return err
		}
		logger.Info("bare FTS5 insert, batched", "articles", o.n)
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
	qs := corpus.DistinctQuestions(o.seed, o.perKind)
	logger.Info("cold start", "runs", o.coldRuns)
	if r.cold, r.coldRSS, err = coldStart(ctx, bin, dbPath, qs[0].Text, o.coldRuns); err != nil {
		return err
	}
	store, err := kb.Open(ctx, dbPath, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	db, err := knowledge.New(store)
	if err != nil {
		return err
	}
	if err := counts(ctx, dbPath, &r); err != nil {
		return err
	}
	if err := answerPhase(ctx, o, logger, store, db, dbPath, qs, &r); err != nil {
		return err
	}
	if o.slackN > 0 && !o.stages {
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
	if r.stages != nil {
		r.stages.report(os.Stdout)
	}
	if o.backfill {
		fmt.Printf("\nBackfill of the parses (kb.DB.ParseBacklog): %d sentences in %.1f s, %.0f sentences/s, load average %s.\n",
			r.backfilled, r.backfill.Seconds(), float64(r.backfilled)/max(r.backfill.Seconds(), 1e-9), loadAverage())
	}
	return nil
}

// answerPhase times the answers (see answers), profiled as -cpuprofile and
// -memprofile ask; with -stages through a store that times its calls, whose
// table it prints after the report; with -null-syntax on the knowledge base
// without its stored parses, and with -backfill it times their backfill
// after.
func answerPhase(ctx context.Context, o options, logger *slog.Logger, store *kb.DB, db bot.Answerer, dbPath string, qs []corpus.Question, r *result) error {
	if o.nullSyntax {
		if err := nullSyntax(ctx, dbPath); err != nil {
			return err
		}
	}
	var timed *timedAnswerer
	if o.stages {
		var err error
		if timed, err = newTimedAnswerer(store); err != nil {
			return err
		}
		db = timed
	}
	stop, err := startProfiles(o)
	if err != nil {
		return err
	}
	logger.Info("answers, first time and again", "questions", len(qs))
	cpu := selfCPU()
	err = answers(ctx, db, dbPath, o.seed, qs, r)
	r.answerCPU = selfCPU() - cpu
	if err := cmp(err, stop()); err != nil {
		return err
	}
	if timed != nil {
		r.stages = timed
	}
	if o.backfill {
		if r.backfill, r.backfilled, err = timeBackfill(ctx, store); err != nil {
			return err
		}
	}
	return nil
}

// startProfiles starts the CPU profile of the answer phase that
// -cpuprofile asks for; stop ends it and writes the allocation profile of
// -memprofile. That one counts from the process's start, but ingest runs
// in child processes, so what this one allocated before the answers is
// small beside them.
func startProfiles(o options) (stop func() error, err error) {
	var cpu *os.File
	if o.cpuprofile != "" {
		if cpu, err = os.Create(o.cpuprofile); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	return func() error {
		var err error
		if cpu != nil {
			pprof.StopCPUProfile()
			err = cpu.Close()
		}
		if o.memprofile != "" {
			f, ferr := os.Create(o.memprofile)
			if ferr != nil {
				return cmp(err, ferr)
			}
			err = cmp(err, pprof.Lookup("allocs").WriteTo(f, 0))
			err = cmp(err, f.Close())
		}
		return err
	}, nil
}

// setup generates the corpus of -n articles unless it is there, builds the
// nieuwsbot binary unless -bin names one, and returns the corpus directory,
// the binary and the corpus size in bytes.
func setup(o options, logger *slog.Logger) (dir, bin string, size int64, err error) {
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return "", "", 0, err
	}
	dir = filepath.Join(o.dir, fmt.Sprintf("corpus-%d", o.n))
	if size, err = ensureCorpus(o.seed, o.n, dir, logger); err != nil {
		return "", "", 0, err
	}
	bin = o.bin
	if bin == "" {
		bin = filepath.Join(o.dir, "nieuwsbot")
		logger.Info("building nieuwsbot", "out", bin)
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/nieuwsbot")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", "", 0, fmt.Errorf("build nieuwsbot: %w", err)
		}
	}
	return dir, bin, size, nil
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
// machine shared with other work leaves less noisy than wall time. With
// later (--parse-later) the wall time is until every article was stored,
// searchable, as the command reports it; the parse comes after.
func ingest(ctx context.Context, bin, dbPath, dir string, later bool) (time.Duration, int64, time.Duration, error) {
	if err := removeDB(dbPath); err != nil {
		return 0, 0, 0, err
	}
	args := []string{"--db", dbPath, "--no-seed", "ingest", "-q"}
	if later {
		args = append(args, "--parse-later")
	}
	cmd := exec.CommandContext(ctx, bin, append(args, dir)...)
	cmd.Env = benchEnv()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("nieuwsbot ingest: %w: %s", err, lastLines(out.String(), 5))
	}
	if m := storedIn.FindStringSubmatch(out.String()); later && m != nil {
		if d, err := time.ParseDuration(m[1]); err == nil {
			took = d
		}
	}
	ps := cmd.ProcessState
	return took, maxRSS(ps), ps.UserTime() + ps.SystemTime(), nil
}

// storedIn reads the storing time off the summary line of nieuwsbot ingest.
var storedIn = regexp.MustCompile(`failed in (\S+) \(`)

// prepareChild runs prepareAll in a child process, so that its time,
// memory and CPU are its own, and returns them: what ingest would take if
// storing cost nothing, the floor the analysis sets.
func prepareChild(ctx context.Context, dir string, later bool) (time.Duration, int64, time.Duration, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, 0, err
	}
	cmd := exec.CommandContext(ctx, self, "-prepare-dir", dir, fmt.Sprintf("-parse-later=%t", later))
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

// prepareAll reads and analyses (kb.Prepare, and with parse the syntax)
// every file of dir on GOMAXPROCS goroutines, as nieuwsbot ingest does, and
// stores nothing.
func prepareAll(dir string, parse bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	names := make(chan string)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for name := range names {
				data, err := os.ReadFile(filepath.Join(dir, name))
				var p kb.Prepared
				if err == nil {
					p, err = kb.Prepare(name, data)
				}
				if err == nil && parse {
					p.Parse()
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, e := range entries {
		names <- e.Name()
	}
	close(names)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
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

// selfCPU is the CPU time (user and system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is this process's high-water resident set.
func peakRSS() int64 { return statusBytes("/proc/self/status", "VmHWM:") }

// statusBytes is the size in bytes on the line of /proc/PID/status (at
// path) that starts with key, 0 where it cannot be read.
func statusBytes(path, key string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// openSQL opens a database with the pragmas kb uses.
func openSQL(path string, pragmas ...string) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range append([]string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)"}, pragmas...) {
		q.Add("_pragma", p)
	}
	return sql.Open("sqlite", "file:"+path+"?"+q.Encode())
}

// bareBatch is the most articles nieuwsbot ingest stores in one
// transaction (cmd/nieuwsbot maxBatch).
const bareBatch = 256

// bareInsert is the floor for ingest: the same texts, read from the same
// files, inserted into one plain FTS5 table, bareBatch articles per
// transaction as nieuwsbot ingest commits them, with the page size, page
// cache and checkpoint interval of its writer.
func bareInsert(ctx context.Context, path, dir string) (time.Duration, error) {
	if err := removeDB(path); err != nil {
		return 0, err
	}
	db, err := openSQL(path, "page_size(8192)", "cache_size(-65536)", "wal_autocheckpoint(10000)")
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
	for len(entries) > 0 {
		batch := entries[:min(bareBatch, len(entries))]
		entries = entries[len(batch):]
		if err := bareBatchInsert(ctx, db, stmt, dir, batch); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

func bareBatchInsert(ctx context.Context, db *sql.DB, stmt *sql.Stmt, dir string, batch []os.DirEntry) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st := tx.StmtContext(ctx, stmt)
	for _, e := range batch {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, e.Name(), string(data)); err != nil {
			return err
		}
	}
	return tx.Commit()
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

// slackAcks sends n signed slash commands, 50 at a time, to the real Slack
// adapter answering from the knowledge base, over HTTP on 127.0.0.1, and
// times each acknowledgement.
func slackAcks(ctx context.Context, db bot.KB, qs []corpus.Question, n int, ackTimeout time.Duration, limit int) (slackRun, error) {
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
				"command": {"/nieuws"}, "text": {qs[i*7919%len(qs)].Text}, "user_id": {"U0BENCH"},
				"channel_id": {"C0BENCH"}, "team_id": {"T0BENCH"},
				"response_url": {fake.ResponseURL(strconv.Itoa(i))},
			}
			d, inlined, err := postSlash(ctx, client, srv.URL, secret, form)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				firstErr = cmp(firstErr, err)
				return
			}
			lat = append(lat, d)
			if inlined {
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
	awaitResponses(fake, run.sent-run.inline)
	return run, nil
}

// postSlash posts one slash command, form, signed with secret, to the
// adapter at srvURL, and returns how long the acknowledgement took and
// whether it carried the answer inline.
func postSlash(ctx context.Context, client *http.Client, srvURL, secret string, form url.Values) (time.Duration, bool, error) {
	body := form.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srvURL, strings.NewReader(body))
	if err != nil {
		return 0, false, err
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
	if err != nil {
		return 0, false, err
	}
	return d, len(payload) > 0, nil
}

// awaitResponses waits up to about 30 seconds for want answers to reach
// fake's response_url, so that they finish before the next run and do not
// load it.
func awaitResponses(fake *slackfake.Server, want int) {
	for range 300 {
		if len(fake.ResponsesSoFar()) >= want {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
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
	fmt.Fprintf(w, "### %d articles\n\n", r.n)
	fmt.Fprintf(w, "Machine: %s. Corpus seed %d, %d distinct questions per kind.\n", machine(), o.seed, o.perKind)
	fmt.Fprintf(w, "Command: `go run ./cmd/nieuwsbench -n %d -dir %s -q %d`\n\n", r.n, o.dir, o.perKind)
	fmt.Fprintln(w, "Floors: ingest, a bare FTS5 insert of the same files batched as ingest batches; answers, the cheapest query for the same candidates (claims, roles or quotes of the entity named, newest first; or the newest 256 full-text matches of the two key words, unranked), with its sentences. First time: each question asked once, in a mixed order, on a process that has not seen it; again: the same questions once more.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Knowledge base: %d articles, %d sentences, %d claim rows.\n\n", r.entries, r.sentences, r.claims)
	fmt.Fprintln(w, "| figure | nieuwsbot | bare FTS5 floor | ratio | goal | met |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	if r.ingest > 0 {
		rate := float64(r.n) / r.ingest.Seconds()
		bareRate := float64(r.n) / r.bareInsert.Seconds()
		how := ""
		if o.parseLater {
			how = " --parse-later, until every article is stored and searchable"
		}
		fmt.Fprintf(w, "| ingest (`nieuwsbot ingest`%s, %d articles a transaction), articles/s | %.0f | %.0f (bare FTS5 insert, %d a transaction) | %.2f | ≥ %.0f/s, and as close to the floor as the analysis allows | %s |\n",
			how, bareBatch, rate, bareRate, bareBatch, rate/bareRate, goalIngestRate, verdict(rate >= goalIngestRate))
		fmt.Fprintf(w, "| ingest CPU time per article (user+sys, all cores) | %.2f ms | | | | |\n",
			float64(r.ingestCPU.Microseconds())/1000/float64(r.n))
		prate := float64(r.n) / r.prepare.Seconds()
		fmt.Fprintf(w, "| analysis alone (read + `kb.Prepare` on all cores, nothing stored), articles/s | %.0f | %.0f | %.2f | | |\n",
			prate, bareRate, prate/bareRate)
		fmt.Fprintf(w, "| analysis CPU time per article (user+sys, all cores) | %.2f ms | | | | |\n",
			float64(r.prepareCPU.Microseconds())/1000/float64(r.n))
	}
	for _, k := range corpus.Kinds {
		a, c, f := r.uncached[k], r.cached[k], r.floor[k]
		ratio := float64(a.p99) / float64(max(f.p99, 1))
		fmt.Fprintf(w, "| answer \"%s\", first time: p50 / p99 of %d (found %d) | %s / %s | %s / %s | %.1f | p99 ≤ %s | %s |\n",
			k, r.asked[k], r.found[k], ms(a.p50), ms(a.p99), ms(f.p50), ms(f.p99), ratio,
			ms(goalAnswerP99), verdict(a.p99 <= goalAnswerP99))
		fmt.Fprintf(w, "| answer \"%s\", asked again (cached): p50 / p99 of %d (found %d) | %s / %s | %s / %s | %.1f | | |\n",
			k, r.asked[k], r.foundAgain[k], ms(c.p50), ms(c.p99), ms(f.p50), ms(f.p99), float64(c.p99)/float64(max(f.p99, 1)))
	}
	if n := len(corpus.Kinds) * o.perKind * 2; n > 0 {
		fmt.Fprintf(w, "| CPU time per answer (user+sys of the bench process, first time and again, with the floors' queries), mean | %.2f ms | | | | |\n",
			float64(r.answerCPU.Microseconds())/1000/float64(n))
	}
	fmt.Fprintf(w, "| every answer, first time / again: p50 / p99 | %s / %s; %s / %s | | | p99 ≤ %s (first time) | %s |\n",
		ms(r.allUncached.p50), ms(r.allUncached.p99), ms(r.allCached.p50), ms(r.allCached.p99),
		ms(goalAnswerP99), verdict(r.allUncached.p99 <= goalAnswerP99))
	cold := percentiles(r.cold)
	fmt.Fprintf(w, "| cold start to first answer, median / max of %d | %s / %s | | | ≤ %s | %s |\n",
		len(r.cold), ms(cold.p50), ms(cold.max), ms(goalColdStart), verdict(cold.max <= goalColdStart))
	peak := max(r.ingestRSS, r.prepareRSS, r.coldRSS, r.benchRSS)
	fmt.Fprintf(w, "| peak RSS: nieuwsbot ingest / analysis alone / nieuwsbot ask / answering+Slack | %s / %s / %s / %s | | | ≤ %s | %s |\n",
		mb(r.ingestRSS), mb(r.prepareRSS), mb(r.coldRSS), mb(r.benchRSS), mb(goalPeakRSS), verdict(peak <= goalPeakRSS))
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

// machine describes the machine for the reports: cores, CPU, Go, load.
func machine() string {
	load := ""
	if l := loadAverage(); l != "" {
		load = ", load average " + l
	}
	return fmt.Sprintf("%d cores (%s), GOMAXPROCS %d, %s%s", runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), runtime.Version(), load)
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes, ""
// where it cannot be read.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return ""
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
