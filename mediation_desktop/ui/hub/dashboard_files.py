"""The dashboard's files: the statistics table (PDF or Excel) and the ledger of the period shown.

Where to save is asked where a stick is (``file_places.start_in``), with a name saying what and which period;
the writing itself runs on the page's worker thread (``write_report_file``) and stops before it writes if
取消 was pressed. The texts are the page's own (the ``DashboardPage`` context of the catalogue).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from mediation_desktop.reports import statistics
from mediation_desktop.services.accounts import Actor
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.jobs import Progress

PDF_FILES = QT_TRANSLATE_NOOP("DashboardPage", "PDF 文件 (*.pdf)")
EXCEL_FILES = QT_TRANSLATE_NOOP("DashboardPage", "Excel 文件 (*.xlsx)")
STATISTICS = QT_TRANSLATE_NOOP("DashboardPage", "统计表")
LEDGER = QT_TRANSLATE_NOOP("DashboardPage", "台账")
SAVE = QT_TRANSLATE_NOOP("DashboardPage", "保存")


def _tr(text: object) -> str:
    return QCoreApplication.translate("DashboardPage", str(text))


def ask_export_path(parent: QWidget, report: statistics.Report, kind: str) -> Path | None:
    """The file to write ``kind`` (pdf, xlsx: the statistics table; ledger: the 台账) to; None if cancelled."""
    from mediation_desktop.ui.common.file_places import start_in

    name, files, suffix = {"pdf": (STATISTICS, PDF_FILES, ".pdf"), "xlsx": (STATISTICS, EXCEL_FILES, ".xlsx"),
                           "ledger": (LEDGER, EXCEL_FILES, ".xlsx")}[kind]
    suggested = _tr(name) + "-" + report.period.spec.replace("..", "_") + suffix
    path, _ = QFileDialog.getSaveFileName(parent, _tr(SAVE), start_in(suggested), _tr(files))
    return Path(path) if path else None


def write_report_file(db: Database, report: statistics.Report, months: list[tuple[int, int, int]],
                      viewer: Actor | None, path: Path, kind: str, progress: Progress) -> tuple[Path, int]:
    """Write the file; with it, how many non-public cases the ledger left out for the viewer."""
    from mediation_desktop.reports import ledger, pdf, xlsx
    from mediation_desktop.storage.atomic import write_atomically

    r = report
    db.paths.refuse_own_file(path)  # never onto the database, keys, backups …
    hidden = 0
    if kind == "pdf":  # (the report's counts include every case: they name nobody)
        data = pdf.statistics_pdf(r)
    elif kind == "xlsx":
        data = xlsx.statistics_xlsx(r, months=months)
    else:
        data = xlsx.ledger_xlsx(ledger.ledger_rows(db, period=r.period, basis=r.basis, org_code=r.only_org,
                                                   viewer=viewer))
        hidden = ledger.hidden_count(db, viewer, period=r.period, basis=r.basis, org_code=r.only_org)
    progress(1, 1)  # the last point 取消 stops it: nothing written; from here on no 取消
    write_atomically(path, data)
    return path, hidden
