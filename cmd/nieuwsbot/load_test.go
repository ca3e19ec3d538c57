package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
)

// Load test sizes, as the reliability issue asks.
const (
	loadArticles = 10_000
	loadSlack    = 200
	loadDiscord  = 50
)

// fillKB stores the first n articles of the synthetic corpus in the
// database at path, preparing on two goroutines while one stores.
func fillKB(t *testing.T, path string, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := kb.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	idx := make(chan int)
	prepared := make(chan kb.Prepared, 16)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for i := range idx {
				a := corpus.Make(5, i)
				p, err := kb.Prepare(a.Name, a.Text)
				if err != nil {
					t.Errorf("Prepare(%s): %v", a.Name, err)
					continue
				}
				prepared <- p
			}
		})
	}
	go func() {
		for i := range n {
			idx <- i
		}
		close(idx)
	}()
	go func() { wg.Wait(); close(prepared) }()
	for p := range prepared {
		if _, err := db.Store(ctx, p); err != nil {
			t.Fatalf("Store(%s): %v", p.Doc.Name, err)
		}
	}
}

// answers collects answers by question id, with the time each arrived.
type answers struct {
	mu    sync.Mutex
	got   map[string][]string
	at    map[string]time.Time
	done  chan struct{}
	want  int
	count int
}

func newAnswers(want int) *answers {
	return &answers{got: map[string][]string{}, at: map[string]time.Time{}, done: make(chan struct{}), want: want}
}

func (a *answers) add(id, text string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.got[id] = append(a.got[id], text)
	if len(a.got[id]) == 1 {
		a.at[id] = time.Now()
		a.count++
		if a.count == a.want {
			close(a.done)
		}
	}
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// TestLoad runs serve on loopback against a 10,000-article knowledge base
// and sends 200 concurrent signed slash commands and 50 concurrent Discord
// mentions: every question gets exactly one answer, none an error. It
// reports p50 and p99 latencies and asserts no timing.
func TestLoad(t *testing.T) {
	heavy(t)
	e := newE2E(t, time.Date(2026, 6, 1, 3, 0, 0, 0, time.UTC), "")
	start := time.Now()
	fillKB(t, filepath.Join(e.dir, "kb.db"), loadArticles)
	t.Logf("knowledge base of %d articles built in %s", loadArticles, time.Since(start).Round(time.Second))
	s := e.serve()

	qs := corpus.Questions(5, 8)
	question := func(i int) string { return qs[i%len(qs)].Text }
	got := newAnswers(loadSlack + loadDiscord)
	sent := map[string]time.Time{}
	var sentMu sync.Mutex
	markSent := func(id string) {
		sentMu.Lock()
		sent[id] = time.Now()
		sentMu.Unlock()
	}

	// Readers: the response_url posts and the Discord replies.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Go(func() {
		for {
			select {
			case r := <-e.slack.Responses:
				got.add(r.ID, string(r.Body))
			case <-stop:
				return
			}
		}
	})
	readers.Go(func() {
		for {
			select {
			case c := <-e.discord.Calls:
				m, err := c.Message()
				if err != nil || c.Kind != "message" || m.Reference == nil {
					t.Errorf("unexpected Discord call %s %s: %.200s", c.Kind, c.Path, c.Body)
					continue
				}
				got.add(m.Reference.MessageID, discordText(t, c))
			case <-stop:
				return
			}
		}
	})

	var errMu sync.Mutex
	var errs []string
	fail := func(format string, args ...any) {
		errMu.Lock()
		errs = append(errs, fmt.Sprintf(format, args...))
		errMu.Unlock()
	}
	var wg sync.WaitGroup
	begin := make(chan struct{})
	for i := range loadSlack {
		wg.Go(func() {
			id := fmt.Sprintf("s%03d", i)
			form := url.Values{"command": {"/nieuws"}, "text": {question(i)}, "user_id": {fmt.Sprintf("U%d", i)},
				"channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {e.slack.ResponseURL(id)}}
			body := []byte(form.Encode())
			req, err := http.NewRequest(http.MethodPost, "http://"+s.addr+"/slack/commands", bytes.NewReader(body))
			if err != nil {
				fail("%s: %v", id, err)
				return
			}
			req.Header = slackfake.Sign(e2eSigningSecret, time.Now(), body)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			<-begin
			markSent(id)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				fail("%s: POST: %v", id, err)
				return
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				fail("%s: status %d %s", id, res.StatusCode, b)
				return
			}
			if len(bytes.TrimSpace(b)) > 0 {
				got.add(id, string(b))
			}
		})
	}
	for i := range loadDiscord {
		wg.Go(func() {
			id := fmt.Sprintf("9%017d", i)
			msg := map[string]any{"id": id, "channel_id": "c1", "guild_id": "g1", "type": 0,
				"content": "<@100> " + question(i+loadSlack), "author": map[string]any{"id": fmt.Sprint(7 + i), "username": "redacteur"},
				"mentions": []map[string]any{{"id": "100"}}}
			<-begin
			markSent(id)
			if err := e.discord.Dispatch("MESSAGE_CREATE", msg); err != nil {
				fail("%s: dispatch: %v", id, err)
			}
		})
	}
	close(begin)
	wg.Wait()
	select {
	case <-got.done:
	case <-time.After(3 * time.Minute):
		t.Errorf("after 3 minutes %d of %d questions answered", got.count, loadSlack+loadDiscord)
	}
	// A graceful stop answers whatever is still in flight; anything that
	// arrives after it is a duplicate.
	s.stop()
	close(stop)
	readers.Wait()
	for drained := false; !drained; {
		select {
		case r := <-e.slack.Responses:
			got.add(r.ID, string(r.Body))
		case c := <-e.discord.Calls:
			if m, err := c.Message(); err == nil && m.Reference != nil {
				got.add(m.Reference.MessageID, discordText(t, c))
			}
		default:
			drained = true
		}
	}

	for _, err := range errs {
		t.Error(err)
	}
	var slackLat, discordLat []time.Duration
	errorReplies := 0
	for id, at := range sent {
		texts := got.got[id]
		switch {
		case len(texts) == 0:
			t.Errorf("question %s: no answer", id)
			continue
		case len(texts) > 1:
			t.Errorf("question %s: %d answers, want 1", id, len(texts))
		}
		if strings.Contains(texts[0], "Er ging iets mis") || strings.Contains(texts[0], "Dat duurde te lang") {
			errorReplies++
			t.Errorf("question %s answered with an error: %.200s", id, texts[0])
		}
		lat := got.at[id].Sub(at)
		if strings.HasPrefix(id, "s") {
			slackLat = append(slackLat, lat)
		} else {
			discordLat = append(discordLat, lat)
		}
	}
	t.Logf("slack: %d slash commands, %d answered, p50 %s, p99 %s", loadSlack, len(slackLat),
		percentile(slackLat, 0.5).Round(time.Millisecond), percentile(slackLat, 0.99).Round(time.Millisecond))
	t.Logf("discord: %d mentions, %d answered, p50 %s, p99 %s", loadDiscord, len(discordLat),
		percentile(discordLat, 0.5).Round(time.Millisecond), percentile(discordLat, 0.99).Round(time.Millisecond))
	t.Logf("error replies: %d, transport errors: %d", errorReplies, len(errs))
}
