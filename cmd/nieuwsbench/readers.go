package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
)

// The readers measurement (-readers): read-only commands while another
// process writes, which in WAL mode must not wait for it.
const (
	readersAtOnce  = 20               // parallel `nieuwsbot ask` processes
	readersRounds  = 10               // rounds of them with nothing else running
	readersIngest  = 4000             // articles ingested while they ask
	readersLockFor = 30 * time.Second // a writer holding the lock
)

// askRun is one `nieuwsbot ask` process: its wall time and how it ended.
type askRun struct {
	took   time.Duration
	failed bool
	busy   bool // it said the database is locked
	stderr string
}

// readerPhase is what the asks of one setting gave.
type readerPhase struct {
	name   string
	runs   []askRun
	writer string // what the writer did
}

// runReaders measures 20 parallel `nieuwsbot ask`s on a knowledge base of
// -n articles: alone; while `nieuwsbot ingest` adds 4,000 more; and while
// another connection holds the write lock for 30 s. It prints a markdown
// table of the ask times and the SQLITE_BUSY errors.
func runReaders(ctx context.Context, o options, logger *slog.Logger) error {
	dir, bin, _, err := setup(o, logger)
	if err != nil {
		return err
	}
	dbPath := filepath.Join(o.dir, fmt.Sprintf("readers-%d.db", o.n))
	logger.Info("ingest the base knowledge base", "articles", o.n)
	if _, _, _, err := ingest(ctx, bin, dbPath, dir, false); err != nil {
		return err
	}
	extra := filepath.Join(o.dir, fmt.Sprintf("extra-%d-%d", o.n, readersIngest))
	if err := os.RemoveAll(extra); err != nil {
		return err
	}
	if err := os.MkdirAll(extra, 0o755); err != nil {
		return err
	}
	for i := range readersIngest {
		a := corpus.Make(o.seed, o.n+i)
		if err := os.WriteFile(filepath.Join(extra, a.Name), a.Text, 0o644); err != nil {
			return err
		}
	}
	qs := corpus.Questions(o.seed, 3)
	var phases []readerPhase

	logger.Info("asks alone", "rounds", readersRounds)
	alone := readerPhase{name: "alone"}
	for round := range readersRounds {
		alone.runs = append(alone.runs, askRound(ctx, bin, dbPath, qs, round)...)
	}
	phases = append(phases, alone)

	logger.Info("asks while a writer holds the lock", "for", readersLockFor)
	locked, err := asksWhileLocked(ctx, bin, dbPath, qs)
	if err != nil {
		return err
	}
	phases = append(phases, locked)

	logger.Info("asks during an ingest", "articles", readersIngest)
	during, err := asksDuringIngest(ctx, bin, dbPath, extra, qs)
	if err != nil {
		return err
	}
	phases = append(phases, during)
	reportReaders(os.Stdout, o, phases)
	return nil
}

// askRound runs readersAtOnce `nieuwsbot ask` processes at once and
// returns each one's time and outcome.
func askRound(ctx context.Context, bin, dbPath string, qs []corpus.Question, round int) []askRun {
	out := make([]askRun, readersAtOnce)
	var wg sync.WaitGroup
	for i := range readersAtOnce {
		q := qs[(round*readersAtOnce+i)%len(qs)].Text
		wg.Go(func() {
			cmd := exec.CommandContext(ctx, bin, "--db", dbPath, "ask", q)
			cmd.Env = benchEnv()
			var stderr strings.Builder
			cmd.Stdout, cmd.Stderr = io.Discard, &stderr
			start := time.Now()
			err := cmd.Run()
			msg := stderr.String()
			out[i] = askRun{took: time.Since(start), failed: err != nil, stderr: msg,
				busy: strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")}
		})
	}
	wg.Wait()
	return out
}

// asksWhileLocked holds the write lock on a connection of its own, with a
// write pending, for readersLockFor, and runs rounds of asks meanwhile.
func asksWhileLocked(ctx context.Context, bin, dbPath string, qs []corpus.Question) (readerPhase, error) {
	p := readerPhase{name: fmt.Sprintf("another connection holding the write lock for %s", readersLockFor)}
	db, err := openSQL(dbPath)
	if err != nil {
		return p, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return p, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return p, err
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('nieuwsbench', 'writing')`); err != nil {
		return p, err
	}
	start := time.Now()
	for round := 0; time.Since(start) < readersLockFor; round++ {
		p.runs = append(p.runs, askRound(ctx, bin, dbPath, qs, round)...)
	}
	held := time.Since(start)
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); err != nil {
		return p, err
	}
	p.writer = fmt.Sprintf("lock held %.1f s", held.Seconds())
	return p, nil
}

// asksDuringIngest runs `nieuwsbot ingest` of the extra articles and rounds
// of asks until it has finished.
func asksDuringIngest(ctx context.Context, bin, dbPath, extra string, qs []corpus.Question) (readerPhase, error) {
	p := readerPhase{name: fmt.Sprintf("during `nieuwsbot ingest` of %d articles", readersIngest)}
	cmd := exec.CommandContext(ctx, bin, "--db", dbPath, "--no-seed", "ingest", "-q", extra)
	cmd.Env = benchEnv()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return p, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var ingestErr error
	var took time.Duration
	for round := 0; ; round++ {
		p.runs = append(p.runs, askRound(ctx, bin, dbPath, qs, round)...)
		select {
		case ingestErr = <-done:
			took = time.Since(start)
		default:
			continue
		}
		break
	}
	if ingestErr != nil {
		return p, fmt.Errorf("nieuwsbot ingest: %w: %s", ingestErr, lastLines(out.String(), 3))
	}
	p.writer = fmt.Sprintf("ingest took %.1f s (%.0f articles/s)", took.Seconds(), float64(readersIngest)/took.Seconds())
	return p, nil
}

func reportReaders(w io.Writer, o options, phases []readerPhase) {
	fmt.Fprintf(w, "### Readers while another process writes (%d articles)\n\n", o.n)
	fmt.Fprintf(w, "Machine: %s. Command: `go run ./cmd/nieuwsbench -readers -n %d -dir %s`. "+
		"Each round is %d `nieuwsbot ask` processes started at once; the time is each process's, start to exit.\n\n",
		machine(), o.n, o.dir, readersAtOnce)
	fmt.Fprintln(w, "| asks | n | median | p99 | max | failed | SQLITE_BUSY | the writer |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	var failures []string
	for _, p := range phases {
		var ds []time.Duration
		failed, busy := 0, 0
		first := ""
		for _, r := range p.runs {
			ds = append(ds, r.took)
			if r.failed {
				failed++
				if first == "" {
					first = lastLines(r.stderr, 1)
				}
			}
			if r.busy {
				busy++
			}
		}
		l := percentiles(ds)
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %d | %d | %s |\n", p.name, len(ds), ms(l.p50), ms(l.p99), ms(l.max), failed, busy, p.writer)
		if first != "" {
			failures = append(failures, fmt.Sprintf("First failure %s: `%s`", p.name, first))
		}
	}
	fmt.Fprintln(w)
	for _, f := range failures {
		fmt.Fprintf(w, "%s\n\n", f)
	}
}
