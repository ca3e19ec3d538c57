package kb

import (
	"context"
	"fmt"
	"time"
)

// SeenSignature reports whether the request signature key was recorded
// and is still valid at at. It only reads, so it never waits for a writer.
// The Slack adapter asks it to refuse a captured request sent again after
// a restart (adapters/slack.ReplayLog).
func (db *DB) SeenSignature(ctx context.Context, key string, at time.Time) (bool, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM seen_signatures WHERE key = ? AND expires > ?`,
		key, at.Unix()).Scan(&n); err != nil {
		return false, fmt.Errorf("kb: seen signature: %w", err)
	}
	return n > 0, nil
}

// RecordSignature records the request signature key, seen at at, as valid
// for valid, and forgets the signatures no longer valid at at.
func (db *DB) RecordSignature(ctx context.Context, key string, at time.Time, valid time.Duration) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("kb: record signature: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM seen_signatures WHERE expires <= ?`, at.Unix()); err != nil {
		return fmt.Errorf("kb: record signature: %w", err)
	}
	// Whole seconds, rounded up: a signature is never forgotten early.
	expires := at.Add(valid + time.Second - 1).Unix()
	if _, err := tx.ExecContext(ctx, `INSERT INTO seen_signatures (key, expires) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET expires = CASE WHEN excluded.expires > seen_signatures.expires
			THEN excluded.expires ELSE seen_signatures.expires END`, key, expires); err != nil {
		return fmt.Errorf("kb: record signature: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("kb: record signature: %w", err)
	}
	return nil
}

// ClaimEvent records that the event key is being answered, for valid from
// at, and reports whether this call recorded it: false when another call,
// in this process or in another replica on the same database, claimed it
// before and the claim is still valid at at. The Slack adapter claims each
// event before it answers (adapters/slack.EventLog), so that an event
// Slack delivers twice is answered once. Expired claims are forgotten.
func (db *DB) ClaimEvent(ctx context.Context, key string, at time.Time, valid time.Duration) (bool, error) {
	if _, err := db.db.ExecContext(ctx, `DELETE FROM seen_events WHERE expires <= ?`, at.Unix()); err != nil {
		return false, fmt.Errorf("kb: claim event: %w", err)
	}
	// Whole seconds, rounded up: a claim is never forgotten early. A claim
	// that expired but is still there is taken over.
	expires := at.Add(valid + time.Second - 1).Unix()
	res, err := db.db.ExecContext(ctx, `INSERT INTO seen_events (key, expires) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET expires = excluded.expires WHERE seen_events.expires <= ?`,
		key, expires, at.Unix())
	if err != nil {
		return false, fmt.Errorf("kb: claim event: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("kb: claim event: %w", err)
	}
	return n == 1, nil
}
