#!/usr/bin/env bash
# A private OpenStack Keystone on loopback, for the integration tests and for
# developers trying Identity:Mode=Keystone. Not for production: SQLite, cheap
# password hashing, and Python's wsgiref server (scripts/keystone/serve.py)
# instead of uwsgi/apache.
#
#   scripts/keystone.sh up|down|status
#
# State lives in ${DBAAS_STATE_DIR:-<repo>/.state}/keystone (git-ignored);
# `source $STATE/keystone/keystone.env` gives the URL and passwords.
# Exit codes: 0 ok, 1 failure, 3 status: not running, 4 Keystone cannot be installed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${DBAAS_STATE_DIR:-$repo/.state}/keystone"
port="${DBAAS_KEYSTONE_PORT:-25500}"
url="http://127.0.0.1:$port/v3"
# Debian's keystone is in the system interpreter's dist-packages; a pyenv or
# venv python3 earlier on PATH would not find it.
py=/usr/bin/python3
pidfile="$state/keystone.pid"
envfile="$state/keystone.env"
conf="$state/keystone.conf"

log() { echo "keystone.sh: $*" >&2; }

# Two `up`s at once (say, two test runs) would both start a server; the second waits here instead.
lock() {
  exec 9>"$state/.lock"
  flock 9
}

ensure_installed() {
  if [[ -x $py ]] && "$py" -c 'import keystone' 2>/dev/null && command -v keystone-manage >/dev/null; then
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    log "python3-keystone is not installed and installing it needs root (apt-get install python3-keystone)"
    exit 4
  fi
  log "installing python3-keystone"
  # Only the library: the `keystone` package would pull in uwsgi and start a system service.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-keystone >"$state/apt.log" 2>&1; then
    apt-get update -q >>"$state/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-keystone >>"$state/apt.log" 2>&1 \
      || { log "apt-get install python3-keystone failed, see $state/apt.log"; exit 4; }
  fi
}

# The pid we started, if that process is still ours and alive.
running_pid() {
  [[ -f $pidfile ]] || return 1
  local pid
  pid="$(cat "$pidfile")"
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belongs to someone else: check it is still our server.
  grep -qa 'keystone/serve.py' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

responding() {
  "$py" - "$url" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read()
PY
}

new_password() { "$py" -c 'import secrets; print(secrets.token_urlsafe(18))'; }

# Passwords are made on the first `up` and kept; the URL follows DBAAS_KEYSTONE_PORT.
write_env() {
  unset DBAAS_KEYSTONE_ADMIN_PASSWORD DBAAS_KEYSTONE_SERVICE_PASSWORD DBAAS_KEYSTONE_DEMO_PASSWORD DBAAS_KEYSTONE_READER_PASSWORD
  # shellcheck source=/dev/null
  [[ -f $envfile ]] && source "$envfile"
  (
    umask 077
    cat >"$envfile.tmp" <<ENV
export DBAAS_KEYSTONE_URL=$url
export DBAAS_KEYSTONE_ADMIN_PASSWORD=${DBAAS_KEYSTONE_ADMIN_PASSWORD:-$(new_password)}
export DBAAS_KEYSTONE_SERVICE_PASSWORD=${DBAAS_KEYSTONE_SERVICE_PASSWORD:-$(new_password)}
export DBAAS_KEYSTONE_DEMO_PASSWORD=${DBAAS_KEYSTONE_DEMO_PASSWORD:-$(new_password)}
export DBAAS_KEYSTONE_READER_PASSWORD=${DBAAS_KEYSTONE_READER_PASSWORD:-$(new_password)}
ENV
  )
  mv "$envfile.tmp" "$envfile"
  # shellcheck source=/dev/null
  source "$envfile"
}

write_config() {
  cat >"$conf" <<CONF
[DEFAULT]
log_file = $state/keystone.log
[database]
# timeout: wait up to 30 s for a lock, not pysqlite's 5 s. check_same_thread: the
# garbage collector may finalize a connection Keystone leaked from another thread;
# pysqlite refuses that by default and the connection stays open, holding its lock.
connection = sqlite:///$state/keystone.db?timeout=30&check_same_thread=false
[fernet_tokens]
key_repository = $state/fernet-keys
# Receipts are for multi-factor logins, unused here: the token keys spare a second setup.
[fernet_receipts]
key_repository = $state/fernet-keys
[identity]
# bcrypt's minimum cost: the default (12) costs ~0.3 s per password check.
password_hash_rounds = 4
[token]
expiration = 3600
CONF
}

# keystone-manage prints eventlet noise at exit even when it succeeds: keep it in a log.
manage() {
  if ! keystone-manage --config-file "$conf" "$@" >>"$state/manage.log" 2>&1; then
    log "keystone-manage $1 failed; last lines of $state/manage.log:"
    tail -n 20 "$state/manage.log" >&2
    exit 1
  fi
}

# Steps that only run once per state folder.
initialize_database() {
  [[ -f $state/.initialized ]] && return
  manage fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  manage db_sync
  # WAL, stored in the database file so once is enough. With the default rollback
  # journal a writer shuts out every reader, and `keystone-manage` next to the
  # running server, or a connection Keystone leaked with a transaction open, ends
  # in "database is locked". WAL alone does not make concurrent requests safe:
  # serve.py runs them one at a time (see there).
  "$py" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$state/keystone.db"
  # The password goes through the environment, not argv, where `ps` would show it.
  OS_BOOTSTRAP_PASSWORD="$DBAAS_KEYSTONE_ADMIN_PASSWORD" manage bootstrap \
    --bootstrap-admin-url "$url" --bootstrap-public-url "$url" --bootstrap-internal-url "$url" \
    --bootstrap-region-id RegionOne
  touch "$state/.initialized"
}

start_server() {
  # 9>&-: the server must not inherit the lock, or the next `up`/`down` would wait for it forever.
  OS_KEYSTONE_CONFIG_DIR="$state" setsid "$py" "$repo/scripts/keystone/serve.py" --port "$port" \
    </dev/null >>"$state/server.log" 2>&1 9>&- &
  echo $! >"$pidfile"
  local pid=$!
  for _ in $(seq 1 150); do
    if responding; then return; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "keystone exited during start; last lines of $state/server.log:"
      tail -n 20 "$state/server.log" >&2
      rm -f "$pidfile"
      exit 1
    fi
    sleep 0.2
  done
  log "keystone did not answer on $url within 30 s"
  exit 1
}

up() {
  mkdir -p "$state"
  chmod 700 "$state"
  lock
  local pid
  if pid="$(running_pid)"; then
    if responding; then
      log "already running on $url"
      return
    fi
    log "pid $pid does not answer; restarting it"
    stop "$pid"
  elif responding; then
    log "port $port is taken by another process (another work tree's Keystone?); set DBAAS_KEYSTONE_PORT"
    exit 1
  fi
  ensure_installed
  write_env
  write_config
  initialize_database
  start_server
  DBAAS_KEYSTONE_URL="$url" "$py" "$repo/scripts/keystone/seed.py"
  log "running on $url (pid $(cat "$pidfile")); source $envfile"
}

stop() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
  fi
  rm -f "$pidfile"
}

down() {
  [[ -d $state ]] || { log "not running"; return; }
  lock
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile"
    log "not running"
    return
  fi
  stop "$pid"
  log "stopped pid $pid"
}

status() {
  local pid
  if pid="$(running_pid)" && responding; then
    echo "running on $url (pid $pid)"
  else
    echo "not running"
    exit 3
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
