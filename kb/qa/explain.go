package qa

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Explanation tells how a question was answered: how it was understood,
// which articles and sentences were weighed, and why the answer won or why
// there is none. It is for people who want to know why the bot said what
// it said (ask --explain) and, as JSON, for tools.
type Explanation struct {
	Question   string              `json:"question"`
	Understood Understanding       `json:"understood"`
	Articles   []ExplainedArticle  `json:"articles"`
	Sentences  []ExplainedSentence `json:"sentences"`
	Answers    []ExplainedAnswer   `json:"answers"`
	Threshold  float64             `json:"threshold"` // the probability from which an answer is given
	Sure       float64             `json:"sure"`      // the one from which it is given without "Waarschijnlijk"
	Verdict    string              `json:"verdict"`
	Answer     bot.Answer          `json:"answer"`
}

// Understanding is the question as the engine read it.
type Understanding struct {
	Kind      string   `json:"kind"`
	Focus     string   `json:"focus,omitempty"`
	Predicate string   `json:"predicate,omitempty"`
	Role      string   `json:"role,omitempty"`
	Names     []string `json:"names,omitempty"`
	Words     []string `json:"words"`
	Unknown   []string `json:"unknown,omitempty"` // words no article holds
	English   bool     `json:"english,omitempty"`
}

// ExplainedArticle is an article retrieval read, with the share of the
// question's word weight it holds.
type ExplainedArticle struct {
	ID       int64   `json:"id"`
	Title    string  `json:"title"`
	Date     string  `json:"date,omitempty"`
	Coverage float64 `json:"coverage"`
}

// ExplainedSentence is a sentence the answer was looked for in.
type ExplainedSentence struct {
	Article  int64   `json:"article"`
	Text     string  `json:"text"`
	Coverage float64 `json:"coverage"`
}

// ExplainedAnswer is one possible answer with its probability and the
// number of sentences that give it.
type ExplainedAnswer struct {
	Text        string  `json:"text"`
	Probability float64 `json:"probability"`
	Sentences   int     `json:"sentences"`
	Shape       string  `json:"shape"`
}

// How many of each the explanation lists.
const (
	explainArticles  = 5
	explainSentences = 5
	explainAnswers   = 5
)

// Explain answers a question and tells how.
func (e *Engine) Explain(ctx context.Context, text string) (Explanation, error) {
	text = bot.CleanText(text)
	x := Explanation{Question: text, Threshold: e.Model.Threshold, Sure: e.Model.Sure}
	q, ev, rs, err := e.consider(ctx, text)
	if err != nil {
		return x, err
	}
	x.Understood = understanding(q, ev)
	if ev != nil {
		x.Articles, x.Sentences = weighed(ev)
	}
	for i, r := range rs {
		if i == explainAnswers {
			break
		}
		a := e.compose(bot.Answer{Question: text, Items: []string{}}, &ranked{key: r.key, prob: 1, cands: r.cands})
		x.Answers = append(x.Answers, ExplainedAnswer{Text: a.Text, Probability: r.prob,
			Sentences: len(r.cands), Shape: r.cands[0].shape.String()})
	}
	x.Answer, err = e.Answer(ctx, text)
	x.Verdict = verdict(x, len(q.Words) == 0)
	return x, err
}

func understanding(q Question, ev *evidence) Understanding {
	u := Understanding{Kind: q.Kind.String(), Focus: q.Focus, Predicate: q.Frame.pred, Role: q.Frame.role, English: q.English}
	for _, w := range q.Words {
		u.Words = append(u.Words, w.Text)
		if w.Name {
			u.Names = append(u.Names, w.Text)
		}
	}
	if ev != nil {
		for _, w := range ev.words {
			if !w.known {
				u.Unknown = append(u.Unknown, w.Text)
			}
		}
	}
	return u
}

func weighed(ev *evidence) ([]ExplainedArticle, []ExplainedSentence) {
	var arts []ExplainedArticle
	for _, a := range ev.articles {
		arts = append(arts, ExplainedArticle{ID: a.ID, Title: a.Title, Date: a.Date, Coverage: a.coverage})
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Coverage > arts[j].Coverage })
	arts = arts[:min(len(arts), explainArticles)]
	var sents []ExplainedSentence
	for _, p := range ev.passages[:min(len(ev.passages), explainSentences)] {
		sents = append(sents, ExplainedSentence{Article: p.art.ID, Text: p.Text, Coverage: p.coverage})
	}
	return arts, sents
}

