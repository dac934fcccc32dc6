# Sourced by scripts/test-pg.sh and scripts/bench-national.sh: a throwaway PostgreSQL 15
# cluster in a temp dir, listening only on a unix socket in that dir.
#   pg_throwaway_start   sets PG_TMP and exports DB=postgres DB_HOST DB_USER DB_NAME ...
#   pg_throwaway_stop    stops the server and removes the dir (safe to call twice)
# As root, the server runs as the `postgres` user (initdb refuses root).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_TMP=""
PG_AS=()

pg_throwaway_start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL 15 server binaries are missing in $PG_BIN." >&2
    echo "Run as root:  apt-get update && apt-get install -y --no-install-recommends postgresql-15" >&2
    return 1
  fi
  PG_TMP=$(mktemp -d /tmp/thanrak-pg.XXXXXX)
  PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_TMP"
    PG_AS=(runuser -u postgres --)
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >/dev/null
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -o \
    "-c listen_addresses='' -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_OPTIONS:-}" \
    start >/dev/null
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on socket $PG_TMP" >&2
  export DB=postgres DB_HOST="$PG_TMP" DB_USER=postgres DB_NAME=thanrak DB_PASSWORD="" DB_CONN_MAX_AGE=0
}

pg_throwaway_stop() {
  [ -n "$PG_TMP" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=""
}
