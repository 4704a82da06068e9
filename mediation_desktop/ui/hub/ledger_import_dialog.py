"""导入台账: bring a village's existing Excel/CSV ledger in — file, column mapping, preview, confirm.

Nothing is written before 确认导入. The preview shows every row: will be imported, already here
(imported before — importing the same file twice adds nothing), or its problems in plain Chinese.
Reading, checking and importing run off the UI thread (``ui.jobs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.enums import AgreementForm, CaseSource, Performance, Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.reports import ledger_parse
from mediation_desktop.reports.ledger import COLUMNS
from mediation_desktop.reports.ledger_import import (
    ImportPlan,
    ImportResult,
    ImportRow,
    Sheet,
    apply_import,
    plan_import,
    read_sheet,
)
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.jobs import Job, JobCancelled, idle_work, wait_for
from mediation_desktop.ui.common.labels import label, translated

_Index = QModelIndex | QPersistentModelIndex
SHEET_PREVIEW_ROWS = 8
_ERROR, _DUPLICATE = QColor("#b00020"), QColor("#777777")


def may_import(actor: Actor | None) -> bool:
    """Whether ``actor`` may import a ledger: a township clerk (司法所) only reads, as the service enforces."""
    return actor is not None and actor.role != Role.CLERK


class SheetModel(QAbstractTableModel):
    """The first rows of the file as they are, so the user can see which column holds what."""

    def __init__(self) -> None:
        super().__init__()
        self._sheet: Sheet | None = None
        self._rows: list[list[Any]] = []

    def set_sheet(self, sheet: Sheet | None) -> None:
        self.beginResetModel()
        self._sheet = sheet
        self._rows = [cells for _line, cells in sheet.data_rows()[:SHEET_PREVIEW_ROWS]] if sheet else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._sheet is None else self._sheet.width

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self._sheet is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr("第%1列").replace("%1", str(section + 1)) + (
                f"\n{self._sheet.headers[section]}" if self._sheet.header_row is not None
                and section < len(self._sheet.headers) else "")
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return ledger_parse.text(row[index.column()]) if index.column() < len(row) else ""


class PreviewModel(QAbstractTableModel):
    """Every row of the file and what will happen to it."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PreviewModel", "行号"),
        QT_TRANSLATE_NOOP("PreviewModel", "结果"),
        QT_TRANSLATE_NOOP("PreviewModel", "受理日期"),
        QT_TRANSLATE_NOOP("PreviewModel", "当事人"),
        QT_TRANSLATE_NOOP("PreviewModel", "案件编号"),
        QT_TRANSLATE_NOOP("PreviewModel", "说明"),  # what stops a row, and how a cell was helped
        # the values as they will be stored (「未记录」 where the ledger does not say)
        QT_TRANSLATE_NOOP("PreviewModel", "原编号"),
        QT_TRANSLATE_NOOP("PreviewModel", "申请人"),
        QT_TRANSLATE_NOOP("PreviewModel", "被申请人"),
        QT_TRANSLATE_NOOP("PreviewModel", "纠纷类型"),
        QT_TRANSLATE_NOOP("PreviewModel", "金额（元）"),
        QT_TRANSLATE_NOOP("PreviewModel", "案件来源"),
        QT_TRANSLATE_NOOP("PreviewModel", "协议形式"),
        QT_TRANSLATE_NOOP("PreviewModel", "履行情况"),
        QT_TRANSLATE_NOOP("PreviewModel", "案件状态"),
    )
    UNRECORDED = QT_TRANSLATE_NOOP("PreviewModel", "未记录")
    STATES: ClassVar[dict[str, object]] = {
        "new": QT_TRANSLATE_NOOP("PreviewModel", "将导入"),
        "duplicate": QT_TRANSLATE_NOOP("PreviewModel", "已有，跳过"),
        "error": QT_TRANSLATE_NOOP("PreviewModel", "有错误，不导入"),
    }

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ImportRow] = []

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = list(plan.rows) if plan else []
        self.endResetModel()

    def row_at(self, row: int) -> ImportRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(str(self.HEADERS[section]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == "error":
                return QBrush(_ERROR)
            if r.status == "duplicate":
                return QBrush(_DUPLICATE)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        p = r.parsed
        col = index.column()
        if col == 0:
            return str(r.line)
        if col == 1:
            return self.tr(str(self.STATES[r.status]))
        if col == 2:
            return p.accepted_on.isoformat() if p else r.cells.get("accepted_on", "")
        if col == 3:
            return "、".join(n for _, n in p.parties) if p else r.cells.get("applicants", "")
        if col == 4:
            return p.case_no if p else r.cells.get("case_no", "")
        if col == 5:
            return "；".join(r.messages() + r.notes())
        return self._stored(p, col) if p else ""

    def _stored(self, p: Any, col: int) -> str:
        """The value as it will be stored (the preview shows what the import makes of each cell)."""
        values = p.stored()
        unrecorded = self.tr(str(self.UNRECORDED))
        if col == 6:
            return str(values["original_no"])
        if col in (7, 8):
            return "、".join(values["applicants" if col == 7 else "respondents"])
        if col == 9:
            word = values["category_word"]
            return translated(str(values["category_label"])) + (f"（{word}）" if word else "")
        if col == 10:
            return "" if values["amount"] is None else str(values["amount"])
        if col == 11:
            return label(p.source) if p.source != CaseSource.UNRECORDED else unrecorded
        if col == 12:
            return "" if p.form is None else (label(p.form) if p.form != AgreementForm.UNRECORDED else unrecorded)
        if col == 14:
            return label(p.status)
        if p.form is None:
            return ""
        perf = p.performance
        return unrecorded if perf is None or perf == Performance.UNRECORDED else label(perf)


class LedgerImportDialog(QDialog):
    """File → column mapping → preview → 确认导入 (one transaction)."""

    FILE, MAPPING, PREVIEW = 0, 1, 2

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.sheet: Sheet | None = None
        self.plan: ImportPlan | None = None
        self.imported: ImportResult | None = None
        self.job: Job | None = None
        from mediation_desktop.ui.common.screen_fit import fit_to_screen

        fit_to_screen(self, 980, 620)

        # step 1: the file
        self.file_intro, self.path_label = QLabel(), QLabel()
        self.file_intro.setWordWrap(True)
        self.path = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        file_page = QWidget()
        fl = QVBoxLayout(file_page)
        fl.addWidget(self.file_intro)
        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        fl.addLayout(row)
        fl.addStretch(1)

        # step 2: which column is which
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        self.sheet_model = SheetModel()
        self.sheet_view = QTableView()
        self.sheet_view.setModel(self.sheet_model)
        self.sheet_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_boxes: dict[str, QComboBox] = {}
        self.mapping_labels: dict[str, QLabel] = {}
        form_host = QWidget()
        form = QFormLayout(form_host)
        for column in COLUMNS:
            if column.key == "seq":
                continue
            box = QComboBox()
            box.setMinimumContentsLength(14)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            label = QLabel(column.header + ("＊" if column.required or column.key == "category" else ""))
            self.mapping_boxes[column.key] = box
            self.mapping_labels[column.key] = label
            form.addRow(label, box)
        scroll = QScrollArea()
        scroll.setWidget(form_host)
        scroll.setWidgetResizable(True)
        split = QSplitter()
        split.addWidget(self.sheet_view)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setSizes([560, 400])
        mapping_page = QWidget()
        ml = QVBoxLayout(mapping_page)
        ml.addWidget(self.mapping_intro)
        ml.addWidget(split, 1)

        # step 3: the preview
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = PreviewModel()
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        # 说明 (model column 5) shown last: the values as they will be stored come first, beside the row
        self.preview_view.horizontalHeader().moveSection(5, len(PreviewModel.HEADERS) - 1)
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        preview_page = QWidget()
        pl = QVBoxLayout(preview_page)
        pl.addWidget(self.summary)
        self.columns_label = QLabel()  # how each column of the file is read
        self.columns_label.setWordWrap(True)
        pl.addWidget(self.columns_label)
        pl.addWidget(self.preview_view, 1)

        self.pages = QStackedWidget()
        for page in (file_page, mapping_page, preview_page):
            self.pages.addWidget(page)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.back_button, self.next_button = QPushButton(), QPushButton()
        self.confirm_button, self.cancel_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.confirm_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
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
            self._run(self.tr("正在检查每一行…"), lambda _progress: plan_import(self.db, sheet, mapping),
                      self._planned)

    def go_back(self) -> None:
        if self.pages.currentIndex() > self.FILE:
            self.pages.setCurrentIndex(self.pages.currentIndex() - 1)
            self.error.clear()
        self._update_buttons()

    def _sheet_read(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.sheet_model.set_sheet(sheet)
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
        self.summary.setText(self.tr("共 %1 行：%2 行将导入，%3 行已经有了（跳过），%4 行有错误（不导入）。"
                                     "确认无误后请点“确认导入”；在此之前不会写入任何数据。")
                             .replace("%1", str(len(plan.rows))).replace("%2", str(plan.count("new")))
                             .replace("%3", str(plan.count("duplicate"))).replace("%4", str(plan.count("error"))))
        ignored = self.tr("不导入")
        read_as = "；".join(f"{c['header']} → {c['field'] or ignored}" for c in plan.columns)
        skipped = "；".join(n.text() for n in plan.skipped)
        self.columns_label.setText(self.tr("各列的读法：%1").replace("%1", read_as)
                                   + ("\n" + skipped if skipped else ""))
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
        self.setWindowTitle(self.tr("导入台账"))
        self.file_intro.setText(self.tr("选择村里原有的台账文件（Excel .xlsx、.xls 或 CSV）。下一步可以核对每一列的"
                                        "含义，再预览每一行；确认之前不会写入任何数据，同一个文件导入两次也不会重复。"))
        self.path_label.setText(self.tr("台账文件"))
        self.browse.setText(self.tr("选择文件…"))
        self.mapping_intro.setText(self.tr("左边是文件的前几行。请在右边为每一项选择文件中对应的列（带＊的必须有）；"
                                           "程序已按表头猜好，可以修改。"))
        self.back_button.setText(self.tr("上一步"))
        self.next_button.setText(self.tr("下一步"))
        self.confirm_button.setText(self.tr("确认导入"))
        self.cancel_button.setText(self.tr("取消"))
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
