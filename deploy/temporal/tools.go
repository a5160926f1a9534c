//go:build tools

// The Temporal server and its SQL schema tool, pinned by go.mod/go.sum here: the project builds
// both from this module (libs/local-stack ensureTemporalServer, and Dockerfile in this folder).
package tools

import (
	_ "go.temporal.io/server/cmd/server"
	_ "go.temporal.io/server/cmd/tools/sql"
)
