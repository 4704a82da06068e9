"""The case window: every section of one case, and the lifecycle steps that are legal now.

The layout is ``forms/case/case_window.ui``; the agreement's steps are done in ``case_agreement_steps``, the 附件
tab's in ``case_attachments``.
"""

from __future__ import annotations

import uuid
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QPushButton, QWidget

from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.case_detail import CaseDetail, load_case
from mediation_desktop.services.cases import change_status, void_case
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case import case_actions, case_agreement_steps, case_attachments, case_sections
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_attachments import ScanPickerDialog, attachment_kinds
from mediation_desktop.ui.case.kept_drafts import EDIT_FORM, Ask, offer_kept
from mediation_desktop.ui.case.record_dialogs import (
    RECORD_DIALOGS,
    FollowUpDialog,
    InvestigationDialog,
    OralAgreementDialog,
    RecordDialog,
    ReferralDialog,
    SessionDialog,
)
from mediation_desktop.ui.common import text_prompt
from mediation_desktop.ui.common.file_places import start_in
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.pdf_view import PdfDialog
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.forms.case.case_window import Ui_CaseWindow

DOCUMENTS = {
    "agreement": QT_TRANSLATE_NOOP("CaseWindow", "人民调解协议书"),
    "application": QT_TRANSLATE_NOOP("CaseWindow", "人民调解申请书"),
    "acceptance": QT_TRANSLATE_NOOP("CaseWindow", "人民调解受理登记表"),
    "notice": QT_TRANSLATE_NOOP("CaseWindow", "当事人权利义务告知书"),
    "investigation": QT_TRANSLATE_NOOP("CaseWindow", "人民调解调查记录"),
    "session": QT_TRANSLATE_NOOP("CaseWindow", "人民调解记录"),
    "oral": QT_TRANSLATE_NOOP("CaseWindow", "人民调解口头协议登记表"),
    "followup": QT_TRANSLATE_NOOP("CaseWindow", "人民调解回访记录"),
    "termination": QT_TRANSLATE_NOOP("CaseWindow", "终止人民调解通知书"),
    "confirmation": QT_TRANSLATE_NOOP("CaseWindow", "司法确认申请书"),
    "evidence": QT_TRANSLATE_NOOP("CaseWindow", "证据材料清单"),
    "decline": QT_TRANSLATE_NOOP("CaseWindow", "人民调解不予受理通知书"),
    "referral": QT_TRANSLATE_NOOP("CaseWindow", "人民调解纠纷移送告知书"),
    "closing_report": QT_TRANSLATE_NOOP("CaseWindow", "人民调解结案报告表"),
    "cover": QT_TRANSLATE_NOOP("CaseWindow", "卷宗封面"),
    "contents": QT_TRANSLATE_NOOP("CaseWindow", "卷内目录"),
    "casefile": QT_TRANSLATE_NOOP("CaseWindow", "整本卷宗（按顺序）"),
}


def step_button_name(key: str) -> str:
    """The form's button for a step (``follow_up`` → ``followUpButton``)."""
    first, *rest = key.split("_")
    return first + "".join(part.title() for part in rest) + "Button"


