#!/usr/bin/env bash
# Long-running fuzzing of Senim.Signatures with AFL++ and SharpFuzz (the test suite mutates 10,000 files in
# seconds; this runs for as long as you give it). Installs afl++ (Debian) and the sharpfuzz tool when
# missing, makes an NCA-shaped test PKI and seed signatures with openssl, instruments Senim.Signatures.dll
# and runs afl-fuzz. Findings land in $out/default/crashes and hangs.
# Usage: bash fuzz/signatures/run.sh [SECONDS] [OUT_DIR]      (default 600 s, ./fuzz-out/signatures)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="${2:-$repo/fuzz-out/signatures}"
tools="$repo/fuzz/.tools"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
fi
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null

dotnet publish "$repo/fuzz/Senim.Signatures.Fuzz" -c Release -o "$out/bin" -v quiet -nologo >/dev/null
rm -rf "$out/seed" && dotnet "$out/bin/Senim.Signatures.Fuzz.dll" --seed "$out/seed"
"$tools/sharpfuzz" "$out/bin/Senim.Signatures.dll"

# AFL_SKIP_BIN_CHECK: the instrumentation is in Senim.Signatures.dll, not in the dotnet host afl-fuzz starts.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
timeout --preserve-status "$seconds" afl-fuzz -i "$out/seed/corpus" -o "$out" -t 10000 -m none -- dotnet "$out/bin/Senim.Signatures.Fuzz.dll" "$out/seed" || true
[ -f "$out/default/fuzzer_stats" ] || { echo "afl-fuzz did not start; see its output above"; exit 1; }
grep -E "execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs" "$out/default/fuzzer_stats"
echo "crashes: $(find "$out/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l), hangs: $(find "$out/default/hangs" -type f 2>/dev/null | wc -l)"
