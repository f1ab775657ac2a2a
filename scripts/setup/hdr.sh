#!/usr/bin/env bash
# Set-up job: HdrHistogram's Java tool (tests read surge's --hdr-log files with it); fetched once
# by scripts/hdr/tool.sh, which says so; silent when cached.
set -euo pipefail
bash "$(dirname "${BASH_SOURCE[0]}")/../hdr/tool.sh" >/dev/null
