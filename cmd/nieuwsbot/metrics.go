package main

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// latencyBuckets are the upper bounds, in seconds, of the answer latency
// histogram.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts what serve does, for /metrics. It is one Prometheus
// registry of its own (not the library's global one), the same whichever
// backend the knowledge base is on: the counters live in the process, the
// gauges are read from the knowledge base at scrape time (see
// readGauges). Its methods are safe for concurrent use.
type metrics struct {
	reg       *prometheus.Registry
	questions *prometheus.CounterVec // by platform
	replies   *prometheus.CounterVec // by platform and reply kind
	latency   prometheus.Histogram
	ingested  *prometheus.CounterVec // inbox files by result
	digests   *prometheus.CounterVec // by platform and result
	errors    *prometheus.CounterVec // platform errors by platform
	feedPolls *prometheus.CounterVec // by feed and result: ok, error
	feedItems *prometheus.CounterVec // by feed and result: added, replaced, failed
}

func newMetrics() *metrics {
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	}
	m := &metrics{
		reg:       prometheus.NewPedanticRegistry(),
		questions: counter("nieuwsbot_questions_total", "Requests handled, by platform.", "platform"),
		replies: counter("nieuwsbot_replies_total",
			"Replies by platform and kind (answer = answered, not_found = no answer, search, digest, sources, help, error).",
			"platform", "kind"),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "nieuwsbot_answer_duration_seconds",
			Help: "Time from request to reply, all platforms.", Buckets: latencyBuckets}),
		ingested: counter("nieuwsbot_articles_ingested_total", "Inbox files ingested by this process, by result.", "result"),
		digests:  counter("nieuwsbot_digests_total", "Digest posts by platform and result (posted, failed).", "platform", "result"),
		errors:   counter("nieuwsbot_platform_errors_total", "Errors talking to a chat platform, by platform.", "platform"),
		feedPolls: counter("nieuwsbot_feed_fetches_total",
			"Polls of a followed feed by this process, by feed and result (ok, error).", "feed", "result"),
		feedItems: counter("nieuwsbot_feed_items_total",
			"Items of a followed feed by this process, by feed and result (added, replaced, failed).", "feed", "result"),
	}
	m.reg.MustRegister(m.questions, m.replies, m.latency, m.ingested, m.digests, m.errors, m.feedPolls, m.feedItems)
	return m
}

// readGauges registers the gauges of the knowledge base and the adapters,
// which read calls at each scrape, bounded by healthTimeout.
func (m *metrics) readGauges(read func(ctx context.Context) gauges) {
	m.reg.MustRegister(gaugeCollector{read: read})
}

// handler serves the registry in the Prometheus text format (or the
// OpenMetrics one when the scraper asks for it).
func (m *metrics) handler(logger *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		ErrorHandling:     promhttp.ContinueOnError,
		EnableOpenMetrics: true,
	})
}

