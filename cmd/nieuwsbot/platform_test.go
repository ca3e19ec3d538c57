package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

const exampleConfig = "../../config.example.yaml"

// unsetEnv unsets environment variables for the test.
func unsetEnv(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		t.Setenv(n, "") // restores the old value after the test
		os.Unsetenv(n)
	}
}

// TestExampleConfigNeedsNoSecrets: the example config, copied as it is,
// serves commands that talk to no platform without any platform secret.
func TestExampleConfigNeedsNoSecrets(t *testing.T) {
	unsetEnv(t, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN")
	cfg, err := LoadConfig(exampleConfig)
	if err != nil {
		t.Fatalf("LoadConfig(example) without platform secrets = %v", err)
	}
	if cfg.KB.Seed {
		t.Errorf("config.example.yaml has kb.seed true; the production example wants false")
	}
	db := cliDB(t)
	for _, args := range [][]string{
		{"--config", exampleConfig, "--db", db, "stats"},
		{"--config", exampleConfig, "--db", db, "ask", "wie beschuldigt China?"},
		{"--config", exampleConfig, "--db", db, "digest", "--since", "1d"},
	} {
		if r := cliRun(t, nil, args...); r.code != 0 {
			t.Errorf("nieuwsbot %q without platform secrets = exit %d, %q", args, r.code, r.stderr)
		}
	}
	// A Slack section that would not do for serve does not stop ask.
	half := filepath.Join(t.TempDir(), "half.yaml")
	writeTestFile(t, half, []byte("slack:\n  bot_token: xoxb-1\ndigest:\n  discord_channels: [\"1\"]\n"))
	if r := cliRun(t, nil, "--config", half, "--db", db, "stats"); r.code != 0 {
		t.Errorf("stats with a Slack section lacking its signing secret = exit %d, %q; want 0", r.code, r.stderr)
	}
	if r := cliRun(t, nil, "--config", half, "--db", db, "digest", "--post"); r.code != 2 || !strings.Contains(r.stderr, "slack.signing_secret") {
		t.Errorf("digest --post with that section = exit %d, %q; want 2 naming slack.signing_secret", r.code, r.stderr)
	}
}

// TestOnePlatform wires serve from the example config with one platform's
// secrets: that platform is on, the other off, said once in the log.
func TestOnePlatform(t *testing.T) {
	for _, tt := range []struct {
		name     string
		env      map[string]string
		on, off  string
		unsetVar string
	}{
		{"slack only", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_SIGNING_SECRET": "geheim"}, "slack", "discord", "DISCORD_TOKEN"},
		{"discord only", map[string]string{"DISCORD_TOKEN": "discord-token"}, "discord", "slack", "SLACK_BOT_TOKEN"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			unsetEnv(t, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := LoadConfig(exampleConfig)
			if err != nil {
				t.Fatalf("LoadConfig(example) = %v", err)
			}
			db, err := kb.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			var logs bytes.Buffer
			m := NewMain()
			m.Config = cfg
			m.logger = slog.New(slog.NewTextHandler(&logs, nil))
			s, err := m.wire(db)
			if err != nil {
				t.Fatalf("wire = %v", err)
			}
			if (s.slack != nil) != (tt.on == "slack") || (s.discord != nil) != (tt.on == "discord") {
				t.Errorf("wire: slack on %v, discord on %v; want only %s", s.slack != nil, s.discord != nil, tt.on)
			}
			want := "msg=\"" + tt.off + " off\""
			if n := strings.Count(logs.String(), want); n != 1 || !strings.Contains(logs.String(), tt.unsetVar+" is not set") {
				t.Errorf("log = %q; want %s once, saying %s is not set", logs.String(), want, tt.unsetVar)
			}
			if strings.Contains(logs.String(), tt.on+" off") {
				t.Errorf("log = %q says %s is off", logs.String(), tt.on)
			}
		})
	}
}

// TestOperationsPlatformConfigs: the Slack-only and Discord-only configs
// of docs/OPERATIONS.md parse and switch on their platform alone.
func TestOperationsPlatformConfigs(t *testing.T) {
	data, err := os.ReadFile("../../docs/OPERATIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "### One platform or both")
	section, _, _ = strings.Cut(section, "\n## ")
	var configs []string
	for _, part := range strings.Split(section, "```yaml\n")[1:] {
		yml, _, _ := strings.Cut(part, "```")
		configs = append(configs, yml)
	}
	if len(configs) != 2 {
		t.Fatalf("docs/OPERATIONS.md shows %d configs under One platform or both, want 2", len(configs))
	}
	unsetEnv(t, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN")
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-1-2")
	t.Setenv("SLACK_SIGNING_SECRET", "geheim")
	t.Setenv("DISCORD_TOKEN", "discord-token")
	for i, want := range []string{"slack", "discord"} {
		cfg, err := ParseConfig(strings.NewReader(configs[i]))
		if err == nil {
			err = cfg.CheckPlatforms()
		}
		if err != nil {
			t.Errorf("the %s-only config of docs/OPERATIONS.md: %v", want, err)
			continue
		}
		if cfg.slackOn() != (want == "slack") || cfg.discordOn() != (want == "discord") || cfg.KB.Seed {
			t.Errorf("the %s-only config: slack %v, discord %v, seed %v", want, cfg.slackOn(), cfg.discordOn(), cfg.KB.Seed)
		}
	}
}
