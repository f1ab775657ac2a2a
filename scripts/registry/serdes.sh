#!/usr/bin/env bash
# Prints the classpath of Reader.java (Apicurio 2.4.2 serdes + kafka-clients from Maven Central),
# resolving it into the local Maven repository the first time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${SURGE_REGISTRY_HOME:-$HOME/.cache/surge/registry}"
hash="$(sha256sum "$here/serdes/pom.xml" | cut -c1-16)"
out="$cache/serdes-$hash.classpath"
if [[ ! -s "$out" ]]; then
  mkdir -p "$cache"
  mvn -B -q -f "$here/serdes/pom.xml" dependency:build-classpath "-Dmdep.outputFile=$out" >&2
fi
cat "$out"
