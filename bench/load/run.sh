#!/usr/bin/env bash
# Load test of the public register with wrk (Debian package `wrk`).
#   bench/load/run.sh sqlite 100000        # SQLite file in a temporary folder
#   bench/load/run.sh postgres 10000       # a throwaway PostgreSQL cluster on a loopback port
#   CACHES=0 bench/load/run.sh sqlite 10000   # only with the output cache off (default: 5 s, then off)
#   WARMUP=20s DURATION=30s                    # warm-up and measurement per endpoint (defaults)
#   Senim__RegisterSearch__InProcessIndex=true bench/load/run.sh sqlite 100000
#                                              # search text through the in-process index (docs/search.md)
#   REQUESTS=1000000 ENDPOINTS=statistics bench/load/run.sh sqlite 100000
#                                              # also seed M citizens' requests; measure only some endpoint groups
#                                              # (register, log, statistics; default: all)
# Seeds N systems with `senim demo seed`, starts Senim (Release) on 127.0.0.1:5081, warms up, then
# runs `wrk -t2 -c32 -d30s --latency` per endpoint with random ids, a fixed set of search terms, and varied searches
# (search-varied.lua: one or two words of the register's own vocabulary, some in another form or with a typo).
# The warm-up (20 s per endpoint) lets tiered compilation finish; the background integrity check is off
# while measuring (its own cost is measured separately, see docs/PERFORMANCE.md).
# Prints one markdown table row per endpoint (requests/s, p50, p99, non-2xx).
set -euo pipefail
provider="${1:-sqlite}"
systems="${2:-10000}"
duration="${DURATION:-30s}"
warmup="${WARMUP:-20s}"
caches="${CACHES:-5 0}"      # output-cache seconds to measure with; 0 switches the cache off
connections="${CONNECTIONS:-32}"   # wrk's open connections (-c)
requests="${REQUESTS:-0}"    # citizens' requests to seed beside the systems (the statistics page's facts)
endpoints="${ENDPOINTS:-register log statistics}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
port=5081
server_pid=""
pg_bin=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  if [ -n "$pg_bin" ] && [ -d "$work/pg" ]; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
dotnet build "$root/src/Senim.Cli" -c Release -v q >/dev/null
dotnet build "$root/src/Senim.Web" -c Release -v q >/dev/null

if [ "$provider" = "postgres" ]; then
  pg_bin="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")"
  chmod 755 "$work"; [ "$(id -u)" -eq 0 ] && chown postgres "$work"
  pg_port=55500
  while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  as_postgres "$pg_bin/initdb" -D "$work/pg" -U senim --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $work -c shared_buffers=512MB -c max_connections=200" start >/dev/null
  as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U senim senim
  # A pool of 4 connections per core of the database server (here the same 2 cores); see docs/web.md.
  connection="Host=127.0.0.1;Port=$pg_port;Username=senim;Database=senim;Maximum Pool Size=8"
else
  connection="Data Source=$work/senim.db"
fi

echo "Seeding $systems systems on $provider..." >&2
seed_start=$(date +%s.%N)
(cd "$work" && "$root/src/Senim.Cli/bin/Release/net10.0/senim" demo seed --systems "$systems" --requests "$requests" --provider "$provider" --connection "$connection" --law-dir "$root/law" | tail -n 1) >&2
seed_end=$(date +%s.%N)
echo "Seeded in $(echo "$seed_end - $seed_start" | bc) s" >&2
if [ "$provider" = "postgres" ]; then as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U senim -d senim -qc "VACUUM ANALYZE" >/dev/null; fi

run() {
  local name="$1"; shift
  wrk -t2 -c"$connections" -d"$warmup" "$@" >/dev/null 2>&1 || true    # warm-up
  local out; out="$(wrk -t2 -c"$connections" -d"$duration" --latency "$@" 2>&1)"
  local rps p50 p95 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p95="$(awk '$1=="p95" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$provider" "$systems" "$([ "$cache" = 0 ] && echo off || echo "${cache} s")" "$name" "$rps" "$p50" "${p95:--}" "$p99" "${errors:-0}"
}

start_server() {
  (cd "$root/src/Senim.Web" && exec env Senim__Database__Provider="$provider" Senim__Database__ConnectionString="$connection" Senim__Demo__Seed=false \
    Senim__LawDir="$root/law" Senim__Files="$work/files" Senim__Log__KeyFile="$work/data/log/signing.key" Senim__Log__IntegrityMinutes=0 Senim__RateLimits__PublicPerSecond=10000000 Senim__PublicCacheSeconds="$cache" Logging__LogLevel__Default=Warning \
    dotnet bin/Release/net10.0/Senim.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 1; done
  echo "Senim did not start; its log:" >&2; cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

base="http://127.0.0.1:$port"
echo "| database | systems | cache | endpoint | req/s | p50 | p95 | p99 | non-2xx |"
echo "|---|---:|---|---|---:|---:|---:|---:|---:|"
for cache in $caches; do
  start_server
  if [ ! -s "$work/ids.txt" ]; then
    curl -s "$base/register.csv" | tail -n +2 | cut -d, -f1 > "$work/ids.txt"
    echo "$(wc -l < "$work/ids.txt") public entries" >&2
  fi
  export SENIM_IDS="$work/ids.txt"
  if [ ! -s "$work/words.txt" ]; then
    # The register's own vocabulary, for varied searches: every word of four letters or more in the export.
    curl -s "$base/register.csv" | LC_ALL=C.UTF-8 grep -oP '\p{L}{4,}' | sort -u > "$work/words.txt"
  fi
  export SENIM_WORDS="$work/words.txt"
  if [[ " $endpoints " == *" register "* ]]; then
    run "one system by id (API)" -s "$here/by-id.lua" "$base" -- /api/v1/register/
    run "one system by id (page)" -s "$here/by-id.lua" "$base" -- /register/
    run "full-text search (API)" -s "$here/search.lua" "$base" -- "/api/v1/register?q="
    run "full-text search (page)" -s "$here/search.lua" "$base" -- "/register?q="
    run "varied search (API)" -s "$here/search-varied.lua" "$base" -- "/api/v1/register?q="
    run "varied search (page)" -s "$here/search-varied.lua" "$base" -- "/register?q="
    run "first page of the list (API)" -s "$here/p95.lua" "$base/api/v1/register"
    run "first page of the list (page)" -s "$here/p95.lua" "$base/register"
  fi
  if [[ " $endpoints " == *" log "* ]]; then
    # The log's public events (/log and its API): varied searches, kinds and cursors (log-events.lua).
    SENIM_LOG_SIZE="$(curl -s "$base/log/checkpoint" | sed -n 2p)"
    export SENIM_LOG_SIZE
    run "log events: search, kind, cursor (API)" -s "$here/log-events.lua" "$base" -- /api/v1/log/events
    run "log events: search, kind, cursor (page)" -s "$here/log-events.lua" "$base" -- /log
  fi
  if [[ " $endpoints " == *" statistics "* ]]; then
    # The public statistics: one page of every chart, read from the pre-counted days (ADR 0025).
    run "statistics (page, $requests requests)" -s "$here/p95.lua" "$base/statistics"
    run "statistics (API, $requests requests)" -s "$here/p95.lua" "$base/api/v1/statistics"
  fi
  stop_server
done
