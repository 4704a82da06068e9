"""受理登记 and 修改登记 through the real dialog: typed, clicked and tabbed, then checked in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from draft_answers import answer_drafts
from party_table_steps import click_details, click_ok, type_cell
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyKind, PartyRole
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.drafts import DraftStore
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Case, CaseNumberCounter, Party
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.party_detail_dialog import PartyDetailDialog
from mediation_desktop.ui.case.party_rows import DETAILS_COL, ID_COL, KIND_COL, NAME_COL, PHONE_COL, ROLE_COL
from mediation_desktop.ui.case.register_case_dialog import FORM, KEY, RegisterCaseDialog
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.main_window import MainWindow

FARM_CODE = "914403001922038216"
FIELDS = ("name", "role", "kind", "sex", "ethnicity", "birth_date", "age", "occupation", "phone", "address",
          "id_type", "id_number", "representative", "representative_title")


@pytest.fixture(autouse=True)
def _no_questions(monkeypatch):
    """Nobody answers a message box in a test: closing a filled form drops it (unless a test says otherwise)."""
    answer_drafts(monkeypatch, RegisterCaseDialog, False)


def _show(qtbot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=3000)


def _new(qtbot, db, director) -> RegisterCaseDialog:
    dialog = RegisterCaseDialog(db, director)
    _show(qtbot, dialog)
    return dialog




def _choose(combo, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def _choose_kind(qtbot, dialog, row: int, value: str) -> None:
    """Click the 个人/单位 cell: its list opens; pick with the arrow keys and Enter."""
    table = dialog.parties.table
    rect = table.visualRect(table.model().index(row, KIND_COL))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.indexWidget(table.model().index(row, KIND_COL))
    assert editor is not None and editor.view().isVisible()  # the list is open
    target = editor.findData(value)
    key = Qt.Key.Key_Down if target > editor.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - editor.currentIndex())):
        qtbot.keyClick(editor.view(), key)
    qtbot.keyClick(editor.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(table.model().index(row, KIND_COL)) is None, timeout=2000)


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)






def _parties(db, case_id=None) -> list[Party]:
    with db.read_session() as s:
        query = select(Party).where(Party.deleted_at.is_(None)).order_by(Party.position)
        if case_id is not None:
            query = query.where(Party.case_id == case_id)
        return list(s.scalars(query))


def _cases(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(Case))


# ---- 1. a correction never wipes what the 协议书 prints
def _full_case(db, director):
    day = dt.date(2023, 6, 1)  # registered three years ago: 张三 was 36 then
    return register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三", id_number="110105198612150018", phone="13800138000", address="石桥村3组", ethnicity="汉族",
                   occupation="农民"),
        PartyInput("李四", role=PartyRole.RESPONDENT, sex="female", age=52, ethnicity="回族", occupation="个体户"),
        PartyInput("兴旺养殖场", role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION, id_number=FARM_CODE,
                   representative="王兴旺", representative_title="场长", address="石桥村5组")],
        summary="两家菜地界限不清。", registered_on=day), today=day).case_id


def _snapshot(db, case_id):
    return [tuple(getattr(p, f) for f in FIELDS) for p in _parties(db, case_id)]


def test_correcting_the_summary_keeps_every_party_field(qtbot, db, director, type_chinese):
    case_id = _full_case(db, director)
    before = _snapshot(db, case_id)
    window = CaseWindow(db, director, case_id)
    _show(qtbot, window)
    dialog = window.edit_registration()
    assert isinstance(dialog, RegisterCaseDialog)
    qtbot.waitExposed(dialog)
    dialog.summary.moveCursor(dialog.summary.textCursor().MoveOperation.End)
    type_chinese(dialog.summary, "（补充）")
    _save(qtbot, dialog)
    assert dialog.error.text() == "" and dialog.result() == RegisterCaseDialog.DialogCode.Accepted
    with db.read_session() as s:
        assert s.get(Case, case_id).summary == "两家菜地界限不清。（补充）"
    after = _snapshot(db, case_id)
    assert after == before  # 民族, 职业, 年龄 36 (not 39), the farm's 法定代表人 and 职务: all kept
    assert "汉族" in dialog.parties.table.item(0, DETAILS_COL).text()  # and what is stored is on show
    assert "王兴旺" in dialog.parties.table.item(2, DETAILS_COL).text()


def test_an_older_correction_draft_does_not_wipe_fields(qtbot, db, director):
    """A draft of a correction saved by the old form (name, ID, phone, address only) is restored safely."""
    case_id = _full_case(db, director)
    before = _snapshot(db, case_id)
    old_rows = [{"role": p.role.value, "name": p.name, "id_number": p.id_number or "", "phone": p.phone or "",
                 "address": p.address or "", "party_id": str(p.id)} for p in _parties(db, case_id)]
    window = CaseWindow(db, director, case_id)
    _show(qtbot, window)
    dialog = window.edit_registration({"category": "neighbour", "source": "application",
                                       "registered_on": "2023-06-01", "summary": "两家菜地界限不清。", "requests": "",
                                       "amount": "", "mediator": "王建国", "risk": False, "non_public": False,
                                       "parties": old_rows, "case_id": str(case_id)})
    dialog.submit()
    assert dialog.error.text() == ""
    assert _snapshot(db, case_id) == before


# ---- 2. an organisation with an all-digit credit code, and the 个人/单位 column
def test_a_farm_with_an_all_digit_credit_code_is_an_organisation(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 0, ID_COL, "11010519491231002X", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "兴旺养殖场", type_chinese)
    type_cell(qtbot, dialog, 1, ID_COL, FARM_CODE, type_chinese)
    assert dialog.parties.kind(1) == "organisation"  # seen while typing
    assert dialog.parties.table.item(1, KIND_COL).text() == "单位"
    assert "信用代码正确" in dialog.parties.hint.text()
    _choose(dialog.category, "neighbour")
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    farm = _parties(db)[1]
    assert (farm.name, farm.kind.value, farm.id_type.value, farm.id_number) == (
        "兴旺养殖场", "organisation", "credit_code", FARM_CODE)


def test_the_mediator_says_person_or_organisation(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "石桥村三组", type_chinese)  # a villagers' group: not named like a unit
    assert dialog.parties.kind(1) == "person"
    _choose_kind(qtbot, dialog, 1, "organisation")
    assert dialog.parties.table.item(1, KIND_COL).text() == "单位"
    type_cell(qtbot, dialog, 1, NAME_COL, "石桥村第三村民组", type_chinese)  # a chosen kind stays chosen
    assert dialog.parties.kind(1) == "organisation"
    detail = click_details(qtbot, dialog, 1)
    assert detail.org_box.isVisibleTo(detail) and not detail.person_box.isVisibleTo(detail)
    type_chinese(detail.representative, "王组长")
    type_chinese(detail.representative_title, "村民小组长")
    click_ok(qtbot, detail)
    _choose(dialog.category, "forest_land")
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    group = _parties(db)[1]
    assert (group.kind.value, group.representative, group.representative_title) == ("organisation", "王组长",
                                                                                    "村民小组长")


def test_a_unit_whose_code_fails_its_check_can_be_marked_as_a_unit(qtbot, db, director, type_chinese):
    """Some real credit codes fail the GB 32100 check (warn, never block): the mediator says 单位 and saves."""
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "王氏兄弟", type_chinese)
    type_cell(qtbot, dialog, 1, ID_COL, "914403001922038217", type_chinese)  # all digits, check fails
    _choose(dialog.category, "contract")
    _save(qtbot, dialog)
    assert dialog.error.text().startswith("第2行（王氏兄弟）：") and "“单位”" in dialog.error.text()
    assert _cases(db) == 0
    _choose_kind(qtbot, dialog, 1, "organisation")
    assert "校验码对不上" in dialog.parties.hint.text()  # now a warning about the code, not an error
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    unit = _parties(db)[1]
    assert (unit.kind.value, unit.id_type.value, unit.id_number) == ("organisation", "credit_code",
                                                                     "914403001922038217")


# ---- 3. which party is wrong: named, selected, coloured
def test_a_save_error_names_the_party_and_selects_its_cell(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    table = dialog.parties.table
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 0, ID_COL, "110105194912310021", type_chinese)  # wrong check digit
    type_cell(qtbot, dialog, 1, NAME_COL, "李四", type_chinese)
    qtbot.mouseClick(dialog.parties.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, dialog, 2, NAME_COL, "王五", type_chinese)
    type_cell(qtbot, dialog, 2, ID_COL, "110105194902310021", type_chinese)  # 2月31日: no such birth date
    _choose(dialog.category, "neighbour")
    _save(qtbot, dialog)
    error = dialog.error.text()
    assert error.startswith("第1行（张三）：") and "校验码" in error and "另有 1 行" in error
    assert (table.currentRow(), table.currentColumn()) == (0, ID_COL)
    assert dialog.parties.hint.text().startswith("⚠ 第1行（张三）")  # the hint speaks of the same party
    red = [row for row in range(3) if table.item(row, NAME_COL).background().style() != Qt.BrushStyle.NoBrush]
    assert red == [0, 2]
    type_cell(qtbot, dialog, 0, ID_COL, "11010519491231002X", type_chinese)
    _save(qtbot, dialog)
    assert dialog.error.text().startswith("第3行（王五）：") and "出生日期" in dialog.error.text()
    assert (table.currentRow(), table.currentColumn()) == (2, ID_COL)
    type_cell(qtbot, dialog, 2, PHONE_COL, "12345", type_chinese)
    type_cell(qtbot, dialog, 2, ID_COL, "", type_chinese)
    _save(qtbot, dialog)
    assert dialog.error.text().startswith("第3行（王五）：") and "电话" in dialog.error.text()
    assert (table.currentRow(), table.currentColumn()) == (2, PHONE_COL)
    assert _cases(db) == 0


# ---- 4. the fields the 协议书 prints
def test_the_details_form_fills_what_the_agreement_prints(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 0, ID_COL, "11010519491231002X", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "李四", type_chinese)
    detail = click_details(qtbot, dialog, 0)
    assert detail.person_box.isVisibleTo(detail) and "1949-12-31" in detail.derived.text()  # from the ID
    type_chinese(detail.ethnicity.lineEdit(), "回族")
    type_chinese(detail.occupation, "农民")
    click_ok(qtbot, detail)
    assert dialog.parties.table.item(0, DETAILS_COL).text().startswith("回族，农民")
    detail = click_details(qtbot, dialog, 1)  # no ID: sex and age are typed
    assert not detail.derived.isVisibleTo(detail)
    _choose(detail.sex, "male")
    detail.age.lineEdit().selectAll()
    qtbot.keyClicks(detail.age, "58")
    type_chinese(detail.occupation, "个体户")
    click_ok(qtbot, detail)
    _choose(dialog.category, "neighbour")
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    zhang, li = _parties(db)
    assert (zhang.sex, zhang.age is not None, zhang.ethnicity, zhang.occupation) == ("female", True, "回族", "农民")
    assert (li.sex, li.age, li.ethnicity, li.occupation) == ("male", 58, None, "个体户")


def test_the_table_fits_a_1280_pixel_screen(qtbot, db, director):
    dialog = _new(qtbot, db, director)
    assert dialog.width() <= 1280 - 40
    table = dialog.parties.table
    right = table.columnViewportPosition(DETAILS_COL) + table.columnWidth(DETAILS_COL)
    assert right <= table.viewport().width()  # every column on screen, no sideways scrolling


# ---- 5. the keyboard
def test_tab_goes_through_the_parties_and_on_to_save(qtbot, db, director):
    dialog = _new(qtbot, db, director)
    table = dialog.parties.table
    assert dialog.focusWidget() is table and (table.currentRow(), table.currentColumn()) == (0, NAME_COL)
    reached: list[QWidget] = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is dialog.save_button:
            break
    assert dialog.category in reached and dialog.summary in reached and reached[-1] is dialog.save_button
    inside = [i for i, w in enumerate(reached) if w is table or table.isAncestorOf(w)]
    assert inside == list(range(len(inside)))  # the table first, once; then never back into it
    assert reached[len(inside)] is dialog.parties.add_button
    dialog.parties.add_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Shift+Tab from 添加当事人: the last cell
    qtbot.keyClick(dialog.parties.add_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is table and (table.currentRow(), table.currentColumn()) == (1, DETAILS_COL)
    table.setCurrentCell(0, NAME_COL)
    table.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Tab: out at once
    assert QApplication.focusWidget() is dialog.parties.add_button


def test_enter_on_the_details_cell_opens_the_form(qtbot, db, director):
    dialog = _new(qtbot, db, director)
    table = dialog.parties.table
    table.setCurrentCell(1, DETAILS_COL)
    table.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [d for d in dialog.findChildren(PartyDetailDialog) if d.isVisible()]
    assert dialog.result() != RegisterCaseDialog.DialogCode.Accepted and dialog.isVisible()


# ---- 6, 7. date and category
def test_no_future_date_and_the_category_must_be_chosen(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    assert dialog.category.currentIndex() == -1 and dialog.category.currentData() is None
    assert dialog.registered_on.rule.latest == china_day()
    dialog.registered_on.setDate(QDate(2030, 1, 1))  # kept as typed, refused in red with the reason
    assert dialog.registered_on.problem() and "不能晚于" in dialog.registered_on.toolTip()
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "李四", type_chinese)
    _save(qtbot, dialog)
    assert dialog.error.text() == "请选择纠纷类型。" and QApplication.focusWidget() is dialog.category
    assert _cases(db) == 0
    with db.read_session() as s:
        assert s.get(CaseNumberCounter, 2030) is None
    _choose(dialog.category, "neighbour")
    _save(qtbot, dialog)
    assert _cases(db) == 0 and QApplication.focusWidget() is dialog.registered_on  # the future date: refused
    dialog.registered_on.setDate(china_day())
    _save(qtbot, dialog)
    with db.read_session() as s:
        case = s.scalar(select(Case))
        assert case.category_code == "neighbour" and case.registered_on == china_today()


# ---- 8. room for the parties, and two sides
def test_a_fresh_form_shows_four_party_rows(qtbot, db, director):
    dialog = _new(qtbot, db, director)
    table = dialog.parties.table
    assert table.viewport().height() >= 4 * table.rowHeight(0)
    assert table.visualRect(table.model().index(1, NAME_COL)).bottom() < table.viewport().height()


def test_one_sided_registration_is_refused_and_the_title_follows_the_sides(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "孤单一人", type_chinese)
    _choose(dialog.category, "neighbour")
    _save(qtbot, dialog)
    assert "申请人" in dialog.error.text() and "被申请人" in dialog.error.text()
    assert _cases(db) == 0
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "李四", type_chinese)
    _choose(dialog.parties._role_combo(1), "applicant")
    qtbot.mouseClick(dialog.parties.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, dialog, 2, NAME_COL, "兴旺养殖场", type_chinese)
    _save(qtbot, dialog)
    assert "被申请人" in dialog.error.text()  # two applicants, nobody on the other side
    _choose(dialog.parties._role_combo(2), "respondent")
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    with db.read_session() as s:
        assert s.scalar(select(Case.title)) == "张三、李四与兴旺养殖场邻里纠纷"


# ---- drafts keep the new fields
def test_a_draft_keeps_details_and_kind(qtbot, db, director, type_chinese, monkeypatch):
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "石桥村三组", type_chinese)
    _choose_kind(qtbot, dialog, 1, "organisation")
    detail = click_details(qtbot, dialog, 0)
    type_chinese(detail.ethnicity.lineEdit(), "壮族")
    type_chinese(detail.occupation, "农民")
    click_ok(qtbot, detail)
    detail = click_details(qtbot, dialog, 1)
    type_chinese(detail.representative, "王组长")
    click_ok(qtbot, detail)
    qtbot.waitUntil(lambda: DraftStore(db.paths.drafts).pending() != [], timeout=3000)  # autosaved
    qtbot.waitUntil(lambda: DraftStore(db.paths.drafts).load(FORM, KEY, director.username).data["parties"][1].get("representative")
                    == "王组长", timeout=3000)
    answer_drafts(monkeypatch, RegisterCaseDialog, True)
    dialog.reject()  # keep the draft
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    restored = window.findChildren(RegisterCaseDialog)[-1]
    rows = restored.parties.rows()
    assert (rows[0]["ethnicity"], rows[0]["occupation"], rows[1]["kind"], rows[1]["representative"]) == (
        "壮族", "农民", "organisation", "王组长")
    assert restored.parties.kind(1) == "organisation" and restored.parties.table.item(1, KIND_COL).text() == "单位"
    _choose(restored.category, "neighbour")
    restored.submit()
    assert restored.error.text() == ""
    zhang, group = _parties(db)
    assert (zhang.ethnicity, zhang.occupation, group.kind.value, group.representative) == (
        "壮族", "农民", "organisation", "王组长")
    answer_drafts(monkeypatch, RegisterCaseDialog, False)


def test_role_column_is_first_and_roles_default_to_both_sides(qtbot, db, director):
    dialog = _new(qtbot, db, director)
    assert [dialog.parties._role_combo(r).currentData() for r in range(2)] == ["applicant", "respondent"]
    assert dialog.parties.table.cellWidget(0, ROLE_COL) is dialog.parties._role_combo(0)
    assert [dialog.parties.kind(r) for r in range(2)] == ["person", "person"]
    assert not dialog.has_content()  # an untouched form is no draft


def test_the_form_is_the_designer_file_with_the_party_grid_in_it(qtbot, db, director):
    """forms/case/register_case_dialog.ui: the grid is the real PartyGrid (promoted), the date field a DateField."""
    from mediation_desktop.ui.case.party_grid import PartyGrid
    from mediation_desktop.ui.common.date_field import DateField

    dialog = _new(qtbot, db, director)
    assert type(dialog.form.partyGrid) is PartyGrid and dialog.parties.table is dialog.form.partyGrid
    assert type(dialog.form.registeredOnEdit) is DateField and dialog.registered_on is dialog.form.registeredOnEdit
    assert dialog.registered_on.date() == china_day() and not dialog.registered_on.chosen
    dialog.registered_on.setDate(china_day().addDays(1))
    assert dialog.registered_on.problem()  # a registration is never dated after today
    assert dialog.parties.table.isAncestorOf(dialog.parties.table.viewport())
    assert dialog.form.fieldsScroll.widget().isAncestorOf(dialog.parties.table)  # it scrolls with the fields
    assert not dialog.form.fieldsScroll.isAncestorOf(dialog.save_button)  # 保存 does not


def test_pasting_a_list_through_its_form(qtbot, db, director):
    """粘贴名单…: the form (forms/case/paste_party_list_dialog.ui) takes the list and one role for everyone."""
    from PySide6.QtCore import QTimer

    from mediation_desktop.ui.case.paste_party_list_dialog import PastePartyListDialog

    dialog = _new(qtbot, db, director)
    seen: list[tuple[str, list[str]]] = []

    def fill() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, PastePartyListDialog)
        seen.append((form.windowTitle(), [form.role.itemText(i) for i in range(form.role.count())]))
        form.text.setPlainText("王五\t13800138000\n赵六\t13900139000")
        form.role.setCurrentIndex(form.role.findData(PartyRole.RESPONDENT.value))
        form.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(dialog.parties.paste_button, Qt.MouseButton.LeftButton)
    assert seen == [("粘贴当事人名单", ["申请人", "被申请人", "第三人"])]
    rows = dialog.parties.rows()
    assert [(r["name"], r["phone"], r["role"]) for r in rows] == [
        ("王五", "13800138000", "respondent"), ("赵六", "13900139000", "respondent")]  # the empty lines filled


def test_the_registration_form_speaks_english_and_back(qtbot, db, director):
    """The form's texts (from the .ui), the grid's headers and lists follow the language without reopening."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

    from mediation_desktop.ui.common import language

    dialog = _new(qtbot, db, director)
    calendar = dialog.registered_on.calendarWidget()  # (Qt's own month names: the language module's business)

    def texts() -> list[str]:
        found = [dialog.windowTitle()]
        for w in dialog.findChildren(QWidget):
            if calendar.isAncestorOf(w):
                continue
            if isinstance(w, (QLabel, QAbstractButton)):
                found.append(w.text())
            elif isinstance(w, QComboBox):
                found.extend([w.placeholderText(), *(w.itemText(i) for i in range(w.count()))])
        table = dialog.parties.table
        found += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        found += [table.item(r, KIND_COL).text() for r in range(table.rowCount())]
        return [t for t in found if t.strip()]

    chinese = texts()
    assert {"当事人", "添加当事人", "纠纷类型", "保存 (Ctrl+S)", "被申请人", "身份证号或信用代码"} <= set(chinese)
    try:
        language.switch(language.EN)
        english = texts()
        assert [t for t in english if re.search(r"[\u3400-\u9fff]", t)] == []
        assert {"Parties", "Add party", "Category"} <= set(english)
    finally:
        language.switch(language.ZH)
    assert texts() == chinese


