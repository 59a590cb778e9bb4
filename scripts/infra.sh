#!/usr/bin/env bash
# Private PostgreSQL 15 and RabbitMQ 3.10 for the DbaaS control plane, without systemd or Docker.
#   scripts/infra.sh up | down [--purge] | status
# See scripts/README.md for the variables, ports and files.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_PORT=${DBAAS_PG_PORT:-25432}
RABBIT_PORT=${DBAAS_RABBIT_PORT:-25700}
# Derived from the AMQP port so that a second instance only needs a different DBAAS_RABBIT_PORT.
RABBIT_DIST_PORT=$((RABBIT_PORT + 1))
EPMD_PORT=$((RABBIT_PORT + 2))
RABBIT_MGMT_PORT=${DBAAS_RABBIT_MGMT_PORT:-$((RABBIT_PORT + 3))}
CTL_DIST_MIN=$((RABBIT_PORT + 10))
CTL_DIST_MAX=$((RABBIT_PORT + 19))

PGBIN=/usr/lib/postgresql/15/bin
RMQBIN=/usr/lib/rabbitmq/bin
RMQ_DIR=$STATE/rabbitmq
RMQ_NODE=dbaas@localhost   # @localhost: no dependency on `hostname -s` resolving
MARKER=$STATE/.dbaas-infra
SECRETS=$STATE/secrets.env
ENV_FILE=$STATE/infra.env

# ---------------------------------------------------------------- helpers

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# A pid counts as ours only while it runs and its command line names our state: pids get reused.
pid_alive() {
    local pid=$1 expect=$2 stat
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]] || return 1
    local cmd
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ $cmd == *"$expect"* ]]
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Waits until the pid is gone or a zombie (PID 1 here reaps orphans late).
wait_pid_exit() {
    local pid=$1 expect=$2 secs=$3 i
    for ((i = 0; i < secs * 10; i++)); do
        pid_alive "$pid" "$expect" || return 0
        sleep 0.1
    done
    return 1
}

