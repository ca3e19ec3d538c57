-- bundled marks the example articles shipped in the binary (seeds/): the
-- digest never lists them and the "Dat weet ik niet" hints do not lean on
-- them. untitled marks an article that had no title: its title is its
-- lead. (SQLite: migration 012.)
ALTER TABLE articles ADD COLUMN bundled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN untitled INTEGER NOT NULL DEFAULT 0;
