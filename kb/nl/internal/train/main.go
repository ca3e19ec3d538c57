// Command train rebuilds the committed model files of the Dutch syntax
// pipeline from the UD Dutch treebanks (and, for the compound lexicon, the
// word classes and the lemma counts of a news corpus). Deterministic: the same inputs give the
// same files.
//
// Usage (go generate ./kb/nl/syntax runs it):
//
//	go run ./kb/nl/internal/train -ud ../shared/ud -corpus ../shared/corpus/dpg2019-dev.jsonl -out kb/nl
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// treebanks are the files the committed models are trained on.
var treebanks = []string{"alpino-dev", "alpino-test", "lassysmall-dev", "lassysmall-test"}

func main() {
	ud := flag.String("ud", "../shared/ud", "directory of the UD Dutch CoNLL-U files")
	corpus := flag.String("corpus", "", "JSON lines news corpus ({\"text\": …}) for the compound lexicon; empty: none")
	out := flag.String("out", "kb/nl", "directory of the component packages")
	flag.Parse()
	if err := run(*ud, *corpus, *out); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(ud, corpus, out string) error {
	var sents []conllu.Sentence
	for _, name := range treebanks {
		s, err := conllu.ReadFile(filepath.Join(ud, name+".conllu"))
		if err != nil {
			return err
		}
		sents = append(sents, s...)
	}
	o := syntax.DefaultTrainOptions
	if corpus != "" {
		lines, err := syntax.ReadCorpus(corpus)
		if err != nil {
			return err
		}
		o.Corpus = lines
	}
	start := time.Now()
	o.Progress = func(step string) {
		slog.Info("train", "step", step, "elapsed", time.Since(start).Round(time.Millisecond))
	}
	p := syntax.Train(sents, o)
	files, err := p.Files()
	if err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(out, f.Path)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		slog.Info("wrote", "file", path, "bytes", len(f.Data))
	}
	return nil
}
