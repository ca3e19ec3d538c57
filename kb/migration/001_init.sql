-- Articles, their sentences, and a contentless FTS5 index of the
-- sentences' Dutch stems plus entity tokens (see kb/index.go).
CREATE TABLE articles (
	id        INTEGER PRIMARY KEY,
	hash      TEXT    NOT NULL UNIQUE,
	title     TEXT    NOT NULL DEFAULT '',
	date      TEXT    NOT NULL DEFAULT '',
	url       TEXT    NOT NULL DEFAULT '',
	publisher TEXT    NOT NULL DEFAULT '',
	place     TEXT    NOT NULL DEFAULT '',
	source    TEXT    NOT NULL DEFAULT '',
	lead      TEXT    NOT NULL DEFAULT '',
	body      TEXT    NOT NULL,
	added_at  INTEGER NOT NULL
);
CREATE INDEX articles_added ON articles(added_at);
CREATE INDEX articles_url ON articles(url) WHERE url <> '';

CREATE TABLE sentences (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	heading    INTEGER NOT NULL DEFAULT 0,
	text       TEXT    NOT NULL
);
CREATE INDEX sentences_article ON sentences(article_id, pos);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
	terms,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row');

-- norm is the folded name, last its last word: questions name people by
-- surname ("wat zei blinken?").
CREATE TABLE entities (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	norm TEXT NOT NULL,
	last TEXT NOT NULL,
	UNIQUE (name, kind)
);
CREATE INDEX entities_norm ON entities(norm);
CREATE INDEX entities_last ON entities(last);

CREATE TABLE mentions (
	sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
	article_id  INTEGER NOT NULL,
	entity_id   INTEGER NOT NULL REFERENCES entities(id),
	text        TEXT    NOT NULL,
	prep        TEXT    NOT NULL DEFAULT '',
	demonym     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
CREATE INDEX mentions_sentence ON mentions(sentence_id);

-- One row per (agent, target) pair of a claim; agent or target may be NULL.
CREATE TABLE claims (
	id          INTEGER PRIMARY KEY,
	sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
	article_id  INTEGER NOT NULL,
	relation    TEXT    NOT NULL,
	agent_id    INTEGER REFERENCES entities(id),
	target_id   INTEGER REFERENCES entities(id),
	about       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX claims_target ON claims(relation, target_id);
CREATE INDEX claims_agent ON claims(relation, agent_id);
CREATE INDEX claims_sentence ON claims(sentence_id);
CREATE INDEX claims_article ON claims(article_id);

CREATE TABLE roles (
	sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
	article_id  INTEGER NOT NULL,
	person_id   INTEGER NOT NULL REFERENCES entities(id),
	description TEXT    NOT NULL
);
CREATE INDEX roles_person ON roles(person_id);
CREATE INDEX roles_sentence ON roles(sentence_id);

CREATE TABLE quotes (
	sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
	article_id  INTEGER NOT NULL,
	speaker_id  INTEGER NOT NULL REFERENCES entities(id),
	text        TEXT    NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_sentence ON quotes(sentence_id);

-- Digests posted, one row per channel per day (see bot/schedule.go).
CREATE TABLE digests (
	channel   TEXT    NOT NULL,
	day       TEXT    NOT NULL,
	posted_at INTEGER NOT NULL,
	PRIMARY KEY (channel, day)
);

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
