# shellcheck shell=bash
# Test TLS material for the local brokers (sourced by up.sh): a CA, a broker certificate for
# 127.0.0.1/localhost and a client certificate (mutual TLS), made with openssl once and cached in
# $KAFKA_CACHE/tls. PEM throughout: Kafka reads PEM key stores (ssl.keystore.type=PEM), so no keytool.
# Throwaway keys for loopback tests only; never use them for anything else.

KAFKA_TLS_DIR="$KAFKA_CACHE/tls"

tls_ready() {
  local f
  for f in ca.pem broker.pem client-cert.pem client-key.pem; do [[ -s "$KAFKA_TLS_DIR/$f" ]] || return 1; done
}

# Make the files unless they are there (flock: several up.sh may start at once).
ensure_tls_files() {
  tls_ready && return 0
  command -v openssl >/dev/null || die "openssl not found: it is needed once to make the test TLS certificates (apt-get install openssl)"
  mkdir -p "$KAFKA_CACHE"
  exec {tls_lock}>"$KAFKA_CACHE/.tls.lock"
  flock "$tls_lock"
  if ! tls_ready; then
    local tmp="$KAFKA_TLS_DIR.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    log "making test TLS certificates in $KAFKA_TLS_DIR (once)"
    (
      set -e
      cd "$tmp"
      umask 077
      openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=surge local test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
      issue() { # $1 name, $2 subject CN, $3 extensions
        openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"
        printf '%s\n' "$3" >"$1.ext"
        openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 -extfile "$1.ext"
        openssl pkcs8 -topk8 -nocrypt -in "$1.key" -out "$1.pk8"
      }
      issue broker localhost "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth,clientAuth"
      issue client surge-test-client "extendedKeyUsage=clientAuth"
      cat broker.pk8 broker.crt ca.pem >broker.pem
      cp client.crt client-cert.pem
      cp client.pk8 client-key.pem
      rm -f ./*.csr ./*.ext ./*.srl broker.key client.key broker.pk8 client.pk8
    ) >"$KAFKA_CACHE/tls.log" 2>&1 || { cat "$KAFKA_CACHE/tls.log" >&2; rm -rf "$tmp"; die "openssl could not make the test certificates"; }
    rm -rf "$KAFKA_TLS_DIR"
    mv "$tmp" "$KAFKA_TLS_DIR"
  fi
  flock -u "$tls_lock"
  exec {tls_lock}>&-
}
