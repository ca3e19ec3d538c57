package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxArticleBytes is the largest article file ingest accepts. News articles
// are a few kilobytes; anything this large is not one.
const MaxArticleBytes = 2 << 20

// Errors returned for files that are not articles. Callers test them with errors.Is.
var (
	ErrEmpty    = errors.New("empty article")
	ErrBinary   = errors.New("not a text file")
	ErrTooLarge = fmt.Errorf("article larger than %d MB", MaxArticleBytes>>20)
)

// Doc is an article file parsed into metadata and body text. Body is made
// of verbatim lines of the file (page furniture cut off, also a "Lees ook"
// line between paragraphs), so every sentence quoted from it stands in the
// original file.
type Doc struct {
	Name      string // file name, for messages
	Title     string
	TitleLine bool   // the title is a line of the file, not made from the URL or the body
	Untitled  bool   // the article has no title: Title is its first sentence, cut
	Date      string // "2021-07", "2021-07-19" or ""
	URL       string
	Publisher string
	Place     string // dateline place, e.g. "Brussel"
	Body      string
	Hash      string // content hash: the same text gives the same hash
}

var (
	dateMarkerRe = regexp.MustCompile(`^\s*(?i:date|datum)\s*[:=]?\s*(\d{4})-(\d{2})(?:-(\d{2}))?\b[ \t]*`)
	datelineRe   = regexp.MustCompile(`^([A-ZÀ-Ý][A-ZÀ-Ý'’.\- ]{1,40}?)\s*\(([A-Za-z][A-Za-z0-9./ ]{0,30})\)\s*[-–—]+\s*`)
	urlLineRe    = regexp.MustCompile(`^(?:Bron:\s*)?(https?://[^\s<>"]+)$`)
	pathDateRe   = regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})(?:/(\d{1,2}))?/`)
	nameDateRe   = regexp.MustCompile(`^((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?(?:[_\-. ]|$)`)
	// furnitureRe matches the heading of a trailing block that is not part
	// of the article: related links, "more from" lists, share buttons, tags.
	// Most of these words head real sections too ("Meer over de daders"),
	// so a match cuts only when what follows looks like furniture.
	furnitureRe = regexp.MustCompile(`^(?i:(?:meer|het laatste|laatste) (?:uit|over|nieuws|nieuws uit)\b|ook interessant|meest (?:gelezen|bekeken)|gerelateerde (?:artikelen|berichten)|deel dit artikel|delen:|tags?:|volg (?:ons|nos|nu\.nl)\b|related articles)`)
	// linkListRe matches the furniture headings that never head a section
	// of an article, so a bulleted list under them is a list of links.
	linkListRe = regexp.MustCompile(`^(?i:ook interessant|meest (?:gelezen|bekeken)|gerelateerde (?:artikelen|berichten)|related articles)`)
	// commentsHeadRe matches the heading of a comment section with its
	// count. Comments are sentences, so nothing after it tells them from
	// article text; it cuts only after the article has begun.
	commentsHeadRe = regexp.MustCompile(`^(?i:reacties\s*\(\d+\)|\d+ reacties)$`)
	// inlineFurnitureRe matches a line inside the article that is not part
	// of it: a link to another article, an advertisement marker.
	inlineFurnitureRe = regexp.MustCompile(`^(?i:(?:lees|bekijk|luister) (?:ook|meer|hier)\b|read more\b|advertentie$|\(advertentie\)$)`)
	// linkHeadRe matches a link line with no link of its own: the head of
	// a list of links.
	linkHeadRe = regexp.MustCompile(`^(?i:(?:lees|bekijk|luister) (?:ook|meer)|read more)\s*:?$`)
	// agoRe matches the time stamp of a wire item or a comment. A sentence
	// may start the same way ("14 dagen geleden meldde …"): see isStamp.
	agoRe = regexp.MustCompile(`^\d+ (?:uur|minuten?|min|dagen?) geleden`)
	// A bare "Reacties" heads the reactions of those involved as often as
	// a site's comments: it is furniture only when comments follow.
	bareReactionsRe = regexp.MustCompile(`^(?i:reacties?):?$`)
	// commentsRe matches the prompts of a comment section. They are whole
	// short lines: "Er zijn nog geen reacties van het ministerie" and
	// "Reageren wil de ambassade niet" are article text.
	commentsRe = regexp.MustCompile(`^(?i:(?:log ?in|inloggen|registreer)(?: (?:of|en) (?:registreer|registreren|maak een account))?(?: om (?:te reageren|een reactie (?:te )?(?:plaatsen|geven)))?|reageer(?: op dit (?:artikel|bericht))?|reageren|(?:plaats|schrijf) (?:een|je|uw) reactie|er zijn (?:nog )?geen reacties|wees de eerste (?:die reageert|om te reageren)|sorteer\b[^.]{0,30}|\d+ reacties?)[.!:]?$`)
	// bulletRe matches an item of a list in the article.
	bulletRe = regexp.MustCompile(`^[-–•*·]\s`)
)

// ParseArticle parses the text of an article file. name is the file name;
// a leading YYYY-MM or YYYY-MM-DD in it is the date of last resort.
func ParseArticle(name string, data []byte) (Doc, error) {
	d := Doc{Name: name}
	if len(data) > MaxArticleBytes {
		return d, ErrTooLarge
	}
	if isBinary(data) {
		return d, ErrBinary
	}
	text := string(data)
	if !utf8.ValidString(text) {
		// Latin-1 and Windows-1252 files are common in newsroom archives.
		text = decodeLatin1(data)
	}
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := d.cutURLAndFurniture(strings.Split(text, "\n"))
	lines = d.cutHead(lines)
	dateline := cutDateline(&d, lines)
	d.Body = strings.TrimSpace(strings.Join(lines, "\n"))
	if strings.TrimSpace(d.Body) == "" {
		return d, ErrEmpty
	}
	d.fromURL()
	if d.Date == "" {
		if m := nameDateRe.FindStringSubmatch(filepath.Base(name)); m != nil {
			d.Date = joinDate(m[1], m[2], m[3])
		}
	}
	if d.Title == "" {
		d.Title, d.Untitled = titleFromBody(d.Body), true
	}
	d.Hash = hashWithDateline(d, dateline)
	return d, nil
}

// cutURLAndFurniture takes the URL line and the page furniture off the
// lines. The trailing URL line is metadata. Some pages put it above their
// furniture, so it is looked for again once the furniture is cut.
func (d *Doc) cutURLAndFurniture(lines []string) []string {
	d.URL, lines = cutURL(lines)
	lines = cutFurniture(lines)
	if d.URL == "" {
		d.URL, lines = cutURL(lines)
	}
	if d.URL == "" {
		// Some scrapers write the URL above the article, where it would
		// be taken for the title.
		lines = trimBlank(lines)
		if len(lines) > 0 {
			if m := urlLineRe.FindStringSubmatch(strings.TrimSpace(lines[0])); m != nil {
				d.URL, lines = m[1], lines[1:]
			}
		}
	}
	return lines
}

// cutHead takes the date marker and the title line that lead the text.
func (d *Doc) cutHead(lines []string) []string {
	lines = d.cutDateMarker(trimBlank(lines))
	if len(lines) > 1 && isTitle(lines[0]) {
		d.Title = strings.TrimSpace(lines[0])
		d.TitleLine = true
		lines = trimBlank(lines[1:])
		if d.Date == "" {
			lines = d.cutDateMarker(lines)
		}
	}
	return lines
}

// cutDateMarker takes a date marker off the first line.
func (d *Doc) cutDateMarker(lines []string) []string {
	if len(lines) == 0 {
		return lines
	}
	m := dateMarkerRe.FindStringSubmatch(lines[0])
	if m == nil {
		return lines
	}
	d.Date = joinDate(m[1], m[2], m[3])
	lines[0] = lines[0][len(m[0]):]
	return trimBlank(lines)
}

// fromURL reads the publisher, the date and the title the URL gives when
// the text did not; a URL without a host is dropped.
func (d *Doc) fromURL() {
	if d.URL == "" {
		return
	}
	u, err := url.Parse(d.URL)
	if err != nil || u.Host == "" {
		d.URL = ""
		return
	}
	if d.Publisher == "" {
		d.Publisher = publisherFromHost(u.Hostname())
	}
	if d.Date == "" {
		if m := pathDateRe.FindStringSubmatch(u.Path); m != nil {
			d.Date = joinDate(m[1], pad2(m[2]), pad2(m[3]))
		}
	}
	if d.Title == "" {
		d.Title = titleFromSlug(u.Path, d.Body)
	}
}

// Datelines in their common Dutch forms: "ZWOLLE (ANP) -", "ENSCHEDE -",
// "Den Haag, 3 maart -", "Den Haag, 3 maart 2024 (ANP) -".
var (
	// placeDateRe is a place in any case with a day and month, and maybe
	// an agency.
	placeDateRe = regexp.MustCompile(`^('?[A-ZÀ-Ý][\p{L}'’.\-]*(?: [\p{L}'’.\-]+){0,3}),\s*(\d{1,2})\s+(` + monthNames + `)(?:\s+((?:19|20)\d{2}))?(?:\s*\(([A-Za-z][A-Za-z0-9./ ]{0,30})\))?\s*[-–—]+\s+`)
	// capsDatelineRe is a place in capitals and a dash, no agency.
	capsDatelineRe = regexp.MustCompile(`^('?[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]*(?: [A-ZÀ-Ý'’.\-]+){0,3})\s+[-–—]+\s+`)
)

const monthNames = `januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december`

// cutDateline takes a dateline ("BRUSSEL (ANP) -", "ENSCHEDE -", "Den
// Haag, 3 maart -") off the first line into d's place and publisher:
// metadata, not text. (Its day is not the article's date: the date line,
// the URL or the file name give that, as before.) It returns what it cut of a form other than
// the wire form, which earlier versions kept as text (see docHash).
func cutDateline(d *Doc, lines []string) (kept string) {
	if len(lines) == 0 {
		return ""
	}
	first := strings.TrimLeft(lines[0], " \t")
	if m := datelineRe.FindStringSubmatch(first); m != nil {
		d.Place = titleCase(strings.TrimSpace(m[1]))
		d.Publisher = agencyName(m[2])
		lines[0] = first[len(m[0]):]
		if strings.Contains(m[2], ".") {
			return first[:len(m[0])] // a site's name, kept as text before
		}
		return ""
	}
	if m := placeDateRe.FindStringSubmatch(first); m != nil {
		d.Place = strings.TrimSpace(m[1])
		if strings.ToUpper(d.Place) == d.Place {
			d.Place = titleCase(d.Place)
		}
		if m[5] != "" {
			d.Publisher = agencyName(m[5])
		}
		lines[0] = first[len(m[0]):]
		return first[:len(m[0])]
	}
	if m := capsDatelineRe.FindStringSubmatch(first); m != nil && len([]rune(m[1])) >= 3 && len(first) > len(m[0]) {
		d.Place = titleCase(m[1])
		lines[0] = first[len(m[0]):]
		return first[:len(m[0])]
	}
	return ""
}

// agencyName is the publisher a dateline names: a news agency ("ANP",
// the first of "ANP/RTR") or a site ("pzc.nl").
func agencyName(s string) string {
	agency, _, _ := strings.Cut(s, "/")
	agency = strings.TrimSpace(agency)
	if strings.Contains(agency, ".") {
		return publisherFromHost(agency)
	}
	return strings.ToUpper(agency)
}

// hashWithDateline is the content hash of d as earlier versions made it,
// with the dateline they kept as text, so that re-ingesting a file stored
// before changes nothing.
func hashWithDateline(d Doc, dateline string) string {
	if dateline != "" {
		d.Body = dateline + d.Body
		if d.Untitled {
			d.Title = titleFromBody(d.Body)
		}
	}
	return docHash(d)
}

// docHash is the content hash of a parsed article: the same text gives
// the same hash.
func docHash(d Doc) string {
	sum := sha256.Sum256([]byte(d.Title + "\x00" + d.URL + "\x00" + d.Date + "\x00" + foldSpace(d.Body)))
	return hex.EncodeToString(sum[:])
}

// cutURL takes a URL on the last non-blank line off the lines.
func cutURL(lines []string) (string, []string) {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		if m := urlLineRe.FindStringSubmatch(l); m != nil {
			return m[1], lines[:i]
		}
		break
	}
	return "", lines
}

// isBinary reports whether data looks like a binary file: NUL bytes or many
// control characters in its first kilobytes.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl > len(head)/20+1
}

func decodeLatin1(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			c := data[0]
			switch c {
			case 0x80:
				b.WriteRune('€')
			case 0x91:
				b.WriteRune('‘')
			case 0x92:
				b.WriteRune('’')
			case 0x93:
				b.WriteRune('“')
			case 0x94:
				b.WriteRune('”')
			case 0x96:
				b.WriteRune('–')
			case 0x97:
				b.WriteRune('—')
			case 0x85:
				b.WriteRune('…')
			default:
				if c >= 0xa0 {
					b.WriteRune(rune(c))
				} else {
					b.WriteByte(' ')
				}
			}
			data = data[1:]
			continue
		}
		b.WriteRune(r)
		data = data[size:]
	}
	return b.String()
}

