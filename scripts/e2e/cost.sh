#!/bin/bash
# Alternating runs at --rate max: base (main) vs this branch, plain vs --e2e --e2e-sample 1%.
# Usage: BROKERS=127.0.0.1:PORT OLD=path/to/main/dist/surge scripts/e2e/cost.sh  (prints one line per run)
mkdir -p "${OUT:-/tmp/surge-e2e-cost}"
B=${BROKERS:?set BROKERS to the broker from npm run kafka:up}
run() { # label binary extra...
  local label=$1 bin=$2; shift 2
  local tag=$label-$RANDOM
  /usr/bin/time -f "%U %S" -o ${OUT:-/tmp/surge-e2e-cost}/$tag.time $bin --brokers $B --rate max --duration 15s --no-tui --devices 10000 \
    --topic-prefix b-$label- "$@" --summary-json ${OUT:-/tmp/surge-e2e-cost}/$tag.json > ${OUT:-/tmp/surge-e2e-cost}/$tag.log 2>&1
  python3 - "$label" ${OUT:-/tmp/surge-e2e-cost}/$tag.json ${OUT:-/tmp/surge-e2e-cost}/$tag.time "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
label, js, tm, load = sys.argv[1:]
d = json.load(open(js)); u, s = map(float, open(tm).read().split()[-2:])
acked = d['totals']['acked']
e = d.get('e2e', {}).get('topics', {})
sampled = sum(t['sampled'] for t in e.values()); read = sum(t['read'] for t in e.values())
print(f"{label:12} acked={acked:8} rec/s={acked/d['elapsedSeconds']:8.0f} cpu_s={u+s:6.2f} cpu_us_per_record={1e6*(u+s)/max(acked,1):5.2f} read={read} sampled={sampled} load={load}", flush=True)
PY
}
OLD=${OLD:-/tmp/e2efast-base/dist/surge}   # dist/surge built from main before this change
NEW=${NEW:-dist/surge}
for round in 1 2 3; do
  run old-plain $OLD
  run old-e2e1pct $OLD --e2e --e2e-sample 1%
  run new-plain $NEW
  run new-e2e1pct $NEW --e2e --e2e-sample 1%
  run new-e2e100 $NEW --e2e
done
