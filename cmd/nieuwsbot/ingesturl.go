package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// isURLArg reports whether an ingest argument is a URL rather than a path.
func isURLArg(a string) bool {
	l := strings.ToLower(a)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
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
	for _, u := range urls {
		got, err := client.Fetch(ctx, u, feed.Validators{})
		if err != nil {
			fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v\n", u, err)
			failed++
			continue
		}
		if got.Kind == feed.KindHTML {
			resp := got.Response
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
			if taken[it.URL] {
				continue
			}
			taken[it.URL] = true
			srcs = append(srcs, m.itemSource(client, db, u, it))
		}
		m.recordFeed(ctx, db, u, got)
	}
	return srcs, failed
}

// itemSource is the article of a feed item; once stored, the item is
// recorded as seen in its feed, so that serve following the feed does
// not fetch it again.
func (m *Main) itemSource(client *feed.Client, db *kb.DB, feedURL string, it feed.Item) source {
	var summary bool
	return source{
		name: it.URL,
		load: func(ctx context.Context) (kb.Prepared, error) {
			art, err := client.ItemArticle(ctx, it)
			summary = art.Summary
			return art.Prepared, err
		},
		stored: func(ctx context.Context, res kb.IngestResult) {
			rec := kb.FeedItem{Feed: feedURL, Key: it.Key, URL: it.URL, Fingerprint: it.Fingerprint,
				State: kb.ItemStored, ArticleID: res.ID}
			if summary {
				rec.State = kb.ItemSummary
				fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v; stored the feed's summary\n", it.URL, feed.ErrNoText)
			}
			if err := db.SaveFeedItem(ctx, rec); err != nil && !errors.Is(err, context.Canceled) {
				fmt.Fprintf(m.Stderr, "nieuwsbot: ingest %s: %v\n", it.URL, err)
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