class CaseWindow(QWidget):
    sig_changed = Signal()
    """Something on the case changed (the lists behind should refresh)."""
    sig_notices = Signal(object)
    """A correction of the registration was saved with warnings (a tuple of message keys: a minor without
    法定代理人, an ID number of an unknown region …): the main window says them as it does a registration's."""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        return QMessageBox.question(parent, parent.windowTitle(), text) == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_text(cls, parent: QWidget, text: str) -> str | None:
        """A reason for the log (None: cancelled; what was typed is not lost without a question)."""
        return text_prompt.ask_text(parent, text)

    @classmethod
    def ask_item(cls, parent: QWidget, text: str, items: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(parent, parent.windowTitle(), text, items, 0, False)
        return value if ok else None

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(parent, parent.windowTitle(), start_in(suggested), "PDF (*.pdf)")
        return path or None

    @classmethod
    def ask_open_path(cls, parent: QWidget, text: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(parent, text, start_in(), attachment_kinds())
        return path or None

    @classmethod
    def ask_optional_path(cls, parent: QWidget, text: str, note: str, skip: str) -> str | None:
        """A scan or photo that may be left out: ``text`` as the chooser's title and heading, ``note`` under it,
        ``skip`` on the button that leaves it out."""
        from mediation_desktop.ui.common.file_dialogs import choose_file

        return choose_file(parent, text, attachment_kinds(), skip=skip, note=note)

    @classmethod
    def ask_folder(cls, parent: QWidget, text: str) -> str | None:
        path = QFileDialog.getExistingDirectory(parent, text, start_in())
        return path or None

    @classmethod
    def pick_files(cls, parent: QWidget, text: str, paths: list[Path]) -> list[Path]:
        """Tick the scans to attach (the newest is ticked already)."""
        return ScanPickerDialog.pick(parent, text, paths)

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID) -> None:
        super().__init__()
        self.db, self.actor, self.case_id = db, actor, case_id
        self.form = Ui_CaseWindow()  # the layout: forms/case/case_window.ui
        self.form.setupUi(self)
        self.form.stepsBar.take_children()
        fit_to_screen(self, 980, 720)
        f = self.form  # the names the tests and the main window use:
        self.header, self.reveal_button, self.error, self.tabs = f.headerLabel, f.revealButton, f.errorLabel, f.caseTabs
        self.views = [f.registrationView, f.investigationsView, f.sessionsView, f.agreementsView, f.followUpsView,
                      f.attachmentsView, f.auditView]
        self.sign_date, self.sign_date_label = f.signDateEdit, f.signDateLabel
        self.attachment_list = f.attachmentList
        self.attachment_buttons: dict[str, QPushButton] = {
            "add": f.addAttachmentButton, "scanner": f.scannerButton, "view": f.viewAttachmentButton,
            "remove": f.removeAttachmentButton}
        self.revealed = False  # ID numbers and phones masked until someone asks (and the asking is logged)
        self.reveal_button.clicked.connect(self.reveal)
        f.addAttachmentButton.clicked.connect(self.add_file)
        f.scannerButton.clicked.connect(self.add_from_scanner)
        f.viewAttachmentButton.clicked.connect(self.view_attachment)
        f.removeAttachmentButton.clicked.connect(self.remove_attachment)
        self.attachment_list.itemActivated.connect(lambda _item: self.view_attachment())
        self.detail: CaseDetail
        # closed from the keyboard too (close(): whatever asks before the window closes still asks); a form open
        # over it is modal, so there the keys reach the form, which asks about what is unsaved
        for keys in (QKeySequence("Ctrl+W"), QKeySequence(QKeySequence.StandardKey.Close),
                     QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self, self.close)
        self._connect_steps()
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.form.retranslateUi(self)
            if hasattr(self, "detail"):
                self.reload()
        super().changeEvent(event)

    def reload(self) -> None:
        self.detail = load_case(self.db, self.case_id, viewer=self.actor)
        c = self.detail.case
        self.setWindowTitle(f"{c.case_no} — {c.title}")
        owner = "" if self.detail.owned_here else self.tr("（其他调委会的案件，只能查看）")
        # (the status never breaks inside a word when the header wraps: 「【调解/中】」 in 大字)
        self.header.setText(f"<b style='white-space:nowrap'>{escape(c.case_no)}</b>　{escape(c.title)}　"
                            f"<span style='white-space:nowrap'>【{escape(label(c.status))}】</span>{escape(owner)}")
        for view, (_title, render) in zip(self.views, case_sections.SECTIONS, strict=True):
            view.setHtml(render(self.detail))
        self.views[0].setHtml(case_sections.registration(self.detail, revealed=self.revealed))
        self.reveal_button.setVisible(not self.revealed and any(p.id_number or p.phone for p in self.detail.parties))
        case_attachments.show_attachments(self)
        self._buttons()

    def _connect_steps(self) -> None:
        """Every step once, in its fixed place in the form (the status only enables and disables them). The form's
        step texts are marked untranslated: a step's name is ``case_actions.step_text`` (context CaseActions), the
        same words the disabled steps' reasons quote (“先点‘书面协议…’”)."""
        self.buttons: dict[str, QPushButton] = {}
        slots = {"edit": self.edit_registration, "investigation": self.record_investigation,
                 "session": self.record_session, "oral": self.record_oral, "agreement": self.edit_agreement,
                 "sign": self.sign_agreement, "correct": self.correct_agreement,
                 "confirmation": self.record_confirmation, "follow_up": self.record_follow_up, "refer": self.refer,
                 "pdf": self.show_document, "paper_pages": self.edit_paper_pages,
                 "prevented": self.record_prevented, case_actions.VOID[0]: self.void}
        keys = [k for k, _ in case_actions.RECORD_STEPS] + [a.value for a in case_actions.STATUS_STEPS]
        for key in [*keys, case_actions.VOID[0]]:
            button: QPushButton = getattr(self.form, step_button_name(key))
            if key in slots:
                button.clicked.connect(lambda _=False, slot=slots[key]: slot())
            else:
                action = CaseAction(key)
                button.clicked.connect(lambda _=False, a=action: self.step(a))
            self.buttons[key] = button

    def _buttons(self) -> None:
        """Enable what can be done now; every step's tooltip (and status tip) says what it does, or, disabled, why
        not and what to do first (``case_actions.step_states``: the one rule)."""
        states = case_actions.step_states(self.detail, self.actor)
        for key, button in self.buttons.items():
            button.setText(case_actions.step_text(key))  # (in the window's language now)
            button.setEnabled(states[key].enabled)
            button.setToolTip(states[key].tip)
            button.setStatusTip(states[key].tip)
        case_agreement_steps.show_sign_date(self, states["sign"])

    def step(self, action: CaseAction) -> None:
        """A lifecycle step; the ones that close or reopen a case ask first (reopening asks why). What the service
        would refuse is said before any question (a dry run of the same step: nothing written)."""
        action_label = label(action)
        reason = retention = None
        if action != CaseAction.REOPEN:  # (reopening is checked with the reason it asks for)
            try:
                change_status(self.db, self.actor, self.case_id, action, dry_run=True)
            except MediationError as exc:
                self.error.setText(tr(exc.key, **exc.params))
                return
        if action == CaseAction.ARCHIVE:  # 归档 asks the 保管期限 (it is on the cover)
            from mediation_desktop.ui.case.archive_dialog import ArchiveDialog

            dialog = ArchiveDialog(self.db, self)
            if not dialog.exec():
                return
            retention = dialog.period()
        elif action == CaseAction.REOPEN:
            reason = self.ask_text(self, self.tr("请写明重新开启的原因："))
            if not reason:
                return
        elif not self.ask(self, self.tr("确定要“%1”吗？").replace("%1", action_label)):
            return
        try:
            change_status(self.db, self.actor, self.case_id, action, reason=reason, retention=retention)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.error.clear()
        self.after_change()

    def after_change(self) -> None:
        self.reload()
        self.sig_changed.emit()

    def record_session(self) -> None:
        self.open_record(SessionDialog.FORM)

    def record_oral(self) -> None:
        self.open_record(OralAgreementDialog.FORM)

    def record_investigation(self) -> None:
        self.open_record(InvestigationDialog.FORM)

    def record_follow_up(self) -> None:
        self.open_record(FollowUpDialog.FORM)

    def refer(self) -> None:
        self.open_record(ReferralDialog.FORM)

    # ---- the agreement (case_agreement_steps) and the attachments (case_attachments)
    def edit_agreement(self) -> None:
        case_agreement_steps.edit_agreement(self)

    def sign_agreement(self) -> None:
        case_agreement_steps.sign_agreement(self)

    def correct_agreement(self) -> None:
        case_agreement_steps.correct_agreement(self)

    def record_confirmation(self) -> QDialog | None:
        return case_agreement_steps.record_confirmation(self)

    def add_file(self) -> None:
        case_attachments.add_file(self)

    def add_from_scanner(self) -> None:
        case_attachments.add_from_scanner(self)

    def view_attachment(self) -> QWidget | None:
        return case_attachments.view_attachment(self)

    def remove_attachment(self) -> None:
        case_attachments.remove_attachment(self)

    def show_document(self) -> PdfDialog | None:
        """Any document of the case file (or the whole file), to look at, print or save as PDF."""
        from mediation_desktop.documents.registry import document_warning, fitting_documents, render_document

        try:  # only the documents that fit the case as it is now (no 终止调解通知书 for a settled case …)
            fitting = set(fitting_documents(self.db, self.case_id))
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return None
        warnings: dict[str, MediationError | None] = {
            doc: document_warning(self.db, doc, self.case_id) for doc in ("confirmation", "casefile") if doc in fitting}
        late = self.tr("（已过30日申请期限）")  # the list says it before the paper is opened
        labels = {self.tr(str(text)) + (late if warnings.get(doc) else ""): doc
                  for doc, text in DOCUMENTS.items() if doc in fitting}
        choice = self.ask_item(self, self.tr("要看哪份文书？"), list(labels))
        if choice is None:
            return None
        try:
            data = render_document(self.db, labels[choice], self.case_id)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return None
        self.error.clear()
        name = choice.removesuffix(late)
        dialog = PdfDialog(f"{self.detail.case.case_no} {name}", data, f"{self.detail.case.case_no}-{name}.pdf", self)
        warning = warnings.get(labels[choice])
        if warning is not None:
            dialog.pane.status.setText(tr(warning.key, **warning.params))
            dialog.pane.status.setStyleSheet("color: #b00020")  # not printed as if in time
        dialog.show()
        return dialog

    def edit_paper_pages(self) -> QDialog:
        """卷宗纸质材料页数…: the pages of the paper items filed by hand, so the contents number them right."""
        from mediation_desktop.ui.case.casefile_pages import PaperPagesDialog

        dialog = PaperPagesDialog(self.db, self.actor, self.case_id, self)
        self.open_dialog(dialog)
        return dialog

    def reveal(self) -> None:
        """Full ID numbers and phones for this window (recorded in the log: who looked, when)."""
        from mediation_desktop.services.privacy import reveal_identities

        try:
            reveal_identities(self.db, self.actor, self.case_id)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.revealed = True
        self.reload()

    def edit_registration(self, data: dict[str, Any] | None = None) -> QWidget | None:
        """修改登记 (``data``: a draft of an unfinished correction to fill it with; without it, a kept one is
        offered first). None: locked while the offer was asked."""
        from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog

        if data is None:
            go_on, data = self._kept_draft(EDIT_FORM, RegisterCaseDialog.ask_take_up)
            if not go_on:
                return None
        if not self.revealed:  # the form shows full ID numbers: that is a reveal, and it is logged
            self.reveal()
        dialog = RegisterCaseDialog(self.db, self.actor, self, case_id=self.case_id)
        if data:
            dialog.load_data(data)
        self.open_dialog(dialog)
        dialog.accepted.connect(lambda: self.sig_notices.emit(dialog.warnings))  # (after the lists are reloaded)
        return dialog

    def record_prevented(self) -> QDialog:
        """防止民转刑 / 群体性上访 / 自杀 / 群体性械斗 and the persons involved (the statistics' 件 and 人)."""
        from mediation_desktop.ui.case.prevented_dialog import PreventedDialog

        dialog = PreventedDialog(self.db, self.actor, self.case_id, self)
        self.open_dialog(dialog)
        return dialog

    def void(self) -> None:
        reason = self.ask_text(self, self.tr("作废后案件从列表和查找中消失（日志中保留）。请写明作废原因："))
        if not reason:
            return
        try:
            void_case(self.db, self.actor, self.case_id, reason=reason)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.sig_changed.emit()
        self.close()

    def open_record(self, form: str, data: dict[str, Any] | None = None) -> QWidget | None:
        """The form ``form`` of this case (``data``: a draft to fill it with; without it, a draft of the form
        kept for this case is offered first). None: locked while the offer was asked."""
        if data is None:
            go_on, data = self._kept_draft(form, AgreementDialog.ask_take_up if form == AgreementDialog.FORM
                                           else RECORD_DIALOGS[form].ask_take_up)
            if not go_on:
                return None
        if form == AgreementDialog.FORM:
            dialog: RecordDialog = AgreementDialog(self.db, self.actor, self.case_id, self)
        else:
            dialog = RECORD_DIALOGS[form](self.db, self.actor, self.case_id, self)
        if data:
            dialog.load_data(data)
        self.open_dialog(dialog)
        return dialog

    def _kept_draft(self, form: str, ask: Ask) -> tuple[bool, dict[str, Any] | None]:
        """(open the form?, the draft to fill it with): see ``kept_drafts.offer_kept``. A lock disables the
        window before closing it, and the question with it."""
        return offer_kept(self, ask, self.db, self.actor, form, self.case_id.hex, self.detail.case.case_no,
                          still_here=self.isEnabled)

    def open_dialog(self, dialog: QWidget) -> None:
        dialog.accepted.connect(self.after_change)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
