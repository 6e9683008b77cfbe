#!/usr/bin/env bash
# Spec-load speed: the kernel corpus in a warm JVM (JMH, bench/target/benchmarks.jar, with -prof gc)
# and the cold CLI (`bin/ynl4j check` over the same specs, whole-process time, median of N runs),
# each next to a baseline measured in the same run: SnakeYAML compose of the corpus (warm) and
# `java -version` with bin/ynl4j's JVM flags (cold: the JVM start floor).
# Goals: under 300 ms for the corpus in a warm JVM, under 1.5 s for the cold CLI run.
#
# Usage: bench/spec-load.sh [JMH options...]   e.g. bench/spec-load.sh -wi 2 -i 2 for a quick look
# Environment: YNL4J_SPECS, YNL4J_SCHEMAS (default ../shared/kernel-specs/{specs,schemas} from the
# repository root), RUNS (cold runs per command, default 10).
# Writes bench/results/spec-load-<date>.txt (JMH output and the summary table; meant to be committed).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. bin/jdk.sh
ynl4j_find_jdk
java="$JAVA_HOME/bin/java"

specs_dir=$(readlink -f "${YNL4J_SPECS:-$root/../shared/kernel-specs/specs}")
schemas_dir=$(readlink -f "${YNL4J_SCHEMAS:-$root/../shared/kernel-specs/schemas}")
runs=${RUNS:-10}
bench_jar="$root/bench/target/benchmarks.jar"
cli_jar="$root/cli/target/ynl4j-cli.jar"

shopt -s nullglob
specs=("$specs_dir"/*.yaml)
shopt -u nullglob
if [ "${#specs[@]}" -eq 0 ]; then
  echo "spec-load: no *.yaml under $specs_dir (set YNL4J_SPECS)" >&2
  exit 2
fi
if [ ! -d "$schemas_dir" ]; then
  echo "spec-load: $schemas_dir is not a directory (set YNL4J_SCHEMAS)" >&2
  exit 2
fi

if [ ! -f "$bench_jar" ] || [ ! -f "$cli_jar" ]; then
  echo "spec-load: building (./mvnw -q -B -ntp -DskipTests package)" >&2
  ./mvnw -q -B -ntp -DskipTests package
fi

# bin/ynl4j's JVM flags, read from its exec line so that the floor follows the launcher.
jvm_flags_text=$(tr '\n' ' ' <bin/ynl4j | sed 's/\\ //g' \
  | sed -n 's/.*exec "\$JAVA_HOME\/bin\/java" \(.*\) -jar "\$jar".*/\1/p')
if [ -z "$jvm_flags_text" ]; then
  echo "spec-load: cannot read the JVM flags from bin/ynl4j's exec line" >&2
  exit 2
fi
read -r -a launcher_words <<<"$jvm_flags_text"
jvm_flags=()
for word in "${launcher_words[@]}"; do
  case $word in
    *'$'*) echo "spec-load: note: the JVM floor leaves out bin/ynl4j's computed argument $word" >&2 ;;
    *) jvm_flags+=("$word") ;;
  esac
done

mkdir -p bench/results
out="bench/results/spec-load-$(date +%Y-%m-%d).txt"
csv=$(mktemp)
times_dir=$(mktemp -d)
trap 'rm -rf "$csv" "$times_dir"' EXIT

{
  echo "# bench/spec-load.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# JDK: $JAVA_HOME"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# corpus: ${#specs[@]} specs in $specs_dir; schemas in $schemas_dir"
  echo
} | tee "$out"

# 1. Warm: JMH (forked JVM; -D options are passed on to the fork).
"$java" -Dynl4j.specs="$specs_dir" -Dynl4j.schemas="$schemas_dir" -jar "$bench_jar" \
  SpecLoadBenchmark -prof gc -rf csv -rff "$csv" "$@" 2>&1 | tee -a "$out"

# Score of a benchmark (or of one of its secondary results, e.g. ':gc.alloc.rate.norm') from the CSV.
score() {
  awk -F, -v name="\"io.ynl4j.bench.SpecLoadBenchmark.$1\"" '$1 == name { gsub(/"/, "", $5); print $5 }' "$csv"
}
error() {
  awk -F, -v name="\"io.ynl4j.bench.SpecLoadBenchmark.$1\"" '$1 == name { gsub(/"/, "", $6); print $6 }' "$csv"
}

