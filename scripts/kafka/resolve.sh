#!/usr/bin/env bash
# Resolve the Kafka jars into the cache (no-op when already there). up.sh, perf.sh and
# classpath.sh do this on their own; CI calls it as a separate step.
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_jars
log "Kafka $(kafka_version) jars ready in $KAFKA_LIBS"
