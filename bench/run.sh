#!/usr/bin/env bash
# ynl4j against the tools people use, on three rtnetlink dumps (issue 9), each in a network
# namespace of its own (created here, deleted on exit whatever happens; the host's interfaces are
# never touched; IPv6 off in each, so that no link-local address or group appears mid-run):
#
#   S1  S1_COUNT (10,000) IPv4 addresses on a veth: RTM_GETADDR dump (AF_INET).
#   S2  S2_COUNT (2,000) IPv4 multicast groups 239.1.x.y joined on a veth by one socket, the first
#       half of them again by a second socket (users 2 and 1; bench/c/join.c, two processes kept
#       alive during the measurement; net.ipv4.igmp_max_memberships raised in the namespace):
#       RTM_GETMULTICAST dump (AF_INET) against `ip maddr show` (which reads /proc) and the maddr
#       example (examples/run maddr, `ip maddr show` over rtnetlink). /proc/net/igmp is checked to
#       hold the groups with those user counts before anything is measured.
#   S3  S3_PAIRS (1,000) veth pairs (2,001 links with lo), made with `ip -n NS -batch -`:
#       RTM_GETLINK dump.
#
# Whole processes, every one under `ip netns exec NS` (the switch alone is a row too): the C floor
# (bench/c/dump.c, gcc -O2: one raw netlink dump, every top-level attribute walked), `bin/ynl4j call
# --dump … --output-json`, iproute2 (`ip -j addr show`, `ip maddr show`, `ip -j link show`),
# pyroute2 (bench/pyroute2-dump.py) and the kernel's Python ynl (--no-schema; from Debian's
# linux-source-6.12 via bench/python-ynl.sh: its rt_addr.yaml has no getmulticast, so S2 uses the
# Linux 7.3 rt-addr spec of ../shared/kernel-specs, and its rt_link.yaml lacks newer link attributes,
# hence --process-unknown). Rounds alternate the tools (round robin, each round starting one tool
# later) after one unmeasured round that checks each tool's output (the number of addresses, groups
# or links; the maddr example's text must equal `ip maddr show`'s, users included) and measures peak
# RSS (/usr/bin/time -f %M). Times: bash's $EPOCHREALTIME around the process, output to /dev/null.
#
# Warm: the same dump LOOPS times in one process after a warm-up, median per dump: the C floor
# (`dump KIND --loop LOOPS`) against ynl4j in one JVM (io.ynl4j.bench.DumpLoop, bindings generated
# by the reactor's ynl4j-maven-plugin into the bench module: `decode`, every message into its
# record, and `walk`, the runtime's AttrReader over the attributes only, whose checksum must equal
# the C floor's). WARM_RUNS runs of each, alternating; the figure is the median of the runs' medians.
# Goals: `ynl4j call` within 4× of `ip -j addr show` on S1, the maddr example within 3× of `ip maddr
# show` on S2, both at least 4× faster than the kernel's Python ynl (against its faster run,
# --no-schema; the run with its default schema check is a row too); ynl4j decoding warm within 1.2×
# of the warm C floor.
#
# Usage: bench/run.sh (as root)
# Environment: SCENARIOS (default "S1 S2 S3"), S1_COUNT (10000), S2_COUNT (2000), S3_PAIRS (1000),
# ROUNDS (10), LOOPS (timed dumps per warm run, 200), WARM_RUNS (3), BUILD (auto: build what is
# missing or older than its sources with ./mvnw; no: never build, fail instead), KERNEL_SOURCE_PKG
# (see bench/python-ynl.sh).
# Installs from Debian when missing: iproute2, time, python3-pyroute2, gcc (and, through
# bench/python-ynl.sh, python3-yaml, python3-jsonschema and the kernel's ynl in bench/data/).
# Writes bench/results/run-<date>.txt (raw times and a Markdown table per scenario).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
started=$SECONDS
rounds=${ROUNDS:-10}
s1_count=${S1_COUNT:-10000}
s2_count=${S2_COUNT:-2000}
s3_pairs=${S3_PAIRS:-1000}
loops=${LOOPS:-200}
warm_runs=${WARM_RUNS:-3}
build=${BUILD:-auto}
read -r -a scenarios <<<"${SCENARIOS:-S1 S2 S3}"

say() { echo "run: $*" >&2; }
fail() { say "$*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  say "needs root (to create network namespaces)"
  exit 2
fi
for v in rounds s1_count s2_count s3_pairs loops warm_runs; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { say "$v must be a positive number, got '${!v}'"; exit 2; }
done
[ "$s1_count" -le 62500 ] || { say "S1_COUNT: at most 62500 addresses"; exit 2; }
[ "$s2_count" -le 62500 ] || { say "S2_COUNT: at most 62500 groups"; exit 2; }
[ "$s3_pairs" -le 30000 ] || { say "S3_PAIRS: at most 30000 pairs"; exit 2; }
[ "${#scenarios[@]}" -gt 0 ] || { say "SCENARIOS is empty"; exit 2; }
for s in "${scenarios[@]}"; do
  case $s in S1 | S2 | S3) ;; *) say "unknown scenario '$s' (S1, S2, S3)"; exit 2 ;; esac
