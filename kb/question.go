package kb

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// qkind is the kind of answer a question asks for.
type qkind int

const (
	askWhat    qkind = iota // wat, hoe, and anything without a question word
	askWho                  // wie
	askWhich                // welke X
	askWhen                 // wanneer
	askWhere                // waar
	askHowMany              // hoeveel
	askWhy                  // waarom
	askYesNo                // ontkent China de hack?
)

var qkindNames = [...]string{"wat", "wie", "welke", "wanneer", "waar", "hoeveel", "waarom", "ja-nee"}

func (k qkind) String() string { return qkindNames[k] }

// relation is what a question asks about, beyond its kind.
type relation string

const (
	relNone    relation = ""
	relAccuse  relation = "accuse"  // wie beschuldigt X
	relDeny    relation = "deny"    // ontkent X
	relSupport relation = "support" // wie steunt X
	relBehind  relation = "behind"  // wie zit achter X, wie zijn de daders
	relQuote   relation = "quote"   // wat zei X
	relRole    relation = "role"    // wie is X
	relDefine  relation = "define"  // wat is X
)

// question is a question understood.
type question struct {
	raw         string
	kind        qkind
	rel         relation
	english     bool
	reverse     bool // the named entity is the agent: "wie wordt door X beschuldigd", "wie beschuldigen de VS"
	objectAsked bool // a preposition before the question word: "met wie is X solidair"
	charge      bool // asks what someone is accused of: "waarvan wordt X beschuldigd"
	entities    []nl.Entity
	agents      []string      // names of entities after "door"/"by": they act
	victims     []string      // names after "bij", "op", "tegen": where it happened, "de hack bij de politie"
	name        string        // the name asked about in "wie is X", "wat zei X", "wat is X", as typed
	listKind    nl.EntityKind // "welke landen" → country
	listNoun    string        // the stem of the noun typed for the kind: "hackersgroep"
	listOf      []nl.Entity   // "welke Chinese bedrijven" → China
	terms       []term        // content words, for search
	unit        string        // stem of the counted noun in "hoeveel servers"
	units       []string      // stems of the words after "hoeveel": "kwetsbare ivanti systemen"
	covered     []nl.Span     // byte spans of the names found, left out of the terms
	headNoun    bool          // the first term is the noun asked about: "wie zijn de daders van …", "hoeveel servers"
	verb        int           // index in the words of the finite verb ("stal" in "hoeveel geld stal Lazarus"), -1 if unknown
	yearFrom    int           // time filter on article dates, 0 = none
	yearTo      int
}

// term is a content word of a question, stemmed, with the stems that may
// stand for it in an article.
type term struct {
	word  string   // folded word as typed
	stems []string // the stem first, then synonyms' stems
	weak  bool     // a light verb or vague word: it counts for little
	name  bool     // typed with a capital inside the question: a name the answer must be about
	// object: typed after a preposition ("bij coinbase"): when no article
	// has the word, the question is about something the KB does not know.
	object bool
	parts  []string // the stems of a compound's parts; nil for a simple word
}

// weakWords are light verbs and vague words: questions use them ("waar
// staat…", "wanneer vond … plaats", "wat kreeg…") but articles often say the
// same with other words, so they weigh little in a match.
var weakWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`staat staan stond stonden ligt liggen lag lagen vond vinden vindt plaats plaatsvinden
		plaatsgevonden gebeurde gebeurden gebeurt gebeuren gebeurd kreeg kregen krijgt krijgen gekregen maakt maken maakte
		maakten gemaakt komt komen kwam kwamen gekomen gaat gaan ging gingen gegaan geeft geven gaf gaven gegeven neemt nemen
		nam namen genomen houdt houden hield hielden zit zitten zat zaten ziet zien zag zagen gezien weet weten wist wisten
		blijkt bleek bleken heet heten noemt noemde noemden doet doen deed deden gedaan precies eigenlijk allemaal ooit echt
		laatst eerst gelegen gevestigd happened happen get got take took make made come came go went give gave
		based located headquartered`) {
		weakWords[w] = true
	}
}

// placeNouns and timeNouns tell "in welke stad" (where) from "in welk jaar"
// (when).
var (
	placeNouns = map[string]bool{"stad": true, "land": true, "plaats": true, "provincie": true, "regio": true,
		"dorp": true, "gemeente": true, "deelstaat": true, "staat": true, "werelddeel": true, "city": true, "country": true}
	timeNouns = map[string]bool{"jaar": true, "maand": true, "week": true, "periode": true, "jaren": true,
		"eeuw": true, "decennium": true, "year": true, "month": true}
)

// fillers open a question without being part of it.
var fillers = []string{
	"kun je me vertellen", "kan je me vertellen", "kunt u me vertellen", "kun jij me vertellen",
	"kun je vertellen", "kan je vertellen", "kunt u vertellen", "vertel me eens", "vertel eens", "vertel me",
	"weet jij", "weet je", "weet u", "ik wil weten", "ik wil graag weten", "ik vraag me af",
	"zeg eens", "zeg me", "graag weten", "mag ik weten", "hoi", "hallo", "hey", "he", "nieuwsbot",
	"maar", "en", "nou", "oke", "ok", "trouwens", "dus", "ook",
	"please tell me", "can you tell me", "could you tell me", "do you know", "tell me", "i want to know",
	"please", "alsjeblieft", "svp", "even", "eens", "dus", "en",
}

// kindNouns maps the folded stems of nouns in "welke X" to an entity kind.
var kindNouns = map[string]nl.EntityKind{
	"hackersgroep": nl.Group, "hackersgroepen": nl.Group, "hackergroep": nl.Group, "hackergroepen": nl.Group,
	"groep": nl.Group, "groepen": nl.Group, "hackers": nl.Group, "hacker": nl.Group, "apt": nl.Group, "apts": nl.Group,
	"ransomwaregroep": nl.Group, "ransomwaregroepen": nl.Group, "ransomwarebende": nl.Group, "ransomwarebendes": nl.Group,
	"bende": nl.Group, "bendes": nl.Group, "actoren": nl.Group, "actor": nl.Group, "groups": nl.Group, "group": nl.Group, "gangs": nl.Group, "gang": nl.Group,
	"land": nl.Country, "landen": nl.Country, "staat": nl.Country, "staten": nl.Country, "lidstaten": nl.Country,
	"bondgenoten": nl.Country, "bondgenoot": nl.Country, "countries": nl.Country, "country": nl.Country, "overheden": nl.Country,
	"organisatie": nl.Organisation, "organisaties": nl.Organisation, "allianties": nl.Organisation, "organisations": nl.Organisation, "organizations": nl.Organisation,
	"dienst": nl.Agency, "diensten": nl.Agency, "inlichtingendienst": nl.Agency, "inlichtingendiensten": nl.Agency,
	"veiligheidsdienst": nl.Agency, "veiligheidsdiensten": nl.Agency, "instantie": nl.Agency, "instanties": nl.Agency,
	"agencies": nl.Agency, "agency": nl.Agency, "ministeries": nl.Agency, "ministerie": nl.Agency,
	"bedrijf": nl.Company, "bedrijven": nl.Company, "banken": nl.Company, "bank": nl.Company, "concerns": nl.Company, "techbedrijven": nl.Company, "techbedrijf": nl.Company,
	"firma": nl.Company, "fabrikanten": nl.Company, "leveranciers": nl.Company, "companies": nl.Company, "company": nl.Company,
	"persoon": nl.Person, "personen": nl.Person, "mensen": nl.Person, "politici": nl.Person, "ministers": nl.Person,
	"people": nl.Person, "persons": nl.Person, "woordvoerders": nl.Person,
	"media": nl.Media, "kranten": nl.Media, "persbureaus": nl.Media, "nieuwsmedia": nl.Media,
	"steden": nl.Place, "stad": nl.Place, "plaatsen": nl.Place, "cities": nl.Place,
}

