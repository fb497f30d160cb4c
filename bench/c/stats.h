/* Latency statistics for the C benchmarks: a monotonic clock and a log-linear histogram.
 *
 * The histogram keeps every value below 128 ns exactly and, above that, 64 buckets per power of
 * two (at most 1/64 = 1.6 % relative error). It has a fixed size, so recording a million calls
 * allocates nothing and does not move the resident set size the benchmark is watching. */
#ifndef COGNITO_BENCH_STATS_H
#define COGNITO_BENCH_STATS_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define HIST_EXACT 128u
#define HIST_SUB_BITS 6u
#define HIST_BUCKETS (HIST_EXACT + (64u - 7u) * (1u << HIST_SUB_BITS))

/* Nanoseconds on the monotonic clock. */
static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* User plus system CPU time this process (all its threads) has used, in nanoseconds. */
static inline uint64_t cpu_ns(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return ((uint64_t)u.ru_utime.tv_sec + (uint64_t)u.ru_stime.tv_sec) * 1000000000u +
           ((uint64_t)u.ru_utime.tv_usec + (uint64_t)u.ru_stime.tv_usec) * 1000u;
}

typedef struct {
    uint64_t count;
    uint64_t sum_ns;
    uint64_t max_ns;
    uint32_t buckets[HIST_BUCKETS];
} Histogram;

static inline void hist_init(Histogram *h) { memset(h, 0, sizeof *h); }

static inline unsigned hist_bucket(uint64_t ns) {
    if (ns < HIST_EXACT) return (unsigned)ns;
    unsigned msb = 63u - (unsigned)__builtin_clzll(ns); /* >= 7 */
    unsigned sub = (unsigned)(ns >> (msb - HIST_SUB_BITS)) & ((1u << HIST_SUB_BITS) - 1u);
    return HIST_EXACT + (msb - 7u) * (1u << HIST_SUB_BITS) + sub;
}

/* The middle of a bucket's range, in nanoseconds. */
static inline double hist_value(unsigned bucket) {
    if (bucket < HIST_EXACT) return (double)bucket;
    unsigned rel = bucket - HIST_EXACT;
    unsigned msb = rel / (1u << HIST_SUB_BITS) + 7u;
    unsigned sub = rel % (1u << HIST_SUB_BITS);
    double width = (double)(1ull << (msb - HIST_SUB_BITS));
    return (double)(1ull << msb) + (sub + 0.5) * width;
}

static inline void hist_record(Histogram *h, uint64_t ns) {
    h->count++;
    h->sum_ns += ns;
    if (ns > h->max_ns) h->max_ns = ns;
    h->buckets[hist_bucket(ns)]++;
}

static inline void hist_merge(Histogram *into, const Histogram *from) {
    into->count += from->count;
    into->sum_ns += from->sum_ns;
    if (from->max_ns > into->max_ns) into->max_ns = from->max_ns;
    for (unsigned i = 0; i < HIST_BUCKETS; i++) into->buckets[i] += from->buckets[i];
}

/* The q-quantile (0 < q <= 1) in nanoseconds; 0 for an empty histogram. */
static inline double hist_quantile(const Histogram *h, double q) {
    if (h->count == 0) return 0.0;
    uint64_t rank = (uint64_t)(q * (double)h->count + 0.5);
    if (rank < 1) rank = 1;
    uint64_t seen = 0;
    for (unsigned i = 0; i < HIST_BUCKETS; i++) {
        seen += h->buckets[i];
        if (seen >= rank) return hist_value(i);
    }
    return (double)h->max_ns;
}

/* Prints the JSON members calls, seconds, calls_per_s, mean_us, median_us, p99_us, max_us and
 * cpu_us_per_call (the process's CPU time over the run, cpu_ns, divided by the calls). */
static inline void hist_print_json(const Histogram *h, double seconds, uint64_t cpu_used_ns) {
    printf("\"cpu_us_per_call\": %.3f, ",
           h->count ? (double)cpu_used_ns / (double)h->count / 1e3 : 0.0);
    printf("\"calls\": %" PRIu64 ", \"seconds\": %.6f, \"calls_per_s\": %.1f, "
           "\"mean_us\": %.3f, \"median_us\": %.3f, \"p99_us\": %.3f, \"max_us\": %.3f",
           h->count, seconds, (double)h->count / seconds,
           h->count ? (double)h->sum_ns / (double)h->count / 1e3 : 0.0,
           hist_quantile(h, 0.5) / 1e3, hist_quantile(h, 0.99) / 1e3, (double)h->max_ns / 1e3);
}

#endif
