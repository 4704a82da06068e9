"""What the command line says of a failure, in one line in the user's language.

An expected error (:class:`MediationError`) is its message, its detail said in Chinese by the catalogue
(:mod:`mediation_desktop.failure_details`, for the window too). An ``OSError`` nothing else explained is the file
and the reason, not the exception's class name.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from mediation_desktop import i18n
from mediation_desktop.errors import MediationError
from mediation_desktop.failure_details import os_error_text_zh, os_reason
from mediation_desktop.i18n import tr


def shown_path(path: object) -> str:
    """A path as the user typed it. Under a locale that cannot decode it (``LC_ALL=C`` reading a Chinese folder
    name) Python keeps its bytes as surrogates, which would print as ``?``: they are UTF-8, said as such."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    if not re.search("[\udc80-\udcff]", text):
        return text
    return text.encode(sys.getfilesystemencoding(), "surrogateescape").decode("utf-8", "replace")


def os_error_line(exc: OSError) -> str:
    path = exc.filename2 if exc.filename2 is not None else exc.filename  # (a rename: where it was going)
    if path is None:
        return tr("cli.os_error_no_path", reason=os_reason(exc.errno))
    return tr("cli.os_error", path=shown_path(path), reason=os_reason(exc.errno))


def error_line(exc: MediationError) -> str:
    """The message of an expected error (its ``detail`` said in Chinese by :func:`i18n.tr`); in Chinese, a
    system's reason in any other parameter too."""
    params: dict[str, Any] = dict(exc.params)
    if i18n.current_language() == i18n.ZH:
        params = {k: os_error_text_zh(v) if isinstance(v, str) and k != "detail" else v for k, v in params.items()}
    return tr(exc.key, **params)
