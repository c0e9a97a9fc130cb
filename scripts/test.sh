#!/usr/bin/env bash
# Runs every Senim test suite. Installs what the tests need from Debian when it is missing
# (chromium for the browser tests, postgresql for the database tests, python3-aiosmtpd for the e-mail tests, openssl and node for the
# certificate authority's and labels' interop tests, Go and x/mod for the transparency-log interop
# verifier), then prints one line: "N passed, N failed".
# Extra arguments go to `dotnet test` (for example --filter-class ...).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The e-mail tests run a real SMTP server: Debian's aiosmtpd, under Debian's own python3.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if ((${#missing[@]} > 0)); then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="$(mktemp -d)"
tools="$(mktemp -d)"
pg_root=""
tlog_dir=""
cleanup() {
  if [ -n "$pg_root" ] && [ -d "$pg_root/data" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$results" "$pg_root" "$tools" "$tlog_dir"
}
trap cleanup EXIT

# A throwaway PostgreSQL cluster on a free loopback port, removed afterwards. The database tests run
# against it as well as against SQLite (SENIM_TEST_POSTGRES tells them where it is).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_bin="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")"
pg_root="$(mktemp -d)"
chmod 755 "$pg_root"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_root"; fi
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_postgres "$pg_bin/initdb" -D "$pg_root/data" -U senim --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_root/initdb.log" 2>&1 \
  || { cat "$pg_root/initdb.log"; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_root -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pg_root/server.log"; exit 1; }
export SENIM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=senim;Database=postgres;Pooling=true;Maximum Pool Size=50"
echo "PostgreSQL test cluster on 127.0.0.1:$port"

# Independent implementations the certificate authority is checked against: OpenSSL (chain and CRL
# verification) and c2pa-rs through ../shared/tools/c2pa-ref (it must trust a Senim-signed image).
# The shared folder may be read-only, so c2pa-ref is installed into a temporary copy. When a variable
# is set the tests that use it fail if the tool does not work; they only skip when it is unset.
export SENIM_TEST_OPENSSL="$(command -v openssl)"
shared_c2pa="../shared/tools/c2pa-ref"
if [ -d "$shared_c2pa" ]; then
  # verify.mjs needs import.meta.resolve: Node 20.6 or newer.
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 6) ? 0 : 1)'; then
    echo "The C2PA interop tests need Node >= 20.6; this machine has $(node --version 2>/dev/null || echo none)."
    exit 1
  fi
  cp -r "$shared_c2pa" "$tools/c2pa-ref"
  chmod -R u+w "$tools/c2pa-ref"
  rm -rf "$tools/c2pa-ref/node_modules"
  if ! (cd "$tools/c2pa-ref" && npm ci --no-audit --no-fund --loglevel=error >"$tools/npm.log" 2>&1); then
    echo "npm ci failed for c2pa-ref; its tests will fail:"; cat "$tools/npm.log"
  fi
  export SENIM_C2PA_REF="$tools/c2pa-ref"
  echo "c2pa-ref (c2pa-rs reference tools) in $SENIM_C2PA_REF"
else
  echo "No $shared_c2pa beside the repository: the c2pa-rs interop test will be skipped."
fi

# Go's checksum-database packages (sumdb/note, sumdb/tlog) as an independent verifier of the
# ledger's checkpoints, proofs and tiles: built offline from Debian's golang-go and
# golang-golang-x-mod-dev (its build.sh installs them when missing) into a temporary folder, since
# ../shared may be read-only. SENIM_TLOG_VERIFY tells the interop tests where it is; if it did not
# build, they fail rather than skip.
shared_tlog="$(cd .. && pwd)/shared/tools/tlog-verify"
if [ -d "$shared_tlog" ]; then
  tlog_dir="$(mktemp -d)"
  cp -r "$shared_tlog/." "$tlog_dir/"
  chmod -R u+w "$tlog_dir"
  bash "$tlog_dir/build.sh" >"$tlog_dir/build.log" 2>&1 || { cat "$tlog_dir/build.log"; echo "tlog-verify did not build: the ledger interop tests will fail."; }
  export SENIM_TLOG_VERIFY="$tlog_dir/tlog-verify"
  echo "Go reference verifier: $SENIM_TLOG_VERIFY"
else
  echo "No ../shared/tools/tlog-verify beside the repository: the ledger interop tests will be skipped."
fi

set +e
dotnet test --solution Senim.slnx --results-directory "$results" --report-xunit-ctrf --ignore-exit-code 8 "$@"
code=$?
set -e

passed=0
failed=0
reports=0
for report in "$results"/*.ctrf; do
  [ -e "$report" ] || continue
  reports=$((reports + 1))
  summary="$(grep -o '"summary":{[^}]*}' "$report" | head -n 1)"
  p="$(grep -o '"passed":[0-9]*' <<<"$summary" | cut -d: -f2)"
  f="$(grep -o '"failed":[0-9]*' <<<"$summary" | cut -d: -f2)"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed or did not build writes no report: count it as a failure.
  failed=1
  echo "dotnet test exited with code $code without a failing test in the reports ($reports report(s)); see the output above."
fi

echo "$passed passed, $failed failed"
exit "$code"