// cutFurniture drops a trailing block of page furniture: from a heading
// such as "Meer uit Buitenland" or "Lees ook" to the end, when the article
// has begun above it and what follows it is furniture too. Wire items with
// "N uur geleden" go with it. Losing article text is worse than keeping a
// line of furniture, so every doubt keeps the text.
func cutFurniture(lines []string) []string {
	begun := false // a paragraph of the article stands above
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if begun && len(t) <= 80 && startsFurniture(t, lines[i+1:]) {
			return dropInline(lines[:i])
		}
		if !isHeadline(t) {
			begun = true
		}
	}
	lines = dropInline(lines)
	// Without a heading, a tail of "N uur geleden" wire items is still furniture.
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		if !isStamp(t) {
			break
		}
		lines = lines[:i]
	}
	return lines
}

// startsFurniture reports whether line t, with rest after it, heads a
// trailing block of furniture.
func startsFurniture(t string, rest []string) bool {
	switch {
	case commentsHeadRe.MatchString(t):
		return true
	case bareReactionsRe.MatchString(t):
		return commentsFollow(rest)
	case furnitureRe.MatchString(t):
		// A heading, not a sentence that starts with the same words
		// ("Meer uit angst dan uit overtuiging stemden zij in.").
		return headingShaped(t) && furnitureFollows(rest, linkListRe.MatchString(t))
	}
	return false
}

