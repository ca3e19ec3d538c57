package slackfake

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
)

func TestSignMatchesSlackExample(t *testing.T) {
	// The worked example from Slack's "Verifying requests from Slack" guide.
	body := "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	h := Sign("8f742231b10e8888abcd99yyyzzz85a5", time.Unix(1531420618, 0), []byte(body))
	if got, want := h.Get("X-Slack-Signature"), "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"; got != want {
		t.Errorf("Sign() signature = %s, want %s", got, want)
	}
	if got := h.Get("X-Slack-Request-Timestamp"); got != "1531420618" {
		t.Errorf("Sign() timestamp = %s, want 1531420618", got)
	}
}

func TestPostEphemeral(t *testing.T) {
	const blocks = `[{"type":"section","text":{"type":"mrkdwn","text":"Je vraag is te lang."}}]`
	form := func(v url.Values) func(string) *http.Request {
		return func(base string) *http.Request {
			r, _ := http.NewRequest(http.MethodPost, base+"chat.postEphemeral", strings.NewReader(v.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}
	}
	jsonBody := func(token, body string) func(string) *http.Request {
		return func(base string) *http.Request {
			r, _ := http.NewRequest(http.MethodPost, base+"chat.postEphemeral", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json; charset=utf-8")
			r.Header.Set("Authorization", "Bearer "+token)
			return r
		}
	}
	tests := []struct {
		name    string
		members map[string][]string // nil: no channel declared
		req     func(base string) *http.Request
		wantErr string // "" = ok
		want    Ephemeral
	}{
		{"form with thread",
			nil,
			form(url.Values{"token": {"xoxb-1"}, "channel": {"C0NEWS"}, "user": {"U0ELS"}, "text": {"Je vraag is te lang."},
				"thread_ts": {"1700000100.000200"}, "blocks": {blocks}}),
			"", Ephemeral{Token: "xoxb-1", Channel: "C0NEWS", User: "U0ELS", Text: "Je vraag is te lang.", ThreadTS: "1700000100.000200", Blocks: json.RawMessage(blocks)}},
		{"json with blocks as an array",
			nil,
			jsonBody("xoxb-1", `{"channel":"C0NEWS","user":"U0ELS","blocks":`+blocks+`}`),
			"", Ephemeral{Token: "xoxb-1", Channel: "C0NEWS", User: "U0ELS", Blocks: json.RawMessage(blocks), JSON: true}},
		{"json with blocks in a string",
			nil,
			jsonBody("xoxb-1", `{"channel":"C0NEWS","user":"U0ELS","text":"x","blocks":`+strconv.Quote(blocks)+`}`),
			"", Ephemeral{Token: "xoxb-1", Channel: "C0NEWS", User: "U0ELS", Text: "x", Blocks: json.RawMessage(blocks), JSON: true}},
		{"member of a declared channel",
			map[string][]string{"C0NEWS": {"U0ELS", "U0PIM"}},
			form(url.Values{"token": {"xoxb-1"}, "channel": {"C0NEWS"}, "user": {"U0PIM"}, "text": {"hoi"}}),
			"", Ephemeral{Token: "xoxb-1", Channel: "C0NEWS", User: "U0PIM", Text: "hoi"}},
		{"user outside the channel",
			map[string][]string{"C0NEWS": {"U0ELS"}},
			form(url.Values{"token": {"xoxb-1"}, "channel": {"C0NEWS"}, "user": {"U0GAST"}, "text": {"hoi"}}),
			"user_not_in_channel", Ephemeral{}},
		{"channel never declared",
			map[string][]string{"C0NEWS": {"U0ELS"}},
			form(url.Values{"token": {"xoxb-1"}, "channel": {"C0SPORT"}, "user": {"U0ELS"}, "text": {"hoi"}}),
			"channel_not_found", Ephemeral{}},
		{"no channel", nil, form(url.Values{"token": {"xoxb-1"}, "user": {"U0ELS"}, "text": {"hoi"}}), "channel_not_found", Ephemeral{}},
		{"no user", nil, form(url.Values{"token": {"xoxb-1"}, "channel": {"C0NEWS"}, "text": {"hoi"}}), "user_not_found", Ephemeral{}},
		{"no text", nil, form(url.Values{"token": {"xoxb-1"}, "channel": {"C0NEWS"}, "user": {"U0ELS"}}), "no_text", Ephemeral{}},
		{"broken blocks", nil, form(url.Values{"token": {"xoxb-1"}, "channel": {"C0NEWS"}, "user": {"U0ELS"}, "blocks": {"[{"}}), "invalid_blocks", Ephemeral{}},
		{"broken json", nil, jsonBody("xoxb-1", `{"channel":`), "invalid_json", Ephemeral{}},
		{"wrong token", nil, jsonBody("xoxb-2", `{"channel":"C0NEWS","user":"U0ELS","text":"hoi"}`), "invalid_auth", Ephemeral{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New()
			defer s.Close()
			s.Token = "xoxb-1"
			for ch, users := range tt.members {
				s.SetMembers(ch, users...)
			}
			res, err := http.DefaultClient.Do(tt.req(s.APIURL))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var got struct {
				OK        bool   `json:"ok"`
				Error     string `json:"error"`
				MessageTS string `json:"message_ts"`
			}
			if err := json.NewDecoder(res.Body).Decode(&got); err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("chat.postEphemeral: status %d, decode %v; want 200 with JSON", res.StatusCode, err)
			}
			if tt.wantErr != "" {
				if got.OK || got.Error != tt.wantErr {
					t.Errorf("chat.postEphemeral = %+v, want error %q", got, tt.wantErr)
				}
				if n := len(s.EphemeralsSoFar()); n != 0 {
					t.Errorf("%d ephemerals recorded after an error, want 0", n)
				}
				return
			}
			if !got.OK || got.MessageTS == "" {
				t.Errorf("chat.postEphemeral = %+v, want ok with a message_ts", got)
			}
			recorded := s.EphemeralsSoFar()
			if len(recorded) != 1 {
				t.Fatalf("%d ephemerals recorded, want 1", len(recorded))
			}
			e := recorded[0]
			if e.Token != tt.want.Token || e.Channel != tt.want.Channel || e.User != tt.want.User || e.Text != tt.want.Text ||
				e.ThreadTS != tt.want.ThreadTS || e.JSON != tt.want.JSON || !jsonEqual(e.Blocks, tt.want.Blocks) {
				t.Errorf("recorded %+v, want %+v", e, tt.want)
			}
			if got := <-s.Ephemerals; got.User != tt.want.User {
				t.Errorf("Ephemerals channel gave %+v, want the recorded call", got)
			}
			if n := len(s.PostsSoFar()); n != 0 {
				t.Errorf("%d chat.postMessage recorded, want 0", n)
			}
		})
	}
}

// TestPostEphemeralWithSlackGo checks that slack-go's client reads the
// fake's answers: the message_ts, Slack's error names and a 429.
func TestPostEphemeralWithSlackGo(t *testing.T) {
	s := New()
	defer s.Close()
	s.SetMembers("C0NEWS", "U0ELS")
	api := slack.New("xoxb-1", slack.OptionAPIURL(s.APIURL))
	ts, err := api.PostEphemeralContext(t.Context(), "C0NEWS", "U0ELS", slack.MsgOptionText("Deze bot is hier niet beschikbaar.", false),
		slack.MsgOptionTS("1700000100.000200"))
	if err != nil || ts == "" {
		t.Fatalf("PostEphemeralContext() = %q, %v; want a timestamp", ts, err)
	}
	if e := <-s.Ephemerals; e.Channel != "C0NEWS" || e.User != "U0ELS" || e.ThreadTS != "1700000100.000200" || e.Token != "xoxb-1" || e.JSON {
		t.Errorf("recorded %+v, want a form call to U0ELS in C0NEWS's thread", e)
	}
	_, err = api.PostEphemeralContext(t.Context(), "C0NEWS", "U0GAST", slack.MsgOptionText("hoi", false))
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "user_not_in_channel" {
		t.Errorf("PostEphemeralContext(outsider) = %v, want user_not_in_channel", err)
	}
	s.Fail("chat.postEphemeral", 1, http.StatusTooManyRequests, 7)
	_, err = api.PostEphemeralContext(t.Context(), "C0NEWS", "U0ELS", slack.MsgOptionText("hoi", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Errorf("PostEphemeralContext(after Fail 429) = %v, want a RateLimitedError of 7s", err)
	}
	if n := s.CallCount("chat.postEphemeral"); n != 3 {
		t.Errorf("CallCount(chat.postEphemeral) = %d, want 3", n)
	}
}

func jsonEqual(a, b json.RawMessage) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// TestSocketsSideBySide connects two Socket Mode clients, as two replicas
// of one app do: both stay open, each envelope goes to the connection it
// is sent to, a retry says so, and an ack comes back on Acks.
func TestSocketsSideBySide(t *testing.T) {
	s := New()
	defer s.Close()
	var conns []*websocket.Conn
	for i := range 2 {
		c, _, err := websocket.DefaultDialer.DialContext(t.Context(), "ws"+strings.TrimPrefix(s.URL, "http")+"/socket", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var hello struct {
			Type           string `json:"type"`
			NumConnections int    `json:"num_connections"`
		}
		if err := c.ReadJSON(&hello); err != nil || hello.Type != "hello" || hello.NumConnections != i+1 {
			t.Fatalf("connection %d: hello = %+v, %v; want hello with %d connections", i, hello, err, i+1)
		}
		conns = append(conns, c)
	}
	if n := s.Sockets(); n != 2 {
		t.Fatalf("Sockets() = %d, want 2", n)
	}
	for _, tt := range []struct{ conn, retry, want int }{{0, 0, 0}, {1, 1, 1}, {-1, 0, 1}} {
		id, err := s.SendEnvelopeTo(tt.conn, tt.retry, "events_api", map[string]any{"event_id": "Ev1"})
		if err != nil {
			t.Fatal(err)
		}
		var env struct {
			EnvelopeID   string `json:"envelope_id"`
			RetryAttempt int    `json:"retry_attempt"`
			RetryReason  string `json:"retry_reason"`
		}
		if err := conns[tt.want].ReadJSON(&env); err != nil || env.EnvelopeID != id || env.RetryAttempt != tt.retry ||
			(tt.retry > 0) != (env.RetryReason == "timeout") {
			t.Errorf("SendEnvelopeTo(%d, %d) read on connection %d = %+v, %v; want envelope %s", tt.conn, tt.retry, tt.want, env, err, id)
		}
		if err := conns[tt.want].WriteJSON(map[string]string{"envelope_id": id}); err != nil {
			t.Fatal(err)
		}
		select {
		case a := <-s.Acks:
			if a.EnvelopeID != id {
				t.Errorf("ack %q, want %q", a.EnvelopeID, id)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no ack of %s", id)
		}
	}
	if _, err := s.SendEnvelopeTo(2, 0, "events_api", nil); !errors.Is(err, ErrNoSocket) {
		t.Errorf("SendEnvelopeTo a third connection = %v, want ErrNoSocket", err)
	}
	s.DropSocket()
	if n := s.Sockets(); n != 0 {
		t.Errorf("Sockets() after DropSocket = %d, want 0", n)
	}
}
