// Package discordfake is a local stand-in for Discord on 127.0.0.1: the REST
// routes nieuwsbot calls and a gateway that speaks the real wire format
// (HELLO, IDENTIFY, READY, RESUME, heartbeats, dispatches). It records what
// the client sends, on channels, so tests wait for it instead of sleeping.
//
// Point a client at it with discord.Config{APIURL: srv.URL}.
package discordfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/gorilla/websocket"
)

// Identify is an IDENTIFY (op 2) or RESUME (op 6) the gateway received.
type Identify struct {
	Resume    bool
	Token     string
	Intents   int
	SessionID string // RESUME only
}

// Call is a write request the REST side received.
type Call struct {
	Kind      string // "message", "commands", "callback", "edit", "followup", "delete"
	Method    string
	Path      string
	ChannelID string // "message" only
	Token     string // the Authorization header
	Body      json.RawMessage
}

// Message is the part of a message body tests look at.
type Message struct {
	Content         string            `json:"content"`
	Embeds          []json.RawMessage `json:"embeds"`
	Flags           int               `json:"flags"`
	AllowedMentions *struct {
		Parse       []string `json:"parse"`
		Users       []string `json:"users"`
		Roles       []string `json:"roles"`
		RepliedUser bool     `json:"replied_user"`
	} `json:"allowed_mentions"`
	Reference *struct {
		MessageID       string `json:"message_id"`
		ChannelID       string `json:"channel_id"`
		FailIfNotExists *bool  `json:"fail_if_not_exists"`
	} `json:"message_reference"`
}

// Message decodes the call's body as a message (message, edit, follow-up).
func (c Call) Message() (Message, error) {
	var m Message
	if err := json.Unmarshal(c.Body, &m); err != nil {
		return m, fmt.Errorf("discordfake: decode %s body: %w", c.Kind, err)
	}
	return m, nil
}

// Server is a fake Discord. Create it with New and stop it with Close.
type Server struct {
	// URL is the base URL of the REST API, e.g. "http://127.0.0.1:40123".
	URL string
	// BotID, AppID and SessionID go into READY.
	BotID, AppID, SessionID string

	// Identifies receives every IDENTIFY and RESUME, after READY or
	// RESUMED has been sent in answer.
	Identifies chan Identify
	// Calls receives every recorded REST write.
	Calls chan Call
	// Closed receives a value when a gateway connection ends.
	Closed chan struct{}

	hs       *httptest.Server
	upgrader websocket.Upgrader

	mu       sync.Mutex
	conn     *gatewayConn
	seq      int
	failures int // answer the next message POSTs with 500
	members  map[string][]string
	nextID   int
}

type gatewayConn struct {
	ws *websocket.Conn
	wm sync.Mutex
}

func (g *gatewayConn) write(v any) error {
	g.wm.Lock()
	defer g.wm.Unlock()
	return g.ws.WriteJSON(v)
}

// New starts a fake Discord on a free port of 127.0.0.1 with the given bot
// user and application ids.
func New(botID, appID string) *Server {
	s := newServer(botID, appID)
	s.hs = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.hs.URL
	return s
}

// Listen starts a fake Discord on addr, e.g. "127.0.0.1:9999", for manual
// runs against a nieuwsbot whose discord.api_url points there.
func Listen(addr, botID, appID string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("discordfake: listen %s: %w", addr, err)
	}
	s := newServer(botID, appID)
	s.hs = &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(s.serve)}}
	s.hs.Start()
	s.URL = s.hs.URL
	return s, nil
}

func newServer(botID, appID string) *Server {
	return &Server{
		BotID: botID, AppID: appID, SessionID: "fake-session-1",
		Identifies: make(chan Identify, 64),
		Calls:      make(chan Call, 1024),
		Closed:     make(chan struct{}, 64),
		members:    map[string][]string{},
	}
}

// Close drops the gateway connection and stops the server.
func (s *Server) Close() {
	s.Drop()
	s.hs.CloseClientConnections()
	s.hs.Close()
}

// FailMessages makes the next n message POSTs answer 500.
func (s *Server) FailMessages(n int) {
	s.mu.Lock()
	s.failures = n
	s.mu.Unlock()
}

// SetMember makes GET /guilds/{guild}/members/{user} answer with roles.
func (s *Server) SetMember(guildID, userID string, roles []string) {
	s.mu.Lock()
	s.members[guildID+"/"+userID] = roles
	s.mu.Unlock()
}

// Dispatch sends a dispatch event (op 0) of type t with payload d on the
// current gateway connection.
func (s *Server) Dispatch(t string, d any) error {
	s.mu.Lock()
	c := s.conn
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if c == nil {
		return errors.New("discordfake: dispatch " + t + ": no gateway connection")
	}
	return c.write(map[string]any{"op": 0, "s": seq, "t": t, "d": d})
}

// Drop closes the gateway connection abruptly, as a network failure would.
func (s *Server) Drop() {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	s.mu.Unlock()
	if c != nil {
		c.ws.NetConn().Close()
	}
}

