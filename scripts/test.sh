#!/usr/bin/env bash
# The README's second command: runs every test against the private PostgreSQL and RabbitMQ.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Quota]
# The infrastructure is left running afterwards so that the next run starts at once;
# scripts/infra.sh down stops it.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO_ROOT/scripts/infra.sh" up

# Some tests drive the real openstack/trove CLIs, one runs a real Keystone, and the end-to-end tests run the
# real engines through the guest agent.
test_packages=(python3-openstackclient python3-troveclient python3-keystone "${ENGINE_PACKAGES[@]}")
if ((EUID == 0)); then
    ensure_debian_packages "${test_packages[@]}"
else
    ( ensure_debian_packages "${test_packages[@]}" ) ||
        log "warning: continuing; the tests that need these packages will fail or skip"
fi

# shellcheck disable=SC1091
. "$STATE/infra.env"
publish_guest_agent
export DBAAS_GUEST_AGENT=$GUEST_AGENT

out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
dotnet test "$REPO_ROOT/DbaaS.sln" -c Release "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e

# One plain closing line over all test assemblies, which CI reads: dotnet test prints one summary
# per assembly, "Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ..." (or "Failed!  - ...").
awk '
    function count(name,   s) {
        if (!match($0, name ": +[0-9]+")) return 0
        s = substr($0, RSTART, RLENGTH); sub(/[^0-9]+/, "", s); return s + 0
    }
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
        failed += count("Failed"); passed += count("Passed"); skipped += count("Skipped"); seen = 1
    }
    # With no summary and exit 0, dotnet test found no test at all: say so in the same form.
    END {
        if (seen || rc == 0) printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    }
' rc="$rc" "$out"
exit "$rc"
