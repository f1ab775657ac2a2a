#!/usr/bin/env bash
# Print the local brokers' listeners and test credentials as NAME VALUE lines (starting nothing):
#   PLAINTEXT SASL_PLAINTEXT SSL SASL_SSL MTLS OAUTHBEARER   127.0.0.1:PORT[,127.0.0.1:PORT...]
#   CA_FILE CLIENT_CERT_FILE CLIENT_KEY_FILE OAUTH_TOKEN_FILE   paths of PEM files / the token
#   SASL_USERNAME SASL_PASSWORD   the throwaway SASL user (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)
# SASL_PLAINTEXT and SASL_SSL take the SASL user; OAUTHBEARER takes the token (an unsigned JWT that
# only these test brokers accept); MTLS needs the client certificate and key.
#   npm run -s kafka:listeners
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/kafka/tls.sh
source "$KAFKA_SCRIPTS_DIR/tls.sh"
# shellcheck source=scripts/kafka/oauth-token.sh
source "$KAFKA_SCRIPTS_DIR/oauth-token.sh"

[[ "$(state_get layout)" == "$KAFKA_LAYOUT" && -n "$(node_count)" ]] ||
  die "no brokers with these listeners in $KAFKA_STATE (npm run kafka:up starts them)"
ensure_oauth_token
for name in PLAINTEXT SASL_PLAINTEXT SSL SASL_SSL MTLS OAUTHBEARER; do echo "$name $(listener_addresses "$name")"; done
echo "CA_FILE $KAFKA_TLS_DIR/ca.pem"
echo "CLIENT_CERT_FILE $KAFKA_TLS_DIR/client-cert.pem"
echo "CLIENT_KEY_FILE $KAFKA_TLS_DIR/client-key.pem"
echo "SASL_USERNAME $KAFKA_SASL_USER"
echo "SASL_PASSWORD $(cat "$KAFKA_SASL_PASSWORD_FILE")"
echo "OAUTH_TOKEN_FILE $KAFKA_OAUTH_TOKEN_FILE"
