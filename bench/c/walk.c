/*
 * walk: the C floor for ynl4j's attribute walk (bench/runtime-walk.sh; the JMH twin is
 * io.ynl4j.bench.AttrWalkBenchmark, which must compute the same checksums over the same file).
 *
 * Reads a captured RTM_GETADDR dump (concatenated netlink datagrams, bench/capture-getaddr.sh) and,
 * in a timed loop, walks every message (nlmsghdr) and every attribute (nlattr) of every
 * RTM_NEWADDR, reading each payload the way a decoder would: the ifaddrmsg members; every byte of
 * the address attributes; strlen of IFA_LABEL; the u32s of IFA_FLAGS, IFA_RT_PRIORITY and the
 * ifa_cacheinfo struct; u8 IFA_PROTO; s32 IFA_TARGET_NETNSID; the length of anything else. Lengths
 * are checked as a decoder must (libmnl's mnl_attr_ok, and a payload long enough for its type), as
 * ynl4j's AttrReader does. The sum of everything read is the checksum.
 *
 * The "scalar" walk is the same but for two payloads: an address is read as one u32 (an IPv4
 * address, as a decoder makes an Inet4Address of it) and the label by its length alone; it tells
 * the cost of walking attributes from the cost of reading payloads byte by byte.
 *
 * Also times encoding an RTM_NEWADDR request (ifaddrmsg + IFA_LOCAL + IFA_ADDRESS + IFA_LABEL +
 * IFA_CACHEINFO) into a reused buffer, libmnl style, the floor of the JMH EncodeBenchmark, and
 * prints its bytes in hex so that the Java encoding can be checked against it.
 *
 * Usage: walk FILE [ROUNDS [SECONDS_PER_ROUND]]   (default 5 rounds of 1 s each, after a warm-up round)
 * Prints key=value lines: messages, attributes, checksum, scalar_checksum, encode_hex, and for the
 * walk and the scalar walk (ns per message) and the encoding (ns per request) the median of the
 * timed samples, and of each round's.
 * Build: gcc -O2 (bench/runtime-walk.sh does).
 */
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Newer than some headers. */
#define A_RT_PRIORITY 9
#define A_TARGET_NETNSID 10
#define A_PROTO 11

static int malformed;

static inline uint32_t rd32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint16_t rd16(const uint8_t *p) {
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

/* One walk over the whole buffer; returns the checksum (0 and sets malformed on bad lengths). */
static inline __attribute__((always_inline)) uint64_t walk_impl(const uint8_t *buf, size_t size, long *messages,
                                                                long *attributes, int scalar) {
    uint64_t sum = 0;
    long msgs = 0, attrs = 0;
    size_t at = 0;
    while (size - at >= NLMSG_HDRLEN) {
        uint32_t len = rd32(buf + at);
        if (len < NLMSG_HDRLEN || len > size - at) goto bad;
        msgs++;
        if (rd16(buf + at + 4) == RTM_NEWADDR) {
            if (len < NLMSG_HDRLEN + sizeof(struct ifaddrmsg)) goto bad;
            const uint8_t *ifa = buf + at + NLMSG_HDRLEN;
            sum += ifa[0] + ifa[1] + ifa[2] + ifa[3] + (uint64_t)rd32(ifa + 4); /* family prefixlen flags scope index */
            size_t a = at + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct ifaddrmsg));
            size_t end = at + len;
            while (end - a >= NLA_HDRLEN) {
                uint16_t alen = rd16(buf + a);
                uint16_t type = rd16(buf + a + 2) & NLA_TYPE_MASK;
                if (alen < NLA_HDRLEN || alen > end - a) goto bad;
                const uint8_t *p = buf + a + NLA_HDRLEN;
                uint32_t n = alen - NLA_HDRLEN;
                sum += type;
                switch (type) {
                    case IFA_ADDRESS:
                    case IFA_LOCAL:
                    case IFA_BROADCAST:
                    case IFA_ANYCAST:
                    case IFA_MULTICAST:
                        if (scalar) {
                            if (n < 4) goto bad;
                            sum += rd32(p);
                        } else {
                            for (uint32_t i = 0; i < n; i++) sum += p[i];
                        }
                        break;
                    case IFA_LABEL:
                        sum += scalar ? n : strnlen((const char *)p, n);
                        break;
                    case IFA_CACHEINFO:
                        if (n < sizeof(struct ifa_cacheinfo)) goto bad;
                        sum += (uint64_t)rd32(p) + rd32(p + 4) + rd32(p + 8) + rd32(p + 12);
                        break;
                    case IFA_FLAGS:
                    case A_RT_PRIORITY:
                        if (n < 4) goto bad;
                        sum += rd32(p);
                        break;
                    case A_TARGET_NETNSID:
                        if (n < 4) goto bad;
                        sum += (uint64_t)(int64_t)(int32_t)rd32(p);
                        break;
                    case A_PROTO:
                        if (n < 1) goto bad;
                        sum += p[0];
                        break;
                    default:
                        sum += n;
                }
                attrs++;
                a += NLA_ALIGN(alen);
                if (a > end) a = end;
            }
        }
        at += NLMSG_ALIGN(len);
    }
    *messages = msgs;
    *attributes = attrs;
    return sum;
