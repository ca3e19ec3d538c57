package corpus

import "strconv"

// actor is a party that accuses, denies or is accused: a state, a group, an
// agency, a company. subj is how a sentence names it as its subject (with
// article where Dutch wants one); name is how a question names it.
type actor struct {
	name   string
	subj   string
	plural bool // "de Verenigde Staten beschuldigen"
}

// states are named the way newsrooms name them, including the short forms
// and metonyms a recognizer has to resolve.
var states = []actor{
	{"China", "China", false}, {"Rusland", "Rusland", false}, {"Iran", "Iran", false},
	{"Noord-Korea", "Noord-Korea", false}, {"Verenigde Staten", "de Verenigde Staten", true},
	{"VS", "de VS", true}, {"Verenigd Koninkrijk", "het Verenigd Koninkrijk", false},
	{"Nederland", "Nederland", false}, {"Duitsland", "Duitsland", false}, {"Frankrijk", "Frankrijk", false},
	{"Japan", "Japan", false}, {"Canada", "Canada", false}, {"Australië", "Australië", false},
	{"Nieuw-Zeeland", "Nieuw-Zeeland", false}, {"Europese Unie", "de Europese Unie", false},
	{"EU", "de EU", false}, {"Oekraïne", "Oekraïne", false}, {"Israël", "Israël", false},
	{"Taiwan", "Taiwan", false}, {"Turkije", "Turkije", false}, {"Polen", "Polen", false},
	{"België", "België", false}, {"Zweden", "Zweden", false}, {"India", "India", false},
	{"Vietnam", "Vietnam", false}, {"Pakistan", "Pakistan", false}, {"Zuid-Korea", "Zuid-Korea", false},
	{"Wit-Rusland", "Wit-Rusland", false}, {"Estland", "Estland", false}, {"Finland", "Finland", false},
}

// demonyms are the adjectives of the first states, for "de Chinese regering".
var demonyms = map[string]string{
	"China": "Chinese", "Rusland": "Russische", "Iran": "Iraanse", "Noord-Korea": "Noord-Koreaanse",
	"Verenigde Staten": "Amerikaanse", "VS": "Amerikaanse", "Verenigd Koninkrijk": "Britse",
	"Nederland": "Nederlandse", "Duitsland": "Duitse", "Frankrijk": "Franse", "Japan": "Japanse",
	"Canada": "Canadese", "Australië": "Australische", "Oekraïne": "Oekraïense", "Israël": "Israëlische",
	"Taiwan": "Taiwanese", "Turkije": "Turkse", "Polen": "Poolse", "België": "Belgische",
	"Zweden": "Zweedse", "India": "Indiase", "Vietnam": "Vietnamese", "Pakistan": "Pakistaanse",
	"Zuid-Korea": "Zuid-Koreaanse", "Wit-Rusland": "Wit-Russische", "Estland": "Estse", "Finland": "Finse",
}

var agencies = []actor{
	{"AIVD", "de AIVD", false}, {"MIVD", "de MIVD", false}, {"NCSC", "het NCSC", false},
	{"FBI", "de FBI", false}, {"NSA", "de NSA", false}, {"CISA", "CISA", false},
	{"GCHQ", "GCHQ", false}, {"Europol", "Europol", false}, {"Openbaar Ministerie", "het Openbaar Ministerie", false},
	{"BSI", "het BSI", false}, {"ANSSI", "ANSSI", false}, {"NCTV", "de NCTV", false},
}

var organisations = []actor{
	{"NAVO", "de NAVO", false}, {"Verenigde Naties", "de Verenigde Naties", true},
	{"G7", "de G7", false}, {"Europese Commissie", "de Europese Commissie", false},
}

var companies = []actor{
	{"Microsoft", "Microsoft", false}, {"Huawei", "Huawei", false}, {"ASML", "ASML", false},
	{"Philips", "Philips", false}, {"KPN", "KPN", false}, {"Shell", "Shell", false},
	{"Google", "Google", false}, {"Apple", "Apple", false}, {"Samsung", "Samsung", false},
	{"Cisco", "Cisco", false}, {"Fortinet", "Fortinet", false}, {"Ivanti", "Ivanti", false},
	{"Citrix", "Citrix", false}, {"Fox-IT", "Fox-IT", false}, {"Mandiant", "Mandiant", false},
	{"TikTok", "TikTok", false}, {"Nvidia", "Nvidia", false}, {"Kaspersky", "Kaspersky", false},
}

