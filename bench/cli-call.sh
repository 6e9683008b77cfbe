#!/usr/bin/env bash
# Whole-process time of an RTM_GETADDR dump printed as JSON, on a network namespace with 10,000
# IPv4 addresses (issue 6, "Start-up"): `bin/ynl4j call --spec specs/rt-addr.yaml --dump getaddr
# --output-json` against `ip -j addr show` (the baseline) and the kernel's own Python ynl CLI
# (`--dump getaddr --output-json`, with its default schema check and with --no-schema).
# Goals: ynl4j within 4× of `ip -j addr show`; at least 4× faster than the Python ynl.
#
# In a network namespace of its own (created here, deleted on exit whatever happens; the host's
# interfaces are never touched): IPv6 off (so that no link-local address appears mid-run and the
# count is fixed), lo up, a veth pair v0/v1, up, $COUNT IPv4 addresses on v0 (`ip -n NS -batch -`).
# Every tool runs under `ip netns exec NS` so that the namespace switch costs each the same (the
# switch alone, `ip netns exec NS true`, is a row too); the one exception is the `ynl4j call --netns
# NS` row, which switches by itself. Rounds alternate the tools (round robin, each round starting
# one tool later) so that a slow spell of the machine hits them alike, after one unmeasured round
# that checks each tool's JSON (the number of addresses must be COUNT + 1, lo's 127.0.0.1) and
# measures peak RSS (/usr/bin/time -f %M). Times: bash's $EPOCHREALTIME around the process, output
# to /dev/null.
# Until `bin/ynl4j call` exists (its --help must print "Usage: ynl4j call"; the top-level usage with
# exit 0 does not count) its rows say "not available yet"; the same for --netns. When the CLI honours
# YNL4J_TIMING=1 (lines "ynl4j-timing: …" on stderr), one more run's breakdown goes into the results.
#
# Usage: bench/cli-call.sh (as root)   Environment: ROUNDS (default 10), COUNT (default 10000),
# YNL4J_BIN (default bin/ynl4j; another checkout's launcher, or a stand-in to test this script),
# KERNEL_SOURCE_PKG (the Debian package the Python ynl comes from; see bench/python-ynl.sh).
# Installs from Debian when missing: iproute2, time, python3-yaml, python3-jsonschema; the kernel's
# ynl is extracted into bench/data/ by bench/python-ynl.sh (once; not committed).
# Writes bench/results/cli-call-<date>.txt (raw times and the Markdown table; meant to be committed).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
rounds=${ROUNDS:-10}
count=${COUNT:-10000}

if [ "$(id -u)" -ne 0 ]; then
  echo "cli-call: needs root (to create a network namespace)" >&2
  exit 2
fi
if [ "$count" -gt 62500 ]; then
  echo "cli-call: at most 62500 addresses" >&2
  exit 2
fi
missing=()
command -v ip >/dev/null || missing+=(iproute2)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "cli-call: installing ${missing[*]} from Debian (apt-get update; apt-get install)" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi
# The kernel's Python ynl, its specs and Debian's python3 with yaml and jsonschema.
eval "$(bench/python-ynl.sh --where)" # cli, spec_dir, schema_dir, source, python
py_spec=""
for s in "$spec_dir/rt-addr.yaml" "$spec_dir/rt_addr.yaml"; do
  if [ -f "$s" ]; then py_spec=$s; break; fi
done
[ -n "$py_spec" ] || { echo "cli-call: no rt-addr spec in $spec_dir" >&2; exit 3; }

. bin/jdk.sh
ynl4j_find_jdk
java="$JAVA_HOME/bin/java"
if [ ! -f cli/target/ynl4j-cli.jar ]; then
  echo "cli-call: building (./mvnw -q -B -ntp -DskipTests package)" >&2
  ./mvnw -q -B -ntp -DskipTests package
fi
ynl4j_spec=specs/rt-addr.yaml
ynl4j=${YNL4J_BIN:-bin/ynl4j}
call_help=$("$ynl4j" call --help 2>&1) && [[ $call_help == *"Usage: ynl4j call"* ]] && have_call=true || have_call=false
have_netns=false
if $have_call && [[ $call_help == *--netns* ]]; then have_netns=true; fi
$have_call || echo "cli-call: ynl4j call: not available yet ($ynl4j call --help does not print \"Usage: ynl4j call\")" >&2
if $have_call && ! $have_netns; then echo "cli-call: ynl4j call --netns: not available yet" >&2; fi
if YNL4J_AOT=require "$ynl4j" encode --spec specs/rt-addr.yaml --dump getaddr >/dev/null 2>&1; then aot="used (fresh; the -wire cache of call/encode/decode)"; else aot="not used (none or stale; JDK < 25?)"; fi

