/* The C benchmark of cognito-feedback, linked to the release shared library.
 *
 *   bench URL once               one call (used to capture the request our client sends)
 *   bench URL seq SECONDS        sequential calls on one client for SECONDS
 *   bench URL rss CALLS          CALLS sequential calls on one client; RSS sampled every 10 %
 *   bench URL threads T SECONDS  T threads sharing one client, calling for SECONDS
 *   bench URL create N           N client creations (cognito_client_new), each timed
 *   bench URL fresh SECONDS      sequential calls for SECONDS, each on a new client (so a new
 *                                connection: over HTTPS, a full TLS handshake per call)
 *
 * The client ignores the environment, as every runner's does, but trusts the CA bundle named by
 * AWS_CA_BUNDLE when that is set (the HTTPS runs' test CA).
 *
 * Every mode prints one JSON object on stdout; any failed call ends the run with exit status 1
 * and the error on stderr, so a benchmark never counts failures as fast calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cognito_feedback.h"
#include "stats.h"

/* The default emulator fixture's first event: the same call every runner makes. */
static const CognitoFeedbackRequest REQUEST = {
    .user_pool_id = "us-east-1_PlusPool1",
    .username = "alice",
    .event_id = "evt-alice-1",
    .feedback_token = "tok-alice-1.AbC=",
    .feedback_value = COGNITO_FEEDBACK_VALID,
};

#define WARMUP_CALLS 1000u
#define RSS_SAMPLES 10u

static void die(const char *what, CognitoStatus status, const CognitoError *error) {
    fprintf(stderr, "bench: %s failed: %s", what, cognito_status_name(status));
    if (error != NULL) fprintf(stderr, ": %s", cognito_error_message(error));
    fputc('\n', stderr);
    exit(1);
}

static CognitoConfig *make_config(const char *url) {
    CognitoConfig *config = NULL;
    CognitoStatus status;
    if ((status = cognito_config_new(&config)) != COGNITO_OK) die("cognito_config_new", status, NULL);
    if ((status = cognito_config_set_endpoint_url(config, url)) != COGNITO_OK)
        die("cognito_config_set_endpoint_url", status, NULL);
    if ((status = cognito_config_set_region(config, "us-east-1")) != COGNITO_OK)
        die("cognito_config_set_region", status, NULL);
    if ((status = cognito_config_set_ignore_environment(config, true)) != COGNITO_OK)
        die("cognito_config_set_ignore_environment", status, NULL);
    const char *ca_bundle = getenv("AWS_CA_BUNDLE");
    if (ca_bundle != NULL && *ca_bundle != '\0' &&
        (status = cognito_config_set_ca_bundle_path(config, ca_bundle)) != COGNITO_OK)
        die("cognito_config_set_ca_bundle_path", status, NULL);
    return config;
}

static CognitoClient *make_client(const char *url) {
    CognitoConfig *config = make_config(url);
    CognitoClient *client = NULL;
    CognitoError *error = NULL;
    CognitoStatus status = cognito_client_new(config, &client, &error);
    if (status != COGNITO_OK) die("cognito_client_new", status, error);
    cognito_config_free(config);
    return client;
}

/* One call as an application makes it: the response is taken, its request id read, and freed. */
static void call(const CognitoClient *client) {
    CognitoResponse *response = NULL;
    CognitoError *error = NULL;
    CognitoStatus status = cognito_update_auth_event_feedback(client, &REQUEST, NULL, &response, &error);
    if (status != COGNITO_OK) die("cognito_update_auth_event_feedback", status, error);
    if (cognito_response_request_id(response) == NULL) {
        fprintf(stderr, "bench: the response has no request id\n");
        exit(1);
    }
    cognito_response_free(response);
}

/* The resident set size now, in KiB (from /proc/self/statm). */
static long rss_kib(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f == NULL || fscanf(f, "%ld %ld", &size, &resident) != 2) {
        fprintf(stderr, "bench: cannot read /proc/self/statm\n");
        exit(1);
    }
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The peak resident set size of this program so far, in KiB: VmHWM from /proc/self/status.
 * (getrusage's ru_maxrss is no use here: Linux carries the launcher's peak over execve.) */
