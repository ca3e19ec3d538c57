package kb

import (
	"context"
	"sync"
)

// memo keeps values read off the whole knowledge base (the number of
// articles, the topics of the "Dat weet ik niet" hint) until the articles
// change, by this process or any other: on SQLite the meta row
// generation, which triggers on the articles table count up in the
// writer's own transaction (migration 014). Answering asks for them with
// every question, and reading them again took longer than the rest of an
// answer. On PostgreSQL nothing is kept.
type memo struct {
	mu      sync.Mutex
	version string
	values  map[string]any
}

// dataVersion returns the knowledge base's change counter; false when it
// cannot tell.
func (db *DB) dataVersion(ctx context.Context) (string, bool) {
	if db.pg {
		return "", false
	}
	v, err := db.meta(ctx, "generation")
	if err != nil || v == "" {
		return "", false
	}
	m := &db.memo
	m.mu.Lock()
	if v != m.version {
		m.version, m.values = v, nil
	}
	m.mu.Unlock()
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

// memoizedEach returns the values of the keys: those kept, and the others
// read by read (a key it leaves out has the zero value), which are kept
// until the next change too. prefix sets the keys apart from others'.
func memoizedEach[T any](ctx context.Context, db *DB, prefix string, keys []string, read func([]string) (map[string]T, error)) (map[string]T, error) {
	v, ok := db.dataVersion(ctx)
	if !ok {
		return read(keys)
	}
	m := &db.memo
	out := make(map[string]T, len(keys))
	var missing []string
	m.mu.Lock()
	for _, k := range keys {
		if x, hit := m.values[prefix+k]; hit {
			out[k] = x.(T)
		} else {
			missing = append(missing, k)
		}
	}
	m.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	got, err := read(missing)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.version == v && m.values == nil {
		m.values = map[string]any{}
	}
	for _, k := range missing {
		out[k] = got[k]
		if m.version == v {
			m.values[prefix+k] = got[k]
		}
	}
	return out, nil
}
