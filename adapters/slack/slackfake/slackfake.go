// Package slackfake is a fake Slack for tests and local trials: a Web API
// server on 127.0.0.1 that records chat.postMessage and chat.postEphemeral
// calls and response_url posts, answers auth.test, can be told to fail, and serves Socket Mode
// websockets through which a test pushes envelopes and reads the acks. Like Slack, it keeps
// several Socket Mode connections of one app open at once (one per replica of a bot) and sends
// each envelope to one of them.
//
// Everything the fake receives also arrives on its channels, so tests wait
// on channels instead of sleeping.
package slackfake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// ResponseEndpoint names the response_url endpoints in Fail and Calls.
const ResponseEndpoint = "response_url"

// Post is one chat.postMessage call.
type Post struct {
	Token    string
	Channel  string
	Text     string
	ThreadTS string
	Blocks   json.RawMessage // the blocks form field, as sent
}

// Ephemeral is one chat.postEphemeral call: a message that only User sees
// in Channel (in the thread of ThreadTS when set).
type Ephemeral struct {
	Token    string
	Channel  string
	User     string
	Text     string
	ThreadTS string
	Blocks   json.RawMessage // the blocks, as sent (a form field or a JSON array)
	JSON     bool            // the call had a JSON body rather than a form
}

// Response is one POST to a response_url.
type Response struct {
	ID           string // the last path element of the response_url
	ResponseType string
	Text         string
	Blocks       json.RawMessage
	Body         []byte // the raw JSON body
}

// Ack is one Socket Mode acknowledgement sent by the client.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage // null or absent when the ack is empty
}

// Server is a fake Slack. Create it with New or Listen and Close it.
type Server struct {
	// URL is the server's base URL, e.g. http://127.0.0.1:40123.
	URL string
	// APIURL is the Web API base to give the client: URL + "/api/".
	APIURL string
	// BotUserID is the user id auth.test answers with.
	BotUserID string
	// Token, when set, is the only bot token chat.postMessage and auth.test accept.
	Token string
	// PingInterval is how often the Socket Mode endpoint pings the client.
	PingInterval time.Duration

	// Posts receives every successful chat.postMessage call.
	Posts chan Post
	// Ephemerals receives every successful chat.postEphemeral call.
	Ephemerals chan Ephemeral
	// Responses receives every successful response_url post.
	Responses chan Response
	// Acks receives every Socket Mode ack.
	Acks chan Ack
	// Calls receives the endpoint name of every call, failed ones included,
	// as soon as the call arrives.
	Calls chan string
	// Connected receives a value each time a Socket Mode client has been
	// sent its hello.
	Connected chan struct{}

	srv *httptest.Server

	mu         sync.Mutex
	posts      []Post
	ephemerals []Ephemeral
	members    map[string]map[string]bool // channel → users, as SetMembers declared
	responses  []Response
	calls      map[string]int
	failures   map[string][]failure
	ts         int
	envelope   int
	conns      []*websocket.Conn // the open Socket Mode connections, oldest first
	writeMu    sync.Mutex
	stop       chan struct{}
}

type failure struct {
	status     int
	retryAfter int
}

const buffer = 1024

// New starts a fake Slack on a free port of 127.0.0.1.
func New() *Server {
	s := newServer()
	s.srv = httptest.NewServer(s.handler())
	s.init()
	return s
}

// Listen starts a fake Slack on addr, e.g. "127.0.0.1:9999".
func Listen(addr string) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("slackfake: listen %s: %w", addr, err)
	}
	s := newServer()
	s.srv = httptest.NewUnstartedServer(s.handler())
	s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	s.init()
	return s, nil
}

func newServer() *Server {
	return &Server{
		BotUserID:    "UBOT",
		PingInterval: 5 * time.Second,
		Posts:        make(chan Post, buffer),
		Ephemerals:   make(chan Ephemeral, buffer),
		Responses:    make(chan Response, buffer),
		Acks:         make(chan Ack, buffer),
		Calls:        make(chan string, buffer),
		Connected:    make(chan struct{}, buffer),
		calls:        make(map[string]int),
		failures:     make(map[string][]failure),
		stop:         make(chan struct{}),
	}
}

func (s *Server) init() {
	s.URL = s.srv.URL
	s.APIURL = s.srv.URL + "/api/"
}

// Close closes the websocket, if any, and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	conns := s.conns
	s.conns = nil
	s.mu.Unlock()
	for _, conn := range conns {
		conn.Close()
	}
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// ResponseURL returns a response_url on this server that records posts under id.
func (s *Server) ResponseURL(id string) string {
	return s.URL + "/response/" + id
}

