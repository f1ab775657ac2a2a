#!/usr/bin/env bash
# Runs Apache Kafka's own Kafka Streams PipeDemo (kafka-streams-examples): it copies every record
# of streams-plaintext-input to streams-pipe-output, headers and timestamps kept. Foreground;
# Ctrl-C / SIGTERM stops it. Writes the JVM's pid to $SURGE_KAFKA_STATE/streams-pipe.pid (tests
# SIGSTOP it to freeze the pipeline).
#   scripts/pipelines/streams-pipe.sh 127.0.0.1:PORT
set -euo pipefail
# shellcheck source=scripts/pipelines/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
broker="${1:?usage: streams-pipe.sh HOST:PORT (the broker scripts/kafka/up.sh printed)}"
resolve_jars
mkdir -p "$KAFKA_STATE"
# PipeDemo's bootstrap is localhost:9092, written in: forward it to the broker.
node "$PIPELINES_DIR/bootstrap-forward.mjs" 9092 "$broker" &
forward=$!
java_pid=""
stop() {
  [[ -n "$java_pid" ]] && kill -CONT "$java_pid" 2>/dev/null && kill "$java_pid" 2>/dev/null
  kill "$forward" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM
sleep 0.3
kill -0 "$forward" 2>/dev/null || die "port 9092 is taken: PipeDemo's bootstrap address cannot be forwarded"
state_dir="$(mktemp -d "${TMPDIR:-/tmp}/surge-streams-pipe.XXXXXX")"
"$JAVA" $PIPELINE_HEAP -Djava.io.tmpdir="$state_dir" -cp "$(pipeline_classpath)" \
  org.apache.kafka.streams.examples.pipe.PipeDemo &
java_pid=$!
echo "$java_pid" >"$KAFKA_STATE/streams-pipe.pid"
log "PipeDemo running (pid $java_pid): streams-plaintext-input -> streams-pipe-output via $broker"
wait "$java_pid"
