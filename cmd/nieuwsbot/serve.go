package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/discord"
	"github.com/nieuwsbot/nieuwsbot/adapters/slack"
	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/cmd/internal/knowledge"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// shutdownTimeout bounds each step of a graceful shutdown: the HTTP
// requests in flight, then the answers and posts in flight.
const shutdownTimeout = 30 * time.Second

// healthTimeout bounds the knowledge base check of /healthz.
const healthTimeout = 2 * time.Second

// service is serve's wiring: the knowledge base, the bot, the enabled
// adapters, the digest scheduler, the inbox and the HTTP routes.
type service struct {
	db      *kb.DB
	logger  *slog.Logger
	metrics *metrics
	bot     *bot.Bot
	slack   *slack.Adapter
	discord *discord.Adapter
	sched   *bot.Scheduler // nil without digest channels
	inbox   *inbox         // nil without kb.inbox
	feeds   *feed.Follower // nil without feeds
	loc     *time.Location
	// standby is set while another replica on the same PostgreSQL
	// database holds the Discord gateway (see runDiscord).
	standby atomic.Bool
}

// openService opens the knowledge base and wires the service on it.
func (m *Main) openService(ctx context.Context) (*service, error) {
	db, err := m.openDB(ctx)
	if err != nil {
		return nil, err
	}
	return m.wire(db)
}

// wire builds the service from the configuration. It starts nothing.
func (m *Main) wire(db *kb.DB) (*service, error) {
	cfg := m.Config
	if err := cfg.CheckPlatforms(); err != nil {
		return nil, badInputError{err}
	}
	for _, p := range []string{"slack", "discord"} {
		if why, off := cfg.platformsOff()[p]; off {
			m.logger.Info(p+" off", "why", why)
		}
	}
	if cfg.Discord.Command == "" {
		cfg.Discord.Command = DefaultConfig().Discord.Command
	}
	met := newMetrics()
	logger := slog.New(errorCounter{next: m.logger.Handler(), metrics: met})
	loc, err := time.LoadLocation(cfg.Digest.Timezone)
	if err != nil {
		return nil, badInputError{fmt.Errorf("config: digest.timezone: %w", err)}
	}
	k, err := knowledge.New(db)
	if err != nil {
		return nil, err
	}
	s := &service{db: db, logger: logger, metrics: met, loc: loc}
	met.readGauges(s.readGauges)
	s.bot = bot.New(k, logger, m.now)
	s.bot.Observe = met.observe
	s.bot.Command = "/" + cfg.Discord.Command
	s.bot.Allow = bot.NewAllowList(cfg.Security.AllowChannels, cfg.Security.AllowUsers)
	if cfg.Slack.BotToken != "" {
		s.bot.Command = cfg.Slack.Command
		s.slack, err = slack.New(slack.Config{
			BotToken:      cfg.Slack.BotToken,
			SigningSecret: cfg.Slack.SigningSecret,
			AppToken:      cfg.Slack.AppToken,
			Command:       cfg.Slack.Command,
			APIURL:        cfg.Slack.APIURL,
			Public:        cfg.Slack.Public,
			AckTimeout:    cfg.Slack.AckTimeout,
			Replays:       db,
			Events:        db,
		}, s.bot, logger)
		if err != nil {
			return nil, badInputError{fmt.Errorf("config: %w", err)}
		}
	}
	if cfg.Discord.Token != "" {
		s.discord, err = discord.New(discord.Config{
			Token:          cfg.Discord.Token,
			APIURL:         cfg.Discord.APIURL,
			Command:        cfg.Discord.Command,
			MessageContent: cfg.Discord.MessageContent,
		}, s.bot, logger)
		if err != nil {
			return nil, badInputError{fmt.Errorf("config: %w", err)}
		}
	}
	targets := s.digestTargets(cfg, db)
	if len(targets) > 0 {
		hour, minute, err := bot.ParseClock(cfg.Digest.Time)
		if err != nil {
			return nil, badInputError{fmt.Errorf("config: digest.time: %w", err)}
		}
		s.sched = &bot.Scheduler{
			Digester: db, Log: db, Targets: targets,
			Hour: hour, Minute: minute, Location: loc, Quiet: cfg.Digest.Quiet,
			Logger: logger, Now: m.now, After: m.after, Observe: met.digest,
		}
	}
	if cfg.KB.Inbox != "" {
		s.inbox = newInbox(cfg.KB.Inbox, db, logger, met)
	}
	if len(cfg.Feeds) > 0 {
		s.feeds = m.follower(db, logger, met)
	}
	return s, nil
}

// component is one long-running part of serve.
type component struct {
	name string
	run  func(ctx context.Context) error
}

