#define _POSIX_C_SOURCE 200809L

#include "harness_emulator.h"

#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_FLAGS 32

struct HarnessEmulator {
    pid_t pid;
    int stdin_fd; /* our end of its stdin: closing it stops the emulator */
    char url[128];
    char log_path[4096];
};

static void fail(const char *what) {
    fprintf(stderr, "harness_emulator: %s: %s\n", what, errno != 0 ? strerror(errno) : "failed");
    exit(EXIT_FAILURE);
}

/* Copies the log (the emulator's stderr and the launcher's, which ends saying why the emulator
 * did not start) to stderr and exits the test. */
static void show_log_and_exit(const char *log_path) {
    char line[1024];
    FILE *log = fopen(log_path, "r");
    fprintf(stderr, "harness_emulator: the emulator did not start; %s:\n", log_path);
    while (log != NULL && fgets(line, sizeof line, log) != NULL) {
        fputs(line, stderr);
    }
    if (log != NULL) {
        fclose(log);
    }
    exit(EXIT_FAILURE);
}

/* A pipe whose two ends are closed on exec: the child gets only the end dup2 gives it, and no
 * other emulator inherits either end (a stray write end would keep its stdin open). */
static void cloexec_pipe(int fds[2]) {
    if (pipe(fds) != 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
        fail("pipe");
    }
}

HarnessEmulator *harness_emulator_start(const char *const flags[]) {
    static int started;
    const char *launcher = harness_required_env("COGNITO_TEST_EMULATOR_LAUNCHER");
    const char *binary = harness_required_env("COGNITO_TEST_EMULATOR");
    char *argv[MAX_FLAGS + 3];
    int to_child[2], from_child[2], argc = 0, i, spawned;
    posix_spawn_file_actions_t actions;
    FILE *out;
    HarnessEmulator *emulator = calloc(1, sizeof *emulator);

    if (emulator == NULL) {
        fail("calloc");
    }
    snprintf(emulator->log_path, sizeof emulator->log_path, "%s.emulator-%d.err",
             harness_required_env("COGNITO_TEST_OUTPUT"), ++started);
    argv[argc++] = (char *)launcher;
    argv[argc++] = (char *)binary;
    for (i = 0; flags[i] != NULL; i++) {
        if (i == MAX_FLAGS) {
            errno = 0;
            fail("too many flags");
        }
        argv[argc++] = (char *)flags[i];
    }
    argv[argc] = NULL;

    cloexec_pipe(to_child);
    cloexec_pipe(from_child);
    if (posix_spawn_file_actions_init(&actions) != 0 ||
        posix_spawn_file_actions_adddup2(&actions, to_child[0], 0) != 0 ||
        posix_spawn_file_actions_adddup2(&actions, from_child[1], 1) != 0 ||
        posix_spawn_file_actions_addopen(&actions, 2, emulator->log_path,
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644) != 0) {
        fail("posix_spawn_file_actions");
    }
    spawned = posix_spawn(&emulator->pid, launcher, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        errno = spawned;
        fail(launcher);
    }
    close(to_child[0]);
    close(from_child[1]);
    emulator->stdin_fd = to_child[1];

    /* The launcher prints the URL as its first line, or nothing (having said why in the log)
     * when the emulator did not start within its deadline. */
    out = fdopen(from_child[0], "r");
    if (out == NULL) {
        fail("fdopen");
    }
    if (fgets(emulator->url, sizeof emulator->url, out) == NULL) {
        show_log_and_exit(emulator->log_path);
    }
    fclose(out);
    emulator->url[strcspn(emulator->url, "\r\n")] = '\0';
    return emulator;
}

const char *harness_emulator_url(const HarnessEmulator *emulator) {
    return emulator->url;
}

int harness_emulator_calls(const HarnessEmulator *emulator) {
    char line[1024];
    int calls = 0;
    FILE *log = fopen(emulator->log_path, "r");
    if (log == NULL) {
        fail(emulator->log_path);
    }
    while (fgets(line, sizeof line, log) != NULL) {
        if (strstr(line, "POST / AWSCognitoIdentityProviderService.UpdateAuthEventFeedback -> ") !=
            NULL) {
            calls++;
        }
    }
    fclose(log);
    return calls;
}

int harness_emulator_wait_calls(const HarnessEmulator *emulator, int calls, double timeout_seconds) {
    struct timespec poll_interval;
    double deadline = harness_now() + timeout_seconds;
    poll_interval.tv_sec = 0;
    poll_interval.tv_nsec = 2 * 1000000L;
    while (harness_emulator_calls(emulator) < calls) {
        if (harness_now() > deadline) {
            return 0;
        }
        nanosleep(&poll_interval, NULL);
    }
    return 1;
}

int harness_emulator_stop(HarnessEmulator *emulator) {
    int status = 0;
    pid_t waited;
    close(emulator->stdin_fd);
    do {
        waited = waitpid(emulator->pid, &status, 0);
    } while (waited < 0 && errno == EINTR);
    free(emulator);
    return waited > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
