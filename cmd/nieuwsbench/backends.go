package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to reset the schema

	"github.com/nieuwsbot/nieuwsbot/cmd/internal/knowledge"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
)

// benchSchema is the schema of the PostgreSQL database that -pg measures
// in; it is dropped and made anew on every run.
const benchSchema = "nieuwsbench"

// backendRun is what one backend measured.
type backendRun struct {
	name       string
	ingest     time.Duration
	ingestCPU  time.Duration
	ingestRSS  int64
	size       int64
	cold       []time.Duration
	answers    latency
	found      int
	asked      int
	answerJSON map[string]string // by question
}

// runBackends measures SQLite and the PostgreSQL database of -pg side by
// side in one run, on the same corpus, binary and questions: ingest
// through `nieuwsbot ingest`, cold start, answers asked the first time,
// database size; and counts the questions whose answers differ.
func runBackends(ctx context.Context, o options, logger *slog.Logger) error {
	dir, bin, textBytes, err := setup(o, logger)
	if err != nil {
		return err
	}
	pgURL, err := benchSchemaURL(o.pg)
	if err != nil {
		return err
	}
	if !o.skipIngest {
		if err := resetBenchSchema(ctx, o.pg); err != nil {
			return err
		}
	}
	qs := corpus.DistinctQuestions(o.seed, o.perKind)
	var runs []backendRun
	for _, b := range []struct{ name, path string }{
		{"SQLite", filepath.Join(o.dir, fmt.Sprintf("kb-%d.db", o.n))},
		{"PostgreSQL", pgURL},
	} {
		r := backendRun{name: b.name}
		if !o.skipIngest {
			logger.Info("ingest through nieuwsbot", "backend", b.name, "articles", o.n)
			if r.ingest, r.ingestRSS, r.ingestCPU, err = ingest(ctx, bin, b.path, dir, false); err != nil {
				return err
			}
		}
		if r.cold, _, err = coldStart(ctx, bin, b.path, qs[0].Text, o.coldRuns); err != nil {
			return err
		}
		logger.Info("answers, first time", "backend", b.name, "questions", len(qs))
		if err := backendAnswers(ctx, b.path, o.seed, qs, &r); err != nil {
			return err
		}
		if r.size, err = backendSize(ctx, b.path); err != nil {
			return err
		}
		runs = append(runs, r)
	}
	reportBackends(os.Stdout, o, textBytes, runs)
	return nil
}

// resetBenchSchema drops and makes the bench schema in the database of
// dsn.
func resetBenchSchema(ctx context.Context, dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("-pg: %w", err)
	}
	defer db.Close()
	for _, q := range []string{`DROP SCHEMA IF EXISTS ` + benchSchema + ` CASCADE`, `CREATE SCHEMA ` + benchSchema} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("-pg: %s: %w", q, err)
		}
	}
	return nil
}

// benchSchemaURL is the URL that works in the bench schema of dsn.
func benchSchemaURL(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("-pg: %w", err)
	}
	v := u.Query()
	v.Set("search_path", benchSchema)
	u.RawQuery = v.Encode()
	return u.String(), nil
}

// backendAnswers asks every question once, in a mixed order, of a fresh
// engine on the knowledge base (warmed with questions not timed).
func backendAnswers(ctx context.Context, path string, seed int64, qs []corpus.Question, r *backendRun) error {
	store, err := kb.Open(ctx, path, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	k, err := knowledge.New(store)
	if err != nil {
		return err
	}
	for _, q := range corpus.Questions(seed+1, 3) {
		if _, err := k.Answer(ctx, q.Text); err != nil {
			return fmt.Errorf("answer %q: %w", q.Text, err)
		}
	}
	order := slices.Clone(qs)
	rand.New(rand.NewPCG(uint64(seed), 7)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var took []time.Duration
	r.answerJSON = map[string]string{}
	for _, q := range order {
		start := time.Now()
		a, err := k.Answer(ctx, q.Text)
		took = append(took, time.Since(start))
		if err != nil {
			return fmt.Errorf("answer %q: %w", q.Text, err)
		}
		r.asked++
		if a.Found {
			r.found++
		}
		buf, _ := json.Marshal(a)
		r.answerJSON[q.Text] = string(buf)
	}
	r.answers = percentiles(took)
	return nil
}

// backendSize is the size of the knowledge base: the SQLite file after a
// checkpoint, or the PostgreSQL schema's tables with their indexes and
// TOAST.
func backendSize(ctx context.Context, path string) (int64, error) {
	if !kb.IsPostgresURL(path) {
		return checkpointedSize(ctx, path)
	}
	db, err := sql.Open("pgx", path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRowContext(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
		JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relkind = 'r'`, benchSchema).Scan(&n)
	return n, err
}

func reportBackends(w io.Writer, o options, textBytes int64, runs []backendRun) {
	fmt.Fprintf(w, "%s Corpus seed %d, %d articles, %d distinct questions per kind.\n", machine(), o.seed, o.n, o.perKind)
	fmt.Fprintf(w, "Command: `go run ./cmd/nieuwsbench -n %d -q %d -pg URL`\n\n", o.n, o.perKind)
	fmt.Fprintln(w, "| figure | SQLite | PostgreSQL |")
	fmt.Fprintln(w, "|---|---:|---:|")
	row := func(name string, f func(r backendRun) string) {
		fmt.Fprintf(w, "| %s | %s | %s |\n", name, f(runs[0]), f(runs[1]))
	}
	if !o.skipIngest {
		row("ingest (`nieuwsbot ingest`), articles/s", func(r backendRun) string {
			return fmt.Sprintf("%.0f", float64(o.n)/r.ingest.Seconds())
		})
		row("ingest CPU time of the nieuwsbot process per article", func(r backendRun) string {
			return ms(r.ingestCPU / time.Duration(o.n))
		})
		row("peak RSS of nieuwsbot ingest", func(r backendRun) string { return mb(r.ingestRSS) })
	}
	row(fmt.Sprintf("answer, first time: p50 / p99 / max of %d", runs[0].asked), func(r backendRun) string {
		return ms(r.answers.p50) + " / " + ms(r.answers.p99) + " / " + ms(r.answers.max)
	})
	row("answers found", func(r backendRun) string { return fmt.Sprintf("%d of %d", r.found, r.asked) })
	row(fmt.Sprintf("cold start to first answer (`nieuwsbot ask`), median / max of %d", len(runs[0].cold)), func(r backendRun) string {
		p := percentiles(r.cold)
		return ms(p.p50) + " / " + ms(p.max)
	})
	row(fmt.Sprintf("size (text %s)", mb(textBytes)), func(r backendRun) string {
		return fmt.Sprintf("%s (%.2f× text)", mb(r.size), float64(r.size)/float64(textBytes))
	})
	same := 0
	for q, a := range runs[0].answerJSON {
		if runs[1].answerJSON[q] == a {
			same++
		}
	}
	fmt.Fprintf(w, "\nThe same answer, word for word with the same sources, on both: %d of %d questions.\n", same, len(runs[0].answerJSON))
}
