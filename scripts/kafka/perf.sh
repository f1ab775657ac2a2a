#!/usr/bin/env bash
# Kafka's own producer benchmark (what kafka-producer-perf-test.sh runs), from the same jars.
#   npm run -s kafka:perf -- --topic t --num-records 100000 --record-size 400 --throughput -1 \
#     --producer-props bootstrap.servers=127.0.0.1:19092 acks=1
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_jars
exec "$JAVA" -Xmx512m -XX:+UseG1GC -cp "$(kafka_classpath)" org.apache.kafka.tools.ProducerPerformance "$@"
