#!/usr/bin/env bash
# Fails unless each ELF file needs glibc MAX at most: the newest GLIBC_ symbol version in its
# dynamic symbol table and version needs (objdump -T). Prints each file's newest version, and
# for a file over MAX the symbols that need more.
#
#   scripts/check-glibc.sh MAX FILE...     e.g. scripts/check-glibc.sh 2.17 target/.../libcognito_feedback.so
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 MAX FILE..." >&2
    exit 2
fi
max=$1
shift
passed=0
failed=0
for file in "$@"; do
    symbols="$(objdump -T "$file")"
    newest="$(grep -oE '\bGLIBC_[0-9]+(\.[0-9]+)+\b' <<<"$symbols" | cut -d_ -f2 | sort -uV | tail -n 1)"
    if [ -z "$newest" ]; then
        echo "FAIL $file: no GLIBC_ symbol versions (not a dynamically linked glibc ELF?)"
        failed=$((failed + 1))
    elif [ "$(printf '%s\n' "$newest" "$max" | sort -V | tail -n 1)" = "$max" ]; then
        echo "PASS $file: GLIBC_$newest"
        passed=$((passed + 1))
    else
        echo "FAIL $file: needs GLIBC_$newest, more than GLIBC_$max, for:"
        awk -v max="$max" '{ for (i = 1; i <= NF; i++) if ($i ~ /^\(?GLIBC_[0-9.]+\)?$/) print }' <<<"$symbols" |
            while read -r line; do
                version="$(grep -oE 'GLIBC_[0-9.]+' <<<"$line" | cut -d_ -f2)"
                if [ "$(printf '%s\n' "$version" "$max" | sort -V | tail -n 1)" != "$max" ]; then
                    echo "    $line"
                fi
            done
        failed=$((failed + 1))
    fi
done
echo "glibc: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
