package main

import (
	"context"

	"github.com/nieuwsbot/nieuwsbot/cmd/internal/knowledge"
)

// openKnowledge opens the knowledge base (see openDB) with the answering
// engine over it.
func (m *Main) openKnowledge(ctx context.Context) (*knowledge.Base, error) {
	db, err := m.openDB(ctx)
	if err != nil {
		return nil, err
	}
	return knowledge.New(db)
}
