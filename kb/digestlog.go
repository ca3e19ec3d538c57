package kb

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Digest states in the digests table.
const (
	digestPosting = "posting"
	digestPosted  = "posted"
)

// ClaimDigest records, in one transaction, that the digest of day goes out
// to channel at the given time, unless that day was claimed before (ok is
// false then). prev is when the channel's last posted digest went out, zero
// if none. It implements bot.DigestLog; see there for the protocol.
func (db *DB) ClaimDigest(ctx context.Context, channel, day string, at time.Time) (prev time.Time, ok bool, err error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return prev, false, fmt.Errorf("kb: claim digest %s %s: %w", channel, day, err)
	}
	defer tx.Rollback()
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(posted_at) FROM digests WHERE channel = ? AND state = ?`,
		channel, digestPosted).Scan(&last); err != nil {
		return prev, false, fmt.Errorf("kb: claim digest %s %s: %w", channel, day, err)
	}
	if last.Valid {
		prev = time.Unix(last.Int64, 0).UTC()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO digests (channel, day, posted_at, state) VALUES (?, ?, ?, ?)
		ON CONFLICT (channel, day) DO NOTHING`, channel, day, at.Unix(), digestPosting)
	if err != nil {
		return prev, false, fmt.Errorf("kb: claim digest %s %s: %w", channel, day, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return prev, false, fmt.Errorf("kb: claim digest %s %s: %w", channel, day, err)
	}
	if err := tx.Commit(); err != nil {
		return prev, false, fmt.Errorf("kb: claim digest %s %s: %w", channel, day, err)
	}
	return prev, n == 1, nil
}

// MarkDigest records that the claimed digest of day went out to channel.
func (db *DB) MarkDigest(ctx context.Context, channel, day string) error {
	res, err := db.db.ExecContext(ctx, `UPDATE digests SET state = ? WHERE channel = ? AND day = ?`,
		digestPosted, channel, day)
	if err != nil {
		return fmt.Errorf("kb: mark digest %s %s: %w", channel, day, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("kb: mark digest %s %s: not claimed", channel, day)
	}
	return nil
}

// ReleaseDigest removes the claim on the digest of day for channel, after a
// failed post, so that it can be claimed and tried again. A digest already
// marked posted stays.
func (db *DB) ReleaseDigest(ctx context.Context, channel, day string) error {
	if _, err := db.db.ExecContext(ctx, `DELETE FROM digests WHERE channel = ? AND day = ? AND state = ?`,
		channel, day, digestPosting); err != nil {
		return fmt.Errorf("kb: release digest %s %s: %w", channel, day, err)
	}
	return nil
}

// DigestRecord is one row of the digest log.
type DigestRecord struct {
	Channel string
	Day     string
	At      time.Time
	Posted  bool // false: claimed, but the process stopped before it could say it posted
}

// Digests returns the digest log of the days from since on (YYYY-MM-DD),
// oldest first; serve logs unfinished ones at start-up.
func (db *DB) Digests(ctx context.Context, since string) ([]DigestRecord, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT channel, day, posted_at, state FROM digests
		WHERE day >= ? ORDER BY day, channel`, since)
	if err != nil {
		return nil, fmt.Errorf("kb: digests: %w", err)
	}
	defer rows.Close()
	var out []DigestRecord
	for rows.Next() {
		var r DigestRecord
		var at int64
		var state string
		if err := rows.Scan(&r.Channel, &r.Day, &at, &state); err != nil {
			return nil, fmt.Errorf("kb: digests: %w", err)
		}
		r.At, r.Posted = time.Unix(at, 0).UTC(), state == digestPosted
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: digests: %w", err)
	}
	return out, nil
}
