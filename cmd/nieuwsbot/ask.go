package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/cmd/internal/knowledge"
	"github.com/nieuwsbot/nieuwsbot/kb"
)

// runAsk answers one question: nieuwsbot ask [--json] QUESTION…
func (m *Main) runAsk(ctx context.Context, args []string) error {
	fs := commandFlags("ask")
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	explain := fs.Bool("explain", false, "show how the question was understood, which articles and sentences were weighed and why the answer won")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	question := bot.CleanText(strings.Join(fs.Args(), " "))
	if question == "" {
		return usagef("ask: no question given, e.g. nieuwsbot ask \"wie beschuldigt China?\"")
	}
	if n := utf8.RuneCountInString(question); n > bot.MaxRequestRunes {
		return badInputError{fmt.Errorf("ask: question too long (%d characters, at most %d)", n, bot.MaxRequestRunes)}
	}
	m.readOnly = true
	k, err := m.openKnowledge(ctx)
	if err != nil {
		return err
	}
	if *explain {
		return m.explain(ctx, k, question, *asJSON)
	}
	a, err := k.Answer(ctx, question)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(m.Stdout, a)
	}
	fmt.Fprintln(m.Stdout, terminalSafe(bot.AnswerReply(a).PlainText()))
	return nil
}

// runChat reads questions line by line and answers each through the bot
// core, as the chat adapters do. Ctrl-C cancels the question in progress;
// at the prompt it ends the chat, as Ctrl-D, quit and exit do.
func (m *Main) runChat(ctx context.Context, args []string) error {
	fs := commandFlags("chat")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("chat: takes no arguments")
	}
	m.readOnly = true
	base, err := m.openKnowledge(ctx)
	if err != nil {
		return err
	}
	var k bot.KB = base
	if m.chatKB != nil {
		k = m.chatKB(base)
	}
	b := bot.New(k, m.logger, nil)
	b.Command = ""
	in := m.chatInput()
	defer in.close()
	if m.Interactive {
		fmt.Fprintln(m.Stdout, "Stel je vraag (help voor uitleg; quit, exit of Ctrl-D om te stoppen).")
	}
	return m.chatLoop(ctx, b, in)
}

// runEval scores the answers to a question file and prints the failures,
// the score per kind and the total.
func (m *Main) runEval(ctx context.Context, args []string) error {
	fs := commandFlags("eval")
	docs := fs.String("docs", "", "directory of the source documents for the verbatim-quote check (default: the stored articles)")
	verbose := fs.Bool("v", false, "print every answer")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval: give one question file (JSON lines)")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return badInputError{fmt.Errorf("eval: %w", err)}
	}
	defer f.Close()
	qs, err := bot.ReadEvalQuestions(f)
	if err != nil {
		return badInputError{fmt.Errorf("%s: %w", fs.Arg(0), err)}
	}
	m.readOnly = true
	k, err := m.openKnowledge(ctx)
	if err != nil {
		return err
	}
	var texts []string
	if *docs != "" {
		texts, err = readDocs(*docs)
	} else {
		texts, err = k.Bodies(ctx)
	}
	if err != nil {
		return err
	}
	rep, err := bot.Evaluate(ctx, k, qs, verbatimIn(texts))
	if err != nil {
		return err
	}
	printReport(m, rep, *verbose)
	return nil
}

// verbatimIn returns a check that a quote stands in one of the texts, with
// white space and typographic quotes folded.
func verbatimIn(texts []string) func(string) bool {
	folded := make([]string, len(texts))
	for i, t := range texts {
		folded[i] = bot.FoldSpace(t)
	}
	return func(q string) bool {
		fq := bot.FoldSpace(q)
		for _, t := range folded {
			if strings.Contains(t, fq) {
				return true
			}
		}
		return false
	}
}

func readDocs(dir string) ([]string, error) {
	var texts []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		texts = append(texts, string(b))
		return nil
	})
	if err != nil {
		return nil, badInputError{fmt.Errorf("eval: docs: %w", err)}
	}
	return texts, nil
}

