#!/usr/bin/env bash
# The test suite under the Windows CPython, under Wine, offscreen (run by `packaging/dev.sh test-windows`
# after packaging/windows/setup.sh):
#
#   bash packaging/windows/test.sh [PYTEST ARGS…]     e.g. tests/storage, or -k backup
#
# Wine acts as Chinese Windows (LANG=zh_CN.UTF-8: code page 936), so text written without an explicit
# encoding would come out as GBK, as on a Chinese village laptop. The source tree is used in place
# (PYTHONPATH, as a Z:\ path); two worker processes (pytest-xdist; PYTEST_WORKERS=0 runs in one),
# each test file whole in one of them. Tests that cannot apply on Windows skip themselves, naming the
# platform fact (tests/windows_facts.py). The last line is `TEST-WINDOWS {json}` (seconds, exit code).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$ROOT"

winpy packaging/build_translations.py >/dev/null  # the window's English (.qm), as dev.sh test does
winpy packaging/build_forms.py >/dev/null  # the window's compiled forms, as dev.sh test does (only if missing or stale)
export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
export PYTHONPATH
PYTHONPATH="$(winpath "$ROOT")"
# bytecode is cached, but outside the clone (no __pycache__ written by the Windows Python into the source
# tree): every Windows process a test starts imports the program again, and compiling it each time costs
unset PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX
PYTHONPYCACHEPREFIX="$(winpath "$WIN_CACHE/pycache")"
export WINEQT_QPA_PLATFORM=offscreen
export MEDIATION_TEST_REMOVABLE_DRIVE=R:  # setup.sh made it a removable drive (type floppy) in the prefix
started=$(date +%s.%N)
winpy -m pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
rc=$?
seconds=$(awk "BEGIN { printf \"%.0f\", $(date +%s.%N) - $started }")
printf 'TEST-WINDOWS {"seconds": %s, "exit": %s}\n' "$seconds" "$rc"
[ $rc -eq 5 ] && { wsay "没有运行任何测试"; exit 1; }
exit $rc
