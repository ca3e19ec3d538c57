package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMetricsExposition(t *testing.T) {
	m := newMetrics()
	for _, o := range []struct {
		platform string
		kind     bot.Kind
		took     time.Duration
	}{
		{"slack", bot.KindAnswer, 3 * time.Millisecond},
		{"slack", bot.KindNotFound, 40 * time.Millisecond},
		{"discord", bot.KindAnswer, 700 * time.Millisecond},
		{"discord", bot.KindHelp, time.Millisecond},
		{"slack", bot.KindAnswer, 12 * time.Second},
	} {
		m.observe(bot.Request{Platform: o.platform}, o.kind, o.took)
	}
	m.digest(bot.Target{Platform: "slack", Channel: "C1"}, nil)
	m.digest(bot.Target{Platform: "discord", Channel: "1"}, errors.New("500"))
	m.ingest("added")
	m.ingest("added")
	m.ingest("failed")
	m.platformError("we\"ird\\platform\n")
	m.feed(feed.Event{Feed: "https://omroep.example/rss.xml", Added: 3, Failed: 1})
	m.feed(feed.Event{Feed: "https://omroep.example/rss.xml", Changed: 1})
	m.feed(feed.Event{Feed: "https://tech.example/atom.xml", Err: errors.New("HTTP 503")})
	feeds := []kb.FeedState{{URL: "https://omroep.example/rss.xml", LastSuccess: time.Unix(1741000000, 0)},
		{URL: "https://tech.example/atom.xml"}}
	var b bytes.Buffer
	if err := m.write(&b, gauges{articles: 12, sentences: 340, claims: 7, kbUp: true,
		connected: map[string]bool{"slack": true, "discord": false}, feeds: feeds}); err != nil {
		t.Fatal(err)
	}
	checkExposition(t, b.String())
	golden := filepath.Join("testdata", "metrics.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("metrics =\n%s\nwant (%s)\n%s", b.String(), golden, want)
	}
}

func TestErrorCounterCountsAdapterErrors(t *testing.T) {
	m := newMetrics()
	var out bytes.Buffer
	logger := slog.New(errorCounter{next: slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelWarn}), metrics: m})
	ctx := context.Background()
	slackLog := logger.With("adapter", "slack")
	slackLog.ErrorContext(ctx, "threaded answer failed")
	slackLog.WithGroup("g").Error("post failed")
	slackLog.Warn("retrying")                                      // a warning is no error
	logger.Error("request failed", "platform", "discord")          // not from an adapter
	logger.Error("reply failed", "adapter", "discord", "err", "x") // attribute on the record
	logger.Info("hidden")                                          // below the level: not written
	if got, want := m.errors, map[string]uint64{"slack": 2, "discord": 1}; len(got) != 2 || got["slack"] != 2 || got["discord"] != 1 {
		t.Errorf("platform errors = %v, want %v", got, want)
	}
	if bytes.Contains(out.Bytes(), []byte("hidden")) || !bytes.Contains(out.Bytes(), []byte("retrying")) {
		t.Errorf("log output = %s, want records at warn and above only", out.String())
	}
}
