#!/usr/bin/env bash
# The guest agent's own figures only, as the end of create-to-active.sh measures them, without the engine timings:
# for each run, one ACTIVE MariaDB instance, 10 s idle, then its guest's RSS, smaps_rollup, threads and process
# start → first heartbeat; the instance is deleted before the next run (so no other guest shares its pages).
#   tests/benchmarks/instances/guest-memory.sh [runs, default 3]
# GUEST_AGENT_COMMAND runs another agent build or a wrapper (e.g. one that sets DOTNET_ variables), default the
# published agent. BENCH_GUEST_MAPPINGS=1 also prints resident memory by mapping; BENCH_GUEST_SMAPS=<path> keeps
# each run's /proc/<pid>/smaps as <path>.<run>.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/benchmarks/instances/lib.sh
. "$here/lib.sh"
runs=${1:-3}

publish_guest_agent
command=${GUEST_AGENT_COMMAND:-$GUEST_AGENT}
bench_up process "Compute__Process__GuestAgentCommand=$command" \
    Logging__LogLevel__DbaaS=Information "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff "
client=(python3 "$here/client.py")
state=$BENCH_DIR/instances
echo "agent: $command ($(stat -c %s "$GUEST_AGENT") bytes published)"

# Warm-up, unmeasured: the server's JIT and the page cache.
"${client[@]}" create-to-active --url "$BENCH_URL" --engine mariadb --runs 1 --no-steps >/dev/null
for run in $(seq 1 "$runs"); do
    record=$("${client[@]}" create-to-active --url "$BENCH_URL" --engine mariadb --hold --no-steps --state-dir "$state")
    id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$record")
    first=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["guest"]["start_to_first_heartbeat"])' "$record")
    pid=$(cut -d' ' -f1 "$state/$id/guest.pid")
    sleep 10
    rollup=$(awk '/^(Rss|Pss|Shared_Clean|Private_Dirty|Anonymous):/{printf "%s %.1f ", $1, $2/1024}' "/proc/$pid/smaps_rollup")
    echo "run $run: RSS $(ps -o rss= -p "$pid" | awk '{printf "%.1f", $1/1024}') MB | $rollup(MB) | threads $(ls "/proc/$pid/task" | wc -l) | start → first heartbeat $first s"
    if [[ -n ${BENCH_GUEST_MAPPINGS:-} ]]; then
        awk '/^[0-9a-f]+-[0-9a-f]+ /{name = NF >= 6 ? $6 : "[anonymous]"} /^Rss:/{rss[name] += $2}
             END {for (n in rss) if (rss[n] >= 256) printf "  %6d %s\n", rss[n], n}' "/proc/$pid/smaps" | sort -rn | head -12
    fi
    [[ -z ${BENCH_GUEST_SMAPS:-} ]] || cp "/proc/$pid/smaps" "$BENCH_GUEST_SMAPS.$run"
    "${client[@]}" delete-all --url "$BENCH_URL" --timeout 60 2>/dev/null
    sleep 1
done
