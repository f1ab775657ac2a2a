#!/usr/bin/env bash
# --workers N against --workers 1 at --rate max, paired and alternating (a loaded box drifts):
# per run the acked rate, the surge process's CPU µs per record, and `surge verify` of the run.
# Usage: BROKERS=127.0.0.1:19092 bash scripts/bench-workers.sh [pairs=3] [count=300000] [workers=2]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pairs="${1:-3}"
count="${2:-300000}"
n="${3:-2}"
brokers="${BROKERS:?set BROKERS to the bootstrap (host:port)}"
out="$(mktemp -d)"
one() {
  local workers="$1" pair="$2"
  local run="bench-w${workers}-${pair}-$(date +%s)"
  local prefix="bw-${run}-"
  /usr/bin/time -f "%U %S %e" -o "$out/$run.time" dist/surge --brokers "$brokers" --rate max --count "$count" \
    --no-tui --workers "$workers" --run-id "$run" --topic-prefix "$prefix" --summary-json "$out/$run.json" \
    >/dev/null 2>"$out/$run.err"
  local verdict
  verdict="$(dist/surge verify --brokers "$brokers" --run "$run" --json 2>/dev/null | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ok?"OK":"NOT OK"))')"
  node -e '
    const [file, timeFile, workers, verdict] = process.argv.slice(1);
    const s = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const [user, sys] = require("fs").readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number);
    const rate = s.totals.acked / s.elapsedSeconds;
    const cpuUs = ((user + sys) * 1e6) / s.totals.acked;
    console.log(`workers ${workers}: acked ${s.totals.acked} in ${s.elapsedSeconds}s = ${Math.round(rate)} rec/s, CPU ${(user + sys).toFixed(1)}s = ${cpuUs.toFixed(2)} µs/record, verify ${verdict}`);
  ' "$out/$run.json" "$out/$run.time" "$workers" "$verdict"
}
for pair in $(seq 1 "$pairs"); do
  one 1 "$pair"
  one "$n" "$pair"
done