// groupStems and groupSuffixes make hacker-group names by the patterns
// real ones follow (APT + number, "X Typhoon", "X Panda", "X Bear").
var (
	groupWords = []string{"Volt", "Salt", "Flax", "Silk", "Linen", "Brass", "Granite", "Ember", "Frost",
		"Storm", "Cobalt", "Onyx", "Amber", "Quartz", "Slate", "Velvet", "Copper", "Raven", "Hollow", "Cinder"}
	groupSuffixes = []string{"Typhoon", "Panda", "Bear", "Kitten", "Chollima", "Spider"}
	knownGroups   = []string{"Hafnium", "Lazarus", "Sandworm", "Turla", "Kimsuky", "LockBit", "Conti", "Killnet"}
)

// groupName is the i-th hacker group of the pool.
func groupName(i int) string {
	switch {
	case i < len(knownGroups):
		return knownGroups[i]
	case i%2 == 0:
		return "APT" + strconv.Itoa(i+1)
	default:
		j := i / 2
		return groupWords[j%len(groupWords)] + " " + groupSuffixes[(j/len(groupWords))%len(groupSuffixes)]
	}
}

// numGroups is the size of the hacker-group pool.
const numGroups = 60

var (
	firstNames = []string{"Anna", "Pieter", "Sanne", "Mark", "Eva", "Thomas", "Lotte", "Jeroen", "Fatima",
		"Mohamed", "Sophie", "Bram", "Ingrid", "Hans", "Marieke", "Dirk", "Yasmina", "Kees", "Laura", "Ruben",
		"Julia", "Sander", "Noor", "Willem", "Esther", "Joost", "Linda", "Ahmed", "Karin", "Daan", "Helga",
		"Olaf", "Claire", "Tomás", "Ines", "Lars", "Mei", "Jonas", "Petra", "Rachid"}
	lastNames = []string{"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos",
		"Peters", "Hendriks", "Dekker", "Brouwer", "Verhoeven", "Kramer", "Postma", "Hoekstra", "Kuipers",
		"El Amrani", "Yilmaz", "Schouten", "Wouters", "Lambrecht", "Vermeulen", "Koster", "Prins", "Huisman",
		"Groen", "Zwart", "Willems", "Sluiter", "Veenstra", "Hofman", "Molenaar", "Dijkstra", "Roos", "Blom",
		"van Dam", "Kok", "Scholten", "Wolters", "Timmermans", "Maas", "Verbeek", "Aydin", "Bouzid"}
	roleTitles = []string{"minister van Buitenlandse Zaken", "minister van Defensie", "minister van Justitie",
		"staatssecretaris van Digitale Zaken", "woordvoerder", "directeur", "hoofdonderzoeker", "ambassadeur",
		"premier", "president", "topman", "onderzoeker", "hoogleraar cyberveiligheid", "directeur-generaal"}
)

// numPersons is the size of the person pool.
const numPersons = 1500

// person is the i-th person of the pool: a name and a role.
type person struct {
	name, role string
}

func personAt(i int) person {
	first := firstNames[i%len(firstNames)]
	last := lastNames[(i/len(firstNames)+i*7)%len(lastNames)]
	role := roleTitles[(i*13)%len(roleTitles)]
	of := ""
	switch role {
	case "woordvoerder", "directeur", "topman", "hoofdonderzoeker", "directeur-generaal":
		if i%2 == 0 {
			of = " van " + agencies[i%len(agencies)].name
		} else {
			of = " van " + companies[i%len(companies)].name
		}
	case "onderzoeker", "hoogleraar cyberveiligheid":
		of = " aan de " + []string{"Universiteit Leiden", "TU Delft", "Universiteit Twente", "Radboud Universiteit"}[i%4]
	case "ambassadeur":
		of = " in " + states[i%len(states)].name
	default:
		of = " van " + states[(i/3)%len(states)].name
	}
	return person{name: first + " " + last, role: role + of}
}

// sector is what an event hits, with the noun for what was struck, for
// "hoeveel X" facts.
type sector struct {
	name, unit string
}

// topic is a kind of news: its events, what they hit, its words and its
// mix of sentence kinds. Most news accuses nobody; cyber and diplomacy
// articles do.
type topic struct {
	section string
	weight  int
	events  []string // each with %s for the sector
	sectors []sector
	nouns   []string
	mix     []int
	accuse  bool // the lead says who accuses whom
}

