"""The record forms as an elderly mediator uses them: Enter never saves a half-filled form, what is typed is
never silently dropped, the time and date of what happened are asked, and nothing is chosen for them."""

from __future__ import annotations

import datetime as dt

from draft_answers import answer_drafts
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today, in_china
from mediation_desktop.domain.enums import PartyRole, Performance, SessionResult
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services import agreements, records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, Case, FollowUp, Investigation, MediationSession, Referral
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import (
    FollowUpDialog,
    InvestigationDialog,
    OralAgreementDialog,
    RecordDialog,
    SessionDialog,
)
from mediation_desktop.ui.common.date_field import china_day

RECORD_TABLES = (Agreement, FollowUp, Investigation, MediationSession, Referral)


def _case(db, actor, *, agreed: bool = False):
    case_id = register_case(db, actor, CaseInput("neighbour", [
        PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)], summary="两家菜地界限不清",
        registered_on=china_today() - dt.timedelta(days=10))).case_id  # (records of the days since are dated so)
    if agreed:
        records.add_session(db, actor, case_id, records.SessionInput(SessionResult.AGREED, record="双方同意"))
    return case_id


def _window(qtbot, db, actor, case_id) -> CaseWindow:
    window = CaseWindow(db, actor, case_id)
    qtbot.addWidget(window)
    return window


def _save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _counts(db) -> dict[str, int]:
    with db.read_session() as s:
        return {t.__name__: s.scalar(select(func.count()).select_from(t)) for t in RECORD_TABLES}


def _keep_drafts(monkeypatch) -> None:
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: True))
    answer_drafts(monkeypatch, RecordDialog, True)


# ---- 1. Enter adds a term, and never saves a form


