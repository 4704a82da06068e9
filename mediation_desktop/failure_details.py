"""A failure's detail said in Chinese.

Messages carry a ``detail`` where the code, the system or a library says what exactly went wrong: the part
of a bundle that was refused (``"records/cases.json: rows/3/status"``, ``"12 members"``), a backup's damage
(``"row counts"``), the system's reason (``"[Errno 28] No space left on device: 'E:\\\\x.zip'"``), a database
server's (``"Connection refused"``). The detail stays in the error as it was written (tests, logs and the
English messages show it as is); :func:`in_chinese` says it again in Chinese when the message is shown in
Chinese, so neither the window nor the command line shows English to a Chinese user. A detail no rule
knows is said as a plain "the content is not right": never the English.

Every detail the program writes has a rule here; ``tests/test_failure_details.py`` reads every place that
writes one and fails when a new English detail has none.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from typing import Any

from mediation_desktop.domain.text import FIELDS

# (by name: a system's errno module may lack some, e.g. Windows' EDQUOT is Winsock's)
_ERRNO_KEYS = {getattr(errno, name): key for name, key in [
    ("ENOENT", "os.not_found"), ("EACCES", "os.denied"), ("EPERM", "os.denied"), ("EISDIR", "os.is_folder"),
    ("ENOTDIR", "os.not_folder"), ("EEXIST", "os.exists"), ("EROFS", "os.read_only"),
    ("ENAMETOOLONG", "os.name_too_long"), ("EBUSY", "os.busy"), ("ETXTBSY", "os.busy"),
    ("ENOTEMPTY", "os.not_empty"), ("EINVAL", "os.invalid"), ("ELOOP", "os.too_many_links"),
    ("ENOSPC", "os.no_space"), ("EDQUOT", "os.no_space"), ("EFBIG", "os.too_big"), ("EIO", "os.io"),
    ("EMFILE", "os.too_many_open"), ("ENFILE", "os.too_many_open"), ("EXDEV", "os.other_disk"),
] if hasattr(errno, name)}


def _tr(key: str, **params: Any) -> str:
    from mediation_desktop.i18n import tr

    return tr(key, None, **params)


def os_reason(code: int | None) -> str:
    """Why the system refused a file, in the current language."""
    key = _ERRNO_KEYS.get(code or 0)
    return _tr(key) if key else _tr("os.other", code=code if code is not None else "?")


# "[Errno 21] Is a directory: '/a' -> '/b'": str() of an OSError, as a message's detail may carry it
_OS_ERROR_TEXT = re.compile(r"\[(Errno|WinError) (\d+)\] [^:\]\[]+?(?:: '([^']*)')?(?: -> '([^']*)')?(?=$|[）)；;，,])")


def os_error_text_zh(text: str) -> str:
    """``text`` with every OSError's ``[Errno N] …`` in it said in the current language (a number not known
    here stays as the system wrote it)."""

    def said(found: re.Match[str]) -> str:
        code = int(found.group(2))
        reason = os_reason(code) if found.group(1) == "Errno" else _win_reason(code)
        path = found.group(4) or found.group(3)
        return f"{reason}：{path}" if path else reason

    return _OS_ERROR_TEXT.sub(said, text)


# Windows' own error numbers, as ``[WinError 5] …`` says them (the text after the number is Windows' own, in
# the language of Windows, so it is not kept)
_WINERROR_KEYS = {2: "os.not_found", 3: "os.not_found", 5: "os.denied", 19: "os.read_only", 32: "os.busy",
                  33: "os.busy", 39: "os.no_space", 80: "os.exists", 112: "os.no_space", 123: "os.invalid",
                  145: "os.not_empty", 183: "os.exists", 206: "os.name_too_long", 267: "os.not_folder",
                  1392: "os.io", 23: "os.io", 21: "os.not_ready"}


def _win_reason(code: int) -> str:
    key = _WINERROR_KEYS.get(code)
    return _tr(key) if key else _tr("os.other", code=code)


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


def database_detail(detail: str) -> str | None:
    """Why a database server could not be reached, in the current language; None for a reason not known."""
    for pattern, key in _DATABASE_DETAILS:
        found = pattern.search(detail)
        if found is None:
            continue
        values = {k: v for k, v in found.groupdict().items() if v is not None}
        if "host2" in values:
            values["host"] = values.pop("host2")
        values.setdefault("host", "?")
        return _tr(key, **values)
    return None


# an exception's class name, as a detail names what a parser or the zip library raised
EXCEPTION_NAMES = {
    "BadZipFile": "不是有效的 zip 文件",
    "BadZipfile": "不是有效的 zip 文件",
    "LargeZipFile": "zip 文件太大",
    "EOFError": "文件不完整",
    "UnicodeDecodeError": "文字编码不对",
    "UnicodeError": "文字编码不对",
    "JSONDecodeError": "内容不是 JSON 格式",
    "error": "解压失败",  # zlib.error, struct.error
    "InvalidTag": "解密失败，可能被改动过",
    "InvalidSignature": "签名不符",
    "NotImplementedError": "压缩方式不支持",
    "ValueError": "内容不对",
    "TypeError": "内容不对",
    "KeyError": "缺少内容",
    "IndexError": "内容不完整",
    "OverflowError": "数值超出范围",
    "RuntimeError": "内容不对",
    "MemoryError": "内容太大",
    "OSError": "读写出错",
    "PermissionError": "没有权限",
    "FileNotFoundError": "文件不存在",
}

_JSON_SCHEMA: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"'(?P<name>[^']*)' is a required property"), "缺少{name}"),
    (re.compile(r"Additional properties are not allowed.*"), "有多余的项"),
    (re.compile(r".* is not of type .*"), "类型不对"),
    (re.compile(r".* is not one of .*"), "不是允许的值"),
    (re.compile(r".* is too (long|short)"), "长度不对"),
    (re.compile(r".* (is less than|is greater than|is more than|is fewer than).*"), "超出范围"),
    (re.compile(r".* (does not match|is not valid under|is not a|should be|must be|is not allowed).*"), "格式不对"),
    (re.compile(r".* has non-unique elements"), "有重复的项"),
    (re.compile(r".*(expected|non-empty|too many|too few).*", re.I), "格式不对"),
]


def _field(name: str) -> str | None:
    """A wire column or property by its Chinese label (None where the domain has none: its English name is
    not shown)."""
    return FIELDS[name][0] if name in FIELDS else None


def _schema_problem(text: str) -> str:
    """``where: message`` of the bundle schema's first error: the place by the labels it has, then what."""
    where, _, said = text.partition(": ")
    parts = [f"第 {int(p) + 1} 项" if p.isdigit() else _field(p) for p in where.split("/")]
    place = "".join(f"“{p}”" if not p.startswith("第") else p for p in parts if p)
    for pattern, zh in _JSON_SCHEMA:
        found = pattern.fullmatch(said)
        if found:
            named = {k: _field(v) or "一项" for k, v in found.groupdict().items()}
            return place + zh.format(**named)
    return place + "格式不对"


