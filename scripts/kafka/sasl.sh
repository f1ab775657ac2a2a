#!/usr/bin/env bash
# The local broker's SASL_PLAINTEXT listener, for auth tests. Starts (or reuses) the broker via
# up.sh, then prints on stdout:
#   line 1  the SASL bootstrap address, e.g. 127.0.0.1:19094
#   line 2  the test user name (surge-test; PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512)
#   line 3  the test password, ONLY with --password
# The password (random per broker, throwaway) is also in $SURGE_KAFKA_STATE/sasl-test-password.
#
#   bash scripts/kafka/sasl.sh [--password]
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

show_password=false
for arg in "$@"; do
  case "$arg" in
    --password) show_password=true ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $arg (usage: sasl.sh [--password])" ;;
  esac
done

bash "$KAFKA_SCRIPTS_DIR/up.sh" >/dev/null
sport="$(state_get sasl-port)"
[[ -n "$sport" && -s "$KAFKA_SASL_PASSWORD_FILE" ]] || die "the broker in $KAFKA_STATE has no SASL listener recorded"
echo "127.0.0.1:$sport"
echo "$KAFKA_SASL_USER"
if $show_password; then cat "$KAFKA_SASL_PASSWORD_FILE"; fi
