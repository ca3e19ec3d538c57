package slack

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
)

// BenchmarkSlashCommandAck measures how long Slack would wait for the
// answer to a slash command when 50 arrive at once: signed requests over
// real HTTP on 127.0.0.1, a handler that answers from a fixed reply. It
// reports the p50 and p99 latency of the acknowledgements.
func BenchmarkSlashCommandAck(b *testing.B) {
	const concurrent = 50
	fake := slackfake.New()
	defer fake.Close()
	h := newFakeHandler(answerWith(sampleAnswer()))
	a, err := New(Config{BotToken: "xoxb-bench", SigningSecret: testSecret, APIURL: fake.APIURL, Public: true}, h, nil)
	if err != nil {
		b.Fatal(err)
	}
	srv := newCommandServer(a)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrent}}

	var mu sync.Mutex
	lat := make([]time.Duration, 0, b.N)
	sem := make(chan struct{}, concurrent)
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := range b.N {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			body := benchBody(i)
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/slack/commands", strings.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			req.Header = slackfake.Sign(testSecret, time.Now(), []byte(body))
			start := time.Now()
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			res.Body.Close()
			d := time.Since(start)
			if res.StatusCode != http.StatusOK {
				b.Errorf("status = %d, want 200", res.StatusCode)
			}
			mu.Lock()
			lat = append(lat, d)
			mu.Unlock()
		})
	}
	wg.Wait()
	b.StopTimer()
	a.inflight.Wait()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*50/100].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}

// benchBody is the form of the i-th benchmark command; each is distinct,
// so no two requests share a signature.
func benchBody(i int) string {
	return commandForm("wie stemde in? "+strconv.Itoa(i), "http://127.0.0.1:1/unused").Encode()
}