// synonyms lists, for a folded question word, words an article may use
// instead. Stemmed at start-up.
var synonymWords = map[string][]string{
	"steunt": {"bijval", "steun", "gesteund", "aansluiten", "sluit", "scharen"}, "steunen": {"bijval", "steun", "gesteund", "aansluiten", "sluit"},
	"arrestaties": {"aangehouden", "opgepakt", "gearresteerd", "aanhoudingen", "arrestatie"},
	"arrestatie":  {"aangehouden", "opgepakt", "gearresteerd", "aanhouding"}, "gearresteerd": {"aangehouden", "opgepakt", "arrestatie"},
	"aangehouden": {"gearresteerd", "opgepakt", "arrestatie"}, "opgepakt": {"aangehouden", "gearresteerd", "arrestatie"},
	"aanhoudingen": {"aangehouden", "opgepakt", "arrestaties"},
	"steun":        {"bijval", "gesteund"}, "hielp": {"samen", "samenwerking", "hulp", "meededen"},
	"ondertekenden": {"handtekening", "ondertekend", "getekend", "ondertekende"}, "ondertekend": {"handtekening", "getekend", "ondertekenden"},
	"tekenden": {"handtekening", "ondertekend", "getekend"}, "signed": {"ondertekend", "handtekening", "getekend"},
	"hielpen": {"samen", "samenwerking", "hulp", "meededen"}, "helpen": {"samen", "samenwerking", "hulp"},
	"geholpen": {"samen", "samenwerking", "hulp"}, "helpt": {"samen", "samenwerking", "hulp"},
	"samenwerking": {"samen", "samengewerkt", "samenwerkten"}, "samengewerkt": {"samen", "samenwerking"}, "support": {"steun", "bijval"}, "supports": {"steun", "bijval"},
	"beschuldigt":     {"verantwoordelijk", "aanrekenen", "rekenen", "veroordelen", "aangewezen"},
	"beschuldigen":    {"verantwoordelijk", "aanrekenen", "rekenen", "veroordelen", "aangewezen"},
	"beschuldiging":   {"beschuldigd", "verantwoordelijk", "aantijging", "aantijgingen"},
	"beschuldigingen": {"beschuldigd", "verantwoordelijk", "aantijging", "aantijgingen"},
	"daders":          {"dader", "hackers", "hackersgroepen", "verantwoordelijk"}, "dader": {"daders", "hackers", "verantwoordelijk"},
	"hack":   {"hacks", "aanval", "aanvallen", "cyberaanval", "cyberaanvallen", "inbraak", "hackaanval"},
	"aanval": {"hack", "cyberaanval", "aanvallen"}, "cyberaanval": {"aanval", "hack", "cyberaanvallen"},
	"besmet": {"geinfecteerd", "getroffen", "kwetsbaar", "vatbaar", "gehackt"}, "getroffen": {"besmet", "geraakt", "slachtoffer"},
	"geweerd": {"geen", "verboden", "uitgesloten", "weren", "verbannen"},
	"dichtte": {"dichten", "patch", "gedicht", "dicht", "repareerde"},
	"ontkent": {"ontkend", "ontkennen", "ongegrond"}, "ontkennen": {"ontkend", "ontkent", "ongegrond"},
	"toestemming": {"bevoegdheid", "goedkeuring"},
	"servers":     {"server"}, "slachtoffers": {"slachtoffer", "getroffen"},
	"infected": {"besmet"}, "accuses": {"beschuldigt"}, "accuse": {"beschuldigen"}, "blames": {"beschuldigt"},
	"hacked": {"gehackt"}, "attack": {"aanval"}, "attacks": {"aanvallen"}, "denies": {"ontkent"}, "deny": {"ontkennen"},
	"sanctions": {"sancties"}, "spying": {"spionage"}, "espionage": {"spionage"}, "companies": {"bedrijven"},
	"countries": {"landen"}, "groups": {"groepen", "hackersgroepen"}, "hackers": {"hackers"},
	"netherlands": {"nederland"}, "patched": {"dichtte", "gedicht"}, "fixed": {"dichtte", "gedicht"},
	"vulnerability": {"lek", "kwetsbaarheid"}, "leak": {"lek"}, "data": {"gegevens"}, "stolen": {"gestolen"},
	// Newsroom paraphrases.
	"stelen":   {"buitgemaakt", "bemachtigd", "ontvreemd", "diefstal", "gestolen", "gekopieerd", "weggesluisd", "buit"},
	"stalen":   {"buitgemaakt", "bemachtigd", "diefstal", "gestolen", "kopieerden", "gekopieerd", "weggesluisd", "buit"},
	"stal":     {"buitgemaakt", "bemachtigd", "diefstal", "gestolen", "kopieerde", "gekopieerd", "weggesluisd", "buit"},
	"gestolen": {"buitgemaakt", "bemachtigd", "diefstal", "kopieerden", "gekopieerd", "weggesluisd", "buit"},
	"gehackt":  {"binnengedrongen", "ingebroken", "inbraak", "gekraakt"}, "hackten": {"binnengedrongen", "ingebroken", "inbraak"},
	"hacken":       {"binnendringen", "inbreken", "inbraak"},
	"gepubliceerd": {"openbaar", "gelekt", "online"}, "publiceren": {"openbaar", "lekken", "online"},
	"sancties": {"strafmaatregelen"}, "gedupeerden": {"slachtoffers", "getroffen"},
	"gegevens": {"data", "persoonsgegevens", "informatie"}, "informatie": {"gegevens", "data"},
	"doelwit": {"gericht", "richt", "aangevallen", "doelwitten"}, "doelwitten": {"gericht", "richt", "doelwit"},
	"ontdekt": {"vastgesteld", "ontdekte", "ontdekking"}, "lek": {"kwetsbaarheid", "zeroday", "kwetsbaarheden", "lekken"},
	"kwetsbaarheid": {"lek", "zeroday", "kwetsbaarheden"}, "bedrijven": {"organisaties", "ondernemingen"},
	"losgeld": {"losgeldeis", "betalen"}, "ddos": {"ddos-aanval", "overbelastingsaanval"},
	"ransomware": {"gijzelsoftware", "losgeld"}, "gijzelsoftware": {"ransomware", "losgeld"},
	"moeilijk": {"lastig"}, "lastig": {"moeilijk"}, "makkelijk": {"eenvoudig", "gemakkelijk"}, "eenvoudig": {"makkelijk", "gemakkelijk"},
	"gemakkelijk": {"makkelijk", "eenvoudig"}, "snel": {"vlug"}, "groot": {"omvangrijk", "grootschalig"},
}

