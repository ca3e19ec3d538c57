package main

import (
	"os"
	"strings"
	"testing"
)

// readmeExample is a command of the README with the output it shows.
type readmeExample struct {
	line int
	args []string
	want []string // nil: only run it
}

// readmeExamples reads the README's code blocks: "$ nieuwsbot ARGS"
// followed by its sample output, and "go run ./cmd/nieuwsbot ARGS".
func readmeExamples(text string) []readmeExample {
	var out []readmeExample
	inBlock := false
	var cur *readmeExample
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "```") {
			inBlock, cur = !inBlock, nil
			continue
		}
		if !inBlock {
			continue
		}
		switch {
		case strings.HasPrefix(l, "$ nieuwsbot "):
			out = append(out, readmeExample{line: i + 1, args: shellWords(strings.TrimPrefix(l, "$ nieuwsbot ")), want: []string{}})
			cur = &out[len(out)-1]
		case strings.HasPrefix(l, "go run ./cmd/nieuwsbot "):
			cmd, _, _ := strings.Cut(strings.TrimPrefix(l, "go run ./cmd/nieuwsbot "), "#")
			out = append(out, readmeExample{line: i + 1, args: shellWords(cmd)})
			cur = nil
		case cur != nil:
			cur.want = append(cur.want, l)
		}
	}
	return out
}

// shellWords splits a command line as a shell does for the README's
// commands: words, and "double-quoted" strings.
func shellWords(s string) []string {
	var words []string
	var b strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, b.String())
				b.Reset()
			}
			inWord = false
		default:
			b.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, b.String())
	}
	return words
}

// matchSample reports where the sample stops matching the output: its
// lines stand in the output in order, each right after the one before; a
// line ending in "…" stands for its start, and a line "…" for any lines.
func matchSample(want, got []string) (int, bool) {
	i, skip := 0, false
	for n, w := range want {
		if w == "…" {
			skip = true
			continue
		}
		prefix, isPrefix := strings.CutSuffix(w, "…")
		matches := func(l string) bool {
			return l == w || isPrefix && strings.HasPrefix(l, prefix)
		}
		for i < len(got) && skip && !matches(got[i]) {
			i++
		}
		if i == len(got) || !matches(got[i]) {
			return n, false
		}
		i, skip = i+1, false
	}
	return 0, true
}

// TestREADMEExamples runs the README's commands against the bundled seeds
// and checks that their sample output is what the binary prints.
func TestREADMEExamples(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(string(data))
	if len(examples) < 2 {
		t.Fatalf("found %d examples in README.md, want the go run line and the samples", len(examples))
	}
	env := map[string]string{"NIEUWSBOT_DB": cliDB(t)}
	for _, ex := range examples {
		r := cliRun(t, env, ex.args...)
		if r.code != 0 {
			t.Errorf("README.md:%d: nieuwsbot %q: exit %d, %q", ex.line, ex.args, r.code, r.stderr)
			continue
		}
		if ex.want == nil {
			continue
		}
		got := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if n, ok := matchSample(ex.want, got); !ok {
			t.Errorf("README.md:%d: the sample of nieuwsbot %q no longer matches at its line %q; the command prints:\n%s",
				ex.line, ex.args, ex.want[n], r.stdout)
		}
	}
}

func TestMatchSample(t *testing.T) {
	got := []string{"a", "b c", "d", "e"}
	for _, tt := range []struct {
		want []string
		ok   bool
	}{
		{[]string{"a", "b c"}, true},
		{[]string{"a", "b…", "…", "e"}, true},
		{[]string{"a", "d"}, false},
		{[]string{"a", "…", "x"}, false},
		{[]string{"b c"}, false},
	} {
		if _, ok := matchSample(tt.want, got); ok != tt.ok {
			t.Errorf("matchSample(%q) = %v, want %v", tt.want, ok, tt.ok)
		}
	}
}