@pytest.mark.parametrize("font", ["system", "shipped"])  # shipped: Windows without a Chinese font (wider Latin)
@pytest.mark.parametrize("points", [12, 16])  # 16 points: 大字
def test_every_party_header_is_whole_on_the_laptop_in_both_languages(qtbot, qapp, db, director, monkeypatch, points,
                                                                    font):
    """1366×768 (728 above the taskbar): 「被申请人」, 「住址或单位」 and 'Address or employer' are never cut short,
    in the system's font and in the shipped one."""
    from PySide6.QtCore import QRect

    from .test_shipped_font import without_system_cjk_fonts

    if font == "shipped":
        without_system_cjk_fonts(monkeypatch)

    from mediation_desktop.paths import resources_dir
    from mediation_desktop.ui.common import language, screen_fit
    from mediation_desktop.ui.common.fonts import install_fonts

    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget: QRect(0, 0, 1366, 728))
    font = qapp.font()
    try:
        install_fonts(qapp, resources_dir() / "fonts", points)
        for lang in (language.ZH, language.EN):
            assert language.switch(lang)
            dialog = _new(qtbot, db, director)
            dialog.parties.table.item(0, ID_COL).setText("11010519491231002X")
            assert dialog.parties.hint.text()  # the line under the table
            dialog.resize(dialog.width(), 560)  # the fields scroll, whatever the font's line height: the worst case
            qtbot.waitUntil(dialog.form.fieldsScroll.verticalScrollBar().isVisible)  # its bar narrows the table
            header, table = dialog.parties.table.horizontalHeader(), dialog.parties.table
            cut = [(lang, header.model().headerData(c, Qt.Orientation.Horizontal)) for c in range(header.count())
                   if header.sectionSize(c) < header.sectionSizeHint(c)]
            assert cut == []
            right = table.columnViewportPosition(DETAILS_COL) + table.columnWidth(DETAILS_COL)
            assert right <= table.viewport().width()  # and no sideways scrolling
            assert dialog.width() <= 1366 - 8
            dialog.close()
    finally:
        language.switch(language.ZH)
        qapp.setFont(font)


