package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// socketHarness runs the adapter in Socket Mode against the fake until the
// test ends, and waits for the first connection.
func socketHarness(t *testing.T, cfg Config, fn func(context.Context, bot.Request) bot.Reply) (*harness, <-chan error) {
	t.Helper()
	cfg.AppToken = "xapp-1-A0001-test"
	cfg.SigningSecret = ""
	hs := newHarness(t, cfg, fn)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- hs.a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	hs.waitConnected()
	return hs, done
}

func (hs *harness) waitConnected() {
	hs.t.Helper()
	select {
	case <-hs.fake.Connected:
	case <-hs.t.Context().Done():
		hs.t.Fatal("socket mode client did not connect")
	}
}

func (hs *harness) waitAck(id string) slackfake.Ack {
	hs.t.Helper()
	for {
		select {
		case a := <-hs.fake.Acks:
			if a.EnvelopeID == id {
				return a
			}
		case <-hs.t.Context().Done():
			hs.t.Fatalf("no ack for envelope %s", id)
			return slackfake.Ack{}
		}
	}
}

func slashPayload(text, responseURL string) map[string]any {
	return map[string]any{
		"token": "legacy", "team_id": "T0001", "team_domain": "redactie", "channel_id": "C0NEWS", "channel_name": "nieuws",
		"user_id": "U0ASKER", "user_name": "els", "command": "/nieuws", "text": text,
		"response_url": responseURL, "trigger_id": "1.2.3", "api_app_id": "A0001", "is_enterprise_install": "false",
	}
}

func TestSocketSlashCommandAckCarriesAnswer(t *testing.T) {
	hs, _ := socketHarness(t, Config{Public: true}, answerWith(sampleAnswer()))
	id, err := hs.fake.SendEnvelope("slash_commands", slashPayload("wie stemde in?", hs.fake.ResponseURL("sock")))
	if err != nil {
		t.Fatal(err)
	}
	ack := hs.waitAck(id)
	var c commandJSON
	if err := json.Unmarshal(ack.Payload, &c); err != nil {
		t.Fatalf("ack payload %q: %v", ack.Payload, err)
	}
	if c.ResponseType != "in_channel" || len(c.Blocks) == 0 || !strings.Contains(c.Text, "Zwolle") {
		t.Errorf("ack payload = %s, want the in_channel answer with blocks", ack.Payload)
	}
	if calls := hs.h.calls(); len(calls) != 1 || calls[0].Text != "wie stemde in?" || calls[0].Channel != "C0NEWS" {
		t.Errorf("handler got %+v", calls)
	}
	if !hs.a.Connected() {
		t.Error("Connected() = false while the socket is up")
	}
}

func TestSocketSlowSlashCommandUsesResponseURL(t *testing.T) {
	release, alive := make(chan struct{}), make(chan bool, 1)
	hs, _ := socketHarness(t, Config{AckTimeout: 10 * time.Millisecond}, slowHandler(release, alive))
	id, err := hs.fake.SendEnvelope("slash_commands", slashPayload("wie?", hs.fake.ResponseURL("late")))
	if err != nil {
		t.Fatal(err)
	}
	ack := hs.waitAck(id)
	if len(ack.Payload) != 0 && string(ack.Payload) != "null" {
		t.Errorf("ack payload = %s, want an empty ack", ack.Payload)
	}
	close(release)
	<-alive
	r := hs.waitResponse()
	if r.ID != "late" || r.ResponseType != "ephemeral" || !strings.Contains(r.Text, "Zwolle") {
		t.Errorf("response_url post = %+v, want the ephemeral answer", r)
	}
}

func TestSocketMentionAnswersInThread(t *testing.T) {
	hs, _ := socketHarness(t, Config{}, answerWith(sampleAnswer()))
	payload := callback("EvSock1", map[string]any{"type": "app_mention", "user": "U0ELS",
		"text": "<@UBOT> wie stemde in?", "ts": "1700000700.000100", "channel": "C0NEWS"})
	id, err := hs.fake.SendEnvelope("events_api", payload)
	if err != nil {
		t.Fatal(err)
	}
	hs.waitAck(id)
	p := hs.waitPost()
	if p.Channel != "C0NEWS" || p.ThreadTS != "1700000700.000100" || len(p.Blocks) == 0 {
		t.Errorf("post = %+v, want a threaded answer in C0NEWS", p)
	}
	if calls := hs.h.calls(); len(calls) != 1 || calls[0].Text != "wie stemde in?" {
		t.Errorf("handler got %+v, want the question without the mention", calls)
	}
	// Slack redelivers the envelope when an ack went missing: answered once.
	id2, err := hs.fake.SendEnvelope("events_api", payload)
	if err != nil {
		t.Fatal(err)
	}
	hs.waitAck(id2)
	hs.settle()
	if n := len(hs.fake.PostsSoFar()); n != 1 {
		t.Errorf("%d posts after a redelivery, want 1", n)
	}
}

