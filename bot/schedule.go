package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// DigestLog records which daily digests went out, so that each channel gets
// one per day, also across restarts and processes. The knowledge base
// implements it on SQLite.
//
// The protocol is claim, post, then mark (or release): ClaimDigest decides
// and records in one atomic step, before anything is posted. Whoever wins
// the claim posts; everyone else (a second process, a restarted one) sees
// the day taken. A post that fails with an error releases the claim, so the
// digest is tried again the same day. A crash between claim and post leaves
// the claim in place: that channel's digest of that day is then lost rather
// than doubled (at most once).
type DigestLog interface {
	// ClaimDigest records that the digest of day (YYYY-MM-DD, in the
	// digest's time zone) goes out to channel at the given time. ok is
	// false, and nothing changes, when that day was claimed before. prev is
	// when the channel's last completed digest went out; zero if none.
	ClaimDigest(ctx context.Context, channel, day string, at time.Time) (prev time.Time, ok bool, err error)
	// MarkDigest records that the claimed digest was posted.
	MarkDigest(ctx context.Context, channel, day string) error
	// ReleaseDigest removes a claim whose post failed, so it is tried again.
	ReleaseDigest(ctx context.Context, channel, day string) error
}

// Target is one channel of one platform that gets the daily digest.
type Target struct {
	Platform string // "slack", "discord"
	Channel  string
	Poster   Poster
	// Digester, when set, makes this target's digest instead of the
	// scheduler's: the articles of one feed, say. Scope then names what
	// it digests, to tell its digests from the channel's others.
	Digester Digester
	Scope    string
}

// Key is the target's name in the digest log: platform and channel, and
// the scope of a target with a digester of its own.
func (t Target) Key() string {
	if t.Scope != "" {
		return t.Platform + ":" + t.Channel + " " + t.Scope
	}
	return t.Platform + ":" + t.Channel
}

// DefaultDigestRetry is how long the scheduler waits before trying a failed
// digest post again.
const DefaultDigestRetry = 5 * time.Minute

// maxWait caps one wait of the scheduler, so that a wall clock that jumps
// (a suspended machine, a corrected clock) delays a digest by at most this.
const maxWait = time.Hour

// firstDigestSpan is how far back the first digest of a channel looks.
const firstDigestSpan = 24 * time.Hour

// postGrace is how long a digest post under way may go on after the
// scheduler's context has ended.
const postGrace = 15 * time.Second

// recordTimeout bounds the writes to the digest log that must happen even
// after the scheduler's context has ended.
const recordTimeout = 10 * time.Second

// Scheduler posts the daily digest to its targets at Hour:Minute in
// Location, once per target per day. A digest that is due but not yet
// recorded for today (the process was down at the time) goes out as soon as
// Run starts.
type Scheduler struct {
	Digester Digester
	Log      DigestLog
	Targets  []Target
	Hour     int
	Minute   int
	Location *time.Location
	// Quiet sends nothing when no article came in since the last digest.
	Quiet bool
	// Retry is the pause before a failed post is tried again (that day);
	// zero means DefaultDigestRetry.
	Retry  time.Duration
	Logger *slog.Logger

	// Now is the clock and After the timer; tests replace both. Nil means
	// time.Now and time.After.
	Now   func() time.Time
	After func(d time.Duration) <-chan time.Time

	// Observe, when set, is called after every post attempt with its
	// outcome; metrics hook in here.
	Observe func(t Target, err error)
}

// ParseClock reads a time of day such as "08:00" into hour and minute.
func ParseClock(s string) (hour, minute int, err error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a time like 08:00", s)
	}
	return t.Hour(), t.Minute(), nil
}

// NextRun returns the first digest time at or after now: hour:minute local
// time in loc, on now's day or the next. It counts in calendar days, not in
// 24-hour steps, so the digest stays at the same local time across daylight
// saving changes.
func NextRun(now time.Time, hour, minute int, loc *time.Location) time.Time {
	local := now.In(loc)
	at := time.Date(local.Year(), local.Month(), local.Day(), hour, minute, 0, 0, loc)
	if at.Before(local) {
		at = time.Date(local.Year(), local.Month(), local.Day()+1, hour, minute, 0, 0, loc)
	}
	return at
}

func (s *Scheduler) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Scheduler) after(d time.Duration) <-chan time.Time {
	if s.After != nil {
		return s.After(d)
	}
	return time.After(d)
}

func (s *Scheduler) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (s *Scheduler) loc() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	return time.UTC
}

func (s *Scheduler) check() error {
	if s.Digester == nil || s.Log == nil {
		return errors.New("digest scheduler: no digester or digest log")
	}
	if s.Hour < 0 || s.Hour > 23 || s.Minute < 0 || s.Minute > 59 {
		return fmt.Errorf("digest scheduler: %02d:%02d is not a time of day", s.Hour, s.Minute)
	}
	for _, t := range s.Targets {
		if t.Poster == nil || t.Channel == "" || t.Platform == "" {
			return fmt.Errorf("digest scheduler: incomplete target %q", t.Key())
		}
	}
	return nil
}

