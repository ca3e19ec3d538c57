package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock whose timers fire when the test moves the time.
// Every call of After is announced on waiting, after which the scheduler is
// idle until a timer fires.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	timers  []fakeTimer
	waiting chan time.Duration
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock {
	return &fakeClock{now: now, waiting: make(chan time.Duration, 1)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	c.mu.Unlock()
	c.waiting <- d
	return ch
}

// Set moves the clock to t and fires the timers due by then.
func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.timers[:0]
	for _, tm := range c.timers {
		if tm.at.After(t) {
			kept = append(kept, tm)
			continue
		}
		tm.ch <- t
	}
	c.timers = kept
}

// wait returns the scheduler's next sleep, once it is idle.
func (c *fakeClock) wait(t *testing.T) time.Duration {
	t.Helper()
	select {
	case d := <-c.waiting:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting for the scheduler to sleep")
	}
	return 0
}

// memLog is a DigestLog in memory, with the same rules as the SQLite one.
type memLog struct {
	mu   sync.Mutex
	rows map[[2]string]*memRow
}

type memRow struct {
	at     time.Time
	posted bool
}

func newMemLog() *memLog { return &memLog{rows: map[[2]string]*memRow{}} }

func (l *memLog) ClaimDigest(_ context.Context, channel, day string, at time.Time) (time.Time, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var prev time.Time
	for k, r := range l.rows {
		if k[0] == channel && r.posted && r.at.After(prev) {
			prev = r.at
		}
	}
	if _, ok := l.rows[[2]string{channel, day}]; ok {
		return prev, false, nil
	}
	l.rows[[2]string{channel, day}] = &memRow{at: at}
	return prev, true, nil
}

func (l *memLog) MarkDigest(_ context.Context, channel, day string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.rows[[2]string{channel, day}]
	if !ok {
		return fmt.Errorf("no claim for %s %s", channel, day)
	}
	r.posted = true
	return nil
}

func (l *memLog) ReleaseDigest(_ context.Context, channel, day string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.rows, [2]string{channel, day})
	return nil
}

// post is one digest a recordPoster received.
type post struct {
	channel string
	at      time.Time // the clock's time when it was posted
	reply   Reply
}

// recordPoster records posts; it fails the next fail posts.
type recordPoster struct {
	clock *fakeClock
	mu    sync.Mutex
	posts []post
	fail  int
}

func (p *recordPoster) Post(_ context.Context, channel string, r Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail > 0 {
		p.fail--
		return errors.New("platform down")
	}
	p.posts = append(p.posts, post{channel: channel, at: p.clock.Now(), reply: r})
	return nil
}

func (p *recordPoster) taken() []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.posts
	p.posts = nil
	return out
}

// fixedDigester serves articles by their Added time and records the windows
// asked for.
type fixedDigester struct {
	mu       sync.Mutex
	articles []Article
	windows  [][2]time.Time
}

func (d *fixedDigester) Digest(_ context.Context, since, until time.Time) (Digest, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.windows = append(d.windows, [2]time.Time{since, until})
	out := Digest{Since: since, Until: until}
	for _, a := range d.articles {
		if !a.Added.Before(since) && a.Added.Before(until) {
			out.Articles = append(out.Articles, a)
		}
	}
	return out, nil
}

var amsterdam = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func ams(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, amsterdam)
}

