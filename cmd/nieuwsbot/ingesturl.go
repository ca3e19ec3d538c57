package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// urlArgRe matches an argument that is a URL ("https://…", also
// "ftp://…", refused when fetched) rather than a path.
var urlArgRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// isURLArg reports whether an ingest argument is a URL rather than a path.
func isURLArg(a string) bool {
	return urlArgRe.MatchString(a)
}

// fetchClient returns the client that fetches feeds and pages, as the
// fetch section of the config says.
func (m *Main) fetchClient() *feed.Client {
	c := feed.NewClient(m.Config.Fetch.Timeout)
	if ua := strings.TrimSpace(m.Config.Fetch.UserAgent); ua != "" {
		c.UserAgent = ua
	}
	if m.Config.Fetch.MaxBytes > 0 {
		c.MaxBytes = m.Config.Fetch.MaxBytes
	}
	c.MinGap = m.Config.Fetch.MinGap
	return c
}

// urlSources fetches each URL: a feed gives a source per item (its page,
// fetched when the source loads), a page one source. An item already
// given by an earlier feed of the call is not given again. failed counts
// the URLs that could not be read, each reported on its line.
func (m *Main) urlSources(ctx context.Context, db *kb.DB, urls []string) (srcs []source, failed int) {
	client := m.fetchClient()
	taken := map[string]bool{}
	// The feeds that list each item's page: once it is stored, it is
	// recorded as seen in each of them.
	listed := map[string][]feedItem{}
	for _, u := range urls {
		got, err := client.Fetch(ctx, u, feed.Validators{})
		if err != nil {
			fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v\n", u, err)
			failed++
			continue
		}
		if got.Kind == feed.KindHTML {
			resp := got.Response
			if taken[resp.URL.String()] {
				continue // an item of a feed before it
			}
			srcs = append(srcs, source{name: u, load: func(context.Context) (kb.Prepared, error) {
				return feed.PageArticle(resp)
			}})
			taken[resp.URL.String()] = true
			continue
		}
		if len(got.Feed.Items) == 0 {
			fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: the feed has no items with a link\n", u)
		}
		for _, it := range got.Feed.Items {
			listed[it.URL] = append(listed[it.URL], feedItem{u, it})
			if taken[it.URL] {
				continue
			}
			taken[it.URL] = true
			srcs = append(srcs, m.itemSource(client, db, it, listed))
		}
		m.recordFeed(ctx, db, u, got)
	}
	return srcs, failed
}

// feedItem is an item of the feed at url.
type feedItem struct {
	url  string
	item feed.Item
}

// itemSource is the article of a feed item; once stored, the item is
// recorded as seen in every feed that lists its page (listed, complete by
// then), so that serve following those feeds does not fetch it again.
func (m *Main) itemSource(client *feed.Client, db *kb.DB, it feed.Item, listed map[string][]feedItem) source {
	var summary bool
	return source{
		name: it.URL,
		load: func(ctx context.Context) (kb.Prepared, error) {
			art, err := client.ItemArticle(ctx, it)
			summary = art.Summary
			return art.Prepared, err
		},
		stored: func(ctx context.Context, res kb.IngestResult) {
			state := kb.ItemStored
			if summary {
				state = kb.ItemSummary
				fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v; stored the feed's summary\n", it.URL, feed.ErrNoText)
			}
			for _, l := range listed[it.URL] {
				rec := kb.FeedItem{Feed: l.url, Key: l.item.Key, URL: l.item.URL, Fingerprint: l.item.Fingerprint,
					State: state, ArticleID: res.ID}
				if err := db.SaveFeedItem(ctx, rec); err != nil && !errors.Is(err, context.Canceled) {
					fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v\n", it.URL, err)
				}
			}
		},
	}
}

// recordFeed remembers a feed read by ingest, so that stats lists it.
func (m *Main) recordFeed(ctx context.Context, db *kb.DB, u string, got feed.Fetched) {
	st, err := db.FeedState(ctx, u)
	if err == nil {
		now := time.Now()
		if m.now != nil {
			now = m.now()
		}
		if st.Name == "" {
			st.Name = got.Feed.Title
		}
		st.LastFetch, st.LastSuccess, st.LastError = now, now, ""
		err = db.SaveFeedState(ctx, st)
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v\n", u, err)
	}
}

// follower follows the configured feeds for serve.
func (m *Main) follower(db *kb.DB, logger *slog.Logger, met *metrics) *feed.Follower {
	f := &feed.Follower{DB: db, Client: m.fetchClient(), Logger: logger.With("component", "feeds"),
		Observe: met.feed, Now: m.now, After: m.after}
	for _, fc := range m.Config.Feeds {
		f.Sources = append(f.Sources, feed.Source{URL: fc.URL, Name: fc.Name, Interval: fc.Interval})
	}
	return f
}

// writeFeeds lists the feeds for stats: name or URL, last success, the
// articles each brought and the last error.
func writeFeeds(w io.Writer, feeds []kb.FeedState) {
	if len(feeds) == 0 {
		return
	}
	fmt.Fprintf(w, "feeds:      %d\n", len(feeds))
	for _, f := range feeds {
		last := "never"
		if !f.LastSuccess.IsZero() {
			last = f.LastSuccess.UTC().Format("2006-01-02 15:04 UTC")
		}
		line := fmt.Sprintf("  %s: last success %s, %d articles", f.URL, last, f.Items)
		if f.Name != "" {
			line = fmt.Sprintf("  %s (%s): last success %s, %d articles", f.Name, f.URL, last, f.Items)
		}
		if f.Summaries > 0 {
			line += fmt.Sprintf(" (%d as the feed's summary)", f.Summaries)
		}
		if f.LastError != "" {
			line += "; last error: " + oneLine(f.LastError)
		}
		fmt.Fprintln(w, line)
	}
}
