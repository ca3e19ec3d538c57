package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// metricTypes are the metric families of /metrics and their types; the
// names and labels are those of the hand-written exposition that came
// before client_golang, which dashboards and alerts use.
var metricTypes = map[string]dto.MetricType{
	"nieuwsbot_questions_total":                     dto.MetricType_COUNTER,
	"nieuwsbot_replies_total":                       dto.MetricType_COUNTER,
	"nieuwsbot_answer_duration_seconds":             dto.MetricType_HISTOGRAM,
	"nieuwsbot_articles_ingested_total":             dto.MetricType_COUNTER,
	"nieuwsbot_digests_total":                       dto.MetricType_COUNTER,
	"nieuwsbot_platform_errors_total":               dto.MetricType_COUNTER,
	"nieuwsbot_feed_fetches_total":                  dto.MetricType_COUNTER,
	"nieuwsbot_feed_items_total":                    dto.MetricType_COUNTER,
	"nieuwsbot_feed_last_success_timestamp_seconds": dto.MetricType_GAUGE,
	"nieuwsbot_kb_articles":                         dto.MetricType_GAUGE,
	"nieuwsbot_kb_sentences":                        dto.MetricType_GAUGE,
	"nieuwsbot_kb_claims":                           dto.MetricType_GAUGE,
	"nieuwsbot_kb_up":                               dto.MetricType_GAUGE,
	"nieuwsbot_adapter_connected":                   dto.MetricType_GAUGE,
}

// metricLabels are the label names of each family.
var metricLabels = map[string][]string{
	"nieuwsbot_questions_total":                     {"platform"},
	"nieuwsbot_replies_total":                       {"kind", "platform"},
	"nieuwsbot_answer_duration_seconds":             nil,
	"nieuwsbot_articles_ingested_total":             {"result"},
	"nieuwsbot_digests_total":                       {"platform", "result"},
	"nieuwsbot_platform_errors_total":               {"platform"},
	"nieuwsbot_feed_fetches_total":                  {"feed", "result"},
	"nieuwsbot_feed_items_total":                    {"feed", "result"},
	"nieuwsbot_feed_last_success_timestamp_seconds": {"feed"},
	"nieuwsbot_kb_articles":                         nil,
	"nieuwsbot_kb_sentences":                        nil,
	"nieuwsbot_kb_claims":                           nil,
	"nieuwsbot_kb_up":                               nil,
	"nieuwsbot_adapter_connected":                   {"platform"},
}

// scrape gets url over HTTP as Prometheus does and returns the body, after
// checking its content type and every line of it.
func scrape(t *testing.T, url string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d, %v", url, res.StatusCode, err)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("GET %s: Content-Type %q, want the text format 0.0.4", url, ct)
	}
	checkExposition(t, string(body))
	checkFamilies(t, string(body))
	return string(body)
}

// checkFamilies parses an exposition as Prometheus does and checks that
// each family is one of metricTypes, with its type and label names.
func checkFamilies(t *testing.T, body string) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse /metrics: %v\n%s", err, body)
	}
	for name, f := range fams {
		want, ok := metricTypes[name]
		if !ok {
			t.Errorf("/metrics has an unknown family %s", name)
			continue
		}
		if f.GetType() != want {
			t.Errorf("/metrics %s is a %v, want a %v", name, f.GetType(), want)
		}
		for _, m := range f.GetMetric() {
			var names []string
			for _, l := range m.GetLabel() {
				names = append(names, l.GetName())
			}
			sort.Strings(names)
			if !slices.Equal(names, metricLabels[name]) {
				t.Errorf("/metrics %s has labels %q, want %q", name, names, metricLabels[name])
			}
		}
	}
	return fams
}

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
	m.platformError("bad \xff utf-8")
	m.feed(feed.Event{Feed: "https://omroep.example/rss.xml", Added: 3, Failed: 1})
	m.feed(feed.Event{Feed: "https://omroep.example/rss.xml", Changed: 1})
	m.feed(feed.Event{Feed: "https://tech.example/atom.xml", Err: errors.New("HTTP 503")})
	feeds := []kb.FeedState{{URL: "https://omroep.example/rss.xml", LastSuccess: time.Unix(1741000000, 0)},
		{URL: "https://tech.example/atom.xml"}}
	m.readGauges(func(context.Context) gauges {
		return gauges{articles: 12, sentences: 340, claims: 7, kbUp: true,
			connected: map[string]bool{"slack": true, "discord": false}, feeds: feeds}
	})
	srv := httptest.NewServer(m.handler(slog.New(slog.DiscardHandler)))
	defer srv.Close()
	body := scrape(t, srv.URL+"/metrics")
	golden := filepath.Join("testdata", "metrics.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if body != string(want) {
		t.Errorf("metrics =\n%s\nwant (%s)\n%s", body, golden, want)
	}
	if got := scrape(t, srv.URL+"/metrics"); got != body {
		t.Errorf("a second scrape differs:\n%s\nfirst:\n%s", got, body)
	}
}

