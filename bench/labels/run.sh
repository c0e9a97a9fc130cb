#!/usr/bin/env bash
# Label throughput, side by side: Senim and c2pa-rs (WebAssembly build, @contentauth/c2pa-wasm 0.13.3)
# sign and verify the same JPEGs of about 4 KB, each on one thread, round by round in one run
# (bench/labels/compare.mjs drives both): a cold first round, warm-up until the rounds agree, then the
# steady state. Then Senim signs 5 and 50 MB PNGs under /usr/bin/time to show its peak memory.
# Needs Node >= 20.6, npm and openssl. Run it on a quiet machine: on a busy one the warm-up may not settle.
# Usage: bash bench/labels/run.sh   (from anywhere in the repository; FILES=20000 and ROUND=1000 by default)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files="${FILES:-20000}"
export ROUND="${ROUND:-1000}"

mkdir -p "$work/tool"
cp -r "$repo/../shared/tools/c2pa-ref/." "$work/tool/"
chmod -R u+w "$work/tool"
(cd "$work/tool" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
bash "$work/tool/make-test-pki.sh" "$work/pki" >/dev/null

dotnet build "$repo/bench/Senim.Benchmarks" -c Release -v quiet -nologo >/dev/null
bench=(dotnet "$repo/bench/Senim.Benchmarks/bin/Release/net10.0/Senim.Benchmarks.dll" labels)
"${bench[@]}" make "$work/in" "$files"
echo "machine: $(nproc) cores; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

pki="$work/pki"
node "$repo/bench/labels/compare.mjs" "$work/tool" "$pki/es256-leaf-key.pem" "$pki/es256-chain.pem" "$pki/root.pem" "$work/in" \
  -- "${bench[@]}" worker "$pki/es256-leaf-key.pem" "$pki/es256-chain.pem" "$pki/root.pem" "$work/in"

for mb in 5 50; do
  "${bench[@]}" make-big "$work/big.png" "$mb"
  /usr/bin/time -f "senim: peak resident memory %M KB signing a $(du -m "$work/big.png" | cut -f1) MB PNG, %e s" \
    "${bench[@]}" sign-big "$work/pki/es256-leaf-key.pem" "$work/pki/es256-chain.pem" "$work/big.png" "$work/big.label.png" >/dev/null
done
