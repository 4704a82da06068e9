"""Checking that a named pipe is refused, not opened: the call runs on a thread, and a call stuck in ``open`` (it
waits for a writer) is freed by opening the pipe for writing, then the test fails saying so."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

WAIT = 10.0  # seconds: a refusal takes a stat; a call that opened the pipe would wait for ever


def raised_without_opening(fifo: Path, call: Callable[[], Any]) -> BaseException:
    """What ``call`` raised; the test fails if it returned, or if it was still waiting on ``fifo`` after :data:`WAIT`."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # (handed to the test)
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(WAIT)
    if thread.is_alive():
        try:  # free the reader stuck in open(): a writer comes, and goes at once
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        thread.join(WAIT)
        pytest.fail(f"{fifo.name}: the pipe was opened (the call waited for a writer)")
    if "error" not in outcome:
        pytest.fail(f"{fifo.name}: nothing was refused (returned {outcome.get('value')!r})")
    return outcome["error"]
