package feed

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// DefaultInterval is how often a feed is polled when its config says not.
const DefaultInterval = 10 * time.Minute

// maxBackoff caps the wait before a failing feed or item is tried again.
const maxBackoff = 6 * time.Hour

// maxItemTries is how often the page of an item is tried before it is
// left: a link that stays dead.
const maxItemTries = 8

// Source is a feed to follow.
type Source struct {
	URL      string
	Name     string
	Interval time.Duration // zero: DefaultInterval
}

// Event is what one poll of a feed did, for metrics.
type Event struct {
	Feed    string
	Err     error // the fetch or parse failed
	Added   int   // articles new to the knowledge base
	Changed int   // articles that replaced an older version
	Failed  int   // item pages that failed
	At      time.Time
}

// Follower polls feeds while serve runs and stores their new items: each
// feed on its own interval with jitter, with conditional GET, through one
// polite Client. What it has seen is kept in the knowledge base, so a
// restart fetches nothing twice. A failure is logged once per feed and
// kind of failure, retried with backoff, and never stops the other feeds.
type Follower struct {
	DB      *kb.DB
	Client  *Client
	Sources []Source
	Logger  *slog.Logger
	// Observe, when set, is called after every poll; metrics hook in here.
	Observe func(Event)

	// Now, After and Jitter are the clock and the randomness; tests
	// replace them. Nil means time.Now, time.After and ±10%.
	Now    func() time.Time
	After  func(time.Duration) <-chan time.Time
	Jitter func(time.Duration) time.Duration
}

// Run polls every source until ctx ends.
func (f *Follower) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, src := range f.Sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.follow(ctx, src)
		}()
	}
	wg.Wait()
	return nil
}

func (f *Follower) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func (f *Follower) after(d time.Duration) <-chan time.Time {
	if f.After != nil {
		return f.After(d)
	}
	return time.After(d)
}

func (f *Follower) jitter(d time.Duration) time.Duration {
	if f.Jitter != nil {
		return f.Jitter(d)
	}
	if d <= 0 {
		return d
	}
	return d - d/10 + rand.N(d/5+1)
}

