/*
 * dump: the C floor for a whole rtnetlink dump (bench/run.sh): the least a program can do to get
 * every message of one dump from the kernel and look at every attribute of it.
 *
 * One NETLINK_ROUTE socket with a 1 MiB receive buffer (SO_RCVBUFFORCE as root, else SO_RCVBUF),
 * one dump request (NLM_F_REQUEST | NLM_F_DUMP), then recvmsg into a 1 MiB buffer until
 * NLMSG_DONE. A datagram longer than the buffer (MSG_TRUNC) is an error, as is NLMSG_ERROR, a
 * negative NLMSG_DONE status, a reply of another sequence number or a malformed length. Every
 * message of the dump is counted and every top-level attribute after its fixed header is walked
 * (nested attributes are not entered); the messages' types and the attributes' type fields (flags
 * included) and lengths (header included) are summed into a checksum, so that the compiler cannot
 * drop the walk; the first dump's is printed (io.ynl4j.bench.DumpLoop's walk mode prints the same).
 *
 *   addr    RTM_GETADDR, struct ifaddrmsg with ifa_family AF_INET
 *   maddr   RTM_GETMULTICAST, struct ifaddrmsg with ifa_family AF_INET
 *   link    RTM_GETLINK, struct ifinfomsg with ifi_family AF_UNSPEC
 *
 * Usage: dump addr|maddr|link [--count]     one dump; prints the number of messages
 *        dump addr|maddr|link --loop N      N dumps on one socket in one process (after one
 *                                           untimed dump); prints key=value lines: messages,
 *                                           loops, median_ns, min_ns, max_ns (per dump,
 *                                           clock_gettime CLOCK_MONOTONIC), checksum (of the
 *                                           first dump)
 * Exit status: 0, 1 on an error from the kernel or a malformed reply, 2 on bad usage.
 * Build: gcc -O2 (bench/run.sh does, into bench/target/c/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE (1 << 20)

struct dump_kind {
    const char *name;
    int type;         /* request message type */
    size_t header;    /* fixed header after nlmsghdr, in requests and replies */
};

static const struct dump_kind KINDS[] = {
    {"addr", RTM_GETADDR, sizeof(struct ifaddrmsg)},
    {"maddr", RTM_GETMULTICAST, sizeof(struct ifaddrmsg)},
    {"link", RTM_GETLINK, sizeof(struct ifinfomsg)},
};

static uint8_t *buf;
static uint32_t seq;
static volatile uint64_t sink;

static void die(const char *what) {
    fprintf(stderr, "dump: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int open_socket(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) die("socket");
    int size = BUF_SIZE;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0
        && setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) < 0)
        die("setsockopt SO_RCVBUF");
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) die("bind");
    return fd;
}

static void send_request(int fd, const struct dump_kind *kind) {
    struct {
        struct nlmsghdr nh;
        union {
            struct ifaddrmsg ifa;
            struct ifinfomsg ifi;
        } u;
    } req;
    memset(&req, 0, sizeof req);
    req.nh.nlmsg_len = NLMSG_LENGTH(kind->header);
    req.nh.nlmsg_type = kind->type;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.nh.nlmsg_seq = ++seq;
    if (kind->type == RTM_GETLINK)
        req.u.ifi.ifi_family = AF_UNSPEC;
    else
        req.u.ifa.ifa_family = AF_INET;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) die("sendto");
}

