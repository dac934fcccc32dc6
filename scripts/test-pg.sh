#!/usr/bin/env bash
# Run a command (the test suite) against a throwaway PostgreSQL 15 server: a new
# cluster in a temp dir, listening only on a unix socket, removed afterwards even
# when the command fails. As root, the server runs as the `postgres` user.
set -euo pipefail
. "$(dirname "$0")/pg-throwaway.sh"
trap pg_throwaway_stop EXIT INT TERM
pg_throwaway_start
"$@"
