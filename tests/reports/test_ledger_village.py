"""An old village ledger (tests/village_ledger.py) imported as .xlsx, .csv and legacy .xls: its amounts, its
own numbers, nothing invented (the year's report counts only the agreements the file states), the dry run
showing how each column and value was read, and the documents of an imported case."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
import village_ledger as vl
from cli_runner import INIT, run
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from mediation_desktop.documents.registry import fitting_documents, render_document
from mediation_desktop.domain.enums import AgreementForm, CaseSource, PartyRole, Performance
from mediation_desktop.errors import MediationError
from mediation_desktop.reports import ledger_names as ln
from mediation_desktop.reports import ledger_parse as lp
from mediation_desktop.reports import statistics
from mediation_desktop.reports.ledger import ledger_rows
from mediation_desktop.reports.ledger_import import apply_import, category_mapping, plan_import, read_sheet
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.reports.xlsx import ledger_xlsx
from mediation_desktop.services.queries import rows_for
from mediation_desktop.services.search import search_case_ids
from mediation_desktop.storage.models import Agreement, Case

TODAY = dt.date(2026, 11, 22)


def _file(kind: str, tmp_path: Path) -> Path:
    if kind == "xls":
        return vl.XLS
    return (vl.write_xlsx if kind == "xlsx" else vl.write_csv)(tmp_path / f"石桥村2023年台账.{kind}")


@pytest.mark.parametrize("kind", ["xlsx", "csv", "xls"])
def test_a_village_ledger_imports_with_its_amounts_numbers_and_nothing_invented(empty_install, director,
                                                                                 tmp_path, kind):
    sheet = read_sheet(_file(kind, tmp_path))
    assert sheet.year == 2023 and sheet.header_row == 1
    plan = plan_import(empty_install, sheet, today=TODAY)
    assert [r.messages() for r in plan.rows] == [[]] * 7  # every case row is read; none refused
    data = plan.as_json()
    # the dry run shows how each column is read: 协议金额 is the amount, 当事人 the parties, 序号 the number
    read_as = {c["header"]: c["key"] for c in data["columns"]}
    assert read_as["协议金额"] == "amount" and read_as["当事人"] == "applicants" and read_as["序号"] == "seq"
    assert read_as["受理日期"] == "accepted_on" and read_as["备注"] == "note"
    assert [s["row"] for s in data["skipped"]] == [11] and "合计" in data["skipped"][0]["text"]
    values = {r["values"]["original_no"]: r["values"] for r in data["rows"]}
    assert {k: v["amount"] for k, v in values.items()} == vl.AMOUNTS
    # helped, not refused: no year (the title's), a month only (the 1st, marked), 23.9.9, a word of its own
    assert values["2023-06"]["accepted_on"] == "2023-04-18" and values["2023-02"]["accepted_on"] == "2023-01-12"
    assert values["2023-05"]["accepted_on"] == "2023-07-01" and values["2023-05"]["month_only"] == ["accepted_on"]
    assert values["2023-03"]["accepted_on"] == "2023-02-09" and values["2023-04"]["accepted_on"] == "2023-03-15"
    assert values["2023-04"]["category"] == "other" and values["2023-04"]["category_word"] == "噪音"
    assert values["2023-06"]["outcome"] == "out:declined"
    notes = {r["values"]["original_no"]: r["note_keys"] for r in data["rows"]}
    assert "ledger.note.year" in notes["2023-06"] and "ledger.note.month" in notes["2023-05"]
    assert "ledger.note.category" in notes["2023-04"] and "ledger.note.one_side" in notes["2023-02"]
    # not recorded stays not recorded
    assert {v["source"] for v in values.values()} == {"unrecorded"}
    assert values["2023-01"]["agreement_form"] == "written" and values["2023-02"]["agreement_form"] == "oral"
    assert values["2023-03"]["agreement_form"] == "unrecorded" and values["2023-03"]["performance"] == "unrecorded"
    # parties by one rule: 与/诉/和 between the sides, 、 within one
    assert values["2023-01"]["applicants"] == ["刘德胜"] and values["2023-01"]["respondents"] == ["刘德旺"]
    assert values["2023-02"]["applicants"] == ["张桂兰", "张建国"] and values["2023-02"]["respondents"] == []
    assert values["2023-03"]["applicants"] == ["王秀英"] and values["2023-03"]["respondents"] == ["赵大海"]
    assert values["2023-07"]["respondents"] == ["郑小红"]

    result = apply_import(empty_install, director, plan, today=TODAY)
    assert result.added == 7
    report = statistics.compute(empty_install, parse_period("2023"))
    assert report.value("cases") == 7 and report.value("out:success") == vl.SETTLED
    assert report.value("agr:written") == vl.WRITTEN and report.value("agr:oral") == vl.ORAL
    assert report.value("out:declined") == 1 and report.value("out:failed") == 1
    for key in ("src:application", "src:initiative", "src:referred", "perf:pending", "perf:done",
                "perf:not_done", "perf:partial"):
        assert report.value(key) == 0, key  # nothing the ledger does not say is counted
    assert Decimal(str(report.value("amount"))) == Decimal("23300.00")

    with empty_install.read_session() as s:
        cases = {c.extra["original_no"]: c for c in s.scalars(select(Case))}
        assert set(cases) == set(vl.AMOUNTS)
        assert all(c.source == CaseSource.UNRECORDED for c in cases.values())
        assert cases["2023-04"].extra["ledger_category"] == "噪音"
        assert cases["2023-05"].accepted_on == dt.date(2023, 7, 1)
        assert cases["2023-05"].extra["ledger_month_only"] == ["accepted_on"]
        roles = {(p.role, p.name) for p in cases["2023-01"].parties}
        assert roles == {(PartyRole.APPLICANT, "刘德胜"), (PartyRole.RESPONDENT, "刘德旺")}
        forms = {a.case.extra["original_no"]: (a.form, a.performance, a.amount) for a in s.scalars(select(Agreement))}
        assert forms["2023-03"] == (AgreementForm.UNRECORDED, Performance.UNRECORDED, Decimal("3500.00"))
        assert forms["2023-02"][0] == AgreementForm.ORAL
        ids = {k: c.id for k, c in cases.items()}
    # the clerk's own number finds the case, and the list shows it
    assert search_case_ids(empty_install, "2023-04") == [ids["2023-04"]]
    listed = {r.id: r.original_no for r in rows_for(empty_install, list(ids.values()))}
    assert listed == {v: k for k, v in ids.items()}
    # the exported ledger says 未记录, not 当事人申请 / 书面
    exported = {r["case_no"]: r for r in ledger_rows(empty_install)}
    assert {r["source"] for r in exported.values()} == {"未记录"}
    assert sorted(r["agreement_form"] for r in exported.values() if r["agreement_form"]) == \
        sorted(["书面", "书面", "口头", "未记录", "未记录"])


def test_an_imported_case_prints_only_what_the_ledger_holds(empty_install, director, tmp_path):
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(_file("xlsx", tmp_path)),
                                                      today=TODAY), today=TODAY)
    with empty_install.read_session() as s:
        case_id = s.scalar(select(Case.id).where(Case.extra["original_no"].as_string() == "2023-01"))
    assert case_id is not None
    assert fitting_documents(empty_install, case_id) == ["cover", "contents", "casefile"]
    for doc in ("application", "notice", "acceptance", "agreement", "confirmation"):
        with pytest.raises(MediationError) as err:
            render_document(empty_install, doc, case_id)
        assert err.value.key == "document.from_ledger"
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_document(empty_install, "casefile",
                                                                                 case_id))).pages)
    assert "据台账补录" in text
    for title in ("申请书", "告知书", "协议书", "受理登记表", "调解记录"):
        assert title not in text.replace("卷内目录", ""), title


@pytest.mark.parametrize("text,amount", [("3500", "3500.00"), ("3,500元", "3500.00"), ("叁仟伍佰元", "3500.00"),
                                         ("1.2万", "12000.00"), ("壹万贰仟元整", "12000.00"), ("三千五", "3500.00"),
                                         ("￥800", "800.00"), ("伍佰元", "500.00"), ("两万", "20000.00")])
def test_amounts_as_people_write_them(text, amount):
    assert str(lp.parse_amount(text, "协议金额")) == amount


@pytest.mark.parametrize("text", ["三千多", "约5000", "3500/月", "见协议", "1.2.3万", "叁仟伍佰美元"])
def test_an_amount_that_cannot_be_read_fails_the_row_naming_the_cell(empty_install, tmp_path, text):
    path = tmp_path / "l.csv"
    path.write_bytes(f"受理日期,当事人,纠纷类型,协议金额\r\n2023-01-05,张三与李四,邻里,{text}\r\n".encode())
    plan = plan_import(empty_install, read_sheet(path), today=TODAY)
    assert plan.rows[0].status == "error"
    message = plan.rows[0].messages()[0]
    assert "协议金额" in message and text in message


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999))
def test_capital_numerals_read_back_any_amount(n):
    digits, units = "零壹贰叁肆伍陆柒捌玖", ["", "拾", "佰", "仟"]

    def section(v: int) -> str:
        out, zero = "", False
        for i in range(3, -1, -1):
            d = v // 10 ** i % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + units[i]
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    text = (section(high) + "万" if high else "") + (("零" if high and low < 1000 and low else "") + section(low))
    assert lp.parse_amount((text or "零") + "元", "协议金额") == Decimal(n).quantize(Decimal("0.01"))


def test_a_category_word_can_be_mapped(empty_install, tmp_path):
    sheet = read_sheet(_file("xlsx", tmp_path))
    plan = plan_import(empty_install, sheet, today=TODAY, categories=category_mapping(["噪音=邻里"]))
    row = next(r for r in plan.rows if r.parsed and r.parsed.original_no == "2023-04")
    assert row.parsed.category == "neighbour" and not row.parsed.notes[1:]
    with pytest.raises(MediationError) as err:
        category_mapping(["噪音"])
    assert err.value.key == "ledger.category_map"


def test_an_xls_too_big_is_not_read(tmp_path, monkeypatch):
    from mediation_desktop.reports import ledger_sheet

    monkeypatch.setattr(ledger_sheet, "XLS_MAX", 1024)
    with pytest.raises(MediationError) as err:
        read_sheet(vl.XLS)
    assert err.value.key == "ledger.too_big"
    fake = tmp_path / "x.xls"
    fake.write_bytes(b"not a workbook at all")
    with pytest.raises(MediationError) as err:
        read_sheet(fake)
    assert err.value.key == "ledger.unreadable"


def test_the_exported_ledger_writes_a_visit_as_a_date_cell(empty_install, director, tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("受理日期,当事人,纠纷类型,调解结果,回访日期\r\n2023-01-05,张三与李四,邻里,调解成功,2023-02-01\r\n"
                     .encode())
    apply_import(empty_install, director, plan_import(empty_install, read_sheet(path), today=TODAY), today=TODAY)
    out = tmp_path / "out.xlsx"
    out.write_bytes(ledger_xlsx(ledger_rows(empty_install)))
    ws = load_workbook(out).active
    column = [c.value for c in ws[1]].index("回访日期") + 1
    cell = ws.cell(2, column)
    assert isinstance(cell.value, dt.datetime) and cell.value.date() == dt.date(2023, 2, 1)
    assert cell.is_date


def test_dry_run_json_shows_the_mapping_and_values(tmp_path):
    fresh = tmp_path / "fresh"
    assert run(fresh, *INIT, stdin="secret123\n").returncode == 0
    r = run(fresh, "ledger", "import", str(vl.XLS), "--dry-run", "--json", "--category", "噪音=neighbour")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["dry_run"] is True and data["new"] == 7 and data["added"] == 0
    assert {c["header"]: c["field"] for c in data["columns"]}["协议金额"] == "涉及金额（元）"
    row = next(x for x in data["rows"] if x["values"]["original_no"] == "2023-04")
    assert row["values"]["amount"] == "12000.00" and row["values"]["category"] == "neighbour"
    assert row["cells"]["amount"] == "1.2万"
    text = run(fresh, "ledger", "import", str(vl.XLS), "--dry-run", lang="en")
    assert "not a case" in text.stdout and "has no year" in text.stdout


_NAME_CHARS = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文德胜旺桂兰建国秀英大海玉富贵伟红平和"
_names = st.text(alphabet=_NAME_CHARS, min_size=2, max_size=4)


@settings(max_examples=80, deadline=None)
@given(st.lists(_names, min_size=1, max_size=3), st.lists(_names, min_size=0, max_size=3),
       st.sampled_from(["与", "诉", "VS", " vs ", "对"]), st.sampled_from(["、", "，", ",", "；", "/"]))
def test_parties_split_by_one_rule_and_no_name_is_lost(first, second, between, within):
    """与/诉/VS/对 between the sides, 、，,；/ within a side: every name comes back, on its side."""
    cell = within.join(first) + (between + within.join(second) if second else "")
    sides = ln.split_sides(cell)
    if second:
        assert sides == [first, second]
    else:
        assert [n for side in sides for n in side] == first or "和" in cell


@pytest.mark.parametrize("kind,renamed", [("xls", "ledger.xlsx"), ("xlsx", "ledger.xls")])
def test_an_excel_ledger_saved_under_the_other_suffix_is_read(tmp_path, kind, renamed):
    source = _file(kind, tmp_path)
    target = tmp_path / "renamed"
    target.mkdir()
    (target / renamed).write_bytes(source.read_bytes())
    sheet = read_sheet(target / renamed)
    assert sheet.year == 2023 and sheet.mapping["amount"] == 6 and len(sheet.data_rows()) == 8
