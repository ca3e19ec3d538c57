package kb

import (
	"context"
	"database/sql"
	"sync"
)

// memo keeps values read off the whole knowledge base (the number of
// articles, the topics of the "Dat weet ik niet" hint) until the next
// commit, by this process or any other: on SQLite, PRAGMA data_version on
// a connection of its own, which changes whenever another connection
// commits. Answering asks for them with every question, and at 100,000
// articles reading them again took longer than the rest of an answer. On
// PostgreSQL nothing is kept (it has no such counter).
type memo struct {
	mu      sync.Mutex
	conn    *sql.Conn // reads data_version; never writes
	version int64
	values  map[string]any
}

// dataVersion returns the knowledge base's change counter; false when it
// cannot tell.
func (db *DB) dataVersion(ctx context.Context) (int64, bool) {
	if db.pg {
		return 0, false
	}
	m := &db.memo
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.conn == nil {
		c, err := db.db.Conn(ctx)
		if err != nil {
			return 0, false
		}
		m.conn = c
	}
	var v int64
	if err := m.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		// A connection that failed is not trusted again.
		m.conn.Close()
		m.conn = nil
		return 0, false
	}
	if v != m.version {
		m.version, m.values = v, nil
	}
	return v, true
}

// memoized returns the value of key read by read, kept until the next
// commit.
func memoized[T any](ctx context.Context, db *DB, key string, read func() (T, error)) (T, error) {
	v, ok := db.dataVersion(ctx)
	if !ok {
		return read()
	}
	m := &db.memo
	m.mu.Lock()
	x, hit := m.values[key]
	m.mu.Unlock()
	if hit {
		return x.(T), nil
	}
	val, err := read()
	if err != nil {
		return val, err
	}
	m.mu.Lock()
	// Kept only if nothing was committed since v was read: a commit
	// meanwhile may or may not be in val.
	if m.version == v {
		if m.values == nil {
			m.values = map[string]any{}
		}
		m.values[key] = val
	}
	m.mu.Unlock()
	return val, nil
}

// closeMemo releases the memo's connection.
func (db *DB) closeMemo() {
	m := &db.memo
	m.mu.Lock()
	if m.conn != nil {
		m.conn.Close()
		m.conn = nil
	}
	m.mu.Unlock()
}