// counted returns the counter and gauge samples of a registry, keyed by
// canonicalSample.
func counted(t *testing.T, m *metrics) map[string]float64 {
	t.Helper()
	fams, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, f := range fams {
		if _, err := expfmt.MetricFamilyToText(&b, f); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]float64{}
	for name, f := range checkFamilies(t, b.String()) {
		if f.GetType() == dto.MetricType_HISTOGRAM {
			continue
		}
		for _, s := range f.GetMetric() {
			key := name
			if len(s.GetLabel()) > 0 {
				var pairs []string
				for _, l := range s.GetLabel() {
					pairs = append(pairs, l.GetName()+"="+`"`+l.GetValue()+`"`)
				}
				key = canonicalSample(name + "{" + strings.Join(pairs, ",") + "}")
			}
			out[key] = s.GetCounter().GetValue() + s.GetGauge().GetValue()
		}
	}
	return out
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
	got := counted(t, m)
	want := map[string]float64{`nieuwsbot_platform_errors_total{platform="slack"}`: 2,
		`nieuwsbot_platform_errors_total{platform="discord"}`: 1}
	if len(got) != len(want) || got[`nieuwsbot_platform_errors_total{platform="slack"}`] != 2 ||
		got[`nieuwsbot_platform_errors_total{platform="discord"}`] != 1 {
		t.Errorf("platform errors = %v, want %v", got, want)
	}
	if bytes.Contains(out.Bytes(), []byte("hidden")) || !bytes.Contains(out.Bytes(), []byte("retrying")) {
		t.Errorf("log output = %s, want records at warn and above only", out.String())
	}
}

// TestMetricsOnBothBackends scrapes serve's /metrics over HTTP on SQLite
// and on PostgreSQL: the same families with the same types, the gauges
// read from either knowledge base, and the counters moving after an
// answered Slack command.
func TestMetricsOnBothBackends(t *testing.T) {
	families := map[string][]string{}
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			e := newE2E(t, time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC), "") // 06:00 in Amsterdam: no digest due
			if backend == "postgres" {
				pgtest.SkipUnlessAvailable(t)
				e.onPostgres()
			}
			e.run("ingest", "-q", e.writeArticle("a.txt", "Nieuws\n\nDe Verenigde Staten beschuldigen China van een hack op de haven.\n"))
			s := e.serve()
			waitFor(t, "serve healthy, Slack's auth.test passed", func() bool { code, _ := s.get("/healthz"); return code == http.StatusOK })
			url := "http://" + s.addr + "/metrics"
			before := scrape(t, url)
			if got := s.slashCommand("r1", "wie beschuldigt China?"); !strings.Contains(got, "Verenigde Staten") {
				t.Fatalf("/nieuws answered %q, want the United States", got)
			}
			after := scrape(t, url)
			for _, c := range []struct{ sample, before, after string }{
				{`nieuwsbot_questions_total{platform="slack"}`, "", "1"},
				{`nieuwsbot_replies_total{platform="slack",kind="answer"}`, "", "1"},
				{`nieuwsbot_answer_duration_seconds_count`, "0", "1"},
				{`nieuwsbot_answer_duration_seconds_bucket{le="+Inf"}`, "0", "1"},
				{`nieuwsbot_kb_articles`, "1", "1"},
				{`nieuwsbot_kb_up`, "1", "1"},
				{`nieuwsbot_adapter_connected{platform="slack"}`, "1", "1"},
				{`nieuwsbot_adapter_connected{platform="discord"}`, "1", "1"},
			} {
				if b, a := metricValue(before, c.sample), metricValue(after, c.sample); b != c.before || a != c.after {
					t.Errorf("%s: %s before the command, %s after; want %q and %q", c.sample, b, a, c.before, c.after)
				}
			}
			for name := range checkFamilies(t, after) {
				families[backend] = append(families[backend], name)
			}
			slices.Sort(families[backend])
		})
	}
	if pg, ok := families["postgres"]; ok && !slices.Equal(pg, families["sqlite"]) {
		t.Errorf("families on PostgreSQL %q, on SQLite %q; want the same", pg, families["sqlite"])
	}
}
