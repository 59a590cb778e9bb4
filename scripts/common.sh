# Shared helpers for the scripts in this folder. Sourced, never run.
# shellcheck shell=bash

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${DBAAS_STATE_DIR:-$REPO_ROOT/.state}
# Absolute, so that pid files, sockets and infra.env stay valid from any working directory.
[[ $STATE == /* ]] || STATE=$PWD/$STATE

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Hex only: safe unquoted in connection strings, rabbitmq.conf and SQL literals.
random_password() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# Installs the Debian packages that are missing. apt-get update runs only when something is missing,
# so re-runs on a provisioned machine cost one dpkg-query per package.
ensure_debian_packages() {
    local missing=() p
    for p in "$@"; do
        [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    if ((EUID != 0)); then
        die "missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}"
    fi
    log "installing Debian packages: ${missing[*]}"
    # Postinst scripts are chatty; their output matters only when something fails.
    local aptlog
    aptlog=$(mktemp)
    # Another apt run (unattended upgrades, a parallel session) may hold the lock for a while.
    if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
            --no-install-recommends "${missing[@]}"; } >"$aptlog" 2>&1; then
        tail -n 30 "$aptlog" >&2
        rm -f "$aptlog"
        die "apt-get could not install: ${missing[*]}"
    fi
    rm -f "$aptlog"
}

# Writes `export NAME='value'` with single quotes, readable and safe for ; and spaces.
emit_export() { printf "export %s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; }

# The engines the process compute driver runs (DESIGN §5): Debian 12 has these; MySQL server, MongoDB and
# Cassandra it has not (their plugins say so). PostgreSQL comes with scripts/infra.sh.
ENGINE_PACKAGES=(mariadb-server mariadb-client mariadb-backup redis-server redis-tools)

# The runtime identifier of this machine, for the two published programs below.
case $(uname -m) in
    aarch64 | arm64) DOTNET_RID=linux-arm64 ;;
    *) DOTNET_RID=linux-x64 ;;
esac

# Publishes DbaaS.Server, framework-dependent, with its code and its libraries' code precompiled (ReadyToRun,
# switched on for a RID-specific publish in DbaaS.Server.csproj) to $SERVER_DIR. A server started from there
# accepts its first 1,000 creates about as fast as a warmed-up one (docs/benchmarks.md); one started from the
# build output compiles tens of thousands of methods during its first minutes. Incremental: a publish with
# nothing changed takes a few seconds. publish_server [folder, default $SERVER_DIR]
SERVER_DIR=$STATE/server
publish_server() {
    local out=${1:-$SERVER_DIR}
    log "publishing DbaaS.Server to $out"
    dotnet publish "$REPO_ROOT/src/DbaaS.Server/DbaaS.Server.csproj" -c Release -r "$DOTNET_RID" --self-contained false \
        -o "$out" --nologo -v quiet >/dev/null
    [[ -f $out/DbaaS.Server.dll ]] || die "server publish produced no $out/DbaaS.Server.dll"
}

# A runtime setting of the server that its runtimeconfig.json cannot carry. The runtime promotes hot methods to
# optimised code only after 100 ms without a method running for the first time, which a new server under a
# burst of requests never has: it would serve the burst with its first, slow code (docs/benchmarks.md).
export_server_runtime_settings() { export DOTNET_TC_CallCountingDelayMs=0; }

# Publishes the guest agent as a trimmed self-contained single file (about 38 MB resident, measured in
# docs/benchmarks.md) to $STATE/guest-agent, unless the published one is newer than every source file.
GUEST_AGENT=$STATE/guest-agent/dbaas-guest-agent
publish_guest_agent() {
    local sources=("$REPO_ROOT/guest-agent" "$REPO_ROOT/src/DbaaS.Contracts")
    if [[ -x $GUEST_AGENT ]] &&
        [[ -z $(find "${sources[@]}" -newer "$GUEST_AGENT" \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.tpl' \) -not -path '*/bin/*' -not -path '*/obj/*' -print -quit) ]]; then
        return 0
    fi
    log "publishing the guest agent to ${GUEST_AGENT%/*}"
    dotnet publish "$REPO_ROOT/guest-agent/DbaaS.GuestAgent/DbaaS.GuestAgent.csproj" -c Release -r "$DOTNET_RID" --self-contained \
        -p:PublishTrimmed=true -p:PublishSingleFile=true -o "${GUEST_AGENT%/*}" --nologo -v quiet >/dev/null
    [[ -x $GUEST_AGENT ]] || die "guest agent publish produced no $GUEST_AGENT"
    touch "$GUEST_AGENT"
}
