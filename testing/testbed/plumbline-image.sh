#!/usr/bin/env bash
# Builds deploy/Containerfile into an image archive the test node's containerd imports, and prints its path.
# There is no registry to pull a Node base image from here, so the two base images the Containerfile takes as
# build arguments (BUILD_IMAGE, RUNTIME_IMAGE) are made from Debian packages with mmdebstrap. Debian trixie's
# nodejs (20.19) is the first Debian Node that Next 16 accepts (engines: node >= 20.9; bookworm has 18.20).
# The Containerfile itself is built exactly as an admin builds it (podman build -f deploy/Containerfile); only
# its base images, the host's network and the npm cache (a build-time volume) are this machine's.
#
# Cached under ~/.cache/plumbline/images/, keyed by a hash of every input: the base images by this script's
# recipe, the image by the bases' key and every file of the build context (the Containerfile and this script too).
# A second run with nothing changed prints the cached path at once. Builds run under `nice -n 15`.
#   bash testing/testbed/plumbline-image.sh          -> prints IMAGE=<ref>, ARCHIVE=<path>, SIZE=<bytes>, BUILT=<s>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${PLUMBLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline}/images"
die() { echo "plumbline-image: $*" >&2; exit 1; }
for tool in podman mmdebstrap sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing: bash scripts/setup.sh installs it (Debian: podman, mmdebstrap)"
done
mkdir -p "$cache"

# ---------- the base images, from Debian packages ----------
suite=trixie
mirror="${PLUMBLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
build_pkgs="nodejs,npm,ca-certificates"
runtime_pkgs="nodejs"
recipe="mmdebstrap --variant=essential $suite $mirror build:$build_pkgs runtime:$runtime_pkgs v1 nodoc"
base_key="$(printf '%s' "$recipe" | sha256sum | cut -c1-16)"

base_image() { # name packages -> prints the local image ref
  local name="$1" pkgs="$2" tar="$cache/debian-$suite-$1-$base_key.tar" ref="localhost/plumbline-base-$1:$base_key"
  if ! podman image exists "$ref"; then
    if [ ! -s "$tar" ]; then
      echo "plumbline-image: making the $name base image from Debian $suite ($pkgs)" >&2
      # No documentation, manuals or translations in an image nobody logs into.
      nice -n 15 mmdebstrap --quiet --format=tar --variant=essential --include="$pkgs" \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
        --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
        "$suite" "$tar.tmp" "$mirror" >&2 || die "mmdebstrap $suite ($pkgs) failed"
      mv "$tar.tmp" "$tar"
    fi
    podman import --quiet "$tar" "$ref" >/dev/null || die "podman import $tar failed"
  fi
  echo "$ref"
}

# ---------- the image's key: everything the build reads ----------
# The build stage copies the whole context, which Containerfile.dockerignore trims as .gitignore trims the repository:
# so the inputs are the files git sees, tracked or not (ignored ones left out), with their contents. Left out of the
# key are the files that cannot change what the image holds: tests, e2e/, testing/, scripts/, docs and the manifests (the app
# imports none of them: .dependency-cruiser.cjs). The build type-checks them too, and so does `npx tsc` in npm test.
key="$(
  cd "$repo"
  {
    echo "$base_key"
    sha256sum testing/testbed/plumbline-image.sh
    git ls-files -z --cached --others --exclude-standard | LC_ALL=C sort -z |
      grep -zvE '(^(e2e|testing|scripts|docs)/|^deploy/.*\.ya?ml$|\.test\.tsx?$|\.md$)' |
      xargs -0 sh -c 'for f; do [ ! -f "$f" ] || sha256sum "$f"; done' sh
  } | sha256sum | cut -c1-16
)" || die "cannot list the build's inputs (git ls-files in $repo)"
ref="localhost/plumbline:$key"
archive="$cache/plumbline-$key.tar"

if [ ! -s "$archive" ]; then
  started=$(date +%s)
  build_ref="$(base_image build "$build_pkgs")"
  runtime_ref="$(base_image runtime "$runtime_pkgs")"
  echo "plumbline-image: building $ref from deploy/Containerfile (npm ci + next build; minutes the first time)" >&2
  mkdir -p "$HOME/.npm"
  # The build's RUN steps use this machine's npm cache, npm settings and trusted CAs (a registry mirror or a TLS
  # proxy work as they do for the host's npm); volumes are not committed into the image.
  volumes=(--volume "$HOME/.npm:/root/.npm")
  [ ! -f "$HOME/.npmrc" ] || volumes+=(--volume "$HOME/.npmrc:/root/.npmrc:ro")
  [ ! -f /etc/ssl/certs/ca-certificates.crt ] ||
    volumes+=(--volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
  log="$cache/plumbline-$key.build.log"
  if ! (cd "$repo" && nice -n 15 podman build --pull=never --network=host "${volumes[@]}" \
    --build-arg BUILD_IMAGE="$build_ref" --build-arg RUNTIME_IMAGE="$runtime_ref" \
    --ignorefile deploy/Containerfile.dockerignore -f deploy/Containerfile -t "$ref" . >"$log" 2>&1); then
    tail -n 60 "$log" >&2
    die "podman build -f deploy/Containerfile failed (the last lines above; all of it in $log)"
  fi
  podman save --quiet --format docker-archive -o "$archive.tmp" "$ref" || die "podman save $ref failed"
  mv "$archive.tmp" "$archive"
  echo "$(($(date +%s) - started))" >"$archive.seconds"
fi
echo "IMAGE=$ref"
echo "ARCHIVE=$archive"
echo "SIZE=$(podman image inspect --format '{{.Size}}' "$ref" 2>/dev/null || stat -c %s "$archive")"
echo "BUILT=$(cat "$archive.seconds" 2>/dev/null || echo 0)"
