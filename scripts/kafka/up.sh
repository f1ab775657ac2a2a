#!/usr/bin/env bash
# Start (or reuse) a single-node KRaft Kafka broker+controller on 127.0.0.1.
# Progress goes to stderr; the LAST line of stdout is the bootstrap address, e.g. 127.0.0.1:19092.
# Listeners: PLAINTEXT (that address; also inter-broker), CONTROLLER, and SASL_PLAINTEXT for auth
# tests (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; user surge-test): scripts/kafka/sasl.sh prints it.
#
#   SURGE_KAFKA_STATE          state dir (data, logs, pid, ports); default ${TMPDIR:-/tmp}/surge-kafka
#   SURGE_KAFKA_HOME           jar cache; default ~/.cache/surge/kafka
#   SURGE_KAFKA_START_TIMEOUT  seconds to wait for the broker; default 120
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

timeout_s="${SURGE_KAFKA_START_TIMEOUT:-120}"
server_log="$KAFKA_STATE/logs/server.log"
stdout_log="$KAFKA_STATE/logs/stdout.log"

resolve_jars

# One up.sh at a time per state dir (test files run in parallel processes and all call this).
# The lock lives next to the state dir so that down.sh can delete the dir itself.
mkdir -p "$(dirname "$KAFKA_STATE")"
exec {lock_fd}>"$KAFKA_STATE.lock"
flock "$lock_fd"

# $1: client port; $2 (optional): SASL port.
broker_ready() {
  port_open "$1" && { [[ -z "${2:-}" ]] || port_open "$2"; } && grep -q 'Kafka Server started' "$server_log" 2>/dev/null
}

started_pid=""
fail_start() {
  log "$1"
  if [[ -n "$started_pid" ]] && broker_pid_alive "$started_pid"; then
    kill -KILL "$started_pid" 2>/dev/null || true # ours and broken: leave no half-started broker behind
  fi
  for f in "$server_log" "$stdout_log"; do
    if [[ -s "$f" ]]; then
      log "--- tail of $f ---"
      tail -n 40 "$f" >&2
    fi
  done
  die "the Kafka broker did not start (state dir: $KAFKA_STATE)"
}

wait_ready() {
  local pid="$1" port="$2" sport="${3:-}" deadline=$((SECONDS + timeout_s))
  until broker_ready "$port" "$sport"; do
    broker_pid_alive "$pid" || fail_start "the broker process (pid $pid) exited during startup"
    ((SECONDS < deadline)) || fail_start "timed out after ${timeout_s}s waiting for 127.0.0.1:$port"
    sleep 0.25
  done
}

# --- reuse a running broker -------------------------------------------------------------------
pid="$(state_get pid)"
port="$(state_get port)"
sport="$(state_get sasl-port)"
if [[ -n "$port" ]] && broker_pid_alive "$pid"; then
  if [[ -n "$sport" && -s "$KAFKA_SASL_PASSWORD_FILE" ]]; then
    log "reusing the running broker (pid $pid, state $KAFKA_STATE)"
    wait_ready "$pid" "$port" "$sport"
    echo "127.0.0.1:$port"
    exit 0
  fi
  # Started by an older up.sh (no SASL listener): replace it rather than let SASL tests fail.
  log "the running broker (pid $pid) has no SASL listener; restarting it fresh"
  stop_broker
fi

# --- fresh state dir ----------------------------------------------------------------------------
if [[ -e "$KAFKA_STATE" ]]; then
  if [[ ! -f "$KAFKA_STATE_MARKER" && -n "$(ls -A "$KAFKA_STATE")" ]]; then
    die "$KAFKA_STATE exists and was not created by surge; refusing to use it (set SURGE_KAFKA_STATE)"
  fi
  rm -rf "$KAFKA_STATE"
fi
mkdir -p "$KAFKA_STATE/data" "$KAFKA_STATE/logs"
echo "state dir of surge's local Kafka broker (scripts/kafka); deleted by kafka:down" >"$KAFKA_STATE_MARKER"

