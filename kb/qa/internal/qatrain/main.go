// Command qatrain evaluates the answering engine on the project's question
// sets and refits its ranking model from them.
//
//	go run ./kb/qa/internal/qatrain            # score every set with the shipped model
//	go run ./kb/qa/internal/qatrain -fit       # leave-one-set-out report, then refit kb/qa/model.json
//
// Run it from the repository root. The sets are listed in kb/qa/sets.json;
// a set on the DpgMedia2019 corpus reads the articles from the corpus file
// (../shared/corpus), which stays outside the repository, and is skipped
// when the file is missing.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
	"github.com/nieuwsbot/nieuwsbot/kb/qa/internal/qasets"
)

// set is one question set of kb/qa/sets.json.
type set = qasets.Set

func main() {
	fit := flag.Bool("fit", false, "report leave-one-set-out accuracy and refit the model")
	flag.StringVar(&labelCache, "labels", "", "keep the labelled candidates of each set in this directory (for trying fits)")
	flag.Float64Var(&qa.DefaultFit.L2, "l2", qa.DefaultFit.L2, "weight decay of the fit")
	flag.IntVar(&qa.DefaultFit.Iterations, "iter", qa.DefaultFit.Iterations, "gradient steps of the fit")
	flag.IntVar(&qa.DefaultBoost.Trees, "trees", qa.DefaultBoost.Trees, "boosted trees on top of the weights (0: weights only)")
	flag.IntVar(&qa.DefaultBoost.Depth, "depth", qa.DefaultBoost.Depth, "depth of the boosted trees")
	flag.Float64Var(&qa.DefaultBoost.Rate, "rate", qa.DefaultBoost.Rate, "shrinkage of the boosted trees")
	flag.BoolVar(&quick, "quick", false, "with -fit: score every held-out set at the pooled threshold, without nested folds (faster, for comparing features)")
	diag := flag.Bool("diag", false, "per question of the sets that are not blind: is a right candidate there, and where is it ranked")
	rec := flag.Bool("recall", false, "measure retrieval: the rank of the answering article")
	out := flag.String("out", "kb/qa/model.json", "where -fit writes the model")
	only := flag.String("sets", "", "comma-separated set names (default: all)")
	verbose := flag.Bool("v", false, "print the failures of sets that are not blind")
	flag.Parse()
	log.SetFlags(0)
	sets, err := readSets(*only)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if *diag {
		if err := diagnose(ctx, sets); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *rec {
		if err := recall(ctx, sets); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *fit {
		if err := refit(ctx, sets, *out); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := evaluate(ctx, sets, *verbose); err != nil {
		log.Fatal(err)
	}
}

func readSets(only string) ([]set, error) {
	all, err := qasets.Read(".", strings.Split(only, ","))
	if err != nil {
		return nil, err
	}
	var out []set
	for _, s := range all {
		if s.Missing {
			log.Printf("%s: skipped, no corpus at %s", s.Name, s.Corpus)
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

// open builds the set's knowledge base in a temporary directory. Knowledge
// bases are shared between sets with the same articles.
func open(ctx context.Context, s set, cache map[string]*kb.DB) (*kb.DB, error) {
	if db, ok := cache[s.Key()]; ok {
		return db, nil
	}
	dir, err := os.MkdirTemp("", "qatrain")
	if err != nil {
		return nil, err
	}
	db, err := s.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	cache[s.Key()] = db
	return db, nil
}

func questions(path string) ([]bot.EvalQuestion, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return bot.ReadEvalQuestions(f)
}

// evaluate scores every set with the shipped model, end to end.
func evaluate(ctx context.Context, sets []set, verbose bool) error {
	cache := map[string]*kb.DB{}
	total, passed := 0, 0
	for _, s := range sets {
		db, err := open(ctx, s, cache)
		if err != nil {
			return err
		}
		e, err := qa.New(db.QA())
		if err != nil {
			return err
		}
		qs, err := questions(s.Questions)
		if err != nil {
			return err
		}
		rep, err := bot.Evaluate(ctx, e, qs, nil)
		if err != nil {
			return err
		}
		printReport(s, rep, verbose)
		total += len(rep.Results)
		passed += rep.Passed
	}
	fmt.Printf("all: %d/%d (%.1f%%)\n", passed, total, 100*float64(passed)/float64(max(total, 1)))
	return nil
}

func printReport(s set, rep bot.EvalReport, verbose bool) {
	answered, right := 0, 0
	for _, r := range rep.Results {
		if r.Answer.Found && !r.Question.ExpectNone {
			answered++
			if r.Pass {
				right++
			}
		}
		if r.Answer.Found && r.Question.ExpectNone {
			answered++
		}
		if verbose && !s.Blind && !r.Pass {
			fmt.Printf("  %s [%s] %q: %s :: %.120q\n", r.Question.ID, r.Question.Kind, r.Question.Q, r.Why, r.Answer.Text)
		}
	}
	kinds := rep.ByKind()
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	var parts []string
	for _, k := range names {
		parts = append(parts, fmt.Sprintf("%s %d/%d", k, kinds[k][0], kinds[k][1]))
	}
	fmt.Printf("%-10s %3d/%3d (%5.1f%%) answered %d, precision %.0f%% | %s\n", s.Name, rep.Passed, len(rep.Results),
		100*rep.Score(), answered, 100*float64(right)/float64(max(answered, 1)), strings.Join(parts, ", "))
}
