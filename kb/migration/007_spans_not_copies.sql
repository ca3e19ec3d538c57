-- A quote and a role description are words of their sentence: they are
-- stored as where they stand in it (start and len in characters, as substr
-- counts them) instead of as a copy, which made a sixth of the text stored
-- twice. text keeps what is not found in the sentence as it stands, and the
-- rows stored before. The views keep the tables' old names and columns for
-- the readers.
ALTER TABLE quotes RENAME TO quote_rows;
ALTER TABLE quote_rows ADD COLUMN start INTEGER;
ALTER TABLE quote_rows ADD COLUMN len INTEGER;
CREATE VIEW quotes AS
	SELECT q.sentence_id, q.article_id, q.speaker_id,
		CASE WHEN q.start IS NULL THEN q.text ELSE substr(s.text, q.start, q.len) END AS text
	FROM quote_rows q JOIN sentences s ON s.id = q.sentence_id;

ALTER TABLE roles RENAME TO role_rows;
ALTER TABLE role_rows ADD COLUMN start INTEGER;
ALTER TABLE role_rows ADD COLUMN len INTEGER;
CREATE VIEW roles AS
	SELECT r.sentence_id, r.article_id, r.person_id,
		CASE WHEN r.start IS NULL THEN r.description ELSE substr(s.text, r.start, r.len) END AS description
	FROM role_rows r JOIN sentences s ON s.id = r.sentence_id;