func TestNextRun(t *testing.T) {
	for _, tt := range []struct {
		name string
		now  time.Time
		want time.Time // in UTC
	}{
		{"before, winter", ams(2026, 1, 10, 7, 0), time.Date(2026, 1, 10, 7, 0, 0, 0, time.UTC)},
		{"exactly at", ams(2026, 1, 10, 8, 0), time.Date(2026, 1, 10, 7, 0, 0, 0, time.UTC)},
		{"after, winter", ams(2026, 1, 10, 8, 1), time.Date(2026, 1, 11, 7, 0, 0, 0, time.UTC)},
		{"eve of the March change", ams(2026, 3, 28, 9, 0), time.Date(2026, 3, 29, 6, 0, 0, 0, time.UTC)},
		{"night of the March change", ams(2026, 3, 29, 1, 30), time.Date(2026, 3, 29, 6, 0, 0, 0, time.UTC)},
		{"after the March change", ams(2026, 3, 29, 9, 0), time.Date(2026, 3, 30, 6, 0, 0, 0, time.UTC)},
		{"eve of the October change", ams(2026, 10, 24, 9, 0), time.Date(2026, 10, 25, 7, 0, 0, 0, time.UTC)},
		{"night of the October change", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 7, 0, 0, 0, time.UTC)},
		{"given in UTC", time.Date(2026, 7, 1, 6, 30, 0, 0, time.UTC), time.Date(2026, 7, 2, 6, 0, 0, 0, time.UTC)},
	} {
		got := NextRun(tt.now, 8, 0, amsterdam)
		if !got.Equal(tt.want) {
			t.Errorf("%s: NextRun(%s) = %s, want %s", tt.name, tt.now, got.UTC(), tt.want)
		}
		if h, m, _ := got.In(amsterdam).Clock(); h != 8 || m != 0 {
			t.Errorf("%s: NextRun(%s) = %s local, want 08:00", tt.name, tt.now, got.In(amsterdam))
		}
	}
}

func TestParseClock(t *testing.T) {
	for _, tt := range []struct {
		in     string
		h, m   int
		wantOK bool
	}{
		{"08:00", 8, 0, true}, {"23:59", 23, 59, true}, {"00:05", 0, 5, true},
		{"8", 0, 0, false}, {"24:00", 0, 0, false}, {"08:60", 0, 0, false}, {"", 0, 0, false},
	} {
		h, m, err := ParseClock(tt.in)
		if (err == nil) != tt.wantOK || h != tt.h || m != tt.m {
			t.Errorf("ParseClock(%q) = %d, %d, %v; want %d, %d, ok %v", tt.in, h, m, err, tt.h, tt.m, tt.wantOK)
		}
	}
}

// schedHarness runs a scheduler on a fake clock.
type schedHarness struct {
	t      *testing.T
	clock  *fakeClock
	log    *memLog
	poster *recordPoster
	dig    *fixedDigester
	cancel context.CancelFunc
	done   chan error
}

func newSchedHarness(t *testing.T, start time.Time, log *memLog) *schedHarness {
	t.Helper()
	clock := newFakeClock(start)
	return &schedHarness{t: t, clock: clock, log: log, poster: &recordPoster{clock: clock}, dig: &fixedDigester{}}
}

func (h *schedHarness) scheduler() *Scheduler {
	return &Scheduler{
		Digester: h.dig, Log: h.log, Hour: 8, Minute: 0, Location: amsterdam,
		Targets: []Target{
			{Platform: "slack", Channel: "C1", Poster: h.poster},
			{Platform: "discord", Channel: "42", Poster: h.poster},
		},
		Now: h.clock.Now, After: h.clock.After,
	}
}

// start runs s and returns its first sleep.
func (h *schedHarness) start(s *Scheduler) time.Duration {
	h.t.Helper()
	ctx, cancel := context.WithCancel(h.t.Context())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- s.Run(ctx) }()
	h.t.Cleanup(func() { h.stop() })
	return h.clock.wait(h.t)
}

func (h *schedHarness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	if err := <-h.done; err != nil {
		h.t.Errorf("Run = %v, want nil", err)
	}
	h.cancel = nil
}

// sleepUntil lets the scheduler sleep as a real timer would, wake after
// wake, until the clock reaches end; it returns the posts in between.
func (h *schedHarness) sleepUntil(first time.Duration, end time.Time) []post {
	h.t.Helper()
	d := first
	for i := 0; ; i++ {
		if i > 10000 {
			h.t.Fatal("scheduler does not get past the end time")
		}
		next := h.clock.Now().Add(d)
		if next.After(end) {
			break
		}
		if d <= 0 {
			h.t.Fatalf("scheduler sleeps %s at %s", d, h.clock.Now())
		}
		h.clock.Set(next)
		d = h.clock.wait(h.t)
	}
	return h.poster.taken()
}

