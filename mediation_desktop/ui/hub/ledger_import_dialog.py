"""导入台账: bring a village's existing Excel/CSV ledger in — file, column mapping, preview, confirm.

Nothing is written before 确认导入. The preview shows every row: will be imported, already here
(imported before — importing the same file twice adds nothing), or its problems in plain Chinese.
Closed (取消, Esc, ✕) with a file chosen, its columns mapped or its preview shown, it asks first
(``CloseGuard``): Esc on the question goes back to where it was.
Reading, checking and importing run off the UI thread (``ui.jobs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QHeaderView, QLabel, QWidget

from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.reports.ledger import COLUMNS
from mediation_desktop.reports.ledger_import import (
    ImportPlan,
    ImportResult,
    Sheet,
    apply_import,
    plan_import,
    read_sheet,
)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.column_widths import keep_headers_whole
from mediation_desktop.ui.common.jobs import Job, JobCancelled, idle_work, wait_for
from mediation_desktop.ui.common.screen_fit import fit_to_screen
from mediation_desktop.ui.common.unsaved import CloseGuard
from mediation_desktop.ui.forms.hub.ledger_import_dialog import Ui_LedgerImportDialog
from mediation_desktop.ui.hub.ledger_import_models import PreviewModel, SheetModel

NOTE_CHARS = 36  # the 说明 column's widest, in characters; a longer text wraps
WIDEST_CELL = 300  # a column of the file shown no wider than this (its cells' text is cut, not the others')


def may_import(actor: Actor | None) -> bool:
    """Whether ``actor`` may import a ledger: a township clerk (司法所) only reads, as the service enforces."""
    return actor is not None and actor.role != Role.CLERK


class LedgerImportDialog(CloseGuard, QDialog):
    """File → column mapping → preview → 确认导入 (one transaction)."""

    FILE, MAPPING, PREVIEW = 0, 1, 2

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.sheet: Sheet | None = None
        self.plan: ImportPlan | None = None
        self.imported: ImportResult | None = None
        self.job: Job | None = None
        self.form = Ui_LedgerImportDialog()  # the layout: forms/hub/ledger_import_dialog.ui
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.file_intro, self.path_label, self.path = f.fileIntroLabel, f.pathLabel, f.pathEdit
        self.browse, self.own_ledger = f.browseButton, f.ownLedgerCheck
        # an imported ledger is booked as this unit's own: one titled with another committee is refused unless ticked
        self.mapping_intro, self.sheet_view, self.pages = f.mappingIntroLabel, f.sheetView, f.stepPages
        self.summary, self.columns_label, self.preview_view = f.summaryLabel, f.columnsLabel, f.previewView
        self.error, self.back_button, self.next_button = f.errorLabel, f.backButton, f.nextButton
        self.confirm_button, self.cancel_button = f.confirmButton, f.cancelButton
        fit_to_screen(self, 980, 620)  # (grown with 大字, never past the screen)
        self.browse.clicked.connect(self._browse)
        # step 2: which column is which — one choice per column of the ledger, in the ledger's order
        self.sheet_model = SheetModel()
        self.sheet_view.setModel(self.sheet_model)
        self.mapping_boxes: dict[str, QComboBox] = {}
        self.mapping_labels: dict[str, QLabel] = {}
        for column in COLUMNS:
            if column.key == "seq":
                continue
            box = QComboBox()
            box.setMinimumContentsLength(14)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            label = QLabel(column.header + ("＊" if column.required or column.key == "category" else ""))
            self.mapping_boxes[column.key] = box
            self.mapping_labels[column.key] = label
            f.mappingForm.addRow(label, box)
        # the choices whole (in 大字 too): the list scrolls up and down only, the file's rows get the rest
        f.mappingScroll.setMinimumWidth(f.mappingFields.sizeHint().width()
                                        + f.mappingScroll.verticalScrollBar().sizeHint().width() + 4)
        f.mappingSplitter.setStretchFactor(0, 2)
        f.mappingSplitter.setSizes([560, 400])
        # step 3: the preview; 说明 (model column 5) shown last: the values as they will be stored come first
        self.preview = PreviewModel()
        self.preview_view.setModel(self.preview)
        self.preview_view.horizontalHeader().moveSection(PreviewModel.NOTES, len(PreviewModel.HEADERS) - 1)
        self.preview_view.setWordWrap(True)  # 说明 wraps onto more lines, never cut
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        keep_headers_whole(self.preview_view, names=PreviewModel.NAME_COLUMNS)  # 金额（元） whole before a file is read
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate()
        self._update_buttons()

    def _allowed(self) -> bool:
        """False (and the reason in the red line) for a read-only user: the service would refuse at the end."""
        if may_import(self.actor):
            return True
        self.error.setText(message("account.read_only_role"))
        return False

    # --- steps ---------------------------------------------------------------------------------------
    def _browse(self) -> None:
        from mediation_desktop.ui.common.file_places import start_in

        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择台账文件"), start_in(),
                                              self.tr("台账文件 (*.xlsx *.xls *.csv)"))
        if path:
            self.path.setText(path)

    def _run(self, title: str, work: Any, done: Any, cancelled: str | None = None) -> None:
        """Run ``work(progress)`` on a worker. 取消 stops it at its next step (the import before its commit);
        a read or a check is let finish and its result dropped."""
        self.error.clear()
        job = Job(self, title, work)
        if job.dialog is not None:
            job.dialog.canceled.connect(lambda: self.error.setText(self.tr("正在取消…")))

        def finished(result: Any, error: BaseException | None) -> None:
            if isinstance(error, JobCancelled) or (error is None and job.worker.cancel.is_set() and cancelled is None):
                self.error.setText(cancelled or self.tr("已取消。"))
            elif isinstance(error, MediationError):
                self.error.setText(message(error.key, **error.params))
            elif error is not None and not isinstance(error, JobCancelled):
                self.error.setText(self.tr("程序出错了：%1。数据没有被改动。").replace("%1", type(error).__name__))
            elif error is None:
                done(result)
            job.worker.work = idle_work  # drop the closure (and the dialog it holds) on this thread, now
            self._update_buttons()

        job.sig_finished.connect(finished)
        self.job = job
        self._update_buttons()
        job.start()

    def busy(self) -> bool:
        return self.job is not None and not self.job.finished

    def input_now(self) -> Any:
        """What closing would throw away: the file chosen, the columns as mapped, the preview checked (nothing once
        imported: the import closes the dialog itself)."""
        if self.imported is not None:
            return self._guarded
        return self.path.text().strip(), self.mapping() if self.sheet is not None else None, self.plan is not None

    def done(self, result: int) -> None:
        """Closing (确认导入 finished, 取消 or the window's ✕) waits for a running step to end first."""
        wait_for(self.job)
        super().done(result)

    def go_next(self) -> None:
        if not self._allowed():
            return
        page = self.pages.currentIndex()
        if page == self.FILE:
            path = Path(self.path.text().strip())
            if not self.path.text().strip():
                return
            self._run(self.tr("正在读取台账…"), lambda _progress: read_sheet(path), self._sheet_read)
        elif page == self.MAPPING:
            mapping = self.mapping()
            sheet = self.sheet
            if sheet is None:
                return
            own = self.own_ledger.isChecked()
            self._run(self.tr("正在检查每一行…"),
                      lambda _progress: plan_import(self.db, sheet, mapping, own_ledger=own), self._planned)

    def go_back(self) -> None:
        if self.pages.currentIndex() > self.FILE:
            self.pages.setCurrentIndex(self.pages.currentIndex() - 1)
            self.error.clear()
        self._update_buttons()

    def _sheet_read(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.sheet_model.set_sheet(sheet)
        self.sheet_view.resizeColumnsToContents()  # dates and numbers whole (in 大字 too); long texts cut
        for column in range(self.sheet_model.columnCount()):
            self.sheet_view.setColumnWidth(column, min(self.sheet_view.columnWidth(column), WIDEST_CELL))
        self._fill_mapping()
        self.pages.setCurrentIndex(self.MAPPING)

    def _fill_mapping(self) -> None:
        sheet = self.sheet
        for key, box in self.mapping_boxes.items():
            box.clear()
            box.addItem(self.tr("（没有这一列）"), None)
            if sheet is None:
                continue
            for i, header in enumerate(sheet.headers):
                box.addItem(self.tr("第%1列").replace("%1", str(i + 1)) + (
                    f"：{header}" if sheet.header_row is not None else ""), i)
            chosen = sheet.mapping.get(key)
            box.setCurrentIndex(0 if chosen is None else box.findData(chosen))

    def mapping(self) -> dict[str, int]:
        """The column mapping chosen on the mapping step (column key → column index)."""
        out = {key: int(box.currentData()) for key, box in self.mapping_boxes.items()
               if box.currentData() is not None}
        if self.sheet is not None and "seq" in self.sheet.mapping:
            out.setdefault("seq", self.sheet.mapping["seq"])
            if list(out.values()).count(out["seq"]) > 1:
                out.pop("seq")
        return out

    def set_mapping(self, mapping: dict[str, int]) -> None:
        for key, box in self.mapping_boxes.items():
            box.setCurrentIndex(max(0, box.findData(mapping[key])) if key in mapping else 0)

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview.set_plan(plan)
        self.preview_view.resizeColumnsToContents()
        # 说明 as wide as it needs up to NOTE_CHARS characters (of this font: 大字 too), then wrapped, its rows grown
        notes = PreviewModel.NOTES
        widest = self.preview_view.fontMetrics().horizontalAdvance("说") * NOTE_CHARS
        self.preview_view.setColumnWidth(notes, min(self.preview_view.columnWidth(notes), widest))
        self.preview_view.resizeRowsToContents()
        self.summary.setText(self.tr("共 %1 行：%2 行将导入，%3 行已经有了（跳过），%4 行有错误（不导入）。"
                                     "确认无误后请点“确认导入”；在此之前不会写入任何数据。")
                             .replace("%1", str(len(plan.rows))).replace("%2", str(plan.count("new")))
                             .replace("%3", str(plan.count("duplicate"))).replace("%4", str(plan.count("error"))))
        ignored = self.tr("不导入")
        read_as = "；".join(f"{c['header']} → {c['field'] or ignored}" for c in plan.columns)
        skipped = "；".join(n.text() for n in plan.skipped)
        # what the file as a whole is told: sheets not read, columns not read, an amount column in 万元
        remarks = [n.text() for n in plan.remarks]
        self.columns_label.setText("\n".join([*remarks, self.tr("各列的读法：%1").replace("%1", read_as),
                                               *([skipped] if skipped else [])]))
        self.pages.setCurrentIndex(self.PREVIEW)

    def confirm(self) -> None:
        plan = self.plan
        if plan is None or not plan.count("new"):
            return
        self._run(self.tr("正在导入…"), lambda progress: apply_import(self.db, self.actor, plan, progress=progress),
                  self._imported, self.tr("已取消导入：没有写入任何案件。"))

    def _imported(self, result: ImportResult) -> None:
        self.imported = result
        self.accept()

    def _update_buttons(self) -> None:
        page, busy = self.pages.currentIndex(), self.busy()
        self.back_button.setEnabled(page > self.FILE and not busy)
        self.next_button.setVisible(page < self.PREVIEW)
        self.next_button.setEnabled(not busy and may_import(self.actor))
        self.confirm_button.setVisible(page == self.PREVIEW)
        self.confirm_button.setEnabled(not busy and self.plan is not None and self.plan.count("new") > 0)

    # --- language ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.form.retranslateUi(self)
        if self.sheet is not None:
            kept = self.mapping()
            self._fill_mapping()
            self.set_mapping(kept)
        if self.plan is not None:
            self._planned(self.plan)
            self.pages.setCurrentIndex(self.PREVIEW)
        self._allowed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
