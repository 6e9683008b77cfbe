#!/usr/bin/env bash
# Generation speed: Java sources for the kernel corpus, in a warm JVM (JMH GenerateBenchmark,
# bench/target/benchmarks.jar, with -prof gc: into a fresh folder each operation, and into an
# up-to-date folder, the incremental no-op) and cold (`bin/ynl4j generate` over the same specs,
# whole-process time, median of N runs: into a fresh folder each run, and a second run into an
# up-to-date folder), each next to a baseline measured in the same run: loading the corpus with
# schema validation (warm: SpecLoadBenchmark's loadLinkValidateCorpus) and `java -version` with
# bin/ynl4j's JVM flags (cold: the JVM start floor).
# Goals: all specs generated in under 2 s in a warm JVM (issue #9: under 1 s).
#
# Usage: bench/generate.sh [JMH options...]   e.g. bench/generate.sh -wi 1 -i 2 for a quick look
# Environment: YNL4J_SPECS, YNL4J_SCHEMAS (default ../shared/kernel-specs/{specs,schemas} from the
# repository root), RUNS (cold runs per command, default 5), MVNW_FLAGS (for the build when the jars
# are missing or older than the sources; default "-q -B -ntp", add -o to build offline).
# Writes bench/results/generate-<date>.txt (JMH output and the summary table; meant to be committed).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. bin/jdk.sh
ynl4j_find_jdk
java="$JAVA_HOME/bin/java"

specs_dir=$(readlink -f "${YNL4J_SPECS:-$root/../shared/kernel-specs/specs}")
schemas_dir=$(readlink -f "${YNL4J_SCHEMAS:-$root/../shared/kernel-specs/schemas}")
runs=${RUNS:-5}
bench_jar="$root/bench/target/benchmarks.jar"
cli_jar="$root/cli/target/ynl4j-cli.jar"

shopt -s nullglob
specs=("$specs_dir"/*.yaml)
shopt -u nullglob
if [ "${#specs[@]}" -eq 0 ]; then
  echo "generate: no *.yaml under $specs_dir (set YNL4J_SPECS)" >&2
  exit 2
fi
if [ ! -d "$schemas_dir" ]; then
  echo "generate: $schemas_dir is not a directory (set YNL4J_SCHEMAS)" >&2
  exit 2
fi

# Build when a jar is missing, lacks the benchmark, or is older than a source of the modules it holds.
stale() {
  [ ! -f "$bench_jar" ] || [ ! -f "$cli_jar" ] && return 0
  "$JAVA_HOME/bin/jar" tf "$bench_jar" | grep -qx 'io/ynl4j/bench/GenerateBenchmark.class' || return 0
  [ -n "$(find runtime/src/main generator/src/main cli/src/main bench/src/main bench/pom.xml \
    -newer "$bench_jar" -print -quit 2>/dev/null)" ] && return 0
  [ -n "$(find runtime/src/main generator/src/main cli/src/main -newer "$cli_jar" -print -quit 2>/dev/null)" ]
}
if stale; then
  read -r -a mvnw_flags <<<"${MVNW_FLAGS:--q -B -ntp}"
  echo "generate: building (./mvnw ${mvnw_flags[*]} -DskipTests -pl cli,bench -am package)" >&2
  ./mvnw "${mvnw_flags[@]}" -DskipTests -pl cli,bench -am package
fi

# bin/ynl4j's JVM flags, read from its exec line so that the floor follows the launcher.
jvm_flags_text=$(tr '\n' ' ' <bin/ynl4j | sed 's/\\ //g' \
  | sed -n 's/.*exec "\$JAVA_HOME\/bin\/java" \(.*\) -jar "\$jar".*/\1/p')
if [ -z "$jvm_flags_text" ]; then
  echo "generate: cannot read the JVM flags from bin/ynl4j's exec line" >&2
  exit 2
fi
read -r -a launcher_words <<<"$jvm_flags_text"
jvm_flags=()
for word in "${launcher_words[@]}"; do
  case $word in
    *'$'*) echo "generate: note: the JVM floor leaves out bin/ynl4j's computed argument $word" >&2 ;;
    *) jvm_flags+=("$word") ;;
  esac
done

mkdir -p bench/results
out="bench/results/generate-$(date +%Y-%m-%d).txt"
csv=$(mktemp)
times_dir=$(mktemp -d)
gen_dir=$(mktemp -d "${TMPDIR:-/tmp}/ynl4j-generate-cold.XXXXXX")
trap 'rm -rf "$csv" "$times_dir" "$gen_dir"' EXIT

{
  echo "# bench/generate.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# JDK: $JAVA_HOME"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# corpus: ${#specs[@]} specs in $specs_dir; schemas in $schemas_dir"
  echo "# output: $(df -PT "$gen_dir" | awk 'NR == 2 { print $2 }') file system under $(dirname "$gen_dir")"
  echo
} | tee "$out"

# 1. Warm: JMH (forked JVM; -D options are passed on to the fork). Short: forks 1, warmup 3×2 s,
# measurement 5×2 s (the benchmark's annotations; JMH options given to this script override them).
"$java" -Dynl4j.specs="$specs_dir" -Dynl4j.schemas="$schemas_dir" -jar "$bench_jar" \
  GenerateBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc -rf csv -rff "$csv" "$@" 2>&1 | tee -a "$out"

# Score of a benchmark (or of one of its secondary results, e.g. ':gc.alloc.rate.norm') from the CSV.
score() {
  awk -F, -v name="\"io.ynl4j.bench.GenerateBenchmark.$1\"" '$1 == name { gsub(/"/, "", $5); print $5 }' "$csv"
}
error() {
  awk -F, -v name="\"io.ynl4j.bench.GenerateBenchmark.$1\"" '$1 == name { gsub(/"/, "", $6); print $6 }' "$csv"
}