def test_real_enter_in_the_terms_entry_adds_the_term_and_the_dialog_stays(qtbot, db, director, type_chinese):
    case_id = _case(db, director, agreed=True)
    window = _window(qtbot, db, director, case_id)
    window.buttons["agreement"].click()
    dialog = window.findChildren(AgreementDialog)[-1]
    assert dialog.isVisible()
    before = _counts(db)

    type_chinese(dialog.terms.entry, "以村委会测量结果重新划定界限。")
    qtbot.keyClick(dialog.terms.entry, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.terms.terms() == ["以村委会测量结果重新划定界限。"]
    assert dialog.terms.entry.text() == "" and dialog.focusWidget() is dialog.terms.entry  # ready for the next term

    type_chinese(dialog.terms.entry, "李四赔偿青苗损失800元。")
    qtbot.keyClick(dialog.terms.entry, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter
    assert dialog.isVisible()
    assert dialog.terms.terms() == ["以村委会测量结果重新划定界限。", "李四赔偿青苗损失800元。"]
    assert _counts(db) == before  # nothing saved by Enter

    # Enter in the other single-line fields goes on to the next field, never to 保存
    dialog.method.setFocus()
    type_chinese(dialog.method, "现场埋设界桩")
    qtbot.keyClick(dialog.method, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.place
    type_chinese(dialog.place, "石桥村三组")
    qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "800")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and _counts(db) == before
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.buttons.buttons())

    _save(dialog)  # the 保存 button saves
    assert not dialog.isVisible()
    with db.read_session() as s:
        agreement = s.scalar(select(Agreement))
        assert agreement.terms == ["以村委会测量结果重新划定界限。", "李四赔偿青苗损失800元。"]
        assert (agreement.performance_method, agreement.performance_place) == ("现场埋设界桩", "石桥村三组")


def test_enter_in_any_single_line_field_never_saves_a_record_form(qtbot, db, director, type_chinese):
    case_id = _case(db, director, agreed=True)
    window = _window(qtbot, db, director, case_id)
    before = _counts(db)
    for form in ("investigation", "session", "oral", "follow_up", "referral", "agreement"):
        dialog = window.open_record(form)
        assert dialog.isVisible(), form
        if form == "oral":
            type_chinese(dialog.terms, "晚上十点后不再大声播放音乐")  # a form that could be saved as it stands
        if form == "agreement":
            dialog.terms.set_terms(["以村委会测量结果重新划定界限。"])
        if form == "session":
            type_chinese(dialog.record, "双方陈述")
        editors = [w for w in dialog.fields.values() if not isinstance(w, QLineEdit) or not w.isReadOnly()]
        for widget in editors:
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and widget.focusProxy() is None:
                continue
            target = widget.focusProxy() or widget
            target.setFocus()
            qtbot.keyClick(target, Qt.Key.Key_Return)
            assert dialog.isVisible(), (form, type(widget).__name__)
        assert _counts(db) == before, form
        dialog.done(0)

    # Enter in 地点 of a 调解记录 goes on to the next field instead of saving the form half-filled
    dialog = window.open_record("session")
    dialog.place.setFocus()
    qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.subject
    dialog.participants.setFocus()
    type_chinese(dialog.participants, "村民小组长王五")
    qtbot.keyClick(dialog.participants, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.participants.text() == "村民小组长王五"
    assert _counts(db) == before


# ---- 2. a term still in the entry line is not lost


def test_a_term_left_in_the_entry_is_saved_marks_the_form_unsaved_and_is_in_the_draft(
        qtbot, db, director, type_chinese, monkeypatch):
    case_id = _case(db, director, agreed=True)
    window = _window(qtbot, db, director, case_id)
    window.buttons["agreement"].click()
    dialog = window.findChildren(AgreementDialog)[-1]
    assert not dialog.is_dirty()
    type_chinese(dialog.terms.entry, "李四于十日内拆除占地部分围墙。")
    assert dialog.is_dirty()  # closing would ask
    qtbot.waitUntil(lambda: any(d.form == "agreement" and d.data.get("terms_entry") == "李四于十日内拆除占地部分围墙。"
                                for d in dialog.drafts.pending()), timeout=3000)
    draft = next(d for d in dialog.drafts.pending() if d.form == "agreement")

    # after a crash the draft brings the unfinished term back into the entry line
    again = window.open_record("agreement", draft.data)
    assert again.terms.entry.text() == "李四于十日内拆除占地部分围墙。"
    again.done(0)

    _save(dialog)
    assert dialog.error.text() == "" and not dialog.isVisible()
    with db.read_session() as s:
        assert s.scalar(select(Agreement)).terms == ["李四于十日内拆除占地部分围墙。"]
    assert not any(d.form == "agreement" for d in dialog.drafts.pending())


def test_pending_term_joins_the_listed_ones_at_the_end(qtbot, db, director, type_chinese):
    case_id = _case(db, director, agreed=True)
    window = _window(qtbot, db, director, case_id)
    dialog = window.open_record("agreement")
    type_chinese(dialog.terms.entry, "以村委会测量结果重新划定界限。")
    dialog.terms.add_button.click()
    type_chinese(dialog.terms.entry, "双方今后不再就此事发生争执。")
    _save(dialog)
    with db.read_session() as s:
        assert s.scalar(select(Agreement)).terms == ["以村委会测量结果重新划定界限。", "双方今后不再就此事发生争执。"]


# ---- 3. when it happened


def test_oral_agreement_date_is_asked_and_reaches_the_database(qtbot, db, director, type_chinese, monkeypatch):
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: True))  # 各方都同意了吗？是
    answer_drafts(monkeypatch, RecordDialog, True)
    case_id = _case(db, director, agreed=True)
    window = _window(qtbot, db, director, case_id)
    dialog = window.open_record("oral")
    assert isinstance(dialog, OralAgreementDialog)
    assert dialog.reached_on.date() == china_day()
    dialog.reached_on.setDate(china_day().addDays(5))  # not in the future: kept as typed, refused
    type_chinese(dialog.terms, "晚上十点后不再大声播放音乐")
    _save(dialog)
    assert "不能晚于" in dialog.error.text() and dialog.isVisible()
    dialog.terms.clear()
    three_days_ago = china_day().addDays(-3)
    dialog.reached_on.setDate(three_days_ago)
    type_chinese(dialog.terms, "晚上十点后不再大声播放音乐")
    _save(dialog)
    assert dialog.error.text() == ""
    day = china_today() - dt.timedelta(days=3)
    with db.read_session() as s:
        agreement = s.scalar(select(Agreement))
        assert (agreement.signed_on, agreement.effective_on) == (day, day)
        assert s.get(Case, case_id).status == CaseStatus.AGREED


