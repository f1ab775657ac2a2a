#!/usr/bin/env bash
# surge verify's read rate against kcat's, on the same records, in the same run:
#   bash scripts/bench-verify.sh [EVENTS=10000000] [ROUNDS=2]
# Produces EVENTS device events (lab scenario: one topic, 100,000 devices, --rate max) under a
# fresh topic prefix on the local broker (SURGE_KAFKA_STATE says which), then alternates
# `surge verify` and `kcat -C -f '%h\n'` (every record's headers printed, as issue 20 measured)
# reading those records ROUNDS times each. Prints records/s of both and the ratio.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
events="${1:-10000000}" rounds="${2:-2}" bin=dist/surge
[[ -x "$bin" ]] || npm run -s build
command -v kcat >/dev/null || { echo "bench-verify: kcat is not installed (apt-get install kcat)" >&2; exit 2; }
brokers="$(bash scripts/kafka/up.sh | tail -1)"
prefix="bench-verify-$(date +%s)-"
topic="${prefix}sensor-data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start=$(date +%s)
"$bin" --brokers "$brokers" --scenario lab --devices 100000 --rate max --count "$events" --topic-prefix "$prefix" \
  --anomalies-topic "${prefix}truth" --no-tui --interval 30s --summary-json "$work/run.json" >/dev/null
echo "produced $events events to $topic in $(( $(date +%s) - start )) s"

for ((i = 1; i <= rounds; i++)); do
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" verify --brokers "$brokers" --anomalies-topic "${prefix}truth" --json >"$work/verify.json" 2>/dev/null || true
  read -r wall user sys <"$work/time"
  records=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.recordsRead + " " + r.ok)' "$work/verify.json")
  echo "verify  round $i: ${records% *} records in ${wall} s wall (cpu ${user}+${sys} s): $(node -e "console.log(Math.round(${records% *} / $wall))") records/s, ok=${records#* }"
  echo "$wall ${records% *}" >>"$work/verify.times"

  /usr/bin/time -f "%e %U %S" -o "$work/time" kcat -C -b "$brokers" -t "$topic" -o beginning -e -q -f '%h\n' >"$work/kcat.out"
  read -r wall user sys <"$work/time"
  lines=$(wc -l <"$work/kcat.out")
  echo "kcat    round $i: $lines records in ${wall} s wall (cpu ${user}+${sys} s): $(node -e "console.log(Math.round($lines / $wall))") records/s"
  echo "$wall $lines" >>"$work/kcat.times"
  rm -f "$work/kcat.out"
done
node -e '
  const fs = require("fs");
  const rate = (f) => { const rows = fs.readFileSync(f, "utf8").trim().split("\n").map((l) => l.split(" ").map(Number)); return rows.reduce((s, [w, n]) => s + n, 0) / rows.reduce((s, [w]) => s + w, 0); };
  const v = rate(process.argv[1]), k = rate(process.argv[2]);
  console.log(`verify ${Math.round(v)} records/s, kcat ${Math.round(k)} records/s: verify = ${(v / k).toFixed(2)}x kcat`);
' "$work/verify.times" "$work/kcat.times"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "topics left on the broker: ${prefix}* (delete them when done)"
