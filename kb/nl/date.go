package nl

import (
	"strings"
)

// DateMention is a date or a time expression a text mentions: "3 maart
// 2021", "eind 2023", "donderdag", "vorige week". Parts that the text does
// not give are 0; relative expressions ("gisteren", "eerder dit jaar") and
// weekdays on their own have only Text, Start and End.
type DateMention struct {
	Text  string // verbatim, with a qualifier such as "begin", "eind", "sinds" or "tussen"
	Year  int    // 0 if unknown
	Month int    // 1-12, 0 if unknown
	Day   int    // 1-31, 0 if unknown
	Start int    // byte offset of Text in the string
	End   int    // byte offset after Text
}

// months maps folded Dutch and English month names and their common
// abbreviations to the month number.
var months = map[string]int{
	"januari": 1, "january": 1, "jan": 1,
	"februari": 2, "february": 2, "feb": 2, "febr": 2,
	"maart": 3, "march": 3, "mrt": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"augustus": 8, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// monthAbbreviations are the entries of months that are abbreviations,
// which count only with a dot or a day or year beside them ("Jan" is a name).
var monthAbbreviations = setOf(
	"jan", "feb", "febr", "mrt", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "okt", "oct", "nov", "dec",
)

// englishMonths are the month names that are also common English words
// ("may", "march"), which count only with a day or year beside them.
var englishMonths = setOf(
	"january", "february", "march", "may", "june", "july", "august",
	"october",
)

// weekdays are the folded Dutch and English names of the days of the week.
var weekdays = setOf(
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
	"zondag", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday",
)

// dayParts may follow a weekday in one word: "dinsdagavond".
var dayParts = []string{"ochtend", "morgen", "middag", "avond", "nacht"}

// dateQualifiers stand before a month or a year and belong to the mention:
// "begin december", "eind 2023", "sinds 2006".
var dateQualifiers = setOf(
	"begin", "eind", "einde", "half", "medio", "midden", "sinds", "vanaf",
	"tussen", "voorjaar", "najaar", "zomer", "winter", "herfst", "lente",
	"early", "late", "mid", "since",
)

// relativeDates are relative time expressions of one to three folded words.
var relativeDates = setOf(
	"gisteren", "eergisteren", "vandaag", "morgen", "overmorgen", "vanochtend",
	"vanmorgen", "vanmiddag", "vanavond", "vannacht", "gisteravond",
	"gisterenavond", "gisterochtend", "gistermiddag", "gisternacht",
	"vorige week", "vorige maand", "vorig jaar", "vorige jaar", "vorig weekend",
	"afgelopen week", "afgelopen maand", "afgelopen jaar", "afgelopen weekend",
	"afgelopen zomer", "afgelopen nacht", "deze week", "deze maand",
	"dit jaar", "dit weekend", "volgende week", "volgende maand",
	"volgend jaar", "eerder dit jaar", "later dit jaar", "eerder deze week",
	"later deze week", "eerder deze maand", "later deze maand",
	"begin dit jaar", "eind dit jaar", "eind vorig jaar", "begin vorig jaar",
	"yesterday", "today", "tomorrow", "last week", "last month", "last year",
	"this year", "earlier this year", "next week", "next year",
)

// relativeFirst holds the first words of relativeDates, so that Dates
// builds phrases only where one may start.
var relativeFirst = func() map[string]struct{} {
	m := map[string]struct{}{}
	for p := range relativeDates {
		first, _, _ := strings.Cut(p, " ")
		m[first] = struct{}{}
	}
	return m
}()

// agoUnits are the units of "twee weken geleden".
// holidays are the days news dates events by, with their month and day;
// moving feasts (Pasen, Pinksteren) have none.
var holidays = map[string][2]int{
	"eerste kerstdag": {12, 25}, "tweede kerstdag": {12, 26}, "kerstavond": {12, 24}, "kerstdag": {12, 25},
	"kerstmis": {12, 25}, "kerst": {12, 25}, "oudejaarsavond": {12, 31}, "oudejaarsdag": {12, 31},
	"oudjaarsavond": {12, 31}, "nieuwjaarsdag": {1, 1}, "nieuwjaarsnacht": {1, 1}, "koningsdag": {4, 27},
	"bevrijdingsdag": {5, 5}, "dodenherdenking": {5, 4}, "pakjesavond": {12, 5}, "sinterklaasavond": {12, 5},
	"valentijnsdag": {2, 14}, "prinsjesdag": {9, 0}, "pasen": {}, "pinksteren": {}, "hemelvaartsdag": {},
	"christmas": {12, 25}, "kerstweekend": {12, 0}, "kerstvakantie": {12, 0}, "zomervakantie": {7, 0},
}

var agoUnits = setOf("dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaren", "uur", "eeuw", "decennia")

// MonthNumber returns the number (1-12) of the month a folded Dutch or
// English month name or abbreviation names ("maart", "mrt", "march"), or 0.
func MonthNumber(norm string) int {
	return months[norm]
}

// Dates returns the dates and time expressions mentioned in s, in order and
// without overlap: "3 maart", "dinsdag 4 juni 2024", "maart 2021", "begin
// december", "eind 2023", "sinds 2006", "2021-07-19", "19-07-2021",
// "2021-07", "19/7/2021", "March 3, 2021", a weekday alone ("donderdag",
// all parts 0) and relative expressions ("gisteren", "vorige week", "eerder
// dit jaar", "twee weken geleden": all parts 0). A bare month counts when it
// is a Dutch name; month abbreviations need a dot, a day or a year. Years
// from 1900 to 2100 count when a preposition such as "in" or "sinds" stands
// before them or no noun follows them ("2000 servers" is an amount, and so
// is "tot 2000 euro"). Each year of "in 2022 en 2023" and "tussen 2011 en
// 2018" is a mention of its own; "tussen" belongs to the first.
func Dates(s string) []DateMention {
	toks := Tokens(s)
	var out []DateMention
	for i := 0; i < len(toks); {
		d, next, ok := dateAt(s, toks, i)
		if !ok {
			i++
			continue
		}
		d.Text = s[d.Start:d.End]
		out = append(out, d)
		i = next
	}
	return out
}

// dateAt reads a date mention starting at toks[i] and returns it with the
// index of the token after it.
func dateAt(s string, toks []Token, i int) (DateMention, int, bool) {
	if d, next, ok := relativeDateAt(s, toks, i); ok {
		return d, next, true
	}
	if d, next, ok := holidayAt(s, toks, i); ok {
		return d, next, true
	}
	if d, next, ok := agoAt(s, toks, i); ok {
		return d, next, true
	}
	// Numeric dates in one token: "2021-07-19", "19-07-2021".
	if d, ok := numericDate(toks[i].Text); ok {
		d.Start, d.End = toks[i].Start, toks[i].End
		return d, i + 1, true
	}
	if d, next, ok := slashDateAt(s, toks, i); ok {
		return d, next, true
	}
	return calendarDateAt(s, toks, i)
}

// adjacentNext reports whether a token follows toks[j] with only white
// space and the bytes in extra between them.
func adjacentNext(s string, toks []Token, j int, extra string) bool {
	return j+1 < len(toks) && adjacent(s, toks[j], toks[j+1], extra)
}

// relativeDateAt reads a relative expression of one to three words
// starting at toks[i], longest first: "gisteren", "vorige week", "eerder
// dit jaar".
func relativeDateAt(s string, toks []Token, i int) (DateMention, int, bool) {
	t := toks[i]
	_, maybeRelative := relativeFirst[t.Norm]
	for n := 3; maybeRelative && n >= 1; n-- {
		if i+n > len(toks) {
			continue
		}
		phrase := t.Norm
		ok := true
		for k := 1; k < n; k++ {
			if !adjacentNext(s, toks, i+k-1, "") {
				ok = false
				break
			}
			phrase += " " + toks[i+k].Norm
		}
		if !ok {
			continue
		}
		if _, rel := relativeDates[phrase]; rel {
			return DateMention{Start: t.Start, End: toks[i+n-1].End}, i + n, true
		}
	}
	return DateMention{}, 0, false
}

// holidayAt reads a holiday of one or two words starting at toks[i], with
// the year after it if there is one: "eerste kerstdag", "Koningsdag 2024".
func holidayAt(s string, toks []Token, i int) (DateMention, int, bool) {
	t := toks[i]
	for n := 2; n >= 1; n-- {
		if i+n > len(toks) || n == 2 && !adjacentNext(s, toks, i, "") {
			continue
		}
		phrase := t.Norm
		if n == 2 {
			phrase += " " + toks[i+1].Norm
		}
		h, ok := holidays[phrase]
		if !ok {
			continue
		}
		d := DateMention{Month: h[0], Day: h[1], Start: t.Start, End: toks[i+n-1].End}
		next := i + n
		if next < len(toks) && adjacent(s, toks[next-1], toks[next], "") && isYear(toks[next].Text) {
			d.Year, d.End = atoi(toks[next].Text), toks[next].End
			next++
		}
		return d, next, true
	}
	return DateMention{}, 0, false
}

// agoAt reads "twee weken geleden", "3 jaar geleden" and "een week
// geleden" starting at toks[i].
func agoAt(s string, toks []Token, i int) (DateMention, int, bool) {
	t := toks[i]
	if i+2 < len(toks) && toks[i+2].Norm == "geleden" && adjacentNext(s, toks, i, "") && adjacentNext(s, toks, i+1, "") {
		if _, ok := agoUnits[toks[i+1].Norm]; ok {
			if _, _, isNum := tokenValue(s, toks, i); isNum || t.Norm == "een" {
				return DateMention{Start: t.Start, End: toks[i+2].End}, i + 3, true
			}
		}
	}
	return DateMention{}, 0, false
}

// slashDateAt reads "19/7/2021" and "19/7" starting at toks[i].
func slashDateAt(s string, toks []Token, i int) (DateMention, int, bool) {
	t := toks[i]
	if isDigits(t.Text) && i+1 < len(toks) && t.End < len(s) && s[t.End] == '/' && toks[i+1].Start == t.End+1 && isDigits(toks[i+1].Text) {
		day, month := atoi(t.Text), atoi(toks[i+1].Text)
		if validDay(day) && month >= 1 && month <= 12 {
			d := DateMention{Day: day, Month: month, Start: t.Start, End: toks[i+1].End}
			next := i + 2
			if next < len(toks) && d.End < len(s) && s[d.End] == '/' && toks[next].Start == d.End+1 && isDigits(toks[next].Text) {
				d.Year = fullYear(atoi(toks[next].Text), len(toks[next].Text))
				d.End = toks[next].End
				next++
			}
			return d, next, true
		}
	}
	return DateMention{}, 0, false
}

// calendarDateAt reads a date by its day, month or year starting at
// toks[i], after a weekday or a qualifier if one stands there: "dinsdag 4
// juni 2024", "begin december", "maart 2021", "sinds 2006"; or a weekday
// alone.
func calendarDateAt(s string, toks []Token, i int) (DateMention, int, bool) {
	t := toks[i]
	start, j := t.Start, i
	// A weekday: alone, or before a day and month.
	if weekday(t.Norm) {
		if j+2 < len(toks) && adjacentNext(s, toks, j, "") && isDayNumber(toks[j+1].Text) && adjacentNext(s, toks, j+1, ".") && MonthNumber(toks[j+2].Norm) > 0 {
			j++
		} else {
			return DateMention{Start: t.Start, End: t.End}, i + 1, true
		}
	}
	// A qualifier: "begin december", "eind 2023", "sinds 2006".
	if _, ok := dateQualifiers[toks[j].Norm]; ok && adjacentNext(s, toks, j, "") {
		next := toks[j+1]
		dayMonth := isDayNumber(next.Text) && j+2 < len(toks) && adjacentNext(s, toks, j+1, ".") && MonthNumber(toks[j+2].Norm) > 0
		if MonthNumber(next.Norm) > 0 || isYear(next.Text) || dayMonth {
			j++
		}
	}
	// Day month [year]: "3 maart", "4 juni 2024", "3 okt. 2023".
	if isDayNumber(toks[j].Text) && adjacentNext(s, toks, j, ".") && MonthNumber(toks[j+1].Norm) > 0 && !partOfCode(s, toks[j]) {
		return dayMonthAt(s, toks, j, start)
	}
	// Month [day,] [year]: "maart 2021", "March 3, 2021", "in maart".
	if m := MonthNumber(toks[j].Norm); m > 0 {
		return monthDateAt(s, toks, j, m, start)
	}
	// A year: after a preposition or qualifier, or with no noun after it.
	if j > i && isYear(toks[j].Text) || yearAt(s, toks, j, j > 0 && isApproxBefore(toks[j-1].Norm)) {
		return DateMention{Year: atoi(toks[j].Text), Start: start, End: toks[j].End}, j + 1, true
	}
	return DateMention{}, 0, false
}

// dayMonthAt reads a day and month, and the year after them if there is
// one, from the day at toks[j]; the mention begins at byte start.
func dayMonthAt(s string, toks []Token, j, start int) (DateMention, int, bool) {
	var d DateMention
	d.Day, d.Month = atoi(toks[j].Text), MonthNumber(toks[j+1].Norm)
	d.Start, d.End = start, monthEnd(s, toks[j+1])
	next := j + 2
	if next < len(toks) && adjacent(s, toks[j+1], toks[next], ".,") && isYear(toks[next].Text) {
		d.Year, d.End = atoi(toks[next].Text), toks[next].End
		next++
	}
	return d, next, true
}

// monthDateAt reads month m at toks[j], with the day and year or the year
// after it if they are there; the mention begins at byte start. An English
// month or an abbreviation without a dot on its own is no mention.
func monthDateAt(s string, toks []Token, j, m, start int) (DateMention, int, bool) {
	var d DateMention
	d.Month, d.Start, d.End = m, start, monthEnd(s, toks[j])
	next := j + 1
	if next < len(toks) && adjacentNext(s, toks, j, ".") && isDayNumber(toks[next].Text) && !isYear(toks[next].Text) {
		after := next + 1
		if after < len(toks) && adjacent(s, toks[next], toks[after], ",") && isYear(toks[after].Text) {
			d.Day, d.Year, d.End = atoi(toks[next].Text), atoi(toks[after].Text), toks[after].End
			return d, after + 1, true
		}
		if _, en := englishMonths[toks[j].Norm]; en {
			d.Day, d.End = atoi(toks[next].Text), toks[next].End
			return d, next + 1, true
		}
	}
	if next < len(toks) && adjacentNext(s, toks, j, ".") && isYear(toks[next].Text) {
		d.Year, d.End = atoi(toks[next].Text), toks[next].End
		return d, next + 1, true
	}
	_, abbr := monthAbbreviations[toks[j].Norm]
	_, en := englishMonths[toks[j].Norm]
	if en || (abbr && d.End == toks[j].End) {
		return DateMention{}, 0, false // "may", "march" and "Jan" alone are words
	}
	return d, next, true
}

// isApproxBefore reports whether w is a qualifier that makes the number
// after it an amount ("ca. 2000", "ruim 2000") rather than a year.
func isApproxBefore(w string) bool {
	switch w {
	case "ca", "circa", "ruim", "bijna", "ongeveer", "zeker", "zo'n", "minstens":
		return true
	}
	return false
}

// prevNorm returns the folded token right before toks[j], or "" if there is
// none or something other than white space stands between.
func prevNorm(s string, toks []Token, j int) string {
	if j == 0 || !adjacent(s, toks[j-1], toks[j], "") {
		return ""
	}
	return toks[j-1].Norm
}

// monthEnd returns the end of a month token, with the dot of an
// abbreviation ("okt.").
func monthEnd(s string, t Token) int {
	if _, abbr := monthAbbreviations[t.Norm]; abbr && t.End < len(s) && s[t.End] == '.' {
		return t.End + 1
	}
	return t.End
}

// weekday reports whether w is a weekday, also with a part of the day
// ("dinsdagavond").
func weekday(w string) bool {
	if _, ok := weekdays[w]; ok {
		return true
	}
	for _, p := range dayParts {
		if base, ok := strings.CutSuffix(w, p); ok {
			if _, ok := weekdays[base]; ok {
				return true
			}
		}
	}
	return false
}

// numericDate parses "2021-07-19", "19-07-2021" and "2021-07".
func numericDate(w string) (DateMention, bool) {
	a, rest, ok1 := strings.Cut(w, "-")
	b, c, ok2 := strings.Cut(rest, "-")
	if ok1 && !ok2 && len(a) == 4 && isYear(a) && len(rest) == 2 && isDigits(rest) {
		// "2021-07", a year and a month.
		if m := atoi(rest); m >= 1 && m <= 12 {
			return DateMention{Year: atoi(a), Month: m}, true
		}
	}
	if !ok1 || !ok2 || !isDigits(a) || !isDigits(b) || !isDigits(c) {
		return DateMention{}, false
	}
	parts := [3]string{a, b, c}
	var d DateMention
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		d.Year, d.Month, d.Day = atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && len(parts[2]) == 4:
		d.Day, d.Month, d.Year = atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
	default:
		return DateMention{}, false
	}
	if d.Month < 1 || d.Month > 12 || !validDay(d.Day) || d.Year < 1000 {
		return DateMention{}, false
	}
	return d, true
}

// isYear reports whether w is a year from 1900 to 2100 in four digits.
func isYear(w string) bool {
	if len(w) != 4 || !isDigits(w) {
		return false
	}
	y := atoi(w)
	return y >= 1900 && y <= 2100
}

// isDayNumber reports whether w is a day of the month in one or two digits.
func isDayNumber(w string) bool {
	return len(w) <= 2 && isDigits(w) && validDay(atoi(w))
}

// validDay reports whether d can be a day of a month.
func validDay(d int) bool { return d >= 1 && d <= 31 }

// fullYear turns a two-digit year into a four-digit one ("21" → 2021).
func fullYear(y, digits int) int {
	if digits == 2 {
		if y < 70 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

// atoi parses a short run of ASCII digits; callers check isDigits first.
func atoi(w string) int {
	n := 0
	for i := 0; i < len(w) && i < 9; i++ {
		n = n*10 + int(w[i]-'0')
	}
	return n
}
