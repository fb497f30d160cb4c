# Sourced (not run) by the C scripts that take a staged install and the emulator, mk/c.mk's
# run-tests.sh, cmake-consumer/run.sh and demo.sh, with their arguments:
#
#   source "$(dirname "$0")/.../common.sh" "$@"      (arguments: PREFIX EMULATOR)
#
# PREFIX is where scripts/install.sh put the library, EMULATOR the cognito-feedback-emulator
# binary. Sets root (the repository), prefix and emulator (absolute), exports PKG_CONFIG_PATH
# for the install, and sources scripts/emulator.sh (emulator_start, emulator_stop), stopping the
# emulator when the script exits. Exits 2 with a usage line on other arguments.

if [ $# -ne 2 ]; then
    echo "usage: $0 PREFIX EMULATOR" >&2
    exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prefix=$(cd "$1" && pwd)
emulator=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
[ -x "$emulator" ] || { echo "$(basename "$0"): no emulator at $emulator" >&2; exit 1; }
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
source "$root/scripts/emulator.sh"
trap emulator_stop EXIT
