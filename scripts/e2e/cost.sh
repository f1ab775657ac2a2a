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
: >"$results"
base="--brokers $B --rate max --duration $DURATION --no-tui --devices 10000"
echo "command: $NEW $base --topic-prefix c-<label>- [$E2E] --summary-json ... (under /usr/bin/time)"
echo "rounds: $ROUNDS; judged: '$E2E' against plain; also measured: '${ALSO:-none}'${OLD:+; old build $OLD}"

run() { # round label binary extra...
  local round=$1 label=$2 bin=$3
  shift 3
  local tag=$label-$round-$RANDOM
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$OUT/$tag.time" "$bin" $base --topic-prefix "c-$label-" "$@" \
    --summary-json "$OUT/$tag.json" >"$OUT/$tag.log" 2>&1
  python3 - "$round" "$label" "$OUT/$tag.json" "$OUT/$tag.time" "$(cut -d' ' -f1 /proc/loadavg)" "$results" <<'PY'
import json, sys
round_, label, js, tm, load, results = sys.argv[1:]
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
print(f"{label:12} round {round_}: acked={acked:8} rec/s={rate:8.0f} cpu_us_per_record={1e6*(u+s)/max(acked,1):5.2f} "
      f"read={read} skipped={skipped} measured={sampled} load={load}", flush=True)
open(results, "a").write(f"{round_}\t{label}\t{rate}\n")
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
rates = {}
for line in open(results):
    r, label, rate = line.split("\t"); rates[(r, label)] = float(rate)
rounds = sorted({r for r, _ in rates}, key=int)
def kept(label, plain="plain"):
    return [rates[(r, label)] / rates[(r, plain)] for r in rounds if (r, label) in rates and rates.get((r, plain), 0) > 0]
def text(ks):
    return ", ".join(f"{100*k:.0f} %" for k in ks)
for label, plain, name in (("also", "plain", also), ("old-e2e", "old-plain", f"old build {e2e}")):
    ks = kept(label, plain)
    if ks: print(f"{name}: kept a median {100*statistics.median(ks):.0f} % of the plain rate ({text(ks)})")
ks = kept("e2e")
if not ks:
    print(f"VERDICT: FAIL: no complete pair of plain and '{e2e}' runs"); sys.exit(1)
m = statistics.median(ks); ok = m >= 0.8
print(f"VERDICT: {'PASS' if ok else 'FAIL'}: '{e2e}' at --rate max kept a median {100*m:.0f} % of the plain rate "
      f"over {len(ks)} pairs ({text(ks)}; {sum(k >= 0.8 for k in ks)} of {len(ks)} at 80 % or more); "
      f"the bound: it costs at most 20 %, a median of 80 % or more")
sys.exit(0 if ok else 1)
PY
