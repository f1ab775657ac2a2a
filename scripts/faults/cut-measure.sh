#!/usr/bin/env bash
# Issue 21's measurement: a surge run (--acks all, --delivery-timeout 30s, --request-timeout 10s)
# on the local three-node cluster while the leader of device-data partition 1 is cut from clients
# for 50 s, then `surge verify`: records counted failed that Kafka has anyway ("indeterminate"),
# retry duplicates, and why records failed. Compare two builds by running it with each.
#
#   SURGE_KAFKA_STATE=... bash scripts/faults/cut-measure.sh SURGE_BINARY [RATE] [CUT_SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
(($# >= 1)) || { echo "usage: cut-measure.sh SURGE_BINARY [RATE] [CUT_SECONDS]" >&2; exit 2; }
bin="$1" rate="${2:-2000}" cut="${3:-50}"
bootstrap="$(bash scripts/kafka/up.sh --brokers 3 | tail -1)"
prefix="cut-$(date +%s)."
out="${TMPDIR:-/tmp}/${prefix}"
"$bin" --brokers "$bootstrap" --scenario industrial --devices 10000 --rate "$rate" --duration "$((cut + 50))s" \
  --interval 5s --no-tui --topic-prefix "$prefix" --anomalies-topic "${prefix}truth" --summary-json "${out}summary.json" \
  --acks all --delivery-timeout 30s --request-timeout 10s >"${out}run.log" 2>&1 &
run=$!
sleep 20
leader="$(bash scripts/kafka/leader.sh "${prefix}device-data" 1)"
echo "cutting node $leader (leader of ${prefix}device-data-1) from clients for ${cut}s" >&2
bash scripts/kafka/fault.sh partition "$leader" client "$cut"
wait "$run" || echo "surge exited $?" >&2
"$bin" verify --brokers "$bootstrap" --anomalies-topic "${prefix}truth" --json --timeout 3m >"${out}verify.json" || true
node -e '
const fs = require("fs");
const [summary, verify] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
const topics = Object.values(verify.topics);
const sum = (f) => topics.reduce((n, t) => n + f(t), 0);
console.log(JSON.stringify({
  totals: summary.totals,
  errors: summary.errors.map((e) => `${e.code} ×${e.count}: ${e.message}`),
  indeterminate: sum((t) => t.missing.indeterminate),
  lost: sum((t) => t.missing.unexplained),
  duplicates: sum((t) => t.duplicates.unexplained),
  outOfOrder: sum((t) => t.outOfOrder.unexplained),
}));
' "${out}summary.json" "${out}verify.json"
echo "files: ${out}{run.log,summary.json,verify.json}" >&2