static long peak_rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    if (f != NULL) fclose(f);
    if (kib < 0) {
        fprintf(stderr, "bench: cannot read VmHWM from /proc/self/status\n");
        exit(1);
    }
    return kib;
}

static int run_once(const char *url) {
    CognitoClient *client = make_client(url);
    call(client);
    cognito_client_free(client);
    printf("{\"calls\": 1}\n");
    return 0;
}

static int run_seq(const char *url, double seconds) {
    static Histogram h;
    hist_init(&h);
    CognitoClient *client = make_client(url);
    for (unsigned i = 0; i < WARMUP_CALLS; i++) call(client);
    uint64_t cpu_start = cpu_ns();
    uint64_t start = now_ns(), deadline = start + (uint64_t)(seconds * 1e9), t1 = start;
    while (t1 < deadline) {
        uint64_t t0 = now_ns();
        call(client);
        t1 = now_ns();
        hist_record(&h, t1 - t0);
    }
    uint64_t cpu_used = cpu_ns() - cpu_start;
    cognito_client_free(client);
    printf("{");
    hist_print_json(&h, (double)(t1 - start) / 1e9, cpu_used);
    printf(", \"peak_rss_kib\": %ld}\n", peak_rss_kib());
    return 0;
}

static int run_rss(const char *url, uint64_t calls) {
    static Histogram h;
    hist_init(&h);
    CognitoClient *client = make_client(url);
    for (unsigned i = 0; i < WARMUP_CALLS; i++) call(client);

    uint64_t samples_at[RSS_SAMPLES];
    long samples_kib[RSS_SAMPLES];
    unsigned next_sample = 0;
    long rss_after_warmup = rss_kib();
    uint64_t cpu_start = cpu_ns();
    uint64_t start = now_ns();
    for (uint64_t i = 1; i <= calls; i++) {
        uint64_t t0 = now_ns();
        call(client);
        hist_record(&h, now_ns() - t0);
        if (next_sample < RSS_SAMPLES && i == calls * (next_sample + 1) / RSS_SAMPLES) {
            samples_at[next_sample] = i;
            samples_kib[next_sample] = rss_kib();
            next_sample++;
        }
    }
    double seconds = (double)(now_ns() - start) / 1e9;
    uint64_t cpu_used = cpu_ns() - cpu_start;
    cognito_client_free(client);

    printf("{");
    hist_print_json(&h, seconds, cpu_used);
    printf(", \"rss_after_warmup_kib\": %ld, \"rss_kib\": [", rss_after_warmup);
    for (unsigned i = 0; i < next_sample; i++)
        printf("%s[%" PRIu64 ", %ld]", i ? ", " : "", samples_at[i], samples_kib[i]);
    printf("], \"peak_rss_kib\": %ld}\n", peak_rss_kib());
    return 0;
}

typedef struct {
    const CognitoClient *client;
    pthread_barrier_t *ready;
    atomic_bool *stop;
    Histogram hist;
} Worker;

static void *worker_main(void *arg) {
    Worker *w = arg;
    for (unsigned i = 0; i < 50; i++) call(w->client); /* every thread has its connection */
    pthread_barrier_wait(w->ready);
    while (!atomic_load_explicit(w->stop, memory_order_relaxed)) {
        uint64_t t0 = now_ns();
        call(w->client);
        hist_record(&w->hist, now_ns() - t0);
    }
    return NULL;
}

static int run_threads(const char *url, unsigned threads, double seconds) {
    CognitoClient *client = make_client(url);
    pthread_barrier_t ready;
    pthread_barrier_init(&ready, NULL, threads + 1);
    atomic_bool stop = false;
    Worker *workers = calloc(threads, sizeof *workers);
    pthread_t *ids = calloc(threads, sizeof *ids);
    if (workers == NULL || ids == NULL) return 1;
    for (unsigned i = 0; i < threads; i++) {
        workers[i] = (Worker){.client = client, .ready = &ready, .stop = &stop};
        hist_init(&workers[i].hist);
        int rc = pthread_create(&ids[i], NULL, worker_main, &workers[i]);
        if (rc != 0) {
            fprintf(stderr, "bench: pthread_create: %s\n", strerror(rc));
            return 1;
        }
    }
    pthread_barrier_wait(&ready);
    uint64_t cpu_start = cpu_ns();
    uint64_t start = now_ns();
    struct timespec nap = {.tv_sec = (time_t)seconds,
                           .tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9)};
    while (nanosleep(&nap, &nap) != 0 && errno == EINTR) {
    }
    atomic_store(&stop, true);
    static Histogram all;
    hist_init(&all);
    for (unsigned i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
        hist_merge(&all, &workers[i].hist);
    }
    double elapsed = (double)(now_ns() - start) / 1e9;
    uint64_t cpu_used = cpu_ns() - cpu_start;
    cognito_client_free(client);
    pthread_barrier_destroy(&ready);
    free(workers);
    free(ids);

    printf("{\"threads\": %u, ", threads);
    hist_print_json(&all, elapsed, cpu_used);
    printf(", \"peak_rss_kib\": %ld}\n", peak_rss_kib());
    return 0;
}

