# shellcheck shell=bash
# The OAUTHBEARER test token of the local brokers (sourced): an unsigned JWT ("alg":"none") that
# Kafka's default unsecured validator accepts, valid for a day, rewritten when less than an hour
# is left. For loopback tests only: real brokers must validate signed tokens.

KAFKA_OAUTH_TOKEN_FILE="$KAFKA_STATE/oauth-token"
KAFKA_OAUTH_SUBJECT="surge-test"

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# Seconds the token file has left (0 when absent or unreadable).
oauth_token_seconds_left() {
  local payload exp
  payload="$(cut -d. -f2 "$KAFKA_OAUTH_TOKEN_FILE" 2>/dev/null | tr -- '-_' '+/')" || { echo 0; return; }
  while ((${#payload} % 4)); do payload+="="; done
  exp="$(printf '%s' "$payload" | base64 -d 2>/dev/null | sed -n 's/.*"exp":\([0-9]*\).*/\1/p')"
  [[ -n "$exp" ]] && echo $((exp - $(date +%s))) || echo 0
}

ensure_oauth_token() {
  (($(oauth_token_seconds_left) > 3600)) && return 0
  local now header payload
  now="$(date +%s)"
  header="$(printf '{"alg":"none"}' | b64url)"
  payload="$(printf '{"sub":"%s","iat":%d,"exp":%d}' "$KAFKA_OAUTH_SUBJECT" "$now" $((now + 86400)) | b64url)"
  (umask 077 && printf '%s.%s.\n' "$header" "$payload" >"$KAFKA_OAUTH_TOKEN_FILE.tmp" && mv "$KAFKA_OAUTH_TOKEN_FILE.tmp" "$KAFKA_OAUTH_TOKEN_FILE")
}
