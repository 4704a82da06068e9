"""The case window: every section of one case, and the lifecycle steps that are legal now."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import AgreementStatus, AttachmentKind
from mediation_desktop.domain.lifecycle import ACTION_LABELS_ZH, STATUS_LABELS_ZH, CaseAction
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.services import agreements
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.services.case_detail import CaseDetail, load_case
from mediation_desktop.services.cases import change_status
from mediation_desktop.storage.database import Database
from mediation_desktop.ui import case_sections
from mediation_desktop.ui.agreement_dialog import AgreementDialog
from mediation_desktop.ui.record_dialogs import FollowUpDialog, OralAgreementDialog, SessionDialog

# Steps done by recording something (a session, an agreement, a follow-up) have their own buttons.
_BY_RECORD = {CaseAction.MEDIATE, CaseAction.INVESTIGATE, CaseAction.AGREE, CaseAction.REFER}
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
        path, _filter = QFileDialog.getSaveFileName(parent, parent.windowTitle(), suggested, "PDF (*.pdf)")
        return path or None

    @classmethod
    def ask_open_path(cls, parent: QWidget, text: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(parent, text, "", "图片或 PDF (*.jpg *.jpeg *.png *.pdf)")
        return path or None

    def __init__(self, db: Database, actor: Actor, case_id: uuid.UUID) -> None:
        super().__init__()
        self.db, self.actor, self.case_id = db, actor, case_id
        self.resize(980, 720)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.actions_bar = QHBoxLayout()
        self.tabs = QTabWidget()
        self.views: list[QTextBrowser] = []
        for title in _TAB_TITLES:
            view = QTextBrowser()
            self.views.append(view)
            self.tabs.addTab(view, self.tr(str(title)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self.actions_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.detail: CaseDetail
        self.reload()

    def reload(self) -> None:
        self.detail = load_case(self.db, self.case_id)
        c = self.detail.case
        self.setWindowTitle(f"{c.case_no} — {c.title}")
        owner = "" if self.detail.owned_here else self.tr("（其他调委会的案件，只能查看）")
        self.header.setText(f"<b>{c.case_no}</b>　{c.title}　【{STATUS_LABELS_ZH[c.status]}】{owner}")
        for view, (_title, render) in zip(self.views, case_sections.SECTIONS, strict=True):
            view.setHtml(render(self.detail))
        self._buttons()

    def _buttons(self) -> None:
        while self.actions_bar.count():
            item = self.actions_bar.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.buttons: dict[str, QPushButton] = {}
        actions = self.detail.actions()
        if self.detail.owned_here:
            if CaseAction.MEDIATE in actions or CaseAction.AGREE in actions or CaseAction.RESUME in actions:
                self._add("session", self.tr("记录一次调解"), self.record_session)
            if CaseAction.AGREE in actions:
                self._add("oral", self.tr("登记口头协议"), self.record_oral)
            if CaseAction.AGREE in actions:
                self._add("agreement", self.tr("书面协议…"), self.edit_agreement)
            if any(a.status == AgreementStatus.DRAFT for a in self.detail.agreements):
                self._add("sign", self.tr("协议已签署…"), self.sign_agreement)
            if self.detail.status.value == "agreed":
                self._add("follow_up", self.tr("记录回访"), self.record_follow_up)
        self._add("pdf", self.tr("保存文书 PDF…"), self.save_document)
        for action in actions:
            if action not in _BY_RECORD:
                self._add(action.value, ACTION_LABELS_ZH[action], lambda _=False, a=action: self.step(a))
        self.actions_bar.addStretch(1)

    def _add(self, key: str, text: str, slot: object) -> None:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons[key] = button
        self.actions_bar.addWidget(button)

    def step(self, action: CaseAction) -> None:
        """A lifecycle step; the ones that close or reopen a case ask first (reopening asks why)."""
        label = ACTION_LABELS_ZH[action]
        reason = None
        if action == CaseAction.REOPEN:
            reason = self.ask_text(self, self.tr("请写明重新开启的原因："))
            if not reason:
                return
        elif not self.ask(self, self.tr("确定要“%1”吗？").replace("%1", label)):
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

    def sign_agreement(self) -> None:
        """All parties signed the printed agreement: it takes effect and is locked; the scan is kept."""
        draft = next(a for a in reversed(self.detail.agreements) if a.status == AgreementStatus.DRAFT)
        if not self.ask(self, self.tr("各方当事人、调解员都已在协议书上签名（按指印）并盖章了吗？\n"
                                      "确认后协议生效并锁定，不能再修改。")):
            return
        scan = self.ask_open_path(self, self.tr("选择签字协议书的扫描件或照片（可跳过）"))
        try:
            agreements.sign(self.db, self.actor, draft.id)
            if scan:
                add_attachment(self.db, self.actor, self.case_id, Path(scan), kind=AttachmentKind.SIGNED_AGREEMENT,
                               description=self.tr("签字协议书"), agreement_id=draft.id)
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
        self._after_change()

    def save_document(self) -> None:
        """Any document of the case file (or the whole file) as a PDF where the user chooses."""
        from mediation_desktop.documents.registry import render_document
        from mediation_desktop.storage.atomic import write_atomically

        labels = {self.tr(str(text)): doc for doc, text in DOCUMENTS.items()}
        choice = self.ask_item(self, self.tr("要保存哪份文书？"), list(labels))
        if choice is None:
            return
        doc = labels[choice]
        path = self.ask_save_path(self, f"{self.detail.case.case_no}-{choice}.pdf")
        if path is None:
            return
        try:
            write_atomically(Path(path), render_document(self.db, doc, self.case_id))
        except MediationError as exc:
            self.error.setText(tr(exc.key, **exc.params))
            return
        except OSError as exc:
            self.error.setText(message("document.write_failed", path=path, detail=exc.strerror or ""))
            return
        self.error.setText("")
        self.header.setToolTip(self.tr("已保存：%1").replace("%1", path))

    def record_follow_up(self) -> None:
        self._open(FollowUpDialog(self.db, self.actor, self.case_id, self))

    def _open(self, dialog: QWidget) -> None:
        dialog.accepted.connect(self._after_change)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
