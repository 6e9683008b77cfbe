#!/usr/bin/env bash
# Captures a real-kernel RTM_GETADDR (AF_INET) dump of 10,000 addresses, as raw netlink bytes, for
# the attribute-walk benchmarks (bench/runtime-walk.sh: bench/c/walk.c and the JMH
# AttrWalkBenchmark read the same file).
#
# In a network namespace of its own (created here, deleted on exit, whatever happens; the host's
# interfaces are never touched): a veth pair v0/v1, up, with $COUNT IPv4 addresses on v0 (added by
# `ip -n NS -batch -`), then bench/c/capture.c, compiled into bench/target/c/, dumps the addresses
# and writes every datagram as received (concatenated, NLMSG_DONE included).
#
# Usage: bench/capture-getaddr.sh [OUT]   (default bench/data/getaddr-10000.bin; needs root, ip, gcc)
# Environment: COUNT (addresses on v0, default 10000; lo's 127.0.0.1 comes on top).
# The file (about 1 MB, with timestamps of its own) is not committed: bench/data/ is in .gitignore,
# and bench/runtime-walk.sh runs this script when the file is missing.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
count=${COUNT:-10000}
out=${1:-bench/data/getaddr-10000.bin}

if [ "$(id -u)" -ne 0 ]; then
  echo "capture-getaddr: needs root (to create a network namespace)" >&2
  exit 2
fi
if [ "$count" -gt 62500 ]; then
  echo "capture-getaddr: at most 62500 addresses (10.77.0.0/16 and 10.78.0.0/16 … are enough for that)" >&2
  exit 2
fi
command -v ip >/dev/null || { echo "capture-getaddr: needs iproute2's ip" >&2; exit 2; }
if ! command -v gcc >/dev/null; then
  echo "capture-getaddr: installing gcc from Debian (apt-get update; apt-get install gcc)" >&2
  apt-get update -q >&2
  apt-get install -y -q gcc >&2
fi

mkdir -p bench/target/c "$(dirname "$out")"
gcc -O2 -Wall -Wextra -o bench/target/c/capture bench/c/capture.c

ns="ynl4j-bench-$$-$RANDOM"
tmp="$out.tmp.$$"
cleanup() {
  rm -f "$tmp"
  if ip netns list | grep -qw "^$ns"; then
    ip netns delete "$ns"
  fi
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add v0 type veth peer name v1
ip -n "$ns" link set v0 up
ip -n "$ns" link set v1 up
# 10.77.0.1/16 … : 250 addresses per /24 (no .0, no .255), the same pattern as RtAddrKernelTest.
for ((i = 0; i < count; i++)); do
  echo "address add 10.77.$((i / 250)).$((i % 250 + 1))/16 dev v0"
done | ip -n "$ns" -batch -

# The kernel has every address: check before capturing (ip -4 -o prints one line per address).
have=$(ip -n "$ns" -4 -o addr show dev v0 | wc -l)
if [ "$have" -ne "$count" ]; then
  echo "capture-getaddr: v0 has $have IPv4 addresses, expected $count" >&2
  exit 1
fi

ip netns exec "$ns" bench/target/c/capture "$tmp" >&2
mv "$tmp" "$out"
echo "capture-getaddr: wrote $out ($(stat -c %s "$out") bytes; $count addresses on v0, kernel $(uname -r))" >&2
