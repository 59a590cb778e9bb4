#!/usr/bin/env bash
# 1,000 POST /instances sent as fast as the API takes them, with the SIMULATED compute driver
# (Compute:Driver=simulated: no processes and no engines; the guests answer at once), so what is measured is the
# control plane alone: API (validation, quota reservation, row + task + outbox in one transaction), the outbox relay,
# the taskmanager's create workflow (including the guest's broker account, created for real through the RabbitMQ
# management API), and the status the API derives. Time until every POST was answered 200, then until every instance
# shows ACTIVE in the list.
#   tests/benchmarks/instances/create-burst.sh [count, default 1000] [concurrency, default 32]
# Each run starts its own server on an empty database.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/benchmarks/instances/lib.sh
. "$here/lib.sh"
count=${1:-1000}
concurrency=${2:-32}

bench_up simulated
bench_machine
client=(python3 "$here/client.py")
# One create and delete first, unmeasured: JIT and connection pools warm, as on a server that has been up a while.
"${client[@]}" create-many --url "$BENCH_URL" --count 1 --concurrency 1 >/dev/null
"${client[@]}" delete-all --url "$BENCH_URL"
echo "== $count creates from $concurrency concurrent clients (python3 threads, urllib, one token), simulated servers"
"${client[@]}" create-many --url "$BENCH_URL" --count "$count" --concurrency "$concurrency"
echo "== deleting them"
start=$(date +%s.%N)
"${client[@]}" delete-all --url "$BENCH_URL"
echo "all $count deleted (DELETE sent by 16 threads, then gone from the list) in $(echo "$(date +%s.%N) - $start" | bc) s"
