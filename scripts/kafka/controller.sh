#!/usr/bin/env bash
# Print the id of the active KRaft controller of the local cluster (Kafka's MetadataQuorumCommand).
#   npm run -s kafka:controller
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -n "$(node_count)" ]] || die "no cluster in $KAFKA_STATE (npm run kafka:up starts one)"
out="$("$JAVA" -Xmx128m -cp "$(kafka_classpath)" org.apache.kafka.tools.MetadataQuorumCommand \
  --bootstrap-controller "$(listener_addresses CONTROLLER)" describe --status)" || die "MetadataQuorumCommand failed"
sed -n 's/^LeaderId:[[:space:]]*\([0-9]*\).*/\1/p' <<<"$out"
