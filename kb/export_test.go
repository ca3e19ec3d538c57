package kb

// SetLargeArchive lets the tests of package kb_test make a small database
// count as a large archive (see matchRanked).
func SetLargeArchive(db *DB, sentences int) { db.largeArchive = sentences }
