# shellcheck shell=bash
# Shared by scripts/kafka/*.sh (sourced, not run). Progress goes to stderr; stdout is kept for results.
#
#   SURGE_KAFKA_HOME   jar cache (default ~/.cache/surge/kafka; jars in <cache>/libs)
#   SURGE_KAFKA_STATE  broker state: data, logs, pid, ports (default ${TMPDIR:-/tmp}/surge-kafka)
#   JAVA_HOME          optional; otherwise `java` from PATH

KAFKA_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_POM="$KAFKA_SCRIPTS_DIR/pom.xml"
KAFKA_CACHE="${SURGE_KAFKA_HOME:-$HOME/.cache/surge/kafka}"
KAFKA_LIBS="$KAFKA_CACHE/libs"
KAFKA_MARKER="$KAFKA_LIBS/.surge-resolved"
KAFKA_STATE="${SURGE_KAFKA_STATE:-${TMPDIR:-/tmp}/surge-kafka}"
KAFKA_STATE_MARKER="$KAFKA_STATE/.surge-kafka-state"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { printf '[kafka] error: %s\n' "$*" >&2; exit 1; }

kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM"
}

# What the cache must match: the Kafka version and the exact POM it was resolved from.
kafka_marker_content() {
  printf 'kafka=%s pom-sha256=%s\n' "$(kafka_version)" "$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
}

jars_resolved() {
  [[ -f "$KAFKA_MARKER" && "$(cat "$KAFKA_MARKER")" == "$(kafka_marker_content)" ]]
}

# Resolve the jars once into $KAFKA_LIBS; reuse them while the marker matches the POM.
# Safe to call from several processes at once (flock) and never leaves a half-filled libs dir.
resolve_jars() {
  jars_resolved && return 0
  mkdir -p "$KAFKA_CACHE"
  exec {lock_fd}>"$KAFKA_CACHE/.resolve.lock"
  flock "$lock_fd"
  if ! jars_resolved; then
    command -v mvn >/dev/null || die "mvn not found: Maven is needed once to resolve the Kafka jars"
    local tmp="$KAFKA_CACHE/libs.tmp.$$" started=$SECONDS
    rm -rf "$tmp"
    log "resolving Apache Kafka $(kafka_version) jars into $KAFKA_LIBS (once) ..."
    # Maven's output is only shown when it fails (Debian's Maven 3.8 prints stray colour codes even with -q).
    if ! mvn -B -q -f "$KAFKA_POM" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$KAFKA_CACHE/resolve.log" 2>&1; then
      sed 's/\x1b\[[0-9;]*m//g' "$KAFKA_CACHE/resolve.log" >&2
      rm -rf "$tmp"
      die "Maven could not resolve the Kafka jars (output above; log in $KAFKA_CACHE/resolve.log)"
    fi
    kafka_marker_content >"$tmp/.surge-resolved"
    rm -rf "$KAFKA_LIBS"
    mv "$tmp" "$KAFKA_LIBS"
    log "resolved $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $((SECONDS - started))s"
  fi
  flock -u "$lock_fd"
  exec {lock_fd}>&-
}

# conf/ first: it holds a quiet log4j2.properties that log4j finds on the classpath (tools only;
# the broker gets its own file through -Dlog4j2.configurationFile).
kafka_classpath() {
  printf '%s:%s/*' "$KAFKA_SCRIPTS_DIR/conf" "$KAFKA_LIBS"
}

# Is something accepting TCP connections on 127.0.0.1:$1?
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

state_get() { cat "$KAFKA_STATE/$1" 2>/dev/null || true; }

# The SASL test user of the local broker (its password is random per broker, in the state dir).
KAFKA_SASL_USER="surge-test"
KAFKA_SASL_PASSWORD_FILE="$KAFKA_STATE/sasl-test-password"

# --- nodes of a local cluster -------------------------------------------------------------------
# Node 1 lives in the state dir itself (the single-broker layout tests rely on: pid, data/, logs/);
# nodes 2..N in $KAFKA_STATE/node-N. $KAFKA_STATE/nodes holds N.
# Each node has 8 ports from its base: see LISTENER_OFFSETS.
PORTS_PER_NODE=10
# Listener name -> offset from the node's base port. REPLICATION carries the brokers' own traffic
# (inter-broker), apart from the client listeners, so that a partition can cut one and not the other.
declare -A LISTENER_OFFSETS=([PLAINTEXT]=0 [CONTROLLER]=1 [SASL_PLAINTEXT]=2 [SSL]=3 [SASL_SSL]=4 [MTLS]=5 [OAUTHBEARER]=6 [REPLICATION]=7)
LISTENER_ORDER=(PLAINTEXT CONTROLLER SASL_PLAINTEXT SSL SASL_SSL MTLS OAUTHBEARER REPLICATION)
# What clients connect to, and what only the nodes use between themselves.
CLIENT_LISTENERS=(PLAINTEXT SASL_PLAINTEXT SSL SASL_SSL MTLS OAUTHBEARER)
CLUSTER_LISTENERS=(CONTROLLER REPLICATION)
# Bumped when the layout or the listeners change: a running cluster of another layout is replaced.
KAFKA_LAYOUT=3

