# Runs in the VM before the maddr check: how long one cold JVM takes here to run the CLI once
# (`call --dump getaddr` in a namespace), for the timing notes of the kernel tests. Always exits 0.
. /vm/env
# iproute2's ip: busybox sh would run its own ip applet, which knows no netns or veth.
ip() { /usr/sbin/ip "$@"; }
[ -f /vm/cp/cli ] || exit 0
ip netns add ynl4j-jvm
s=$(cut -d' ' -f1 /proc/uptime)
/opt/jre/bin/java --enable-native-access=ALL-UNNAMED -cp "$(cat /vm/cp/cli)" io.ynl4j.cli.Main call \
	--netns ynl4j-jvm --spec "$REPO/specs/rt-addr.yaml" --dump getaddr --output-json > /tmp/jvm-out 2>&1
rc=$?
e=$(cut -d' ' -f1 /proc/uptime)
echo "cold JVM, ynl4j call --dump getaddr: rc=$rc, $(echo "$s $e" | awk '{ printf "%.1f", $2 - $1 }') s"
head -c 300 /tmp/jvm-out
echo
ip netns del ynl4j-jvm
exit 0
