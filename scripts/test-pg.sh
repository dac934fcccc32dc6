#!/usr/bin/env bash
# Run a command (the test suite) against a throwaway PostgreSQL 15 server: a new
# cluster in a temp dir, listening only on a unix socket, removed afterwards even
# when the command fails. As root, the server runs as the `postgres` user.
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 server binaries are missing in $PG_BIN." >&2
  echo "Run as root:  apt-get update && apt-get install -y --no-install-recommends postgresql-15" >&2
  exit 1
fi
tmp=$(mktemp -d /tmp/thanrak-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$tmp"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
"${as_pg[@]}" "$PG_BIN/initdb" -D "$tmp/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -o \
  "-c listen_addresses='' -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on socket $tmp"
export DB=postgres DB_HOST="$tmp" DB_USER=postgres DB_NAME=thanrak DB_PASSWORD="" DB_CONN_MAX_AGE=0
"$@"
