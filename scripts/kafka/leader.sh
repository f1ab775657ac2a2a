#!/usr/bin/env bash
# Print the id of the leader of a partition of the local cluster.
#   npm run -s kafka:leader -- TOPIC PARTITION
set -euo pipefail
# shellcheck source=scripts/kafka/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -n "$(node_count)" ]] || die "no cluster in $KAFKA_STATE (npm run kafka:up starts one)"
exec node "$KAFKA_SCRIPTS_DIR/leader.mjs" "$(listener_addresses PLAINTEXT)" "$@"
