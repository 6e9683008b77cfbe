/*
 * join: holds IPv4 multicast memberships for bench/run.sh's RTM_GETMULTICAST scenario.
 *
 * One UDP socket joins (IP_ADD_MEMBERSHIP, struct ip_mreqn) the groups 239.1.X.Y, the i-th
 * (from 0) being X = i / 250, Y = i % 250 + 1, for i below COUNT, on the interface of index
 * IFINDEX; then prints "joined COUNT" on standard output (flushed) and waits until it is killed
 * (or its parent dies: PR_SET_PDEATHSIG). Run two of them with different counts to get groups with
 * two users and groups with one. A socket may join at most net.ipv4.igmp_max_memberships groups
 * (20 by default; raise it in the namespace first).
 *
 * Usage: join IFINDEX COUNT      (at most 62,500 groups)
 * Exit status: 1 when a join fails, 2 on bad usage.
 * Build: gcc -O2 (bench/run.sh does, into bench/target/c/).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static long number(const char *s, long max) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *s == 0 || *end != 0 || v < 1 || v > max) {
        fprintf(stderr, "Usage: join IFINDEX COUNT   (COUNT at most 62500)\n");
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "Usage: join IFINDEX COUNT   (COUNT at most 62500)\n");
        return 2;
    }
    int ifindex = (int)number(argv[1], 1L << 30);
    long count = number(argv[2], 62500);
    pid_t parent = getppid();
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent) return 1;

    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("join: socket");
        return 1;
    }
    for (long i = 0; i < count; i++) {
        struct ip_mreqn mreq;
        memset(&mreq, 0, sizeof mreq);
        mreq.imr_multiaddr.s_addr = htonl((239u << 24) | (1u << 16) | ((unsigned)(i / 250) << 8) | (unsigned)(i % 250 + 1));
        mreq.imr_ifindex = ifindex;
        if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq) < 0) {
            char group[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &mreq.imr_multiaddr, group, sizeof group);
            fprintf(stderr, "join: IP_ADD_MEMBERSHIP %s (group %ld of %ld) on ifindex %d: %s%s\n", group, i + 1, count,
                    ifindex, strerror(errno),
                    errno == ENOBUFS ? " (raise net.ipv4.igmp_max_memberships)" : "");
            return 1;
        }
    }
    printf("joined %ld\n", count);
    fflush(stdout);
    for (;;) pause();
}
