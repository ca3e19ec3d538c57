-- bundled marks the example articles shipped in the binary (seeds/), which
-- a new knowledge base is filled with for trying the bot: the digest never
-- lists them and the hints of "Dat weet ik niet" do not lean on them.
-- Knowledge bases seeded before this migration have them under the seed
-- files' names.
-- untitled marks an article that had no title: its title is its first
-- sentence, cut, which renderers show as a lead, not as a headline. Before
-- this migration such titles were made for articles without a title line
-- and without a URL to take one from.
ALTER TABLE articles ADD COLUMN bundled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN untitled INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET bundled = 1
	WHERE source IN ('2018-12-nu-vs-vk-beschuldigen-china.txt', '2021-07-anp-eu-vs-vk-spreken-china-aan.txt',
		'2021-07-bondgenoten-beschuldigen-china-exchange-hack.txt', '2021-07-eu-navo-vs-china-verantwoordelijk.txt')
	AND EXISTS (SELECT 1 FROM meta WHERE key = 'seeded');
UPDATE articles SET untitled = 1 WHERE title_line = 0 AND url = '';
