# Shared by the benchmark scripts (sourced from the repository root).

# bench_walk_c NAME: the captured 10,000-address RTM_GETADDR dump (bench/data/getaddr-10000.bin,
# made by bench/capture-getaddr.sh in a namespace of its own when missing: needs root), gcc (from
# Debian when missing) and bench/c/walk.c compiled into bench/target/c/walk. NAME prefixes messages.
# Sets capture and walk_bin.
bench_walk_c() {
  local name=$1
  capture=bench/data/getaddr-10000.bin
  walk_bin=bench/target/c/walk
  if [ ! -f "$capture" ]; then
    echo "$name: $capture is missing: capturing it (bench/capture-getaddr.sh)" >&2
    bench/capture-getaddr.sh "$capture"
  fi
  if ! command -v gcc >/dev/null; then
    echo "$name: installing gcc from Debian (apt-get update; apt-get install gcc)" >&2
    apt-get update -q >&2
    apt-get install -y -q gcc >&2
  fi
  mkdir -p "$(dirname "$walk_bin")"
  gcc -O2 -Wall -Wextra -o "$walk_bin" bench/c/walk.c
}

# bench_walk_header NAME: the first lines of a C-walk benchmark's results (host, JDK and gcc, git
# state, the capture, the load) and the C walk's command line; needs capture, walk_bin, rounds and
# seconds (bench_walk_c and the script set them) and JAVA_HOME.
bench_walk_header() {
  echo "# bench/$1.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# JDK: $JAVA_HOME; $(gcc --version | head -1)"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# capture: $capture, $(stat -c %s "$capture") bytes, $(date -u -r "$capture" +%Y-%m-%dT%H:%M:%SZ)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "# C walk, before JMH: $walk_bin $capture $rounds $seconds"
}
