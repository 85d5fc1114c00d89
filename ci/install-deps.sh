#!/usr/bin/env bash
# Installs every Debian package sysport needs that is not installed yet, and says which.
# Idempotent: with everything present it installs nothing and says so.
#
# The list is assembled from:
#   ci/packages/*.txt          one package per line ('#' starts a comment): the host's tools
#   arch/*/target.json         each target's record: its "packages", its emulator's "package"
#                              and its bench's "google_benchmark_package" (arch/README.md)
# so that adding a target adds its packages in the same folder.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The records are JSON, read with python3: on a machine without it, that comes first.
if ! command -v python3 >/dev/null; then
  echo "sysport: installing python3 (needed to read the target records)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
fi

# Into a variable first, so that a record python3 cannot read stops the script (a failure
# inside `< <(...)` would go unnoticed and leave its packages out).
package_list=$(
  {
    sed -e 's/#.*//' "$root"/ci/packages/*.txt
    python3 - "$root"/arch/*/target.json <<'PY'
import json, sys
for path in sys.argv[1:]:
    try:
        with open(path) as f:
            record = json.load(f)
        print(*record["packages"])
        print(record["run"].get("emulator", {}).get("package", ""))
        print(record.get("bench", {}).get("google_benchmark_package", ""))
    except (OSError, ValueError, KeyError, AttributeError, TypeError) as e:
        sys.exit(f"sysport: {path}: cannot read the packages of this record: {e!r}")
PY
  } | tr ' \t' '\n\n' | sed '/^$/d' | sort -u
)
packages=()
while read -r pkg; do
  [[ -n "$pkg" ]] && packages+=("$pkg")
done <<<"$package_list"

native_arch=$(dpkg --print-architecture)
# Read once into a variable: `dpkg ... | grep -q` under pipefail fails whenever grep exits
# before dpkg has finished writing.
foreign_archs=" $(dpkg --print-foreign-architectures | tr '\n' ' ') "
missing=()
for pkg in "${packages[@]}"; do
  # A package whose name carries an architecture (libfoo:arm64) needs that architecture.
  if [[ "$pkg" == *:* && "$foreign_archs" != *" ${pkg##*:} "* ]]; then
    missing+=("$pkg")
    continue
  fi
  # A plain name may be installed for several architectures (libbenchmark-dev for amd64
  # and arm64): it counts when the native (or architecture-independent) one is installed.
  if [[ "$pkg" == *:* ]]; then
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" == installed ]] || missing+=("$pkg")
  else
    dpkg-query -W -f='${binary:Package} ${db:Status-Status}\n' "$pkg" 2>/dev/null |
      awk -v p="$pkg" -v a="$native_arch" '($1 == p || $1 == p ":" a) && $2 == "installed" { found = 1 }
                                          END { exit !found }' || missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "sysport: all ${#packages[@]} Debian packages are installed"
  exit 0
fi

echo "sysport: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "sysport: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
for pkg in "${missing[@]}"; do
  foreign_archs=" $(dpkg --print-foreign-architectures | tr '\n' ' ') "
  if [[ "$pkg" == *:* && "$foreign_archs" != *" ${pkg##*:} "* ]]; then
    echo "sysport: enabling the ${pkg##*:} architecture for $pkg"
    "${sudo[@]}" dpkg --add-architecture "${pkg##*:}"
  fi
done
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
log=$(mktemp -t sysport-apt.XXXXXX)
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1 || {
  echo "sysport: apt-get install failed; the last lines of its log ($log):" >&2
  tail -n 20 "$log" >&2
  exit 1
}
rm -f "$log"
echo "sysport: installed ${missing[*]}"