// runServe runs the enabled adapters, the digest scheduler, the inbox and
// the HTTP server (/healthz, /metrics, the Slack endpoints) until ctx ends,
// then shuts down gracefully: no new requests, the ones in flight answered,
// and the knowledge base closed by Close.
func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := commandFlags("serve")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: takes no arguments")
	}
	s, err := m.openService(ctx)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", s.healthz)
	mux.Handle("/metrics", s.metrics.handler(s.logger))
	var comps []component
	if s.slack != nil {
		mode := "socket"
		if m.Config.Slack.SigningSecret != "" {
			mux.Handle("/slack/commands", s.slack.Commands())
			mux.Handle("/slack/events", s.slack.Events())
			mode = "http"
			if m.Config.Slack.AppToken != "" {
				mode = "socket+http"
			}
		}
		s.logger.InfoContext(ctx, "slack adapter on", "mode", mode, "command", m.Config.Slack.Command)
		comps = append(comps, component{"slack", s.slack.Run})
	}
	if s.discord != nil {
		s.logger.InfoContext(ctx, "discord adapter on", "message_content", m.Config.Discord.MessageContent)
		comps = append(comps, component{"discord", s.runDiscord})
	}
	if s.slack == nil && s.discord == nil {
		s.logger.WarnContext(ctx, "no chat adapter configured (slack.bot_token, discord.token); serving /healthz and /metrics only")
	}
	if s.sched != nil {
		s.warnUnfinishedDigests(ctx)
		s.logger.InfoContext(ctx, "digest scheduled", "time", m.Config.Digest.Time, "timezone", s.loc.String(),
			"channels", len(s.sched.Targets), "quiet", s.sched.Quiet)
		comps = append(comps, component{"digest", s.sched.Run})
	}
	if s.inbox != nil {
		comps = append(comps, component{"inbox", s.inbox.run})
	}
	if s.feeds != nil {
		s.logger.InfoContext(ctx, "following feeds", "feeds", len(s.feeds.Sources))
		comps = append(comps, component{"feeds", s.feeds.Run})
	}
	if !s.db.ReadOnly() {
		comps = append(comps, component{"syntax backfill", s.parseBacklog})
	}

	ln, err := net.Listen("tcp", m.Config.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("serve: http.listen: %w", err)
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	s.logger.InfoContext(ctx, "listening", "addr", ln.Addr().String(), "db", s.db.Path())
	if m.listening != nil {
		m.listening <- ln.Addr().String()
	}
	return s.run(ctx, srv, ln, comps)
}

// run runs the components and the HTTP server until ctx ends or one of them
// stops, then shuts down in order: the HTTP server stops taking requests
// and finishes those in flight; then the adapters stop taking questions and
// finish the answers in flight, and the scheduler and the inbox stop.
func (s *service) run(ctx context.Context, srv *http.Server, ln net.Listener, comps []component) error {
	type result struct {
		name string
		err  error
	}
	runCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	results := make(chan result, len(comps)+1)
	for _, c := range comps {
		go func() { results <- result{c.name, c.run(runCtx)} }()
	}
	go func() {
		err := srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		results <- result{"http", err}
	}()
	pending := len(comps) + 1

	var first error
	fail := func(r result, early bool) {
		switch {
		case r.err != nil:
			s.logger.Error("stopped with an error", "component", r.name, "err", r.err)
			if first == nil {
				first = fmt.Errorf("serve: %s: %w", r.name, r.err)
			}
		case early && first == nil:
			first = fmt.Errorf("serve: %s stopped", r.name)
		}
	}
	select {
	case <-ctx.Done():
		s.logger.Info("shutting down")
	case r := <-results:
		pending--
		fail(r, true)
		s.logger.Error("a component stopped; shutting down", "component", r.name)
	}

	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.logger.Warn("http shutdown", "err", err)
	}
	stop()
	timeout := time.NewTimer(shutdownTimeout)
	defer timeout.Stop()
	for ; pending > 0; pending-- {
		select {
		case r := <-results:
			fail(r, false)
		case <-timeout.C:
			s.logger.Error("shutdown timed out", "waiting_for", pending)
			if first == nil {
				first = errors.New("serve: shutdown timed out")
			}
			return first
		}
	}
	s.logger.Info("stopped")
	return first
}

// warnUnfinishedDigests logs the digests of yesterday and today that were
// claimed but never marked posted: the process stopped between the two,
// and the post may or may not have gone out. They are not tried again.
func (s *service) warnUnfinishedDigests(ctx context.Context) {
	yesterday := time.Now().In(s.loc).AddDate(0, 0, -1)
	if s.sched.Now != nil {
		yesterday = s.sched.Now().In(s.loc).AddDate(0, 0, -1)
	}
	recs, err := s.db.Digests(ctx, yesterday.Format(time.DateOnly))
	if err != nil {
		s.logger.WarnContext(ctx, "digest log unreadable", "err", err)
		return
	}
	for _, r := range recs {
		if !r.Posted {
			s.logger.WarnContext(ctx, "digest claimed but not confirmed as posted; it is not posted again",
				"channel", r.Channel, "day", r.Day, "claimed_at", r.At)
		}
	}
}

