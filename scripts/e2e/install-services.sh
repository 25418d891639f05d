#!/usr/bin/env bash
# Installs PostgreSQL and Redis from Debian's packages when they are missing (the queue-mode e2e needs
# both). Installs only; the tests start their own servers on free ports (scripts/e2e/postgres.js,
# redis.js). Needs root. apt's output goes to a log file, which is printed when the install fails.
set -euo pipefail

LOG="${IDP_MFA_SYNC_SERVICES_LOG:-${TMPDIR:-/tmp}/idp-mfa-sync-install-services.log}"
log() { echo "[install-services] $*" >&2; }

has_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
has_redis() { command -v redis-server >/dev/null 2>&1; }

missing=()
has_postgres || missing+=(postgresql)
has_redis || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  log "PostgreSQL and Redis are installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  log "missing ${missing[*]}: run this script as root, or install them with apt-get"
  exit 1
fi

# Packages must not start their own servers (Debian's would claim 5432 and 6379 for good): a
# policy-rc.d that answers 101 stops invoke-rc.d from starting them. Docker images ship one already.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
fi
cleanup() { if [ "$own_policy" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
log "installing ${missing[*]} (apt output in $LOG)"
: >"$LOG"
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >>"$LOG" 2>&1; then
  tail -n 40 "$LOG" >&2
  log "apt-get failed; full output in $LOG"
  exit 1
fi
has_postgres || { log "postgresql installed but initdb was not found"; exit 1; }
has_redis || { log "redis-server installed but not on PATH"; exit 1; }
log "installed ${missing[*]} in $((SECONDS - start)) s"
