package main

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseConfigErrorsNameTheKey(t *testing.T) {
	t.Setenv("NB_TEST_SECRET", "s3cr3t-value")
	for _, tt := range []struct {
		name, yaml, want string
	}{
		{"unknown top-level key", "kb: {}\nhtp:\n  listen: x\n", "unknown key htp"},
		{"unknown nested key", "kb:\n  pth: /tmp/kb.db\n", "unknown key kb.pth"},
		{"unknown deep key", "digest:\n  time: \"08:00\"\n  slack_chanels: [C1]\n", "unknown key digest.slack_chanels"},
		{"key twice", "log:\n  level: info\n  level: debug\n", "key log.level given twice"},
		{"bad time", "digest:\n  time: 8 uur\n", "digest.time"},
		{"hour 24", "digest:\n  time: \"24:00\"\n", "digest.time"},
		{"bad time zone", "digest:\n  timezone: Mars/Olympus\n", "digest.timezone"},
		{"empty time zone", "digest:\n  timezone: \"\"\n", "digest.timezone"},
		{"bad slack url", "slack:\n  api_url: ftp://example.org/api/\n", "slack.api_url"},
		{"slack url without slash", "slack:\n  api_url: http://127.0.0.1:9/api\n", "slack.api_url"},
		{"bad discord url", "discord:\n  api_url: not a url\n", "discord.api_url"},
		{"bad log level", "log:\n  level: loud\n", "log.level"},
		{"bad log format", "log:\n  format: xml\n", "log.format"},
		{"bool not bool", "kb:\n  seed: misschien\n", "kb.seed: must be true or false"},
		{"list not list", "digest:\n  slack_channels: C1\n", "digest.slack_channels: must be a list"},
		{"string not string", "slack:\n  command: [a, b]\n", "slack.command: must be a single value"},
		{"section not mapping", "slack: ja\n", "slack: must be a mapping"},
		{"slash command", "slack:\n  command: nieuws\n", "slack.command"},
		{"discord command", "discord:\n  command: Nieuws Bot\n", "discord.command"},
		{"http listen", "http:\n  listen: localhost\n", "http.listen"},
		{"slack without secret", "slack:\n  bot_token: xoxb-1\n", "slack.signing_secret"},
		{"bad app token", "slack:\n  bot_token: xoxb-1\n  app_token: ${NB_TEST_SECRET}\n", "slack.app_token"},
		{"slack channels without slack", "digest:\n  slack_channels: [C1]\n", "digest.slack_channels"},
		{"discord channels without discord", "digest:\n  discord_channels: [\"1\"]\n", "digest.discord_channels"},
		{"empty channel", "discord:\n  token: t\ndigest:\n  discord_channels: [\"\"]\n", "digest.discord_channels"},
		{"channel twice", "discord:\n  token: t\ndigest:\n  discord_channels: [\"1\", \"1\"]\n", "digest.discord_channels"},
		{"ack timeout zero", "slack:\n  ack_timeout: 0s\n", "slack.ack_timeout: 0s must be more than 0"},
		{"ack timeout negative", "slack:\n  ack_timeout: -1s\n", "slack.ack_timeout: -1s must be more than 0"},
		{"ack timeout past Slack's window", "slack:\n  ack_timeout: 3s\n", "slack.ack_timeout: 3s must be more than 0 and at most 2.9s"},
		{"ack timeout an hour", "slack:\n  ack_timeout: 1h\n", "slack.ack_timeout"},
		{"ack timeout without unit", "slack:\n  ack_timeout: 0\n", "slack.ack_timeout: must be a duration"},
		{"ack timeout not a duration", "slack:\n  ack_timeout: snel\n", "slack.ack_timeout: must be a duration"},
		{"missing variable", "kb:\n  path: ${NB_TEST_NOT_SET}\n", "NB_TEST_NOT_SET is not set"},
		{"feeds not a list", "feeds:\n  url: https://x.example/rss\n", "feeds: must be a list"},
		{"feed unknown key", "feeds:\n  - url: https://x.example/rss\n    intervl: 5m\n", "unknown key feeds.intervl"},
		{"feed without url", "feeds:\n  - name: x\n", "feeds[0].url"},
		{"feed file url", "feeds:\n  - url: file:///etc/passwd\n", "feeds[0].url"},
		{"feed twice", "feeds:\n  - url: https://x.example/rss\n  - url: https://x.example/rss\n", "feeds[1].url: \"https://x.example/rss\" is listed twice"},
		{"feed interval short", "feeds:\n  - url: https://x.example/rss\n    interval: 10ms\n", "feeds[0].interval"},
		{"feed interval not a duration", "feeds:\n  - url: https://x.example/rss\n    interval: vaak\n", "feeds"},
		{"feed digest without slack", "feeds:\n  - url: https://x.example/rss\n    digest:\n      slack_channels: [C1]\n", "feeds[0].digest.slack_channels"},
		{"fetch timeout", "fetch:\n  timeout: 0s\n", "fetch.timeout"},
		{"fetch max bytes", "fetch:\n  max_bytes: 10\n", "fetch.max_bytes"},
		{"fetch user agent", "fetch:\n  user_agent: \"\"\n", "fetch.user_agent"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// What only serve and digest --post need is checked by
			// CheckPlatforms.
			cfg, err := ParseConfig(strings.NewReader(tt.yaml))
			if err == nil {
				err = cfg.CheckPlatforms()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseConfig(%q) = %v, want an error containing %q", tt.yaml, err, tt.want)
			}
			if strings.Contains(err.Error(), "s3cr3t-value") {
				t.Errorf("ParseConfig(%q) error %q shows a secret", tt.yaml, err)
			}
		})
	}
}

