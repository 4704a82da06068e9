"""What a first-time mediator ran into (issue 19), each through the real widgets: amounts written the way
people write them, the oral agreement as careful as the written one, records credited to the mediator
who did them, forms that remember what a back-to-back sitting shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from draft_answers import answer_drafts
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, Case
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import OralAgreementDialog, RecordDialog
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common.date_field import china_day


@pytest.fixture(autouse=True)
def _no_drafts_asked(monkeypatch):
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: True))  # 是 (drafts kept)
    answer_drafts(monkeypatch, RecordDialog, True)


def _case(db, actor, *, agreed=False, **extra):
    case_id = register_case(db, actor, CaseInput("labour", [
        PartyInput("张三"), PartyInput("兴旺建筑公司", role=PartyRole.RESPONDENT)], summary="三名工人被拖欠工资",
        **extra)).case_id
    if agreed:
        records.add_session(db, actor, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    return case_id


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


# ---- 9. 「15.6万」 is an amount, in every amount field

def test_registration_takes_an_amount_in_wan(qtbot, db, director, type_chinese):
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    table = dialog.parties.table
    table.setCurrentCell(0, 1)
    table.item(0, 1).setText("张三")
    table.item(1, 1).setText("兴旺建筑公司")
    dialog.category.setCurrentIndex(dialog.category.findData("labour"))
    type_chinese(dialog.summary, "三名工人被拖欠工资")
    type_chinese(dialog.amount, "15.6万")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    with db.read_session() as s:
        assert s.scalar(select(Case.amount_involved)) == Decimal("156000.00")


@pytest.mark.parametrize("typed", ["15.6万", "156,000元", "１５６０００"])
def test_written_and_oral_agreements_take_amounts_as_written(qtbot, db, director, type_chinese, typed):
    written = _case(db, director, agreed=True)
    dialog = AgreementDialog(db, director, written)
    qtbot.addWidget(dialog)
    dialog.terms.set_terms(["兴旺建筑公司支付工资"])
    type_chinese(dialog.amount, typed)
    dialog.refresh_preview()
    assert dialog.error.text() == ""  # the preview takes it too
    _save(dialog)
    oral = _case(db, director, agreed=True)
    form = OralAgreementDialog(db, director, oral)
    qtbot.addWidget(form)
    type_chinese(form.terms, "兴旺建筑公司当场支付工资")
    type_chinese(form.amount, typed)
    _save(form)
    assert form.error.text() == ""
    with db.read_session() as s:
        amounts = {a.case_id: a.amount for a in s.scalars(select(Agreement))}
    assert amounts == {written: Decimal("156000.00"), oral: Decimal("156000.00")}


def test_not_an_amount_keeps_the_fields_label_and_words(qtbot, db, director, type_chinese):
    oral = _case(db, director, agreed=True)
    form = OralAgreementDialog(db, director, oral)
    qtbot.addWidget(form)
    form.show()
    type_chinese(form.terms, "兴旺建筑公司当场支付工资")
    type_chinese(form.amount, "十五万")
    _save(form)
    assert "“十五万”不是有效的数字" in form.error.text() and form.isVisible()
    assert form.form.labelForField(form.amount).text() == "金额（元）"


# ---- 5. the buttons stay where they are; what cannot be done is disabled and says why

def _places(window) -> dict[str, tuple[int, int]]:
    QApplication.processEvents()
    return {key: (b.mapTo(window, b.rect().topLeft()).x(), b.mapTo(window, b.rect().topLeft()).y())
            for key, b in window.buttons.items()}


def test_the_steps_keep_their_places_as_the_status_changes(qtbot, db, director, monkeypatch):
    case_id = _case(db, director)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    before = _places(window)
    assert not window.buttons["follow_up"].isEnabled() and window.buttons["follow_up"].toolTip()
    records.add_session(db, director, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(terms=["兴旺建筑公司支付工资"]))
    window.reload()
    assert _places(window) == before and window.buttons["sign"].isEnabled()
    agreements.sign(db, director, aid)
    window.reload()
    assert _places(window) == before  # 记录回访 is where it was, 更正协议… where it was
    assert window.buttons["follow_up"].isEnabled() and window.buttons["correct"].isEnabled()
    for key, button in window.buttons.items():
        assert button.isVisible(), key
        assert button.isEnabled() or button.toolTip(), f"{key}: disabled without a reason"
    monkeypatch.setattr(CaseWindow, "ask_text", classmethod(lambda cls, parent, text: None))
    qtbot.mouseClick(window.buttons["accept"], Qt.MouseButton.LeftButton)  # disabled: nothing happens
    with db.read_session() as s:
        assert s.get(Case, case_id).status.value == "agreed"


# ---- 6. the oral agreement: the same question before it locks, and it can be corrected

def test_the_oral_agreement_asks_before_it_locks_and_can_be_corrected(qtbot, db, director, monkeypatch,
                                                                       type_chinese):
    case_id = _case(db, director, agreed=True)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.buttons["oral"].click()
    form = window.findChildren(OralAgreementDialog)[-1]
    type_chinese(form.terms, "兴旺建筑公司于12月10日前支付工资15.6万元")
    asked: list[str] = []
    answers = iter([False, True])
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: asked.append(text) or next(answers)))
    _save(form)
    assert "锁定" in asked[0] and form.isVisible()  # 否: nothing saved, everything typed stays
    with db.read_session() as s:
        assert s.scalar(select(Agreement)) is None
    assert form.terms.toPlainText() == "兴旺建筑公司于12月10日前支付工资15.6万元"
    _save(form)
    with db.read_session() as s:
        first = s.scalar(select(Agreement))
        assert first.status.value == "signed" and first.form.value == "oral"
    window.reload()
    assert window.buttons["correct"].isEnabled()

    monkeypatch.setattr(CaseWindow, "ask_text", classmethod(lambda cls, parent, text: "日期写错，应为12月15日"))
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: True))
    answer_drafts(monkeypatch, RecordDialog, True)
    window.buttons["correct"].click()
    fix = window.findChildren(OralAgreementDialog)[-1]
    assert fix is not form and fix.terms.toPlainText() == "兴旺建筑公司于12月10日前支付工资15.6万元"
    fix.terms.setPlainText("兴旺建筑公司于12月15日前支付工资15.6万元")
    _save(fix)
    with db.read_session() as s:
        versions = s.scalars(select(Agreement).order_by(Agreement.version)).all()
        assert [(a.status.value, a.form.value) for a in versions] == [("superseded", "oral"), ("signed", "oral")]
        assert versions[1].supersedes_id == versions[0].id and versions[1].terms == [
            "兴旺建筑公司于12月15日前支付工资15.6万元"]


# ---- 7. sessions and follow-ups are the case's mediator's, chosen among the committee's mediators

def _mediator(db, director, name="李调解"):
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import create_user

    create_user(db, director, "li", name, Role.MEDIATOR, "secret123")


def test_the_director_records_a_session_and_a_follow_up_for_the_cases_mediator(qtbot, db, director, type_chinese):
    from mediation_desktop.storage.models import FollowUp, MediationSession
    from mediation_desktop.ui.case.record_dialogs import FollowUpDialog, SessionDialog

    _mediator(db, director)
    _mediator_name = "李调解"
    case_id = _case(db, director, mediator_name=_mediator_name)
    session = SessionDialog(db, director, case_id)
    qtbot.addWidget(session)
    assert session.mediator.currentText() == "李调解"  # the case's mediator, not the director signed in
    assert {session.mediator.itemText(i) for i in range(session.mediator.count())} >= {"李调解", "王建国"}
    type_chinese(session.record, "双方同意")
    session.result_box.setCurrentIndex(session.result_box.findData(SessionResult.AGREED.value))
    _save(session)
    agreements.sign(db, director, agreements.save_draft(db, director, case_id, agreements.AgreementInput(["付清"])))
    visit = FollowUpDialog(db, director, case_id)
    qtbot.addWidget(visit)
    assert visit.visitor.currentText() == "李调解"
    visit.visitor.setCurrentIndex(visit.visitor.findText("王建国"))  # chosen: the director went himself
    visit.visitee.setText("张三")
    visit.performance.setCurrentIndex(0)
    visit.satisfied.setCurrentIndex(0)
    _save(visit)
    with db.read_session() as s:
        assert s.scalar(select(MediationSession.mediator)) == "李调解"
        assert s.scalar(select(FollowUp.visitor)) == "王建国"


def test_the_rosters_serving_mediators_are_offered_where_a_mediator_is_named(qtbot, db, director, type_chinese):
    """Part-time village mediators are in the 调解员名册 without an account of their own: the session's and the
    visit's boxes offer them, and the registration's 调解员 completes their names; a former one is not offered."""
    from mediation_desktop.services import roster
    from mediation_desktop.storage.models import MediationSession
    from mediation_desktop.ui.case.record_dialogs import FollowUpDialog, SessionDialog

    roster.add_mediator(db, director, roster.MediatorInput("赵兼职", False, None))
    roster.add_mediator(db, director, roster.MediatorInput("钱离任", False, None, active=False))
    case_id = _case(db, director)
    session = SessionDialog(db, director, case_id)
    qtbot.addWidget(session)
    offered = [session.mediator.itemText(i) for i in range(session.mediator.count())]
    assert "赵兼职" in offered and "钱离任" not in offered and len(offered) == len(set(offered))
    session.mediator.setCurrentIndex(session.mediator.findText("赵兼职"))
    type_chinese(session.record, "双方各退一步")
    session.result_box.setCurrentIndex(session.result_box.findData(SessionResult.POSTPONED.value))
    _save(session)
    with db.read_session() as s:
        assert s.scalar(select(MediationSession.mediator)) == "赵兼职"
    visit = FollowUpDialog(db, director, case_id)
    qtbot.addWidget(visit)
    assert visit.visitor.findText("赵兼职") >= 0 and visit.visitor.findText("钱离任") < 0

    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    completer = dialog.mediator.completer()
    completer.setCompletionPrefix("兼职")  # (any part of the name)
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert found == ["赵兼职"]


def test_the_service_credits_the_cases_mediator_by_default(db, director):
    from mediation_desktop.storage.models import FollowUp, MediationSession

    case_id = _case(db, director, agreed=True, mediator_name="李调解")
    aid = agreements.save_draft(db, director, case_id, agreements.AgreementInput(["付清"]))
    agreements.sign(db, director, aid)
    records.add_follow_up(db, director, case_id, records.FollowUpInput(Performance.PARTIAL, "张三"))
    with db.read_session() as s:
        assert s.scalar(select(MediationSession.mediator)) == "李调解"
        assert s.scalar(select(FollowUp.visitor)) == "李调解"


def test_who_was_present_at_an_investigation_is_shown(qtbot, db, director):
    case_id = _case(db, director)
    records.add_investigation(db, director, case_id, records.InvestigationInput(
        record="问：……", interviewee="张三", participants="村民组长赵大"))
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    text = window.views[1].toPlainText()
    assert "在场人" in text and "村民组长赵大" in text


# ---- 9. the second sitting offers the first's place and clerk, never its manner or 参加人

def test_the_next_sitting_offers_the_last_ones_place_not_its_participants(qtbot, db, director, type_chinese):
    from mediation_desktop.ui.case.record_dialogs import SessionDialog

    case_id = _case(db, director)
    first = SessionDialog(db, director, case_id)
    qtbot.addWidget(first)
    first.place.setText("村委会二楼")
    type_chinese(first.participants, "村民组长赵大")
    first.back_to_back.setChecked(True)
    type_chinese(first.record, "先听工人一方")
    first.result_box.setCurrentIndex(first.result_box.findData(SessionResult.POSTPONED.value))
    _save(first)
    second = SessionDialog(db, director, case_id)
    qtbot.addWidget(second)
    assert (second.place.text(), second.participants.text()) == ("村委会二楼", "")  # who came: asked again
    assert not second.back_to_back.isChecked() and second.record.toPlainText() == ""


# ---- 8. 大字 cuts nothing short

def test_large_text_leaves_dates_numbers_statuses_and_headers_whole(qtbot, db, director, qapp):
    from mediation_desktop.ui.case.party_rows import ADDRESS_COL
    from mediation_desktop.ui.desk.case_list_page import CaseListPage

    font = qapp.font()
    try:
        for i in range(3):
            _case(db, director, agreed=bool(i % 2))
        page = CaseListPage(db)
        qtbot.addWidget(page)
        page.viewer = director
        page.reload()
        form = RegisterCaseDialog(db, director)
        qtbot.addWidget(form)
        for points in (12, 16):
            big = QFont(font)
            big.setPointSize(points)
            qapp.setFont(big)
            QApplication.processEvents()
            table, model = page.table, page.model
            assert model.rowCount() == 3
            metrics = table.fontMetrics()
            for col in (0, 4, 5):  # case number, status, date
                for row in range(model.rowCount()):
                    text = str(model.data(model.index(row, col)))
                    assert metrics.horizontalAdvance(text) + 8 <= table.columnWidth(col), (points, col, text)
            header = form.parties.table.horizontalHeader()
            for col in (c for c in range(header.count()) if c != ADDRESS_COL):  # (the address takes the rest)
                assert header.sectionSize(col) >= header.sectionSizeHint(col), (points, col)
    finally:
        qapp.setFont(font)


# ---- 9. line breaks typed in the follow-up and oral forms are kept on paper

def _pdf_lines(data: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return [line.replace(" ", "") for line in text.splitlines()]


def test_line_breaks_typed_in_follow_up_and_oral_forms_reach_the_paper(qtbot, db, director):
    from mediation_desktop.documents.registry import render_document
    from mediation_desktop.ui.case.record_dialogs import FollowUpDialog

    case_id = _case(db, director, agreed=True)
    oral = OralAgreementDialog(db, director, case_id)
    qtbot.addWidget(oral)
    oral.terms.setPlainText("兴旺建筑公司支付张三工资5万元\n兴旺建筑公司支付李四工资5.6万元")
    _save(oral)
    visit = FollowUpDialog(db, director, case_id)
    qtbot.addWidget(visit)
    visit.visitee.setText("张三")
    visit.performance.setCurrentIndex(0)
    visit.satisfied.setCurrentIndex(0)
    visit.findings.setPlainText("张三已收到5万元\n李四尚未收到")
    _save(visit)
    oral_lines = _pdf_lines(render_document(db, "oral", case_id))
    # the second term on a line of its own (each term ends with its 。, the documents' rule)
    assert any(line.rstrip("。").endswith("支付张三工资5万元") for line in oral_lines)
    assert any(line.startswith("二、兴旺建筑公司支付李四") for line in oral_lines)
    visit_lines = _pdf_lines(render_document(db, "followup", case_id))
    assert any(line.endswith("张三已收到5万元") for line in visit_lines)
    assert any(line.startswith("李四尚未收到") for line in visit_lines)


def test_the_language_list_drops_down_below_the_box(qtbot, db, director):
    from mediation_desktop.ui.main_window import MainWindow

    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    box = window.language
    box.showPopup()
    popup = box.view().window()
    qtbot.waitUntil(popup.isVisible)
    top_of_list = popup.mapToGlobal(popup.rect().topLeft()).y()
    box_top = box.mapToGlobal(box.rect().topLeft()).y()
    assert top_of_list >= box_top + box.height() - 2 or popup.mapToGlobal(popup.rect().bottomLeft()).y() <= box_top + 2
    box.hidePopup()


def test_after_english_the_chinese_search_box_is_as_wide_as_ever_and_keeps_its_text(qtbot, db, director):
    from mediation_desktop.ui.common import language
    from mediation_desktop.ui.main_window import MainWindow

    def shown(window):
        qtbot.addWidget(window)
        window.resize(1366, 700)
        window.show()
        window.tabs.setCurrentIndex(1)
        QApplication.processEvents()
        QApplication.processEvents()
        return window.cases

    try:
        assert language.switch(language.EN)
        page = shown(MainWindow(db, director))
        page.search.setText("张三")
        page.window().language.setCurrentIndex(page.window().language.findData(language.ZH))
        QApplication.processEvents()
        QApplication.processEvents()
        chinese = shown(MainWindow(db, director))  # one opened in Chinese, for comparison
        assert page.search.text() == "张三"
        assert page.search.width() >= chinese.search.width() - 2
    finally:
        language.switch(language.ZH)


# ---- 4. file dialogs open where the stick is (else Documents), never in the program's folder

def test_file_dialogs_start_on_the_stick(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QWidget

    from mediation_desktop.ui.case.party_table import PartyTable
    from mediation_desktop.ui.common import file_places

    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(file_places, "removable_drives", lambda: [stick])
    started: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, kinds: started.append(start)
                        or ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, start, kinds: started.append(start)
                        or ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, start: started.append(start)
                        or "")
    parent = QWidget()
    qtbot.addWidget(parent)
    CaseWindow.ask_save_path(parent, "（2026）石桥村人调字第1号-人民调解协议书.pdf")
    CaseWindow.ask_open_path(parent, "选择照片或扫描件")
    CaseWindow.ask_folder(parent, "选择扫描仪保存文件的文件夹")
    PartyTable.ask_list_file(parent)
    assert started == [str(stick / "（2026）石桥村人调字第1号-人民调解协议书.pdf"), str(stick), str(stick), str(stick)]
    monkeypatch.setattr(file_places, "removable_drives", lambda: [])
    started.clear()
    CaseWindow.ask_open_path(parent, "选择照片或扫描件")
    assert started == [str(file_places.documents_folder())]


# ---- 9. a draft resumed another day starts from that day, unless a date was typed

def test_a_resumed_draft_keeps_only_a_typed_date(qtbot, db, director, type_chinese):
    from PySide6.QtCore import QDate, QDateTime, QTime

    from mediation_desktop.ui.case.record_dialogs import SessionDialog

    case_id = _case(db, director)
    first = SessionDialog(db, director, case_id)
    qtbot.addWidget(first)
    type_chinese(first.record, "先听工人一方")
    untouched = first.form_data()
    assert untouched["held_at"] == ""  # the default (now) is not the user's: not kept in the draft
    yesterday = QDateTime(china_day().addDays(-1), QTime(9, 30))
    resumed = SessionDialog(db, director, case_id)
    qtbot.addWidget(resumed)
    resumed.load_data({**untouched, "held_at": ""})
    from mediation_desktop.domain.china_time import in_china

    china = in_china(dt.datetime.now(dt.UTC))  # the room's clock is China's, whatever the computer's zone
    now = QDateTime(QDate(china.year, china.month, china.day), QTime(china.hour, china.minute, china.second))
    assert abs(resumed.held_at.dateTime().secsTo(now)) < 120  # today, now
    typed = SessionDialog(db, director, case_id)
    qtbot.addWidget(typed)
    typed.held_at.setDateTime(yesterday)  # typed by the mediator: kept
    again = SessionDialog(db, director, case_id)
    qtbot.addWidget(again)
    again.load_data(typed.form_data())
    assert again.held_at.dateTime() == yesterday

    form = RegisterCaseDialog(db, director)
    qtbot.addWidget(form)
    data = form.form_data()
    data["registered_on"] = china_day().addDays(-3).toString("yyyy-MM-dd")  # the draft of three days ago
    later = RegisterCaseDialog(db, director)
    qtbot.addWidget(later)
    later.load_data(data)
    assert later.registered_on.date() == china_day()  # not typed then: today