// furnitureFollows reports whether lines are page furniture: headlines,
// tags, wire items, time stamps, links, or a comment section. One
// paragraph among them makes them article text, and so does a list item
// unless the heading is one of a list of links (linkList).
func furnitureFollows(lines []string, linkList bool) bool {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
		case commentsHeadRe.MatchString(t):
			return true
		case bareReactionsRe.MatchString(t) && commentsFollow(lines[i+1:]):
			return true
		case furnitureRe.MatchString(t) && headingShaped(t):
			linkList = linkListRe.MatchString(t) // the heading of the next block
		case isStamp(t), isWireItem(t), urlLineRe.MatchString(t), inlineFurnitureRe.MatchString(t):
		case bulletRe.MatchString(t):
			if !linkList || !isHeadline(t) {
				return false // "Meer over de aanval" over a list of what is known
			}
		case isHeadline(t):
		default:
			return false
		}
	}
	return true
}

// isStamp reports whether t is the time stamp of a wire item or comment
// ("2 uur geleden"), alone or glued to the item it dates.
func isStamp(t string) bool {
	m := agoRe.FindString(t)
	if m == "" {
		return false
	}
	rest := strings.TrimSpace(t[len(m):])
	return rest == "" || datelineRe.MatchString(rest)
}

// isWireItem reports whether t is an agency item that starts with its
// dateline, as in the "Meer uit" lists of wire copy.
func isWireItem(t string) bool {
	return datelineRe.MatchString(t)
}

