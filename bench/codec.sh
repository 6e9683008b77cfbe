#!/usr/bin/env bash
# Generated-bindings codec speed and memory, per message: decoding every RTM_NEWADDR of the captured
# 10,000-address RTM_GETADDR dump into the generated GetaddrReply records, and encoding an
# RTM_NEWADDR request from the generated NewaddrRequest record (JMH MessageCodecBenchmark,
# bench/target/benchmarks.jar, with -prof gc: ns and bytes allocated per message).
# Baselines, measured in the same run: the runtime alone — the AttrReader walk of the same messages
# (walkAttributes) for decoding, the same request written by hand with MessageWriter (encodeByHand)
# for encoding — and bench/c/walk.c (gcc -O2), walking the same bytes and encoding the same request
# (same size, IFA_LOCAL first), run before and after JMH. The table gives ratios to both.
# Goal: none yet (informational): what the records cost over the walk and the writes they are built on.
#
# Usage: bench/codec.sh [JMH options...]   e.g. bench/codec.sh -wi 1 -i 2 -f 1 -r 1s for a quick look
# Environment: ROUNDS, SECONDS_PER_ROUND (walk.c timing, before and after JMH; default 5 rounds of
# 1 s); SKIP_BUILD=1 uses bench/target/benchmarks.jar as it is.
# The bench module is built (offline, that module alone) when its jar is older than its sources,
# specs/rt-addr.yaml or the installed ynl4j runtime, generator or plugin it uses (~/.m2: install
# the reactor first for changes to those to count). Needs root only when the capture
# (bench/data/getaddr-10000.bin, not committed) is missing: bench/capture-getaddr.sh makes it.
# Writes bench/results/codec-<date>.txt (JMH output and the summary table).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. bin/jdk.sh
ynl4j_find_jdk
java="$JAVA_HOME/bin/java"

bench_jar=bench/target/benchmarks.jar
rounds=${ROUNDS:-5}
seconds=${SECONDS_PER_ROUND:-1}

# The capture, gcc and the C walk (bench/lib.sh).
. bench/lib.sh
bench_walk_c codec

# Build when the jar is missing or older than what goes into it. Only the bench module: the runtime,
# generator and plugin are the ones installed in ~/.m2 by the reactor build.
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' bench/pom.xml | head -1)
m2="${MAVEN_REPO:-$HOME/.m2/repository}/io/ynl4j"
installed=()
for a in ynl4j-runtime ynl4j-generator ynl4j-maven-plugin; do
  installed+=("$m2/$a/$version/$a-$version.jar")
done
for j in "${installed[@]}"; do
  if [ ! -f "$j" ]; then
    echo "codec: $j is missing: install the reactor first (./mvnw install -DskipTests)" >&2
    exit 2
  fi
done
if [ -n "$(find runtime/src/main -newer "${installed[0]}" -type f -print -quit)" ]; then
  echo "codec: note: runtime/src/main has changes newer than the installed ynl4j-runtime; these figures are the installed one's" >&2
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  stale=""
  if [ -f "$bench_jar" ]; then
    stale=$(find bench/pom.xml bench/src/main specs/rt-addr.yaml "${installed[@]}" -newer "$bench_jar" -type f -print -quit)
  fi
  if [ ! -f "$bench_jar" ] || [ -n "$stale" ]; then
    echo "codec: building (./mvnw -q -B -ntp -o -Dmaven.test.skip=true package -pl bench)${stale:+: $stale is newer than $bench_jar}" >&2
    ./mvnw -q -B -ntp -o -Dmaven.test.skip=true package -pl bench
  fi
fi

mkdir -p bench/results
out="bench/results/codec-$(date +%Y-%m-%d).txt"
csv=$(mktemp)
jmh_log=$(mktemp)
c_before=$(mktemp)
c_after=$(mktemp)
trap 'rm -f "$csv" "$jmh_log" "$c_before" "$c_after"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
bench_walk_header codec | tee "$out"

"$walk_bin" "$capture" "$rounds" "$seconds" | tee "$c_before" | tee -a "$out"
kv() { sed -n "s/^$1=//p" "$2"; }
messages=$(kv messages "$c_before")

# JMH (forked JVMs; -D options are passed on to the forks): the setup fails unless the Java walk of
# the whole capture finds walk.c's message count and checksum.
echo | tee -a "$out"
"$java" -Dynl4j.walk.file="$root/$capture" -Dynl4j.walk.messages="$messages" \
  -Dynl4j.walk.checksum="$(kv checksum "$c_before")" \
  -jar "$bench_jar" 'io\.ynl4j\.bench\.MessageCodecBenchmark\.' -prof gc -rf csv -rff "$csv" "$@" 2>&1 \
  | grep --line-buffered -v -E '^WARNING: (A terminally|sun\.misc\.Unsafe|Please consider)' \
  | tee "$jmh_log" | tee -a "$out" # less the JDK's warnings about JMH