done
case $build in auto | no) ;; *) say "BUILD must be auto or no"; exit 2 ;; esac
wants() { [[ " ${scenarios[*]} " == *" $1 "* ]]; }

# --- What the tools need -------------------------------------------------------------------------
python=/usr/bin/python3
missing=()
command -v ip >/dev/null || missing+=(iproute2)
[ -x /usr/bin/time ] || missing+=(time)
command -v gcc >/dev/null || missing+=(gcc)
{ [ -x "$python" ] && "$python" -c 'import pyroute2' 2>/dev/null; } || missing+=(python3-pyroute2)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} from Debian (apt-get update; apt-get install)"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi
# The kernel's Python ynl with the specs of its own tree (cli, spec_dir, schema_dir, source, python).
eval "$(bench/python-ynl.sh --where)"
py_addr_spec="" py_link_spec=""
for s in "$spec_dir/rt-addr.yaml" "$spec_dir/rt_addr.yaml"; do [ -f "$s" ] && { py_addr_spec=$s; break; }; done
for s in "$spec_dir/rt-link.yaml" "$spec_dir/rt_link.yaml"; do [ -f "$s" ] && { py_link_spec=$s; break; }; done
[ -n "$py_addr_spec" ] && [ -n "$py_link_spec" ] || fail "no rt-addr or rt-link spec in $spec_dir"
# The Linux 7.3 specs beside the checkout (ynl4j's rt-link; the Python ynl's getmulticast).
kernel_specs=../shared/kernel-specs/specs
ynl4j_addr_spec=specs/rt-addr.yaml
ynl4j_link_spec=$kernel_specs/rt-link.yaml
py_mcast_spec=""
py_mcast_schema=""
if grep -q 'name: getmulticast' "$py_addr_spec"; then
  py_mcast_spec=$py_addr_spec
  py_mcast_schema=$schema_dir/netlink-raw.yaml
elif [ -f "$kernel_specs/rt-addr.yaml" ]; then
  py_mcast_spec=$kernel_specs/rt-addr.yaml
  py_mcast_schema=$kernel_specs/../schemas/netlink-raw.yaml
fi
if wants S3 && [ ! -f "$ynl4j_link_spec" ]; then
  fail "$ynl4j_link_spec is missing (the kernel's specs beside the checkout, ../shared/kernel-specs)"
fi

. bin/jdk.sh
ynl4j_find_jdk
java="$JAVA_HOME/bin/java"
jdk_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release")

# Modules whose jar is missing or older than its sources are built (with what they need) in one
# Maven run: the CLI (bin/ynl4j), the benchmarks (DumpLoop) and, for S2, the examples (maddr).
to_build=()
check_built() { # module jar [paths the jar depends on...]
  local module=$1 jar=$2 stale=""
  shift 2
  if [ -f "$jar" ]; then
    stale=$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null || true)
    [ -z "$stale" ] && return 0
  fi
  if [ "$build" = no ]; then
    [ -f "$jar" ] || fail "$jar is missing (BUILD=no); build: ./mvnw -q -B -ntp -DskipTests package -pl $module -am"
    say "warning: $stale is newer than $jar (BUILD=no: not rebuilt)"
    return 0
  fi
  if [ -n "$stale" ]; then say "$module: $stale is newer than $jar"; else say "$module: $jar is missing"; fi
  to_build+=("$module")
}
deps_common=(pom.xml runtime/pom.xml runtime/src/main generator/pom.xml generator/src/main)
deps_plugin=(maven-plugin/pom.xml maven-plugin/src/main)
check_built cli cli/target/ynl4j-cli.jar "${deps_common[@]}" cli/pom.xml cli/src/main
check_built bench bench/target/benchmarks.jar "${deps_common[@]}" "${deps_plugin[@]}" bench/pom.xml bench/src/main \
  specs/rt-addr.yaml
if wants S2; then
  examples_jar=$(ls examples/target/ynl4j-examples-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | head -1 || true)
  check_built examples "${examples_jar:-examples/target/ynl4j-examples.jar}" "${deps_common[@]}" "${deps_plugin[@]}" \
    examples/pom.xml examples/src/main specs
fi
if [ "${#to_build[@]}" -gt 0 ]; then
  modules=$(IFS=,; echo "${to_build[*]}")
  say "building (./mvnw -q -B -ntp -DskipTests package -pl $modules -am)"
  ./mvnw -q -B -ntp -DskipTests package -pl "$modules" -am >&2
fi
ynl4j=bin/ynl4j
bench_jar=bench/target/benchmarks.jar
mkdir -p bench/target/c
cbin=bench/target/c
gcc -O2 -Wall -Wextra -o "$cbin/dump" bench/c/dump.c
gcc -O2 -Wall -Wextra -o "$cbin/join" bench/c/join.c
if YNL4J_AOT=require "$ynl4j" encode --spec "$ynl4j_addr_spec" --dump getaddr >/dev/null 2>&1; then
  aot="used (fresh)"
