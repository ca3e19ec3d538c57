package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// inboxInterval is how often serve looks into kb.inbox.
const inboxInterval = 5 * time.Second

// Subdirectories of the inbox that processed files are moved to.
const (
	inboxDone   = "done"
	inboxFailed = "failed"
)

// inbox watches a directory for article files and ingests them while serve
// runs. A file is taken once its size and modification time have stayed
// the same for one interval (so a file still being written waits), then
// moved to done/ (ingested, or already known) or failed/ (unreadable or not
// an article). Files whose name starts with a dot, or ends in .tmp, .part
// or ~, are left alone: write under such a name and rename into place.
// A database error leaves the file where it is, to be tried again.
type inbox struct {
	dir      string
	db       *kb.DB
	logger   *slog.Logger
	metrics  *metrics
	interval time.Duration
	after    func(time.Duration) <-chan time.Time

	seen map[string]fileStamp // stamps from the previous look
}

type fileStamp struct {
	size    int64
	modTime time.Time
}

func newInbox(dir string, db *kb.DB, logger *slog.Logger, m *metrics) *inbox {
	return &inbox{dir: dir, db: db, logger: logger.With("inbox", dir), metrics: m,
		interval: inboxInterval, after: time.After, seen: map[string]fileStamp{}}
}

// run looks into the inbox every interval until ctx ends.
func (in *inbox) run(ctx context.Context) error {
	for _, sub := range []string{inboxDone, inboxFailed} {
		if err := os.MkdirAll(filepath.Join(in.dir, sub), 0o750); err != nil {
			return fmt.Errorf("inbox: %w", err)
		}
	}
	in.logger.InfoContext(ctx, "watching inbox", "interval", in.interval)
	for {
		if err := in.poll(ctx); err != nil {
			in.logger.ErrorContext(ctx, "inbox: look failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-in.after(in.interval):
		}
	}
}

// skipInbox reports whether name is a file the inbox leaves alone.
func skipInbox(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, ".part") || strings.HasSuffix(name, "~")
}

// poll ingests the files that have not changed since the previous look and
// notes the others.
func (in *inbox) poll(ctx context.Context) error {
	entries, err := os.ReadDir(in.dir)
	if err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	now := map[string]fileStamp{}
	for _, e := range entries {
		if ctx.Err() != nil {
			return nil
		}
		name := e.Name()
		if !e.Type().IsRegular() || skipInbox(name) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since the listing
		}
		st := fileStamp{info.Size(), info.ModTime()}
		if prev, ok := in.seen[name]; !ok || prev != st {
			now[name] = st
			continue
		}
		if !in.take(ctx, name) {
			now[name] = st // try again next time
		}
	}
	in.seen = now
	return nil
}

// take ingests one file and moves it away; false means it stays to be
// tried again.
func (in *inbox) take(ctx context.Context, name string) bool {
	path := filepath.Join(in.dir, name)
	data, err := readArticle(path)
	var res kb.IngestResult
	var p kb.Prepared
	if err == nil {
		p, err = prepareFile(name, data)
	}
	if err == nil {
		res, err = in.db.Store(ctx, p)
	}
	switch {
	case err != nil && (kb.IsStorageError(err) || ctx.Err() != nil):
		in.logger.ErrorContext(ctx, "inbox: ingest failed; will retry", "file", name, "err", err)
		return false
	case err != nil:
		in.metrics.ingest("failed")
		in.logger.WarnContext(ctx, "inbox: not an article", "file", name, "err", err)
		in.move(ctx, name, inboxFailed)
		return true
	}
	result := "unchanged"
	switch {
	case res.Replaced:
		result = "replaced"
	case res.Added:
		result = "added"
	}
	in.metrics.ingest(result)
	in.logger.InfoContext(ctx, "inbox: ingested", "file", name, "result", result, "title", res.Title,
		"sentences", res.Sentences, "claims", res.Claims)
	in.move(ctx, name, inboxDone)
	return true
}

// move moves a processed file into sub, replacing an older file of the same
// name there.
func (in *inbox) move(ctx context.Context, name, sub string) {
	if err := os.Rename(filepath.Join(in.dir, name), filepath.Join(in.dir, sub, name)); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			in.logger.ErrorContext(ctx, "inbox: move failed", "file", name, "to", sub, "err", err)
		}
	}
}
