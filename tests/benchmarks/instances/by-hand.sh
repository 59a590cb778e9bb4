#!/usr/bin/env bash
# The physical limit for create → ACTIVE: the time to initialise and start each engine by hand on this machine, with
# the recipes of /work/shared/reference/infra-facts.md, from an empty directory to a server that answers, with a
# database and a user created (Redis: until PONG). No control plane, no guest agent.
#   tests/benchmarks/instances/by-hand.sh [runs, default 10] [engines..., default mariadb postgresql redis]
# Prints one line per run and one summary line per engine: median [min–max] in seconds.
set -euo pipefail
runs=${1:-10}
shift || true
engines=("${@:-mariadb}")
(($# > 0)) || engines=(mariadb postgresql redis)
PGBIN=/usr/lib/postgresql/15/bin

now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
waitgone() { while kill -0 "$1" 2>/dev/null; do sleep 0.02; done; }

mariadb_run() {
    local dir=$1 port pid
    port=$(free_port)
    mkdir -p "$dir/tmp" && chown -R mysql:mysql "$dir"
    mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" --tmpdir="$dir/tmp" \
        --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
    mariadbd --no-defaults --user=mysql --datadir="$dir/data" --tmpdir="$dir/tmp" --port="$port" --bind-address=127.0.0.1 \
        --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" --innodb-buffer-pool-size=128M \
        --skip-name-resolve </dev/null >/dev/null 2>&1 &
    pid=$!
    until mariadb-admin --no-defaults -S "$dir/mysqld.sock" -uroot ping >/dev/null 2>&1; do sleep 0.05; done
    mariadb --no-defaults -S "$dir/mysqld.sock" -uroot \
        -e "ALTER USER root@localhost IDENTIFIED BY 'rootpw'; CREATE DATABASE app; CREATE USER app@'%' IDENTIFIED BY 'apppw'; GRANT ALL ON app.* TO app@'%';"
    STOP_PID=$pid
}

postgresql_run() {
    local dir=$1 port
    port=$(free_port)
    mkdir -p "$dir" && chown postgres:postgres "$dir"
    echo superpw >"$dir/pw" && chown postgres "$dir/pw" && chmod 600 "$dir/pw"
    runuser -u postgres -- $PGBIN/initdb -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/pw" >"$dir/initdb.log" 2>&1
    runuser -u postgres -- $PGBIN/pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    psql -X -q -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE app LOGIN PASSWORD 'apppw'" -c "CREATE DATABASE appdb OWNER app"
    STOP_PID=$(head -1 "$dir/data/postmaster.pid")
}

redis_run() {
    local dir=$1 port pid
    port=$(free_port)
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize no --logfile "$dir/redis.log" \
        --save "" --appendonly no --requirepass pw </dev/null >/dev/null 2>&1 &
    pid=$!
    until [[ $(redis-cli -p "$port" -a pw --no-auth-warning ping 2>/dev/null) == PONG ]]; do sleep 0.01; done
    STOP_PID=$pid
}

echo "machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), load $(cut -d' ' -f1-3 /proc/loadavg)"
for engine in "${engines[@]}"; do
    times=()
    for run in $(seq 1 "$runs"); do
        dir=$(mktemp -d "/tmp/dbaas-byhand-$engine-XXXXXX")
        chmod 755 "$dir"
        t0=$(now)
        "${engine}_run" "$dir"
        t1=$(now)
        kill -TERM "$STOP_PID"
        waitgone "$STOP_PID"
        rm -rf "$dir"
        elapsed=$(echo "$t1 - $t0" | bc)
        times+=("$elapsed")
        printf '%s run %d: %.3f s\n' "$engine" "$run" "$elapsed"
    done
    printf '%s\n' "${times[@]}" | python3 -c '
import statistics, sys
t = [float(x) for x in sys.stdin]
print(f"{sys.argv[1]} by hand: median {statistics.median(t):.3f} s [{min(t):.3f}–{max(t):.3f}] ({len(t)} runs)")' "$engine"
done
