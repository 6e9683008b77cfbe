/*
 * capture: dumps the IPv4 addresses of the current network namespace (RTM_GETADDR, AF_INET, the
 * request `ip -4 addr show` sends) and writes every datagram the kernel answers with, exactly as
 * received and concatenated, NLMSG_DONE included, to a file. Run it inside a namespace:
 *
 *   ip netns exec NS capture OUT
 *
 * Used by bench/capture-getaddr.sh; the file is the input of bench/c/walk.c and of the JMH
 * AttrWalkBenchmark. Exits non-zero on any error, on an interrupted dump (NLM_F_DUMP_INTR) or on a
 * truncated datagram, so that a capture is complete and consistent or absent.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what) {
    perror(what);
    exit(1);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT\n", argv[0]);
        return 2;
    }
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) die("socket");
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) die("bind");

    struct {
        struct nlmsghdr h;
        struct ifaddrmsg ifa;
    } req = {
        .h = {.nlmsg_len = sizeof req, .nlmsg_type = RTM_GETADDR, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
              .nlmsg_seq = 1},
        .ifa = {.ifa_family = AF_INET},
    };
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, &req, sizeof req, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) die("sendto");

    FILE *out = fopen(argv[1], "wb");
    if (!out) die(argv[1]);
    size_t cap = 32768; /* what iproute2 and libmnl dump with; grown if the kernel sends more */
    char *buf = malloc(cap);
    if (!buf) die("malloc");
    long datagrams = 0, messages = 0, bytes = 0;
    int done = 0;
    while (!done) {
        ssize_t peeked = recv(fd, buf, cap, MSG_PEEK | MSG_TRUNC);
        if (peeked < 0) {
            if (errno == EINTR) continue;
            die("recv");
        }
        if ((size_t)peeked > cap) {
            cap = (size_t)peeked;
            buf = realloc(buf, cap);
            if (!buf) die("realloc");
        }
        ssize_t n = recv(fd, buf, cap, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("recv");
        }
        int left = (int)n;
        struct nlmsghdr *h;
        for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_seq != req.h.nlmsg_seq) {
                fprintf(stderr, "capture: unexpected sequence %u\n", h->nlmsg_seq);
                return 1;
            }
            if (h->nlmsg_flags & NLM_F_DUMP_INTR) {
                fprintf(stderr, "capture: the dump was interrupted (NLM_F_DUMP_INTR); run again\n");
                return 1;
            }
            messages++;
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                fprintf(stderr, "capture: the kernel answered with error %d (%s)\n", e->error, strerror(-e->error));
                return 1;
            }
            if (h->nlmsg_type == NLMSG_DONE) done = 1;
        }
        if (left != 0) {
            fprintf(stderr, "capture: %d bytes at the end of a datagram are not a whole message\n", left);
            return 1;
        }
        if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) die("fwrite");
        datagrams++;
        bytes += n;
    }
    if (fclose(out) != 0) die("fclose");
    close(fd);
    printf("capture: %ld datagrams, %ld messages (NLMSG_DONE included), %ld bytes\n", datagrams, messages, bytes);
    return 0;
}
