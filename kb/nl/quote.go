package nl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isQuoteMark reports whether r marks direct speech.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// quoteSpans returns the quoted stretches of s, without their marks. An
// unclosed quote runs to the end.
func quoteSpans(s string) []Span {
	var out []Span
	open := -1
	single := false // opened by ‘, closed by ’ that is no apostrophe
	double := false // opened by the newspaper mark ",,", closed by '' or ” or "
	for i, r := range s {
		// ",,Wij zijn geschrokken'', zegt hij": Dutch papers open quotes
		// with two commas and close them with two apostrophes.
		if r == ',' && open < 0 && strings.HasPrefix(s[i:], ",,") && i+2 < len(s) && s[i+2] != ' ' && s[i+2] != ',' {
			open, double = i+2, true
			continue
		}
		if double {
			if i < open {
				continue
			}
			if strings.HasPrefix(s[i:], "''") || r == '\u201d' || r == '"' {
				out = append(out, Span{open, i})
				open, double = -1, false
			}
			continue
		}
		if r == '\u2018' && open < 0 {
			// "‘s Avonds", "‘t", or inside a word: an apostrophe, not a quote.
			after := s[i+utf8.RuneLen(r):]
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if len(after) >= 2 && unicode.IsLetter(rune(after[0])) && (after[1] == ' ' || len(after) == 1) || i > 0 && unicode.IsLetter(prev) {
				continue
			}
			open, single = i+utf8.RuneLen(r), true
			continue
		}
		if r == '\u2019' && single {
			// "zo’n", "PLC’s": a letter after it makes it an apostrophe.
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if unicode.IsLetter(next) {
				continue
			}
			out = append(out, Span{open, i})
			open, single = -1, false
			continue
		}
		if !isQuoteMark(r) || single {
			continue
		}
		size := utf8.RuneLen(r)
		if open < 0 {
			open = i + size
			continue
		}
		out = append(out, Span{open, i})
		open = -1
	}
	if open >= 0 && open < len(s) {
		out = append(out, Span{open, len(s)})
	}
	return out
}

// trimQuote trims spaces, quote marks and trailing punctuation.
func trimQuote(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimFunc(s, func(r rune) bool { return isQuoteMark(r) || r == ' ' })
		t = strings.TrimRight(t, ",;: ")
		if t == s {
			return s
		}
		s = t
	}
}

// quotes finds what the sentence says its speakers said.
func (st *sent) quotes(claimVerbs map[int]bool) []Quote {
	if len(st.ws) == 0 {
		return nil
	}
	spans := quoteSpans(st.s)
	// "Als de gemeente niet betaalt, dreigt Play alles online te zetten":
	// a clause before the verb, not words someone said.
	subordinate := len(spans) == 0 && subordinators[st.ws[0].Key]
	if !subordinate {
		if q, ok := st.quoteBeforeVerb(spans, claimVerbs); ok {
			return []Quote{q}
		}
	}
	if q, ok := st.quoteAfterColon(spans); ok {
		return []Quote{q}
	}
	if q, ok := st.quoteAfterDat(); ok {
		return []Quote{q}
	}
	if q, ok := st.quoteAfterNamingVerb(spans); ok {
		return []Quote{q}
	}
	if q, ok := st.quoteVolgens(); ok {
		return []Quote{q}
	}
	return nil
}

// quoteBeforeVerb finds words said before a speech verb with the speaker
// after it: "…", zegt X / aldus X / laat X weten. spans are the sentence's
// quoted stretches; the verbs in claimVerbs are no speech verbs.
func (st *sent) quoteBeforeVerb(spans []Span, claimVerbs map[int]bool) (Quote, bool) {
	ws := st.ws
	for i := 1; i < len(ws); i++ {
		v := i
		gap := st.s[ws[i-1].End:ws[i].Start]
		if ws[i].Key == "zo" && i+1 < len(ws) && speechVerbs[ws[i+1].Key] {
			v = i + 1
		}
		if !speechVerbs[ws[v].Key] || !strings.ContainsAny(gap, ",\"\u201d\u201c") || st.at[v] >= 0 || claimVerbs[v] {
			continue
		}
		sp, ok := st.speakerAfter(v)
		if !ok {
			continue
		}
		cut := ws[i-1].End
		if c := strings.LastIndex(st.s[:ws[i].Start], ","); c >= 0 {
			cut = c
		}
		text := st.s[afterDateline(st.s):cut]
		if len(spans) > 0 && spans[0].End <= cut && strings.TrimSpace(st.s[:spans[0].Start]) != "" {
			// Only part is quoted: the whole clause is what was said.
			text = st.s[:cut]
		} else if len(spans) == 1 && spans[0].End <= cut+1 {
			text = st.s[spans[0].Start:spans[0].End]
		}
		if t := trimQuote(text); t != "" {
			return Quote{Speaker: sp, Text: t}, true
		}
	}
	return Quote{}, false
}

