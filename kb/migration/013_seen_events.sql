-- The Slack events answered, kept for an hour (Slack retries an event for
-- about that long), so that an event delivered twice is answered once,
-- also when the second delivery reaches another replica or comes after a
-- restart (adapters/slack.EventLog, kb/replay.go). expires is a Unix time
-- in seconds. (PostgreSQL: migration 003.)
CREATE TABLE seen_events (
	key     TEXT    PRIMARY KEY,
	expires INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_events_expires ON seen_events(expires);
