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
