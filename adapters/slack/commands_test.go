package slack

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

func TestCommandAnswersInResponse(t *testing.T) {
	hs := newHarness(t, Config{Public: true}, answerWith(sampleAnswer()))
	res, body := hs.command(commandForm("wie stemde in met het stadhuis?", hs.fake.ResponseURL("r1")), time.Now())
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %q)", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	c := decodeCommand(t, body)
	if c.ResponseType != "in_channel" {
		t.Errorf("response_type = %q, want in_channel", c.ResponseType)
	}
	if len(c.Blocks) == 0 {
		t.Errorf("answer has no blocks: %s", body)
	}
	if !strings.Contains(c.Text, "gemeenteraad van Zwolle stemde dinsdag") {
		t.Errorf("fallback text = %q, want the answer", c.Text)
	}
	calls := hs.h.calls()
	want := bot.Request{Platform: "slack", User: "U0ASKER", Channel: "C0NEWS", Text: "wie stemde in met het stadhuis?"}
	if len(calls) != 1 || calls[0] != want {
		t.Errorf("handler got %+v, want [%+v]", calls, want)
	}
	hs.settle()
	if n := len(hs.fake.ResponsesSoFar()); n != 0 {
		t.Errorf("%d response_url posts, want 0 (the answer went in the response)", n)
	}
}

func TestCommandResponseType(t *testing.T) {
	tests := []struct {
		name   string
		public bool
		reply  bot.Reply
		want   string
	}{
		{"public answer", true, sampleAnswer(), "in_channel"},
		{"private config", false, sampleAnswer(), "ephemeral"},
		{"help stays private", true, bot.Reply{Kind: bot.KindHelp, Private: true, Title: "nieuwsbot", Text: "Stel een vraag."}, "ephemeral"},
		{"error stays private", true, bot.Reply{Kind: bot.KindError, Text: "Er ging iets mis."}, "ephemeral"},
		{"private flag", true, bot.Reply{Kind: bot.KindSearch, Private: true, Text: "Geen artikelen."}, "ephemeral"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{Public: tt.public}, answerWith(tt.reply))
			res, body := hs.command(commandForm("help", hs.fake.ResponseURL("r")), time.Now())
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", res.StatusCode)
			}
			if got := decodeCommand(t, body).ResponseType; got != tt.want {
				t.Errorf("response_type = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommandRefused(t *testing.T) {
	body := []byte(commandForm("wie?", "http://127.0.0.1:1/response/x").Encode())
	signed := func(secret string, ts time.Time, b []byte) http.Header { return slackfake.Sign(secret, ts, b) }
	tests := []struct {
		name   string
		body   []byte
		header http.Header
	}{
		{"wrong secret", body, signed("another-secret", time.Now(), body)},
		{"stale timestamp", body, signed(testSecret, time.Now().Add(-10*time.Minute), body)},
		{"future timestamp", body, signed(testSecret, time.Now().Add(10*time.Minute), body)},
		{"tampered body", []byte(strings.Replace(string(body), "wie", "wat", 1)), signed(testSecret, time.Now(), body)},
		{"missing headers", body, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}},
		{"missing signature", body, func() http.Header {
			h := signed(testSecret, time.Now(), body)
			h.Del("X-Slack-Signature")
			return h
		}()},
		{"signature not hex", body, func() http.Header {
			h := signed(testSecret, time.Now(), body)
			h.Set("X-Slack-Signature", "v0=zz")
			return h
		}()},
		{"timestamp not a number", body, func() http.Header {
			h := signed(testSecret, time.Now(), body)
			h.Set("X-Slack-Request-Timestamp", "gisteren")
			return h
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{Public: true}, answerWith(sampleAnswer()))
			res, got := hs.send("/slack/commands", tt.body, tt.header)
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("status = %d, want 401", res.StatusCode)
			}
			if strings.Contains(string(got), "Zwolle") {
				t.Errorf("refused request got an answer: %q", got)
			}
			hs.settle()
			if n := len(hs.h.calls()); n != 0 {
				t.Errorf("handler called %d times, want 0", n)
			}
			if n := len(hs.fake.PostsSoFar()) + len(hs.fake.ResponsesSoFar()); n != 0 {
				t.Errorf("%d messages sent, want 0", n)
			}
		})
	}
}

