#!/bin/sh
# Compile every generated tables/linux/<abi>/*.h as freestanding C (c99) and C++ (c++11)
# with -Wall -Wextra -pedantic -Werror, expanding each X-macro table, with no include
# path at all (the tables must not depend on any other header), and checks at compile
# time that every X-table row equals its SP_NR_/SP_ERRNO_/SP_SIGNAL_ macro.
#
#   sh tables/check-compile.sh [CC [CXX]]      (default: cc c++)
set -u
here=$(cd "$(dirname "$0")" && pwd)
cc=${1:-cc}
cxx=${2:-c++}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-tables-compile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

cat >"$tmp/body.c" <<'EOC'
#define SP_COUNT(a, b) +1
#define SP_SUM(a, b) +(long)(b)
static const int sp_n = 0 SP_SYSCALL_TABLE(SP_COUNT) SP_ERRNO_TABLE(SP_COUNT)
    SP_ERRNO_ALIAS_TABLE(SP_COUNT) SP_SIGNAL_TABLE(SP_COUNT) SP_SIGNAL_ALIAS_TABLE(SP_COUNT);
static const long sp_sum = 0 SP_SYSCALL_TABLE(SP_SUM) SP_ERRNO_TABLE(SP_SUM)
    SP_SIGNAL_TABLE(SP_SUM) + SP_SIGNAL_NSIG + SP_ERRNO_EWOULDBLOCK + SP_SIGNAL_SIGIOT;
long sp_use(void) { return sp_n + sp_sum; }
/* Every table row agrees with its SP_*_<name> macro; aliases name a canonical entry. */
#define SP_NR_AGREES(name, nr) typedef char sp_nr_##name[(SP_NR_##name == (nr)) ? 1 : -1];
#define SP_ERRNO_AGREES(name, v) typedef char sp_errno_##name[(SP_ERRNO_##name == (v)) ? 1 : -1];
#define SP_ERRNO_ALIAS_AGREES(a, c) typedef char sp_errno_##a[(SP_ERRNO_##a == SP_ERRNO_##c) ? 1 : -1];
#define SP_SIGNAL_AGREES(name, v) \
  typedef char sp_signal_##name[(SP_SIGNAL_##name == (v) && (v) < SP_SIGNAL_NSIG) ? 1 : -1];
#define SP_SIGNAL_ALIAS_AGREES(a, c) typedef char sp_signal_##a[(SP_SIGNAL_##a == SP_SIGNAL_##c) ? 1 : -1];
SP_SYSCALL_TABLE(SP_NR_AGREES)
SP_ERRNO_TABLE(SP_ERRNO_AGREES)
SP_ERRNO_ALIAS_TABLE(SP_ERRNO_ALIAS_AGREES)
SP_SIGNAL_TABLE(SP_SIGNAL_AGREES)
SP_SIGNAL_ALIAS_TABLE(SP_SIGNAL_ALIAS_AGREES)
EOC

fail=0
n=0
for d in "$here"/linux/*/; do
    d=${d%/}
    abi=$(basename "$d")
    src="$tmp/use-$abi.c"
    {
        # Twice each: the include guards must hold.
        for h in syscalls errno signals syscalls errno signals; do
            printf '#include "%s/%s.h"\n' "$d" "$h"
        done
        cat "$tmp/body.c"
    } >"$src"
    for lang in c c++; do
        if [ $lang = c ]; then
            set -- "$cc" -x c -std=c99
        else
            set -- "$cxx" -x c++ -std=c++11
        fi
        if ! "$@" -ffreestanding -nostdinc -Wall -Wextra -pedantic -Werror -fsyntax-only \
                "$src" 2>"$tmp/err"; then
            head -n 20 "$tmp/err"
            echo "FAIL: tables/linux/$abi as $lang"
            fail=1
        fi
        n=$((n + 1))
    done
done
if [ $fail -ne 0 ]; then exit 1; fi
echo "tables/compile: $n compilations of tables/linux/*/ (C99 and C++11, freestanding) OK"