read_pid() { head -n1 "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- PostgreSQL

# The cluster lives in $STATE/postgres unless the postgres user cannot reach it (a state dir under a
# private home, say) or the socket path would exceed the 107-byte limit: then in /var/tmp, with a
# symlink left in the state dir so that `down --purge` finds it.
resolve_pg_dir() {
    PG_DIR=$STATE/postgres
    if [[ -L $PG_DIR ]]; then
        PG_DIR=$(readlink -f "$PG_DIR")
        return
    fi
    [[ -d $PG_DIR || ! -d $STATE ]] && return
    local sock="$PG_DIR/.s.PGSQL.$PG_PORT.lock"
    if ((${#sock} > 100)) || { ((EUID == 0)) && ! runuser -u postgres -- test -x "$STATE"; }; then
        local alt
        alt=/var/tmp/dbaas-postgres-$(printf '%s' "$STATE" | sha1sum | cut -c1-12)
        mkdir -p "$alt"
        ln -sfn "$alt" "$PG_DIR"
        log "postgres: $STATE is not reachable by the postgres user or too long a path; cluster in $alt"
        PG_DIR=$alt
    fi
}

# initdb and pg_ctl refuse to run as root.
as_pg() {
    if ((EUID == 0)); then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pg_pid() { read_pid "$PG_DIR/data/postmaster.pid"; }
pg_running() { pid_alive "$(pg_pid)" "$PG_DIR/data"; }

pg_psql() {
    psql -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1
}

# After a crash the lock files name a pid that is a zombie for a while (PID 1 reaps late) or, after a
# reboot, someone else's: the postmaster would refuse to start. They can go once no process of the
# old cluster is left; every postgres process has the data dir as its cwd.
remove_stale_pg_locks() {
    local data=$PG_DIR/data i p left
    for ((i = 0; i < 100; i++)); do
        left=
        for p in /proc/[0-9]*; do
            if [[ $(readlink "$p/cwd" 2>/dev/null) == "$data" ]]; then
                left=${p#/proc/}
                break
            fi
        done
        [[ -n $left ]] || break
        sleep 0.1
    done
    [[ -z $left ]] || die "postgres: pid $left of the old cluster still runs in $data"
    rm -f "$data/postmaster.pid" "$PG_DIR"/.s.PGSQL.*.lock
}

start_postgres() {
    local t0
    t0=$(now)
    mkdir -p "$PG_DIR"
    ((EUID == 0)) && chown postgres:postgres "$PG_DIR"
    # The socket uses trust auth: only its owner (and root) may reach it.
    chmod 700 "$PG_DIR"
    if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
        rm -rf "$PG_DIR/data" # what a failed initdb left behind would block the retry
        (umask 077 && printf '%s\n' "$PG_SUPER_PASSWORD" >"$PG_DIR/pwfile")
        ((EUID == 0)) && chown postgres "$PG_DIR/pwfile"
        # --pwfile=<(...) fails after runuser: the fd belongs to root. Hence a real file.
        if ! as_pg "$PGBIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PG_DIR/pwfile" \
            >"$PG_DIR/initdb.log" 2>&1; then
            rm -f "$PG_DIR/pwfile"
            tail -n 20 "$PG_DIR/initdb.log" >&2
            die "postgres: initdb failed (log: $PG_DIR/initdb.log)"
        fi
        rm -f "$PG_DIR/pwfile"
    elif [[ -f $PG_DIR/data/postmaster.pid ]]; then
        remove_stale_pg_locks
    fi
    # Close the lock fd: a server that inherits it would hold the lock for its whole life.
    if ! as_pg "$PGBIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" \
        start >/dev/null 9>&-; then
        tail -n 20 "$PG_DIR/server.log" >&2
        die "postgres: start failed (log: $PG_DIR/server.log)"
    fi
    # Run at every start, not only after initdb: converges a half-provisioned cluster and keeps
    # the passwords in step with secrets.env.
    pg_psql <<SQL
ALTER ROLE postgres PASSWORD '$PG_SUPER_PASSWORD';
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dbaas') THEN CREATE ROLE dbaas; END IF;
END \$\$;
ALTER ROLE dbaas LOGIN CREATEDB PASSWORD '$PG_APP_PASSWORD';
SELECT 'CREATE DATABASE dbaas OWNER dbaas'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'dbaas') \gexec
SQL
    # The path clients use: TCP with scram.
    PGPASSWORD=$PG_APP_PASSWORD psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U dbaas -d dbaas -tAc 'select 1' >/dev/null ||
        die "postgres: TCP login as dbaas failed"
    log "postgres: up on 127.0.0.1:$PG_PORT, pid $(pg_pid) ($(elapsed "$t0") s)"
}

stop_postgres() {
    local pid
    pid=$(pg_pid)
    if ! pid_alive "$pid" "$PG_DIR/data"; then
        log "postgres: not running"
        return 0
    fi
    as_pg "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null
    wait_pid_exit "$pid" "$PG_DIR/data" 30 || die "postgres: pid $pid did not exit"
    log "postgres: stopped (pid $pid)"
}

# ---------------------------------------------------------------- RabbitMQ

# Runs a RabbitMQ program with the private node's environment. /usr/sbin/rabbitmq-server would cd to
# /var/lib/rabbitmq and su to rabbitmq, whose HOME holds the machine-wide Erlang cookie.
rmq_env() {
    export HOME=$RMQ_DIR # Erlang cookie: $RMQ_DIR/.erlang.cookie
    export RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf # empty: ignore /etc/rabbitmq
    export RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf
    export RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config
    export RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins
    export RABBITMQ_NODENAME=$RMQ_NODE
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RABBIT_PORT
    export RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT
    # Private epmd on loopback: the default one listens on 0.0.0.0:4369 and is shared.
    export ERL_EPMD_PORT=$EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_CTL_DIST_PORT_MIN=$CTL_DIST_MIN RABBITMQ_CTL_DIST_PORT_MAX=$CTL_DIST_MAX
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia RABBITMQ_LOG_BASE=$RMQ_DIR/log
    export RABBITMQ_PID_FILE=$RMQ_DIR/rabbit.pid
}
rmq() { (rmq_env && exec "$@"); }

# RabbitMQ deletes its own pid file on exit, so the beam pid is copied to beam.pid at start.
rmq_pid() { read_pid "$RMQ_DIR/beam.pid"; }
# beam's command line names the node's HOME (the state dir), not the mnesia dir.
RMQ_MATCH="-home $RMQ_DIR "
rmq_running() { pid_alive "$(rmq_pid)" "$RMQ_MATCH"; }

# The password goes through stdin, not argv, where `ps` would show it.
mgmt_code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 2 -K - \
        "http://127.0.0.1:$RABBIT_MGMT_PORT/api/$1" <<<"user = \"dbaas:$RABBIT_PASSWORD\"" || true
}

write_rabbit_config() {
    mkdir -p "$RMQ_DIR/log" "$RMQ_DIR/mnesia"
    chmod 700 "$RMQ_DIR"
    : >"$RMQ_DIR/rabbitmq-env.conf"
    echo "[rabbitmq_management]." >"$RMQ_DIR/enabled_plugins"
    # default_* seed a fresh node with the dbaas vhost and user instead of guest/guest, so no
    # provisioning calls are needed (each rabbitmqctl call costs ~0.4 s of VM start-up).
    # The address is in listeners.tcp.default because it overrides RABBITMQ_NODE_IP_ADDRESS.
    (umask 077 && cat >"$RMQ_DIR/rabbitmq.conf") <<EOF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
loopback_users = none
log.console = false
default_vhost = dbaas
default_user = dbaas
default_pass = $RABBIT_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
EOF
}

# For a node whose data predates the current secrets (or lost its user): fix it through the CLI.
converge_rabbit_user() {
    local c=$RMQBIN/rabbitmqctl
    log "rabbitmq: dbaas login refused; re-provisioning vhost and user"
    rmq "$c" -q add_vhost dbaas 2>/dev/null || true
    rmq "$c" -q add_user dbaas "$RABBIT_PASSWORD" 2>/dev/null ||
        rmq "$c" -q change_password dbaas "$RABBIT_PASSWORD"
    rmq "$c" -q set_user_tags dbaas administrator
    rmq "$c" -q set_permissions -p dbaas dbaas '.*' '.*' '.*'
    rmq "$c" -q delete_user guest 2>/dev/null || true
}

start_rabbitmq() {
    local t0 launcher beam code i
    t0=$(now)
    write_rabbit_config
    rm -f "$RMQ_DIR/rabbit.pid" "$RMQ_DIR/beam.pid"
    # setsid: a Ctrl-C meant for run.sh's server must not reach the broker. The wrapper script stays
    # as beam's parent and forwards SIGTERM; its output goes to a file so that no pipe of ours is
    # held open (a `| tee` or CI would otherwise wait forever).
    (rmq_env && exec setsid "$RMQBIN/rabbitmq-server") >"$RMQ_DIR/stdout.log" 2>&1 </dev/null 9>&- &
    launcher=$!
    echo "$launcher" >"$RMQ_DIR/launcher.pid"
    # Ready = the AMQP port accepts and the management API answers; polling costs ~10 ms a try,
    # where `rabbitmqctl wait` would add a VM start.
    for ((i = 0; i < 1200; i++)); do
        # No command-line match: until its exec the launcher is still a copy of this script.
        if ! pid_alive "$launcher" ""; then
            tail -n 20 "$RMQ_DIR/stdout.log" >&2
            die "rabbitmq: server exited during start (logs: $RMQ_DIR/stdout.log, $RMQ_DIR/log)"
        fi
        beam=$(read_pid "$RMQ_DIR/rabbit.pid")
        if [[ -n $beam ]]; then
            [[ -f $RMQ_DIR/beam.pid ]] || echo "$beam" >"$RMQ_DIR/beam.pid"
            if port_open "$RABBIT_PORT"; then
                code=$(mgmt_code whoami)
                [[ $code == 200 || $code == 401 ]] && break
            fi
        fi
        sleep 0.1
    done
    ((i < 1200)) || die "rabbitmq: not ready after 120 s (logs: $RMQ_DIR/log)"
    [[ $code == 200 ]] || converge_rabbit_user
    [[ $(mgmt_code whoami) == 200 ]] || die "rabbitmq: user dbaas cannot log in to the management API"
    log "rabbitmq: up on 127.0.0.1:$RABBIT_PORT (management $RABBIT_MGMT_PORT), pid $beam ($(elapsed "$t0") s)"
}

# epmd daemonises and outlives the node. Ours is the one whose environment, inherited from beam,
# names our node's HOME: another instance's epmd may well listen on the port our settings name.
stop_epmd() {
    local p comm env port pid
    for p in /proc/[0-9]*; do
        read -r comm 2>/dev/null <"$p/comm" || continue
        [[ $comm == epmd ]] || continue
        env=$'\n'$(tr '\0' '\n' 2>/dev/null <"$p/environ")$'\n' || continue
        [[ $env == *$'\n'"HOME=$RMQ_DIR"$'\n'* ]] || continue
        pid=${p#/proc/}
        port=${env#*$'\n'ERL_EPMD_PORT=}
        port=${port%%$'\n'*}
        [[ $port =~ ^[0-9]+$ ]] || port=$EPMD_PORT
        # -kill is scoped by port, and refuses while a node is still registered.
        ERL_EPMD_PORT=$port epmd -kill >/dev/null 2>&1 || true
        if wait_pid_exit "$pid" epmd 5; then
            log "rabbitmq: stopped epmd (pid $pid, port $port)"
        else
            log "rabbitmq: epmd pid $pid on port $port is still running (a node still registered?)"
        fi
    done
}

stop_rabbitmq() {
    local beam launcher
    # Read before SIGTERM: RabbitMQ removes its pid file on the way out.
    beam=$(rmq_pid)
    [[ -n $beam ]] || beam=$(read_pid "$RMQ_DIR/rabbit.pid")
    launcher=$(read_pid "$RMQ_DIR/launcher.pid")
    if pid_alive "$beam" "$RMQ_MATCH"; then
        kill -TERM "$beam"
        if ! wait_pid_exit "$beam" "$RMQ_MATCH" 60; then
            log "rabbitmq: pid $beam ignored SIGTERM for 60 s; sending SIGKILL"
            kill -KILL "$beam" 2>/dev/null || true
            wait_pid_exit "$beam" "$RMQ_MATCH" 10 || die "rabbitmq: pid $beam did not exit"
        fi
        log "rabbitmq: stopped (pid $beam)"
    else
        log "rabbitmq: not running"
    fi
    # The wrapper script exits once beam has; never wait on a pid that is no longer the wrapper.
    wait_pid_exit "$launcher" rabbitmq-server 10 || true
    stop_epmd
    rm -f "$RMQ_DIR/beam.pid" "$RMQ_DIR/launcher.pid"
}

# ---------------------------------------------------------------- state and commands

load_or_create_secrets() {
    if [[ ! -f $SECRETS ]]; then
        (umask 077 && cat >"$SECRETS") <<EOF
# Generated by scripts/infra.sh on first up. Deleted with \`infra.sh down --purge\`.
PG_SUPER_PASSWORD=$(random_password)
PG_APP_PASSWORD=$(random_password)
RABBIT_PASSWORD=$(random_password)
EOF
    fi
    # shellcheck disable=SC1090
    . "$SECRETS"
}

prepare_state() {
    if [[ ! -d $STATE ]]; then
        mkdir -p "$STATE"
        # Traversable, not listable: the postgres user must reach $STATE/postgres.
        chmod 711 "$STATE"
    fi
    take_lock
    touch "$MARKER"
    load_or_create_secrets
    resolve_pg_dir
}

write_env_file() {
    local tmp=$ENV_FILE.tmp
    (umask 077 && {
        echo "# Written by scripts/infra.sh up. Source it: . $ENV_FILE"
        emit_export DBAAS_STATE_DIR "$STATE"
        emit_export DBAAS_PG_PORT "$PG_PORT"
        emit_export DBAAS_RABBIT_PORT "$RABBIT_PORT"
        emit_export DBAAS_RABBIT_MGMT_PORT "$RABBIT_MGMT_PORT"
        emit_export ConnectionStrings__Dbaas \
            "Host=127.0.0.1;Port=$PG_PORT;Username=dbaas;Password=$PG_APP_PASSWORD;Database=dbaas"
        emit_export DBAAS_PG_ADMIN_CONNECTION \
            "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_SUPER_PASSWORD;Database=postgres"
        emit_export Messaging__Transport RabbitMq
        emit_export Messaging__RabbitMq__Host 127.0.0.1
        emit_export Messaging__RabbitMq__Port "$RABBIT_PORT"
        emit_export Messaging__RabbitMq__VirtualHost dbaas
        emit_export Messaging__RabbitMq__Username dbaas
        emit_export Messaging__RabbitMq__Password "$RABBIT_PASSWORD"
        emit_export Messaging__RabbitMq__ManagementPort "$RABBIT_MGMT_PORT"
    } >"$tmp")
    mv -f "$tmp" "$ENV_FILE"
}

# Serialises concurrent up/down (run.sh and test.sh may start together).
take_lock() {
    exec 9>"$STATE/.lock"
    flock -w 300 9 || die "another infra.sh holds $STATE/.lock"
}

# Prints the status table; returns 0 only when both services are up.
print_status() {
    local ok=0 pid state
    pid=$(pg_pid)
    if pid_alive "$pid" "$PG_DIR/data" && port_open "$PG_PORT"; then state=up; else state=down; ok=1; fi
    pid_alive "$pid" "$PG_DIR/data" || pid=-
    printf '%-10s %-5s pid %-8s port %s\n' postgres "$state" "$pid" "$PG_PORT"
    pid=$(rmq_pid)
    if pid_alive "$pid" "$RMQ_MATCH" && port_open "$RABBIT_PORT" && port_open "$RABBIT_MGMT_PORT"; then
        state=up
    else
        state=down
        ok=1
    fi
    pid_alive "$pid" "$RMQ_MATCH" || pid=-
    printf '%-10s %-5s pid %-8s port %s (management %s, dist %s, epmd %s)\n' \
        rabbitmq "$state" "$pid" "$RABBIT_PORT" "$RABBIT_MGMT_PORT" "$RABBIT_DIST_PORT" "$EPMD_PORT"
    printf 'state      %s\n' "$STATE"
    return $ok
}

# A port held by something that is not our service would make the start fail late and obscurely.
check_port_free() {
    local port
    for port in "$@"; do
        ! port_open "$port" || die "port $port on 127.0.0.1 is in use by another process"
    done
}

cmd_up() {
    local t0 pg_job='' rmq_job='' failed=0
    t0=$(now)
    ensure_debian_packages postgresql-15 rabbitmq-server curl
    prepare_state

    # Every check before anything starts, so that a refusal leaves nothing half-started behind.
    local need_pg=0 need_rmq=0
    if pg_running; then
        port_open "$PG_PORT" || die "postgres: pid $(pg_pid) runs but not on port $PG_PORT; run: $0 down"
    else
        check_port_free "$PG_PORT"
        need_pg=1
    fi
    if rmq_running; then
        port_open "$RABBIT_PORT" ||
            die "rabbitmq: pid $(rmq_pid) runs but not on port $RABBIT_PORT; run: $0 down"
    else
        check_port_free "$RABBIT_PORT" "$RABBIT_DIST_PORT" "$RABBIT_MGMT_PORT"
        need_rmq=1
    fi
    if ((need_pg)); then
        start_postgres &
        pg_job=$!
    fi
    if ((need_rmq)); then
        start_rabbitmq &
        rmq_job=$!
    fi
    # In parallel: RabbitMQ needs ~5 s, PostgreSQL ~1 s.
    if [[ -n $pg_job ]] && ! wait "$pg_job"; then failed=1; fi
    if [[ -n $rmq_job ]] && ! wait "$rmq_job"; then failed=1; fi
    ((failed == 0)) || die "infra up failed; see the messages above. State: $STATE"

    write_env_file
    print_status || die "a service is not answering"
    if [[ -z $pg_job && -z $rmq_job ]]; then
        log "already running; nothing to do ($(elapsed "$t0") s)"
    else
        log "infra up in $(elapsed "$t0") s. Environment: . $ENV_FILE"
    fi
}

# The database instances scripts/run.sh created (process compute driver): each guest agent leads its own session,
# and its engine runs in that session. They outlive the DbaaS server on purpose; `down` stops them too.
stop_instances() {
    local pidfile sid i n=0
    for pidfile in "$STATE"/instances/*/guest.pid; do
        [[ -f $pidfile ]] || continue
        sid=$(read_pid "$pidfile")
        [[ $sid =~ ^[0-9]+$ ]] || continue
        pkill -TERM -s "$sid" 2>/dev/null && n=$((n + 1))
    done
    ((n == 0)) && return 0
    for pidfile in "$STATE"/instances/*/guest.pid; do
        sid=$(read_pid "$pidfile")
        [[ $sid =~ ^[0-9]+$ ]] || continue
        for ((i = 0; i < 100; i++)); do pgrep -s "$sid" >/dev/null || break; sleep 0.1; done
        pkill -KILL -s "$sid" 2>/dev/null || true
    done
    log "instances: stopped $n (their data stays in $STATE/instances; an instance restart brings one back)"
}

cmd_down() {
    local purge=0
    [[ ${1:-} == --purge ]] && purge=1
    [[ -n ${1:-} && $purge == 0 ]] && die "usage: $0 down [--purge]"
    if [[ ! -d $STATE ]]; then
        log "no state at $STATE; nothing to stop"
        return 0
    fi
    [[ -f $MARKER ]] || die "$STATE was not created by infra.sh; refusing to touch it"
    take_lock
    stop_instances
    resolve_pg_dir
    stop_postgres
    stop_rabbitmq
    if ((purge)); then
        [[ -L $STATE/postgres ]] && rm -rf "$(readlink -f "$STATE/postgres")"
        rm -rf "$STATE"
        log "purged $STATE"
    fi
}

cmd_status() {
    if [[ -d $STATE ]]; then resolve_pg_dir; else PG_DIR=$STATE/postgres; fi
    print_status
}

case ${1:-} in
up) cmd_up ;;
down) shift; cmd_down "$@" ;;
status) cmd_status ;;
*)
    echo "usage: $0 up | down [--purge] | status" >&2
    exit 2
    ;;
esac