else
  aot="not used (none or stale)"
fi

# --- Namespaces, helpers, clean-up ---------------------------------------------------------------
tmp=$(mktemp -d)
namespaces=()
joiners=()
cleanup() {
  local pid n
  for pid in "${joiners[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for n in "${namespaces[@]}"; do
    if ip netns list | grep -qw "^$n"; then ip netns delete "$n" || true; fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

new_ns() { # name-suffix → the name in $ns (IPv6 off, lo up)
  ns="ynl4j-run-$1-$$-$RANDOM"
  ip netns add "$ns"
  namespaces+=("$ns")
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  ip -n "$ns" link set lo up
}
drop_ns() { # deletes $ns (and forgets it)
  ip netns delete "$ns"
  local keep=() n
  for n in "${namespaces[@]}"; do [ "$n" = "$ns" ] || keep+=("$n"); done
  namespaces=("${keep[@]}")
}

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -n "$1" | head -1; }
maximum() { sort -n "$1" | tail -1; }
# µs → text: "12.3 µs", "4.56 ms", "45.6 ms", "456 ms"; a range in the unit of its upper end.
num() { awk -v v="$1" -v u="$2" 'BEGIN { if (u == "µs") printf "%.1f", v; else printf (v < 10000 ? "%.2f" : v < 100000 ? "%.1f" : "%.0f"), v / 1000 }'; }
unit() { awk -v v="$1" 'BEGIN { print (v < 1000) ? "µs" : "ms" }'; }
dur() { local u; u=$(unit "$1"); echo "$(num "$1" "$u") $u"; }
span() { local u; u=$(unit "$2"); echo "$(num "$1" "$u")–$(num "$2" "$u") $u"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (a / b < 10 ? "%.2f×" : "%.1f×"), a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
kv() { sed -n "s/^$1=//p" "$2"; } # key file → value of a key=value line

# Items in a tool's JSON (bench/count-json.py): a list per document (one document, or one per
# line); for ip's addr output, the addresses in addr_info.
count_json() { "$python" bench/count-json.py "$1" "$2"; } # how file

# --- One scenario: the rows, the unmeasured round, the rounds, the warm runs ---------------------
# Per scenario: tools (name|label|available|note), cmd_of NAME → cmd array, check_output NAME FILE,
# warm_kind (addr|maddr|link), title, ip_name (the iproute2 row).
declare -A rss
results=()  # the Markdown of each scenario, in order
raw=()      # raw lines, in order

run_scenario() { # id
  local id=$1 t name label avail note r k n_active m c_med ip_med line
  local -a active=()
  for t in "${tools[@]}"; do
    IFS='|' read -r name _ avail _ <<<"$t"
    $avail && active+=("$name")
  done
  n_active=${#active[@]}

  # One run of each tool first, unmeasured and unchecked: the first run of an example after a build
  # makes its AOT cache (examples/run), which would otherwise count in the peak RSS below.
  for name in "${active[@]}"; do
    cmd_of "$name"
    "${cmd[@]}" >/dev/null 2>&1 || true
  done
  # The unmeasured round: each tool works and prints what it must; its peak RSS.
  for name in "${active[@]}"; do
    cmd_of "$name"
    if ! /usr/bin/time -f %M -o "$tmp/$id-rss-$name" "${cmd[@]}" >"$tmp/$id-out-$name" 2>"$tmp/$id-err-$name"; then
      say "$id: '$name' fails:"
      head -20 "$tmp/$id-err-$name" >&2
      exit 1
    fi
    rss[$id-$name]=$(tail -1 "$tmp/$id-rss-$name")
    check_output "$name" "$tmp/$id-out-$name"
  done
  # The warm programs once, briefly: same message count; the runtime walk's checksum is the C floor's.
  ip netns exec "$ns" "$cbin/dump" "$warm_kind" --loop 1 >"$tmp/$id-cwarm-check"
  ip netns exec "$ns" "$java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.ynl4j.bench.DumpLoop \
    "$warm_kind" 1 --walk --warmup 0 --warmup-ms 0 >"$tmp/$id-jwarm-check" 2>"$tmp/$id-jwarm-err" || {
    say "$id: DumpLoop $warm_kind fails:"; head -20 "$tmp/$id-jwarm-err" >&2; exit 1; }
  [ "$(kv messages "$tmp/$id-cwarm-check")" = "$expect" ] || fail "$id: dump $warm_kind --loop: $(kv messages "$tmp/$id-cwarm-check") messages, expected $expect"
  [ "$(kv messages "$tmp/$id-jwarm-check")" = "$expect" ] || fail "$id: DumpLoop $warm_kind: $(kv messages "$tmp/$id-jwarm-check") messages, expected $expect"
  local checksum_note="the runtime walk's checksum equals the C floor's ($(kv checksum "$tmp/$id-cwarm-check"))"
  if [ "$(kv checksum "$tmp/$id-cwarm-check")" != "$(kv checksum "$tmp/$id-jwarm-check")" ]; then
    checksum_note="CHECKSUMS DIFFER: C floor $(kv checksum "$tmp/$id-cwarm-check"), runtime walk $(kv checksum "$tmp/$id-jwarm-check")"
    say "$id: warning: $checksum_note"
  fi

  say "$id: $rounds rounds of ${active[*]}"
  local load_before load_after
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for ((r = 0; r < rounds; r++)); do
    for ((k = 0; k < n_active; k++)); do
      name=${active[$(((r + k) % n_active))]}
      cmd_of "$name"
      local t0 t1
      t0=${EPOCHREALTIME/./}
      if ! "${cmd[@]}" >/dev/null 2>"$tmp/$id-err-$name"; then
        say "$id: '$name' failed in round $((r + 1)):"
        head -20 "$tmp/$id-err-$name" >&2
        exit 1
      fi
      t1=${EPOCHREALTIME/./}
      echo $((t1 - t0)) >>"$tmp/$id-$name"
    done
  done

  # Warm: C floor, ynl4j decode, ynl4j walk, WARM_RUNS times alternating; medians per dump in ns.
  say "$id: warm, $warm_runs runs of $loops dumps each (C floor, ynl4j decode, ynl4j walk)"
  local w wname
  local -a warm=(c-warm ynl4j-decode ynl4j-walk)
  for ((w = 0; w < warm_runs; w++)); do
    for ((k = 0; k < 3; k++)); do
      wname=${warm[$(((w + k) % 3))]}
      case $wname in
        c-warm) cmd=("$cbin/dump" "$warm_kind" --loop "$loops") ;;
        ynl4j-decode) cmd=("$java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.ynl4j.bench.DumpLoop "$warm_kind" "$loops") ;;
        ynl4j-walk) cmd=("$java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.ynl4j.bench.DumpLoop "$warm_kind" "$loops" --walk) ;;
      esac
      if ! /usr/bin/time -f %M -o "$tmp/$id-rss-$wname" ip netns exec "$ns" "${cmd[@]}" >"$tmp/$id-wout" 2>"$tmp/$id-werr"; then
        say "$id: '$wname' fails:"; head -20 "$tmp/$id-werr" >&2; exit 1
      fi
      [ "$(kv messages "$tmp/$id-wout")" = "$expect" ] || fail "$id: $wname: $(kv messages "$tmp/$id-wout") messages, expected $expect"
      awk -v v="$(kv median_ns "$tmp/$id-wout")" 'BEGIN { printf "%.3f\n", v / 1000 }' >>"$tmp/$id-$wname" # µs
      echo "$(tr '\n' ' ' <"$tmp/$id-wout")" >>"$tmp/$id-$wname-raw"
      local peak
      peak=$(tail -1 "$tmp/$id-rss-$wname")
      if [ -z "${rss[$id-$wname]:-}" ] || [ "$peak" -gt "${rss[$id-$wname]}" ]; then rss[$id-$wname]=$peak; fi
    done
  done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)

  # Raw figures.
  raw+=("# $id: $title")
  raw+=("# $id: $setup_note")
  raw+=("# $id: load average before the rounds: $load_before; after the warm runs: $load_after")
  raw+=("# $id: $rounds rounds, round robin, whole process, times in µs")
  for name in "${active[@]}"; do raw+=("# $id $name: $(tr '\n' ' ' <"$tmp/$id-$name")"); done
  raw+=("# $id: warm, $warm_runs runs alternating, $loops timed dumps each; per run:")
  for wname in "${warm[@]}"; do
    while IFS= read -r line; do raw+=("# $id $wname: $line"); done <"$tmp/$id-$wname-raw"
  done
  raw+=("# $id: $checksum_note")
  raw+=("")

  # The table.
  c_med=$(median "$tmp/$id-c")
  ip_med=$(median "$tmp/$id-$ip_name")
  py_med=""
  pys_med=""
  [ -s "$tmp/$id-py" ] && py_med=$(median "$tmp/$id-py")
  [ -s "$tmp/$id-pyschema" ] && pys_med=$(median "$tmp/$id-pyschema")
  local out="" goal
  out+="## $id: $title ($(date +%Y-%m-%d), $(nproc) CPUs, kernel $(uname -r), JDK $jdk_version)"$'\n\n'
  out+="| command | median | min–max | vs. C floor | peak RSS | goal |"$'\n'
  out+="|---|---|---|---|---|---|"$'\n'
  for t in "${tools[@]}"; do
    IFS='|' read -r name label avail note <<<"$t"
    if ! $avail; then
      out+="| $label | $note | | | | |"$'\n'
      continue
    fi
    m=$(median "$tmp/$id-$name")
    goal=$(goal_of "$name" "$m" "$ip_med")
    out+="| $label | $(dur "$m") | $(span "$(minimum "$tmp/$id-$name")" "$(maximum "$tmp/$id-$name")") | $(ratio "$m" "$c_med") | $(mb "${rss[$id-$name]}") | $goal |"$'\n'
  done
  local cw_med
  cw_med=$(median "$tmp/$id-c-warm")
  for wname in "${warm[@]}"; do
    case $wname in
      c-warm) label="warm: C floor \`dump $warm_kind --loop $loops\`, per dump" ;;
      ynl4j-decode) label="warm: ynl4j \`DumpLoop $warm_kind $loops\`, every message decoded into its record, per dump" ;;
      ynl4j-walk) label="warm: ynl4j \`DumpLoop $warm_kind $loops --walk\`, runtime AttrReader walk only, per dump" ;;
    esac
    m=$(median "$tmp/$id-$wname")
    goal=""
    if [ "$wname" = ynl4j-decode ]; then
      goal="≤ 1.2× warm C floor: $(awk -v a="$m" -v b="$cw_med" 'BEGIN { print (a <= 1.2 * b) ? "met" : "MISSED" }')"
    fi
    out+="| $label | $(dur "$m") | $(span "$(minimum "$tmp/$id-$wname")" "$(maximum "$tmp/$id-$wname")") | $(ratio "$m" "$cw_med") | $(mb "${rss[$id-$wname]}") | $goal |"$'\n'
  done
  out+=$'\n'"$setup_note"$'\n'
  results+=("$out")
}

