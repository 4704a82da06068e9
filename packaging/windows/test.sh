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
#
# The hub (PostgreSQL) tests: a Windows process cannot start the test server (Debian's Linux binary), so this
# script starts one here with the Linux Python (`tests/pg_server.py --serve-tcp`: 127.0.0.1 only, a free
# port, a random password) before the suite, passes its URL as MEDIATION_TEST_PG_SERVER (Wine hands the
# environment on), and stops it after the suite, failed or not. Without the server programs the hub tests
# skip, naming why (under CI, with CI set, that is an error, as in the Linux lane).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$ROOT"

# the window's English (.qm) and its compiled forms (only what is missing or stale), as dev.sh test does: with the
# Linux Python where there is one (the same files; CI's `dev.sh test` has made them already), as the Windows
# Python's compiling of the translations in a suite's new prefix beside the Windows build hung in two CI runs of
# two (python.exe and explorer.exe /desktop both waiting on their wineserver), while the same step by hand, the
# forms and every test passed
if [ -x "$ROOT/.venv/bin/python" ]; then
  env -u PYTHONPATH -u PYTHONPYCACHEPREFIX "$ROOT/.venv/bin/python" packaging/build_translations.py >/dev/null
  env -u PYTHONPATH -u PYTHONPYCACHEPREFIX "$ROOT/.venv/bin/python" packaging/build_forms.py >/dev/null
else
  winpy_step 120 packaging/build_translations.py >/dev/null
  winpy_step 120 packaging/build_forms.py >/dev/null
fi
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

ci_set() { case "${CI:-}" in ""|0|false|no) return 1 ;; *) return 0 ;; esac; }
pg_pid=""
pg_dir="$(mktemp -d)"
stop_pg() {
  if [ -n "$pg_pid" ]; then kill -TERM "$pg_pid" 2>/dev/null; wait "$pg_pid" 2>/dev/null; pg_pid=""; fi
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
trap 'stop_pg; exit 130' INT TERM
unset MEDIATION_TEST_PG_SERVER
if [ -x "$ROOT/.venv/bin/python" ]; then
  mkfifo "$pg_dir/url"
  # (the Linux Python, without the Windows Python's variables set above: their paths are Windows paths)
  env -u PYTHONPATH -u PYTHONPYCACHEPREFIX "$ROOT/.venv/bin/python" "$ROOT/tests/pg_server.py" --serve-tcp \
    >"$pg_dir/url" 2>"$pg_dir/log" &
  pg_pid=$!
  if read -r -t 90 pg_url <"$pg_dir/url" && [ -n "$pg_url" ]; then
    export MEDIATION_TEST_PG_SERVER="$pg_url"
    wsay "$(tail -n 1 "$pg_dir/log")"
  else
    kill -TERM "$pg_pid" 2>/dev/null; wait "$pg_pid" 2>/dev/null; pg_pid=""
    wsay "PostgreSQL 测试服务器没有启动，集线器（PostgreSQL）测试将跳过：$(tail -n 3 "$pg_dir/log")"
    ci_set && exit 1
  fi
else
  wsay "没有 .venv/bin/python（Linux 的 Python），PostgreSQL 测试服务器没有启动，集线器测试将跳过"
  ci_set && exit 1
fi

started=$(date +%s.%N)
winpy -m pytest -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
rc=$?
seconds=$(awk "BEGIN { printf \"%.0f\", $(date +%s.%N) - $started }")
printf 'TEST-WINDOWS {"seconds": %s, "exit": %s}\n' "$seconds" "$rc"
stop_pg
[ $rc -eq 5 ] && { wsay "没有运行任何测试"; exit 1; }
exit $rc