func TestCommandReplayRefused(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	form := commandForm("wie stemde in?", hs.fake.ResponseURL("r"))
	ts := time.Now()
	if res, _ := hs.command(form, ts); res.StatusCode != http.StatusOK {
		t.Fatalf("first request: status = %d, want 200", res.StatusCode)
	}
	if res, _ := hs.command(form, ts); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("replayed request: status = %d, want 401", res.StatusCode)
	}
	// The signature in upper-case hex checks out too, but is the same request.
	body := []byte(form.Encode())
	h := slackfake.Sign(testSecret, ts, body)
	h.Set("X-Slack-Signature", "v0="+strings.ToUpper(strings.TrimPrefix(h.Get("X-Slack-Signature"), "v0=")))
	if res, _ := hs.send("/slack/commands", body, h); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("replay in upper case: status = %d, want 401", res.StatusCode)
	}
	// The same question asked again later is a new request.
	if res, _ := hs.command(form, ts.Add(time.Second)); res.StatusCode != http.StatusOK {
		t.Errorf("new request: status = %d, want 200", res.StatusCode)
	}
	if n := len(hs.h.calls()); n != 2 {
		t.Errorf("handler called %d times, want 2", n)
	}
}

func TestCommandBadRequests(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"body over 1 MB", "text=" + strings.Repeat("a", maxBody+10), http.StatusRequestEntityTooLarge},
		{"malformed form", "user_id=U1&channel_id=C1&text=%zz", http.StatusBadRequest},
		{"no user", "channel_id=C1&text=wie", http.StatusBadRequest},
		{"no channel", "user_id=U1&text=wie", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
			body := []byte(tt.body)
			res, _ := hs.send("/slack/commands", body, slackfake.Sign(testSecret, time.Now(), body))
			if res.StatusCode != tt.want {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.want)
			}
			if n := len(hs.h.calls()); n != 0 {
				t.Errorf("handler called %d times, want 0", n)
			}
		})
	}
}

func TestCommandMethodNotAllowed(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	res, err := hs.srv.Client().Get(hs.srv.URL + "/slack/commands")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET status = %d, want 405", res.StatusCode)
	}
}

// slowHandler answers only when the test releases it, and reports whether
// its context was still alive.
func slowHandler(release <-chan struct{}, alive chan<- bool) func(context.Context, bot.Request) bot.Reply {
	return func(ctx context.Context, _ bot.Request) bot.Reply {
		<-release
		alive <- ctx.Err() == nil
		return sampleAnswer()
	}
}

func TestCommandSlowHandlerAnswersOnResponseURL(t *testing.T) {
	release, alive := make(chan struct{}), make(chan bool, 1)
	hs := newHarness(t, Config{Public: true, AckTimeout: 20 * time.Millisecond}, slowHandler(release, alive))
	res, body := hs.command(commandForm("wie stemde in?", hs.fake.ResponseURL("slow")), time.Now())
	if res.StatusCode != http.StatusOK || len(body) != 0 {
		t.Fatalf("ack = %d %q, want 200 with an empty body", res.StatusCode, body)
	}
	close(release) // only now, after the ack, may the handler finish
	if !<-alive {
		t.Error("handler context ended with the HTTP request")
	}
	r := hs.waitResponse()
	if r.ID != "slow" || r.ResponseType != "in_channel" || !strings.Contains(r.Text, "Zwolle") || len(r.Blocks) == 0 {
		t.Errorf("response_url post = %+v, want the in_channel answer with blocks", r)
	}
	hs.settle()
	if n := len(hs.fake.ResponsesSoFar()); n != 1 {
		t.Errorf("%d response_url posts, want exactly 1", n)
	}
}

