#!/usr/bin/env bash
# The kernel's own Python `ynl` CLI (tools/net/ynl/cli.py, in newer trees tools/net/ynl/pyynl/cli.py)
# with the specs and schemas of the same kernel tree, for benchmarks that compare against it.
#
# Taken from a Debian kernel-source package (default linux-source-6.12, in bookworm-security; set
# KERNEL_SOURCE_PKG for another), fetched with `apt-get download` from the configured Debian sources
# (nothing installed, /etc/apt untouched). Only tools/net/ynl and Documentation/netlink are extracted,
# into bench/data/<package>/ (bench/data/ is in .gitignore); the .deb is then deleted, so later runs
# need no download. Python: Debian's /usr/bin/python3 with python3-yaml and python3-jsonschema
# (installed with apt-get when missing; `python3` on PATH may be another one, e.g. pyenv's).
#
# Usage: bench/python-ynl.sh --where     prints cli=, spec_dir=, schema_dir=, source= lines (shell-quoted)
#        bench/python-ynl.sh ARGS...     runs the kernel's ynl CLI, e.g. --spec FILE --dump getaddr --output-json
# Needs root only for the first run when packages are missing.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
pkg=${KERNEL_SOURCE_PKG:-linux-source-6.12}
dir="$root/bench/data/$pkg"
py=/usr/bin/python3

say() { echo "python-ynl: $*" >&2; }
apt_updated=false
apt_install() { # packages...
  if [ "$(id -u)" -ne 0 ]; then
    say "needs root to install $* (apt-get install $*)"
    exit 2
  fi
  if ! $apt_updated; then apt-get update -q >&2; apt_updated=true; fi
  say "installing $* from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

missing=()
[ -x "$py" ] || missing+=(python3)
if [ -x "$py" ]; then
  "$py" -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  # The default (no --no-schema) validates the spec against its schema with jsonschema.
  "$py" -c 'import jsonschema' 2>/dev/null || missing+=(python3-jsonschema)
else
  missing+=(python3-yaml python3-jsonschema)
fi
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

if [ ! -f "$dir/SOURCE.txt" ]; then
  command -v xz >/dev/null || apt_install xz-utils
  if ! apt-cache show "$pkg" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && ! $apt_updated; then apt-get update -q >&2; apt_updated=true; fi
    apt-cache show "$pkg" >/dev/null 2>&1 || {
      say "Debian package $pkg is not in the configured sources (apt-cache policy $pkg); set KERNEL_SOURCE_PKG"
      exit 2
    }
  fi
  dl=$(mktemp -d "$root/bench/data/.dl-XXXXXX")
  trap 'rm -rf "$dl"' EXIT
  say "fetching $pkg (apt-get download, about 150 MB) and extracting tools/net/ynl and Documentation/netlink"
  (cd "$dl" && apt-get download -q "$pkg" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2) || true
  deb=$(ls "$dl"/*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || { say "apt-get download $pkg failed"; exit 3; }
  tarball=$(dpkg-deb -c "$deb" | awk '{ print $NF }' | grep -E '^\./usr/src/linux-source-[^/]*\.tar\.xz$' | head -1)
  [ -n "$tarball" ] || { say "$deb holds no /usr/src/linux-source-*.tar.xz"; exit 3; }
  top=$(basename "$tarball" .tar.xz)
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" | xz -dc -T0 \
    | tar -x -C "$dir.tmp" --strip-components=1 --wildcards "$top/tools/net/ynl/*" "$top/Documentation/netlink/*"
  {
    echo "package: $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
    echo "deb: $(basename "$deb"), sha256 $(sha256sum "$deb" | cut -d' ' -f1)"
    echo "tarball: $tarball; extracted: tools/net/ynl, Documentation/netlink"
    echo "fetched: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$dir.tmp/SOURCE.txt"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
fi

cli=""
for c in "$dir/tools/net/ynl/pyynl/cli.py" "$dir/tools/net/ynl/cli.py"; do
  if [ -f "$c" ]; then cli=$c; break; fi
done
[ -n "$cli" ] || { say "no ynl cli.py under $dir/tools/net/ynl"; exit 3; }

if [ "${1:-}" = --where ]; then
  printf 'cli=%q\nspec_dir=%q\nschema_dir=%q\nsource=%q\npython=%q\n' "$cli" "$dir/Documentation/netlink/specs" \
    "$dir/Documentation/netlink" "$(sed -n 's/^package: //p' "$dir/SOURCE.txt")" "$py"
  exit 0
fi
exec "$py" "$cli" "$@"
