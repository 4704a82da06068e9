"""The case window: every section of one case, and the lifecycle steps that are legal now."""

from __future__ import annotations

import uuid
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSettings, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import AgreementForm, AgreementStatus, AttachmentKind, Role
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import agreements, attachments
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.case_detail import CaseDetail, load_case
from mediation_desktop.services.cases import change_status, void_case
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.case import case_actions, case_sections
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.record_dialogs import (
    RECORD_DIALOGS,
    FollowUpDialog,
    InvestigationDialog,
    OralAgreementDialog,
    RecordDialog,
    ReferralDialog,
    SessionDialog,
)
from mediation_desktop.ui.common.confirmation_dialog import ConfirmationDialog, day_of, qdate_of
from mediation_desktop.ui.common.date_field import DateField
from mediation_desktop.ui.common.file_places import start_in
from mediation_desktop.ui.common.flow_layout import FlowLayout
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.pdf_view import PdfDialog
from mediation_desktop.ui.common.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from mediation_desktop.storage.models import Agreement

SCANNER_FOLDER_KEY = "attachments/scanner_folder"
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
_TAB_TITLES = [QT_TRANSLATE_NOOP("CaseWindow", "受理登记"), QT_TRANSLATE_NOOP("CaseWindow", "调查记录"),
               QT_TRANSLATE_NOOP("CaseWindow", "调解记录"), QT_TRANSLATE_NOOP("CaseWindow", "协议"),
               QT_TRANSLATE_NOOP("CaseWindow", "回访"), QT_TRANSLATE_NOOP("CaseWindow", "附件"),
               QT_TRANSLATE_NOOP("CaseWindow", "日志")]


