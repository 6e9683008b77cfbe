#!/usr/bin/env bash
# Runs the real-kernel tests (@Tag("kernel")) of runtime, generator, cli (and examples) on another Linux
# kernel, Debian's linux-binary-$KVER-amd64 (default 7.3), booted under qemu (TCG; KVM when it
# works) with an initramfs holding busybox, iproute2's ip, the kernel modules the tests need,
# a jlinked Java runtime, the project's classes and test classes and their test dependencies
# at the same absolute paths as here. The JUnit reports come back over the serial console as a
# base64 tar.gz; any failure, error, skip or missing report fails this script.
#
# Usage: vm/run-tests.sh [--kver VER] [--no-build]       (as root: apt-get installs what is missing)
# Environment:
#   KVER=7.3                  Debian kernel version (linux-binary-$KVER-amd64 must exist)
#   YNL4J_VM_WORK=vm/work     cache: apt lists, kernel packages, jlinked runtime, initramfs
#   YNL4J_VM_MODULES="runtime generator cli examples"   modules whose kernel tests run in the VM
#                             (examples by default only when built: it needs the reactor's plugin)
#   YNL4J_VM_TESTS=REGEX      only the test classes whose names match (to try one class; CI never sets it)
#   YNL4J_VM_MEM=2048 YNL4J_VM_SMP=2 YNL4J_VM_TIMEOUT=540 (seconds for the qemu run)
#   YNL4J_VM_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"  (built into the jlinked
#                             runtime: C1 only and one GC thread cost least under emulation)
#   YNL4J_VM_CPU=qemu64,+ssse3,+sse4.1,+sse4.2,+popcnt   (TCG CPU model)
#   YNL4J_VM_ACCEL=tcg|kvm|auto   (default tcg: a broken KVM, as kvm-pvm here, can hang instead of failing)
# Results: target/kernel-vm-$KVER/ (console.log, per-module JUnit XML and console output).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(dirname "$here")
cd "$root"
t0=$(date +%s)
KVER=${KVER:-7.3}
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --kver) KVER=$2; shift 2 ;;
    --kver=*) KVER=${1#--kver=}; shift ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kernel-vm: unknown argument $1" >&2; exit 2 ;;
  esac
done
WORK=${YNL4J_VM_WORK:-$here/work}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# The examples' kernel tests too when they are built (bin/test builds them; under CI=true they must be).
default_modules="runtime generator cli"
if [ -d "$root/examples/target/test-classes" ] && [ -f "$root/examples/target/classpath.txt" ]; then
  default_modules="$default_modules examples"
elif [ "${CI:-}" = true ]; then
  echo "kernel-vm: FAILED: the examples are not built (examples/target); under CI=true their kernel tests must run" >&2
  exit 1
fi
MODULES=${YNL4J_VM_MODULES:-$default_modules}
MEM=${YNL4J_VM_MEM:-2048}
SMP=${YNL4J_VM_SMP:-2}
TIMEOUT=${YNL4J_VM_TIMEOUT:-540}
ACCEL=${YNL4J_VM_ACCEL:-tcg}
OUT=$root/target/kernel-vm-$KVER
SHARED=$(readlink -f "$root/../shared" 2>/dev/null || echo "$root/../shared")
say() { echo "kernel-vm: $*"; }
fail() { echo "kernel-vm: FAILED: $*" >&2; exit 1; }
lap() { say "$1 ($(($(date +%s) - t0)) s)"; }

# ---- tools ----
[ "$(id -u)" = 0 ] || fail "needs root (apt-get for the kernel packages, mknod for the initramfs)${CI:+; CI=true: not a skip}"
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || need+=(busybox-static)
command -v cpio >/dev/null || need+=(cpio)
command -v xz >/dev/null || need+=(xz-utils)
command -v ip >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} from Debian"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
. "$root/bin/jdk.sh"
ynl4j_find_jdk
[ -d "$SHARED/kernel-specs" ] || fail "$SHARED/kernel-specs is missing (the tests read it)"

# ---- kernel ----
KERNEL=$("$here/fetch-kernel.sh" "$KVER" "$WORK" | tail -n1)
[ -f "$KERNEL" ] || fail "no vmlinuz for $KVER"
MODDIR=$(dirname "$KERNEL")
lap "kernel $KERNEL"