def test_session_time_is_asked_and_reaches_the_database(qtbot, db, director, type_chinese):
    case_id = _case(db, director)
    window = _window(qtbot, db, director, case_id)
    window.buttons["session"].click()
    dialog = window.findChildren(SessionDialog)[-1]
    # the mediation room's clock is China's, whatever the computer's time zone (this one may run on UTC)
    china = in_china(dt.datetime.now(dt.UTC))
    now = QDateTime(QDate(china.year, china.month, china.day), QTime(china.hour, china.minute, china.second))
    assert abs(dialog.held_at.dateTime().secsTo(now)) < 120  # defaults to now
    dialog.held_at.setDateTime(now.addDays(2))  # not in the future: kept as typed, refused
    assert dialog.held_at.problem() and "不能晚于" in dialog.held_at.toolTip()
    yesterday = QDate(china.year, china.month, china.day).addDays(-1)
    dialog.held_at.setDateTime(QDateTime(yesterday, QTime(14, 30)))
    type_chinese(dialog.record, "双方陈述，调解员讲法讲理，双方同意重新划界。")
    dialog.result_box.setCurrentIndex(dialog.result_box.findData(SessionResult.AGREED.value))
    _save(dialog)
    assert dialog.error.text() == ""
    with db.read_session() as s:
        held = s.scalar(select(MediationSession.held_at))
    local = in_china(held if held.tzinfo else held.replace(tzinfo=dt.UTC))
    assert (local.date(), local.hour, local.minute) == (china.date() - dt.timedelta(days=1), 14, 30)


# ---- 4. a follow-up chooses nothing for the mediator


def test_follow_up_with_nothing_chosen_is_refused_and_writes_nothing(qtbot, db, director, type_chinese):
    case_id = _case(db, director, agreed=True)
    oral = agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]))
    window = _window(qtbot, db, director, case_id)
    window.buttons["follow_up"].click()
    dialog = window.findChildren(FollowUpDialog)[-1]
    assert dialog.performance.currentIndex() == -1 and dialog.satisfied.currentIndex() == -1
    type_chinese(dialog.visitee, "张三")
    _save(dialog)
    assert "履行情况" in dialog.error.text() and dialog.isVisible()
    assert dialog.visitee.text() == "张三"  # nothing typed is lost
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(FollowUp)) == 0
        assert s.get(Case, case_id).status == CaseStatus.AGREED

    dialog.performance.setCurrentIndex(dialog.performance.findData(Performance.PARTIAL.value))
    _save(dialog)
    assert "满意" in dialog.error.text() and dialog.isVisible()
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(FollowUp)) == 0

    dialog.satisfied.setCurrentIndex(dialog.satisfied.findData("no"))
    assert dialog.reason.text() == "了解协议履行情况"
    dialog.reason.clear()
    type_chinese(dialog.reason, "协议约定的付款期限已到")
    type_chinese(dialog.hidden_risks, "李四称经济困难，余款可能拖延")
    type_chinese(dialog.measures, "约定一个月后再次回访，督促履行")
    dialog.new_lawsuit.setChecked(True)
    _save(dialog)
    assert dialog.error.text() == "" and not dialog.isVisible()
    with db.read_session() as s:
        visit = s.scalar(select(FollowUp))
        assert (visit.performance, visit.satisfied, visit.new_lawsuit) == (Performance.PARTIAL, False, True)
        assert (visit.reason, visit.hidden_risks, visit.measures) == (
            "协议约定的付款期限已到", "李四称经济困难，余款可能拖延", "约定一个月后再次回访，督促履行")
        assert visit.agreement_id == oral
        assert s.get(Case, case_id).status == CaseStatus.AGREED  # partly performed: not closed