var topics = []topic{
	{
		section: "Tech", weight: 25, accuse: true,
		events: []string{"een cyberaanval op %s", "een grootschalige spionagecampagne tegen %s", "een ransomware-aanval op %s",
			"het stelen van gegevens bij %s", "een datalek bij %s", "het binnendringen van netwerken van %s",
			"een reeks ddos-aanvallen op %s", "het saboteren van systemen van %s", "het plaatsen van malware bij %s",
			"het afluisteren van %s"},
		sectors: []sector{{"ziekenhuizen", "patiëntendossiers"}, {"gemeenten", "computers"}, {"waterschappen", "systemen"},
			{"havens", "containers"}, {"universiteiten", "accounts"}, {"banken", "rekeningen"},
			{"energiebedrijven", "servers"}, {"telecombedrijven", "klanten"}, {"ministeries", "e-mailaccounts"},
			{"chipfabrikanten", "ontwerpen"}, {"luchthavens", "vluchten"}, {"webwinkels", "creditcards"},
			{"zorgverzekeraars", "verzekerden"}, {"scholen", "laptops"}, {"netbeheerders", "meters"}},
		nouns: []string{"beveiliging", "kwetsbaarheid", "netwerk", "software", "update", "server", "wachtwoord",
			"systeem", "storing", "leverancier", "hackers", "phishing", "versleuteling", "back-up", "firewall"},
		mix: []int{kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kAccuse, kAccuse, kDeny,
			kSupport, kQuote, kQuote, kRole, kNumber, kNumber, kDate},
	},
	{
		section: "Buitenland", weight: 20, accuse: true,
		events: []string{"het schenden van het luchtruim boven %s", "inmenging bij %s", "het onder druk zetten van %s",
			"het schenden van afspraken over %s", "intimidatie van %s"},
		sectors: []sector{{"grensgebieden", "vluchten"}, {"verkiezingen", "stembureaus"}, {"oppositiepartijen", "arrestaties"},
			{"diplomaten", "uitzettingen"}, {"vissersboten", "schepen"}},
		nouns: []string{"ambassade", "top", "akkoord", "verdrag", "sanctie", "grens", "leger", "oefening", "conflict",
			"vrede", "onderhandelingen", "resolutie", "gezant", "delegatie", "staatsbezoek"},
		mix: []int{kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kAccuse, kAccuse, kDeny, kDeny,
			kSupport, kQuote, kQuote, kRole, kNumber, kDate},
	},
	{
		section: "Economie", weight: 20,
		events: []string{"een reorganisatie bij %s", "hogere prijzen bij %s", "een overname in de sector van de %s",
			"nieuwe regels voor %s"},
		sectors: []sector{{"chipfabrikanten", "banen"}, {"supermarkten", "winkels"}, {"pensioenfondsen", "deelnemers"},
			{"woningcorporaties", "huurwoningen"}, {"luchtvaartmaatschappijen", "vluchten"}, {"boeren", "bedrijven"}},
		nouns: []string{"omzet", "winst", "aandeelhouders", "beurs", "rente", "inflatie", "prijzen", "export", "import",
			"handel", "investering", "begroting", "belasting", "subsidie", "koopkracht", "vacatures"},
		mix: []int{kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kQuote, kQuote, kRole,
			kNumber, kNumber, kNumber, kDate},
	},
	{
		section: "Binnenland", weight: 25,
		events: []string{"een tekort bij %s", "nieuwe plannen voor %s", "een staking bij %s", "bezuinigingen op %s"},
		sectors: []sector{{"gemeenten", "woningen"}, {"scholen", "leerlingen"}, {"ziekenhuizen", "patiënten"},
			{"provincies", "boerderijen"}, {"politie", "agenten"}, {"openbaar vervoer", "reizigers"}},
		nouns: []string{"gemeenteraad", "wethouder", "burgemeester", "provincie", "woningmarkt", "huur", "onderwijs",
			"zorg", "verkeer", "weer", "storm", "dijk", "asielzoekers", "rechtbank", "politie"},
		mix: []int{kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kQuote, kQuote, kRole,
			kNumber, kNumber, kDate},
	},
	{
		section: "Sport", weight: 10,
		events:  []string{"een recordaantal bij %s", "onrust bij %s", "een nieuwe trainer voor %s"},
		sectors: []sector{{"voetbalclubs", "toeschouwers"}, {"schaatsbonden", "deelnemers"}, {"tennistoernooien", "bezoekers"}},
		nouns: []string{"wedstrijd", "competitie", "kampioenschap", "seizoen", "trainer", "ploeg", "doelpunt",
			"finale", "toernooi", "supporters", "stadion", "transfer"},
		mix: []int{kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kFiller, kQuote, kQuote, kRole, kNumber,
			kNumber},
	},
}

