package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/slack-go/slack"
)

// commandResponse is the JSON answer to a slash command, in the HTTP
// response, a Socket Mode ack or a POST to response_url.
type commandResponse struct {
	ResponseType string        `json:"response_type"`
	Text         string        `json:"text"`
	Blocks       []slack.Block `json:"blocks,omitempty"`
}

// slashCommand is what the adapter reads from a slash command.
type slashCommand struct {
	User, Channel, Text, ResponseURL string
}

// Commands returns the handler for POST /slack/commands. A request whose
// signature does not check out gets 401 and nothing else.
func (a *Adapter) Commands() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r, true)
		if !ok {
			return
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			http.Error(w, "malformed form", http.StatusBadRequest)
			return
		}
		cmd := slashCommand{
			User:        form.Get("user_id"),
			Channel:     form.Get("channel_id"),
			Text:        form.Get("text"),
			ResponseURL: form.Get("response_url"),
		}
		if cmd.User == "" || cmd.Channel == "" {
			http.Error(w, "missing user_id or channel_id", http.StatusBadRequest)
			return
		}
		resp, ok := a.command(r.Context(), cmd)
		if !ok {
			w.WriteHeader(http.StatusOK)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(resp); err != nil {
			a.logger.WarnContext(r.Context(), "write command answer", "err", err)
		}
	})
}

// verified checks method, size and signature of a request from Slack and
// returns its body. With replay set, a (timestamp, signature) pair seen
// before within the window is refused too. On failure it has answered.
func (a *Adapter) verified(w http.ResponseWriter, r *http.Request, replay bool) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
	if err != nil {
		a.logger.InfoContext(r.Context(), "refused unsigned request", "path", r.URL.Path, "err", err)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return nil, false
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return nil, false
	}
	if _, err := sv.Write(body); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	if err := sv.Ensure(); err != nil {
		a.logger.InfoContext(r.Context(), "refused request with a bad signature", "path", r.URL.Path)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	// The signature's hex may come in either case and still check out, so
	// the replay key is lower-cased.
	if replay && a.replayed(r.Context(), r.Header.Get("X-Slack-Request-Timestamp")+"/"+strings.ToLower(r.Header.Get("X-Slack-Signature"))) {
		a.logger.InfoContext(r.Context(), "refused replayed request", "path", r.URL.Path)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// replayed reports whether the request with the signature key was accepted
// before within the signature window, by this process or, with a
// ReplayLog, by one before a restart; if not, it remembers key. The log is
// read at once (a read never waits for the database's writers) and written
// after the request, so that an ingest holding the write lock never holds
// up the acknowledgement. A log that cannot be read leaves the check to
// memory.
func (a *Adapter) replayed(ctx context.Context, key string) bool {
	if a.replays.seen(key) {
		return true
	}
	if a.cfg.Replays == nil {
		return false
	}
	now := time.Now()
	seen, err := a.cfg.Replays.SeenSignature(ctx, key, now)
	if err != nil {
		a.logger.WarnContext(ctx, "replay log unreadable; replays are checked in memory only", "err", err)
	}
	if seen {
		return true
	}
	a.inflight.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), answerTimeout)
		defer cancel()
		if err := a.cfg.Replays.RecordSignature(ctx, key, now, signatureWindow); err != nil {
			a.logger.WarnContext(ctx, "request signature not recorded against replays after a restart", "err", err)
		}
	})
	return false
}

// command runs the handler for a slash command. When the reply is ready
// within AckTimeout it returns it (ok true) to be sent as the ack;
// otherwise the caller acks empty and the reply follows on response_url.
// The handler never runs on reqCtx, which ends with the ack.
func (a *Adapter) command(reqCtx context.Context, cmd slashCommand) (commandResponse, bool) {
	req := bot.Request{Platform: "slack", User: cmd.User, Channel: cmd.Channel, Text: cmd.Text}
	done := make(chan commandResponse, 1)
	acked := make(chan bool, 1) // true: the answer went with the ack
	a.goAnswer(func(ctx context.Context) {
		done <- a.commandResponse(a.handler.Handle(ctx, req))
		if <-acked {
			return
		}
		if err := a.respond(ctx, cmd.ResponseURL, <-done); err != nil {
			a.logger.ErrorContext(ctx, "answer on response_url failed", "channel", cmd.Channel, "err", err)
		}
	})
	t := time.NewTimer(a.cfg.AckTimeout)
	defer t.Stop()
	select {
	case resp := <-done:
		acked <- true
		return resp, true
	case <-t.C:
	case <-reqCtx.Done():
	}
	// Too slow: the answer goes to response_url. The handler goroutine
	// has put, or will put, its answer in done; hand the channel back.
	acked <- false
	return commandResponse{}, false
}

// commandResponse renders a reply for a slash command; help and errors are
// ephemeral whatever the config says.
func (a *Adapter) commandResponse(r bot.Reply) commandResponse {
	m := render(r)
	typ := slack.ResponseTypeEphemeral
	if a.cfg.Public && !r.Private && r.Kind != bot.KindHelp && r.Kind != bot.KindError {
		typ = slack.ResponseTypeInChannel
	}
	return commandResponse{ResponseType: typ, Text: m.Text, Blocks: m.Blocks}
}

// httpStatusError is a non-2xx answer from a response_url.
type httpStatusError struct {
	code int
}

func (e httpStatusError) Error() string {
	return fmt.Sprintf("status %d %s", e.code, http.StatusText(e.code))
}

// respond posts a command's answer to its response_url, retrying like a post.
func (a *Adapter) respond(ctx context.Context, responseURL string, resp commandResponse) error {
	if responseURL == "" {
		return errors.New("no response_url")
	}
	u, err := url.Parse(responseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("bad response_url %q", responseURL)
	}
	if !a.responseURLAllowed(u) {
		return fmt.Errorf("response_url %q is not on Slack's hosts or slack.api_url's", responseURL)
	}
	body, err := json.Marshal(resp)
	if err != nil {
		return fmt.Errorf("encode answer: %w", err)
	}
	return a.retry(ctx, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := a.http.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			// A connection error is treated like a server error: worth a retry.
			return fmt.Errorf("%w: %v", httpStatusError{code: http.StatusBadGateway}, err)
		}
		defer res.Body.Close()
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
		if res.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(res.Header.Get("Retry-After"))
			return &slack.RateLimitedError{RetryAfter: time.Duration(max(secs, 1)) * time.Second}
		}
		if res.StatusCode < 200 || res.StatusCode > 299 {
			return httpStatusError{code: res.StatusCode}
		}
		return nil
	})
}

// slackDomains are the domains of Slack's response_urls
// (hooks.slack.com), GovSlack's included.
var slackDomains = []string{"slack.com", "slack-gov.com"}

// responseURLAllowed reports whether an answer may be posted to u: over
// https to one of Slack's domains, or to the host of the configured
// api_url (a test server, a proxy). The response_url comes in the signed
// request, but a request that checks out may still carry any URL, and the
// bot would post its answers, and the articles they quote, wherever it
// says.
func (a *Adapter) responseURLAllowed(u *url.URL) bool {
	if u.User != nil {
		return false
	}
	if a.cfg.APIURL != "" {
		if api, err := url.Parse(a.cfg.APIURL); err == nil && u.Scheme == api.Scheme && strings.EqualFold(u.Host, api.Host) {
			return true
		}
	}
	if u.Scheme != "https" || (u.Port() != "" && u.Port() != "443") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range slackDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
