"""Running the real ``mediation-desktop`` command, for the CLI tests.

It signs in as the tests' director through ``MEDIATION_DESKTOP_USER`` / ``MEDIATION_DESKTOP_PASSWORD``, which
``tests/conftest.py`` sets for every test (``env`` may say otherwise: another user, or an empty one for none).

On Linux every call is a subprocess (``python -m mediation_desktop``). On Windows a call runs the same
``main()`` in the test's own process unless the test asks for a real process (``process=True``: what a
test's point needs of a process — its own stdin, exit status, umask or code page — and every test named
"…in a real process"). Under Wine each Windows process costs seconds to start (the suite's time went
there, issue 16); the command's own behaviour is the same in either, and the Windows program's process
start, pipes and code pages are exercised by ``tests/cli/test_utf8_output.py``, the real-process tests and
``packaging/windows/smoke.sh`` on the built ``.exe``. ``MEDIATION_TEST_CLI_PROCESS=1`` makes every call a
subprocess on Windows too.
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from pathlib import Path

IN_PROCESS = sys.platform == "win32" and os.environ.get("MEDIATION_TEST_CLI_PROCESS") != "1"


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
    """``main()`` with the environment, stdin, stdout and stderr a subprocess would have had, all put back."""
    from mediation_desktop import i18n
    from mediation_desktop.cli import main

    argv = ["--data-dir", str(data), *args]
    saved_env = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
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
        i18n.set_language(i18n.ZH)
        # what a process would close when it ends: database connections and files still open would keep
        # Windows from replacing or removing the files the next call (or the test) touches
        gc.collect()
        gc.unfreeze()
    return subprocess.CompletedProcess([sys.executable, "-m", "mediation_desktop", *argv], code,
                                       out.getvalue(), err.getvalue())


INIT = ("init", "--org-code", "330102001", "--org-name", "石桥村人民调解委员会", "--level", "village",
        "--parent-code", "330102", "--admin", "admin", "--password-stdin")
