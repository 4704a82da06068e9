"""The main window: sign in, then the today view (待办) and the case list; locks itself when idle.

The frame — the bar, the tabs, the status bar — is ``forms/main/main_window.ui``; this class puts the pages in
it and keeps the behaviour. The bar's commands are in ``main_commands``, what a lock closes and the drafts it
keeps in ``main_lock``.
"""

from __future__ import annotations

import logging
import threading
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QTabWidget, QWidget

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import Draft
from mediation_desktop.services.setup import installation
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Setting
from mediation_desktop.ui.admin.audit_view import AuditView
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.kept_drafts import REGISTER_FORM, REGISTER_KEY, kept_draft, offer_kept
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common.idle import IdleWatcher
from mediation_desktop.ui.common.language import EN, ZH, current, switch
from mediation_desktop.ui.desk.case_list_page import CaseListPage
from mediation_desktop.ui.desk.today_view import TodayView
from mediation_desktop.ui.forms.main.main_window import Ui_MainWindow
from mediation_desktop.ui.hub.sync_page import SyncPage
from mediation_desktop.ui.main_commands import BarCommands
from mediation_desktop.ui.main_lock import LockGuard
from mediation_desktop.ui.start.login_page import LoginPage

NOTICE_MS = 60_000  # how long a saved registration's 提示 stays in the status bar

if TYPE_CHECKING:
    from mediation_desktop.ui.admin.backup_schedule import BackupSchedule
    from mediation_desktop.ui.hub.dashboard import DashboardPage

log = logging.getLogger(__name__)

NORMAL_POINTS, LARGE_POINTS = 12, 16
WARM_DELAY_MS = 2000
DEFAULT_LOCK_MINUTES = 10
LANGUAGES = {"中文": ZH, "English": EN}  # the language box's items (in the form), each in its own language
_warmed = threading.Event()


def warm_documents() -> None:
    """ReportLab and the fonts, loaded on a background thread once per run: the first document a user
    asks for then appears as quickly as the later ones (the window never waits for this)."""
    if _warmed.is_set():
        return
    _warmed.set()

    def work() -> None:
        try:
            from mediation_desktop.documents import agreement  # noqa: F401 - the import is the warming
            from mediation_desktop.documents.fonts import font_set

            font_set()
        except Exception:  # the first PDF then loads them itself, as it always could
            log.exception("warming the document fonts failed")

    threading.Thread(target=work, name="warm-documents", daemon=True).start()


def put_in_place(holder: QStackedWidget | QTabWidget, slot: QWidget, page: QWidget) -> None:
    """``page`` where the form has the empty page ``slot``, in its order. The pages are made with the
    database, which a promoted widget (made by the form with no arguments) could not be given."""
    index = holder.indexOf(slot)
    if isinstance(holder, QTabWidget):
        holder.insertTab(index, page, holder.tabText(index))
        holder.removeTab(index + 1)
    else:
        holder.insertWidget(index, page)
        holder.removeWidget(slot)
    slot.deleteLater()


