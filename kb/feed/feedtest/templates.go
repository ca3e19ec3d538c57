package feedtest

import (
	"html/template"
	"strings"
	texttemplate "text/template"
)

var funcs = template.FuncMap{
	"lines": func(s string) []string { return strings.Split(s, "\n") },
	"first": func(i int) bool { return i == 0 },
}

// The body of an article: its blocks, the dateline before the first
// paragraph, lines of a paragraph split by <br>.
const blocksTmpl = `{{define "blocks"}}{{range $i, $b := .}}{{if $b.Heading}}<h2>{{$b.Text}}</h2>
{{else}}<p>{{range $j, $l := lines $b.Text}}{{if not (first $j)}}<br>
{{end}}{{$l}}{{end}}</p>
{{end}}{{end}}{{end}}`

const pagesTmpl = blocksTmpl + `
{{define "omroep"}}<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{{.A.Title}} | Omroep Nieuws</title>
<meta property="og:title" content="{{.A.Title}}">
<meta property="og:site_name" content="Omroep Nieuws">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{{.A.Date}}T07:30:00+01:00">
</head><body>
<div id="cookie-consent" class="cookie-banner"><p>Omroep Nieuws gebruikt cookies en vergelijkbare technieken om de website te verbeteren en om je relevante inhoud te tonen.</p><button>Akkoord</button> <button>Instellingen aanpassen</button></div>
<header class="site-header"><nav class="main-menu"><ul><li><a href="/">Nieuws</a></li><li><a href="/sport">Sport</a></li><li><a href="/binnenland">Binnenland</a></li><li><a href="/buitenland">Buitenland</a></li><li><a href="/tech">Tech</a></li></ul></nav></header>
<main><article class="article">
<h1 class="article-title">{{.A.Title}}</h1>
<div class="article-meta"><span class="byline">Binnenland</span> <time datetime="{{.A.Date}}T07:30:00+01:00">{{.A.Date}}, 07:30</time></div>
<div class="share-bar"><a href="#">Deel op WhatsApp</a> <a href="#">Deel op Facebook</a> <a href="#">Kopieer link</a></div>
<div class="article-body">
{{template "blocks" .Before}}
{{if .After}}<div class="read-also"><h3>Lees ook</h3><ul>{{range .Related}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ul></div>
{{template "blocks" .After}}{{end}}
</div>
<div class="share-bar share-bottom"><a href="#">Deel dit artikel</a></div>
</article>
<aside class="related-articles"><h2>Meer uit Binnenland</h2><ul>{{range .Related}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ul></aside>
</main>
<footer class="site-footer"><p>Omroep Nieuws is een publieke omroep. Over ons · Contact · Privacy · Cookies</p></footer>
</body></html>{{end}}

{{define "persbureau"}}<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{{.A.Title}} - NPB</title>
<meta property="og:title" content="{{.A.Title}}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":{{.A.Title}},"datePublished":"{{.A.Date}}T11:40:00+01:00","publisher":{"@type":"Organization","name":"NPB"}}</script>
</head><body>
<div class="topbar"><a href="/">Home</a> | <a href="/abonneren">Abonneren</a> | <a href="/inloggen">Inloggen</a></div>
<nav role="navigation" class="menu"><a href="/binnenland">Binnenland</a> <a href="/economie">Economie</a> <a href="/sport">Sport</a></nav>
<div class="content"><div class="story">
<h1>{{.A.Title}}</h1>
<p class="dateline-meta">{{.A.Date}} 11:40 | Bijgewerkt 12:05</p>
{{template "blocks" .Before}}
{{if .After}}{{with index .Related 0}}<p>Lees ook: <a href="{{.Path}}">{{.Title}}</a></p>{{end}}
{{template "blocks" .After}}{{end}}
</div>
<div class="social"><span>Delen:</span> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">E-mail</a></div>
</div>
<div class="footer">© 2025 NPB Nieuws. Alle rechten voorbehouden. Overname van berichten alleen met toestemming.</div>
</body></html>{{end}}

{{define "regionaal"}}<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{{.A.Title}} | Dagblad van het Oosten</title>
<meta property="og:title" content="{{.A.Title}}">
<meta property="og:site_name" content="Dagblad van het Oosten">
<meta property="article:published_time" content="{{.A.Date}}T21:30:00+01:00">
</head><body>
<div class="cookiewall"><p>Wij en onze partners gebruiken cookies. Door op accepteren te klikken ga je hiermee akkoord.</p><a href="#">Accepteren</a></div>
<div class="navigation"><ul><li><a href="/">Voorpagina</a></li><li><a href="/regio">Regio</a></li><li><a href="/sport">Sport</a></li><li><a href="/112">112</a></li></ul></div>
<div id="main">
<div class="article-header"><h1>{{.A.Title}}</h1><span class="author">Door onze verslaggever</span></div>
<div class="article-content">
{{template "blocks" .Before}}
{{if .After}}<p><strong>Lees ook</strong></p><ul>{{range .Related}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ul>
{{template "blocks" .After}}{{end}}
</div>
<div class="related"><h3>Gerelateerde artikelen</h3><ul>{{range .Related}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ul></div>
<div class="comments"><h3>Reacties (3)</h3><p>Jan uit Nijverdal: Goed stuk, dank voor de uitleg!</p><p>Log in om te reageren.</p></div>
</div>
<div id="footer"><p>Dagblad van het Oosten · Colofon · Adverteren · Privacyverklaring</p></div>
</body></html>{{end}}

{{define "tech"}}<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{{.A.Title}} - Techwereld</title>
<meta property="og:site_name" content="Techwereld">
<meta property="og:title" content="{{.A.Title}}">
<script type="application/ld+json">[{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]},{"@context":"https://schema.org","@type":"NewsArticle","headline":{{.A.Title}},"datePublished":"{{.A.Date}}T09:00:00Z","publisher":{"@type":"Organization","name":"Techwereld"}}]</script>
</head><body>
<div class="consent-overlay">Techwereld vraagt je toestemming om je gegevens te gebruiken voor gepersonaliseerde advertenties. <button>Toestemming geven</button></div>
<header><nav class="menu"><a href="/">Nieuws</a> <a href="/reviews">Reviews</a> <a href="/forum">Forum</a> <a href="/pricewatch">Pricewatch</a></nav></header>
<div class="container"><article>
<h1>{{.A.Title}}</h1>
<p class="meta">Door de redactie, {{.A.Date}} 11:00 · 42 reacties</p>
<div class="articleBody">
{{template "blocks" .Before}}
{{if .After}}<aside class="related-inline"><h4>Ook interessant</h4><ul>{{range .Related}}<li><a href="{{.Path}}">{{.Title}}</a></li>{{end}}</ul></aside>
{{template "blocks" .After}}{{end}}
</div>
<div class="share"><a href="#">Delen op Mastodon</a> <a href="#">Delen op Bluesky</a></div>
<div class="tags">Tags: beveiliging, nieuws</div>
</article>
<section class="comments" id="reacties"><h2>Reacties (42)</h2><div class="comment"><p>Weer een bericht dat laat zien hoe kwetsbaar we zijn. Wanneer leren we het eens?</p></div><p>Reageer op dit artikel</p></section>
</div>
<footer><p>Techwereld · Over Techwereld · Adverteren · Vacatures · Privacy · Cookies</p></footer>
</body></html>{{end}}
`

