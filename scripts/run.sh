#!/usr/bin/env bash
# The README's first command: runs the whole system on this machine. Private PostgreSQL and RabbitMQ
# (scripts/infra.sh), then DbaaS.Server with every role in one process, in the foreground.
#   scripts/run.sh [--dry-run] [extra server arguments...]
# --dry-run does everything (infra, credentials, openrc files, build) but prints the server command
# instead of running it.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dry_run=0
if [[ ${1:-} == --dry-run ]]; then
    dry_run=1
    shift
fi
API_PORT=${DBAAS_API_PORT:-8779}
CREDENTIALS=$STATE/credentials.env

"$REPO_ROOT/scripts/infra.sh" up

# Generated once and kept: the server seeds these users on its first start, and changing them later
# would leave the openrc files and the database disagreeing.
if [[ ! -f $CREDENTIALS ]]; then
    (umask 077 && cat >"$CREDENTIALS") <<EOF
# Passwords of the seeded identity users (and below, the instance keys' encryption key); written once by scripts/run.sh.
export Identity__AdminPassword='$(random_password)'
export Identity__DemoPassword='$(random_password)'
EOF
fi
# The key that encrypts instance keys in the database (GuestKeys:EncryptionKey), kept with the passwords.
# Added to a credentials file written before it existed; it must never change while instances exist.
if ! grep -q '^export GuestKeys__EncryptionKey=' "$CREDENTIALS"; then
    emit_export GuestKeys__EncryptionKey "$(head -c 32 /dev/urandom | base64)" >>"$CREDENTIALS"
fi
# shellcheck disable=SC1091
. "$STATE/infra.env"
# shellcheck disable=SC1090
. "$CREDENTIALS"
: "${Identity__AdminPassword:?missing in $CREDENTIALS}" "${Identity__DemoPassword:?missing in $CREDENTIALS}"
: "${GuestKeys__EncryptionKey:?missing in $CREDENTIALS}"

# Rewritten on every run so that they follow DBAAS_API_PORT.
write_openrc() {
    local name=$1 password=$2
    (umask 077 && {
        echo "# DbaaS '$name' user in project '$name' (written by scripts/run.sh). Use: source $STATE/openrc-$name"
        emit_export OS_AUTH_URL "http://127.0.0.1:$API_PORT/v3"
        emit_export OS_USERNAME "$name"
        emit_export OS_PASSWORD "$password"
        emit_export OS_PROJECT_NAME "$name"
        emit_export OS_USER_DOMAIN_NAME Default
        emit_export OS_PROJECT_DOMAIN_NAME Default
        emit_export OS_IDENTITY_API_VERSION 3
        emit_export OS_REGION_NAME RegionOne
    } >"$STATE/openrc-$name")
}
write_openrc admin "$Identity__AdminPassword"
write_openrc demo "$Identity__DemoPassword"

ensure_debian_packages "${ENGINE_PACKAGES[@]}"
# The dbaas CLI of the README's tour runs from its build output; the server from its ReadyToRun publish.
dotnet build "$REPO_ROOT/src/DbaaS.Cli" -c Release --nologo -v quiet
publish_server
publish_guest_agent
# Instances run as processes on this machine (the process compute driver); they outlive the server, which finds
# them again when it starts.
export Compute__Driver=process
export Compute__Process__GuestAgentCommand=$GUEST_AGENT
export Compute__Process__StateDirectory=$STATE/instances

OUT=$SERVER_DIR
server=(dotnet "$OUT/DbaaS.Server.dll" --role all --urls "http://127.0.0.1:$API_PORT" "$@")

# Relative when that is valid from where the user stands, as the README's commands are.
shown=$STATE
[[ $PWD == "$REPO_ROOT" ]] && shown=${STATE#"$REPO_ROOT"/}
echo
echo "DbaaS API on http://127.0.0.1:$API_PORT  (Ctrl-C stops the server; PostgreSQL and RabbitMQ keep"
echo "running: scripts/infra.sh down stops them)"
echo "OpenStack CLI credentials: $shown/openrc-admin (admin), $shown/openrc-demo (demo)"
echo "try: source $shown/openrc-demo && openstack datastore list"
echo

if ((dry_run)); then
    printf 'dry run; would run in %s:\n ' "$OUT"
    printf ' %q' "${server[@]}"
    echo
    exit 0
fi
# The published folder holds appsettings*.json; it is the content root.
cd "$OUT"
export_server_runtime_settings
exec "${server[@]}"
