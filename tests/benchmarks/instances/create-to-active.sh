#!/usr/bin/env bash
# POST /instances → ACTIVE per engine with the process compute driver and the published (trimmed, single-file) guest
# agent, beside the time to initialise and start the same engine by hand (by-hand.sh, run just before, so both see
# the same machine); then the guest agent's own figures in an ACTIVE MariaDB instance: resident memory after 10 s
# idle, and process start → first heartbeat.
#   tests/benchmarks/instances/create-to-active.sh [runs, default 10] [engines..., default mariadb postgresql redis]
# Each run: log in once, POST, poll GET /instances/{id} every 50 ms until ACTIVE, DELETE and wait for 404. An admin
# poller notes when the create task's step changes (GET /mgmt/instances/{id}); the guest's log gives its side.
# One mariadb instance is created and deleted first, unmeasured, to warm up the server (JIT) and the page cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/benchmarks/instances/lib.sh
. "$here/lib.sh"
runs=${1:-10}
shift || true
engines=(mariadb postgresql redis)
(($# > 0)) && engines=("$@")

publish_guest_agent
bench_up process "Compute__Process__GuestAgentCommand=$GUEST_AGENT" \
    Logging__LogLevel__DbaaS=Information "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff "
bench_machine
client=(python3 "$here/client.py")
state=$BENCH_DIR/instances
results=${BENCH_RESULTS:-$(mktemp -d /tmp/dbaas-bench-results-XXXXXX)}
mkdir -p "$results"
echo "every run, as JSON: $results"

"${client[@]}" create-to-active --url "$BENCH_URL" --engine mariadb --runs 1 --no-steps >/dev/null
for engine in "${engines[@]}"; do
    echo "== $engine"
    "$here/by-hand.sh" "$runs" "$engine" | tail -n 1
    "${client[@]}" create-to-active --url "$BENCH_URL" --engine "$engine" --runs "$runs" --state-dir "$state" \
        --json "$results/create-$engine.json" | tail -n 1
    python3 - "$results/create-$engine.json" <<'EOF'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))["runs"]
def med(values):
    values = [v for v in values if v is not None]
    return f"{statistics.median(values):.3f}" if values else "-"
def at(r, *path):
    for p in path:
        r = (r or {}).get(p)
    return r
print("  medians, seconds after the POST (control plane: task step first seen, 50 ms polling; guest: its log):")
print(f"  POST answered {med([r['accepted_s'] for r in runs])} | broker account {med([at(r,'steps','broker account') for r in runs])}"
      f" | server {med([at(r,'steps','server') for r in runs])} | guest prepare step {med([at(r,'steps','guest prepare') for r in runs])}")
print(f"  guest process start {med([at(r,'guest','process_start') for r in runs])} | log 'starting' {med([at(r,'guest','starting') for r in runs])}"
      f" | connected {med([at(r,'guest','connected') for r in runs])} | first heartbeat {med([at(r,'guest','first_heartbeat') for r in runs])}"
      f" | prepare started {med([at(r,'guest','prepare_started') for r in runs])} | engine started {med([at(r,'guest','engine_started') for r in runs])}"
      f" | prepare done {med([at(r,'guest','prepare_done') for r in runs])} | ACTIVE seen {med([r['active_s'] for r in runs])}")
print(f"  guest process start → first heartbeat: {med([at(r,'guest','start_to_first_heartbeat') for r in runs])} s"
      f" [{min(at(r,'guest','start_to_first_heartbeat') or 9e9 for r in runs):.3f}–{max(at(r,'guest','start_to_first_heartbeat') or 0 for r in runs):.3f}]")
EOF
done

echo "== guest agent in an ACTIVE mariadb instance"
id=$("${client[@]}" create-to-active --url "$BENCH_URL" --engine mariadb --hold --state-dir "$state" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["id"]); print("start → first heartbeat:", r["guest"]["start_to_first_heartbeat"], "s", file=sys.stderr)')
pid=$(cut -d' ' -f1 "$state/$id/guest.pid")
sleep 10
echo "guest agent RSS after 10 s idle: $(ps -o rss= -p "$pid" | awk '{printf "%.1f MB", $1/1024}') (pid $pid: $(ps -o args= -p "$pid" | cut -d' ' -f1))"
# Shared_Clean: pages of files (the executable, libc, libcrypto) that every guest on the machine shares.
grep -E '^(Rss|Pss|Shared_Clean|Private_Clean|Private_Dirty|Anonymous):' "/proc/$pid/smaps_rollup" | tr -s ' ' | paste -sd' '
echo "resident memory by mapping (kB, largest first):"
awk '/^[0-9a-f]+-[0-9a-f]+ /{name = NF >= 6 ? $6 : "[anonymous]"} /^Rss:/{rss[name] += $2}
     END {for (n in rss) if (rss[n] >= 256) printf "  %6d %s\n", rss[n], n}' "/proc/$pid/smaps" | sort -rn | head -12
# bench_down deletes it with the rest.
