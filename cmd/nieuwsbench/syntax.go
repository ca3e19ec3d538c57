package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// syntaxUsage is the help of the syntax subcommand.
const syntaxUsage = `usage: nieuwsbench syntax [-ud DIR] -train FILE,FILE,… -test FILE
       nieuwsbench syntax [-ud DIR] -folds FILE,FILE,…

Trains the Dutch syntax pipeline (kb/nl/syntax) in memory on the training
files (and the word classes on the corpus and the training files), the
way the committed models are trained, and scores it on the test
file from its gold tokens. The last line is
  UPOS x% LEMMA x% UAS x% LAS x% tokens/s N
with tokens/s the speed of tagging, lemmatising and parsing together on one
core. With -folds, each file is held out once and the others train: one
markdown table row per fold. A FILE is a path, or a name such as
alpino-dev that is looked up as DIR/alpino-dev.conllu.
`

// runSyntax is "nieuwsbench syntax".
func runSyntax(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("syntax", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, syntaxUsage); fs.PrintDefaults() }
	ud := fs.String("ud", "../shared/ud", "directory of the UD Dutch CoNLL-U files")
	corpus := fs.String("corpus", "../shared/corpus/dpg2019-dev.jsonl", "news corpus (JSON lines) for the word classes; empty: none")
	train := fs.String("train", "", "comma-separated training files")
	test := fs.String("test", "", "test file")
	folds := fs.String("folds", "", "comma-separated files, each held out once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := syntax.DefaultTrainOptions
	if *corpus != "" {
		lines, err := syntax.ReadCorpus(*corpus)
		if err != nil {
			return err
		}
		o.Corpus = lines
	}
	if *folds != "" {
		return syntaxFolds(stdout, *ud, strings.Split(*folds, ","), o)
	}
	if *train == "" || *test == "" {
		fs.Usage()
		return errors.New("syntax: -train and -test are required (or -folds)")
	}
	sc, err := syntaxScore(*ud, strings.Split(*train, ","), *test, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "tokens %d XPOS %.1f%%\n", sc.Tokens, 100*float64(sc.XPOS)/float64(max(sc.Tokens, 1)))
	fmt.Fprintln(stdout, sc)
	return nil
}

// syntaxFolds prints the held-out table: each file tested once on a
// pipeline trained on the others.
func syntaxFolds(w io.Writer, ud string, files []string, o syntax.TrainOptions) error {
	if len(files) < 2 {
		return errors.New("syntax: -folds needs at least two files")
	}
	fmt.Fprintln(w, "| held out | tokens | UPOS | XPOS | LEMMA | UAS | LAS | tokens/s |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	var total syntax.Scores
	for i, test := range files {
		train := append(append([]string(nil), files[:i]...), files[i+1:]...)
		sc, err := syntaxScore(ud, train, test, o)
		if err != nil {
			return err
		}
		foldRow(w, test, sc)
		total.Tokens += sc.Tokens
		total.UPOS += sc.UPOS
		total.XPOS += sc.XPOS
		total.Lemma += sc.Lemma
		total.UAS += sc.UAS
		total.LAS += sc.LAS
		total.Elapsed += sc.Elapsed
	}
	foldRow(w, "all (pooled)", total)
	return nil
}

func foldRow(w io.Writer, name string, sc syntax.Scores) {
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(sc.Tokens, 1)) }
	fmt.Fprintf(w, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f |\n", name, sc.Tokens,
		pct(sc.UPOS), pct(sc.XPOS), pct(sc.Lemma), pct(sc.UAS), pct(sc.LAS), sc.TokensPerSecond())
}

// syntaxScore trains on the train files and scores the test file, the
// analysis on one core.
func syntaxScore(ud string, train []string, test string, o syntax.TrainOptions) (syntax.Scores, error) {
	var sents []conllu.Sentence
	for _, name := range train {
		s, err := readTreebank(ud, name)
		if err != nil {
			return syntax.Scores{}, err
		}
		sents = append(sents, s...)
	}
	gold, err := readTreebank(ud, test)
	if err != nil {
		return syntax.Scores{}, err
	}
	p := syntax.Train(sents, o)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	return syntax.Evaluate(p, gold), nil
}

// readTreebank reads a CoNLL-U file given as a path or as a name in ud.
func readTreebank(ud, name string) ([]conllu.Sentence, error) {
	path := name
	if _, err := os.Stat(path); err != nil && !strings.ContainsRune(name, filepath.Separator) {
		path = filepath.Join(ud, strings.TrimSuffix(name, ".conllu")+".conllu")
	}
	s, err := conllu.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	if len(s) == 0 {
		return nil, fmt.Errorf("syntax: %s holds no sentence", path)
	}
	return s, nil
}
