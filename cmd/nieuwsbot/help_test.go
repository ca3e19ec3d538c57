package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// TestHelpGolden holds every help text: nieuwsbot --help and each
// command's -h and --help print it on stdout and exit 0.
func TestHelpGolden(t *testing.T) {
	names := []string{""}
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run("help_"+name, func(t *testing.T) {
			golden := filepath.Join("testdata", "help_"+name+".golden")
			if name == "" {
				golden = filepath.Join("testdata", "help.golden")
			}
			var runs [][]string
			if name == "" {
				runs = [][]string{{"--help"}, {"-h"}, {"help"}}
			} else {
				runs = [][]string{{name, "--help"}, {name, "-h"}, {"help", name}, {name, "x", "--help"}}
			}
			for i, args := range runs {
				r := cliRun(t, nil, args...)
				if r.code != 0 || r.stderr != "" {
					t.Errorf("nieuwsbot %q: exit %d, stderr %q; want 0 and nothing", args, r.code, r.stderr)
				}
				if i == 0 && *update {
					if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if r.stdout != string(want) {
					t.Errorf("nieuwsbot %q printed\n%s\nwant (%s)\n%s", args, r.stdout, golden, want)
				}
			}
		})
	}
}

// TestHelpNamesEveryFlag checks that every flag a command defines stands in
// its help, and every global flag in the top-level help.
func TestHelpNamesEveryFlag(t *testing.T) {
	for name, help := range helps {
		m := NewMain()
		m.Stdout, m.Stderr = new(strings.Builder), new(strings.Builder)
		m.Getenv = func(string) string { return "" }
		if err := m.ParseFlags([]string{name, "--help"}); err != nil {
			t.Fatalf("ParseFlags(%s --help) = %v", name, err)
		}
		if err := m.Run(t.Context()); err != flag.ErrHelp {
			t.Errorf("%s --help: Run = %v, want flag.ErrHelp", name, err)
		}
		if m.flags == nil || m.flags.Name() != name {
			t.Fatalf("%s --help did not parse the command's own flags", name)
		}
		line := usageLine(name)
		m.flags.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(help, flagName(f.Name)) {
				t.Errorf("the help of %s does not name its flag %s", name, flagName(f.Name))
			}
			if !strings.Contains(line, flagName(f.Name)) {
				t.Errorf("the top-level help's line of %s (%q) does not name its flag %s", name, line, flagName(f.Name))
			}
		})
		if !strings.Contains(help, "-h, --help") || !strings.HasPrefix(help, "Usage: nieuwsbot "+name) {
			t.Errorf("the help of %s does not start with its synopsis or lacks -h, --help", name)
		}
		if !strings.Contains(help, "Examples:\n  nieuwsbot ") {
			t.Errorf("the help of %s has no example", name)
		}
		if !strings.Contains(usage, "\n  "+name+" ") {
			t.Errorf("the top-level help does not list the command %s", name)
		}
	}
	for _, f := range append(slices.Collect(mapsKeys(globalValueFlags)), slices.Collect(mapsKeys(globalBoolFlags))...) {
		if !strings.Contains(usage, flagName(f)) {
			t.Errorf("the top-level help does not name the global flag %s", flagName(f))
		}
	}
}

// usageLine is the line of the top-level help that lists a command.
func usageLine(name string) string {
	for _, l := range strings.Split(usage, "\n") {
		if strings.HasPrefix(l, "  "+name+" ") {
			return l
		}
	}
	return ""
}

func mapsKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// TestFlagsAnywhere: the global flags count after the command too, and the
// flags of ask after the question.
func TestFlagsAnywhere(t *testing.T) {
	db := cliDB(t)
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	writeTestFile(t, cfg, []byte("kb:\n  seed: false\n"))
	for _, args := range [][]string{
		{"stats", "--db", db, "--config", cfg, "--json"},
		{"stats", "--json", "--db=" + db, "--config=" + cfg},
		{"--config", cfg, "stats", "--db", db, "--json"},
	} {
		r := cliRun(t, nil, args...)
		var o bot.Overview
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &o) != nil || o.Articles != 0 {
			t.Errorf("nieuwsbot %q = exit %d, %q, %q; want the empty (unseeded) database %s as JSON", args, r.code, r.stdout, r.stderr, db)
		}
	}
	seeded := cliDB(t)
	for _, args := range [][]string{
		{"ask", "wie is borrell", "--json", "--db", seeded},
		{"ask", "wie", "is", "borrell", "--json", "--db", seeded},
		{"ask", "--db", seeded, "wie", "--json", "is", "borrell"},
	} {
		r := cliRun(t, nil, args...)
		var a bot.Answer
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &a) != nil {
			t.Errorf("nieuwsbot %q = exit %d, %q, %q; want a JSON answer", args, r.code, r.stdout, r.stderr)
			continue
		}
		if a.Question != "wie is borrell" {
			t.Errorf("nieuwsbot %q answered the question %q, want %q", args, a.Question, "wie is borrell")
		}
	}
	// --explain after the question is a flag too, not words of it.
	r0 := cliRun(t, nil, "ask", "wie is borrell", "--explain", "--db", seeded)
	if r0.code != 0 || strings.Contains(r0.stdout+r0.stderr, "borrell --explain") || r0.stdout == "" {
		t.Errorf("ask \"wie is borrell\" --explain = exit %d, %q, %q; want the question without the flag explained", r0.code, r0.stdout, r0.stderr)
	}
	// After "--" everything is the question; a negative number is a word.
	r := cliRun(t, nil, "ask", "--db", seeded, "--json", "--", "wat", "is", "--json")
	var a bot.Answer
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &a) != nil || a.Question != "wat is --json" {
		t.Errorf("ask --json -- wat is --json = exit %d, %q; want the question %q", r.code, r.stdout, "wat is --json")
	}
	r = cliRun(t, nil, "ask", "--db", seeded, "--json", "waarom", "-5", "graden")
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &a) != nil || a.Question != "waarom -5 graden" {
		t.Errorf("ask --json waarom -5 graden = exit %d, %q %q; want the question %q", r.code, r.stdout, r.stderr, "waarom -5 graden")
	}
}

// TestDBPathErrors: a mistyped --db is an error naming the path, never a
// new database in new directories; an empty --db is an error; only the
// default location is created.
func TestDBPathErrors(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "geen", "map", "kb.db")
	cfg := filepath.Join(tmp, "config.yaml")
	writeTestFile(t, cfg, []byte("kb:\n  path: "+missing+"\n"))
	for _, tt := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--db", missing, "ask", "wie beschuldigt China?"}, nil, "--db " + missing},
		{[]string{"stats", "--db", missing}, nil, "does not exist"},
		{[]string{"stats"}, map[string]string{"NIEUWSBOT_DB": missing}, "NIEUWSBOT_DB " + missing},
		{[]string{"--config", cfg, "stats"}, nil, "kb.path " + missing},
		{[]string{"--db", "", "ask", "x"}, nil, "--db: empty path"},
		{[]string{"ask", "x", "--db="}, nil, "--db: empty path"},
	} {
		r := cliRun(t, tt.env, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("nieuwsbot %q = exit %d, %q; want 2 and an error with %q", tt.args, r.code, r.stderr, tt.want)
		}
		checkErrorLines(t, tt.args, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(tmp, "geen")); !os.IsNotExist(err) {
		t.Errorf("a mistyped --db created directories: %v", err)
	}
	home := filepath.Join(tmp, "data")
	r := cliRun(t, map[string]string{"XDG_DATA_HOME": home}, "--no-seed", "stats")
	if r.code != 0 {
		t.Fatalf("stats at the default location: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(home, "nieuwsbot", "kb.db")); err != nil {
		t.Errorf("the default location was not created: %v", err)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"ask", "--version"}} {
		r := cliRun(t, nil, args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("nieuwsbot %q = exit %d, %q", args, r.code, r.stderr)
		}
		for _, want := range []string{"nieuwsbot ", "language models: syntax-1 tagger-2 lemma-1 depparse-1 compound-1 ", "answer model: qa "} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("nieuwsbot %q printed %q, want it to hold %q", args, r.stdout, want)
			}
		}
	}
}
