package syntax

import (
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"strings"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/compound"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/depparse"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/lemma"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/tagger"
)

// Default returns the pipeline of the committed models, loaded on first
// use. The four models decode at the same time: decoding is most of a
// cold start (about 100 ms of CPU), and a machine has more than one core.
var Default = sync.OnceValues(func() (*Pipeline, error) {
	p := &Pipeline{}
	loads := []func() error{
		func() (err error) { p.Tagger, err = tagger.Default(); return err },
		func() (err error) { p.Lemmas, err = lemma.Default(); return err },
		func() (err error) { p.Parser, err = depparse.Default(); return err },
		func() (err error) { p.Compound, err = compound.Default(); return err },
	}
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, load := range loads {
		wg.Go(func() { errs[i] = load() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	return p, nil
})

// pipeline returns the default pipeline; a model that fails to load (a
// build with a broken model file) is logged once and leaves every analysis
// at its tokens.
func pipeline() *Pipeline {
	p, err := Default()
	if err != nil {
		loadErr.Do(func() { slog.Error("syntax: models not loaded", "err", err) })
		return nil
	}
	return p
}

var loadErr sync.Once

// Parse tokenizes, tags, lemmatises and parses one sentence with the
// committed models. Safe for concurrent use; the models load once, on the
// first call.
func Parse(sentence string) Sentence {
	p := pipeline()
	if p == nil {
		return Sentence{Text: sentence}
	}
	return p.Parse(sentence)
}

// cacheMax bounds each cache; past it, results are computed, not stored.
const cacheMax = 1 << 17

type cache struct {
	mu sync.RWMutex
	m  map[string]any
}

func (c *cache) get(k string, f func() any) any {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = f()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]any{}
	}
	if len(c.m) < cacheMax {
		c.m[k] = v
	}
	c.mu.Unlock()
	return v
}

var lemmaCache, partsCache cache

// Lemma returns the most likely lemma of a word form without its sentence:
// the word is tagged alone and lemmatised. For indexing; cached.
func Lemma(form string) string {
	return lemmaCache.get(form, func() any {
		p := pipeline()
		if p == nil || form == "" {
			return strings.ToLower(form)
		}
		return p.Lemma(form)
	}).(string)
}

// Lemma returns the lemma of a word form tagged alone.
func (p *Pipeline) Lemma(form string) string {
	tags := p.Tagger.Tag([]string{form})
	l, _ := p.lemma(form, tags[0].UPOS, tags[0].XPOS)
	return l
}

// Parts returns the compound parts of a noun lemma, nil when it is no
// compound. Cached.
func Parts(lemma string) []string {
	return partsCache.get(lemma, func() any {
		p := pipeline()
		if p == nil || p.Compound == nil {
			return []string(nil)
		}
		return p.Compound.Split(lemma)
	}).([]string)
}

// Version identifies the analysis: the components' versions and a checksum
// of the committed model files. Stored analyses made under another version
// should be redone.
var Version = sync.OnceValue(func() string {
	h := crc32.NewIEEE()
	for _, b := range [][]byte{tagger.ModelBytes(), lemma.ModelBytes(), depparse.ModelBytes(), compound.ModelBytes()} {
		h.Write(b)
	}
	return fmt.Sprintf("syntax-1 %s %s %s %s %08x", tagger.Version, lemma.Version, depparse.Version, compound.Version, h.Sum32())
})
