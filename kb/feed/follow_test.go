package feed

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// newsSite is a local news site whose feed and pages a test changes as it
// goes, counting the requests for each path.
type newsSite struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	// items are the feed's <item> elements; pages the bodies by path.
	items []string
	pages map[string]func(w http.ResponseWriter, r *http.Request)
	hits  map[string]int
	etag  bool // answer conditional GETs
	feed  func(w http.ResponseWriter, r *http.Request)
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{t: t, pages: map[string]func(http.ResponseWriter, *http.Request){}, hits: map[string]int{}, etag: true}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	page, feed := s.pages[r.URL.Path], s.feed
	body := "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Test</title>\n" +
		strings.Join(s.items, "\n") + "\n</channel></rss>"
	etag := s.etag
	s.mu.Unlock()
	if r.URL.Path == "/rss.xml" {
		if feed != nil {
			feed(w, r)
			return
		}
		tag := fmt.Sprintf(`"%x"`, len(body)*31+strings.Count(body, "e"))
		if etag && r.Header.Get("If-None-Match") == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if etag {
			w.Header().Set("ETag", tag)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(body))
		return
	}
	if page == nil {
		http.NotFound(w, r)
		return
	}
	page(w, r)
}

func (s *newsSite) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// item adds an item to the feed that links to path.
func (s *newsSite) item(path, title, summary string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = append(s.items, fmt.Sprintf("<item><title>%s</title><link>%s%s</link><pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate><description>%s</description></item>",
		title, s.srv.URL, path, summary))
}

// page serves a fixture of testdata/pages at path.
func (s *newsSite) page(path, fixture, contentType string) {
	data, err := os.ReadFile(filepath.Join("testdata/pages", fixture))
	if err != nil {
		s.t.Fatal(err)
	}
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(data)
	})
}

func (s *newsSite) handle(path string, h func(w http.ResponseWriter, r *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = h
}

func (s *newsSite) url(path string) string { return s.srv.URL + path }

// logBuffer collects log lines, safe for the follower's goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) count(level, msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for line := range strings.SplitSeq(l.b.String(), "\n") {
		if strings.Contains(line, "level="+level) && strings.Contains(line, msg) {
			n++
		}
	}
	return n
}

type followHarness struct {
	db   *kb.DB
	logs *logBuffer
	now  time.Time
	f    *Follower
}

