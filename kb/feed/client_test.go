package feed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testClient returns a client for the httptest servers: small limits, no
// gap unless a test asks for one.
func testClient(t *testing.T) *Client {
	t.Helper()
	c := NewClient(5 * time.Second)
	c.MinGap = 0
	c.MaxBytes = 64 << 10
	return c
}

func TestClientConditionalGet(t *testing.T) {
	var gets, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "nieuwsbot/") {
			t.Errorf("User-Agent = %q, want nieuwsbot/…", ua)
		}
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Mon, 03 Mar 2025 10:00:00 GMT" {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 03 Mar 2025 10:00:00 GMT")
		w.Write([]byte("<rss version='2.0'><channel></channel></rss>"))
	}))
	defer srv.Close()
	c := testClient(t)
	resp, err := c.Get(t.Context(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if resp.NotModified || resp.Validators.ETag != `"v1"` || resp.Validators.LastModified == "" {
		t.Fatalf("first Get = %+v, want a body with validators", resp)
	}
	again, err := c.Get(t.Context(), srv.URL, resp.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !again.NotModified || len(again.Body) != 0 || again.Validators != resp.Validators {
		t.Errorf("conditional Get = %+v, want 304 with the old validators", again)
	}
	if gets.Load() != 2 || notModified.Load() != 1 {
		t.Errorf("server saw %d GETs, %d answered 304; want 2 and 1", gets.Load(), notModified.Load())
	}
}

// TestClientFailures holds the failures of a fetch: each is a clear error,
// never a hang or a crash.
func TestClientFailures(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/503", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "onderhoud", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>eindeloos</p>", 256))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000000")
		w.Write([]byte("<p>"))
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := testClient(t)
	c.http.Timeout = 300 * time.Millisecond
	var status *StatusError
	tests := []struct {
		url  string
		want func(error) bool
	}{
		{srv.URL + "/404", func(err error) bool { return errors.As(err, &status) && status.Code == 404 }},
		{srv.URL + "/503", func(err error) bool { return errors.As(err, &status) && status.Code == 503 }},
		{srv.URL + "/loop", func(err error) bool { return errors.Is(err, ErrTooRedirects) }},
		{srv.URL + "/to-file", func(err error) bool { return errors.Is(err, ErrScheme) }},
		{srv.URL + "/endless", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{srv.URL + "/big", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{srv.URL + "/hang", func(err error) bool { return err != nil && strings.Contains(err.Error(), "timed out") }},
		{"file:///etc/passwd", func(err error) bool { return errors.Is(err, ErrScheme) }},
		{"ftp://example.org/feed.xml", func(err error) bool { return errors.Is(err, ErrScheme) }},
		{"http:///geen-host", func(err error) bool { return err != nil }},
		{"http://127.0.0.1:1/down", func(err error) bool { return err != nil }},
	}
	for _, tt := range tests {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second) // a hang fails, not blocks
		_, err := c.Get(ctx, tt.url, Validators{})
		cancel()
		if !tt.want(err) {
			t.Errorf("Get(%s) error = %v", tt.url, err)
		}
	}
}

// TestClientPolite: requests to one host go one at a time, with the gap
// between them; another host does not wait.
func TestClientPolite(t *testing.T) {
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond) // overlap, were the client not polite
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	c := testClient(t)
	c.MinGap = 2 * time.Second
	var mu sync.Mutex
	var gaps []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		gaps = append(gaps, d)
		mu.Unlock()
		return nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(t.Context(), srv.URL+"/a", Validators{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d requests at once to one host, want 1", most.Load())
	}
	if len(gaps) != 7 {
		t.Fatalf("client waited %d times, want 7 (every request after the first)", len(gaps))
	}
	for _, g := range gaps {
		if g <= 0 || g > c.MinGap {
			t.Errorf("waited %v, want within (0, %v]", g, c.MinGap)
		}
	}
	// localhost is another host name: it has its own turn and no gap yet.
	gaps = nil
	other := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, err := c.Get(t.Context(), other, Validators{}); err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 0 {
		t.Errorf("first request to another host waited %v", gaps)
	}
}
