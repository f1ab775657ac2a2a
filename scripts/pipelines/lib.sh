# shellcheck shell=bash
# Shared by scripts/pipelines/*.sh (sourced): the jars of real pipelines (Apache Kafka's Kafka
# Streams examples and MirrorMaker 2 connectors), resolved once from Maven Central like the
# broker's (scripts/kafka/lib.sh's resolve_jars, pointed at this folder's POM and its own cache).
#
#   SURGE_PIPELINES_HOME  jar cache (default ~/.cache/surge/pipelines; jars in <cache>/libs)

PIPELINES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/kafka/lib.sh
source "$PIPELINES_DIR/../kafka/lib.sh"
KAFKA_POM="$PIPELINES_DIR/pom.xml"
KAFKA_CACHE="${SURGE_PIPELINES_HOME:-$HOME/.cache/surge/pipelines}"
KAFKA_LIBS="$KAFKA_CACHE/libs"
KAFKA_MARKER="$KAFKA_LIBS/.surge-resolved"

log() { printf '[pipelines] %s\n' "$*" >&2; }
die() { printf '[pipelines] error: %s\n' "$*" >&2; exit 1; }

# Small heaps: the machine is shared, the pipelines carry test traffic only.
PIPELINE_HEAP="${SURGE_PIPELINE_HEAP:--Xmx192m}"

pipeline_classpath() {
  printf '%s:%s/*' "$PIPELINES_DIR/../kafka/conf" "$KAFKA_LIBS"
}
