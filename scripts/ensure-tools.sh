#!/usr/bin/env bash
# Installs, from Debian's packages, whichever of the named tools this machine lacks.
# Usage: scripts/ensure-tools.sh COMMAND:PACKAGE ...   (e.g. valgrind:valgrind pkg-config:pkg-config)
# Runs `apt-get update` at most once, and only when something is missing.
set -euo pipefail
missing=()
for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "ensure-tools: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
# Other processes may hold the dpkg lock: wait for it rather than fail.
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