/* Receives the whole dump; returns the number of messages (NLMSG_DONE not counted). */
static long receive_dump(int fd, const struct dump_kind *kind, uint64_t *checksum) {
    long messages = 0;
    uint64_t sum = 0;
    for (;;) {
        struct sockaddr_nl from;
        struct iovec iov = {.iov_base = buf, .iov_len = BUF_SIZE};
        struct msghdr mh = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1};
        ssize_t n = recvmsg(fd, &mh, MSG_TRUNC);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("recvmsg");
        }
        if (n > BUF_SIZE || (mh.msg_flags & MSG_TRUNC)) {
            fprintf(stderr, "dump: a datagram of %zd bytes does not fit the %d-byte buffer\n", n, BUF_SIZE);
            exit(1);
        }
        if (from.nl_pid != 0) continue; /* not from the kernel */
        size_t left = (size_t)n;
        for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left)) {
            if (nh->nlmsg_seq != seq) {
                fprintf(stderr, "dump: a reply of sequence %u, expected %u\n", nh->nlmsg_seq, seq);
                exit(1);
            }
            if (nh->nlmsg_type == NLMSG_DONE) {
                if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
                    int status = *(int *)NLMSG_DATA(nh);
                    if (status < 0) {
                        errno = -status;
                        die("NLMSG_DONE");
                    }
                }
                if (nh->nlmsg_flags & NLM_F_DUMP_INTR) fprintf(stderr, "dump: NLM_F_DUMP_INTR (inconsistent dump)\n");
                *checksum += sum;
                return messages;
            }
            if (nh->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(nh);
                if (nh->nlmsg_len < NLMSG_LENGTH(sizeof *e)) {
                    fprintf(stderr, "dump: a truncated NLMSG_ERROR\n");
                    exit(1);
                }
                errno = -e->error;
                die("NLMSG_ERROR");
            }
            if (nh->nlmsg_len < NLMSG_LENGTH(kind->header)) {
                fprintf(stderr, "dump: message %ld (type %u) is shorter than its header\n", messages, nh->nlmsg_type);
                exit(1);
            }
            messages++;
            sum += nh->nlmsg_type;
            int alen = (int)(nh->nlmsg_len - NLMSG_LENGTH(kind->header));
            struct rtattr *rta = (struct rtattr *)((uint8_t *)NLMSG_DATA(nh) + NLMSG_ALIGN(kind->header));
            for (; RTA_OK(rta, alen); rta = RTA_NEXT(rta, alen)) sum += ((uint64_t)rta->rta_type << 16) + rta->rta_len;
            if (alen != 0) {
                fprintf(stderr, "dump: message %ld (type %u): %d bytes after its last attribute\n", messages,
                        nh->nlmsg_type, alen);
                exit(1);
            }
        }
        if (left != 0) {
            fprintf(stderr, "dump: %zu bytes after the last message of a datagram\n", left);
            exit(1);
        }
    }
}

static long one_dump(int fd, const struct dump_kind *kind, uint64_t *checksum) {
    send_request(fd, kind);
    return receive_dump(fd, kind, checksum);
}

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void usage(void) {
    fprintf(stderr, "Usage: dump addr|maddr|link [--count | --loop N]\n");
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 2) usage();
    const struct dump_kind *kind = NULL;
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
        if (strcmp(argv[1], KINDS[i].name) == 0) kind = &KINDS[i];
    if (kind == NULL) usage();
    long loops = 0;
    if (argc == 3 && strcmp(argv[2], "--count") == 0) {
        loops = 0;
    } else if (argc == 4 && strcmp(argv[2], "--loop") == 0) {
        char *end;
        loops = strtol(argv[3], &end, 10);
        if (*end != 0 || loops < 1) usage();
    } else if (argc != 2) {
        usage();
    }
    buf = malloc(BUF_SIZE);
    if (buf == NULL) die("malloc");
    int fd = open_socket();
    uint64_t checksum = 0, later = 0;
    long messages = one_dump(fd, kind, &checksum);
    if (loops == 0) {
        printf("%ld\n", messages);
        return 0;
    }
    long *ns = malloc(sizeof(long) * (size_t)loops);
    if (ns == NULL) die("malloc");
    for (long i = 0; i < loops; i++) {
        long t0 = now_ns();
        long m = one_dump(fd, kind, &later);
        ns[i] = now_ns() - t0;
        if (m != messages) {
            fprintf(stderr, "dump: dump %ld had %ld messages, the first %ld\n", i + 1, m, messages);
            return 1;
        }
    }
    sink = later;
    qsort(ns, (size_t)loops, sizeof(long), cmp_long);
    long median = loops % 2 ? ns[loops / 2] : (ns[loops / 2 - 1] + ns[loops / 2]) / 2;
    printf("messages=%ld\nloops=%ld\nmedian_ns=%ld\nmin_ns=%ld\nmax_ns=%ld\nchecksum=%llu\n", messages, loops, median,
           ns[0], ns[loops - 1], (unsigned long long)checksum);
    close(fd);
    return 0;
}
