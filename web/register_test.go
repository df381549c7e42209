package web

import "github.com/kotablitar/ruas/roads/sqlitestore"

// The SQLite store is a complete Register; a second engine adds its own
// line here.
var (
	_ Register = (*sqlitestore.Store)(nil)
	_ Watch    = (*sqlitestore.Watch)(nil)
)
