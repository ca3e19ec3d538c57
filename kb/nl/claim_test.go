package nl

import (
	"strings"
	"testing"
)

// claimString renders a claim as "relation: agents > targets | about".
func claimString(c Claim) string {
	return string(c.Relation) + ": " + entityNames(c.Agents) + " > " + entityNames(c.Targets) + " | " + c.About
}

// entityNames joins the names of es with commas.
func entityNames(es []Entity) string {
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.Name
	}
	return strings.Join(names, ",")
}

// lastClaims analyses an article and returns the claims of its last sentence.
func lastClaims(t *testing.T, sentences []string) []string {
	t.Helper()
	as := testRecognizer.Analyze(sentences)
	var got []string
	for _, c := range as[len(as)-1].Claims {
		got = append(got, claimString(c))
	}
	return got
}

func TestClaims(t *testing.T) {
	tests := []struct {
		name      string
		sentences []string // the claims of the last one are checked
		want      []string
	}{
		{"headline source before a colon", []string{"Britse regering: China zit achter hack van kiescommissie"},
			[]string{"accuse: Verenigd Koninkrijk > China | hack van kiescommissie"}},
		{"respectievelijk pairs in order", []string{"België en Duitsland beschuldigen respectievelijk China en Rusland van cyberaanvallen."},
			[]string{"accuse: België > China | van cyberaanvallen", "accuse: Duitsland > Rusland | van cyberaanvallen"}},
		{"separable aanwijzen in a headline", []string{"Analyse: na de hack wijst Nederland Rusland zonder aarzelen aan"},
			[]string{"accuse: Nederland > Rusland | zonder aarzelen"}},
		{"stelt dat X verantwoordelijk is", []string{"Nederland stelt dat China verantwoordelijk is voor de hack."},
			[]string{"accuse: Nederland > China | voor de hack"}},
		{"het kabinet is the Dutch government", []string{"Het kabinet houdt China verantwoordelijk voor de hack."},
			[]string{"accuse: Nederland > China | voor de hack"}},
		{"sanctions accuse their target", []string{"De Verenigde Staten legden sancties op aan Rusland vanwege de hack."},
			[]string{"accuse: Verenigde Staten > Rusland | "}},
		{"van de hand wijzen is a denial", []string{"De Russische ambassade wijst de beschuldigingen van de hand."},
			[]string{"deny: Rusland >  | "}},
		{"a state's mission denies for the state", []string{"De Iraanse missie bij de VN ontkent elke betrokkenheid."},
			[]string{"deny: Iran >  | "}},
		{"researchers of a state accuse for its side", []string{"Volgens Chinese onderzoekers zit de NSA achter de aanvallen."},
			[]string{"accuse: China > NSA | de aanvallen"}},
		{"suspicion is an accusation", []string{"De Amerikaanse overheid verdenkt Iran van de aanval."},
			[]string{"accuse: Verenigde Staten > Iran | van de aanval"}},
		{"volgens X is Y verantwoordelijk", []string{"Volgens de Britse regering is de Russische militaire inlichtingendienst GRU verantwoordelijk."},
			[]string{"accuse: Verenigd Koninkrijk > GRU | "}},
		{"wijten aan", []string{"Microsoft wijt de aanval aan Chinese staatshackers."},
			[]string{"accuse: Microsoft > China | de aanval"}},
		{"indictments against", []string{"De VS hebben aanklachten ingediend tegen vijf Chinese hackers."},
			[]string{"accuse: Verenigde Staten > China | tegen vijf Chinese hackers"}},
		{"het werk van, aldus X", []string{"De aanval is het werk van Noord-Koreaanse hackers, aldus Google."},
			[]string{"accuse: Google > Noord-Korea | van Noord-Koreaanse hackers"}},
		{"a state's hackers as the subject of achter zitten", []string{"Polen zegt dat Russische hackers achter de aanval zitten."},
			[]string{"accuse: Polen > Rusland | de aanval"}},
		{"calling accusations absurd is a denial", []string{"Het Kremlin noemt de beschuldigingen absurd."},
			[]string{"deny: Rusland >  | "}},
		{"weerspreken is a denial", []string{"China weerspreekt de beschuldigingen."},
			[]string{"deny: China >  | "}},
		{"coordination and Five Eyes", []string{"De EU, de NAVO, de VS en de '5 eyes'-landen stellen Rusland verantwoordelijk voor de sabotage van kabels."},
			[]string{"accuse: Europese Unie,NAVO,Verenigde Staten,Five Eyes > Rusland | voor de sabotage van kabels"}},
		{"inversion after Zo", []string{"Zo beschuldigt de Nederlandse regering Sandworm van aanvallen op energiebedrijven."},
			[]string{"accuse: Nederland > Sandworm | van aanvallen op energiebedrijven"}},
		{"inversion after a time word", []string{"Donderdag beschuldigde de AIVD Iran van spionage bij Nederlandse universiteiten."},
			[]string{"accuse: AIVD > Iran | van spionage bij Nederlandse universiteiten"}},
		{"Behalve ... ook", []string{"Behalve de VS en het VK houden ook Duitsland en Frankrijk Rusland verantwoordelijk voor de hack."},
			[]string{"accuse: Verenigde Staten,Verenigd Koninkrijk,Duitsland,Frankrijk > Rusland | voor de hack"}},
		{"Naast ... ook", []string{"Naast Canada beschuldigen ook Japan en Australië Noord-Korea van cryptodiefstal."},
			[]string{"accuse: Canada,Japan,Australië > Noord-Korea | van cryptodiefstal"}},
		{"passive with door", []string{"Iran wordt door Israël beschuldigd van een cyberaanval op waterbedrijven."},
			[]string{"accuse: Israël > Iran | van een cyberaanval op waterbedrijven"}},
		{"passive with door after", []string{"China werd donderdag beschuldigd door de Britse regering."},
			[]string{"accuse: Verenigd Koninkrijk > China | "}},
		{"passive without door", []string{"Rusland wordt al jaren beschuldigd van desinformatie."},
			[]string{"accuse:  > Rusland | van desinformatie"}},
		{"passive verantwoordelijk gehouden", []string{"Noord-Korea wordt verantwoordelijk gehouden voor de hack bij Sony."},
			[]string{"accuse:  > Noord-Korea | voor de hack bij Sony"}},
		{"volgens gives the agent", []string{"Volgens de MIVD zit Rusland achter de verstoring van gps-signalen."},
			[]string{"accuse: MIVD > Rusland | de verstoring van gps-signalen"}},
		{"volgens with cue word", []string{"Volgens beveiligingsbedrijf Mandiant is APT44 verantwoordelijk voor de aanval."},
			[]string{"accuse: Mandiant > APT44 | voor de aanval"}},
		{"separable aanrekenen", []string{"De Europese Unie en Canada rekenen Rusland de aanval op het satellietnetwerk aan."},
			[]string{"accuse: Europese Unie,Canada > Rusland | de aanval op het satellietnetwerk"}},
		{"separable aanspreken", []string{"Ook de NAVO spreekt de regering in Moskou aan op de sabotage."},
			[]string{"accuse: NAVO > Rusland | op de sabotage"}},
		{"wijzen naar", []string{"Microsoft wees al snel naar Chinese hackers."},
			[]string{"accuse: Microsoft > China | naar Chinese hackers"}},
		{"gelinkt aan, reported", []string{"Het NCSC zei eerder al dat de aanvallen aan Iran konden worden gelinkt."},
			[]string{"accuse: NCSC > Iran | "}},
		{"toeschrijven aan", []string{"Google schrijft de phishingcampagne toe aan APT42."},
			[]string{"accuse: Google > APT42 | de phishingcampagne"}},
		{"ter verantwoording roepen in a dat-clause", []string{"Een ingewijde zei tegen persbureau Reuters dat Duitsland en Polen Wit-Rusland ter verantwoording zouden roepen."},
			[]string{"accuse: Duitsland,Polen > Wit-Rusland | "}},
		{"veroordelen", []string{"Japan veroordeelt de raketlancering door Noord-Korea."},
			[]string{"accuse: Japan > Noord-Korea | "}},
		{"victims after van are no agents", []string{"Hackers stalen gegevens van medewerkers van de Amerikaanse marine, en de VS beschuldigen China."},
			[]string{"accuse: Verenigde Staten > China | "}},
		{"Microsoft Exchange is a product", []string{"Via een lek in Microsoft Exchange beschuldigt de FBI Hafnium van spionage."},
			[]string{"accuse: FBI > Hafnium | van spionage"}},
		{"negation", []string{"Hongarije beschuldigt China niet van de hack."}, nil},
		{"media that report are no accusers", []string{"Rusland zit volgens Reuters achter de aanval."},
			[]string{"accuse:  > Rusland | de aanval"}},
		{"deny", []string{"Het Kremlin ontkent elke betrokkenheid bij de aanval."},
			[]string{"deny: Rusland >  | "}},
		{"deny answers an accuser", []string{"Peking verwerpt de beschuldigingen van de Verenigde Staten."},
			[]string{"deny: China > Verenigde Staten | "}},
		{"deny ongegrond via volgens", []string{"Volgens het Iraanse ministerie van Buitenlandse Zaken zijn de beschuldigingen ongegrond."},
			[]string{"deny: Iraanse ministerie van Buitenlandse Zaken >  | "}},
		{"deny niets mee te maken", []string{"Noord-Korea zegt niets met de diefstal te maken te hebben."},
			[]string{"deny: Noord-Korea >  | "}},
		{"deny by the companies just named", []string{
			"De Chinese bedrijven Huawei en ZTE leveren apparatuur aan telecomproviders.",
			"De desbetreffende bedrijven ontkennen banden met de Chinese overheid."},
			[]string{"deny: Huawei,ZTE >  | "}},
		{"support bijval van", []string{"De Amerikanen krijgen bijval van bondgenoten als Japan, Canada en Nederland."},
			[]string{"support: Japan,Canada,Nederland > Verenigde Staten | "}},
		{"support sluiten zich aan bij", []string{"België en Luxemburg sluiten zich aan bij Nederland."},
			[]string{"support: België,Luxemburg > Nederland | "}},
		{"support steunen", []string{"Polen steunt Oekraïne met extra luchtverdediging."},
			[]string{"support: Polen > Oekraïne | "}},
		{"attribute werken voor", []string{"APT40 en APT31 werken voor de Chinese veiligheidsdiensten."},
			[]string{"attribute: APT40,APT31 > China | "}},
		{"attribute loonlijst", []string{"De hackers van Turla stonden op de loonlijst van de FSB."},
			[]string{"attribute: Turla > FSB | "}},
		{"attribute with a pronoun subject", []string{
			"De daders zitten in hackersgroep Kimsuky.",
			"Die werkt in opdracht van de Noord-Koreaanse overheid."},
			[]string{"attribute: Kimsuky > Noord-Korea | "}},
		{"attribute gelieerd aan", []string{"Sandworm is gelieerd aan de GRU."},
			[]string{"attribute: Sandworm > GRU | "}},
		{"deze landen", []string{
			"Naast de VS hebben ook het VK, Canada en Australië een verklaring gepubliceerd.",
			"Deze landen veroordelen het cybergedrag van Rusland."},
			[]string{"accuse: Verenigd Koninkrijk,Canada,Australië > Rusland | van Rusland"}},
		{"de bondgenoten", []string{
			"Frankrijk, Duitsland en Italië overleggen in Brussel.",
			"De bondgenoten beschuldigen Iran van wapenleveranties."},
			[]string{"accuse: Frankrijk,Duitsland,Italië > Iran | van wapenleveranties"}},
		{"het land in the same sentence", []string{"De Britten noemen China bij naam en beschuldigen het land van spionage."},
			[]string{"accuse: Verenigd Koninkrijk > China | van spionage"}},
		{"perfect tense, verb last", []string{"De VS, de EU en Japan hebben gezamenlijk Rusland beschuldigd van de aanval."},
			[]string{"accuse: Verenigde Staten,Europese Unie,Japan > Rusland | van de aanval"}},
		{"spreken zich uit tegen", []string{"De G7 spreekt zich uit tegen de cyberaanvallen van Iran."},
			[]string{"accuse: G7 > Iran | tegen de cyberaanvallen van Iran"}},
		{"no trigger", []string{"De VS en China praten over handel."}, nil},
		{"de schuld geven", []string{"Oekraïne geeft Rusland de schuld van de stroomstoring."},
			[]string{"accuse: Oekraïne > Rusland | van de stroomstoring"}},
		{"aanklagen", []string{"Het Amerikaanse ministerie van Justitie klaagt APT41 aan wegens spionage."},
			[]string{"accuse: Amerikaanse ministerie van Justitie > APT41 | wegens spionage"}},
		{"uithalen naar", []string{"Premier Dick Schoof haalt fel uit naar Rusland na de sabotage."},
			[]string{"accuse: Dick Schoof > Rusland | naar Rusland na de sabotage"}},
		{"in verband brengen met", []string{"Onderzoekers van ESET brengen de wisser in verband met Sandworm."},
			[]string{"accuse: ESET > Sandworm | "}},
		{"aanwijzen als dader", []string{"De Nederlandse regering wijst Rusland aan als dader van de aanval op MH17."},
			[]string{"accuse: Nederland > Rusland | van de aanval op MH17"}},
		{"support scharen zich achter", []string{"Ook Estland en Letland scharen zich achter Finland."},
			[]string{"support: Estland,Letland > Finland | "}},
		{"support staan achter", []string{"De Baltische staten staan volledig achter Polen."},
			[]string{"support:  > Polen | "}},
		{"attribute uit naam van", []string{"APT35 zou uit naam van de Iraanse regering opereren."},
			[]string{"attribute: APT35 > Iran | "}},
		{"zowel ... als", []string{"Zowel de VS als Groot-Brittannië beschuldigen Iran van de hack."},
			[]string{"accuse: Verenigde Staten,Verenigd Koninkrijk > Iran | van de hack"}},
		{"deny and counter-accusation", []string{"Iran ontkent betrokkenheid en beschuldigt Israël op zijn beurt van sabotage."},
			[]string{"deny: Iran >  | ", "accuse: Iran > Israël | op zijn beurt van sabotage"}},
		{"deny by an embassy", []string{"De Russische ambassade in Den Haag spreekt van \"ongefundeerde aantijgingen\"."},
			[]string{"deny: Rusland >  | "}},
		{"deny after a participle", []string{"Rusland heeft de Nederlandse beschuldigingen van cyberspionage donderdag verworpen."},
			[]string{"deny: Rusland > Nederland | "}},
		{"English names", []string{"Volgens de NATO zit Russia achter de aanvallen."},
			[]string{"accuse: NAVO > Rusland | de aanvallen"}},
		{"a state's hackers in a headline", []string{"Microsoft: Chinese staatshackers drongen binnen bij Europese ministeries"},
			[]string{"accuse: Microsoft > China | staatshackers drongen binnen bij Europese ministeries"}},
		{"a state's hackers according to a source", []string{"Volgens het Britse NCSC hebben Russische hackers het netwerk van een ziekenhuis platgelegd."},
			[]string{"accuse: NCSC-UK > Rusland | hackers het netwerk van een ziekenhuis platgelegd"}},
		{"the attack of a state's hackers", []string{"Het NCSC waarschuwt voor een nieuwe aanval van Noord-Koreaanse hackers op cryptobedrijven."},
			[]string{"accuse:  > Noord-Korea | hackers op cryptobedrijven"}},
		{"individual hackers are no state", []string{"Twee Russische hackers zijn veroordeeld voor een aanval op een bank."}, nil},
		{"hackers without an attack", []string{"Nederlandse hackers wonnen een internationale wedstrijd."}, nil},
		{"an unnamed group works for a state", []string{"Volgens Mandiant werkt de spionagegroep in opdracht van de Chinese overheid."},
			[]string{"accuse: Mandiant > China | "}},
		{"accusations called names in quotes", []string{"Het Iraanse ministerie van Buitenlandse Zaken noemde de beschuldigingen \"zionistische propaganda\"."},
			[]string{"deny: Iraanse ministerie van Buitenlandse Zaken >  | "}},
		{"a group linked to a state before its name", []string{"Het rapport noemt een aan de Chinese staat gelieerde groep genaamd Salt Typhoon."},
			[]string{"attribute: Salt Typhoon > China | "}},
		{"an unnamed group linked to a state", []string{"Volgens Microsoft gaat het om een aan de Chinese staat gelieerde groep."},
			[]string{"accuse: Microsoft > China | "}},
		{"an unnamed group backed by a state", []string{"Een door Rusland gesteunde groep viel de website aan."},
			[]string{"accuse:  > Rusland | "}},
		{"a group steered by a service", []string{"De hackersgroep Sandworm wordt aangestuurd door de Russische militaire inlichtingendienst GRU."},
			[]string{"attribute: Sandworm > GRU | "}},
		{"a named group is a group linked to a state", []string{"Volgens de diensten is Laundry Bear een aan de Russische staat gelieerde groep."},
			[]string{"attribute: Laundry Bear > Rusland | "}},
		{"support as a noun is no claim", []string{"De hackers zochten informatie over de steun aan Oekraïne."}, nil},
		{"support expressed", []string{"De NAVO betuigt haar steun aan Nederland."}, []string{"support: NAVO > Nederland | "}},
		{"people in general accuse no one", []string{"\u201cTelkens als er een computer uitvalt, wijst men naar Moskou\u201d, zegt de woordvoerder van de ambassade."}, nil},
		{"a foreign police is its state", []string{"De Duitse politie beschuldigt Rusland van de aanval."},
			[]string{"accuse: Duitsland > Rusland | van de aanval"}},
		{"coordination over an adjective", []string{"China wijst het Taiwanese leger en de Amerikaanse NSA aan als hackers."},
			[]string{"accuse: China > Taiwan,NSA | hackers"}},
		{"support for a state's accusation", []string{"Nieuw-Zeeland en Australië scharen zich achter de Britse beschuldiging."},
			[]string{"support: Nieuw-Zeeland,Australië > Verenigd Koninkrijk | "}},
		{"zich kunnen vinden in", []string{"De Zuid-Koreaanse inlichtingendienst NIS zegt zich te kunnen vinden in de conclusies van de FBI."},
			[]string{"support: NIS > FBI | "}},
		{"finding things is no support", []string{"De politie vond in de woning van de verdachte twee laptops van het ministerie."}, nil},
		{"a newspaper reporting is no accuser", []string{"Chinese hackers kregen jarenlang toegang tot een systeem van de EU, schrijft The New York Times."},
			[]string{"accuse:  > China | hackers kregen jarenlang toegang tot een systeem van de EU, schrijft The New York Times"}},
		{"the charge after ervan", []string{"China beschuldigt het Taiwanese leger ervan achter een reeks cyberaanvallen op Chinese doelwitten te zitten."},
			[]string{"accuse: China > Taiwan | achter een reeks cyberaanvallen op Chinese doelwitten te zitten"}},
		{"a group that falls under a service", []string{"De hackersgroep APT28, die onder de Russische militaire inlichtingendienst GRU valt, is actief."},
			[]string{"attribute: APT28 > GRU | "}},
		{"a named group attacked, says a source", []string{"Volgens de Duitse regering is de hackersgroep APT28 binnengedrongen in e-mailaccounts."},
			[]string{"accuse: Duitsland > APT28 | "}},
		{"a threat is an accusation", []string{"Volgens de AIVD vormt Rusland de grootste dreiging voor Nederland."},
			[]string{"accuse: AIVD > Rusland | "}},
		{"no threat is no accusation", []string{"Volgens de AIVD vormt Rusland geen dreiging voor Nederland."}, nil},
		{"calling a state a hacker", []string{"De Chinese ambassade in Canberra noemde de Verenigde Staten \"het grootste hackersimperium ter wereld\"."},
			[]string{"accuse: China > Verenigde Staten | "}},
		{"hackers from a state, in a dat-clause", []string{"De Poolse regering gaat ervan uit dat hackers uit Rusland en Belarus achter de aanval op PAP zitten."},
			[]string{"accuse: Polen > Rusland,Wit-Rusland | de aanval op PAP"}},
		{"support expressed with uit", []string{"Litouwen en Tsjechië spraken hun steun uit voor Polen."},
			[]string{"support: Litouwen,Tsjechië > Polen | "}},
		{"joining Europe's conclusions", []string{"De Verenigde Staten en het Verenigd Koninkrijk sloten zich in verklaringen aan bij de Europese conclusies."},
			[]string{"support: Verenigde Staten,Verenigd Koninkrijk > Europese Unie | "}},
		{"joining with the verb last", []string{"Het is voor het eerst dat Duitsland, Japan en Zuid-Korea zich bij een Australische attributie aansluiten."},
			[]string{"support: Duitsland,Japan,Zuid-Korea > Australië | "}},
		{"solidarity with the member state named before", []string{"Hackers vielen de Luxemburgse satellietoperator aan, zegt Luxemburg.", "De NAVO is volledig solidair met de getroffen lidstaat."},
			[]string{"support: NAVO > Luxemburg | "}},
		{"a state's deed", []string{"De NCTV waarschuwde al dat het om een Russische beïnvloedingsoperatie ging."},
			[]string{"accuse: NCTV > Rusland | Russische beïnvloedingsoperatie"}},
		{"a state's attack in war is no accusation", []string{"De Amerikaanse aanval op Irak begon in 2003."}, nil},
		{"a report's conclusion", []string{"Het Franse agentschap Viginum publiceerde een rapport, en de conclusie is helder: achter de campagne zitten Russische bedrijven."},
			[]string{"accuse: Viginum > Rusland | de campagne"}},
		{"aangewezen als de dader", []string{"Het Verenigd Koninkrijk heeft China openlijk aangewezen als de dader van de hack."},
			[]string{"accuse: Verenigd Koninkrijk > China | van de hack"}},
		{"de schuld leggen bij", []string{"Australië legt de schuld bij China."}, []string{"accuse: Australië > China | "}},
		{"betichten", []string{"Frankrijk beticht Rusland van inmenging in de verkiezingen."},
			[]string{"accuse: Frankrijk > Rusland | van inmenging in de verkiezingen"}},
		{"verwijten", []string{"Polen verwijt Rusland sabotage van het spoor."}, []string{"accuse: Polen > Rusland | sabotage van het spoor"}},
		{"a pointing finger", []string{"Tsjechië wijst met een beschuldigende vinger naar Moskou."}, []string{"accuse: Tsjechië > Rusland | naar Moskou"}},
		{"the driving force behind", []string{"Volgens de AIVD is Rusland de drijvende kracht achter de sabotage."},
			[]string{"accuse: AIVD > Rusland | de sabotage"}},
		{"who speaks of a state's deed", []string{"Japan spreekt van een Chinese cyberaanval."}, []string{"accuse: Japan > China | Chinese cyberaanval"}},
		{"condemning a state's deed", []string{"De NAVO veroordeelt de Russische cyberaanvallen op Tsjechië."},
			[]string{"accuse: NAVO > Rusland | op Tsjechië"}},
		{"a dismissive quote denies", []string{"Een woordvoerder van het Kremlin sprak van \"russofobe hysterie\"."}, []string{"deny: Rusland >  | "}},
		{"speaking of something else denies nothing", []string{"De minister sprak van \"een goede dag voor Nederland\"."}, nil},
		{"afdoen als", []string{"Moskou doet de beschuldigingen af als westerse propaganda."}, []string{"deny: Rusland >  | "}},
		{"tegenspreken", []string{"Teheran spreekt de beschuldigingen tegen."}, []string{"deny: Iran >  | "}},
		// Ordinary news that claims nothing.
		{"an election campaign", []string{"De Amerikaanse verkiezingscampagne gaat de laatste week in."}, nil},
		{"a rescue operation", []string{"Een Nederlandse reddingsoperatie bracht de bemanning aan land."}, nil},
		{"a group of researchers", []string{"Een Nederlandse groep onderzoekers kreeg toegang tot de gelekte data."}, nil},
		{"a group of students", []string{"Een groep studenten werkt voor het ministerie van Defensie."}, nil},
		{"checked by the police", []string{"De servers van de hackersgroep werden gecontroleerd door de Nederlandse politie."}, nil},
		{"an apostrophe is no quote", []string{"Het kabinet noemde de beschuldigingen tegen China's leger zeer ernstig."}, nil},
		{"a threat of ransomware", []string{"Microsoft noemt de dreiging van ransomware groot voor Nederlandse bedrijven."}, nil},
		{"worried about a threat", []string{"De AIVD is bezorgd over de dreiging van Russische sabotage."},
			[]string{"accuse:  > Rusland | Russische sabotage"}},
		{"a summit took place", []string{"De top, waar de NAVO zich over boog, vond in Polen plaats."}, nil},
		{"the ANP dateline is no agent", []string{"DEN HAAG (ANP) - Nederland en België beschuldigen Rusland van sabotage."},
			[]string{"accuse: Nederland,België > Rusland | van sabotage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lastClaims(t, tt.sentences)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Analyze(%q) claims =\n  %s\nwant\n  %s", tt.sentences[len(tt.sentences)-1], strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestReportedByNamesAccuserOfUnnamedGroupsState(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"Een hackersgroep die werkt voor de Iraanse Revolutionaire Garde heeft geprobeerd e-mailaccounts over te nemen.",
		"Dat meldt Google in een rapport.",
	})
	var got []string
	for _, c := range as[0].Claims {
		got = append(got, claimString(c))
	}
	want := "accuse: Google > Revolutionaire Garde | "
	if len(got) != 1 || got[0] != want {
		t.Errorf("claims of the first sentence = %q, want [%q]", got, want)
	}
}

func TestReportedByAfterDescriptions(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"De hack bij de politie is gepleegd door een onbekende Russische hackersgroep.",
		"Dat melden de militaire inlichtingendienst MIVD en de algemene inlichtingendienst AIVD.",
	})
	var got []string
	for _, c := range as[0].Claims {
		got = append(got, claimString(c))
	}
	want := "accuse: MIVD,AIVD > Rusland | "
	if len(got) != 1 || got[0] != want {
		t.Errorf("claims of the first sentence = %q, want [%q]", got, want)
	}
}