# The goal column of a whole-process row (py_med, pys_med: the Python ynl's medians, when measured).
goal_of() { # name median ip_median
  local vs_py=""
  if [ -n "$py_med" ]; then
    # at least 4x faster than the Python ynl: judged against its faster variant, --no-schema
    vs_py="; ≥ 4× faster than Python ynl: $(awk -v a="$2" -v b="$py_med" 'BEGIN { print (4 * a <= b) ? "met" : "MISSED" }') ($(awk -v a="$2" -v b="$py_med" 'BEGIN { printf (a <= b) ? "%.2f× faster" : "%.2f× slower", (a <= b) ? b / a : a / b }') than --no-schema"
    if [ -n "$pys_med" ]; then
      vs_py+=", $(awk -v a="$2" -v b="$pys_med" 'BEGIN { printf (a <= b) ? "%.2f× faster" : "%.2f× slower", (a <= b) ? b / a : a / b }') than with its schema check"
    fi
    vs_py+=")"
  fi
  case $1 in
    maddr) echo "≤ 3× \`ip maddr show\`: $(awk -v a="$2" -v b="$3" 'BEGIN { print (a <= 3 * b) ? "met" : "MISSED" }') ($(ratio "$2" "$3"))$vs_py" ;;
    ynl4j)
      if [ "$current" = S1 ]; then
        echo "≤ 4× \`ip\`: $(awk -v a="$2" -v b="$3" 'BEGIN { print (a <= 4 * b) ? "met" : "MISSED" }') ($(ratio "$2" "$3"))$vs_py"
      else
        echo "$(ratio "$2" "$3") \`ip\`$vs_py"
      fi
      ;;
    *) echo "" ;;
  esac
}