// serve upgrades "/" to the gateway and answers the REST routes, recording
// their writes on Calls.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" && websocket.IsWebSocketUpgrade(r) {
		s.gateway(w, r)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	body, _ := io.ReadAll(r.Body)
	call := Call{Method: r.Method, Path: r.URL.Path, Token: r.Header.Get("Authorization"), Body: body}
	switch {
	case r.Method == http.MethodGet && path == "/gateway":
		writeJSON(w, http.StatusOK, map[string]string{"url": "ws://" + r.Host})
		return
	case r.Method == http.MethodGet && len(parts) == 4 && parts[0] == "guilds" && parts[2] == "members":
		s.getMember(w, parts[1], parts[3])
		return
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		s.postMessage(w, call, parts[1])
		return
	case r.Method == http.MethodPut && len(parts) == 3 && parts[0] == "applications" && parts[2] == "commands":
		s.putCommands(w, call, parts[1])
		return
	case r.Method == http.MethodPost && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		call.Kind = "callback"
		s.Calls <- call
		w.WriteHeader(http.StatusNoContent)
		return
	case len(parts) == 5 && parts[0] == "webhooks" && parts[3] == "messages" && parts[4] == "@original":
		switch r.Method {
		case http.MethodPatch:
			call.Kind = "edit"
			s.Calls <- call
			writeJSON(w, http.StatusOK, map[string]any{"id": "8001"})
			return
		case http.MethodDelete:
			call.Kind = "delete"
			s.Calls <- call
			w.WriteHeader(http.StatusNoContent)
			return
		}
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "webhooks":
		call.Kind = "followup"
		s.Calls <- call
		if r.URL.Query().Get("wait") == "true" {
			writeJSON(w, http.StatusOK, map[string]any{"id": "8002"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"code": 0, "message": "404: Not Found"})
}

// getMember answers GET /guilds/{guild}/members/{user} with the roles
// SetMember gave, or 404 Unknown Member.
func (s *Server) getMember(w http.ResponseWriter, guildID, userID string) {
	s.mu.Lock()
	roles, ok := s.members[guildID+"/"+userID]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"code": 10007, "message": "Unknown Member"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": map[string]any{"id": userID, "bot": true}, "roles": roles})
}

// postMessage answers a message POST to channelID: with 500 while
// FailMessages says so, otherwise by recording call and returning the new
// message's id.
func (s *Server) postMessage(w http.ResponseWriter, call Call, channelID string) {
	s.mu.Lock()
	fail := s.failures > 0
	if fail {
		s.failures--
	}
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	if fail {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"code": 0, "message": "500: Internal Server Error"})
		return
	}
	call.Kind, call.ChannelID = "message", channelID
	s.Calls <- call
	writeJSON(w, http.StatusOK, map[string]any{"id": fmt.Sprint(9000 + id), "channel_id": channelID})
}

// putCommands answers a PUT of application appID's commands: it records
// call and returns the commands with ids.
func (s *Server) putCommands(w http.ResponseWriter, call Call, appID string) {
	call.Kind = "commands"
	s.Calls <- call
	var cmds []map[string]any
	_ = json.Unmarshal(call.Body, &cmds)
	for i, c := range cmds {
		c["id"] = fmt.Sprint(7000 + i)
		c["application_id"] = appID
	}
	writeJSON(w, http.StatusOK, cmds)
}

// gateway serves one websocket connection until it ends.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gatewayConn{ws: ws}
	defer func() {
		ws.Close()
		s.mu.Lock()
		if s.conn == c {
			s.conn = nil
		}
		s.mu.Unlock()
		s.Closed <- struct{}{}
	}()
	if err := c.write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}); err != nil {
		return
	}
	for {
		var f struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		switch f.Op {
		case 1:
			if c.write(map[string]any{"op": 11}) != nil {
				return
			}
		case 2:
			var d struct {
				Token   string `json:"token"`
				Intents int    `json:"intents"`
			}
			_ = json.Unmarshal(f.D, &d)
			s.mu.Lock()
			s.conn = c
			s.seq = 1
			s.mu.Unlock()
			ready := map[string]any{
				"v": 9, "session_id": s.SessionID,
				"user":        map[string]any{"id": s.BotID, "username": "nieuwsbot", "bot": true},
				"application": map[string]any{"id": s.AppID},
				"guilds":      []any{},
			}
			if c.write(map[string]any{"op": 0, "s": 1, "t": "READY", "d": ready}) != nil {
				return
			}
			s.Identifies <- Identify{Token: d.Token, Intents: d.Intents}
		case 6:
			var d struct {
				Token     string `json:"token"`
				SessionID string `json:"session_id"`
			}
			_ = json.Unmarshal(f.D, &d)
			s.mu.Lock()
			s.conn = c
			s.seq++
			seq := s.seq
			s.mu.Unlock()
			if c.write(map[string]any{"op": 0, "s": seq, "t": "RESUMED", "d": map[string]any{}}) != nil {
				return
			}
			s.Identifies <- Identify{Resume: true, Token: d.Token, SessionID: d.SessionID}
		}
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
