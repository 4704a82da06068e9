#!/usr/bin/env bash
# Smoke-test the Windows program under Wine, as packaging/smoke.sh does the Linux one:
#
#   bash packaging/windows/smoke.sh [FOLDER] [LOCALE…]
#     FOLDER   the built program folder (default dist/windows/MediationDesktop), copied to
#              C:\调解 工作台\ — or `--installed DIR` to test a program the installer put in DIR
#     LOCALE   zh_CN.UTF-8 (Chinese Windows, code page 936) and/or en_US.UTF-8 (English, cp1252);
#              default both, one after the other
#
# In each locale, with a bare environment (no Windows Python on PATH, nothing of the source tree),
# each step must succeed: --version; every module imports; init (password from stdin) and
# `demo --cases 50`; `cases --json` piped, read back as strict UTF-8 JSON with Chinese party names;
# `check`; an agreement PDF with embedded fonts; a user error is one Chinese line, exit 1; the window
# (offscreen) paints and quits, from the console program and from MediationDesktop.exe; export of a
# bundle and its import (refused while the sender is untrusted, a dry run after `keys trust`); a backup
# file and its restore, after which `check` passes. The start-to-first-window time is printed beside
# the Linux program's on the same data (FIRST-WINDOW lines). The last line is `SMOKE-WINDOWS OK` or
# `SMOKE-WINDOWS FAILED (n step(s))`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$ROOT"

install_dir_unix="$WINEPREFIX/drive_c/调解 工作台"
install_dir_win='C:\调解 工作台'
if [ "${1:-}" = --installed ]; then
  install_dir_unix="$2"; install_dir_win="$(winpath "$2")"; shift 2
  [ -f "$install_dir_unix/mediation-desktop.exe" ] || { echo "SMOKE-WINDOWS FAILED: nothing in $install_dir_unix"; exit 1; }