# ---- build: classes, test classes and each module's test class path ----
if $build; then
  pl=$(echo "$MODULES" | tr ' ' '\n' | grep -vx examples | paste -sd, -)
  ./mvnw -B -ntp -q -pl "$pl" -am -DskipTests -Dspotless.check.skip=true \
    test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/kernel-vm-classpath.txt
  lap "built $MODULES"
fi
# The examples' kernel tests (YNL4J_VM_MODULES="... examples"): the module builds with the reactor's
# own Maven plugin, so it is not built here; its build's classpath.txt plus the JUnit/AssertJ jars of
# the runtime's test class path make its test class path.
if echo " $MODULES " | grep -q ' examples '; then
  [ -d examples/target/test-classes ] && [ -f examples/target/classpath.txt ] && [ -f runtime/target/kernel-vm-classpath.txt ] \
    || fail "examples: build them first (./mvnw -q package -DskipTests -pl examples -am) and keep runtime in YNL4J_VM_MODULES"
  # runtime/target/test-classes: the namespace helper io.ynl4j.runtime.Netns the tests share
  printf '%s:%s:%s' "$(cat examples/target/classpath.txt)" "$(cat runtime/target/kernel-vm-classpath.txt)" \
    "$root/runtime/target/test-classes" > examples/target/kernel-vm-classpath.txt
fi
for m in $MODULES; do
  [ -f "$m/target/kernel-vm-classpath.txt" ] && [ -d "$m/target/test-classes" ] \
    || fail "$m is not built (run without --no-build)"
done
# The console launcher matching the project's JUnit platform (it brings the platform and Jupiter;
# the modules' own junit/opentest4j/apiguardian jars are left off the class path).
pver=$(tr ':' '\n' < runtime/target/kernel-vm-classpath.txt \
  | sed -n 's|.*/junit-platform-engine-\([^/]*\)\.jar$|\1|p' | head -n1)
[ -n "$pver" ] || fail "no junit-platform-engine on runtime's test class path"
console=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$pver/junit-platform-console-standalone-$pver.jar
if [ ! -f "$console" ]; then
  ./mvnw -B -ntp -q -N dependency:get -Dtransitive=false \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$pver"
fi
[ -f "$console" ] || fail "could not get junit-platform-console-standalone $pver"

# ---- jlinked runtime (cached per JDK and module list) ----
cps=()
for m in $MODULES; do
  cps+=("$root/$m/target/classes" "$root/$m/target/test-classes")
  while IFS= read -r e; do [ -n "$e" ] && cps+=("$e"); done < <(tr ':' '\n' < "$m/target/kernel-vm-classpath.txt")
done
mapfile -t all < <(printf '%s\n' "${cps[@]}" "$console" | awk '!seen[$0]++' | while read -r e; do [ -e "$e" ] && echo "$e"; done)
jdkv=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release")
deps_key=$(printf '%s\n' "${all[@]}" | xargs -r stat -c '%n %s %Y' | sha256sum | cut -c1-16)
JAVA_OPTS=${YNL4J_VM_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
if [ -f "$WORK/jre.key" ] && [ "$(cat "$WORK/jre.key")" = "$jdkv $deps_key $JAVA_OPTS" ] && [ -x "$WORK/jre/bin/java" ]; then
  :
else
  mods=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "${jdkv%%.*}" -q "${all[@]}" 2>/dev/null | tail -n1)
  # javax.tools needs the compiler itself; byte-buddy and friends use jdk.unsupported; reports use java.xml.
  mods="$mods,jdk.compiler,jdk.unsupported,java.xml,java.logging,jdk.zipfs,jdk.crypto.ec"
  mods=$(echo "$mods" | tr ',' '\n' | grep -v '^$' | while read -r x; do [ -d "$JAVA_HOME/jmods/$x.jmod" ] || [ -f "$JAVA_HOME/jmods/$x.jmod" ] || "$JAVA_HOME/bin/java" --list-modules | grep -q "^$x@" && echo "$x"; done | sort -u | paste -sd, -)
  rm -rf "$WORK/jre"
  # The VM's JVM options go into the image (--add-options): the tests' own child JVMs get them too,
  # and nothing says so on stderr as JDK_JAVA_OPTIONS would (tests compare child stderr).
  "$JAVA_HOME/bin/jlink" --add-modules "$mods" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --generate-cds-archive ${JAVA_OPTS:+--add-options="$JAVA_OPTS"} --output "$WORK/jre"
  echo "$jdkv $deps_key $JAVA_OPTS" > "$WORK/jre.key"
  lap "jlinked $mods: $(du -sh "$WORK/jre" | cut -f1)"
