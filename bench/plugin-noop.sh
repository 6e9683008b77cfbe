#!/usr/bin/env bash
# Maven plugin no-op speed: `mvn generate-sources` of a throwaway project whose only plugin is
# ynl4j-maven-plugin:generate over all the kernel's specs (../shared/kernel-specs/specs, 33 families),
# run again with nothing changed (the goal finds its state up to date and logs "ynl4j: up to date").
# Measured per run: (a) the whole ./mvnw wall time; (b) the plugin's time, from Maven's own log
# timestamps: the "--- ynl4j:…:generate" line to the plugin's last line before Maven's closing
# "-----" line ("ynl4j: up to date (33 families)"), i.e. dependency resolution, class realm, mojo
# configuration and the up-to-date check. The first build (generating everything) is measured once.
# Baselines in the same run, interleaved with the no-op runs: the same project with
# -Dynl4j.skip=true (the mojo runs, logs "skipped" and returns), and the same project without the
# plugin (pom-noplugin.xml): wall(no-op) - wall(skip) is the up-to-date check seen from outside,
# a cross-check of the log figure; wall(no-op) - wall(no plugin) all the plugin adds to a build.
# One more run with -X (not in the medians) splits the plugin time into Maven's steps and gives
# the plugin's own figure ("ynl4j: up to date (N families) in M ms").
# Goal: plugin no-op under 100 ms of plugin time for the 33 kernel specs.
#
# Usage: bench/plugin-noop.sh [RUNS]   (no-op runs per variant, default 10; or RUNS=N in the environment)
# Environment: YNL4J_SPECS (default ../shared/kernel-specs/specs from the repository root).
# Needs ynl4j-maven-plugin:<project version> in ~/.m2 (the reactor's `./mvnw install`); runs Maven
# offline. The project is made afresh under bench/target/plugin-noop/ (deleted first).
# Writes bench/results/plugin-noop-<date>.txt (raw times and the summary table).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
. bin/jdk.sh
ynl4j_find_jdk

runs=${1:-${RUNS:-10}}
case $runs in
  '' | *[!0-9]* | 0) echo "plugin-noop: RUNS must be a positive number, not '$runs'" >&2; exit 2 ;;
