#!/usr/bin/env bash
# Runs MirrorMaker 2 in dedicated mode (Apache Kafka's connect-mirror, org.apache.kafka.connect.mirror.MirrorMaker)
# between two clusters: topic IN on cluster A is replicated to "A.IN" on cluster B (MM2's default
# replication policy prefixes the source alias), headers and timestamps kept. Nothing in it is
# written by surge: configuration only. Foreground; SIGTERM stops it. The JVM's pid goes to
# $SURGE_KAFKA_STATE/mirror-maker.pid.
#   scripts/pipelines/mirror-maker.sh A_HOST:PORT B_HOST:PORT IN
set -euo pipefail
# shellcheck source=scripts/pipelines/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
usage="usage: mirror-maker.sh A_HOST:PORT B_HOST:PORT IN_TOPIC"
source_brokers="${1:?$usage}"
target_brokers="${2:?$usage}"
topic="${3:?$usage}"
resolve_jars
mkdir -p "$KAFKA_STATE"
work="$(mktemp -d "${TMPDIR:-/tmp}/surge-mirror-maker.XXXXXX")"
# One direction only, single-node clusters (replication factor 1 everywhere), quick topic discovery;
# no group offset, ACL or config sync: the test follows records, not consumer offsets.
cat >"$work/mm2.properties" <<PROPS
clusters=A, B
A.bootstrap.servers=$source_brokers
B.bootstrap.servers=$target_brokers
A->B.enabled=true
A->B.topics=$topic
B->A.enabled=false
A->B.sync.group.offsets.enabled=false
replication.factor=1
checkpoints.topic.replication.factor=1
heartbeats.topic.replication.factor=1
offset-syncs.topic.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
config.storage.replication.factor=1
sync.topic.acls.enabled=false
sync.topic.configs.enabled=false
refresh.topics.interval.seconds=5
refresh.groups.interval.seconds=600
offset.flush.interval.ms=1000
PROPS
java_pid=""
stop() {
  [[ -n "$java_pid" ]] && kill -CONT "$java_pid" 2>/dev/null && kill "$java_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT INT TERM
"$JAVA" $PIPELINE_HEAP -Djava.io.tmpdir="$work" -cp "$(pipeline_classpath)" \
  org.apache.kafka.connect.mirror.MirrorMaker "$work/mm2.properties" --clusters B &
java_pid=$!
echo "$java_pid" >"$KAFKA_STATE/mirror-maker.pid"
log "MirrorMaker 2 running (pid $java_pid): $topic on $source_brokers -> A.$topic on $target_brokers"
wait "$java_pid"
