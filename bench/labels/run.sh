#!/usr/bin/env bash
# Label throughput, side by side: Senim and c2pa-rs (WebAssembly build, @contentauth/c2pa-wasm 0.13.3)
# sign the same 200 JPEGs of about 4 KB and verify the results, each on one thread; then Senim signs a
# 50 MB PNG under /usr/bin/time to show its peak memory. Needs Node >= 20.6, npm and openssl.
# Usage: bash bench/labels/run.sh   (from anywhere in the repository)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$repo/../shared/tools/c2pa-ref/." "$work/tool/" 2>/dev/null || { mkdir -p "$work/tool" && cp -r "$repo/../shared/tools/c2pa-ref/." "$work/tool/"; }
chmod -R u+w "$work/tool"
(cd "$work/tool" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
bash "$work/tool/make-test-pki.sh" "$work/pki" >/dev/null

dotnet build "$repo/bench/Senim.Benchmarks" -c Release -v quiet -nologo >/dev/null
bench=(dotnet "$repo/bench/Senim.Benchmarks/bin/Release/net10.0/Senim.Benchmarks.dll" labels)
"${bench[@]}" make "$work/in" 200
echo "200 JPEGs, $(du -b "$work/in" | cut -f1) bytes in all; machine load: $(cut -d' ' -f1-3 /proc/loadavg)"

"${bench[@]}" sign-verify "$work/pki/es256-leaf-key.pem" "$work/pki/es256-chain.pem" "$work/pki/root.pem" "$work/in" "$work/senim"
node "$repo/bench/labels/c2pa-wasm-bench.mjs" "$work/tool" "$work/pki/es256-leaf-key.pem" "$work/pki/es256-chain.pem" "$work/pki/root.pem" "$work/in" "$work/wasm"

for mb in 5 50; do
  "${bench[@]}" make-big "$work/big.png" "$mb"
  /usr/bin/time -f "senim: peak resident memory %M KB signing a $(du -m "$work/big.png" | cut -f1) MB PNG, %e s" \
    "${bench[@]}" sign-big "$work/pki/es256-leaf-key.pem" "$work/pki/es256-chain.pem" "$work/big.png" "$work/big.label.png" >/dev/null
done