// Fail makes the next n calls of endpoint (a Web API method such as
// "chat.postMessage", or ResponseEndpoint) answer with status. For 429 a
// Retry-After of retryAfter seconds is sent. Failures queue up in order.
func (s *Server) Fail(endpoint string, n, status, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures[endpoint] = append(s.failures[endpoint], failure{status, retryAfter})
	}
}

// CallCount returns how many times endpoint was called, failures included.
func (s *Server) CallCount(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[endpoint]
}

// PostsSoFar returns every chat.postMessage recorded so far.
func (s *Server) PostsSoFar() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// EphemeralsSoFar returns every chat.postEphemeral recorded so far.
func (s *Server) EphemeralsSoFar() []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ephemeral(nil), s.ephemerals...)
}

// SetMembers declares the users in channel. Until a channel is declared,
// chat.postEphemeral accepts any channel and user; from then on, as Slack
// does, it answers channel_not_found for a channel never declared and
// user_not_in_channel for a user outside the channel.
func (s *Server) SetMembers(channel string, users ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.members == nil {
		s.members = make(map[string]map[string]bool)
	}
	m := make(map[string]bool, len(users))
	for _, u := range users {
		m[u] = true
	}
	s.members[channel] = m
}

// ResponsesSoFar returns every response_url post recorded so far.
func (s *Server) ResponsesSoFar() []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Response(nil), s.responses...)
}

// Sign returns the headers Slack sends with a request body signed with
// secret at ts: X-Slack-Request-Timestamp and X-Slack-Signature (v0=hex of
// HMAC-SHA256 over "v0:{ts}:{body}"), and the form content type.
func Sign(secret string, ts time.Time, body []byte) http.Header {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:", stamp)
	mac.Write(body)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", stamp)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	return h
}

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", s.authTest)
	mux.HandleFunc("POST /api/chat.postMessage", s.postMessage)
	mux.HandleFunc("POST /api/chat.postEphemeral", s.postEphemeral)
	mux.HandleFunc("POST /api/apps.connections.open", s.connectionsOpen)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	})
	mux.HandleFunc("POST /response/{id}", s.response)
	mux.HandleFunc("GET /socket", s.socket)
	return mux
}

// begin counts a call of endpoint and answers the next queued failure, if
// any; it reports whether the call may go on.
func (s *Server) begin(w http.ResponseWriter, endpoint string) bool {
	s.mu.Lock()
	s.calls[endpoint]++
	var f failure
	queued := len(s.failures[endpoint]) > 0
	if queued {
		f = s.failures[endpoint][0]
		s.failures[endpoint] = s.failures[endpoint][1:]
	}
	s.mu.Unlock()
	select {
	case s.Calls <- endpoint:
	default:
	}
	if !queued {
		return true
	}
	if f.status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(f.retryAfter))
	}
	w.WriteHeader(f.status)
	writeJSON(w, map[string]any{"ok": false, "error": http.StatusText(f.status)})
	return false
}

// tokenOK checks the bot token when Token is set.
func (s *Server) tokenOK(w http.ResponseWriter, token string) bool {
	if s.Token == "" || token == s.Token {
		return true
	}
	writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
	return false
}

func (s *Server) authTest(w http.ResponseWriter, r *http.Request) {
	if !s.begin(w, "auth.test") {
		return
	}
	token := r.FormValue("token")
	if token == "" {
		token = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	}
	if !s.tokenOK(w, token) {
		return
	}
	writeJSON(w, map[string]any{"ok": true, "url": s.URL + "/", "team": "Redactie", "user": "nieuwsbot",
		"team_id": "T0001", "user_id": s.BotUserID, "bot_id": "B0001"})
}

