#!/usr/bin/env bash
# `make bench-national`: the national data set on a throwaway PostgreSQL 15, page timings,
# page weight and a 60-second mixed load on gunicorn. Figures go to stdout as
# `name: value unit`, everything else to stderr. Stops what it started, even on failure.
#
#   BENCH_USERS=20 BENCH_SPAWN_RATE=5 BENCH_RUN_TIME=60s  the load (locust, headless)
#   BENCH_REQUESTS=20                                      measured requests per page
#   NATIONAL_ARGS="--scale 1 --seed 1"                     options of manage.py national_data
#   BENCH_DATA=demo                                        areas and the demo only (the
#                                                          national/demo ratio), kept apart
#
# The loaded database is kept as var/bench-national/national.dump (pg_dump) with the
# uploaded files beside it in var/bench-national/media; national.dump.key holds a hash of
# the demo and national generators and NATIONAL_ARGS: when it differs the data is loaded
# anew (newer migrations are applied to a restored dump). Delete the folder to force it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-throwaway.sh

PY=${PY:-.venv/bin/python}
OUT=var/bench-national
BENCH_DATA=${BENCH_DATA:-national}
case "$BENCH_DATA" in national | demo) ;; *) echo "BENCH_DATA is national or demo" >&2; exit 2 ;; esac
DUMP=$OUT/$BENCH_DATA.dump
MEDIA=$OUT/media
[ "$BENCH_DATA" = demo ] && MEDIA=$OUT/demo-media
USERS=${BENCH_USERS:-20}
SPAWN_RATE=${BENCH_SPAWN_RATE:-5}
RUN_TIME=${BENCH_RUN_TIME:-60s}
WORKERS=${BENCH_GUNICORN_WORKERS:-4}
NATIONAL_ARGS=${NATIONAL_ARGS:-}
mkdir -p "$OUT"

# Production settings (DEBUG off), served over plain HTTP on 127.0.0.1 without the TLS
# proxy. Two-step verification is off for the run: a load test cannot type
# authenticator codes (MFA_REQUIRED_ROLES=" ").
export DEBUG=0 SECRET_KEY=bench-national-secret-key-not-for-production-0123456789abcdef
export ALLOWED_HOSTS=127.0.0.1,localhost,testserver SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
export MFA_REQUIRED_ROLES=" " MEDIA_ROOT="$PWD/$MEDIA" LOG_LEVEL=WARNING
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

gunicorn_pid=""
cleanup() {
  if [ -n "$gunicorn_pid" ]; then
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  pg_throwaway_stop
}
trap cleanup EXIT INT TERM
# A bigger cache than PostgreSQL's default 128 MB for a million activities. No parallel
# query: on two cores busy with the app's processes, starting workers for a page's query
# costs more than it saves (README, Production).
PG_OPTIONS="-c shared_buffers=512MB -c work_mem=16MB -c max_parallel_workers_per_gather=0" \
  pg_throwaway_start
# Each app process keeps its database connection between requests (DB_CONN_MAX_AGE,
# 60 s unless set): the pages are measured so too, not with a new connection each.
export DB_CONN_MAX_AGE=60
psql=("$PG_BIN/psql" -h "$DB_HOST" -U postgres -q)
"${psql[@]}" -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null

# Migrations added since the dump was made are applied to it after the restore.
key=$( { cat thanrak/demo/*.py thanrak/demo/management/commands/*.py
         echo "$BENCH_DATA $NATIONAL_ARGS"; } | sha256sum | cut -c1-16)
if [ -f "$DUMP" ] && [ "$(cat "$DUMP.key" 2>/dev/null)" = "$key" ]; then
  echo "Restoring $DUMP" >&2
  "$PG_BIN/pg_restore" -j2 -h "$DB_HOST" -U postgres -d "$DB_NAME" --no-owner "$DUMP"
  $PY manage.py migrate --noinput -v0
else
  echo "Loading areas, the demo and the national data (cached afterwards in $DUMP)" >&2
  rm -rf "$DUMP" "$DUMP.key" "$MEDIA"
  $PY manage.py migrate --noinput -v0
  $PY manage.py load_areas >&2
  $PY manage.py load_demo >&2
  if [ "$BENCH_DATA" = demo ]; then
    echo "note: BENCH_DATA=demo: measuring on areas + the demo" >&2
  elif $PY manage.py help national_data >/dev/null 2>&1; then
    # shellcheck disable=SC2086  # NATIONAL_ARGS is a list of options
    $PY manage.py national_data $NATIONAL_ARGS >&2
  else
    echo "note: manage.py national_data is not there: measuring on areas + the demo" >&2
  fi
  "${psql[@]}" -d "$DB_NAME" -c "VACUUM ANALYZE" >/dev/null
  "$PG_BIN/pg_dump" -Fc -h "$DB_HOST" -U postgres -f "$DUMP.tmp" "$DB_NAME"
  mv "$DUMP.tmp" "$DUMP"
  echo "$key" > "$DUMP.key"
fi
"${psql[@]}" -d "$DB_NAME" -c "ANALYZE" >/dev/null

# Static files as production serves them (WhiteNoise, compressed, hashed names).
$PY manage.py collectstatic --noinput -v0

$PY -m bench.national pages
$PY -m bench.national accounts > "$OUT/accounts.json"

port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -f "$OUT/gunicorn.log"
# As README "Production" runs it: --preload loads the app (config/wsgi.py warm_up) once
# before the workers fork, instead of in each worker on its first requests.
DB_CONN_MAX_AGE=60 .venv/bin/gunicorn config.wsgi --preload -w "$WORKERS" -b "127.0.0.1:$port" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
gunicorn_pid=$!
for _ in $(seq 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$gunicorn_pid" 2>/dev/null || { echo "gunicorn stopped: see $OUT/gunicorn.log" >&2; exit 1; }
  sleep 0.2
done
echo "gunicorn ($WORKERS workers) on http://127.0.0.1:$port/" >&2

$PY -m bench.weight "http://127.0.0.1:$port" "$OUT/accounts.json"

echo "locust: $USERS users, spawn rate $SPAWN_RATE/s, $RUN_TIME" >&2
rm -f "$OUT"/locust_*.csv
BENCH_ACCOUNTS="$OUT/accounts.json" .venv/bin/locust -f bench/locustfile.py --headless \
  --host "http://127.0.0.1:$port" --users "$USERS" --spawn-rate "$SPAWN_RATE" \
  --run-time "$RUN_TIME" --stop-timeout 5 --csv "$OUT/locust" --only-summary \
  --exit-code-on-error 0 --loglevel WARNING >"$OUT/locust.log" 2>&1 \
  || { cat "$OUT/locust.log" >&2; exit 1; }
cat "$OUT/locust.log" >&2
$PY - "$OUT/locust_stats.csv" <<'EOF'
import csv
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    total = next(row for row in csv.DictReader(f) if row["Name"] == "Aggregated")
print(f"load_rps: {float(total['Requests/s']):.1f} req/s")
print(f"load_p95_ms: {float(total['95%']):.0f} ms")
print(f"load_errors: {int(total['Failure Count'])} requests")
print(f"load_requests: {int(total['Request Count'])} requests")
EOF
