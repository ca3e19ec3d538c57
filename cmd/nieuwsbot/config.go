package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
)

// Config is the YAML configuration; config.example.yaml documents every key.
type Config struct {
	KB       KBConfig       `yaml:"kb"`
	HTTP     HTTPConfig     `yaml:"http"`
	Slack    SlackConfig    `yaml:"slack"`
	Discord  DiscordConfig  `yaml:"discord"`
	Digest   DigestConfig   `yaml:"digest"`
	Log      LogConfig      `yaml:"log"`
	Security SecurityConfig `yaml:"security"`
	Feeds    []FeedConfig   `yaml:"feeds"`
	Fetch    FetchConfig    `yaml:"fetch"`

	// unset names, by key, the environment variables of the slack and
	// discord sections that were not set: they leave a platform off.
	unset map[string]string
}

// FeedConfig is a feed (RSS, Atom or JSON Feed) that serve follows.
type FeedConfig struct {
	URL      string        `yaml:"url"`
	Name     string        `yaml:"name"`
	Interval time.Duration `yaml:"interval"` // zero: feed.DefaultInterval
	// Digest lists channels that get a daily digest of this feed's
	// articles alone, beside digest.*_channels (which get all).
	Digest FeedDigestConfig `yaml:"digest"`
}

// FeedDigestConfig names the digest channels of one feed.
type FeedDigestConfig struct {
	SlackChannels   []string `yaml:"slack_channels"`
	DiscordChannels []string `yaml:"discord_channels"`
}

// FetchConfig is how feeds and article pages are fetched (serve's feeds
// and ingest URL alike).
type FetchConfig struct {
	UserAgent string        `yaml:"user_agent"`
	MinGap    time.Duration `yaml:"min_gap"` // between two requests to one host
	Timeout   time.Duration `yaml:"timeout"` // one request, body included
	MaxBytes  int64         `yaml:"max_bytes"`
}

// KBConfig configures the knowledge base.
type KBConfig struct {
	Path  string `yaml:"path"`
	Seed  bool   `yaml:"seed"`
	Inbox string `yaml:"inbox"`
}

// HTTPConfig configures the HTTP server of serve.
type HTTPConfig struct {
	Listen string `yaml:"listen"`
}

// SlackConfig configures the Slack adapter; it is on when bot_token is set.
type SlackConfig struct {
	BotToken      string        `yaml:"bot_token"`
	SigningSecret string        `yaml:"signing_secret"`
	AppToken      string        `yaml:"app_token"`
	Command       string        `yaml:"command"`
	APIURL        string        `yaml:"api_url"`
	Public        bool          `yaml:"public"`
	AckTimeout    time.Duration `yaml:"ack_timeout"`
}

// DiscordConfig configures the Discord adapter; it is on when token is set.
type DiscordConfig struct {
	Token          string `yaml:"token"`
	APIURL         string `yaml:"api_url"`
	Command        string `yaml:"command"`
	MessageContent bool   `yaml:"message_content"`
}

// DigestConfig configures the daily digest.
type DigestConfig struct {
	Time            string   `yaml:"time"`
	Timezone        string   `yaml:"timezone"`
	SlackChannels   []string `yaml:"slack_channels"`
	DiscordChannels []string `yaml:"discord_channels"`
	Quiet           bool     `yaml:"quiet"`
}

// LogConfig configures logging.
type LogConfig struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"`
}

// SecurityConfig limits who may use the bot.
type SecurityConfig struct {
	// AllowChannels and AllowUsers are channel and user ids the bot answers
	// (Slack and Discord ids alike); an empty list allows all.
	AllowChannels []string `yaml:"allow_channels"`
	AllowUsers    []string `yaml:"allow_users"`
}

// DefaultAckTimeout is how long a slash command waits for its answer
// before Slack gets an empty acknowledgement and the answer follows on
// response_url: short, so acknowledgements stay fast when many questions
// arrive at once (Slack allows 3 s).
const DefaultAckTimeout = 20 * time.Millisecond

// DefaultConfig returns the configuration used for keys a file leaves out.
func DefaultConfig() Config {
	return Config{
		KB:      KBConfig{Seed: true},
		HTTP:    HTTPConfig{Listen: "127.0.0.1:8080"},
		Slack:   SlackConfig{Command: "/nieuws", Public: true, AckTimeout: DefaultAckTimeout},
		Discord: DiscordConfig{Command: "nieuws"},
		Digest:  DigestConfig{Time: "08:00", Timezone: "Europe/Amsterdam"},
		Log:     LogConfig{Level: "info", Format: "text"},
		Fetch: FetchConfig{UserAgent: feed.DefaultUserAgent, MinGap: feed.DefaultMinGap,
			Timeout: feed.DefaultTimeout, MaxBytes: feed.DefaultMaxBytes},
	}
}