func TestTheCompanyNamedBefore(t *testing.T) {
	got := lastClaims(t, []string{
		"Microsoft meldde in maart al dat Exchange-servers werden aangevallen.",
		"De techgigant stelde toen al dat de Chinese hackersgroep Hafnium de lekken misbruikt zou hebben.",
	})
	want := []string{"accuse: Microsoft > Hafnium | ", "accuse: Microsoft > China | hackersgroep Hafnium de lekken misbruikt zou hebben"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims of the last sentence = %q, want %q", got, want)
	}
}

func TestTheHeadlinesSourceSpeaksForItsReport(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"AIVD: Rusland grootste dreiging, ook China en Iran actief",
		"Iran wordt in het verslag aangewezen als verantwoordelijke voor het bespioneren van dissidenten.",
		"Iran wordt al langer beschuldigd van spionage in Europa.",
	})
	var got []string
	for _, a := range as[1:] {
		for _, c := range a.Claims {
			got = append(got, claimString(c))
		}
	}
	want := []string{"accuse: AIVD > Iran | voor het bespioneren van dissidenten", "accuse:  > Iran | van spionage in Europa"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims = %q, want %q", got, want)
	}
}

func TestWhoSaysAGroupWorksForAStateAccusesBoth(t *testing.T) {
	got := lastClaims(t, []string{"Volgens het ASD werkt de groep APT40 in opdracht van het Chinese ministerie van Staatsveiligheid."})
	want := []string{"attribute: APT40 > Chinese ministerie van Staatsveiligheid | ", "accuse: ASD > APT40 | ", "accuse: ASD > Chinese ministerie van Staatsveiligheid | "}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims = %q, want %q", got, want)
	}
}