var synonymStems map[string][]string

func init() {
	synonymStems = make(map[string][]string, len(synonymWords))
	for w, alts := range synonymWords {
		var stems []string
		for _, a := range alts {
			stems = append(stems, nl.StemText(a))
		}
		k := nl.StemText(w)
		synonymStems[k] = append(synonymStems[k], stems...)
	}
}

// englishDutch translates the words of English questions that news about
// cyber attacks, states and agencies needs, so English questions search the
// Dutch articles. The first Dutch word is the main one.
var englishDutch = map[string][]string{
	"accuse": {"beschuldigen"}, "accuses": {"beschuldigt"}, "accused": {"beschuldigd"}, "blame": {"beschuldigen"},
	"blames": {"beschuldigt"}, "blamed": {"beschuldigd"}, "deny": {"ontkennen"}, "denies": {"ontkent"}, "denied": {"ontkend"},
	"support": {"steunen", "bijval"}, "supports": {"steunt", "bijval"}, "supported": {"gesteund", "bijval"},
	"attack": {"aanval", "cyberaanval"}, "attacks": {"aanvallen", "cyberaanvallen"}, "attacked": {"aangevallen"},
	"cyberattack": {"cyberaanval"}, "cyberattacks": {"cyberaanvallen"}, "hack": {"hack"}, "hacked": {"gehackt"},
	"hackers": {"hackers"}, "hacker": {"hacker"}, "group": {"groep"}, "groups": {"groepen", "hackersgroepen"},
	"municipality": {"gemeente"}, "city": {"stad"}, "hospital": {"ziekenhuis"}, "university": {"universiteit"},
	"government": {"regering", "overheid"}, "governments": {"overheden", "regeringen"}, "ministry": {"ministerie"},
	"defence": {"defensie"}, "defense": {"defensie"}, "network": {"netwerk"}, "networks": {"netwerken"},
	"company": {"bedrijf"}, "companies": {"bedrijven"}, "firm": {"bedrijf"}, "countries": {"landen"}, "country": {"land"},
	"servers": {"servers"}, "server": {"server"}, "infected": {"besmet"}, "vulnerable": {"kwetsbaar"},
	"vulnerability": {"kwetsbaarheid", "lek"}, "vulnerabilities": {"kwetsbaarheden", "lekken"}, "leak": {"lek"},
	"stolen": {"gestolen"}, "stole": {"stalen", "gestolen"}, "steal": {"stelen"}, "theft": {"diefstal"},
	"money": {"geld"}, "ransom": {"losgeld"}, "damage": {"schade"}, "data": {"gegevens", "data"},
	"personal": {"persoonlijke"}, "emails": {"e-mails"}, "email": {"e-mail"}, "accounts": {"accounts"},
	"passwords": {"wachtwoorden"}, "password": {"wachtwoord"}, "patients": {"patiënten"}, "customers": {"klanten"},
	"employees": {"medewerkers"}, "victims": {"slachtoffers"}, "victim": {"slachtoffer"},
	"sanctions": {"sancties"}, "spying": {"spionage"}, "espionage": {"spionage"}, "spies": {"spionnen"},
	"intelligence": {"inlichtingendienst", "inlichtingen"}, "service": {"dienst"}, "agency": {"dienst"},
	"police": {"politie"}, "arrested": {"aangehouden", "gearresteerd"}, "court": {"rechtbank"},
	"sentenced": {"veroordeeld"}, "prison": {"cel", "gevangenis"}, "years": {"jaar"}, "months": {"maanden"},
	"elections": {"verkiezingen"}, "election": {"verkiezingen"}, "websites": {"websites"}, "parties": {"partijen"},
	"warned": {"waarschuwde"}, "warning": {"waarschuwing"}, "published": {"publiceerde"}, "report": {"rapport"},
	"claimed": {"eiste", "opgeëist"}, "claims": {"eist"}, "demand": {"eist"}, "demanded": {"eiste"},
	"paid": {"betaald", "betaalde"}, "pay": {"betalen"}, "patched": {"dichtte", "gedicht"}, "fixed": {"dichtte"},
	"patch": {"dichten", "dichtte", "update"}, "fix": {"dichten", "dichtte"}, "close": {"dichten"}, "closed": {"dichtte"},
	"mentioned": {"genoemd"}, "named": {"genoemd"}, "blamed.": {"beschuldigd"}, "hackergroups": {"hackersgroepen"},
	"discovered": {"ontdekt", "ontdekte"}, "detect": {"ontdekken"}, "behind": {"achter"},
	"netherlands": {"nederland"}, "dutch": {"nederlandse"}, "water": {"water"}, "energy": {"energie"},
	"ambassador": {"ambassadeur"}, "embassy": {"ambassade"}, "minister": {"minister"}, "spokesperson": {"woordvoerder"},
	"spokesman": {"woordvoerder"}, "director": {"directeur"}, "mayor": {"burgemeester"}, "phishing": {"phishing"},
	"ransomware": {"ransomware", "gijzelsoftware", "ransomwaregroep", "ransomwarebende"}, "malware": {"malware"}, "crypto": {"crypto", "cryptovaluta"},
	"vulnerable.": {"kwetsbaar"}, "gateways": {"gateways"}, "systems": {"systemen"}, "operations": {"operaties"},
	"postponed": {"uitgesteld"}, "fine": {"boete"}, "fined": {"boete"}, "million": {"miljoen"}, "billion": {"miljard"},
	"day": {"dag"}, "week": {"week"}, "attackers": {"aanvallers"}, "responsible": {"verantwoordelijk"},
	"expelled": {"uitgezet"}, "russians": {"russen"}, "chinese": {"chinese"}, "state": {"staat"},
	"outage": {"storing", "uitval"}, "outages": {"storingen"}, "disruption": {"storing", "verstoring"},
	"start": {"begon", "begin", "startte"}, "started": {"begon", "startte"}, "begin": {"begon", "begin"}, "began": {"begon"},
	"end": {"einde", "eindigde"}, "ended": {"eindigde"}, "based": {"gevestigd"}, "headquartered": {"gevestigd", "hoofdkantoor"},
	"located": {"gevestigd", "ligt"}, "without": {"zonder"}, "offline": {"offline", "plat"}, "down": {"plat", "offline", "lucht"}, "take": {"gehaald", "haalde", "opgerold"},
	"took": {"haalde", "gehaald", "opgerold"}, "taken": {"gehaald", "opgerold"},
	"dismantled": {"opgerold", "ontmanteld"}, "arrests": {"arrestaties", "aanhoudingen"}, "arrest": {"arrestatie", "aanhouding"},
	"suspect": {"verdachte"}, "suspects": {"verdachten"}, "suspected": {"verdacht", "vermoedelijk"},
	"charged": {"aangeklaagd"}, "indicted": {"aangeklaagd"}, "convicted": {"veroordeeld"}, "judge": {"rechter"},
	"prosecutor": {"officier", "aanklager"}, "prosecutors": {"aanklagers", "openbaar ministerie"}, "trial": {"rechtszaak", "proces"},
	"community": {"taakstraf"}, "sentence": {"straf"}, "teenager": {"tiener"}, "boy": {"jongen"}, "man": {"man"},
	"woman": {"vrouw"}, "engineer": {"ingenieur"}, "employee": {"medewerker"}, "former": {"voormalige", "oud"},
	"cable": {"kabel"}, "cables": {"kabels"}, "ship": {"schip"}, "ships": {"schepen"}, "anchor": {"anker"}, "sea": {"zee"},
	"navy": {"marine"}, "army": {"leger"}, "military": {"militaire", "leger"}, "war": {"oorlog"}, "sabotage": {"sabotage"},
	"telecom": {"telecom"}, "provider": {"provider", "aanbieder"}, "providers": {"providers", "aanbieders"},
	"bank": {"bank"}, "banks": {"banken"}, "port": {"haven"}, "terminal": {"terminal"}, "containers": {"containers"},
	"exchange": {"beurs", "exchange"}, "bitcoin": {"bitcoin"}, "cryptocurrency": {"cryptovaluta", "crypto"},
	"chip": {"chip"}, "chips": {"chips"}, "machines": {"machines"}, "secrets": {"geheimen"}, "information": {"informatie", "gegevens"},
	"documents": {"documenten"}, "files": {"bestanden"}, "phone": {"telefoon"}, "calls": {"gesprekken"}, "politicians": {"politici"},
	"voters": {"kiezers"}, "commission": {"commissie"}, "parliament": {"parlement"}, "party": {"partij"},
	"mails": {"e-mails"}, "mailboxes": {"mailboxen"}, "controllers": {"controllers"}, "pumps": {"pompen"},
	"screen": {"scherm"}, "message": {"bericht", "tekst"}, "text": {"tekst"}, "advice": {"advies"}, "advises": {"adviseert"},
	"reward": {"beloning"}, "dollars": {"dollar"}, "euros": {"euro"}, "people": {"mensen"}, "households": {"huishoudens"},
	"users": {"gebruikers"}, "members": {"leden"}, "officers": {"officieren", "agenten"}, "officials": {"functionarissen", "ambtenaren"},
	"accusation": {"beschuldiging"}, "accusations": {"beschuldigingen"}, "reacted": {"reageerde"}, "react": {"reageren"},
	"respond": {"reageren"}, "responded": {"reageerde"}, "response": {"reactie"}, "reaction": {"reactie"},
	"condemned": {"veroordeelde", "veroordeeld"}, "condemn": {"veroordelen"}, "attributed": {"toegeschreven"},
	"linked": {"gelieerd", "gelinkt"}, "backed": {"gesteund"}, "sponsored": {"gesteund", "gesponsord"},
	"why": {}, "affected": {"getroffen"}, "hit": {"getroffen", "geraakt"}, "targeted": {"doelwit"}, "target": {"doelwit"},
	"targets": {"doelwitten"}, "breach": {"inbraak", "lek", "hack"}, "intrusion": {"inbraak"}, "stealing": {"stelen", "diefstal"},
	"leaked": {"gelekt", "uitgelekt"}, "published.": {"gepubliceerd"}, "seized": {"in beslag genomen"},
	"storm": {"storm"}, "power": {"stroom"}, "blackout": {"stroomstoring"}, "museum": {"museum"}, "exhibition": {"tentoonstelling"},
	"pumping": {"gemaal", "pomp"}, "board": {"waterschap", "bestuur"}, "utility": {"waterbedrijf", "nutsbedrijf"},
	"utilities": {"waterbedrijven", "nutsbedrijven"}, "discover": {"ontdekte", "ontdekt"}, "discovers": {"ontdekt"},
	"breached": {"gehackt", "binnengedrongen", "getroffen"}, "compromised": {"gehackt", "binnengedrongen"},
	"expel": {"uitzetten"}, "expels": {"zet"}, "diplomat": {"diplomaat"}, "diplomats": {"diplomaten"},
	"signed": {"ondertekend", "handtekening"},
	"match":  {"wedstrijd"}, "goal": {"doelpunt"}, "goals": {"doelpunten"}, "won": {"won", "gewonnen"}, "score": {"score"},
}