func countByDay(posts []post) map[string]int {
	n := map[string]int{}
	for _, p := range posts {
		n[p.channel+" "+p.at.In(amsterdam).Format(time.DateOnly)]++
	}
	return n
}

func TestSchedulerDST(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start time.Time
		want  []time.Time // the UTC instants of the daily digests
	}{
		{"March", ams(2026, 3, 27, 12, 0), []time.Time{
			time.Date(2026, 3, 28, 7, 0, 0, 0, time.UTC), // CET, UTC+1
			time.Date(2026, 3, 29, 6, 0, 0, 0, time.UTC), // CEST, UTC+2, the day the clocks go forward
			time.Date(2026, 3, 30, 6, 0, 0, 0, time.UTC),
		}},
		{"October", ams(2026, 10, 23, 12, 0), []time.Time{
			time.Date(2026, 10, 24, 6, 0, 0, 0, time.UTC), // CEST
			time.Date(2026, 10, 25, 7, 0, 0, 0, time.UTC), // CET, the day the clocks go back
			time.Date(2026, 10, 26, 7, 0, 0, 0, time.UTC),
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newSchedHarness(t, tt.start, newMemLog())
			// The start is after 08:00: the day's digest is posted at once.
			first := h.start(h.scheduler())
			if got := h.poster.taken(); len(got) != 2 {
				t.Fatalf("posts at a start after 08:00 = %d, want 2 (one per channel)", len(got))
			}
			posts := h.sleepUntil(first, tt.want[len(tt.want)-1].Add(20*time.Hour))
			var times []time.Time
			for _, p := range posts {
				if p.channel == "C1" {
					times = append(times, p.at.UTC())
				}
			}
			if fmt.Sprint(times) != fmt.Sprint(tt.want) {
				t.Errorf("digests posted at %v, want %v", times, tt.want)
			}
			for key, n := range countByDay(posts) {
				if n != 1 {
					t.Errorf("channel and day %s got %d digests, want 1", key, n)
				}
			}
			if len(posts) != 2*len(tt.want) {
				t.Errorf("got %d posts, want %d", len(posts), 2*len(tt.want))
			}
		})
	}
}

func TestSchedulerRestart(t *testing.T) {
	log := newMemLog()
	h := newSchedHarness(t, ams(2026, 6, 1, 7, 30), log)
	first := h.start(h.scheduler())
	if got := h.poster.taken(); len(got) != 0 {
		t.Fatalf("posts before 08:00 = %d, want 0", len(got))
	}
	if got := h.sleepUntil(first, ams(2026, 6, 1, 9, 0)); len(got) != 2 {
		t.Fatalf("posts at 08:00 = %d, want 2", len(got))
	}
	h.stop()

	// A new process on the same log, later the same day, posts nothing.
	again := newSchedHarness(t, ams(2026, 6, 1, 9, 30), log)
	first = again.start(again.scheduler())
	if got := again.poster.taken(); len(got) != 0 {
		t.Errorf("posts after a restart the same day = %d, want 0", len(got))
	}
	// The next morning it posts as usual.
	posts := again.sleepUntil(first, ams(2026, 6, 2, 12, 0))
	if n := countByDay(posts); len(posts) != 2 || n["C1 2026-06-02"] != 1 || n["42 2026-06-02"] != 1 {
		t.Errorf("posts the next day = %v, want one per channel on 2026-06-02", n)
	}
}