def _rows_place(found: re.Match[str]) -> str:
    row, column = found.group("row"), found.group("col")
    place = f"{found.group('file')} 第 {int(row) + 1} 行" if row is not None else found.group("file")
    what = {"keys": "的项不对", "type": "的类型不对", "columns": "的栏目不对", "rows": "的行不对"}
    if column is not None:
        field = _field(column)
        return f"{place}的“{field}”不对" if field else f"{place}不对"
    if row is not None:
        return f"{place}不对"
    return place + what.get(found.group("what") or "", "不对")


_Said = str | Callable[[re.Match[str]], str]

# (the English detail, whole) → its Chinese; first match wins, so the narrow rules come first
_RULES: list[tuple[str, _Said]] = [
    # an attachment that is not what it says (storage.attachment_types, sync.verify)
    (r"name: not an accepted type", "扩展名不是 PDF、JPEG、PNG、TIFF、BMP 中的一种"),
    (r"declared (?P<m>.+), named (?P<t>[A-Z]+)", "标明的类型 {m} 与文件名所说的 {t} 不符"),
    (r"content of no accepted type, named (?P<t>[A-Z]+)",
     "内容不是 PDF、JPEG、PNG、TIFF、BMP 中的任何一种，文件名却说是 {t}"),
    (r"content (?P<f>[A-Z]+), named (?P<t>[A-Z]+)", "内容其实是 {f}，不是文件名所说的 {t}"),
    (r"PDF does not open: (?P<exc>\w+)", "PDF 打不开（不完整、已损坏或有密码）"),
    (r"PDF has no pages", "PDF 里一页也没有"),
    (r"size (?P<a>\d+) recorded, (?P<b>\d+) bytes", "记下的大小 {a} 字节与文件的 {b} 字节不符"),
    # an agreement's terms' own days that are not one per term (sync.verify), before the column's own rule below
    (r"records/agreement\.json: rows/(?P<row>\d+)/term_deadlines \(one per term\)",
     lambda found: f"第 {int(found.group('row')) + 1} 份协议的分项履行期限与协议内容的条数不符"),
    # a record file refused (sync.record_checks)
    (r"(?P<file>records/\w+\.json): (?:(?P<what>keys|type|columns|rows)|rows/(?P<row>\d+)(?:/(?P<col>\w+))?)",
     _rows_place),
    # what no column alone says (sync.verify): a record twice, a category its list lacks, wording that does not fit
    (r"(?P<f>records/\w+\.json): id (?P<id>\S+) twice", "{f} 里同一条记录（{id}）出现了两次"),
    (r"records/mediation_case\.json: category_code (?P<c>\S+) not in (?P<v>\S+)",
     "案件的纠纷类型代码“{c}”不在 {v} 版的分类里"),
    (r"reference\.json wording (?P<w>\S+): no such document", "文书用语里有本程序没有的文书“{w}”"),
    (r"reference\.json wording (?P<w>\S+): no such key", "文书用语“{w}”是本程序的文书里没有的一项"),
    (r"reference\.json wording (?P<w>\S+): not a text", "文书用语“{w}”应当是一段文字"),
    (r"reference\.json wording (?P<w>\S+): not a list of texts", "文书用语“{w}”应当是几段文字"),
    (r"reference\.json wording (?P<w>\S+): not a group of keys", "文书用语“{w}”应当是一组用语"),
    # the bundle's container and its members (sync.container, sync.verify, sync.reference, sync.export)
    (r"reference\.json hub is not the signer", "reference.json 里的乡镇不是签名的单位"),
    (r"payload", "加密的内容解不开"),
    (r"no manifest", "缺少清单 manifest.json"),
    (r"manifest\.json", "清单 manifest.json 读不出"),
    (r"members differ from the manifest", "里面的文件与清单不一致"),
    (r"nested encryption", "加密的数据包里又套了加密的数据包"),
    (r"sealed source", "加密的外层与里面的数据包来源不同"),
    (r"source fingerprint", "发送单位的密钥指纹不符"),
    (r"sequence range", "变更序号的范围不对"),
    (r"forwarded bundles outside a data bundle", "转发的数据包不在数据包里"),
    (r"forwarding too deep", "转发的层数太多"),
    (r"roster fingerprint", "名册的指纹不符"),
    (r"records do not fit together", "记录之间对不上"),
    (r"nested too deep", "内容嵌套的层数太多"),
    (r"a value out of range", "有数值超出范围"),
    (r"no (?P<f>\S*[./]\S*)", "缺少 {f}"),
    (r"counts", "记录条数与清单不符"),
    (r"format", "格式不对"),
    (r"file > (?P<n>\d+)", "文件超过 {n} 字节"),
    (r"(?P<n>\d+) members", "里面有 {n} 个文件，太多"),
    (r"total (?P<n>\d+)", "解压后共 {n} 字节，太大"),
    (r"unexpected member (?P<f>.+)", "有不应有的文件 {f}"),
    (r"(?P<f>\S*[./]\S*): not JSON", "{f} 不是 JSON 格式"),
    (r"(?P<f>\S*[./]\S*): nested too deep", "{f} 里的内容嵌套层数太多"),
    (r"(?P<f>\S*[./]\S*) ratio", "{f} 的压缩比异常"),
    (r"(?P<f>\S*[./]\S*) size", "{f} 的大小与清单不符"),
    (r"(?P<f>\S*[./]\S*) sha256", "{f} 的校验值与清单不符"),
    (r"sha256", "写出的文件与原文件不一致"),
    (r"(?P<f>\S*[./]\S*) count", "{f} 的条数与清单不符"),
    (r"(?P<f>\S*[./]\S*) name", "{f} 的名称不对"),
    (r"(?P<f>\S*[./]\S*) missing", "缺少 {f}"),
    (r"(?P<f>\S*[./]\S*) does not match", "{f} 与清单不符"),
    (r"(?P<f>\S*[./]\S*) (?P<n>\d+)", "{f} 解压后 {n} 字节，太大"),
    (r"(?P<f>\S*[./]\S*) > (?P<n>\d+)", "{f} 超过 {n} 字节"),
    (r"(?P<f>\S*[./]\S*): (?P<exc>[A-Za-z]\w*)", lambda m: f"{m['f']}：{EXCEPTION_NAMES.get(m['exc'], '内容不对')}"),
    # a public key file (sync.keys)
    (r"not JSON", "内容不是 JSON 格式"),
    (r"fingerprint", "指纹不符"),
    (r"signature", "签名不符"),
    # a backup (storage.backup_archive, storage.sealed, services.backup_*, services.restoring)
    # (said as what the user can see or do: no blocks, nonces or keys of the encryption)
    (r"unlock", "文件开头记的解锁信息不对，可能被改动过"),
    (r"header", "文件开头的说明部分不对，可能被改动过或已损坏"),
    (r"header too large", "文件开头的说明部分太大，可能被改动过"),
    (r"not sealed", "不是加密的备份"),
    (r"cut short", "文件不完整（可能没有复制完）或已损坏"),
    (r"newer format", "格式比本程序新"),
    (r"chunk size", "文件开头的说明部分不对，可能被改动过或已损坏"),
    (r"chunk \d+", "文件不完整（可能没有复制完）或已损坏"),
    (r"another backup key", "是用另一台电脑（另一个安装）的备份密钥加密的"),
    (r"content key", "解不开，可能被改动过或已损坏"),
    (r"nonce", "解不开，可能被改动过或已损坏"),
    (r"too long", "文件比应有的长，可能被改动过"),
    (r"too large", "文件太大"),
    (r"row counts", "数据行数与清单不符"),
    (r"zip", "文件不完整（可能没有复制完）或已损坏"),
    (r"no database", "缺少数据库"),
    (r"database SHA-256", "数据库的校验值不符"),
    (r"key (?P<n>.+)", "密钥 {n} 不符"),
    (r"file (?P<n>[0-9a-f]+)", "附件 {n} 不符"),
    (r"foreign key: (?P<t>\S+) row (?P<r>\S+) → (?P<p>\S+)", "数据之间的关联断了"),
    # a zip or spreadsheet over the limits (storage.zip_guard, storage.sheet_guard)
    (r"(?P<n>\d+) entries > (?P<m>\d+)", "有 {n} 个文件，超过 {m} 个"),
    (r"central directory (?P<n>\d+) bytes > (?P<m>\d+)", "目录有 {n} 字节，超过 {m} 字节"),
    (r"more than (?P<m>\d+) entries \((?P<n>\d+) counted\)", "文件超过 {m} 个（已数到 {n} 个）"),
    (r"(?P<f>.+): (?P<n>\d+) bytes > (?P<m>\d+)", "{f} 解压后 {n} 字节，超过 {m} 字节"),
    (r"(?P<n>\d+) bytes in all > (?P<m>\d+)", "解压后共 {n} 字节，超过 {m} 字节"),
    (r"cell reference (?P<r>.*) too long", "单元格位置 {r} 太长"),
    (r"(?P<n>\d+) rows > (?P<m>\d+)", "有 {n} 行，超过 {m} 行"),
    (r"(?P<n>\d+) cells > (?P<m>\d+)", "有 {n} 个单元格，超过 {m} 个"),
    (r"(?P<r>\d+) rows × (?P<c>\d+) columns > (?P<m>\d+) cells", "{r} 行 × {c} 列，超过 {m} 个单元格"),
    (r"(?P<n>\d+) merged cells > (?P<m>\d+)", "有 {n} 个合并单元格，超过 {m} 个"),
    (r"(?P<n>\d+) shared strings > (?P<m>\d+) cells", "有 {n} 个共享字符串，多于 {m} 个单元格"),
    (r"(?P<n>\d+) shared strings > (?P<m>\d+)", "有 {n} 个共享字符串，超过 {m} 个"),
    (r"dimension (?P<d>.*) > (?P<r>\d+) rows, (?P<c>\d+) cells", "表格范围 {d} 超过 {r} 行或 {c} 个单元格"),
    (r"(?P<a>\d+) MB > (?P<b>\d+) MB", "{a} MB，超过 {b} MB"),
    (r"(?P<a>\d+) bytes > (?P<b>\d+)", "{a} 字节，超过 {b} 字节"),
    # the audit chain and the database's own checks (storage.audit, services.health)
    (r"gap: expected (?P<n>\d+)", "序号不连续（这里应是第 {n} 条）"),
    (r"prev_hash", "与上一条的哈希接不上"),
    (r"head", "最新一条与记下的不符"),
    (r"hash", "哈希值不符（内容被改动过）"),
    (r"audit_entry: the append-only trigger is missing or disabled \(UPDATE/DELETE not refused\)",
     "审计日志的防改动保护（触发器）缺失或被关闭"),
    # a JSON file (documents.wording; json's own messages)
    (r"not a JSON object", "内容不是 JSON 对象"),
    (r".+: line (?P<l>\d+) column (?P<c>\d+) \(char \d+\)", "第 {l} 行第 {c} 列不是有效的 JSON"),
]
_PHRASES = [(re.compile(pattern), said) for pattern, said in _RULES]