ns="ynl4j-call-$$-$RANDOM"
tmp=$(mktemp -d)
cleanup() {
  rm -rf "$tmp"
  if ip netns list | grep -qw "^$ns"; then
    ip netns delete "$ns"
  fi
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
ip -n "$ns" link set lo up
ip -n "$ns" link add v0 type veth peer name v1
ip -n "$ns" link set v0 up
ip -n "$ns" link set v1 up
# 10.77.0.1/16 … : 250 addresses per /24 (no .0, no .255), as bench/capture-getaddr.sh.
for ((i = 0; i < count; i++)); do
  echo "address add 10.77.$((i / 250)).$((i % 250 + 1))/16 dev v0"
done | ip -n "$ns" -batch -
expect=$((count + 1)) # and lo's 127.0.0.1
have=$(ip -n "$ns" -o addr show | wc -l)
if [ "$have" -ne "$expect" ]; then
  echo "cli-call: the namespace has $have addresses, expected $expect" >&2
  exit 1
fi

# name|label|available; cmd_of NAME gives its command.
tools=(
  "nsexec|\`ip netns exec NS true\` (namespace switch alone)|true"
  "ip|\`ip netns exec NS ip -j addr show\` (baseline)|true"
  "ip-n|\`ip -n NS -j addr show\` (no exec)|true"
  "py|Python ynl \`cli.py --spec $(basename "$py_spec") --dump getaddr --output-json\` (schema check)|true"
  "py-noschema|Python ynl, same with \`--no-schema\`|true"
  "ynl4j|\`ip netns exec NS $ynl4j call --spec $ynl4j_spec --dump getaddr --output-json\`|$have_call"
  "ynl4j-netns|\`$ynl4j call --netns NS --spec $ynl4j_spec --dump getaddr --output-json\`|$have_netns"
)
cmd_of() { # name → the command in the array cmd
  case $1 in
    nsexec) cmd=(ip netns exec "$ns" true) ;;
    ip) cmd=(ip netns exec "$ns" ip -j addr show) ;;
    ip-n) cmd=(ip -n "$ns" -j addr show) ;;
    py) cmd=(ip netns exec "$ns" "$python" "$cli" --spec "$py_spec" --dump getaddr --output-json) ;;
    py-noschema) cmd=(ip netns exec "$ns" "$python" "$cli" --no-schema --spec "$py_spec" --dump getaddr --output-json) ;;
    ynl4j) cmd=(ip netns exec "$ns" "$ynl4j" call --spec "$ynl4j_spec" --dump getaddr --output-json) ;;
    ynl4j-netns) cmd=("$ynl4j" call --netns "$ns" --spec "$ynl4j_spec" --dump getaddr --output-json) ;;
  esac
}
active=()
for t in "${tools[@]}"; do
  IFS='|' read -r name _ avail <<<"$t"
  $avail && active+=("$name")
done

# Addresses in a tool's JSON (bench/count-json.py): ip's interfaces' addr_info, or the Python ynl's
# list of messages (one JSON document, or one per line).
count_addrs() { # tool file
  case $1 in
    ip*) "$python" bench/count-json.py ip-addr "$2" ;;
    *) "$python" bench/count-json.py list "$2" ;;
  esac
}

# The unmeasured round: each tool works, prints every address, and its peak RSS.
declare -A rss
for name in "${active[@]}"; do
  cmd_of "$name"
  if ! /usr/bin/time -f %M -o "$tmp/rss-$name" "${cmd[@]}" >"$tmp/out-$name" 2>"$tmp/err-$name"; then
    echo "cli-call: '$name' fails:" >&2
    head -20 "$tmp/err-$name" >&2
    exit 1
  fi
  rss[$name]=$(tail -1 "$tmp/rss-$name")
  if [ "$name" != nsexec ]; then
    n=$(count_addrs "$name" "$tmp/out-$name") || { echo "cli-call: '$name' printed no JSON I can read (in $tmp/out-$name)" >&2; head -c 300 "$tmp/out-$name" >&2; exit 1; }
    if [ "$n" -ne "$expect" ]; then
      echo "cli-call: '$name' printed $n addresses, expected $expect" >&2
      exit 1
    fi
  fi
done
# `ip netns exec` and bin/ynl4j exec the tool, so /usr/bin/time's child is the tool itself.

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
n_active=${#active[@]}
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < n_active; k++)); do
    name=${active[$(((r + k) % n_active))]}
    cmd_of "$name"
    t0=${EPOCHREALTIME/./}
    if ! "${cmd[@]}" >/dev/null 2>"$tmp/err-$name"; then
      echo "cli-call: '$name' failed in round $((r + 1)):" >&2
      head -20 "$tmp/err-$name" >&2
      exit 1
    fi
    t1=${EPOCHREALTIME/./}
    echo $((t1 - t0)) >>"$tmp/$name"
  done
done
load_after=$(load)

timing=""
if $have_call; then
  cmd_of ynl4j
  YNL4J_TIMING=1 "${cmd[@]}" >/dev/null 2>"$tmp/timing" || true
  timing=$(grep '^ynl4j-timing:' "$tmp/timing" || true)