// englishWords are words that mark a question as English.
var englishWords = map[string]bool{"who": true, "what": true, "which": true, "when": true, "where": true,
	"why": true, "how": true, "does": true, "did": true, "is": false, "are": true, "the": true, "of": true,
	"accuses": true, "accused": true, "say": true, "said": true, "many": true, "deny": true, "denies": true,
	"were": true, "was": false, "has": true, "have": true, "been": true, "based": true, "left": true, "without": true,
	"take": true, "took": true, "taken": true, "down": true, "outage": true, "start": true, "started": true,
	"began": true, "located": true, "headquartered": true, "according": true, "behind": true, "support": true,
	"supports": true, "attack": true, "attacks": true, "stole": true, "stolen": true, "hacked": true, "group": true,
	"groups": true, "country": true, "countries": true, "police": true, "arrested": true, "customers": true}

// parseQuestion understands a question in Dutch or English.
func parseQuestion(rec *nl.Recognizer, raw string) question {
	q := question{raw: raw}
	text := strings.TrimSpace(raw)
	if utf8.RuneCountInString(text) > 1000 {
		text = string([]rune(text)[:1000])
	}
	toks := nl.Tokens(text)
	// Drop fillers at the start.
	for {
		n := fillerLen(toks)
		if n == 0 {
			break
		}
		toks = toks[n:]
	}
	if len(toks) == 0 {
		return q
	}
	if len(toks) > 0 {
		text = text[toks[0].Start:]
		toks = nl.Tokens(text)
	}
	words := make([]string, len(toks))
	eng := 0
	for i, t := range toks {
		words[i] = t.Norm
		if englishWords[t.Norm] {
			eng++
		}
	}
	q.english = eng >= 2 || (eng == 1 && len(words) <= 3 && englishWords[words[0]])
	if !q.english {
		for _, w := range words {
			if _, ok := englishDutch[w]; ok && englishWords[words[0]] {
				q.english = true
			}
		}
	}

	// "wanner", "waarm": a slip of the keys in the question word.
	if !nl.IsQuestionWord(words[0]) && !nl.IsStopword(words[0]) && len(words[0]) >= 4 {
		for _, qw := range [...]string{"wanneer", "waarom", "hoeveel", "welke", "waar", "welk"} {
			if editDistanceAtMost1(words[0], qw) {
				words[0] = qw
				text = qw + text[toks[0].End:]
				toks = nl.Tokens(text)
				break
			}
		}
	}
	// "wat zij de burgemeester": "zei", not "she".
	if len(words) > 2 && words[0] == "wat" && words[1] == "zij" {
		words[1] = "zei"
		text = text[:toks[1].Start] + "zei" + text[toks[1].End:]
		toks = nl.Tokens(text)
	}
	// "wie zit achtr …": a slip of the keys in a word that gives the
	// question its shape.
	for i := 1; i < len(words); i++ {
		w := words[i]
		if len(w) < 5 || nl.IsStopword(w) || relationOf(w) != relNone {
			continue
		}
		for _, kw := range [...]string{"achter", "beschuldigt", "beschuldigd", "beschuldigen", "ontkent", "ontkennen", "verantwoordelijk"} {
			if w != kw && w[:2] == kw[:2] && editDistanceAtMost1(w, kw) && !realWordSlips[w] {
				words[i] = kw
				text = text[:toks[i].Start] + kw + text[toks[i].End:]
				toks = nl.Tokens(text)
				break
			}
		}
	}
	// The kind, from the opening words.
	first := words[0]
	rest := 1
	switch first {
	case "met", "aan", "voor", "achter", "tegen", "with":
		// "met wie is de NAVO solidair?": the one named acts, the answer is
		// the other side.
		if len(words) > 1 && (words[1] == "wie" || words[1] == "whom" || words[1] == "welke") {
			q.kind = askWho
			q.objectAsked = true
			rest = 2
		} else {
			q.kind = askWhat
			rest = 0
		}
	case "wie", "who", "whom", "door", "van":
		q.kind = askWho
		if first == "door" || first == "van" {
			if len(words) > 1 && (words[1] == "wie" || words[1] == "welke") {
				q.kind = askWho
				q.reverse = false
				rest = 2
			} else {
				q.kind = askWhat
				rest = 0
			}
		}
	case "wat", "what", "hoe", "how":
		q.kind = askWhat
		if len(words) > 1 && (words[1] == "veel" || words[1] == "many" || words[1] == "much") {
			q.kind = askHowMany
			rest = 2
		}
		if first == "wat" && len(words) > 1 && words[1] == "voor" {
			q.kind = askWhich
			rest = 2
		}
	case "welke", "welk", "which":
		q.kind = askWhich
	case "wanneer", "when":
		q.kind = askWhen
	case "waar", "where", "waarvandaan", "vanwaar":
		q.kind = askWhere
	case "hoeveel":
		q.kind = askHowMany
	case "waarom", "why":
		q.kind = askWhy
	case "waarvan", "waarvoor", "waarover":
		q.kind = askWhat
		q.charge = true
	case "sinds", "vanaf", "in", "op", "tot":
		if len(words) > 1 && (words[1] == "wanneer" || words[1] == "welk" || words[1] == "welke") {
			q.kind = askWhen
			rest = 2
			// "in welke stad": where; "in welk jaar": when; "in welke
			// sectoren": which.
			if words[1] != "wanneer" && len(words) > 2 {
				switch {
				case placeNouns[words[2]]:
					q.kind = askWhere
				case !timeNouns[words[2]]:
					q.kind = askWhich
				}
			}
		} else {
			q.kind = askWhat
			rest = 0
		}
	default:
		rest = 0
		if yesNoVerb(first) {
			q.kind = askYesNo
		} else {
			q.kind = askWhat
		}
	}

	q.detectRelation(words)
	if q.objectAsked && (q.rel == relSupport || q.rel == relAccuse) {
		q.reverse = true
	}
	q.findEntities(rec, text, toks)
	q.findYears(words)
	q.verb = finiteVerb(q.kind, words, toks, rest)

	// The counted noun in "hoeveel servers", the listed kind in "welke landen".
	if q.kind == askHowMany && rest < len(words) {
		for i, w := range words[rest:] {
			if nl.IsStopword(w) || len(q.units) == 3 || rest+i == q.verb {
				break
			}
			q.units = append(q.units, nl.Stem(w))
		}
		if len(q.units) > 0 {
			q.unit = q.units[0]
		}
	}
	if q.kind == askWhich || q.kind == askWho {
		for i, w := range words {
			// The noun asked for stands near the question word: "welke
			// landen …", "op welke sectoren …", not "door wie … op 300
			// organisaties".
			if i > 3 {
				break
			}
			if k, head, ok := kindOfNoun(w); ok {
				q.listKind = k
				q.listNoun = nl.Stem(head)
				// Adjectives right before the noun narrow the list: "Chinese bedrijven".
				if i > 0 {
					for _, m := range q.entities {
						if m.Kind == nl.Country && i-1 >= 0 && strings.HasPrefix(nl.Fold(toks[i-1].Text), strings.ToLower(firstRunes(m.Name, 3))) {
							q.listOf = append(q.listOf, m)
						}
					}
				}
				if q.kind == askWho && k != nl.Person {
					q.kind = askWhich
				}
				break
			}
		}
	}
	q.collectTerms(text, toks)
	q.headNoun = len(q.terms) > 0 && (q.kind == askHowMany || q.kind == askWhich && q.listKind == "" ||
		(len(words) > 1 && isCopula(words[1]) && (q.kind == askWho || q.kind == askWhat)))
	return q
}

