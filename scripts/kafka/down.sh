#!/usr/bin/env bash
# Stop the local broker started by up.sh (SIGTERM, then SIGKILL) and delete its state dir.
# Idempotent: fine to run when nothing is running.
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

grace_s="${SURGE_KAFKA_STOP_TIMEOUT:-30}"

[[ -e "$KAFKA_STATE" ]] || { log "no broker state at $KAFKA_STATE; nothing to do"; exit 0; }
[[ -f "$KAFKA_STATE_MARKER" ]] || die "$KAFKA_STATE was not created by surge; not touching it"

exec {lock_fd}>"$KAFKA_STATE.lock"
flock "$lock_fd"

pid="$(state_get pid)"
if broker_pid_alive "$pid"; then
  log "stopping the broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + grace_s))
  while broker_pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if broker_pid_alive "$pid"; then
    log "still running after ${grace_s}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while broker_pid_alive "$pid"; do sleep 0.1; done
  fi
fi
rm -rf "$KAFKA_STATE"
log "stopped; removed $KAFKA_STATE"
