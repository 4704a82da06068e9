"""The screening register and the mediator roster through the window: real widgets clicked, then the database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import Role
from mediation_desktop.services import accounts
from mediation_desktop.storage.models import Case, Mediator, Screening, ScreeningFinding
from mediation_desktop.ui.admin.roster_dialog import RosterDialog
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common.date_field import china_day
from mediation_desktop.ui.hub.screening_dialog import ScreeningDialog, ScreeningForm
from mediation_desktop.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def _click(qtbot, button):
    qtbot.mouseClick(button, LEFT)


def test_a_mediator_records_a_screening_and_registers_what_it_found(qtbot, db, director, type_chinese):
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    _click(qtbot, window.screening_button)
    dialog = window.findChildren(ScreeningDialog)[-1]
    assert dialog.table.rowCount() == 0
    _click(qtbot, dialog.add_button)
    form = dialog.findChildren(ScreeningForm)[-1]
    form.held_on.setDate(china_day().addDays(-3))
    type_chinese(form.place, "三组、四组")
    form.households.setText("十二")
    _click(qtbot, form.add_row)
    _click(qtbot, form.add_row)
    _click(qtbot, form.add_row)  # the third row stays empty: left out
    form.findings.item(0, 0).setText("张、李两家宅基地滴水纠纷")
    form.findings.item(1, 0).setText("赵家婆媳口角")
    form.findings.cellWidget(1, 1).setChecked(True)
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert "走访户数" in form.error.text() and form.isVisible()  # refused, everything typed kept
    assert form.findings.item(0, 0).text() == "张、李两家宅基地滴水纠纷"
    form.households.setText("12")
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert form.result() == ScreeningForm.DialogCode.Accepted
    with db.read_session() as s:
        row = s.scalar(select(Screening))
        assert row is not None and row.place == "三组、四组" and row.households == 12
        assert row.screened_by == director.display_name
        assert row.held_on == china_today() - dt.timedelta(days=3)
        assert [(f.description, f.prevented) for f in row.findings] == [("张、李两家宅基地滴水纠纷", False),
                                                                        ("赵家婆媳口角", True)]
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "2"
    assert dialog.found.rowCount() == 2 and dialog.found.item(1, 1).text() == "已就地化解"

    # 登记为案件: the normal registration, filled in with the dispute
    dialog.found.selectRow(0)
    _click(qtbot, dialog.register_button)
    reg = window.findChildren(RegisterCaseDialog)[-1]
    assert reg.summary.toPlainText() == "张、李两家宅基地滴水纠纷"
    assert reg.source.currentData() == "initiative"
    table = reg.parties.table
    table.setCurrentCell(0, 1)
    table.item(0, 1).setText("张三")
    table.item(1, 1).setText("李四")
    reg.category.setCurrentIndex(reg.category.findData("house_homestead"))
    _click(qtbot, reg.save_button)
    assert reg.result() == RegisterCaseDialog.DialogCode.Accepted
    with db.read_session() as s:
        case = s.scalar(select(Case))
        finding = s.scalar(select(ScreeningFinding).where(ScreeningFinding.description.startswith("张")))
        assert case is not None and finding is not None and finding.case_id == case.id
        number = case.case_no
    assert dialog.found.item(0, 1).text() == "已登记为案件" and dialog.found.item(0, 2).text() == number


def test_a_clerk_sees_the_register_but_no_write_button(qtbot, db, director):
    accounts.create_user(db, director, "clerk1", "周文书", Role.CLERK, "secret123")
    window = MainWindow(db, accounts.authenticate(db, "clerk1", "secret123"))
    qtbot.addWidget(window)
    assert window.roster_button.isHidden() and window.mediator_roster() is None
    dialog = window.screenings()
    assert isinstance(dialog, ScreeningDialog)
    assert all(b.isHidden() for b in (dialog.add_button, dialog.edit_button, dialog.remove_button,
                                      dialog.register_button))
    assert dialog.add() is None


def test_the_director_keeps_the_roster(qtbot, db, director, type_chinese):
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    _click(qtbot, window.roster_button)
    dialog = window.findChildren(RosterDialog)[-1]
    type_chinese(dialog.name, "王建国")
    dialog.phone.setText("138-0013-8000")
    dialog.full_time.click()
    _click(qtbot, dialog.save_button)
    _click(qtbot, dialog.new_button)
    type_chinese(dialog.name, "李秀英")
    dialog.phone.setText("12345")
    _click(qtbot, dialog.save_button)
    assert "电话号码不对" in dialog.error.text()
    dialog.phone.clear()
    _click(qtbot, dialog.save_button)
    assert dialog.table.rowCount() == 2 and "2 人，其中专职 1 人" in dialog.summary.text()
    dialog.table.selectRow(1)
    assert dialog.name.text() == "李秀英"
    dialog.active.click()  # no longer serving
    _click(qtbot, dialog.save_button)
    with db.read_session() as s:
        rows = {m.name: (m.full_time, m.phone, m.active) for m in s.scalars(select(Mediator))}
    assert rows == {"王建国": (True, "13800138000", True), "李秀英": (False, None, False)}
    assert "1 人，其中专职 1 人" in dialog.summary.text()


def test_screenshots_of_the_register_the_roster_and_the_new_figures(qtbot, qapp, db, director):
    """Kept in artifacts/screenshots for people to look at (as tests/ui/test_screenshots.py), with no tofu."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from report_registers import fill
    from test_screenshots import ARTIFACTS, _shoot

    from mediation_desktop.paths import resources_dir
    from mediation_desktop.ui.common.fonts import install_fonts

    install_fonts(qapp, resources_dir() / "fonts")
    fill(db, director, china_today() - dt.timedelta(days=1))
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    dialog = window.screenings()
    assert isinstance(dialog, ScreeningDialog) and dialog.table.rowCount() == 4
    dialog.table.selectRow(2)  # the one that found two disputes, one of them registered as a case
    assert dialog.found.rowCount() == 2 and dialog.found.item(0, 1).text() == "已登记为案件"
    _shoot(dialog, "screening-register", qapp)
    form = dialog.edit()
    assert form is not None
    _shoot(form, "screening-form", qapp)
    form.reject()
    dialog.reject()
    roster = window.mediator_roster()
    assert roster is not None
    _shoot(roster, "mediator-roster", qapp)
    roster.reject()
    window.tabs.setCurrentWidget(window.stats)
    page = window.dashboard
    assert page is not None
    qtbot.waitUntil(lambda: page.report is not None and page.job is not None and page.job.finished, timeout=20_000)
    page.table.scrollToBottom()
    _shoot(window, "statistics-screenings", qapp)
    assert (ARTIFACTS / "screening-register.png").exists()