nsexec_row="nsexec|\`ip netns exec NS true\` (namespace switch alone)|true|"
c_label() { echo "C floor \`bench/target/c/dump $1\` (one dump, top-level attributes walked)"; }

# --- S1: addresses --------------------------------------------------------------------------------
scenario_s1() {
  current=S1
  new_ns s1
  say "S1: namespace $ns: veth v0/v1, $s1_count IPv4 addresses on v0"
  local t0=$SECONDS
  ip -n "$ns" link add v0 type veth peer name v1
  ip -n "$ns" link set v0 up
  ip -n "$ns" link set v1 up
  # 10.77.0.1/16 …: 250 addresses per /24 (no .0, no .255), as bench/cli-call.sh.
  for ((i = 0; i < s1_count; i++)); do
    echo "address add 10.77.$((i / 250)).$((i % 250 + 1))/16 dev v0"
  done | ip -n "$ns" -batch -
  expect=$((s1_count + 1)) # and lo's 127.0.0.1
  local have
  have=$(ip -n "$ns" -o -4 addr show | wc -l)
  [ "$have" -eq "$expect" ] || fail "S1: the namespace has $have IPv4 addresses, expected $expect"
  setup_note="Namespace: veth v0/v1, $s1_count IPv4 addresses on v0 + 127.0.0.1 on lo = $expect addresses, IPv6 off (set up in $((SECONDS - t0)) s); every tool's output checked once to hold $expect addresses. Python ynl spec: ${py_addr_spec#"$root"/}."
  title="RTM_GETADDR dump, $s1_count IPv4 addresses"
  warm_kind=addr
  ip_name=ip
  tools=(
    "$nsexec_row"
    "c|$(c_label addr)|true|"
    "ynl4j|\`$ynl4j call --spec $ynl4j_addr_spec --dump getaddr --json '{\"ifa-family\": 2}' --output-json\`|true|"
    "ip|\`ip -j addr show\`|true|"
    "pyroute2|pyroute2 \`bench/pyroute2-dump.py addr\` (\`IPRoute().get_addr(family=AF_INET)\`)|true|"
    "py|Python ynl \`cli.py --no-schema --spec $(basename "$py_addr_spec") --dump getaddr --json '{\"ifa-family\": 2}' --output-json\`|true|"
    "pyschema|Python ynl, same with its schema check (its default: no --no-schema)|true|"
  )
  cmd_of() {
    case $1 in
      nsexec) cmd=(ip netns exec "$ns" true) ;;
      c) cmd=(ip netns exec "$ns" "$cbin/dump" addr) ;;
      ynl4j) cmd=(ip netns exec "$ns" "$ynl4j" call --spec "$ynl4j_addr_spec" --dump getaddr --json '{"ifa-family": 2}' --output-json) ;;
      ip) cmd=(ip netns exec "$ns" ip -j addr show) ;;
      pyroute2) cmd=(ip netns exec "$ns" "$python" bench/pyroute2-dump.py addr) ;;
      py) cmd=(ip netns exec "$ns" "$python" "$cli" --no-schema --spec "$py_addr_spec" --dump getaddr --json '{"ifa-family": 2}' --output-json) ;;
      pyschema) cmd=(ip netns exec "$ns" "$python" "$cli" --spec "$py_addr_spec" --dump getaddr --json '{"ifa-family": 2}' --output-json) ;;
    esac
  }
  check_output() { # name file
    local n
    case $1 in
      nsexec) return 0 ;;
      c | pyroute2) n=$(cat "$2") ;;
      ip) n=$(count_json ip-addr "$2") ;;
      *) n=$(count_json list "$2") ;;
    esac
    [ "$n" = "$expect" ] || fail "S1: '$1' printed $n addresses, expected $expect (output in $2)"
  }
  run_scenario S1
  drop_ns
}

