package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// precision is the share of answered questions that must be right; the
// threshold is chosen for it on held-out folds.
const (
	// precision is the least share of answered questions that must be
	// right; within it the threshold gets the most questions right.
	precision = 0.75
	// surePrecision is the share from which an answer is given plainly,
	// without "Waarschijnlijk".
	surePrecision = 0.95
)

// labeled collects the candidates of every question of a set, each
// labelled with the scoring rule.
func labeled(ctx context.Context, s set, cache map[string]*kb.DB) ([]qa.Labeled, error) {
	db, err := open(ctx, s, cache)
	if err != nil {
		return nil, err
	}
	e, err := qa.New(db.QA())
	if err != nil {
		return nil, err
	}
	qs, err := questions(s.Questions)
	if err != nil {
		return nil, err
	}
	var out []qa.Labeled
	for _, q := range qs {
		ex, err := e.Candidates(ctx, q.Q)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", s.Name, q.ID, err)
		}
		l := qa.Labeled{Example: ex, Answerable: !q.ExpectNone, Right: make([]bool, len(ex.Candidates))}
		for i, c := range ex.Candidates {
			l.Right[i] = !q.ExpectNone && bot.ScoreAnswer(q, c.Answer, nil).Pass
		}
		out = append(out, l)
	}
	return out, nil
}

// refit reports leave-one-set-out accuracy and writes the model fitted on
// every set, with thresholds from the held-out decisions.
func refit(ctx context.Context, sets []set, out string) error {
	sets = slices.DeleteFunc(slices.Clone(sets), func(s set) bool {
		if s.Holdout {
			log.Printf("%s: held out of the fit", s.Name)
		}
		return s.Holdout
	})
	cache := map[string]*kb.DB{}
	data := make([][]qa.Labeled, len(sets))
	for i, s := range sets {
		var err error
		if data[i], err = cachedLabels(ctx, s, cache); err != nil {
			return err
		}
		reach := 0
		for _, l := range data[i] {
			for _, r := range l.Right {
				if r {
					reach++
					break
				}
			}
		}
		fmt.Printf("%-10s %3d questions, %3d with a right candidate\n", s.Name, len(data[i]), reach)
	}
	folds := leaveOneOut(data)
	var pooled []qa.Decision
	for _, f := range folds {
		pooled = append(pooled, f.ds...)
	}
	fmt.Println("leave one set out:")
	for i, s := range sets {
		th := folds[i].th
		if quick {
			th = qa.BestThreshold(pooled, precision)
		}
		printFold(s.Name, folds[i].ds, th)
	}
	m := fitModel(flatten(data))
	m.Version = time.Now().UTC().Format("2006-01-02")
	m.Threshold, m.Sure = qa.BestThreshold(pooled, precision), qa.Threshold(pooled, surePrecision)
	printFold("pooled", pooled, m.Threshold)
	for _, target := range []float64{0.85, 0.90, 0.95} {
		printFold(fmt.Sprintf("pooled@%.0f%%", 100*target), pooled, qa.BestThreshold(pooled, target))
	}
	buf, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(buf, '\n'), 0o644)
}

// quick (-quick) skips the nested folds that choose each held-out set's
// threshold: every set is scored at the threshold of the pooled held-out
// decisions, which flatters the figures a little but is ten times faster,
// for comparing features.
var quick bool

// fold is one held-out set's decisions and the threshold chosen without
// it.
type fold struct {
	ds []qa.Decision
	th float64
}

// leaveOneOut fits a model without each set in turn, on as many cores as
// there are, and decides the held-out set's questions with it.
func leaveOneOut(data [][]qa.Labeled) []fold {
	folds := make([]fold, len(data))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range data {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			folds[i].ds = decide(fitModel(without(data, i)), data[i])
			if !quick {
				folds[i].th = innerThreshold(data, i)
			}
		}()
	}
	wg.Wait()
	return folds
}

// innerThreshold chooses the threshold for held-out set i on the other
// sets alone: each of them held out in turn from a fit on the rest.
func innerThreshold(data [][]qa.Labeled, i int) float64 {
	var ds []qa.Decision
	for j := range data {
		if j == i {
			continue
		}
		var train []qa.Labeled
		for k := range data {
			if k != i && k != j {
				train = append(train, data[k]...)
			}
		}
		ds = append(ds, decide(fitModel(train), data[j])...)
	}
	return qa.BestThreshold(ds, precision)
}

// fitModel fits the weights, and the trees on top of them when -trees
// asks for any.
func fitModel(exs []qa.Labeled) *qa.Model {
	m := &qa.Model{Weights: qa.Fit(exs, qa.DefaultFit)}
	if qa.DefaultBoost.Trees > 0 {
		m.Trees = qa.FitTrees(exs, m.Weights, qa.DefaultBoost)
	}
	return m
}

func decide(m *qa.Model, exs []qa.Labeled) []qa.Decision {
	ds := make([]qa.Decision, len(exs))
	for i, ex := range exs {
		ds[i] = qa.Decide(m, ex)
	}
	return ds
}

func without(data [][]qa.Labeled, i int) []qa.Labeled {
	var out []qa.Labeled
	for j, d := range data {
		if j != i {
			out = append(out, d...)
		}
	}
	return out
}

func flatten(data [][]qa.Labeled) []qa.Labeled { return without(data, -1) }

// printFold prints a fold's accuracy at the threshold: right answers plus
// "not found" questions left unanswered.
func printFold(name string, ds []qa.Decision, th float64) {
	ok, answered, right, missed := 0, 0, 0, 0
	for _, d := range ds {
		ans := d.Prob >= th
		switch {
		case ans && d.Answerable && d.Right:
			ok++
			answered++
			right++
		case ans:
			answered++
		case !d.Answerable:
			ok++
		case d.Right:
			missed++ // a right answer held back
		}
	}
	top := 0
	for _, d := range ds {
		if d.Right {
			top++
		}
	}
	fmt.Printf("  %-10s %3d/%3d (%5.1f%%) threshold %.2f answered %d precision %.0f%% held back %d; best answer right %d\n", name, ok, len(ds),
		100*float64(ok)/float64(max(len(ds), 1)), th, answered, 100*float64(right)/float64(max(answered, 1)), missed, top)
}

// labelCache, when set (-labels DIR), keeps each set's labelled candidates
// in a file, so that fitting can be tried again without answering every
// question again. Delete the files when the engine changes.
var labelCache string

func cachedLabels(ctx context.Context, s set, cache map[string]*kb.DB) ([]qa.Labeled, error) {
	if labelCache == "" {
		return labeled(ctx, s, cache)
	}
	path := filepath.Join(labelCache, s.Name+".json")
	if data, err := os.ReadFile(path); err == nil {
		var ls []qa.Labeled
		if err := json.Unmarshal(data, &ls); err == nil {
			return ls, nil
		}
	}
	ls, err := labeled(ctx, s, cache)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(ls)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(labelCache, 0o755); err != nil {
		return nil, err
	}
	return ls, os.WriteFile(path, data, 0o644)
}
