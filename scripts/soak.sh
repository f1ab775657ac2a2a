#!/usr/bin/env bash
# A long headless run that records, every minute, surge's RSS, the rate it generated and had acked,
# and the send→ack latency of the first topic, then checks the run with `surge verify`.
#
#   bash scripts/soak.sh [--minutes 120] [--rate 20000] [--brokers HOST:PORT] [--out DIR] [-- SURGE ARGS...]
#
# Without --brokers the local broker is started (or reused) with scripts/kafka/up.sh, honouring
# SURGE_KAFKA_STATE. Results go to DIR (default ${TMPDIR:-/tmp}/surge-soak-YYYYmmddTHHMMSS):
# soak.csv (one row a minute), soak.md (the same as a table, plus the verdict), surge.log,
# surge.err, summary.json, verify.txt. The binary is dist/surge (npm run build), or $SURGE_BINARY.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=120
rate=20000
brokers=""
out="${TMPDIR:-/tmp}/surge-soak-$(date -u +%Y%m%dT%H%M%S)"
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --brokers) brokers="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "soak.sh: unknown argument $1 (see the header of scripts/soak.sh)" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -gt 0 ]] || { echo "soak.sh: --minutes must be a whole number above 0" >&2; exit 2; }
binary="${SURGE_BINARY:-dist/surge}"
[[ -x "$binary" ]] || { echo "soak.sh: $binary not found: run npm run build first" >&2; exit 2; }
[[ -n "$brokers" ]] || brokers="$(bash scripts/kafka/up.sh | tail -n 1)"
mkdir -p "$out"

csv="$out/soak.csv"
echo "minute,rss_mb,target_per_s,generated_per_s,acked_per_s,p50_ms,p99_ms,behind_total" > "$csv"
echo "soak: ${minutes} min at ${rate}/s against $brokers; results in $out" >&2

coproc SURGE { exec "$binary" --brokers "$brokers" --no-tui --rate "$rate" --duration "${minutes}m" --interval 60s \
  --summary-json "$out/summary.json" "${extra[@]}" 2>"$out/surge.err"; }
pid=$SURGE_PID
minute=0 p50="" p99="" peak_kb=0
# Headless lines (src/report/headless-lines.ts): each interval, one line per topic, then the total.
while IFS= read -r line <&"${SURGE[0]}"; do
  printf '%s\n' "$line" >> "$out/surge.log"
  if [[ -z "$p99" && "$line" =~ \ records\ .*\ p50\ ([0-9.]+)\ p99\ ([0-9.]+)\ max ]]; then
    p50="${BASH_REMATCH[1]}" p99="${BASH_REMATCH[2]}"
  elif [[ "$line" =~ \ total\ target\ ([^ ]+)\ generated\ ([0-9,.]+)\ ev/s\ acked\ ([0-9,.]+)\ rec/s(\ behind\ ([0-9,]+))? ]]; then
    minute=$((minute + 1))
    rss_kb="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    (( rss_kb > peak_kb )) && peak_kb=$rss_kb
    target="${BASH_REMATCH[1]//[,\/s]/}" generated="${BASH_REMATCH[2]//,/}" acked="${BASH_REMATCH[3]//,/}" behind="${BASH_REMATCH[5]//,/}"
    echo "$minute,$((rss_kb / 1024)),$target,$generated,$acked,${p50:-0},${p99:-0},${behind:-0}" >> "$csv"
    p50="" p99=""
  fi
done
code=0
wait "$pid" || code=$?

run_id="$(grep -oE 'run [0-9]{8}T[0-9]{6}Z-[a-z0-9]+' "$out/surge.err" | head -n 1 | cut -d' ' -f2 || true)"
verdict="not run"
if [[ -n "$run_id" ]]; then
  if "$binary" verify --brokers "$brokers" --run "$run_id" > "$out/verify.txt" 2>&1; then verdict="OK"; else verdict="FAILED (exit $?)"; fi
fi

{
  echo "| minute | RSS MB | target/s | generated ev/s | acked rec/s | p50 ms | p99 ms | behind (total) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$csv" | awk -F, '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}'
  echo
  echo "surge exit $code, peak sampled RSS $((peak_kb / 1024)) MB, verify of run $run_id: $verdict"
} > "$out/soak.md"
cat "$out/soak.md"
exit "$code"