class CaseWindow(QWidget):
    sig_changed = Signal()
    """Something on the case changed (the lists behind should refresh)."""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> bool:
        return QMessageBox.question(parent, parent.windowTitle(), text) == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_text(cls, parent: QWidget, text: str) -> str | None:
        value, ok = QInputDialog.getText(parent, parent.windowTitle(), text)
        return value if ok else None

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
        path, _filter = QFileDialog.getOpenFileName(parent, text, start_in(), "图片或 PDF (*.jpg *.jpeg *.png *.pdf)")
        return path or None

    @classmethod
    def ask_folder(cls, parent: QWidget, text: str) -> str | None:
        path = QFileDialog.getExistingDirectory(parent, text, start_in())
        return path or None

    @classmethod
    def pick_files(cls, parent: QWidget, text: str, paths: list[Path]) -> list[Path]:
        """Tick the scans to attach (the newest is ticked already)."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(text)
        box = QListWidget()
        for i, path in enumerate(paths):
            item = QListWidgetItem(path.name)
            item.setCheckState(Qt.CheckState.Checked if i == 0 else Qt.CheckState.Unchecked)
            box.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(box)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [p for i, p in enumerate(paths) if box.item(i).checkState() == Qt.CheckState.Checked]

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID) -> None:
        super().__init__()
        self.db, self.actor, self.case_id = db, actor, case_id
        fit_to_screen(self, 980, 720)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.revealed = False  # ID numbers and phones masked until someone asks (and the asking is logged)
        self.reveal_button = QPushButton(self.tr("显示完整证件号码和电话"))
        self.reveal_button.clicked.connect(self.reveal)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.actions_bar = FlowLayout()
        self.tabs = QTabWidget()
        self.views: list[QTextBrowser] = []
        for title in _TAB_TITLES:
            view = QTextBrowser()
            self.views.append(view)
            if title == _TAB_TITLES[5]:
                self.tabs.addTab(self._attachments_tab(view), self.tr(str(title)))
            else:
                self.tabs.addTab(view, self.tr(str(title)))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.reveal_button)
        layout.addLayout(top)
        layout.addLayout(self.actions_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.detail: CaseDetail
        self._make_buttons()
        self.reload()

    def _attachments_tab(self, view: QTextBrowser) -> QWidget:
        page = QWidget()
        self.attachment_list = QListWidget()
        self.attachment_list.itemActivated.connect(lambda _item: self.view_attachment())
        self.attachment_buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (("add", self.tr("添加照片或扫描件…"), self.add_file),
                                ("scanner", self.tr("从扫描文件夹添加…"), self.add_from_scanner),
                                ("view", self.tr("查看"), self.view_attachment),
                                ("remove", self.tr("删除…"), self.remove_attachment)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.attachment_buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self.attachment_list, 1)
        view.setMaximumHeight(0)  # the list is the view; the HTML section stays for printing-like reading
        layout.addWidget(view)
        return page

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
        self.attachment_list.clear()
        for a in self.detail.attachments:
            item = QListWidgetItem(f"{a.filename}　{label(a.kind)}　{a.size // 1024 + 1} KB"
                                   f"　{a.created_at.astimezone():%Y-%m-%d}　{a.description}")
            item.setData(Qt.ItemDataRole.UserRole, str(a.id))
            self.attachment_list.addItem(item)
        can_write = self.detail.owned_here and self.actor.role != Role.CLERK
        self.attachment_buttons["add"].setVisible(can_write)
        self.attachment_buttons["scanner"].setVisible(can_write)
        self.attachment_buttons["remove"].setVisible(can_write and self.actor.role == Role.DIRECTOR)
        self._buttons()

    def _make_buttons(self) -> None:
        """Every step once, in its fixed place (the status only enables and disables them)."""
        self.buttons: dict[str, QPushButton] = {}
        slots = {"edit": self.edit_registration, "investigation": self.record_investigation,
                 "session": self.record_session, "oral": self.record_oral, "agreement": self.edit_agreement,
                 "sign": self.sign_agreement, "correct": self.correct_agreement,
                 "confirmation": self.record_confirmation, "follow_up": self.record_follow_up, "refer": self.refer,
                 "pdf": self.show_document, "paper_pages": self.edit_paper_pages,
                 "prevented": self.record_prevented, case_actions.VOID[0]: self.void}
        keys = [k for k, _ in case_actions.RECORD_STEPS] + [a.value for a in case_actions.STATUS_STEPS]
        for key in [*keys, case_actions.VOID[0]]:
            button = QPushButton(case_actions.step_text(key))
            if key in slots:
                button.clicked.connect(lambda _=False, slot=slots[key]: slot())
            else:
                action = CaseAction(key)
                button.clicked.connect(lambda _=False, a=action: self.step(a))
            self.buttons[key] = button
            if key == "sign":
                self._add_sign(button)
            else:
                self.actions_bar.addWidget(button)

    def _buttons(self) -> None:
        """Enable what can be done now; what cannot is disabled with the reason as its tooltip."""
        reasons = case_actions.availability(self.detail, self.actor)
        for key, button in self.buttons.items():
            button.setText(case_actions.step_text(key))  # (in the window's language now)
            button.setEnabled(not reasons[key])
            button.setToolTip(reasons[key])
        draft = next((a for a in reversed(self.detail.agreements) if a.status == AgreementStatus.DRAFT), None)
        self.sign_date.setEnabled(draft is not None)
        self.sign_date_label.setEnabled(draft is not None)
        if draft is not None:
            today = QDate.currentDate()
            made = draft.created_at.astimezone().date() if draft.created_at else day_of(today)
            self.sign_date.set_limits(min(qdate_of(made), today), today)

    def _signed_written(self) -> Agreement | None:
        """The written agreement in effect (signed, not replaced by a correction), if any."""
        return next((a for a in reversed(self.detail.agreements)
                     if a.status == AgreementStatus.SIGNED and a.form == AgreementForm.WRITTEN), None)

    def _add_sign(self, button: QPushButton) -> None:
        """协议已签署… with the day it was signed beside it (default today; never in the future, never before the
        draft was made): the agreement takes effect that day, and the 30 days of art. 33 count from it."""
        today = QDate.currentDate()
        self.sign_date = DateField(today, latest=today)
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        self.sign_date_label = QLabel(self.tr("签署日期"))
        self.sign_date_label.setBuddy(self.sign_date)
        for widget in (self.sign_date_label, self.sign_date, button):
            row.addWidget(widget)
        self.actions_bar.addWidget(group)

    def step(self, action: CaseAction) -> None:
        """A lifecycle step; the ones that close or reopen a case ask first (reopening asks why)."""
        action_label = label(action)
        reason = None
        if action == CaseAction.REOPEN:
            reason = self.ask_text(self, self.tr("请写明重新开启的原因："))
            if not reason:
                return
        elif not self.ask(self, self.tr("确定要“%1”吗？").replace("%1", action_label)):
            return
        try:
            change_status(self.db, self.actor, self.case_id, action, reason=reason)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self.error.clear()
        self._after_change()

    def _after_change(self) -> None:
        self.reload()
        self.sig_changed.emit()

    def record_session(self) -> None:
        self._open(SessionDialog(self.db, self.actor, self.case_id, self))

    def record_oral(self) -> None:
        self._open(OralAgreementDialog(self.db, self.actor, self.case_id, self))

    def edit_agreement(self) -> None:
        self._open(AgreementDialog(self.db, self.actor, self.case_id, self))

    def correct_agreement(self) -> None:
        """A signed agreement stays as signed; a correction is a new version (the written one a draft until it is
        signed too, the oral one recorded again with the same question as the first time)."""
        signed = case_actions.signed_in_effect(self.detail)
        if signed is None:
            return
        reason = self.ask_text(self, self.tr("签署后的协议不能修改，只能新建更正版本（原版本保留）。请写明更正原因："))
        if not reason:
            return
        if signed.form == AgreementForm.ORAL:
            self._open(OralAgreementDialog(self.db, self.actor, self.case_id, self, corrects=signed,
                                           reason=reason))
            return
        data = agreements.AgreementInput(
            terms=list(signed.terms), facts=signed.facts, performance_method=signed.performance_method,
            performance_place=signed.performance_place, performance_deadline=signed.performance_deadline,
            amount=signed.amount, copies=signed.copies)
        try:
            agreements.correct(self.db, self.actor, signed.id, data, reason=reason)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self._after_change()
        self.edit_agreement()

    def sign_agreement(self) -> None:
        """All parties signed the printed agreement: it takes effect and is locked; the scan is kept."""
        draft = next(a for a in reversed(self.detail.agreements) if a.status == AgreementStatus.DRAFT)
        problem = self.sign_date.problem()
        if problem:  # (a day typed in the future, or before the draft was made)
            self.error.setText(problem)
            self.sign_date.setFocus()
            return
        day = day_of(self.sign_date.date())
        question = self.tr("各方当事人、调解员都已在协议书上签名（按指印）并盖章了吗？\n"
                           "签署日期：%1（协议从这天起生效）\n"
                           "确认后协议生效并锁定，不能再修改。").replace("%1", day.isoformat())
        if not self.ask(self, question):
            return
        scan = self.ask_open_path(self, self.tr("选择签字协议书的扫描件或照片（可跳过）"))
        if not self.isEnabled():  # locked while the chooser was open (the lock disables, then closes, the window):
            return  # the user is signed out
        try:
            agreements.sign(self.db, self.actor, draft.id, signed_on=day)
            if scan:
                add_attachment(self.db, self.actor, self.case_id, Path(scan), kind=AttachmentKind.SIGNED_AGREEMENT,
                               description=self.tr("签字协议书"), agreement_id=draft.id)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
        else:
            self.error.clear()
        self._after_change()

    def record_confirmation(self) -> QDialog | None:
        """司法确认…: the application to the court (date, court) and, later, the court's confirmation."""
        signed = self._signed_written()
        if signed is None:
            return None
        dialog = ConfirmationDialog(self.db, self.actor, self.case_id, signed, self)
        self._open(dialog)
        return dialog

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
        self._open(dialog)
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

    def edit_registration(self, data: dict[str, Any] | None = None) -> QWidget:
        """修改登记 (``data``: a draft of an unfinished correction to fill it with)."""
        from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog

        if not self.revealed:  # the form shows full ID numbers: that is a reveal, and it is logged
            self.reveal()
        dialog = RegisterCaseDialog(self.db, self.actor, self, case_id=self.case_id)
        if data:
            dialog.load_data(data)
        self._open(dialog)
        return dialog

    def record_prevented(self) -> QDialog:
        """防止民转刑 / 群体性上访 / 自杀 / 群体性械斗 and the persons involved (the statistics' 件 and 人)."""
        from mediation_desktop.ui.case.prevented_dialog import PreventedDialog

        dialog = PreventedDialog(self.db, self.actor, self.case_id, self)
        self._open(dialog)
        return dialog

    def record_investigation(self) -> None:
        self._open(InvestigationDialog(self.db, self.actor, self.case_id, self))

    def refer(self) -> None:
        self._open(ReferralDialog(self.db, self.actor, self.case_id, self))

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

    def open_record(self, form: str, data: dict[str, Any] | None = None) -> QWidget:
        """The form ``form`` of this case (``data``: a draft to fill it with)."""
        if form == "agreement":
            dialog: RecordDialog = AgreementDialog(self.db, self.actor, self.case_id, self)
        else:
            dialog = RECORD_DIALOGS[form](self.db, self.actor, self.case_id, self)
        if data:
            dialog.load_data(data)
        self._open(dialog)
        return dialog

    # ---- attachments
    def _selected_attachment(self) -> uuid.UUID | None:
        item = self.attachment_list.currentItem()
        return None if item is None else uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole)))

    def _attach(self, paths: list[Path], description: str = "") -> None:
        for path in paths:
            try:
                add_attachment(self.db, self.actor, self.case_id, path, description=description)
            except MediationError as exc:
                self.error.setText(tr(exc.key, **exc.params))
                break
        else:
            self.error.clear()
        self._after_change()

    def add_file(self) -> None:
        path = self.ask_open_path(self, self.tr("选择照片或扫描件"))
        if path:
            self._attach([Path(path)])

    def add_from_scanner(self) -> None:
        """Scans waiting in the scanner's folder (chosen once per computer) that the case lacks."""
        settings = QSettings()
        folder = str(settings.value(SCANNER_FOLDER_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = self.ask_folder(self, self.tr("选择扫描仪保存文件的文件夹")) or ""
            if not folder:
                return
            settings.setValue(SCANNER_FOLDER_KEY, folder)
        try:
            waiting = attachments.scanner_files(self.db, self.case_id, Path(folder))
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        if not waiting:
            self.error.setText(self.tr("扫描文件夹里没有新的文件。"))
            return
        chosen = self.pick_files(self, self.tr("选择要添加的扫描件"), waiting)
        if chosen:
            self._attach(chosen, self.tr("扫描件"))

    def view_attachment(self) -> QWidget | None:
        attachment_id = self._selected_attachment()
        if attachment_id is None:
            return None
        row = next(a for a in self.detail.attachments if a.id == attachment_id)
        try:
            path = attachments.attachment_file(self.db, attachment_id)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return None
        if row.media_type == "application/pdf":
            viewer: QWidget = PdfDialog(row.filename, path.read_bytes(), row.filename, self)
        else:
            viewer = _ImageDialog(row.filename, path, self)
        viewer.show()
        return viewer

    def remove_attachment(self) -> None:
        attachment_id = self._selected_attachment()
        if attachment_id is None:
            return
        reason = self.ask_text(self, self.tr("请写明删除这个附件的原因："))
        if not reason:
            return
        try:
            attachments.remove_attachment(self.db, self.actor, attachment_id, reason=reason)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        self._after_change()

    def record_follow_up(self) -> None:
        self._open(FollowUpDialog(self.db, self.actor, self.case_id, self))

    def _open(self, dialog: QWidget) -> None:
        dialog.accepted.connect(self._after_change)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]


class _ImageDialog(QDialog):
    """A photo or scan, scaled to the window, scrollable when large."""

    def __init__(self, title: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 900, 800)
        label = QLabel()
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            label.setText(self.tr("这个文件不是能显示的图片。"))
        else:
            label.setPixmap(pixmap.scaledToWidth(min(pixmap.width(), 860),
                                                 Qt.TransformationMode.SmoothTransformation))
        area = QScrollArea()
        area.setWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
