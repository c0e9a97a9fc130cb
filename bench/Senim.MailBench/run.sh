#!/usr/bin/env bash
# The outbox's delivery rate to a local SMTP server (Debian's python3-aiosmtpd on a free loopback port, writing each
# message to a temporary folder, as the tests' server does).
#   bench/Senim.MailBench/run.sh [MESSAGES] [BATCH]      (defaults 2000 and 50)
set -euo pipefail
messages="${1:-2000}"
batch="${2:-50}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
smtpd=""
cleanup() {
  if [ -n "$smtpd" ]; then kill "$smtpd" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "needs Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd)"; exit 1; }
port=2525
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
PYTHONPATH="$root/tests/Senim.Web.Tests/Mail" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c smtp_sink.Sink "$work/mail" &
smtpd=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
dotnet build "$here" -c Release -v q >/dev/null
echo "machine: $(nproc) cores, $(uptime)"
dotnet "$here/bin/Release/net10.0/Senim.MailBench.dll" "$port" --messages "$messages" --batch "$batch"
echo "received: $(find "$work/mail" -name '*.eml' | wc -l) files; after: $(uptime)"
