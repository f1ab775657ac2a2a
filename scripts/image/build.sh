#!/usr/bin/env bash
# `npm run image`: an OCI image FROM scratch holding dist/surge and the shared libraries ldd
# lists for it (libc, libm, libpthread, libdl, the loader), built with buildah (no Docker, no
# base image to download). Progress on stderr; the last line of stdout is the image reference.
#   SURGE_IMAGE  image name (default localhost/surge:<package.json version>)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

log() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] error: %s\n' "$*" >&2; exit 1; }

command -v buildah >/dev/null || die "buildah not found: install it (Debian: apt-get install buildah)"
version="$(node -p 'require("./package.json").version')"
ref="${SURGE_IMAGE:-localhost/surge:$version}"

if [[ ! -x dist/surge ]]; then
  log "no dist/surge yet: building it"
  npm run -s build >&2
fi

ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/rootfs/tmp"
chmod 1777 "$ctx/rootfs/tmp"
cp dist/surge "$ctx/rootfs/surge"
# "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)":
# every absolute path, copied with symlinks resolved to the same path inside the image.
mapfile -t libs < <(ldd dist/surge | grep -o '/[^ ]*' | sort -u)
((${#libs[@]} > 0)) || die "ldd lists no shared libraries for dist/surge"
for lib in "${libs[@]}"; do
  mkdir -p "$ctx/rootfs$(dirname "$lib")"
  cp -L "$lib" "$ctx/rootfs$lib"
done
log "dist/surge + ${#libs[@]} shared libraries: ${libs[*]}"

cat >"$ctx/Containerfile" <<CONTAINERFILE
FROM scratch
COPY rootfs/ /
# No terminal in a container: plain lines; /metrics, /healthz and /readyz on every interface.
ENV SURGE_NO_TUI=true SURGE_METRICS=0.0.0.0:9464
EXPOSE 9464
USER 65534:65534
LABEL org.opencontainers.image.title="surge" \\
      org.opencontainers.image.description="Flood Apache Kafka with realistic IoT traffic and watch what the cluster does with it" \\
      org.opencontainers.image.version="$version"
ENTRYPOINT ["/surge"]
CONTAINERFILE

log "buildah bud -t $ref"
buildah bud --quiet --format oci --layers=false -t "$ref" -f "$ctx/Containerfile" "$ctx" >&2
log "built $ref ($(du -sh "$ctx/rootfs" | cut -f1) uncompressed); run it with podman run --rm --network host $ref --brokers HOST:PORT"
echo "$ref"
