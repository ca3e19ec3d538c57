// Package knowledge wires what the bot asks of a knowledge base: the store
// of package kb for search, digests and overviews, and the answering engine
// of package qa over it for answers.
package knowledge

import (
	"context"
	"fmt"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// Base is the knowledge base with its answering engine.
type Base struct {
	*kb.DB
	Engine *qa.Engine
}

var _ bot.KB = (*Base)(nil)

// New puts the answering engine over db.
func New(db *kb.DB) (*Base, error) {
	e, err := qa.New(db.QA())
	if err != nil {
		return nil, fmt.Errorf("answering engine: %w", err)
	}
	return &Base{DB: db, Engine: e}, nil
}

// Answer answers a question through the engine.
func (b *Base) Answer(ctx context.Context, question string) (bot.Answer, error) {
	return b.Engine.Answer(ctx, question)
}