# --- ports: 19092 (client) + 19093 (controller) + 19094 (SASL client), or the next free triple -----
port=""
for ((p = 19092; p < 19392; p += 3)); do
  if ! port_open "$p" && ! port_open "$((p + 1))" && ! port_open "$((p + 2))"; then
    port=$p
    break
  fi
done
[[ -n "$port" ]] || die "no free port triple in 19092-19391"
cport=$((port + 1))
sport=$((port + 2))
echo "$port" >"$KAFKA_STATE/port"
echo "$cport" >"$KAFKA_STATE/controller-port"
echo "$sport" >"$KAFKA_STATE/sasl-port"

# --- SASL test user: a throwaway password for a throwaway broker (hex: no commas, no quotes) -----
sasl_password="surge-test-only-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(umask 077 && printf '%s\n' "$sasl_password" >"$KAFKA_SASL_PASSWORD_FILE")

# --- config -------------------------------------------------------------------------------------
cat >"$KAFKA_STATE/server.properties" <<EOF
# written by scripts/kafka/up.sh
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport,SASL_PLAINTEXT://127.0.0.1:$sport
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport,SASL_PLAINTEXT://127.0.0.1:$sport
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
log.dirs=$KAFKA_STATE/data

# SASL client listener (auth tests); SCRAM credentials are added by the format step below
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_SASL_USER="$sasl_password";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;

num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# a load generator fills disks: cap each partition at 1 GiB
log.segment.bytes=134217728
log.retention.bytes=1073741824
log.retention.check.interval.ms=60000
EOF

# Quiet: warnings to a file, plus the one INFO line that says the server is up.
cat >"$KAFKA_STATE/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $server_log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.file.ref = FILE
logger.raft.name = kafka.server.KafkaRaftServer
logger.raft.level = info
EOF

# --- format + start -----------------------------------------------------------------------------
cp="$KAFKA_LIBS/*"
# A cluster id is 16 random bytes in base64url; like Kafka's Uuid.randomUuid, avoid a leading '-'.
cluster_id="-"
while [[ "$cluster_id" == -* ]]; do
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
done
echo "$cluster_id" >"$KAFKA_STATE/cluster-id"

log "formatting a KRaft log dir in $KAFKA_STATE/data (Kafka $(kafka_version))"
"$JAVA" -Xmx256m -Dlog4j2.configurationFile="$KAFKA_SCRIPTS_DIR/conf/log4j2.properties" -cp "$cp" \
  kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_STATE/server.properties" --ignore-formatted \
  --add-scram "SCRAM-SHA-256=[name=$KAFKA_SASL_USER,password=$sasl_password]" \
  --add-scram "SCRAM-SHA-512=[name=$KAFKA_SASL_USER,password=$sasl_password]" \
  >"$KAFKA_STATE/logs/format.log" 2>&1 || {
  cat "$KAFKA_STATE/logs/format.log" >&2
  die "kafka.tools.StorageTool format failed"
}

log "starting the broker on 127.0.0.1:$port (controller $cport, SASL $sport)"
started=$SECONDS
# setsid + nohup: survives the calling shell / test process; no inherited stdio, so callers that
# read our stdout (execFile) are not held open by the broker. The lock fd is closed for it too:
# a broker holding the lock would make every later up.sh wait forever.
setsid nohup bash -c 'echo $$ >"$1/pid"; shift; exec "$@"' _ "$KAFKA_STATE" \
  "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
  -Djava.awt.headless=true -Dlog4j2.configurationFile="$KAFKA_STATE/log4j2.properties" \
  -cp "$cp" kafka.Kafka "$KAFKA_STATE/server.properties" \
  </dev/null >"$stdout_log" 2>&1 {lock_fd}>&- &

for _ in {1..40}; do [[ -s "$KAFKA_STATE/pid" ]] && break; sleep 0.05; done
pid="$(state_get pid)"
[[ -n "$pid" ]] || fail_start "the broker process did not record its pid"
started_pid="$pid"
wait_ready "$pid" "$port" "$sport"
log "broker ready in $((SECONDS - started))s (pid $pid; logs in $KAFKA_STATE/logs)"
echo "127.0.0.1:$port"
