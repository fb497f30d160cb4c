/* The sequential loopback limit, measured without any HTTP library: one keep-alive TCP
 * connection, the captured request written with one send(), the response read and checked
 * (status 200, Content-Length body), each round trip timed.
 *
 *   rawloop PORT REQUEST_FILE SECONDS
 *
 * REQUEST_FILE is the request in the format bench/wrk/post.lua reads ("Name: value" lines, an
 * empty line, the body). It exists because wrk's own latency percentiles are unreliable with one
 * connection (wg/wrk#114, #438: its mean latency can exceed its wall time per request); its
 * throughput stays the limit the targets use. Prints one JSON object like bench.c. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "stats.h"

static void fail(const char *what) {
    perror(what);
    exit(1);
}

/* The whole request: request line, Host, the file's headers, Content-Length, body. */
static size_t build_request(const char *path, unsigned port, char *out, size_t cap) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) fail(path);
    char file[16384];
    size_t n = fread(file, 1, sizeof file - 1, f);
    fclose(f);
    file[n] = '\0';
    char *split = strstr(file, "\n\n");
    if (split == NULL) {
        fprintf(stderr, "rawloop: %s has no empty line after the headers\n", path);
        exit(1);
    }
    *split = '\0';
    const char *body = split + 2;
    size_t body_len = n - (size_t)(body - file);
    size_t len = (size_t)snprintf(out, cap, "POST / HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n", port);
    for (char *line = strtok(file, "\n"); line != NULL; line = strtok(NULL, "\n"))
        len += (size_t)snprintf(out + len, cap - len, "%s\r\n", line);
    len += (size_t)snprintf(out + len, cap - len, "Content-Length: %zu\r\n\r\n", body_len);
    if (len + body_len >= cap) {
        fprintf(stderr, "rawloop: the request is too large\n");
        exit(1);
    }
    memcpy(out + len, body, body_len);
    return len + body_len;
}

/* Reads one response; exits unless it is a complete 200 with a Content-Length body. */
static void read_response(int fd) {
    char buf[8192];
    size_t have = 0;
    char *end = NULL;
    while (end == NULL) {
        ssize_t got = recv(fd, buf + have, sizeof buf - 1 - have, 0);
        if (got <= 0) fail("recv");
        have += (size_t)got;
        buf[have] = '\0';
        end = strstr(buf, "\r\n\r\n");
    }
    if (strncmp(buf, "HTTP/1.1 200 ", 13) != 0) {
        fprintf(stderr, "rawloop: unexpected response: %.40s\n", buf);
        exit(1);
    }
    const char *cl = strcasestr(buf, "\r\ncontent-length:");
    if (cl == NULL || cl > end) {
        fprintf(stderr, "rawloop: the response has no Content-Length\n");
        exit(1);
    }
    size_t want = (size_t)(end + 4 - buf) + strtoul(cl + 17, NULL, 10);
    while (have < want) {
        ssize_t got = recv(fd, buf, sizeof buf, 0);
        if (got <= 0) fail("recv");
        have += (size_t)got;
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT REQUEST_FILE SECONDS\n", argc > 0 ? argv[0] : "rawloop");
        return 2;
    }
    unsigned port = (unsigned)strtoul(argv[1], NULL, 10);
    double seconds = strtod(argv[3], NULL);
    static char request[32768];
    size_t request_len = build_request(argv[2], port, request, sizeof request);

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) fail("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) fail("connect");

    static Histogram h;
    hist_init(&h);
    for (int i = 0; i < 1000; i++) { /* warm-up */
        if (send(fd, request, request_len, 0) != (ssize_t)request_len) fail("send");
        read_response(fd);
    }
    uint64_t cpu_start = cpu_ns();
    uint64_t start = now_ns(), deadline = start + (uint64_t)(seconds * 1e9), t1 = start;
    while (t1 < deadline) {
        uint64_t t0 = now_ns();
        if (send(fd, request, request_len, 0) != (ssize_t)request_len) fail("send");
        read_response(fd);
        t1 = now_ns();
        hist_record(&h, t1 - t0);
    }
    close(fd);
    printf("{");
    hist_print_json(&h, (double)(t1 - start) / 1e9, cpu_ns() - cpu_start);
    printf("}\n");
    return 0;
}
