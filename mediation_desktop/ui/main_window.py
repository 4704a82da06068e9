"""The main window: sign in, then the today view (待办) and the case list; locks itself when idle."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import Draft, DraftStore
from mediation_desktop.services.setup import installation
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import Setting
from mediation_desktop.ui.admin.audit_view import AuditView
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.register_case_dialog import EDIT_FORM, RegisterCaseDialog
from mediation_desktop.ui.case.register_case_dialog import FORM as REGISTER_FORM
from mediation_desktop.ui.common.idle import IdleWatcher
from mediation_desktop.ui.common.language import EN, ZH, current, switch
from mediation_desktop.ui.desk.case_list_page import CaseListPage
from mediation_desktop.ui.desk.today_view import TodayView
from mediation_desktop.ui.hub.sync_page import SyncPage
from mediation_desktop.ui.start.login_page import LoginPage

if TYPE_CHECKING:
    from mediation_desktop.ui.admin.backup_schedule import BackupSchedule
    from mediation_desktop.ui.hub.dashboard import DashboardPage

log = logging.getLogger(__name__)

NORMAL_POINTS, LARGE_POINTS = 12, 16
WARM_DELAY_MS = 2000
_warmed = threading.Event()
RESTORE_DRAFTS_MS = 500  # after a lock: drafts a closed "keep the draft?" question let go are written back


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
DEFAULT_LOCK_MINUTES = 10


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor | None = None, *, lock_ms: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.actor: Actor | None = None
        inst = installation(db)
        self.org = inst.org_name if inst else ""
        self.resize(1100, 700)

        self.login = LoginPage(db, self.org)
        self.login.sig_signed_in.connect(self.sign_in)
        self.today = TodayView(db, load=False)
        self.cases = CaseListPage(db)
        self.model = self.cases.model
        self.search = self.cases.search
        self.audit = AuditView(db)  # a tab for directors only
        self.sync = SyncPage(db)
        # 统计: the dashboard (Qt Charts and the report code) is made when its tab is first opened
        self.stats = QWidget()
        QVBoxLayout(self.stats).setContentsMargins(0, 0, 0, 0)
        self.dashboard: DashboardPage | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self.today, "")
        self.tabs.addTab(self.cases, "")
        self.tabs.addTab(self.stats, "")
        self.tabs.addTab(self.sync, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.user_label = QLabel()
        self.lock_button = QPushButton()
        self.lock_button.clicked.connect(self.lock)
        self.users_button = QPushButton()
        self.users_button.clicked.connect(self.manage_users)
        self.password_button = QPushButton()
        self.password_button.clicked.connect(self.change_password)
        self.retention_button = QPushButton()
        self.retention_button.clicked.connect(self.retention)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.backups)
        self.screening_button, self.roster_button = QPushButton(), QPushButton()  # 排查登记 and 调解员名册
        self.screening_button.clicked.connect(self.screenings)
        self.roster_button.clicked.connect(self.mediator_roster)
        self.backup_schedule: BackupSchedule | None = None
        self.large_font = QCheckBox()
        self.large_font.toggled.connect(self.set_large_font)
        bar = QHBoxLayout()
        bar.addWidget(self.user_label, 1)
        bar.addWidget(self.large_font)
        bar.addWidget(self.screening_button)
        bar.addWidget(self.roster_button)
        bar.addWidget(self.retention_button)
        bar.addWidget(self.backup_button)
        bar.addWidget(self.users_button)
        bar.addWidget(self.password_button)
        bar.addWidget(self.lock_button)
        workspace = QWidget()
        inner = QVBoxLayout(workspace)
        inner.addLayout(bar)
        inner.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login)
        self.stack.addWidget(workspace)
        self.setCentralWidget(self.stack)

        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label, 1)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文", ZH)
        self.language.addItem("English", EN)
        self.language.setCurrentIndex(self.language.findData(current()))
        # a list that drops down from the box, not one laid over it with the current language under the pointer
        # (where the click that opened it lands on it again)
        self.language.setStyleSheet("QComboBox { combobox-popup: 0; }")
        self.language.currentIndexChanged.connect(lambda _i: switch(str(self.language.currentData())))
        self.statusBar().addPermanentWidget(self.language)
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
        self.case_windows: dict[uuid.UUID, CaseWindow] = {}
        # What a lock closed: hidden and disabled at once, deleted at the next sign-in (a message box or file
        # chooser it closed may still be returning through their code when the lock is done).
        self._retired: list[QWidget] = []
        # The locked-out user's drafts as the lock left them: a form's "keep the draft?" question that the
        # lock closed answers "no" once the lock is done, and the draft it then discards is written back.
        self._kept_drafts: list[Draft] = []

        self.idle = IdleWatcher(lock_ms if lock_ms is not None else self._lock_minutes() * 60_000, self)
        self.idle.sig_idle.connect(self.lock)
        self.idle.sig_lock_key.connect(self.lock)
        self.large_font.setChecked(bool(QSettings().value("ui/large_font", False, type=bool)))
        self.retranslate()
        if actor is not None:
            self.sign_in(actor)
        else:
            self.lock()

    def manage_users(self) -> QWidget | None:
        from mediation_desktop.ui.admin.accounts_dialogs import UsersDialog

        if self.actor is None or self.actor.role != Role.DIRECTOR:
            return None
        dialog = UsersDialog(self.db, self.actor, self)
        dialog.open()
        return dialog

    def screenings(self) -> QWidget | None:
        from mediation_desktop.ui.hub.screening_dialog import ScreeningDialog

        if self.actor is None:
            return None
        dialog = ScreeningDialog(self.db, self.actor, self, register=self.register_case)
        dialog.open()
        return dialog

    def mediator_roster(self) -> QWidget | None:
        from mediation_desktop.ui.admin.roster_dialog import RosterDialog

        if self.actor is None or self.actor.role != Role.DIRECTOR:
            return None
        dialog = RosterDialog(self.db, self.actor, self)
        dialog.open()
        return dialog

    def retention(self) -> QWidget | None:
        from mediation_desktop.ui.admin.retention_dialog import RetentionDialog

        if self.actor is None or self.actor.role != Role.DIRECTOR:
            return None
        dialog = RetentionDialog(self.db, self.actor, self)
        dialog.accepted.connect(self._registered)
        dialog.open()
        return dialog

    def backups(self) -> QWidget | None:
        """数据备份: back up now, to a stick, a second folder, restore (a director's work; SQLite only —
        a PostgreSQL hub is backed up by its database administrator)."""
        from mediation_desktop.ui.admin.backup_dialog import BackupDialog

        if self.actor is None or self.actor.role != Role.DIRECTOR or not self.db.is_sqlite:
            return None
        dialog = BackupDialog(self.db, self.actor, self)
        dialog.sig_restoring.connect(self._stop_backups)
        dialog.open()
        return dialog

    def _start_backups(self) -> None:
        """The automatic backups: one at the first sign-in of this run, then a look every hour."""
        if self.backup_schedule is not None or not self.db.is_sqlite:
            return
        from mediation_desktop.ui.admin.backup_schedule import BackupSchedule  # after sign-in, not at start

        self.backup_schedule = BackupSchedule(self.db, self)
        self.backup_schedule.sig_message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.backup_schedule.start()

    def _stop_backups(self) -> None:
        """No more automatic backups; one that is running is finished first (at 100,000 cases that takes
        half a minute), with a note on screen so that nobody takes the wait for a hang."""
        schedule = self.backup_schedule
        if schedule is None:
            return
        if schedule.busy():
            note = QProgressDialog(self.tr("正在完成自动备份，请稍候…"), "", 0, 0, self)
            note.setCancelButton(None)  # a backup is never stopped halfway
            note.setWindowModality(Qt.WindowModality.ApplicationModal)
            note.setMinimumDuration(0)
            note.show()
            while schedule.busy():  # its end is reported through this thread's event loop
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
                time.sleep(0.02)
            note.close()
        schedule.stop()

    def change_password(self) -> QWidget | None:
        from mediation_desktop.ui.admin.accounts_dialogs import ChangePasswordDialog

        if self.actor is None:
            return None
        dialog = ChangePasswordDialog(self.db, self.actor, self)
        dialog.open()
        return dialog

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
            layout = self.stats.layout()
            assert layout is not None
            layout.addWidget(self.dashboard)
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
        self.setWindowTitle(self.tr("调解工作台") + (f" — {self.org}" if self.org else ""))
        self.tabs.setTabText(0, self.tr("待办"))
        self.tabs.setTabText(1, self.tr("案件"))
        self.tabs.setTabText(self.tabs.indexOf(self.stats), self.tr("统计"))
        self.tabs.setTabText(self.tabs.indexOf(self.sync), self.tr("交换（U盘）"))
        if self.tabs.indexOf(self.audit) >= 0:
            self.tabs.setTabText(self.tabs.indexOf(self.audit), self.tr("日志"))
        self.lock_button.setText(self.tr("锁定 / 切换用户"))
        self.users_button.setText(self.tr("用户管理…"))
        self.retention_button.setText(self.tr("保管期限到期…"))
        self.backup_button.setText(self.tr("数据备份…"))
        self.screening_button.setText(self.tr("排查登记…"))
        self.roster_button.setText(self.tr("调解员名册…"))
        self.password_button.setText(self.tr("修改密码…"))
        self.large_font.setText(self.tr("大字"))
        self.language.setToolTip(self.tr("界面语言"))
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

    def offer_drafts(self) -> None:
        """After a crash, a power cut or a lock: the unfinished forms of this user are offered back."""
        actor = self.actor
        if actor is None:
            return
        store = DraftStore(self.db.paths.drafts)
        for draft in store.pending(actor.username):
            if self.actor is not actor:  # locked while a question was open: the rest waits for the next sign-in
                return
            when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if draft.form == REGISTER_FORM:
                question = self.tr("有一份没有填完的案件登记（%1 自动保存），要接着填吗？").replace("%1", when)
                answer = RegisterCaseDialog.ask(self, question)
                if self.actor is not actor:  # the lock closed the question: that is no answer
                    return
                if answer:
                    self.register_case(draft.data)
                else:
                    store.discard(REGISTER_FORM, draft.key)
                continue
            title = self._draft_title(draft.form)
            case_no = self._case_no(draft.data.get("case_id"))
            if title is None or case_no is None:  # a form this version does not know, or a case gone since
                continue
            question = (self.tr("案件 %1 有一份没有填完的“%2”（%3 自动保存），要接着填吗？")
                        .replace("%1", case_no).replace("%2", title).replace("%3", when))
            answer = RegisterCaseDialog.ask(self, question)
            if self.actor is not actor:
                return
            if answer:
                window = self.open_case(uuid.UUID(str(draft.data["case_id"])))
                if window is not None:
                    if draft.form == EDIT_FORM:
                        window.edit_registration(draft.data)
                    else:
                        window.open_record(draft.form, draft.data)
            else:
                store.discard(draft.form, draft.key)

    def _draft_title(self, form: str) -> str | None:
        titles = {"investigation": self.tr("调查记录"), "session": self.tr("调解记录"), "oral": self.tr("口头协议"),
                  "follow_up": self.tr("回访记录"), "referral": self.tr("移交"), "agreement": self.tr("人民调解协议书"),
                  EDIT_FORM: self.tr("修改登记")}
        return titles.get(form)

    def _case_no(self, case_id: object) -> str | None:
        from mediation_desktop.storage.models import Case

        try:
            cid = uuid.UUID(str(case_id))
        except ValueError:
            return None
        with self.db.read_session() as s:
            case = s.get(Case, cid)
            return None if case is None or case.deleted_at is not None else case.case_no

    def register_case(self, data: dict[str, Any] | None = None) -> RegisterCaseDialog | None:
        if self.actor is None or self.actor.role == Role.CLERK:  # a clerk looks, registers nothing
            return None
        dialog = RegisterCaseDialog(self.db, self.actor, self)
        if data:
            dialog.load_data(data)
        dialog.accepted.connect(self._registered)
        dialog.open()
        return dialog

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

    def _owns(self, widget: QWidget) -> bool:
        """``widget`` is shown for the signed-in user: a window of the main window (not of the sign-in page),
        of a case window (or of a window of theirs, to any depth), or a parentless modal question."""
        roots: list[QWidget] = [self, *self.case_windows.values()]
        parent = widget.parentWidget()
        if parent is None:
            return isinstance(widget, QDialog) and widget.isModal()
        while parent is not None:
            if parent is self.login:
                return False
            if any(parent is root for root in roots):
                return True
            parent = parent.parentWidget()
        return False

    def _close_windows(self, user: str) -> None:
        """Close every form, dialog, question and case window of ``user``; forms keep a draft first."""
        for _ in range(20):  # open menus and pop-ups (a menu's exec() returns when it closes)
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QDialog) and w.isVisible() and not isinstance(w, QProgressDialog)
                   and self._owns(w)]  # a job's progress (no input; the job ends it) stays
        # the forms: RecordDialog (every form on a case) and RegisterCaseDialog (registration, corrections)
        savers = {d: save for d in dialogs if callable(save := getattr(d, "save_draft", None))}
        forms = list(savers)
        for form, save_draft in savers.items():
            for timer in form.findChildren(QTimer):  # autosave, preview: nothing of the form runs again
                timer.stop()
            form.setEnabled(False)  # no click, no Ctrl+S from here on
            try:
                save_draft()
            except Exception:  # a full disk must not keep the form on screen
                log.exception("keeping a draft at lock failed")
        if forms and user:
            kept = {(d.form, d.key) for d in self._kept_drafts}
            self._kept_drafts += [d for d in DraftStore(self.db.paths.drafts).pending(user)
                                  if (d.form, d.key) not in kept]
            QTimer.singleShot(RESTORE_DRAFTS_MS, self, self._restore_drafts)
        # the questions a form asked first, then the forms; done(), not reject(): a form's reject() would ask
        # whether to keep the draft (a question closed here returns as if cancelled once the lock is done)
        for dialog in sorted(dialogs, key=lambda d: d in forms):
            dialog.setEnabled(False)
            dialog.done(int(QDialog.DialogCode.Rejected))
            if dialog.isVisible():  # a dialog that will not close while its work runs (a backup): hidden
                dialog.hide()
            else:
                self._retired.append(dialog)
        for window in self.case_windows.values():
            window.setEnabled(False)
            window.close()  # no record stays on screen while locked
            self._retired.append(window)
        self.case_windows = {}

    def _restore_drafts(self) -> None:
        """Write back a kept draft that is gone (see ``_kept_drafts``)."""
        store = DraftStore(self.db.paths.drafts)
        for draft in self._kept_drafts:
            if store.load(draft.form, draft.key) is None:
                try:
                    store.save(draft.form, draft.key, draft.user, draft.data)
                except OSError:
                    log.exception("writing back a draft failed")

    def _bury(self) -> None:
        """At sign-in: every window the last lock closed is deleted (all their questions have returned by
        now) and their drafts are in place to be offered."""
        self._restore_drafts()
        self._kept_drafts = []
        retired, self._retired = self._retired, []
        for widget in retired:
            if shiboken6.isValid(widget):
                widget.deleteLater()

    def set_large_font(self, large: bool) -> None:
        """大字: bigger text everywhere, for older eyes; remembered on this computer."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = app.font()
            font.setPointSize(LARGE_POINTS if large else NORMAL_POINTS)
            app.setFont(font)
        QSettings().setValue("ui/large_font", large)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        self._restore_drafts()
        self._stop_backups()
        self._drop_dashboard()
        super().closeEvent(event)
