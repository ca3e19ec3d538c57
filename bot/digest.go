package bot

import (
	"fmt"
	"time"
)

// maxDigestArticles and maxDigestClaims keep a digest readable in a channel.
const (
	maxDigestArticles = 20
	maxDigestClaims   = 15
)

var dutchMonths = [...]string{"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december"}

// DutchDate formats t as "23 november 2026".
func DutchDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), dutchMonths[t.Month()-1], t.Year())
}

// DigestReply turns a digest into a reply, dated in loc.
func DigestReply(d Digest, loc *time.Location) Reply {
	if loc == nil {
		loc = time.UTC
	}
	r := Reply{Kind: KindDigest, Title: "Nieuwsdigest " + DutchDate(d.Until.In(loc))}
	if len(d.Articles) == 0 {
		r.Text = "Geen nieuwe artikelen sinds de vorige digest."
		return r
	}
	arts, claims := d.Articles, d.Claims
	if len(arts) > maxDigestArticles {
		arts = arts[:maxDigestArticles]
	}
	if len(claims) > maxDigestClaims {
		claims = claims[:maxDigestClaims]
	}
	if len(d.Articles) == 1 {
		r.Text = "1 nieuw artikel"
	} else {
		r.Text = fmt.Sprintf("%d nieuwe artikelen", len(d.Articles))
	}
	switch {
	case len(d.Claims) == 1:
		r.Text += ", 1 nieuwe claim"
	case len(d.Claims) > 0:
		r.Text += fmt.Sprintf(", %d nieuwe claims", len(d.Claims))
	}
	if len(claims) < len(d.Claims) {
		r.Text += fmt.Sprintf(" (de eerste %d hieronder)", len(claims))
	}
	r.Text += "."
	if len(arts) < len(d.Articles) {
		r.Text += fmt.Sprintf(" De %d nieuwste, en %d meer:", len(arts), len(d.Articles)-len(arts))
	}
	r.Articles = arts
	r.Claims = claims
	return r
}
