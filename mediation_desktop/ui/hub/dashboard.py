"""统计: the dashboard page — charts of cases by month and category, the success rate, every figure.

The report is computed off the UI thread (``ui.jobs``); every figure in the table, every bar and every
slice can be clicked to list the cases behind it (the same SQL condition that counted them).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChart
from PySide6.QtCore import QDate, QEvent, QModelIndex, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from mediation_desktop.domain.china_time import china_today
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
from mediation_desktop.ui.common.column_widths import fit_columns, keep_headers_whole
from mediation_desktop.ui.common.jobs import Job, JobCancelled, Progress, idle_work, wait_for
from mediation_desktop.ui.common.language import EN, current
from mediation_desktop.ui.desk.case_table_model import NAME_COLUMNS, CaseTableModel, column_samples
from mediation_desktop.ui.forms.hub.dashboard import Ui_DashboardPage
from mediation_desktop.ui.hub import dashboard_charts, dashboard_files
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
        today = china_today()

        self.form = Ui_DashboardPage()  # the layout: forms/hub/dashboard.ui
        self.form.setupUi(self)
        f = self.form
        # the names the rest of the window (and its tests) use
        self.kind_box, self.part_box, self.basis_box, self.year_box = f.kindCombo, f.partCombo, f.basisCombo, f.yearSpin
        self.from_date, self.to_date = f.fromDate, f.toDate
        self.export_pdf, self.export_xlsx = f.exportPdfButton, f.exportXlsxButton
        self.export_ledger, self.import_ledger = f.exportLedgerButton, f.importLedgerButton
        self.summary, self.error, self.drill_label = f.summaryLabel, f.errorLabel, f.drillLabel
        self.table, self.case_table, self._lower = f.figuresTable, f.caseTable, f.figuresSplitter
        for i, kind in enumerate(self._KINDS):  # (the items in the form's order)
            self.kind_box.setItemData(i, kind)
        for i, basis in enumerate((Basis.ACCEPTED, Basis.CLOSED)):
            self.basis_box.setItemData(i, basis.value)
        self.year_box.setValue(today.year)
        self.from_date.set_day(QDate(today.year, 1, 1))
        self.to_date.set_day(QDate(today.year, today.month, today.day))
        self.export_pdf.clicked.connect(lambda: self._ask_export("pdf"))
        self.export_xlsx.clicked.connect(lambda: self._ask_export("xlsx"))
        self.export_ledger.clicked.connect(lambda: self._ask_export("ledger"))
        self.import_ledger.clicked.connect(self.open_import)
        # as ledger_import_dialog.may_import (that module imports this one): a township clerk only reads
        self.import_ledger.setEnabled(actor is not None and actor.role != Role.CLERK)
        self.error.hide()
        self.month_chart, self.category_chart, self.outcome_chart = QChart(), QChart(), QChart()
        for view, chart in ((f.monthChartView, self.month_chart), (f.categoryChartView, self.category_chart),
                            (f.outcomeChartView, self.outcome_chart)):
            chart.legend().setVisible(chart is self.outcome_chart)
            view.setChart(chart)
        self.figures = FiguresModel()
        self.table.setModel(self.figures)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.clicked.connect(self._figure_clicked)
        self.cases = CaseTableModel()
        self.case_table.setModel(self.cases)
        keep_headers_whole(self.case_table, names=NAME_COLUMNS)  # 案件编号, 受理日期 whole; 当事人, 调解员 room
        self.case_table.doubleClicked.connect(lambda index: self.sig_open_case.emit(self.cases.row_at(index.row()).id))
        self._lower.setStretchFactor(1, 1)
        self._heights = dashboard_charts.ChartsHeight(f.chartsSplitter)  # (the table takes what the charts leave)

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
        today = china_today()
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
        figure_clicked = partial(self.show_cases, unit=None)  # (a category's bar, an outcome's slice)
        dashboard_charts.draw_all(self, r, current() == EN, figure_clicked)
        self._heights.refit()  # (as tall as the names need, in its scroll area: the page keeps its height)

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
            org = r.committees(unit)  # (a township's column at a county: its committees')
            ids = statistics.case_ids_for(self.db, within, basis, key, org_code=org, viewer=viewer)
            if sees_everything(viewer):
                return ids, 0
            counted = statistics.case_ids_for(self.db, within, basis, key, org_code=org)
            return ids, max(0, len(counted) - len(ids))  # (0 if a case arrived in between)

        def done(result: tuple[list[uuid.UUID], int]) -> None:
            ids, hidden = result
            self.drilled = (key, unit)
            self.cases.set_ids(ids, lambda chunk: rows_for(self.db, chunk))
            fit_columns(self.case_table, column_samples(self.cases))  # (in its font: 大字, English)
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
        path = dashboard_files.ask_export_path(self, self.report, kind) if self.report is not None else None
        if path:
            self.export_to(path, kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the shown report (pdf / xlsx) or the ledger of its period (ledger) to ``path``."""
        r = self.report
        if r is None:
            return
        months, viewer = self.months, self.actor

        def work(progress: Progress) -> tuple[Path, int]:
            return dashboard_files.write_report_file(self.db, r, months, viewer, path, kind, progress)

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
        self.form.retranslateUi(self)  # (the choices' items keep their data and the one chosen)
        self._fill_parts()
        self.figures.retranslate()
        self.cases.retranslate()
        if self.report is not None and self.drilled is None:
            self.drill_label.setText(self.tr("单击表中的数字、柱形或扇形，列出其中的案件。"))
        if self.report is not None:
            self._draw_charts()
            self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # 大字: the charts' words grow with the page's
            self._draw_charts()
        super().changeEvent(event)
