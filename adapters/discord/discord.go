// Package discord connects nieuwsbot to Discord through the gateway: it
// answers messages that mention the bot (and direct messages) with a reply,
// serves the /nieuws application command, and posts the daily digest.
//
// The discordgo session sits behind the small rest interface, so translation
// and rendering are tested without Discord; the end-to-end tests run the real
// session against the fake in package discordfake.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/nieuwsbot/nieuwsbot/adapters/internal/retry"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Config configures the Discord adapter.
type Config struct {
	Token   string // bot token (without "Bot " prefix; it is added)
	APIURL  string // "" = https://discord.com; else every REST call and the /gateway lookup go there
	Command string // application command name, default "nieuws"
	// HTTPClient is the optional base client; its transport carries the
	// requests after they have been pointed at APIURL.
	HTTPClient *http.Client
	// MessageContent requests the privileged Message Content intent. It is
	// off by default: Discord delivers the text of messages that mention the
	// bot user and of direct messages without it. Turn it on (and in the
	// developer portal) only if mentions of the bot's role must carry text.
	MessageContent bool
}

// Handler answers a neutral request; *bot.Bot implements it.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Reply
}

// Adapter is a running connection between Discord and a Handler.
type Adapter struct {
	cfg     Config
	h       Handler
	logger  *slog.Logger
	rest    rest
	sess    *discordgo.Session // nil in unit tests that drive the rest interface only
	intents discordgo.Intent

	// self returns the bot's user id and application id from READY.
	self func() (userID, appID string)

	sem       chan struct{}
	mu        sync.Mutex
	closing   bool
	inflight  sync.WaitGroup
	connected atomic.Bool

	// answerTimeout bounds one answer, including sending it.
	answerTimeout time.Duration
	// backoff is the first wait before retrying a 5xx or a reconnect.
	backoff time.Duration
}

// rest is the part of *discordgo.Session the adapter calls to answer.
type rest interface {
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionRespond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	InteractionResponseEdit(i *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	InteractionResponseDelete(i *discordgo.Interaction, options ...discordgo.RequestOption) error
	FollowupMessageCreate(i *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error)
	GuildMember(guildID, userID string, options ...discordgo.RequestOption) (*discordgo.Member, error)
	ApplicationCommandBulkOverwrite(appID, guildID string, commands []*discordgo.ApplicationCommand, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
}

// maxConcurrent bounds the answers computed at the same time.
const maxConcurrent = 16

var commandName = regexp.MustCompile(`^[-_a-z0-9]{1,32}$`)

// New validates cfg and returns an adapter with a real discordgo session
// that answers with h. A nil logger discards logs.
func New(cfg Config, h Handler, logger *slog.Logger) (*Adapter, error) {
	token := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(cfg.Token), "Bot "))
	if token == "" {
		return nil, errors.New("discord.token: required")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		return nil, errors.New("discord.token: must not contain white space")
	}
	if h == nil {
		return nil, errors.New("discord: handler required")
	}
	if cfg.Command == "" {
		cfg.Command = "nieuws"
	}
	if !commandName.MatchString(cfg.Command) {
		return nil, fmt.Errorf("discord.command: %q is not a valid command name (1-32 lower-case letters, digits, - or _)", cfg.Command)
	}
	base := http.DefaultTransport
	timeout := 20 * time.Second
	if cfg.HTTPClient != nil {
		if cfg.HTTPClient.Transport != nil {
			base = cfg.HTTPClient.Transport
		}
		if cfg.HTTPClient.Timeout != 0 {
			timeout = cfg.HTTPClient.Timeout
		}
	}
	transport := base
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("discord.api_url: %q is not an http(s) URL", cfg.APIURL)
		}
		transport = &rewriteTransport{base: base, target: u}
	}

	sess, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", err)
	}
	sess.Client = &http.Client{Transport: transport, Timeout: timeout}
	// Run reconnects itself, with a backoff that respects its context.
	sess.ShouldReconnectOnError = false
	// discordgo would wait out 429s without end and deaf to the context;
	// retry counts and bounds them instead.
	sess.ShouldRetryOnRateLimit = false
	sess.StateEnabled = true
	sess.State.TrackMembers = true
	sess.State.MaxMessageCount = 0
	sess.LogLevel = discordgo.LogError

	a := newAdapter(cfg, h, logger, sess)
	a.sess = sess
	a.self = func() (string, string) {
		sess.State.RLock()
		defer sess.State.RUnlock()
		var user, app string
		if sess.State.User != nil {
			user = sess.State.User.ID
		}
		if sess.State.Application != nil {
			app = sess.State.Application.ID
		}
		return user, app
	}
	sess.Identify.Intents = a.intents
	return a, nil
}

