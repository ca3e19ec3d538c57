package nl

// stopwords are Dutch and English function words: articles, pronouns,
// prepositions, conjunctions, auxiliaries and question words. They carry no
// topic, so search leaves them out of queries.
//
// "volgens" is deliberately not a stop word: "volgens X" names the source of
// a claim, and the claim extraction and the search for "wat zegt X" need it.
// The negations "niet" and "geen" are stop words for search only; callers
// that need polarity read the tokens themselves.
var stopwords = setOf(
	// Dutch articles, pronouns and determiners.
	"de", "het", "een", "'t", "t", "deze", "dit", "die", "dat", "diens", "dezes",
	"ik", "me", "mij", "mijn", "jij", "je", "jou", "jouw", "u", "uw", "hij", "hem",
	"zijn", "zij", "ze", "haar", "wij", "we", "ons", "onze", "jullie", "hun", "hen",
	"zich", "zichzelf", "elkaar", "men", "er", "daar", "hier", "iets", "niets",
	"iemand", "niemand", "alle", "alles", "allen", "elk", "elke", "ieder", "iedere",
	"veel", "weinig", "meer", "meest", "andere", "ander", "zelf", "zulke", "zo'n",
	"zo", "welk", "welke", "wie", "wat", "waar", "wanneer", "hoe", "hoeveel",
	"waarom", "waarover", "waarmee", "waarvan", "waardoor", "waarin", "wiens",
	// Dutch prepositions and conjunctions.
	"van", "in", "op", "en", "te", "met", "voor", "aan", "om", "bij", "door",
	"naar", "over", "uit", "tot", "als", "dan", "maar", "of", "want", "dus",
	"omdat", "doordat", "terwijl", "toen", "nadat", "voordat", "zodat", "indien",
	"tijdens", "na", "onder", "boven", "tussen", "sinds", "vanaf", "via", "per",
	"tegen", "zonder", "binnen", "buiten", "achter", "naast", "langs", "rond",
	"hierbij", "daarbij", "daarom", "daarna", "daarvan", "daarmee", "daarin",
	"erbij", "ervan", "ermee", "erin", "erop", "eraan", "ervoor", "erover",
	// Dutch adverbs and particles.
	"niet", "geen", "ook", "al", "nog", "wel", "toch", "even", "nu", "reeds",
	"zeer", "erg", "heel", "echter", "alleen", "eens", "pas", "weer", "zelfs",
	"altijd", "nooit", "vaak", "soms",
	// Dutch auxiliaries and copulas.
	"is", "ben", "bent", "was", "waren", "geweest", "wezen", "wordt", "word",
	"worden", "werd", "werden", "geworden", "heeft", "heb", "hebt", "hebben",
	"had", "hadden", "gehad", "kan", "kun", "kunt", "kunnen", "kon", "konden",
	"zal", "zult", "zullen", "zou", "zouden", "moet", "moeten", "moest",
	"moesten", "mag", "mogen", "mocht", "mochten", "wil", "wilt", "willen",
	"wilde", "wilden", "doet", "doen", "deed", "deden", "gedaan", "laat", "laten",
	// English function words.
	"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from",
	"and", "or", "but", "not", "no", "as", "that", "this", "these", "those",
	"it", "its", "he", "she", "they", "them", "their", "his", "her", "we", "you",
	"i", "who", "whom", "whose", "what", "which", "when", "where", "why", "how",
	"many", "much", "is", "are", "was", "were", "be", "been", "being", "do",
	"does", "did", "has", "have", "had", "will", "would", "can", "could",
	"should", "about", "there", "any", "some",
)

// questionWords are the words that open a Dutch or English question.
var questionWords = setOf(
	"wie", "wat", "welk", "welke", "waar", "wanneer", "hoe", "hoeveel",
	"waarom", "waarover", "waarmee", "waarvan", "waardoor", "waarin", "wiens",
	"who", "whom", "whose", "what", "which", "when", "where", "why", "how",
)

// setOf makes a set of words.
func setOf(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// IsStopword reports whether the folded word is a Dutch or English function
// word that search should leave out. "volgens" is not one: it marks the
// source of a claim.
func IsStopword(norm string) bool {
	_, ok := stopwords[norm]
	return ok
}

// IsQuestionWord reports whether the folded word opens a question: wie, wat,
// welke, waar, wanneer, hoe, hoeveel, waarom and their English counterparts.
func IsQuestionWord(norm string) bool {
	_, ok := questionWords[norm]
	return ok
}