func (f *Follower) logger() *slog.Logger {
	if f.Logger != nil {
		return f.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// follow polls one feed: first after a random part of its interval (so
// that feeds spread out), then every interval, or later after failures.
func (f *Follower) follow(ctx context.Context, src Source) {
	interval := src.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	w := &watch{Follower: f, src: src, log: f.logger().With("feed", src.URL), items: map[string]Item{}}
	if src.Name != "" {
		w.log = w.log.With("name", src.Name)
	}
	wait := f.jitter(interval) / 10
	for {
		select {
		case <-ctx.Done():
			return
		case <-f.after(wait):
		}
		ev := w.poll(ctx)
		if ctx.Err() != nil {
			return
		}
		if f.Observe != nil {
			f.Observe(ev)
		}
		wait = f.jitter(interval)
		if ev.Err != nil {
			wait = backoff(interval, w.fails)
		}
	}
}

// backoff is the wait after the n-th failure in a row: the interval,
// doubled with every further failure, at most maxBackoff.
func backoff(interval time.Duration, n int) time.Duration {
	d := interval
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, max(maxBackoff, interval))
}

// watch is the state of following one feed.
type watch struct {
	*Follower
	src   Source
	log   *slog.Logger
	fails int             // failed polls in a row
	state string          // the kind of the last failure, "" when fine
	items map[string]Item // the items of the last parse, for their summaries
	// itemStates is the kind of each item's last failure, so that it is
	// logged once.
	itemStates map[string]string
}

// poll fetches the feed once and stores what is new or changed.
func (w *watch) poll(ctx context.Context) Event {
	ev := Event{Feed: w.src.URL, At: w.now()}
	st, err := w.DB.FeedState(ctx, w.src.URL)
	if err != nil {
		ev.Err = err
		w.failed(ctx, err)
		return ev
	}
	if w.src.Name != "" {
		st.Name = w.src.Name
	}
	st.LastFetch = ev.At
	got, err := w.Client.Fetch(ctx, w.src.URL, Validators{ETag: st.ETag, LastModified: st.LastModified})
	if err == nil && !got.Response.NotModified && got.Kind != KindFeed {
		err = errors.New("not a feed: an HTML page")
	}
	if err != nil {
		if ctx.Err() != nil {
			return ev
		}
		ev.Err = err
		st.LastError = err.Error()
		w.failed(ctx, err)
		w.save(ctx, st)
		return ev
	}
	var items []Item
	if !got.Response.NotModified {
		items = got.Feed.Items
		w.items = make(map[string]Item, len(items))
		for _, it := range items {
			w.items[it.Key] = it
		}
	}
	w.storeItems(ctx, items, &ev)
	st.ETag, st.LastModified = got.Response.Validators.ETag, got.Response.Validators.LastModified
	st.LastSuccess, st.LastError = ev.At, ""
	w.save(ctx, st)
	if w.state != "" {
		w.log.InfoContext(ctx, "feed: fetched again", "after_failures", w.fails)
	}
	w.fails, w.state = 0, ""
	return ev
}

func (w *watch) save(ctx context.Context, st kb.FeedState) {
	if err := w.DB.SaveFeedState(context.WithoutCancel(ctx), st); err != nil {
		w.log.ErrorContext(ctx, "feed: state not saved", "err", err)
	}
}

// failed logs a failed poll once per kind of failure.
func (w *watch) failed(ctx context.Context, err error) {
	w.fails++
	kind := failureKind(err)
	if kind == w.state {
		w.log.DebugContext(ctx, "feed: still failing", "err", err, "failures", w.fails)
		return
	}
	w.state = kind
	w.log.WarnContext(ctx, "feed: fetch failed; will retry with backoff", "err", err,
		"retry_in", backoff(w.interval(), w.fails))
}

func (w *watch) interval() time.Duration {
	if w.src.Interval > 0 {
		return w.src.Interval
	}
	return DefaultInterval
}

// failureKind names the kind of a failure for "log once per state": the
// same kind again is not news.
func failureKind(err error) string {
	var se *StatusError
	var ne net.Error
	switch {
	case errors.As(err, &se):
		return "status " + se.Error()
	case errors.Is(err, ErrTooLarge):
		return "too large"
	case errors.Is(err, ErrTooRedirects):
		return "redirects"
	case errors.Is(err, ErrNoText):
		return "no text"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.As(err, &ne):
		return "network"
	}
	return err.Error()
}

// storeItems stores the new and changed items of the feed, oldest first,
// and tries again the items whose pages failed before once their time has
// come.
func (w *watch) storeItems(ctx context.Context, items []Item, ev *Event) {
	seen, err := w.DB.FeedItems(ctx, w.src.URL)
	if err != nil {
		w.log.ErrorContext(ctx, "feed: seen items unreadable", "err", err)
		return
	}
	now := w.now()
	var todo []Item
	inFeed := make(map[string]bool, len(items))
	for _, it := range slices.Backward(items) {
		prev, ok := seen[it.Key]
		if !ok || prev.Fingerprint != it.Fingerprint || due(prev, now) {
			todo = append(todo, it)
		}
		inFeed[it.Key] = true
	}
	// Items gone from the feed (or a 304) whose pages failed: their URLs
	// are known, their summaries only while they are in the feed.
	for _, prev := range seen {
		if !inFeed[prev.Key] && due(prev, now) {
			it, ok := w.items[prev.Key]
			if !ok {
				it = Item{Key: prev.Key, URL: prev.URL, Fingerprint: prev.Fingerprint}
			}
			todo = append(todo, it)
		}
	}
	for _, it := range todo {
		if ctx.Err() != nil {
			return
		}
		w.storeItem(ctx, it, seen, ev)
	}
}

// due reports whether a failed item is to be tried again now.
func due(it kb.FeedItem, now time.Time) bool {
	return it.State == kb.ItemFailed && !it.NextTry.IsZero() && !now.Before(it.NextTry)
}

// storeItem fetches one item's page and stores its article.
func (w *watch) storeItem(ctx context.Context, it Item, seen map[string]kb.FeedItem, ev *Event) {
	rec := kb.FeedItem{Feed: w.src.URL, Key: it.Key, URL: it.URL, Fingerprint: it.Fingerprint}
	prevTries := 0
	if prev, ok := seen[it.Key]; ok && prev.Fingerprint == it.Fingerprint {
		prevTries = prev.Tries
	}
	art, err := w.Client.ItemArticle(ctx, it)
	var res kb.IngestResult
	if err == nil {
		res, err = w.DB.Store(ctx, art.Prepared)
	}
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		ev.Failed++
		rec.State, rec.Tries = kb.ItemFailed, prevTries+1
		if rec.Tries < maxItemTries {
			rec.NextTry = w.now().Add(backoff(w.interval(), rec.Tries))
		}
		w.itemFailed(ctx, it, err, rec)
	} else {
		rec.State, rec.ArticleID = kb.ItemStored, res.ID
		if art.Summary {
			rec.State = kb.ItemSummary
			w.log.InfoContext(ctx, "feed: page has no article text; stored the feed's summary", "url", it.URL)
		}
		delete(w.itemStates, it.Key)
		switch {
		case res.Replaced:
			ev.Changed++
		case res.Added:
			ev.Added++
		}
	}
	if err := w.DB.SaveFeedItem(context.WithoutCancel(ctx), rec); err != nil {
		w.log.ErrorContext(ctx, "feed: item not recorded", "url", it.URL, "err", err)
	}
}

// itemFailed logs a failed item page once per kind of failure.
func (w *watch) itemFailed(ctx context.Context, it Item, err error, rec kb.FeedItem) {
	if w.itemStates == nil {
		w.itemStates = map[string]string{}
	}
	kind := failureKind(err)
	if w.itemStates[it.Key] == kind && !rec.NextTry.IsZero() {
		w.log.DebugContext(ctx, "feed: item still failing", "url", it.URL, "err", err, "tries", rec.Tries)
		return
	}
	w.itemStates[it.Key] = kind
	if rec.NextTry.IsZero() {
		w.log.WarnContext(ctx, "feed: item page failed; giving up", "url", it.URL, "err", err, "tries", rec.Tries)
		return
	}
	w.log.WarnContext(ctx, "feed: item page failed; will retry", "url", it.URL, "err", err,
		"retry_at", rec.NextTry.Format(time.RFC3339))
}