// label makes s a valid label value: the library refuses invalid UTF-8,
// and a feed URL or platform name should never cost a count.
func label(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// feed counts one poll of a feed; it is the feed follower's Observe hook.
func (m *metrics) feed(ev feed.Event) {
	result := "ok"
	if ev.Err != nil {
		result = "error"
	}
	m.feedPolls.WithLabelValues(label(ev.Feed), result).Inc()
	for r, n := range map[string]int{"added": ev.Added, "replaced": ev.Changed, "failed": ev.Failed} {
		if n > 0 {
			m.feedItems.WithLabelValues(label(ev.Feed), r).Add(float64(n))
		}
	}
}

// observe counts one request; it is the bot's Observe hook.
func (m *metrics) observe(req bot.Request, kind bot.Kind, took time.Duration) {
	m.questions.WithLabelValues(label(req.Platform)).Inc()
	m.replies.WithLabelValues(label(req.Platform), kind.String()).Inc()
	m.latency.Observe(took.Seconds())
}

// digest counts one digest post; it is the scheduler's Observe hook. A
// failed post is also a platform error.
func (m *metrics) digest(t bot.Target, err error) {
	result := "posted"
	if err != nil {
		result = "failed"
		m.platformError(t.Platform)
	}
	m.digests.WithLabelValues(label(t.Platform), result).Inc()
}

// ingest counts one inbox file by result: added, replaced, unchanged or failed.
func (m *metrics) ingest(result string) {
	m.ingested.WithLabelValues(result).Inc()
}

func (m *metrics) platformError(platform string) {
	m.errors.WithLabelValues(label(platform)).Inc()
}

// gauges are the values read at scrape time.
type gauges struct {
	articles, sentences, claims int
	kbUp                        bool
	connected                   map[string]bool // by platform
	feeds                       []kb.FeedState  // the feeds the knowledge base knows
}

// The gauges' descriptions.
var (
	feedSuccessDesc = prometheus.NewDesc("nieuwsbot_feed_last_success_timestamp_seconds",
		"When a feed was last fetched and parsed (Unix time; 0: never), whoever fetched it.", []string{"feed"}, nil)
	articlesDesc  = prometheus.NewDesc("nieuwsbot_kb_articles", "Articles in the knowledge base, whoever ingested them.", nil, nil)
	sentencesDesc = prometheus.NewDesc("nieuwsbot_kb_sentences", "Sentences in the knowledge base.", nil, nil)
	claimsDesc    = prometheus.NewDesc("nieuwsbot_kb_claims", "Claims in the knowledge base.", nil, nil)
	kbUpDesc      = prometheus.NewDesc("nieuwsbot_kb_up", "1 when the knowledge base answered the scrape's query.", nil, nil)
	connectedDesc = prometheus.NewDesc("nieuwsbot_adapter_connected",
		"1 when the adapter is connected to its platform.", []string{"platform"}, nil)
)

// gaugeCollector collects the gauges that read returns, at each scrape.
type gaugeCollector struct {
	read func(ctx context.Context) gauges
}

// Describe sends the gauges' descriptions.
func (c gaugeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{feedSuccessDesc, articlesDesc, sentencesDesc, claimsDesc, kbUpDesc, connectedDesc} {
		ch <- d
	}
}

// Collect reads the gauges and sends them. The knowledge base counts are
// 0, and nieuwsbot_kb_up too, when it does not answer.
func (c gaugeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), healthTimeout)
	defer cancel()
	g := c.read(ctx)
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	for _, f := range g.feeds {
		gauge(feedSuccessDesc, float64(unixOrZero(f.LastSuccess)), label(f.URL))
	}
	gauge(articlesDesc, float64(g.articles))
	gauge(sentencesDesc, float64(g.sentences))
	gauge(claimsDesc, float64(g.claims))
	gauge(kbUpDesc, float64(boolInt(g.kbUp)))
	for p, up := range g.connected {
		gauge(connectedDesc, float64(boolInt(up)), label(p))
	}
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// errorCounter is a slog handler that counts the error records of the
// adapters (records that carry an "adapter" attribute, as the adapters'
// loggers do) as platform errors, and passes every record on.
type errorCounter struct {
	next     slog.Handler
	metrics  *metrics
	platform string // from an "adapter" attribute added with With
}

// Enabled reports whether the next handler takes records at level.
func (h errorCounter) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level) || level >= slog.LevelError
}

// Handle counts an adapter's error record and passes the record on.
func (h errorCounter) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		platform := h.platform
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "adapter" {
				platform = a.Value.String()
				return false
			}
			return true
		})
		if platform != "" {
			h.metrics.platformError(platform)
		}
	}
	if !h.next.Enabled(ctx, r.Level) {
		return nil
	}
	return h.next.Handle(ctx, r)
}

// WithAttrs remembers an "adapter" attribute and passes the attributes on.
func (h errorCounter) WithAttrs(attrs []slog.Attr) slog.Handler {
	for _, a := range attrs {
		if a.Key == "adapter" {
			h.platform = a.Value.String()
		}
	}
	h.next = h.next.WithAttrs(attrs)
	return h
}

// WithGroup passes the group on.
func (h errorCounter) WithGroup(name string) slog.Handler {
	h.next = h.next.WithGroup(name)
	return h
}
