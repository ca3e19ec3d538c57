package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// FeedState is what the knowledge base remembers of a feed: its validators
// for a conditional GET and how its last fetch went.
type FeedState struct {
	URL          string    `json:"url"`
	Name         string    `json:"name,omitempty"`
	ETag         string    `json:"-"`
	LastModified string    `json:"-"`
	LastFetch    time.Time `json:"last_fetch,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"` // the last fetch answered 200 or 304 and parsed
	LastError    string    `json:"last_error,omitempty"`  // "" when the last fetch worked
	Items        int       `json:"items"`                 // items with an article stored
	Summaries    int       `json:"summaries"`             // of them, stored as the feed's summary
}

// Item states of feed_items.
const (
	ItemStored  = "stored"  // the page's article is stored
	ItemSummary = "summary" // the page had no text: the feed's summary is stored
	ItemFailed  = "failed"  // nothing stored yet; tried again at NextTry
)

// FeedItem is an item of a feed the knowledge base has seen.
type FeedItem struct {
	Feed        string
	Key         string // the item's GUID, else its link
	URL         string // the page the item links to
	Fingerprint string // changes when the feed changes the item
	State       string // ItemStored, ItemSummary or ItemFailed
	Tries       int    // failed tries since the last success
	NextTry     time.Time
	ArticleID   int64 // 0 when none is stored
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func timeOrZero(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// FeedState returns what is known of the feed at url; a feed never seen
// has only its URL.
func (db *DB) FeedState(ctx context.Context, url string) (FeedState, error) {
	st := FeedState{URL: url}
	var fetch, success int64
	err := db.db.QueryRowContext(ctx, `SELECT name, etag, last_modified, last_fetch, last_success, last_error
		FROM feeds WHERE url = ?`, url).Scan(&st.Name, &st.ETag, &st.LastModified, &fetch, &success, &st.LastError)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("kb: feed %s: %w", url, err)
	}
	st.LastFetch, st.LastSuccess = timeOrZero(fetch), timeOrZero(success)
	return st, nil
}

// SaveFeedState records the state of a feed.
func (db *DB) SaveFeedState(ctx context.Context, st FeedState) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO feeds (url, name, etag, last_modified, last_fetch, last_success, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET name = excluded.name, etag = excluded.etag,
			last_modified = excluded.last_modified, last_fetch = excluded.last_fetch,
			last_success = excluded.last_success, last_error = excluded.last_error`,
		st.URL, st.Name, st.ETag, st.LastModified, unixOrZero(st.LastFetch), unixOrZero(st.LastSuccess), st.LastError)
	if err != nil {
		return fmt.Errorf("kb: save feed %s: %w", st.URL, err)
	}
	return nil
}

// Feeds lists the feeds known to the knowledge base with what they
// brought, by URL.
func (db *DB) Feeds(ctx context.Context) ([]FeedState, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT f.url, f.name, f.last_fetch, f.last_success, f.last_error,
		(SELECT count(*) FROM feed_items i WHERE i.feed = f.url AND i.article_id IS NOT NULL),
		(SELECT count(*) FROM feed_items i WHERE i.feed = f.url AND i.article_id IS NOT NULL AND i.state = ?)
		FROM feeds f ORDER BY f.url`, ItemSummary)
	if err != nil {
		return nil, fmt.Errorf("kb: feeds: %w", err)
	}
	defer rows.Close()
	var out []FeedState
	for rows.Next() {
		var st FeedState
		var fetch, success int64
		if err := rows.Scan(&st.URL, &st.Name, &fetch, &success, &st.LastError, &st.Items, &st.Summaries); err != nil {
			return nil, fmt.Errorf("kb: feeds: %w", err)
		}
		st.LastFetch, st.LastSuccess = timeOrZero(fetch), timeOrZero(success)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: feeds: %w", err)
	}
	return out, nil
}

// FeedItems returns the items seen in a feed, by key.
func (db *DB) FeedItems(ctx context.Context, feed string) (map[string]FeedItem, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT key, url, fingerprint, state, tries, next_try, coalesce(article_id, 0)
		FROM feed_items WHERE feed = ?`, feed)
	if err != nil {
		return nil, fmt.Errorf("kb: feed items %s: %w", feed, err)
	}
	defer rows.Close()
	items := map[string]FeedItem{}
	for rows.Next() {
		it := FeedItem{Feed: feed}
		var next int64
		if err := rows.Scan(&it.Key, &it.URL, &it.Fingerprint, &it.State, &it.Tries, &next, &it.ArticleID); err != nil {
			return nil, fmt.Errorf("kb: feed items %s: %w", feed, err)
		}
		it.NextTry = timeOrZero(next)
		items[it.Key] = it
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: feed items %s: %w", feed, err)
	}
	return items, nil
}

// SaveFeedItem records an item of a feed.
func (db *DB) SaveFeedItem(ctx context.Context, it FeedItem) error {
	var article any
	if it.ArticleID != 0 {
		article = it.ArticleID
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO feed_items (feed, key, url, fingerprint, state, tries, next_try, article_id, seen_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (feed, key) DO UPDATE SET url = excluded.url, fingerprint = excluded.fingerprint,
			state = excluded.state, tries = excluded.tries, next_try = excluded.next_try,
			article_id = excluded.article_id`,
		it.Feed, it.Key, it.URL, it.Fingerprint, it.State, it.Tries, unixOrZero(it.NextTry), article, db.Now().Unix())
	if err != nil {
		return fmt.Errorf("kb: save feed item %s: %w", it.Key, err)
	}
	return nil
}

// FeedDigester returns a digester of the articles that came in through
// one feed, for a digest channel of that feed alone.
func (db *DB) FeedDigester(feed string) bot.Digester {
	return feedDigester{db: db, feed: feed}
}

type feedDigester struct {
	db   *DB
	feed string
}

// Digest is the knowledge base's digest narrowed to the feed's articles.
func (f feedDigester) Digest(ctx context.Context, since, until time.Time) (bot.Digest, error) {
	d, err := f.db.Digest(ctx, since, until)
	if err != nil {
		return d, err
	}
	rows, err := f.db.db.QueryContext(ctx, `SELECT i.article_id FROM feed_items i JOIN articles a ON a.id = i.article_id
		WHERE i.feed = ? AND a.added_at >= ? AND a.added_at < ?`, f.feed, since.Unix(), until.Unix())
	if err != nil {
		return d, fmt.Errorf("kb: feed digest %s: %w", f.feed, err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return d, fmt.Errorf("kb: feed digest %s: %w", f.feed, err)
		}
		ids[strconv.FormatInt(id, 10)] = true
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("kb: feed digest %s: %w", f.feed, err)
	}
	arts := d.Articles[:0]
	for _, a := range d.Articles {
		if ids[a.ID] {
			arts = append(arts, a)
		}
	}
	claims := d.Claims[:0]
	for _, c := range d.Claims {
		if ids[c.Source.ID] {
			claims = append(claims, c)
		}
	}
	d.Articles, d.Claims = arts, claims
	return d, nil
}
