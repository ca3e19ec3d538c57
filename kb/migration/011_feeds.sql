-- The feeds that serve follows and the items seen in them, so that a
-- restart fetches nothing twice (see kb/feeds.go and kb/feed).
-- feeds keeps a feed's validators for conditional GET (etag,
-- last_modified) and what the last fetch did. Times are Unix seconds, 0
-- for never.
CREATE TABLE feeds (
	url           TEXT    PRIMARY KEY,
	name          TEXT    NOT NULL DEFAULT '',
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_fetch    INTEGER NOT NULL DEFAULT 0,
	last_success  INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT    NOT NULL DEFAULT ''
);

-- One row per item of a feed, keyed by its GUID (else its link).
-- fingerprint changes when the feed changes the item (title, dates,
-- summary), so a changed article is fetched again and replaces its old
-- version. state: 'stored' (the page's article), 'summary' (the page had
-- no text to extract: the feed's summary is stored, marked so), 'failed'
-- (nothing stored yet; tried again at next_try). article_id is the stored
-- article; NULL once that article is gone.
CREATE TABLE feed_items (
	feed        TEXT    NOT NULL,
	key         TEXT    NOT NULL,
	url         TEXT    NOT NULL,
	fingerprint TEXT    NOT NULL,
	state       TEXT    NOT NULL,
	tries       INTEGER NOT NULL DEFAULT 0,
	next_try    INTEGER NOT NULL DEFAULT 0,
	article_id  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
	seen_at     INTEGER NOT NULL,
	PRIMARY KEY (feed, key)
);
CREATE INDEX feed_items_article ON feed_items(article_id) WHERE article_id IS NOT NULL;
