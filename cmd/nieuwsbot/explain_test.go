package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAskExplain checks that ask --explain tells a journalist, on stdout,
// how the question was understood, what was weighed and why the answer won
// or why there is none; and that --explain --json gives tools the same.
func TestAskExplain(t *testing.T) {
	db := cliDB(t)
	tests := []struct {
		question string
		found    bool
	}{
		{"wie beschuldigt China?", true},
		{"hoeveel pinguïns wonen op de maan?", false},
		{`"AND" OR NEAR( @everyone <!channel>`, false},
	}
	for _, tt := range tests {
		r := cliRun(t, nil, "--db", db, "ask", "--explain", tt.question)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("ask --explain %q: exit %d, stderr %q", tt.question, r.code, r.stderr)
		}
		for _, section := range []string{"Vraag: ", "Zo begrijp ik de vraag", "Gelezen artikelen", "Gewogen zinnen", "Mogelijke antwoorden", "Oordeel"} {
			if !strings.Contains(r.stdout, section) {
				t.Errorf("ask --explain %q = %.600s, want the section %q", tt.question, r.stdout, section)
			}
		}
		r = cliRun(t, nil, "--db", db, "ask", "--explain", "--json", tt.question)
		var x struct {
			Understood struct{ Kind string }
			Verdict    string
			Answer     struct{ Found bool }
			Answers    []struct{ Probability float64 }
		}
		if err := json.Unmarshal([]byte(r.stdout), &x); err != nil {
			t.Fatalf("ask --explain --json %q: %v in %.300s", tt.question, err, r.stdout)
		}
		if x.Understood.Kind == "" || x.Verdict == "" || x.Answer.Found != tt.found {
			t.Errorf("ask --explain --json %q = kind %q, verdict %q, found %v; want a kind, a verdict and found %v",
				tt.question, x.Understood.Kind, x.Verdict, x.Answer.Found, tt.found)
		}
		if tt.found && (len(x.Answers) == 0 || x.Answers[0].Probability <= 0) {
			t.Errorf("ask --explain --json %q lists no weighed answers", tt.question)
		}
	}
}
