#!/usr/bin/env bash
# npm run bench: surge vs kafka-producer-perf-test against the local broker, in one run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -x dist/surge ]] || npm run -s build
exec node --import tsx scripts/bench.ts "$@"