func TestSocketReconnects(t *testing.T) {
	hs, _ := socketHarness(t, Config{}, answerWith(sampleAnswer()))
	hs.fake.DropSocket()
	hs.waitConnected()
	id, err := hs.fake.SendEnvelope("slash_commands", slashPayload("nog een vraag", hs.fake.ResponseURL("x")))
	if err != nil {
		t.Fatal(err)
	}
	if ack := hs.waitAck(id); len(ack.Payload) == 0 {
		t.Errorf("ack after reconnect has no answer")
	}
}

func TestSocketRunReturnsOnCancel(t *testing.T) {
	cfg := Config{AppToken: "xapp-1-A0001-test"}
	hs := newHarness(t, cfg, answerWith(sampleAnswer()))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- hs.a.Run(ctx) }()
	hs.waitConnected()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run() = %v after cancel, want nil", err)
	}
}

func TestSocketRefusedTokenEndsRun(t *testing.T) {
	hs := newHarness(t, Config{AppToken: "xapp-1-A0001-test"}, answerWith(sampleAnswer()))
	hs.fake.Fail("apps.connections.open", 1, 404, 0)
	err := hs.a.Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "socket mode") {
		t.Errorf("Run() = %v, want a socket mode error", err)
	}
}

// memEventLog is an EventLog in memory that several adapters share, as
// replicas share the knowledge base; err, when set, fails every claim.
type memEventLog struct {
	mu      sync.Mutex
	claimed map[string]bool
	err     error
}

func (l *memEventLog) ClaimEvent(_ context.Context, key string, _ time.Time, _ time.Duration) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return false, l.err
	}
	if l.claimed[key] {
		return false, nil
	}
	l.claimed[key] = true
	return true, nil
}

// TestSocketReplicasAnswerOnce runs two adapters in Socket Mode on one
// fake Slack, as two replicas each hold a connection: a mention delivered
// to one and retried on the other, and the same message over HTTP, is
// answered once, by the first that claims it in the shared event log.
// Without a shared log each replica answers on its own memory.
func TestSocketReplicasAnswerOnce(t *testing.T) {
	for _, tt := range []struct {
		name  string
		log   *memEventLog
		posts int
	}{
		{"shared event log", &memEventLog{claimed: map[string]bool{}}, 1},
		{"event log fails", &memEventLog{err: errors.New("database is locked")}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := slackfake.New()
			defer fake.Close()
			h := newFakeHandler(answerWith(sampleAnswer()))
			ctx, cancel := context.WithCancel(t.Context())
			var replicas []*Adapter
			var wg sync.WaitGroup
			for range 2 {
				a, err := New(Config{BotToken: "xoxb-test", AppToken: "xapp-1-A0001-test", SigningSecret: testSecret,
					APIURL: fake.APIURL, Events: tt.log}, h, nil)
				if err != nil {
					t.Fatal(err)
				}
				replicas = append(replicas, a)
				wg.Go(func() { a.Run(ctx) })
				select {
				case <-fake.Connected:
				case <-t.Context().Done():
					t.Fatal("socket mode client did not connect")
				}
			}
			payload := callback("EvRep1", map[string]any{"type": "app_mention", "user": "U0ELS",
				"text": "<@UBOT> wie stemde in?", "ts": "1700000800.000100", "channel": "C0NEWS"})
			acks := map[string]bool{}
			for conn, retry := range []int{0, 1} {
				id, err := fake.SendEnvelopeTo(conn, retry, "events_api", payload)
				if err != nil {
					t.Fatal(err)
				}
				acks[id] = true
			}
			// An adapter acks an event, then decides at once whether to
			// answer it: once both acks are in, both decisions are made.
			for len(acks) > 0 {
				select {
				case a := <-fake.Acks:
					delete(acks, a.EnvelopeID)
				case <-t.Context().Done():
					t.Fatalf("envelopes %v not acked", acks)
				}
			}
			body, _ := json.Marshal(payload)
			hdr := slackfake.Sign(testSecret, time.Now(), body)
			hdr.Set("X-Slack-Retry-Num", "2")
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
			req.Header = hdr
			replicas[1].Events().ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("/slack/events = %d, want 200", rec.Code)
			}
			p := <-fake.Posts
			if p.ThreadTS != "1700000800.000100" {
				t.Errorf("post = %+v, want the answer in the thread", p)
			}
			cancel() // Run returns once the answers in flight are done
			wg.Wait()
			if n := len(fake.PostsSoFar()); n != tt.posts {
				t.Errorf("%d answers to one mention delivered three times to two replicas, want %d", n, tt.posts)
			}
		})
	}
}
