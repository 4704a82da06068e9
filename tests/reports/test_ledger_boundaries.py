"""What a ledger (台账) or party list may bring in (issue 15): clean text, days in 1900–2100, numbers in range, and a
CSV with a bad byte named by its line. A bad row is refused with its row number and column; nothing is written
until the user confirms, and then only the good rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from mediation_desktop.cli import main
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports.ledger import BY_KEY
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.services.party_file import read_party_file
from mediation_desktop.storage.models import Case, Party

TODAY = dt.date(2026, 11, 22)
HOSTILE = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u202d", "\u2067", "\u200f", "\u061c", "\u200b",
           "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\U000e0001"]
TEXT_COLUMNS = ["case_no", "title", "source_detail", "applicants", "respondents", "third_parties", "summary",
                "mediator", "note"]
HEADER = ["受理日期", "纠纷类型", *(BY_KEY[k].header for k in TEXT_COLUMNS)]


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"'
    path.write_bytes(("\r\n".join(",".join(map(q, r)) for r in [HEADER, *rows]) + "\r\n").encode(encoding))
    return path


def _row(i: int, **cells: str) -> list[str]:
    base = {"case_no": f"（2025）石桥村人调字第{i}号", "title": f"案件{i}", "source_detail": "", "applicants": f"张{i}",
            "respondents": f"李{i}", "third_parties": "", "summary": "争执", "mediator": "陈喆", "note": ""}
    base.update(cells)
    return [f"2025-03-{i:02d}", "邻里纠纷", *(base[k] for k in TEXT_COLUMNS)]


def _cases(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(column=st.sampled_from(TEXT_COLUMNS), char=st.sampled_from(HOSTILE), at=st.integers(0, 3))
def test_a_hostile_character_in_any_cell_refuses_its_row_naming_row_and_column(
        empty_install, tmp_path_factory, column: str, char: str, at: int) -> None:
    value = _row(2)[2 + TEXT_COLUMNS.index(column)]
    path = _csv(tmp_path_factory.mktemp("l") / "台账.csv",
                [_row(1), _row(2, **{column: value[:at] + char + value[at:]}), _row(3)])
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "error", "new"]
    bad = plan.rows[1]
    assert bad.line == 3 and bad.parsed is None
    assert [p.key for p in bad.problems] == ["text.invisible"]
    for lang in ("zh", "en"):
        message = tr("ledger.row_error", lang, row=bad.line, message=bad.problems[0].text(lang))
        assert BY_KEY[column].header in message and f"U+{ord(char):04X}" in message and "3" in message
        assert "\n" not in message and char not in message


def test_only_the_good_rows_are_written(empty_install, director, tmp_path: Path) -> None:
    path = _csv(tmp_path / "台账.csv", [_row(1), _row(2, applicants="张\x07二"), _row(3, summary="第一行\n第二行\t缩进"),
                                       _row(4, title="张四与李四\n宅基地纠纷")])
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "error", "new", "new"]
    apply_import(empty_install, director, plan, today=TODAY)
    with empty_install.read_session() as s:
        assert s.scalar(select(Case.summary).where(Case.title == "案件3")) == "第一行\n第二行\t缩进"  # several lines
        assert s.scalar(select(func.count()).select_from(Case).where(Case.title == "张四与李四 宅基地纠纷")) == 1
        assert not any("\x07" in n for n in s.scalars(select(Party.name)))


@pytest.mark.parametrize(("cells", "column", "words"), [
    ({"accepted_on": "9999-12-31"}, "受理日期", "1900"),
    ({"accepted_on": "1899-12-31"}, "受理日期", "1900"),
    ({"accepted_on": "二〇一〇年一月一日", "closed_on": "9999-01-01"}, "结案日期", "1900"),
    ({"accepted_on": "99991231"}, "受理日期", "1900"),
    ({"case_no": "（2025）石桥村人调字第123456789012345678901234567890号"}, "案件编号", "999999"),
    ({"case_no": "（2025）石桥村人调字第0号"}, "案件编号", "999999"),
    ({"amount": "1" + "0" * 20}, "涉及金额", "999999999999.99"),
    ({"amount": "9" * 30 + "万元"}, "涉及金额", "999999999999.99"),
    ({"prevented_persons": "1" * 30}, "防止激化涉及人数", "1000000"),
])
def test_days_and_numbers_beyond_their_range_refuse_the_row(empty_install, director, tmp_path: Path,
                                                             cells: dict[str, str], column: str, words: str) -> None:
    keys = ["accepted_on", "category", "applicants", "case_no", "closed_on", "amount", "prevented_persons"]
    good = {"accepted_on": "2025-03-01", "category": "邻里", "applicants": "张三", "case_no": "", "closed_on": "",
            "amount": "", "prevented_persons": ""}
    path = tmp_path / "台账.csv"
    lines = [",".join(BY_KEY[k].header for k in keys), ",".join(good[k] for k in keys),
             ",".join({**good, "applicants": "李四", **cells}[k] for k in keys)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")  # as written (no \r\r\n on Windows)
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert [r.status for r in plan.rows] == ["new", "error"], [r.messages() for r in plan.rows]
    message = tr("ledger.row_error", "zh", row=plan.rows[1].line, message=plan.rows[1].messages("zh")[0])
    assert message.startswith("第 3 行") and column in message and words in message, message
    assert plan.rows[1].problems[0].key.startswith("limit."), message
    apply_import(empty_install, director, plan, today=TODAY)
    assert _cases(empty_install) == 1


@pytest.mark.parametrize("line", [2, 5, 40])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_a_csv_with_one_bad_byte_is_refused_naming_its_line(empty_install, tmp_path: Path, line: int,
                                                            encoding: str) -> None:
    rows = [_row(i % 28 + 1) for i in range(1, 45)]
    path = _csv(tmp_path / "石桥村台账.csv", rows, encoding)
    raw = path.read_bytes().split(b"\r\n")
    raw[line - 1] = raw[line - 1].replace("张".encode(encoding), b"\xff", 1)
    path.write_bytes(b"\r\n".join(raw))
    with pytest.raises(MediationError) as err:
        read_sheet(path)
    assert err.value.key == "ledger.bad_byte" and err.value.params["line"] == line
    text = tr(err.value.key, "zh", **err.value.params)
    assert f"第 {line} 行" in text and "石桥村台账.csv" in text and "\n" not in text
    assert f"line {line}" in tr(err.value.key, "en", **err.value.params)
    # the party list reads CSV the same way
    with pytest.raises(MediationError) as err:
        read_party_file(path)
    assert err.value.key == "party_file.bad_byte" and err.value.params["line"] == line


@pytest.mark.parametrize("char", ["\x07", "\u202e", "\u200b", "\n"])
def test_a_party_list_with_a_hostile_cell_is_refused_whole(tmp_path: Path, char: str) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(f'姓名,身份证号,电话,住址\r\n张三,,,村一组\r\n"李{char}四",,,村二组\r\n', encoding="utf-8",
                    newline="")  # the CRLF as written, not doubled by Windows text mode
    with pytest.raises(MediationError) as err:
        read_party_file(path)
    assert err.value.key == "party_file.unsafe_text" and err.value.params["row"] == 3
    assert "\n" not in tr(err.value.key, "zh", **err.value.params)


@pytest.mark.parametrize("argv", [
    ["report", "--period", "9999"], ["report", "--period", "9999-Q4"], ["report", "--period", "0001-01"],
    ["report", "--period", "2026-01-01..9999-12-31"], ["ledger", "export", "--period", "9999"],
    ["cases", "--limit", "1" * 30], ["demo", "--cases", "9" * 30], ["demo", "--seed", "9" * 30],
])
def test_command_line_numbers_and_periods_beyond_range_are_one_line(paths, capsys, tmp_path: Path,
                                                                    argv: list[str]) -> None:
    out = ["--out", str(tmp_path / "out.xlsx")] if argv[0] in ("report", "ledger") else []
    code = main(["--data-dir", str(paths.root), *argv, *out])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "OverflowError" not in err, err
    assert ("1900" in err and "2100" in err) or "范围" in err, err
    assert not (tmp_path / "out.xlsx").exists()