// sectors are the cyber topic's: the ones questions ask about.
var sectors = topics[0].sectors

var months = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
	"september", "oktober", "november", "december"}

var places = []string{"DEN HAAG", "BRUSSEL", "WASHINGTON", "LONDEN", "PEKING", "MOSKOU", "BERLIJN",
	"PARIJS", "AMSTERDAM", "ROTTERDAM", "TOKIO", "KIEV"}

// Filler vocabulary: real Dutch newsroom words; the long tail comes from
// pseudoWord.
var (
	nouns = []string{"onderzoek", "kabinet", "regering", "overheid", "parlement", "verklaring", "maatregel",
		"sanctie", "rapport", "analyse", "beveiliging", "kwetsbaarheid", "netwerk", "software", "update",
		"infrastructuur", "economie", "markt", "begroting", "wet", "voorstel", "debat", "oppositie",
		"coalitie", "verkiezing", "campagne", "veiligheid", "dreiging", "inlichtingen", "dienst", "experts",
		"slachtoffers", "schade", "herstel", "bedrijven", "burgers", "instanties", "toezichthouder", "rechter",
		"aanklager", "politie", "bewijs", "sporen", "server", "wachtwoord", "systeem", "storing", "leverancier",
		"ketting", "haven", "energie", "gas", "stroom", "prijzen", "inflatie", "rente", "werkgelegenheid",
		"onderwijs", "zorg", "ziekenhuis", "gemeente", "provincie", "minister", "woordvoerder", "top",
		"bijeenkomst", "akkoord", "overeenkomst", "handel", "export", "import", "chips", "technologie",
		"toekomst", "jaar", "week", "maand", "nacht", "ochtend", "middag", "land", "landen", "wereld", "regio",
		"grens", "leger", "oefening", "conflict", "oorlog", "vrede", "gesprek", "onderhandelingen", "crisis"}
	adjectives = []string{"nieuwe", "grote", "belangrijke", "ernstige", "digitale", "kritieke", "vitale",
		"internationale", "nationale", "Europese", "gevoelige", "vertrouwelijke", "snelle", "forse", "lange",
		"eerste", "laatste", "mogelijke", "verdere", "zware", "politieke", "economische", "militaire"}
	verbs = []string{"onderzoekt", "bespreekt", "waarschuwt voor", "kondigt", "verwacht", "meldt", "erkent",
		"analyseert", "publiceert", "volgt", "bestudeert", "bekijkt", "evalueert", "vreest", "steunt",
		"verbetert", "versterkt", "herstelt", "vervangt", "controleert"}
	adverbs = []string{"donderdag", "dinsdag", "maandag", "woensdag", "vrijdag", "zaterdag", "zondag",
		"vorige week", "eerder dit jaar", "opnieuw", "inmiddels", "nog altijd", "vooral", "ook", "al",
		"volgens ingewijden", "naar verluidt"}
	syllables = []string{"ver", "ont", "be", "ge", "over", "onder", "aan", "door", "in", "uit", "toe",
		"werk", "land", "staat", "zorg", "recht", "plan", "markt", "net", "stroom", "data", "dienst",
		"raad", "wacht", "post", "lijn", "punt", "kracht", "bouw", "veld", "huis", "weg", "brug", "stad"}
	suffixes = []string{"ing", "heid", "schap", "en", "er", "ers", "lijk", "baar", "st", "te", "de", "elijk"}
)

// pseudoWord is the i-th word of the long tail of the vocabulary: Dutch-
// looking compounds that real archives have in their thousands.
func pseudoWord(i int) string {
	a := syllables[i%len(syllables)]
	b := syllables[(i/len(syllables))%len(syllables)]
	c := suffixes[(i/(len(syllables)*len(syllables)))%len(suffixes)]
	d := ""
	if n := i / (len(syllables) * len(syllables) * len(suffixes)); n > 0 {
		d = syllables[n%len(syllables)]
	}
	return d + a + b + c
}