node_dir() { if (($1 == 1)); then echo "$KAFKA_STATE"; else echo "$KAFKA_STATE/node-$1"; fi; }
node_count() { state_get nodes; }
node_pid() { cat "$(node_dir "$1")/pid" 2>/dev/null || true; }
node_base_port() { cat "$(node_dir "$1")/base-port" 2>/dev/null || true; }
node_port() { echo $(($(node_base_port "$1") + LISTENER_OFFSETS[$2])); }
# Run as root, each node runs with a group id of its own, by which a partition's rules tell its
# sockets from the other nodes' (on 127.0.0.1 the ports of outgoing connections say nothing).
node_gid() { echo $((3000000 + $(node_base_port "$1"))); }

# Is $2 a live process running node $1 of our state dir?
node_pid_alive() {
  local pid="$2"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF "$(node_dir "$1")/server.properties"
}
node_alive() { node_pid_alive "$1" "$(node_pid "$1")"; }

# "127.0.0.1:P1,127.0.0.1:P2,..." of one listener over every node.
listener_addresses() {
  local n out=""
  for ((n = 1; n <= $(node_count); n++)); do out+="${out:+,}127.0.0.1:$(node_port "$n" "$1")"; done
  echo "$out"
}

# Send a signal to node $1 (a frozen node gets SIGCONT after it, so it can act on SIGTERM).
signal_node() {
  local pid
  pid="$(node_pid "$1")"
  node_pid_alive "$1" "$pid" || return 0
  kill "-$2" "$pid" 2>/dev/null || true
  [[ "$2" == TERM ]] && kill -CONT "$pid" 2>/dev/null || true
}

# Wait until node $1 has exited (SIGKILL after ${SURGE_KAFKA_STOP_TIMEOUT:-30}s).
wait_node_exit() {
  local pid deadline=$((SECONDS + ${SURGE_KAFKA_STOP_TIMEOUT:-30}))
  pid="$(node_pid "$1")"
  while node_pid_alive "$1" "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if node_pid_alive "$1" "$pid"; then
    log "node $1 still running after ${SURGE_KAFKA_STOP_TIMEOUT:-30}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while node_pid_alive "$1" "$pid"; do sleep 0.1; done
  fi
}

# Stop every node (SIGTERM all at once, then wait). The caller holds "$KAFKA_STATE.lock".
stop_cluster() {
  local n count
  count="$(node_count)"
  count="${count:-1}"
  for ((n = 1; n <= count; n++)); do
    if node_alive "$n"; then log "stopping node $n (pid $(node_pid "$n"))"; fi
    signal_node "$n" TERM
  done
  for ((n = 1; n <= count; n++)); do wait_node_exit "$n"; done
}

# --- port reservations ----------------------------------------------------------------------------
# A stopped or killed node's ports look free, yet a restart needs them back: every state dir
# reserves its port range in $KAFKA_PORTS_DIR/<first>-<last> (content: the state dir) until
# kafka:down, and up.sh of another state dir skips reserved ranges. Stale ones (state dir gone)
# are dropped. Callers hold the lock "$KAFKA_PORTS_DIR.lock".
KAFKA_PORTS_DIR="${TMPDIR:-/tmp}/surge-kafka-ports"

# Does another live state dir hold a range overlapping [$1, $2]?
ports_reserved() {
  local f owner range lo hi
  for f in "$KAFKA_PORTS_DIR"/*-*; do
    [[ -f "$f" ]] || continue
    owner="$(cat "$f")" range="${f##*/}"
    lo="${range%-*}" hi="${range#*-}"
    [[ "$owner" == "$KAFKA_STATE" ]] && continue
    if [[ ! -f "$owner/.surge-kafka-state" ]]; then rm -f "$f"; continue; fi
    (($1 <= hi && lo <= $2)) && return 0
  done
  return 1
}

reserve_ports() { mkdir -p "$KAFKA_PORTS_DIR" && echo "$KAFKA_STATE" >"$KAFKA_PORTS_DIR/$1-$2"; }

release_ports() {
  local f
  for f in "$KAFKA_PORTS_DIR"/*-*; do
    [[ -f "$f" && "$(cat "$f")" == "$KAFKA_STATE" ]] && rm -f "$f"
  done
  return 0
}
