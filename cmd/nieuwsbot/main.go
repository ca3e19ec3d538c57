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
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

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
	// dbFrom says where DBPath came from: "--db", "NIEUWSBOT_DB",
	// "kb.path", or "" for the default location, the only one created.
	dbFrom  string
	NoSeed  bool
	Config  Config
	Command string
	Args    []string

	// Interactive is true when stdout is a terminal (progress bars, prompts).
	Interactive bool

	db     *kb.DB
	logger *slog.Logger

	// flags is the command's flag set once parsed; tests read it.
	flags *flag.FlagSet
	// readOnly is set by the commands that only read: they can use a
	// knowledge base they may not write.
	readOnly bool
	// interrupts delivers Ctrl-C (SIGINT). The chat handles it itself;
	// every other command ends on it. Nil: no signals (tests send their
	// own).
	interrupts <-chan os.Signal
	// chatKB, when set, wraps the knowledge base the chat asks; tests use
	// it to hold a question in progress.
	chatKB func(bot.KB) bot.KB

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
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	m.interrupts = interrupts
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

// ParseFlags reads the global flags, which may stand before or after the
// command, the configuration and the command.
func (m *Main) ParseFlags(args []string) error {
	var db pathFlag
	fs := flag.NewFlagSet("nieuwsbot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&db, "db", "knowledge base file or postgres:// URL")
	fs.StringVar(&m.ConfigPath, "config", "", "configuration file")
	fs.BoolVar(&m.NoSeed, "no-seed", false, "do not seed an empty knowledge base")
	version := fs.Bool("version", false, "print the version")
	help := fs.Bool("help", false, "show help")
	fs.BoolVar(help, "h", false, "show help")
	global, command, rest, err := splitArgs(args)
	if err == nil {
		err = fs.Parse(global)
	}
	if err != nil {
		return usagef("%v (see nieuwsbot --help)", err)
	}
	switch {
	case *version:
		fmt.Fprint(m.Stdout, versionText())
		return flag.ErrHelp
	case *help || command == "help" && len(rest) == 0:
		fmt.Fprint(m.Stdout, usage)
		return flag.ErrHelp
	case command == "help":
		return m.printHelp(rest[0])
	case command == "":
		fmt.Fprint(m.Stdout, usage)
		return usagef("no command given")
	}
	m.Command, m.Args = command, rest
	if db.set && strings.TrimSpace(db.value) == "" {
		return usagef("--db: empty path; give the knowledge base file, e.g. --db kb.db")
	}
	m.DBPath = db.value
	return m.configure()
}

// configure loads the configuration and picks the knowledge base.
func (m *Main) configure() error {
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
	m.dbFrom = "--db"
	if m.DBPath == "" {
		m.DBPath, m.dbFrom = m.Getenv("NIEUWSBOT_DB"), "NIEUWSBOT_DB"
	}
	if m.DBPath == "" {
		m.DBPath, m.dbFrom = m.Config.KB.Path, "kb.path"
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
		m.DBPath, m.dbFrom = filepath.Join(dir, "nieuwsbot", "kb.db"), ""
	}
	if !m.Config.KB.Seed {
		m.NoSeed = true
	}
	m.logger = newLogger(m.Stderr, m.Config.Log)
	return nil
}

// pathFlag is a string flag that knows whether it was given, so that an
// empty --db is an error rather than the default.
type pathFlag struct {
	value string
	set   bool
}

func (f *pathFlag) String() string     { return f.value }
func (f *pathFlag) Set(v string) error { f.value, f.set = v, true; return nil }

// globalValueFlags and globalBoolFlags are the flags of nieuwsbot itself.
var (
	globalValueFlags = map[string]bool{"db": true, "config": true}
	globalBoolFlags  = map[string]bool{"no-seed": true, "version": true}
)

// splitArgs separates the global flags from the command and its own
// arguments. Before the command every flag is global (help too); after
// it, the global flags are taken out wherever they stand, up to a "--",
// and the rest is the command's.
func splitArgs(args []string) (global []string, command string, rest []string, err error) {
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		global = append(global, a)
		if name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "="); globalValueFlags[name] && !hasValue && i+1 < len(args) {
			i++
			global = append(global, args[i])
		}
	}
	if i == len(args) {
		return global, "", nil, nil
	}
	command = args[i]
	for j := i + 1; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			rest = append(rest, args[j:]...)
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
		case globalBoolFlags[name]:
			global = append(global, a)
		case globalValueFlags[name] && hasValue:
			global = append(global, a)
		case globalValueFlags[name]:
			if j+1 == len(args) {
				return nil, "", nil, fmt.Errorf("flag needs an argument: %s", a)
			}
			global = append(global, a, args[j+1])
			j++
		default:
			rest = append(rest, a)
		}
	}
	return global, command, rest, nil
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
	if err := m.checkDBDir(); err != nil {
		return nil, err
	}
	db, err := kb.Open(ctx, m.DBPath, m.logger)
	if err != nil && m.readOnly && kb.IsNotWritable(err) {
		// A backup copy, a read-only mount: the commands that only read
		// read it as it is.
		ro, rerr := kb.OpenReadOnly(ctx, m.DBPath, m.logger)
		switch {
		case rerr == nil:
			db, err = ro, nil
			m.logger.Debug("knowledge base opened read-only", "path", m.DBPath)
		case !errors.Is(rerr, fs.ErrNotExist):
			err = rerr
		}
	}
	if err != nil {
		return nil, err
	}
	m.db = db
	if m.now != nil {
		db.Now = m.now
	}
	db.LeaseInterval = m.leaseInterval
	if !m.NoSeed && !db.ReadOnly() {
		if _, err := db.Seed(ctx, seeds.FS); err != nil {
			return nil, err
		}
	}
	return db, nil
}

