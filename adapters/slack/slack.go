// Package slack connects nieuwsbot to Slack: the /nieuws slash command and
// mentions over HTTP or Socket Mode, threaded answers, the digest poster and
// the Block Kit rendering of the bot's neutral replies.
//
// Every request from Slack is verified with the signing secret before it is
// read; every piece of user or article text is escaped for mrkdwn so that a
// question or an article can never ping a channel, mention a user or plant a
// link.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/internal/retry"
	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/slack-go/slack"
)

// Defaults and bounds of the adapter's behaviour.
const (
	defaultCommand    = "/nieuws"
	defaultAckTimeout = 2 * time.Second
	// answerTimeout bounds the work done for one question after the ack.
	answerTimeout = 30 * time.Second
	// maxBody is the largest request body read from Slack.
	maxBody = 1 << 20
	// signatureWindow is how long a signed request stays valid, and so how
	// long its signature is remembered against replays.
	signatureWindow = 5 * time.Minute
	// eventTTL is how long an event id is remembered; Slack retries an event
	// for about an hour at most, with growing pauses.
	eventTTL = time.Hour
	// maxRemembered bounds each of the replay and event caches.
	maxRemembered = 20000
	// postTries is how many times a post is tried on server errors.
	postTries = 3
	// maxRateLimitWaits bounds the 429 answers a post waits out.
	maxRateLimitWaits = 5
)

// MaxAckTimeout is the longest Config.AckTimeout: it keeps the answer
// inside Slack's 3-second window.
const MaxAckTimeout = 2900 * time.Millisecond

// Config configures the Slack adapter. The yaml keys in cmd/nieuwsbot are
// named in the errors New returns.
type Config struct {
	BotToken      string        // xoxb-…
	SigningSecret string        // required for the HTTP endpoints
	AppToken      string        // xapp-…; when set, Run uses Socket Mode
	Command       string        // "/nieuws"
	APIURL        string        // "" = Slack's public API; else e.g. "http://127.0.0.1:9999/api/" (must end in /)
	Public        bool          // answers visible in the channel (in_channel) — help and errors always ephemeral
	AckTimeout    time.Duration // answer in the HTTP response if ready within this; else ack + response_url (default 2s)
	HTTPClient    *http.Client  // optional, for response_url posts and the Web API
	// Replays, when set, keeps the signatures of accepted requests beyond
	// the process, so that a captured request sent again after a restart
	// is refused too; without it they are kept in memory only.
	Replays ReplayLog
	// Events, when set, records the events answered in storage that every
	// replica shares, so that an event Slack delivers twice (a retry, over
	// HTTP or Socket Mode, which may reach another replica, or come after
	// a restart) is answered once; without it they are kept in memory only.
	Events EventLog
}

// EventLog records which Slack events are answered, for as long as Slack
// may deliver them again, in storage that all replicas share. *kb.DB
// implements it.
type EventLog interface {
	// ClaimEvent records key as answered at at, for valid, and reports
	// whether this call recorded it first.
	ClaimEvent(ctx context.Context, key string, at time.Time, valid time.Duration) (bool, error)
}

// ReplayLog keeps the signatures of the requests the adapter accepted for
// as long as they are valid, in storage that outlives the process.
// *kb.DB implements it.
type ReplayLog interface {
	// SeenSignature reports whether key was recorded and is still valid at
	// at. It is asked before every request is accepted, so it must not
	// wait for writers.
	SeenSignature(ctx context.Context, key string, at time.Time) (bool, error)
	// RecordSignature records key, seen at at, as valid for valid.
	RecordSignature(ctx context.Context, key string, at time.Time, valid time.Duration) error
}

// Handler answers a neutral request; *bot.Bot implements it.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Reply
}

