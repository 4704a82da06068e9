#!/usr/bin/env bash
# Build the one-folder program with PyInstaller: dist/MediationDesktop/ and, on Linux, a tar.gz of it.
#
#   bash packaging/build.sh            # uses .venv/bin/python (set PYTHON=… for another interpreter)
#
# Steps: compile the translations (.ts → .qm) and the forms (forms/*.ui → Python), run
# packaging/mediation_desktop.spec (work files in build/pyinstaller, result in dist/MediationDesktop), pack dist/MediationDesktop-VERSION-linux-x86_64.tar.gz
# with the .desktop entry and icon inside, and print the size unpacked and compressed. The last line
# is machine-readable: `BUILD {json}` (seconds, unpacked and tar.gz bytes), read by tests/packaging.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
say() { printf '[build] %s\n' "$*" >&2; }

# PyInstaller on Linux needs objdump (binutils); the bundle's libraries are also stripped with it
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null 2>&1; then
  say "需要 binutils（objdump）：sudo apt-get install binutils / PyInstaller needs binutils"; exit 1
fi
"$PYTHON" -c "import PyInstaller" 2>/dev/null \
  || { say "PyInstaller 未安装：$PYTHON -m pip install -e '.[build]'"; exit 1; }

started=$(date +%s.%N)
say "compile translations"
"$PYTHON" packaging/build_translations.py >/dev/null
say "compile forms (forms/*.ui → mediation_desktop/ui/forms)"
"$PYTHON" packaging/build_forms.py >/dev/null
say "PyInstaller (one folder) → dist/MediationDesktop"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/mediation_desktop.spec
bundle=dist/MediationDesktop
version=$("$PYTHON" -c 'import mediation_desktop; print(mediation_desktop.__version__)')

# The Linux desktop integration travels inside the folder; packaging/linux/install.sh puts it in place.
mkdir -p "$bundle/share"
cp packaging/linux/mediation-desktop.desktop "$bundle/share/"
cp packaging/icons/mediation-desktop.svg packaging/icons/mediation-desktop-*.png "$bundle/share/"
cp packaging/linux/install.sh "$bundle/install.sh"
chmod +x "$bundle/install.sh"

archive="dist/MediationDesktop-$version-linux-x86_64.tar.gz"
say "pack $archive"
tar -C dist -czf "$archive" MediationDesktop
finished=$(date +%s.%N)

unpacked=$(du -sb "$bundle" | cut -f1)
packed=$(stat -c %s "$archive")
seconds=$(awk "BEGIN { printf \"%.1f\", $finished - $started }")
mb() { awk "BEGIN { printf \"%.1f MB\", $1 / 1000000 }"; }
echo "bundle   $bundle: $(mb "$unpacked") unpacked"
echo "archive  $archive: $(mb "$packed") (budget ≤ 100 MB compressed)"
echo "build    ${seconds} s"
printf 'BUILD {"seconds": %s, "unpacked_bytes": %s, "targz_bytes": %s, "archive": "%s"}\n' \
  "$seconds" "$unpacked" "$packed" "$archive"
