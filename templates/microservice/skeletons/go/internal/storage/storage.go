// Package storage keeps the service's items. Store is the contract the
// HTTP handlers use; OpenFromEnv returns the implementation this service
// was generated with, configured from the environment.
package storage

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sort"
)

// Item is the one resource the service manages.
type Item struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// ErrNotFound is returned when no item has the requested id.
var ErrNotFound = errors.New("item not found")

// Store keeps items. List returns them ordered by name, then id.
type Store interface {
	List(ctx context.Context) ([]Item, error)
	Get(ctx context.Context, id string) (Item, error)
	// Create stores a new item under a fresh id and returns it.
	Create(ctx context.Context, name, description string) (Item, error)
	// Update replaces the name and description of an existing item.
	Update(ctx context.Context, item Item) (Item, error)
	Delete(ctx context.Context, id string) error
	Close() error
}

// newID returns a random (version 4) UUID.
func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate id: %w", err)
	}
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// sortItems orders items as List returns them: by name, then id.
func sortItems(items []Item) {
	sort.Slice(items, func(i, j int) bool {
		if items[i].Name != items[j].Name {
			return items[i].Name < items[j].Name
		}
		return items[i].ID < items[j].ID
	})
}
