-- The syntax analysis of each sentence (kb/nl/syntax Encode: tags,
-- lemmas, compound parts and the dependency tree, about 7 bytes a word),
-- made when the article is ingested, so that answering reads it instead of
-- parsing the sentences it reads at question time. NULL until it is made:
-- for the sentences stored before this migration, and after a
-- re-analysis, until the backfill (kb/syntax.go) reaches them; the
-- answering engine parses such a sentence itself. The partial index finds
-- them.
ALTER TABLE sentences ADD COLUMN syntax BLOB;
CREATE INDEX sentences_unparsed ON sentences(id) WHERE syntax IS NULL;

-- generation counts the commits that change the articles, made by any
-- process: the values answering reads off the whole knowledge base with
-- every question (the number of articles, the topics of the "Dat weet ik
-- niet" hint) are kept until it changes (kb/memo.go). Every change of
-- the sentences, mentions and claims comes with one of its article's row
-- (a re-analysis sets its lead).
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0');
CREATE TRIGGER articles_generation_insert AFTER INSERT ON articles
	BEGIN UPDATE meta SET value = value + 1 WHERE key = 'generation'; END;
CREATE TRIGGER articles_generation_update AFTER UPDATE ON articles
	BEGIN UPDATE meta SET value = value + 1 WHERE key = 'generation'; END;
CREATE TRIGGER articles_generation_delete AFTER DELETE ON articles
	BEGIN UPDATE meta SET value = value + 1 WHERE key = 'generation'; END;