var pageTemplates = template.Must(template.New("pages").Funcs(funcs).Parse(pagesTmpl))

var rssTemplate = texttemplate.Must(texttemplate.New("rss").Funcs(texttemplate.FuncMap{"x": xmlEscape}).Parse(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Lokaal nieuws</title>
<link>{{x .Base}}/</link>
<description>Alle artikelen van de lokale testsite</description>
<language>nl-nl</language>
<atom:link href="{{x .Base}}/rss.xml" rel="self" type="application/rss+xml"/>
{{range .Items}}<item>
<title>{{x .Title}}</title>
<link>{{x .URL}}</link>
<guid isPermaLink="true">{{x .URL}}</guid>
<pubDate>{{.Time.Format "Mon, 02 Jan 2006 15:04:05 -0700"}}</pubDate>
<description>{{x .Summary}}</description>
</item>
{{end}}</channel>
</rss>
`))

var atomTemplate = texttemplate.Must(texttemplate.New("atom").Funcs(texttemplate.FuncMap{"x": xmlEscape}).Parse(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
<title>Lokaal nieuws (Atom)</title>
<id>{{x .Base}}/atom.xml</id>
<updated>2025-03-01T00:00:00Z</updated>
<link rel="self" href="{{x .Base}}/atom.xml"/>
{{range .Items}}<entry>
<title>{{x .Title}}</title>
<id>tag:feedtest,2025:{{x .Path}}</id>
<link rel="alternate" type="text/html" href="{{x .URL}}"/>
<published>{{.Time.Format "2006-01-02T15:04:05Z07:00"}}</published>
<updated>{{.Time.Format "2006-01-02T15:04:05Z07:00"}}</updated>
<summary>{{x .Summary}}</summary>
</entry>
{{end}}</feed>
`))

func xmlEscape(s string) string {
	var b strings.Builder
	texttemplate.HTMLEscape(&b, []byte(s))
	return b.String()
}
