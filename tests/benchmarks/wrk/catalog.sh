#!/usr/bin/env bash
# Load test of the catalog reads (GET /flavors and GET /datastores with a valid token) and of login.
# Starts its own Release server on DBAAS_BENCH_PORT (default 8780) over the private infrastructure,
# with rate limits off (they would answer 413 long before the server is saturated), runs wrk, stops it.
#   tests/benchmarks/wrk/catalog.sh [duration, default 20s] [connections, default 32]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
duration=${1:-20s}
connections=${2:-32}
port=${DBAAS_BENCH_PORT:-8780}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
scripts/infra.sh up >/dev/null
# shellcheck disable=SC1091
. .state/infra.env
dotnet build src/DbaaS.Server -c Release -v q -nologo >/dev/null

export Identity__AdminPassword=bench-admin-password Identity__DemoPassword=bench-demo-password
export RateLimits__HttpGetRate=0 Logging__LogLevel__Default=Warning
(cd src/DbaaS.Server/bin/Release/net10.0 && exec dotnet DbaaS.Server.dll --urls "http://127.0.0.1:$port") >/tmp/dbaas-bench-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

login='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"bench-demo-password"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}'
headers=$(curl -sf -D - -o /tmp/dbaas-bench-token.json -H 'Content-Type: application/json' -d "$login" "http://127.0.0.1:$port/v3/auth/tokens")
token=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
project=$(python3 -c 'import json;print(json.load(open("/tmp/dbaas-bench-token.json"))["token"]["project"]["id"])')

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), dotnet $(dotnet --version)"
for path in flavors datastores; do
    url="http://127.0.0.1:$port/v1.0/$project/$path"
    # Warm up JIT and caches first; only the second run is reported.
    wrk -t2 -c"$connections" -d5s -H "X-Auth-Token: $token" "$url" >/dev/null
    echo "== GET /v1.0/{tenant}/$path  (wrk -t2 -c$connections -d$duration --latency)"
    wrk -t2 -c"$connections" -d"$duration" --latency -H "X-Auth-Token: $token" "$url" | grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx'
done
# Login is deliberately slow (PBKDF2-SHA256, Identity:PasswordHashIterations) and writes a token row.
echo "== POST /v3/auth/tokens  (wrk -t2 -c4 -d10s --latency)"
DBAAS_BENCH_DEMO_PASSWORD=$Identity__DemoPassword wrk -t2 -c4 -d10s --latency -s tests/benchmarks/wrk/login.lua \
    "http://127.0.0.1:$port/v3/auth/tokens" | grep -E 'Requests/sec|50%|99%|requests in|Non-2xx'
echo "(the catalog figures are the second run of each URL, after a 5 s warm-up; rate limits were off)"
