#!/usr/bin/env bash
# Installs every Debian package sysport needs that is not installed yet, and says which.
# Idempotent: with everything present it installs nothing and says so.
#
# The list is assembled from:
#   ci/packages/*.txt          one package per line ('#' starts a comment)
#   toolchains/*.cmake         SYSPORT_PACKAGES and SYSPORT_EMULATOR_PACKAGE of each target
# so that adding a target or a tool adds its packages in the same change.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=()
while read -r pkg; do
  [[ -n "$pkg" ]] && packages+=("$pkg")
done < <(
  {
    sed -e 's/#.*//' "$root"/ci/packages/*.txt
    sed -n -e 's/^set(SYSPORT_PACKAGES \(.*\))$/\1/p' -e 's/^set(SYSPORT_EMULATOR_PACKAGE \(.*\))$/\1/p' \
      "$root"/toolchains/*.cmake
  } | tr ' \t' '\n\n' | sed '/^$/d' | sort -u
)

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
