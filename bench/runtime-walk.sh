#!/usr/bin/env bash
# Runtime codec speed and memory: walking a captured 10,000-address RTM_GETADDR dump (every
# attribute of every message) with AttrReader, and encoding an RTM_NEWADDR request with
# MessageWriter (JMH, bench/target/benchmarks.jar, with -prof gc), each next to a baseline measured
# in the same run: bench/c/walk.c (gcc -O2) walking the same bytes and encoding the same request.
# The C walk runs before and after JMH; times are medians (robust to a busy machine).
# Goals: zero bytes allocated per attribute walked; the walk within 1.5x of the C walk.
#
# Usage: bench/runtime-walk.sh [JMH options...]   e.g. bench/runtime-walk.sh -wi 2 -i 2 for a quick look
# Environment: ROUNDS, SECONDS_PER_ROUND (walk.c timing, before and after JMH; default 5 rounds of 1 s).
# Needs root only when the capture (bench/data/getaddr-10000.bin, not committed) is missing: it is
# then made by bench/capture-getaddr.sh in a network namespace of its own.
# Writes bench/results/runtime-walk-<date>.txt (JMH output and the summary table; meant to be committed).
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
bench_walk_c runtime-walk

# Build when the jar is missing or older than what goes into it.
stale=""
if [ -f "$bench_jar" ]; then
  stale=$(find pom.xml runtime/pom.xml generator/pom.xml bench/pom.xml runtime/src/main generator/src/main \
    bench/src/main -newer "$bench_jar" -type f -print -quit)
fi
if [ ! -f "$bench_jar" ] || [ -n "$stale" ]; then
  # Only the benchmarks and what they depend on (runtime, generator), tests not even compiled.
  echo "runtime-walk: building (./mvnw -q -B -ntp -Dmaven.test.skip=true package -pl bench -am)${stale:+: $stale is newer than $bench_jar}" >&2
  ./mvnw -q -B -ntp -Dmaven.test.skip=true package -pl bench -am
fi

mkdir -p bench/results
out="bench/results/runtime-walk-$(date +%Y-%m-%d).txt"
csv=$(mktemp)
c_before=$(mktemp)
c_after=$(mktemp)
trap 'rm -f "$csv" "$c_before" "$c_after"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
bench_walk_header runtime-walk | tee "$out"

"$walk_bin" "$capture" "$rounds" "$seconds" | tee "$c_before" | tee -a "$out"
kv() { sed -n "s/^$1=//p" "$2"; }
messages=$(kv messages "$c_before")
attributes=$(kv attributes "$c_before")

# JMH (forked JVM; -D options are passed on to the fork): the Java walks must find walk.c's counts
# and checksums, and the Java encoding walk.c's bytes, or the setup fails.
echo | tee -a "$out"
"$java" -Dynl4j.walk.file="$root/$capture" -Dynl4j.walk.messages="$messages" \
  -Dynl4j.walk.attributes="$attributes" -Dynl4j.walk.checksum="$(kv checksum "$c_before")" \
  -Dynl4j.walk.scalarChecksum="$(kv scalar_checksum "$c_before")" -Dynl4j.encode.hex="$(kv encode_hex "$c_before")" \
  -jar "$bench_jar" 'io\.ynl4j\.bench\.(AttrWalkBenchmark|EncodeBenchmark)\.' -prof gc -rf csv -rff "$csv" "$@" 2>&1 \
  | grep --line-buffered -v -E '^ +p[01][.0-9]*: |^WARNING: (A terminally|sun\.misc\.Unsafe|Please consider)' \
  | tee -a "$out" # less each iteration's percentiles (the run's are kept) and the JDK's warnings about JMH

{
  echo
  echo "# C walk, after JMH"
} | tee -a "$out"
"$walk_bin" "$capture" "$rounds" "$seconds" | tee "$c_after" | tee -a "$out"
echo "# load average after: $(load)" | tee -a "$out"

# C baselines: the mean of the medians before and after JMH.
c_fig() { awk -v a="$(kv "$1" "$c_before")" -v b="$(kv "$1" "$c_after")" 'BEGIN { if (a == "" || b == "") print ""; else printf "%.2f", (a + b) / 2 }'; }
c_walk=$(c_fig walk_ns_per_message)
c_scalar=$(c_fig scalar_walk_ns_per_message)
c_encode=$(c_fig encode_ns_per_op)
c_both() { echo "$(kv "$1" "$c_before") / $(kv "$1" "$c_after")"; }

