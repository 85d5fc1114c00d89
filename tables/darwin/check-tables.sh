#!/bin/sh
# Checks of the Darwin tables (tables/darwin/*.h), in two parts:
#
#   sh tables/darwin/check-tables.sh compile [CC [CXX]]
#       every header compiles as freestanding C99 and C++11 with -Wall -Wextra -pedantic
#       -Werror and no include path, twice (the guards hold); every X-table row equals its
#       SP_NR_/SP_ERRNO_/SP_SIGNAL_/SP_ macro; and the numbers the Darwin ABI is known by
#       (issue 5: mkdir 136, getpid 20, kill 37, exit 1, ENOSYS 78, SIGUSR1 30; AT_FDCWD -2)
#       are what the transcription says.
#   sh tables/darwin/check-tables.sh up-to-date
#       regenerates the tables from $SYSPORT_XNU_SOURCE (a git clone of
#       https://github.com/apple-oss-distributions/xnu) at the tag tables/darwin/SOURCE
#       names and diffs them with the checked-in ones; exit 77 (skip) without that clone,
#       since no Debian package carries XNU.
set -u
here=$(cd "$(dirname "$0")" && pwd)
what=${1:-compile}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-darwin-tables.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ "$what" = up-to-date ]; then
    if [ -z "${SYSPORT_XNU_SOURCE:-}" ]; then
        echo "SKIP: set SYSPORT_XNU_SOURCE to a git clone of https://github.com/apple-oss-distributions/xnu to check the Darwin tables against XNU"
        exit 77
    fi
    tag=$(sed -n 's/^tag: //p' "$here/SOURCE")
    python3 "$here/gen-darwin-tables.py" --xnu "$SYSPORT_XNU_SOURCE" --tag "$tag" --out "$tmp/out" || exit 1
    for f in syscalls.h errno.h signals.h fcntl.h SOURCE; do
        if ! diff -u "$here/$f" "$tmp/out/$f"; then
            echo "FAIL: tables/darwin/$f differs from what gen-darwin-tables.py makes from XNU $tag"
            exit 1
        fi
    done
    echo "tables/darwin: identical to what gen-darwin-tables.py makes from XNU $tag"
    exit 0
fi

[ "$what" = compile ] || { echo "usage: check-tables.sh compile [CC [CXX]] | up-to-date" >&2; exit 2; }
cc=${2:-cc}
cxx=${3:-c++}
src="$tmp/use.c"
{
    for h in syscalls errno signals fcntl syscalls errno signals fcntl; do
        printf '#include "%s/%s.h"\n' "$here" "$h"
    done
    cat <<'EOC'
#define SP_AGREES(kind, name, value, expr) typedef char sp_##kind##_##name[(expr) == (value) ? 1 : -1];
#define SP_NR_AGREES(name, nr) SP_AGREES(nr, name, nr, SP_NR_##name)
#define SP_ERRNO_AGREES(name, v) SP_AGREES(errno, name, v, SP_ERRNO_##name)
#define SP_ERRNO_ALIAS_AGREES(a, c) SP_AGREES(errno, a, SP_ERRNO_##c, SP_ERRNO_##a)
#define SP_SIGNAL_AGREES(name, v) typedef char sp_signal_##name[(SP_SIGNAL_##name == (v) && (v) < SP_SIGNAL_NSIG) ? 1 : -1];
#define SP_SIGNAL_ALIAS_AGREES(a, c) SP_AGREES(signal, a, SP_SIGNAL_##c, SP_SIGNAL_##a)
#define SP_FCNTL_AGREES(name, v) SP_AGREES(fcntl, name, v, SP_##name)
#define SP_RESERVED_IN_RANGE(nr, comment) typedef char sp_reserved_##nr[(nr) > 0 && (nr) < SP_SYSCALL_NSYSENT ? 1 : -1];
SP_SYSCALL_TABLE(SP_NR_AGREES)
SP_ERRNO_TABLE(SP_ERRNO_AGREES)
SP_ERRNO_ALIAS_TABLE(SP_ERRNO_ALIAS_AGREES)
SP_SIGNAL_TABLE(SP_SIGNAL_AGREES)
SP_SIGNAL_ALIAS_TABLE(SP_SIGNAL_ALIAS_AGREES)
SP_FCNTL_TABLE(SP_FCNTL_AGREES)
SP_SYSCALL_RESERVED_TABLE(SP_RESERVED_IN_RANGE)
/* The Darwin facts the raw backend and the emulator are built on. */
#define SP_FACT(name, expr) typedef char sp_fact_##name[(expr) ? 1 : -1];
SP_FACT(mkdir, SP_NR_mkdir == 136)
SP_FACT(getpid, SP_NR_getpid == 20)
SP_FACT(kill, SP_NR_kill == 37)
SP_FACT(exit, SP_NR_exit == 1)
SP_FACT(enosys, SP_ERRNO_ENOSYS == 78)
SP_FACT(sigusr1, SP_SIGNAL_SIGUSR1 == 30)
SP_FACT(nsig, SP_SIGNAL_NSIG == 32)
SP_FACT(at_fdcwd, SP_AT_FDCWD == -2)
EOC
} >"$src"
fail=0
for lang in c c++; do
    if [ $lang = c ]; then
        set -- "$cc" -x c -std=c99
    else
        set -- "$cxx" -x c++ -std=c++11
    fi
    if ! "$@" -ffreestanding -nostdinc -Wall -Wextra -pedantic -Werror -Wno-unused-local-typedefs \
            -fsyntax-only "$src" 2>"$tmp/err"; then
        head -n 20 "$tmp/err"
        echo "FAIL: tables/darwin as $lang"
        fail=1
    fi
done
[ $fail -eq 0 ] || exit 1
echo "tables/darwin: C99 and C++11, freestanding: every X-table row agrees with its macro, and the known Darwin numbers hold"
