// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies (https://universaldependencies.org/format.html): one token a
// line with ten tab-separated columns, sentences separated by blank lines,
// comments starting with '#'.
//
// Multiword-token lines ("3-4") and empty nodes ("8.1") are skipped on
// reading: the pipeline works on syntactic words only.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Token is one syntactic word of a sentence.
type Token struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 1-based index of the head; 0 for the root
	Rel                            string
	SpaceAfter                     bool // false when MISC says SpaceAfter=No
}

// Sentence is one sentence of a treebank.
type Sentence struct {
	ID     string // the sent_id comment, "" if none
	Text   string // the text comment, "" if none
	Tokens []Token
}

// maxLine bounds one line of input, so a file without line breaks cannot
// exhaust memory.
const maxLine = 1 << 20

// Read parses CoNLL-U from r. It fails on a token line with fewer than ten
// columns or a head that is no number.
func Read(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	var out []Sentence
	var cur Sentence
	n := 0
	flush := func() {
		if len(cur.Tokens) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case line == "":
			flush()
			continue
		case strings.HasPrefix(line, "#"):
			parseComment(&cur, line)
			continue
		}
		tok, skip, err := parseToken(line)
		if err != nil {
			return nil, fmt.Errorf("conllu: line %d: %w", n, err)
		}
		if !skip {
			cur.Tokens = append(cur.Tokens, tok)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu: line %d: %w", n+1, err)
	}
	flush()
	return out, nil
}

// ReadFile reads the CoNLL-U file at path.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conllu: %w", err)
	}
	defer f.Close()
	s, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func parseComment(s *Sentence, line string) {
	body := strings.TrimSpace(strings.TrimPrefix(line, "#"))
	if v, ok := strings.CutPrefix(body, "sent_id = "); ok {
		s.ID = v
	} else if v, ok := strings.CutPrefix(body, "text = "); ok {
		s.Text = v
	}
}

func parseToken(line string) (tok Token, skip bool, err error) {
	c := strings.Split(line, "\t")
	if len(c) < 10 {
		return tok, false, fmt.Errorf("%d columns, want 10", len(c))
	}
	if strings.ContainsAny(c[0], "-.") {
		return tok, true, nil
	}
	head := 0
	if c[6] != "_" {
		head, err = strconv.Atoi(c[6])
		if err != nil || head < 0 {
			return tok, false, fmt.Errorf("head %q is no number", c[6])
		}
	}
	tok = Token{Form: c[1], Lemma: c[2], UPOS: c[3], XPOS: c[4], Feats: c[5],
		Head: head, Rel: c[7], SpaceAfter: true}
	for _, m := range strings.Split(c[9], "|") {
		if m == "SpaceAfter=No" {
			tok.SpaceAfter = false
		}
	}
	return tok, false, nil
}

// Write writes sentences in CoNLL-U, with sent_id and text comments when set.
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for i, t := range s.Tokens {
			misc := "_"
			if !t.SpaceAfter {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", i+1,
				field(t.Form), field(t.Lemma), field(t.UPOS), field(t.XPOS), field(t.Feats),
				t.Head, field(t.Rel), misc)
		}
		bw.WriteString("\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("conllu: write: %w", err)
	}
	return nil
}

// field keeps a column free of tabs and line breaks and never empty.
func field(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