// isHeadline reports whether t reads as a headline, a heading or a tag
// rather than as a paragraph: short and not ending as a sentence ends.
func isHeadline(t string) bool {
	return t != "" && utf8.RuneCountInString(t) <= 160 && !endsSentence(t)
}

// headingShaped reports whether t reads as a heading: it does not end as a
// sentence ends, though it may end in a colon ("Meer over dit onderwerp:").
func headingShaped(t string) bool {
	return !endsSentence(strings.TrimSuffix(t, ":"))
}

// endsSentence reports whether t ends as a sentence or a clause ends.
func endsSentence(t string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(t))
	switch last {
	case '.', '!', ',', ';', ':', '”', '"', '’', '\'', '…', ')':
		return true
	}
	return false
}

// commentsFollow reports whether the lines after a bare "Reacties" are a
// comment section: nothing, a log-in or sort prompt, or comments stamped
// "N uur geleden".
func commentsFollow(lines []string) bool {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if commentsRe.MatchString(t) || isStamp(t) {
			return true
		}
		// A commenter's name over the time of the comment.
		for _, n := range lines[i+1:] {
			if n := strings.TrimSpace(n); n != "" {
				return isStamp(n) && len(t) < 40
			}
		}
		return false
	}
	return true
}

// dropInline removes link lines such as "Lees ook: …" from inside the
// article, with the headline line right after a bare "Lees ook:". A bare
// "Lees ook:" over nothing but headlines is a trailing list of links.
func dropInline(lines []string) []string {
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if len(t) <= 200 && inlineFurnitureRe.MatchString(t) {
			// "Lees ook: X" links to X alone; the headline-like lines
			// after it may be a heading and a list of the article.
			if linkHeadRe.MatchString(t) && onlyHeadlines(lines[i+1:]) {
				break
			}
			if strings.HasSuffix(t, ":") && i+1 < len(lines) && isTitle(lines[i+1]) {
				i++
			}
			continue
		}
		out = append(out, lines[i])
	}
	return out
}