func firstRunes(s string, n int) string {
	r := []rune(nl.Fold(s))
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// finiteVerb finds the finite verb of a question: Dutch puts it right after
// the question word ("wanneer dichtte Microsoft …") or after the noun asked
// about ("hoeveel geld stal Lazarus …"); a yes/no question opens with it.
// It returns its index in words, or -1.
func finiteVerb(kind qkind, words []string, toks []nl.Token, rest int) int {
	isVerbish := func(i int) bool {
		w := words[i]
		if nl.IsCapitalized(toks[i].Text) && i > 0 || nl.IsStopword(w) && !isCopula(w) {
			return false
		}
		if nl.IsStrongVerbForm(w) || weakWords[w] {
			return true
		}
		for _, suf := range []string{"de", "te", "den", "ten", "dt", "t"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
				return true
			}
		}
		return false
	}
	switch kind {
	case askYesNo:
		return 0
	case askHowMany, askWhich:
		for i := rest + 1; i < len(words) && i <= rest+3; i++ {
			if isVerbish(i) {
				return i
			}
		}
		return -1
	}
	if rest > 0 && rest < len(words) && !nl.IsStopword(words[rest]) && !nl.IsCapitalized(toks[rest].Text) {
		return rest
	}
	return -1
}

// fillerLen returns the number of tokens of a filler phrase at the start.
func fillerLen(toks []nl.Token) int {
	for _, f := range fillers {
		fw := strings.Fields(f)
		if len(toks) <= len(fw) {
			continue
		}
		ok := true
		for i, w := range fw {
			if toks[i].Norm != w {
				ok = false
				break
			}
		}
		if ok {
			return len(fw)
		}
	}
	return 0
}

