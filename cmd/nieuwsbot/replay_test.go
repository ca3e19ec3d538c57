package main

import (
	"bytes"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
)

// TestServeRefusesAReplayAfterARestart sends a signed slash command to
// serve, restarts serve on the same database and sends the very same
// request again, as one who captured it would: it is refused (serve kept
// the seen signatures in memory, so a restart forgot them).
func TestServeRefusesAReplayAfterARestart(t *testing.T) {
	e := newE2E(t, time.Date(2026, 6, 1, 7, 0, 0, 0, amsterdam), "")
	e.run("ingest", "-q", e.writeArticle("brug.txt", bridgeArticle))
	form := url.Values{"command": {"/nieuws"}, "text": {"hoeveel weken duurt de reparatie?"}, "user_id": {"U1"},
		"channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {e.slack.ResponseURL("replay")}}
	body := []byte(form.Encode())
	header := slackfake.Sign(e2eSigningSecret, time.Now(), body)
	header.Set("Content-Type", "application/x-www-form-urlencoded")
	send := func(s *server) int {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+s.addr+"/slack/commands", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header = header.Clone()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	s := e.serve()
	if code := send(s); code != http.StatusOK {
		t.Fatalf("first request = %d, want 200", code)
	}
	s.stop()
	s = e.serve()
	if code := send(s); code != http.StatusUnauthorized {
		t.Errorf("the same request after a restart = %d, want 401", code)
	}
	s.stop()
}
