#!/usr/bin/env bash
# Set up everything Mediation Desktop needs on Debian/Ubuntu, then run the program or the tests.
#
#   bash packaging/dev.sh run [--demo]     start the program (SQLite in the user data folder)
#   bash packaging/dev.sh test [ARGS…]     run the whole test suite (pytest ARGS…)
#   bash packaging/dev.sh build            build the one-folder program (PyInstaller) and smoke-test it
#   bash packaging/dev.sh windows          build the Windows program under Wine and smoke-test the .exe
#   bash packaging/dev.sh test-windows [ARGS…]   the test suite under the Windows Python, under Wine
#   bash packaging/dev.sh setup-windows          only the packages and the Wine prefix both of them need
#
# Idempotent: system packages are installed only when missing, the virtual environment only
# when pyproject.toml changed. Works as root (CI) or with sudo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[调解工作台] %s\n' "$*" >&2; }

# Qt's xcb platform plugin needs these on a bare Debian (its error message names another library);
# a CJK font so Chinese shows in the window; python3-venv for the virtual environment.
RUN_PACKAGES=(python3 python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 fonts-wqy-microhei)
# Tests also take screenshots under Xvfb, read PDFs back with poppler's tools and scan QR codes (zbar).
TEST_PACKAGES=(xvfb xauth poppler-utils sqlite3 zbar-tools cups printer-driver-cups-pdf)
# The hub tests (tests/postgres, marker "postgres") start their own throwaway PostgreSQL server from
# Debian's server package (tests/pg_server.py: initdb in a temporary folder, Unix socket only; as root
# it runs as the package's "postgres" user). Only the tests need it: a village computer never does.
POSTGRES_PACKAGES=(postgresql)
# The Windows lane (packaging/windows/): Debian's 64-bit Wine runs a Windows CPython and the built .exe;
# MinGW builds two small DLLs Wine 8 lacks (into the Wine prefix only); the locales let Wine act as
# Chinese (code page 936) and English (cp1252) Windows; pip downloads the Windows wheels; Xvfb gives the
# installer's setup and uninstaller the display their wizard form needs even when silent.
WINDOWS_PACKAGES=(wine wine64 libwine gcc-mingw-w64-x86-64-posix locales unzip python3-pip xvfb xauth)

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "不是 Debian 系统，跳过系统软件包（请参照 README 手动安装）。"; return 0; }
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "安装系统软件包: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      say "需要 root 权限安装: ${missing[*]}"; return 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# pip's build of the project (setuptools' file list) walks every folder under it, following symbolic links;
# the Wine prefix of the Windows lane links Z: to / and its profile folders to $HOME, so that walk never ends.
# Those links are taken out while pip runs and put back after (Wine's own links: nothing of ours).
wine_links=build/windows-cache/wine-links.txt
hide_wine_links() {
  [ -d build/windows-cache/prefix ] || return 0
  find build/windows-cache/prefix -maxdepth 5 -type l \( -path '*/dosdevices/*' -o -path '*/drive_c/users/*' \) \
    -printf '%p\t%l\n' >> "$wine_links"
  cut -f1 "$wine_links" | xargs -d '\n' -r rm -f
}
restore_wine_links() {
  [ -f "$wine_links" ] || return 0
  while IFS=$'\t' read -r link target; do ln -sfn "$target" "$link"; done < "$wine_links"
  rm -f "$wine_links"
}

setup_venv() {
  local extra="$1" stamp=".venv/.installed-$1"
  restore_wine_links  # (left hidden by a run that was killed)
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ]; then
    say "创建虚拟环境 .venv"
    python3 -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "安装 Python 软件包（只在第一次或依赖变化时）"
    hide_wine_links
    trap restore_wine_links EXIT
    # PySide6-Pdf was a separate package only with PySide6 6.12 (left out since: see pyproject.toml); in an
    # older .venv it would shadow the Qt Pdf of the Addons
    if ! { .venv/bin/python -m pip install -q --upgrade pip &&
           { ! .venv/bin/python -m pip show -q PySide6-Pdf 2>/dev/null ||
             .venv/bin/python -m pip uninstall -q -y PySide6-Pdf; } &&
           .venv/bin/python -m pip install -q -e ".${extra:+[$extra]}"; } >.venv/pip.log 2>&1; then
      cat .venv/pip.log >&2
      say "Python 软件包安装失败（详见上面的信息）"
      exit 1
    fi
    restore_wine_links
    trap - EXIT
    echo "$want" > "$stamp"
  fi
  .venv/bin/python packaging/build_translations.py >/dev/null  # .ts → .qm (the window's English)
  .venv/bin/python packaging/build_forms.py >/dev/null  # forms/*.ui → mediation_desktop/ui/forms (pyside6-uic)
}

cmd="${1:-run}"
shift || true
case "$cmd" in
  run)
    install_system_packages "${RUN_PACKAGES[@]}"
    setup_venv ""
    exec .venv/bin/mediation-desktop gui "$@"
    ;;
  test)
    install_system_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${POSTGRES_PACKAGES[@]}"
    setup_venv test
    export QT_QPA_PLATFORM=offscreen
    say "代码检查: ruff, mypy"
    .venv/bin/ruff check --quiet .
    .venv/bin/mypy --no-error-summary
    set +e
    # two worker processes (the machines have 2 cores), each test file whole in one of them;
    # PYTEST_WORKERS=0 runs everything in this process
    .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
    rc=$?
    set -e
    [ $rc -eq 5 ] && { say "没有运行任何测试"; exit 1; }
    exit $rc
    ;;
  build)
    # PyInstaller needs objdump (binutils); the smoke test also starts the window on Xvfb
    install_system_packages "${RUN_PACKAGES[@]}" binutils xvfb xauth
    setup_venv build
    bash packaging/build.sh
    bash packaging/smoke.sh dist/MediationDesktop
    ;;
  windows)
    install_system_packages "${WINDOWS_PACKAGES[@]}"
    # each part's minutes in the log (WINDOWS-STEP lines), to see where the lane's time goes
    part_started=$(date +%s)
    part() {
      "$@"
      echo "WINDOWS-STEP {\"step\": \"${2##*/}\", \"minutes\": $(awk "BEGIN { printf \"%.1f\", ($(date +%s) - $part_started) / 60 }")}"
      part_started=$(date +%s)
    }
    part bash packaging/windows/setup.sh
    part bash packaging/windows/build.sh
    part bash packaging/windows/smoke.sh dist/windows/MediationDesktop
    part bash packaging/windows/installer.sh  # says INSTALLER NOT RUN (and why) where 32-bit Wine cannot be installed
    ;;
  setup-windows)
    # the packages and a Wine prefix with the Windows Python (MEDIATION_WINDOWS_CACHE: another prefix)
    install_system_packages "${WINDOWS_PACKAGES[@]}"
    bash packaging/windows/setup.sh
    ;;
  test-windows)
    install_system_packages "${WINDOWS_PACKAGES[@]}"
    bash packaging/windows/setup.sh
    exec bash packaging/windows/test.sh "$@"
    ;;
  *)
    say "用法: bash packaging/dev.sh run [--demo] | test [pytest 参数] | build | windows | test-windows [pytest 参数] | setup-windows"
    exit 2
    ;;
esac
