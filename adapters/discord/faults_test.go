package discord

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// faultServer answers Discord's REST writes, failing the first ones of each
// kind as told: 500, 429 with a retry_after, or no answer at all.
type faultServer struct {
	srv  *httptest.Server
	stop chan struct{}

	mu     sync.Mutex
	faults map[string][]int // kind → statuses; 0 = never answer
	calls  map[string]int
	ok     map[string]int
}

func newFaultServer(t *testing.T) *faultServer {
	t.Helper()
	f := &faultServer{stop: make(chan struct{}), faults: map[string][]int{}, calls: map[string]int{}, ok: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		close(f.stop)
		f.srv.CloseClientConnections()
		f.srv.Close()
	})
	return f
}

func (f *faultServer) fail(kind string, statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[kind] = append(f.faults[kind], statuses...)
}

func (f *faultServer) counts(kind string) (calls, ok int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[kind], f.ok[kind]
}

func (f *faultServer) serve(w http.ResponseWriter, r *http.Request) {
	// With the body read, the server notices a client that hangs up.
	_, _ = io.Copy(io.Discard, r.Body)
	kind := "other"
	switch {
	case strings.HasSuffix(r.URL.Path, "/messages") && strings.Contains(r.URL.Path, "/channels/"):
		kind = "message"
	case strings.HasSuffix(r.URL.Path, "/callback"):
		kind = "callback"
	case strings.HasSuffix(r.URL.Path, "/messages/@original") && r.Method == http.MethodPatch:
		kind = "edit"
	}
	f.mu.Lock()
	f.calls[kind]++
	status := http.StatusOK
	if q := f.faults[kind]; len(q) > 0 {
		status, f.faults[kind] = q[0], q[1:]
	}
	if status == http.StatusOK {
		f.ok[kind]++
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch status {
	case 0:
		select {
		case <-r.Context().Done():
		case <-f.stop:
		}
	case http.StatusTooManyRequests:
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"message": "You are being rate limited.", "retry_after": 0.01, "global": false})
	case http.StatusOK:
		if kind == "callback" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"id": "9001", "channel_id": "c1"})
	default:
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"code": 0, "message": http.StatusText(status)})
	}
}

// settledGoroutines waits, in a bounded loop, until the number of
// goroutines is back at most at want, and returns the last count.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 500 && n > want; i++ {
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

func TestFaults(t *testing.T) {
	digest := bot.DigestReply(bot.Digest{Until: time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC),
		Articles: []bot.Article{{Title: "Provincie stelt besluit uit", URL: "https://example.org/p"}}}, time.UTC)
	tests := []struct {
		name      string
		kind      string // "message": a digest post; "edit": an interaction's answer
		faults    []int
		wantErr   bool
		wantCalls int
	}{
		{"post: two 500s", "message", []int{500, 500}, false, 3},
		{"post: 500 forever", "message", []int{500, 500, 500, 500}, true, sendTries},
		{"post: 429 twice", "message", []int{429, 429}, false, 3},
		{"post: 429 forever", "message", []int{429, 429, 429, 429, 429, 429, 429}, true, maxRateLimitWaits + 1},
		{"post: no answer", "message", []int{0}, true, 1},
		{"interaction: two 500s", "edit", []int{500, 503}, false, 3},
		{"interaction: 500 forever", "edit", []int{500, 500, 500}, true, sendTries},
		{"interaction: 429 once", "edit", []int{429}, false, 2},
		{"interaction: no answer", "edit", []int{0}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFaultServer(t)
			before := runtime.NumGoroutine()
			f.fail(tt.kind, tt.faults...)
			errs := make(chan string, 4)
			a, err := New(Config{Token: "tok", APIURL: f.srv.URL, HTTPClient: &http.Client{Timeout: 300 * time.Millisecond}},
				echo, slogTo(errs))
			if err != nil {
				t.Fatal(err)
			}
			a.backoff = time.Millisecond
			if tt.kind == "message" {
				err = a.Post(t.Context(), "c1", digest)
				if (err != nil) != tt.wantErr {
					t.Errorf("Post() = %v, want error %v", err, tt.wantErr)
				}
			} else {
				i := &discordgo.Interaction{ID: "i1", AppID: "app1", Token: "tok-i1", Type: discordgo.InteractionApplicationCommand,
					ChannelID: "c1", Data: discordgo.ApplicationCommandInteractionData{Name: "nieuws",
						Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "vraag", Type: discordgo.ApplicationCommandOptionString, Value: "wie?"}}}}
				a.onInteraction(t.Context(), i)
				select {
				case msg := <-errs:
					if !tt.wantErr {
						t.Errorf("interaction logged %q, want it answered", msg)
					}
				default:
					if tt.wantErr {
						t.Errorf("interaction failed without an error in the log")
					}
				}
			}
			calls, ok := f.counts(tt.kind)
			if calls != tt.wantCalls {
				t.Errorf("%s called %d times, want %d", tt.kind, calls, tt.wantCalls)
			}
			if wantOK := map[bool]int{false: 1, true: 0}[tt.wantErr]; ok != wantOK {
				t.Errorf("%s accepted %d times, want %d", tt.kind, ok, wantOK)
			}
			// Idle keep-alive connections are not a leak; close them on both
			// sides, then only what the adapter left running counts.
			a.sess.Client.CloseIdleConnections()
			f.srv.CloseClientConnections()
			if n := settledGoroutines(before); n > before {
				buf := make([]byte, 1<<16)
				t.Errorf("%d goroutines after the faults, %d before: a leak\n%s", n, before, buf[:runtime.Stack(buf, true)])
			}
		})
	}
}

// errorTap sends the message of every error record to a channel.
type errorTap struct{ ch chan string }

func (errorTap) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (e errorTap) Handle(_ context.Context, r slog.Record) error {
	select {
	case e.ch <- r.Message:
	default:
	}
	return nil
}
func (e errorTap) WithAttrs([]slog.Attr) slog.Handler { return e }
func (e errorTap) WithGroup(string) slog.Handler      { return e }

func slogTo(ch chan string) *slog.Logger { return slog.New(errorTap{ch}) }
