#!/usr/bin/env bash
# What --metrics and --hdr-log cost at --rate max, dry run: CPU time per record and records/s of
# dist/surge without them (plain), with them but never scraped (idle), and with /metrics scraped
# every second (scraped), alternating, ROUNDS times.
#   bash scripts/bench-exporters.sh [ROUNDS=5] [COUNT=4000000] [BINARY=dist/surge]
# CPU per record (user+sys from /usr/bin/time) is the figure to read on a shared machine;
# records/s moves with whatever else runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-5}" count="${2:-4000000}" bin="${3:-dist/surge}"
[[ -x "$bin" ]] || npm run -s build
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() { # label, extra flags...
  local label=$1; shift
  /usr/bin/time -f "%U %S" -o "$work/time" "$bin" --dry-run --rate max --count "$count" --no-tui --seed 7 \
    --summary-json "$work/summary.json" "$@" >/dev/null 2>"$work/stderr" &
  local pid=$!
  if [[ $label == scraped ]]; then
    local url=""
    while [[ -z $url ]] && kill -0 $pid 2>/dev/null; do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/stderr" | head -1 || true); sleep 0.1; done
    while kill -0 $pid 2>/dev/null; do curl -s "$url/metrics" >/dev/null || true; sleep 1; done
  fi
  wait $pid
  node -e '
    const fs = require("fs");
    const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const [user, sys] = fs.readFileSync(process.argv[2], "utf8").trim().split(/\s+/).map(Number);
    const n = s.totals.generated;
    console.log(`${process.argv[3].padEnd(8)} records ${n}  cpu ${(user + sys).toFixed(2)} s  ${((user + sys) * 1e6 / n).toFixed(3)} µs/record  ${Math.round(n / s.elapsedSeconds)} records/s`);
  ' "$work/summary.json" "$work/time" "$label"
}

variant() {
  case $1 in
    0) run plain ;;
    1) run idle --metrics 127.0.0.1:0 --hdr-log "$work/run.hlog" ;;
    2) run scraped --metrics 127.0.0.1:0 --hdr-log "$work/run.hlog" ;;
  esac
}
# The order turns each round: on a shared machine the position in a round can matter more than the flags.
for ((round = 0; round < rounds; round++)); do
  for ((k = 0; k < 3; k++)); do variant $(((round + k) % 3)); done
done
