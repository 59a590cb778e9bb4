#!/usr/bin/env bash
# CPU cost of one GET /instances?limit=20 and one GET /instances/{id}, with 1,000 instances in the project: the CPU
# microseconds the server process and this run's PostgreSQL backends spend per request, besides requests/s. Unlike
# requests/s, the cost per request hardly moves when something else loads the machine, so it is the figure to
# compare two builds with; list-show.sh gives the throughput and latency on a quiet machine.
#   tests/benchmarks/instances/read-cost.sh [duration, default 10s] [connections, default 32]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/benchmarks/instances/lib.sh
. "$here/lib.sh"
duration=${1:-10s}
connections=${2:-32}
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"

bench_up simulated
bench_machine
client=(python3 "$here/client.py")
read -r token project < <("${client[@]}" token --url "$BENCH_URL")
"${client[@]}" create-many --url "$BENCH_URL" --count 1000 --concurrency 16 >/dev/null
"${client[@]}" ids --url "$BENCH_URL" >"$BENCH_DIR/ids"

# CPU seconds (user + system) of the server and of the PostgreSQL backends serving this run's database.
cpu_seconds() {
    python3 - "$BENCH_SERVER" "$BENCH_DB" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
server, database = sys.argv[1], sys.argv[2]
def cpu(pid):
    raw = open(f"/proc/{pid}/stat").read()
    fields = raw[raw.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / hz
pg = 0.0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if f" {database} " in open(f"/proc/{pid}/cmdline").read().replace("\0", " "):
            pg += cpu(pid)
    except OSError:
        pass
print(f"{cpu(server):.2f} {pg:.2f}")
PY
}

measure() {
    local label=$1 before after requests
    shift
    wrk -t2 -c"$connections" -d3s -H "X-Auth-Token: $token" "$@" >/dev/null
    read -ra before < <(cpu_seconds)
    out=$(wrk -t2 -c"$connections" -d"$duration" --latency -H "X-Auth-Token: $token" "$@")
    read -ra after < <(cpu_seconds)
    requests=$(awk '/requests in/{print $1}' <<<"$out")
    python3 - "$label" "$requests" "${before[@]}" "${after[@]}" "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '/ 99%/{print $2}' <<<"$out")" <<'PY'
import sys
label, n, s0, p0, s1, p1, rate, p99 = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:7]), sys.argv[7], sys.argv[8]
print(f"{label}: {rate} req/s, p99 {p99}; CPU per request: server {1e6*(s1-s0)/n:.0f} us, PostgreSQL {1e6*(p1-p0)/n:.0f} us")
PY
}

measure "GET /instances?limit=20" "$BENCH_URL/v1.0/$project/instances?limit=20"
DBAAS_BENCH_IDS=$BENCH_DIR/ids DBAAS_BENCH_PREFIX="/v1.0/$project/instances/" \
    measure "GET /instances/{id}" -s "$here/show.lua" "$BENCH_URL"
