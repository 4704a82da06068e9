"""Running the real ``mediation-desktop`` command, for the CLI tests.

It signs in as the tests' director through ``MEDIATION_DESKTOP_USER`` / ``MEDIATION_DESKTOP_PASSWORD``, which
``tests/conftest.py`` sets for every test (``env`` may say otherwise: another user, or an empty one for none).

A call runs the same ``main()`` that ``python -m mediation_desktop`` runs, in the test's own process, with the
environment, stdin, stdout, stderr and umask a subprocess would have had, all put back after, unless the test
asks for a real process (``process=True``: what a test's point needs of a process — its own stdin, exit
status, umask, code page or a kill — and every test named "…in a real process"). A process costs
1–4 s to start and import the program on Linux, several under Wine (the suites' time went there, issue 16);
the command's own behaviour is the same in either, and the program's process start, pipes, exit status and
code pages are exercised by ``tests/cli/test_utf8_output.py``, the real-process tests (``tests/sync/test_cli.py``,
``tests/cli/test_sign_in.py``, ``tests/safety/test_data_permissions.py``, the kill and fault harnesses) and
``packaging/smoke.sh`` / ``packaging/windows/smoke.sh`` on the built program. ``MEDIATION_TEST_CLI_PROCESS=1``
makes every call a subprocess (as every call was on Linux before).
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

IN_PROCESS = os.environ.get("MEDIATION_TEST_CLI_PROCESS") != "1"


def run(data: Path, *args: str, stdin: str = "", lang: str = "zh", env: dict[str, str] | None = None,
        process: bool = False) -> subprocess.CompletedProcess[str]:
    if IN_PROCESS and not process:
        return _run_in_process(data, args, stdin, lang, env)
    full_env = {**os.environ, "MEDIATION_DESKTOP_LANG": lang, **(env or {})}
    full_env.pop("MEDIATION_DESKTOP_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "mediation_desktop", "--data-dir", str(data), *args],
                          input=stdin, capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120)


def _run_in_process(data: Path, args: tuple[str, ...], stdin: str, lang: str,
                    env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    """``main()`` with the environment, stdin, stdout, stderr and umask a subprocess would have had, all put back."""
    from mediation_desktop import i18n
    from mediation_desktop.cli import main

    argv = ["--data-dir", str(data), *args]
    saved_env = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_showwarning = warnings.showwarning  # (the Chinese command line sends warnings to its log)
    out, err = io.StringIO(), io.StringIO()
    saved_umask = os.umask(0o022)  # (read it: main() narrows it for the process, as the program does)
    os.umask(saved_umask)
    gc.freeze()  # the collection after the call walks only what the call made, not the suite's whole heap
    try:
        os.environ.update({"MEDIATION_DESKTOP_LANG": lang, **(env or {})})
        os.environ.pop("MEDIATION_DESKTOP_DATA_DIR", None)
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's usage errors (exit 2), as in a process
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.umask(saved_umask)
        warnings.showwarning = saved_showwarning
        i18n.set_language(i18n.ZH)
        # what a process would close when it ends: database connections and files still open would keep
        # Windows from replacing or removing the files the next call (or the test) touches
        gc.collect()
        gc.unfreeze()
    return subprocess.CompletedProcess([sys.executable, "-m", "mediation_desktop", *argv], code,
                                       out.getvalue(), err.getvalue())


INIT = ("init", "--org-code", "330102001", "--org-name", "石桥村人民调解委员会", "--level", "village",
        "--parent-code", "330102", "--admin", "admin", "--password-stdin")