// newAdapter builds an adapter around any rest implementation; tests use it
// with a recording fake.
func newAdapter(cfg Config, h Handler, logger *slog.Logger, r rest) *Adapter {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Command == "" {
		cfg.Command = "nieuws"
	}
	intents := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.MessageContent {
		intents |= discordgo.IntentMessageContent
	}
	return &Adapter{
		cfg:           cfg,
		h:             h,
		logger:        logger.With("adapter", "discord"),
		rest:          r,
		intents:       intents,
		self:          func() (string, string) { return "", "" },
		sem:           make(chan struct{}, maxConcurrent),
		answerTimeout: 60 * time.Second,
		backoff:       500 * time.Millisecond,
	}
}

// rewriteTransport sends every request to the configured API host, keeping
// the path (below the target's own path, if it has one).
type rewriteTransport struct {
	base   http.RoundTripper
	target *url.URL
}

// RoundTrip rewrites the request's scheme, host and path prefix and sends it.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = t.target.Scheme
	r.URL.Host = t.target.Host
	r.Host = t.target.Host
	if p := strings.TrimRight(t.target.Path, "/"); p != "" {
		r.URL.Path = p + r.URL.Path
		r.URL.RawPath = ""
	}
	return t.base.RoundTrip(r)
}

// CloseIdleConnections closes the idle connections of the base transport,
// so that http.Client.CloseIdleConnections reaches them.
func (t *rewriteTransport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// Connected reports whether the gateway connection is up, for /healthz.
func (a *Adapter) Connected() bool { return a.connected.Load() }

// Run opens the gateway, registers the application command and answers
// until ctx ends. It reconnects when the gateway drops, then closes the
// session and waits for the answers still being computed.
func (a *Adapter) Run(ctx context.Context) error {
	if a.sess == nil {
		return errors.New("discord: run: no session")
	}
	a.mu.Lock()
	a.closing = false
	a.mu.Unlock()

	dropped := make(chan struct{}, 1)
	remove := []func(){
		a.sess.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) {
			a.dispatch(ctx, func(wctx context.Context) { a.onMessage(wctx, m.Message) })
		}),
		a.sess.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
			// The defer must go out within 3 s, before waiting for a slot.
			a.dispatch(ctx, func(wctx context.Context) { a.onInteraction(wctx, ic.Interaction) })
		}),
		a.sess.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			a.connected.Store(false)
			select {
			case dropped <- struct{}{}:
			default:
			}
		}),
		a.sess.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			a.connected.Store(true)
		}),
	}
	defer func() {
		for _, f := range remove {
			f()
		}
	}()

	if err := a.sess.Open(); err != nil {
		return fmt.Errorf("discord: open gateway: %w", err)
	}
	a.connected.Store(true)
	user, app := a.self()
	a.logger.InfoContext(ctx, "connected to gateway", "user", user, "application", app)
	a.registerCommand(ctx, app)

	for {
		select {
		case <-ctx.Done():
			return a.shutdown()
		case <-dropped:
		}
		if ctx.Err() != nil {
			return a.shutdown()
		}
		a.logger.WarnContext(ctx, "gateway connection lost; reconnecting")
		if !a.reconnect(ctx) {
			return a.shutdown()
		}
	}
}

// reconnect opens the gateway again (discordgo resumes the session) with a
// doubling backoff, until it succeeds or ctx ends.
func (a *Adapter) reconnect(ctx context.Context) bool {
	wait := a.backoff
	for {
		err := a.sess.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			a.connected.Store(true)
			a.logger.InfoContext(ctx, "reconnected to gateway")
			return true
		}
		a.logger.WarnContext(ctx, "reconnect failed", "err", err, "retry_in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return false
		case <-t.C:
		}
		wait = min(wait*2, time.Minute)
	}
}

// shutdown stops taking new work, closes the gateway and waits for the
// answers in flight.
func (a *Adapter) shutdown() error {
	a.mu.Lock()
	a.closing = true
	a.mu.Unlock()
	err := a.sess.Close()
	a.connected.Store(false)
	a.inflight.Wait()
	if err != nil {
		return fmt.Errorf("discord: close gateway: %w", err)
	}
	return nil
}