// yesNoVerb reports whether a question opening with word asks yes or no.
func yesNoVerb(w string) bool {
	switch w {
	case "is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "wordt", "worden", "werd", "werden",
		"kan", "kunnen", "zal", "zullen", "zou", "zouden", "moet", "moeten", "klopt", "bestaat",
		"does", "did", "do", "are", "has", "have", "were", "can", "will":
		return true
	}
	// A verb in the third person: ontkent, steunt, beschuldigt.
	return len(w) > 4 && (strings.HasSuffix(w, "t") || strings.HasSuffix(w, "en")) && relationOf(w) != relNone
}

// relationOf returns the relation a folded word signals.
func relationOf(w string) relation {
	switch {
	case strings.HasPrefix(w, "beschuldig"), strings.HasPrefix(w, "verantwoordelijk"),
		strings.HasPrefix(w, "aanklag"), strings.HasPrefix(w, "aangeklaagd"), strings.HasPrefix(w, "veroordeel"),
		strings.HasPrefix(w, "accus"), strings.HasPrefix(w, "blame"), strings.HasPrefix(w, "aanwijs"),
		strings.HasPrefix(w, "aangewezen"), strings.HasPrefix(w, "aantijging"), strings.HasPrefix(w, "rekent"),
		strings.HasPrefix(w, "rekenen"), strings.HasPrefix(w, "bekritiseer"), strings.HasPrefix(w, "toegeschreven"),
		strings.HasPrefix(w, "toeschrijf"), strings.HasPrefix(w, "toeschrijv"), strings.HasPrefix(w, "attribu"),
		strings.HasPrefix(w, "verdenk"), w == "verdacht", w == "gelinkt", w == "gekoppeld":
		return relAccuse
	case strings.HasPrefix(w, "ontken"), strings.HasPrefix(w, "ontkend"), strings.HasPrefix(w, "deni"), w == "deny",
		strings.HasPrefix(w, "verwerp"):
		return relDeny
	case strings.HasPrefix(w, "steun"), strings.HasPrefix(w, "gesteund"), strings.HasPrefix(w, "bijval"),
		strings.HasPrefix(w, "solidair"), w == "sloot", w == "sloten", w == "sluit", w == "sluiten", w == "aansluiten",
		w == "aangesloten", w == "schaarde", w == "schaarden", w == "schaart", w == "scharen", w == "geschaard",
		w == "onderschrijft", w == "onderschreef", w == "onderschreven", w == "onderschrijven",
		strings.HasPrefix(w, "support"), w == "backs", w == "backed":
		return relSupport
	case w == "daders" || w == "dader" || w == "behind" || w == "perpetrators" || w == "culprits":
		return relBehind
	}
	return relNone
}

func (q *question) detectRelation(words []string) {
	reaction := false
	for i, w := range words {
		if isReactionWord(w) {
			reaction = true
		}
		// "wees de beschuldiging af", "wijst … van de hand": a denial.
		switch w {
		case "wees", "wijst", "wezen", "wijzen", "wees,":
			for _, x := range words[i+1:] {
				if x == "af" || x == "hand" {
					q.rel = relDeny
					return
				}
			}
		}
	}
	for i, w := range words {
		r := relationOf(w)
		if r == relNone {
			continue
		}
		// "Hoe reageerde China op de beschuldigingen?": China's reaction,
		// a denial, not who accuses.
		if reaction && r == relAccuse {
			r = relDeny
		}
		q.rel = r
		// "wordt ... beschuldigd door X" / "accused by X": X is the agent;
		// "door wie" asks for the agent.
		if r == relAccuse || r == relSupport || r == relDeny {
			for j := i + 1; j < len(words); j++ {
				if words[j] == "door" || words[j] == "by" {
					q.reverse = true
				}
			}
		}
		break
	}
	for i, w := range words {
		switch w {
		case "achter", "behind":
			// "staan achter" backs; "zitten achter" is behind an attack.
			standing := false
			for _, v := range words {
				switch v {
				case "staan", "staat", "stond", "stonden", "scharen", "schaart", "schaarden":
					standing = true
				}
			}
			switch {
			case standing:
				q.rel = relSupport
			case q.kind == askWho || q.kind == askWhat || q.kind == askWhich:
				// "welke hackersgroepen zitten achter de aanvallen?"
				q.rel = relBehind
			}
		case "zei", "zegt", "zeggen", "zeiden", "gezegd", "verklaarde", "verklaart", "said", "say", "says":
			// "Wat zei Rusland over de beschuldigingen?" asks for Russia's
			// words, whatever they were about.
			asksWords := len(words) > 0 && (words[0] == "wat" || words[0] == "what") && i <= 4 && q.rel != relBehind
			if (q.rel == relNone || asksWords) && (q.kind == askWhat || q.kind == askWho) {
				q.rel = relQuote
			}
		case "waarvan", "of":
			if i+1 < len(words) && q.rel == relAccuse && w == "of" {
				q.charge = q.charge || words[len(words)-1] == "of"
			}
		}
	}
	if q.rel == relAccuse && len(words) > 0 && words[len(words)-1] == "of" {
		q.charge = true
	}
	if q.rel == relNone && len(words) >= 2 && len(words) <= 7 {
		last := words[len(words)-1]
		switch {
		case (words[0] == "wie" || words[0] == "who") && (isCopula(words[1]) || len(words) >= 3 && isCopula(last)):
			q.rel = relRole
		case (words[0] == "wat" || words[0] == "what") && (isCopula(words[1]) || len(words) >= 3 && isCopula(last)):
			q.rel = relDefine
		}
	}
}

// isSayVerb reports whether w is a form of "zeggen" or "say".
func isSayVerb(w string) bool {
	switch w {
	case "zei", "zegt", "zeggen", "zeiden", "gezegd", "verklaarde", "verklaart", "said", "say", "says":
		return true
	}
	return false
}

func isCopula(w string) bool {
	switch w {
	case "is", "was", "zijn", "waren", "are", "were":
		return true
	}
	return false
}