func (s *Server) postMessage(w http.ResponseWriter, r *http.Request) {
	if !s.begin(w, "chat.postMessage") {
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	p := Post{
		Token:    r.PostForm.Get("token"),
		Channel:  r.PostForm.Get("channel"),
		Text:     r.PostForm.Get("text"),
		ThreadTS: r.PostForm.Get("thread_ts"),
	}
	if b := r.PostForm.Get("blocks"); b != "" {
		if !json.Valid([]byte(b)) {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_blocks"})
			return
		}
		p.Blocks = json.RawMessage(b)
	}
	if !s.tokenOK(w, p.Token) {
		return
	}
	if p.Channel == "" {
		writeJSON(w, map[string]any{"ok": false, "error": "channel_not_found"})
		return
	}
	if p.Text == "" && p.Blocks == nil {
		writeJSON(w, map[string]any{"ok": false, "error": "no_text"})
		return
	}
	s.mu.Lock()
	s.ts++
	ts := fmt.Sprintf("1700000000.%06d", s.ts)
	s.posts = append(s.posts, p)
	s.mu.Unlock()
	select {
	case s.Posts <- p:
	default:
	}
	writeJSON(w, map[string]any{"ok": true, "channel": p.Channel, "ts": ts})
}

// postEphemeral takes a form (as slack-go sends it) or a JSON body with a
// bearer token, checks it as Slack does and answers with message_ts.
func (s *Server) postEphemeral(w http.ResponseWriter, r *http.Request) {
	if !s.begin(w, "chat.postEphemeral") {
		return
	}
	e, errName := readEphemeral(r)
	if errName == "" && !s.tokenOK(w, e.Token) {
		return
	}
	if errName == "" {
		errName = s.checkEphemeral(e)
	}
	if errName != "" {
		writeJSON(w, map[string]any{"ok": false, "error": errName})
		return
	}
	s.mu.Lock()
	s.ts++
	ts := fmt.Sprintf("1700000000.%06d", s.ts)
	s.ephemerals = append(s.ephemerals, e)
	s.mu.Unlock()
	select {
	case s.Ephemerals <- e:
	default:
	}
	writeJSON(w, map[string]any{"ok": true, "message_ts": ts})
}

// readEphemeral reads a chat.postEphemeral call; on failure it returns the
// error Slack names.
func readEphemeral(r *http.Request) (Ephemeral, string) {
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body struct {
			Channel  string          `json:"channel"`
			User     string          `json:"user"`
			Text     string          `json:"text"`
			ThreadTS string          `json:"thread_ts"`
			Blocks   json.RawMessage `json:"blocks"`
		}
		raw, err := readAll(r)
		if err != nil || json.Unmarshal(raw, &body) != nil {
			return Ephemeral{}, "invalid_json"
		}
		e := Ephemeral{Token: bearer, Channel: body.Channel, User: body.User, Text: body.Text, ThreadTS: body.ThreadTS, JSON: true}
		if len(body.Blocks) > 0 && string(body.Blocks) != "null" {
			// Slack takes blocks as an array, or as the array's JSON in a string.
			var inner string
			if json.Unmarshal(body.Blocks, &inner) == nil {
				if !json.Valid([]byte(inner)) {
					return Ephemeral{}, "invalid_blocks"
				}
				e.Blocks = json.RawMessage(inner)
			} else {
				e.Blocks = body.Blocks
			}
		}
		return e, ""
	}
	if err := r.ParseForm(); err != nil {
		return Ephemeral{}, "invalid_form_data"
	}
	e := Ephemeral{
		Token:    r.PostForm.Get("token"),
		Channel:  r.PostForm.Get("channel"),
		User:     r.PostForm.Get("user"),
		Text:     r.PostForm.Get("text"),
		ThreadTS: r.PostForm.Get("thread_ts"),
	}
	if e.Token == "" {
		e.Token = bearer
	}
	if b := r.PostForm.Get("blocks"); b != "" {
		if !json.Valid([]byte(b)) {
			return Ephemeral{}, "invalid_blocks"
		}
		e.Blocks = json.RawMessage(b)
	}
	return e, ""
}