func TestCommandResponseURLRetries(t *testing.T) {
	tests := []struct {
		name      string
		failures  int
		wantPosts int
		wantCalls int
	}{
		{"two server errors then ok", 2, 1, 3},
		{"server errors forever", 100, 0, postTries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release, alive := make(chan struct{}), make(chan bool, 1)
			hs := newHarness(t, Config{AckTimeout: time.Millisecond}, slowHandler(release, alive))
			hs.fake.Fail(slackfake.ResponseEndpoint, tt.failures, http.StatusInternalServerError, 0)
			if res, _ := hs.command(commandForm("wie?", hs.fake.ResponseURL("r")), time.Now()); res.StatusCode != http.StatusOK {
				t.Fatalf("ack status = %d, want 200", res.StatusCode)
			}
			close(release)
			<-alive
			hs.settle()
			if n := len(hs.fake.ResponsesSoFar()); n != tt.wantPosts {
				t.Errorf("%d answers recorded, want %d", n, tt.wantPosts)
			}
			if n := hs.fake.CallCount(slackfake.ResponseEndpoint); n != tt.wantCalls {
				t.Errorf("response_url called %d times, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestCommandEscapesUserAndArticleText(t *testing.T) {
	echo := func(_ context.Context, req bot.Request) bot.Reply {
		return bot.Reply{
			Kind: bot.KindSearch,
			Text: "Artikelen over “" + req.Text + "”:",
			Articles: []bot.Article{{Title: "Alarm <!here> in de raad", URL: "https://example.org/a?x=1&y=2",
				Lead: "Lees <http://evil.example|dit> en mail @everyone"}},
			Sources: []bot.Source{{Title: "Bron", Quote: "Hij riep <!channel> en <@U999> op."}},
		}
	}
	hs := newHarness(t, Config{Public: true}, echo)
	res, body := hs.command(commandForm("<!channel> wat zei <@U123|piet> over @here?", hs.fake.ResponseURL("r")), time.Now())
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", res.StatusCode)
	}
	c := decodeCommand(t, body)
	parts := []string{c.Text}
	for _, b := range c.Blocks {
		parts = append(parts, string(b))
	}
	for i, p := range parts {
		for _, bad := range []string{"<!channel>", "<!here>", "<@U123", "<@U999>", "<http://evil", "@here", "@everyone"} {
			if strings.Contains(p, bad) {
				t.Errorf("part %d contains %q: %s", i, bad, p)
			}
		}
	}
	if !strings.Contains(c.Text, "&lt;!channel&gt;") {
		t.Errorf("fallback text %q lost the escaped question", c.Text)
	}
}

// TestCommandResponseURLOnlyToSlack sends slow commands whose response_url
// points elsewhere than Slack or the configured api_url: the answer must
// not go there (it went to any http(s) URL).
func TestCommandResponseURLOnlyToSlack(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	defer other.Close()
	release, alive := make(chan struct{}), make(chan bool, 8)
	close(release)
	hs := newHarness(t, Config{AckTimeout: time.Nanosecond}, slowHandler(release, alive))
	for _, u := range []string{
		other.URL + "/commands/T1/2/3",
		"http://hooks.slack.com/commands/T1/2/3",
		"https://hooks.slack.com.example.org/commands/T1/2/3",
		"https://notslack.com/commands/T1/2/3",
		"https://user@hooks.slack.com/commands/T1/2/3",
		"https://hooks.slack.com:8443/commands/T1/2/3",
	} {
		if res, _ := hs.command(commandForm("wie?", u), time.Now()); res.StatusCode != http.StatusOK {
			t.Fatalf("ack status = %d, want 200", res.StatusCode)
		}
	}
	hs.settle()
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("%d answers posted to a server that is not Slack's", n)
	}
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{"https://hooks.slack.com/commands/T1/2/3", true},
		{"https://hooks.slack-gov.com/commands/T1/2/3", true},
		{hs.fake.ResponseURL("x"), true},
		{other.URL + "/x", false},
		{"https://evil.org/hooks.slack.com", false},
	} {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := hs.a.responseURLAllowed(u); got != tt.want {
			t.Errorf("responseURLAllowed(%s) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// memoryLog is a ReplayLog that outlives the adapters of a test, as the
// database outlives a process.
type memoryLog struct {
	mu    sync.Mutex
	until map[string]time.Time
}

func (l *memoryLog) SeenSignature(_ context.Context, key string, at time.Time) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.until[key].After(at), nil
}

func (l *memoryLog) RecordSignature(_ context.Context, key string, at time.Time, valid time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.until[key] = at.Add(valid)
	return nil
}

// TestCommandReplayRefusedAfterRestart accepts a command, then sends the
// same signed request to a new adapter on the same replay log, as after a
// restart of serve: it is refused (the seen signatures were kept in memory
// only, so a restart forgot them).
func TestCommandReplayRefusedAfterRestart(t *testing.T) {
	log := &memoryLog{until: map[string]time.Time{}}
	first := newHarness(t, Config{Replays: log}, answerWith(sampleAnswer()))
	form := commandForm("wie stemde in?", first.fake.ResponseURL("r"))
	ts := time.Now()
	if res, _ := first.command(form, ts); res.StatusCode != http.StatusOK {
		t.Fatalf("first request: status = %d, want 200", res.StatusCode)
	}
	first.settle()
	restarted := newHarness(t, Config{Replays: log}, answerWith(sampleAnswer()))
	if res, _ := restarted.command(form, ts); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("request replayed after a restart: status = %d, want 401", res.StatusCode)
	}
	if res, _ := restarted.command(form, ts.Add(time.Second)); res.StatusCode != http.StatusOK {
		t.Errorf("a new request after a restart: status = %d, want 200", res.StatusCode)
	}
	if n := len(restarted.h.calls()); n != 1 {
		t.Errorf("restarted handler called %d times, want 1", n)
	}
}
