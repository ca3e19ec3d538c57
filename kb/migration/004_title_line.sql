-- title_line is 1 when the title is a line of the article file (not made
-- from the URL or the first sentence): then it is indexed and analysed as
-- the article's first sentence, since headlines state claims too
-- ("België wijst China aan als dader …").
ALTER TABLE articles ADD COLUMN title_line INTEGER NOT NULL DEFAULT 0;
