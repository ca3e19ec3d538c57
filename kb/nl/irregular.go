package nl

import "strings"

// strongVerbs lists the past forms of Dutch strong and irregular verbs that
// news uses, with their infinitive. Stem maps every form to the stem of the
// infinitive, so that "stal", "stalen" and "gestolen" meet "stelen", and
// "kreeg" meets "krijgen". Compounds with a separable prefix ("binnendrong",
// "aangevallen") are handled by stripping the prefix (see strongStem).
var strongVerbs = map[string]string{}

func init() {
	for _, line := range strings.Split(strongVerbTable, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		for _, form := range f[1:] {
			strongVerbs[form] = f[0]
		}
	}
}

// strongVerbTable: infinitive, then its past singular, past plural and past
// participle forms. Forms that are mostly other words in news are left out
// ("reden" is a reason, "voeren" to carry out, "gevallen" cases, "at" English).
const strongVerbTable = `
bieden bood boden geboden
bijten beet beten gebeten
blijken bleek bleken gebleken
blijven bleef bleven gebleven
breken brak braken gebroken
brengen bracht brachten gebracht
denken dacht dachten gedacht
doen deed deden gedaan
dringen drong drongen gedrongen
drinken dronk dronken gedronken
dwingen dwong dwongen gedwongen
eten gegeten
gaan ging gingen gegaan
geven gaf gaven gegeven
glijden gleed gleden gegleden
grijpen greep grepen gegrepen
hangen hing hingen gehangen
hebben had hadden gehad
helpen hielp hielpen geholpen
heten heette heetten geheten
houden hield hielden gehouden
kiezen koos kozen gekozen
kijken keek keken gekeken
klinken klonk klonken geklonken
komen kwam kwamen gekomen
kopen kocht kochten gekocht
krijgen kreeg kregen gekregen
kunnen kon konden gekund
laten liet lieten gelaten
liegen loog logen gelogen
liggen lag lagen gelegen
lijken leek leken geleken
lopen liep liepen gelopen
moeten moest moesten gemoeten
mogen mocht mochten gemogen
nemen nam namen genomen
prijzen prees prezen geprezen
rijden reed gereden
roepen riep riepen geroepen
schieten schoot schoten geschoten
schijnen scheen schenen geschenen
schrijven schreef schreven geschreven
schuiven schoof schoven geschoven
slaan sloeg sloegen geslagen
slapen sliep sliepen geslapen
sluiten sloot sloten gesloten
spreken sprak spraken gesproken
springen sprong sprongen gesprongen
staan stond stonden gestaan
steken stak staken gestoken
stelen stal stalen gestolen
sterven stierf stierven gestorven
strijden streed streden gestreden
trekken trok trokken getrokken
vallen viel vielen
vangen ving vingen gevangen
varen gevaren
vechten vocht vochten gevochten
verbieden verbood verboden
verdwijnen verdween verdwenen
vergeten vergat vergaten
verliezen verloor verloren
vinden vond vonden gevonden
vliegen vloog vlogen gevlogen
vragen vroeg vroegen gevraagd
weten wist wisten geweten
wijzen wees wezen gewezen
winnen won wonnen gewonnen
worden werd werden geworden
zeggen zei zeiden gezegd
zenden zond zonden gezonden
zien zag zagen gezien
zijn was waren geweest
zingen zong zongen gezongen
zitten zat zaten gezeten
zoeken zocht zochten gezocht
zullen zou zouden
zwijgen zweeg zwegen gezwegen
`

// strongStem returns the infinitive of a strong verb form, with a
// separable prefix kept ("binnendrong" → "binnendringen"); ok is false for
// other words.
func strongStem(w string) (string, bool) {
	if inf, ok := strongVerbs[w]; ok {
		return inf, true
	}
	for _, p := range separablePrefixes { // "binnendrong", "aangevallen"
		rest, ok := strings.CutPrefix(w, p)
		if !ok || len(rest) < 2 {
			continue
		}
		if inf, ok := strongVerbs[rest]; ok {
			return p + inf, true
		}
	}
	return "", false
}

// IsStrongVerbForm reports whether the folded word is a past form of a
// strong or irregular verb ("stal", "kreeg", "binnendrong").
func IsStrongVerbForm(w string) bool {
	inf, ok := strongStem(w)
	return ok && inf != w
}

// Infinitive returns the infinitive of a strong verb form ("vond" →
// "vinden"), or the word itself.
func Infinitive(w string) string {
	if inf, ok := strongStem(w); ok {
		return inf
	}
	return w
}
