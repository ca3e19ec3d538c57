package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// EvalQuestion is one line of an evaluation file: a question, the groups of
// alternatives a correct answer must contain, what it must not contain, and
// whether the right answer is "not found".
type EvalQuestion struct {
	ID         string     `json:"id"`
	Kind       string     `json:"kind,omitempty"`
	Q          string     `json:"q"`
	Must       [][]string `json:"must"`
	MustNot    []string   `json:"must_not"`
	ExpectNone bool       `json:"expect_none"`
}

// EvalResult is the outcome of one question.
type EvalResult struct {
	Question EvalQuestion
	Answer   Answer
	Pass     bool
	Why      string // why it failed
	BadQuote int    // quotes not found verbatim
	Took     time.Duration
}

// EvalReport sums up an evaluation run.
type EvalReport struct {
	Results   []EvalResult
	Passed    int
	BadQuotes int
	P50, P99  time.Duration
}

// Score is the share of questions answered correctly, 0 to 1.
func (r EvalReport) Score() float64 {
	if len(r.Results) == 0 {
		return 0
	}
	return float64(r.Passed) / float64(len(r.Results))
}

// ByKind counts passes and totals per question kind.
func (r EvalReport) ByKind() map[string][2]int {
	m := map[string][2]int{}
	for _, res := range r.Results {
		k := res.Question.Kind
		if k == "" {
			k = "-"
		}
		c := m[k]
		if res.Pass {
			c[0]++
		}
		c[1]++
		m[k] = c
	}
	return m
}

// ReadEvalQuestions reads an evaluation file: JSON lines, blank lines skipped.
func ReadEvalQuestions(r io.Reader) ([]EvalQuestion, error) {
	var qs []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("eval: line %d: %w", line, err)
		}
		if strings.TrimSpace(q.Q) == "" {
			return nil, fmt.Errorf("eval: line %d: no question (\"q\")", line)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: line %d: %w", line+1, err)
	}
	return qs, nil
}

// Evaluate asks every question and scores the answers with the rule of
// shared/eval/score.py. verbatim, when not nil, reports whether a quote
// stands in the source documents.
func Evaluate(ctx context.Context, a Answerer, qs []EvalQuestion, verbatim func(quote string) bool) (EvalReport, error) {
	var rep EvalReport
	var lat []time.Duration
	for _, q := range qs {
		start := time.Now()
		ans, err := a.Answer(ctx, q.Q)
		took := time.Since(start)
		if err != nil {
			return rep, fmt.Errorf("eval %s: %w", q.ID, err)
		}
		lat = append(lat, took)
		res := ScoreAnswer(q, ans, verbatim)
		res.Took = took
		if res.Pass {
			rep.Passed++
		}
		rep.BadQuotes += res.BadQuote
		rep.Results = append(rep.Results, res)
	}
	if len(lat) > 0 {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		rep.P50 = lat[len(lat)/2]
		rep.P99 = lat[(len(lat)*99)/100]
		if (len(lat)*99)/100 >= len(lat) {
			rep.P99 = lat[len(lat)-1]
		}
	}
	return rep, nil
}

// ScoreAnswer scores one answer with the rule of shared/eval/score.py;
// the answering engine's trainer labels candidate answers with it.
func ScoreAnswer(q EvalQuestion, a Answer, verbatim func(string) bool) EvalResult {
	res := EvalResult{Question: q, Answer: a}
	text := evalFold(a.Text + " | " + strings.Join(a.Items, " | ") + " ")
	var why []string
	if q.ExpectNone {
		if a.Found || len(a.Items) > 0 {
			why = append(why, "expected found=false and no items")
		}
	} else {
		if !a.Found {
			why = append(why, "found=false")
		} else {
			var miss []string
			for _, g := range q.Must {
				ok := false
				for _, alt := range g {
					if evalHas(text, alt) {
						ok = true
						break
					}
				}
				if !ok {
					miss = append(miss, strings.Join(g, "/"))
				}
			}
			if len(miss) > 0 {
				why = append(why, "missing "+strings.Join(miss, " ; "))
			}
			var hit []string
			for _, m := range q.MustNot {
				if evalHas(text, m) {
					hit = append(hit, m)
				}
			}
			if len(hit) > 0 {
				why = append(why, "contains "+strings.Join(hit, ","))
			}
			if len(a.Sources) == 0 {
				why = append(why, "no sources")
			}
			for _, s := range a.Sources {
				if verbatim != nil && (strings.TrimSpace(s.Quote) == "" || !verbatim(s.Quote)) {
					res.BadQuote++
					why = append(why, fmt.Sprintf("quote not verbatim: %.80q", s.Quote))
				}
			}
		}
	}
	res.Pass = len(why) == 0
	res.Why = strings.Join(why, "; ")
	return res
}

// evalFold folds case and accents and white space like score.py does.
func evalFold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.ReplaceAll(s, "\u2019", "'")) {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteString(stripAccent(r))
	}
	return b.String()
}

var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ç': "c", 'ñ': "n", 'š': "s", 'ž': "z", 'č': "c",
}

func stripAccent(r rune) string {
	if s, ok := accents[r]; ok {
		return s
	}
	return string(r)
}

// evalHas reports whether alt stands in the folded text at a word start;
// alternatives of up to three letters must be whole words.
func evalHas(text, alt string) bool {
	a := strings.TrimSpace(evalFold(alt))
	if a == "" {
		return false
	}
	tail := ""
	if utf8.RuneCountInString(a) <= 3 {
		tail = `(?:[^a-z0-9]|$)`
	}
	re, err := regexp.Compile(`(?:^|[^a-z0-9])` + regexp.QuoteMeta(a) + tail)
	if err != nil {
		return false
	}
	return re.MatchString(text)
}

// FoldSpace folds runs of white space and typographic quotes like score.py,
// for verbatim checks of quotes against documents.
func FoldSpace(s string) string {
	r := strings.NewReplacer("\u2019", "'", "\u201c", "\"", "\u201d", "\"")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}
