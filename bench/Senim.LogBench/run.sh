#!/usr/bin/env bash
# Durable batched appends to the register's transparency log on SQLite and on a throwaway PostgreSQL cluster.
#   bench/Senim.LogBench/run.sh [ENTRIES] [BATCH]      (defaults 200000 and 1000)
# Builds the bench in Release, runs SQLite (WAL with synchronous=NORMAL, the register's setting, and FULL), then
# initdb's a cluster on a free loopback port (fsync on, the default synchronous_commit=on) and runs PostgreSQL.
set -euo pipefail
entries="${1:-200000}"
batch="${2:-1000}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pg_bin=""
cleanup() {
  if [ -n "$pg_bin" ] && [ -d "$work/pg" ]; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dotnet build "$here" -c Release -v q >/dev/null
bench=(dotnet "$here/bin/Release/net10.0/Senim.LogBench.dll")
echo "machine: $(nproc) cores, $(uptime)"
"${bench[@]}" sqlite --entries "$entries" --batch "$batch" --synchronous NORMAL
"${bench[@]}" sqlite --entries "$entries" --batch "$batch" --synchronous FULL

pg_bin="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")"
chmod 755 "$work"; [ "$(id -u)" -eq 0 ] && chown postgres "$work"
pg_port=55600
while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
as_postgres "$pg_bin/initdb" -D "$work/pg" -U senim --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $work -c shared_buffers=256MB" start >/dev/null
as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U senim senim
"${bench[@]}" postgres "Host=127.0.0.1;Port=$pg_port;Username=senim;Database=senim" --entries "$entries" --batch "$batch"
echo "after: $(uptime)"
