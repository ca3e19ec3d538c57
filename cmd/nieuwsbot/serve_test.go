package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/discord/discordfake"
	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/kb"
)

// The secrets of the end-to-end runs; none may ever appear in a log line.
const (
	e2eSlackToken    = "xoxb-e2e-7c1f2d9a-bot-token"
	e2eSigningSecret = "e2e-signing-secret-4b8e0a1c"
	e2eAppToken      = "xapp-e2e-5d3c9f71-app-token"
	e2eDiscordToken  = "e2e-discord-token-91a7c3e5"
)

var e2eSecrets = []string{e2eSlackToken, e2eSigningSecret, e2eAppToken, e2eDiscordToken}

const waitLimit = 20 * time.Second

// testClock is serve's clock in tests: time moves only when the test says,
// and every timer the scheduler sets is announced on waiting.
type testClock struct {
	mu      sync.Mutex
	now     time.Time
	timers  []testTimer
	waiting chan time.Duration
}

type testTimer struct {
	at time.Time
	ch chan time.Time
}

func newTestClock(now time.Time) *testClock {
	return &testClock{now: now, waiting: make(chan time.Duration, 16)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.timers = append(c.timers, testTimer{c.now.Add(d), ch})
	c.mu.Unlock()
	c.waiting <- d
	return ch
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.timers[:0]
	for _, tm := range c.timers {
		if tm.at.After(t) {
			kept = append(kept, tm)
		} else {
			tm.ch <- t
		}
	}
	c.timers = kept
}

// idle waits until the scheduler sleeps and returns how long it sleeps.
func (c *testClock) idle(t *testing.T) time.Duration {
	t.Helper()
	return recv(t, c.waiting, "the digest scheduler to sleep")
}

// advance lets the scheduler sleep, timer after timer, until the clock is
// at end; d is its current sleep. It returns the scheduler's last sleep.
func (c *testClock) advance(t *testing.T, d time.Duration, end time.Time) time.Duration {
	t.Helper()
	for i := 0; ; i++ {
		if i > 1000 {
			t.Fatal("the scheduler never sleeps past the end time")
		}
		next := c.Now().Add(d)
		if next.After(end) {
			c.set(end)
			return next.Sub(end)
		}
		c.set(next)
		d = c.idle(t)
	}
}

func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitLimit):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of loggers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

// Articles written for these tests, in the styles of two regional papers.
const (
	bridgeArticle = `Gemeente Zwolle sluit Thorbeckebrug

date 2026-05-30

ZWOLLE - De gemeente Zwolle sluit de Thorbeckebrug vanaf maandag voor al het verkeer. Volgens wethouder Annelies Kramer zijn er scheuren in het beton gevonden.

De reparatie duurt naar verwachting zes weken. Omwonenden beschuldigen de gemeente van slecht onderhoud.

https://www.destentor.example/zwolle/gemeente-zwolle-sluit-thorbeckebrug
`
	bridgeTitle = "Gemeente Zwolle sluit Thorbeckebrug"

	harbourArticle = `Havenbedrijf Groningen verdubbelt opslagcapaciteit

date 2026-06-01

DELFZIJL - Groningen Seaports bouwt vier nieuwe opslagtanks in de Eemshaven. Directeur Pieter Boersma noemt de uitbreiding noodzakelijk voor de waterstofeconomie.

De bouw van de tanks kost 120 miljoen euro en begint in september.

https://www.dvhn.example/groningen/havenbedrijf-verdubbelt-opslag
`
	harbourTitle = "Havenbedrijf Groningen verdubbelt opslagcapaciteit"
)

// e2e is a test setup: fake Slack and Discord, a config file, a clock.
type e2e struct {
	t       *testing.T
	dir     string
	config  string
	clock   *testClock
	slack   *slackfake.Server
	discord *discordfake.Server
	logs    []*syncBuffer // the standard error of every Main run
	lease   time.Duration // the knowledge base's LeaseInterval; 0 for its default
}

