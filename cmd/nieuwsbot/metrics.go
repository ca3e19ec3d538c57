package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// latencyBuckets are the upper bounds, in seconds, of the answer latency
// histogram.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts what serve does, for /metrics in the Prometheus text
// format. Its methods are safe for concurrent use.
type metrics struct {
	mu        sync.Mutex
	questions map[string]uint64    // by platform
	replies   map[[2]string]uint64 // by platform and reply kind
	buckets   []uint64             // cumulative counts per latencyBuckets
	latCount  uint64
	latSum    float64
	ingested  map[string]uint64    // inbox files by result
	digests   map[[2]string]uint64 // by platform and result
	errors    map[string]uint64    // platform errors by platform
	feedPolls map[[2]string]uint64 // by feed and result: ok, error
	feedItems map[[2]string]uint64 // by feed and result: added, replaced, failed
}

func newMetrics() *metrics {
	return &metrics{
		questions: map[string]uint64{},
		replies:   map[[2]string]uint64{},
		buckets:   make([]uint64, len(latencyBuckets)),
		ingested:  map[string]uint64{},
		digests:   map[[2]string]uint64{},
		errors:    map[string]uint64{},
		feedPolls: map[[2]string]uint64{},
		feedItems: map[[2]string]uint64{},
	}
}

// feed counts one poll of a feed; it is the feed follower's Observe hook.
func (m *metrics) feed(ev feed.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	result := "ok"
	if ev.Err != nil {
		result = "error"
	}
	m.feedPolls[[2]string{ev.Feed, result}]++
	for r, n := range map[string]int{"added": ev.Added, "replaced": ev.Changed, "failed": ev.Failed} {
		if n > 0 {
			m.feedItems[[2]string{ev.Feed, r}] += uint64(n)
		}
	}
}

// observe counts one request; it is the bot's Observe hook.
func (m *metrics) observe(req bot.Request, kind bot.Kind, took time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.questions[req.Platform]++
	m.replies[[2]string{req.Platform, kind.String()}]++
	s := took.Seconds()
	for i, le := range latencyBuckets {
		if s <= le {
			m.buckets[i]++
		}
	}
	m.latCount++
	m.latSum += s
}

// digest counts one digest post; it is the scheduler's Observe hook. A
// failed post is also a platform error.
func (m *metrics) digest(t bot.Target, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	result := "posted"
	if err != nil {
		result = "failed"
		m.errors[t.Platform]++
	}
	m.digests[[2]string{t.Platform, result}]++
}

// ingest counts one inbox file by result: added, replaced, unchanged or failed.
func (m *metrics) ingest(result string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ingested[result]++
}

func (m *metrics) platformError(platform string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.errors[platform]++
}

// gauges are the values read at scrape time.
type gauges struct {
	articles, sentences, claims int
	kbUp                        bool
	connected                   map[string]bool // by platform
	feeds                       []kb.FeedState  // the feeds the knowledge base knows
}

