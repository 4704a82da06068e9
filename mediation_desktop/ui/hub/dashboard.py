"""统计: the dashboard page — charts of cases by month and category, the success rate, every figure.

The report is computed off the UI thread (``ui.jobs``); every figure in the table, every bar and every
slice can be clicked to list the cases behind it (the same SQL condition that counted them).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.enums import Role
from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr as message  # (not Qt's tr: a service message key)
from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import FIGURES
from mediation_desktop.reports.periods import Basis, Period, parse_period
from mediation_desktop.reports.register_figures import REGISTER_KEYS
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.privacy import sees_everything
from mediation_desktop.services.queries import rows_for
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.date_field import DateField
from mediation_desktop.ui.common.jobs import Job, JobCancelled, Progress, idle_work, wait_for
from mediation_desktop.ui.common.language import EN, current
from mediation_desktop.ui.desk.case_table_model import CaseTableModel
from mediation_desktop.ui.hub.figures_model import RATE_KEY, FigureRole, FiguresModel, UnitRole


class DashboardPage(QWidget):
    """The statistics page of the main window (统计)."""

    sig_open_case = Signal(object)
    """The user double-clicked a listed case (its uuid)."""

    _KINDS = ("month", "quarter", "half", "year", "range")

    def __init__(self, db: Database, actor: Actor | None = None, *, load: bool = True) -> None:
        super().__init__()
        self.db, self.actor = db, actor
        self.report: statistics.Report | None = None
        self.months: list[tuple[int, int, int]] = []
        self.job: Job | None = None
        self.drilled: tuple[str, str | None] | None = None  # (figure key, committee) listed now
        self._next: tuple[str, Any, Any, bool] | None = None
        self._stopped = False
        today = dt.date.today()

        self.kind_box, self.part_box, self.basis_box = QComboBox(), QComboBox(), QComboBox()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(today.year)
        self.from_date = DateField(QDate(today.year, 1, 1))
        self.to_date = DateField(QDate(today.year, today.month, today.day))
        self.period_label, self.basis_label = QLabel(), QLabel()
        self.export_pdf, self.export_xlsx = QPushButton(), QPushButton()
        self.export_ledger, self.import_ledger = QPushButton(), QPushButton()
        self.export_pdf.clicked.connect(lambda: self._ask_export("pdf"))
        self.export_xlsx.clicked.connect(lambda: self._ask_export("xlsx"))
        self.export_ledger.clicked.connect(lambda: self._ask_export("ledger"))
        self.import_ledger.clicked.connect(self.open_import)
        # as ledger_import_dialog.may_import (that module imports this one): a township clerk only reads
        self.import_ledger.setEnabled(actor is not None and actor.role != Role.CLERK)

        top = QHBoxLayout()
        top.addWidget(self.period_label)
        for w in (self.kind_box, self.year_box, self.part_box, self.from_date, self.to_date):
            top.addWidget(w)
        top.addWidget(self.basis_label)
        top.addWidget(self.basis_box)
        top.addStretch(1)
        for b in (self.export_pdf, self.export_xlsx, self.export_ledger, self.import_ledger):
            top.addWidget(b)

        self.summary, self.error = QLabel(), QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.month_chart, self.category_chart, self.outcome_chart = QChart(), QChart(), QChart()
        self.charts = QTabWidget()
        for chart in (self.month_chart, self.category_chart, self.outcome_chart):
            chart.legend().setVisible(chart is self.outcome_chart)
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            self.charts.addTab(view, "")

        self.figures = FiguresModel()
        self.table = QTableView()
        self.table.setModel(self.figures)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.clicked.connect(self._figure_clicked)
        self.cases = CaseTableModel()
        self.case_table = QTableView()
        self.case_table.setModel(self.cases)
        self.case_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.case_table.verticalHeader().setVisible(False)
        self.case_table.horizontalHeader().setStretchLastSection(True)
        self.case_table.doubleClicked.connect(
            lambda index: self.sig_open_case.emit(self.cases.row_at(index.row()).id))
        self.drill_label = QLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.drill_label)
        right_layout.addWidget(self.case_table, 1)
        lower = self._lower = QSplitter()
        lower.addWidget(self.table)
        lower.addWidget(right)
        lower.setStretchFactor(1, 1)
        upper = QSplitter(Qt.Orientation.Vertical)
        upper.addWidget(self.charts)
        upper.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(upper, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.retranslate()
        self.kind_box.setCurrentIndex(self._KINDS.index("year"))
        for signal in (self.kind_box.currentIndexChanged, self.part_box.currentIndexChanged,
                       self.basis_box.currentIndexChanged, self.year_box.valueChanged,
                       self.from_date.dateChanged, self.to_date.dateChanged):
            signal.connect(lambda *_a: self._debounce.start())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._fill_parts())
        self._fill_parts()
        if load:
            self.refresh()

    # --- the period -------------------------------------------------------------------------------
    def _fill_parts(self) -> None:
        kind = self._KINDS[max(0, self.kind_box.currentIndex())]
        kept = self.part_box.currentData()
        self.part_box.blockSignals(True)
        self.part_box.clear()
        today = dt.date.today()
        if kind == "month":
            for m in range(1, 13):
                self.part_box.addItem(self.tr("%n月", "", m), f"{m:02d}")
            default = f"{today.month:02d}"
        elif kind == "quarter":
            for q, label in enumerate((self.tr("第一季度"), self.tr("第二季度"), self.tr("第三季度"),
                                       self.tr("第四季度")), start=1):
                self.part_box.addItem(label, f"Q{q}")
            default = f"Q{(today.month - 1) // 3 + 1}"
        elif kind == "half":
            self.part_box.addItem(self.tr("上半年"), "H1")
            self.part_box.addItem(self.tr("下半年"), "H2")
            default = "H1" if today.month <= 6 else "H2"
        else:
            default = ""
        index = self.part_box.findData(kept if kept and self.part_box.findData(kept) >= 0 else default)
        self.part_box.setCurrentIndex(max(0, index))
        self.part_box.blockSignals(False)
        self.part_box.setVisible(kind in ("month", "quarter", "half"))
        self.year_box.setVisible(kind != "range")
        self.from_date.setVisible(kind == "range")
        self.to_date.setVisible(kind == "range")

    def period_spec(self) -> str:
        kind = self._KINDS[max(0, self.kind_box.currentIndex())]
        year = self.year_box.value()
        if kind == "year":
            return str(year)
        if kind == "range":
            start = self.from_date.date().toString("yyyy-MM-dd")
            end = self.to_date.date().toString("yyyy-MM-dd")
            return f"{start}..{end}"
        part = self.part_box.currentData()
        return f"{year}-{part}"

    def basis(self) -> Basis:
        return Basis(self.basis_box.currentData() or Basis.ACCEPTED.value)

    def set_period(self, spec: str, basis: Basis = Basis.ACCEPTED) -> None:
        """Show ``spec`` (2026, 2026-Q3, 2026-H1, 2026-09 or a range) counted by ``basis``."""
        period = parse_period(spec)
        widgets = (self.kind_box, self.part_box, self.year_box, self.basis_box, self.from_date, self.to_date)
        for w in widgets:
            w.blockSignals(True)
        self.kind_box.setCurrentIndex(self._KINDS.index(period.kind))
        self.year_box.setValue(period.start.year)
        self._fill_parts()
        part = {"month": f"{period.start.month:02d}", "quarter": f"Q{(period.start.month - 1) // 3 + 1}",
                "half": "H1" if period.start.month == 1 else "H2"}.get(period.kind)
        if part:
            self.part_box.setCurrentIndex(self.part_box.findData(part))
        s, e = period.start, period.end
        self.from_date.setDate(QDate(s.year, s.month, s.day))
        self.to_date.setDate(QDate(e.year, e.month, e.day))
        self.basis_box.setCurrentIndex(self.basis_box.findData(basis.value))
        for w in widgets:
            w.blockSignals(False)
        self._debounce.stop()
        self.refresh()

    # --- loading ----------------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        """The red line under the summary; hidden when there is nothing to say."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _run(self, title: str, work: Any, done: Any, *, reading: bool = True) -> None:
        """Run ``work(progress)`` on the worker thread; ``done(result)`` on the UI thread; errors in the red line.

        One job at a time: a request made meanwhile waits, and only the newest waiting one runs. After
        取消 nothing is shown: the result of a reading job that finished anyway is dropped (the figures shown
        stay those of the period they were computed for, and the red line says so); a writing job stops at its
        ``progress`` call before it writes (after that call it has no 取消 and its result is shown).
        """
        if self._stopped:
            return
        if self.job is not None and not self.job.finished:
            self._next = (title, work, done, reading)
            return
        self._show_error("")
        job = Job(self, title, work)

        def finished(result: Any, error: BaseException | None) -> None:
            cancelled = isinstance(error, JobCancelled) or (reading and job.worker.cancel.is_set())
            if cancelled:
                self._cancelled()
            elif isinstance(error, MediationError):
                self._show_error(message(error.key, **error.params))
            elif error is not None:
                self._show_error(self.tr("程序出错了：%1。数据没有被改动。").replace("%1", type(error).__name__))
            else:
                done(result)
            job.worker.work = idle_work  # drop the closure (and the page it holds) on this thread, now
            if self._next is not None:
                title_, work_, done_, reading_ = self._next
                self._next = None
                self._run(title_, work_, done_, reading=reading_)  # the finished job's thread has already ended

        job.sig_finished.connect(finished)
        self.job = job
        job.start()

    def _cancelled(self) -> None:
        """取消 was pressed: say what the page still shows (nothing was written)."""
        if self.report is None:
            self._show_error(self.tr("已取消。"))
        else:
            period = self.report.period
            self._show_error(self.tr("已取消。表中仍是“%1”的统计。").replace(
                "%1", period.label_en() if current() == EN else period.label_zh()))

    @property
    def _pending(self) -> bool:
        return self._next is not None

    def stop(self) -> None:
        """Start nothing new, forget waiting requests and wait for the running one (the page goes away)."""
        self._stopped = True
        self._debounce.stop()
        self._next = None
        wait_for(self.job)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._stopped = False
        super().showEvent(event)

    def refresh(self) -> None:
        """Compute the report for the chosen period (off the UI thread)."""
        try:
            period = parse_period(self.period_spec())
        except MediationError as exc:
            self._show_error(message(exc.key, **exc.params))
            return
        basis = self.basis()

        def work(progress: Progress) -> tuple[statistics.Report, list[tuple[int, int, int]]]:
            report = statistics.compute(self.db, period, basis)
            report = replace(report, filled_by=self.actor.display_name) if self.actor else report  # 填报人
            progress(1, 2)  # (after 取消 the counts by month are not read)
            return report, statistics.month_counts(self.db, period, basis)

        self._run(self.tr("正在统计…"), work, self._show)

    def _show(self, result: tuple[statistics.Report, list[tuple[int, int, int]]]) -> None:
        self.report, self.months = result
        self.figures.set_report(self.report)
        self.table.resizeColumnsToContents()
        self._lower.setSizes([self.table.horizontalHeader().length() + 24, max(300, self.width() // 2)])
        self._draw_charts()
        self._show_summary()
        self.cases.set_rows([])
        self.drilled = None
        self.drill_label.setText(self.tr("单击表中的数字、柱形或扇形，列出其中的案件。"))

    def _show_summary(self) -> None:
        r = self.report
        if r is None:
            self.summary.clear()
            return
        rate = r.success_rate()
        period = r.period.label_en() if current() == EN else r.period.label_zh()
        basis = self.tr("按受理日期统计") if r.basis == Basis.ACCEPTED else self.tr("按结案日期统计")
        self.summary.setText(self.tr("%1（%2）：受理纠纷 %3 件，调解成功 %4 件，调解成功率 %5。")
                             .replace("%1", period).replace("%2", basis)
                             .replace("%3", f"{r.value('cases'):,}").replace("%4", f"{r.value('out:success'):,}")
                             .replace("%5", "—" if rate is None else f"{rate}%"))

    def _draw_charts(self) -> None:
        r = self.report
        if r is None:
            return
        english = current() == EN
        # by month
        self.month_chart.removeAllSeries()
        for axis in self.month_chart.axes():
            self.month_chart.removeAxis(axis)
        bars = QBarSet(self.tr("纠纷数"))
        for _y, _m, n in self.months:
            bars.append(n)
        bars.clicked.connect(self._month_clicked)
        series = QBarSeries()
        series.append(bars)
        self.month_chart.addSeries(series)
        months = QBarCategoryAxis()
        months.append([f"{y}-{m:02d}" for y, m, _ in self.months])
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setRange(0, max([n for _y, _m, n in self.months] + [1]))
        counts.applyNiceNumbers()
        self.month_chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        self.month_chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(counts)
        self.month_chart.setTitle(self.tr("各月纠纷数"))
        # by category (the main rows; 「其中」 rows are in the table)
        self.category_chart.removeAllSeries()
        for axis in self.category_chart.axes():
            self.category_chart.removeAxis(axis)
        top = scheme(CURRENT_SCHEME).top_level()
        self._category_keys = [f"cat:{c.code}" for c in top]
        cats = QBarSet(self.tr("纠纷数"))
        for key in self._category_keys:
            cats.append(int(r.value(key)))
        cats.clicked.connect(self._category_clicked)
        hseries = QHorizontalBarSeries()
        hseries.append(cats)
        self.category_chart.addSeries(hseries)
        names = QBarCategoryAxis()
        names.append([c.name_en if english else c.name_zh for c in top])
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setRange(0, max([int(r.value(k)) for k in self._category_keys] + [1]))
        values.applyNiceNumbers()
        self.category_chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.category_chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        hseries.attachAxis(names)
        hseries.attachAxis(values)
        self.category_chart.setTitle(self.tr("各类纠纷数"))
        # outcomes and the success rate
        self.outcome_chart.removeAllSeries()
        pie = QPieSeries()
        for f in FIGURES:
            if f.section == "outcome" and r.value(f.key):
                slice_ = pie.append(f"{f.label_en if english else f.label_zh} {r.value(f.key):,}",
                                    float(r.value(f.key)))
                slice_.setProperty("figure", f.key)
                if f.key == "out:success":
                    slice_.setExploded(True)
                    slice_.setLabelVisible(True)
        pie.clicked.connect(self._slice_clicked)
        self.outcome_chart.addSeries(pie)
        rate = r.success_rate()
        shown = "—" if rate is None else f"{rate}%"
        self.outcome_chart.setTitle(self.tr("调解结果　调解成功率 %1").replace("%1", shown))

    # --- drilling down -----------------------------------------------------------------------------
    def _figure_clicked(self, index: QModelIndex) -> None:
        if index.column() < 2:
            return
        key = str(self.figures.data(index, FigureRole))
        if key in REGISTER_KEYS:  # counted from the registers: no cases behind it
            return
        self.show_cases("out:success" if key == RATE_KEY else key, self.figures.data(index, UnitRole))

    def _month_clicked(self, i: int) -> None:
        if self.report is None or not 0 <= i < len(self.months):
            return
        y, m, _n = self.months[i]
        self.show_cases("cases", None, statistics.month_range(self.report.period, y, m))

    def _category_clicked(self, i: int) -> None:
        self.show_cases(self._category_keys[i], None)

    def _slice_clicked(self, slice_: QPieSlice) -> None:
        key = slice_.property("figure")
        if key:
            self.show_cases(str(key), None)

    def show_cases(self, key: str, unit: str | None, period: Period | None = None) -> None:
        """List the cases behind figure ``key`` (of committee ``unit``; of ``period``, default the report's)."""
        r = self.report
        if r is None:
            return
        within = period or r.period
        basis = r.basis
        viewer = self.actor  # (None only without a sign-in, as in the tests: the system, every case)

        def work(_progress: Progress) -> tuple[list[uuid.UUID], int]:
            """The cases the viewer may see, and how many more the figure counted (non-public, not listed)."""
            org = unit or r.only_org
            ids = statistics.case_ids_for(self.db, within, basis, key, org_code=org, viewer=viewer)
            if sees_everything(viewer):
                return ids, 0
            counted = statistics.case_ids_for(self.db, within, basis, key, org_code=org)
            return ids, max(0, len(counted) - len(ids))  # (0 if a case arrived in between)

        def done(result: tuple[list[uuid.UUID], int]) -> None:
            ids, hidden = result
            self.drilled = (key, unit)
            self.cases.set_ids(ids, lambda chunk: rows_for(self.db, chunk))
            for col, width in enumerate((230, 240, 160, 110, 90, 100)):
                self.case_table.setColumnWidth(col, width)
            f = next((x for x in FIGURES if x.key == key), None)
            label = (f.label_en if current() == EN else f.label_zh) if f else key
            where = within.label_en() if current() == EN else within.label_zh()
            # the figure counted every case: say how many of them are not listed here, and why
            text = (self.tr("“%1”（%2）：共 %3 件案件，其中 %n 件不公开调解的案件不列出", "", hidden) if hidden
                    else self.tr("“%1”（%2）：共 %3 件案件"))
            self.drill_label.setText(text.replace("%1", label)
                                     .replace("%2", where + (f"，{r.unit_label(unit)}" if unit else ""))
                                     .replace("%3", f"{len(ids) + hidden:,}"))

        self._run(self.tr("正在查找案件…"), work, done)

    # --- files ---------------------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        if self.report is None:
            return
        filters = {"pdf": self.tr("PDF 文件 (*.pdf)"), "xlsx": self.tr("Excel 文件 (*.xlsx)"),
                   "ledger": self.tr("Excel 文件 (*.xlsx)")}
        names = {"pdf": self.tr("统计表"), "xlsx": self.tr("统计表"), "ledger": self.tr("台账")}
        suffix = ".pdf" if kind == "pdf" else ".xlsx"
        from mediation_desktop.ui.common.file_places import start_in

        suggested = names[kind] + "-" + self.report.period.spec.replace("..", "_") + suffix
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存"), start_in(suggested), filters[kind])
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the shown report (pdf / xlsx) or the ledger of its period (ledger) to ``path``."""
        r = self.report
        if r is None:
            return
        months, viewer = self.months, self.actor

        def work(progress: Progress) -> tuple[Path, int]:
            """Write the file; with it, how many non-public cases the ledger left out for the viewer."""
            from mediation_desktop.reports import ledger, pdf, xlsx
            from mediation_desktop.storage.atomic import write_atomically

            self.db.paths.refuse_own_file(path)  # never onto the database, keys, backups …
            hidden = 0
            if kind == "pdf":  # (the report's counts include every case: they name nobody)
                data = pdf.statistics_pdf(r)
            elif kind == "xlsx":
                data = xlsx.statistics_xlsx(r, months=months)
            else:
                data = xlsx.ledger_xlsx(ledger.ledger_rows(self.db, period=r.period, basis=r.basis,
                                                           org_code=r.only_org, viewer=viewer))
                hidden = ledger.hidden_count(self.db, viewer, period=r.period, basis=r.basis, org_code=r.only_org)
            progress(1, 1)  # the last point 取消 stops it: nothing written; from here on no 取消
            write_atomically(path, data)
            return path, hidden

        def done(result: tuple[Path, int]) -> None:
            saved, hidden = result
            text = self.tr("已保存：%1（%n 件不公开调解的案件未导出）", "", hidden) if hidden else self.tr("已保存：%1")
            self.drill_label.setText(text.replace("%1", str(saved)))

        self._run(self.tr("正在保存…"), work, done, reading=False)

    def open_import(self) -> None:
        from mediation_desktop.ui.hub.ledger_import_dialog import LedgerImportDialog, may_import

        if self.actor is None or not may_import(self.actor):
            return
        dialog = LedgerImportDialog(self.db, self.actor, self)
        if dialog.exec():
            self.refresh()

    # --- language ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        kind, basis = self.kind_box.currentIndex(), self.basis_box.currentIndex()
        for box in (self.kind_box, self.basis_box):
            box.blockSignals(True)
            box.clear()
        for label, data in ((self.tr("月份"), "month"), (self.tr("季度"), "quarter"), (self.tr("半年"), "half"),
                            (self.tr("全年"), "year"), (self.tr("自定义"), "range")):
            self.kind_box.addItem(label, data)
        self.basis_box.addItem(self.tr("按受理日期"), Basis.ACCEPTED.value)
        self.basis_box.addItem(self.tr("按结案日期"), Basis.CLOSED.value)
        self.kind_box.setCurrentIndex(max(0, kind))
        self.basis_box.setCurrentIndex(max(0, basis))
        for box in (self.kind_box, self.basis_box):
            box.blockSignals(False)
        self._fill_parts()
        self.period_label.setText(self.tr("统计期间"))
        self.basis_label.setText(self.tr("统计口径"))
        self.export_pdf.setText(self.tr("导出统计表（PDF）…"))
        self.export_xlsx.setText(self.tr("导出统计表（Excel）…"))
        self.export_ledger.setText(self.tr("导出台账…"))
        self.import_ledger.setText(self.tr("导入台账…"))
        for i, title in enumerate((self.tr("按月"), self.tr("按类型"), self.tr("调解结果"))):
            self.charts.setTabText(i, title)
        self.figures.retranslate()
        self.cases.retranslate()
        if self.report is not None:
            self._draw_charts()
            self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
