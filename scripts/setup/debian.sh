#!/usr/bin/env bash
# Set-up job: the Debian packages the tests drive; installs the missing ones with apt-get (as root
# or through password-less sudo) and says what it installs. Where it cannot, it prints ONE line
# naming the command to run and exits 1. Quiet when everything is present.
set -euo pipefail
# Tools in /usr/sbin (runc) are there for a non-root user too, whose PATH often lacks it.
PATH="$PATH:/usr/sbin:/sbin"

# "tool package": one line per tool a test runs; add yours here when a test needs a new one.
NEEDED=(
  "tmux tmux"                      # test/e2e: the dashboard in a real terminal
  "prometheus prometheus"          # test/integration/exporters, image: a real Prometheus scrapes surge
  "podman podman"                  # test/integration/image: runs the image
  "buildah buildah"                # npm run image: builds it
  "runc runc"                      # podman's container runtime
  "openssl openssl"                # scripts/kafka/tls.sh: the test broker's certificates
  "java default-jre-headless"      # the Kafka broker and Kafka's own tools (Java 17+)
  "mvn maven"                      # fetches the Kafka jars and HdrHistogram once (Maven Central)
  "nft nftables"                   # test/cluster: network partitions (nft rules on 127.0.0.1)
  "kcat kcat"                      # npm run bench: the C client (librdkafka) as a peer; bench-verify
)

tools=() packages=()
for line in "${NEEDED[@]}"; do
  read -r tool package <<<"$line"
  command -v "$tool" >/dev/null 2>&1 && continue
  tools+=("$tool")
  [[ " ${packages[*]} " == *" $package "* ]] || packages+=("$package")
done
((${#tools[@]} == 0)) && exit 0

list() { local IFS=","; local s="$*"; printf '%s' "${s//,/, }"; }
command_line="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: $(list "${tools[@]}") missing and no apt-get here: install them with your package manager (Debian: $command_line), then run npm test again" >&2
  exit 1
fi
sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    sudo=(sudo -n)
  elif command -v sudo >/dev/null 2>&1; then
    echo "setup: $(list "${tools[@]}") missing and sudo wants a password: run  sudo sh -c '$command_line'  then npm test again" >&2
    exit 1
  else
    echo "setup: $(list "${tools[@]}") missing and this user cannot install them (not root, no sudo): as root run  $command_line  then npm test again" >&2
    exit 1
  fi
fi

echo "setup: installing $(list "${packages[@]}") with apt-get (for $(list "${tools[@]}")) ..."
log="$(mktemp -t surge-setup-apt.XXXXXX)"
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "setup: apt-get could not install $(list "${packages[@]}") (output above, all of it in $log); fix that, or run  sudo sh -c '$command_line'" >&2
  exit 1
fi
rm -f "$log"
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still not on PATH after installing its package; is PATH missing /usr/bin?" >&2; exit 1; }
done
echo "setup: installed $(list "${packages[@]}")"
