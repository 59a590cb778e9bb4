#!/usr/bin/env bash
# 1,000 POST /instances sent as fast as the API takes them, with the SIMULATED compute driver
# (Compute:Driver=simulated: no processes and no engines; the guests answer at once), so what is measured is the
# control plane alone: API (validation, quota reservation, row + task + outbox in one transaction), the outbox relay,
# the taskmanager's create workflow (including the guest's broker account, created for real through the RabbitMQ
# management API), and the status the API derives. Time until every POST was answered 200, then until every instance
# shows ACTIVE in the list.
#   tests/benchmarks/instances/create-burst.sh [count, default 1000] [concurrency, default 32]
# Each run starts its own server on an empty database and sends three bursts (see the end); between and after them
# every instance is deleted through the API (which also removes the guests' broker users). BENCH_BURSTS=1 sends
# only the first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/benchmarks/instances/lib.sh
. "$here/lib.sh"
count=${1:-1000}
concurrency=${2:-32}

bench_up simulated
bench_machine
client=(python3 "$here/client.py")
# One create and delete first, unmeasured: the first request's one-off costs (connection pools, catalog) are paid.
"${client[@]}" create-many --url "$BENCH_URL" --count 1 --concurrency 1 >/dev/null
"${client[@]}" delete-all --url "$BENCH_URL"
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
machine_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
# The benchmark database's own counters (pg_stat_database); the statistics collector lags by up to 0.5 s.
db_counters() {
    sleep 0.6
    bench_psql_admin postgres -Atc "SELECT xact_commit, tup_inserted, tup_updated FROM pg_stat_database WHERE datname = '$BENCH_DB'" | tr '|' ' '
}
server_pid=$BENCH_SERVER # lib.sh exec's dotnet in the subshell: this is the server itself

burst() {
    echo "== $1: $count creates from $concurrency concurrent clients (python3 threads, urllib, one token), simulated servers"
    local before busy0 total0 busy1 total1 burst samples=$BENCH_DIR/waits-$2
    before=$(cpu_seconds "$server_pid")
    read -r busy0 total0 < <(machine_busy)
    python3 "$here/cpu.py" snapshot >"$BENCH_DIR/cpu-before.json"
    local db_before db_after
    db_before=$(db_counters)
    "${client[@]}" create-many --url "$BENCH_URL" --count "$count" --concurrency "$concurrency" &
    burst=$!
    # With BENCH_SAMPLE_WAITS=1: what the server's database sessions wait on meanwhile, sampled every 100 ms from
    # pg_stat_activity. Off by default: ten psql a second cost CPU that the burst would otherwise have had.
    : >"$samples"
    while [[ ${BENCH_SAMPLE_WAITS:-0} == 1 ]] && kill -0 "$burst" 2>/dev/null; do
        bench_psql_admin postgres -Atc "SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') || ' (' || state || ')'
            FROM pg_stat_activity WHERE datname = '$BENCH_DB' AND state <> 'idle'" >>"$samples" 2>/dev/null || true
        sleep 0.1
    done
    wait "$burst"
    read -r busy1 total1 < <(machine_busy)
    db_after=$(db_counters)
    echo "CPU by process name during the burst: $(python3 "$here/cpu.py" since "$BENCH_DIR/cpu-before.json")"
    echo "server CPU during the burst: $(echo "$(cpu_seconds "$server_pid") - $before" | bc) s; both cores $(( 100 * (busy1 - busy0) / (total1 - total0) ))% busy"
    python3 -c 'import sys; b, a, n = sys.argv[1].split(), sys.argv[2].split(), int(sys.argv[3]); d = [int(y) - int(x) for x, y in zip(b, a)]
print(f"per create, in the server'"'"'s database: {d[0] / n:.1f} commits, {d[1] / n:.1f} rows inserted, {d[2] / n:.1f} rows updated")' \
        "$db_before" "$db_after" "$count"
    if [[ -s $samples ]]; then
        echo "busy database sessions, by what they waited on (share of $(wc -l <"$samples") samples):"
        sort "$samples" | uniq -c | sort -rn | head -n 5 | awk -v n="$(wc -l <"$samples")" '{c=$1; $1=""; printf "  %5.1f%% %s\n", 100*c/n, $0}'
    fi
    local start
    start=$(date +%s.%N)
    "${client[@]}" delete-all --url "$BENCH_URL"
    echo "all $count deleted (DELETE sent by 16 threads, then gone from the list) in $(echo "$(date +%s.%N) - $start" | bc) s"
}
# The first burst meets a server that has just started (its code still being compiled, tier 0 first); the later
# ones meet the same server warmer, as a server that has been up a while.
burst "first burst, server just started" 1
((${BENCH_BURSTS:-3} < 2)) || burst "second burst, same server" 2
((${BENCH_BURSTS:-3} < 3)) || burst "third burst, same server" 3
