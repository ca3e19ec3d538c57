// Package qasets reads the project's question sets (kb/qa/sets.json) and
// builds the knowledge base each one is asked against: the bundled seeds
// and the set's articles, from a directory of the repository or from the
// DpgMedia2019 corpus, which stays outside the repository.
package qasets

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// Set is one question set of kb/qa/sets.json. Paths are resolved against
// the repository root when the sets are read.
type Set struct {
	Name      string `json:"name"`
	Articles  string `json:"articles"`  // a directory of article files, or ""
	Corpus    string `json:"corpus"`    // a DpgMedia2019 corpus file, or ""
	Questions string `json:"questions"` // JSON lines (shared/eval format)
	Blind     bool   `json:"blind"`     // its questions are never read: print totals only
	Holdout   bool   `json:"holdout"`   // never fitted on: it measures the shipped model on unseen news
	Missing   bool   `json:"-"`         // its corpus file is not on this machine
}

// Read reads the sets listed in root/kb/qa/sets.json, those named in only
// (all when only is empty).
func Read(root string, only []string) ([]Set, error) {
	path := filepath.Join(root, "kb", "qa", "sets.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("qasets: %w", err)
	}
	var all []Set
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("qasets: %s: %w", path, err)
	}
	want := map[string]bool{}
	for _, n := range only {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var out []Set
	for _, s := range all {
		if len(want) > 0 && !want[s.Name] {
			continue
		}
		s.Articles = resolve(root, s.Articles)
		s.Corpus = resolve(root, s.Corpus)
		s.Questions = resolve(root, s.Questions)
		if s.Corpus != "" {
			if _, err := os.Stat(s.Corpus); err != nil {
				s.Missing = true
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func resolve(root, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

// ReadQuestions reads the set's questions.
func (s Set) ReadQuestions() ([]bot.EvalQuestion, error) {
	f, err := os.Open(s.Questions)
	if err != nil {
		return nil, fmt.Errorf("qasets: %w", err)
	}
	defer f.Close()
	qs, err := bot.ReadEvalQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("qasets: %s: %w", s.Questions, err)
	}
	return qs, nil
}

// ReadArticles returns the set's articles (besides the seeds).
func (s Set) ReadArticles() ([]corpus.Article, error) {
	switch {
	case s.Corpus != "":
		return corpus.ReadDPG(s.Corpus)
	case s.Articles != "":
		return readDir(s.Articles)
	}
	return nil, nil
}

// Key is the same for sets asked against the same articles, so they can
// share one knowledge base.
func (s Set) Key() string { return s.Articles + "|" + s.Corpus }

// Open builds the set's knowledge base in dir: the seeds, and its
// articles.
func (s Set) Open(ctx context.Context, dir string) (*kb.DB, error) {
	db, err := kb.Open(ctx, filepath.Join(dir, "kb.db"), nil)
	if err != nil {
		return nil, err
	}
	if err := s.fill(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (s Set) fill(ctx context.Context, db *kb.DB) error {
	if _, err := db.Seed(ctx, seeds.FS); err != nil {
		return fmt.Errorf("qasets: %s: seed: %w", s.Name, err)
	}
	arts, err := s.ReadArticles()
	if err != nil {
		return fmt.Errorf("qasets: %s: %w", s.Name, err)
	}
	for _, a := range arts {
		if _, err := db.Ingest(ctx, a.Name, a.Text); err != nil {
			return fmt.Errorf("qasets: %s: ingest %s: %w", s.Name, a.Name, err)
		}
	}
	return nil
}

// Documents returns the texts of the set's articles and of the seeds, for
// checking that quotes are verbatim.
func (s Set) Documents() ([]string, error) {
	arts, err := s.ReadArticles()
	if err != nil {
		return nil, fmt.Errorf("qasets: %s: %w", s.Name, err)
	}
	docs := make([]string, 0, len(arts)+4)
	for _, a := range arts {
		docs = append(docs, string(a.Text))
	}
	names, err := fs.Glob(seeds.FS, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("qasets: seeds: %w", err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(seeds.FS, n)
		if err != nil {
			return nil, fmt.Errorf("qasets: seeds: %w", err)
		}
		docs = append(docs, string(data))
	}
	return docs, nil
}

func readDir(dir string) ([]corpus.Article, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []corpus.Article
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("qasets: %w", err)
		}
		out = append(out, corpus.Article{Name: filepath.Base(n), Text: data})
	}
	return out, nil
}
