# Sourced by bin/ynl4j, bin/test, bin/demo and .ci/run: finds a JDK 22+ and exports JAVA_HOME.
# Order: $JAVA_HOME when it is a JDK 22+, else the newest JDK 22+ under /usr/lib/jvm.

ynl4j_java_feature() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  printf '%s' "$v"
}

ynl4j_find_jdk() {
  local v best="" bestv=0 d
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(ynl4j_java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 22 ] && [ -x "$JAVA_HOME/bin/javac" ]; then
      return 0
    fi
  fi
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -L "$d" ] && continue
    v=$(ynl4j_java_feature "$d")
    [ -n "$v" ] && [ -x "$d/bin/javac" ] || continue
    if [ "$v" -ge 22 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "ynl4j: no JDK 22 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
    echo "ynl4j: install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