{
  echo
  echo "# C walk, after JMH"
} | tee -a "$out"
"$walk_bin" "$capture" "$rounds" "$seconds" | tee "$c_after" | tee -a "$out"
echo "# load average after: $(load)" | tee -a "$out"

# walk.c times per message of the file (NLMSG_DONE included); the benchmark's per RTM_NEWADDR.
# Both are per message to within 1/10,000; the C figure is scaled to RTM_NEWADDR messages anyway.
newaddr=$(sed -n 's/.*# ynl4j codec: capture_messages=[0-9]* newaddr=\([0-9]*\) .*/\1/p' "$jmh_log" | head -1)
if [ -z "$newaddr" ]; then
  echo "codec: no '# ynl4j codec:' line in the JMH output (did the setup run?)" >&2
  exit 1
fi
c_fig() { # key scale → mean of the medians before and after JMH, times scale
  awk -v a="$(kv "$1" "$c_before")" -v b="$(kv "$1" "$c_after")" -v s="$2" \
    'BEGIN { if (a == "" || b == "") print ""; else printf "%.2f", (a + b) / 2 * s }'
}
c_both() { echo "$(kv "$1" "$c_before") / $(kv "$1" "$c_after")"; }
c_walk=$(c_fig walk_ns_per_message "$(awk -v m="$messages" -v n="$newaddr" 'BEGIN { print m / n }')")
c_encode=$(c_fig encode_ns_per_op 1)

# JMH's CSV: benchmark (with :gc.alloc.rate.norm for the secondary result), mode, threads, samples,
# score (column 5), error (column 6), unit. Average time: ns per message, B per message.
field() { # benchmark[:secondary] column → value
  awk -F, -v name="io.ynl4j.bench.MessageCodecBenchmark.$1" -v col="$2" \
    '{ gsub(/["\r]/, "") } $1 == name { print $col }' "$csv"
}
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "" || v == "NaN") print ""; else printf f, v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "?"; else printf "%.2f×", a / b }'; }
time_of() { fmt "$(field "$1" 5)" "%.2f"; }
row() { # label benchmark java-baseline-benchmark c-baseline
  local t e b
  t=$(time_of "$2")
  e=$(fmt "$(field "$2" 6)" "%.2f")
  b=$(fmt "$(field "$2:gc.alloc.rate.norm" 5)" "%.1f")
  echo "| $1 | ${t:-?}${e:+ ± $e} | ${b:-?} | $(ratio "$t" "$(time_of "$3")") | $(ratio "$t" "$4") |"
}

{
  echo
  echo "## Generated codec per message ($newaddr RTM_NEWADDR of $messages messages, $(date +%Y-%m-%d), $(nproc) CPUs, JDK $("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p'), load $(load))"
  echo
  echo "| Benchmark | ns/message | B/message allocated | vs raw walk / hand encode | vs C |"
  echo "|---|---|---|---|---|"
  echo "| **C walk** (walk.c; before / after JMH: $(c_both walk_ns_per_message) ns per message of the file) | ${c_walk:-?} | – | – | 1.00× |"
  row "**Raw walk**: AttrReader, every payload read in place (walkAttributes, baseline)" walkAttributes walkAttributes "$c_walk"
  row "Decode into GetaddrReply records (decodeRecords)" decodeRecords walkAttributes "$c_walk"
  echo "| **C encode RTM_NEWADDR** (walk.c; before / after: $(c_both encode_ns_per_op)) | ${c_encode:-?} | – | – | 1.00× |"
  row "**Hand encode**: MessageWriter calls, writer reused (encodeByHand, baseline)" encodeByHand encodeByHand "$c_encode"
  row "NewaddrRequest.encode, record built once, writer reused (encodeRecord)" encodeRecord encodeByHand "$c_encode"
  row "NewaddrRequest.encode into a new writer, as the generated client sends it (encodeRecordNewWriter)" encodeRecordNewWriter encodeByHand "$c_encode"
  row "Record built from its builders, then encoded, writer reused (buildAndEncodeRecord)" buildAndEncodeRecord encodeByHand "$c_encode"
  echo
  echo "JMH average time (± its 99.9% error) and -prof gc's gc.alloc.rate.norm, per message: one decode"
  echo "operation is 10,000 messages, one encode operation 1,000 requests (@OperationsPerInvocation)."
  echo "Decode rows are set against the raw walk, encode rows against the hand encode; \"vs C\" against"
  echo "walk.c's medians (the mean of before and after JMH; the walk scaled to RTM_NEWADDR messages)."
  echo "walk.c encodes the same 68 bytes with IFA_LOCAL first; the Java encodings (all checked equal"
  echo "in setup) follow the generated encoder's order. Messages are split in setup, as AttrWalkBenchmark's"
  echo "walkAttributes; bench/runtime-walk.sh measures the split."
} | tee -a "$out"
echo >&2
echo "codec: results in $out" >&2
