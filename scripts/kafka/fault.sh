#!/usr/bin/env bash
# Act on one node of the local cluster (fault tests):
#   kill   SIGKILL (a crash)             term   SIGTERM, then wait until it has exited (clean stop)
#   stop   SIGSTOP (frozen, sockets open) cont   SIGCONT
#   start  restart a stopped node with its data and wait until it serves again
#   partition  cut the node off the network (root; nftables rules, see partition.sh):
#              client   from clients (its client listeners)
#              cluster  from the other nodes (CONTROLLER and REPLICATION ports, both ways)
#              both     from everyone
#              With SECONDS it heals by itself after that long (and on Ctrl-C); without, it lasts
#              until `heal`, or kafka:down. `heal all` heals every node.
#
#   npm run -s kafka:fault -- kill|term|stop|cont|start BROKER_ID
#   npm run -s kafka:fault -- partition BROKER_ID client|cluster|both [SECONDS]
#   npm run -s kafka:fault -- heal BROKER_ID|all
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/kafka/nodes.sh
source "$KAFKA_SCRIPTS_DIR/nodes.sh"
# shellcheck source=scripts/kafka/partition.sh
source "$KAFKA_SCRIPTS_DIR/partition.sh"

usage="usage: kafka:fault -- kill|term|stop|cont|start BROKER_ID, partition BROKER_ID client|cluster|both [SECONDS], heal BROKER_ID|all"
action="${1:-}" n="${2:-}"
case "$action" in
  partition) (($# == 3 || $# == 4)) || die "$usage" ;;
  *) (($# == 2)) || die "$usage" ;;
esac
if [[ "$action" == partition || "$action" == heal ]]; then
  why="$(partition_unsupported)"
  [[ -z "$why" ]] || die "$why"
fi
count="$(node_count)"
[[ -n "$count" ]] || die "no cluster in $KAFKA_STATE (npm run kafka:up -- --brokers 3 starts one)"
if [[ "$action" == heal && "$n" == all ]]; then partition_heal_all; exit 0; fi
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
  partition)
    kind="$3" seconds="${4:-}"
    [[ "$kind" =~ ^(client|cluster|both)$ ]] || die "a partition is client, cluster or both, not \"$kind\" ($usage)"
    [[ -z "$seconds" || "$seconds" =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a whole number above 0, not \"$seconds\""
    partition_add "$n" "$kind"
    declare -A what=([client]="from clients" [cluster]="from the other nodes" [both]="from clients and the other nodes")
    if [[ -z "$seconds" ]]; then log "node $n cut off ${what[$kind]} (until kafka:fault -- heal $n)"; exit 0; fi
    log "node $n cut off ${what[$kind]} for ${seconds}s"
    # Whatever ends this script (the time, Ctrl-C, a kill) heals the node.
    trap 'partition_heal "$n" && log "node $n healed"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    sleep "$seconds" &
    wait $!
    ;;
  heal) if partition_heal "$n"; then log "node $n healed"; else log "node $n was not cut off"; fi ;;
  *) die "unknown action \"$action\" ($usage)" ;;
esac