bad:
    malformed = 1;
    return 0;
}

static __attribute__((noinline)) uint64_t walk(const uint8_t *buf, size_t size, long *messages, long *attributes) {
    return walk_impl(buf, size, messages, attributes, 0);
}

static __attribute__((noinline)) uint64_t walk_scalar(const uint8_t *buf, size_t size, long *messages,
                                                      long *attributes) {
    return walk_impl(buf, size, messages, attributes, 1);
}

/* libmnl-style puts into a reused buffer. */
static inline void attr_put(uint8_t *buf, size_t *size, uint16_t type, const void *data, uint16_t n) {
    uint8_t *a = buf + *size;
    uint16_t len = NLA_HDRLEN + n;
    memcpy(a, &len, 2);
    memcpy(a + 2, &type, 2);
    memcpy(a + NLA_HDRLEN, data, n);
    memset(a + len, 0, NLA_ALIGN(len) - len);
    *size += NLA_ALIGN(len);
}

/* The request of the JMH EncodeBenchmark, byte for byte; returns its length. */
static __attribute__((noinline)) size_t encode(uint8_t *buf, const uint8_t *local, const uint8_t *address,
                                               const char *label, uint32_t ifindex) {
    size_t size = 0;
    struct nlmsghdr *h = (struct nlmsghdr *)buf;
    memset(h, 0, NLMSG_HDRLEN);
    h->nlmsg_type = RTM_NEWADDR;
    h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;
    size += NLMSG_HDRLEN;
    struct ifaddrmsg *ifa = (struct ifaddrmsg *)(buf + size);
    memset(ifa, 0, sizeof *ifa);
    ifa->ifa_family = 2; /* AF_INET */
    ifa->ifa_prefixlen = 24;
    ifa->ifa_flags = IFA_F_PERMANENT;
    ifa->ifa_scope = 0;
    ifa->ifa_index = ifindex;
    size += NLMSG_ALIGN(sizeof *ifa);
    attr_put(buf, &size, IFA_LOCAL, local, 4);
    attr_put(buf, &size, IFA_ADDRESS, address, 4);
    attr_put(buf, &size, IFA_LABEL, label, (uint16_t)(strlen(label) + 1));
    struct ifa_cacheinfo ci = {.ifa_prefered = 3600, .ifa_valid = 7200, .cstamp = 0, .tstamp = 0};
    attr_put(buf, &size, IFA_CACHEINFO, &ci, sizeof ci);
    h->nlmsg_len = (uint32_t)size;
    return size;
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* What is timed: one call of a walk or an encoding; returns what the call returned. */
typedef uint64_t (*op_fn)(void);

static const uint8_t *file_buf;
static size_t file_size;
static uint8_t encode_buf[256];
/* Read through volatiles at every call, as Java reads them from fields: no constant folding. */
static const uint8_t local_bytes[4] = {192, 0, 2, 7}, address_bytes[4] = {192, 0, 2, 7};
static const uint8_t *volatile enc_local = local_bytes, *volatile enc_address = address_bytes;
static const char *volatile enc_label = "v0";
static volatile uint32_t enc_ifindex = 2;

static uint64_t op_walk(void) {
    long m, a;
    __asm__ volatile("" : : "r"(file_buf) : "memory"); /* the buffer may have changed: walk it again */
    return walk(file_buf, file_size, &m, &a);
}

static uint64_t op_walk_scalar(void) {
    long m, a;
    __asm__ volatile("" : : "r"(file_buf) : "memory");
    return walk_scalar(file_buf, file_size, &m, &a);
}

static uint64_t op_encode(void) {
    __asm__ volatile("" : : "r"(encode_buf) : "memory");
    return encode(encode_buf, enc_local, enc_address, enc_label, enc_ifindex);
}

/*
 * Times op: one warm-up round, then `rounds` rounds of about round_ns each, made of samples of
 * `batch` calls timed together (a whole-file walk: batch 1, some 150 µs; an encoding: batch 10,000).
 * Prints NAME_rounds=... (each round's median) and NAME=the median of all samples, in ns per call
 * divided by `per`: the median, not the mean, so that time slices lost to other processes on a
 * busy machine do not count (JMH's sample mode, p0.50, is its twin). Every call must return `expect`.
 */
static void time_op(const char *name, op_fn op, uint64_t expect, double per, int batch, int rounds, double round_ns) {
    size_t cap = 1 << 16, n = 0;
    double *all = malloc(sizeof(double) * cap);
    double *medians = malloc(sizeof(double) * (size_t)rounds);
    if (!all || !medians) {
        perror("malloc");
        exit(1);
    }
    for (int r = -1; r < rounds; r++) {
        size_t first = n;
        uint64_t bad = 0;
        double start = now_ns(), t0 = start, t1;
        do {
            for (int i = 0; i < batch; i++) bad |= op() ^ expect;
            t1 = now_ns();
            if (r >= 0) {
                if (n == cap) {
                    cap *= 2;
                    all = realloc(all, sizeof(double) * cap);
                    if (!all) {
                        perror("realloc");
                        exit(1);
                    }
                }
                all[n++] = (t1 - t0) / batch / per;
            }
            t0 = t1;
        } while (t1 - start < round_ns);
        if (bad) {
            fprintf(stderr, "walk: %s returned something else than before\n", name);
            exit(1);
        }
        if (r >= 0) {
            size_t k = n - first;
            qsort(all + first, k, sizeof *all, cmp_double);
            medians[r] = k % 2 ? all[first + k / 2] : (all[first + k / 2 - 1] + all[first + k / 2]) / 2;
        }
    }
    qsort(all, n, sizeof *all, cmp_double);
    printf("%s_rounds=", name);
    for (int r = 0; r < rounds; r++) printf("%s%.3f", r ? " " : "", medians[r]);
    printf("\n%s_samples=%zu\n%s=%.3f\n", name, n, name, n % 2 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2);
    fflush(stdout);
    free(all);
    free(medians);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s FILE [ROUNDS [SECONDS_PER_ROUND]]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    double round_ns = (argc > 3 ? atof(argv[3]) : 1.0) * 1e9;
    if (rounds < 1 || rounds > 1000 || !(round_ns > 0)) {
        fprintf(stderr, "walk: bad ROUNDS or SECONDS_PER_ROUND\n");
        return 2;
    }

    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    uint8_t *buf = aligned_alloc(64, ((size_t)size + 63) / 64 * 64);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "walk: cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    file_buf = buf;
    file_size = (size_t)size;

    long messages = 0, attributes = 0, m2 = 0, a2 = 0;
    uint64_t checksum = walk(buf, file_size, &messages, &attributes);
    uint64_t scalar_checksum = walk_scalar(buf, file_size, &m2, &a2);
    if (malformed || messages == 0) {
        fprintf(stderr, "walk: %s is not a sequence of well-formed netlink messages\n", argv[1]);
        return 1;
    }
    size_t encoded = (size_t)op_encode();

    printf("file=%s\nbytes=%ld\nmessages=%ld\nattributes=%ld\nchecksum=%llu\nscalar_checksum=%llu\n", argv[1], size,
           messages, attributes, (unsigned long long)checksum, (unsigned long long)scalar_checksum);
    printf("encode_hex=");
    for (size_t i = 0; i < encoded; i++) printf("%02x", encode_buf[i]);
    printf("\n");
    fflush(stdout);
    time_op("walk_ns_per_message", op_walk, checksum, (double)messages, 1, rounds, round_ns);
    time_op("scalar_walk_ns_per_message", op_walk_scalar, scalar_checksum, (double)messages, 1, rounds, round_ns);
    time_op("encode_ns_per_op", op_encode, encoded, 1, 10000, rounds, round_ns);
    return 0;
}
