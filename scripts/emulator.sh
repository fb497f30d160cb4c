# Sourced (not run) by the shell scripts that need an emulator: bindings/c/run-tests.sh,
# bindings/c/demo.sh, bindings/c/cmake-consumer/run.sh, bindings/csharp/common.sh and
# scripts/test-old-system.sh. Runs scripts/emulator_launcher.py (the one launcher) as a
# coprocess: it starts the emulator, prints its URL as its first line, or says why not on
# stderr and ends.

EMULATOR_LAUNCHER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/emulator_launcher.py"

# emulator_start BINARY LOG [FLAG...]: starts the emulator BINARY with the FLAGs, its stderr
# (a line per request) and the launcher's into LOG; sets EMULATOR_URL and EMULATOR_PID. Returns
# 1, showing LOG, when it does not start (the launcher's deadline bounds the wait). One at a
# time: emulator_stop the previous one first.
emulator_start() {
    local binary=$1 log=$2
    shift 2
    coproc EMULATOR_PROCESS {
        exec "$EMULATOR_LAUNCHER" "$binary" "$@" 2>"$log"
    }
    # Bash unsets EMULATOR_PROCESS_PID once the coprocess is reaped; keep the pid apart.
    EMULATOR_PID=$EMULATOR_PROCESS_PID
    if ! read -r EMULATOR_URL <&"${EMULATOR_PROCESS[0]}"; then
        echo "the emulator ($binary) did not start; its log, $log:" >&2
        cat "$log" >&2
        emulator_stop
        return 1
    fi
}

# emulator_stop: stops the emulator emulator_start started, if any (the launcher stops it on
# SIGTERM), and waits for it.
emulator_stop() {
    if [ -n "${EMULATOR_PID:-}" ]; then
        kill "$EMULATOR_PID" 2>/dev/null || true
        wait "$EMULATOR_PID" 2>/dev/null || true
        EMULATOR_PID=
    fi
}
