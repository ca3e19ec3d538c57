package slack

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
)

// FuzzCommandRequest sends arbitrary bodies and signature headers to the
// command endpoint: it must never panic, and nothing that is not signed
// with the secret may get past 401.
func FuzzCommandRequest(f *testing.F) {
	body := []byte(commandForm("wie?", "http://127.0.0.1:1/r").Encode())
	good := slackfake.Sign(testSecret, time.Now(), body)
	f.Add(body, good.Get("X-Slack-Signature"), good.Get("X-Slack-Request-Timestamp"))
	f.Add([]byte("text=%zz"), "v0=00", "0")
	f.Add([]byte{}, "", "")
	f.Add([]byte("user_id=U1&channel_id=C1"), "v0="+strings.Repeat("a", 64), "99999999999999999999")
	f.Fuzz(func(t *testing.T, body []byte, sig, ts string) {
		h := newFakeHandler(answerWith(sampleAnswer()))
		a := newAdapter(Config{BotToken: "xoxb-t", SigningSecret: testSecret, Command: "/nieuws", AckTimeout: time.Second}, h, nil, nil, nil)
		req := httptest.NewRequest(http.MethodPost, "/slack/commands", bytes.NewReader(body))
		req.Header.Set("X-Slack-Signature", sig)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		w := httptest.NewRecorder()
		a.Commands().ServeHTTP(w, req)
		a.inflight.Wait()
		// A fuzzed signature only checks out if it is the real one.
		signedOK := false
		if tsNum, err := strconv.ParseInt(ts, 10, 64); err == nil {
			want := slackfake.Sign(testSecret, time.Unix(tsNum, 0), body).Get("X-Slack-Signature")
			signedOK = strings.EqualFold(sig, want) && time.Since(time.Unix(tsNum, 0)).Abs() <= signatureWindow
		}
		if !signedOK {
			if w.Code != http.StatusUnauthorized {
				t.Errorf("unsigned request: status = %d, want 401", w.Code)
			}
			if n := len(h.calls()); n != 0 {
				t.Errorf("unsigned request reached the handler %d times", n)
			}
		}
	})
}

var broadcast = regexp.MustCompile(`(?i)@(channel|here|everyone)\b`)

// FuzzEscape checks that escaped text can never mention, link or broadcast.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"<!channel>", "<@U123|piet>", "<http://x|y>", "@here", "A & B", "<<!!>>", "@\u2060here", "\xff<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := escape(s)
		for _, bad := range []string{"<!", "<@", "<#", "<"} {
			if strings.Contains(got, bad) {
				t.Errorf("escape(%q) = %q contains %q", s, got, bad)
			}
		}
		if broadcast.MatchString(got) {
			t.Errorf("escape(%q) = %q still broadcasts", s, got)
		}
		if strings.ContainsRune(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(got, "&amp;", ""), "&lt;", ""), "&gt;", ""), '&') {
			t.Errorf("escape(%q) = %q has a bare &", s, got)
		}
	})
}
