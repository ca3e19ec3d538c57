package nl

import "strings"

// Claims are found by patterns over the words of one sentence, with the
// mentions already found. Decisions:
//   - A group of states such as the Five Eyes stays one agent; callers that
//     want its members expand it with Entity.Members.
//   - Media are agents only as the subject of an accusing verb: "meldt
//     Reuters" and "volgens Reuters" report, they do not accuse.
//   - Names after van/op/in/bij/tegen/aan/uit/voor/met are no agents or
//     direct objects (victims, places), except after the preposition a
//     trigger asks for ("wijzen naar", "door" in a passive, "bijval van").
//   - An adjective names the state only with a government noun ("de
//     Chinese overheid", "de Britse en Amerikaanse overheden"); as a target
//     also before "hackers" ("wees naar Chinese hackers").
//   - A claim needs a target, except a denial; a negated accusation ("X
//     beschuldigt China niet") is no claim.

// sent is one sentence with its words and mentions.
type sent struct {
	s   string
	ws  []word
	ms  []mention
	at  []int       // word index → index into ms, or -1
	ctx *articleCtx // nil outside Analyze
	// steps counts the words the scans over the sentence read, for the
	// test that the analysis stays linear in the length of the text.
	steps int
}

// newSent indexes the mentions of a sentence by word.
func newSent(s string, ws []word, ms []mention, ctx *articleCtx) *sent {
	st := &sent{s: s, ws: ws, ms: ms, at: make([]int, len(ws)), ctx: ctx}
	for i := range st.at {
		st.at[i] = -1
	}
	for k, m := range ms {
		for i := m.w0; i < m.w1 && i < len(ws); i++ {
			st.at[i] = k
		}
	}
	return st
}

// trigger is a word that makes a claim, with how its parties are found.
type trigger struct {
	rel Relation
	v   int // the (finite) verb or the key word
	// targetPrep: the target follows this preposition ("wijzen naar X");
	// "" means the object.
	targetPrep string
	// agentPrep: the agents follow this preposition ("bijval van X"),
	// and the subject is the target.
	agentPrep       string
	subjectIsTarget bool // "X zit achter", "X is verantwoordelijk voor"
	particle        int  // word of a separable particle to leave out of About, or -1
	aboutFrom       int  // word where About starts, or -1 to find it
	// aboutAfterObject: About is what follows the object ("verwijt Rusland
	// sabotage van het spoor").
	aboutAfterObject bool
}

