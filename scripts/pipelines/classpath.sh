#!/usr/bin/env bash
# Print the Java classpath of the pipelines' jars (resolving them first if needed).
set -euo pipefail
# shellcheck source=scripts/pipelines/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
resolve_jars
pipeline_classpath
echo
