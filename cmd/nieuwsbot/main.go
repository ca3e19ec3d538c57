// Command nieuwsbot answers questions about the news it has read, in the
// terminal, in Slack and in Discord, and posts a daily digest.
//
// Usage: nieuwsbot [--db PATH] [--config FILE] [--no-seed] COMMAND [ARGS]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

const usage = `nieuwsbot — answers questions about the news it has read

Usage:
  nieuwsbot [--db PATH] [--config FILE] [--no-seed] COMMAND [ARGS]

Commands:
  ask [--json] QUESTION…     answer one question
  chat                        ask questions interactively
  ingest PATH…                add article files or directories to the knowledge base
  digest [--since DUR] [--post]  print (or post) the digest of what came in
  serve                       run the Slack and Discord adapters, the digest and /healthz
  eval FILE                   score the answers to a question file (JSON lines)
  stats                       what the knowledge base holds
  copy SRC DST                copy a knowledge base, SQLite to PostgreSQL or back (resumable)

Global flags:
  --db PATH|URL    the SQLite knowledge base file, or a PostgreSQL database as a
                   postgres:// URL (env NIEUWSBOT_DB; default kb.path, else the user data dir)
  --config FILE    YAML configuration (see config.example.yaml)
  --no-seed        do not fill a new, empty knowledge base with the bundled articles
`

// usageError is a mistake in how the command was called: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Main is the program: flags, configuration and the open knowledge base.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	DBPath     string
	ConfigPath string
	NoSeed     bool
	Config     Config
	Command    string
	Args       []string

	// Interactive is true when stdout is a terminal (progress bars, prompts).
	Interactive bool

	db     *kb.DB
	logger *slog.Logger

	// now and after are the clock of serve and digest (the knowledge base's
	// added times, the scheduler, the bot); tests replace them. Nil means
	// time.Now and time.After.
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
	// leaseInterval, when set, is the knowledge base's LeaseInterval.
	leaseInterval time.Duration
	// listening, when set, receives the address serve's HTTP server
	// listens on, once it does.
	listening chan<- string
}

// NewMain returns a Main wired to the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Config: DefaultConfig()}
}

func main() {
	m := NewMain()
	m.Interactive = isTerminal(os.Stdout)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := m.ParseFlags(os.Args[1:])
	if err == nil {
		err = m.Run(ctx)
	}
	stop()
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	os.Exit(m.exitCode(err))
}

// exitCode prints err on one line and maps it to the exit code: 0 success,
// 1 runtime error, 2 usage or bad input.
func (m *Main) exitCode(err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(m.Stderr, "nieuwsbot:", oneLine(err.Error()))
	var ue usageError
	var be badInputError
	if errors.As(err, &ue) || errors.As(err, &be) {
		return 2
	}
	return 1
}

// badInputError is input that cannot be used: exit code 2.
type badInputError struct{ err error }

func (e badInputError) Error() string { return e.err.Error() }
func (e badInputError) Unwrap() error { return e.err }

func oneLine(s string) string {
	return terminalSafe(strings.Join(strings.Fields(s), " "))
}

// ParseFlags reads the global flags, the configuration and the command.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("nieuwsbot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&m.DBPath, "db", "", "knowledge base file or postgres:// URL")
	fs.StringVar(&m.ConfigPath, "config", "", "configuration file")
	fs.BoolVar(&m.NoSeed, "no-seed", false, "do not seed an empty knowledge base")
	help := fs.Bool("help", false, "show help")
	fs.BoolVar(help, "h", false, "show help")
	if err := fs.Parse(args); err != nil {
		return usagef("%v (see nieuwsbot --help)", err)
	}
	if *help || fs.NArg() == 0 || fs.Arg(0) == "help" {
		fmt.Fprint(m.Stdout, usage)
		if fs.NArg() == 0 && !*help {
			return usagef("no command given")
		}
		return flag.ErrHelp
	}
	m.Command, m.Args = fs.Arg(0), fs.Args()[1:]
	if m.ConfigPath == "" {
		m.ConfigPath = m.Getenv("NIEUWSBOT_CONFIG")
	}
	if m.ConfigPath != "" {
		cfg, err := LoadConfig(m.ConfigPath)
		if err != nil {
			return badInputError{err}
		}
		m.Config = cfg
	}
	if m.DBPath == "" {
		m.DBPath = m.Getenv("NIEUWSBOT_DB")
	}
	if m.DBPath == "" {
		m.DBPath = m.Config.KB.Path
	}
	if kb.IsPostgresURL(m.DBPath) {
		if err := kb.CheckPostgresURL(m.DBPath); err != nil {
			return badInputError{fmt.Errorf("--db: %w", err)}
		}
	}
	if m.DBPath == "" {
		dir := m.Getenv("XDG_DATA_HOME")
		if dir == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return fmt.Errorf("no --db given and no user data directory: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
		m.DBPath = filepath.Join(dir, "nieuwsbot", "kb.db")
	}
	if !m.Config.KB.Seed {
		m.NoSeed = true
	}
	m.logger = newLogger(m.Stderr, m.Config.Log)
	return nil
}

// newLogger builds the process's logger from the log config.
func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	switch strings.ToLower(c.Level) {
	case "debug":
		level = slog.LevelDebug
	case "warn", "warning":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(c.Format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openDB opens the knowledge base, seeding a new, empty one.
func (m *Main) openDB(ctx context.Context) (*kb.DB, error) {
	if m.db != nil {
		return m.db, nil
	}
	db, err := kb.Open(ctx, m.DBPath, m.logger)
	if err != nil {
		return nil, err
	}
	m.db = db
	if m.now != nil {
		db.Now = m.now
	}
	db.LeaseInterval = m.leaseInterval
	if !m.NoSeed {
		if _, err := db.Seed(ctx, seeds.FS); err != nil {
			return nil, err
		}
	}
	return db, nil
}

// Run runs the command.
func (m *Main) Run(ctx context.Context) error {
	switch m.Command {
	case "ask":
		return m.runAsk(ctx, m.Args)
	case "chat":
		return m.runChat(ctx, m.Args)
	case "ingest":
		return m.runIngest(ctx, m.Args)
	case "digest":
		return m.runDigest(ctx, m.Args)
	case "serve":
		return m.runServe(ctx, m.Args)
	case "copy":
		return m.runCopy(ctx, m.Args)
	case "eval":
		return m.runEval(ctx, m.Args)
	case "stats":
		return m.runStats(ctx, m.Args)
	}
	return usagef("unknown command %q (see nieuwsbot --help)", m.Command)
}

// Close closes the knowledge base.
func (m *Main) Close() error {
	if m.db != nil {
		err := m.db.Close()
		m.db = nil
		return err
	}
	return nil
}

// commandFlags returns a flag set for a subcommand that reports errors as
// usage errors.
func commandFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseCommandFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}
