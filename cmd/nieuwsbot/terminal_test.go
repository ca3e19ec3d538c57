package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// hostileArticle carries terminal escape sequences: one that sets the
// window title (OSC … BEL), one that clears the screen, a C1 CSI, a
// carriage return and DEL.
const hostileArticle = "Hack bij waterschap\x1b]0;pwned\x07 Rijn\n\ndate 2026-05-30\n\n" +
	"DEN HAAG - Nederland beschuldigt Rusland\x1b[2J van de hack op waterschap Rijn.\r Het ministerie\u009b31m noemt de aanval ernstig\x7f.\n\n" +
	"https://www.nos.example/artikel/waterschap-rijn\n"

// TestCLIOutputStripsTerminalControls asks about an article full of escape
// sequences: what the CLI prints must hold none of them (ask printed them
// raw, so an article could set the window title or clear the screen).
func TestCLIOutputStripsTerminalControls(t *testing.T) {
	db := cliDB(t)
	file := filepath.Join(t.TempDir(), "waterschap.txt")
	if err := os.WriteFile(file, []byte(hostileArticle), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := cliRun(t, nil, "--db", db, "--no-seed", "ingest", "-q", file); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"ask", "wie beschuldigt Rusland?"},
		{"ask", "--explain", "wie beschuldigt Rusland?"},
		{"ask", "--json", "wie beschuldigt Rusland?"},
		{"digest", "--since", "100000h"},
		{"stats"},
		{"stats", "--json"},
	} {
		r := cliRun(t, nil, append([]string{"--db", db, "--no-seed"}, args...)...)
		if r.code != 0 {
			t.Fatalf("nieuwsbot %q: exit %d: %s", args, r.code, r.stderr)
		}
		for name, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
			if i := strings.IndexFunc(out, func(c rune) bool { return unicode.IsControl(c) && c != '\n' && c != '\t' }); i >= 0 {
				t.Errorf("nieuwsbot %q: %s holds control character %U: %q", args, name, []rune(out[i:])[0], out[max(0, i-20):min(len(out), i+20)])
			}
		}
		if args[0] == "ask" && !strings.Contains(r.stdout, "Nederland") {
			t.Errorf("nieuwsbot %q = %q, want the answer", args, r.stdout)
		}
		// JSON keeps the text as it stands, escaped: \u001b, \u009b.
		if len(args) > 1 && args[1] == "--json" {
			want := map[string]string{"ask": `\u001b[2J`, "stats": `\u009b31m`}[args[0]]
			if !json.Valid([]byte(r.stdout)) || !strings.Contains(r.stdout, want) {
				t.Errorf("nieuwsbot %q = %q, want valid JSON with %s", args, r.stdout, want)
			}
		}
	}
}
