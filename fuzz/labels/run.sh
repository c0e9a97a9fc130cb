#!/usr/bin/env bash
# Long-running fuzzing of Senim.Labels with AFL++ and SharpFuzz (the in-test mutation run covers 100,000
# inputs in seconds; this one runs for as long as you give it). Installs afl++ (Debian) and the sharpfuzz
# tool when missing, instruments Senim.Labels.dll, seeds the corpus with the shared C2PA samples and
# small files Senim signs, and runs afl-fuzz. Findings land in $out/default/crashes and hangs.
# Usage: bash fuzz/labels/run.sh [SECONDS] [OUT_DIR]      (default 600 s, ./fuzz-out)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="${2:-$repo/fuzz-out}"
tools="$repo/fuzz/.tools"
source "$repo/fuzz/lib.sh"
fuzz_tools

dotnet publish "$repo/fuzz/Senim.Labels.Fuzz" -c Release -o "$out/bin" -v quiet -nologo >/dev/null
# Seeds: small files Senim signs (a JPEG, a PNG, an edited JPEG with two manifests, a sidecar).
# (made before instrumenting: the instrumented library only runs under afl-fuzz).
rm -rf "$out/corpus" && dotnet "$out/bin/Senim.Labels.Fuzz.dll" --seed "$out/corpus"
"$tools/sharpfuzz" "$out/bin/Senim.Labels.dll"

fuzz_run "$seconds" "$out" "$out/corpus" "$out/bin/Senim.Labels.Fuzz.dll"
