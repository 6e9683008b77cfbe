# Runs in the VM after the kernel tests (busybox sh; /vm/env is sourced by /init).
# The maddr example on this kernel: in a namespace of its own, two mcast-join processes hold
# groups on v0 (A: 239.1.1.1 239.1.1.2 ff0e::1:1 ff0e::1:2, B: 239.1.1.1 ff0e::1:1); maddr lists
# them. Checked: /proc/net/igmp and igmp6 say users 2 for the groups both joined and 1 for the
# others; maddr prints the same; on Linux 7.3 and later maddr says it took the users from
# IFA_MC_USERS for both families.
set -u
. /vm/env
# iproute2's ip: busybox sh would run its own ip applet, which knows no netns or veth.
ip() { /usr/sbin/ip "$@"; }
if [ ! -f /vm/cp/examples-run ]; then
	echo "maddr: the examples were not built; not run (vm/run-tests.sh said so, and fails under CI=true)"
	exit 0
fi
java() { /opt/jre/bin/java --enable-native-access=ALL-UNNAMED -cp "$(cat /vm/cp/examples-run)" "$@"; }
fails=0
check() { # WHAT CONDITION...
	what=$1
	shift
	if "$@"; then echo "maddr-check ok: $what"; else echo "maddr-check FAILED: $what"; fails=$((fails + 1)); fi
}
ns=ynl4j-maddr
ip netns add $ns
ip -n $ns link set lo up
ip -n $ns link add v0 type veth peer name v1
ip -n $ns link set v0 up
ip -n $ns link set v1 up
ip -n $ns addr add 10.0.0.1/24 dev v0
mkfifo /tmp/maddr-hold
exec 3<>/tmp/maddr-hold # the joiners hold their groups until their standard input ends
java io.ynl4j.examples.mcastjoin.McastJoin --netns $ns v0 239.1.1.1 239.1.1.2 ff0e::1:1 ff0e::1:2 \
	</tmp/maddr-hold >/tmp/maddr-a 2>&1 &
a=$!
java io.ynl4j.examples.mcastjoin.McastJoin --netns $ns v0 239.1.1.1 ff0e::1:1 \
	</tmp/maddr-hold >/tmp/maddr-b 2>&1 &
b=$!
i=0
while ! { grep -q joined /tmp/maddr-a && grep -q joined /tmp/maddr-b; } && [ $i -lt 240 ]; do
	sleep 0.5
	i=$((i + 1))
done
echo "socket A: $(grep joined /tmp/maddr-a)"
echo "socket B: $(grep joined /tmp/maddr-b)"
java io.ynl4j.examples.maddr.Maddr dev v0 --netns $ns --verbose >/tmp/maddr-out 2>&1
rc=$?
echo "== maddr dev v0 --netns $ns --verbose (rc=$rc) =="
cat /tmp/maddr-out
echo "== /proc/net/igmp, /proc/net/igmp6 in $ns =="
ip netns exec $ns cat /proc/net/igmp /proc/net/igmp6 | tee /tmp/maddr-proc

igmp() { ip netns exec $ns cat /proc/net/igmp | awk -v g="$1" '/^[0-9]/ { dev = $2 } dev == "v0" && $1 == g { print $2 }'; }
igmp6() { ip netns exec $ns cat /proc/net/igmp6 | awk -v g="$1" '$2 == "v0" && $3 == g { print $4 }'; }
# maddr prints "users N" only for N > 1, as ip maddr does.
shows() { grep -Eq "^	$1 +$2$3\$" /tmp/maddr-out; }

check "maddr exit 0" [ "$rc" = 0 ]
check "/proc/net/igmp 239.1.1.1 users 2" [ "$(igmp 010101EF)" = 2 ]
check "/proc/net/igmp 239.1.1.2 users 1" [ "$(igmp 020101EF)" = 1 ]
check "/proc/net/igmp6 ff0e::1:1 users 2" [ "$(igmp6 ff0e0000000000000000000000010001)" = 2 ]
check "/proc/net/igmp6 ff0e::1:2 users 1" [ "$(igmp6 ff0e0000000000000000000000010002)" = 1 ]
check "maddr: inet 239.1.1.1 users 2" shows inet 239.1.1.1 " users 2"
check "maddr: inet 239.1.1.2 (users 1)" shows inet 239.1.1.2 ""
check "maddr: inet6 ff0e::1:1 users 2" shows inet6 ff0e::1:1 " users 2"
check "maddr: inet6 ff0e::1:2 (users 1)" shows inet6 ff0e::1:2 ""
major=$(uname -r | cut -d. -f1)
minor=$(uname -r | cut -d. -f2 | sed 's/[^0-9].*//')
if [ "$major" -gt 7 ] || { [ "$major" = 7 ] && [ "$minor" -ge 3 ]; }; then
	check "maddr: inet users from IFA_MC_USERS (Linux $major.$minor)" grep -q '^maddr: inet: .* users from IFA_MC_USERS$' /tmp/maddr-out
	check "maddr: inet6 users from IFA_MC_USERS (Linux $major.$minor)" grep -q '^maddr: inet6: .* users from IFA_MC_USERS$' /tmp/maddr-out
fi
exec 3>&-
kill $a $b 2>/dev/null
wait $a $b 2>/dev/null
ip netns del $ns
echo "maddr: $fails failed checks"
[ $fails = 0 ]
