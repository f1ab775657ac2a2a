#!/usr/bin/env bash
# Act on one node of the local cluster (fault tests):
#   kill   SIGKILL (a crash)             term   SIGTERM, then wait until it has exited (clean stop)
#   stop   SIGSTOP (frozen, sockets open) cont   SIGCONT
#   start  restart a stopped node with its data and wait until it serves again
#
#   npm run -s kafka:fault -- kill|term|stop|cont|start BROKER_ID
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/kafka/nodes.sh
source "$KAFKA_SCRIPTS_DIR/nodes.sh"

usage="usage: kafka:fault -- kill|term|stop|cont|start BROKER_ID"
(($# == 2)) || die "$usage"
action="$1" n="$2"
count="$(node_count)"
[[ -n "$count" ]] || die "no cluster in $KAFKA_STATE (npm run kafka:up -- --brokers 3 starts one)"
[[ "$n" =~ ^[1-9]$ ]] && ((n <= count)) || die "no broker $n in $KAFKA_STATE (ids 1-$count)"

case "$action" in
  kill) signal_node "$n" KILL; wait_node_exit "$n"; log "node $n killed" ;;
  term) signal_node "$n" TERM; wait_node_exit "$n"; log "node $n stopped cleanly" ;;
  stop) node_alive "$n" || die "node $n is not running"; signal_node "$n" STOP; log "node $n frozen (SIGSTOP)" ;;
  cont) node_alive "$n" || die "node $n is not running"; signal_node "$n" CONT; log "node $n resumed (SIGCONT)" ;;
  start)
    exec {lock_fd}>"$KAFKA_STATE.lock"
    flock "$lock_fd"
    if node_alive "$n"; then log "node $n is already running"; exit 0; fi
    start_node "$n"
    wait_node_ready "$n"
    log "node $n restarted with its data"
    ;;
  *) die "unknown action \"$action\" ($usage)" ;;
esac
