# shellcheck shell=bash
# Formatting, starting and waiting for the nodes of the local cluster (sourced by up.sh and
# fault.sh; the caller holds the state dir's lock in $lock_fd and has written the node configs).

START_TIMEOUT_S="${SURGE_KAFKA_START_TIMEOUT:-120}"

# $1 node, $2 cluster id, $3 SASL password. SCRAM users go into the bootstrap metadata.
format_node() {
  local dir
  dir="$(node_dir "$1")"
  "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$KAFKA_SCRIPTS_DIR/conf/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.tools.StorageTool format -t "$2" -c "$dir/server.properties" --ignore-formatted \
    --add-scram "SCRAM-SHA-256=[name=$KAFKA_SASL_USER,password=$3]" \
    --add-scram "SCRAM-SHA-512=[name=$KAFKA_SASL_USER,password=$3]" \
    >"$dir/logs/format.log" 2>&1 || { cat "$dir/logs/format.log" >&2; return 1; }
}

# Waits for every background job; dies with $1 if any failed.
wait_all_or_die() {
  local job failed=false
  for job in $(jobs -p); do wait "$job" || failed=true; done
  $failed && die "$1"
  return 0
}

# Start node $1 with whatever data it has (a restart keeps its log dir).
start_node() {
  local n="$1" dir heap
  dir="$(node_dir "$n")"
  # A single broker keeps the heap it always had; three share the machine's memory.
  if (($(node_count) == 1)); then heap=(-Xms256m -Xmx512m); else heap=(-Xms128m -Xmx384m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m); fi
  # The previous run's log says "Kafka Server started" too: keep it apart.
  [[ -f "$dir/logs/server.log" ]] && mv -f "$dir/logs/server.log" "$dir/logs/server.log.1"
  rm -f "$dir/pid"
  log "starting node $n on 127.0.0.1:$(node_port "$n" PLAINTEXT) (controller $(node_port "$n" CONTROLLER))"
  # setsid + nohup: survives the calling shell / test process; no inherited stdio, so callers that
  # read our stdout (execFile) are not held open by the broker. The lock fd is closed for it too:
  # a broker holding the lock would make every later up.sh wait forever. As root, the node gets a
  # group of its own (node_gid; partition.sh matches its sockets by it).
  local as_group=()
  if ((EUID == 0)) && command -v setpriv >/dev/null; then as_group=(setpriv --regid "$(node_gid "$n")" --keep-groups); fi
  setsid nohup "${as_group[@]}" bash -c 'echo $$ >"$1/pid"; shift; exec "$@"' _ "$dir" \
    "$JAVA" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/stdout.log" 2>&1 {lock_fd}>&- &
  for _ in {1..40}; do [[ -s "$dir/pid" ]] && break; sleep 0.05; done
  [[ -s "$dir/pid" ]] || node_failed "$n" "the process of node $n did not record its pid"
}

node_ready() {
  local name
  for name in "${LISTENER_ORDER[@]}"; do port_open "$(node_port "$1" "$name")" || return 1; done
  grep -q 'Kafka Server started' "$(node_dir "$1")/logs/server.log" 2>/dev/null
}

# $2 = port-race: return 1 (instead of dying) when the node exited because a port was taken.
wait_node_ready() {
  local n="$1" pid deadline=$((SECONDS + START_TIMEOUT_S))
  pid="$(node_pid "$n")"
  until node_ready "$n"; do
    if ! node_pid_alive "$n" "$pid"; then
      [[ "${2:-}" == port-race ]] && grep -q "Address already in use" "$(node_dir "$n")/logs/server.log" 2>/dev/null && return 1
      node_failed "$n" "node $n (pid $pid) exited during startup"
    fi
    ((SECONDS < deadline)) || node_failed "$n" "timed out after ${START_TIMEOUT_S}s waiting for node $n"
    sleep 0.25
  done
}

# Leaves no half-started node behind, shows its logs, exits.
node_failed() {
  local dir f
  dir="$(node_dir "$1")"
  log "$2"
  signal_node "$1" KILL
  for f in "$dir/logs/server.log" "$dir/logs/stdout.log"; do
    if [[ -s "$f" ]]; then
      log "--- tail of $f ---"
      tail -n 40 "$f" >&2
    fi
  done
  die "Kafka did not start (state dir: $KAFKA_STATE)"
}

any_node_alive() {
  local n
  for ((n = 1; n <= $1; n++)); do node_alive "$n" && return 0; done
  return 1
}

# Restart the nodes of $1 that are not running, with their data; wait for all of them.
start_dead_nodes() {
  local n dead=()
  for ((n = 1; n <= $1; n++)); do node_alive "$n" || dead+=("$n"); done
  if ((${#dead[@]} == 0)); then
    log "reusing the running broker(s) in $KAFKA_STATE"
  else
    log "restarting node(s) ${dead[*]} with their data"
    for n in "${dead[@]}"; do start_node "$n"; done
  fi
  for ((n = 1; n <= $1; n++)); do wait_node_ready "$n"; done
}