// webAPI is the part of the Slack Web API the adapter uses; *slack.Client
// implements it, and tests can put a small fake in its place.
type webAPI interface {
	AuthTestContext(ctx context.Context) (*slack.AuthTestResponse, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
}

// Adapter is the Slack side of nieuwsbot. Its methods are safe for
// concurrent use.
type Adapter struct {
	cfg     Config
	handler Handler
	logger  *slog.Logger
	api     webAPI
	client  *slack.Client // the real client, for Socket Mode; nil in unit tests
	http    *http.Client

	replays *ttlCache // (timestamp, signature) pairs seen within the window
	events  *ttlCache // event ids and message timestamps already answered

	authMu    sync.Mutex
	botUserID string

	authOK     atomic.Bool
	socketUp   atomic.Bool
	inflight   sync.WaitGroup
	limiter    *channelLimiter
	retryPause time.Duration // first pause between tries on server errors
}

// New validates cfg and returns an adapter that answers with h. A nil logger
// discards logs.
func New(cfg Config, h Handler, logger *slog.Logger) (*Adapter, error) {
	cfg, err := validate(cfg)
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("slack: no handler")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: answerTimeout}
	}
	opts := []slack.Option{slack.OptionHTTPClient(hc)}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	client := slack.New(cfg.BotToken, opts...)
	a := newAdapter(cfg, h, logger, client, hc)
	a.client = client
	return a, nil
}

// newAdapter builds an adapter around any webAPI; cfg must be validated.
func newAdapter(cfg Config, h Handler, logger *slog.Logger, api webAPI, hc *http.Client) *Adapter {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if hc == nil {
		hc = &http.Client{Timeout: answerTimeout}
	}
	return &Adapter{
		cfg:        cfg,
		handler:    h,
		logger:     logger.With("adapter", "slack"),
		api:        api,
		http:       hc,
		replays:    newTTLCache(signatureWindow, maxRemembered),
		events:     newTTLCache(eventTTL, maxRemembered),
		limiter:    newChannelLimiter(time.Second),
		retryPause: 500 * time.Millisecond,
	}
}

// validate fills in defaults and checks cfg; errors name the config key.
func validate(cfg Config) (Config, error) {
	if cfg.BotToken == "" {
		return cfg, errors.New("slack.bot_token: required")
	}
	if !strings.HasPrefix(cfg.BotToken, "xoxb-") {
		return cfg, errors.New("slack.bot_token: must be a bot token starting with xoxb-")
	}
	if cfg.AppToken != "" && !strings.HasPrefix(cfg.AppToken, "xapp-") {
		return cfg, errors.New("slack.app_token: must be an app-level token starting with xapp-")
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		return cfg, errors.New("slack.signing_secret: required for the HTTP endpoints (or set slack.app_token for Socket Mode)")
	}
	if cfg.Command == "" {
		cfg.Command = defaultCommand
	}
	if !strings.HasPrefix(cfg.Command, "/") || strings.ContainsAny(cfg.Command, " \t\n") {
		return cfg, fmt.Errorf("slack.command: %q must be one word starting with /", cfg.Command)
	}
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, fmt.Errorf("slack.api_url: %q is not an http(s) URL", cfg.APIURL)
		}
		if !strings.HasSuffix(cfg.APIURL, "/") {
			return cfg, fmt.Errorf("slack.api_url: %q must end in /", cfg.APIURL)
		}
	}
	switch {
	case cfg.AckTimeout == 0:
		cfg.AckTimeout = defaultAckTimeout
	case cfg.AckTimeout < 0 || cfg.AckTimeout > MaxAckTimeout:
		return cfg, fmt.Errorf("slack.ack_timeout: %s must lie between 0 and %s (Slack waits 3 s)", cfg.AckTimeout, MaxAckTimeout)
	}
	return cfg, nil
}

// Run blocks until ctx ends. With an app token it runs the Socket Mode loop
// (reconnecting when the connection drops); otherwise it checks the bot
// token once and waits while the HTTP endpoints serve. On return it waits
// for the answers still in flight.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.inflight.Wait()
	if a.cfg.AppToken != "" && a.client != nil {
		return a.runSocket(ctx)
	}
	if _, err := a.botUser(ctx); err != nil {
		a.logger.WarnContext(ctx, "auth.test failed; will retry on the first event", "err", err)
	}
	<-ctx.Done()
	return nil
}

