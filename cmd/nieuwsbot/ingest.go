package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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
	later := fs.Bool("parse-later", false, "store the articles first, their syntax analysis after")
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
	db.ParseLater = *later
	srcs := make([]source, 0, len(files))
	for _, f := range files {
		if items, ok := feedFileSources(f, m.Stderr); ok {
			srcs = append(srcs, items...)
			continue
		}
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
	// Ingest stores the parse of what it adds (or, with --parse-later,
	// leaves it to this); this makes those of the sentences stored without
	// one (before the parse was stored, or re-analysed since).
	start := time.Now()
	if n, err := db.ParseBacklog(ctx); err != nil {
		return err
	} else if n > 0 {
		fmt.Fprintf(m.Stdout, "ingest: syntax analysis of %d sentences in %s\n", n, time.Since(start).Round(time.Millisecond))
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
		return prepareFile(filepath.Base(path), data)
	}}
}

// prepareFile prepares an article file by what it holds: a web page goes
// through the page extraction, text is read as an article, and anything
// else is refused with what it is.
func prepareFile(name string, data []byte) (kb.Prepared, error) {
	kind, err := classifyFile(name, data)
	switch {
	case err != nil:
		return kb.Prepared{}, err
	case kind == feed.KindHTML:
		p, err := feed.FileArticle(name, data)
		if errors.Is(err, feed.ErrNoText) && htmlFragmentRe.Match(bytes.TrimSpace(data)) {
			// Paragraphs without a page around them: too little for the
			// page extraction to call an article, but text all the same.
			return feed.FragmentArticle(name, data)
		}
		return p, err
	}
	return kb.Prepare(name, data)
}

// feedFileExts are the names of files that may be feeds.
var feedFileExts = map[string]bool{".xml": true, ".rss": true, ".atom": true, ".json": true, ".feed": true}

// feedFileSources reads a file named like a feed; when it is one, each of
// its items is an article: the feed's own text of it (a local file fetches
// nothing). ok is false for a file that is no feed.
func feedFileSources(path string, errw io.Writer) (srcs []source, ok bool) {
	if !feedFileExts[strings.ToLower(filepath.Ext(path))] {
		return nil, false
	}
	data, err := readArticle(path)
	if err != nil || feed.Sniff(data, "") != feed.KindFeed {
		return nil, false
	}
	f, err := feed.ParseFeed(data, "", nil)
	if err != nil {
		return nil, false
	}
	if len(f.Items) == 0 {
		fmt.Fprintf(errw, "nieuwsbot: ingest %s: the feed has no items with a link\n", terminalSafe(path))
	}
	for _, it := range f.Items {
		srcs = append(srcs, source{name: path + " " + it.URL, load: func(context.Context) (kb.Prepared, error) {
			return kb.PreparePage(filepath.Base(path), it.Page())
		}})
	}
	return srcs, true
}

// archiveMagic are the first bytes of archives and compressed files.
var archiveMagic = []struct{ magic, name string }{
	{"PK\x03\x04", "a zip archive"}, {"\x1f\x8b", "a gzip file"}, {"BZh", "a bzip2 file"},
	{"\xfd7zXZ\x00", "an xz file"}, {"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"}, {"Rar!\x1a\x07", "a RAR archive"},
	{"\x28\xb5\x2f\xfd", "a zstd file"}, {"%PDF-", "a PDF file"},
}

// htmlFragmentRe matches a file that starts with an HTML element, without
// the document around it.
var htmlFragmentRe = regexp.MustCompile(`(?i)^<(?:p|div|article|section|main|span|h[1-6]|br|a|ul|ol|table|meta|title|header|figure|img|!--)[\s/>]`)

// errNotArticle is a file that is no article; the message says what it is.
type errNotArticle struct{ what, hint string }

func (e errNotArticle) Error() string { return e.what + ", not an article" + e.hint }