// checkEphemeral returns the error Slack gives for e, or "".
func (s *Server) checkEphemeral(e Ephemeral) string {
	if e.Channel == "" {
		return "channel_not_found"
	}
	if e.User == "" {
		return "user_not_found"
	}
	if e.Text == "" && len(e.Blocks) == 0 {
		return "no_text"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.members == nil {
		return ""
	}
	members, ok := s.members[e.Channel]
	switch {
	case !ok:
		return "channel_not_found"
	case !members[e.User]:
		return "user_not_in_channel"
	}
	return ""
}

func (s *Server) response(w http.ResponseWriter, r *http.Request) {
	if !s.begin(w, ResponseEndpoint) {
		return
	}
	var body struct {
		ResponseType string          `json:"response_type"`
		Text         string          `json:"text"`
		Blocks       json.RawMessage `json:"blocks"`
	}
	raw, err := readAll(r)
	if err == nil {
		err = json.Unmarshal(raw, &body)
	}
	if err != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	resp := Response{ID: r.PathValue("id"), ResponseType: body.ResponseType, Text: body.Text, Blocks: body.Blocks, Body: raw}
	s.mu.Lock()
	s.responses = append(s.responses, resp)
	s.mu.Unlock()
	select {
	case s.Responses <- resp:
	default:
	}
	w.Write([]byte("ok"))
}

func (s *Server) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	if !s.begin(w, "apps.connections.open") {
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer xapp-") {
		writeJSON(w, map[string]any{"ok": false, "error": "not_allowed_token_type"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.URL, "http") + "/socket"})
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// socket serves one Socket Mode connection: hello, pings, and acks read
// into Acks. It stays open beside the others until either side closes it.
func (s *Server) socket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.conns = append(s.conns, conn)
	n := len(s.conns)
	s.mu.Unlock()
	hello := map[string]any{"type": "hello", "num_connections": n,
		"connection_info": map[string]any{"app_id": "A0001"},
		"debug_info":      map[string]any{"host": "slackfake"}}
	if err := s.write(conn, hello); err != nil {
		conn.Close()
		return
	}
	select {
	case s.Connected <- struct{}{}:
	default:
	}
	done := make(chan struct{})
	defer close(done)
	go s.ping(conn, done)
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			s.mu.Lock()
			if i := slices.Index(s.conns, conn); i >= 0 {
				s.conns = slices.Delete(s.conns, i, i+1)
			}
			s.mu.Unlock()
			conn.Close()
			return
		}
		var ack Ack
		var raw struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &raw) != nil {
			continue
		}
		ack.EnvelopeID, ack.Payload = raw.EnvelopeID, raw.Payload
		select {
		case s.Acks <- ack:
		default:
		}
	}
}

// ping pings the client every PingInterval, as Slack does, until done.
func (s *Server) ping(conn *websocket.Conn, done chan struct{}) {
	t := time.NewTicker(s.PingInterval)
	defer t.Stop()
	for {
		s.writeMu.Lock()
		err := conn.WriteControl(websocket.PingMessage, []byte("slackfake"), time.Now().Add(5*time.Second))
		s.writeMu.Unlock()
		if err != nil {
			return
		}
		select {
		case <-done:
			return
		case <-s.stop:
			return
		case <-t.C:
		}
	}
}

func (s *Server) write(conn *websocket.Conn, v any) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return conn.WriteJSON(v)
}

// ErrNoSocket is returned when an envelope is sent while no Socket Mode
// client is connected.
var ErrNoSocket = errors.New("slackfake: no socket mode client connected")

// SendEnvelope sends a Socket Mode envelope of type typ ("slash_commands",
// "events_api", …) with payload to the newest connected client and returns
// its envelope id, which the client's ack carries.
func (s *Server) SendEnvelope(typ string, payload any) (string, error) {
	return s.SendEnvelopeTo(-1, 0, typ, payload)
}

// SendEnvelopeTo sends an envelope as SendEnvelope does, to the conn-th
// open Socket Mode connection (0 the oldest, -1 the newest), as Slack
// spreads the envelopes of an app over its connections. A retry above 0
// marks it as Slack's retry of an event that was not acked in time
// (retry_attempt, retry_reason "timeout"); Slack may send a retry to
// another connection than the first delivery.
func (s *Server) SendEnvelopeTo(conn, retry int, typ string, payload any) (string, error) {
	s.mu.Lock()
	if conn < 0 {
		conn += len(s.conns)
	}
	var c *websocket.Conn
	if conn >= 0 && conn < len(s.conns) {
		c = s.conns[conn]
	}
	s.envelope++
	id := fmt.Sprintf("env-%d", s.envelope)
	s.mu.Unlock()
	if c == nil {
		return "", ErrNoSocket
	}
	reason := ""
	if retry > 0 {
		reason = "timeout"
	}
	env := map[string]any{"type": typ, "envelope_id": id, "payload": payload,
		"accepts_response_payload": typ == "slash_commands", "retry_attempt": retry, "retry_reason": reason}
	if err := s.write(c, env); err != nil {
		return "", fmt.Errorf("slackfake: send %s envelope: %w", typ, err)
	}
	return id, nil
}

// Sockets returns how many Socket Mode connections are open.
func (s *Server) Sockets() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// DropSocket closes the open Socket Mode connections, as Slack does when
// it moves its clients, so that reconnecting can be tested.
func (s *Server) DropSocket() {
	s.mu.Lock()
	conns := s.conns
	s.conns = nil
	s.mu.Unlock()
	for _, conn := range conns {
		conn.Close()
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func readAll(r *http.Request) ([]byte, error) {
	defer r.Body.Close()
	return io.ReadAll(io.LimitReader(r.Body, 4<<20))
}