def test_clicking_a_register_figure_lists_no_cases(qtbot, db, director):
    """排查次数 has no cases behind it: a click leaves the list as it was, with no error."""
    from mediation_desktop.ui.hub.dashboard import DashboardPage
    from mediation_desktop.ui.hub.figures_model import FigureRole

    page = DashboardPage(db, director)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.report is not None and page.job is not None and page.job.finished, timeout=20_000)
    model = page.figures
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), FigureRole) == "scr:held")
    page._figure_clicked(model.index(row, model.columnCount() - 1))
    qtbot.waitUntil(lambda: page.job is None or page.job.finished, timeout=20_000)
    qtbot.wait(50)
    assert page.drilled is None and page.error.text() == ""


def test_the_case_window_records_what_was_prevented(qtbot, db, director):
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.ui.case.case_window import CaseWindow
    from mediation_desktop.ui.case.prevented_dialog import PreventedDialog

    cid = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                                summary="宅基地界限纠纷")).case_id
    window = CaseWindow(db, director, cid)
    qtbot.addWidget(window)
    _click(qtbot, window.buttons["prevented"])
    dialog = window.findChildren(PreventedDialog)[-1]
    dialog.petition.click()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    _click(qtbot, ok)
    assert "涉及人数" in dialog.error.text() and dialog.isVisible()
    dialog.persons.setText("15")
    _click(qtbot, ok)
    assert dialog.result() == PreventedDialog.DialogCode.Accepted
    with db.read_session() as s:
        case = s.get(Case, cid)
        assert case.prevented_petition and case.prevented_persons == 15 and not case.prevented_criminal