# --- S2: multicast groups -------------------------------------------------------------------------
scenario_s2() {
  current=S2
  new_ns s2
  local half=$((s2_count / 2)) t0=$SECONDS
  [ "$half" -ge 1 ] || half=1
  say "S2: namespace $ns: veth v0/v1, $s2_count IPv4 groups joined on v0 by one socket, the first $half again by another"
  ip -n "$ns" link add v0 type veth peer name v1
  ip -n "$ns" link set v0 up
  ip -n "$ns" link set v1 up
  local max=$((s2_count > 5000 ? s2_count : 5000))
  ip netns exec "$ns" sysctl -qw net.ipv4.igmp_max_memberships="$max"
  local ifindex
  ifindex=$(ip -n "$ns" -o link show dev v0 | awk -F': ' '{ print $1; exit }')
  [[ $ifindex =~ ^[0-9]+$ ]] || fail "S2: no ifindex for v0"
  local j count
  for j in 1 2; do
    count=$([ "$j" = 1 ] && echo "$s2_count" || echo "$half")
    : >"$tmp/join$j"
    ip netns exec "$ns" "$cbin/join" "$ifindex" "$count" >"$tmp/join$j" 2>&1 </dev/null &
    joiners+=($!)
    local waited=0
    until grep -q '^joined' "$tmp/join$j"; do
      kill -0 "${joiners[-1]}" 2>/dev/null || fail "S2: join $j ended: $(cat "$tmp/join$j")"
      ((waited++ < 600)) || fail "S2: join $j did not finish joining within 60 s"
      sleep 0.1
    done
  done
  # /proc/net/igmp: per interface a header line, then a tab-indented line per group (the group's
  # bytes read as a little-endian number, in hex; its users). 239.1.x.y is ..01EF.
  ip netns exec "$ns" cat /proc/net/igmp >"$tmp/igmp"
  local all ours two one
  read -r all ours two one < <(awk '
    /^[0-9]/ { dev = $2; next }
    /^\t/ { all++; if (dev == "v0" && substr($1, 5, 4) == "01EF") { ours++; if ($2 == 2) two++; else if ($2 == 1) one++ } }
    END { print all + 0, ours + 0, two + 0, one + 0 }' "$tmp/igmp")
  if [ "$ours" -ne "$s2_count" ] || [ "$two" -ne "$half" ] || [ "$one" -ne $((s2_count - half)) ]; then
    fail "S2: /proc/net/igmp lists $ours groups 239.1.x.y on v0 ($two with users 2, $one with users 1), expected $s2_count ($half, $((s2_count - half)))"
  fi
  expect=$all # every IPv4 group of the namespace (224.0.0.1 on each interface too)
  setup_note="Namespace: veth v0/v1; $s2_count groups 239.1.x.y joined on v0 by one socket (bench/c/join.c) and the first $half by a second (users 2 on $half, 1 on $((s2_count - half))), checked in /proc/net/igmp; $expect IPv4 groups in all (224.0.0.1 on each interface); IPv6 off; net.ipv4.igmp_max_memberships=$max (set up in $((SECONDS - t0)) s). Every tool's output checked once to hold $expect IPv4 groups; \`ip maddr show\` to hold $half with \"users 2\"; the maddr example's text to equal \`ip maddr show\`'s."
  title="RTM_GETMULTICAST dump, $s2_count IPv4 groups (users 2 and 1)"
  warm_kind=maddr
  ip_name=ip
  local py_avail=true py_note="" py_label
  if [ -n "$py_mcast_spec" ]; then
    py_label="Python ynl \`cli.py --no-schema --spec ${py_mcast_spec#"$root"/} --dump getmulticast --json '{\"ifa-family\": 2}' --output-json\`"
  else
    py_avail=false
    py_label="Python ynl \`--dump getmulticast\`"
    py_note="not in its spec (${py_addr_spec#"$root"/}) and no ../shared/kernel-specs"
  fi
  tools=(
    "$nsexec_row"
    "c|$(c_label maddr)|true|"
    "ynl4j|\`$ynl4j call --spec $ynl4j_addr_spec --dump getmulticast --json '{\"ifa-family\": 2}' --output-json\`|true|"
    "maddr|maddr example \`examples/run maddr\` (\`ip maddr show\` over rtnetlink, users from /proc when the kernel sends no IFA_MC_USERS)|true|"
    "ip|\`ip maddr show\` (/proc/net/igmp, igmp6, dev_mcast)|true|"
    "pyroute2|pyroute2 \`bench/pyroute2-dump.py maddr\` (\`nlm_request\` RTM_GETMULTICAST, no helper in pyroute2 0.7)|true|"
    "py|$py_label|$py_avail|$py_note"
    "pyschema|Python ynl, same with its schema check (\`--schema\` netlink-raw.yaml of the same tree as the spec)|$py_avail|$py_note"
  )
  if [ "$py_mcast_spec" != "$py_addr_spec" ]; then
    tools+=("py-own|Python ynl with its own \`$(basename "$py_addr_spec")\`|false|not in its spec (no getmulticast)")
  fi
  cmd_of() {
    case $1 in
      nsexec) cmd=(ip netns exec "$ns" true) ;;
      c) cmd=(ip netns exec "$ns" "$cbin/dump" maddr) ;;
      ynl4j) cmd=(ip netns exec "$ns" "$ynl4j" call --spec "$ynl4j_addr_spec" --dump getmulticast --json '{"ifa-family": 2}' --output-json) ;;
      maddr) cmd=(ip netns exec "$ns" examples/run maddr) ;;
      ip) cmd=(ip netns exec "$ns" ip maddr show) ;;
      pyroute2) cmd=(ip netns exec "$ns" "$python" bench/pyroute2-dump.py maddr) ;;
      py) cmd=(ip netns exec "$ns" "$python" "$cli" --no-schema --spec "$py_mcast_spec" --dump getmulticast --json '{"ifa-family": 2}' --output-json) ;;
      pyschema) cmd=(ip netns exec "$ns" "$python" "$cli" --spec "$py_mcast_spec" --schema "$py_mcast_schema" --dump getmulticast --json '{"ifa-family": 2}' --output-json) ;;
    esac
  }
  check_output() { # name file
    local n
    case $1 in
      nsexec) return 0 ;;
      c | pyroute2) n=$(cat "$2") ;;
      ip | maddr)
        n=$(grep -c $'^\tinet ' "$2" || true)
        local users2
        users2=$(grep -c $'^\tinet .* users 2$' "$2" || true)
        [ "$users2" = "$half" ] || fail "S2: '$1' shows $users2 groups with users 2, expected $half (output in $2)"
        ;;
      *) n=$(count_json list "$2") ;;
    esac
    [ "$n" = "$expect" ] || fail "S2: '$1' printed $n IPv4 groups, expected $expect (output in $2)"
    if [ "$1" = maddr ]; then
      # The example reproduces `ip maddr show`: same text (ip's output from the same round).
      local ip_out=$tmp/S2-ip-maddr
      ip netns exec "$ns" ip maddr show >"$ip_out"
      if ! cmp -s "$ip_out" "$2"; then
        diff "$ip_out" "$2" | head -20 >&2
        fail "S2: the maddr example's output differs from \`ip maddr show\` (above: < ip, > maddr)"
      fi
    fi
  }
  run_scenario S2
  local pid
  for pid in "${joiners[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  joiners=()
  drop_ns
}

