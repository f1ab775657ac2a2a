#!/usr/bin/env bash
# Stop the local registry started by up.sh (same SURGE_REGISTRY_STATE) and remove its state.
set -euo pipefail
state="${SURGE_REGISTRY_STATE:-${TMPDIR:-/tmp}/surge-registry}"
if [[ -f "$state/pid" ]]; then
  pid="$(cat "$state/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "registry: stopped (pid $pid)" >&2
  fi
fi
rm -rf "$state" "$state.lock"