fi

# ---- initramfs ----
R=$WORK/initramfs
rm -rf "$R"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,var,etc,root,lib/modules,vm/cp,opt,out}
cp /bin/busybox "$R/bin/busybox"
cp "$here/init" "$R/init"
chmod 755 "$R/init" "$R/bin/busybox"
# iproute2's ip (busybox ip makes neither veth pairs nor namespaces), and the shared libraries of
# ip and of the Java runtime, with the dynamic loader, at their paths here.
ipbin=$(readlink -f "$(command -v ip)")
cp -L "$ipbin" "$R/usr/sbin/ip"
[ -e "$R/sbin/ip" ] || ln -s /usr/sbin/ip "$R/sbin/ip"
for f in $( { ldd "$ipbin"; find "$WORK/jre" -type f \( -name java -o -name '*.so' \) -exec ldd {} \; ; } 2>/dev/null \
    | grep -o '/[^ ]*' | grep -v "^$WORK/jre/" | sort -u); do
  [ -e "$R$f" ] && continue
  mkdir -p "$R$(dirname "$f")"
  cp -L "$f" "$R$f"
done
# ld.so's usual paths (usrmerge): /lib64 and /lib/x86_64-linux-gnu.
for d in lib64 lib/x86_64-linux-gnu; do
  if [ -d "$R/usr/$d" ]; then mkdir -p "$R/$d"; cp -a "$R/usr/$d/." "$R/$d/"; fi
  if [ -d "$R/$d" ]; then mkdir -p "$R/usr/$d"; cp -an "$R/$d/." "$R/usr/$d/"; fi
done
# Kernel modules with their dependencies, in load order (Debian's are .ko.xz; busybox insmod wants ELF).
: > "$R/vm/modules.order"
add_module() {
  local name=$1 f dep
  grep -qx "$name" "$R/vm/modules.order" && return 0
  f=$(find "$MODDIR/kernel" -name "$name.ko*" | head -n1)
  if [ -z "$f" ]; then
    say "module $name is not in $MODDIR (built in?)"
    return 0
  fi
  case "$f" in
    *.xz) xz -dc "$f" > "$R/lib/modules/$name.ko" ;;
    *.zst) zstd -dcq "$f" > "$R/lib/modules/$name.ko" ;;
    *) cp "$f" "$R/lib/modules/$name.ko" ;;
  esac
  for dep in $(grep -ao 'depends=[a-z0-9_,-]*' "$R/lib/modules/$name.ko" | head -n1 | sed 's/^depends=//' | tr ',' ' '); do
    add_module "$dep"
  done
  echo "$name" >> "$R/vm/modules.order"
}
# veth and bridge for the suite; fou, openvswitch, wireguard and team for NewerKernelCallTest
# (families the build machines' 6.18 kernel lacks).
for km in veth bridge fou openvswitch wireguard team; do add_module "$km"; done
# Java, the console launcher, the project and its test dependencies at their paths here.
cp -a "$WORK/jre" "$R/opt/jre"
for e in "${all[@]}"; do
  mkdir -p "$R$(dirname "$e")"
  cp -a "$e" "$R$e"
done
mkdir -p "$R$root" "$R$SHARED"
cp -a "$root/specs" "$R$root/specs"
for d in kernel-specs captures; do
  [ -d "$SHARED/$d" ] && cp -a "$SHARED/$d" "$R$SHARED/$d"
