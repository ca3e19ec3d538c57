package syntax

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/tagger"
)

// The stored form of a parse (Encode, Decode): a knowledge base keeps the
// analysis of each sentence, made once at ingest, so that answering reads
// it instead of parsing again. The text is not in it: a word's text is
// the sentence's bytes between its offsets. Tags are numbers into the
// committed tagger's tag list and the version of the models is in the
// header, so an analysis made by other models does not decode (and is
// made again).
//
//	header: 'S', format, crc32 of Version() (4 bytes), uvarint word count
//	word:   byte UPOS (5 bits, 31: tags as strings) | gap is 1 (bit 5) | lemma mode (bits 6–7)
//	        byte relation (7 bits, 127: as a string) | has parts (bit 7)
//	        [uvarint gap] uvarint length
//	        uvarint XPOS | string UPOS, string XPOS, string features
//	        uvarint head+1
//	        [uvarint prefix, string tail]   lemma modes 2 and 3
//	        [string relation]
//	        [uvarint n, n strings]          parts
//
// A string is a uvarint length and its bytes. Lemma modes: 0 the text in
// lower case, 1 the text, 2 a prefix of the lower-case text and a tail, 3 a
// prefix of the text and a tail.
const (
	encMagic    = 'S'
	encFormat   = 1
	uposAsText  = 31
	relAsText   = 127
	gapOne      = 1 << 5
	hasParts    = 1 << 7
	lemmaShift  = 6
	maxDecWords = 1 << 16
)

// rels are the relations by number; the list only grows at its end.
var rels = strings.Fields(`root nsubj nsubj:pass obj iobj obl obl:agent obl:arg obl:tmod nmod nmod:poss
	nummod amod appos conj cc det case mark advmod advcl acl acl:relcl aux aux:pass cop csubj csubj:pass
	ccomp xcomp expl expl:pv compound:prt fixed flat flat:name punct parataxis orphan dep list vocative
	discourse goeswith reparandum det:poss compound nmod:tmod`)

// codec holds the committed models' tag numbers.
type codec struct {
	version uint32
	tagger  *tagger.Tagger
	upos    map[string]int
	xpos    map[string]int
	xposOf  []string
	rel     map[string]int
}

var defaultCodec = sync.OnceValues(func() (*codec, error) {
	p, err := Default()
	if err != nil {
		return nil, err
	}
	c := &codec{version: crc32.ChecksumIEEE([]byte(Version())), tagger: p.Tagger,
		upos: map[string]int{}, xpos: map[string]int{}, xposOf: p.Tagger.XPOSNames(), rel: map[string]int{}}
	for i, u := range tagger.UPOS {
		c.upos[u] = i
	}
	for i, x := range c.xposOf {
		c.xpos[x] = i
	}
	for i, r := range rels {
		c.rel[r] = i
	}
	return c, nil
})

// Encode returns the stored form of a parse made by the committed models
// (Parse); nil when the models did not load.
func Encode(s Sentence) []byte {
	c, err := defaultCodec()
	if err != nil {
		return nil
	}
	return c.encode(s)
}

func (c *codec) encode(s Sentence) []byte {
	b := make([]byte, 0, 8+6*len(s.Words))
	b = append(b, encMagic, encFormat)
	b = binary.LittleEndian.AppendUint32(b, c.version)
	b = binary.AppendUvarint(b, uint64(len(s.Words)))
	prevEnd := 0
	for _, w := range s.Words {
		b = c.encodeWord(b, w, prevEnd)
		prevEnd = w.End
	}
	return b
}

func (c *codec) encodeWord(b []byte, w Word, prevEnd int) []byte {
	u, tagsKnown := c.upos[w.UPOS]
	x, ok := c.xpos[w.XPOS]
	if !tagsKnown || !ok || u >= uposAsText || c.tagger.FeatsOf(w.UPOS, w.XPOS) != w.Feats.Raw {
		tagsKnown, u = false, uposAsText
	}
	mode, prefix, tail := lemmaEdit(w.Text, w.Lemma)
	b0 := byte(u) | byte(mode)<<lemmaShift
	gap := w.Start - prevEnd
	if gap == 1 {
		b0 |= gapOne
	}
	r, relKnown := c.rel[w.Rel]
	if !relKnown {
		r = relAsText
	}
	b1 := byte(r)
	if len(w.Parts) > 0 {
		b1 |= hasParts
	}
	b = append(b, b0, b1)
	if gap != 1 {
		b = binary.AppendUvarint(b, uint64(max(gap, 0)))
	}
	b = binary.AppendUvarint(b, uint64(max(w.End-w.Start, 0)))
	if tagsKnown {
		b = binary.AppendUvarint(b, uint64(x))
	} else {
		b = appendString(appendString(appendString(b, w.UPOS), w.XPOS), w.Feats.Raw)
	}
	b = binary.AppendUvarint(b, uint64(w.Head+1))
	if mode >= 2 {
		b = appendString(binary.AppendUvarint(b, uint64(prefix)), tail)
	}
	if !relKnown {
		b = appendString(b, w.Rel)
	}
	if len(w.Parts) > 0 {
		b = binary.AppendUvarint(b, uint64(len(w.Parts)))
		for _, p := range w.Parts {
			b = appendString(b, p)
		}
	}
	return b
}