// dispatch runs work as an in-flight answer unless the adapter is shutting
// down. The work gets a context that outlives Run's, bounded by the answer
// timeout, so an answer already begun is still delivered.
func (a *Adapter) dispatch(ctx context.Context, work func(context.Context)) {
	a.mu.Lock()
	if a.closing || ctx.Err() != nil {
		a.mu.Unlock()
		return
	}
	a.inflight.Add(1)
	a.mu.Unlock()
	defer a.inflight.Done()
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.answerTimeout)
	defer cancel()
	work(wctx)
}

// answer calls the handler within the concurrency bound.
func (a *Adapter) answer(ctx context.Context, req bot.Request) (bot.Reply, error) {
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		return bot.Reply{}, ctx.Err()
	}
	defer func() { <-a.sem }()
	return a.h.Handle(ctx, req), nil
}

// registerCommand overwrites the global application commands with the
// /nieuws command. Failure is logged, not fatal: mentions still work.
func (a *Adapter) registerCommand(ctx context.Context, appID string) {
	if appID == "" {
		a.logger.WarnContext(ctx, "no application id in READY; command not registered")
		return
	}
	_, err := a.rest.ApplicationCommandBulkOverwrite(appID, "", []*discordgo.ApplicationCommand{command(a.cfg.Command)}, discordgo.WithContext(ctx))
	if err != nil {
		a.logger.ErrorContext(ctx, "register command failed", "command", a.cfg.Command, "err", err)
		return
	}
	a.logger.InfoContext(ctx, "registered command", "command", "/"+a.cfg.Command)
}

// command is the application command definition: one optional "vraag";
// without it the bot answers with its help.
func command(name string) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        name,
		Type:        discordgo.ChatApplicationCommand,
		Description: "Vraag nieuwsbot iets over het nieuws",
		Options: []*discordgo.ApplicationCommandOption{{
			Type:        discordgo.ApplicationCommandOptionString,
			Name:        "vraag",
			Description: "Je vraag, of: zoek …, digest, bronnen, help",
			Required:    false,
			MaxLength:   bot.MaxRequestRunes,
		}},
	}
}

// Post posts a reply to a channel; it implements bot.Poster for the digest.
func (a *Adapter) Post(ctx context.Context, channel string, r bot.Reply) error {
	out := render(r)
	for i, content := range out.Content {
		m := &discordgo.MessageSend{Content: content, AllowedMentions: noMentions()}
		if i == 0 && out.Embed != nil {
			m.Embeds = []*discordgo.MessageEmbed{out.Embed}
		}
		if err := a.send(ctx, channel, m); err != nil {
			return err
		}
	}
	return nil
}

// noMentions allows no mention to ping anyone, including the replied-to
// user: a reply to a question should not buzz the asker a second time.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, RepliedUser: false}
}

// send posts one message, retrying server errors (discordgo itself waits on
// 429 and retries 502) up to three tries in all.
func (a *Adapter) send(ctx context.Context, channel string, m *discordgo.MessageSend) error {
	return a.retry(ctx, func() error {
		_, err := a.rest.ChannelMessageSendComplex(channel, m, discordgo.WithContext(ctx))
		return err
	}, func(err error) error { return fmt.Errorf("discord: post %s: %w", channel, err) })
}

// Bounds of retry: tries on server errors, and 429 answers waited out.
const (
	sendTries         = 3
	maxRateLimitWaits = 5
)

// retry calls call until it succeeds: server errors are tried sendTries
// times in all with a doubling pause, 429s waited out (Retry-After) at most
// maxRateLimitWaits times; other errors end it at once, as does ctx.
func (a *Adapter) retry(ctx context.Context, call func() error, wrap func(error) error) error {
	err := retry.Do(ctx, retry.Policy{
		Tries:          sendTries,
		RateLimitWaits: maxRateLimitWaits,
		Pause:          a.backoff,
		Classify: func(err error) (time.Duration, bool, bool) {
			var rl *discordgo.RateLimitError
			if errors.As(err, &rl) {
				return rl.RetryAfter, true, false
			}
			return 0, false, serverError(err)
		},
		OnRetry: func(err error, wait time.Duration) {
			a.logger.WarnContext(ctx, "platform error; retrying", "err", err, "retry_in", wait)
		},
	}, call)
	if err != nil {
		return wrap(err)
	}
	return nil
}

func serverError(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 500
}