def test_follow_up_satisfaction_not_stated_is_a_choice(qtbot, db, director, type_chinese):
    case_id = _case(db, director, agreed=True)
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]))
    window = _window(qtbot, db, director, case_id)
    dialog = window.open_record("follow_up")
    type_chinese(dialog.visitee, "张三")
    dialog.performance.setCurrentIndex(dialog.performance.findData(Performance.DONE.value))
    dialog.satisfied.setCurrentIndex(dialog.satisfied.findData("unknown"))
    _save(dialog)
    with db.read_session() as s:
        visit = s.scalar(select(FollowUp))
        assert (visit.performance, visit.satisfied, visit.new_lawsuit) == (Performance.DONE, None, False)
        assert s.get(Case, case_id).status == CaseStatus.PERFORMED


# ---- 5. an empty record is not a record


def test_empty_investigation_is_refused_and_what_is_typed_stays(qtbot, db, director, type_chinese):
    case_id = _case(db, director)
    window = _window(qtbot, db, director, case_id)
    window.buttons["investigation"].click()
    dialog = window.findChildren(InvestigationDialog)[-1]
    assert dialog.investigator.text() == "王建国"  # the signed-in mediator, editable
    _save(dialog)
    assert "被调查人" in dialog.error.text() and dialog.isVisible()
    type_chinese(dialog.place, "村委会")
    assert "被调查人" in dialog.error.text()  # another field changed: the message stays
    type_chinese(dialog.interviewee, "村民王五")
    _save(dialog)
    assert "调查情况" in dialog.error.text() and dialog.interviewee.text() == "村民王五"
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Investigation)) == 0
    type_chinese(dialog.record, "问：原来的界限在哪里？\n答：原来有一棵老槐树作界。")
    assert dialog.error.text() == ""  # the record it asked for is typed: the message goes (it stayed on)
    dialog.investigator.clear()
    type_chinese(dialog.investigator, "李调解")
    type_chinese(dialog.recorder, "赵记录")
    _save(dialog)
    assert not dialog.isVisible()
    with db.read_session() as s:
        inv = s.scalar(select(Investigation))
        assert (inv.interviewee, inv.investigator, inv.recorder) == ("村民王五", "李调解", "赵记录")


def test_empty_session_is_refused_and_its_header_fields_reach_the_database(qtbot, db, director, type_chinese):
    case_id = _case(db, director)
    window = _window(qtbot, db, director, case_id)
    window.buttons["session"].click()
    dialog = window.findChildren(SessionDialog)[-1]
    with db.read_session() as s:
        title = s.get(Case, case_id).title
    assert dialog.subject.text() == title and dialog.parties_present.text() == "张三、李四"
    type_chinese(dialog.participants, "村民小组长王五")
    _save(dialog)
    assert "调解经过" in dialog.error.text() and dialog.isVisible()
    assert dialog.participants.text() == "村民小组长王五"
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(MediationSession)) == 0
        assert s.get(Case, case_id).status == CaseStatus.ACCEPTED
    dialog.subject.clear()
    type_chinese(dialog.subject, "菜地界限纠纷")
    dialog.parties_present.clear()
    type_chinese(dialog.parties_present, "张三")
    type_chinese(dialog.recorder, "赵记录")
    type_chinese(dialog.record, "张三陈述界桩位置")
    dialog.result_box.setCurrentIndex(dialog.result_box.findData(SessionResult.POSTPONED.value))
    _save(dialog)
    assert not dialog.isVisible()
    with db.read_session() as s:
        row = s.scalar(select(MediationSession))
        assert (row.subject, row.parties_present, row.participants, row.recorder, row.record) == (
            "菜地界限纠纷", "张三", "村民小组长王五", "赵记录", "张三陈述界桩位置")


