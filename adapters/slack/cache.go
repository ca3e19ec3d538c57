package slack

import (
	"sync"
	"time"
)

// ttlCache remembers keys for a fixed time, holding at most max of them.
// Every key lives equally long, so insertion order is expiry order and a
// queue suffices: expired keys leave from the front, and when the cache is
// full the oldest key goes first.
type ttlCache struct {
	ttl   time.Duration
	max   int
	now   func() time.Time
	mu    sync.Mutex
	until map[string]time.Time
	order []entry
}

type entry struct {
	key   string
	until time.Time
}

func newTTLCache(ttl time.Duration, max int) *ttlCache {
	return &ttlCache{ttl: ttl, max: max, now: time.Now, until: make(map[string]time.Time)}
}

// seen reports whether key was added within the ttl, and adds it if not.
func (c *ttlCache) seen(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for len(c.order) > 0 && !c.order[0].until.After(now) {
		c.drop()
	}
	if t, ok := c.until[key]; ok && t.After(now) {
		return true
	}
	for len(c.order) >= c.max {
		c.drop()
	}
	until := now.Add(c.ttl)
	c.until[key] = until
	c.order = append(c.order, entry{key, until})
	return false
}

// drop removes the oldest entry; the caller holds mu.
func (c *ttlCache) drop() {
	e := c.order[0]
	c.order[0] = entry{}
	c.order = c.order[1:]
	if t, ok := c.until[e.key]; ok && t.Equal(e.until) {
		delete(c.until, e.key)
	}
	if len(c.order) == 0 {
		c.order = nil
	}
}

// size is the number of keys remembered.
func (c *ttlCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.until)
}
