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
source "$repo/fuzz/lib.sh"
fuzz_tools

dotnet publish "$repo/fuzz/Senim.Signatures.Fuzz" -c Release -o "$out/bin" -v quiet -nologo >/dev/null
# Seeds and the verifier's trust (made before instrumenting: the instrumented library only runs under afl-fuzz).
rm -rf "$out/seed" && dotnet "$out/bin/Senim.Signatures.Fuzz.dll" --seed "$out/seed"
"$tools/sharpfuzz" "$out/bin/Senim.Signatures.dll"

fuzz_run "$seconds" "$out" "$out/seed/corpus" "$out/bin/Senim.Signatures.Fuzz.dll" "$out/seed"
