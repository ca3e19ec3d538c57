package main

import (
	"context"
	"fmt"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// diagnose prints, for each question of the sets that are not blind,
// whether a right candidate exists, where the model ranks it, and what it
// ranks first.
func diagnose(ctx context.Context, sets []set) error {
	cache := map[string]*kb.DB{}
	m, err := qa.DefaultModel()
	if err != nil {
		return err
	}
	for _, s := range sets {
		if s.Blind {
			continue
		}
		ls, err := cachedLabels(ctx, s, cache)
		if err != nil {
			return err
		}
		qs, err := questions(s.Questions)
		if err != nil {
			return err
		}
		noCand, unreached, ranked := 0, 0, 0
		for i, l := range ls {
			order := m.Order(l.Example)
			first := -1
			for r, j := range order {
				if l.Right[j] {
					first = r
					break
				}
			}
			top := ""
			if len(order) > 0 {
				top = l.Candidates[order[0]].Answer.Text
			}
			switch {
			case len(l.Candidates) == 0:
				noCand++
			case first < 0 && l.Answerable:
				unreached++
			case first > 0:
				ranked++
			}
			if first == 0 || !l.Answerable {
				continue
			}
			right := ""
			if first > 0 {
				right = l.Candidates[order[first]].Answer.Text
			}
			fmt.Printf("%s [%s/%s] %q\n   top(%d cands): %.110q\n   right@%d: %.110q\n", qs[i].ID, qs[i].Kind, l.Kind, qs[i].Q, len(order), top, first, right)
		}
		fmt.Printf("%s: no candidates %d, no right candidate %d, right one ranked lower %d\n", s.Name, noCand, unreached, ranked)
	}
	return nil
}