func TestZouGoesOnReportingTheSource(t *testing.T) {
	got := lastClaims(t, []string{
		"Volgens de Britse dienst GCHQ stuurde de diplomaat een reeks cyberaanvallen aan.",
		"De aanvallen zouden zijn uitgevoerd door Unit 29155, een eenheid van de Russische militaire inlichtingendienst GRU.",
	})
	want := []string{"attribute: Unit 29155 > GRU | ", "accuse: GCHQ > Unit 29155 | "}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims = %q, want %q", got, want)
	}
}

func TestReportedByNamesCoAuthors(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"Een aan Iran gelieerde hackersgroep genaamd CyberAv3ngers heeft pompen van waterbedrijven overgenomen.",
		"Dat meldt de CISA in een advisory die samen met de FBI en het Israëlische ministerie van Defensie is opgesteld.",
	})
	var got []string
	for _, c := range as[0].Claims {
		got = append(got, claimString(c))
	}
	want := []string{"attribute: CyberAv3ngers > Iran | ", "accuse: CISA,FBI,Israëlische ministerie van Defensie > Iran | "}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("claims of the first sentence = %q, want %q", got, want)
	}
}

func TestReportedByNamesAccuserOfSentenceBefore(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"De hackersgroep Sandworm zit achter de aanval op het stroomnet.",
		"Dat meldt de AIVD in een jaarrapport.",
	})
	var got []string
	for _, c := range as[0].Claims {
		got = append(got, claimString(c))
	}
	want := "accuse: AIVD > Sandworm | de aanval op het stroomnet"
	if len(got) != 1 || got[0] != want {
		t.Errorf("claims of the first sentence = %q, want [%q]", got, want)
	}
}