// minFeedInterval is the shortest interval a feed may be polled at.
const minFeedInterval = time.Second

// validateFeeds checks the feeds and fetch keys.
func (c Config) validateFeeds() error {
	seen := map[string]bool{}
	for i, f := range c.Feeds {
		key := fmt.Sprintf("feeds[%d]", i)
		if _, err := feed.CheckURL(f.URL); err != nil || f.URL == "" {
			return fmt.Errorf("config: %s.url: %q is not an http(s) URL", key, f.URL)
		}
		if seen[f.URL] {
			return fmt.Errorf("config: %s.url: %q is listed twice", key, f.URL)
		}
		seen[f.URL] = true
		if f.Interval != 0 && f.Interval < minFeedInterval {
			return fmt.Errorf("config: %s.interval: %s is shorter than %s", key, f.Interval, minFeedInterval)
		}
		for sub, chans := range map[string][]string{"slack_channels": f.Digest.SlackChannels, "discord_channels": f.Digest.DiscordChannels} {
			if err := checkIDs(key+".digest."+sub, "a channel id", chans); err != nil {
				return err
			}
		}
	}
	switch {
	case c.Fetch.MinGap < 0:
		return fmt.Errorf("config: fetch.min_gap: %s is negative", c.Fetch.MinGap)
	case c.Fetch.Timeout <= 0:
		return fmt.Errorf("config: fetch.timeout: %s must be positive", c.Fetch.Timeout)
	case c.Fetch.MaxBytes < 1<<10:
		return fmt.Errorf("config: fetch.max_bytes: %d is less than 1024", c.Fetch.MaxBytes)
	case strings.TrimSpace(c.Fetch.UserAgent) == "" || strings.ContainsAny(c.Fetch.UserAgent, "\r\n"):
		return errors.New("config: fetch.user_agent: must be one line, e.g. nieuwsbot/1.0 (+https://your-newsroom/contact)")
	}
	return nil
}

// checkIDs checks a list of channel or user ids: no blanks, no doubles.
func checkIDs(key, what string, ids []string) error {
	seen := map[string]bool{}
	for _, id := range ids {
		switch {
		case strings.TrimSpace(id) == "" || strings.ContainsAny(id, " \t\r\n"):
			return fmt.Errorf("config: %s: %q is not %s", key, id, what)
		case seen[id]:
			return fmt.Errorf("config: %s: %q is listed twice", key, id)
		}
		seen[id] = true
	}
	return nil
}

var discordCommand = regexp.MustCompile(`^[-_a-z0-9]{1,32}$`)

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// ParseConfig reads a YAML configuration over the defaults. ${VAR} in a
// value expands from the environment (after parsing, so a value can never
// change the YAML's structure). Unknown keys are errors.
func ParseConfig(r io.Reader) (Config, error) {
	var secrets []secretValue
	cfg, err := parseConfig(r, &secrets)
	if err != nil {
		err = redactError(err, secrets)
	}
	return cfg, err
}

// secretValue is the value a secret-looking environment variable expanded
// to, kept to keep it out of error messages.
type secretValue struct{ name, value string }

// secretName matches environment variable names that hold secrets.
var secretName = regexp.MustCompile(`(?i)TOKEN|SECRET|PASS|KEY|CREDENTIAL|AUTH`)

// redactError replaces every secret value in err's message by the ${VAR}
// it came from: a secret put under the wrong key must not reach a terminal
// or a log through the error that quotes the key's value.
func redactError(err error, secrets []secretValue) error {
	msg := err.Error()
	redacted := msg
	for _, s := range secrets {
		redacted = strings.ReplaceAll(redacted, s.value, "${"+s.name+"}")
	}
	if redacted == msg {
		return err
	}
	return errors.New(redacted)
}

