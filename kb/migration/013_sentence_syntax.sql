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