# 2. Cold: whole-process wall time in ms, median of $runs. The commands take turns (round robin),
# so that a slow spell of the machine hits all of them alike; one unmeasured round first (page
# cache, the up-to-date folder, and a check that each command works at all). 'fresh' writes into a
# folder that does not exist yet (a new one each run, deleted outside the timing); 'noop' into one
# that is up to date.
cold_names=(floor fresh noop)
fresh_count=0
cold_floor() { "$java" "${jvm_flags[@]}" -version; }
cold_fresh() { bin/ynl4j generate --out "$gen_dir/fresh-$fresh_count" "${specs[@]}"; }
cold_noop() { bin/ynl4j generate --out "$gen_dir/up-to-date" "${specs[@]}"; }
after_fresh() { rm -rf "$gen_dir/fresh-$fresh_count"; fresh_count=$((fresh_count + 1)); }
for name in "${cold_names[@]}"; do
  if ! "cold_$name" >/dev/null 2>&1; then
    echo "generate: the '$name' command fails; run it by hand to see why:" >&2
    declare -f "cold_$name" >&2
    exit 1
  fi
done
after_fresh
noop_summary=$(cold_noop 2>/dev/null | tail -1)
case $noop_summary in
  *' 0 written, 0 deleted'*) ;;
  *) echo "generate: the second run into an up-to-date folder is not a no-op: $noop_summary" >&2; exit 1 ;;
esac
fresh_summary=$(cold_fresh 2>/dev/null | tail -1)
after_fresh
for ((i = 0; i < runs; i++)); do
  for name in "${cold_names[@]}"; do
    t0=$(date +%s%N)
    "cold_$name" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$times_dir/$name"
    if [ "$name" = fresh ]; then after_fresh; fi
  done
done
median_ms() { # the median of the times (µs) recorded for a command, in ms
  sort -n "$times_dir/$1" \
    | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f\n", m / 1000 }'
}
spread_ms() { # min–max, in ms
  sort -n "$times_dir/$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f–%.0f ms\n", lo / 1000, hi / 1000 }'
}
{
  echo
  echo "# cold runs: $runs rounds, whole process (bash + date +%s%N), times in µs"
  echo "# fresh: $fresh_summary"
  echo "# noop: $noop_summary"
  for name in "${cold_names[@]}"; do
    echo "# $name: $(tr '\n' ' ' <"$times_dir/$name")"
  done
} | tee -a "$out"
floor=$(median_ms floor)
cli_fresh=$(median_ms fresh)
cli_noop=$(median_ms noop)

load=$(score loadLinkValidateCorpus)
load_gen=$(score loadCorpusAsGenerator)
fresh=$(score generateFresh)
noop=$(score generateUpToDate)
alloc() { awk -v b="$(score "$1:gc.alloc.rate.norm")" 'BEGIN { if (b == "") print "?"; else printf "%.0f MB", b / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "?"; else printf "%.1f×", a / b }'; }
ms() { awk -v v="$1" -v e="${2:-}" 'BEGIN { if (v == "") print "?"; else if (e == "" || e == "NaN") printf "%.1f ms", v; else printf "%.1f ± %.1f ms", v, e }'; }
goals() { # "< 2000 ms: met, < 1000 ms (#9): MISSED"
  awk -v v="$1" 'BEGIN { if (v == "") print "?"; else printf "< 2 s: %s; < 1 s (#9): %s\n", (v < 2000 ? "met" : "MISSED"), (v < 1000 ? "met" : "MISSED") }'
}

{
  echo
  echo "## Generation speed (${#specs[@]} kernel specs, $(date +%Y-%m-%d), $(nproc) CPUs, JDK $("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p'))"
  echo
  echo "| Measure | Time | vs. baseline | Alloc/op or spread | Goal |"
  echo "|---|---|---|---|---|"
  echo "| warm: loadLinkValidateCorpus (baseline: spec load) | $(ms "$load" "$(error loadLinkValidateCorpus)") | 1.0× | $(alloc loadLinkValidateCorpus) | |"
  echo "| warm: loadCorpusAsGenerator (the generator's load step) | $(ms "$load_gen" "$(error loadCorpusAsGenerator)") | $(ratio "$load_gen" "$load") | $(alloc loadCorpusAsGenerator) | |"
  echo "| warm: generateFresh (all files written) | $(ms "$fresh" "$(error generateFresh)") | $(ratio "$fresh" "$load") | $(alloc generateFresh) | $(goals "$fresh") |"
  echo "| warm: generateUpToDate (no-op) | $(ms "$noop" "$(error generateUpToDate)") | $(ratio "$noop" "$load") | $(alloc generateUpToDate) | $(goals "$noop") |"
  echo "| cold: \`java ${jvm_flags[*]} -version\` (baseline: JVM floor) | $floor ms | 1.0× | $(spread_ms floor) | |"
  echo "| cold: \`bin/ynl4j generate\` into a fresh folder | $cli_fresh ms | $(ratio "$cli_fresh" "$floor") | $(spread_ms fresh) | |"
  echo "| cold: \`bin/ynl4j generate\` again (no-op) | $cli_noop ms | $(ratio "$cli_noop" "$floor") | $(spread_ms noop) | |"
  echo
  echo "Warm: JMH average time per whole corpus (± 99.9% CI), ratio to loadLinkValidateCorpus of the same run."
  echo "Cold: median (min–max) wall time of $runs whole processes, run in turns, ratio to the JVM floor of the same run."
} | tee -a "$out"
echo >&2
echo "generate: results in $out" >&2