# ---- drafts keep the new fields


def test_new_fields_are_in_the_draft_and_come_back(qtbot, db, director, type_chinese, monkeypatch):
    _keep_drafts(monkeypatch)
    case_id = _case(db, director, agreed=True)
    window = _window(qtbot, db, director, case_id)

    session = window.open_record("session")
    when = QDateTime(china_day().addDays(-2), QTime(9, 15))
    session.held_at.setDateTime(when)
    session.subject.clear()
    type_chinese(session.subject, "菜地界限")
    type_chinese(session.recorder, "赵记录")
    qtbot.waitUntil(lambda: any(d.form == "session" and d.data.get("recorder") == "赵记录"
                                for d in session.drafts.pending()), timeout=3000)
    session.reject()
    data = next(d for d in session.drafts.pending() if d.form == "session").data
    back = window.open_record("session", data)
    assert (back.held_at.dateTime(), back.subject.text(), back.recorder.text()) == (when, "菜地界限", "赵记录")
    back.done(0)

    visit = window.open_record("follow_up")
    visit.performance.setCurrentIndex(visit.performance.findData(Performance.NOT_DONE.value))
    type_chinese(visit.hidden_risks, "可能激化")
    type_chinese(visit.measures, "报告司法所")
    visit.new_lawsuit.setChecked(True)
    qtbot.waitUntil(lambda: any(d.form == "follow_up" and d.data.get("measures") == "报告司法所"
                                for d in visit.drafts.pending()), timeout=3000)
    visit.reject()
    data = next(d for d in visit.drafts.pending() if d.form == "follow_up").data
    back = window.open_record("follow_up", data)
    assert back.performance.currentData() == Performance.NOT_DONE.value
    assert back.satisfied.currentIndex() == -1  # not chosen stays not chosen
    assert (back.hidden_risks.toPlainText(), back.measures.toPlainText(), back.new_lawsuit.isChecked()) == (
        "可能激化", "报告司法所", True)
    back.done(0)

    oral = window.open_record("oral")
    oral.reached_on.setDate(china_day().addDays(-4))
    type_chinese(oral.terms, "李四赔偿800元")
    qtbot.waitUntil(lambda: any(d.form == "oral" for d in oral.drafts.pending()), timeout=3000)
    oral.reject()
    data = next(d for d in oral.drafts.pending() if d.form == "oral").data
    back = window.open_record("oral", data)
    assert back.reached_on.date() == china_day().addDays(-4)
    back.done(0)

    inv = window.open_record("investigation")
    type_chinese(inv.recorder, "赵记录")
    qtbot.waitUntil(lambda: any(d.form == "investigation" for d in inv.drafts.pending()), timeout=3000)
    inv.reject()
    data = next(d for d in inv.drafts.pending() if d.form == "investigation").data
    back = window.open_record("investigation", data)
    assert back.recorder.text() == "赵记录"
    back.done(0)


def test_what_a_form_starts_with_is_chinese_data_in_an_english_window(qtbot, db, director, type_chinese):
    """The place and the 回访事由 a form starts with are printed on Chinese documents, whatever the window's language."""
    from mediation_desktop.ui.common import language

    case_id = _case(db, director, agreed=True)
    agreements.record_oral(db, director, case_id, agreements.AgreementInput(["李四赔偿800元。"]))
    window = _window(qtbot, db, director, case_id)
    language.switch(language.EN)
    try:
        session = window.open_record("session")
        assert session.place.text() == "调解室"
        type_chinese(session.record, "双方陈述")
        _save(session)
        visit = window.open_record("follow_up")
        assert visit.reason.text() == "了解协议履行情况"
    finally:
        language.switch(language.ZH)
    with db.read_session() as s:
        assert s.scalar(select(MediationSession.place)) == "调解室"


# ---- the forms' layouts are their Qt Designer files (forms/case/*.ui); the Python gives them their behaviour