func parseConfig(r io.Reader, secrets *[]secretValue) (Config, error) {
	cfg := DefaultConfig()
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	if err := checkKeys(&root, reflect.TypeOf(cfg), ""); err != nil {
		return cfg, err
	}
	var missing []string
	unset := map[string]string{}
	expandNode(&root, "", &missing, unset, secrets)
	if len(missing) > 0 {
		return cfg, fmt.Errorf("config: environment variable %s is not set", strings.Join(missing, ", "))
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(&root); err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	dec := yaml.NewDecoder(&buf)
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, fmt.Errorf("config: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(unset) > 0 {
		cfg.unset = unset
	}
	return cfg, cfg.Validate()
}

// checkKeys walks the YAML tree along the Config struct and reports the
// first unknown key or value of the wrong shape, naming the key in full
// ("digest.slack_channels"). Values are never quoted: they may be secrets.
func checkKeys(n *yaml.Node, t reflect.Type, key string) error {
	if n.Kind == 0 {
		return nil // no document: only comments
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if err := checkKeys(c, t, key); err != nil {
				return err
			}
		}
		return nil
	}
	if n.Kind == yaml.AliasNode {
		return fmt.Errorf("config: line %d: %s: YAML aliases are not supported", n.Line, keyName(key))
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // an empty value keeps the default
	}
	if t == reflect.TypeOf(time.Duration(0)) {
		// A bare number ("0", "5") has no unit: YAML reads it as a number,
		// which is no duration.
		_, err := time.ParseDuration(n.Value)
		bare := n.Tag == "!!int" || n.Tag == "!!float"
		if n.Kind != yaml.ScalarNode || bare || err != nil && !envRef.MatchString(n.Value) {
			return fmt.Errorf("config: line %d: %s: must be a duration like 30s, 10m or 1h", n.Line, key)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("config: line %d: %s: must be a mapping of keys", n.Line, keyName(key))
		}
		fields := map[string]reflect.Type{}
		for i := range t.NumField() {
			f := t.Field(i)
			if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" && tag != "-" {
				fields[tag] = f.Type
			}
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := k.Value
			if key != "" {
				name = key + "." + k.Value
			}
			ft, ok := fields[k.Value]
			if !ok {
				return fmt.Errorf("config: line %d: unknown key %s", k.Line, name)
			}
			if seen[k.Value] {
				return fmt.Errorf("config: line %d: key %s given twice", k.Line, name)
			}
			seen[k.Value] = true
			if err := checkKeys(v, ft, name); err != nil {
				return err
			}
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("config: line %d: %s: must be a single value", n.Line, key)
		}
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
			return fmt.Errorf("config: line %d: %s: must be true or false", n.Line, key)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("config: line %d: %s: must be a list, e.g. [\"C0123\"]", n.Line, key)
		}
		for _, c := range n.Content {
			if err := checkKeys(c, t.Elem(), key); err != nil {
				return err
			}
		}
	}
	return nil
}

func keyName(key string) string {
	if key == "" {
		return "the configuration"
	}
	return key
}

// expandNode expands ${VAR} in the values below n, whose key is key. A
// variable that is not set is an error (in missing), except in the slack
// and discord sections: there it leaves the value empty (noted in unset),
// so that one platform's secrets are not needed to use the other, or
// none.
func expandNode(n *yaml.Node, key string, missing *[]string, unset map[string]string, secrets *[]secretValue) {
	switch n.Kind {
	case yaml.ScalarNode:
		n.Value = envRef.ReplaceAllStringFunc(n.Value, func(m string) string {
			name := envRef.FindStringSubmatch(m)[1]
			v, ok := os.LookupEnv(name)
			switch {
			case !ok && platformKey(key):
				unset[key] = name
			case !ok:
				*missing = append(*missing, name)
			}
			if len(v) >= 4 && secretName.MatchString(name) {
				*secrets = append(*secrets, secretValue{name, v})
			}
			return v
		})
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			sub := n.Content[i].Value
			if key != "" {
				sub = key + "." + sub
			}
			expandNode(n.Content[i+1], sub, missing, unset, secrets)
		}
	default:
		for _, c := range n.Content {
			expandNode(c, key, missing, unset, secrets)
		}
	}
}

// platformKey reports whether a key belongs to a platform's section.
func platformKey(key string) bool {
	return strings.HasPrefix(key, "slack.") || strings.HasPrefix(key, "discord.")
}

// LoadConfig reads the configuration file at path.
func LoadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return DefaultConfig(), fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	cfg, err := ParseConfig(f)
	if err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// Validate checks the values; its errors name the key.
