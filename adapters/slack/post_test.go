package slack

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/slack-go/slack"
)

func digestReply() bot.Reply {
	return bot.Reply{
		Kind:  bot.KindDigest,
		Title: "Nieuwsdigest 12 maart 2024",
		Text:  "2 nieuwe artikelen, 1 nieuwe claims.",
		Articles: []bot.Article{
			{Title: "Zwolle zegt ja tegen nieuw stadhuis", Date: "2024-03-12", URL: "https://example.org/zwolle", Publisher: "De Stentor", Lead: "De raad stemde dinsdag in."},
			{Title: "Waterschap verhoogt dijken", Date: "2024-03-11", URL: "https://example.org/dijken", Publisher: "RTV Oost", Lead: "Het werk begint in mei."},
		},
		Claims: []bot.Claim{{Text: "De oppositie verwijt het college haast.", Source: bot.Source{Title: "Zwolle zegt ja tegen nieuw stadhuis", URL: "https://example.org/zwolle"}}},
	}
}

func TestPost(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		failures   int
		retryAfter int
		wantErr    bool
		wantCalls  int
		wantPosts  int
	}{
		{"ok", 0, 0, 0, false, 1, 1},
		{"rate limited once", http.StatusTooManyRequests, 1, 1, false, 2, 1},
		{"two server errors", http.StatusInternalServerError, 2, 0, false, 3, 1},
		{"server errors forever", http.StatusInternalServerError, 100, 0, true, postTries, 0},
		{"bad gateway forever", http.StatusBadGateway, 100, 0, true, postTries, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
			if tt.failures > 0 {
				hs.fake.Fail("chat.postMessage", tt.failures, tt.status, tt.retryAfter)
			}
			err := hs.a.Post(t.Context(), "C0DIGEST", digestReply())
			if (err != nil) != tt.wantErr {
				t.Fatalf("Post() error = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "C0DIGEST") {
					t.Errorf("Post() error = %q, want it to name the channel", err)
				}
				var sc slack.StatusCodeError
				if !errors.As(err, &sc) || sc.Code != tt.status {
					t.Errorf("Post() error = %v, want a StatusCodeError %d inside", err, tt.status)
				}
			}
			if n := hs.fake.CallCount("chat.postMessage"); n != tt.wantCalls {
				t.Errorf("chat.postMessage called %d times, want %d", n, tt.wantCalls)
			}
			posts := hs.fake.PostsSoFar()
			if len(posts) != tt.wantPosts {
				t.Fatalf("%d messages recorded, want %d", len(posts), tt.wantPosts)
			}
			if tt.wantPosts == 1 {
				p := posts[0]
				if p.Channel != "C0DIGEST" || p.ThreadTS != "" || len(p.Blocks) == 0 || !strings.Contains(p.Text, "Waterschap verhoogt dijken") {
					t.Errorf("post = %+v, want the digest with blocks in C0DIGEST", p)
				}
			}
		})
	}
}

func TestPostRespectsContextWhileRateLimited(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	hs.fake.Fail("chat.postMessage", 1, http.StatusTooManyRequests, 3600)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- hs.a.Post(ctx, "C0DIGEST", digestReply()) }()
	// Wait until the 429 has been answered, then give up.
	if got := <-hs.fake.Calls; got != "chat.postMessage" {
		t.Fatalf("first call = %q, want chat.postMessage", got)
	}
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("Post() = nil after the context ended, want an error")
	}
	if n := len(hs.fake.PostsSoFar()); n != 0 {
		t.Errorf("%d messages recorded, want 0", n)
	}
}

func TestPostPacesMessagesPerChannel(t *testing.T) {
	l := newChannelLimiter(time.Hour)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if err := l.wait(ctx, "C1"); err != nil {
		t.Fatalf("first wait(C1) = %v, want nil", err)
	}
	if err := l.wait(ctx, "C2"); err != nil {
		t.Fatalf("first wait(C2) = %v, want nil (other channel)", err)
	}
	errc := make(chan error, 1)
	go func() { errc <- l.wait(ctx, "C1") }()
	cancel()
	if err := <-errc; err == nil {
		t.Error("second wait(C1) within the interval = nil, want it to wait until the context ends")
	}
}
