#!/usr/bin/env bash
# GET /instances?limit=20 and GET /instances/{id} under load, with 20, 1,000 and 5,000 instances in one project, to
# show that a page costs the same however many instances the project has. The instances are created through the
# API with the simulated compute driver (Compute:Driver=simulated: no processes, guests answer at once), which
# changes nothing on the read path: the same rows, the same queries.
#   tests/benchmarks/instances/list-show.sh [duration, default 20s] [connections, default 32] [sizes, default "20 1000 5000"]
# Each figure: wrk -t2 -c<connections> -d<duration> --latency, three runs after a 5 s warm-up. Rate limits are off.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/benchmarks/instances/lib.sh
. "$here/lib.sh"
duration=${1:-20s}
connections=${2:-32}
read -ra sizes <<<"${3:-20 1000 5000}"
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"

bench_up simulated
bench_machine
client=(python3 "$here/client.py")
read -r token project < <("${client[@]}" token --url "$BENCH_URL")
ids=$BENCH_DIR/ids

measure() {
    local label=$1
    shift
    wrk -t2 -c"$connections" -d5s -H "X-Auth-Token: $token" "$@" >/dev/null
    for run in 1 2 3; do
        echo "-- $label, run $run (wrk -t2 -c$connections -d$duration --latency)"
        wrk -t2 -c"$connections" -d"$duration" --latency -H "X-Auth-Token: $token" "$@" |
            grep -E 'Requests/sec|Latency  | 50%| 99%|requests in|Non-2xx|Socket errors'
    done
}

have=0
for size in "${sizes[@]}"; do
    "${client[@]}" create-many --url "$BENCH_URL" --count $((size - have)) --concurrency 16 >/dev/null
    have=$size
    echo "== $size instances in the project ($(bench_machine | sed 's/.*load/load/'))"
    measure "GET /instances?limit=20" "$BENCH_URL/v1.0/$project/instances?limit=20"
    if [[ $size -eq 1000 ]]; then
        "${client[@]}" ids --url "$BENCH_URL" >"$ids"
        DBAAS_BENCH_IDS=$ids DBAAS_BENCH_PREFIX="/v1.0/$project/instances/" \
            measure "GET /instances/{id} (every id in turn)" -s "$here/show.lua" "$BENCH_URL"
    fi
done
echo "== the list's query plan with ${sizes[-1]} instances (EXPLAIN ANALYZE of the first page, as InstanceService.ListAsync runs it)"
bench_psql_admin "$BENCH_DB" -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM instances WHERE project_id = '$project' AND NOT deleted ORDER BY created, id LIMIT 21"