done
[ -e "$R$root/../shared" ] || ln -s "$SHARED" "$R$root/../shared" 2>/dev/null || true
for m in $MODULES; do
  {
    printf '%s' "$console"
    printf ':%s' "$root/$m/target/test-classes" "$root/$m/target/classes"
    tr ':' '\n' < "$m/target/kernel-vm-classpath.txt" \
      | grep -v -e '/org/junit/' -e '/org/opentest4j/' -e '/org/apiguardian/' -e '^$' \
      | while read -r e; do printf ':%s' "$e"; done
  } > "$R/vm/cp/$m"
done
# The examples (maddr, mcast-join) for vm/guest.d/maddr.sh, when built (bin/test builds them before
# this runs; by hand: ./mvnw -q package -DskipTests -pl examples -am). Under CI=true they must be.
exjar=$(ls "$root"/examples/target/ynl4j-examples-*.jar 2>/dev/null | grep -v -e -sources -e -javadoc | head -n1 || true)
if [ -n "$exjar" ] && [ -f "$root/examples/target/classpath.txt" ]; then
  excp=$exjar:$(cat "$root/examples/target/classpath.txt")
  for e in $(echo "$excp" | tr ':' ' '); do
    [ -e "$R$e" ] && continue
    mkdir -p "$R$(dirname "$e")"
    cp -a "$e" "$R$e"
  done
  printf '%s' "$excp" > "$R/vm/cp/examples-run"
elif [ "${CI:-}" = true ]; then
  fail "the examples are not built (examples/target has no jar or classpath.txt): the maddr check cannot run"
else
  say "the examples are not built: the maddr check will not run (./mvnw -q package -DskipTests -pl examples -am)"
fi
if [ -d "$here/guest.d" ]; then cp -a "$here/guest.d" "$R/vm/guest.d"; fi
# Exclusions (vm/excluded-tests.txt): one --exclude-methodname per module, said aloud.
excluded=()
for m in $MODULES; do
  pats=$(awk -v m="$m" '!/^#/ && $1 == m { print $2 }' "$here/excluded-tests.txt" 2>/dev/null | paste -sd'|' -)
  if [ -n "$pats" ]; then
    printf '%s' "($pats)" > "$R/vm/cp/$m.exclude"
    while read -r line; do excluded+=("$line"); done < <(awk -v m="$m" '!/^#/ && $1 == m' "$here/excluded-tests.txt")
  fi
done
cat > "$R/vm/env" <<EOF
REPO='$root'
SHARED='$SHARED'
MODULES='$MODULES'
YNL4J_VM_TESTS='${YNL4J_VM_TESTS:-}'
EOF
echo 'root:x:0:0:root:/root:/bin/sh' > "$R/etc/passwd"
echo 'root:x:0:' > "$R/etc/group"
printf '127.0.0.1 localhost ynl4j-vm\n::1 localhost ip6-localhost\n' > "$R/etc/hosts"
mknod -m 600 "$R/dev/console" c 5 1
mknod -m 666 "$R/dev/null" c 1 3
# Uncompressed: the emulated CPU would spend seconds inflating it.
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$WORK/initramfs.cpio"
lap "initramfs $(du -h "$WORK/initramfs.cpio" | cut -f1), modules: $(paste -sd' ' "$R/vm/modules.order")"

# ---- boot ----
rm -rf "$OUT"
mkdir -p "$OUT"
LOG=$OUT/console.log
boot() { # ACCEL-ARGS...
  local s rc
  s=$(date +%s)
  set +e
  timeout --foreground -k 10 "$TIMEOUT" qemu-system-x86_64 "$@" -m "$MEM" -smp "$SMP" -nic none \
    -kernel "$KERNEL" -initrd "$WORK/initramfs.cpio" \
    -append 'console=ttyS0 panic=-1 quiet mitigations=off' \
    -nographic -no-reboot < /dev/null 2>&1 | tee "$LOG" | sed -u 's/\r$//' \
    | grep --line-buffered -v -e '^=====BEGIN' -e '^[A-Za-z0-9+/=]\{76\}$' -e '^[A-Za-z0-9+/=]*=$'
  rc=${PIPESTATUS[0]}
  set -e
  say "qemu ($*) rc=$rc, $(($(date +%s) - s)) s"
  grep -q '^=====END results.tgz=====' <(tr -d '\r' < "$LOG")
}
booted=false
if [ "$ACCEL" != tcg ] && [ -w /dev/kvm ]; then
  if boot -enable-kvm -cpu host; then booted=true; else cp "$LOG" "$LOG.kvm-attempt"; say "KVM did not work, using TCG"; fi
