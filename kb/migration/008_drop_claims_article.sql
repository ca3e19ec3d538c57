-- No query looks claims up by article_id alone: the digest finds the claims
-- of its articles through claims_agent (relation first), the answers
-- through claims_target and claims_agent, and deleting an article reaches
-- its claims through their sentences. The index was almost 1% of the
-- database.
DROP INDEX claims_article;