func TestParseConfigExpandsEnvironment(t *testing.T) {
	t.Setenv("NB_TEST_BOT", "xoxb-123-abc")
	t.Setenv("NB_TEST_SIGN", "abc: def # not a comment")
	t.Setenv("NB_TEST_DIR", "/srv/nieuws")
	cfg, err := ParseConfig(strings.NewReader(`
kb:
  path: ${NB_TEST_DIR}/kb.db
slack:
  bot_token: ${NB_TEST_BOT}
  signing_secret: "${NB_TEST_SIGN}"
discord:
  token: "plain"
digest:
  discord_channels: [123456789012345678]
  quiet: true
`))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.KB.Path = "/srv/nieuws/kb.db"
	want.Slack.BotToken = "xoxb-123-abc"
	want.Slack.SigningSecret = "abc: def # not a comment"
	want.Discord.Token = "plain"
	want.Digest.DiscordChannels = []string{"123456789012345678"}
	want.Digest.Quiet = true
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("ParseConfig = %+v, want %+v", cfg, want)
	}
}

func TestParseConfigEmptyKeepsDefaults(t *testing.T) {
	for _, in := range []string{"", "\n# nothing\n", "kb:\n"} {
		cfg, err := ParseConfig(strings.NewReader(in))
		if err != nil || !reflect.DeepEqual(cfg, DefaultConfig()) {
			t.Errorf("ParseConfig(%q) = %+v, %v; want the defaults", in, cfg, err)
		}
	}
}

// TestExampleConfig parses config.example.yaml and checks that it documents
// every key of Config.
func TestExampleConfig(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-example")
	t.Setenv("SLACK_SIGNING_SECRET", "example-secret")
	t.Setenv("DISCORD_TOKEN", "example-token")
	cfg, err := LoadConfig("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Slack.BotToken != "xoxb-example" || cfg.Digest.Time != "08:00" || cfg.Digest.Timezone != "Europe/Amsterdam" {
		t.Errorf("example config = %+v, want the documented values", cfg)
	}
	data, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range configKeys(reflect.TypeOf(Config{}), "") {
		section, name, _ := strings.Cut(key, ".")
		section, list := strings.CutSuffix(section, "[]")
		i := strings.Index(string(data), "\n"+section+":")
		documented := i >= 0 && strings.Contains(sectionText(string(data[i+1:])), "\n  "+name+":")
		if list {
			// A key of a list's items ("feeds[].digest.slack_channels"):
			// the example shows it in a commented item.
			parts := strings.Split(name, ".")
			documented = i >= 0 && strings.Contains(sectionText(string(data[i+1:])), " "+parts[len(parts)-1]+":")
		}
		if !documented {
			t.Errorf("config.example.yaml does not document %s", key)
		}
	}
}

// configKeys lists the dotted keys of a config struct.
func configKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := prefix + f.Tag.Get("yaml")
		if f.Type.Kind() == reflect.Struct {
			keys = append(keys, configKeys(f.Type, name+".")...)
			continue
		}
		if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct {
			keys = append(keys, configKeys(f.Type.Elem(), name+"[].")...)
			continue
		}
		keys = append(keys, name)
	}
	return keys
}

// sectionText returns a top-level section of YAML text up to the next one.
func sectionText(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && l != "" && l[0] != ' ' && l[0] != '#' {
			break
		}
		b.WriteString("\n" + l)
	}
	return b.String()
}

func TestParseConfigFeeds(t *testing.T) {
	in := `slack:
  bot_token: xoxb-1
  signing_secret: s
feeds:
  - url: https://omroep.example/rss.xml
    name: Omroep
    interval: 5m
    digest:
      slack_channels: [C1]
  - url: https://tech.example/atom.xml
fetch:
  min_gap: 2s
`
	cfg, err := ParseConfig(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []FeedConfig{
		{URL: "https://omroep.example/rss.xml", Name: "Omroep", Interval: 5 * time.Minute, Digest: FeedDigestConfig{SlackChannels: []string{"C1"}}},
		{URL: "https://tech.example/atom.xml"},
	}
	if !reflect.DeepEqual(cfg.Feeds, want) || cfg.Fetch.MinGap != 2*time.Second || cfg.Fetch.Timeout != DefaultConfig().Fetch.Timeout {
		t.Errorf("ParseConfig feeds = %+v, fetch %+v; want %+v", cfg.Feeds, cfg.Fetch, want)
	}
}