def test_a_mistyped_id_stays_a_person_until_the_mediator_says_unit(qtbot, db, director, type_chinese):
    """One wrong digit of an ID may pass the credit code's check by chance (…0021 does): the row stays 个人, the
    hint says the ID's check digit is wrong, and only the mediator's own 单位 makes it a unit."""
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 0, ID_COL, "11010519491231002X", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "测试人", type_chinese)
    type_cell(qtbot, dialog, 1, ID_COL, "330102195803120021", type_chinese)  # the right number ends in 0020
    assert dialog.parties.kind(1) == "person"
    assert dialog.parties.table.item(1, KIND_COL).text() == "个人"
    assert "校验码不对" in dialog.parties.hint.text() and "信用代码正确" not in dialog.parties.hint.text()
    _choose(dialog.category, "neighbour")
    _save(qtbot, dialog)
    assert dialog.error.text().startswith("第2行（测试人）：") and _cases(db) == 0  # nothing saved with a bad ID
    type_cell(qtbot, dialog, 1, ID_COL, "330102195803120020", type_chinese)
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    person = _parties(db)[1]
    assert (person.kind.value, person.id_type.value, person.id_number) == ("person", "resident_id",
                                                                           "330102195803120020")


def test_the_mediator_may_still_make_an_id_like_number_a_unit(qtbot, db, director, type_chinese):
    dialog = _new(qtbot, db, director)
    type_cell(qtbot, dialog, 0, NAME_COL, "张三", type_chinese)
    type_cell(qtbot, dialog, 1, NAME_COL, "测试人", type_chinese)
    type_cell(qtbot, dialog, 1, ID_COL, "330102195803120021", type_chinese)
    assert dialog.parties.kind(1) == "person"
    _choose_kind(qtbot, dialog, 1, "organisation")
    assert dialog.parties.kind(1) == "organisation"
    assert "信用代码正确" in dialog.parties.hint.text()
    _choose(dialog.category, "contract")
    _save(qtbot, dialog)
    assert dialog.error.text() == ""
    unit = _parties(db)[1]
    assert (unit.kind.value, unit.id_type.value, unit.id_number) == ("organisation", "credit_code",
                                                                     "330102195803120021")
