"""What an import says of a hostile file is one clear line each: a CSV cell longer than the csv module reads is
refused naming its line (never 「程序出错了」), a value quoted in a message is cut after 40 characters (a
5,000-character name, a date of 300 digits), and an invisible or direction-changing character in it is written as
U+XXXX, never raw (a U+202E would turn the message around)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from mediation_desktop.cli import main
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports.ledger_import import plan_import, read_sheet
from mediation_desktop.services.party_file import read_party_file
from mediation_desktop.storage.models import Case

TODAY = dt.date(2026, 12, 5)
HEADER = ["序号", "受理时间", "申请人", "被申请人", "纠纷类别", "纠纷简要情况", "涉及金额", "调解结果", "协议形式",
          "结案时间", "调解员", "备注"]
HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\x00-\x08\x0b-\x1f\x7f]")


def _row(i: int, applicant: str = "张三", accepted: object = "2024.3.5", closed: object = "2024.3.6") -> list[object]:
    return [i, accepted, applicant, "李四", "邻里纠纷", "排水沟堵塞", "1200", "调解成功", "口头", closed, "王调解", ""]


def _cases(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def _big_cell_csv(path: Path) -> Path:
    lines = [",".join(HEADER), ",".join(map(str, _row(1))), '2,2024.3.5,"' + "x" * 131_073 + '",李四']
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    return path


def test_a_ledger_csv_with_an_oversized_cell_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = _big_cell_csv(tmp_path / "台账.csv")
    with pytest.raises(MediationError) as err:
        read_sheet(path)
    assert err.value.key == "ledger.cell_too_big" and err.value.params["line"] == 3
    line = tr(err.value.key, **err.value.params)
    assert "台账.csv" in line and "第 3 行" in line and "131,072" in line and "\n" not in line


def test_the_command_says_the_oversized_cell_in_one_line(empty_install, capsys, tmp_path: Path) -> None:
    path = _big_cell_csv(tmp_path / "台账.csv")
    code = main(["--data-dir", str(empty_install.paths.root), "ledger", "import", str(path)])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1, err
    assert "131,072" in err and "内部错误" not in err and "Error" not in err, err
    assert _cases(empty_install) == 0


def test_a_party_list_csv_with_an_oversized_cell_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text('姓名,身份证号,电话,住址\r\n张三,,,村一组\r\n"' + "李" * 140_000 + '",,,村二组\r\n',
                    encoding="utf-8", newline="")
    with pytest.raises(MediationError) as err:
        read_party_file(path)
    assert err.value.key == "party_file.cell_too_big" and err.value.params["line"] == 3
    assert "\n" not in tr(err.value.key, **err.value.params)


def test_quoted_values_are_cut_and_show_hidden_characters_as_code_points(empty_install, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(_row(1, applicant="张" * 5000))
    ws.append(_row(2, closed=1e308))
    ws.append(_row(3, accepted="1" * 400))
    ws.append(_row(4, accepted="2024年\u202e3月5日"))
    ws.append(_row(5, applicant="张三" + "\u202e" * 2 + "李" * 100))
    wb.save(tmp_path / "台账.xlsx")
    plan = plan_import(empty_install, read_sheet(tmp_path / "台账.xlsx"), today=TODAY)
    messages = [m for r in plan.rows for m in r.messages()]
    assert len(messages) >= 5
    for message in messages:
        assert len(message) < 200, message  # (the 5,000-character name is not said in full)
        assert not HIDDEN.search(message), ascii(message)
        assert not re.search("[张1李]{41}", message), message
    assert any("张" * 40 + "…" in m for m in messages)
    assert any("U+202E" in m for m in messages)
    assert _cases(empty_install) == 0
