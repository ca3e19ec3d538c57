package syntax

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
)

// ReadCorpus returns the sentences of a news corpus in JSON lines, one
// article ({"title": …, "text": …}) a line.
func ReadCorpus(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("syntax: corpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []string
	for sc.Scan() {
		var a struct {
			Title, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("syntax: corpus %s: %w", path, err)
		}
		text := a.Title + "\n" + a.Text
		for _, sp := range nl.Sentences(text) {
			out = append(out, strings.TrimSpace(text[sp.Start:sp.End]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("syntax: corpus %s: %w", path, err)
	}
	return out, nil
}

// ClusterText returns the lower-cased tokens of the corpus sentences and
// of the treebank sentences, the text the word classes are learned from.
func ClusterText(corpus []string, sents []conllu.Sentence) [][]string {
	out := make([][]string, 0, len(corpus)+len(sents))
	for _, line := range corpus {
		forms := tokenForms(line)
		for i, f := range forms {
			forms[i] = strings.ToLower(f)
		}
		out = append(out, forms)
	}
	for _, s := range sents {
		forms := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			forms[i] = strings.ToLower(t.Form)
		}
		out = append(out, forms)
	}
	return out
}
