#!/usr/bin/env bash
# Runs every Senim test suite. Installs what the tests need from Debian when it is missing
# (chromium for the browser tests, postgresql for the database tests), then prints one line:
# "N passed, N failed". Extra arguments go to `dotnet test` (for example --filter-class ...).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if ((${#missing[@]} > 0)); then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

set +e
dotnet test --solution Senim.slnx --results-directory "$results" --report-xunit-ctrf "$@"
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