// classifyFile tells what an article file holds: feed.KindHTML for a web
// page (by its content, or an .html or .htm name), feed.KindOther for text,
// read as an article. A file that is neither (JSON, XML other than a
// page, a feed, an archive) is an errNotArticle.
func classifyFile(name string, data []byte) (feed.Kind, error) {
	if len(data) >= 262 && string(data[257:262]) == "ustar" {
		return feed.KindOther, errNotArticle{"a tar archive", ": unpack it and ingest the directory"}
	}
	for _, a := range archiveMagic {
		if strings.HasPrefix(string(data), a.magic) {
			return feed.KindOther, errNotArticle{a.name, ": unpack it and ingest the directory"}
		}
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		return feed.KindHTML, nil
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	switch k := feed.Sniff(data, ""); {
	case k == feed.KindHTML || htmlFragmentRe.Match(head):
		return feed.KindHTML, nil
	case k == feed.KindFeed:
		return k, errNotArticle{"a feed", ": name it .xml, .rss, .atom or .json to ingest its items, or give its URL"}
	case len(head) > 0 && (head[0] == '{' || head[0] == '[') && json.Valid(head) || ext == ".json":
		return k, errNotArticle{"JSON", ""}
	case bytes.HasPrefix(head, []byte("<?xml")) || ext == ".xml":
		return k, errNotArticle{"XML that is no web page and no feed", ""}
	}
	return feed.KindOther, nil
}

// ingestSources loads and analyses the sources on all cores and stores them
// in batches, in their order. Failures are printed and counted.
func ingestSources(ctx context.Context, db *kb.DB, srcs []source, bar *progressbar.ProgressBar, errw io.Writer) (ingestSummary, error) {
	start := time.Now()
	r := &ingestRun{db: db, srcs: srcs, bar: bar, errw: errw, sum: ingestSummary{Files: len(srcs)}}
	jobs := prepareSources(ctx, srcs, db.ParseLater)
	// The workers finish in any order; the articles are stored in the order
	// of the files, so the same files always make the same knowledge base.
	pending := map[int]ingestJob{}
	next := 0
	for j := range jobs {
		pending[j.idx] = j
		for {
			nj, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			r.take(nj)
		}
		// Store what has arrived when the workers pause or the batch is full.
		if len(r.batch) >= maxBatch || len(jobs) == 0 && len(pending) == 0 {
			r.store(ctx)
		}
	}
	// Left over only when the run was stopped: in order all the same.
	rest := make([]int, 0, len(pending))
	for idx := range pending {
		rest = append(rest, idx)
	}
	sort.Ints(rest)
	for _, idx := range rest {
		r.take(pending[idx])
	}
	r.store(ctx)
	if bar != nil {
		bar.Finish()
	}
	r.sum.Took = time.Since(start)
	if r.fatal == nil && ctx.Err() != nil {
		r.fatal = ctx.Err()
	}
	return r.sum, r.fatal
}

// ingestJob is one source, loaded and analysed.
type ingestJob struct {
	idx  int // place in srcs: articles are stored in this order
	path string
	p    kb.Prepared
	err  error
}

// prepareSources loads and analyses the sources on as many workers as
// there are cores; the jobs come out in any order and the channel closes
// when all are done or ctx ends.
func prepareSources(ctx context.Context, srcs []source, parseLater bool) <-chan ingestJob {
	paths := make(chan int)
	jobs := make(chan ingestJob, 2*maxBatch) // room for a full batch while the last one is stored
	// As many preparing as there are cores: the writer is the slower half,
	// but leaving it a core of its own measured no faster on 2 cores.
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range paths {
				j := ingestJob{idx: i, path: srcs[i].name}
				j.p, j.err = srcs[i].load(ctx)
				if j.err == nil && !parseLater {
					// Here, on every core, rather than in the writer.
					j.p.Parse()
				}
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
		for i := range srcs {
			select {
			case paths <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(jobs) }()
	return jobs
}

// ingestRun is the storing half of an ingest: the batch being filled, the
// counts, and the database error that stops the run.
type ingestRun struct {
	db    *kb.DB
	srcs  []source
	bar   *progressbar.ProgressBar
	errw  io.Writer
	sum   ingestSummary
	batch []ingestJob
	fatal error
}

func (r *ingestRun) report(path string, err error) {
	if r.bar != nil {
		r.bar.Clear() // the message on its own line, not over the bar
	}
	fmt.Fprintf(r.errw, "nieuwsbot: ingest %s: %s\n", terminalSafe(path), terminalSafe(err.Error()))
}

// take adds a prepared source to the batch, or counts its failure.
func (r *ingestRun) take(j ingestJob) {
	if r.bar != nil {
		r.bar.Add(1)
	}
	if r.fatal != nil {
		return
	}
	if j.err != nil {
		r.sum.Failed++
		r.report(j.path, errors.New(describeIngestError(j.err)))
		return
	}
	r.batch = append(r.batch, j)
}

// store writes the batch in one transaction. An article that fails is
// retried alone by StoreBatch, so only it is left out; a database error
// (disk full, read-only) stops the run, as every later file would fail the
// same way.
func (r *ingestRun) store(ctx context.Context) {
	defer func() { r.batch = r.batch[:0] }()
	if len(r.batch) == 0 || r.fatal != nil {
		return
	}
	ps := make([]kb.Prepared, len(r.batch))
	for i, j := range r.batch {
		ps[i] = j.p
	}
	res, errs, err := r.db.StoreBatch(ctx, ps)
	for i, j := range r.batch {
		switch {
		case errs[i] != nil && !kb.IsStorageError(errs[i]) && ctx.Err() == nil:
			r.sum.Failed++
			r.report(j.path, errs[i])
		case errs[i] != nil:
			continue
		case res[i].Replaced:
			r.sum.Replaced++
		case res[i].Added:
			r.sum.Added++
		case err == nil:
			r.sum.Unchanged++
		default:
			continue
		}
		if f := r.srcs[j.idx].stored; f != nil {
			f(ctx, res[i])
		}
	}
	if err != nil {
		r.fatal = err
		if ctx.Err() != nil {
			r.fatal = ctx.Err()
		}
	}
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