fi

median_us() { sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
min_us() { sort -n "$tmp/$1" | head -1; }
max_us() { sort -n "$tmp/$1" | tail -1; }
ms() { awk -v v="$1" 'BEGIN { printf (v < 100000 ? "%.1f" : "%.0f"), v / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }

mkdir -p bench/results
out="bench/results/cli-call-$(date +%Y-%m-%d).txt"
ip_med=$(median_us ip)
py_med=$(median_us py)
pyns_med=$(median_us py-noschema)
jdk_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release")
{
  echo "# bench/cli-call.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# load average before the rounds: $load_before; after: $load_after"
  echo "# ynl4j: $ynl4j; JDK: $JAVA_HOME ($("$java" -version 2>&1 | head -1)); AOT cache of bin/ynl4j: $aot"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# ip: $(ip -V 2>&1 | head -1); $(dpkg-query -W -f='iproute2 ${Version}' iproute2 2>/dev/null || true)"
  echo "# Python ynl: $cli, from Debian $source; $("$python" --version 2>&1) ($python)," \
    "python3-yaml $(dpkg-query -W -f='${Version}' python3-yaml 2>/dev/null || echo '?')," \
    "python3-jsonschema $(dpkg-query -W -f='${Version}' python3-jsonschema 2>/dev/null || echo '?')"
  echo "# Python ynl spec: ${py_spec#"$root"/} (the spec of its own kernel tree; schema check against" \
    "${schema_dir#"$root"/}/netlink-raw.yaml unless --no-schema); ynl4j spec: $ynl4j_spec"
  echo "# namespace: veth v0/v1, $count IPv4 addresses on v0 + 127.0.0.1 on lo = $expect addresses, IPv6 off;" \
    "each tool's JSON checked once to hold $expect addresses"
  echo "# $rounds rounds, round robin (each round starts one tool later), whole process, times in µs"
  for name in "${active[@]}"; do echo "# $name: $(tr '\n' ' ' <"$tmp/$name")"; done
  echo
  echo "## RTM_GETADDR dump as JSON, $count addresses ($(date +%Y-%m-%d), $(nproc) CPUs, kernel $(uname -r), JDK $jdk_version)"
  echo
  echo "| command | median | min–max | vs. \`ip -j addr show\` | peak RSS | goal |"
  echo "|---|---|---|---|---|---|"
  for t in "${tools[@]}"; do
    IFS='|' read -r name label avail <<<"$t"
    if ! $avail; then
      if [ "$name" = ynl4j ] || ! $have_call; then
        echo "| $label | ynl4j call: not available yet | | | | ≤ 4× ip; ≥ 4× faster than Python ynl |"
      else
        echo "| $label | ynl4j call --netns: not available yet | | | | |"
      fi
      continue
    fi
    m=$(median_us "$name")
    goal=""
    case $name in
      ynl4j | ynl4j-netns)
        v1=$(awk -v a="$m" -v b="$ip_med" 'BEGIN { print (a <= 4 * b) ? "met" : "MISSED" }')
        v2=$(awk -v a="$m" -v b="$pyns_med" 'BEGIN { print (4 * a <= b) ? "met" : "MISSED" }')
        goal="≤ 4× ip: $v1; ≥ 4× faster than Python ynl --no-schema ($(ratio "$pyns_med" "$m") faster; $(ratio "$py_med" "$m") with its schema check): $v2"
        ;;
    esac
    rss_mb=$(awk -v k="${rss[$name]}" 'BEGIN { printf "%.1f MB", k / 1024 }')
    echo "| $label | $(ms "$m") ms | $(ms "$(min_us "$name")")–$(ms "$(max_us "$name")") ms | $(ratio "$m" "$ip_med") | $rss_mb | $goal |"
  done
  echo
  echo "Median wall time of $rounds whole processes, output to /dev/null; ratios are to the median of"
  echo "\`ip netns exec NS ip -j addr show\` in the same run. Peak RSS: /usr/bin/time -f %M (maximum"
  echo "resident set) over one run. Goals (issue 6): ynl4j within 4× of \`ip -j addr show\`, and at least"
  echo "4× faster than the Python ynl (judged against its faster variant, --no-schema)."
  echo
  if ! $have_call; then
    echo "ynl4j call: not available yet (\`bin/ynl4j call --help\` does not print \"Usage: ynl4j call\")."
  elif [ -n "$timing" ]; then
    echo "YNL4J_TIMING=1, one more run of \`ip netns exec NS $ynl4j call …\` (its stderr):"
    echo
    echo "$timing"
  else
    echo "YNL4J_TIMING=1: no \"ynl4j-timing:\" lines on stderr (not honoured yet)."
  fi
} | tee "$out"
echo >&2
echo "cli-call: results in $out" >&2