// onlyHeadlines reports whether the lines are headlines only (or blank).
func onlyHeadlines(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" && !isTitle(l) {
			return false
		}
	}
	return true
}

func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return lines
}

// isTitle reports whether the first line of a file is a title: short, not
// ending as a sentence ends, followed by the article.
func isTitle(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || utf8.RuneCountInString(t) > 160 {
		return false
	}
	if datelineRe.MatchString(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '.', ',', ';', ':', '”', '"', '’':
		return false
	}
	return len(strings.Fields(t)) >= 2 || utf8.RuneCountInString(t) >= 12
}

func joinDate(y, m, d string) string {
	if m == "" || m == "00" {
		return y
	}
	if d == "" || d == "00" {
		return y + "-" + m
	}
	return y + "-" + m + "-" + d
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// publishers names the publishers of Dutch news sites as they call themselves.
var publishers = map[string]string{
	"nu.nl": "NU.nl", "nos.nl": "NOS", "anp.nl": "ANP", "rtlnieuws.nl": "RTL Nieuws",
	"volkskrant.nl": "de Volkskrant", "nrc.nl": "NRC", "trouw.nl": "Trouw", "parool.nl": "Het Parool",
	"ad.nl": "AD", "telegraaf.nl": "De Telegraaf", "tweakers.net": "Tweakers", "security.nl": "Security.NL",
	"bnr.nl": "BNR", "fd.nl": "FD", "computable.nl": "Computable", "agconnect.nl": "AG Connect",
	"vrt.be": "VRT NWS", "vrtnws.be": "VRT NWS", "standaard.be": "De Standaard", "hln.be": "HLN",
	"dutchitchannel.nl": "Dutch IT Channel", "omroepbrabant.nl": "Omroep Brabant", "rtvutrecht.nl": "RTV Utrecht",
}

func publisherFromHost(host string) string {
	host = strings.ToLower(strings.TrimPrefix(host, "www."))
	for h := host; h != ""; {
		if p, ok := publishers[h]; ok {
			return p
		}
		_, rest, ok := strings.Cut(h, ".")
		if !ok || !strings.Contains(rest, ".") {
			break
		}
		h = rest
	}
	return host
}

// titleFromSlug makes a title of the last readable path segment of a URL,
// restoring each word's case from the body where the body has the word.
func titleFromSlug(path, body string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		s := strings.TrimSuffix(strings.TrimSuffix(segs[i], ".html"), ".htm")
		words := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
		for len(words) > 0 && isDigits(words[0]) {
			words = words[1:]
		}
		if len(words) < 3 {
			continue
		}
		for j, w := range words {
			words[j] = caseFromBody(w, body)
		}
		r, size := utf8.DecodeRuneInString(words[0])
		words[0] = string(unicode.ToUpper(r)) + words[0][size:]
		return strings.Join(words, " ")
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// caseFromBody returns word as the body writes it, when the body has it as
// a whole word with a capital.
func caseFromBody(word, body string) string {
	lw := strings.ToLower(word)
	for off := 0; off < len(body); {
		i := indexFold(body[off:], lw)
		if i < 0 {
			break
		}
		start := off + i
		end := start + len(lw)
		if wordBoundary(body, start, end) {
			cand := body[start:end]
			if cand != lw {
				return cand
			}
		}
		off = end
	}
	return lw
}

func indexFold(s, lower string) int {
	return strings.Index(strings.ToLower(s), lower)
}

func wordBoundary(s string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// titleFromBody uses the first sentence, cut at a word boundary, as the
// title of an article that has none (Doc.Untitled). It must not change:
// the title is part of the content hash, which keeps re-ingesting the same
// text from storing it twice.
func titleFromBody(body string) string {
	first, _, _ := strings.Cut(body, "\n")
	first = strings.TrimSpace(first)
	if i := strings.IndexAny(first, ".!?"); i > 20 {
		first = first[:i]
	}
	return shorten(first, 90)
}

// shorten cuts s to at most n runes at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	cut := string(runes[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			r, size := utf8.DecodeRuneInString(p)
			parts[j] = string(unicode.ToUpper(r)) + p[size:]
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
