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

# Is $1 a live process that is our broker (its command line names our state dir)?
broker_pid_alive() {
  local pid="$1"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$KAFKA_STATE/server.properties"
}

state_get() { cat "$KAFKA_STATE/$1" 2>/dev/null || true; }

# The SASL test user of the local broker (its password is random per broker, in the state dir).
KAFKA_SASL_USER="surge-test"
KAFKA_SASL_PASSWORD_FILE="$KAFKA_STATE/sasl-test-password"

# Stop the broker whose pid is recorded in the state dir (SIGTERM, then SIGKILL after
# ${SURGE_KAFKA_STOP_TIMEOUT:-30}s). The caller holds "$KAFKA_STATE.lock"; the state dir is kept.
stop_broker() {
  local pid grace_s="${SURGE_KAFKA_STOP_TIMEOUT:-30}" deadline
  pid="$(state_get pid)"
  broker_pid_alive "$pid" || return 0
  log "stopping the broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + grace_s))
  while broker_pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if broker_pid_alive "$pid"; then
    log "still running after ${grace_s}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while broker_pid_alive "$pid"; do sleep 0.1; done
  fi
}
