-- The Slack events answered, kept for an hour, so that an event delivered
-- twice (a retry, which may reach another replica) is answered once
-- (adapters/slack.EventLog, kb/replay.go). (SQLite: migration 013.)
CREATE TABLE seen_events (
	key     TEXT   PRIMARY KEY,
	expires BIGINT NOT NULL
);
CREATE INDEX seen_events_expires ON seen_events(expires);
