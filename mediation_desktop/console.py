"""What the command line prints is UTF-8, whatever the code page or locale.

Python writes to a pipe or a file in the locale's encoding: GBK on a Chinese Windows (code page 936),
cp1252 on an English one (every Chinese character a ``?``), ASCII under ``LC_ALL=C``. A mediator's
``cases --json > 案件.json`` or a script reading the output must always get UTF-8, so every text stream
that is not already UTF-8 is switched to it. A Windows console is left alone: Python writes to it with
the console's wide-character API (its streams already say ``utf-8``), so Chinese shows on any code page.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO


def _is_utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(stream.encoding or "ascii").name == "utf-8"
    except LookupError:
        return False


def use_utf8_output() -> None:
    """Switch stdout and stderr to UTF-8 (undecodable text replaced, never an error)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None in a program without a console
        if reconfigure is None:
            continue
        if _is_utf8(stream):
            reconfigure(errors="replace")
        else:
            stream.flush()
            reconfigure(encoding="utf-8", errors="replace")
