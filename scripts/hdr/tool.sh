#!/usr/bin/env bash
# HdrHistogram's Java reference tools (org.hdrhistogram:HdrHistogram from Maven Central), for
# reading surge's --hdr-log files. Resolves the jar once into the cache and prints its path.
#   bash scripts/hdr/tool.sh                      # -> path of HdrHistogram-<version>.jar
#   java -cp "$(bash scripts/hdr/tool.sh)" org.HdrHistogram.HistogramLogProcessor -i run.hlog -tag TOPIC.latency -outputValueUnitRatio 1000
set -euo pipefail
VERSION=2.2.2
CACHE="${SURGE_HDR_HOME:-$HOME/.cache/surge/hdr}"
JAR="$CACHE/HdrHistogram-$VERSION.jar"
if [[ ! -f "$JAR" ]]; then
  command -v mvn >/dev/null || { echo "[hdr] error: mvn not found: Maven is needed once to fetch HdrHistogram" >&2; exit 1; }
  mkdir -p "$CACHE"
  echo "[hdr] fetching HdrHistogram $VERSION into $CACHE (once) ..." >&2
  tmp="$CACHE/tmp.$$"
  if ! mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.hdrhistogram:HdrHistogram:$VERSION" -DoutputDirectory="$tmp" >"$CACHE/resolve.log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$CACHE/resolve.log" >&2
    rm -rf "$tmp"
    echo "[hdr] error: Maven could not fetch HdrHistogram $VERSION (log in $CACHE/resolve.log)" >&2
    exit 1
  fi
  mv "$tmp/HdrHistogram-$VERSION.jar" "$JAR"
  rm -rf "$tmp"
fi
echo "$JAR"