// Run posts the digests until ctx ends; it returns nil then. It first posts
// today's digests that are due but not recorded, then sleeps until the next
// digest time. A failed post is tried again after Retry, the same day only.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.check(); err != nil {
		return err
	}
	retry := s.Retry
	if retry <= 0 {
		retry = DefaultDigestRetry
	}
	for {
		now := s.now()
		failed := s.postDue(ctx, now)
		if ctx.Err() != nil {
			return nil
		}
		wake := NextRun(now, s.Hour, s.Minute, s.loc())
		if !wake.After(now) {
			// Today's time is now: everything due was just handled.
			wake = NextRun(now.Add(time.Minute), s.Hour, s.Minute, s.loc())
		}
		if failed > 0 && now.Add(retry).Before(wake) {
			wake = now.Add(retry)
		}
		wait := min(wake.Sub(now), maxWait)
		select {
		case <-ctx.Done():
			return nil
		case <-s.after(wait):
		}
	}
}

// PostNow posts today's digest to every target whose digest of today is not
// recorded yet, whatever the time of day, and records it: the scheduled run
// later that day then posts nothing. It returns how many targets it handled
// (a quiet scheduler with nothing new handles a target without a message)
// and the first error.
func (s *Scheduler) PostNow(ctx context.Context) (int, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	var posted int
	var first error
	for _, t := range s.Targets {
		ok, err := s.post(ctx, t, s.now())
		if err != nil && first == nil {
			first = err
		}
		if ok {
			posted++
		}
	}
	return posted, first
}

// postDue posts today's digest to every target that is due and not yet
// recorded. It returns the number of failed posts.
func (s *Scheduler) postDue(ctx context.Context, now time.Time) (failed int) {
	local := now.In(s.loc())
	due := time.Date(local.Year(), local.Month(), local.Day(), s.Hour, s.Minute, 0, 0, s.loc())
	if local.Before(due) {
		return 0
	}
	for _, t := range s.Targets {
		if ctx.Err() != nil {
			return failed
		}
		if _, err := s.post(ctx, t, now); err != nil {
			failed++
		}
	}
	return failed
}

// post claims today's digest of t and, if this call won the claim, posts
// it and records that. done is true when this call handled today's digest
// (also when a quiet scheduler had nothing to say).
func (s *Scheduler) post(ctx context.Context, t Target, now time.Time) (done bool, err error) {
	log := s.logger().With("platform", t.Platform, "channel", t.Channel)
	day := now.In(s.loc()).Format(time.DateOnly)
	key := t.Key()
	prev, ok, err := s.Log.ClaimDigest(ctx, key, day, now)
	if err != nil {
		log.ErrorContext(ctx, "digest: claim failed", "day", day, "err", err)
		return false, fmt.Errorf("digest %s %s: %w", key, day, err)
	}
	if !ok {
		log.DebugContext(ctx, "digest: already claimed", "day", day)
		return false, nil
	}
	// The claim must be marked or released even when ctx has just ended.
	record := func(f func(context.Context, string, string) error, what string) {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
		defer cancel()
		if err := f(rctx, key, day); err != nil {
			log.ErrorContext(ctx, "digest: "+what+" failed", "day", day, "err", err)
		}
	}
	since := prev
	if since.IsZero() || since.After(now) {
		since = now.Add(-firstDigestSpan)
	}
	// A post under way when ctx ends (serve stopping) may finish: cut
	// short, it may have reached the platform without this process
	// knowing, and releasing it would post it twice after a restart.
	pctx, stop := graceful(ctx, postGrace)
	sent, err := s.send(pctx, t, since, now)
	stop()
	if s.Observe != nil && (sent || err != nil) {
		s.Observe(t, err)
	}
	if err != nil && ctx.Err() != nil {
		// Stopped during the post: whether it went out is unknown. Like a
		// kill, the claim stays, so it is not posted again; the next start
		// warns about it.
		log.WarnContext(ctx, "digest: post interrupted by shutdown; not posted again today", "day", day, "err", err)
		return false, fmt.Errorf("digest %s %s: %w", key, day, err)
	}
	if err != nil {
		record(s.Log.ReleaseDigest, "release")
		log.ErrorContext(ctx, "digest: post failed; will retry", "day", day, "err", err)
		return false, fmt.Errorf("digest %s %s: %w", key, day, err)
	}
	record(s.Log.MarkDigest, "mark")
	return true, nil
}

// send builds the digest of [since, until) and posts it, unless it is empty
// and the scheduler is quiet. sent is true when a post was attempted.
func (s *Scheduler) send(ctx context.Context, t Target, since, until time.Time) (sent bool, err error) {
	dg := s.Digester
	if t.Digester != nil {
		dg = t.Digester
	}
	d, err := dg.Digest(ctx, since, until)
	if err != nil {
		return false, err
	}
	if len(d.Articles) == 0 && s.Quiet {
		s.logger().InfoContext(ctx, "digest: nothing new; quiet", "platform", t.Platform, "channel", t.Channel)
		return false, nil
	}
	if err := t.Poster.Post(ctx, t.Channel, DigestReply(d, s.loc())); err != nil {
		return true, err
	}
	s.logger().InfoContext(ctx, "digest: posted", "platform", t.Platform, "channel", t.Channel,
		"articles", len(d.Articles), "claims", len(d.Claims))
	return true, nil
}

// graceful returns a context that ends grace after ctx ends (or when stop
// is called), so that work under way can finish during a shutdown.
func graceful(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	gctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	unhook := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(grace, cancel)
		context.AfterFunc(gctx, func() { t.Stop() })
	})
	return gctx, func() {
		unhook()
		cancel()
	}
}
