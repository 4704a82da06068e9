"""The search keys of many imported cases, made by a second interpreter while this one writes the rows.

Making the keys (pinyin, suffixes, character pairs) is most of the cost of making imported cases
searchable; on two cores it overlaps with verifying and writing. A child interpreter (``python -c``,
as the demo writer does), not ``multiprocessing``, which would re-run an unguarded main script.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from typing import IO, Any

from mediation_desktop.services.search_keys import CaseText, text_terms

MIN_CASES = 10_000  # below this, starting an interpreter (≈1 s to import the search code) costs more than it saves


def _child_main() -> None:
    """Read pickled texts from stdin; write the pickled list of their key sets to stdout."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    items: list[tuple[str, str, list[str], list[str]]] = pickle.load(sys.stdin.buffer)
    result = [text_terms(CaseText("", "", title, summary, names, numbers)) for title, summary, names, numbers in items]
    try:
        pickle.dump(result, out, pickle.HIGHEST_PROTOCOL)
        out.flush()
    except BrokenPipeError:
        pass


class TermMaker:
    """Started with the texts; ``result()`` gives their keys in the same order (or None if it failed)."""

    def __init__(self, texts: list[CaseText]) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self._errors: IO[bytes] = tempfile.TemporaryFile()
        self._proc = subprocess.Popen([sys.executable, "-c", f"from {__name__} import _child_main; _child_main()"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors, env=env)
        assert self._proc.stdin is not None
        payload = [(t.title, t.summary, list(t.names), list(t.numbers)) for t in texts]
        try:
            pickle.dump(payload, self._proc.stdin, pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.close()
        except BrokenPipeError:
            pass

    def result(self) -> list[set[str]] | None:
        assert self._proc.stdout is not None
        try:
            got: Any = pickle.load(self._proc.stdout)
        except (EOFError, pickle.UnpicklingError):
            got = None
        finally:
            self.close()
        return got if isinstance(got, list) else None

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._errors.close()
