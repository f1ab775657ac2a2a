#!/usr/bin/env bash
# Start (or reuse) a local Apicurio Registry 2.4.2 (in-memory) on 127.0.0.1 for surge's tests.
# Built once from Maven Central (app/pom.xml) into a cache outside git. Progress goes to stderr;
# the LAST line of stdout is the Confluent-compatible URL, e.g. http://127.0.0.1:18081/apis/ccompat/v7
#
#   SURGE_REGISTRY_STATE  state dir (pid, port, log); default ${TMPDIR:-/tmp}/surge-registry
#   SURGE_REGISTRY_HOME   build cache; default ~/.cache/surge/registry
#   SURGE_REGISTRY_HEAP   JVM heap; default 160m
#   SURGE_REGISTRY_TLS_CERT, SURGE_REGISTRY_TLS_KEY  PEM files: HTTPS only, the URL is https://
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${SURGE_REGISTRY_STATE:-${TMPDIR:-/tmp}/surge-registry}"
home="${SURGE_REGISTRY_HOME:-$HOME/.cache/surge/registry}"
log() { echo "registry: $*" >&2; }
die() { echo "registry: $*" >&2; exit 1; }

command -v java >/dev/null || die "java not found (Java 17 runs Apicurio)"
mkdir -p "$state"
exec {lock_fd}>"$state.lock"
flock "$lock_fd"

tls_cert="${SURGE_REGISTRY_TLS_CERT:-}"
tls_key="${SURGE_REGISTRY_TLS_KEY:-}"
[[ -n "$tls_cert" && -z "$tls_key" || -z "$tls_cert" && -n "$tls_key" ]] &&
  die "SURGE_REGISTRY_TLS_CERT and SURGE_REGISTRY_TLS_KEY: set both or neither"
scheme="http"
probe=(curl -fsS)
[[ -n "$tls_cert" ]] && scheme="https" && probe=(curl -fsS --cacert "$tls_cert")
url_of() { echo "$scheme://127.0.0.1:$1/apis/ccompat/v7"; }
if [[ -f "$state/pid" && -f "$state/port" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
  url_of "$(cat "$state/port")"
  exit 0
fi

hash="$(cat "$here/app/pom.xml" "$here/app/src/main/resources/application.properties" | sha256sum | cut -c1-16)"
jar="$home/$hash/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$jar" ]]; then
  command -v mvn >/dev/null || die "mvn not found (it builds Apicurio from Maven Central)"
  log "building Apicurio Registry 2.4.2 from Maven Central into $home/$hash (first time: a minute or two)"
  mkdir -p "$home/$hash"
  cp -r "$here/app/pom.xml" "$here/app/src" "$home/$hash/"
  mvn -B -q -f "$home/$hash/pom.xml" package -DskipTests >&2 || die "maven build failed (see above)"
fi

# The lock is closed for java (else the registry would hold it and every later up.sh would wait).
# A free port: asked of the kernel, then held by nobody until java binds it (good enough locally).
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
echo "$port" >"$state/port"
listen=("-Dquarkus.http.port=$port")
# Quarkus serves HTTPS from PEM files; plain HTTP is then refused.
[[ -n "$tls_cert" ]] && listen=("-Dquarkus.http.ssl-port=$port" -Dquarkus.http.insecure-requests=disabled
  "-Dquarkus.http.ssl.certificate.files=$tls_cert" "-Dquarkus.http.ssl.certificate.key-files=$tls_key")
nohup java "-Xmx${SURGE_REGISTRY_HEAP:-160m}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Dquarkus.http.host=127.0.0.1 "${listen[@]}" -jar "$jar" >"$state/registry.log" 2>&1 {lock_fd}>&- &
echo $! >"$state/pid"
for _ in $(seq 1 120); do
  if "${probe[@]}" "$scheme://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
    log "ready on port $port (pid $(cat "$state/pid"), log $state/registry.log)"
    url_of "$port"
    exit 0
  fi
  kill -0 "$(cat "$state/pid")" 2>/dev/null || die "the registry exited; see $state/registry.log"
  sleep 0.5
done
die "not ready after 60 s; see $state/registry.log"
