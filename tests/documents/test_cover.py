"""卷宗封面: its 立卷人 is who bound the file (归档), read back from the PDF."""

from __future__ import annotations

import datetime as dt

from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import ARCHIVED_BY_KEY
from mediation_desktop.domain.enums import PartyRole, SessionResult
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.services import cases, records
from mediation_desktop.services.accounts import SYSTEM
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case

DAY = dt.date(2026, 11, 2)


def _failed(db, director):
    reg = cases.register_case(db, director, cases.CaseInput(
        "neighbour", [PartyInput("张三"), PartyInput("李䶮", role=PartyRole.RESPONDENT)], summary="菜地界限纠纷",
        registered_on=DAY, mediator_name="赵调解", recorder_name="钱记录"), today=DAY)
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.NOT_AGREED, record="分歧大"))
    cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE, on=DAY, reason="分歧过大")
    return reg


def _cover(db, pdf_text, case_id) -> str:
    return "".join("".join(p.split()) for p in pdf_text(render_document(db, "cover", case_id)))


def test_the_cover_names_who_bound_the_file(db, director, pdf_text):
    reg = _failed(db, director)
    assert "立卷人立卷日期" in _cover(db, pdf_text, reg.case_id)  # not bound yet: written by hand
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=DAY + dt.timedelta(days=3))
    assert "立卷人王建国立卷日期2026年11月5日" in _cover(db, pdf_text, reg.case_id)
    cases.change_status(db, director, reg.case_id, CaseAction.REOPEN, reason="补充材料")
    with db.read_session() as s:
        assert ARCHIVED_BY_KEY not in (s.get(Case, reg.case_id).extra or {})


def test_a_case_bound_before_the_name_was_kept_takes_it_from_the_log(db, director, pdf_text):
    reg = _failed(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.ARCHIVE, on=DAY)
    with db.write_session() as s:  # as a case archived by an older version: no name kept with it
        case = s.get(Case, reg.case_id)
        case.extra = {k: v for k, v in (case.extra or {}).items() if k != ARCHIVED_BY_KEY}
        s.commit()
    assert "立卷人王建国立卷日期" in _cover(db, pdf_text, reg.case_id)


def test_no_known_binder_leaves_the_line_for_handwriting(db, director, pdf_text):
    reg = _failed(db, director)
    cases.change_status(db, SYSTEM, reg.case_id, CaseAction.ARCHIVE, on=DAY)
    text = _cover(db, pdf_text, reg.case_id)
    assert "立卷人立卷日期" in text and "系统" not in text and "钱记录" not in text


# --- a long 卷名 (and every other field) fits its box, broken between its phrases --------------------------------

LONG_TITLES = {
    "王五、赵六等与杭州石桥花园房地产开发建设集团有限公司第三分公司物业服务合同纠纷":
        ["王五、赵六等与", "杭州石桥花园房地产开发建设集团有限公司第三分公司", "物业服务合同纠纷"],
    "阿依古丽·买买提与杭州石桥置业有限公司、杭州石桥花园房地产开发建设集团有限公司、某某物业管理有限公司第三分公司"
    "物业服务合同及房屋质量损害赔偿纠纷":
        ["阿依古丽·买买提与杭州石桥置业有限公司、", "杭州石桥花园房地产开发建设集团有限公司、",
         "某某物业管理有限公司第三分公司物业服务合同及房屋质量损害赔偿纠纷"],
}


def _snapshot(title: str, names: tuple[str, ...] = (), mediators: str = "李明、张三"):
    from mediation_desktop.documents.snapshot import CaseSnapshot, PartySnapshot

    parties = tuple(PartySnapshot("applicant", False, n) for n in names)
    return CaseSnapshot(committee_name="石桥村人民调解委员会", case_no="（2026）石桥村人调字第103号", title=title,
                        summary="", requests=(), registered_on=DAY, accepted_on=DAY, closed_on=DAY,
                        mediator_name=mediators, recorder_name="", parties=parties, category="物业",
                        archive_retention="长期", archived_on=DAY, archived_by="王建国")


def _lines_after(pdf: bytes, label: str, before: str) -> list[str]:
    import io

    from pypdf import PdfReader

    lines = [x.strip() for x in PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()]
    return lines[lines.index(label) + 1:lines.index(before)]


def test_a_long_title_breaks_between_its_names_not_inside_one():
    from mediation_desktop.documents.casefile import CoverRenderer

    for title, lines in LONG_TITLES.items():
        pdf = CoverRenderer(_snapshot(title, ("王五", "阿依古丽·买买提"))).generate()
        assert _lines_after(pdf, "卷名", "卷号") == lines


def test_every_cover_field_fits_its_box():
    from mediation_desktop.documents.casefile import CoverRenderer

    very_long = "、".join(f"业主{i:03d}" for i in range(1, 25)) + "与杭州石桥花园房地产开发建设集团有限公司房屋质量纠纷"
    mediators = "、".join(["欧阳建国", "司马光明", "诸葛亮亮", "上官婉儿", "阿依古丽·买买提", "王建国"] * 3)
    for title in [*LONG_TITLES, very_long]:
        renderer = CoverRenderer(_snapshot(title, mediators=mediators))
        pdf = renderer.generate()
        assert _lines_after(pdf, "卷名", "卷号") and "".join(_lines_after(pdf, "卷名", "卷号")) == title
        assert "".join(_lines_after(pdf, "人民调解员", "调解日期")) == mediators
        assert "立卷人王建国" in "".join(_lines_after(pdf, "调解日期", "保管期限"))
        table = renderer.story()[-1]
        table.wrap(renderer.frame_width, 1000)
        room = table._colWidths[1] - 2 * renderer.PAD  # the box's width inside its padding
        for (_label, value), height in zip(table._cellvalues, table._rowHeights, strict=True):
            needed = value.wrap(room, 1000)[1] + 2 * renderer.PAD
            assert needed <= height + 0.01, (value.text, needed, height)
