#!/usr/bin/env bash
# Set-up job: the jars of the real pipelines the --follow tests run (Kafka Streams examples,
# MirrorMaker 2), resolved once from Maven Central by scripts/pipelines/ (it says so); silent when cached.
set -euo pipefail
bash "$(dirname "${BASH_SOURCE[0]}")/../pipelines/classpath.sh" >/dev/null