// runDiscord holds the Discord gateway while this process holds the
// knowledge base's "discord" lease: Discord sends each event to every
// connection of a bot, so of several replicas on one PostgreSQL database
// one answers, and another takes over when it stops or dies. On SQLite it
// runs at once.
func (s *service) runDiscord(ctx context.Context) error {
	s.standby.Store(true)
	defer s.standby.Store(false)
	return s.db.Lead(ctx, "discord", func(leading bool) { s.standby.Store(!leading) }, s.discord.Run)
}

// health is the body of /healthz.
type health struct {
	Status   string          `json:"status"` // "ok" or "unhealthy"
	KB       string          `json:"kb"`     // "ok" or "unreachable"
	Adapters map[string]bool `json:"adapters"`
	// Standby lists the adapters that another replica runs: healthy here,
	// and not connected.
	Standby []string `json:"standby,omitempty"`
}

// connected reports, per enabled adapter, whether it is connected.
func (s *service) connected() map[string]bool {
	c := map[string]bool{}
	if s.slack != nil {
		c["slack"] = s.slack.Connected()
	}
	if s.discord != nil {
		c["discord"] = s.discord.Connected()
	}
	return c
}

// healthz answers 200 when the knowledge base answers and every enabled
// adapter is connected, else 503; the body says which part is down.
func (s *service) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	h := health{Status: "ok", KB: "ok", Adapters: s.connected()}
	if err := s.db.Ping(ctx); err != nil {
		s.logger.WarnContext(ctx, "healthz: knowledge base unreachable", "err", err)
		h.Status, h.KB = "unhealthy", "unreachable"
	}
	if s.discord != nil && s.standby.Load() && !h.Adapters["discord"] {
		h.Adapters["discord"] = true
		h.Standby = append(h.Standby, "discord")
	}
	for _, up := range h.Adapters {
		if !up {
			h.Status = "unhealthy"
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if h.Status != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(h)
}

// readGauges reads the gauges of /metrics: the knowledge base's counts
// (the same query on either backend) and the adapters' connections.
func (s *service) readGauges(ctx context.Context) gauges {
	g := gauges{connected: s.connected()}
	if o, err := s.db.Overview(ctx); err == nil {
		g.kbUp, g.articles, g.sentences, g.claims = true, o.Articles, o.Sentences, o.Claims
	} else {
		s.logger.WarnContext(ctx, "metrics: knowledge base unreachable", "err", err)
	}
	if s.feeds != nil && g.kbUp {
		g.feeds, _ = s.db.Feeds(ctx)
	}
	return g
}

// postDigestNow posts today's digest to the configured channels that have
// not had it yet, through the scheduler's own path, and records it.
func (m *Main) postDigestNow(ctx context.Context) error {
	if len(m.Config.Digest.SlackChannels)+len(m.Config.Digest.DiscordChannels) == 0 {
		return usagef("digest --post: no channels configured (digest.slack_channels, digest.discord_channels)")
	}
	s, err := m.openService(ctx)
	if err != nil {
		return err
	}
	n, err := s.sched.PostNow(ctx)
	fmt.Fprintf(m.Stdout, "digest: today's digest done for %d of %d channels; the others had it already or failed\n",
		n, len(s.sched.Targets))
	return err
}

// digestTargets are the channels that get the daily digest: those of the
// digest section, and those of each feed for that feed's articles.
func (s *service) digestTargets(cfg Config, db *kb.DB) []bot.Target {
	var targets []bot.Target
	for _, ch := range cfg.Digest.SlackChannels {
		targets = append(targets, bot.Target{Platform: "slack", Channel: ch, Poster: s.slack})
	}
	for _, ch := range cfg.Digest.DiscordChannels {
		targets = append(targets, bot.Target{Platform: "discord", Channel: ch, Poster: s.discord})
	}
	for _, f := range cfg.Feeds {
		scope := "feed " + f.URL
		for _, ch := range f.Digest.SlackChannels {
			targets = append(targets, bot.Target{Platform: "slack", Channel: ch, Poster: s.slack,
				Digester: db.FeedDigester(f.URL), Scope: scope})
		}
		for _, ch := range f.Digest.DiscordChannels {
			targets = append(targets, bot.Target{Platform: "discord", Channel: ch, Poster: s.discord,
				Digester: db.FeedDigester(f.URL), Scope: scope})
		}
	}
	return targets
}

// parseBacklog stores the parse of the sentences that have none (see
// kb.DB.ParseBacklog) and then waits for the end: answers are the same
// meanwhile, the engine parses those sentences when it reads them. A
// failure is logged and left for the next start.
func (s *service) parseBacklog(ctx context.Context) error {
	n, err := s.db.ParseBacklog(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		s.logger.Warn("syntax backfill stopped; the next start goes on", "err", err)
	case n > 0:
		s.logger.Info("syntax backfill done", "sentences", n)
	}
	<-ctx.Done()
	return nil
}
