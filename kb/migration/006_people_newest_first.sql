-- A person's roles and quotes, newest first, without sorting them all: a
-- much-quoted minister has thousands in a large archive.
CREATE INDEX roles_person_article ON roles(person_id, article_id);
CREATE INDEX quotes_speaker_article ON quotes(speaker_id, article_id);
DROP INDEX roles_person;
DROP INDEX quotes_speaker;
