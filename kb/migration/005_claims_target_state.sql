-- target_state is the state a claim's target belongs to when the target is
-- a hacker group or agency that the claim's sentence ties to a state by
-- adjective ("de Noord-Koreaanse groep Lazarus"): accusing the group accuses
-- the state. Filled at ingest (and by the re-analysis of kb/reindex.go),
-- so "wie beschuldigt Noord-Korea?" is one index lookup.
ALTER TABLE claims ADD COLUMN target_state INTEGER REFERENCES entities(id);
CREATE INDEX claims_target_state ON claims(relation, target_state, article_id) WHERE target_state IS NOT NULL;
