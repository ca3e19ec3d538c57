package kb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// DefaultLeaseInterval is how often a process that waits for a lease tries
// to take it, and how often the holder checks that it still holds it.
const DefaultLeaseInterval = 2 * time.Second

// errLeaseLost is the holder's connection to PostgreSQL gone, and with it
// the lease.
var errLeaseLost = errors.New("kb: lease lost")

// Lead runs run while this process holds the lease called name among the
// processes on the knowledge base, and reports through leading (which may
// be nil) when it takes it and when it loses it. Work that only one
// replica may do at a time, such as holding the Discord gateway, runs
// under it; the others wait, and one of them takes over when the holder
// stops or dies.
//
// On PostgreSQL the lease is a session advisory lock on a connection of
// its own: PostgreSQL releases it as soon as the holder's session ends. A
// waiting process tries every LeaseInterval; the holder checks its
// connection as often, and when it has lost it, run's context is
// cancelled, and the holder waits two intervals before it tries again, so
// that another takes over. On SQLite, where one serve uses a file, run
// runs at once. Lead returns what run returns, or nil when ctx ends.
func (db *DB) Lead(ctx context.Context, name string, leading func(bool), run func(context.Context) error) error {
	if leading == nil {
		leading = func(bool) {}
	}
	if !db.pg {
		leading(true)
		defer leading(false)
		return run(ctx)
	}
	every := db.LeaseInterval
	if every <= 0 {
		every = DefaultLeaseInterval
	}
	logged := false
	for {
		conn, err := db.tryLease(ctx, name)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			db.logger.Warn("lease: the knowledge base does not answer; trying again", "lease", name, "err", err)
		case conn == nil:
			if !logged {
				db.logger.Info("lease held by another process; standing by", "lease", name)
				logged = true
			}
		default:
			db.logger.Info("lease taken", "lease", name)
			leading(true)
			err := db.holdLease(ctx, conn, every, run)
			leading(false)
			dropConn(conn)
			if !errors.Is(err, errLeaseLost) {
				return err
			}
			db.logger.Warn("lease lost: the connection to the knowledge base ended", "lease", name)
			logged = false
			if !sleepCtx(ctx, every) {
				return nil
			}
		}
		if !sleepCtx(ctx, every) {
			return nil
		}
	}
}

// tryLease takes the lease on a connection of its own and returns that
// connection; nil when another process holds the lease. The lock's key is
// the hash of the schema and the name, so that knowledge bases in other
// schemas of the database have leases of their own.
func (db *DB) tryLease(ctx context.Context, name string) (*sql.Conn, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':lease:' || ?, 0))`,
		name).Scan(&ok); err != nil {
		conn.Close()
		return nil, err
	}
	if !ok {
		conn.Close()
		return nil, nil
	}
	return conn, nil
}

// holdLease runs run while conn, which holds the lease, answers. It
// returns run's error, nil when ctx ended, or errLeaseLost.
func (db *DB) holdLease(ctx context.Context, conn *sql.Conn, every time.Duration, run func(context.Context) error) error {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(runCtx) }()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if err := pingConn(ctx, conn, every); err != nil && ctx.Err() == nil {
				cancel()
				if err := <-done; err != nil {
					return fmt.Errorf("%w (and: %w)", errLeaseLost, err)
				}
				return errLeaseLost
			}
		}
	}
}

// dropConn closes conn's session, and with it the advisory locks it
// holds; closing a *sql.Conn would only give it back to the pool, lock
// and all.
func dropConn(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}

// pingConn checks that conn answers within timeout.
func pingConn(ctx context.Context, conn *sql.Conn, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var one int
	return conn.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// sleepCtx waits d; false when ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
