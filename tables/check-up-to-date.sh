#!/bin/sh
# Regenerate the Linux tables into a temp dir and compare them with the checked-in
# tables/linux.  Exit 0 if identical, 1 (with the diff) if not, 77 (SKIP) if the pinned
# kernel source is not installed.
#
#   sh tables/check-up-to-date.sh
#
# SP_LINUX_SOURCE overrides the tarball path (default /usr/src/linux-source-6.1.tar.xz).
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=${SP_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
max_lines=${SP_DIFF_LINES:-400}

if [ ! -f "$src" ]; then
    echo "linux-source-6.1 not installed: apt-get install linux-source-6.1"
    exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "python3 not installed: apt-get install python3"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-tables-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! python3 "$here/gen-linux-tables.py" --source "$src" --out "$tmp/linux"; then
    echo "tables/up-to-date: the generator failed (see above)"
    exit 1
fi

# Compare as tables/linux (checked in) vs generated/linux (fresh), paths relative.
mkdir "$tmp/generated" && mv "$tmp/linux" "$tmp/generated/linux"
if (cd "$here/.." && diff -ru tables/linux "$tmp/generated/linux") >"$tmp/diff" 2>&1; then
    echo "tables/linux is up to date with $(sed -n 's/^version: //p' "$here/linux/SOURCE") ($src)"
    exit 0
fi
sed "s|$tmp/||g" "$tmp/diff" | head -n "$max_lines"
total=$(wc -l <"$tmp/diff")
if [ "$total" -gt "$max_lines" ]; then
    echo "... ($((total - max_lines)) more diff lines)"
fi
echo
echo "tables/linux differs from what the generator produces from $src"
echo "(checked in: $(sed -n 's/^version: //p' "$here/linux/SOURCE" 2>/dev/null);" \
     "installed: $(dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null))."
echo "Regenerate with: python3 tables/gen-linux-tables.py --source $src --out tables/linux"
exit 1
