#!/usr/bin/env bash
# Fetches Debian's linux-binary-$KVER-amd64 and linux-modules-$KVER-amd64 (and the small
# linux-image-$KVER-amd64) through a private apt sources folder that adds experimental
# (/etc/apt is never changed) and unpacks them with dpkg-deb -x into WORK/kernel-$KVER/tree.
# Nothing is installed. A second run finds the unpacked tree and does nothing.
# Usage: fetch-kernel.sh KVER WORK      prints the vmlinuz path on its last line
set -euo pipefail
KVER=$1
WORK=$(mkdir -p "$2" && cd "$2" && pwd)
K=$WORK/kernel-$KVER
if ! ls "$K"/tree/usr/lib/modules/*/vmlinuz >/dev/null 2>&1 && ! ls "$K"/tree/boot/vmlinuz-* >/dev/null 2>&1; then
  rm -rf "$K/tree" "$K/debs"
  mkdir -p "$K/debs" "$K/tree" "$WORK/apt/parts" "$WORK/apt/lists/partial" "$WORK/apt/archives/partial"
  # Only experimental, with private lists: /etc/apt and /var/lib/apt are untouched.
  : > "$WORK/apt/empty.list"
  cat > "$WORK/apt/parts/ynl4j-experimental.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: experimental
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt=(-o "Dir::Etc::sourceparts=$WORK/apt/parts" -o "Dir::Etc::sourcelist=$WORK/apt/empty.list"
       -o "Dir::State::lists=$WORK/apt/lists" -o "Dir::Cache::archives=$WORK/apt/archives"
       -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o APT::Sandbox::User=root)
  if ! apt-cache "${apt[@]}" show "linux-binary-$KVER-amd64" >/dev/null 2>&1; then
    echo "kernel-vm: apt-get update (private lists in $WORK/apt)" >&2
    apt-get "${apt[@]}" -qq update >&2
  fi
  (cd "$K/debs" && apt-get "${apt[@]}" -qq download "linux-image-$KVER-amd64" \
      "linux-binary-$KVER-amd64" "linux-modules-$KVER-amd64") >&2
  for f in "$K"/debs/*.deb; do dpkg-deb -x "$f" "$K/tree"; done
fi
ls "$K"/tree/usr/lib/modules/*/vmlinuz "$K"/tree/boot/vmlinuz-* 2>/dev/null | head -n1 || true
