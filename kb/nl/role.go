package nl

import "strings"

// roles finds what the sentence says its persons are: an apposition before
// the name ("EU-buitenlandchef Josep Borrell") or after it ("Josep Borrell,
// de buitenlandchef van de EU,").
func (st *sent) roles() []Role {
	var out []Role
	for _, m := range st.ms {
		if m.Kind != Person || m.ref {
			continue
		}
		if d := st.roleBefore(m); d != "" {
			// "Topman Erik Hoekstra van KPN": the organisation after the name.
			if org := st.orgAfter(m); org != "" && !strings.Contains(d, " van ") {
				d += " van " + org
			}
			out = append(out, Role{Person: m.Entity, Description: d})
			continue
		}
		if d := st.roleInCommas(m); d != "" {
			out = append(out, Role{Person: m.Entity, Description: d})
			continue
		}
		if d := st.roleAfter(m); d != "" {
			out = append(out, Role{Person: m.Entity, Description: d})
		}
	}
	return out
}

// roleBefore returns the role phrase right before person mention m, or "".
func (st *sent) roleBefore(m mention) string {
	ws := st.ws
	j := m.w0 - 1
	if j < 0 || st.gapBreaks(j) {
		return ""
	}
	h := -1
	for k := j; k >= 0 && k >= j-5; k-- {
		if isRoleWord(ws[k].Key) && (st.at[k] < 0 || st.ms[st.at[k]].Kind == Person && false) {
			h = k
			break
		}
		if k < j && st.gapBreaks(k) || speechVerbs[ws[k].Key] || k < m.w0-1 && ws[k].Key == "dat" {
			return ""
		}
	}
	if h < 0 {
		return ""
	}
	// Between the head and the name: nothing, or "van/voor" and its words.
	if h < j && ws[h+1].Key != "van" && ws[h+1].Key != "voor" {
		return ""
	}
	start := h
	for n := 0; start > 0 && n < 4; n++ {
		p := ws[start-1]
		if ws[start].Joined {
			start--
			continue
		}
		if st.gapBreaks(start - 1) {
			break
		}
		if k := st.at[start-1]; k >= 0 && st.ms[k].form == formAdj {
			start = st.ms[k].w0
			continue
		}
		if !p.Cap && isAdjLike(p.Key) {
			start--
			continue
		}
		break
	}
	return strings.TrimSpace(st.s[ws[start].Start:ws[j].End])
}

// roleAfter returns the apposition after person mention m ("Jan de Vries
// (54), directeur van Fox-IT,"), or "".
func (st *sent) roleAfter(m mention) string {
	ws := st.ws
	i := m.w1
	if i < len(ws) && ws[i].Digits && strings.Contains(st.s[ws[i-1].End:ws[i].Start], "(") {
		i++
	}
	if i >= len(ws) || !strings.Contains(st.s[ws[i-1].End:ws[i].Start], ",") {
		return ""
	}
	if determiners[ws[i].Key] {
		i++
	}
	start := i
	for n := 0; i < len(ws) && n < 2; n++ { // adjectives: "Britse", "voormalige"
		if k := st.at[i]; k >= 0 && st.ms[k].form == formAdj || !ws[i].Cap && isAdjLike(ws[i].Key) && !isRoleWord(ws[i].Key) {
			i++
			continue
		}
		break
	}
	if i >= len(ws) || !isRoleWord(ws[i].Key) || st.at[i] >= 0 {
		return ""
	}
	end := i + 1
	for end < len(ws) && end-start < 12 && !st.gapBreaks(end-1) && !speechVerbs[ws[end].Key] {
		end++
	}
	if start >= len(ws) {
		return ""
	}
	return strings.TrimSpace(st.s[ws[start].Start:ws[end-1].End])
}

// gapBreaks reports whether punctuation stands between word i and the next.
func (st *sent) gapBreaks(i int) bool {
	if i+1 >= len(st.ws) {
		return true
	}
	return gapBreaks(st.s[st.ws[i].End:st.ws[i+1].Start])
}

// orgAfter returns the organisation named by "van X" right after person
// mention m ("Burgemeester Femke Halsema van Amsterdam"), or "".
func (st *sent) orgAfter(m mention) string {
	i := m.w1
	if i+1 >= len(st.ws) || st.ws[i].Key != "van" || st.gapBreaks(i-1) {
		return ""
	}
	j := i + 1
	for j < len(st.ws) && determiners[st.ws[j].Key] {
		j++
	}
	if j >= len(st.ws) {
		return ""
	}
	if k := st.at[j]; k >= 0 && st.ms[k].w0 == j && st.ms[k].Kind != Person {
		return st.s[st.ws[i+1].Start:st.ws[st.ms[k].w1-1].End]
	}
	return ""
}

// roleInCommas returns the role of a person named between commas after it:
// "De minister van Justitie, Dilan Yesilgöz, reageerde".
func (st *sent) roleInCommas(m mention) string {
	ws := st.ws
	j := m.w0 - 1
	if j < 1 || !strings.Contains(st.s[ws[j].End:ws[m.w0].Start], ",") ||
		m.w1 < len(ws) && !strings.Contains(st.s[ws[m.w1-1].End:ws[m.w1].Start], ",") {
		return ""
	}
	// The role phrase: from the sentence's or clause's start, a role word
	// and its "van X".
	start := j
	for start > 0 && !st.gapBreaks(start-1) && j-start < 6 {
		start--
	}
	for start <= j && determiners[ws[start].Key] {
		start++
	}
	if start > j || !isRoleWord(ws[start].Key) && !(start+1 <= j && isRoleWord(ws[start+1].Key)) {
		return ""
	}
	return strings.TrimSpace(st.s[ws[start].Start:ws[j].End])
}