// newE2E sets up fakes and a config; slackExtra is added to the slack
// section (indented lines).
func newE2E(t *testing.T, start time.Time, slackExtra string) *e2e {
	t.Helper()
	e := &e2e{t: t, dir: t.TempDir(), clock: newTestClock(start)}
	e.slack = slackfake.New()
	e.slack.Token = e2eSlackToken
	t.Cleanup(e.slack.Close)
	e.discord = discordfake.New("100", "app1")
	t.Cleanup(e.discord.Close)
	cfg := fmt.Sprintf(`kb:
  path: %s
  seed: false
http:
  listen: 127.0.0.1:0
slack:
  bot_token: %s
  signing_secret: %s
  api_url: %s
%sdiscord:
  token: %s
  api_url: %s
digest:
  time: "08:00"
  timezone: Europe/Amsterdam
  slack_channels: [CDIGEST]
  discord_channels: ["555"]
log:
  level: debug
  format: json
`, filepath.Join(e.dir, "kb.db"), e2eSlackToken, e2eSigningSecret, e.slack.APIURL, slackExtra,
		e2eDiscordToken, e.discord.URL)
	e.config = filepath.Join(e.dir, "config.yaml")
	if err := os.WriteFile(e.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// main returns a Main on the test's clock, with its output captured.
func (e *e2e) main(args ...string) (*Main, *syncBuffer) {
	e.t.Helper()
	m := NewMain()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	m.Stdin, m.Stdout, m.Stderr = strings.NewReader(""), stdout, stderr
	m.now, m.after = e.clock.Now, e.clock.After
	m.leaseInterval = e.lease
	e.logs = append(e.logs, stderr)
	if err := m.ParseFlags(append([]string{"--config", e.config}, args...)); err != nil {
		e.t.Fatalf("ParseFlags(%q) = %v", args, err)
	}
	return m, stdout
}

// run runs a short command to its end, as a second process would.
func (e *e2e) run(args ...string) string {
	e.t.Helper()
	m, stdout := e.main(args...)
	err := m.Run(e.t.Context())
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		e.t.Fatalf("nieuwsbot %s = %v", strings.Join(args, " "), err)
	}
	return stdout.String()
}

// writeArticle writes an article file and returns its path.
func (e *e2e) writeArticle(name, text string) string {
	e.t.Helper()
	path := filepath.Join(e.dir, name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// server is a running `nieuwsbot serve`.
type server struct {
	e      *e2e
	addr   string
	cancel context.CancelFunc
	done   chan error
	m      *Main
	sleep  time.Duration // the scheduler's current sleep
}

// serve starts `nieuwsbot serve` and waits until it listens, the Discord
// gateway is connected and the digest scheduler sleeps.
func (e *e2e) serve() *server {
	e.t.Helper()
	s := e.start()
	id := recv(e.t, e.discord.Identifies, "the Discord IDENTIFY")
	if id.Token != "Bot "+e2eDiscordToken {
		e.t.Errorf("IDENTIFY token = %q, want the configured token", id.Token)
	}
	s.discordCall("commands", "")
	s.sleep = e.clock.idle(e.t)
	return s
}

// start starts `nieuwsbot serve` and waits until it listens; it is
// stopped when the test ends.
func (e *e2e) start() *server {
	e.t.Helper()
	m, _ := e.main("serve")
	listening := make(chan string, 1)
	m.listening = listening
	ctx, cancel := context.WithCancel(e.t.Context())
	s := &server{e: e, m: m, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- m.Run(ctx) }()
	select {
	case s.addr = <-listening:
	case err := <-s.done:
		e.t.Fatalf("serve = %v before it listened", err)
	case <-time.After(waitLimit):
		e.t.Fatal("timed out waiting for serve to listen")
	}
	e.t.Cleanup(s.stop)
	return s
}

// stop shuts serve down as SIGTERM does and checks it ends cleanly.
func (s *server) stop() {
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			s.e.t.Errorf("serve = %v after shutdown, want nil", err)
		}
	case <-time.After(waitLimit):
		s.e.t.Fatal("serve did not shut down")
	}
	if err := s.m.Close(); err != nil {
		s.e.t.Errorf("Close = %v", err)
	}
}

// discordCall waits for the next REST write of kind to the fake Discord.
func (s *server) discordCall(kind, channel string) discordfake.Call {
	s.e.t.Helper()
	c := recv(s.e.t, s.e.discord.Calls, "a Discord "+kind)
	if c.Kind != kind || (channel != "" && c.ChannelID != channel) {
		s.e.t.Fatalf("Discord call = %s %s (channel %q), want a %s to %q", c.Method, c.Path, c.ChannelID, kind, channel)
	}
	return c
}

// discordText returns the text of a Discord message: content and embeds.
func discordText(t *testing.T, c discordfake.Call) string {
	t.Helper()
	m, err := c.Message()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.Write(e)
	}
	return jsonUnescape(b.String())
}

