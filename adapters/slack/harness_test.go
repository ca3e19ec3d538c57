package slack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// fakeHandler is a Handler whose answer a test chooses; it records requests.
type fakeHandler struct {
	handle func(ctx context.Context, req bot.Request) bot.Reply

	mu   sync.Mutex
	reqs []bot.Request
	seen chan bot.Request
}

func newFakeHandler(fn func(ctx context.Context, req bot.Request) bot.Reply) *fakeHandler {
	return &fakeHandler{handle: fn, seen: make(chan bot.Request, 256)}
}

func (h *fakeHandler) Handle(ctx context.Context, req bot.Request) bot.Reply {
	h.mu.Lock()
	h.reqs = append(h.reqs, req)
	h.mu.Unlock()
	select {
	case h.seen <- req:
	default:
	}
	return h.handle(ctx, req)
}

func (h *fakeHandler) calls() []bot.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Request(nil), h.reqs...)
}

// answerWith returns a handler function that always gives r.
func answerWith(r bot.Reply) func(context.Context, bot.Request) bot.Reply {
	return func(context.Context, bot.Request) bot.Reply { return r }
}

// harness is an adapter wired to a fake Slack, with its HTTP endpoints
// served on 127.0.0.1.
type harness struct {
	t    *testing.T
	fake *slackfake.Server
	a    *Adapter
	h    *fakeHandler
	srv  *httptest.Server
}

// newHarness builds an adapter from cfg (secret, token and API URL filled
// in) answering with fn.
func newHarness(t *testing.T, cfg Config, fn func(context.Context, bot.Request) bot.Reply) *harness {
	t.Helper()
	fake := slackfake.New()
	t.Cleanup(fake.Close)
	if cfg.BotToken == "" {
		cfg.BotToken = "xoxb-test"
	}
	if cfg.SigningSecret == "" {
		cfg.SigningSecret = testSecret
	}
	cfg.APIURL = fake.APIURL
	h := newFakeHandler(fn)
	a, err := New(cfg, h, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	// Tests post to few channels many times; the per-channel pacing and the
	// pauses between retries are shortened, not removed.
	a.limiter = newChannelLimiter(time.Millisecond)
	a.retryPause = 5 * time.Millisecond
	srv := newCommandServer(a)
	t.Cleanup(srv.Close)
	t.Cleanup(a.inflight.Wait)
	return &harness{t: t, fake: fake, a: a, h: h, srv: srv}
}

// command sends a slash command form signed at ts and returns the response.
func (hs *harness) command(form url.Values, ts time.Time) (*http.Response, []byte) {
	hs.t.Helper()
	body := []byte(form.Encode())
	return hs.send("/slack/commands", body, slackfake.Sign(testSecret, ts, body))
}

// send posts body with the given headers to path.
func (hs *harness) send(path string, body []byte, header http.Header) (*http.Response, []byte) {
	hs.t.Helper()
	req, err := http.NewRequestWithContext(hs.t.Context(), http.MethodPost, hs.srv.URL+path, strings.NewReader(string(body)))
	if err != nil {
		hs.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := hs.srv.Client().Do(req)
	if err != nil {
		hs.t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		hs.t.Fatalf("read answer of %s: %v", path, err)
	}
	return res, b
}

// event sends a signed Events API request and returns the response.
func (hs *harness) event(payload any, extra http.Header) (*http.Response, []byte) {
	hs.t.Helper()
	body, err := json.Marshal(payload)
	if err != nil {
		hs.t.Fatal(err)
	}
	h := slackfake.Sign(testSecret, time.Now(), body)
	h.Set("Content-Type", "application/json")
	for k, v := range extra {
		h[k] = v
	}
	return hs.send("/slack/events", body, h)
}

// settle waits until every answer in flight is done, so that a test can
// check that nothing (more) was posted.
func (hs *harness) settle() {
	hs.a.inflight.Wait()
}

// waitPost waits for the next chat.postMessage.
func (hs *harness) waitPost() slackfake.Post {
	hs.t.Helper()
	select {
	case p := <-hs.fake.Posts:
		return p
	case <-hs.t.Context().Done():
		hs.t.Fatal("no chat.postMessage arrived")
	}
	return slackfake.Post{}
}

// waitResponse waits for the next response_url post.
func (hs *harness) waitResponse() slackfake.Response {
	hs.t.Helper()
	select {
	case r := <-hs.fake.Responses:
		return r
	case <-hs.t.Context().Done():
		hs.t.Fatal("no response_url post arrived")
	}
	return slackfake.Response{}
}

// commandForm is a slash command as Slack sends it.
func commandForm(text, responseURL string) url.Values {
	return url.Values{
		"token":        {"legacy-token"},
		"team_id":      {"T0001"},
		"team_domain":  {"redactie"},
		"channel_id":   {"C0NEWS"},
		"channel_name": {"nieuws"},
		"user_id":      {"U0ASKER"},
		"user_name":    {"els"},
		"command":      {"/nieuws"},
		"text":         {text},
		"response_url": {responseURL},
		"trigger_id":   {"1.2.3"},
		"api_app_id":   {"A0001"},
	}
}

// callback is an event_callback envelope around ev.
func callback(eventID string, ev map[string]any) map[string]any {
	return map[string]any{
		"token": "legacy", "team_id": "T0001", "api_app_id": "A0001",
		"type": "event_callback", "event_id": eventID, "event_time": 1700000000,
		"event": ev,
	}
}

// sampleAnswer is an answer with items and a source.
func sampleAnswer() bot.Reply {
	return bot.Reply{
		Kind:  bot.KindAnswer,
		Text:  "De gemeenteraad van Zwolle stemde dinsdag in met het plan.",
		Items: []string{"gemeenteraad van Zwolle"},
		Sources: []bot.Source{{
			ID: "a1", Title: "Zwolle zegt ja tegen nieuw stadhuis", Date: "2024-03-12",
			URL: "https://example.org/zwolle-stadhuis", Publisher: "De Stentor",
			Quote: "De gemeenteraad van Zwolle stemde dinsdag met ruime meerderheid in met het plan.",
		}},
	}
}

// decodeCommand decodes the JSON answer to a slash command.
func decodeCommand(t *testing.T, body []byte) commandJSON {
	t.Helper()
	var c commandJSON
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatalf("decode answer %q: %v", body, err)
	}
	return c
}

type commandJSON struct {
	ResponseType string            `json:"response_type"`
	Text         string            `json:"text"`
	Blocks       []json.RawMessage `json:"blocks"`
}

// newCommandServer serves a's endpoints on 127.0.0.1.
func newCommandServer(a *Adapter) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("/slack/commands", a.Commands())
	mux.Handle("/slack/events", a.Events())
	return httptest.NewServer(mux)
}
