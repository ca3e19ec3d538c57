package kb

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// questionWant is what TestParseQuestion compares of a parsed question.
type questionWant struct {
	kind     qkind
	rel      relation
	reverse  bool
	charge   bool
	entities []string
	name     string
	listKind nl.EntityKind
	yearFrom int
	yearTo   int
	english  bool
}

func (w questionWant) String() string {
	return fmt.Sprintf("{kind %s, rel %q, reverse %v, charge %v, entities %q, name %q, list %q, years %d-%d, english %v}",
		w.kind, w.rel, w.reverse, w.charge, w.entities, w.name, w.listKind, w.yearFrom, w.yearTo, w.english)
}

func TestParseQuestion(t *testing.T) {
	tests := []struct {
		q    string
		want questionWant
		gap  string // a known gap of parseQuestion: the case is skipped while it fails
	}{
		// Who accuses: case, punctuation, spelling slips, fillers.
		{q: "wie beschuldigt China?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "Wie beschuldigt China", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "WIE BESCHULDIGT CHINA?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "wie beschuldigd china", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "kun je me vertellen wie China beschuldigt?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "Hoi, wie beschuldigt Rusland", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"Rusland"}}},
		{q: "Wie heeft China beschuldigd?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "wie houdt China verantwoordelijk?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "wie rekent China de hack aan?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "wie beschuldigt Amerika?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"Verenigde Staten"}}},
		{q: "wie beschuldigt de Amerikanen?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"Verenigde Staten"}}},
		{q: "door wie wordt China beschuldigd?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "Wie wordt beschuldigd?", want: questionWant{kind: askWho, rel: relAccuse}},
		{q: "wie beschuldigt china van spionage in 2019", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}, yearFrom: 2019, yearTo: 2019}},
		{q: "wie beschuldigt China sinds 2018?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}, yearFrom: 2018}},
		{q: "wie beschuldigt de verenigde staten", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"Verenigde Staten"}},
			gap: `"staten" in a lower-case country name is read as the kind noun of "welke staten"`},
		{q: "wie klaagt China aan?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}},
			gap: `the separated verb "klaagt … aan" is not read as an accusation`},
		// Accused by: the named entity is the agent.
		{q: "who is accused by the US?", want: questionWant{kind: askWho, rel: relAccuse, reverse: true, entities: []string{"Verenigde Staten"}, english: true}},
		{q: "wie wordt door de VS beschuldigd?", want: questionWant{kind: askWho, rel: relAccuse, reverse: true, entities: []string{"Verenigde Staten"}},
			gap: `"door X" before the verb does not make X the agent`},
		{q: "wie worden door China beschuldigd", want: questionWant{kind: askWho, rel: relAccuse, reverse: true, entities: []string{"China"}},
			gap: `"door X" before the verb does not make X the agent`},
		// What someone is accused of.
		{q: "waarvan wordt China beschuldigd?", want: questionWant{kind: askWhat, rel: relAccuse, charge: true, entities: []string{"China"}}},
		{q: "what is China accused of?", want: questionWant{kind: askWhat, rel: relAccuse, charge: true, entities: []string{"China"}, english: true}},
		{q: "waar wordt China van beschuldigd?", want: questionWant{kind: askWhat, rel: relAccuse, charge: true, entities: []string{"China"}},
			gap: `the split "waar … van" is read as a where-question, not as "waarvan"`},
		{q: "van welke hack wordt China beschuldigd?", want: questionWant{kind: askWhich, rel: relAccuse, charge: true, entities: []string{"China"}},
			gap: `"van welke X wordt Y beschuldigd" is read as "who accuses Y", not as asking the charge`},
		// Deny, support, behind.
		{q: "ontkent China de hack?", want: questionWant{kind: askYesNo, rel: relDeny, entities: []string{"China"}}},
		{q: "does China deny the hack?", want: questionWant{kind: askYesNo, rel: relDeny, entities: []string{"China"}, english: true}},
		{q: "wie ontkent de beschuldigingen?", want: questionWant{kind: askWho, rel: relDeny}},
		{q: "Welke landen ontkennen?", want: questionWant{kind: askWhich, rel: relDeny, listKind: nl.Country}},
		{q: "welke telecombedrijven zijn getroffen", want: questionWant{kind: askWhich, listKind: nl.Company}},
		{q: "wanner begon de storing", want: questionWant{kind: askWhen}},
		{q: "wanneer ging de molen plat?", want: questionWant{kind: askWhen}},
		{q: "welke serie werd het best bekeken?", want: questionWant{kind: askWhich}},
		{q: "wie is de wachter van het museum?", want: questionWant{kind: askWho, rel: relRole, name: "wachter van het museum"}},
		{q: "welke landen steunen estlnd", want: questionWant{kind: askWhich, rel: relSupport, listKind: nl.Country, entities: []string{"Estland"}}},
		{q: "How many customers were left without service?", want: questionWant{kind: askHowMany, english: true}},
		{q: "wie sloot zich aan bij de Franse conclusies?", want: questionWant{kind: askWho, rel: relSupport, entities: []string{"Frankrijk"}}},
		{q: "wie zit er achtr de hack", want: questionWant{kind: askWho, rel: relBehind}},
		{q: "wie beschuldgt China", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "waarm vielen ze aan", want: questionWant{kind: askWhy}},
		{q: "maar wie beschuldigt China?", want: questionWant{kind: askWho, rel: relAccuse, entities: []string{"China"}}},
		{q: "welke banken werden aangevallen", want: questionWant{kind: askWhich, listKind: nl.Company}},
		{q: "welke navo-landen steunen Nederland", want: questionWant{kind: askWhich, rel: relSupport, listKind: nl.Country, entities: []string{"Nederland"}}},
		{q: "wat zei vicepremier Pritchard", want: questionWant{kind: askWhat, rel: relQuote, name: "Pritchard", entities: []string{"Pritchard"}}},
		{q: "wat zei Rusland over de beschuldigingen", want: questionWant{kind: askWhat, rel: relQuote, name: "Rusland", entities: []string{"Rusland"}}},
		{q: "wie steunt de VS?", want: questionWant{kind: askWho, rel: relSupport, entities: []string{"Verenigde Staten"}}},
		{q: "steunt Japan de VS?", want: questionWant{kind: askYesNo, rel: relSupport, entities: []string{"Japan", "Verenigde Staten"}}},
		{q: "beschuldigt de EU China?", want: questionWant{kind: askYesNo, rel: relAccuse, entities: []string{"Europese Unie", "China"}}},
		{q: "Is China beschuldigd?", want: questionWant{kind: askYesNo, rel: relAccuse, entities: []string{"China"}}},
		{q: "wie zit achter de Exchange-hack?", want: questionWant{kind: askWho, rel: relBehind}},
		{q: "wie zijn de daders?", want: questionWant{kind: askWho, rel: relBehind}},
		{q: "Which groups are behind the attack?", want: questionWant{kind: askWhich, rel: relBehind, listKind: nl.Group, english: true}},
		{q: "Welke groepen zitten achter de aanval?", want: questionWant{kind: askWhich, rel: relBehind, listKind: nl.Group},
			gap: `Dutch "achter" marks the behind relation only after wie/wat, not after welke (English "behind" does)`},
		// Who is, what is, what did X say.
		{q: "wie is Josep Borrell?", want: questionWant{kind: askWho, rel: relRole, entities: []string{"Josep Borrell"}, name: "Josep Borrell"}},
		{q: "wie is josep borrell", want: questionWant{kind: askWho, rel: relRole, entities: []string{"Josep Borrell"}, name: "josep borrell"}},
		{q: "weet jij wie Marloes Kuipers is?", want: questionWant{kind: askWho, rel: relRole, entities: []string{"Marloes Kuipers"}, name: "Marloes Kuipers"}},
		{q: "who is Josep Borrell?", want: questionWant{kind: askWho, rel: relRole, entities: []string{"Josep Borrell"}, name: "Josep Borrell", english: true},
			gap: `"who is X" counts one English word and is taken for Dutch`},
		{q: "wat is APT40?", want: questionWant{kind: askWhat, rel: relDefine, entities: []string{"APT40"}, name: "APT40"}},
		{q: "wat is de NAVO", want: questionWant{kind: askWhat, rel: relDefine, entities: []string{"NAVO"}, name: "NAVO"}},
		{q: "wat zei Borrell over sancties?", want: questionWant{kind: askWhat, rel: relQuote, entities: []string{"Josep Borrell"}, name: "Borrell"}},
		{q: "Wat zegt Blinken over China?", want: questionWant{kind: askWhat, rel: relQuote, entities: []string{"Antony Blinken", "China"}, name: "Blinken"}},
		{q: "what did Blinken say?", want: questionWant{kind: askWhat, rel: relQuote, entities: []string{"Antony Blinken"}, name: "Blinken", english: true}},
		// Lists.
		{q: "welke landen beschuldigen China?", want: questionWant{kind: askWhich, rel: relAccuse, entities: []string{"China"}, listKind: nl.Country}},
		{q: "welke landen beschuldigden China in 2021?", want: questionWant{kind: askWhich, rel: relAccuse, entities: []string{"China"}, listKind: nl.Country, yearFrom: 2021, yearTo: 2021}},
		{q: "welke hackersgroepen worden genoemd?", want: questionWant{kind: askWhich, listKind: nl.Group}},
		{q: "welke Chinese bedrijven worden geweerd?", want: questionWant{kind: askWhich, entities: []string{"China"}, listKind: nl.Company}},
		{q: "wat voor organisaties steunen de VS?", want: questionWant{kind: askWhich, rel: relSupport, entities: []string{"Verenigde Staten"}, listKind: nl.Organisation}},
		{q: "welke diensten onderzoeken de hack?", want: questionWant{kind: askWhich, listKind: nl.Agency}},
		{q: "which countries accuse China?", want: questionWant{kind: askWhich, rel: relAccuse, entities: []string{"China"}, listKind: nl.Country, english: true}},
		// When, where, how many, why.
		{q: "wanneer werd de hack ontdekt?", want: questionWant{kind: askWhen}},
		{q: "sinds wanneer is het lek bekend?", want: questionWant{kind: askWhen}},
		{q: "in welk jaar werd de hack bekend?", want: questionWant{kind: askWhen}},
		{q: "When was the hack discovered?", want: questionWant{kind: askWhen, english: true}},
		{q: "waar zitten de hackers?", want: questionWant{kind: askWhere}},
		{q: "Where are the hackers?", want: questionWant{kind: askWhere, english: true}},
		{q: "hoeveel servers in Nederland zijn besmet?", want: questionWant{kind: askHowMany, entities: []string{"Nederland"}}},
		{q: "hoe veel servers zijn besmet", want: questionWant{kind: askHowMany}},
		{q: "kunt u me vertellen hoeveel servers besmet zijn", want: questionWant{kind: askHowMany}},
		{q: "hoeveel slachtoffers vielen er in 2023?", want: questionWant{kind: askHowMany, yearFrom: 2023, yearTo: 2023}},
		{q: "how many servers were infected in the Netherlands?", want: questionWant{kind: askHowMany, entities: []string{"Nederland"}, english: true}},
		{q: "hoeveel bedrijven waren getroffen tussen 2020 en 2022?", want: questionWant{kind: askHowMany, yearFrom: 2020, yearTo: 2022},
			gap: `"tussen 2020 en 2022" keeps only the last year as the filter`},
		{q: "waarom beschuldigt de EU China?", want: questionWant{kind: askWhy, rel: relAccuse, entities: []string{"Europese Unie", "China"}}},
		{q: "Why does the EU accuse China?", want: questionWant{kind: askWhy, rel: relAccuse, entities: []string{"Europese Unie", "China"}, english: true}},
		// No question word.
		{q: "exchange hack", want: questionWant{kind: askWhat}},
		{q: "hacks voor 2020", want: questionWant{kind: askWhat, yearTo: 2019}},
		{q: "", want: questionWant{kind: askWhat}},
	}
	rec := recognizer()
	for _, tt := range tests {
		q := parseQuestion(rec, tt.q)
		var ents []string
		for _, e := range q.entities {
			ents = append(ents, e.Name)
		}
		got := questionWant{kind: q.kind, rel: q.rel, reverse: q.reverse, charge: q.charge, entities: ents, name: q.name,
			listKind: q.listKind, yearFrom: q.yearFrom, yearTo: q.yearTo, english: q.english}
		if equalWant := got.kind == tt.want.kind && got.rel == tt.want.rel && got.reverse == tt.want.reverse &&
			got.charge == tt.want.charge && slices.Equal(got.entities, tt.want.entities) && got.name == tt.want.name &&
			got.listKind == tt.want.listKind && got.yearFrom == tt.want.yearFrom && got.yearTo == tt.want.yearTo &&
			got.english == tt.want.english; equalWant {
			if tt.gap != "" {
				// Fixed: the case counts as passed; its gap note can go.
				t.Logf("parseQuestion(%q) now passes; its known gap %q is fixed", tt.q, tt.gap)
			}
			continue
		}
		msg := fmt.Sprintf("parseQuestion(%q) = %s, want %s", tt.q, got, tt.want)
		if tt.gap != "" {
			t.Run(tt.q, func(t *testing.T) { t.Skip("known gap: " + tt.gap + "; " + msg) })
			continue
		}
		t.Error(msg)
	}
}