// findEntities resolves the names in the question: known entities by any
// alias, in any case, and the name asked about in "wie is X".
func (q *question) findEntities(rec *nl.Recognizer, text string, toks []nl.Token) {
	seen := map[string]bool{}
	// byAgent: "door België", "by Belgium" names the one who acts.
	prevWord := func(start int) string {
		prev := ""
		for _, t := range toks {
			if t.End > start {
				break
			}
			if t.Norm != "de" && t.Norm != "het" && t.Norm != "the" {
				prev = t.Norm
			}
		}
		return prev
	}
	add := func(e nl.Entity, start int) {
		if !seen[e.Name] {
			seen[e.Name] = true
			q.entities = append(q.entities, e)
			switch prevWord(start) {
			case "door", "by":
				q.agents = append(q.agents, e.Name)
			case "bij", "op", "tegen", "at", "on", "against":
				q.victims = append(q.victims, e.Name)
			}
		}
	}
	for _, m := range rec.Mentions(text) {
		add(m.Entity, m.Start)
		q.covered = append(q.covered, nl.Span{Start: m.Start, End: m.End})
	}
	// Lower-case questions: try n-grams of up to four words that start and
	// end with a content word and overlap no name found already.
	for i := 0; i < len(toks); i++ {
		if q.isCovered(toks[i]) {
			continue
		}
		for n := 4; n >= 1; n-- {
			if i+n > len(toks) {
				continue
			}
			if nl.IsStopword(toks[i].Norm) || nl.IsStopword(toks[i+n-1].Norm) || len(toks[i].Norm) < 2 || q.isCovered(toks[i+n-1]) {
				continue
			}
			phrase := text[toks[i].Start:toks[i+n-1].End]
			if e, ok := rec.Resolve(phrase); ok {
				add(e, toks[i].Start)
				q.covered = append(q.covered, nl.Span{Start: toks[i].Start, End: toks[i+n-1].End})
				i += n - 1
				break
			}
		}
	}
	// "welke landen steunen estlnd": a slip of the keys in a state's name.
	for _, t := range toks {
		if q.isCovered(t) || len(t.Norm) < 5 || nl.IsStopword(t.Norm) || nl.IsQuestionWord(t.Norm) {
			continue
		}
		if _, known := kindNouns[t.Norm]; known || relationOf(t.Norm) != relNone || q.english || englishWords[t.Norm] || weakWords[t.Norm] {
			continue
		}
		if _, en := englishDutch[t.Norm]; en {
			continue
		}
		if _, syn := synonymWords[t.Norm]; syn {
			continue
		}
		if e, ok := countryNear(rec, t.Norm); ok {
			add(e, t.Start)
			q.covered = append(q.covered, nl.Span{Start: t.Start, End: t.End})
		}
	}
	if q.rel == relRole || q.rel == relDefine || q.rel == relQuote {
		q.name = nameAfter(text, toks, q.rel)
	}
}

// countryNames are the folded one-word names of the states the recognizer
// knows, for countryNear.
var countryNames struct {
	once   sync.Once
	names  map[string]nl.Entity
	sorted []string
}

// countryNear returns the state whose one-word name w misses by one key
// ("estlnd" for Estland), if w is no word of its own the recognizer knows.
func countryNear(rec *nl.Recognizer, w string) (nl.Entity, bool) {
	countryNames.once.Do(func() {
		countryNames.names = map[string]nl.Entity{}
		for _, e := range rec.Entities() {
			if e.Kind == nl.Country && !strings.ContainsAny(e.Name, " -") && len(e.Name) >= 5 {
				countryNames.names[nl.Fold(e.Name)] = e
			}
		}
		for name := range countryNames.names {
			countryNames.sorted = append(countryNames.sorted, name)
		}
		sort.Strings(countryNames.sorted)
	})
	if _, ok := rec.Resolve(w); ok || len(w) < 6 {
		return nl.Entity{}, false
	}
	// One state only, whose name starts as the word does: "estlnd" is
	// Estland, "serie" nothing.
	var found nl.Entity
	n := 0
	for _, name := range countryNames.sorted {
		if name[0] == w[0] && editDistanceAtMost1(w, name) {
			found = countryNames.names[name]
			n++
		}
	}
	return found, n == 1
}

// nameAfter returns the name a question asks about: what follows the
// copula in "wie is X", or the verb in "wat zei X (over Y)".
func nameAfter(text string, toks []nl.Token, rel relation) string {
	start := -1
	for i, t := range toks {
		if rel == relQuote && i > 0 && isSayVerb(t.Norm) {
			start = i + 1
		}
		if rel != relQuote && i == 1 && isCopula(t.Norm) {
			start = i + 1
		}
		if start >= 0 {
			break
		}
	}
	if rel != relQuote && start < 0 && len(toks) >= 3 && isCopula(toks[len(toks)-1].Norm) {
		// "(weet jij) wie Marloes Kuipers is": the name stands before the copula.
		return strings.TrimSpace(text[toks[1].Start:toks[len(toks)-2].End])
	}
	if rel == relQuote && start == len(toks) && len(toks) > 3 {
		// "What did Blinken say": the name stands before the verb.
		return strings.TrimSpace(text[toks[2].Start:toks[len(toks)-2].End])
	}
	if start < 0 || start >= len(toks) {
		return ""
	}
	end := len(toks)
	for i := start; i < len(toks); i++ {
		switch toks[i].Norm {
		case "over", "about", "tegen", "to", "op", "in", "bij", "toen", "when", "na":
			end = i
		}
		if end != len(toks) {
			break
		}
	}
	if end <= start {
		return ""
	}
	for start < end && (toks[start].Norm == "de" || toks[start].Norm == "het" || toks[start].Norm == "een" || toks[start].Norm == "the") {
		start++
	}
	// "wat zei vicepremier Pritchard": the role is no part of the name.
	for start+1 < end && nl.IsRoleWord(toks[start].Norm) && toks[start+1].Norm != "van" {
		start++
	}

	if start >= end {
		return ""
	}
	return strings.TrimSpace(text[toks[start].Start:toks[end-1].End])
}

// findYears reads a time filter: "in 2024", "van 2018", "sinds 2021".
func (q *question) findYears(words []string) {
	for i, w := range words {
		y, err := strconv.Atoi(w)
		if err != nil || len(w) != 4 || y < 1900 || y > 2100 {
			continue
		}
		prev := ""
		if i > 0 {
			prev = words[i-1]
		}
		switch prev {
		case "sinds", "vanaf", "since", "na", "after":
			q.yearFrom = y
		case "voor", "tot", "before", "until":
			q.yearTo = y - 1
		default:
			q.yearFrom, q.yearTo = y, y
		}
	}
}