// Connected reports whether the adapter can reach Slack: the bot token
// passed auth.test, and in Socket Mode the websocket is up.
func (a *Adapter) Connected() bool {
	if a.cfg.AppToken != "" && a.client != nil {
		return a.socketUp.Load()
	}
	return a.authOK.Load()
}

// botUser returns the bot's own user id, asking auth.test once.
func (a *Adapter) botUser(ctx context.Context) (string, error) {
	a.authMu.Lock()
	defer a.authMu.Unlock()
	if a.botUserID != "" {
		return a.botUserID, nil
	}
	res, err := a.api.AuthTestContext(ctx)
	if err != nil {
		a.authOK.Store(false)
		return "", fmt.Errorf("slack: auth.test: %w", err)
	}
	a.botUserID = res.UserID
	a.authOK.Store(true)
	return a.botUserID, nil
}

// goAnswer runs f on its own goroutine with a fresh context that outlives
// the HTTP request, tracked so that Run can wait for it.
func (a *Adapter) goAnswer(f func(ctx context.Context)) {
	a.inflight.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), answerTimeout)
		defer cancel()
		f(ctx)
	})
}

// Post posts r to a channel with chat.postMessage; it implements bot.Poster
// for the digest.
func (a *Adapter) Post(ctx context.Context, channel string, r bot.Reply) error {
	if err := a.postMessage(ctx, channel, "", render(r)); err != nil {
		return fmt.Errorf("slack: post %s: %w", channel, err)
	}
	return nil
}

// postMessage sends one message, keeping to about one message per second
// per channel, waiting out 429s and retrying server errors a bounded number
// of times.
func (a *Adapter) postMessage(ctx context.Context, channel, threadTS string, m message) error {
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.Text, false),
		slack.MsgOptionBlocks(m.Blocks...),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	return a.retry(ctx, func() error {
		if err := a.limiter.wait(ctx, channel); err != nil {
			return err
		}
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
}

// postEphemeral shows one message to user alone, in channel and, with
// threadTS set, in that thread; it waits out 429s and retries server errors
// like postMessage. The per-channel pacing is left out: it follows Slack's
// limit on messages posted to a channel, and an ephemeral message is not
// one of those.
func (a *Adapter) postEphemeral(ctx context.Context, channel, user, threadTS string, m message) error {
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.Text, false),
		slack.MsgOptionBlocks(m.Blocks...),
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	return a.retry(ctx, func() error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
}

// retry calls f until it succeeds, waiting RetryAfter on rate limits (at
// most maxRateLimitWaits times) and backing off on server errors (at most
// postTries tries). Other errors end it at once.
func (a *Adapter) retry(ctx context.Context, f func() error) error {
	return retry.Do(ctx, retry.Policy{
		Tries:          postTries,
		RateLimitWaits: maxRateLimitWaits,
		Pause:          a.retryPause,
		Classify: func(err error) (time.Duration, bool, bool) {
			var rl *slack.RateLimitedError
			if errors.As(err, &rl) {
				return rl.RetryAfter, true, false
			}
			return 0, false, serverError(err)
		},
		OnRetry: func(err error, wait time.Duration) {
			a.logger.WarnContext(ctx, "slack call retried", "wait", wait, "err", err)
		},
	}, f)
}

// serverError reports whether err is a 5xx answer worth retrying.
func serverError(err error) bool {
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		return sc.Code >= 500
	}
	var he httpStatusError
	if errors.As(err, &he) {
		return he.code >= 500
	}
	return false
}

// channelLimiter spaces messages to the same channel at least interval apart.
type channelLimiter struct {
	interval time.Duration
	mu       sync.Mutex
	next     map[string]time.Time
}

func newChannelLimiter(interval time.Duration) *channelLimiter {
	return &channelLimiter{interval: interval, next: make(map[string]time.Time)}
}

// wait blocks until channel may receive the next message, reserving a slot.
func (l *channelLimiter) wait(ctx context.Context, channel string) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next[channel]
	if at.Before(now) {
		at = now
	}
	l.next[channel] = at.Add(l.interval)
	if len(l.next) > maxRemembered {
		for ch, t := range l.next {
			if t.Before(now) {
				delete(l.next, ch)
			}
		}
	}
	l.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