// TestParseQuestionLong checks that a question of 10,000 characters is
// read in bounded time and does not crash; only its start counts.
func TestParseQuestionLong(t *testing.T) {
	long := "wie beschuldigt China " + strings.Repeat("en nog meer woorden ", 500)
	q := parseQuestion(recognizer(), long)
	if q.kind != askWho || q.rel != relAccuse {
		t.Errorf("parseQuestion(long) = kind %s rel %q, want wie accuse", q.kind, q.rel)
	}
	if len(q.terms) > 1000 {
		t.Errorf("parseQuestion(long) has %d terms, want the question cut", len(q.terms))
	}
}

// TestSeparableVerbTerms: the particle at the end of a question may stand
// joined to the verb in the article ("vond … plaats" / "plaatsvond", "kondigde
// … aan" / "aangekondigd"), also when the particle is a stopword.
func TestSeparableVerbTerms(t *testing.T) {
	tests := []struct {
		q, want string // want: an article word whose stem a term must carry
	}{
		{"wanneer vond de aanval plaats?", "plaatsvond"},
		{"wat kondigde de minister aan", "aangekondigd"},
		{"wat kondigde de minister aan?", "aankondigde"},
		{"wanneer viel de groep het ziekenhuis aan?", "aanviel"},
		{"wie legde de systemen plat", "platgelegd"},
	}
	rec := recognizer()
	for _, tt := range tests {
		q := parseQuestion(rec, tt.q)
		want := nl.Stem(tt.want)
		var got [][]string
		found := false
		for _, term := range q.terms {
			got = append(got, term.stems)
			found = found || slices.Contains(term.stems, want)
		}
		if !found {
			t.Errorf("parseQuestion(%q): no term with stem %q (of %q); terms %q", tt.q, want, tt.want, got)
		}
	}
}
