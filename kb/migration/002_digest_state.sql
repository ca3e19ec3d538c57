-- The digest log's protocol (bot.DigestLog): a row is written as
-- 'posting' when a process claims a channel's digest of a day, before it
-- posts, and becomes 'posted' afterwards. A 'posting' row that stays so
-- means the process stopped between claim and post: that digest may not
-- have gone out, and is not tried again (at most once). posted_at is the
-- time of the claim, which is also the end of the digest's window.
ALTER TABLE digests ADD COLUMN state TEXT NOT NULL DEFAULT 'posted';