func (c Config) Validate() error {
	if _, err := time.Parse("15:04", c.Digest.Time); err != nil {
		return fmt.Errorf("config: digest.time: %q is not a time like 08:00", c.Digest.Time)
	}
	if _, err := time.LoadLocation(c.Digest.Timezone); err != nil || c.Digest.Timezone == "" {
		return fmt.Errorf("config: digest.timezone: unknown time zone %q", c.Digest.Timezone)
	}
	if kb.IsPostgresURL(c.KB.Path) {
		if err := kb.CheckPostgresURL(c.KB.Path); err != nil {
			return fmt.Errorf("config: kb.path: %w", err)
		}
	}
	switch strings.ToLower(c.Log.Level) {
	case "debug", "info", "warn", "warning", "error":
	default:
		return fmt.Errorf("config: log.level: %q is not debug, info, warn or error", c.Log.Level)
	}
	switch strings.ToLower(c.Log.Format) {
	case "text", "json":
	default:
		return fmt.Errorf("config: log.format: %q is not text or json", c.Log.Format)
	}
	for key, u := range map[string]string{"slack.api_url": c.Slack.APIURL, "discord.api_url": c.Discord.APIURL} {
		if u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("config: %s: %q is not an http(s) URL", key, u)
		}
	}
	if c.Slack.APIURL != "" && !strings.HasSuffix(c.Slack.APIURL, "/") {
		return fmt.Errorf("config: slack.api_url: %q must end in /", c.Slack.APIURL)
	}
	if c.Slack.AckTimeout <= 0 || c.Slack.AckTimeout > slack.MaxAckTimeout {
		return fmt.Errorf("config: slack.ack_timeout: %s must be more than 0 and at most %s (Slack waits 3 s)", c.Slack.AckTimeout, slack.MaxAckTimeout)
	}
	if c.Slack.Command != "" && !strings.HasPrefix(c.Slack.Command, "/") {
		return fmt.Errorf("config: slack.command: %q must start with /", c.Slack.Command)
	}
	if c.Slack.AppToken != "" && !strings.HasPrefix(c.Slack.AppToken, "xapp-") {
		return errors.New("config: slack.app_token: must start with xapp-")
	}
	for key, chans := range map[string][]string{"digest.slack_channels": c.Digest.SlackChannels, "digest.discord_channels": c.Digest.DiscordChannels} {
		if err := checkIDs(key, "a channel id", chans); err != nil {
			return err
		}
	}
	for key, ids := range map[string][]string{"security.allow_channels": c.Security.AllowChannels, "security.allow_users": c.Security.AllowUsers} {
		if err := checkIDs(key, "an id", ids); err != nil {
			return err
		}
	}
	if c.Discord.Command != "" && !discordCommand.MatchString(c.Discord.Command) {
		return fmt.Errorf("config: discord.command: %q is not 1-32 lower-case letters, digits, - or _", c.Discord.Command)
	}
	if err := c.validateFeeds(); err != nil {
		return err
	}
	if strings.TrimSpace(c.HTTP.Listen) == "" {
		return errors.New("config: http.listen: required, e.g. 127.0.0.1:8080")
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
		return fmt.Errorf("config: http.listen: %q is not host:port", c.HTTP.Listen)
	}
	return nil
}

// slackOn and discordOn report whether a platform is on: its section
// holds its credentials.
func (c Config) slackOn() bool   { return c.Slack.BotToken != "" }
func (c Config) discordOn() bool { return c.Discord.Token != "" }

// platformsOff says, per platform that is off, why: for the one log line
// at start.
func (c Config) platformsOff() map[string]string {
	off := map[string]string{}
	for _, p := range []struct {
		name, key string
		on        bool
	}{{"slack", "slack.bot_token", c.slackOn()}, {"discord", "discord.token", c.discordOn()}} {
		if p.on {
			continue
		}
		why := p.key + " is empty"
		if v := c.unset[p.key]; v != "" {
			why += " (" + v + " is not set)"
		}
		off[p.name] = why
	}
	return off
}

// CheckPlatforms checks what talking to the platforms needs (serve and
// digest --post): the platforms that are on have what they need, and
// digests go only to platforms that are on. Other commands never need
// platform secrets.
func (c Config) CheckPlatforms() error {
	if c.slackOn() && c.Slack.AppToken == "" && c.Slack.SigningSecret == "" {
		return errors.New("config: slack.signing_secret: required to serve Slack's HTTP endpoints (or set slack.app_token for Socket Mode)")
	}
	off := c.platformsOff()
	check := func(key, platform string, chans []string) error {
		if why, isOff := off[platform]; isOff && len(chans) > 0 {
			return fmt.Errorf("config: %s: %s is off (%s); remove the channels or give its credentials", key, platform, why)
		}
		return nil
	}
	if err := check("digest.slack_channels", "slack", c.Digest.SlackChannels); err != nil {
		return err
	}
	if err := check("digest.discord_channels", "discord", c.Digest.DiscordChannels); err != nil {
		return err
	}
	for i, f := range c.Feeds {
		key := fmt.Sprintf("feeds[%d].digest", i)
		if err := check(key+".slack_channels", "slack", f.Digest.SlackChannels); err != nil {
			return err
		}
		if err := check(key+".discord_channels", "discord", f.Digest.DiscordChannels); err != nil {
			return err
		}
	}
	return nil
}