fi
attempt=1
while ! $booted && [ "$ACCEL" != kvm ]; do
  # No AVX: the JVM's AVX code paths crashed under TCG's young AVX emulation (-cpu max, qemu 7.2).
  s=$(date +%s)
  boot -accel tcg,thread=multi -cpu "${YNL4J_VM_CPU:-qemu64,+ssse3,+sse4.1,+sse4.2,+popcnt}" && booted=true && break
  # Multi-threaded TCG now and then breaks the kernel's own code patching (an "Oops: int3" while
  # booting was seen once in about ten boots): boot again once when the kernel oopsed before the
  # tests began, or within the first minutes; a hang or a later failure is not retried.
  if [ "$attempt" -lt 2 ] && [ $(($(date +%s) - s)) -lt 240 ] \
     && { ! grep -aq 'YNL4J-VM: boot done' "$LOG" || grep -aq -e 'Oops:' -e 'Kernel panic' -e 'BUG:' "$LOG"; }; then
    cp "$LOG" "$LOG.attempt$attempt"
    say "the VM's kernel failed under emulation (kept as $LOG.attempt$attempt: $(grep -a -m1 -e 'Oops:' -e 'Kernel panic' -e 'BUG:' "$LOG" | tr -d '\r' || true)); booting again"
    attempt=$((attempt + 1))
  else
    break
  fi
done
$booted || fail "the VM did not finish (no results on the console; see $LOG)"

# ---- results ----
tr -d '\r' < "$LOG" > "$OUT/console.clean"
sed -n '/^=====BEGIN results.tgz=====$/,/^=====END results.tgz=====$/p' "$OUT/console.clean" \
  | sed '1d;$d' | base64 -d > "$OUT/results.tgz"
want=$(sed -n 's/^YNL4J-VM-SHA256: //p' "$OUT/console.clean")
[ "$want" = "$(sha256sum "$OUT/results.tgz" | cut -d' ' -f1)" ] || fail "results.tgz checksum mismatch"
tar xzf "$OUT/results.tgz" -C "$OUT"
rm -f "$OUT/console.clean"
total=0 failed=0 skipped=0 problems=()
for m in $MODULES; do
  x=$OUT/$m/TEST-junit-jupiter.xml
  if [ ! -f "$x" ]; then problems+=("$m: no JUnit report"); continue; fi
  read -r t f e s < <(sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)"[^>]*skipped="\([0-9]*\)"[^>]*failures="\([0-9]*\)"[^>]*errors="\([0-9]*\)".*/\1 \3 \4 \2/p' "$x" | head -n1)
  if [ -z "${t:-}" ]; then problems+=("$m: unreadable report"); continue; fi
  rc=$(cat "$OUT/$m/rc" 2>/dev/null || echo '?')
  say "$m: $t tests, $f failures, $e errors, $s skipped (launcher rc=$rc)"
  total=$((total + t)); failed=$((failed + f + e)); skipped=$((skipped + s))
  [ "$t" -gt 0 ] || problems+=("$m: no kernel tests ran")
  [ "$rc" = 0 ] || problems+=("$m: launcher exited $rc")
done
for h in "$OUT"/guest.d/*.rc; do
  [ -f "$h" ] || continue
  [ "$(cat "$h")" = 0 ] || problems+=("hook $(basename "$h" .rc) exited $(cat "$h")")
done
[ "$failed" = 0 ] || problems+=("$failed failed")
[ "$skipped" = 0 ] || problems+=("$skipped skipped (a skip is a failure here)")
say "kernel $(cat "$OUT/uname-r.txt" 2>/dev/null), reports in $OUT, $(($(date +%s) - t0)) s in all"
for x in "${excluded[@]}"; do say "NOT RUN here (vm/excluded-tests.txt): $x"; done
echo "kernel-vm: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
if [ ${#problems[@]} -gt 0 ]; then
  fail "$(IFS=';'; echo "${problems[*]}")"
fi
