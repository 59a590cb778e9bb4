# Shared by the instance benchmarks: a private DbaaS server for one benchmark run. Sourced, never run.
# It gets its own PostgreSQL database and RabbitMQ vhost on the shared infrastructure (scripts/infra.sh), a free
# port and a temporary state directory, so it disturbs neither scripts/run.sh nor other runs; bench_down (an EXIT
# trap) deletes every instance it still has, stops the server and drops the database, the vhost and the directory.
# shellcheck shell=bash

BENCH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# shellcheck source=scripts/common.sh
. "$BENCH_REPO/scripts/common.sh"

bench_machine() {
    echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), dotnet $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# psql as the PostgreSQL superuser of the shared infrastructure (its Npgsql connection string, taken apart).
bench_psql_admin() {
    local part key value
    local -A conn=()
    IFS=';' read -ra parts <<<"$DBAAS_PG_ADMIN_CONNECTION"
    for part in "${parts[@]}"; do
        key=${part%%=*} value=${part#*=}
        conn[${key,,}]=$value
    done
    PGHOST=${conn[host]} PGPORT=${conn[port]} PGUSER=${conn[username]} PGPASSWORD=${conn[password]} \
        psql -X -q -v ON_ERROR_STOP=1 -d "${1:-postgres}" "${@:2}"
}

bench_rabbit_api() {
    # shellcheck disable=SC2154 # from infra.env
    curl -sf -u "$Messaging__RabbitMq__Username:$Messaging__RabbitMq__Password" -H 'content-type: application/json' \
        -X "$1" "http://127.0.0.1:$DBAAS_RABBIT_MGMT_PORT/api/$2" ${3:+-d "$3"}
}

bench_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# bench_up <simulated|process> [extra environment assignments...]: starts the server, sets BENCH_URL and BENCH_DIR.
# BENCH_SERVER_ENV may hold more assignments for the server, separated by spaces (e.g. DOTNET_TieredPGO=0).
bench_up() {
    local driver=$1
    shift
    # BENCH_INFRA_ENV names the infra.env of infrastructure that is already running (from another checkout).
    local infra_env=${BENCH_INFRA_ENV:-$STATE/infra.env}
    [[ -n ${BENCH_INFRA_ENV:-} ]] || "$BENCH_REPO/scripts/infra.sh" up >/dev/null
    # shellcheck disable=SC1090
    . "$infra_env"
    BENCH_ID=$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')
    BENCH_DB=bench_$BENCH_ID
    BENCH_VHOST=bench-$BENCH_ID
    BENCH_DIR=$(mktemp -d /tmp/dbaas-bench-XXXXXX)
    BENCH_PORT=$(bench_free_port)
    BENCH_URL=http://127.0.0.1:$BENCH_PORT
    trap bench_down EXIT

    # The server as scripts/run.sh runs it (publish_server), in a folder of the checkout's own that a running
    # scripts/run.sh does not use. BENCH_SERVER_DIR names another build to measure instead (e.g. the plain build
    # output, src/DbaaS.Server/bin/Release/net10.0, to compare).
    local server_dir=${BENCH_SERVER_DIR:-$STATE/bench-server}
    [[ -n ${BENCH_SERVER_DIR:-} ]] || publish_server "$server_dir"
    bench_psql_admin postgres -c "CREATE DATABASE $BENCH_DB OWNER dbaas"
    bench_rabbit_api PUT "vhosts/$BENCH_VHOST" '{}'
    bench_rabbit_api PUT "permissions/$BENCH_VHOST/$Messaging__RabbitMq__Username" '{"configure":".*","write":".*","read":".*"}'

    export BENCH_ADMIN_PASSWORD=bench-admin-$BENCH_ID BENCH_DEMO_PASSWORD=bench-demo-$BENCH_ID
    (
        export ConnectionStrings__Dbaas="${ConnectionStrings__Dbaas%%;Database=*};Database=$BENCH_DB"
        export Messaging__RabbitMq__VirtualHost=$BENCH_VHOST
        export Identity__AdminPassword=$BENCH_ADMIN_PASSWORD Identity__DemoPassword=$BENCH_DEMO_PASSWORD
        export RateLimits__HttpGetRate=0 RateLimits__HttpPostRate=0 RateLimits__HttpPutRate=0 RateLimits__HttpDeleteRate=0 RateLimits__HttpMgmtPostRate=0
        export Quotas__Defaults__instances=-1 Quotas__Defaults__volumes=-1 Quotas__Defaults__backups=-1 Quotas__Defaults__ram=-1
        export Logging__LogLevel__Default=Warning
        export_server_runtime_settings
        export Compute__Driver=$driver Compute__Process__StateDirectory=$BENCH_DIR/instances
        # Simulated guests send no heartbeats: without this the sweeper turns every instance SHUTDOWN after 15 s
        # (as the integration tests' SimulatedServersApp does too).
        [[ $driver != simulated ]] || export Conductor__HeartbeatDeadlineSeconds=86400
        local assignment
        # shellcheck disable=SC2086 # split on purpose
        set -- "$@" ${BENCH_SERVER_ENV:-}
        for assignment in "$@"; do export "${assignment?}"; done
        cd "$server_dir" || exit
        exec dotnet DbaaS.Server.dll --urls "$BENCH_URL"
    ) >"$BENCH_DIR/server.log" 2>&1 &
    BENCH_SERVER=$!
    local _
    for _ in $(seq 1 240); do
        curl -sf "$BENCH_URL/readyz" >/dev/null && return 0
        kill -0 "$BENCH_SERVER" 2>/dev/null || { tail -n 30 "$BENCH_DIR/server.log" >&2; die "the server exited"; }
        sleep 0.25
    done
    die "the server was not ready within 60 s (log: $BENCH_DIR/server.log)"
}

bench_down() {
    local rc=$?
    trap - EXIT
    if [[ -n ${BENCH_SERVER:-} ]] && kill -0 "$BENCH_SERVER" 2>/dev/null; then
        # Instances left over (a failed run) are deleted through the API, which also removes their broker users.
        python3 "$BENCH_REPO/tests/benchmarks/instances/client.py" delete-all --url "$BENCH_URL" >&2 || true
        kill "$BENCH_SERVER" 2>/dev/null
        wait "$BENCH_SERVER" 2>/dev/null || true
    fi
    # Guests of a process-driver run that did not go with their instance: found by their working directory.
    local proc pid
    for proc in /proc/[0-9]*; do
        pid=${proc#/proc/}
        [[ $(readlink "$proc/cwd" 2>/dev/null) == "$BENCH_DIR"/* ]] && kill "$pid" 2>/dev/null
    done
    if [[ -n ${BENCH_DB:-} ]]; then
        bench_psql_admin postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" || true
        bench_rabbit_api DELETE "vhosts/$BENCH_VHOST" >/dev/null || true
    fi
    if [[ -n ${BENCH_DIR:-} && -z ${BENCH_KEEP:-} ]]; then
        rm -rf "$BENCH_DIR"
    elif [[ -n ${BENCH_DIR:-} ]]; then
        log "kept $BENCH_DIR (BENCH_KEEP)"
    fi
    exit "$rc"
}
