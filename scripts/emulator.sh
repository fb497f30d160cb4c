# Sourced (not run) by the shell scripts that need an emulator: bindings/c/run-tests.sh,
# bindings/c/demo.sh and bindings/csharp/common.sh. Starts cognito-feedback-emulator as a
# coprocess and reads the URL it prints as its first line.

# emulator_start BINARY LOG [FLAG...]: starts BINARY with --exit-on-stdin-eof (so it also ends
# when this shell does) and the FLAGs, its stderr (a line per request) into LOG; sets
# EMULATOR_URL and EMULATOR_PID. Returns 1, showing LOG, when no URL comes within 20 seconds.
# One at a time: emulator_stop the previous one first.
emulator_start() {
    local binary=$1 log=$2
    shift 2
    coproc EMULATOR_PROCESS { exec "$binary" --exit-on-stdin-eof "$@" 2>"$log"; }
    # Bash unsets EMULATOR_PROCESS_PID once the coprocess is reaped; keep the pid apart.
    EMULATOR_PID=$EMULATOR_PROCESS_PID
    if ! read -r -t 20 EMULATOR_URL <&"${EMULATOR_PROCESS[0]}"; then
        echo "the emulator ($binary) printed no URL; its log, $log:" >&2
        cat "$log" >&2
        emulator_stop
        return 1
    fi
}

# emulator_stop: stops the emulator emulator_start started, if any, and waits for it.
emulator_stop() {
    if [ -n "${EMULATOR_PID:-}" ]; then
        kill "$EMULATOR_PID" 2>/dev/null || true
        wait "$EMULATOR_PID" 2>/dev/null || true
        EMULATOR_PID=
    fi
}