// claims extracts the claims of the sentence.
func (st *sent) claims() ([]Claim, map[int]bool) {
	var out []Claim
	verbs := map[int]bool{}
	for _, t := range st.triggers() {
		c, ok := st.claim(t)
		if !ok {
			continue
		}
		// "… wijst men naar Moskou": people in general accuse no one in
		// particular, and the speaker who says so does not either.
		if t.rel == Accuse && (keyAt(st.ws, t.v+1) == "men" || keyAt(st.ws, t.v-1) == "men") {
			continue
		}
		if t.rel != Deny {
			verbs[t.v] = true
		}
		dup := false
		for _, o := range out {
			if o.Relation == c.Relation && sameEntities(o.Agents, c.Agents) && sameEntities(o.Targets, c.Targets) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	// "België en Duitsland beschuldigen respectievelijk China en Rusland":
	// the first accuses the first, the second the second.
	if st.hasKey(0, len(st.ws), set("respectievelijk")) >= 0 {
		var split []Claim
		for _, c := range out {
			if len(c.Agents) >= 2 && len(c.Agents) == len(c.Targets) {
				for i := range c.Agents {
					split = append(split, Claim{Relation: c.Relation, Agents: c.Agents[i : i+1], Targets: c.Targets[i : i+1], About: c.About})
				}
				continue
			}
			split = append(split, c)
		}
		out = split
	}
	out = append(out, st.actorClaims(out)...)
	// "X beschuldigt Y ervan achter de aanval te zitten" makes the same
	// claim twice, once without its agent: keep the one that has it.
	kept := out[:0]
	for _, c := range out {
		if len(c.Agents) == 0 && hasAgentTwin(out, c) {
			continue
		}
		kept = append(kept, c)
	}
	return kept, verbs
}

// hasAgentTwin reports whether claims holds c's relation and targets with
// agents.
func hasAgentTwin(claims []Claim, c Claim) bool {
	for _, o := range claims {
		if o.Relation == c.Relation && len(o.Agents) > 0 && sameEntities(o.Targets, c.Targets) {
			return true
		}
	}
	return false
}

// sameEntities reports whether a and b name the same entities in order.
func sameEntities(a, b []Entity) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}

// hasKey returns the first word in [from, to) whose key is in keys, or -1.
func (st *sent) hasKey(from, to int, keys map[string]bool) int {
	if from < 0 {
		from = 0
	}
	if to > len(st.ws) {
		to = len(st.ws)
	}
	for i := from; i < to; i++ {
		st.steps++
		if keys[st.ws[i].Key] {
			return i
		}
	}
	return -1
}

// triggers finds the words that make claims.
func (st *sent) triggers() []trigger {
	var ts []trigger
	add := func(t trigger) {
		if t.particle == 0 {
			t.particle = -1
		}
		ts = append(ts, t)
	}
	for i, w := range st.ws {
		if st.at[i] >= 0 || !isTriggerCandidate(w.Key) {
			continue
		}
		L, R := st.window(i)
		for _, group := range triggerGroups {
			if group(st, i, L, R, add) {
				break
			}
		}
	}
	return ts
}

// triggerGroups are the groups of trigger words in the order triggers
// tries them: the first group that knows a word decides its trigger, as
// the cases of one switch would. Each adds the triggers of word i, whose
// clause is [L, R), with add.
var triggerGroups = [...]func(st *sent, i, L, R int, add func(trigger)) bool{
	(*sent).accuseVerbTriggers,
	(*sent).blameTriggers,
	(*sent).behindTriggers,
	(*sent).denyTriggers,
	(*sent).supportTriggers,
	(*sent).attributeTriggers,
}

// accuseVerbTriggers adds the trigger of word i if it is a verb that
// accuses (beschuldigen, verdenken, wijten, veroordelen, aanrekenen,
// aanklagen) or a denial made with one of those verbs ("spreekt
// de beschuldigingen tegen", "doet de beschuldigingen af"). It reports
// whether it knew the word, trigger or not, so that triggers tries no
// other group.
func (st *sent) accuseVerbTriggers(i, L, R int, add func(trigger)) bool {
	ws := st.ws
	k := ws[i].Key
	switch {
	case strings.HasPrefix(k, "beschuldig") && !strings.HasPrefix(k, "beschuldiging") && k != "beschuldigde" || k == "beschuldigde" && !determiners[keyAt(ws, i-1)]:
		add(trigger{rel: Accuse, v: i, aboutFrom: -1})
	// "verdenkt Iran van de aanval", "Rusland wordt verdacht": suspicion
	// is an accusation; "verdachte pakketjes" is not.
	case strings.HasPrefix(k, "verdenk") || k == "verdacht" && passiveAux[keyAt(ws, i-1)] || k == "verdacht" && keyAt(ws, i-1) == "ervan":
		add(trigger{rel: Accuse, v: i, aboutFrom: -1})
	// "Microsoft wijt de aanval aan Chinese staatshackers."
	case k == "wijt" || k == "wijten" || k == "geweten" && st.hasKey(i+1, R, set("aan")) >= 0:
		add(trigger{rel: Accuse, v: i, targetPrep: "aan", aboutFrom: -1})
	// "aanklachten ingediend tegen vijf Chinese hackers"
	case k == "aanklacht" || k == "aanklachten":
		if st.hasKey(i+1, R, set("tegen")) >= 0 {
			add(trigger{rel: Accuse, v: i, targetPrep: "tegen", aboutFrom: -1})
		}
	// "De aanval is het werk van Noord-Koreaanse hackers."
	case k == "werk" && keyAt(ws, i-1) == "het" && keyAt(ws, i+1) == "van":
		add(trigger{rel: Accuse, v: i, targetPrep: "van", aboutFrom: -1})
	case strings.HasPrefix(k, "veroordee") || strings.HasPrefix(k, "veroordel") && !strings.HasPrefix(k, "veroordeling"),
		strings.HasPrefix(k, "bekritiseer") || strings.HasPrefix(k, "bekritiseren"),
		strings.HasPrefix(k, "aanklaag") || k == "aanklagen" || k == "aangeklaagd":
		add(trigger{rel: Accuse, v: i, aboutFrom: -1})
	case k == "aanrekenen" || k == "aangerekend" || k == "aanrekent" || k == "aanrekende" || k == "aanrekenden":
		add(trigger{rel: Accuse, v: i, aboutFrom: -1})
	case rekenForms[k]:
		if p := st.particle(i, R, "aan"); p >= 0 {
			add(trigger{rel: Accuse, v: i, particle: p, aboutFrom: -1})
		}
	case spreekForms[k]:
		if p := st.particle(i, R, "aan"); p >= 0 {
			add(trigger{rel: Accuse, v: i, particle: p, aboutFrom: -1})
		} else if p := st.hasKey(i+1, R, set("uit")); p >= 0 && keyAt(ws, p+1) == "tegen" {
			add(trigger{rel: Accuse, v: i, targetPrep: "tegen", aboutFrom: p + 1})
		} else if a := st.hasKey(i+1, min(i+4, R), accusationNouns); a >= 0 && st.hasKey(a+1, min(a+3, R), set("tegen")) >= 0 {
			add(trigger{rel: Deny, v: i, aboutFrom: -1}) // "spreekt de beschuldigingen tegen"
		} else if keyAt(ws, i+1) == "van" && st.dismissiveQuote(i+2) {
			add(trigger{rel: Deny, v: i, aboutFrom: -1}) // "sprak van "russofobe hysterie""
		}
	// "doet de beschuldigingen af als propaganda"
	case k == "doet" || k == "doen" || k == "deed" || k == "deden":
		if a := st.hasKey(i+1, min(i+4, R), accusationNouns); a >= 0 && keyAt(ws, a+1) == "af" {
			add(trigger{rel: Deny, v: i, aboutFrom: -1})
		}
	case k == "uitspreekt" || k == "uitspreken" || k == "uitgesproken" || k == "uitsprak" || k == "uitspraken" && keyAt(ws, i+1) == "tegen":
		if st.hasKey(i+1, R, set("tegen")) >= 0 {
			add(trigger{rel: Accuse, v: i, targetPrep: "tegen", aboutFrom: -1})
		}
	case klaagForms[k]:
		if p := st.particle(i, R, "aan"); p >= 0 {
			add(trigger{rel: Accuse, v: i, particle: p, aboutFrom: -1})
		}
	default:
		return false
	}
	return true
}

// blameTriggers adds the trigger of word i if it calls to account
// ("aanspreken"), holds responsible, points at ("wijst naar Moskou"),
// ascribes ("toegeschreven aan"), blames ("geeft de schuld") or reproaches
// ("beticht", "verwijt"), and the denials made with the same words ("wijst
// van de hand", "wijst af"). It reports whether it knew the word, as
// accuseVerbTriggers does.
func (st *sent) blameTriggers(i, L, R int, add func(trigger)) bool {
	ws := st.ws
	k := ws[i].Key
	switch {
	case k == "aanspreken" || k == "aangesproken":
		add(trigger{rel: Accuse, v: i, aboutFrom: -1})
	case k == "verantwoordelijk" || k == "aansprakelijk":
		h := st.hasKey(L, R, houdStelForms)
		// "stelt dat China verantwoordelijk is": "stellen" says, it does not hold.
		says := h >= 0 && st.hasKey(h+1, i, set("dat")) >= 0
		if h >= 0 && !says {
			add(trigger{rel: Accuse, v: h, aboutFrom: -1})
		} else if z := st.hasKey(L, R, zijnForms); z >= 0 && (keyAt(ws, i+1) == "voor" || z == i+1 || says || i == len(ws)-1) {
			about := -1
			if keyAt(ws, i+1) == "voor" {
				about = i + 1
			}
			add(trigger{rel: Accuse, v: i, subjectIsTarget: true, aboutFrom: about})
		}
	case wijsForms[k] || k == "aangewezen" || k == "aanwijzen":
		if h := st.hasKey(i+1, R, set("hand")); h >= 2 && keyAt(ws, h-2) == "van" && keyAt(ws, h-1) == "de" {
			add(trigger{rel: Deny, v: i, aboutFrom: -1}) // "wijst de beschuldigingen van de hand"
		} else if a := st.hasKey(i+1, R, set("als")); a >= 0 && (culpritWords[keyAt(ws, a+1)] || determiners[keyAt(ws, a+1)] && culpritWords[keyAt(ws, a+2)]) {
			add(trigger{rel: Accuse, v: i, aboutFrom: -1}) // "wijst Rusland aan als dader van de aanval"
		} else if a >= 0 && attackerNouns[keyAt(ws, a+1)] {
			add(trigger{rel: Accuse, v: i, aboutFrom: a + 1}) // "wijst Taiwan aan als hackers"
		} else if p := st.particle(i, R, "aan"); p >= 0 && k != "aangewezen" && k != "aanwijzen" {
			add(trigger{rel: Accuse, v: i, particle: p, aboutFrom: -1}) // "wijst Nederland Rusland aan"
		} else if p := st.hasKey(i+1, min(i+5+3*b2i(st.hasKey(i+1, min(i+6, R), set("vinger")) >= 0), R), set("naar", "op")); p >= 0 && !(keyAt(ws, i+1) == "af") {
			// "wijst naar Moskou", "wijst met een beschuldigende vinger naar Moskou"
			add(trigger{rel: Accuse, v: i, targetPrep: ws[p].Key, aboutFrom: -1})
		} else if p := st.particle(i, R, "af"); p >= 0 {
			add(trigger{rel: Deny, v: i, particle: p, aboutFrom: -1})
		}
	case k == "afgewezen" || k == "afwijzen" || k == "afwijst":
		add(trigger{rel: Deny, v: i, aboutFrom: -1})
	case k == "toegeschreven" || k == "toeschrijven" || k == "toeschrijft" || k == "toeschreef" || k == "toeschreven" || k == "gelinkt" || k == "linken" || k == "linkt" || k == "gekoppeld" || k == "koppelen" || k == "koppelt":
		add(trigger{rel: Accuse, v: i, targetPrep: "aan", aboutFrom: -1})
	case schrijfForms[k]:
		if p := st.particle(i, R, "toe"); p >= 0 {
			add(trigger{rel: Accuse, v: i, targetPrep: "aan", particle: p, aboutFrom: -1})
		}
	case k == "schuld" && keyAt(ws, i-1) == "de":
		if g := st.hasKey(L, R, geefForms); g >= 0 {
			add(trigger{rel: Accuse, v: g, aboutFrom: -1})
		} else if g := st.hasKey(L, i, set("legt", "leggen", "legde", "legden", "gelegd")); g >= 0 && keyAt(ws, i+1) == "bij" {
			add(trigger{rel: Accuse, v: g, targetPrep: "bij", aboutFrom: -1}) // "legt de schuld bij China"
		}
	// "Frankrijk beticht Rusland van inmenging", "Polen verwijt Rusland sabotage".
	case betichtForms[k]:
		add(trigger{rel: Accuse, v: i, aboutFrom: -1, aboutAfterObject: strings.HasPrefix(k, "verw")})
	default:
		return false
	}
	return true
}

// behindTriggers adds the trigger of word i if it puts someone behind a
// deed ("zit achter", "het brein achter"), behind a party ("staat achter",
// support), lashes out ("haalt uit naar"), calls to account ("roept ter
// verantwoording"), sanctions or links ("in verband brengen met"). It
// reports whether it knew the word, as accuseVerbTriggers does.
func (st *sent) behindTriggers(i, L, R int, add func(trigger)) bool {
	ws := st.ws
	k := ws[i].Key
	switch {
	// "is de drijvende kracht achter de sabotage", "het brein achter de hack"
	case k == "achter" && (keyAt(ws, i-1) == "kracht" || keyAt(ws, i-1) == "brein" || keyAt(ws, i-1) == "breinen" || keyAt(ws, i-1) == "organisator"):
		if z := st.hasKey(L, i, zijnForms); z >= 0 {
			add(trigger{rel: Accuse, v: z, subjectIsTarget: true, aboutFrom: i + 1})
		}
	case k == "achter":
		if z := st.hasKey(L, R, zitForms); z >= 0 {
			add(trigger{rel: Accuse, v: z, subjectIsTarget: true, aboutFrom: i + 1, particle: z})
		} else if s := st.hasKey(L, R, staForms); s >= 0 && s < i {
			add(trigger{rel: Support, v: s, targetPrep: "achter", aboutFrom: -1})
		} else if keyAt(ws, i-1) == "zich" || keyAt(ws, i-2) == "zich" {
			add(trigger{rel: Support, v: i, targetPrep: "achter", aboutFrom: -1})
		}
	case haalForms[k]:
		if p := st.hasKey(i+1, R, set("uit")); p >= 0 && keyAt(ws, p+1) == "naar" {
			add(trigger{rel: Accuse, v: i, targetPrep: "naar", aboutFrom: -1})
		}
	case k == "uithalen" || k == "uitgehaald":
		add(trigger{rel: Accuse, v: i, targetPrep: "naar", aboutFrom: -1})
	case k == "verantwoording" && keyAt(ws, i-1) == "ter":
		if g := st.hasKey(L, R, roepForms); g >= 0 {
			add(trigger{rel: Accuse, v: g, aboutFrom: -1})
		}
	case k == "sancties" || k == "sanctie" || k == "strafmaatregelen":
		// "De EU legt sancties op aan …", "heeft sancties opgelegd tegen …":
		// sanctions accuse their target.
		if st.hasKey(L, R, legForms) >= 0 {
			if p := st.hasKey(i+1, R, set("aan", "tegen")); p >= 0 {
				add(trigger{rel: Accuse, v: i, targetPrep: ws[p].Key, aboutFrom: -2})
			}
		}
	case k == "verband" && keyAt(ws, i-1) == "in":
		if st.hasKey(L, R, brengForms) >= 0 {
			add(trigger{rel: Accuse, v: i, targetPrep: "met", aboutFrom: -1})
		}
	default:
		return false
	}
	return true
}

// denyTriggers adds the trigger of word i if it denies or dismisses
// ("ontkent", "onzin", "noemde de beschuldigingen "absurd""), or if it calls
// someone a hacker or a threat ("noemt de VS "het grootste hackersimperium"",
// "vormt de grootste dreiging"). It reports whether it knew the word, as
// accuseVerbTriggers does.
func (st *sent) denyTriggers(i, L, R int, add func(trigger)) bool {
	ws := st.ws
	k := ws[i].Key
	switch {
	case strings.HasPrefix(k, "ontken") && !strings.HasPrefix(k, "ontkenning"),
		strings.HasPrefix(k, "verwerp") || k == "verworpen",
		k == "ongegrond" || k == "ongegronde" || k == "onzin" || k == "ongefundeerd" || k == "ongefundeerde" || k == "baseloos" || k == "lasterlijk",
		k == "absurd" || k == "belachelijk" || k == "verzonnen" || k == "laster" || k == "lastercampagne" || k == "nepnieuws" || k == "grondeloos" || k == "grondeloze",
		strings.HasPrefix(k, "weersp") || strings.HasPrefix(k, "betwist"):
		add(trigger{rel: Deny, v: i, aboutFrom: -1})
	// "noemde de beschuldigingen "een propagandacampagne"": words put
	// in quotes around an accusation dismiss it; "noemt de VS "het
	// grootste hackersimperium ter wereld"" accuses.
	case noemForms[k]:
		if a := st.hasKey(i+1, min(i+4, R), accusationNouns); a >= 0 && a+1 < len(ws) && st.quoteRightAfter(a) {
			add(trigger{rel: Deny, v: i, aboutFrom: -1})
		} else if st.hostileWordAfter(i+1, min(i+7, R)) {
			add(trigger{rel: Accuse, v: i, aboutFrom: -2})
		}
	// "Rusland vormt de grootste dreiging voor Nederland."
	case k == "dreiging" || k == "bedreiging":
		if v := st.hasKey(L, i, set("vormt", "vormen", "vormde", "vormden", "is", "was", "blijft", "blijven")); v >= 0 && st.hasKey(L, i, set("geen")) < 0 && st.onlyDescribes(v+1, i) {
			add(trigger{rel: Accuse, v: v, subjectIsTarget: true, aboutFrom: -2})
		}
	case (k == "niets" || k == "niks") && st.hasKey(i+1, min(i+8, R), set("maken")) >= 0:
		add(trigger{rel: Deny, v: i, aboutFrom: -1})
	default:
		return false
	}
	return true
}

// supportTriggers adds the trigger of word i if it supports a party
// ("steunt", "bijval van", "sluit zich aan bij", "solidair met"). It reports
// whether it knew the word, as accuseVerbTriggers does.
func (st *sent) supportTriggers(i, L, R int, add func(trigger)) bool {
	ws := st.ws
	k := ws[i].Key
	switch {
	case k == "steunt" || k == "steunen" || k == "steunde" || k == "steunden" || k == "gesteund" && keyAt(ws, i+1) != "door",
		k == "onderschrijft" || k == "onderschrijven" || k == "onderschreef" || k == "onderschreven":
		add(trigger{rel: Support, v: i, aboutFrom: -1})
	case k == "bijval":
		if keyAt(ws, i+1) == "van" {
			add(trigger{rel: Support, v: i, agentPrep: "van", aboutFrom: -2})
		} else if p := st.hasKey(i+1, R, set("aan", "voor")); p >= 0 {
			add(trigger{rel: Support, v: i, targetPrep: ws[p].Key, aboutFrom: -1})
		}
	// "betuigt haar steun aan Nederland", "spreekt steun uit voor
	// België"; "informatie over de steun aan Oekraïne" claims nothing.
	case k == "steun" && (keyAt(ws, i+1) == "aan" || keyAt(ws, i+1) == "voor") && st.hasKey(L, R, supportVerbs) >= 0:
		add(trigger{rel: Support, v: i, targetPrep: ws[i+1].Key, aboutFrom: -1})
	case k == "steun" && keyAt(ws, i+1) == "uit" && (keyAt(ws, i+2) == "aan" || keyAt(ws, i+2) == "voor"):
		// "spraken hun steun uit voor Polen"
		add(trigger{rel: Support, v: i, targetPrep: ws[i+2].Key, aboutFrom: -1})
	case sluitForms[k] || k == "aansluiten" || k == "aangesloten":
		if p := st.hasKey(i+1, R, set("bij")); p >= 0 && (k[0] == 'a' || st.hasKey(i+1, p, set("aan")) >= 0) {
			add(trigger{rel: Support, v: i, targetPrep: "bij", aboutFrom: -1})
		} else if k[0] == 'a' && st.hasKey(L, i, set("zich")) >= 0 && st.hasKey(L, i, set("bij")) >= 0 {
			// "dat Duitsland en Japan zich bij een Australische attributie aansluiten"
			add(trigger{rel: Support, v: i, targetPrep: "bij", aboutFrom: -1})
		}
	// "zegt zich te kunnen vinden in de conclusies van de FBI"
	case (k == "vinden" || k == "vindt" || k == "vond" || k == "vonden") && st.hasKey(L, i, set("zich")) >= 0 && keyAt(ws, i+1) == "in" &&
		st.hasKey(L, i+1, set("kunnen", "kan", "kon", "konden")) >= 0:
		add(trigger{rel: Support, v: i, targetPrep: "in", aboutFrom: -1})
	case k == "solidair" || k == "solidariteit":
		if p := st.hasKey(i+1, R, set("met")); p >= 0 {
			add(trigger{rel: Support, v: i, targetPrep: "met", aboutFrom: -1})
		}
	case k == "scharen" || k == "schaart" || k == "schaarde" || k == "schaarden" || k == "geschaard":
		add(trigger{rel: Support, v: i, targetPrep: "achter", aboutFrom: -1})
	default:
		return false
	}
	return true
}

// attributeTriggers adds the trigger of word i if it attributes a group to
// a state: the group works for or with it, falls under it, is paid, run
// or backed by it. It reports whether it knew the word, as
// accuseVerbTriggers does.
func (st *sent) attributeTriggers(i, L, R int, add func(trigger)) bool {
	ws := st.ws
	k := ws[i].Key
	switch {
	case werkForms[k]:
		if p := st.hasKey(i+1, R, set("voor", "met")); p >= 0 {
			add(trigger{rel: Attribute, v: i, targetPrep: ws[p].Key, aboutFrom: -2})
		}
	case k == "samenwerken" || k == "samenwerkt" || k == "samenwerkten" || k == "samengewerkt":
		add(trigger{rel: Attribute, v: i, targetPrep: "met", aboutFrom: -2})
	// "APT28, die onder de Russische militaire inlichtingendienst GRU
	// valt", "de groep behoort tot het Chinese leger".
	case (k == "valt" || k == "vallen" || k == "viel" || k == "vielen") && st.hasKey(max(L, i-8), i, set("onder")) >= 0:
		add(trigger{rel: Attribute, v: i, targetPrep: "onder", aboutFrom: -2})
	case (k == "behoort" || k == "behoren" || k == "behoorde" || k == "behoorden") && keyAt(ws, i+1) == "tot":
		add(trigger{rel: Attribute, v: i, targetPrep: "tot", aboutFrom: -2})
	case k == "loonlijst" || k == "betaalrol":
		add(trigger{rel: Attribute, v: i, targetPrep: "van", aboutFrom: -2})
	case k == "gelieerd" || k == "verbonden" || k == "gelinieerd" || k == "gelieerde" || k == "gelinkte":
		add(trigger{rel: Attribute, v: i, targetPrep: "aan", aboutFrom: -2})
	// "de groep wordt aangestuurd door de Revolutionaire Garde", "een
	// door Rusland gesteunde groep".
	case sponsoredForms[k] && (keyAt(ws, i+1) == "door" || st.hasKey(max(i-5, 0), i, set("door")) >= 0):
		add(trigger{rel: Attribute, v: i, targetPrep: "door", aboutFrom: -2})
	case k == "banden" || k == "connecties" || k == "band":
		if keyAt(ws, i+1) == "met" {
			add(trigger{rel: Attribute, v: i, targetPrep: "met", aboutFrom: -2})
		}
	case k == "opdracht" && keyAt(ws, i-1) == "in" && keyAt(ws, i+1) == "van",
		k == "naam" && keyAt(ws, i-1) == "uit" && keyAt(ws, i+1) == "van",
		k == "dienst" && keyAt(ws, i-1) == "in" && keyAt(ws, i+1) == "van",
		k == "onderdeel" && keyAt(ws, i+1) == "van",
		k == "eenheid" && keyAt(ws, i+1) == "van" && keyAt(ws, i-1) == "een",
		k == "gesteund" && keyAt(ws, i+1) == "door":
		add(trigger{rel: Attribute, v: i, targetPrep: ws[i+1].Key, aboutFrom: -2})
	default:
		return false
	}
	return true
}

// isTriggerCandidate reports cheaply whether k may start a claim, so that
// the clause window is only computed for the few words that may.
func isTriggerCandidate(k string) bool {
	if triggerWords[k] {
		return true
	}
	for _, p := range [...]string{"beschuldig", "veroorde", "bekritiseer", "bekritiseren", "aanklaag", "ontken", "verwerp", "verdenk", "weersp", "betwist"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// triggerWords are the words, other than the prefixes above, that
// triggers looks at.
var triggerWords = func() map[string]bool {
	m := set("aanklagen", "aangeklaagd", "aanrekenen", "aangerekend", "aanrekent", "aanrekende", "aanrekenden",
		"uitspreekt", "uitspreken", "uitgesproken", "uitsprak", "uitspraken", "aanspreken", "aangesproken",
		"verantwoordelijk", "aansprakelijk", "aangewezen", "aanwijzen", "afgewezen", "afwijzen", "afwijst",
		"toegeschreven", "toeschrijven", "toeschrijft", "toeschreef", "toeschreven", "gelinkt", "linken", "linkt", "gekoppeld", "koppelen", "koppelt",
		"schuld", "achter", "uithalen", "uitgehaald", "verantwoording", "verband", "verworpen", "ongegrond", "onzin",
		"ongefundeerd", "ongegronde", "ongefundeerde", "baseloos", "lasterlijk", "niets", "niks", "steunt", "steunen", "steunde", "steunden", "gesteund",
		"onderschrijft", "onderschrijven", "onderschreef", "onderschreven", "bijval", "steun", "aansluiten", "aangesloten",
		"scharen", "schaart", "schaarde", "schaarden", "geschaard", "samenwerken", "samenwerkt", "samenwerkten",
		"samengewerkt", "loonlijst", "betaalrol", "gelieerd", "verbonden", "gelinieerd", "gelieerde", "gelinkte", "banden", "connecties", "band",
		"opdracht", "naam", "dienst", "onderdeel", "eenheid", "valt", "vallen", "viel", "vielen", "behoort", "behoren", "behoorde", "behoorden", "sancties", "sanctie", "strafmaatregelen", "solidair", "solidariteit", "vinden", "vindt", "vond", "vonden",
		"verdacht", "wijt", "wijten", "geweten", "aanklacht", "aanklachten", "werk",
		"absurd", "belachelijk", "verzonnen", "laster", "lastercampagne", "nepnieuws", "grondeloos", "grondeloze")
	for _, forms := range []map[string]bool{klaagForms, rekenForms, spreekForms, wijsForms, schrijfForms, haalForms, sluitForms, werkForms, noemForms, sponsoredForms} {
		for k := range forms {
			m[k] = true
		}
	}
	m["dreiging"], m["bedreiging"] = true, true
	m["doet"], m["doen"], m["deed"], m["deden"] = true, true, true, true
	for k := range betichtForms {
		m[k] = true
	}
	return m
}()

// keyAt returns the key of word i, or "" out of range.
func keyAt(ws []word, i int) string {
	if i < 0 || i >= len(ws) {
		return ""
	}
	return ws[i].Key
}

// particle finds the separable particle p of the verb at v: after it in the
// clause, at the clause end or before a preposition.
func (st *sent) particle(v, R int, p string) int {
	for i := v + 1; i < R; i++ {
		st.steps++
		if st.ws[i].Key != p || st.at[i] >= 0 {
			continue
		}
		if i+1 >= R || particleFollowers[st.ws[i+1].Key] || strings.ContainsAny(st.s[st.ws[i].End:st.ws[i+1].Start], ",.;:") {
			return i
		}
	}
	return -1
}

// window returns the clause [L, R) around word v.
func (st *sent) window(v int) (int, int) {
	ws := st.ws
	L := 0
	for i := v - 1; i >= 0; i-- {
		st.steps++
		if gap := st.s[ws[i].End:ws[i+1].Start]; strings.ContainsAny(gap, ";:") || isDash(gap) || clauseStarts[ws[i].Key] && st.at[i] < 0 && !st.parenthetical(i, v) {
			L = i + 1
			break
		}
	}
	R := len(ws)
	for i := v + 1; i < len(ws); i++ {
		st.steps++
		gap := st.s[ws[i-1].End:ws[i].Start]
		if strings.ContainsAny(gap, ";:") || isDash(gap) || clauseStarts[ws[i].Key] && st.at[i] < 0 && ws[i].Key != "die" ||
			ws[i].Key == "en" && i+1 < len(ws) && speechVerbs[ws[i+1].Key] ||
			strings.Contains(gap, ",") && (speechVerbs[ws[i].Key] || ws[i].Key == "die" || ws[i].Key == "zo" || ws[i].Key == "maar" || ws[i].Key == "en") {
			R = i
			break
		}
	}
	return L, R
}

// isDash reports whether a gap between words is a dash between spaces, as
// after a dateline ("BRUSSEL (ANP) - ").
func isDash(gap string) bool {
	return strings.Contains(gap, " - ") || strings.Contains(gap, " \u2013 ") || strings.Contains(gap, " \u2014 ")
}

// parenthetical reports whether the word i ("dat", "die") opens a relative
// clause between commas that closes before word v: "Microsoft, dat zelf
// doelwit was, wees …".
func (st *sent) parenthetical(i, v int) bool {
	k := st.ws[i].Key
	if k != "dat" && k != "die" && k != "wat" || i == 0 || !strings.Contains(st.s[st.ws[i-1].End:st.ws[i].Start], ",") {
		return false
	}
	for j := i + 1; j < v; j++ {
		st.steps++
		if strings.Contains(st.s[st.ws[j-1].End:st.ws[j].Start], ",") {
			return true
		}
	}
	return false
}

// party is a coordinated group of mentions.
type party struct {
	first, last int // word range [first, last)
	ents        []Entity
	prep        string
}

// parties groups the eligible mentions in [from, to) into coordinated
// parties. Mentions after a preposition are kept with their Prep so that
// callers can pick or skip them; relative clauses ("die …,") are skipped.
func (st *sent) parties(from, to int, target bool) []party {
	var out []party
	skipTo := -1
	for i := from; i < to; i++ {
		st.steps++
		if i < skipTo {
			continue
		}
		if (st.ws[i].Key == "die" || st.parenthetical(i, to)) && st.at[i] < 0 && i > from {
			// A relative clause up to the next comma before `to`.
			for j := i + 1; j < to; j++ {
				st.steps++
				if strings.Contains(st.s[st.ws[j-1].End:st.ws[j].Start], ",") {
					skipTo = j
					break
				}
			}
			if skipTo < i {
				skipTo = to
			}
			continue
		}
		k := st.at[i]
		if k < 0 || st.ms[k].w0 != i {
			continue
		}
		m := st.ms[k]
		ents := st.entitiesOf(m, target)
		if len(ents) == 0 {
			continue
		}
		if n := len(out); n > 0 && st.coordinated(out[n-1].last, m.w0) {
			out[n-1].ents = append(out[n-1].ents, ents...)
			out[n-1].last = m.w1
			continue
		}
		prep := m.via
		if prep == "uit" && m.w0 >= 2 && keyAt(st.ws, m.w0-1) == "uit" && attackerNouns[keyAt(st.ws, m.w0-2)] {
			prep = "" // "hackers uit Rusland": the state's own
		}
		out = append(out, party{first: m.w0, last: m.w1, ents: ents, prep: prep})
	}
	return out
}

// entitiesOf returns what a mention contributes as a party: nothing for a
// product, a compound modifier or an adjective that does not name the state.
func (st *sent) entitiesOf(m mention, target bool) []Entity {
	if m.ref {
		return m.refs
	}
	if m.product || m.modifier || m.Kind == Place {
		return nil
	}
	if m.form == formAdj && !m.gov {
		// "Chinese hackers", and "de Britse beschuldiging" for whose it is.
		if !target || m.w1 >= len(st.ws) || !actorNouns[st.ws[m.w1].Key] && !stanceNouns[st.ws[m.w1].Key] && !operationNoun(st.ws[m.w1].Key) {
			return nil
		}
	}
	return []Entity{m.Entity}
}

// coordinated reports whether the words [a, b) only join two parties:
// commas, "en", "of", articles.
func (st *sent) coordinated(a, b int) bool {
	if a == b {
		return strings.Contains(st.s[st.ws[a-1].End:st.ws[b].Start], ",")
	}
	if b-a > 4 {
		return false
	}
	joined := strings.Contains(st.s[st.ws[a-1].End:st.ws[a].Start], ",")
	for i := a; i < b; i++ {
		k := st.ws[i].Key
		if k == "als" && st.hasKey(0, a, zowel) >= 0 {
			joined = true // "zowel de VS als het VK"
			continue
		}
		if st.at[i] >= 0 && st.ms[st.at[i]].form == formAdj {
			continue // "het Taiwanese leger en de Amerikaanse NSA"
		}
		if !coordFill[k] {
			return false
		}
		if k == "en" || k == "of" || k == "evenals" || k == "alsmede" {
			joined = true
		}
	}
	return joined
}

// claim builds the claim of trigger t, if it has a target.
func (st *sent) claim(t trigger) (Claim, bool) {
	L, R := st.window(t.v)
	c := Claim{Relation: t.rel}
	if t.rel == Accuse && st.negated(L, R, t.v) {
		return c, false
	}
	// Before the verb stand the agents, except where the subject is the
	// one accused ("Russische hackers zitten achter de aanval").
	before := st.usable(st.parties(L, t.v, t.subjectIsTarget), t)
	after := st.usable(st.parties(t.v+1, R, true), t)
	before, extra := besidesParties(before)
	passive := st.passive(L, R, t.v)
	byAgent := st.afterPrep(t.v+1, R, "door")
	if byAgent == nil && passive {
		byAgent = st.afterPrep(L, t.v, "door")
	}
	objEnd := t.v + 1
	switch {
	case t.rel == Attribute:
		return st.attributeClaim(t, L, R)
	case t.agentPrep != "":
		c.Agents = st.afterPrepEnts(t.v, R, t.agentPrep)
		if len(before) > 0 {
			c.Targets = before[len(before)-1].ents
		}
	case t.subjectIsTarget:
		if len(before) > 0 {
			c.Targets = before[len(before)-1].ents
		} else if len(after) > 0 && after[0].first < t.v+3 {
			c.Targets = after[0].ents
		}
		c.Agents = st.fallbackAgents()
	case t.rel == Deny:
		c.Agents, c.Targets = st.denyParties(t, L, R, before, after)
	case passive:
		c.Agents, c.Targets = st.passiveParties(t, L, R, before, after, byAgent)
	default:
		c.Agents, c.Targets, objEnd = st.activeParties(t, L, R, before, after, extra, byAgent)
	}
	return st.finishClaim(c, t, objEnd, R)
}

// besidesParties splits the parties after "behalve" or "naast" off the
// parties before a trigger ("Behalve X … ook Y"): they are agents too.
func besidesParties(before []party) (keep []party, extra []Entity) {
	for _, p := range before {
		if p.prep == "behalve" || p.prep == "naast" {
			extra = append(extra, p.ents...)
			continue
		}
		keep = append(keep, p)
	}
	return keep, extra
}

// attributeClaim builds the claim of an attribution trigger: the group
// named in the clause works for the sponsor after the trigger's
// preposition. Where no group is named but the sponsor is a state, the
// claim is an accusation of the state.
func (st *sent) attributeClaim(t trigger, L, R int) (Claim, bool) {
	c := Claim{Relation: t.rel}
	c.Targets = st.afterPrepEnts(t.v, R, t.targetPrep)
	// "een aan Iran gelieerde hackersgroep (genaamd X)", "een door
	// Rusland gesteunde groep": the sponsor before, the group after.
	prenominal := false
	if c.Targets == nil && (t.targetPrep == "aan" || t.targetPrep == "door") {
		if p := st.prepAt(st.firstOfParty(t.v - 1)); p >= 0 && st.ws[p].Key == t.targetPrep {
			c.Targets = st.afterPrepEnts(p, t.v, t.targetPrep)
			prenominal = c.Targets != nil
		}
	}
	if c.Targets == nil && !prenominal && t.targetPrep != "" {
		// A clause with its verb last: "die onder de GRU valt".
		c.Targets = st.afterPrepEnts(L, t.v, t.targetPrep)
	}
	if prenominal {
		// "… gelieerde groep genaamd X", or "X is een aan … gelieerde groep".
		if c.Agents = st.groupsIn(t.v+1, min(t.v+5, R)); len(c.Agents) == 0 {
			c.Agents = st.groupsIn(L, t.v)
		}
	} else {
		c.Agents = st.groupsIn(L, t.v)
		if len(c.Agents) == 0 {
			c.Agents = st.groupsIn(0, L)
		}
	}
	if len(c.Agents) == 0 && prenominal && (attackerNouns[keyAt(st.ws, t.v+1)] || keyAt(st.ws, t.v+1) == "groep" || keyAt(st.ws, t.v+1) == "groepen") && statesOnly(c.Targets) {
		return Claim{Relation: Accuse, Agents: st.fallbackAgents(), Targets: dedupe(c.Targets)}, true
	}
	if len(c.Agents) == 0 && st.ctx != nil && len(st.ctx.lastGroups) > 0 && st.pronounSubject(L, t.v) {
		c.Agents = append([]Entity(nil), st.ctx.lastGroups...)
	}
	if len(c.Agents) == 0 && st.unnamedGroupSubject(L, t.v) && statesOnly(c.Targets) {
		// "Een hackersgroep die werkt voor de Iraanse Revolutionaire
		// Garde …": no group to attribute, but the state is accused,
		// by whoever the sentence or the next one names as the source.
		return Claim{Relation: Accuse, Agents: st.fallbackAgents(), Targets: dedupe(c.Targets)}, true
	}
	if len(c.Agents) == 0 {
		return c, false
	}
	return st.finishClaim(c, t, t.v+1, R)
}

// denyParties finds who denies, the subject or else the fallback agents,
// and whom: the accuser an adjective names ("de Nederlandse
// beschuldigingen") or the first other party after the verb.
func (st *sent) denyParties(t trigger, L, R int, before, after []party) (agents, targets []Entity) {
	if len(before) > 0 {
		agents = before[0].ents
	} else if len(after) > 0 && after[0].first <= t.v+3 {
		agents = after[0].ents
	} else {
		agents = st.fallbackAgents()
	}
	end := R
	for i := t.v + 1; i+1 < R; i++ {
		if st.ws[i].Key == "en" && isTriggerCandidate(st.ws[i+1].Key) {
			end = i // "ontkent … en beschuldigt Israël": that is another claim
			break
		}
	}
	for _, m := range st.ms {
		// "de Nederlandse beschuldigingen": the adjective names the accuser.
		if m.w0 >= L && m.w1 < end && m.form == formAdj && accusationNouns[st.ws[m.w1].Key] {
			targets = []Entity{m.Entity}
		}
	}
	for _, p := range st.parties(t.v+1, end, true) {
		if targets != nil {
			break
		}
		if p.prep == "" || p.prep == "van" || p.prep == "door" || p.prep == "aan" || p.prep == "tegen" || p.prep == "uit" {
			if ts := without(p.ents, agents); len(ts) > 0 {
				targets = ts
				break
			}
		}
	}
	return agents, targets
}

// passiveParties finds the agents of a passive ("door X", or else the
// fallback agents) and its targets: after the trigger's preposition, or
// else the subject.
func (st *sent) passiveParties(t trigger, L, R int, before, after []party, byAgent []Entity) (agents, targets []Entity) {
	agents = byAgent
	if t.targetPrep != "" {
		if targets = st.afterPrepEnts(t.v, R, t.targetPrep); targets == nil {
			targets = st.afterPrepEnts(L, t.v, t.targetPrep)
		}
	} else if len(before) > 0 {
		targets = before[0].ents
	} else if len(after) > 0 {
		targets = after[0].ents
	}
	if agents == nil {
		agents = st.fallbackAgents()
	}
	return agents, targets
}

// activeParties finds the agents and targets of a trigger in the active
// voice, with extra ("behalve X") among the agents, and returns objEnd,
// the word after the object, where About may start.
func (st *sent) activeParties(t trigger, L, R int, before, after []party, extra, byAgent []Entity) (agents, targets []Entity, objEnd int) {
	objEnd = t.v + 1
	subj, obj := st.subjectAndObject(t, L, before, after)
	if t.targetPrep != "" {
		targets = st.afterPrepEnts(t.v, R, t.targetPrep)
		if targets == nil && (t.targetPrep == "aan" || t.targetPrep == "bij" || t.targetPrep == "met") {
			// The verb last: "dat Japan zich bij een Australische attributie aansluit".
			targets = st.afterPrepEnts(L, t.v, t.targetPrep)
		}
	} else if len(obj) > 0 {
		targets = obj[0].ents
		objEnd = obj[0].last
	} else if t.rel == Accuse || t.rel == Support {
		// "veroordelen het cybergedrag van China", "de lancering door Noord-Korea"
		if targets = st.afterPrepEnts(t.v, R, "van"); targets == nil {
			targets = byAgent
		}
	}
	for _, p := range subj {
		if len(without(p.ents, targets)) > 0 {
			agents = p.ents
			break
		}
	}
	if len(extra) > 0 {
		agents = append(extra, agents...)
	}
	if agents == nil {
		agents = st.fallbackAgents()
	}
	return agents, targets, objEnd
}

// subjectAndObject orders the parties around an active verb into the
// candidates for its subject, best first, and for its object.
func (st *sent) subjectAndObject(t trigger, L int, before, after []party) (subj, obj []party) {
	subordinate := L > 0 && clauseStarts[st.ws[L-1].Key]
	switch {
	case subordinate && len(before) == 1 && st.pronounBefore(L, before[0].first):
		// "dat ze China beschuldigen": the subject is the speaker.
		obj = append(before[:1:1], after...)
	case len(before) >= 2 && (subordinate || len(after) == 0): // verb last: subject, object, verb
		subj = before[:1]
		obj = append(before[1:2:2], after...)
	case len(before) >= 1:
		for k := len(before) - 1; k >= 0; k-- {
			subj = append(subj, before[k])
		}
		obj = after
	default: // inverted: verb, subject, object
		if len(after) > 0 && (t.targetPrep == "" || len(after) > 1 && after[1].prep == t.targetPrep) {
			subj = after[:1]
			obj = after[1:]
		} else {
			obj = after
		}
	}
	return subj, obj
}

// finishClaim completes the claim c of trigger t, or drops it: a claim
// needs a target, a denial an agent. It names the EU for "de Europese
// conclusies", drops repeated entities and agents that are their own
// target, and finds what an accusation is about after objEnd.
func (st *sent) finishClaim(c Claim, t trigger, objEnd, R int) (Claim, bool) {
	if len(c.Targets) == 0 && (t.rel == Support || t.rel == Accuse) && t.targetPrep != "" {
		// "aan bij de Europese conclusies": "Europese" alone is no EU, but
		// Europe's conclusions are the EU's.
		if p := st.hasKey(t.v+1, R, set(t.targetPrep)); p >= 0 {
			for j := p + 1; j+1 < R && j <= p+3; j++ {
				if st.ws[j].Key == "europese" && stanceNouns[st.ws[j+1].Key] {
					c.Targets = []Entity{{Name: "Europese Unie", Kind: Country}}
				}
			}
		}
	}
	if len(c.Targets) == 0 && t.rel != Deny {
		return c, false
	}
	if len(c.Agents) == 0 && t.rel == Deny {
		return c, false
	}
	c.Agents = dedupe(c.Agents)
	c.Targets = dedupe(c.Targets)
	// An agent cannot be its own target ("deze landen … dat land").
	c.Agents = without(c.Agents, c.Targets)
	if len(c.Agents) == 0 {
		c.Agents = nil
	}
	if t.rel == Accuse {
		c.About = st.about(t, objEnd, R)
	}
	return c, true
}

// usable drops parties that stand after a preposition the trigger does not
// ask for (victims: "medewerkers van de marine").
func (st *sent) usable(ps []party, t trigger) []party {
	var out []party
	for _, p := range ps {
		switch p.prep {
		case "", "behalve", "naast", "als":
			out = append(out, p)
		}
	}
	return out
}

// afterPrep returns the entities of the first party after the preposition
// prep in [from, to), or nil.
func (st *sent) afterPrep(from, to int, prep string) []Entity {
	for i := max(from, 0); i < to; i++ {
		if st.ws[i].Key != prep || st.at[i] >= 0 {
			continue
		}
		ps := st.parties(i+1, min(to, i+12), true)
		if len(ps) > 0 {
			return ps[0].ents
		}
		return nil
	}
	return nil
}

// afterPrepEnts is afterPrep for a trigger's own preposition.
func (st *sent) afterPrepEnts(from, to int, prep string) []Entity {
	return st.afterPrep(from, to, prep)
}

// groupsIn returns the hacker groups named in [from, to).
func (st *sent) groupsIn(from, to int) []Entity {
	var out []Entity
	for i := max(from, 0); i < to && i < len(st.ws); i++ {
		k := st.at[i]
		if k < 0 || st.ms[k].w0 != i {
			continue
		}
		if m := st.ms[k]; m.Kind == Group && !m.ref {
			out = append(out, m.Entity)
		}
	}
	return out
}

// pronounBefore reports whether a personal pronoun stands in [from, to).
func (st *sent) pronounBefore(from, to int) bool {
	for i := max(from, 0); i < to; i++ {
		switch st.ws[i].Key {
		case "ze", "zij", "hij", "wij", "we", "men":
			return true
		}
	}
	return false
}

// pronounSubject reports whether the clause before v has a pronoun or
// "de hackers" as its subject.
func (st *sent) pronounSubject(L, v int) bool {
	for i := max(L, 0); i < v; i++ {
		if hackerPronouns[st.ws[i].Key] {
			return true
		}
	}
	return L > 0 && st.ws[L-1].Key == "die"
}

// hostileWordAfter reports whether the words [from, to) call someone a
// hacker, spy, aggressor or threat: "het grootste hackersimperium".
func (st *sent) hostileWordAfter(from, to int) bool {
	for i := max(from, 0); i < to && i < len(st.ws); i++ {
		k := st.ws[i].Key
		if k == "en" || k == "maar" {
			return false // the next clause says something else
		}
		for _, h := range [...]string{"hacker", "spion", "agressor", "cybercrimine", "aanvaller", "saboteur"} {
			if strings.Contains(k, h) {
				return true
			}
		}
	}
	return false
}

// dismissiveQuote reports whether the words from i on hold a quote that
// dismisses: "russofobe hysterie", "westerse propaganda", "pure laster".
func (st *sent) dismissiveQuote(i int) bool {
	if i >= len(st.ws) || !strings.ContainsAny(st.s[st.ws[i-1].End:], "\"\u201c\u201e\u2018'") {
		return false
	}
	for j := i; j < len(st.ws) && j < i+8; j++ {
		for _, d := range [...]string{"hysterie", "propaganda", "laster", "leugen", "onzin", "russofob", "verzinsel", "fabel", "paranoia", "provocatie", "absurd", "nepnieuws", "desinformatie", "sprookje"} {
			if strings.Contains(st.ws[j].Key, d) {
				return true
			}
		}
	}
	return false
}

// quoteRightAfter reports whether a quote opens within two words after
// word a: "noemde de beschuldigingen "absurd"", not "China's leger".
func (st *sent) quoteRightAfter(a int) bool {
	end := len(st.s)
	if a+3 < len(st.ws) {
		end = st.ws[a+3].Start
	}
	for _, sp := range quoteSpans(st.s) {
		if sp.Start > st.ws[a].End && sp.Start <= end+1 {
			return true
		}
	}
	return false
}

// onlyDescribes reports whether words [from, to) only describe the noun at
// to: determiners, adjectives and "voor X" ("vormt voor Nederland de
// grootste dreiging"), not "is bezorgd over de dreiging".
func (st *sent) onlyDescribes(from, to int) bool {
	for k := from; k < to; k++ {
		w := st.ws[k].Key
		switch {
		case determiners[w], w == "voor", w == "een", w == "nog", w == "steeds", w == "ook", w == "al":
		case st.at[k] >= 0:
		case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "de") || strings.HasSuffix(w, "ste"):
		default:
			return false
		}
	}
	return true
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unnamedGroupSubject reports whether the clause before v has an unnamed
// group as its subject: "een hackersgroep die werkt voor …", "de aanvallers
// werken voor …".
func (st *sent) unnamedGroupSubject(L, v int) bool {
	from := max(L-3, 0)
	for i := from; i < v; i++ {
		if st.at[i] < 0 && attackerNouns[st.ws[i].Key] {
			return true
		}
	}
	return false
}

// statesOnly reports whether es are all states or their services, the
// parties an attribution can accuse.
func statesOnly(es []Entity) bool {
	for _, e := range es {
		if e.Kind != Country && e.Kind != Agency {
			return false
		}
	}
	return len(es) > 0
}

// actorClaims finds the accusations a sentence makes by naming a state's
// hackers as the ones who attacked: "Iraanse hackers probeerden accounts
// over te nemen", "de aanval door Chinese staatshackers". The state is
// accused by the sentence's source ("volgens X", "X zegt dat …"), or by
// the source Analyze finds around it (a headline "X: …", "Dat meldt X");
// otherwise by no one named. A state already accused in have stays as it
// is.
func (st *sent) actorClaims(have []Claim) []Claim {
	attack := st.attackWord()
	out := st.deedClaims(have)
	if attack < 0 {
		return out
	}
	have = append(have, out...)
	if c, ok := st.groupActorClaim(have, attack); ok {
		out = append(out, c)
	}
	return st.stateActorClaims(have, out)
}

// attackWord returns the first word that is no mention and names an
// attack ("hackten", "aanval", "gehackt"), or -1.
func (st *sent) attackWord() int {
	for i, w := range st.ws {
		if st.at[i] < 0 && (attackVerbs[w.Key] || strings.HasPrefix(w.Key, "gehackt")) {
			return i
		}
	}
	return -1
}

// deedClaims finds the accusations of a state's adjective on the deed
// itself: "een Russische beïnvloedingsoperatie", "Chinese spionage". A
// state already accused in have, or by an earlier adjective, is left out.
func (st *sent) deedClaims(have []Claim) []Claim {
	var out []Claim
	for _, m := range st.ms {
		if m.form != formAdj || m.Kind != Country || m.ref || m.modifier || m.gov || m.w1 >= len(st.ws) || !operationNoun(st.ws[m.w1].Key) {
			continue
		}
		if accuses(have, m.Entity) || accuses(out, m.Entity) {
			continue
		}
		agents := st.fallbackAgents()
		if len(agents) == 0 {
			agents = st.deedSpeaker(m.w0)
		}
		out = append(out, Claim{Relation: Accuse, Agents: without(agents, []Entity{m.Entity}), Targets: []Entity{m.Entity},
			About: strings.Trim(st.s[st.ws[m.w0].Start:st.ws[m.w1].End], " ,.")})
	}
	return out
}

// deedSpeaker returns who speaks of the deed at word w: the last party
// before a speech or naming verb in the four words before w ("Japan
// spreekt van een Chinese cyberaanval"), or nil.
func (st *sent) deedSpeaker(w int) []Entity {
	for v := w - 1; v >= 1 && v >= w-4; v-- {
		if k := st.ws[v].Key; speechVerbs[k] || namingVerbs[k] {
			if ps := st.usable(st.parties(0, v, false), trigger{}); len(ps) > 0 {
				return ps[len(ps)-1].ents
			}
			return nil
		}
	}
	return nil
}

// groupActorClaim finds the accusation of the first group named as the
// one who attacked near the attack word: "Volgens de Duitse regering is
// de hackersgroep APT28 binnengedrongen in e-mailaccounts", "uitgevoerd
// door Unit 29155". It reports false when there is none or have already
// accuses it.
func (st *sent) groupActorClaim(have []Claim, attack int) (Claim, bool) {
	for _, m := range st.ms {
		byAgent := m.Prep == "door" && (m.Kind == Group || m.Kind == Agency) && st.hasKey(0, m.w0, performedForms) >= 0
		if !(m.Kind == Group && m.Prep == "" || byAgent) || m.ref || m.modifier || m.product || m.w0 > attack+6 && !byAgent {
			continue
		}
		if accuses(have, m.Entity) {
			return Claim{}, false
		}
		return Claim{Relation: Accuse, Agents: st.fallbackAgents(), Targets: []Entity{m.Entity}}, true
	}
	return Claim{}, false
}

// stateActorClaims adds to out the accusations of the states whose
// adjective stands before an attacker noun: "Iraanse hackers probeerden
// accounts over te nemen". A state accused in have, or a target in out,
// is left out.
func (st *sent) stateActorClaims(have, out []Claim) []Claim {
	for _, m := range st.ms {
		n := st.actorNoun(m)
		if n < 0 {
			continue
		}
		if accuses(have, m.Entity) || hasTarget(out, m.Entity) {
			continue
		}
		c := Claim{Relation: Accuse, Agents: without(st.fallbackAgents(), []Entity{m.Entity}), Targets: []Entity{m.Entity}}
		if n+1 < len(st.ws) {
			// "hackers probeerden accounts over te nemen": the actor and the act.
			c.About = strings.Trim(st.s[st.ws[n].Start:st.ws[len(st.ws)-1].End], " \"'\u201c\u201d\u2018\u2019,.")
		}
		out = append(out, c)
	}
	return out
}

// actorNoun returns the attacker noun after m, a state's adjective,
// perhaps after one more adjective ("Russische militaire hackers"), or -1
// when m is no such adjective or its noun names individuals or victims.
func (st *sent) actorNoun(m mention) int {
	if m.form != formAdj || m.Kind != Country || m.ref || m.modifier {
		return -1
	}
	n := m.w1 // the noun after the adjective, perhaps after one more adjective
	if n < len(st.ws) && !attackerNouns[st.ws[n].Key] && n+1 < len(st.ws) && st.at[n] < 0 && !st.ws[n].Cap && attackerNouns[st.ws[n+1].Key] {
		n++
	}
	if n >= len(st.ws) || !attackerNouns[st.ws[n].Key] {
		return -1
	}
	// Individuals ("twee Russische hackers") are no state's actors, and
	// the victims of an attack ("aanvallen op Chinese hackers") are not
	// its authors.
	if m.w0 > 0 {
		prev := st.ws[m.w0-1]
		if prev.Key != "een" && (prev.Digits || isNumberWord(prev.Key)) {
			return -1
		}
	}
	if !(m.Prep == "" || m.Prep == "door" || m.Prep == "van" && attackNouns[keyAt(st.ws, st.prepAt(m.w0)-1)]) {
		return -1
	}
	return n
}

// accuses reports whether one of claims accuses e.
func accuses(claims []Claim, e Entity) bool {
	for _, c := range claims {
		if c.Relation == Accuse && hasEntity(c.Targets, e) {
			return true
		}
	}
	return false
}

// hasTarget reports whether one of claims has e among its targets.
func hasTarget(claims []Claim, e Entity) bool {
	for _, c := range claims {
		if hasEntity(c.Targets, e) {
			return true
		}
	}
	return false
}

// firstOfParty returns the first word of the mention at word i, stepping
// back over a determiner and an adjective's state ("de Chinese staat"), or
// i when no mention ends there.
func (st *sent) firstOfParty(i int) int {
	if i < 0 || i >= len(st.ws) {
		return i
	}
	if k := st.at[i]; k >= 0 {
		return st.ms[k].w0
	}
	// "aan de Chinese staat gelieerde": the noun after the adjective.
	if i > 0 && st.at[i-1] >= 0 && st.ms[st.at[i-1]].form == formAdj {
		return st.ms[st.at[i-1]].w0
	}
	return i
}

// prepAt returns the word of the preposition before word i, skipping
// determiners, or -1.
func (st *sent) prepAt(i int) int {
	for j := i - 1; j >= 0; j-- {
		if determiners[st.ws[j].Key] {
			continue
		}
		if prepositions[st.ws[j].Key] {
			return j
		}
		return -1
	}
	return -1
}

// operationNoun reports whether k names a hostile deed a state can be
// said to carry out: "beïnvloedingsoperatie", "desinformatiecampagne",
// "spionage", "sabotage", "cyberaanval".
func operationNoun(k string) bool {
	return operationNouns[k]
}

// hasEntity reports whether es holds e.
func hasEntity(es []Entity, e Entity) bool {
	for _, o := range es {
		if o.Name == e.Name && o.Kind == e.Kind {
			return true
		}
	}
	return false
}

// fallbackAgents returns who makes an accusation when the clause has no
// subject: "volgens X", or the speaker of "X zegt dat …". Media that only
// report are no agents.
func (st *sent) fallbackAgents() []Entity {
	var out []Entity
	for _, m := range st.ms {
		if m.via == "volgens" {
			out = append(out, st.entitiesOf(m, false)...)
		}
	}
	if out == nil {
		if sp, ok := st.reportingSubject(); ok {
			out = sp
		}
	}
	var keep []Entity
	for _, e := range out {
		if e.Kind != Media {
			keep = append(keep, e)
		}
	}
	return keep
}

// reportingSubject returns the subject of "X zegt/stelt/meldt dat …".
func (st *sent) reportingSubject() ([]Entity, bool) {
	for i, w := range st.ws {
		if w.Key != "dat" || i == 0 {
			continue
		}
		sv := -1
		for j := i - 1; j >= 0 && j >= i-6; j-- {
			// "X zegt dat", and "X gaat ervan uit dat", "X is ervan overtuigd dat".
			k := st.ws[j].Key
			if speechVerbs[k] || k == "uit" && keyAt(st.ws, j-1) == "ervan" || k == "overtuigd" || k == "ervan" && keyAt(st.ws, j+1) == "overtuigd" {
				sv = j
				if k == "uit" || k == "overtuigd" {
					sv = j - 1 // the subject stands before "ervan"
					for sv > 0 && st.ws[sv].Key == "ervan" {
						sv--
					}
				}
				break
			}
		}
		if sv < 0 {
			continue
		}
		ps := st.usable(st.parties(0, sv, false), trigger{})
		if len(ps) > 0 {
			return ps[0].ents, true
		}
		ps = st.usable(st.parties(sv+1, i, false), trigger{})
		if len(ps) > 0 {
			return ps[0].ents, true
		}
	}
	return nil, false
}

// negated reports whether the claim of the verb at v is denied: "niet",
// "nooit" or "geen" in its clause before the About part.
func (st *sent) negated(L, R, v int) bool {
	for i := L; i < R; i++ {
		k := st.ws[i].Key
		if k == "van" || k == "voor" || k == "om" || k == "wegens" {
			if i > v {
				return false
			}
		}
		if (k == "niet" || k == "nooit") && keyAt(st.ws, i+1) != "alleen" && keyAt(st.ws, i+1) != "langer" || k == "geen" && i > v {
			return true
		}
	}
	return false
}

// passive reports whether the verb at v is a participle with a passive
// auxiliary in its clause.
func (st *sent) passive(L, R, v int) bool {
	k := st.ws[v].Key
	participle := strings.HasPrefix(k, "ge") || strings.HasPrefix(k, "beschuldigd") && k != "beschuldigde" ||
		strings.HasPrefix(k, "veroordeeld") || strings.HasPrefix(k, "bekritiseerd") || k == "aangeklaagd" ||
		k == "aangerekend" || k == "aangesproken" || k == "aangewezen" || k == "toegeschreven"
	if k == "verantwoordelijk" {
		participle = false
	}
	if !participle {
		return false
	}
	for i := L; i < R; i++ {
		switch st.ws[i].Key {
		case "heeft", "hebben", "had", "hadden", "hebt":
			return false
		}
	}
	return st.hasKey(L, R, passiveAux) >= 0
}

// about returns the verbatim words the claim is about.
func (st *sent) about(t trigger, objEnd, R int) string {
	ws := st.ws
	from := t.aboutFrom
	if from == -2 {
		return ""
	}
	if from == -1 && t.targetPrep == "aan" {
		end := -1
		for i := t.v + 1; i < R; i++ {
			if ws[i].Key == "aan" || i == t.particle {
				end = i
				break
			}
		}
		if end > t.v+1 {
			return strings.Trim(st.s[ws[t.v+1].Start:ws[end-1].End], " \"'\u201c\u201d\u2018\u2019,")
		}
		return ""
	}
	if from == -1 && (t.targetPrep == "tegen" || t.targetPrep == "op" || t.targetPrep == "naar") {
		for i := t.v + 1; i < R; i++ {
			if st.ws[i].Key == t.targetPrep && st.at[i] < 0 {
				from = i
				break
			}
		}
	}
	if from < 0 && t.aboutAfterObject && objEnd > t.v+1 && objEnd < R {
		from = objEnd
	}
	if from < 0 {
		// "beschuldigt het leger ervan achter de aanvallen te zitten": what
		// follows "ervan" is the charge.
		for i := max(objEnd, t.v+1); i+1 < R; i++ {
			if ws[i].Key == "ervan" || ws[i].Key == "daarvan" {
				from = i + 1
				break
			}
		}
	}
	if from < 0 && t.particle > objEnd && objEnd > t.v+1 && !aboutPreps[ws[objEnd].Key] {
		from = objEnd // "rekenen China de hack … aan"
	}
	if from < 0 {
		for i := max(objEnd, t.v+1); i < R; i++ {
			if aboutPreps[ws[i].Key] && st.at[i] < 0 {
				from = i
				break
			}
		}
		if from < 0 && objEnd > t.v+1 && objEnd < R && t.particle >= 0 {
			from = objEnd // "rekenen China de hack … aan"
		}
	}
	if from < 0 || from >= R {
		return ""
	}
	to := R
	if t.particle > from && t.particle < R {
		to = t.particle
	}
	for i := from + 1; i+1 < to; i++ {
		if ws[i].Key == "en" && isTriggerCandidate(ws[i+1].Key) {
			to = i // "… en bekritiseren het land": the next claim
			break
		}
	}
	if to <= from {
		return ""
	}
	return strings.Trim(st.s[ws[from].Start:ws[to-1].End], " \"'\u201c\u201d\u2018\u2019,")
}

// dedupe drops repeated entities, keeping the first.
func dedupe(es []Entity) []Entity {
	var out []Entity
	for _, e := range es {
		dup := false
		for _, o := range out {
			if o.Name == e.Name {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

// without returns es without the entities in drop.
func without(es, drop []Entity) []Entity {
	var out []Entity
	for _, e := range es {
		keep := true
		for _, d := range drop {
			if d.Name == e.Name {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

var (
	zowel          = set("zowel")
	sponsoredForms = set("aangestuurd", "aangestuurde", "gestuurd", "gestuurde", "gefinancierd", "gefinancierde", "gesponsord",
		"gesponsorde", "gesteunde", "opgezet", "opgezette", "gerund", "gerunde")
	supportVerbs = set("betuigt", "betuigen", "betuigde", "betuigden", "betuigd", "spreekt", "spreken", "sprak", "spraken",
		"uitgesproken", "zegt", "zeggen", "zegde", "zegden", "toegezegd", "geeft", "geven", "gaf", "gaven", "gegeven",
		"biedt", "bieden", "bood", "boden", "geboden", "verleent", "verlenen", "verleende", "verleend", "uit", "toe",
		"uitspreken", "betuigen", "toezeggen", "krijgt", "krijgen", "kreeg", "kregen", "gekregen")
	// stanceNouns are what a party holds or concluded: "scharen zich
	// achter de Britse beschuldiging", "de Nederlandse conclusie".
	stanceNouns = set("beschuldiging", "beschuldigingen", "conclusie", "conclusies", "bevindingen", "analyse",
		"attributie", "standpunt", "oordeel", "verklaring", "aantijgingen", "aantijging", "lezing", "vaststelling")
	// operationNouns are hostile deeds a state can be said to carry out.
	operationNouns = set("beinvloedingsoperatie", "beinvloedingsoperaties", "beinvloedingscampagne", "desinformatiecampagne",
		"desinformatiecampagnes", "spionagecampagne", "spionagecampagnes", "hackcampagne", "cybercampagne", "spionageoperatie",
		"hackoperatie", "cyberoperatie", "cyberoperaties", "spionage", "cyberspionage", "sabotage", "desinformatie", "inmenging",
		"beinvloeding", "cyberaanval", "cyberaanvallen", "hack", "hacks", "hackaanval", "inbraak", "inbraken", "sabotageactie",
		"sabotageacties", "phishingcampagne", "ddos-aanval", "ddos-aanvallen")
	// performedForms carry out an attack: "uitgevoerd door Unit 29155".
	performedForms  = set("uitgevoerd", "gepleegd", "uitgevoerde", "gepleegde", "opgeeist", "opgeëist", "geclaimd")
	betichtForms    = set("beticht", "betichten", "betichtte", "betichtten", "verwijt", "verwijten", "verweet", "verweten")
	noemForms       = set("noemt", "noemde", "noemen", "noemden", "noem")
	accusationNouns = set("beschuldiging", "beschuldigingen", "aantijging", "aantijgingen", "verwijten", "beweringen", "claims")
	klaagForms      = set("klaagt", "klagen", "klaagde", "klaagden")
	rekenForms      = set("rekent", "rekenen", "rekende", "rekenden", "reken")
	spreekForms     = set("spreekt", "spreken", "sprak", "spraken", "spreek")
	houdStelForms   = set("houdt", "houden", "hield", "hielden", "gehouden", "houd", "stelt", "stellen", "stelde",
		"stelden", "gesteld", "stel", "acht", "achten", "achtte", "achtten", "geacht")
	zijnForms         = set("is", "zijn", "was", "waren", "zou", "zouden", "zal", "zullen", "lijkt", "lijken", "blijkt", "blijken", "wordt", "worden")
	wijsForms         = set("wijst", "wijzen", "wees", "wezen", "wijs", "gewezen")
	schrijfForms      = set("schrijft", "schrijven", "schreef", "schreven")
	geefForms         = set("geeft", "geven", "gaf", "gaven", "gegeven")
	zitForms          = set("zit", "zitten", "zat", "zaten", "gezeten")
	legForms          = set("legt", "leggen", "legde", "legden", "opgelegd", "opleggen", "oplegt", "oplegde", "oplegden", "kondigt", "kondigde", "afgekondigd", "stelt", "stelde", "ingesteld")
	staForms          = set("staat", "staan", "stond", "stonden")
	haalForms         = set("haalt", "halen", "haalde", "haalden")
	roepForms         = set("roept", "roepen", "riep", "riepen", "geroepen")
	brengForms        = set("brengt", "brengen", "bracht", "brachten", "gebracht")
	sluitForms        = set("sluit", "sluiten", "sloot", "sloten")
	werkForms         = set("werkt", "werken", "werkte", "werkten", "gewerkt", "opereert", "opereren", "opereerde", "opereerden")
	culpritWords      = set("dader", "daders", "verantwoordelijke", "verantwoordelijken", "schuldige", "schuldigen", "boosdoener", "boosdoeners", "bron")
	passiveAux        = set("wordt", "worden", "werd", "werden", "is", "zijn", "was", "waren", "geworden")
	particleFollowers = set("op", "voor", "wegens", "vanwege", "als", "om", "omdat", "dat", "bij", "naar", "tegen", "aan", "en")
	clauseStarts      = set("dat", "omdat", "nadat", "terwijl", "zodat", "doordat", "waardoor", "hoewel", "maar", "want", "waarin", "waarmee", "waarbij", "wat", "toen", "indien", "zodra")
	speechVerbs       = set("zegt", "zei", "zeiden", "zeggen", "stelt", "stelde", "stellen", "stelden", "meldt", "meldde", "melden",
		"aldus", "klaagt", "klaagde", "waarschuwt", "waarschuwde", "dreigt", "dreigde", "schrijft", "schreef", "vertelt",
		"vertelde", "verklaart", "verklaarde", "benadrukt", "benadrukte", "claimt", "claimen", "claimde", "concludeert",
		"concludeerde", "laat", "liet", "weten", "zegt", "antwoordt", "antwoordde", "erkent", "erkende", "twitterde", "tweette",
		"denkt", "denken", "vermoedt", "vermoeden", "beweert", "beweren", "beweerde", "voegt", "voegde", "reageert", "reageerde",
		"oordeelt", "oordeelde", "constateert", "constateerde", "bevestigt", "bevestigde", "zeggen", "menen", "meent", "meende")
	coordFill  = set("en", "of", "de", "het", "een", "zogenoemde", "zogeheten", "ook", "evenals", "alsmede", "verder", "tevens", "andere")
	actorNouns = set("hackers", "hacker", "hackersgroep", "hackersgroepen", "hackergroepen", "spionnen", "staatshackers",
		"cyberspionnen", "inlichtingendienst", "inlichtingendiensten", "veiligheidsdiensten", "bedrijven", "organisaties",
		"militairen", "agenten", "officieren", "functionarissen", "trollen", "trollenfabrieken", "diplomaten")
	// attackerNouns name who carries out an attack, after a state's
	// adjective ("Iraanse hackers") or as an unnamed subject ("een
	// hackersgroep die …").
	attackerNouns = set("hackers", "hackersgroep", "hackersgroepen", "staatshackers", "overheidshackers", "spionnen",
		"cyberspionnen", "hackerscollectief", "spionagegroep", "spionagegroepen", "aanvallers", "cyberaanvallers",
		"hackergroep", "hackergroepen", "cybergroep", "dreigingsactor")
	// attackVerbs are the words of an attack in a sentence naming its authors.
	attackVerbs = set("hackten", "hackte", "hacken", "hackt", "aangevallen", "vielen", "viel", "aanvielen", "aanviel",
		"binnengedrongen", "drongen", "drong", "binnendrongen", "ingebroken", "braken", "inbraken", "gestolen", "stalen",
		"stal", "bespioneerd", "bespioneerden", "bespioneerde", "bespioneren", "geinfiltreerd", "infiltreerden",
		"infiltreerde", "probeerden", "probeerde", "geprobeerd", "richtten", "richtte", "gericht", "verstoorden",
		"verstoord", "platgelegd", "legden", "gesaboteerd", "saboteerden", "misbruikten", "misbruikt", "buitgemaakt",
		"versleuteld", "versleutelden", "toegang", "aanval", "aanvallen", "cyberaanval", "cyberaanvallen", "hack",
		"inbraak", "spionage", "spionagecampagne", "campagne", "phishingcampagne", "sabotage", "ddos-aanval", "ddos-aanvallen")
	// attackNouns stand before "van" and the attackers: "een aanval van
	// Russische hackers".
	attackNouns    = set("aanval", "aanvallen", "cyberaanval", "cyberaanvallen", "hack", "inbraak", "campagne", "spionagecampagne", "werk")
	hackerPronouns = set("die", "ze", "zij", "hackers", "daders", "aanvallers", "groep", "groepen", "hackersgroepen", "hackersgroep")
	aboutPreps     = set("van", "voor", "om", "wegens", "vanwege", "op", "over")
)
