"""What the main window does about the windows of a user it locks out, and the drafts they keep.

A lock closes every window of the signed-in user: open forms keep what was typed as a draft, questions they
left open are closed unanswered; at the next sign-in the drafts are offered back (as after a crash or a
power cut). ``MainWindow`` (``ui/main_window.py``) has these as methods.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QProgressDialog, QWidget

from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import Draft, DraftStore
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case.kept_drafts import EDIT_FORM, REGISTER_FORM, draft_title, offer_text
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common.unsaved import Answer

if TYPE_CHECKING:
    from mediation_desktop.ui.case.case_window import CaseWindow
    from mediation_desktop.ui.start.login_page import LoginPage

    _Window = QMainWindow
else:
    _Window = object

log = logging.getLogger(__name__)

RESTORE_DRAFTS_MS = 500  # after a lock: drafts a closed "keep the draft?" question let go are written back


class LockGuard(_Window):
    """The main window's part in a lock (a mixin of ``MainWindow``, which sets these attributes)."""

    db: Database
    actor: Actor | None
    login: LoginPage
    case_windows: dict[uuid.UUID, CaseWindow]
    # What a lock closed: hidden and disabled at once, deleted at the next sign-in (a message box or file
    # chooser it closed may still be returning through their code when the lock is done).
    _retired: list[QWidget]
    # The locked-out user's drafts as the lock left them: a form's "keep the draft?" question that the
    # lock closed answers "no" once the lock is done, and the draft it then discards is written back.
    _kept_drafts: list[Draft]

    if TYPE_CHECKING:
        def open_case(self, case_id: uuid.UUID) -> CaseWindow | None: ...

        def register_case(self, data: dict[str, Any] | None = None) -> RegisterCaseDialog | None: ...

    def offer_drafts(self) -> None:
        """After a crash, a power cut or a lock: the unfinished forms of this user are offered back (in the
        words a form opened again uses, ``kept_drafts.offer_text``)."""
        actor = self.actor
        if actor is None:
            return
        store = DraftStore(self.db.paths.drafts)
        for draft in store.pending(actor.username):
            if self.actor is not actor:  # locked while a question was open: the rest waits for the next sign-in
                return
            if draft.form == REGISTER_FORM:
                answer = RegisterCaseDialog.ask_take_up(self, offer_text(draft))
                if self.actor is not actor:  # the lock closed the question: that is no answer
                    return
                if answer is Answer.KEEP:
                    self.register_case(draft.data)
                elif answer is Answer.DISCARD:
                    store.discard(REGISTER_FORM, draft.key, actor.username)
                continue  # (以后再说, Esc: the draft stays, offered again)
            case_no = self._case_no(draft.data.get("case_id"))
            if draft_title(draft.form) is None or case_no is None:  # a form this version does not know, or a case
                continue  # gone since
            answer = RegisterCaseDialog.ask_take_up(self, offer_text(draft, case_no))
            if self.actor is not actor:
                return
            if answer is Answer.KEEP:
                window = self.open_case(uuid.UUID(str(draft.data["case_id"])))
                if window is not None:
                    if draft.form == EDIT_FORM:
                        window.edit_registration(draft.data)
                    else:
                        window.open_record(draft.form, draft.data)
            elif answer is Answer.DISCARD:
                store.discard(draft.form, draft.key, actor.username)

    def _case_no(self, case_id: object) -> str | None:
        from mediation_desktop.storage.models import Case

        try:
            cid = uuid.UUID(str(case_id))
        except ValueError:
            return None
        with self.db.read_session() as s:
            case = s.get(Case, cid)
            return None if case is None or case.deleted_at is not None else case.case_no

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
            kept = {(d.form, d.key, d.user) for d in self._kept_drafts}
            self._kept_drafts += [d for d in DraftStore(self.db.paths.drafts).pending(user)
                                  if (d.form, d.key, d.user) not in kept]
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
            if store.load(draft.form, draft.key, draft.user) is None:
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
