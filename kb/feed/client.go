// Package feed brings news from the web into the knowledge base: a polite
// HTTP client, feed parsing (RSS, Atom, JSON Feed with gofeed), article
// extraction from pages (go-readability), and the Follower that polls
// feeds while serve runs.
package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults of a Client.
const (
	DefaultUserAgent    = "nieuwsbot/1.0 (+https://github.com/nieuwsbot/nieuwsbot; newsroom chat bot)"
	DefaultMaxBytes     = 8 << 20 // a news page with its scripts is rarely 2 MB
	DefaultMinGap       = time.Second
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
)

// Errors of a fetch. Callers test them with errors.Is.
var (
	ErrTooLarge     = errors.New("body larger than the limit")
	ErrScheme       = errors.New("only http and https URLs are fetched")
	ErrTooRedirects = errors.New("too many redirects")
)

// StatusError is an HTTP answer other than 2xx or 304.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Validators are what a conditional GET sends back: the ETag and
// Last-Modified of the previous answer.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched body.
type Response struct {
	URL         *url.URL // after redirects
	NotModified bool     // 304: Body is empty, the validators are the old ones
	Body        []byte
	ContentType string
	Validators  Validators
}

// Client fetches feeds and pages politely: one request at a time per
// host with a minimum gap between them, a timeout per request, a limit on
// the body, few redirects, http(s) only and a User-Agent that says who
// asks. It is safe for concurrent use; the zero value is not usable: use
// NewClient.
type Client struct {
	UserAgent    string
	MaxBytes     int64
	MinGap       time.Duration // between the end of one request to a host and the start of the next
	MaxRedirects int

	http *http.Client
	// now and sleep are the clock; tests replace them.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu    sync.Mutex
	hosts map[string]*host
}

// host serialises the requests to one host.
type host struct {
	turn chan struct{} // holds a token while a request is under way
	last time.Time     // when the last request ended
}

// NewClient returns a Client with the defaults above and the given timeout
// per request (zero: DefaultTimeout).
func NewClient(timeout time.Duration) *Client {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	c := &Client{
		UserAgent: DefaultUserAgent, MaxBytes: DefaultMaxBytes, MinGap: DefaultMinGap,
		MaxRedirects: DefaultMaxRedirects,
		now:          time.Now, sleep: sleep, hosts: map[string]*host{},
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   1,
		IdleConnTimeout:       90 * time.Second,
	}
	c.http = &http.Client{Transport: transport, Timeout: timeout, CheckRedirect: c.checkRedirect}
	return c
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.MaxRedirects {
		return ErrTooRedirects
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return ErrScheme
	}
	return nil
}

// CheckURL reports whether raw is an http(s) URL with a host.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("not a URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, ErrScheme
	}
	if u.Host == "" {
		return nil, errors.New("URL without a host")
	}
	return u, nil
}

// Get fetches raw. With validators it is a conditional GET; a 304 answers
// with NotModified. Anything but 2xx or 304 is a *StatusError.
func (c *Client) Get(ctx context.Context, raw string, v Validators) (*Response, error) {
	u, err := CheckURL(raw)
	if err != nil {
		return nil, err
	}
	release, err := c.wait(ctx, u.Host)
	if err != nil {
		return nil, err
	}
	defer release()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL, ContentType: resp.Header.Get("Content-Type")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified, out.Validators = true, v
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, &StatusError{Code: resp.StatusCode}
	}
	if resp.ContentLength > c.MaxBytes {
		return nil, fmt.Errorf("%w (%d bytes, at most %d)", ErrTooLarge, resp.ContentLength, c.MaxBytes)
	}
	out.Body, err = io.ReadAll(io.LimitReader(resp.Body, c.MaxBytes+1))
	if err != nil {
		return nil, unwrapURLError(err)
	}
	if int64(len(out.Body)) > c.MaxBytes {
		return nil, fmt.Errorf("%w (at most %d bytes)", ErrTooLarge, c.MaxBytes)
	}
	out.Validators = Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return out, nil
}

// wait takes the host's turn and keeps the gap since its last request;
// release gives the turn back.
func (c *Client) wait(ctx context.Context, hostname string) (release func(), err error) {
	c.mu.Lock()
	h := c.hosts[hostname]
	if h == nil {
		h = &host{turn: make(chan struct{}, 1)}
		c.hosts[hostname] = h
	}
	c.mu.Unlock()
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() {
		h.last = c.now()
		<-h.turn
	}
	if !h.last.IsZero() {
		if err := c.sleep(ctx, h.last.Add(c.MinGap).Sub(c.now())); err != nil {
			<-h.turn
			return nil, err
		}
	}
	return release, nil
}

// unwrapURLError drops the "Get URL:" that net/http puts before an error:
// the callers name the URL themselves.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// mediaType returns the lower-case media type of a Content-Type header.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}