# JMH's CSV: benchmark (with :p0.50 or :gc.alloc.rate.norm for secondary results), …, score in
# column 5, the memory parameter in column 8 (empty for EncodeBenchmark). Sample mode: the median
# (p0.50) is the figure, as walk.c's; the mean is in the JMH output above.
field() { # benchmark[:secondary] memory → score
  awk -F, -v name="io.ynl4j.bench.$1" -v mem="$2" '{ gsub(/["\r]/, "") } $1 == name && $8 == mem { print $5 }' "$csv"
}
ns_per_msg() { awk -v v="$(field "AttrWalkBenchmark.$1:p0.50" "$2")" -v n="$messages" 'BEGIN { if (v != "") printf "%.2f", v * 1000 / n }'; } # µs/op → ns/message
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "?"; else printf "%.2f×", a / b }'; }
or_q() { if [ -n "$1" ]; then echo "$1 $2"; else echo "?"; fi; }
alloc_walk() { # benchmark memory → B per attribute (per message, per op)
  awk -v b="$(field "AttrWalkBenchmark.$1:gc.alloc.rate.norm" "$2")" -v a="$attributes" -v m="$messages" \
    'BEGIN { if (b == "") print "?"; else printf "%.3f B/attr (%.1f B/msg; %.0f B/op)", b / a, b / m, b }'
}
goal_walk() { # benchmark memory baseline goals(time|both) → verdicts
  # Zero per attribute: under 0.1 B/attr over the whole op. An object made per attribute is 16 B or
  # more per attribute (one per message: 3 B/attr or more); what is left is JMH's own bytes per op.
  # Only walks over messages split beforehand are held to it: splitting in the walk makes one
  # NetlinkMessage per message, as NetlinkSocket does (a per-message cost, shown as such).
  awk -v s="$(ns_per_msg "$1" "$2")" -v c="$3" -v b="$(field "AttrWalkBenchmark.$1:gc.alloc.rate.norm" "$2")" \
    -v a="$attributes" -v goals="$4" 'BEGIN {
    r = (s == "" || c == "") ? "?" : (s / c <= 1.5 ? "met" : "MISSED")
    z = (b == "") ? "?" : (b / a < 0.1 ? "met" : "MISSED")
    if (goals == "both") printf "≤ 1.5×: %s; 0 B/attr: %s", r, z; else printf "≤ 1.5×: %s", r }'
}
walk_row() { # label benchmark memory baseline [goals: time|both]
  local t
  t=$(ns_per_msg "$2" "$3")
  echo "| $1 ($3) | $(or_q "$t" ns/msg) | $(ratio "$t" "$4") | $(alloc_walk "$2" "$3") | ${5:+$(goal_walk "$2" "$3" "$4" "$5")} |"
}
encode_batch=10000 # EncodeBenchmark.BATCH: requests per operation (µs/op → ns per request: × 1000 / batch)
enc_row() { # label benchmark
  local t b
  t=$(awk -v v="$(field "EncodeBenchmark.$2:p0.50" "")" -v n="$encode_batch" 'BEGIN { if (v != "") printf "%.1f", v * 1000 / n }')
  b=$(awk -v v="$(field "EncodeBenchmark.$2:gc.alloc.rate.norm" "")" -v n="$encode_batch" 'BEGIN { if (v != "") printf "%.0f", v / n }')
  echo "| $1 | $(or_q "$t" ns/op) | $(ratio "$t" "$c_encode") | $(or_q "$b" B/op) | |"
}

{
  echo
  echo "## Runtime walk and encode ($messages messages, $attributes attributes; $(date +%Y-%m-%d), $(nproc) CPUs, JDK $("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p'), load $(load))"
  echo
  echo "| Measure | Median time | vs. C | Allocated | Goal |"
  echo "|---|---|---|---|---|"
  echo "| **C walk** (baseline; before / after JMH: $(c_both walk_ns_per_message)) | $c_walk ns/msg | 1.0× | – | |"
  for m in heap native; do walk_row "AttrReader, messages split in setup: walkAttributes" walkAttributes $m "$c_walk" both; done
  for m in heap native; do walk_row "AttrReader, struct members in place, not AttrReader.struct(): walkAttributesInPlaceStruct" walkAttributesInPlaceStruct $m "$c_walk" both; done
  for m in heap native; do walk_row "AttrReader, split in the walk: walkSplitAndAttributes" walkSplitAndAttributes $m "$c_walk" time; done
  for m in heap native; do walk_row "MemorySegment alone, no runtime class: walkRawSegment" walkRawSegment $m "$c_walk"; done
  walk_row "byte[] alone, array view var handles, no MemorySegment: walkRawArray" walkRawArray heap "$c_walk"
  for m in heap native; do walk_row "AttrReader, values as objects (Bytes, String): decodeToObjects" decodeToObjects $m "$c_walk"; done
  echo "| **C scalar walk** (address as u32, label length; before / after: $(c_both scalar_walk_ns_per_message)) | $c_scalar ns/msg | 1.0× | – | |"
  for m in heap native; do walk_row "AttrReader, scalar: walkAttributesScalar" walkAttributesScalar $m "$c_scalar" both; done
  for m in heap native; do walk_row "MemorySegment alone, scalar: walkRawSegmentScalar" walkRawSegmentScalar $m "$c_scalar"; done
  echo "| **C encode RTM_NEWADDR** (baseline; before / after: $(c_both encode_ns_per_op)) | $c_encode ns/op | 1.0× | – | |"
  enc_row "MessageWriter, reset and reused: reuseWriter" reuseWriter
  enc_row "MessageWriter, new each time: newWriter" newWriter
  echo
  echo "Times are medians (JMH sample mode p0.50; walk.c the same over its samples), so that time lost to"
  echo "other processes on a busy machine counts in neither; ratios are to the C figure of the same run"
  echo "(the mean of its medians before and after JMH). Walk times per message (one op = the whole capture);"
  echo "allocation from -prof gc (gc.alloc.rate.norm) per attribute walked. Encode per request."
} | tee -a "$out"
echo >&2
echo "runtime-walk: results in $out" >&2
