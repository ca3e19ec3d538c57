package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/discord/discordfake"
	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
)

// digestKillWait bounds every wait of the digest kill test for one event.
const digestKillWait = time.Minute

// postProxy stands in front of a fake platform. It counts the message posts
// per channel as they arrive and as the fake accepts them, passes
// everything else through (the Discord gateway websocket included), and
// hangs the post to one channel: before the fake sees it, or after the fake
// accepted it but before the answer goes back. A hung post ends only when
// the client goes away (the process is killed) or the test ends.
type postProxy struct {
	srv     *httptest.Server
	next    http.Handler
	channel func(r *http.Request, body []byte) (string, bool)

	mu          sync.Mutex
	hang        string // channel whose post hangs; "" = none
	acceptFirst bool   // the fake accepts the hung post before it hangs
	arrived     map[string]int
	accepted    map[string]int

	// posts receives each channel when its post has been accepted.
	posts chan string
	// hung receives the channel of a post that now hangs.
	hung chan string
	stop chan struct{}
}

func newPostProxy(t *testing.T, target string, channel func(*http.Request, []byte) (string, bool)) *postProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &postProxy{
		next:     httputil.NewSingleHostReverseProxy(u),
		channel:  channel,
		arrived:  map[string]int{},
		accepted: map[string]int{},
		posts:    make(chan string, 64),
		hung:     make(chan string, 4),
		stop:     make(chan struct{}),
	}
	p.srv = httptest.NewServer(p)
	t.Cleanup(func() {
		close(p.stop)
		p.srv.CloseClientConnections()
		p.srv.Close()
	})
	return p
}

// hangPost makes the next posts to channel hang; "" hangs none.
func (p *postProxy) hangPost(channel string, acceptFirst bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hang, p.acceptFirst = channel, acceptFirst
}

// counts returns how many posts per channel arrived and were accepted.
func (p *postProxy) counts() (arrived, accepted map[string]int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	arrived, accepted = map[string]int{}, map[string]int{}
	for k, v := range p.arrived {
		arrived[k] = v
	}
	for k, v := range p.accepted {
		accepted[k] = v
	}
	return arrived, accepted
}

func (p *postProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		p.next.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	ch, ok := p.channel(r, body)
	if !ok {
		p.next.ServeHTTP(w, r)
		return
	}
	p.mu.Lock()
	p.arrived[ch]++
	hang := ch == p.hang
	acceptFirst := p.acceptFirst
	p.mu.Unlock()
	if hang && !acceptFirst {
		p.hung <- ch
		p.wait(r)
		return
	}
	rec := httptest.NewRecorder()
	p.next.ServeHTTP(rec, r)
	if rec.Code/100 == 2 {
		p.mu.Lock()
		p.accepted[ch]++
		p.mu.Unlock()
		p.posts <- ch
	}
	if hang {
		p.hung <- ch
		p.wait(r)
		return
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// drain empties posts, so that only later posts arrive there.
func (p *postProxy) drain() {
	for {
		select {
		case <-p.posts:
		default:
			return
		}
	}
}

// wait holds a hung post until its client is gone or the test ends.
func (p *postProxy) wait(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-p.stop:
	}
}

// slackPostChannel reads the channel of a chat.postMessage.
func slackPostChannel(r *http.Request, body []byte) (string, bool) {
	if !strings.HasSuffix(r.URL.Path, "/chat.postMessage") {
		return "", false
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return "", false
	}
	return form.Get("channel"), true
}

// discordPostChannel reads the channel of a POST /channels/{id}/messages.
func discordPostChannel(r *http.Request, _ []byte) (string, bool) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/api/v9"), "/"), "/")
	if len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages" {
		return parts[1], true
	}
	return "", false
}

// logLine is the part of a JSON log line the test reads.
type logLine struct {
	Level   string `json:"level"`
	Msg     string `json:"msg"`
	Channel string `json:"channel"`
	Day     string `json:"day"`
}

// serveProcess is a running `nieuwsbot serve` whose JSON log lines arrive
// on logs.
type serveProcess struct {
	cmd    *exec.Cmd
	logs   chan logLine
	exited chan error
	mu     sync.Mutex
	all    []string
}

