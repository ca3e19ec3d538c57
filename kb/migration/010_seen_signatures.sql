-- The signatures of the Slack requests accepted, kept while they are valid
-- (five minutes), so that a captured request sent again is refused after a
-- restart too (adapters/slack.ReplayLog, kb/replay.go). expires is a Unix
-- time in seconds.
CREATE TABLE seen_signatures (
	key     TEXT    PRIMARY KEY,
	expires INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_signatures_expires ON seen_signatures(expires);
