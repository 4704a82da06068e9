#!/usr/bin/env bash
# Build the Windows one-folder program under Wine with the project's PyInstaller spec (the same spec
# packaging/windows/build.ps1 runs on Windows): dist/windows/MediationDesktop/ with MediationDesktop.exe
# (the window) and mediation-desktop.exe (the command line). Needs packaging/windows/setup.sh first.
# The last line is `BUILD-WINDOWS {json}` (seconds, bytes unpacked).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$ROOT"

started=$(date +%s.%N)
wsay "编译界面翻译, 界面表单, 版本信息"
winpy_step 120 packaging/build_translations.py >/dev/null
winpy_step 120 packaging/build_forms.py >/dev/null  # (only what is missing or stale: a clean clone has none)
winpy_step 120 packaging/windows/version_info.py >/dev/null
wsay "PyInstaller（Windows，Wine 下）→ dist/windows/MediationDesktop"
pyinstaller_log=build/windows-pyinstaller.log
mkdir -p build
pyinstaller() {
  rm -rf dist/windows/MediationDesktop
  winpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist/windows \
    --workpath build/windows-pyinstaller packaging/mediation_desktop.spec 2>&1 | tee "$pyinstaller_log"
}
# Wine's CreateProcess now and then fails with ERROR_INTERNAL_ERROR while PyInstaller starts one of the many
# short-lived Python processes its hooks run in (seen once in CI's fresh clone on a busy machine: `OSError:
# [WinError 1359] Internal error` in hook-cryptography's collect_submodules; the same build run again passed).
# That one failure, and only it, is tried once more; any other failure stops the build.
if ! pyinstaller; then
  grep -q "WinError 1359" "$pyinstaller_log" || exit 1
  wsay "Wine 未能启动 PyInstaller 的子进程（WinError 1359），重新构建一次"
  pyinstaller
fi
bundle=dist/windows/MediationDesktop
for exe in MediationDesktop.exe mediation-desktop.exe; do
  [ -f "$bundle/$exe" ] || { wsay "构建失败：缺少 $exe"; exit 1; }
done
# the Wine-only stand-ins must never travel with the program
for dll in icuuc.dll bcryptprimitives.dll; do
  if find "$bundle" -iname "$dll" | grep -q .; then wsay "构建失败：$dll 不应在程序中"; exit 1; fi
done
seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
unpacked=$(du -sb "$bundle" | cut -f1)
echo "bundle   $bundle: $(awk "BEGIN { printf \"%.1f MB\", $unpacked / 1000000 }") unpacked"
echo "build    ${seconds} s (under Wine)"
printf 'BUILD-WINDOWS {"seconds": %s, "unpacked_bytes": %s}\n' "$seconds" "$unpacked"