def _record_forms(db, director):
    case_id, agreed = _case(db, director), _case(db, director, agreed=True)
    from mediation_desktop.ui.case.record_dialogs import ReferralDialog

    return [InvestigationDialog(db, director, case_id), SessionDialog(db, director, case_id),
            OralAgreementDialog(db, director, agreed), FollowUpDialog(db, director, agreed),
            ReferralDialog(db, director, case_id)]


def test_every_field_of_a_record_form_is_a_labelled_row_of_its_designer_form(qtbot, db, director):
    for dialog in _record_forms(db, director):
        qtbot.addWidget(dialog)
        assert dialog.objectName() == type(dialog).__name__  # (built by its compiled form)
        assert dialog.form_scroll.widget() is dialog.form_widget and dialog.form_widget.layout() is dialog.form
        for key, field in dialog.fields.items():
            row, _role = dialog.form.getWidgetPosition(field)
            assert row >= 0 and field.objectName(), f"{dialog.objectName()}.{key}"
            label = dialog.form.labelForField(field)
            assert label is None or label.buddy() is field, f"{dialog.objectName()}.{key}"  # (Alt+key: the field)
        assert dialog.buttons.parent() is dialog and not dialog.form_widget.isAncestorOf(dialog.buttons)


def test_a_record_forms_dates_start_today_untouched_and_take_no_day_after_it(qtbot, db, director):
    from mediation_desktop.ui.common.date_field import DateField, MomentField

    china = in_china(dt.datetime.now(dt.UTC)).date()  # (a time of day is the room's clock's: China's)
    for dialog in _record_forms(db, director):
        qtbot.addWidget(dialog)
        for key, field in dialog.fields.items():
            if isinstance(field, DateField | MomentField):
                today = QDate(china.year, china.month, china.day) if isinstance(field, MomentField) else (
                    china_day())
                assert field.rule.latest == today and field.date() == today, f"{dialog.objectName()}.{key}"
                assert not field.chosen and dialog.form_data()[key] == ""  # (a resumed draft starts from its day)
                field.setDate(today.addDays(1))
                assert field.problem(), f"{dialog.objectName()}.{key}"


def test_a_date_field_built_by_a_form_takes_its_parent_only_and_starts_today(qtbot):
    from PySide6.QtWidgets import QWidget

    from mediation_desktop.ui.common.date_field import DateField, MomentField

    host = QWidget()
    qtbot.addWidget(host)
    day, moment = DateField(host), MomentField(host)
    assert day.parent() is host and moment.parent() is host
    assert day.date() == china_day() and not day.chosen and day.rule.latest is None
    moment.set_latest(QDateTime(QDate(2026, 3, 1), QTime(9, 0)))
    moment.setDateTime(QDateTime(QDate(2026, 3, 1), QTime(9, 30)))
    assert moment.rule.latest == QDate(2026, 3, 1) and moment.problem()


def test_no_record_form_scrolls_sideways_in_english_large_text(qtbot, qapp, db, director, monkeypatch):
    """A long English label or tick box in 大字 (因同一纠纷另行起诉… is a line of English) widens the form where the
    village laptop's screen allows, instead of hiding the fields' right side behind a sideways scroll bar."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from mediation_desktop.paths import resources_dir
    from mediation_desktop.ui.common import language, screen_fit
    from mediation_desktop.ui.common.fonts import install_fonts

    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(0, 0, 1366, 728))
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: False))
    answer_drafts(monkeypatch, RecordDialog, False)
    font = qapp.font()
    install_fonts(qapp, resources_dir() / "fonts", 16)
    assert language.switch(language.EN)
    try:
        sideways = []
        for dialog in _record_forms(db, director):
            qtbot.addWidget(dialog)
            dialog.show()
            QApplication.processEvents()
            if dialog.form_scroll.horizontalScrollBar().isVisible() or dialog.width() > 1366:
                sideways.append(dialog.objectName())
            dialog.close()
        assert sideways == []
    finally:
        language.switch(language.ZH)
        qapp.setFont(font)
