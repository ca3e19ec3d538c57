package main

import (
	"context"
	"errors"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	return errors.New("serve: not wired yet")
}

func (m *Main) postDigestNow(ctx context.Context) error {
	return errors.New("digest --post: not wired yet")
}