# --- S3: links ------------------------------------------------------------------------------------
scenario_s3() {
  current=S3
  new_ns s3
  say "S3: namespace $ns: $s3_pairs veth pairs"
  local t0=$SECONDS
  for ((i = 0; i < s3_pairs; i++)); do
    echo "link add a$i type veth peer name b$i"
  done | ip -n "$ns" -batch -
  expect=$((2 * s3_pairs + 1)) # and lo
  local have
  have=$(ip -n "$ns" -o link show | wc -l)
  [ "$have" -eq "$expect" ] || fail "S3: the namespace has $have links, expected $expect"
  setup_note="Namespace: $s3_pairs veth pairs a<i>/b<i> (down) + lo = $expect links, IPv6 off (set up in $((SECONDS - t0)) s); every tool's output checked once to hold $expect links. ynl4j's spec: the Linux 7.3 rt-link.yaml (${ynl4j_link_spec}); the Python ynl's: ${py_link_spec#"$root"/} of its own tree, which lacks newer attributes (hence --process-unknown)."
  title="RTM_GETLINK dump, $expect links ($s3_pairs veth pairs)"
  warm_kind=link
  ip_name=ip
  tools=(
    "$nsexec_row"
    "c|$(c_label link)|true|"
    "ynl4j|\`$ynl4j call --spec $ynl4j_link_spec --dump getlink --output-json\`|true|"
    "ip|\`ip -j link show\`|true|"
    "pyroute2|pyroute2 \`bench/pyroute2-dump.py link\` (\`IPRoute().get_links()\`)|true|"
    "py|Python ynl \`cli.py --no-schema --process-unknown --spec $(basename "$py_link_spec") --dump getlink --output-json\`|true|"
    "pyschema|Python ynl, same with its schema check (its default: no --no-schema)|true|"
  )
  cmd_of() {
    case $1 in
      nsexec) cmd=(ip netns exec "$ns" true) ;;
      c) cmd=(ip netns exec "$ns" "$cbin/dump" link) ;;
      ynl4j) cmd=(ip netns exec "$ns" "$ynl4j" call --spec "$ynl4j_link_spec" --dump getlink --output-json) ;;
      ip) cmd=(ip netns exec "$ns" ip -j link show) ;;
      pyroute2) cmd=(ip netns exec "$ns" "$python" bench/pyroute2-dump.py link) ;;
      py) cmd=(ip netns exec "$ns" "$python" "$cli" --no-schema --process-unknown --spec "$py_link_spec" --dump getlink --output-json) ;;
      pyschema) cmd=(ip netns exec "$ns" "$python" "$cli" --process-unknown --spec "$py_link_spec" --dump getlink --output-json) ;;
    esac
  }
  check_output() { # name file
    local n
    case $1 in
      nsexec) return 0 ;;
      c | pyroute2) n=$(cat "$2") ;;
      *) n=$(count_json list "$2") ;;
    esac
    [ "$n" = "$expect" ] || fail "S3: '$1' printed $n links, expected $expect (output in $2)"
  }
  run_scenario S3
  say "S3: deleting the namespace ($expect links)"
  drop_ns
}

