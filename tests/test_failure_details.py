"""Every detail a message carries is said in Chinese when the message is (the window and the command line
both show messages through ``i18n.tr``); in English it stays as it was written."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mediation_desktop import failure_details
from mediation_desktop.i18n import tr

SOURCE = Path(__file__).resolve().parents[1] / "mediation_desktop"
# the exceptions whose first argument becomes a detail (``detail=str(exc)`` / ``exc.detail``), and where
EXCEPTIONS = {"ZipRefused": "sync.too_big", "SheetTooBig": "ledger.too_big", "SealedError": "backup.damaged",
              "InvalidRecord": "sync.bad_content", "ChainProblem": "check.audit"}
# what a formatted part of a detail stands for (by the names in its expression)
SAMPLES = [(r"type\(exc\)", "BadZipFile"), (r"problem", "source/org_code: 'org_code' is a required property"),
           (r"sha", "0a1b2c3d4e5f"), (r"record_type", "cases"), (r"ref", "A1:ZZ9"), (r"\bc\.name\b", "status"),
           (r"name|member|doc|filename", "records/cases.json")]
ALLOWED = {"JSON", "json", "zip", "MB", "manifest", "reference", "records"}  # words a Chinese detail may name
FALLBACKS = {"内容不对", "读写出错", "连接不上", "数据库报告了错误", "数据库文件内部有损坏", "打印机报告了错误"}


def _sample(node: ast.expr) -> tuple[str, list[str]] | None:
    """The text a literal or f-string detail has, its formatted parts filled with plausible values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, []
    if not isinstance(node, ast.JoinedStr):
        return None
    text, used = "", []
    for part in node.values:
        if isinstance(part, ast.Constant):
            text += str(part.value)
            continue
        assert isinstance(part, ast.FormattedValue)
        source = ast.unparse(part.value)
        value = next((v for pattern, v in SAMPLES if re.search(pattern, source)), "42")
        text, used = text + value, [*used, value]
    return text, used


def _written_details() -> list[tuple[str, str, list[str], str]]:
    """(message key, detail, its filled-in values, where) for every literal detail the program writes."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            details: list[tuple[str, ast.expr]] = []
            if name in EXCEPTIONS and call.args:
                details.append((EXCEPTIONS[name], call.args[-1] if name == "ChainProblem" else call.args[0]))
            for kw in call.keywords:
                if kw.arg == "detail":
                    first = call.args[0] if call.args else None
                    key = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
                    details.append((key, kw.value))
            for key, node in details:
                sample = _sample(node)
                if sample is not None:
                    found.append((key, sample[0], sample[1], f"{path.relative_to(SOURCE)}:{call.lineno}"))
    return found


WRITTEN = _written_details()


def test_the_scan_finds_the_details_the_program_writes():
    """(a scan that found nothing would pass everything below)"""
    assert len(WRITTEN) > 80, len(WRITTEN)
    assert any(d == "nested encryption" for _, d, _, _ in WRITTEN)
    assert any(d.startswith("records/cases.json: rows/42") for _, d, _, _ in WRITTEN)


def _english_left(said: str, used: list[str]) -> list[str]:
    for value in sorted(used, key=len, reverse=True):
        said = said.replace(value, "")
    return [w for w in re.findall(r"[A-Za-z]{2,}", said) if w not in ALLOWED]


def test_every_detail_the_program_writes_has_its_chinese():
    unsaid = []
    for key, detail, used, where in WRITTEN:
        said = failure_details.in_chinese(detail, key)
        if key not in failure_details.KEPT and (said in FALLBACKS or _english_left(said, used)):
            unsaid.append(f"{where}: {detail!r} → {said!r}")
    assert not unsaid, "\n".join(unsaid)


@pytest.mark.parametrize("name", ["BadZipFile", "EOFError", "UnicodeDecodeError", "JSONDecodeError", "error",
                                  "NotImplementedError", "OSError", "InvalidTag", "LargeZipFile"])
def test_the_errors_of_the_parsers_are_named_in_chinese(name):
    said = tr("sync.not_a_bundle", "zh", path="U盘/包.zip", detail=name)
    assert name not in said and failure_details.EXCEPTION_NAMES[name] in said


@pytest.mark.parametrize(("detail", "said"), [
    ("[Errno 28] No space left on device: 'E:\\\\包.zip'", "磁盘或U盘的空间不够了：E:\\\\包.zip"),
    ("[Errno 5] Input/output error", "读写磁盘时出错"),
    ("[WinError 32] The process cannot access the file: 'E:\\\\x.zip'", "正被另一个程序使用：E:\\\\x.zip"),
    ("[WinError 21] 设备未就绪。: 'F:\\\\x.zip'", "设备未就绪"),  # (Chinese Windows said it already)
    ("[Errno 2] No such file or directory: '/备份/x.zip'", "文件或文件夹不存在：/备份/x.zip"),
    ("[Errno 199] Something new", "系统错误 199"),
])
def test_the_systems_reason_is_said_in_chinese(detail, said):
    text = tr("backup.write_failed", "zh", path="E:\\", detail=detail)
    assert said in text and "Errno" not in text.replace(said, ""), text
    assert detail in tr("backup.write_failed", "en", path="E:\\", detail=detail)


def test_the_bundle_schemas_own_words_are_said_in_chinese():
    from mediation_desktop.sync import schema

    docs = [{}, {"kind": 5}, {"kind": "data", "extra": 1}, []]
    problems = [schema.first_error("manifest", d) for d in docs] + [schema.first_error("public-key", {"x": 1})]
    assert all(problems)
    for problem in problems:
        said = tr("sync.bad_content", "zh", path="包.zip", detail=f"manifest {problem}")
        assert not _english_left(said, []), (problem, said)


def test_a_detail_no_rule_knows_is_never_shown_in_english_and_stays_in_english():
    for key in ("sync.bad_content", "backup.write_failed", "backup.damaged", "check.integrity"):
        said = tr(key, "zh", path="包", backup="-", detail="(sqlite3.OperationalError) disk I/O error")
        assert not _english_left(said, []), said
        assert "disk I/O error" in tr(key, "en", path="x", backup="-", detail="(sqlite3.OperationalError) disk I/O "
                                                                           "error")


def test_a_database_address_stays_when_the_reason_is_unknown():
    """(libpq on Windows says of a server it cannot reach "connection is bad: no error details available")"""
    said = tr("db.unreachable", "zh", detail="postgresql+psycopg://nobody@/hub?host=C:\\no-server: connection is bad: "
                                           "no error details available")
    assert said == "无法打开数据库：连接不上（postgresql+psycopg://nobody@/hub?host=C:\\no-server）", said


def test_a_chinese_detail_and_a_program_errors_name_stay_as_they_are():
    assert "无法读写“/备份/x”：没有权限" in tr("backup.auto_failed", "zh", detail="无法读写“/备份/x”：没有权限")
    assert "KeyError" in tr("cli.unexpected", "zh", detail="KeyError")