func newFollowHarness(t *testing.T, dbPath string, sources ...Source) *followHarness {
	t.Helper()
	if dbPath == "" {
		dbPath = filepath.Join(t.TempDir(), "kb.db")
	}
	db, err := kb.Open(t.Context(), dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &followHarness{db: db, logs: &logBuffer{}, now: time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return h.now }
	h.f = &Follower{DB: db, Client: testClient(t), Sources: sources,
		Logger: slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:    func() time.Time { return h.now }}
	return h
}

func (h *followHarness) watch(src Source) *watch {
	return &watch{Follower: h.f, src: src, log: h.f.logger().With("feed", src.URL), items: map[string]Item{}}
}

func (h *followHarness) articles(t *testing.T) int {
	t.Helper()
	o, err := h.db.Overview(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return o.Articles
}

// TestFollowNewItemsOnce: a poll stores the new items' articles; the next
// poll is a conditional GET that fetches no page again, and so is a poll
// after a restart, also from a server that ignores validators.
func TestFollowNewItemsOnce(t *testing.T) {
	site := newNewsSite(t)
	site.page("/dijk", "omroep.html", "text/html; charset=utf-8")
	site.page("/brand", "regionaal.html", "text/html") // Windows-1252, declared in a <meta>
	site.item("/dijk", "Dijken", "Het kabinet trekt geld uit.")
	site.item("/brand", "Brand", "Een boerderij brandde af.")
	dbPath := filepath.Join(t.TempDir(), "kb.db")
	src := Source{URL: site.url("/rss.xml"), Name: "test"}
	h := newFollowHarness(t, dbPath, src)
	w := h.watch(src)
	ev := w.poll(t.Context())
	if ev.Err != nil || ev.Added != 2 || ev.Failed != 0 {
		t.Fatalf("first poll = %+v, want 2 added", ev)
	}
	if n := h.articles(t); n != 2 {
		t.Fatalf("%d articles stored, want 2", n)
	}
	hits := site.hit("/dijk") + site.hit("/brand")
	ev = w.poll(t.Context())
	if ev.Err != nil || ev.Added != 0 || site.hit("/dijk")+site.hit("/brand") != hits {
		t.Errorf("second poll = %+v and %d page fetches, want nothing new and none", ev, site.hit("/dijk")+site.hit("/brand")-hits)
	}
	// A restart: a new process on the same database, and a server that
	// ignores If-None-Match.
	site.mu.Lock()
	site.etag = false
	site.mu.Unlock()
	h.db.Close()
	h2 := newFollowHarness(t, dbPath, src)
	ev = h2.watch(src).poll(t.Context())
	if ev.Err != nil || ev.Added != 0 || site.hit("/dijk")+site.hit("/brand") != hits {
		t.Errorf("poll after restart = %+v and %d page fetches, want none", ev, site.hit("/dijk")+site.hit("/brand")-hits)
	}
	feeds, err := h2.db.Feeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || feeds[0].Items != 2 || feeds[0].LastSuccess.IsZero() || feeds[0].LastError != "" || feeds[0].Name != "test" {
		t.Errorf("Feeds() = %+v, want one with 2 items and a last success", feeds)
	}
}

// TestFollowChangedItem: an item the feed changes is fetched again and
// its article replaces the old version.
func TestFollowChangedItem(t *testing.T) {
	site := newNewsSite(t)
	site.page("/deurbel", "tech.html", "text/html")
	site.item("/deurbel", "Lek in deurbel", "Onderzoekers vinden een lek.")
	src := Source{URL: site.url("/rss.xml")}
	h := newFollowHarness(t, "", src)
	w := h.watch(src)
	if ev := w.poll(t.Context()); ev.Added != 1 {
		t.Fatalf("first poll = %+v, want 1 added", ev)
	}
	data, _ := os.ReadFile("testdata/pages/tech.html")
	changed := bytes.Replace(data, []byte("800.000 exemplaren"), []byte("900.000 exemplaren"), 1)
	site.handle("/deurbel", func(w http.ResponseWriter, r *http.Request) { w.Write(changed) })
	site.mu.Lock()
	site.items[0] = strings.Replace(site.items[0], "Onderzoekers vinden een lek.", "Onderzoekers vinden een lek (bijgewerkt).", 1)
	site.mu.Unlock()
	ev := w.poll(t.Context())
	if ev.Changed != 1 || ev.Added != 0 {
		t.Fatalf("poll after the change = %+v, want 1 replaced", ev)
	}
	if n := h.articles(t); n != 1 {
		t.Errorf("%d articles, want 1 (the new version only)", n)
	}
	hits, err := h.db.Search(t.Context(), "900.000 exemplaren", 5)
	if err != nil || len(hits) != 1 {
		t.Errorf("Search(new text) = %v, %v; want the new version", hits, err)
	}
}

// TestFollowFailures: every failure case of a feed and its pages is
// logged once, retried with backoff, and leaves the other items and feeds
// alone.
func TestFollowFailures(t *testing.T) {
	site := newNewsSite(t)
	site.page("/goed", "persbureau.html", "text/html")
	site.page("/latin1", "regionaal.html", "text/html; charset=iso-8859-1")
	site.handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	site.handle("/eindeloos", func(w http.ResponseWriter, r *http.Request) {
		for r.Context().Err() == nil {
			if _, err := w.Write([]byte(strings.Repeat("<p>meer</p>", 512))); err != nil {
				return
			}
		}
	})
	site.handle("/video", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head><title>Video</title></head><body><div class="player"><video src="v.mp4"></video></div></body></html>`))
	})
	site.item("/weg", "Verdwenen pagina", "Een pagina die 404 geeft.")
	site.item("/loop", "Omleiding", "Een pagina die naar zichzelf verwijst.")
	site.item("/eindeloos", "Eindeloos", "Een pagina zonder einde.")
	site.item("/video", "Video: dijkgraaf over hoogwater", "De dijkgraaf van Rivierenland legt uit waarom de dijken langs de Waal versterkt moeten worden. Vooral bij hoogwater is het risico groot dat water onder de dijk door sijpelt.")
	site.item("/latin1", "Brand", "Een boerderij brandde af.")
	site.item("/goed", "Vakbonden", "Acties in het streekvervoer.")

	src := Source{URL: site.url("/rss.xml"), Interval: 10 * time.Minute}
	down := Source{URL: site.url("/down.xml")} // 404 as a feed
	h := newFollowHarness(t, "", src, down)
	w, wd := h.watch(src), h.watch(down)
	ev := w.poll(t.Context())
	if ev.Err != nil || ev.Added != 3 || ev.Failed != 3 {
		t.Fatalf("poll = %+v, want 3 added (goed, latin1, the video's summary) and 3 failed", ev)
	}
	items, err := h.db.FeedItems(t.Context(), src.URL)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"/weg": kb.ItemFailed, "/loop": kb.ItemFailed, "/eindeloos": kb.ItemFailed,
		"/video": kb.ItemSummary, "/latin1": kb.ItemStored, "/goed": kb.ItemStored}
	for path, state := range want {
		it, ok := items[site.url(path)]
		if !ok || it.State != state {
			t.Errorf("item %s = %+v, want state %s", path, it, state)
		}
		if state == kb.ItemFailed && (it.Tries != 1 || !it.NextTry.After(h.now)) {
			t.Errorf("failed item %s = %+v, want 1 try and a later next try", path, it)
		}
	}
	if got, err := h.db.Search(t.Context(), "café naast de boerderij", 3); err != nil || len(got) != 1 {
		t.Errorf("the Latin-1 page's text is not found as UTF-8: %v, %v", got, err)
	}
	// Polled again before the backoff is over: nothing is fetched again;
	// nothing is logged again at warn.
	hits := site.hit("/weg")
	w.poll(t.Context())
	if site.hit("/weg") != hits {
		t.Errorf("a failed page was fetched again before its backoff ended")
	}
	// After the backoff the page is back.
	h.now = h.now.Add(time.Hour)
	site.page("/weg", "omroep.html", "text/html")
	if ev := w.poll(t.Context()); ev.Added != 1 {
		t.Errorf("poll after the backoff = %+v, want the page that came back", ev)
	}
	h.now = h.now.Add(time.Hour)
	w.poll(t.Context())
	for _, path := range []string{"/loop", "/eindeloos"} {
		if n := h.logs.count("WARN", "url="+site.url(path)); n != 1 {
			t.Errorf("failure of %s logged %d times at warn, want once", path, n)
		}
	}
	// A feed that is down, polled three times: one warning, then debug.
	for range 3 {
		if ev := wd.poll(t.Context()); ev.Err == nil {
			t.Fatalf("poll of a missing feed = %+v, want an error", ev)
		}
	}
	if n := h.logs.count("WARN", "feed: fetch failed"); n != 1 {
		t.Errorf("a feed down three times logged %d warnings, want 1", n)
	}
	if wd.fails != 3 || backoff(DefaultInterval, wd.fails) != 40*time.Minute {
		t.Errorf("fails = %d, backoff %v; want 3 and 40m", wd.fails, backoff(DefaultInterval, wd.fails))
	}
	site.mu.Lock()
	site.feed = func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<rss><channel><item><title>kapot")) }
	site.mu.Unlock()
	for range 2 {
		if ev := w.poll(t.Context()); ev.Err == nil {
			t.Errorf("poll of malformed XML = %+v, want an error", ev)
		}
	}
	if n := h.logs.count("WARN", "malformed feed"); n != 1 {
		t.Errorf("malformed feed logged %d times at warn, want once", n)
	}
	st, _ := h.db.FeedState(t.Context(), src.URL)
	if st.LastError == "" || st.LastSuccess.IsZero() {
		t.Errorf("feed state = %+v, want the error and the earlier success", st)
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		interval time.Duration
		n        int
		want     time.Duration
	}{
		{10 * time.Minute, 1, 10 * time.Minute},
		{10 * time.Minute, 2, 20 * time.Minute},
		{10 * time.Minute, 6, 320 * time.Minute},
		{10 * time.Minute, 7, 6 * time.Hour},
		{10 * time.Minute, 1000, 6 * time.Hour},
		{24 * time.Hour, 3, 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := backoff(tt.interval, tt.n); got != tt.want {
			t.Errorf("backoff(%v, %d) = %v, want %v", tt.interval, tt.n, got, tt.want)
		}
	}
}

// TestFollowRun: Run polls every feed on its own, and stops when the
// context ends.
func TestFollowRun(t *testing.T) {
	site := newNewsSite(t)
	site.page("/dijk", "omroep.html", "text/html")
	site.item("/dijk", "Dijken", "Het kabinet trekt geld uit.")
	srcs := []Source{{URL: site.url("/rss.xml"), Interval: time.Minute}, {URL: site.url("/down.xml"), Interval: time.Minute}}
	h := newFollowHarness(t, "", srcs...)
	events := make(chan Event, 16)
	ctx, cancel := context.WithCancel(t.Context())
	// The polls go on while the test reads, so a full channel must not
	// hold a feed's loop once the test is done with it.
	h.f.Observe = func(ev Event) {
		select {
		case events <- ev:
		case <-ctx.Done():
		}
	}
	h.f.After = func(time.Duration) <-chan time.Time {
		c := make(chan time.Time, 1)
		c <- time.Time{}
		return c
	}
	done := make(chan error, 1)
	go func() { done <- h.f.Run(ctx) }()
	got := map[string]Event{}
	deadline := time.After(30 * time.Second)
	for len(got) < 2 {
		select {
		case ev := <-events:
			if _, ok := got[ev.Feed]; !ok {
				got[ev.Feed] = ev
			}
		case <-deadline:
			t.Fatalf("no poll of every feed within 30 s: %v", got)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not stop")
	}
	if got[srcs[0].URL].Added != 1 || got[srcs[1].URL].Err == nil {
		t.Errorf("events = %+v, want 1 added from the first feed and an error from the second", got)
	}
}