func TestSchedulerLateStart(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start time.Time
		want  int
	}{
		{"late the same day", ams(2026, 6, 1, 23, 50), 2},
		{"just after", ams(2026, 6, 1, 8, 0), 2},
		{"just before", ams(2026, 6, 1, 7, 59), 0},
		{"after midnight", ams(2026, 6, 2, 0, 10), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newSchedHarness(t, tt.start, newMemLog())
			first := h.start(h.scheduler())
			if got := h.poster.taken(); len(got) != tt.want {
				t.Errorf("posts at a start at %s = %d, want %d", tt.start.Format("15:04"), len(got), tt.want)
			}
			// Waking again later the same day posts nothing more.
			end := time.Date(tt.start.Year(), tt.start.Month(), tt.start.Day(), 23, 59, 0, 0, amsterdam)
			if tt.want == 0 && tt.start.Hour() < 8 {
				end = time.Date(tt.start.Year(), tt.start.Month(), tt.start.Day(), 7, 59, 30, 0, amsterdam)
			}
			if got := h.sleepUntil(first, end); len(got) != 0 {
				t.Errorf("posts later the same day = %d, want 0", len(got))
			}
		})
	}
}

func TestSchedulerRetriesFailedPost(t *testing.T) {
	h := newSchedHarness(t, ams(2026, 6, 1, 7, 0), newMemLog())
	h.poster.fail = 1 // the first target's post fails once
	s := h.scheduler()
	s.Retry = 10 * time.Minute
	var mu sync.Mutex
	var outcomes []string
	s.Observe = func(tg Target, err error) {
		mu.Lock()
		defer mu.Unlock()
		outcomes = append(outcomes, fmt.Sprintf("%s:%v", tg.Key(), err != nil))
	}
	first := h.start(s)
	posts := h.sleepUntil(first, ams(2026, 6, 1, 12, 0))
	var at []string
	for _, p := range posts {
		at = append(at, p.channel+"@"+p.at.In(amsterdam).Format("15:04"))
	}
	sort.Strings(at)
	if want := "[42@08:00 C1@08:10]"; fmt.Sprint(at) != want {
		t.Errorf("posts = %v, want %s (the failed one retried after 10 minutes)", at, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := "[slack:C1:true discord:42:false slack:C1:false]"; fmt.Sprint(outcomes) != want {
		t.Errorf("observed %v, want %s", outcomes, want)
	}
}

func TestSchedulerSinceLastDigest(t *testing.T) {
	h := newSchedHarness(t, ams(2026, 6, 1, 7, 0), newMemLog())
	h.dig.articles = []Article{
		{ID: "1", Title: "Oud nieuws", Added: ams(2026, 5, 30, 12, 0)},
		{ID: "2", Title: "Gemeente sluit brug", Added: ams(2026, 5, 31, 12, 0)},
		{ID: "3", Title: "Raad stemt in", Added: ams(2026, 6, 1, 9, 0)},
	}
	s := h.scheduler()
	s.Targets = s.Targets[:1]
	first := h.start(s)
	posts := h.sleepUntil(first, ams(2026, 6, 2, 12, 0))
	if len(posts) != 2 {
		t.Fatalf("got %d posts, want 2", len(posts))
	}
	titles := func(r Reply) []string {
		var out []string
		for _, a := range r.Articles {
			out = append(out, a.Title)
		}
		return out
	}
	if got := titles(posts[0].reply); fmt.Sprint(got) != "[Gemeente sluit brug]" {
		t.Errorf("first digest (24 h back) lists %v, want [Gemeente sluit brug]", got)
	}
	if got := titles(posts[1].reply); fmt.Sprint(got) != "[Raad stemt in]" {
		t.Errorf("second digest (since the first) lists %v, want [Raad stemt in]", got)
	}
	if w := h.dig.windows[1]; !w[0].Equal(ams(2026, 6, 1, 8, 0)) || !w[1].Equal(ams(2026, 6, 2, 8, 0)) {
		t.Errorf("second digest window = %v, want [08:00 June 1, 08:00 June 2)", w)
	}
	if posts[1].reply.Title != "Nieuwsdigest 2 juni 2026" {
		t.Errorf("title = %q, want %q", posts[1].reply.Title, "Nieuwsdigest 2 juni 2026")
	}
}

func TestSchedulerQuiet(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		t.Run(fmt.Sprint("quiet=", quiet), func(t *testing.T) {
			log := newMemLog()
			h := newSchedHarness(t, ams(2026, 6, 1, 9, 0), log)
			s := h.scheduler()
			s.Quiet = quiet
			observed := 0
			s.Observe = func(Target, error) { observed++ }
			h.start(s)
			h.stop()
			posts := h.poster.taken()
			want := 2
			if quiet {
				want = 0
			}
			if len(posts) != want || observed != want {
				t.Fatalf("posts = %d, observed = %d; want %d", len(posts), observed, want)
			}
			if !quiet && posts[0].reply.Text != "Geen nieuwe artikelen sinds de vorige digest." {
				t.Errorf("empty digest text = %q", posts[0].reply.Text)
			}
			// Quiet or not, the day is recorded.
			if _, ok, _ := log.ClaimDigest(t.Context(), "slack:C1", "2026-06-01", time.Time{}); ok {
				t.Errorf("day not recorded after a quiet digest")
			}
		})
	}
}

func TestSchedulerPostNow(t *testing.T) {
	log := newMemLog()
	h := newSchedHarness(t, ams(2026, 6, 1, 6, 0), log)
	n, err := h.scheduler().PostNow(t.Context())
	if err != nil || n != 2 {
		t.Fatalf("PostNow = %d, %v; want 2, nil", n, err)
	}
	if got := h.poster.taken(); len(got) != 2 {
		t.Fatalf("PostNow posted %d, want 2", len(got))
	}
	if n, err := h.scheduler().PostNow(t.Context()); err != nil || n != 0 {
		t.Errorf("second PostNow = %d, %v; want 0, nil", n, err)
	}
	// The scheduled run the same day posts nothing more.
	first := h.start(h.scheduler())
	if got := h.sleepUntil(first, ams(2026, 6, 1, 20, 0)); len(got) != 0 {
		t.Errorf("scheduled run after PostNow posted %d, want 0", len(got))
	}
}

func TestSchedulerRejectsBadSetup(t *testing.T) {
	for _, s := range []*Scheduler{
		{Log: newMemLog()},
		{Digester: &fixedDigester{}, Log: newMemLog(), Hour: 24},
		{Digester: &fixedDigester{}, Log: newMemLog(), Targets: []Target{{Platform: "slack", Channel: "C1"}}},
	} {
		if err := s.Run(t.Context()); err == nil {
			t.Errorf("Run(%+v) = nil, want an error", s)
		}
	}
}

// TestSchedulerTargetDigester: a target with a digester of its own (one
// feed's articles) gets that digest, and its digest log entry is apart
// from the same channel's full digest.
func TestSchedulerTargetDigester(t *testing.T) {
	log := newMemLog()
	h := newSchedHarness(t, ams(2026, 6, 1, 9, 0), log)
	h.dig.articles = []Article{{ID: "1", Title: "Alles", Added: ams(2026, 6, 1, 7, 0)}}
	feed := &fixedDigester{articles: []Article{{ID: "2", Title: "Uit de feed", Added: ams(2026, 6, 1, 7, 0)},
		{ID: "3", Title: "Ook uit de feed", Added: ams(2026, 6, 1, 7, 30)}}}
	s := h.scheduler()
	s.Targets = []Target{
		{Platform: "slack", Channel: "C1", Poster: h.poster},
		{Platform: "slack", Channel: "C1", Poster: h.poster, Digester: feed, Scope: "feed https://a.example/rss"},
	}
	if n, err := s.PostNow(t.Context()); err != nil || n != 2 {
		t.Fatalf("PostNow = %d, %v; want 2 posts", n, err)
	}
	got := h.poster.taken()
	if len(got) != 2 || len(got[0].reply.Articles)+len(got[1].reply.Articles) != 3 {
		t.Fatalf("posts = %+v, want the full digest (1 article) and the feed's (2)", got)
	}
	if k := s.Targets[1].Key(); k != "slack:C1 feed https://a.example/rss" || s.Targets[0].Key() != "slack:C1" {
		t.Errorf("keys = %q, %q", s.Targets[0].Key(), k)
	}
}
