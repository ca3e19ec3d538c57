package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// MaxIngestFiles bounds the files one ingest run takes.
const MaxIngestFiles = 1_000_000

// maxBatch is the most articles stored in one transaction.
const maxBatch = 256

// ingestSummary counts what an ingest run did.
type ingestSummary struct {
	Files, Added, Replaced, Unchanged, Failed int
	Took                                      time.Duration
}

func (s ingestSummary) String() string {
	rate := 0.0
	if s.Took > 0 {
		rate = float64(s.Added+s.Replaced+s.Unchanged) / s.Took.Seconds()
	}
	return fmt.Sprintf("ingest: %d files: %d added, %d replaced, %d unchanged, %d failed in %s (%.0f articles/s)",
		s.Files, s.Added, s.Replaced, s.Unchanged, s.Failed, s.Took.Round(time.Millisecond), rate)
}

// runIngest adds article files, directories, feed URLs and article page
// URLs to the knowledge base. One bad file or page does not stop the rest;
// the exit code says something failed.
func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs := commandFlags("ingest")
	quiet := fs.Bool("q", false, "no progress bar")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("ingest: give one or more files, directories or URLs")
	}
	var paths, urls []string
	for _, a := range fs.Args() {
		if isURLArg(a) {
			urls = append(urls, a)
		} else {
			paths = append(paths, a)
		}
	}
	files, failed := collectFiles(paths, m.Stderr)
	if len(files) == 0 && failed == 0 && len(urls) == 0 {
		return badInputError{errors.New("ingest: no article files found")}
	}
	db, err := m.openDB(ctx)
	if err != nil {
		return err
	}
	srcs := make([]source, 0, len(files))
	for _, f := range files {
		srcs = append(srcs, fileSource(f))
	}
	if len(urls) > 0 {
		more, n := m.urlSources(ctx, db, urls)
		srcs, failed = append(srcs, more...), failed+n
	}
	sum, err := ingestSources(ctx, db, srcs, m.progress(len(srcs), *quiet), m.Stderr)
	sum.Failed += failed
	sum.Files += failed
	fmt.Fprintln(m.Stdout, sum)
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return fmt.Errorf("ingest: %d of %d files failed", sum.Failed, sum.Files)
	}
	return nil
}