// lemmaEdit writes a lemma as the word's text (mode 1), its lower case
// (mode 0), or the longer common prefix of either and the rest.
func lemmaEdit(text, lemma string) (mode, prefix int, tail string) {
	lower := strings.ToLower(text)
	switch lemma {
	case lower:
		return 0, 0, ""
	case text:
		return 1, 0, ""
	}
	pl, pt := commonPrefix(lower, lemma), commonPrefix(text, lemma)
	if pt > pl {
		return 3, pt, lemma[pt:]
	}
	return 2, pl, lemma[pl:]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Current reports whether data is a stored parse made by the committed
// models: one that Decode takes.
func Current(data []byte) bool {
	c, err := defaultCodec()
	return err == nil && len(data) >= 7 && data[0] == encMagic && data[1] == encFormat &&
		binary.LittleEndian.Uint32(data[2:6]) == c.version
}

// ErrStale is Decode's error for an analysis made by other models.
var ErrStale = errors.New("syntax: stored analysis made by other models")

// Decode reads the stored form of the parse of text (Encode). It fails on
// data that is not such a form, on an analysis made by other models
// (ErrStale) and on offsets outside text; never panics.
func Decode(text string, data []byte) (Sentence, error) {
	c, err := defaultCodec()
	if err != nil {
		return Sentence{}, err
	}
	return c.decode(text, data)
}

func (c *codec) decode(text string, data []byte) (Sentence, error) {
	if len(data) < 7 || data[0] != encMagic || data[1] != encFormat {
		return Sentence{}, errors.New("syntax: not a stored analysis")
	}
	if binary.LittleEndian.Uint32(data[2:6]) != c.version {
		return Sentence{}, ErrStale
	}
	d := decoder{b: data[6:]}
	n := d.uvarint()
	if d.err != nil || n > maxDecWords || n > uint64(len(d.b)) {
		return Sentence{}, errors.New("syntax: stored analysis: bad word count")
	}
	s := Sentence{Text: text, Words: make([]Word, n)}
	prevEnd := 0
	for i := range s.Words {
		w, err := c.decodeWord(&d, text, prevEnd, int(n))
		if err != nil {
			return Sentence{}, fmt.Errorf("syntax: stored analysis, word %d: %w", i, err)
		}
		s.Words[i] = w
		prevEnd = w.End
	}
	if len(d.b) != 0 {
		return Sentence{}, errors.New("syntax: stored analysis: trailing bytes")
	}
	return s, nil
}

func (c *codec) decodeWord(d *decoder, text string, prevEnd, n int) (Word, error) {
	b0, b1 := d.byte(), d.byte()
	var w Word
	gap := uint64(1)
	if b0&gapOne == 0 {
		gap = d.uvarint()
	}
	length := d.uvarint()
	if d.err != nil || gap > uint64(len(text)) || length > uint64(len(text)) || uint64(prevEnd)+gap+length > uint64(len(text)) {
		return w, errors.New("offsets outside the text")
	}
	w.Start = prevEnd + int(gap)
	w.End = w.Start + int(length)
	w.Text = text[w.Start:w.End]
	if u := int(b0 & 31); u != uposAsText {
		x := d.uvarint()
		if u >= len(tagger.UPOS) || x >= uint64(len(c.xposOf)) {
			return w, errors.New("tag out of range")
		}
		w.UPOS, w.XPOS = tagger.UPOS[u], c.xposOf[x]
		w.Feats = parseFeats(c.tagger.FeatsOf(w.UPOS, w.XPOS))
	} else {
		w.UPOS, w.XPOS = d.string(), d.string()
		w.Feats = parseFeats(d.string())
	}
	head := d.uvarint()
	if head > uint64(n) {
		return w, errors.New("head out of range")
	}
	w.Head = int(head) - 1
	w.Lemma = lemmaOf(d, w.Text, int(b0>>lemmaShift))
	if r := int(b1 &^ hasParts); r != relAsText {
		if r >= len(rels) {
			return w, errors.New("relation out of range")
		}
		w.Rel = rels[r]
	} else {
		w.Rel = d.string()
	}
	if b1&hasParts != 0 {
		k := d.uvarint()
		if k > uint64(len(d.b)) {
			return w, errors.New("bad parts")
		}
		w.Parts = make([]string, k)
		for j := range w.Parts {
			w.Parts[j] = d.string()
		}
	}
	return w, d.err
}

// lemmaOf reads a lemma written by lemmaEdit.
func lemmaOf(d *decoder, text string, mode int) string {
	base := text
	if mode == 0 || mode == 2 {
		base = strings.ToLower(text)
	}
	if mode < 2 {
		return base
	}
	prefix := d.uvarint()
	tail := d.string()
	if prefix > uint64(len(base)) {
		d.fail()
		return ""
	}
	return base[:prefix] + tail
}

// decoder reads the stored form; the first error sticks, and reads after
// it return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errors.New("truncated or malformed")
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