for s in "${scenarios[@]}"; do
  case $s in
    S1) scenario_s1 ;;
    S2) scenario_s2 ;;
    S3) scenario_s3 ;;
  esac
done

# --- Results --------------------------------------------------------------------------------------
mkdir -p bench/results
out="bench/results/run-$(date +%Y-%m-%d).txt"
{
  echo "# bench/run.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ); scenarios: ${scenarios[*]}; elapsed $((SECONDS - started)) s"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# JDK: $JAVA_HOME ($("$java" -version 2>&1 | head -1)); AOT cache of bin/ynl4j: $aot"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# ip: $(ip -V 2>&1 | head -1); $(dpkg-query -W -f='iproute2 ${Version}' iproute2 2>/dev/null || true)"
  echo "# pyroute2: $(dpkg-query -W -f='python3-pyroute2 ${Version}' python3-pyroute2 2>/dev/null || echo '?'); $("$python" --version 2>&1) ($python)"
  echo "# Python ynl: ${cli#"$root"/}, from Debian $source"
  echo "# C: $(gcc --version | head -1), -O2"
  echo "# whole process: bash's \$EPOCHREALTIME around each process, output to /dev/null, under ip netns exec NS"
  echo
  for line in "${raw[@]}"; do echo "$line"; done
  for r in "${results[@]}"; do echo "$r"; done
  echo "Whole process: median wall time of $rounds processes (round robin), output to /dev/null; \"vs. C floor\""
  echo "is the ratio to the C floor's whole process (\`dump KIND\` under \`ip netns exec\`). Warm rows: $loops timed"
  echo "dumps in one process after an untimed warm-up (DumpLoop: as many and at least 3 s), the median per"
  echo "dump of each of $warm_runs runs; median and min–max over the runs' medians; \"vs. C floor\" is to the warm"
  echo "C floor of the same runs. Peak RSS: /usr/bin/time -f %M (maximum resident set) of one run (warm: the"
  echo "largest of the runs). Goals (issue 9): \`ynl4j call\` within 4× of \`ip -j addr show\` on S1 and the maddr"
  echo "example within 3× of \`ip maddr show\` on S2, both at least 4× faster than the kernel's Python ynl (judged"
  echo "against its faster run, --no-schema); ynl4j decoding within 1.2× of the C floor, warm."
} | tee "$out"
echo >&2
say "results in $out (elapsed $((SECONDS - started)) s)"
