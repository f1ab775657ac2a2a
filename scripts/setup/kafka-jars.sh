#!/usr/bin/env bash
# Set-up job: the Apache Kafka jars the test brokers run (Maven Central, cached once in
# ${SURGE_KAFKA_HOME:-~/.cache/surge/kafka}); silent when they are already there.
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../kafka/lib.sh"
jars_resolved && exit 0
resolve_jars
