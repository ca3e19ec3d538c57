package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// dpgArticle is one line of the DpgMedia2019 corpus file
// (shared/corpus/dpg2019-dev.jsonl).
type dpgArticle struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Text        string `json:"text"`
	PublishedAt string `json:"published_at"`
}

// ReadDPG reads a DpgMedia2019 corpus file (JSON lines of id, title, text
// and published_at) as article files: the title line, a date marker and
// the text. The texts are real news and stay outside the repository; the
// evaluation reads them from where the corpus lies.
func ReadDPG(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	var out []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a dpgArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("corpus: %s:%d: %w", path, line, err)
		}
		date := a.PublishedAt
		if len(date) > 10 {
			date = date[:10]
		}
		text := fmt.Sprintf("%s\ndate %s\n\n%s\n", strings.TrimSpace(a.Title), date, strings.TrimSpace(a.Text))
		out = append(out, Article{Name: fmt.Sprintf("dpg-%d.txt", a.ID), Text: []byte(text)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	return out, nil
}
