#!/usr/bin/env bash
# Cold CLI start-up with and without the JDK 25 AOT cache (bin/aot-train; bin/ynl4j uses it when
# fresh, YNL4J_AOT=off makes it start without). Whole-process wall time, median of N runs; all
# commands take turns (round robin) so that a slow spell of the machine hits them alike, after one
# unmeasured round (page cache, and a check that each command works). Baseline: `java -version`
# with bin/ynl4j's literal JVM flags (the JVM start floor).
#
# Usage: bench/cli-startup.sh        Environment: RUNS (default 10), YNL4J_SPECS, YNL4J_SCHEMAS
# (default ../shared/kernel-specs/{specs,schemas} from the repository root).
# Writes bench/results/cli-startup-<date>.txt (raw times and the Markdown table; meant to be committed).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. bin/jdk.sh
ynl4j_find_jdk
java="$JAVA_HOME/bin/java"
runs=${RUNS:-10}
specs_dir=$(readlink -f "${YNL4J_SPECS:-$root/../shared/kernel-specs/specs}")
schemas_dir=$(readlink -f "${YNL4J_SCHEMAS:-$root/../shared/kernel-specs/schemas}")
shopt -s nullglob
specs=("$specs_dir"/*.yaml)
shopt -u nullglob
if [ "${#specs[@]}" -eq 0 ] || [ ! -d "$schemas_dir" ]; then
  echo "cli-startup: need *.yaml under $specs_dir and schemas in $schemas_dir (set YNL4J_SPECS, YNL4J_SCHEMAS)" >&2
  exit 2
fi
if [ ! -f cli/target/ynl4j-cli.jar ]; then
  echo "cli-startup: building (./mvnw -q -B -ntp -DskipTests package)" >&2
  ./mvnw -q -B -ntp -DskipTests package
fi
bin/aot-train >&2 # makes the cache when missing or stale; a no-op otherwise
if ! YNL4J_AOT=require bin/ynl4j --version >/dev/null; then
  echo "cli-startup: bin/ynl4j cannot use an AOT cache (JDK 25+ needed); nothing to compare" >&2
  exit 1
fi

# bin/ynl4j's literal JVM flags from its exec line (as bench/spec-load.sh reads them).
flags_text=$(tr '\n' ' ' <bin/ynl4j | sed 's/\\ //g' \
  | sed -n 's/.*exec "\$JAVA_HOME\/bin\/java" \(.*\) -jar "\$jar".*/\1/p')
read -r -a words <<<"$flags_text"
jvm_flags=()
for w in "${words[@]}"; do case $w in *'$'*) ;; *) jvm_flags+=("$w") ;; esac; done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rt_addr="$root/specs/rt-addr.yaml"
# name|label|command; every CLI command runs twice: -aot (default, cache used) and -noaot (YNL4J_AOT=off).
cmd_floor() { "$java" "${jvm_flags[@]}" -version; }
cmd_version() { bin/ynl4j --version; }
cmd_check1() { bin/ynl4j check "$rt_addr"; }
cmd_check33() { bin/ynl4j check --schema-dir "$schemas_dir" "${specs[@]}"; }
cmd_generate() { bin/ynl4j generate --out "$tmp/gen-$BASHPID" "$rt_addr"; }
labels=(
  "floor|\`java ${jvm_flags[*]} -version\` (floor)"
  "version|\`bin/ynl4j --version\`"
  "check1|\`bin/ynl4j check specs/rt-addr.yaml\`"
  "check33|\`bin/ynl4j check --schema-dir …\`, ${#specs[@]} kernel specs"
  "generate|\`bin/ynl4j generate --out DIR specs/rt-addr.yaml\`"
)
runs_list=(floor)
for c in version check1 check33 generate; do runs_list+=("$c-aot" "$c-noaot"); done
run_one() { # $1: floor | <cmd>-aot | <cmd>-noaot
  case $1 in
    floor) cmd_floor ;;
    *-noaot) YNL4J_AOT=off "cmd_${1%-noaot}" ;;
    *-aot) YNL4J_AOT=auto "cmd_${1%-aot}" ;;
  esac
}
for r in "${runs_list[@]}"; do
  if ! run_one "$r" >/dev/null 2>&1; then
    echo "cli-startup: '$r' fails; run it by hand to see why" >&2
    exit 1
  fi
  rm -rf "$tmp"/gen-*
done
for ((i = 0; i < runs; i++)); do
  # Alternate which of a pair goes first, so that neither always follows the other.
  order=("${runs_list[@]}")
  if ((i % 2)); then
    order=(floor)
    for c in version check1 check33 generate; do order+=("$c-noaot" "$c-aot"); done
  fi
  for r in "${order[@]}"; do
    t0=$(date +%s%N)
    run_one "$r" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$tmp/$r"
    rm -rf "$tmp"/gen-*
  done
done
median_ms() {
  sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f\n", m / 1000 }'
}
spread() { sort -n "$tmp/$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f–%.0f", lo / 1000, hi / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }
saved() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * (b - a) / b }'; }

mkdir -p bench/results
out="bench/results/cli-startup-$(date +%Y-%m-%d).txt"
cache=$(ls -t cli/target/ynl4j-cli-*.aot | grep -v -- -wire.aot | head -1)
floor=$(median_ms floor)
{
  echo "# bench/cli-startup.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# JDK: $JAVA_HOME ($("$java" -version 2>&1 | head -1))"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# AOT cache: $cache ($(($(stat -c %s "$cache") / 1048576)) MB)"
  echo "# $runs rounds, whole process (bash + date +%s%N), times in µs"
  for r in "${runs_list[@]}"; do echo "# $r: $(tr '\n' ' ' <"$tmp/$r")"; done
  echo
  echo "## Cold CLI start-up ($(date +%Y-%m-%d), $(nproc) CPUs, JDK $(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release"))"
  echo
  echo "| command | without AOT cache | with AOT cache | saved by the cache |"
  echo "|---|---|---|---|"
  for l in "${labels[@]}"; do
    name=${l%%|*} label=${l#*|}
    if [ "$name" = floor ]; then
      echo "| $label | $floor ms (1.0×, $(spread floor)) | | |"
      continue
    fi
    a=$(median_ms "$name-aot") n=$(median_ms "$name-noaot")
    echo "| $label | $n ms ($(ratio "$n" "$floor"), $(spread "$name-noaot")) | $a ms ($(ratio "$a" "$floor"), $(spread "$name-aot")) | $(saved "$a" "$n") |"
  done
  echo
  echo "Median wall time of $runs whole processes (ratio to the floor of the same run, min–max in ms);"
  echo "the pairs alternate which goes first. Without the cache: YNL4J_AOT=off (bin/ynl4j's -Xshare:auto)."
} | tee "$out"
echo >&2
echo "cli-startup: results in $out" >&2