func verdict(x Explanation, noWords bool) string {
	switch {
	case noWords:
		return "De vraag bevat geen woorden om naar te zoeken."
	case len(x.Articles) == 0 && len(x.Answers) == 0:
		return "Geen artikel bevat de woorden van de vraag."
	case len(x.Answers) == 0:
		return "De artikelen bevatten de woorden, maar geen zin geeft een antwoord van de gevraagde soort."
	case x.Answers[0].Probability < x.Threshold:
		return fmt.Sprintf("Het beste antwoord is %.0f%% waarschijnlijk; onder de %.0f%% geef ik geen antwoord.",
			100*x.Answers[0].Probability, 100*x.Threshold)
	case x.Answers[0].Probability < x.Sure:
		return fmt.Sprintf("Het beste antwoord is %.0f%% waarschijnlijk: genoeg om te antwoorden, te weinig om zeker te zijn (%.0f%%), dus \"Waarschijnlijk\".",
			100*x.Answers[0].Probability, 100*x.Sure)
	}
	return fmt.Sprintf("Het beste antwoord is %.0f%% waarschijnlijk, boven de %.0f%% waarvan ik zeker antwoord.",
		100*x.Answers[0].Probability, 100*x.Sure)
}

// Text is the explanation in sections a journalist can read.
func (x Explanation) Text() string {
	var b strings.Builder
	u := x.Understood
	fmt.Fprintf(&b, "Vraag: %s\n\nZo begrijp ik de vraag\n", x.Question)
	fmt.Fprintf(&b, "  soort antwoord: %s\n", kindDutch(u.Kind))
	writeField(&b, "gevraagd naar", u.Focus)
	writeField(&b, "werkwoord", u.Predicate)
	writeField(&b, "namen", strings.Join(u.Names, ", "))
	writeField(&b, "zoekwoorden", strings.Join(u.Words, ", "))
	writeField(&b, "onbekende woorden", strings.Join(u.Unknown, ", "))
	b.WriteString("\nGelezen artikelen (aandeel van de vraagwoorden)\n")
	if len(x.Articles) == 0 {
		b.WriteString("  geen\n")
	}
	for i, a := range x.Articles {
		fmt.Fprintf(&b, "  %d. %s (%s) %.0f%%\n", i+1, a.Title, a.Date, 100*a.Coverage)
	}
	b.WriteString("\nGewogen zinnen\n")
	if len(x.Sentences) == 0 {
		b.WriteString("  geen\n")
	}
	for _, s := range x.Sentences {
		fmt.Fprintf(&b, "  - %s (%.0f%%)\n", s.Text, 100*s.Coverage)
	}
	b.WriteString("\nMogelijke antwoorden\n")
	if len(x.Answers) == 0 {
		b.WriteString("  geen\n")
	}
	for i, a := range x.Answers {
		fmt.Fprintf(&b, "  %d. %.0f%% %s (%d zin(nen))\n", i+1, 100*a.Probability, a.Text, a.Sentences)
	}
	fmt.Fprintf(&b, "\nOordeel\n  %s\n", x.Verdict)
	return b.String()
}

func writeField(b *strings.Builder, name, value string) {
	if value != "" {
		fmt.Fprintf(b, "  %s: %s\n", name, value)
	}
}

var kindsDutch = map[string]string{
	"open": "een zin die de vraag beantwoordt", "person": "een persoon of organisatie",
	"thing": "wat er gedaan of besloten is", "place": "een plaats", "time": "een datum of tijd",
	"count": "een aantal of maat", "reason": "een reden", "manner": "hoe iets ging",
	"which": "een of meer dingen van de gevraagde soort", "yesno": "ja of nee",
	"speech": "wat iemand zei", "define": "wie of wat iemand of iets is", "event": "wat er gebeurde",
}

func kindDutch(k string) string {
	if d, ok := kindsDutch[k]; ok {
		return d
	}
	return k
}