// quoteAfterColon finds the quoted words after a colon and the speaker
// before it: X: "…" and X zegt: "…". spans are the sentence's quoted
// stretches.
func (st *sent) quoteAfterColon(spans []Span) (Quote, bool) {
	c := strings.Index(st.s, ":")
	if c <= 0 {
		return Quote{}, false
	}
	for _, sp := range spans {
		if sp.Start > c && strings.TrimSpace(strings.Trim(st.s[c+1:sp.Start], "\"\u201c\u201e ")) == "" {
			if e, ok := st.lastSpeakerBefore(c); ok {
				return Quote{Speaker: e, Text: trimQuote(st.s[sp.Start:sp.End])}, true
			}
		}
	}
	return Quote{}, false
}

// quoteAfterDat finds the words after "dat" with a speech verb and its
// speaker before it: X zei dat ….
func (st *sent) quoteAfterDat() (Quote, bool) {
	ws := st.ws
	for i, w := range ws {
		if w.Key != "dat" || i < 2 {
			continue
		}
		v := -1
		for j := i - 1; j >= 1 && j >= i-4 && !st.gapBreaks(j); j-- {
			if speechVerbs[ws[j].Key] && st.at[j] < 0 {
				v = j
				break
			}
		}
		if v < 0 {
			continue
		}
		e, ok := st.speakerBefore(v)
		if !ok {
			// The speaker after the verb: "Toen de storm voorbij was, zei
			// burgemeester Jansen dat …", "Nu zegt Jansen dat …".
			e, ok = st.pickSpeaker(v+1, i)
		}
		if ok {
			if t := trimQuote(strings.TrimRight(st.s[w.End:], ".!? ")); t != "" {
				return Quote{Speaker: e, Text: t}, true
			}
		}
	}
	return Quote{}, false
}

// quoteAfterNamingVerb finds quoted words put in someone's mouth by a
// speech or naming verb shortly before them: X sprak van "…", X noemde de
// beschuldigingen "…". spans are the sentence's quoted stretches.
func (st *sent) quoteAfterNamingVerb(spans []Span) (Quote, bool) {
	ws := st.ws
	for _, sp := range spans {
		first := 0
		for first < len(ws) && ws[first].End <= sp.Start {
			first++
		}
		v := -1
		for j := first - 1; j >= 1 && j >= first-5 && (j == first-1 || !st.gapBreaks(j)); j-- {
			if (speechVerbs[ws[j].Key] || namingVerbs[ws[j].Key]) && st.at[j] < 0 {
				v = j
				break
			}
		}
		if v < 0 {
			continue
		}
		if e, ok := st.speakerBefore(v); ok {
			if t := strings.TrimSpace(strings.TrimRight(st.s[ws[v].Start:], ".!? ")); t != "" {
				return Quote{Speaker: e, Text: t}, true
			}
		}
	}
	return Quote{}, false
}

// quoteVolgens finds the words after "Volgens X" at the start of the
// sentence or after a comma: Volgens X ….
func (st *sent) quoteVolgens() (Quote, bool) {
	ws := st.ws
	for _, m := range st.ms {
		if m.via != "volgens" || m.ref {
			continue
		}
		vi := m.w0 - 1
		for vi >= 0 && ws[vi].Key != "volgens" {
			vi--
		}
		if vi != 0 && (vi < 0 || !strings.Contains(st.s[ws[vi-1].End:ws[vi].Start], ",")) {
			continue
		}
		rest := strings.TrimRight(st.s[m.End:], ".!? ")
		if t := trimQuote(rest); t != "" && !m.modifier {
			return Quote{Speaker: m.Entity, Text: t}, true
		}
	}
	return Quote{}, false
}

// subordinators open a clause that comes before the main verb.
var subordinators = set("als", "toen", "nadat", "omdat", "wanneer", "zodra", "hoewel", "terwijl", "doordat", "voordat",
	"sinds", "indien", "tenzij", "zolang", "aangezien")

// namingVerbs put words in someone's mouth without a colon: "sprak van
// "spionagemanie"", "noemde de beschuldigingen "absurd"".
var namingVerbs = set("sprak", "spreekt", "spreken", "spraken", "noemt", "noemde", "noemen", "noemden",
	"omschreef", "omschrijft", "beschreef", "beschrijft", "typeerde", "typeert", "betitelde", "betitelt")

