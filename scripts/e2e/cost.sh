#!/bin/bash
# The cost of --e2e at --rate max (issue 19: it may cost at most 20 % of the producing rate).
# Alternates a plain run and --e2e runs of the same build, ROUNDS times, at --rate max; each --e2e
# run is judged against the plain run just before it (rate kept = its acked rec/s / plain's), and
# the verdict is on the median over the rounds. One line per run, then a VERDICT line; exit 0 on
# PASS, 1 on FAIL. Run it on a quiet machine: neighbours' load makes single pairs swing ±30 %.
#
#   BROKERS=127.0.0.1:PORT scripts/e2e/cost.sh
#     NEW=dist/surge         the build under test
#     ROUNDS=5 DURATION=15s  rounds and length of each run
#     E2E="--e2e"            the judged variant (at --rate max --e2e samples 10 % and reads the tail)
#     ALSO="--e2e --e2e-sample 100%"   a further variant measured beside it (not judged); "" for none
#     OLD=path/to/surge      also run another build the same way (before/after), not judged
#     BROKER_PID=PID         the broker's JVM (default: $SURGE_KAFKA_STATE/pid): its CPU is counted too
#
# Besides the rates it prints CPU µs per acked record of surge and of the broker: their sum, plain
# against --e2e, is what bounds the rate on a box where both share the cores, and it moves much
# less with neighbours' load than the rate does (printed as "CPU-predicted", not judged).
set -uo pipefail
B=${BROKERS:?set BROKERS to the broker, e.g. from: npm run -s kafka:up}
NEW=${NEW:-dist/surge}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-15s}
E2E=${E2E:---e2e}
ALSO=${ALSO---e2e --e2e-sample 100%}
OUT=${OUT:-/tmp/surge-e2e-cost}
mkdir -p "$OUT"
results="$OUT/results-$$.tsv"
BROKER_PID=${BROKER_PID:-$(cat "${SURGE_KAFKA_STATE:-${TMPDIR:-/tmp}/surge-kafka}/pid" 2>/dev/null)}
broker_ticks() { [[ -n "$BROKER_PID" && -r /proc/$BROKER_PID/stat ]] && awk '{print $14 + $15}' "/proc/$BROKER_PID/stat" || echo 0; }
: >"$results"
base="--brokers $B --rate max --duration $DURATION --no-tui --devices 10000"
echo "command: $NEW $base --topic-prefix c-<label>- [$E2E] --summary-json ... (under /usr/bin/time)"
echo "rounds: $ROUNDS; judged: '$E2E' against plain; also measured: '${ALSO:-none}'${OLD:+; old build $OLD}"

run() { # round label binary extra...
  local round=$1 label=$2 bin=$3
  shift 3
  local tag=$label-$round-$RANDOM
  local before
  before=$(broker_ticks)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$OUT/$tag.time" "$bin" $base --topic-prefix "c-$label-" "$@" \
    --summary-json "$OUT/$tag.json" >"$OUT/$tag.log" 2>&1
  local broker_s
  broker_s=$(awk -v a="$before" -v b="$(broker_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}')
  python3 - "$round" "$label" "$OUT/$tag.json" "$OUT/$tag.time" "$(cut -d' ' -f1 /proc/loadavg)" "$results" "$broker_s" <<'PY'
import json, sys
round_, label, js, tm, load, results, broker_s = sys.argv[1:]
try:
    d = json.load(open(js))
except (OSError, ValueError):
    print(f"{label:12} round {round_}: FAILED (no summary; see {js[:-5]}.log)", flush=True)
    sys.exit(0)
u, s = map(float, open(tm).read().split()[-2:])
acked = d['totals']['acked']
rate = acked / d['elapsedSeconds']
e = d.get('e2e', {}).get('topics', {})
read = sum(t['read'] for t in e.values()); skipped = sum(t.get('skipped', 0) for t in e.values())
sampled = sum(t['sampled'] for t in e.values())
surge_us = 1e6 * (u + s) / max(acked, 1); broker_us = 1e6 * float(broker_s) / max(acked, 1)
print(f"{label:12} round {round_}: acked={acked:8} rec/s={rate:8.0f} cpu_us_per_record={surge_us:5.2f} "
      f"broker_us_per_record={broker_us:5.2f} read={read} skipped={skipped} measured={sampled} load={load}", flush=True)
open(results, "a").write(f"{round_}\t{label}\t{rate}\t{surge_us + broker_us}\n")
PY
}

for round in $(seq 1 "$ROUNDS"); do
  run "$round" plain "$NEW"
  # shellcheck disable=SC2086
  run "$round" e2e "$NEW" $E2E
  # shellcheck disable=SC2086
  [[ -n "$ALSO" ]] && run "$round" also "$NEW" $ALSO
  if [[ -n "${OLD:-}" ]]; then
    run "$round" old-plain "$OLD"
    # shellcheck disable=SC2086
    run "$round" old-e2e "$OLD" $E2E
  fi
done

python3 - "$results" "$E2E" "$ALSO" <<'PY'
import sys, statistics
results, e2e, also = sys.argv[1:]
rates = {}; cpu = {}
for line in open(results):
    r, label, rate, us = line.split("\t"); rates[(r, label)] = float(rate); cpu[(r, label)] = float(us)
rounds = sorted({r for r, _ in rates}, key=int)
def kept(label, plain="plain"):
    return [rates[(r, label)] / rates[(r, plain)] for r in rounds if (r, label) in rates and rates.get((r, plain), 0) > 0]
def text(ks):
    return ", ".join(f"{100*k:.0f} %" for k in ks)
def predicted(label, plain="plain"):
    return [cpu[(r, plain)] / cpu[(r, label)] for r in rounds if (r, label) in cpu and cpu.get((r, label), 0) > 0 and (r, plain) in cpu]
for label, plain, name in (("e2e", "plain", e2e), ("also", "plain", also), ("old-e2e", "old-plain", f"old build {e2e}")):
    ks = kept(label, plain); ps = predicted(label, plain)
    if ks and label != "e2e": print(f"{name}: kept a median {100*statistics.median(ks):.0f} % of the plain rate ({text(ks)})")
    if ps: print(f"{name}: CPU-predicted (surge + broker µs per record, plain / this): median {100*statistics.median(ps):.0f} % ({text(ps)})")
ks = kept("e2e")
if not ks:
    print(f"VERDICT: FAIL: no complete pair of plain and '{e2e}' runs"); sys.exit(1)
m = statistics.median(ks); ok = m >= 0.8
print(f"VERDICT: {'PASS' if ok else 'FAIL'}: '{e2e}' at --rate max kept a median {100*m:.0f} % of the plain rate "
      f"over {len(ks)} pairs ({text(ks)}; {sum(k >= 0.8 for k in ks)} of {len(ks)} at 80 % or more); "
      f"the bound: it costs at most 20 %, a median of 80 % or more")
sys.exit(0 if ok else 1)
PY