// collectTerms gathers the content words of the question for search: not
// stop words, not question words, not the words of recognised names.
func (q *question) collectTerms(text string, toks []nl.Token) {
	names := map[string]bool{}
	for _, e := range q.entities {
		for _, t := range nl.Tokens(e.Name) {
			names[t.Norm] = true
		}
	}
	seen := map[string]bool{}
	// A separable verb: "vond … plaats" is also "plaatsvond", "maakte …
	// bekend" also "bekendmaakte": the particle at the end may stand joined
	// to the verb in the article.
	var joined []string
	if q.verb >= 0 && q.verb < len(toks)-1 && separableParticles[toks[len(toks)-1].Norm] {
		p, v := toks[len(toks)-1].Norm, toks[q.verb].Norm
		inf := nl.Infinitive(v)
		// The participle too: "platgelegd", "aangevallen".
		joined = dedupe([]string{nl.Stem(p + v), nl.Stem(p + inf), nl.Stem(p + "ge" + v), nl.Stem(p + "ge" + inf)})
	}
	for ti, t := range toks {
		w := t.Norm
		if nl.IsStopword(w) || nl.IsQuestionWord(w) || names[w] || seen[w] || fillerWord(w) || q.isCovered(t) {
			continue
		}
		isVerb := ti == q.verb && relationOf(w) == relNone
		// "het gehackte gemaal": a participle before its noun only describes it.
		if strings.HasPrefix(w, "ge") && (strings.HasSuffix(w, "te") || strings.HasSuffix(w, "de")) && len(w) > 6 &&
			ti+1 < len(toks) && !nl.IsStopword(toks[ti+1].Norm) && relationOf(w) == relNone {
			isVerb = true
		}
		if _, head, ok := kindOfNoun(w); ok && q.listKind != "" && nl.Stem(head) == q.listNoun && ti <= 4 {
			// "welke landen": the kind is the answer, not a search word; but
			// "ransomwaregroepen" asks for groups about ransomware.
			if mod := strings.TrimSuffix(compoundModifier(w), "-"); mod != "" {
				st := nl.Stem(mod)
				// The compound itself is the surest sign ("de ransomwaregroep
				// Cl0p"), its first part and that part's synonyms the next.
				stems := append([]string{nl.Stem(w), st}, synonymStems[st]...)
				q.terms = append(q.terms, term{word: mod, stems: dedupe(stems)})
			}
			continue
		}
		if isSayVerb(w) || w == "volgens" || w == "according" || w == "behind" {
			continue
		}
		// "wie zit achter …": "zit" is the relation, not the topic.
		if q.rel == relBehind && (w == "zit" || w == "zitten" || w == "zat" || w == "zaten" || w == "is" || w == "was") {
			continue
		}
		if _, err := strconv.Atoi(w); err == nil && len(w) == 4 && (q.yearFrom != 0 || q.yearTo != 0) {
			continue // the year is a filter, not a term
		}
		if q.isEntityWord(w) {
			continue
		}
		seen[w] = true
		var parts []string
		for _, st := range strings.Fields(nl.StemText(t.Text)) {
			if !nl.IsStopword(st) && !seen["stem:"+st] {
				seen["stem:"+st] = true
				parts = append(parts, st)
			}
		}
		if len(parts) == 0 {
			continue
		}
		if nl, ok := englishDutch[w]; ok && q.english {
			// An English word: search its Dutch translations first.
			parts = nil
			for _, d := range nl {
				parts = append(parts, dutchStem(d))
			}
			stems := append(parts, dutchStem(w))
			q.terms = append(q.terms, term{word: w, stems: dedupe(stems), weak: weakWords[w]})
			continue
		}
		// A compound ("Exchange-hack") is one term: its parts, and the
		// synonyms of its last part ("hack" → "aanval").
		last := parts[len(parts)-1]
		stems := append(append([]string(nil), parts...), synonymStems[last]...)
		if (ti == len(toks)-1 || ti == q.verb) && joined != nil {
			stems = append(stems, joined...)
		}
		if len(parts) == 1 {
			parts = nil
		}
		name := t.Start > 0 && nl.IsCapitalized(t.Text) && !strings.ContainsAny(t.Text, "-'’")
		object := ti > 0 && objectPreps[toks[ti-1].Norm] && !q.english
		// An English word the dictionary does not know is most likely no
		// word of the Dutch articles: it must not weigh against a match.
		untranslated := q.english && !name
		q.terms = append(q.terms, term{word: w, stems: dedupe(stems), parts: parts, weak: weakWords[w] || isVerb || untranslated, name: name, object: object})
	}
}

// realWordSlips are words one key away from a question's key word that are
// words of their own: "achten" is no slip for "achter".
var realWordSlips = map[string]bool{"achten": true, "achtte": true, "ontkend": true, "beschuldig": true}

// objectPreps stand before the thing a question is about: "bij coinbase",
// "in groningen", "door shadowserver".
var objectPreps = map[string]bool{"bij": true, "van": true, "in": true, "op": true, "tegen": true, "door": true,
	"uit": true, "voor": true, "naar": true, "over": true, "met": true}

// dutchStem stems a Dutch word or phrase for search.
func dutchStem(w string) string {
	return strings.TrimSpace(nl.StemText(w))
}

// separableParticles stand at the end of a question whose verb is
// separable ("wanneer vond de hack plaats?").
var separableParticles = map[string]bool{"plaats": true, "bekend": true, "vast": true, "terug": true,
	"open": true, "stil": true, "plat": true, "binnen": true, "aan": true, "uit": true, "af": true, "op": true,
	"toe": true, "mee": true, "weg": true, "bij": true, "in": true, "na": true, "door": true}

// kindOfNoun returns the entity kind a noun in "welke X" asks for, and
// the noun to look for in a list: "landen" itself, "bedrijven" for
// "telecombedrijven".
func kindOfNoun(w string) (nl.EntityKind, string, bool) {
	if k, ok := kindNouns[w]; ok {
		if mod := compoundModifier(w); mod != "" {
			return k, w[len(mod):], true
		}
		return k, w, true
	}
	if mod := compoundModifier(w); mod != "" {
		if k, ok := kindNouns[w[len(mod):]]; ok {
			return k, w[len(mod):], true
		}
	}
	return "", "", false
}

// compoundModifier returns the first part of a compound kind noun that
// narrows it: "ransomware" in "ransomwaregroepen"; "" for plain kinds.
func compoundModifier(w string) string {
	if i := strings.LastIndexByte(w, '-'); i >= 2 {
		if _, ok := kindNouns[w[i+1:]]; ok {
			return w[:i+1] // "navo-landen": "navo-", so the head follows it
		}
	}
	for _, head := range []string{"groepen", "groep", "bendes", "bende", "bedrijven", "bedrijf", "diensten", "dienst",
		"banken", "concerns", "organisaties", "landen"} {
		if mod, ok := strings.CutSuffix(w, head); ok && len(mod) > 3 {
			switch mod {
			case "hackers", "hacker", "tech", "inlichtingen", "veiligheids", "beveiligings", "ransomwar":
				return ""
			}
			return mod
		}
	}
	return ""
}

// isCovered reports whether a token is part of a name found in the question.
func (q *question) isCovered(t nl.Token) bool {
	for _, sp := range q.covered {
		if t.Start >= sp.Start && t.End <= sp.End {
			return true
		}
	}
	return false
}

// isEntityWord reports whether w is a word of an entity in the question, as
// typed (demonyms such as "chinese" for China).
func (q *question) isEntityWord(w string) bool {
	for _, e := range q.entities {
		if strings.HasPrefix(w, firstRunes(e.Name, 4)) && len(e.Name) >= 4 {
			return true
		}
	}
	return false
}

func fillerWord(w string) bool {
	switch w {
	case "genoemd", "noemen", "noemt", "genoemde", "mentioned", "named", "vermeld", "artikelen", "artikel", "nieuws":
		return true
	}
	return false
}

func dedupe(ss []string) []string {
	out := ss[:0]
	seen := map[string]bool{}
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
