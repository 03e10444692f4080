#!/usr/bin/env bash
# The news service's tests start real PostgreSQL and Redis servers of their own (temp dirs, free
# loopback ports); the workflow tests run the PR job's jq program. Installs Debian's packages when
# they are missing; does nothing when present.
set -euo pipefail

if command -v redis-server >/dev/null && command -v jq >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing PostgreSQL and Redis servers for the news service tests (Debian packages)..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql redis-server jq >/dev/null