class MainWindow(BarCommands, LockGuard, QMainWindow):
    def __init__(self, db: Database, actor: Actor | None = None, *, lock_ms: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.actor: Actor | None = None
        inst = installation(db)
        self.org = inst.org_name if inst else ""
        self.form = Ui_MainWindow()
        self.form.setupUi(self)
        f = self.form
        self.login = LoginPage(db, self.org)
        self.today = TodayView(db, load=False)
        self.cases = CaseListPage(db)
        self.sync = SyncPage(db)
        self.audit = AuditView(db)  # a tab for directors only
        for holder, name, page in ((f.stack, "signInSlot", self.login), (f.tabs, "todayTab", self.today),
                                   (f.tabs, "casesTab", self.cases), (f.tabs, "syncTab", self.sync),
                                   (f.tabs, "logTab", self.audit)):
            put_in_place(holder, getattr(f, name), page)
            setattr(f, name, page)  # the form's texts (the tab's title) now follow the page
        self.stack, self.tabs = f.stack, f.tabs
        self.tabs.removeTab(self.tabs.indexOf(self.audit))  # shown when a director signs in
        self.tabs.setCurrentIndex(0)
        # 统计: the dashboard (Qt Charts and the report code) is made when its tab is first opened
        self.stats = f.statsPage
        self.dashboard: DashboardPage | None = None
        self.model, self.search = self.cases.model, self.cases.search
        # the names the tests and the rest of the window use
        self.user_label, self.large_font, self.count_label = f.userLabel, f.largeFontCheck, f.countLabel
        self.screening_button, self.roster_button = f.screeningButton, f.rosterButton  # 排查登记, 调解员名册
        self.retention_button, self.backup_button = f.retentionButton, f.backupButton
        self.users_button, self.password_button, self.lock_button = f.usersButton, f.passwordButton, f.lockButton
        # placed here, as Designer places no corner widget and nothing in a status bar: who is signed in, beside
        # the tabs (in the bar, with 大字 in English, it made the window wider than the laptop's screen); the
        # count of cases and the language in the status bar
        self.tabs.setCornerWidget(self.user_label, Qt.Corner.TopRightCorner)
        self.statusBar().addWidget(self.count_label, 1)
        self.language = f.language  # 中文, English: its list drops down below it (see the form's style)
        self.statusBar().addPermanentWidget(self.language)
        for index, code in enumerate(LANGUAGES[self.language.itemText(i)] for i in range(self.language.count())):
            self.language.setItemData(index, code)
        self.language.setCurrentIndex(self.language.findData(current()))
        self.backup_schedule: BackupSchedule | None = None
        self.case_windows: dict[uuid.UUID, CaseWindow] = {}
        self._retired: list[QWidget] = []  # see LockGuard
        self._kept_drafts: list[Draft] = []

        self.tabs.currentChanged.connect(self._tab_shown)
        self.login.sig_signed_in.connect(self.sign_in)
        for button, slot in ((self.lock_button, self.lock), (self.users_button, self.manage_users),
                             (self.password_button, self.change_password), (self.retention_button, self.retention),
                             (self.backup_button, self.backups), (self.screening_button, self.screenings),
                             (self.roster_button, self.mediator_roster)):
            button.clicked.connect(slot)
        self.large_font.toggled.connect(self.set_large_font)
        self.language.currentIndexChanged.connect(lambda _i: switch(str(self.language.currentData())))
        self.cases.model.modelReset.connect(self._count)
        self.cases.sig_register.connect(lambda: self.register_case())
        # Enter or a double click on a row opens the case (in the case list and in 待办)
        self.cases.table.activated.connect(lambda index: self.open_case(self.model.row_at(index.row()).id))
        self.today.sig_open_case.connect(self.open_case)
        for keys, slot in ((QKeySequence.StandardKey.New, lambda: self.register_case()),
                           (QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence("Ctrl+L"), self.lock),
                           (QKeySequence("Ctrl+1"), lambda: self.tabs.setCurrentIndex(0)),
                           (QKeySequence("Ctrl+2"), lambda: self.tabs.setCurrentIndex(1)),
                           (QKeySequence("Ctrl+3"), lambda: self.tabs.setCurrentWidget(self.stats))):
            QShortcut(keys, self, slot)

        self.idle = IdleWatcher(lock_ms if lock_ms is not None else self._lock_minutes() * 60_000, self)
        self.idle.sig_idle.connect(self.lock)
        self.idle.sig_lock_key.connect(self.lock)
        self.large_font.setChecked(bool(QSettings().value("ui/large_font", False, type=bool)))
        self.retranslate()
        if actor is not None:
            self.sign_in(actor)
        else:
            self.lock()

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.audit and self.audit.viewer is not None:
            self.audit.refresh()
        if self.tabs.widget(index) is self.sync and self.actor is not None:
            self.sync.refresh_history()
        if self.tabs.widget(index) is self.stats and self.dashboard is None and self.actor is not None:
            self.show_dashboard()

    def show_dashboard(self) -> DashboardPage:
        """The statistics page for the signed-in user, made on first use."""
        if self.dashboard is None:
            from mediation_desktop.ui.hub.dashboard import DashboardPage

            self.dashboard = DashboardPage(self.db, self.actor)
            self.dashboard.sig_open_case.connect(self.open_case)
            self.form.statsLayout.addWidget(self.dashboard)
        return self.dashboard

    def _drop_dashboard(self, *, retire: bool = False) -> None:
        """A new user gets a new page (what it may import and see depends on who they are); ``retire``: at a
        lock, deleted only at the next sign-in (the ledger import it ran may still be returning)."""
        if self.dashboard is not None:
            self.dashboard.stop()
            self.dashboard.setParent(None)
            if retire:
                self.dashboard.setEnabled(False)
                self._retired.append(self.dashboard)
            else:
                self.dashboard.deleteLater()
            self.dashboard = None

    def focus_search(self) -> None:
        """Ctrl+F: to the case list's search box, whatever tab is open."""
        if self.actor is None:
            return
        self.tabs.setCurrentWidget(self.cases)
        self.search.setFocus()
        self.search.selectAll()

    def _lock_minutes(self) -> int:
        with self.db.read_session() as s:
            row = s.get(Setting, "auto_lock_minutes")
            return int(row.value) if row is not None else DEFAULT_LOCK_MINUTES

    def retranslate(self) -> None:
        self.form.retranslateUi(self)  # the bar, the tabs' titles, the tips
        self.setWindowTitle(self.windowTitle() + (f" — {self.org}" if self.org else ""))
        if self.actor is not None:
            self.user_label.setText(self.tr("当前用户：%1").replace("%1", self.actor.display_name))
        self._count()

    def _count(self) -> None:
        signed_in = self.actor is not None
        self.count_label.setText(self.tr("共 %n 件案件", "", self.model.total()) if signed_in else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sign_in(self, actor: Actor) -> None:
        self._bury()
        self.actor = actor
        QTimer.singleShot(WARM_DELAY_MS, self, warm_documents)  # after the list is up
        self.cases.viewer = self.today.viewer = self.sync.actor = actor
        self.cases.register_button.setVisible(actor.role != Role.CLERK)
        self.users_button.setVisible(actor.role == Role.DIRECTOR)
        self.retention_button.setVisible(actor.role == Role.DIRECTOR)
        self.roster_button.setVisible(actor.role == Role.DIRECTOR)
        self.backup_button.setVisible(actor.role == Role.DIRECTOR and self.db.is_sqlite)
        self.audit.viewer = actor if actor.role == Role.DIRECTOR else None
        if self.audit.viewer is not None and self.tabs.indexOf(self.audit) < 0:
            self.tabs.addTab(self.audit, self.tr("日志"))
        elif self.audit.viewer is None and self.tabs.indexOf(self.audit) >= 0:
            self.tabs.removeTab(self.tabs.indexOf(self.audit))
        self.audit.clear()  # read when its tab is opened (it is long, and only a director looks)
        self._drop_dashboard()
        if self.tabs.currentWidget() is self.stats:
            self.show_dashboard()
        self.cases.reload()  # the list first, alone (its filter choices follow on a worker thread) …
        self.today.refresh_in_background()  # … then what is due, also read off the window's thread
        self.stack.setCurrentIndex(1)
        self.retranslate()
        self.idle.start()
        self._start_backups()
        self.offer_drafts()

    def register_case(self, data: dict[str, Any] | None = None) -> RegisterCaseDialog | None:
        """受理登记, empty or (``data``) filled in: with the kept draft itself (the offer at sign-in) or with a
        dispute to register (a screening's finding). A new case has one draft: kept, and not what the form
        would open with, it is offered first (丢弃草稿 discards it, 以后再说 opens nothing). Taken up instead of a
        finding, the draft's form is not returned: the finding waits (its caller links what the returned form
        registers to it)."""
        actor = self.actor
        if actor is None or actor.role == Role.CLERK:  # a clerk looks, registers nothing
            return None
        kept = kept_draft(self.db, actor, REGISTER_FORM, REGISTER_KEY)
        if kept is not None and data != kept.data:
            go_on, draft = offer_kept(self, RegisterCaseDialog.ask_take_up, self.db, actor, REGISTER_FORM,
                                      REGISTER_KEY, still_here=lambda: self.actor is actor)
            if not go_on:  # 以后再说, or locked while asking: the draft stays kept
                return None
            if draft is not None:
                dialog = self._registration(actor, draft)
                return dialog if data is None else None
        return self._registration(actor, data)

    def _registration(self, actor: Actor, data: dict[str, Any] | None) -> RegisterCaseDialog:
        dialog = RegisterCaseDialog(self.db, actor, self)
        if data:
            dialog.load_data(data)
        dialog.accepted.connect(self._registered)
        dialog.accepted.connect(lambda: self.show_notices(dialog.warnings))
        dialog.open()
        return dialog

    def show_notices(self, keys: tuple[str, ...]) -> None:
        """What the service said of a saved registration's (or correction's) parties (a minor without 法定代理人, an ID
        number of an unknown region …): 「提示：…」 in the status bar, in the words the command line prints; nothing to
        click."""
        lines = [message("notice.line", message=message(key)) for key in dict.fromkeys(keys)]
        if lines:
            self.statusBar().showMessage("　".join(lines), NOTICE_MS)

    def open_case(self, case_id: uuid.UUID) -> CaseWindow | None:
        if self.actor is None:
            return None
        window = self.case_windows.get(case_id)
        if window is None:
            try:
                window = CaseWindow(self.db, self.actor, case_id)
            except MediationError as exc:  # gone since the list was read, or not for this user's eyes
                self.statusBar().showMessage(message(exc.key, **exc.params), 10_000)
                return None
            window.sig_changed.connect(self._registered)
            window.sig_notices.connect(self.show_notices)  # a correction's warnings, as a registration's
            self.case_windows[case_id] = window
        window.show()
        window.raise_()
        return window

    def _registered(self) -> None:
        if self.actor is None:  # a case window's work that ended after a lock: the lists stay empty
            return
        self.cases.reload()
        self.today.refresh_in_background()

    def lock(self) -> None:
        """Hide every record until someone signs in again (the same user or another).

        Every window of the signed-in user closes: open forms keep what was typed as a draft (offered back
        when that user signs in again) without asking, and message boxes, file choosers and other questions
        they left open are closed unanswered (their ``exec()`` returns as if cancelled), so nothing stays on
        screen, nothing blocks the sign-in page, and nothing can be saved in the locked-out user's name."""
        self.idle.stop()
        last = self.actor.username if self.actor else ""
        self._close_windows(last)
        self.actor = None
        self.cases.viewer = self.today.viewer = self.audit.viewer = self.sync.actor = None
        self.sync.clear()
        self.cases.clear()
        self.audit.clear()
        self.today.clear()
        self._drop_dashboard(retire=True)
        self.login.reset(last)
        self.stack.setCurrentIndex(0)
        self._count()

    def set_large_font(self, large: bool) -> None:
        """大字: bigger text everywhere, for older eyes; remembered on this computer."""
        from mediation_desktop.ui.common.fonts import set_text_size

        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_text_size(app, LARGE_POINTS if large else NORMAL_POINTS)
        QSettings().setValue("ui/large_font", large)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        # the program ends: as at a lock, every open form keeps what was typed as a draft (its last keystrokes
        # too), offered at the next sign-in, and no case window outlives the window that locks it
        self._close_windows(self.actor.username if self.actor else "")
        self._restore_drafts()
        self._stop_backups(closing=True)
        self._drop_dashboard()
        super().closeEvent(event)
