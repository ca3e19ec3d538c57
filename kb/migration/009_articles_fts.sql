-- Articles are retrieved first, on every word of a question, before their
-- sentences are read (kb/qa): a contentless index of each article's title
-- and body terms, one row per article (rowid = articles.id), and its
-- vocabulary for document frequencies. Filled at ingest and by the
-- re-analysis (kb/reindex.go), which the new index format triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title,
	body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
