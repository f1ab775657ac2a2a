#!/usr/bin/env bash
# npm start: bring up the local Kafka broker (or reuse it) and run surge against it, from source
# under Bun. Extra arguments go to surge: npm start -- --scenario retail --rate 5000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
brokers="$(bash scripts/kafka/up.sh | tail -n 1)"
exec node_modules/.bin/bun src/main.ts --brokers "$brokers" "$@"
