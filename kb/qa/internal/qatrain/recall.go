package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// recall measures retrieval on the sets over the corpus: at which rank the
// article that answers a question comes.
func recall(ctx context.Context, sets []set) error {
	cache := map[string]*kb.DB{}
	for _, s := range sets {
		if s.Corpus == "" {
			continue
		}
		titles, err := corpusTitles(s.Corpus)
		if err != nil {
			return err
		}
		db, err := open(ctx, s, cache)
		if err != nil {
			return err
		}
		e, err := qa.New(db.QA())
		if err != nil {
			return err
		}
		gold, err := goldArticles(s.Questions)
		if err != nil {
			return err
		}
		ranks := map[int]int{}
		n := 0
		for q, ids := range gold {
			arts, err := e.Retrieved(ctx, q)
			if err != nil {
				return err
			}
			n++
			r := -1
			for i, a := range arts {
				for _, id := range ids {
					if titles[id] == a.Title {
						r = i
					}
				}
				if r >= 0 {
					break
				}
			}
			ranks[r]++
		}
		fmt.Printf("%-10s %d questions: first %d, top3 %d, top12 %d, missed %d\n", s.Name, n, ranks[0],
			ranks[0]+ranks[1]+ranks[2], n-ranks[-1], ranks[-1])
		if err := sentenceRecall(ctx, e, s); err != nil {
			return err
		}
	}
	return nil
}

// sentenceRecall counts the questions whose answer words stand in the
// best passage, in the best three, and in any passage.
func sentenceRecall(ctx context.Context, e *qa.Engine, s set) error {
	qs, err := questions(s.Questions)
	if err != nil {
		return err
	}
	at := [3]int{}
	n := 0
	for _, q := range qs {
		if q.ExpectNone {
			continue
		}
		n++
		ps, err := e.Passages(ctx, q.Q)
		if err != nil {
			return err
		}
		for i, p := range ps {
			a := bot.Answer{Found: true, Text: p, Items: []string{}, Sources: []bot.Source{{Quote: p}}}
			if bot.ScoreAnswer(q, a, nil).Pass {
				switch {
				case i == 0:
					at[0]++
				case i < 3:
					at[1]++
				default:
					at[2]++
				}
				break
			}
		}
	}
	fmt.Printf("%-10s answer in passage 1: %d, top 3: %d, any: %d of %d\n", "", at[0], at[0]+at[1], at[0]+at[1]+at[2], n)
	return nil
}

func corpusTitles(path string) (map[int64]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[int64]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		}
		if json.Unmarshal(sc.Bytes(), &a) == nil {
			out[a.ID] = strings.TrimSpace(a.Title)
		}
	}
	return out, sc.Err()
}

// goldArticles reads the questions' "articles" field: the corpus ids of
// the articles that answer them.
func goldArticles(path string) (map[string][]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct {
			Q        string  `json:"q"`
			Articles []int64 `json:"articles"`
		}
		if json.Unmarshal(sc.Bytes(), &q) == nil && len(q.Articles) > 0 {
			out[q.Q] = q.Articles
		}
	}
	return out, sc.Err()
}
