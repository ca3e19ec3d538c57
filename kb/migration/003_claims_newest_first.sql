-- Claims about an entity, newest first, without sorting them all: with
-- article_id in the index, "WHERE relation = ? AND target_id = ? ORDER BY
-- article_id DESC LIMIT n" walks the index backwards and stops after n rows.
-- A popular target ("China") has tens of thousands of claims in a large
-- archive; sorting them all by date took 100 ms at 10,000 articles.
-- The extended indexes replace the old ones, which were their prefixes.
DROP INDEX claims_target;
DROP INDEX claims_agent;
CREATE INDEX claims_target ON claims(relation, target_id, article_id);
CREATE INDEX claims_agent ON claims(relation, agent_id, article_id);
