#!/usr/bin/env bash
# Runs MirrorMaker 2's MirrorSourceConnector (Apache Kafka's connect-mirror) in a standalone
# Kafka Connect worker: it replicates topic IN to "src.IN" on the same cluster, dropping every
# record that carries the header HEADER (Connect's own Filter transform with its HasHeaderKey
# predicate; default surge-anomaly). Nothing in it is written by surge: configuration only.
# Foreground; SIGTERM stops it. The JVM's pid goes to $SURGE_KAFKA_STATE/mirror-filter.pid.
#   scripts/pipelines/mirror-filter.sh 127.0.0.1:PORT IN [HEADER]
set -euo pipefail
# shellcheck source=scripts/pipelines/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
broker="${1:?usage: mirror-filter.sh HOST:PORT IN_TOPIC [HEADER]}"
topic="${2:?usage: mirror-filter.sh HOST:PORT IN_TOPIC [HEADER]}"
header="${3:-surge-anomaly}"
resolve_jars
mkdir -p "$KAFKA_STATE"
work="$(mktemp -d "${TMPDIR:-/tmp}/surge-mirror-filter.XXXXXX")"
cat >"$work/worker.properties" <<PROPS
bootstrap.servers=$broker
key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
header.converter=org.apache.kafka.connect.converters.ByteArrayConverter
offset.storage.file.filename=$work/offsets
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:0
PROPS
cat >"$work/mirror.properties" <<PROPS
name=surge-mirror-filter
connector.class=org.apache.kafka.connect.mirror.MirrorSourceConnector
tasks.max=1
source.cluster.alias=src
target.cluster.alias=dst
source.cluster.bootstrap.servers=$broker
target.cluster.bootstrap.servers=$broker
topics=$topic
replication.factor=1
offset-syncs.topic.replication.factor=1
sync.topic.acls.enabled=false
sync.topic.configs.enabled=false
refresh.topics.interval.seconds=5
transforms=dropMarked
transforms.dropMarked.type=org.apache.kafka.connect.transforms.Filter
transforms.dropMarked.predicate=marked
predicates=marked
predicates.marked.type=org.apache.kafka.connect.transforms.predicates.HasHeaderKey
predicates.marked.name=$header
PROPS
java_pid=""
stop() {
  [[ -n "$java_pid" ]] && kill -CONT "$java_pid" 2>/dev/null && kill "$java_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT INT TERM
"$JAVA" $PIPELINE_HEAP -Djava.io.tmpdir="$work" -cp "$(pipeline_classpath)" \
  org.apache.kafka.connect.cli.ConnectStandalone "$work/worker.properties" "$work/mirror.properties" &
java_pid=$!
echo "$java_pid" >"$KAFKA_STATE/mirror-filter.pid"
log "MirrorSourceConnector running (pid $java_pid): $topic -> src.$topic via $broker, dropping records with header $header"
wait "$java_pid"
