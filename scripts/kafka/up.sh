#!/usr/bin/env bash
# Start (or reuse) local KRaft Kafka on 127.0.0.1: one broker+controller by default, or a cluster
# of N (every node broker+controller, static voters, RF min(3, N), min.insync.replicas 2 from 3).
# Progress goes to stderr; the LAST line of stdout is the bootstrap list of the PLAINTEXT
# listeners, e.g. 127.0.0.1:19092 or 127.0.0.1:19092,127.0.0.1:19102,127.0.0.1:19112.
# Every node also listens with SASL_PLAINTEXT, SSL, SASL_SSL, mutual TLS and OAUTHBEARER:
# `npm run -s kafka:listeners` prints their addresses and the test credentials' files.
# Nodes that died (or were stopped by kafka:fault) are restarted with their data.
#
#   bash scripts/kafka/up.sh [--brokers N]   N: 1-9; without it, whatever is there is reused (else 1)
#
#   SURGE_KAFKA_STATE          state dir (data, logs, pid, ports); default ${TMPDIR:-/tmp}/surge-kafka
#   SURGE_KAFKA_HOME           jar and test-certificate cache; default ~/.cache/surge/kafka
#   SURGE_KAFKA_START_TIMEOUT  seconds to wait for the brokers; default 120
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/kafka/tls.sh
source "$KAFKA_SCRIPTS_DIR/tls.sh"
# shellcheck source=scripts/kafka/oauth-token.sh
source "$KAFKA_SCRIPTS_DIR/oauth-token.sh"
# shellcheck source=scripts/kafka/node-config.sh
source "$KAFKA_SCRIPTS_DIR/node-config.sh"
# shellcheck source=scripts/kafka/nodes.sh
source "$KAFKA_SCRIPTS_DIR/nodes.sh"
# shellcheck source=scripts/kafka/partition.sh
source "$KAFKA_SCRIPTS_DIR/partition.sh"

requested=""
while (($#)); do
  case "$1" in
    --brokers) requested="${2:-}"; shift 2 || die "--brokers needs a number (1-9)" ;;
    --brokers=*) requested="${1#*=}"; shift ;;
    -h | --help) sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1 (usage: up.sh [--brokers N])" ;;
  esac
done
[[ -z "$requested" || "$requested" =~ ^[1-9]$ ]] || die "--brokers must be a number from 1 to 9, not \"$requested\""

resolve_jars
ensure_tls_files

# One up.sh at a time per state dir (test files run in parallel processes and all call this).
# The lock lives next to the state dir so that down.sh can delete the dir itself.
mkdir -p "$(dirname "$KAFKA_STATE")"
exec {lock_fd}>"$KAFKA_STATE.lock"
flock "$lock_fd"

# --- reuse (restarting dead nodes with their data) ----------------------------------------------
count="$(node_count)"
if [[ -f "$KAFKA_STATE_MARKER" && "$(state_get layout)" == "$KAFKA_LAYOUT" && -n "$count" ]]; then
  if [[ -z "$requested" || "$requested" == "$count" ]]; then
    ensure_oauth_token
    start_dead_nodes "$count"
    listener_addresses PLAINTEXT
    exit 0
  fi
  any_node_alive "$count" && die "a $count-broker setup is running in $KAFKA_STATE; stop it first (npm run kafka:down) or use another SURGE_KAFKA_STATE"
elif [[ -e "$KAFKA_STATE" ]]; then
  [[ -f "$KAFKA_STATE_MARKER" || -z "$(ls -A "$KAFKA_STATE")" ]] ||
    die "$KAFKA_STATE exists and was not created by surge; refusing to use it (set SURGE_KAFKA_STATE)"
  # Made by an older up.sh (other listeners): replace it.
  log "replacing the broker state in $KAFKA_STATE (made by an older scripts/kafka/up.sh)"
  stop_cluster
fi
count="${requested:-1}"