func printReport(m *Main, rep bot.EvalReport, verbose bool) {
	for _, r := range rep.Results {
		if !r.Pass {
			fmt.Fprintf(m.Stdout, "%s: FAIL %q: %s :: %.160q\n", r.Question.ID, r.Question.Q, r.Why, r.Answer.Text)
		} else if verbose {
			fmt.Fprintf(m.Stdout, "%s: ok %q :: %.160q\n", r.Question.ID, r.Question.Q, r.Answer.Text)
		}
	}
	kinds := rep.ByKind()
	if len(kinds) > 1 {
		names := make([]string, 0, len(kinds))
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			c := kinds[k]
			fmt.Fprintf(m.Stdout, "kind %-16s %d/%d\n", k, c[0], c[1])
		}
	}
	n := len(rep.Results)
	fmt.Fprintf(m.Stdout, "score: %d/%d (%d%%) citations-bad: %d latency-p50-ms: %.1f latency-p99-ms: %.1f\n",
		rep.Passed, n, 100*rep.Passed/max(n, 1), rep.BadQuotes,
		float64(rep.P50)/float64(time.Millisecond), float64(rep.P99)/float64(time.Millisecond))
}

// runStats prints what the knowledge base holds.
func (m *Main) runStats(ctx context.Context, args []string) error {
	fs := commandFlags("stats")
	asJSON := fs.Bool("json", false, "print as JSON")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	m.readOnly = true
	db, err := m.openDB(ctx)
	if err != nil {
		return err
	}
	o, err := db.Overview(ctx)
	if err != nil {
		return err
	}
	feeds, err := db.Feeds(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(m.Stdout, struct {
			bot.Overview
			Feeds []kb.FeedState `json:"feeds,omitempty"`
		}{o, feeds})
	}
	fmt.Fprintf(m.Stdout, "database:   %s\narticles:   %d\nsentences:  %d\nentities:   %d\nclaims:     %d\n",
		terminalSafe(db.Path()), o.Articles, o.Sentences, o.Entities, o.Claims)
	if o.Oldest != "" {
		fmt.Fprintf(m.Stdout, "dates:      %s … %s\n", terminalSafe(o.Oldest), terminalSafe(o.Newest))
	}
	if len(o.Publishers) > 0 {
		fmt.Fprintf(m.Stdout, "publishers: %s\n", terminalSafe(strings.Join(o.Publishers, ", ")))
	}
	if o.Bundled > 0 {
		fmt.Fprintf(m.Stdout, "bundled:    %d example articles (never in the digest; nieuwsbot remove --seeds deletes them)\n", o.Bundled)
	}
	writeFeeds(m.Stdout, feeds)
	return nil
}

// runDigest prints the digest of what came in, or posts it.
func (m *Main) runDigest(ctx context.Context, args []string) error {
	fs := commandFlags("digest")
	since := new(time.Duration)
	*since = 24 * time.Hour
	fs.Var(durationFlag{since}, "since", "how far back")
	post := fs.Bool("post", false, "post to the configured channels now, and record it")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	if *since <= 0 {
		return usagef("digest: --since must be more than 0, e.g. 30m, 12h, 2d or 1w")
	}
	if *post {
		return m.postDigestNow(ctx)
	}
	m.readOnly = true
	db, err := m.openDB(ctx)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(m.Config.Digest.Timezone)
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	now := time.Now()
	d, err := db.Digest(ctx, now.Add(-*since), now.Add(time.Second))
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, terminalSafe(bot.DigestReply(d, loc).PlainText()))
	return nil
}

// explain prints how the question was answered: in sections a journalist
// can read, or as JSON for tools.
func (m *Main) explain(ctx context.Context, k *knowledge.Base, question string, asJSON bool) error {
	x, err := k.Engine.Explain(ctx, question)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(m.Stdout, x)
	}
	fmt.Fprint(m.Stdout, terminalSafe(x.Text()))
	return nil
}

// runRemove deletes articles by id or URL, or the bundled seeds.
func (m *Main) runRemove(ctx context.Context, args []string) error {
	fs := commandFlags("remove")
	bundled := fs.Bool("seeds", false, "remove the bundled example articles")
	if err := m.parseCommandFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 && !*bundled {
		return usagef("remove: give article ids or URLs, or --seeds")
	}
	r := kb.Removal{Bundled: *bundled}
	for _, a := range fs.Args() {
		if isURLArg(a) {
			r.URLs = append(r.URLs, a)
		} else {
			r.IDs = append(r.IDs, a)
		}
	}
	// Removing is no reason to seed a new knowledge base first.
	m.NoSeed = true
	db, err := m.openDB(ctx)
	if err != nil {
		return err
	}
	n, err := db.Remove(ctx, r)
	if errors.Is(err, kb.ErrNoArticle) {
		return badInputError{fmt.Errorf("%w; nothing removed", err)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "remove: %d articles removed\n", n)
	return nil
}