// write writes every metric in the Prometheus text exposition format,
// version 0.0.4, in a stable order.
func (m *metrics) write(w io.Writer, g gauges) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	family := func(name, typ, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	family("nieuwsbot_questions_total", "counter", "Requests handled, by platform.")
	for _, k := range sortedKeys(m.questions) {
		fmt.Fprintf(&b, "nieuwsbot_questions_total{platform=%s} %d\n", quote(k), m.questions[k])
	}
	family("nieuwsbot_replies_total", "counter", "Replies by platform and kind (answer = answered, not_found = no answer, search, digest, sources, help, error).")
	for _, k := range sortedPairs(m.replies) {
		fmt.Fprintf(&b, "nieuwsbot_replies_total{platform=%s,kind=%s} %d\n", quote(k[0]), quote(k[1]), m.replies[k])
	}
	family("nieuwsbot_answer_duration_seconds", "histogram", "Time from request to reply, all platforms.")
	for i, le := range latencyBuckets {
		fmt.Fprintf(&b, "nieuwsbot_answer_duration_seconds_bucket{le=%s} %d\n", quote(strconv.FormatFloat(le, 'g', -1, 64)), m.buckets[i])
	}
	fmt.Fprintf(&b, "nieuwsbot_answer_duration_seconds_bucket{le=\"+Inf\"} %d\n", m.latCount)
	fmt.Fprintf(&b, "nieuwsbot_answer_duration_seconds_sum %s\n", strconv.FormatFloat(m.latSum, 'g', -1, 64))
	fmt.Fprintf(&b, "nieuwsbot_answer_duration_seconds_count %d\n", m.latCount)
	family("nieuwsbot_articles_ingested_total", "counter", "Inbox files ingested by this process, by result.")
	for _, k := range sortedKeys(m.ingested) {
		fmt.Fprintf(&b, "nieuwsbot_articles_ingested_total{result=%s} %d\n", quote(k), m.ingested[k])
	}
	family("nieuwsbot_digests_total", "counter", "Digest posts by platform and result (posted, failed).")
	for _, k := range sortedPairs(m.digests) {
		fmt.Fprintf(&b, "nieuwsbot_digests_total{platform=%s,result=%s} %d\n", quote(k[0]), quote(k[1]), m.digests[k])
	}
	family("nieuwsbot_platform_errors_total", "counter", "Errors talking to a chat platform, by platform.")
	for _, k := range sortedKeys(m.errors) {
		fmt.Fprintf(&b, "nieuwsbot_platform_errors_total{platform=%s} %d\n", quote(k), m.errors[k])
	}
	family("nieuwsbot_feed_fetches_total", "counter", "Polls of a followed feed by this process, by feed and result (ok, error).")
	for _, k := range sortedPairs(m.feedPolls) {
		fmt.Fprintf(&b, "nieuwsbot_feed_fetches_total{feed=%s,result=%s} %d\n", quote(k[0]), quote(k[1]), m.feedPolls[k])
	}
	family("nieuwsbot_feed_items_total", "counter", "Items of a followed feed by this process, by feed and result (added, replaced, failed).")
	for _, k := range sortedPairs(m.feedItems) {
		fmt.Fprintf(&b, "nieuwsbot_feed_items_total{feed=%s,result=%s} %d\n", quote(k[0]), quote(k[1]), m.feedItems[k])
	}
	family("nieuwsbot_feed_last_success_timestamp_seconds", "gauge", "When a feed was last fetched and parsed (Unix time; 0: never), whoever fetched it.")
	for _, f := range g.feeds {
		fmt.Fprintf(&b, "nieuwsbot_feed_last_success_timestamp_seconds{feed=%s} %d\n", quote(f.URL), unixOrZero(f.LastSuccess))
	}
	family("nieuwsbot_kb_articles", "gauge", "Articles in the knowledge base, whoever ingested them.")
	fmt.Fprintf(&b, "nieuwsbot_kb_articles %d\n", g.articles)
	family("nieuwsbot_kb_sentences", "gauge", "Sentences in the knowledge base.")
	fmt.Fprintf(&b, "nieuwsbot_kb_sentences %d\n", g.sentences)
	family("nieuwsbot_kb_claims", "gauge", "Claims in the knowledge base.")
	fmt.Fprintf(&b, "nieuwsbot_kb_claims %d\n", g.claims)
	family("nieuwsbot_kb_up", "gauge", "1 when the knowledge base answered the scrape's query.")
	fmt.Fprintf(&b, "nieuwsbot_kb_up %d\n", boolInt(g.kbUp))
	family("nieuwsbot_adapter_connected", "gauge", "1 when the adapter is connected to its platform.")
	for _, k := range sortedKeys(g.connected) {
		fmt.Fprintf(&b, "nieuwsbot_adapter_connected{platform=%s} %d\n", quote(k), boolInt(g.connected[k]))
	}
	_, err := io.WriteString(w, b.String())
	return err
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

// quote quotes a label value: backslash, double quote and line feed are
// escaped.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedPairs(m map[[2]string]uint64) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	return keys
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