# --- fresh state ----------------------------------------------------------------------------------
# Another up.sh (another state dir, maybe an older script without reservations) can take a port
# between the scan and the bind: then the whole fresh start is tried again on other ports.
fresh_start() {
  # Cuts left by an earlier cluster of this state dir (down never ran) would hit the new ports.
  partition_heal_all
  rm -rf "$KAFKA_STATE"
  mkdir -p "$KAFKA_STATE"
  echo "state dir of surge's local Kafka (scripts/kafka); deleted by kafka:down" >"$KAFKA_STATE_MARKER"
  choose_ports
  voters=""
  for ((n = 1; n <= count; n++)); do
    mkdir -p "$(node_dir "$n")/data" "$(node_dir "$n")/logs"
    echo $((base + (n - 1) * PORTS_PER_NODE)) >"$(node_dir "$n")/base-port"
    voters+="${voters:+,}$n@127.0.0.1:$(node_port "$n" CONTROLLER)"
  done
  echo "$count" >"$KAFKA_STATE/nodes"
  echo "$KAFKA_LAYOUT" >"$KAFKA_STATE/layout"
  # Node 1's ports under their old names (older tests and scripts read them).
  node_port 1 PLAINTEXT >"$KAFKA_STATE/port"
  node_port 1 CONTROLLER >"$KAFKA_STATE/controller-port"
  node_port 1 SASL_PLAINTEXT >"$KAFKA_STATE/sasl-port"

  # SASL test user: a throwaway password for throwaway brokers (hex: no commas, no quotes).
  sasl_password="surge-test-only-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  (umask 077 && printf '%s\n' "$sasl_password" >"$KAFKA_SASL_PASSWORD_FILE")
  ensure_oauth_token

  # A cluster id is 16 random bytes in base64url; like Kafka's Uuid.randomUuid, avoid a leading '-'.
  cluster_id="-"
  while [[ "$cluster_id" == -* ]]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  echo "$cluster_id" >"$KAFKA_STATE/cluster-id"

  log "formatting $count KRaft log dir(s) in $KAFKA_STATE (Kafka $(kafka_version))"
  for ((n = 1; n <= count; n++)); do
    write_node_config "$n" "$count" "$voters" "$sasl_password"
    format_node "$n" "$cluster_id" "$sasl_password" &
  done
  wait_all_or_die "kafka.tools.StorageTool format failed (logs in $KAFKA_STATE/**/logs/format.log)"

  for ((n = 1; n <= count; n++)); do start_node "$n"; done
  for ((n = 1; n <= count; n++)); do wait_node_ready "$n" port-race || return 1; done
}

# Ports: node k gets PORTS_PER_NODE ports from base + (k-1)*PORTS_PER_NODE; 19092 first. Ranges
# other state dirs reserved are skipped even while their nodes are down (they restart on them).
choose_ports() {
  mkdir -p "$KAFKA_PORTS_DIR"
  exec {ports_lock}>"$KAFKA_PORTS_DIR.lock"
  flock "$ports_lock"
  release_ports
  base=""
  local b q last free
  for ((b = 19092 + skip * PORTS_PER_NODE; b < 19900; b += PORTS_PER_NODE)); do
    last=$((b + count * PORTS_PER_NODE - 1))
    ports_reserved "$b" "$last" && continue
    free=true
    for ((q = b; q <= last; q++)); do port_open "$q" && { free=false; break; }; done
    if $free; then base=$b; break; fi
  done
  [[ -n "$base" ]] || die "no $((count * PORTS_PER_NODE)) free ports in a row in 19092-19999"
  reserve_ports "$base" "$last"
  flock -u "$ports_lock"
  exec {ports_lock}>&-
}

skip=0
for attempt in 1 2 3; do
  fresh_start && break
  ((attempt < 3)) || die "Kafka did not start: its ports were taken three times (state dir: $KAFKA_STATE)"
  log "a port was taken while the brokers started; trying other ports"
  stop_cluster
  skip=$(((base - 19092) / PORTS_PER_NODE + count + RANDOM % 5))
done
log "ready: $count node(s) (logs in $KAFKA_STATE/**/logs)"
listener_addresses PLAINTEXT
