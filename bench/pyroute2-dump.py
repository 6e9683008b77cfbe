#!/usr/bin/python3
"""pyroute2's side of bench/run.sh: one rtnetlink dump, decoded by pyroute2, its message count printed.

  addr    IPRoute().get_addr(family=AF_INET)                          (RTM_GETADDR)
  maddr   RTM_GETMULTICAST with an ifaddrmsg of family AF_INET, sent with IPRoute().nlm_request
          and NLM_F_DUMP: pyroute2 (0.7) has no helper for it and no parser registered for its
          replies, so ifaddrmsg is registered for message type RTM_GETMULTICAST first
  link    IPRoute().get_links()                                       (RTM_GETLINK)

Every reply is decoded by pyroute2 and must carry the attribute that names what it lists
(IFA_LOCAL, IFA_MULTICAST, IFLA_IFNAME); the count of such replies is printed.

Usage: bench/pyroute2-dump.py addr|maddr|link    (Debian's python3-pyroute2)
"""
import sys
from socket import AF_INET

from pyroute2 import IPRoute
from pyroute2.netlink import NLM_F_DUMP, NLM_F_REQUEST
from pyroute2.netlink.rtnl import RTM_GETMULTICAST
from pyroute2.netlink.rtnl.ifaddrmsg import ifaddrmsg


def main(argv):
    if len(argv) != 2 or argv[1] not in ("addr", "maddr", "link"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    kind = argv[1]
    with IPRoute() as ipr:
        if kind == "addr":
            replies, attr = ipr.get_addr(family=AF_INET), "IFA_LOCAL"
        elif kind == "maddr":
            ipr.marshal.msg_map[RTM_GETMULTICAST] = ifaddrmsg
            request = ifaddrmsg()
            request["family"] = AF_INET
            replies = list(ipr.nlm_request(request, RTM_GETMULTICAST, NLM_F_REQUEST | NLM_F_DUMP))
            attr = "IFA_MULTICAST"
        else:
            replies, attr = ipr.get_links(), "IFLA_IFNAME"
        n = sum(1 for r in replies if r.get_attr(attr) is not None)
    if n != len(replies):
        print(f"pyroute2-dump: {len(replies) - n} of {len(replies)} replies lack {attr}", file=sys.stderr)
        return 1
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