func startServe(t *testing.T, bin, config, dbPath string) *serveProcess {
	t.Helper()
	cmd := exec.Command(bin, "--config", config, "--db", dbPath, "--no-seed", "serve")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProcess{cmd: cmd, logs: make(chan logLine, 1024), exited: make(chan error, 1)}
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.all = append(p.all, sc.Text())
			p.mu.Unlock()
			var l logLine
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				select {
				case p.logs <- l:
				default:
				}
			}
		}
	}()
	go func() {
		<-scanned
		p.exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// log returns everything the process logged so far.
func (p *serveProcess) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.all, "\n")
}

// waitLog waits for a log line for which match is true.
func (p *serveProcess) waitLog(t *testing.T, what string, match func(logLine) bool) logLine {
	t.Helper()
	timeout := time.After(digestKillWait)
	for {
		select {
		case l := <-p.logs:
			if match(l) {
				return l
			}
		case err := <-p.exited:
			p.exited <- err
			t.Fatalf("serve exited (%v) before logging %s; log:\n%s", err, what, p.log())
		case <-timeout:
			t.Fatalf("serve did not log %s; log:\n%s", what, p.log())
		}
	}
}

// TestDigestSurvivesSIGKILL kills `nieuwsbot serve` with SIGKILL while it
// posts the daily digest, with the post to one channel hanging, then
// starts it again. The documented guarantee holds: no channel gets the
// digest twice; the channels posted before the kill are not posted again;
// the channels not yet attempted get it once after the restart; the
// interrupted channel is not tried again (it has the digest once if the
// platform accepted it before the kill, else not at all), and the restart
// logs a warning naming it.
func TestDigestSurvivesSIGKILL(t *testing.T) {
	heavy(t)
	bin := buildBinary(t)
	slackChannels := []string{"C0DIGEST1", "C0DIGEST2", "C0DIGEST3"}
	discordChannels := []string{"500000000000000001", "500000000000000002"}
	tests := []struct {
		name        string
		platform    string
		hang        string // the interrupted channel
		acceptFirst bool
	}{
		{"slack post never reaches the platform", "slack", "C0DIGEST2", false},
		{"discord post accepted but never confirmed", "discord", "500000000000000001", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day := time.Now().UTC().Format(time.DateOnly)
			sfake := slackfake.New()
			defer sfake.Close()
			dfake := discordfake.New("100", "app1")
			defer dfake.Close()
			sproxy := newPostProxy(t, sfake.URL, slackPostChannel)
			dproxy := newPostProxy(t, dfake.URL, discordPostChannel)
			proxies := map[string]*postProxy{"slack": sproxy, "discord": dproxy}
			proxies[tt.platform].hangPost(tt.hang, tt.acceptFirst)

			dir := t.TempDir()
			dbPath := filepath.Join(dir, "kb.db")
			config := filepath.Join(dir, "config.yaml")
			writeDigestConfig(t, config, sproxy.srv.URL+"/api/", dproxy.srv.URL, slackChannels, discordChannels)

			// First run: the digest is due at once (00:00 UTC has passed);
			// the targets are posted in order, Slack first, until the hung one.
			first := startServe(t, bin, config, dbPath)
			select {
			case ch := <-proxies[tt.platform].hung:
				if ch != tt.hang {
					t.Fatalf("post to %s hung, want %s", ch, tt.hang)
				}
			case err := <-first.exited:
				t.Fatalf("serve exited (%v) before the digest post hung; log:\n%s", err, first.log())
			case <-time.After(digestKillWait):
				t.Fatalf("the digest post to %s did not arrive; log:\n%s", tt.hang, first.log())
			}
			if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-first.exited
			before := posted(sproxy, dproxy)
			sproxy.drain()
			dproxy.drain()
			t.Logf("killed with the post to %s in flight; accepted before the kill: %v", tt.hang, before)

			// Second run: the remaining channels get the digest; the
			// interrupted one is reported and skipped.
			proxies[tt.platform].hangPost("", false)
			second := startServe(t, bin, config, dbPath)
			warn := second.waitLog(t, "the warning about the interrupted digest", func(l logLine) bool {
				return strings.Contains(l.Msg, "claimed but not confirmed")
			})
			if warn.Level != "WARN" || warn.Channel != tt.platform+":"+tt.hang || warn.Day != day {
				t.Errorf("start-up warning = %+v, want WARN for %s:%s on %s", warn, tt.platform, tt.hang, day)
			}
			var remaining []string
			for _, target := range digestTargets(slackChannels, discordChannels) {
				if before[target] == 0 && target != tt.platform+":"+tt.hang {
					remaining = append(remaining, target)
				}
			}
			for _, want := range remaining {
				platform, ch, _ := strings.Cut(want, ":")
				select {
				case got := <-proxies[platform].posts:
					if got != ch {
						t.Errorf("after the restart %s got a post, want %s next", got, want)
					}
				case <-time.After(digestKillWait):
					t.Fatalf("after the restart no digest arrived in %s; log:\n%s", want, second.log())
				}
			}
			// A graceful stop finishes whatever is in flight, so a late
			// second post would be counted below.
			if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if err := <-second.exited; err != nil {
				t.Errorf("serve after SIGTERM = %v, want a clean exit; log:\n%s", err, second.log())
			}
			if time.Now().UTC().Format(time.DateOnly) != day {
				t.Skip("the day changed during the test; the second run posted the next day's digest")
			}

			for _, target := range digestTargets(slackChannels, discordChannels) {
				platform, ch, _ := strings.Cut(target, ":")
				arrived, accepted := proxies[platform].counts()
				wantAccepted := 1
				if target == tt.platform+":"+tt.hang && !tt.acceptFirst {
					wantAccepted = 0
				}
				if accepted[ch] != wantAccepted {
					t.Errorf("%s accepted %d digests, want %d", target, accepted[ch], wantAccepted)
				}
				if arrived[ch] != 1 {
					t.Errorf("%s was sent %d digest posts, want exactly 1 (none repeated after the kill)", target, arrived[ch])
				}
			}
			checkDigestLog(t, dbPath, day, tt.platform+":"+tt.hang, digestTargets(slackChannels, discordChannels))
		})
	}
}