// checkDBDir creates the default location on first use; a path the user
// gave must be in a directory that exists, so that a mistyped path is an
// error rather than a new, empty knowledge base.
func (m *Main) checkDBDir() error {
	if kb.IsPostgresURL(m.DBPath) {
		return nil
	}
	dir := filepath.Dir(m.DBPath)
	if m.dbFrom == "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("kb: create %s: %w", dir, err)
		}
		return nil
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return badInputError{fmt.Errorf("%s %s: directory %s does not exist", m.dbFrom, m.DBPath, dir)}
	case err != nil:
		return badInputError{fmt.Errorf("%s %s: %w", m.dbFrom, m.DBPath, unwrapPathError(err))}
	case !info.IsDir():
		return badInputError{fmt.Errorf("%s %s: %s is not a directory", m.dbFrom, m.DBPath, dir)}
	}
	return nil
}

// Run runs the command.
func (m *Main) Run(ctx context.Context) error {
	run, ok := commands[m.Command]
	if !ok {
		return usagef("unknown command %q (see nieuwsbot --help)", m.Command)
	}
	if m.interrupts != nil && m.Command != "chat" {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-m.interrupts:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	return run(m, ctx, m.Args)
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

// parseCommandFlags parses a subcommand's flags wherever they stand among
// its arguments (before a "--"), so "ask wie is borrell --json" is a JSON
// answer. -h and --help print the command's help.
func (m *Main) parseCommandFlags(fs *flag.FlagSet, args []string) error {
	m.flags = fs
	var pos []string
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' || isNumber(a) {
			pos = append(pos, a)
			args = args[1:]
			continue
		}
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return m.printHelp(fs.Name())
		} else if err != nil {
			return usagef("%s: %v (see nieuwsbot %s --help)", fs.Name(), err, fs.Name())
		}
		rest := fs.Args()
		if used := args[:len(args)-len(rest)]; len(used) > 0 && used[len(used)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		args = rest
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// isNumber reports whether an argument is a negative number ("-5"): a
// word of a question, not a flag.
func isNumber(a string) bool {
	_, err := strconv.ParseFloat(a, 64)
	return err == nil
}
