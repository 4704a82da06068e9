"""The search tokens of many cases made in a second interpreter while this one writes (bulk imports).

An import of 20,000 cases spends about a third of its time making the tokens of the new cases
(``search_keys.case_tokens``: pinyin, suffixes, pairs). They depend only on the bundle's own rows, so a second
process makes them while this one writes the records; on a 2-core laptop the two overlap. The child is a
plain ``python -c`` (not ``multiprocessing``: that re-runs an unguarded main script), as the demo's case maker
is. Where there is no interpreter to start (a frozen build) or the child fails in any way, the tokens are made
here, the same function on the same text: the result never depends on where they were made.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from typing import IO

from mediation_desktop.services.search_keys import CaseText, case_tokens

__all__ = ["THRESHOLD", "TokenWorker"]

THRESHOLD = 5000  # from this many cases on a second process pays for its start (~0.3 s)

Tokens = tuple[str, str, str]


def _child_main() -> None:
    """The second process: read the pickled texts from stdin, write their tokens to stdout."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print() must not corrupt the stream
    texts: list[CaseText] = pickle.load(sys.stdin.buffer)
    try:
        pickle.dump([case_tokens(t) for t in texts], out, pickle.HIGHEST_PROTOCOL)
        out.flush()
    except BrokenPipeError:  # the parent has gone: stop quietly
        pass


class TokenWorker:
    """``start(texts)`` hands the texts to a second process (or keeps them); ``tokens()`` returns
    ``case_tokens()`` of each, in order."""

    def __init__(self) -> None:
        self._texts: list[CaseText] = []
        self._proc: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None

    def start(self, texts: Sequence[CaseText]) -> None:
        self._texts = list(texts)
        if len(self._texts) < THRESHOLD or getattr(sys, "frozen", False) or not sys.executable:
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self._errors = tempfile.TemporaryFile()
        try:
            self._proc = subprocess.Popen([sys.executable, "-c", f"from {__name__} import _child_main; _child_main()"],
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
                                          env=env)
            assert self._proc.stdin is not None
            data = pickle.dumps(self._texts, pickle.HIGHEST_PROTOCOL)
        except OSError:
            self.close()
            return
        self._feed(data)

    def _feed(self, data: bytes) -> None:
        """Write the texts to the child without waiting for it to read them all (a pipe holds 64 kB)."""
        import threading

        proc = self._proc
        assert proc is not None and proc.stdin is not None
        stdin = proc.stdin

        def feed() -> None:
            try:
                stdin.write(data)
                stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass

        self._feeder = threading.Thread(target=feed, daemon=True)
        self._feeder.start()

    def tokens(self) -> list[Tokens]:
        """The tokens of the texts given to ``start``, in their order."""
        proc, texts = self._proc, self._texts
        if proc is not None:
            assert proc.stdout is not None
            try:
                made: list[Tokens] = pickle.load(proc.stdout)
                if isinstance(made, list) and len(made) == len(texts):
                    return made
            except Exception:  # any failure of the child: the tokens are made here instead
                pass
            finally:
                self.close()
        return [case_tokens(t) for t in texts]

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
        if self._errors is not None:
            self._errors.close()
            self._errors = None