_SCHEMA_DOC = re.compile(r"(?P<doc>\S+\.json|manifest) (?P<problem>.*: .+)")
_ENGLISH = re.compile(r"[A-Za-z]{2,}")


def _phrase(detail: str) -> str | None:
    for pattern, zh in _PHRASES:
        found = pattern.fullmatch(detail)
        if found is None:
            continue
        if callable(zh):
            return zh(found)
        return zh.format(**found.groupdict())
    if detail in EXCEPTION_NAMES:
        return EXCEPTION_NAMES[detail]
    found = _SCHEMA_DOC.fullmatch(detail)
    if found:
        doc = "清单" if found["doc"] == "manifest" else found["doc"]
        return f"{doc}：{_schema_problem(found['problem'])}"
    return None


_ADDRESS = re.compile(r"(\S+://\S*?): ")
_QUOTED = re.compile(r"'[^']*'|“[^”]*”|\"[^\"]*\"")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# what a detail no rule knows is said as, by its message's key (a plain word: never the English)
_FALLBACKS = [
    ("db.unreachable", "连接不上"),
    ("db.", "数据库报告了错误"),
    ("check.", "数据库文件内部有损坏"),
    ("print.", "打印机报告了错误"),
    ("write_failed", "读写出错"), ("second_failed", "读写出错"), ("auto_failed", "读写出错"),
    ("receipt_failed", "读写出错"), ("pre_restore_failed", "读写出错"), ("verify_after_write", "读写出错"),
]
# messages whose detail is the name of a program error (a code for the log, kept as it is)
KEPT = frozenset({"gui.unexpected", "cli.unexpected", "cli.unexpected_logged"})


def in_chinese(detail: str, key: str = "") -> str:
    """``detail`` (a message ``key``'s) said in Chinese: a known phrase, the system's or the database server's
    reason, an exception's name; a detail already in Chinese as it is; one no rule knows by a plain word of
    its message's kind (内容不对, 读写出错…)."""
    bare = _QUOTED.sub("", detail)  # (a quoted name may hold any letters)
    if key in KEPT or _CJK.search(bare) or not _ENGLISH.search(bare):
        return detail
    if key == "db.unreachable":
        said = database_detail(detail)
        if said is not None:
            return said
    if "[Errno " in detail or "[WinError " in detail:
        return os_error_text_zh(detail)
    said = _phrase(detail.strip())
    if said is not None:
        return said
    said = next((word for part, word in _FALLBACKS if part in key), "内容不对")
    address = _ADDRESS.match(detail)  # (a database's address, as ``storage.database`` puts it first: kept)
    return f"{said}（{address.group(1)}）" if address else said