esac
specs_dir=$(readlink -f "${YNL4J_SPECS:-$root/../shared/kernel-specs/specs}")
shopt -s nullglob
specs=("$specs_dir"/*.yaml)
shopt -u nullglob
if [ "${#specs[@]}" -eq 0 ]; then
  echo "plugin-noop: no *.yaml under $specs_dir (set YNL4J_SPECS)" >&2
  exit 2
fi
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' bench/pom.xml | head -1)
plugin_jar="${MAVEN_REPO:-$HOME/.m2/repository}/io/ynl4j/ynl4j-maven-plugin/$version/ynl4j-maven-plugin-$version.jar"
if [ ! -f "$plugin_jar" ]; then
  echo "plugin-noop: $plugin_jar is missing: install the reactor first (./mvnw install -DskipTests)" >&2
  exit 2
fi

proj="$root/bench/target/plugin-noop"
rm -rf "$proj"
mkdir -p "$proj"
xml_escape() { local s=${1//&/&amp;}; s=${s//</&lt;}; printf '%s' "${s//>/&gt;}"; }
write_pom() { # file with-plugin(yes|no)
  {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Made by bench/plugin-noop.sh; thrown away on its next run. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.ynl4j.bench</groupId>
  <artifactId>plugin-noop</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
EOF
    if [ "$2" = yes ]; then
      cat <<EOF
  <build>
    <plugins>
      <plugin>
        <groupId>io.ynl4j</groupId>
        <artifactId>ynl4j-maven-plugin</artifactId>
        <version>$(xml_escape "$version")</version>
        <configuration>
          <specDirectory>$(xml_escape "$specs_dir")</specDirectory>
          <packageName>bench.gen</packageName>
        </configuration>
        <executions>
          <execution>
            <phase>generate-sources</phase>
            <goals>
              <goal>generate</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
EOF
    fi
    echo "</project>"
  } >"$1"
}
write_pom "$proj/pom.xml" yes
write_pom "$proj/pom-noplugin.xml" no

mkdir -p bench/results
out="bench/results/plugin-noop-$(date +%Y-%m-%d).txt"
logs="$proj/logs"
mkdir -p "$logs"

mvn_args=(-o -B generate-sources -Dorg.slf4j.simpleLogger.showDateTime=true
  -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
command_of() { # variant → the command line, for the record
  case $1 in
    noop | first) echo "./mvnw ${mvn_args[*]} -f $proj/pom.xml" ;;
    skip) echo "./mvnw ${mvn_args[*]} -f $proj/pom.xml -Dynl4j.skip=true" ;;
    noplugin) echo "./mvnw ${mvn_args[*]} -f $proj/pom-noplugin.xml" ;;
  esac
}
# Runs one build; prints its wall time in ms. The log goes to $logs/<name>.log.
run_mvn() { # variant name [extra maven args...]
  local variant=$1 name=$2 t0 t1 status=0
  shift 2
  local args=("${mvn_args[@]}")
  case $variant in
    noop | first) args+=(-f "$proj/pom.xml") ;;
    skip) args+=(-f "$proj/pom.xml" -Dynl4j.skip=true) ;;
    noplugin) args+=(-f "$proj/pom-noplugin.xml") ;;
  esac
  t0=$(date +%s%N)
  "$root/mvnw" "${args[@]}" "$@" >"$logs/$name.log" 2>&1 || status=$?
  t1=$(date +%s%N)
  if [ "$status" -ne 0 ] || ! grep -q 'BUILD SUCCESS' "$logs/$name.log"; then
    echo "plugin-noop: $name failed (exit $status); the end of $logs/$name.log:" >&2
    tail -30 "$logs/$name.log" >&2
    exit 1
  fi
  local expect=""
  case $variant in
    noop) expect='\[INFO\] ynl4j: up to date \(' ;;
    skip) expect='\[INFO\] ynl4j: skipped' ;;
    first) expect='\[INFO\] ynl4j: [0-9]+ famil(y|ies), [0-9]+ files' ;;
  esac
  if [ -n "$expect" ] && ! grep -q -E "$expect" "$logs/$name.log"; then
    echo "plugin-noop: $name did not log what a $variant run logs (/$expect/): see $logs/$name.log" >&2
    grep -E '\[(INFO|WARNING|ERROR)\] ynl4j' "$logs/$name.log" | head -5 >&2 || true
    exit 1
  fi
  echo $(((t1 - t0) / 1000000))
}
# The plugin's time in a log: from the "--- ynl4j:…:generate" line to the last line before Maven's
# closing "-----" line (the mojo's last log line), in ms, from the log timestamps (HH:mm:ss.SSS).
plugin_ms() { # log → ms, or nothing
  awk '
    function ms(t,  a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    $1 !~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9]$/ { next }
    start == "" && /\[INFO\] --- ynl4j:.*:generate / { start = ms($1); next }
    start != "" && /\[INFO\] -----+$/ { d = last - start; if (d < 0) d += 86400000; print d; exit }
    start != "" { last = ms($1) }
  ' "$1"
}
# The time between the first lines matching two patterns in a log, in ms.
between() { # log from-pattern to-pattern → ms, or "?"
  # The patterns through the environment: awk -v would take their backslashes as escapes.
  FROM=$2 TO=$3 awk '
    function ms(t,  x) { split(t, x, /[:.]/); return ((x[1] * 60 + x[2]) * 60 + x[3]) * 1000 + x[4] }
    $1 !~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9]$/ { next }
    s == "" && $0 ~ ENVIRON["FROM"] { s = ms($1); next }
    s != "" && $0 ~ ENVIRON["TO"] { d = ms($1) - s; if (d < 0) d += 86400000; print d; found = 1; exit }
    END { if (!found) print "?" }
  ' "$1"
}
stats() { # numbers... → "median (min–max)"
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "?"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%g (%g–%g)", m, v[1], v[NR] }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR) print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "# bench/plugin-noop.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(uname -srm), $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "# JDK: $JAVA_HOME; $("$root/mvnw" -o -v 2>/dev/null | head -1); MAVEN_OPTS=${MAVEN_OPTS:-}"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "# plugin: io.ynl4j:ynl4j-maven-plugin:$version, $plugin_jar, $(date -u -r "$plugin_jar" +%Y-%m-%dT%H:%M:%SZ)"
  echo "# specs: $specs_dir, ${#specs[@]} files"
  echo "# project: $proj (pom.xml; pom-noplugin.xml the same without the plugin); logs in $logs"
  echo "# commands: no-op and first build: $(command_of noop)"
  echo "#           skip: $(command_of skip)"
  echo "#           no plugin: $(command_of noplugin)"
  echo "# load average before: $(load)"
  echo
} | tee "$out"

first_wall=$(run_mvn first first)
first_plugin=$(plugin_ms "$logs/first.log")
first_self=$(sed -n 's/.*\[INFO\] ynl4j: .* in \([0-9]*\) ms$/\1/p' "$logs/first.log" | tail -1)
first_summary=$(sed -n 's/.*\[INFO\] \(ynl4j: [0-9]* famil.*\)$/\1/p' "$logs/first.log" | tail -1)
{
  echo "first build: wall_ms=$first_wall plugin_ms=$first_plugin plugin_says_ms=${first_self:-?}"
  echo "  $first_summary"
} | tee -a "$out"

# One untimed round of each variant (file cache, the local repository's metadata), then the runs,
# the variants interleaved and their order rotated from run to run.
for v in noop skip noplugin; do run_mvn "$v" "warmup-$v" >/dev/null; done
marker="$proj/noop-marker"
touch "$marker"
sleep 0.01
variants=(noop skip noplugin)
declare -A wall plugin
echo | tee -a "$out"
echo "# raw times, ms (plugin: from the log timestamps)" | tee -a "$out"
for ((i = 1; i <= runs; i++)); do
  line="run $i:"
  for ((k = 0; k < 3; k++)); do
    v=${variants[$(((i + k) % 3))]}
    w=$(run_mvn "$v" "$v-$i")
    p=""
    [ "$v" = noplugin ] || p=$(plugin_ms "$logs/$v-$i.log")
    wall[$v]+="$w "
    plugin[$v]+="${p:-?} "
    line+=" $v wall=$w${p:+ plugin=$p}"
  done
  echo "$line" | tee -a "$out"
done
touched=$(find "$proj/target" -newer "$marker" -type f | wc -l)

# The breakdown: one more no-op run with -X, whose debug lines mark Maven's steps.
run_mvn noop breakdown-X -X >/dev/null
bx="$logs/breakdown-X.log"
go='\[INFO\] --- ynl4j:.*:generate '
realm='\[DEBUG\] Created new class realm plugin>io\.ynl4j:ynl4j-maven-plugin'
load_mojo='\[DEBUG\] Loading mojo io\.ynl4j:ynl4j-maven-plugin'
configure="\\[DEBUG\\] Configuring mojo execution 'io\\.ynl4j:ynl4j-maven-plugin"
configured='\[DEBUG\] -- end configuration --'
done_line='\[INFO\] ynl4j: up to date \('
self_x=$(sed -n 's/.*\[INFO\] ynl4j: up to date ([^)]*) in \([0-9]*\) ms.*/\1/p' "$bx" | head -1)

read -r -a wn <<<"${wall[noop]}"
read -r -a ws <<<"${wall[skip]}"
read -r -a wp <<<"${wall[noplugin]}"
read -r -a pn <<<"${plugin[noop]}"
read -r -a ps <<<"${plugin[skip]}"
mn=$(median "${pn[@]}")
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "?"; else printf "%g", a - b }'; }
goal=$(awk -v m="$mn" 'BEGIN { if (m == "") print "?"; else print (m < 100 ? "met" : "MISSED") }')
{
  echo
  echo "## Plugin no-op, ${#specs[@]} kernel specs ($runs runs per variant; $(date +%Y-%m-%d), $(nproc) CPUs, load $(load))"
  echo
  echo "| Build | Runs | mvn wall, ms: median (min–max) | Plugin time, ms: median (min–max) |"
  echo "|---|---|---|---|"
  echo "| First build: generates every family | 1 | $first_wall | $first_plugin (the plugin says ${first_self:-?}) |"
  echo "| **No-op**: nothing changed, \"up to date\" | $runs | $(stats "${wn[@]}") | **$(stats "${pn[@]}")** |"
  echo "| Skip: -Dynl4j.skip=true (baseline) | $runs | $(stats "${ws[@]}") | $(stats "${ps[@]}") |"
  echo "| No plugin: pom-noplugin.xml (baseline) | $runs | $(stats "${wp[@]}") | – |"
  echo
  echo "- Plugin time of a no-op build (log): **$mn ms**; goal under 100 ms: **$goal**."
  echo "- Up-to-date check, wall no-op − wall skip (medians): $(diff_ms "$(median "${wn[@]}")" "$(median "${ws[@]}")") ms;"
  echo "  the same from the logs, plugin no-op − plugin skip: $(diff_ms "$mn" "$(median "${ps[@]}")") ms."
  echo "- All the plugin adds to a build, wall no-op − wall no plugin (medians): $(diff_ms "$(median "${wn[@]}")" "$(median "${wp[@]}")") ms."
  echo "- Files written or touched under target/ by the no-op runs (and their baselines): $touched."
  echo
  echo "Breakdown of one more no-op run, with -X (debug logging slows it; not in the medians):"
  echo
  echo "| Step (from Maven's debug lines) | ms |"
  echo "|---|---|"
  echo "| \"--- ynl4j\" → class realm created: the plugin's dependencies resolved | $(between "$bx" "$go" "$realm") |"
  echo "| → \"Loading mojo\": class realm populated | $(between "$bx" "$realm" "$load_mojo") |"
  echo "| → \"Configuring mojo execution\": mojo loaded | $(between "$bx" "$load_mojo" "$configure") |"
  echo "| → \"end configuration\": mojo configured | $(between "$bx" "$configure" "$configured") |"
  echo "| → \"ynl4j: up to date\": execute() (the plugin's own figure: ${self_x:-?} ms) | $(between "$bx" "$configured" "$done_line") |"
  echo "| In all | $(between "$bx" "$go" "$done_line") |"
  echo
  echo "Plugin time: Maven's log timestamps (-Dorg.slf4j.simpleLogger.showDateTime, ms resolution), from"
  echo "the \"--- ynl4j:$version:generate\" line to the plugin's last line before Maven's closing line:"
  echo "resolving the plugin's dependencies, its class realm, the mojo's configuration and execute()."
  echo "Wall: the whole ./mvnw process (JVM start and Maven's boot included), without -q (the log is read)."
} | tee -a "$out"
echo >&2
echo "plugin-noop: results in $out" >&2
