package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/feed/feedtest"
)

// TestServeFollowsFeeds: serve polls a feed, an item added to the feed is
// stored by the next poll, answers the next question and is in the next
// digest; the feed's metrics count it and stats lists the feed. The
// interval is short; the deadlines are generous and nothing is timed.
func TestServeFollowsFeeds(t *testing.T) {
	files, err := feedtest.Files("../../kb/testdata")
	if err != nil {
		t.Fatal(err)
	}
	site, err := feedtest.New(files[:3])
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(site)
	defer hs.Close()
	srv := hs.URL
	site.SetBase(srv)
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	cfg := filepath.Join(dir, "config.yaml")
	writeTestFile(t, cfg, fmt.Appendf(nil, `kb:
  path: %s
  seed: false
http:
  listen: 127.0.0.1:0
feeds:
  - url: %s/rss.xml
    name: Lokaal
    interval: 1s
  - url: %s/gone.xml
    interval: 1s
fetch:
  min_gap: 0s
  timeout: 5s
log:
  level: debug
`, db, srv, srv))
	m := NewMain()
	logs := &syncBuffer{}
	m.Stdin, m.Stdout, m.Stderr = strings.NewReader(""), io.Discard, logs
	if err := m.ParseFlags([]string{"--config", cfg, "serve"}); err != nil {
		t.Fatal(err)
	}
	listening := make(chan string, 1)
	m.listening = listening
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	addr := recv(t, listening, "serve listening")
	defer func() {
		cancel()
		if err := recv(t, done, "serve stopping"); err != nil {
			t.Errorf("serve = %v after shutdown, want nil", err)
		}
		m.Close()
	}()

	waitFor(t, "the feed's 3 articles", func() bool { return cliArticles(t, db) == 3 })
	// A new item: the next poll of the feed stores it.
	newFile := files[10] // kb/testdata/eval/articles/011_utrecht-parkeertarieven.txt
	if err := site.Add(newFile); err != nil {
		t.Fatal(err)
	}
	polls := site.Hits("/rss.xml")
	added := site.Articles()[3]
	waitFor(t, "the new article", func() bool { return cliArticles(t, db) == 4 })
	if n := site.Hits("/rss.xml") - polls; n > 2 {
		t.Errorf("the new item was stored after %d polls of the feed, want the next one (1, or 2 with a poll under way)", n)
	}
	if n := site.Hits(added.Path); n != 1 {
		t.Errorf("the new page was fetched %d times, want once", n)
	}
	r := cliRun(t, nil, "--db", db, "--no-seed", "ask", "--json", "wat zei Karin Bosman?")
	if r.code != 0 || !strings.Contains(r.stdout, added.Path) {
		t.Errorf("ask about the new article = exit %d, %s; want it among the sources", r.code, r.stdout)
	}
	r = cliRun(t, nil, "--db", db, "--no-seed", "digest", "--since", "1h")
	if !strings.Contains(r.stdout, added.Title) {
		t.Errorf("digest = %s, want the new article %q", r.stdout, added.Title)
	}
	r = cliRun(t, nil, "--db", db, "--no-seed", "stats")
	if !strings.Contains(r.stdout, "Lokaal ("+srv+"/rss.xml): last success 2") || !strings.Contains(r.stdout, "4 articles") ||
		!strings.Contains(r.stdout, "/gone.xml: last success never, 0 articles; last error: HTTP 404") {
		t.Errorf("stats = %s, want both feeds with their last success", r.stdout)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	checkExposition(t, string(body))
	for _, want := range []string{
		fmt.Sprintf(`nieuwsbot_feed_items_total{feed="%s/rss.xml",result="added"} 4`, srv),
		fmt.Sprintf(`nieuwsbot_feed_fetches_total{feed="%s/gone.xml",result="error"}`, srv),
		fmt.Sprintf(`nieuwsbot_feed_last_success_timestamp_seconds{feed="%s/rss.xml"} 1`, srv),
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// The feed that is gone was logged once at warn, however often polled.
	waitFor(t, "a second poll of the feed that is gone", func() bool { return site.Hits("/gone.xml") >= 2 })
	if n := strings.Count(logs.String(), "feed: fetch failed"); n != 1 {
		t.Errorf("the feed that is gone was logged %d times at warn, want once:\n%s", n, logs.String())
	}
}

// waitFor polls cond until it holds, failing after a generous deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
