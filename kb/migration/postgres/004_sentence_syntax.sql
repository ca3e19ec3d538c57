-- The syntax analysis of each sentence, made at ingest, so that answering
-- reads it instead of parsing at question time; NULL until the backfill
-- (kb/syntax.go) makes it. (SQLite: migration 014.)
ALTER TABLE sentences ADD COLUMN syntax BYTEA;
CREATE INDEX sentences_unparsed ON sentences(id) WHERE syntax IS NULL;