// afterDateline returns the offset after a dateline such as "BRUSSEL (ANP) - ".
func afterDateline(s string) int {
	for _, d := range [...]string{" - ", " \u2013 ", " \u2014 "} {
		if i := strings.Index(s, d); i > 0 && i < 80 {
			head := s[:i]
			if strings.HasSuffix(head, ")") || strings.ToUpper(head) == head {
				return i + len(d)
			}
		}
	}
	return 0
}

// wholeQuote returns the text of a sentence that is all direct speech.
func wholeQuote(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if !isQuoteMark(first) {
		return "", false
	}
	spans := quoteSpans(t)
	if len(spans) != 1 || strings.TrimSpace(strings.TrimFunc(t[spans[0].End:], func(r rune) bool { return isQuoteMark(r) || strings.ContainsRune(".!? ", r) })) != "" {
		return "", false
	}
	q := trimQuote(t[spans[0].Start:spans[0].End])
	return q, q != ""
}

// speakerAfter returns the speaker named after the speech verb at v.
func (st *sent) speakerAfter(v int) (Entity, bool) {
	end := len(st.ws)
	for i := v + 1; i < len(st.ws); i++ {
		if st.gapBreaks(i-1) && i > v+1 {
			end = i
			break
		}
	}
	return st.pickSpeaker(v+1, end)
}

// speakerBefore returns the subject of the speech verb at v.
func (st *sent) speakerBefore(v int) (Entity, bool) {
	L, _ := st.window(v)
	for _, m := range st.ms {
		if m.w0 >= L && m.w1 <= v && m.Kind == Person && m.via == "" {
			return m.Entity, true
		}
	}
	ps := st.usable(st.parties(L, v, false), trigger{})
	if len(ps) == 0 {
		return st.pronounSpeaker(L, v)
	}
	if st.at[ps[len(ps)-1].first] >= 0 && st.ms[st.at[ps[len(ps)-1].first]].ref {
		return Entity{}, false
	}
	return ps[len(ps)-1].ents[0], true
}

// lastSpeakerBefore returns the speaker named right before byte offset c.
func (st *sent) lastSpeakerBefore(c int) (Entity, bool) {
	end := 0
	for end < len(st.ws) && st.ws[end].End <= c {
		end++
	}
	from := 0
	for i := end - 1; i > 0; i-- {
		if st.gapBreaks(i - 1) {
			from = i
			break
		}
	}
	return st.pickSpeaker(from, end)
}

// pickSpeaker picks the speaker among the mentions in words [from, to): a
// person first, else a party that is no victim or place ("een woordvoerder
// van het Witte Huis" speaks for the Witte Huis).
func (st *sent) pickSpeaker(from, to int) (Entity, bool) {
	var cand *Entity
	for _, m := range st.ms {
		if m.w0 < from || m.w0 >= to || m.product {
			continue
		}
		if m.ref {
			if len(m.refs) == 1 && cand == nil && m.via == "" { // "stelt de dienst"
				e := m.refs[0]
				cand = &e
			}
			continue
		}
		if m.Kind == Person {
			return m.Entity, true
		}
		if cand != nil || m.modifier || m.Kind == Place || m.form == formAdj && !m.gov {
			continue
		}
		if m.Prep == "" || m.Prep == "van" && m.w0 > 0 && st.roleish(m.w0) || m.Prep == "namens" {
			e := m.Entity
			cand = &e
		}
	}
	if cand != nil {
		return *cand, true
	}
	return st.pronounSpeaker(from, to)
}

// pronounSpeaker returns the person "hij", "zij" or "ze" in words [from,
// to) stands for: the person the sentence before named.
func (st *sent) pronounSpeaker(from, to int) (Entity, bool) {
	if st.ctx == nil || st.ctx.lastPerson == nil {
		return Entity{}, false
	}
	for i := max(from, 0); i < to && i < len(st.ws); i++ {
		switch st.ws[i].Key {
		case "hij", "zij", "ze":
			return *st.ctx.lastPerson, true
		}
	}
	return Entity{}, false
}

// roleish reports whether a role word stands shortly before word i.
func (st *sent) roleish(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if isRoleWord(st.ws[k].Key) {
			return true
		}
	}
	return false
}

// QuoteSpans returns the quoted stretches of s without their marks: the
// words between “ ”, " ", „ ”, ‘ ’ and the newspaper marks ,, ”.
func QuoteSpans(s string) []Span { return quoteSpans(s) }