def test_the_screening_day_typed_is_stored_and_a_later_one_refused_visibly(qtbot, db, director):
    """排查日期 is a date field like every other: what is typed over it is kept; a day after today is said."""
    from mediation_desktop.ui.common.date_field import DateField

    form = ScreeningForm(db, director)
    qtbot.addWidget(form)
    form.show()
    assert isinstance(form.held_on, DateField)
    form.place.setText("三组")
    later, earlier = china_today() + dt.timedelta(days=400), china_today() - dt.timedelta(days=400)
    for day in (later, earlier):
        form.held_on.setFocus()
        qtbot.keyClick(form.held_on, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(form.held_on, day.isoformat())
        assert form.held_on.text() == day.isoformat()
        if day == later:
            _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
            assert "不能晚于" in form.error.text() and form.isVisible()
            with db.read_session() as s:
                assert s.scalar(select(Screening)) is None
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert form.result() == ScreeningForm.DialogCode.Accepted
    with db.read_session() as s:
        assert s.scalar(select(Screening)).held_on == earlier


def test_the_screening_form_follows_the_language_its_save_button_included(qtbot, db, director):
    from mediation_desktop.ui.common import language

    form = ScreeningForm(db, director)
    qtbot.addWidget(form)
    save = form.buttons.button(form.buttons.StandardButton.Ok)
    assert save.text() == "保存"
    try:
        language.switch(language.EN)
        qtbot.waitUntil(lambda: save.text() == "Save")  # (not Qt's own "OK", not 保存)
        assert form.windowTitle() == "Screening" and form.form.findingsLabel.text() == "Disputes found"
    finally:
        language.switch(language.ZH)
    qtbot.waitUntil(lambda: save.text() == "保存")
    assert form.form.findingsLabel.text() == "排查发现的纠纷"


def test_registering_a_prevented_dispute_asks_first_and_then_it_is_a_case_only(qtbot, db, director, monkeypatch):
    from mediation_desktop.services import screenings

    sid = screenings.add_screening(db, director, screenings.ScreeningInput(
        china_today(), "三组", "王建国", findings=[screenings.FindingInput("赵家婆媳口角", prevented=True)]))
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    dialog = window.screenings()
    assert isinstance(dialog, ScreeningDialog)
    asked: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(ScreeningDialog, "ask", classmethod(lambda cls, parent, text: (asked.append(text),
                                                                                       answers.pop(0))[1]))
    dialog.found.selectRow(0)
    _click(qtbot, dialog.register_button)  # 否: nothing opened
    assert len(asked) == 1 and "已就地化解" in asked[0] and "不再算作预防纠纷" in asked[0]
    assert window.findChildren(RegisterCaseDialog) == []
    _click(qtbot, dialog.register_button)  # 是: the registration
    reg = window.findChildren(RegisterCaseDialog)[-1]
    reg.parties.table.setCurrentCell(0, 1)
    reg.parties.table.item(0, 1).setText("赵一")
    reg.parties.table.item(1, 1).setText("赵二")
    reg.category.setCurrentIndex(reg.category.findData("marriage_family"))
    _click(qtbot, reg.save_button)
    assert reg.result() == RegisterCaseDialog.DialogCode.Accepted
    with db.read_session() as s:
        finding = s.scalar(select(ScreeningFinding))
        assert finding is not None and finding.case_id is not None and not finding.prevented
    assert dialog.found.item(0, 1).text() == "已登记为案件" and dialog.table.item(0, 4).text() == "0"
    # the form does not let it be ticked 已就地化解 again
    form = dialog.edit()
    assert form is not None and form.stored is not None and form.stored.id == sid
    box = form.findings.cellWidget(0, 1)
    assert not box.isChecked() and not box.isEnabled()


def test_the_roster_asks_before_adding_a_name_already_serving(qtbot, db, director, type_chinese, monkeypatch):
    asked: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(RosterDialog, "ask", classmethod(lambda cls, parent, text: (asked.append(text),
                                                                                    answers.pop(0))[1]))
    dialog = RosterDialog(db, director)
    qtbot.addWidget(dialog)
    for _ in range(3):
        _click(qtbot, dialog.new_button)
        type_chinese(dialog.name, "王建国")
        _click(qtbot, dialog.save_button)
    assert asked == ["名册里已有在任的王建国。是同名的另一个人吗？"] * 2
    with db.read_session() as s:
        assert [m.name for m in s.scalars(select(Mediator))] == ["王建国", "王建国"]  # (否 added none; 是 one)
    assert dialog.error.text() == "" and dialog.table.rowCount() == 2


def test_a_hub_says_its_register_and_roster_are_its_own_and_a_clerk_only_reads(qtbot, tmp_path):
    from sync_helpers import new_installation

    town = new_installation(tmp_path / "town", "城关", "330102", "城关镇人民调解委员会", "township", "330100")
    try:
        accounts.create_user(town.db, town.actor, "clerk1", "周文书", Role.CLERK, "secret123")
        clerk = accounts.authenticate(town.db, "clerk1", "secret123")
        register = ScreeningDialog(town.db, clerk)
        qtbot.addWidget(register)
        text = register.form.scopeLabel.text()
        assert not register.form.scopeLabel.isHidden()
        assert "各村的排查随数据包汇入，只计入统计，不在这里列出" in text and "只能查看" in text
        roster = RosterDialog(town.db, town.actor)
        qtbot.addWidget(roster)
        assert "各村的名册随数据包汇入" in roster.form.scopeLabel.text() and not roster.form.scopeLabel.isHidden()
    finally:
        town.db.dispose()


def test_a_village_register_has_no_such_line(qtbot, db, director):
    register = ScreeningDialog(db, director)
    qtbot.addWidget(register)
    assert register.form.scopeLabel.isHidden()
