"""The case window's 附件 tab: photos and scans added from a file or from the scanner's folder, looked at, and
deleted (with a reason, by the director). The steps take the window (its questions are its classmethods, patched
in tests); their texts are translated in its context."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services import attachments
from mediation_desktop.services.attachments import add_attachment
from mediation_desktop.storage.attachment_types import SUFFIXES
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.pdf_view import PdfDialog
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.forms.case.image_dialog import Ui_ImageDialog
from mediation_desktop.ui.forms.case.scan_picker_dialog import Ui_ScanPickerDialog

if TYPE_CHECKING:
    from mediation_desktop.ui.case.case_window import CaseWindow

SCANNER_FOLDER_KEY = "attachments/scanner_folder"


def attachment_kinds() -> str:
    """The chooser's filter for an attachment: every type an attachment may be (``storage.attachment_types``; the
    chooser matches ``.JPG`` too), then all files, so a phone's HEIC photo or a renamed file is seen and, chosen,
    gets its explanation instead of seeming to have vanished."""
    patterns = " ".join(f"*{suffix}" for suffix in SUFFIXES)
    return (QCoreApplication.translate("CaseWindow", "图片或 PDF") + f" ({patterns});;"
            + QCoreApplication.translate("CaseWindow", "所有文件") + " (*)")


def show_attachments(window: CaseWindow) -> None:
    """The list from the case as loaded; who may add and delete sees those buttons."""
    window.attachment_list.clear()
    for a in window.detail.attachments:
        item = QListWidgetItem(f"{a.filename}　{label(a.kind)}　{a.size // 1024 + 1} KB"
                               f"　{in_china(a.created_at):%Y-%m-%d}　{a.description}")
        item.setData(Qt.ItemDataRole.UserRole, str(a.id))
        window.attachment_list.addItem(item)
    can_write = window.detail.owned_here and window.actor.role != Role.CLERK
    window.attachment_buttons["add"].setVisible(can_write)
    window.attachment_buttons["scanner"].setVisible(can_write)
    window.attachment_buttons["remove"].setVisible(can_write and window.actor.role == Role.DIRECTOR)


def selected_attachment(window: CaseWindow) -> uuid.UUID | None:
    item = window.attachment_list.currentItem()
    return None if item is None else uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole)))


def attach(window: CaseWindow, paths: list[Path], description: str = "") -> None:
    for path in paths:
        try:
            add_attachment(window.db, window.actor, window.case_id, path, description=description)
        except MediationError as exc:
            window.error.setText(tr(exc.key, **exc.params))
            break
    else:
        window.error.clear()
    window.after_change()


def add_file(window: CaseWindow) -> None:
    path = window.ask_open_path(window, QCoreApplication.translate("CaseWindow", "选择照片或扫描件"))
    if path:
        attach(window, [Path(path)])


def add_from_scanner(window: CaseWindow) -> None:
    """Scans waiting in the scanner's folder (chosen once per computer) that the case lacks."""
    settings = QSettings()
    folder = str(settings.value(SCANNER_FOLDER_KEY, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = window.ask_folder(window, QCoreApplication.translate("CaseWindow", "选择扫描仪保存文件的文件夹")) or ""
        if not folder:
            return
        settings.setValue(SCANNER_FOLDER_KEY, folder)
    try:
        waiting = attachments.scanner_files(window.db, window.case_id, Path(folder))
    except MediationError as exc:
        window.error.setText(tr(exc.key, **exc.params))
        return
    if not waiting:
        window.error.setText(QCoreApplication.translate("CaseWindow", "扫描文件夹里没有新的文件。"))
        return
    chosen = window.pick_files(window, QCoreApplication.translate("CaseWindow", "选择要添加的扫描件"), waiting)
    if chosen:
        attach(window, chosen, QCoreApplication.translate("CaseWindow", "扫描件"))


def view_attachment(window: CaseWindow) -> QWidget | None:
    attachment_id = selected_attachment(window)
    if attachment_id is None:
        return None
    row = next(a for a in window.detail.attachments if a.id == attachment_id)
    try:
        path = attachments.attachment_file(window.db, attachment_id)
    except MediationError as exc:
        window.error.setText(tr(exc.key, **exc.params))
        return None
    if row.media_type == "application/pdf":
        viewer: QWidget = PdfDialog(row.filename, path.read_bytes(), row.filename, window)
    else:
        viewer = ImageDialog(row.filename, path, window)
    viewer.show()
    return viewer


def remove_attachment(window: CaseWindow) -> None:
    attachment_id = selected_attachment(window)
    if attachment_id is None:
        return
    reason = window.ask_text(window, QCoreApplication.translate("CaseWindow", "请写明删除这个附件的原因："))
    if not reason:
        return
    try:
        attachments.remove_attachment(window.db, window.actor, attachment_id, reason=reason)
    except MediationError as exc:
        window.error.setText(tr(exc.key, **exc.params))
        return
    window.after_change()


class ImageDialog(QDialog):
    """A photo or scan, scaled to the window, scrollable when large."""

    def __init__(self, title: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_ImageDialog()  # the layout: forms/case/image_dialog.ui
        self.form.setupUi(self)
        self.setWindowTitle(title)
        fit_to_screen(self, 900, 800)
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            self.form.imageLabel.setText(self.tr("这个文件不是能显示的图片。"))
        else:
            self.form.imageLabel.setPixmap(pixmap.scaledToWidth(min(pixmap.width(), 860),
                                                                Qt.TransformationMode.SmoothTransformation))


class ScanPickerDialog(QDialog):
    """The scans waiting in the scanner's folder, each with a tick box (the newest, first, ticked)."""

    def __init__(self, title: str, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = Ui_ScanPickerDialog()  # the layout: forms/case/scan_picker_dialog.ui
        self.form.setupUi(self)
        self.setWindowTitle(title)
        self.paths = paths
        for i, path in enumerate(paths):
            item = QListWidgetItem(path.name)
            item.setCheckState(Qt.CheckState.Checked if i == 0 else Qt.CheckState.Unchecked)
            self.form.scanList.addItem(item)

    @classmethod
    def pick(cls, parent: QWidget, title: str, paths: list[Path]) -> list[Path]:
        """The scans ticked, or none when cancelled."""
        dialog = cls(title, paths, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    def chosen(self) -> list[Path]:
        scans = self.form.scanList
        return [p for i, p in enumerate(self.paths) if scans.item(i).checkState() == Qt.CheckState.Checked]
