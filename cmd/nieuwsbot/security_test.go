package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
)

// fuzzSecret is what a secret-looking environment variable holds while the
// config fuzz target runs; no error message may show it.
const fuzzSecret = "s3cr3t-7f1e9a2b-fuzz"

// FuzzParseConfig parses arbitrary YAML: never a panic, and an error never
// quotes a value that came from a secret's ${VAR}, whatever key the secret
// was put under.
func FuzzParseConfig(f *testing.F) {
	os.Setenv("NIEUWSBOT_FUZZ_TOKEN", fuzzSecret)
	os.Setenv("NIEUWSBOT_FUZZ_PLAIN", "plain-value")
	for _, s := range []string{
		"",
		"slack:\n  bot_token: ${NIEUWSBOT_FUZZ_TOKEN}\n  signing_secret: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"digest:\n  time: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"digest:\n  timezone: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"log:\n  level: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"log:\n  format: x${NIEUWSBOT_FUZZ_TOKEN}x\n",
		"slack:\n  api_url: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"slack:\n  command: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"slack:\n  public: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"discord:\n  command: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"http:\n  listen: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"security:\n  allow_channels: [\"${NIEUWSBOT_FUZZ_TOKEN} x\"]\n",
		"security:\n  allow_users: [U1, U1]\n",
		"digest:\n  slack_channels: [C1]\nslack:\n  bot_token: ${NIEUWSBOT_FUZZ_PLAIN}\n  app_token: xapp-1\n",
		"kb: &a\n  path: x\nlog: *a\n",
		"unknown: ${NIEUWSBOT_FUZZ_TOKEN}\n",
		"digest:\n  time: ${NIEUWSBOT_NOT_SET}\n",
		"[1, 2",
		"\x00\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, err := ParseConfig(strings.NewReader(in))
		if err == nil {
			return
		}
		if strings.Contains(err.Error(), fuzzSecret) && !strings.Contains(in, fuzzSecret) {
			t.Fatalf("ParseConfig(%q) error %q shows the secret", in, err)
		}
		if !strings.HasPrefix(err.Error(), "config: ") {
			t.Fatalf("ParseConfig(%q) error %q, want it to start with config:", in, err)
		}
	})
}

func TestParseConfigSecurity(t *testing.T) {
	tests := []struct {
		in       string
		channels []string
		users    []string
		err      string
	}{
		{"", nil, nil, ""},
		{"security:\n  allow_channels: [C1, C2]\n  allow_users: [U1]\n", []string{"C1", "C2"}, []string{"U1"}, ""},
		{"security:\n  allow_channels: []\n", []string{}, nil, ""},
		{"security:\n  allow_channels: [C1, C1]\n", nil, nil, "security.allow_channels"},
		{"security:\n  allow_users: [\"U 1\"]\n", nil, nil, "security.allow_users"},
		{"security:\n  allow_users: [\"\"]\n", nil, nil, "security.allow_users"},
		{"security:\n  allow_users: U1\n", nil, nil, "security.allow_users"},
		{"security:\n  deny_users: [U1]\n", nil, nil, "security.deny_users"},
	}
	for _, tt := range tests {
		cfg, err := ParseConfig(strings.NewReader(tt.in))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseConfig(%q) error = %v, want one naming %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseConfig(%q) error = %v", tt.in, err)
			continue
		}
		if strings.Join(cfg.Security.AllowChannels, ",") != strings.Join(tt.channels, ",") ||
			strings.Join(cfg.Security.AllowUsers, ",") != strings.Join(tt.users, ",") {
			t.Errorf("ParseConfig(%q).Security = %+v, want channels %q users %q", tt.in, cfg.Security, tt.channels, tt.users)
		}
	}
}

// TestParseConfigRedactsSecrets puts a secret under keys whose errors
// quote the value: the error names the variable instead.
func TestParseConfigRedactsSecrets(t *testing.T) {
	t.Setenv("MY_SIGNING_SECRET", "a1b2c3d4e5f6-signing")
	for _, in := range []string{
		"digest:\n  time: ${MY_SIGNING_SECRET}\n",
		"slack:\n  api_url: https://x/${MY_SIGNING_SECRET}\n",
		"http:\n  listen: ${MY_SIGNING_SECRET}\n",
		"security:\n  allow_users: [\"${MY_SIGNING_SECRET} \"]\n",
	} {
		_, err := ParseConfig(strings.NewReader(in))
		if err == nil {
			t.Errorf("ParseConfig(%q) = nil error, want one", in)
			continue
		}
		if strings.Contains(err.Error(), "a1b2c3d4e5f6") || !strings.Contains(err.Error(), "${MY_SIGNING_SECRET}") {
			t.Errorf("ParseConfig(%q) error = %q, want ${MY_SIGNING_SECRET} in place of the value", in, err)
		}
	}
}

// TestSlackHTTPNeedsSigningSecret: without a signing secret serve would
// expose unauthenticated Slack endpoints, so the config is refused unless
// Socket Mode replaces them.
func TestSlackHTTPNeedsSigningSecret(t *testing.T) {
	t.Setenv("T_SLACK_BOT_TOKEN", "xoxb-1-2-3")
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"slack:\n  bot_token: ${T_SLACK_BOT_TOKEN}\n", false},
		{"slack:\n  bot_token: ${T_SLACK_BOT_TOKEN}\n  signing_secret: \"\"\n", false},
		{"slack:\n  bot_token: ${T_SLACK_BOT_TOKEN}\n  signing_secret: abc\n", true},
		{"slack:\n  bot_token: ${T_SLACK_BOT_TOKEN}\n  app_token: xapp-1-2\n", true},
	} {
		cfg, err := ParseConfig(strings.NewReader(tt.in))
		if err == nil {
			err = cfg.CheckPlatforms()
		}
		if tt.ok != (err == nil) {
			t.Errorf("ParseConfig(%q) error = %v, want ok %v", tt.in, err, tt.ok)
		}
		if err != nil && (!strings.Contains(err.Error(), "slack.signing_secret") || strings.Contains(err.Error(), "xoxb-1-2-3")) {
			t.Errorf("ParseConfig(%q) error = %q, want it to name slack.signing_secret and not the token", tt.in, err)
		}
	}
}

// TestServeWiresAllowList checks that serve's bot answers only the
// configured channels and users.
func TestServeWiresAllowList(t *testing.T) {
	db, err := kb.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	m := NewMain()
	m.logger = slog.New(slog.DiscardHandler)
	m.Config.Security = SecurityConfig{AllowChannels: []string{"C1"}, AllowUsers: []string{"U1"}}
	s, err := m.wire(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		req     bot.Request
		refused bool
	}{
		{bot.Request{Platform: "slack", Channel: "C1", User: "U1", Text: "help"}, false},
		{bot.Request{Platform: "slack", Channel: "C2", User: "U1", Text: "help"}, true},
		{bot.Request{Platform: "discord", Channel: "C1", User: "U2", Text: "help"}, true},
	} {
		r := s.bot.Handle(context.Background(), tt.req)
		if got := r.Kind == bot.KindError; got != tt.refused {
			t.Errorf("Handle(%+v) = %v %q, want refused %v", tt.req, r.Kind, r.Text, tt.refused)
		}
	}
}

// TestDatabaseOwnerOnly checks that a new knowledge base file is readable
// by its owner only: it holds everything the newsroom fed it.
func TestDatabaseOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "kb.db")
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range []string{path, filepath.Dir(path), path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) && strings.HasSuffix(p, "-shm") {
			continue // SQLite may keep the shared memory elsewhere
		}
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has mode %v, want no access for group and others", p, perm)
		}
	}
}