# 2. Cold: whole-process wall time in ms, median of $runs. The commands take turns (round robin),
# so that a slow spell of the machine hits all of them alike; one unmeasured round first (page
# cache, and a check that each command works at all).
cold_names=(floor version noschema schema)
cold_floor() { "$java" "${jvm_flags[@]}" -version; }
cold_version() { bin/ynl4j --version; }
cold_noschema() { bin/ynl4j check --no-schema "${specs[@]}"; }
cold_schema() { bin/ynl4j check --schema-dir "$schemas_dir" "${specs[@]}"; }
for name in "${cold_names[@]}"; do
  if ! "cold_$name" >/dev/null 2>&1; then
    echo "spec-load: the '$name' command fails; run it by hand to see why:" >&2
    declare -f "cold_$name" >&2
    exit 1
  fi
done
for ((i = 0; i < runs; i++)); do
  for name in "${cold_names[@]}"; do
    t0=$(date +%s%N)
    "cold_$name" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$times_dir/$name"
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
  for name in "${cold_names[@]}"; do
    echo "# $name: $(tr '\n' ' ' <"$times_dir/$name")"
  done
} | tee -a "$out"
floor=$(median_ms floor)
cli_version=$(median_ms version)
cli_noschema=$(median_ms noschema)
cli_schema=$(median_ms schema)

parse=$(score parseYamlOnly)
link=$(score loadLinkCorpus)
validate=$(score loadLinkValidateCorpus)
alloc() { awk -v b="$(score "$1:gc.alloc.rate.norm")" 'BEGIN { if (b == "") print "?"; else printf "%.0f MB", b / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "?"; else printf "%.1f×", a / b }'; }
ms() { awk -v v="$1" -v e="${2:-}" 'BEGIN { if (v == "") print "?"; else if (e == "" || e == "NaN") printf "%.1f ms", v; else printf "%.1f ± %.1f ms", v, e }'; }
goal() { awk -v v="$1" -v g="$2" 'BEGIN { if (v == "") print "?"; else print (v < g ? "met" : "MISSED") }'; }

{
  echo
  echo "## Spec-load speed (${#specs[@]} kernel specs, $(date +%Y-%m-%d), $(nproc) CPUs, JDK $("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p'))"
  echo
  echo "| Measure | Time | vs. baseline | Alloc/op or spread | Goal |"
  echo "|---|---|---|---|---|"
  echo "| warm: parseYamlOnly (baseline: SnakeYAML compose) | $(ms "$parse" "$(error parseYamlOnly)") | 1.0× | $(alloc parseYamlOnly) | |"
  echo "| warm: loadLinkCorpus (no schema) | $(ms "$link" "$(error loadLinkCorpus)") | $(ratio "$link" "$parse") | $(alloc loadLinkCorpus) | |"
  echo "| warm: loadLinkValidateCorpus | $(ms "$validate" "$(error loadLinkValidateCorpus)") | $(ratio "$validate" "$parse") | $(alloc loadLinkValidateCorpus) | < 300 ms: $(goal "$validate" 300) |"
  echo "| cold: \`java ${jvm_flags[*]} -version\` (baseline: JVM floor) | $floor ms | 1.0× | $(spread_ms floor) | |"
  echo "| cold: \`bin/ynl4j --version\` | $cli_version ms | $(ratio "$cli_version" "$floor") | $(spread_ms version) | |"
  echo "| cold: \`bin/ynl4j check --no-schema\` | $cli_noschema ms | $(ratio "$cli_noschema" "$floor") | $(spread_ms noschema) | < 1500 ms: $(goal "$cli_noschema" 1500) |"
  echo "| cold: \`bin/ynl4j check --schema-dir\` | $cli_schema ms | $(ratio "$cli_schema" "$floor") | $(spread_ms schema) | < 1500 ms: $(goal "$cli_schema" 1500) |"
  echo
  echo "Warm: JMH average time per whole corpus (± 99.9% CI), ratio to parseYamlOnly of the same run."
  echo "Cold: median (min–max) wall time of $runs whole processes, run in turns, ratio to the JVM floor of the same run."
} | tee -a "$out"
echo >&2
echo "spec-load: results in $out" >&2