static int run_create(const char *url, unsigned n) {
    static Histogram h;
    hist_init(&h);
    CognitoConfig *config = make_config(url);
    for (unsigned i = 0; i < n + 100; i++) {
        CognitoClient *client = NULL;
        CognitoError *error = NULL;
        uint64_t t0 = now_ns();
        CognitoStatus status = cognito_client_new(config, &client, &error);
        uint64_t dt = now_ns() - t0;
        if (status != COGNITO_OK) die("cognito_client_new", status, error);
        if (i >= 100) hist_record(&h, dt); /* the first 100 warm the allocator and caches */
        cognito_client_free(client);
    }
    cognito_config_free(config);
    printf("{\"clients\": %" PRIu64 ", \"mean_us\": %.3f, \"median_us\": %.3f, \"p99_us\": %.3f}\n",
           h.count, (double)h.sum_ns / (double)h.count / 1e3, hist_quantile(&h, 0.5) / 1e3,
           hist_quantile(&h, 0.99) / 1e3);
    return 0;
}

static uint64_t parse_count(const char *text, const char *what) {
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value == 0) {
        fprintf(stderr, "bench: %s must be a positive integer, got '%s'\n", what, text);
        exit(2);
    }
    return value;
}

static int run_fresh(const char *url, double seconds) {
    static Histogram h;
    hist_init(&h);
    CognitoConfig *config = make_config(url);
    uint64_t cpu_start = cpu_ns();
    uint64_t start = now_ns(), deadline = start + (uint64_t)(seconds * 1e9), t1 = start;
    while (t1 < deadline) {
        uint64_t t0 = now_ns();
        CognitoClient *client = NULL;
        CognitoError *error = NULL;
        CognitoStatus status = cognito_client_new(config, &client, &error);
        if (status != COGNITO_OK) die("cognito_client_new", status, error);
        call(client);
        cognito_client_free(client);
        t1 = now_ns();
        hist_record(&h, t1 - t0);
    }
    uint64_t cpu_used = cpu_ns() - cpu_start;
    cognito_config_free(config);
    printf("{");
    hist_print_json(&h, (double)(t1 - start) / 1e9, cpu_used);
    printf(", \"peak_rss_kib\": %ld}\n", peak_rss_kib());
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[2], "once") == 0) return run_once(argv[1]);
    if (argc == 4 && strcmp(argv[2], "seq") == 0)
        return run_seq(argv[1], (double)parse_count(argv[3], "SECONDS"));
    if (argc == 4 && strcmp(argv[2], "rss") == 0) return run_rss(argv[1], parse_count(argv[3], "CALLS"));
    if (argc == 5 && strcmp(argv[2], "threads") == 0)
        return run_threads(argv[1], (unsigned)parse_count(argv[3], "THREADS"),
                           (double)parse_count(argv[4], "SECONDS"));
    if (argc == 4 && strcmp(argv[2], "create") == 0)
        return run_create(argv[1], (unsigned)parse_count(argv[3], "N"));
    if (argc == 4 && strcmp(argv[2], "fresh") == 0)
        return run_fresh(argv[1], (double)parse_count(argv[3], "SECONDS"));
    fprintf(stderr,
            "usage: %s URL once | seq SECONDS | rss CALLS | threads THREADS SECONDS | create N | "
            "fresh SECONDS\n",
            argc > 0 ? argv[0] : "bench");
    return 2;
}