else
  folder="${1:-dist/windows/MediationDesktop}"
  [ $# -gt 0 ] && shift
  [ -f "$folder/mediation-desktop.exe" ] || { echo "SMOKE-WINDOWS FAILED: no mediation-desktop.exe in $folder"; exit 1; }
  rm -rf "$install_dir_unix"
  mkdir -p "$install_dir_unix"
  cp -a "$folder/." "$install_dir_unix/"
fi
locales=("$@")
[ ${#locales[@]} -gt 0 ] || locales=(zh_CN.UTF-8 en_US.UTF-8)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
total=0
step() { printf '[smoke-windows %s] %s\n' "$loc" "$*" >&2; }
fail() { printf '[smoke-windows %s] FAILED: %s\n' "$loc" "$*" >&2; failures=$((failures + 1)); }
cli="$install_dir_unix/mediation-desktop.exe"
gui_exe="$install_dir_unix/MediationDesktop.exe"
password=smoke-pass-2026

# A bare environment: Wine's own variables and the locale only (CLI sign-in for the demo admin).
# The program is 64-bit: Debian's 64-bit loader runs it (wine-env.sh says why not `wine`).
loader=("$WINE64")
[ "$WINE64" = wine ] || loader=(env WINELOADER="$WINE64" "$WINE64")
run() {
  env -i PATH=/usr/bin:/bin HOME="$HOME" WINEPREFIX="$WINEPREFIX" WINEARCH=win64 WINEDEBUG=-all \
    WINEDLLOVERRIDES="$WINEDLLOVERRIDES" WINEQT_QPA_PLATFORM=offscreen LANG="$loc" LC_ALL="$loc" \
    MEDIATION_DESKTOP_USER=admin MEDIATION_DESKTOP_PASSWORD="$password" "$@"
}
# A Windows program of the smoke test. Its stdout and stderr are pipes (Wine cannot give a program a regular file
# as either); they are passed on once it has ended (both copies are part of the pipeline, so nothing it said is
# lost when a locale's last step fails), and a failure that said nothing names its exit status.
# Wine itself failing to start the program ("could not load kernel32.dll": the program never ran; seen once for a few
# steps in a row right after the installer's upgrade) is said and the step started once more.
wexe() {
  local out err rc status try
  out=$(mktemp) err=$(mktemp) status=$(mktemp)
  for try in 1 2; do
    { run "${loader[@]}" "$@" | cat > "$out"; echo "${PIPESTATUS[0]}" > "$status"; } 2>&1 | cat > "$err"
    rc=$(cat "$status")
    if [ "$rc" != 0 ] && [ "$try" = 1 ] && grep -aq "could not load kernel32.dll" "$err"; then
      printf '[smoke-windows %s] WINE-RETRY %s: Wine could not start it (kernel32.dll); once more\n' "$loc" "${1##*/}" >&2
      sleep 2
      continue
    fi
    break
  done
  rm -f "$status"
  cat "$out"
  cat "$err" >&2
  [ "$rc" = 0 ] || [ -s "$out" ] || [ -s "$err" ] || printf '[smoke-windows %s] %s ended with exit status %s and no word\n' \
    "$loc" "${1##*/}" "$rc" >&2
  rm -f "$out" "$err"
  return "$rc"
}
# A step that only reads (no input, nothing written), run again once when the Windows process ended without a word
# and without one of the program's statuses (1: refused, 2: problems found; both always say why): under a loaded
# Wine a process has been seen to end so (once, 'check' right after a restore in the English run, in a run beside
# other work); it is said in the log, and a step that fails twice fails.
wread() {
  local rc=0 said
  { said=$(wexe "$@" 2>&1 1>&3 3>&-) || rc=$?; } 3>&1
  [ -z "$said" ] || printf '%s\n' "$said" >&2
  if [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 2 ] && grep -q "and no word" <<< "$said"; then
    printf '[smoke-windows %s] WINE-RETRY %s: once more\n' "$loc" "${1##*/}" >&2
    rc=0
    wexe "$@" || rc=$?
  fi
  return "$rc"
}

# The window program (MediationDesktop.exe) paints and quits. It has no console, so when it fails its exit status,
# its time and its error log (logs/error.log in the data folder, where the program writes any error of its own) are
# shown. Once (CI, after the installer's upgrade) it ended with a failure status and nothing said while every other
# step passed; a failure that wrote nothing to the error log is said in the log (WINE-RETRY) and tried once more
# (status 2: `gui_window again`); an error of the program's own, or a second failure, fails the step.
gui_window() {
  local started=$SECONDS rc log="$village_unix/logs/error.log" logged_before=0
  [ -f "$log" ] && logged_before=$(wc -c < "$log")
  run env MEDIATION_DESKTOP_SMOKE=1 timeout 180 "${loader[@]}" "$gui_exe" --data-dir "$village_win" 2> >(cat >&2) | cat
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] && return 0
  step "  MediationDesktop.exe ended with exit status $rc after $((SECONDS - started)) s"
  if [ -f "$log" ] && [ "$(wc -c < "$log")" -gt "$logged_before" ]; then
    tail -c +$((logged_before + 1)) "$log" | tail -n 20 >&2
    return 1
  fi
  [ "${1:-}" = again ] && return 1
  printf '[smoke-windows %s] WINE-RETRY MediationDesktop.exe: nothing in its error log; once more\n' "$loc" >&2
  return 2
}

# One locale's steps; the number of failed steps is its exit status. Each locale has its own data
# folders and files, so the two run side by side (SMOKE_SERIAL=1: one after the other): every step
# starts a Windows process, and under Wine most of a start is waiting, which the other locale fills.
smoke_locale() {
  loc="$1"
  failures=0
  # (no wineserver restart needed: each Wine process takes its code page from its own LANG/LC_ALL)
  tag="${loc%%.*}"
  local work="$work/$tag"
  mkdir -p "$work"
  village_win="$install_dir_win\\村数据 $tag"; village_unix="$install_dir_unix/村数据 $tag"
  township_win="$install_dir_win\\乡镇数据 $tag"
  rm -rf "$village_unix" "$install_dir_unix/乡镇数据 $tag"

  step "version; every module imports"
  wexe "$cli" --version || fail "--version"
  run env MEDIATION_DESKTOP_IMPORT_CHECK=1 "${loader[@]}" "$cli" 2>&1 | cat | tail -n 2 >&2
  [ "${PIPESTATUS[0]}" -eq 0 ] || fail "import check"

  step "init (password from stdin) + demo --cases 50"
  printf '%s\n' "$password" | wexe "$cli" --lang zh --data-dir "$village_win" init --org-code 330102001 \
    --org-name 石桥村人民调解委员会 --level village --parent-code 330102 --admin admin --password-stdin \
    || fail "init"
  wexe "$cli" --lang zh --data-dir "$village_win" demo --cases 50 || fail "demo --cases 50"

  step "cases --json piped: UTF-8 JSON with Chinese names; check"
  wexe "$cli" --data-dir "$village_win" cases --json > "$work/cases.json" || fail "cases --json"
  case_no=$(python3 packaging/windows/check_cases_json.py "$work/cases.json" 50) || fail "cases --json is not UTF-8 JSON with Chinese names"
  wread "$cli" --lang zh --data-dir "$village_win" check || fail "check"

  step "agreement PDF with embedded fonts"
  if [ -z "$case_no" ]; then
    fail "no demo case with an agreement"
  else
    wexe "$cli" --lang zh --data-dir "$village_win" pdf agreement "$case_no" --out "$install_dir_win\\协议书 $tag.pdf" \
      || fail "pdf agreement $case_no"
    pdf="$install_dir_unix/协议书 $tag.pdf"
    head -c 5 "$pdf" 2>/dev/null | grep -q '%PDF-' || fail "agreement PDF does not start with %PDF-"
    grep -aq '/FontFile2' "$pdf" 2>/dev/null || fail "agreement PDF has no embedded TrueType font"
  fi

  step "a user error is one line in Chinese (UTF-8), exit 1"
  err=$(wexe "$cli" --lang zh --data-dir "$village_win" pdf agreement 不存在的编号 --out "$install_dir_win\\x.pdf" 2>&1 >/dev/null)
  rc=$?
  [ "$rc" -eq 1 ] || fail "unknown case number: exit $rc, expected 1"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s' "$err" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 \
    && printf '%s' "$err" | LC_ALL=C.UTF-8 grep -qP '\p{Han}' || fail "unknown case number: expected one Chinese line, got: $err"

  step "window offscreen: first paint, from the console program and from MediationDesktop.exe"
  for lang in zh en; do
    run python3 packaging/windows/first_window.py "windows-wine-$tag-$lang" -- \
      "${loader[@]}" "$cli" --lang "$lang" --data-dir "$village_win" gui || fail "window ($lang)"
  done
  local gui_rc=0
  gui_window || gui_rc=$?
  [ "$gui_rc" -ne 2 ] || { gui_rc=0; gui_window again || gui_rc=$?; }
  [ "$gui_rc" -eq 0 ] || fail "MediationDesktop.exe (the window program) did not paint and quit"
  linux_exe=""
  if [ -x dist/MediationDesktop/mediation-desktop ]; then linux_exe=dist/MediationDesktop/mediation-desktop
  elif [ -x .venv/bin/mediation-desktop ]; then linux_exe=.venv/bin/mediation-desktop; fi
  if [ -n "$linux_exe" ]; then  # the same data folder, read by the Linux program, for comparison
    env QT_QPA_PLATFORM=offscreen MEDIATION_DESKTOP_USER=admin MEDIATION_DESKTOP_PASSWORD="$password" \
      python3 packaging/windows/first_window.py "linux-$tag-zh" -- "$linux_exe" --lang zh \
      --data-dir "$village_unix" gui || step "  (the Linux program did not paint: not a Windows failure)"
  fi

  step "export a bundle; import refused while untrusted, dry run after keys trust"
  bundle_win="$install_dir_win\\导出 $tag.bundle"
  wexe "$cli" --lang zh --data-dir "$village_win" export --out "$bundle_win" --all --no-encrypt || fail "export"
  [ -s "$install_dir_unix/导出 $tag.bundle" ] || fail "export wrote no file"
  printf '%s\n' "$password" | wexe "$cli" --lang zh --data-dir "$township_win" init --org-code 330102 \
    --org-name 石桥镇人民调解委员会 --level township --admin admin --password-stdin || fail "init township"
  wexe "$cli" --lang zh --data-dir "$township_win" import "$bundle_win" --dry-run >/dev/null 2>"$work/untrusted.err"
  rc=$?
  [ "$rc" -eq 1 ] && [ "$(wc -l < "$work/untrusted.err")" -eq 1 ] \
    || fail "import from an untrusted sender: exit $rc, expected one line and exit 1: $(cat "$work/untrusted.err")"
  wexe "$cli" --data-dir "$village_win" keys export-public --out "$install_dir_win\\village $tag.pub" || fail "keys export-public"
  wexe "$cli" --lang zh --data-dir "$township_win" keys trust "$install_dir_win\\village $tag.pub" || fail "keys trust"
  wexe "$cli" --lang zh --data-dir "$township_win" import "$bundle_win" --dry-run || fail "import --dry-run"

  step "backup to a file, restore it, check"
  backup_win="$install_dir_win\\备份 $tag.zip"
  wexe "$cli" --lang zh --data-dir "$village_win" backup --out "$backup_win" || fail "backup --out"
  [ -s "$install_dir_unix/备份 $tag.zip" ] || fail "backup wrote no file"
  # a backup written outside the data folder is encrypted: the director's password opens it
  printf '%s\n' "$password" | wexe "$cli" --lang zh --data-dir "$village_win" restore "$backup_win" --password-stdin \
    || fail "restore"
  wread "$cli" --lang zh --data-dir "$village_win" check || fail "check after restore"
  wread "$cli" --data-dir "$village_win" cases --json > "$work/after.json" || fail "cases --json after restore"
  python3 packaging/windows/check_cases_json.py "$work/after.json" 50 >/dev/null || fail "cases after restore"
  return $((failures > 100 ? 100 : failures))
}

# One wineserver for every step, kept a minute past the last process (installer.sh stops it): an idle server exits
# 3 s after its last process, and a step started just then under load was refused by the exiting server ("wine client
# error:0: recvmsg: Connection reset by peer": the township's init, once in a CI run). `-w` first: a server the build
# left running would keep its own persistence.
env -i PATH=/usr/bin:/bin HOME="$HOME" WINEPREFIX="$WINEPREFIX" WINEARCH=win64 wineserver -w
env -i PATH=/usr/bin:/bin HOME="$HOME" WINEPREFIX="$WINEPREFIX" WINEARCH=win64 wineserver -p60

if [ ${#locales[@]} -eq 1 ] || [ "${SMOKE_SERIAL:-0}" = 1 ]; then
  for loc in "${locales[@]}"; do
    smoke_locale "$loc"
    total=$((total + $?))
  done
else
  pids=()
  for loc in "${locales[@]}"; do
    smoke_locale "$loc" > "$work/${loc%%.*}.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!locales[@]}"; do
    wait "${pids[$i]}"
    total=$((total + $?))
    cat "$work/${locales[$i]%%.*}.log" >&2
  done
fi
failures=$total
if [ "$failures" -eq 0 ]; then
  echo "SMOKE-WINDOWS OK (${locales[*]})"
  exit 0
fi
echo "SMOKE-WINDOWS FAILED ($failures step(s))"
exit 1
