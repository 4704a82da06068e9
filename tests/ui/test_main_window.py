"""The window a mediator sees: real widgets, then the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.queries import list_cases
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.desk.case_table_model import CaseTableModel
from mediation_desktop.ui.main_window import MainWindow
from mediation_desktop.ui.start.setup_dialog import SetupDialog


def _cases(db, director):
    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")], summary="菜地界限"))
    register_case(db, director, CaseInput("marriage_family", [PartyInput("王五"), PartyInput("赵六")]))


def test_case_list_shows_and_searches(qtbot, db, director, type_chinese):
    _cases(db, director)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 2
    assert "石桥村人民调解委员会" in window.windowTitle()
    type_chinese(window.search, "王五")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    index = window.model.index(0, 2)
    assert window.model.data(index) == "王五、赵六"
    assert window.model.data(window.model.index(0, 3)) == "婚姻家庭"
    assert window.model.data(window.model.index(0, 4)) == "受理"
    assert "1" in window.count_label.text()


def test_case_model_passes_the_model_tester(qtmodeltester, db, director):
    for _ in range(3):
        _cases(db, director)
    model = CaseTableModel(list_cases(db))
    qtmodeltester.check(model)


def test_model_fetches_in_pages(db, director):
    from mediation_desktop.ui.desk import case_table_model

    _cases(db, director)
    rows = list_cases(db) * 600  # 1200 rows
    model = CaseTableModel(rows)
    assert model.rowCount() == case_table_model.PAGE
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 1200


def test_first_run_setup_dialog_initialises(qtbot, empty_db: Database, type_chinese, monkeypatch):
    codes = []
    monkeypatch.setattr(SetupDialog, "show_code", classmethod(lambda cls, parent, code: codes.append(code)))
    dialog = SetupDialog(empty_db)
    qtbot.addWidget(dialog)
    dialog.org_code.setText("330102001")
    type_chinese(dialog.org_name, "石桥村人民调解委员会")
    type_chinese(dialog.admin_name, "王建国")
    dialog.password.setText("secret123")
    dialog.password2.setText("secret124")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "不一样" in dialog.error.text()
    assert not empty_db.is_initialised()
    dialog.password2.setText("secret123")
    dialog.org_code.setText("33")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "机构代码" in dialog.error.text()  # a clear Chinese message, nothing stored
    assert not empty_db.is_initialised()
    dialog.org_code.setText("330102001")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    from mediation_desktop.services.setup import installation

    inst = installation(empty_db)
    assert (inst.org_name, inst.short_name) == ("石桥村人民调解委员会", "石桥村")
    assert len(codes) == 1  # the director's recovery code, shown once to be written down


def test_today_view_lists_what_is_due(qtbot, qtmodeltester, db, director):
    import datetime as dt

    from mediation_desktop.ui.desk.today_view import TodayView

    register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                          registered_on=dt.date(2026, 9, 1), escalation_risk=True),
                  today=dt.date(2026, 9, 1))
    view = TodayView(db)
    qtbot.addWidget(view)
    view.refresh(dt.date(2026, 11, 22))
    qtmodeltester.check(view.model)
    rows = [[view.model.data(view.model.index(r, c)) for c in range(5)] for r in range(view.model.rowCount())]
    assert [r[0] for r in rows] == ["有激化风险，须及时报告", "调解超过一个月未结"]
    assert rows[1][3:] == ["2026-10-01", "已逾期 52 天"]
    assert "共 2 项待办，其中 2 项已逾期" in view.summary.text()
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["待办", "案件", "统计", "交换（U盘）", "日志"]


def test_window_starts_locked_and_signs_in(qtbot, db, director, type_chinese):
    _cases(db, director)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.login
    assert window.model.rowCount() == 0 and window.today.model.rowCount() == 0  # nothing shown before sign-in
    window.login.username.setText("admin")
    window.login.password.setText("wrong-password")
    qtbot.mouseClick(window.login.button, Qt.MouseButton.LeftButton)
    assert window.login.error.text() == "用户名或密码不对。"
    assert window.stack.currentWidget() is window.login
    window.login.password.setText("secret123")
    qtbot.keyClick(window.login.password, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == 1
    assert window.actor.username == "admin" and "王建国" in window.user_label.text()
    assert window.model.rowCount() == 2


def test_idle_window_locks_itself(qtbot, db, director):
    _cases(db, director)
    window = MainWindow(db, director, lock_ms=100)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 2
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=3000)
    assert window.model.rowCount() == 0 and window.actor is None
    assert window.login.username.text() == "admin"  # the same user signs back in with the password only


def test_lock_button_and_large_font(qtbot, qapp, db, director):
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.large_font.setChecked(True)
    assert qapp.font().pointSize() == 16
    window.large_font.setChecked(False)
    assert qapp.font().pointSize() == 12
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.login


def test_case_list_filters(qtbot, db, director):
    import datetime as dt

    from mediation_desktop.domain.lifecycle import CaseAction
    from mediation_desktop.services.cases import change_status

    register_case(db, director, CaseInput("labour_wages", [PartyInput("赵红"), PartyInput("某公司")],
                                          registered_on=dt.date(2025, 3, 1)))
    done = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    change_status(db, director, done.case_id, CaseAction.TERMINATE)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    page = window.cases
    assert window.model.rowCount() == 2
    page.status_box.setCurrentIndex(page.status_box.findData("failed"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_at(0).id == done.case_id
    page.status_box.setCurrentIndex(0)
    page.category_box.setCurrentIndex(page.category_box.findData("labour"))  # counts its 其中 rows
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.row_at(0).category == "labour_wages")
    page.category_box.setCurrentIndex(0)
    page.year_box.setCurrentIndex(page.year_box.findData(2025))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.row_at(0).case_no.startswith("（2025）"))
    assert page.mediator_box.findData("王建国") > 0


def test_hub_lists_committees_with_a_filter(qtbot, db, director):
    """On a hub, cases of several committees are listed; a box narrows the list to one of them."""
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput
    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    own = register_case(db, director, CaseInput("neighbour", [PartyInput("张三")])).case_id
    other = register_case(db, director, CaseInput("neighbour", [PartyInput("王五")])).case_id
    with UnitOfWork(db, actor="admin", action="test.other_owner") as uow:  # as if imported from a village
        uow.session.get(Case, other).owner_org_code = "330102002"
        uow.commit()
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    page = window.cases
    qtbot.waitUntil(lambda: not page.is_loading())  # the filter choices are read on a worker thread
    assert not page.village_box.isHidden() and page.village_box.count() == 3
    page.village_box.setCurrentIndex(page.village_box.findData("330102002"))
    page.refresh()
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [other]
    page.village_box.setCurrentIndex(page.village_box.findData("330102001"))
    page.refresh()
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [own]
    assert page.village_box.itemText(page.village_box.findData("330102001")) == "石桥村人民调解委员会"


def test_statistics_tab_made_on_first_use_and_per_user(qtbot, db, director):
    """统计 (Ctrl+3): the dashboard is made when first opened, counts the cases, and goes away on lock."""
    _cases(db, director)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.dashboard is None  # nothing of the reports is built before it is asked for
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.stats and window.tabs.tabText(window.tabs.currentIndex()) == "统计"
    page = window.dashboard
    assert page is not None and page.actor == director
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    window.lock()
    assert window.dashboard is None  # no figure stays on screen while locked
    window.sign_in(director)
    assert window.dashboard is not None and window.dashboard is not page
    qtbot.waitUntil(lambda: window.dashboard is not None and window.dashboard.job is not None
                    and window.dashboard.job.finished, timeout=20_000)


def test_backups_run_by_themselves_and_the_director_opens_数据备份(qtbot, db, director):
    """At sign-in the automatic backup runs in the background and says so in the status bar; only a
    director sees 数据备份…, whose dialog stops the automatic backups before a restore touches the files."""
    from mediation_desktop.services import backups
    from mediation_desktop.ui.admin.backup_dialog import BackupDialog

    _cases(db, director)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    schedule = window.backup_schedule
    assert schedule is not None and schedule.timer.isActive()
    qtbot.waitUntil(lambda: schedule.job is not None and schedule.job.finished, timeout=30_000)
    assert len(backups.rotation(db.paths.backups)) == 1
    assert "已自动备份" in window.statusBar().currentMessage()
    assert window.backup_button.isVisible() and window.backup_button.text() == "数据备份…"
    window.lock()
    window.sign_in(director)
    assert window.backup_schedule is schedule  # one schedule per run, not one per sign-in
    dialog = window.backups()
    assert isinstance(dialog, BackupDialog)
    qtbot.addWidget(dialog)
    dialog.sig_restoring.emit()
    assert schedule.stopped and not schedule.timer.isActive()
    dialog.reject()


def test_a_mediator_has_no_backup_button(qtbot, db, director):
    from mediation_desktop.domain.enums import Role
    from mediation_desktop.services.accounts import Actor

    mediator = Actor("lisi", "李四", Role.MEDIATOR)
    window = MainWindow(db, mediator)
    qtbot.addWidget(window)
    window.show()
    assert not window.backup_button.isVisible() and window.backups() is None


def test_closing_during_an_automatic_backup_waits_for_it_and_says_so(qtbot, db, director, monkeypatch):
    """A backup is never cut off halfway; the wait is shown, so nobody takes it for a hang."""
    import time

    from PySide6.QtWidgets import QProgressDialog

    from mediation_desktop.services import backups

    finished = []

    def slow_backup(db, *, now=None, at_start=False, at_close=False):
        time.sleep(1.0)
        finished.append(True)

    monkeypatch.setattr(backups, "backup_if_due", slow_backup)
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    window.show()
    schedule = window.backup_schedule
    assert schedule is not None and schedule.busy()
    window.close()
    assert finished == [True] and schedule.stopped and not schedule.busy()
    notes = window.findChildren(QProgressDialog)
    assert [n.labelText() for n in notes] == ["正在完成自动备份，请稍候…"] and not notes[0].isVisible()


def test_in_large_text_the_case_numbers_of_the_list_are_whole_after_sign_in(qtbot, qapp, db, director):
    """大字 chosen on the sign-in page: the rows read at sign-in (a ledger case shows its old number too) are
    not cut to 「（2026）石桥村人调字第1…」 nor 「拖欠农民工…」; a column the user widened stays as wide."""
    from mediation_desktop.storage.models import Case
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    case_id = register_case(db, director, CaseInput("labour_wages", [PartyInput("张三"), PartyInput("李四")])).case_id
    with UnitOfWork(db, actor="admin", action="test.ledger_case") as uow:  # as if imported from a paper ledger
        uow.session.get(Case, case_id).extra = {"original_no": "2019-石桥-调-0231"}
        uow.commit()
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.large_font.setChecked(True)
    try:
        QApplication.processEvents()
        window.sign_in(director)
        window.tabs.setCurrentWidget(window.cases)
        QApplication.processEvents()
        table = window.cases.table
        assert "原编号" in window.model.data(window.model.index(0, 0))
        for column in (0, 3, 4, 5):  # 案件编号, 纠纷类型, 状态, 受理日期
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
        table.setColumnWidth(2, 500)  # (当事人: 案件名称 may be left out in 大字, where the list is too narrow)
        window.cases.refresh()  # a search: new rows
        assert table.columnWidth(2) == 500 and table.columnWidth(0) >= table.sizeHintForColumn(0)
    finally:
        window.large_font.setChecked(False)
