#!/usr/bin/env bash
# Stop every node started by up.sh (SIGTERM, then SIGKILL; frozen nodes are woken first) and
# delete the state dir; network partitions of its nodes are healed. Idempotent: fine to run when nothing is running.
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/kafka/partition.sh
source "$KAFKA_SCRIPTS_DIR/partition.sh"

partition_heal_all
[[ -e "$KAFKA_STATE" ]] || { log "no broker state at $KAFKA_STATE; nothing to do"; exit 0; }
[[ -f "$KAFKA_STATE_MARKER" ]] || die "$KAFKA_STATE was not created by surge; not touching it"

exec {lock_fd}>"$KAFKA_STATE.lock"
flock "$lock_fd"

stop_cluster
rm -rf "$KAFKA_STATE"
release_ports
log "stopped; removed $KAFKA_STATE"