// jsonUnescape undoes JSON's \u escapes so that tests can look for text.
func jsonUnescape(s string) string {
	return regexp.MustCompile(`\\u[0-9a-fA-F]{4}`).ReplaceAllStringFunc(s, func(m string) string {
		var r string
		if json.Unmarshal([]byte(`"`+m+`"`), &r) != nil {
			return m
		}
		return r
	})
}

// post sends a request signed as Slack signs it.
func (s *server) post(path, contentType string, body []byte) *http.Response {
	s.e.t.Helper()
	req, err := http.NewRequestWithContext(s.e.t.Context(), http.MethodPost, "http://"+s.addr+path, bytes.NewReader(body))
	if err != nil {
		s.e.t.Fatal(err)
	}
	req.Header = slackfake.Sign(e2eSigningSecret, time.Now(), body)
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.e.t.Fatalf("POST %s: %v", path, err)
	}
	return res
}

// slashCommand asks a question with /nieuws and returns the answer's text,
// from the HTTP response or, when that was too slow, the response_url.
func (s *server) slashCommand(id, question string) string {
	s.e.t.Helper()
	form := url.Values{"command": {"/nieuws"}, "text": {question}, "user_id": {"U1"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {s.e.slack.ResponseURL(id)}}
	res := s.post("/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()))
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		s.e.t.Fatalf("/slack/commands = %d %s, want 200", res.StatusCode, body)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		r := recv(s.e.t, s.e.slack.Responses, "the response_url answer")
		body = r.Body
	}
	return jsonUnescape(string(body))
}

// mention mentions the bot in a Slack channel and returns the threaded
// answer.
func (s *server) mention(eventID, question string) slackfake.Post {
	s.e.t.Helper()
	ev := map[string]any{"type": "event_callback", "event_id": eventID, "team_id": "T1",
		"event": map[string]any{"type": "app_mention", "user": "U1", "channel": "C1",
			"text": "<@" + s.e.slack.BotUserID + "> " + question, "ts": "1780000000.000100"}}
	body, _ := json.Marshal(ev)
	res := s.post("/slack/events", "application/json", body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		s.e.t.Fatalf("/slack/events = %d, want 200", res.StatusCode)
	}
	p := recv(s.e.t, s.e.slack.Posts, "the threaded answer")
	if p.Channel != "C1" || p.ThreadTS != "1780000000.000100" {
		s.e.t.Fatalf("answer posted to %s thread %q, want C1 thread 1780000000.000100", p.Channel, p.ThreadTS)
	}
	return p
}

// discordMention mentions the bot in a Discord channel and returns the
// reply's text.
func (s *server) discordMention(id, question string) string {
	s.e.t.Helper()
	msg := map[string]any{"id": id, "channel_id": "c1", "guild_id": "g1", "type": 0,
		"content": "<@100> " + question, "author": map[string]any{"id": "7", "username": "redacteur"},
		"mentions": []map[string]any{{"id": "100"}}}
	if err := s.e.discord.Dispatch("MESSAGE_CREATE", msg); err != nil {
		s.e.t.Fatal(err)
	}
	return discordText(s.e.t, s.discordCall("message", "c1"))
}

func (s *server) get(path string) (int, string) {
	s.e.t.Helper()
	res, err := http.Get("http://" + s.addr + path)
	if err != nil {
		s.e.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// noMorePosts checks that neither fake received a message it has not
// handed to the test yet.
func (e *e2e) noMorePosts(when string) {
	e.t.Helper()
	select {
	case p := <-e.slack.Posts:
		e.t.Errorf("%s: unexpected Slack post to %s: %.200s", when, p.Channel, p.Text)
	default:
	}
	select {
	case c := <-e.discord.Calls:
		e.t.Errorf("%s: unexpected Discord %s to %s: %.200s", when, c.Kind, c.ChannelID, c.Body)
	default:
	}
}

// checkNoSecrets fails if any log output holds a token or secret.
func (e *e2e) checkNoSecrets(extra ...string) {
	e.t.Helper()
	outputs := extra
	for _, l := range e.logs {
		outputs = append(outputs, l.String())
	}
	total := 0
	for _, out := range outputs {
		total += len(out)
		for _, secret := range e2eSecrets {
			for _, part := range []string{secret, secret[len(secret)/2:]} {
				if strings.Contains(out, part) {
					e.t.Errorf("log output contains a secret (%q…): %s", secret[:6], lineWith(out, part))
				}
			}
		}
	}
	if total == 0 {
		e.t.Error("no log output at all; the secrets check would prove nothing")
	}
}

func lineWith(out, s string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// metricValue returns the value of one sample line of /metrics, "" if
// absent. The order of the labels in sample does not matter.
func metricValue(metrics, sample string) string {
	want := canonicalSample(sample)
	for _, l := range strings.Split(metrics, "\n") {
		i := strings.LastIndexByte(l, ' ')
		if strings.HasPrefix(l, "#") || i < 0 {
			continue
		}
		if canonicalSample(l[:i]) == want {
			return l[i+1:]
		}
	}
	return ""
}

var labelPair = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)

// canonicalSample returns a sample's name and labels with the labels
// sorted: their order in an exposition carries no meaning.
func canonicalSample(s string) string {
	name, labels, ok := strings.Cut(s, "{")
	if !ok {
		return s
	}
	pairs := labelPair.FindAllString(labels, -1)
	sort.Strings(pairs)
	return name + "{" + strings.Join(pairs, ",") + "}"
}

func TestServeEndToEnd(t *testing.T) {
	start := time.Date(2026, 6, 1, 7, 0, 0, 0, amsterdam)
	e := newE2E(t, start, "")
	captureStdLog(t)

	// Before serve starts, an article is ingested on the same database.
	e.run("ingest", "-q", e.writeArticle("brug.txt", bridgeArticle))

	s := e.serve()
	e.noMorePosts("before 08:00")

	t.Run("questions on Slack and Discord", func(t *testing.T) {
		if got := s.slashCommand("r1", "hoeveel weken duurt de reparatie van de Thorbeckebrug?"); !strings.Contains(got, bridgeTitle) ||
			!strings.Contains(strings.ToLower(got), "zes weken") {
			t.Errorf("/nieuws answer = %.400s, want zes weken from %q", got, bridgeTitle)
		}
		if p := s.mention("Ev1", "wat zei wethouder Kramer?"); !strings.Contains(jsonUnescape(p.Text+string(p.Blocks)), "scheuren in het beton") {
			t.Errorf("Slack mention answer = %.400s, want the quote about the cracks", p.Text)
		}
		if got := s.discordMention("m1", "hoeveel weken duurt de reparatie van de Thorbeckebrug?"); !strings.Contains(got, bridgeTitle) {
			t.Errorf("Discord answer = %.400s, want a source %q", got, bridgeTitle)
		}
		// Not known yet: the harbour article comes later.
		if got := s.discordMention("m2", "wie is de directeur van Groningen Seaports?"); strings.Contains(got, harbourTitle) {
			t.Errorf("Discord answer before the ingest = %.400s, want no answer", got)
		}
	})

	t.Run("digest at 08:00 once per channel", func(t *testing.T) {
		s.sleep = e.clock.advance(t, s.sleep, time.Date(2026, 6, 1, 8, 0, 0, 0, amsterdam))
		p := recv(t, e.slack.Posts, "the Slack digest")
		text := jsonUnescape(p.Text + string(p.Blocks))
		if p.Channel != "CDIGEST" || p.ThreadTS != "" {
			t.Errorf("Slack digest went to %s (thread %q), want CDIGEST", p.Channel, p.ThreadTS)
		}
		for _, want := range []string{"Nieuwsdigest 1 juni 2026", bridgeTitle, "destentor.example", "2026-05-30",
			"https://www.destentor.example/zwolle/gemeente-zwolle-sluit-thorbeckebrug", "De gemeente Zwolle sluit de Thorbeckebrug"} {
			if !strings.Contains(text, want) {
				t.Errorf("Slack digest = %.800s, want %q in it (title, source, date, link, lead)", text, want)
			}
		}
		if got := discordText(t, s.discordCall("message", "555")); !strings.Contains(got, bridgeTitle) {
			t.Errorf("Discord digest = %.600s, want %q", got, bridgeTitle)
		}
		s.sleep = e.clock.advance(t, s.sleep, time.Date(2026, 6, 1, 23, 0, 0, 0, amsterdam))
		e.noMorePosts("later on the day of the digest")
	})

	t.Run("healthz", func(t *testing.T) {
		code, body := s.get("/healthz")
		var h health
		if err := json.Unmarshal([]byte(body), &h); err != nil || code != http.StatusOK || h.Status != "ok" || h.KB != "ok" ||
			!h.Adapters["slack"] || !h.Adapters["discord"] {
			t.Errorf("/healthz = %d %s, want 200 with the KB and both adapters up", code, body)
		}
	})

	t.Run("ingest by a second process", func(t *testing.T) {
		e.run("ingest", "-q", e.writeArticle("haven.txt", harbourArticle))
		if got := s.slashCommand("r2", "wie is de directeur van Groningen Seaports?"); !strings.Contains(got, "Pieter Boersma") ||
			!strings.Contains(got, harbourTitle) {
			t.Errorf("/nieuws answer after the ingest = %.400s, want Pieter Boersma from %q", got, harbourTitle)
		}
	})

	t.Run("metrics", func(t *testing.T) {
		body := scrape(t, "http://"+s.addr+"/metrics")
		for sample, want := range map[string]string{
			`nieuwsbot_questions_total{platform="slack"}`:                 "3",
			`nieuwsbot_questions_total{platform="discord"}`:               "2",
			`nieuwsbot_replies_total{platform="slack",kind="answer"}`:     "3",
			`nieuwsbot_answer_duration_seconds_count`:                     "5",
			`nieuwsbot_answer_duration_seconds_bucket{le="+Inf"}`:         "5",
			`nieuwsbot_digests_total{platform="slack",result="posted"}`:   "1",
			`nieuwsbot_digests_total{platform="discord",result="posted"}`: "1",
			`nieuwsbot_kb_articles`:                                       "2",
			`nieuwsbot_kb_up`:                                             "1",
			`nieuwsbot_adapter_connected{platform="slack"}`:               "1",
			`nieuwsbot_adapter_connected{platform="discord"}`:             "1",
			`nieuwsbot_platform_errors_total{platform="slack"}`:           "",
			`nieuwsbot_digests_total{platform="discord",result="failed"}`: "",
		} {
			if got := metricValue(body, sample); got != want {
				t.Errorf("/metrics %s = %q, want %q", sample, got, want)
			}
		}
		answered := metricValue(body, `nieuwsbot_replies_total{platform="discord",kind="answer"}`)
		notFound := metricValue(body, `nieuwsbot_replies_total{platform="discord",kind="not_found"}`)
		if answered+"/"+notFound != "1/1" && answered != "2" {
			t.Errorf("/metrics Discord answers %q, not found %q; want two replies counted by kind", answered, notFound)
		}
		checkExposition(t, body)
	})

	t.Run("next digest lists only what came in since", func(t *testing.T) {
		s.sleep = e.clock.advance(t, s.sleep, time.Date(2026, 6, 2, 8, 0, 0, 0, amsterdam))
		p := recv(t, e.slack.Posts, "the second Slack digest")
		text := jsonUnescape(p.Text + string(p.Blocks))
		if !strings.Contains(text, harbourTitle) || strings.Contains(text, bridgeTitle) {
			t.Errorf("second digest = %.600s, want %q and not %q", text, harbourTitle, bridgeTitle)
		}
		if got := discordText(t, s.discordCall("message", "555")); !strings.Contains(got, harbourTitle) {
			t.Errorf("second Discord digest = %.600s, want %q", got, harbourTitle)
		}
	})
	s.stop()

	t.Run("restart posts nothing again", func(t *testing.T) {
		e.clock.set(time.Date(2026, 6, 2, 10, 0, 0, 0, amsterdam))
		again := e.serve()
		e.noMorePosts("after a restart on the day of the digest")
		again.stop()
	})

	e.checkNoSecrets(stdLog.String())
}

// checkExposition checks every line of a Prometheus text exposition.
func checkExposition(t *testing.T, body string) {
	t.Helper()
	sample := regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+Inf]+$`)
	typed := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "# TYPE "):
			f := strings.Fields(l)
			if len(f) != 4 || typed[f[2]] {
				t.Errorf("bad or repeated TYPE line %q", l)
			}
			typed[f[2]] = true
		case strings.HasPrefix(l, "# HELP "):
		case !sample.MatchString(l):
			t.Errorf("bad sample line %q", l)
		default:
			name := l[:strings.IndexAny(l, "{ ")]
			base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
			if !typed[name] && !typed[base] {
				t.Errorf("sample %q before its TYPE line", l)
			}
		}
	}
}

// stdLog captures what goes to the standard library's log package (the
// Discord library logs there) during a test.
var stdLog syncBuffer

func captureStdLog(t *testing.T) {
	t.Helper()
	prev := log.Writer()
	log.SetOutput(&stdLog)
	t.Cleanup(func() { log.SetOutput(prev) })
}

// TestServeLogsNoSecrets runs serve through its error paths (tokens
// refused, posts failing, a forged request) with debug logging and checks
// that no token or secret reaches any log output.
func TestServeLogsNoSecrets(t *testing.T) {
	e := newE2E(t, time.Date(2026, 6, 1, 9, 0, 0, 0, amsterdam), "  app_token: "+e2eAppToken+"\n")
	captureStdLog(t)
	e.slack.Token = "xoxb-someone-else" // the bot token is refused: invalid_auth
	e.discord.FailMessages(100)         // every Discord message fails with 500
	e.run("ingest", "-q", e.writeArticle("brug.txt", bridgeArticle))

	s := e.serve() // the late start tries both digests at once; both fail
	recv(t, e.slack.Connected, "the Socket Mode connection")

	// A forged slash command is refused.
	form := url.Values{"command": {"/nieuws"}, "text": {"help"}, "user_id": {"U1"}, "channel_id": {"C1"}}
	body := []byte(form.Encode())
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+s.addr+"/slack/commands", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = slackfake.Sign("not-the-secret", time.Now(), body)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("forged /slack/commands = %d, want 401", res.StatusCode)
	}
	// A mention is answered, but the post is refused.
	ev := map[string]any{"type": "event_callback", "event_id": "Ev9", "event": map[string]any{"type": "app_mention",
		"user": "U1", "channel": "C1", "text": "<@UBOT> wat zei wethouder Kramer?", "ts": "1780000000.000200"}}
	evBody, _ := json.Marshal(ev)
	res = s.post("/slack/events", "application/json", evBody)
	res.Body.Close()
	_, metrics := s.get("/metrics")
	for _, c := range []struct{ sample, want string }{
		{`nieuwsbot_digests_total{platform="slack",result="failed"}`, "1"},
		{`nieuwsbot_digests_total{platform="discord",result="failed"}`, "1"},
	} {
		if got := metricValue(metrics, c.sample); got != c.want {
			t.Errorf("/metrics %s = %q, want %q", c.sample, got, c.want)
		}
	}
	s.stop()
	if got := metricValue(metrics, `nieuwsbot_platform_errors_total{platform="discord"}`); got == "" || got == "0" {
		t.Errorf("/metrics platform errors for discord = %q, want at least 1", got)
	}
	logs := ""
	for _, l := range e.logs {
		logs += l.String()
	}
	for _, want := range []string{"invalid_auth", "digest: post failed", "500"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q; the error paths did not run", want)
		}
	}
	e.checkNoSecrets(stdLog.String())
}

// TestDigestPost posts the digest with `digest --post` before the
// scheduled time; serve then posts nothing more that day.
func TestDigestPost(t *testing.T) {
	e := newE2E(t, time.Date(2026, 6, 1, 6, 30, 0, 0, amsterdam), "")
	e.run("ingest", "-q", e.writeArticle("brug.txt", bridgeArticle))
	// A digest covers what was added before its second; the clock moves on.
	e.clock.set(time.Date(2026, 6, 1, 6, 31, 0, 0, amsterdam))
	if out := e.run("digest", "--post"); !strings.Contains(out, "done for 2 of 2 channels") {
		t.Errorf("digest --post printed %q, want 2 of 2 channels", out)
	}
	p := recv(t, e.slack.Posts, "the Slack digest")
	if text := jsonUnescape(p.Text + string(p.Blocks)); p.Channel != "CDIGEST" || !strings.Contains(text, bridgeTitle) {
		t.Errorf("Slack digest to %s = %.400s, want %q", p.Channel, text, bridgeTitle)
	}
	c := recv(t, e.discord.Calls, "the Discord digest")
	if c.Kind != "message" || c.ChannelID != "555" || !strings.Contains(discordText(t, c), bridgeTitle) {
		t.Errorf("Discord call = %s to %s, want the digest to 555", c.Kind, c.ChannelID)
	}
	if out := e.run("digest", "--post"); !strings.Contains(out, "done for 0 of 2 channels") {
		t.Errorf("second digest --post printed %q, want 0 of 2 channels", out)
	}
	s := e.serve()
	s.sleep = e.clock.advance(t, s.sleep, time.Date(2026, 6, 1, 20, 0, 0, 0, amsterdam))
	e.noMorePosts("after digest --post, on the same day")
	s.stop()
}

// TestServeShutdownOrder checks the graceful shutdown: a request in flight
// is answered before the adapters and the scheduler are told to stop.
func TestServeShutdownOrder(t *testing.T) {
	s := &service{logger: slog.New(slog.DiscardHandler)}
	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	var mu sync.Mutex
	var events []string
	note := func(ev string) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, ev)
	}
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "antwoord")
		note("request answered")
	})
	srv := &http.Server{Handler: mux}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	adapter := component{"adapter", func(ctx context.Context) error {
		<-ctx.Done()
		note("adapter stopped")
		return nil
	}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.run(ctx, srv, ln, []component{adapter}) }()

	answer := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			answer <- err.Error()
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		answer <- string(b)
	}()
	<-entered
	cancel() // SIGTERM
	close(release)
	if got := recv(t, answer, "the answer in flight"); got != "antwoord" {
		t.Errorf("answer in flight = %q, want %q", got, "antwoord")
	}
	if err := recv(t, done, "run to return"); err != nil {
		t.Errorf("run = %v, want nil", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(events) != "[request answered adapter stopped]" {
		t.Errorf("shutdown order = %v, want the request answered before the adapter stops", events)
	}
}

// TestServeStopsWhenAComponentFails checks that a component that fails
// (a gateway that cannot be opened) ends serve with its error.
func TestServeStopsWhenAComponentFails(t *testing.T) {
	s := &service{logger: slog.New(slog.DiscardHandler)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stopped := make(chan struct{})
	comps := []component{
		{"discord", func(context.Context) error { return errors.New("open gateway: refused") }},
		{"slack", func(ctx context.Context) error { <-ctx.Done(); close(stopped); return nil }},
	}
	err = s.run(t.Context(), &http.Server{Handler: http.NotFoundHandler()}, ln, comps)
	if err == nil || !strings.Contains(err.Error(), "discord: open gateway: refused") {
		t.Errorf("run = %v, want the discord error", err)
	}
	select {
	case <-stopped:
	default:
		t.Error("the other component was not stopped")
	}
}

// TestHealthzUnhealthy checks that /healthz says 503, and what is down,
// when the knowledge base does not answer.
func TestHealthzUnhealthy(t *testing.T) {
	db, err := kb.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &service{db: db, logger: slog.New(slog.DiscardHandler), metrics: newMetrics()}
	s.metrics.readGauges(s.readGauges)
	metrics := httptest.NewServer(s.metrics.handler(s.logger))
	defer metrics.Close()
	for _, tt := range []struct {
		name     string
		wantCode int
		wantKB   string
	}{
		{"open", http.StatusOK, "ok"},
		{"closed", http.StatusServiceUnavailable, "unreachable"},
	} {
		if tt.name == "closed" {
			db.Close()
		}
		rec := httptest.NewRecorder()
		s.healthz(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		var h health
		if err := json.Unmarshal(rec.Body.Bytes(), &h); err != nil || rec.Code != tt.wantCode || h.KB != tt.wantKB {
			t.Errorf("%s database: /healthz = %d %s, want %d with kb %q", tt.name, rec.Code, rec.Body, tt.wantCode, tt.wantKB)
		}
		if got, want := metricValue(scrape(t, metrics.URL), "nieuwsbot_kb_up"), fmt.Sprint(boolInt(tt.wantKB == "ok")); got != want {
			t.Errorf("%s database: nieuwsbot_kb_up = %q, want %q", tt.name, got, want)
		}
	}
}