// progress returns a progress bar on a terminal, else nothing.
func (m *Main) progress(n int, quiet bool) *progressbar.ProgressBar {
	if quiet || !m.Interactive || n < 2 {
		return nil
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(m.Stderr),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// collectFiles expands the paths into article files, sorted per directory.
// Hidden files and directories are skipped. Unreadable paths are reported
// and counted as failed.
func collectFiles(paths []string, errw io.Writer) (files []string, failed int) {
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(errw, "nieuwsbot: ingest %s: %v\n", terminalSafe(p), unwrapPathError(err))
			failed++
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		// A directory given as a symbolic link is read where it points to
		// (WalkDir does not follow a link, not even at its root); links
		// within it are not followed, so a link back up is no loop.
		root := p
		if real, err := filepath.EvalSymlinks(p); err == nil {
			root = real
		}
		var found []string
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if rel, rerr := filepath.Rel(root, path); rerr == nil {
				path = filepath.Join(p, rel) // named as given
			}
			if err != nil {
				fmt.Fprintf(errw, "nieuwsbot: ingest %s: %s\n", terminalSafe(path), terminalSafe(unwrapPathError(err).Error()))
				failed++
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != filepath.Join(p, ".") && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				found = append(found, path)
				if len(files)+len(found) > MaxIngestFiles {
					return fmt.Errorf("more than %d files", MaxIngestFiles)
				}
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(errw, "nieuwsbot: ingest %s: %v\n", terminalSafe(p), err)
			failed++
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, failed
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// source is one article to ingest: a file, an article page, a feed item.
type source struct {
	name string // the path or URL, for messages
	load func(ctx context.Context) (kb.Prepared, error)
	// stored, when set, is called with what storing the article did.
	stored func(ctx context.Context, res kb.IngestResult)
}

// fileSource reads an article file: text, or an HTML page that goes
// through the same extraction as a page fetched from its URL.
func fileSource(path string) source {
	return source{name: path, load: func(context.Context) (kb.Prepared, error) {
		data, err := readArticle(path)
		if err != nil {
			return kb.Prepared{}, err
		}
		if classifyFile(path, data) == feed.KindHTML {
			return feed.FileArticle(filepath.Base(path), data)
		}
		return kb.Prepare(filepath.Base(path), data)
	}}
}

// classifyFile tells what an article file holds: feed.KindHTML for a web
// page (by its content, or an .html or .htm name), else feed.KindOther,
// which is read as article text.
func classifyFile(name string, data []byte) feed.Kind {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		return feed.KindHTML
	}
	if k := feed.Sniff(data, ""); k == feed.KindHTML {
		return k
	}
	return feed.KindOther
}

// ingestSources loads and analyses the sources on all cores and stores them
// in batches, in their order. Failures are printed and counted.
func ingestSources(ctx context.Context, db *kb.DB, srcs []source, bar *progressbar.ProgressBar, errw io.Writer) (ingestSummary, error) {
	start := time.Now()
	sum := ingestSummary{Files: len(srcs)}
	type job struct {
		idx  int // place in srcs: articles are stored in this order
		path string
		p    kb.Prepared
		err  error
	}
	type file struct {
		idx  int
		path string
	}
	paths := make(chan file)
	jobs := make(chan job, 2*maxBatch) // room for a full batch while the last one is stored
	// As many preparing as there are cores: the writer is the slower half,
	// but leaving it a core of its own measured no faster on 2 cores.
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range paths {
				j := job{idx: f.idx, path: f.path}
				j.p, j.err = srcs[f.idx].load(ctx)
				select {
				case jobs <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(paths)
		for i, src := range srcs {
			select {
			case paths <- file{i, src.name}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(jobs) }()

	report := func(path string, err error) {
		if bar != nil {
			bar.Clear() // the message on its own line, not over the bar
		}
		fmt.Fprintf(errw, "nieuwsbot: ingest %s: %s\n", terminalSafe(path), terminalSafe(err.Error()))
	}
	var fatal error
	var batch []job
	store := func() {
		if len(batch) == 0 || fatal != nil {
			batch = batch[:0]
			return
		}
		ps := make([]kb.Prepared, len(batch))
		for i, j := range batch {
			ps[i] = j.p
		}
		// Many articles per transaction: one commit and one index flush. An
		// article that fails is retried alone, so only it is left out.
		res, errs, err := db.StoreBatch(ctx, ps)
		for i, j := range batch {
			switch {
			case errs[i] != nil && !kb.IsStorageError(errs[i]) && ctx.Err() == nil:
				sum.Failed++
				report(j.path, errs[i])
			case errs[i] != nil:
				continue
			case res[i].Replaced:
				sum.Replaced++
			case res[i].Added:
				sum.Added++
			case err == nil:
				sum.Unchanged++
			default:
				continue
			}
			if f := srcs[j.idx].stored; f != nil {
				f(ctx, res[i])
			}
		}
		if err != nil {
			// A database error (disk full, read-only) stops the run: every
			// later file would fail the same way.
			fatal = err
			if ctx.Err() != nil {
				fatal = ctx.Err()
			}
		}
		batch = batch[:0]
	}
	// The workers finish in any order; the articles are stored in the order
	// of the files, so the same files always make the same knowledge base.
	pending := map[int]job{}
	next := 0
	take := func(j job) {
		if bar != nil {
			bar.Add(1)
		}
		if fatal != nil {
			return
		}
		if j.err != nil {
			sum.Failed++
			report(j.path, errors.New(describeIngestError(j.err)))
		} else {
			batch = append(batch, j)
		}
	}
	for j := range jobs {
		pending[j.idx] = j
		for {
			nj, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			take(nj)
		}
		// Store what has arrived when the workers pause or the batch is full.
		if len(batch) >= maxBatch || len(jobs) == 0 && len(pending) == 0 {
			store()
		}
	}
	// Left over only when the run was stopped: in order all the same.
	rest := make([]int, 0, len(pending))
	for idx := range pending {
		rest = append(rest, idx)
	}
	sort.Ints(rest)
	for _, idx := range rest {
		take(pending[idx])
	}
	store()
	if bar != nil {
		bar.Finish()
	}
	sum.Took = time.Since(start)
	if fatal == nil && ctx.Err() != nil {
		fatal = ctx.Err()
	}
	return sum, fatal
}

// readArticle reads a file, refusing one larger than an article can be
// before reading it all.
func readArticle(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, kb.MaxArticleBytes+1))
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if len(data) > kb.MaxArticleBytes {
		return nil, kb.ErrTooLarge
	}
	return data, nil
}

func describeIngestError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.HasPrefix(msg, "kb: ingest ") {
		return msg[i+2:]
	}
	return msg
}

func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}
