#!/usr/bin/env bash
# End-to-end figures for the label endpoints of the web host (docs/PERFORMANCE.md, "Labels through the web API").
#   bash bench/labels/web.sh
# Starts Senim.Web (Release) on 127.0.0.1:5082 with a fresh SQLite database and demo data in a temporary
# folder, signs in as owner@demo.senim.kz with curl, creates an API token, then:
#   1. signs a 320×200 PNG and a 5 MB JPEG 20 times each through POST /api/v1/labels (median wall time per request),
#   2. runs wrk (2 threads, 16 connections, 20 s) against POST /api/v1/labels/verify with the signed PNG,
#   3. prints the server's peak resident memory (VmHWM).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
port=5082
base="http://127.0.0.1:$port"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
dotnet build "$root/src/Senim.Web" -c Release -v q >/dev/null
web_dll="$root/src/Senim.Web/bin/Release/net10.0/Senim.Web.dll"
mkdir -p "$work/data"
cd "$root/src/Senim.Web"
dotnet "$web_dll" --urls "$base" \
    --Senim:Database:ConnectionString="Data Source=$work/data/senim.db" --Senim:Files="$work/data/files" \
    --Senim:RateLimits:PublicPerSecond=100000 --Senim:RateLimits:SignInPerMinute=1000 >"$work/server.log" 2>&1 &
server_pid=$!
cd "$root"
for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done

jar="$work/cookies"
form_token() { curl -s -b "$jar" -c "$jar" "$1" | python3 -c 'import re,sys; t=sys.stdin.read(); m=re.search(r"__RequestVerificationToken[^>]*value=\"([^\"]+)\"", t); print(m.group(1))'; }
csrf="$(form_token "$base/account/sign-in")"
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=owner@demo.senim.kz" --data-urlencode "password=Demo-password-1" \
  --data-urlencode "__RequestVerificationToken=$csrf" "$base/account/sign-in"
csrf="$(form_token "$base/account/tokens")"
api_token="$(curl -s -b "$jar" -c "$jar" --data-urlencode "name=bench" --data-urlencode "scopes=read" --data-urlencode "scopes=write" \
  --data-urlencode "days=1" --data-urlencode "__RequestVerificationToken=$csrf" "$base/account/tokens?handler=Create" \
  | python3 -c 'import re,sys; print(re.search(r"id=\"token-secret\">([^<]+)<", sys.stdin.read()).group(1))')"
number="$(curl -s "$base/api/v1/register?q=drafting" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["register_number"])')"

python3 - "$work" <<'PY'
import os, random, struct, sys, zlib
work = sys.argv[1]
def png(w, h, seed):
    random.seed(seed)
    raw = b"".join(b"\x00" + bytes(random.getrandbits(8) for _ in range(w * 3)) for _ in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")
open(os.path.join(work, "small.png"), "wb").write(png(320, 200, 1))
open(os.path.join(work, "big.png"), "wb").write(png(1300, 1300, 2))
PY

measure() {
  local file="$1" type="$2" query="$3" times=()
  for _ in $(seq 1 20); do
    times+=("$(curl -s -o "$work/out" -w '%{time_total}' -H "Authorization: Bearer $api_token" -H "Content-Type: $type" \
      --data-binary "@$file" "$base/api/v1/labels?system=$number$query")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n '10p'
}
echo "file sizes: small $(stat -c %s "$work/small.png") B, big $(stat -c %s "$work/big.png") B"
echo "sign small PNG (median of 20, s): $(measure "$work/small.png" image/png "")"
echo "sign small PNG with visible notice (median of 20, s): $(measure "$work/small.png" image/png "&visible=true")"
echo "sign 5 MB PNG (median of 20, s): $(measure "$work/big.png" image/png "")"
curl -s -o "$work/signed.png" -H "Authorization: Bearer $api_token" -H "Content-Type: image/png" --data-binary "@$work/small.png" "$base/api/v1/labels?system=$number"
curl -s --data-binary "@$work/signed.png" "$base/api/v1/labels/verify" | python3 -c 'import json,sys; print("verify verdict:", json.load(sys.stdin)["verdict"])'
cat >"$work/verify.lua" <<LUA
wrk.method = "POST"
local f = io.open("$work/signed.png", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "image/png"
LUA
wrk -t2 -c16 -d20s --latency -s "$work/verify.lua" "$base/api/v1/labels/verify" | grep -E 'Requests/sec|50%|99%|Non-2xx' || true
echo "server peak RSS: $(grep VmHWM "/proc/$server_pid/status" | tr -s ' ')"
