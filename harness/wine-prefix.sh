#!/usr/bin/env bash
# The Wine runner's state, for windows-* targets: a prefix of the build's own and the
# wineserver that serves it. The harness runs `ensure` before every cell it runs (runner.cc);
# the CTest fixture of cmake/SysportOS-windows.cmake runs `ensure --persist 600` before a test
# run and `stop` after it, through `sysport-harness runner --target T start|stop`, which sets
# the target's environment (WINEPREFIX above all) from its manifest.
#
#   wine-prefix.sh ensure [--persist SECONDS]
#   wine-prefix.sh stop
#
# ensure: makes $WINEPREFIX with `wineboot -i` when it is missing, half-made, or made by
#   another Wine version, then makes sure a wineserver serves it and its Windows session is
#   booted. Booting matters: the first program a fresh wineserver runs starts the session
#   (wineboot, services.exe, plugplay, explorer...) as its own children, and inside a cell
#   those would be that run's leftovers, killed with it. Here they start in a session of
#   their own (setsid) with their output in $WINEPREFIX.log, and every program the harness
#   runs afterwards is a single process that ends on its own. The server, and the Windows
#   session with it, stays up SECONDS (default 30) after its last program, then goes.
# stop: ends the wineserver and every Windows process of $WINEPREFIX (wineserver -k).
#
# Exit status: 0 ready (or stopped), 77 Wine is not installed (the last line says what to
# install), 1 anything else (the last line says what failed; Wine's output is in the log).
set -euo pipefail

die() {
  echo "wine-prefix: $*" >&2
  exit 1
}

[[ -n "${WINEPREFIX:-}" ]] || die "WINEPREFIX is not set (sysport-harness sets it from the target's manifest)"
[[ "$WINEPREFIX" == /* ]] || die "WINEPREFIX must be an absolute path, not '$WINEPREFIX'"
for program in wine wineboot wineserver; do
  if ! command -v "$program" >/dev/null; then
    echo "$program not found: apt-get install wine wine64" >&2
    exit 77
  fi
done
for program in setsid flock; do
  command -v "$program" >/dev/null || die "$program not found: apt-get install util-linux"
done

# Headless and quiet whoever calls: no X display, no Mono or Gecko installer dialogs, no menu
# entries or file associations written into $HOME (winemenubuilder), no Wine diagnostics.
export DISPLAY=
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
log="$WINEPREFIX.log"
# Under Wine it is wineserver, not the program, that creates files and directories, with
# its own umask: the one set here is the umask of every file a Windows program makes, which
# the case specifications state (suites/mkdir.json, "on": "windows").
umask 022

ensure() {
  local persist=30
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --persist)
        [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--persist needs a number of seconds"
        persist=$2
        shift 2
        ;;
      *) die "ensure: unknown argument '$1' (usage: wine-prefix.sh ensure [--persist SECONDS])" ;;
    esac
  done

  mkdir -p "$(dirname "$WINEPREFIX")"
  # The manifest gives Wine a home of the build's own, so that making a prefix writes
  # nothing (user folders, menus) into the real one; it must exist.
  mkdir -p "$HOME"
  # Cells run in parallel: one makes the prefix, the others wait for it. The lock's
  # descriptor is closed for every command below (9>&-): the wineserver and the session's
  # processes outlive this script and would hold the lock as long as they run.
  exec 9>"$WINEPREFIX.lock"
  flock -w 600 9 || die "$WINEPREFIX.lock has been held for 10 minutes; is a wine-prefix.sh stuck?"

  # The stamp names the Wine that made the prefix, and is written last: a prefix without it
  # was interrupted half-way, and one made by another Wine would be upgraded in place by
  # the first program to run, inside a cell.
  local version stamp="$WINEPREFIX/.sysport-wine-version"
  version=$(wine --version)
  if [[ ! -f "$stamp" || "$(<"$stamp")" != "$version" ]]; then
    if [[ -e "$WINEPREFIX" ]]; then
      wineserver -k >/dev/null 2>&1 || true
      rm -rf "$WINEPREFIX"
    fi
    echo "wine-prefix: creating $WINEPREFIX with $version (log: $log)"
    local started=$SECONDS
    setsid -w wineboot -i </dev/null >"$log" 2>&1 9>&- || die "wineboot -i failed (exit $?); see $log"
    # Complete once the server that made it has written the registry out and gone.
    wineserver -w
    [[ -f "$WINEPREFIX/system.reg" ]] || die "wineboot -i made no registry in $WINEPREFIX; see $log"
    echo "$version" >"$stamp"
    echo "wine-prefix: created in $((SECONDS - started)) s"
  fi

  # Exit status 2: a server already serves this prefix, and keeps its own persistence.
  local status=0
  wineserver -p"$persist" </dev/null >>"$log" 2>&1 9>&- || status=$?
  if [[ $status != 0 && $status != 2 ]]; then
    die "wineserver -p$persist failed (exit $status); see $log"
  fi
  # Boots the session if it is not (0.1 s if it is), and restarts the server's countdown,
  # so that it cannot end between here and the cell's first program.
  setsid -w wine wineboot </dev/null >>"$log" 2>&1 9>&- || die "booting the Windows session failed (exit $?); see $log"
}

stop() {
  [[ $# -eq 0 ]] || die "stop takes no arguments"
  # No server (already gone, or never started) is not an error.
  wineserver -k >/dev/null 2>&1 || true
  echo "wine-prefix: wineserver for $WINEPREFIX stopped"
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case "$command" in
  ensure) ensure "$@" ;;
  stop) stop "$@" ;;
  *) die "usage: wine-prefix.sh ensure [--persist SECONDS] | stop" ;;
esac
