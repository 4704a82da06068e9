"""What the command line says of a failure, in one line in the user's language.

An expected error (:class:`MediationError`) is its message; some carry a detail written by the system or a
library in English (an ``OSError``'s ``[Errno 21] Is a directory: …``, the PostgreSQL client's "Connection
refused"): in Chinese such a detail is said again in Chinese where it is one the command line knows. An
``OSError`` nothing else explained is the file and the reason, not the exception's class name.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from typing import Any

from mediation_desktop import i18n
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr

_ERRNO_KEYS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.EEXIST: "os.exists",
    errno.EROFS: "os.read_only",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EBUSY: "os.busy",
    errno.ETXTBSY: "os.busy",
    errno.ENOTEMPTY: "os.not_empty",
    errno.EINVAL: "os.invalid",
    errno.ELOOP: "os.too_many_links",
}


def os_reason(code: int | None) -> str:
    """Why the system refused a file, in the current language."""
    key = _ERRNO_KEYS.get(code or 0)
    return tr(key) if key else tr("os.other", code=code if code is not None else "?")


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


# "[Errno 21] Is a directory: '/a' -> '/b'": str() of an OSError, as a message's detail may carry it
_OS_ERROR_TEXT = re.compile(r"\[Errno (\d+)\] [^:\]\[]+?(?:: '([^']*)')?(?: -> '([^']*)')?(?=$|[）)；;，,])")


def _os_error_text_zh(text: str) -> str:
    def said(found: re.Match[str]) -> str:
        code = int(found.group(1))
        if code not in _ERRNO_KEYS:
            return found.group(0)
        path = found.group(3) or found.group(2)
        return f"{os_reason(code)}：{path}" if path else os_reason(code)

    return _OS_ERROR_TEXT.sub(said, text)


# a file's damage as the services name it in a detail (an exception's class name, a word of a parser)
_FILE_DETAILS = {
    "BadZipFile": "os.detail.not_zip",
    "not JSON": "os.detail.not_json",
    "UnicodeDecodeError": "os.detail.encoding",
    "EOFError": "os.detail.cut_short",
}
_FILE_DETAIL_TEXT = re.compile(r"\b(" + "|".join(re.escape(k) for k in _FILE_DETAILS) + r")\b")


def _file_detail_zh(text: str) -> str:
    return _FILE_DETAIL_TEXT.sub(lambda found: tr(_FILE_DETAILS[found.group(1)]), text)


_DATABASE_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"connection refused", re.I), "db.unreachable.refused"),
    (re.compile(r"failed to resolve host '(?P<host>[^']*)'|could not translate host name \"(?P<host2>[^\"]*)\"",
                re.I), "db.unreachable.host"),
    (re.compile(r"password authentication failed for user", re.I), "db.unreachable.password"),
    (re.compile(r"no password supplied", re.I), "db.unreachable.no_password"),
    (re.compile(r"database \"(?P<name>[^\"]*)\" does not exist", re.I), "db.unreachable.no_database"),
    (re.compile(r"role \"(?P<name>[^\"]*)\" does not exist", re.I), "db.unreachable.no_role"),
    (re.compile(r"timeout expired|timed out", re.I), "db.unreachable.timeout"),
    (re.compile(r"on socket \"(?P<socket>[^\"]*)\" failed: No such file or directory", re.I),
     "db.unreachable.no_socket"),
    (re.compile(r"No module named '(?P<module>[^']*)'", re.I), "db.unreachable.driver"),
    (re.compile(r"^(?P<url>.+?): (?:Can't load plugin|Could not parse .*URL)", re.I), "db.unreachable.url"),
]


def database_detail(detail: str) -> str:
    """Why a database server could not be reached, in the current language (a reason not known here: as the
    client said it)."""
    for pattern, key in _DATABASE_DETAILS:
        found = pattern.search(detail)
        if found is None:
            continue
        values = {k: v for k, v in found.groupdict().items() if v is not None}
        if "host2" in values:
            values["host"] = values.pop("host2")
        values.setdefault("host", "?")
        return tr(key, **values)
    return detail


def error_line(exc: MediationError) -> str:
    """The message of an expected error; in Chinese, the English details it carries said in Chinese."""
    params: dict[str, Any] = dict(exc.params)
    if i18n.current_language() == i18n.ZH:
        if exc.key == "db.unreachable" and isinstance(params.get("detail"), str):
            params["detail"] = database_detail(params["detail"])
        params = {k: _os_error_text_zh(v) if isinstance(v, str) else v for k, v in params.items()}
        if isinstance(params.get("detail"), str):
            params["detail"] = _file_detail_zh(params["detail"])
    return tr(exc.key, **params)
