package syntax

import (
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/cluster"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/compound"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/depparse"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/lemma"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/tagger"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/tokenize"
)

// TrainOptions are the settings of every component.
type TrainOptions struct {
	Tagger   tagger.Options
	Lemma    lemma.Options
	Parser   depparse.Options
	Clusters cluster.Options
	Folds    int      // jackknife folds for the parser's training tags; 0 or 1: gold tags
	Corpus   []string // raw sentences for the word classes and the compound lexicon
	Progress func(step string)
}

// DefaultTrainOptions are the settings of the committed models.
var DefaultTrainOptions = TrainOptions{
	Tagger: tagger.DefaultOptions, Lemma: lemma.DefaultOptions, Parser: depparse.DefaultOptions,
	Clusters: cluster.DefaultOptions, Folds: 5,
}

// Train trains the pipeline on gold sentences. The parser learns from the
// tags the tagger predicts (jackknifed over o.Folds folds), since that is
// what it reads when it runs.
func Train(sents []conllu.Sentence, o TrainOptions) *Pipeline {
	progress := o.Progress
	if progress == nil {
		progress = func(string) {}
	}
	p := &Pipeline{}
	progress("clusters")
	cls := cluster.Train(ClusterText(o.Corpus, sents), o.Clusters)
	progress("tagger")
	p.Tagger = tagger.Train(sents, cls, o.Tagger)
	progress("lemma")
	p.Lemmas = lemma.Train(sents, o.Lemma)
	progress("parser tags")
	tagged := Jackknife(sents, cls, o)
	progress("parser")
	p.Parser = depparse.Train(sents, tagged, o.Parser)
	progress("compound")
	p.Compound = trainCompound(sents, p, o.Corpus)
	return p
}

func goldTagged(s conllu.Sentence) depparse.Tagged {
	t := depparse.Tagged{}
	for _, tok := range s.Tokens {
		t.Forms = append(t.Forms, tok.Form)
		t.UPOS = append(t.UPOS, tok.UPOS)
		t.XPOS = append(t.XPOS, tok.XPOS)
	}
	return t
}

// Jackknife tags each fold of the sentences with a tagger trained on the
// other folds.
func Jackknife(sents []conllu.Sentence, cls *cluster.Clusters, o TrainOptions) []depparse.Tagged {
	out := make([]depparse.Tagged, len(sents))
	for i, s := range sents {
		out[i] = goldTagged(s)
	}
	if o.Folds < 2 {
		return out
	}
	for k := range o.Folds {
		var rest []conllu.Sentence
		for i, s := range sents {
			if i%o.Folds != k {
				rest = append(rest, s)
			}
		}
		tg := tagger.Train(rest, cls, o.Tagger)
		for i := k; i < len(sents); i += o.Folds {
			tags := tg.Tag(out[i].Forms)
			for j, t := range tags {
				out[i].UPOS[j], out[i].XPOS[j] = t.UPOS, t.XPOS
			}
		}
	}
	return out
}

// trainCompound builds the compound lexicon: lemma counts of the treebanks
// and of the corpus (tagged and lemmatised by p), the treebanks' compounds
// as gold splits, and their other noun lemmas as whole words.
func trainCompound(sents []conllu.Sentence, p *Pipeline, corpus []string) *compound.Splitter {
	freq := map[string]int{}
	whole := map[string]bool{}
	gold := map[string][]string{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.UPOS != "NOUN" && t.UPOS != "VERB" && t.UPOS != "ADJ" {
				continue
			}
			low := strings.ToLower(t.Lemma)
			if strings.Contains(low, "_") && t.UPOS == "NOUN" {
				parts := strings.Split(low, "_")
				gold[strings.Join(parts, "")] = parts
				for _, part := range parts {
					freq[part]++
				}
				continue
			}
			freq[lemma.Clean(low)]++
			if t.UPOS == "NOUN" {
				whole[low] = true
			}
		}
	}
	for _, line := range corpus {
		forms := tokenForms(line)
		tags := p.Tagger.Tag(forms)
		for i, f := range forms {
			u := tags[i].UPOS
			if u == "NOUN" || u == "VERB" || u == "ADJ" {
				freq[p.Lemmas.Lemma(f, u, tags[i].XPOS)]++
			}
		}
	}
	for w := range gold {
		delete(whole, w)
	}
	return compound.New(freq, whole, gold)
}

func tokenForms(s string) []string {
	toks := tokenize.Split(s)
	forms := make([]string, len(toks))
	for i, t := range toks {
		forms[i] = t.Text
	}
	return forms
}
