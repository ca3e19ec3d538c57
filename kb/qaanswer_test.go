package kb

import (
	"context"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// qaAnswer answers a question from db through the answering engine, as the
// product does.
func qaAnswer(ctx context.Context, db *DB, question string) (bot.Answer, error) {
	e, err := qa.New(db.QA())
	if err != nil {
		return bot.Answer{}, err
	}
	return e.Answer(ctx, question)
}
