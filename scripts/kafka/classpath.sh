#!/usr/bin/env bash
# Print the Java classpath of the local Kafka jars (resolving them first if needed), e.g.
#   java -cp "$(npm run -s kafka:classpath)" org.apache.kafka.tools.consumer.ConsoleConsumer ...
# Includes scripts/kafka/conf, whose log4j2.properties keeps the tools quiet (warnings to stderr).
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_jars
kafka_classpath
echo