// posted returns the targets ("slack:C1") whose post was accepted so far.
func posted(proxies ...*postProxy) map[string]int {
	out := map[string]int{}
	for i, p := range proxies {
		platform := [...]string{"slack", "discord"}[i]
		_, accepted := p.counts()
		for ch, n := range accepted {
			out[platform+":"+ch] = n
		}
	}
	return out
}

// digestTargets lists the targets in the scheduler's order.
func digestTargets(slackChannels, discordChannels []string) []string {
	var out []string
	for _, c := range slackChannels {
		out = append(out, "slack:"+c)
	}
	for _, c := range discordChannels {
		out = append(out, "discord:"+c)
	}
	return out
}

func writeDigestConfig(t *testing.T, path, slackURL, discordURL string, slackChannels, discordChannels []string) {
	t.Helper()
	quote := func(cs []string) string {
		q := make([]string, len(cs))
		for i, c := range cs {
			q[i] = fmt.Sprintf("%q", c)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	cfg := fmt.Sprintf(`http:
  listen: 127.0.0.1:0
slack:
  bot_token: xoxb-digest-kill
  signing_secret: digest-kill-secret
  api_url: %s
discord:
  token: digest-kill-token
  api_url: %s
digest:
  time: "00:00"
  timezone: UTC
  slack_channels: %s
  discord_channels: %s
log:
  level: info
  format: json
`, slackURL, discordURL, quote(slackChannels), quote(discordChannels))
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

// checkDigestLog checks the digest log after the restart: the interrupted
// target still claimed but not posted, every other one posted.
func checkDigestLog(t *testing.T, dbPath, day, interrupted string, targets []string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT channel, state FROM digests WHERE day = ?`, day)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	states := map[string]string{}
	for rows.Next() {
		var ch, state string
		if err := rows.Scan(&ch, &state); err != nil {
			t.Fatal(err)
		}
		states[ch] = state
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, target := range targets {
		want := "posted"
		if target == interrupted {
			want = "posting"
		}
		if states[target] != want {
			t.Errorf("digest log of %s on %s: state %q, want %q", target, day, states[target], want)
		}
	}
	if len(states) != len(targets) {
		t.Errorf("digest log of %s has %d rows (%v), want %d", day, len(states), states, len(targets))
	}
}
