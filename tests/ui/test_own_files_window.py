"""The window's save paths never write onto the program's own files (issue 15, F1/F2): the chosen path is
refused in the page's own line, and the database and keys stay as they were."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from PySide6.QtWidgets import QWidget

from mediation_desktop.reports.periods import Basis
from mediation_desktop.ui.common.pdf_view import PdfPane
from mediation_desktop.ui.hub.dashboard import DashboardPage


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _targets(db):
    return [db.paths.database, db.paths.root / "keys" / "signing-ed25519.pem", db.paths.backups / "x.zip",
            db.paths.root / "audit-head.json", db.paths.root]


@pytest.mark.parametrize("which", range(5))
def test_saving_a_document_onto_the_programs_files_is_refused(qtbot, db, director, monkeypatch, which: int):
    holder = QWidget()
    holder.db = db  # (as the case window and the agreement dialog hold it)
    qtbot.addWidget(holder)
    pane = PdfPane(holder)
    pane.show_pdf(_pdf(), "x.pdf")
    target = _targets(db)[which]
    before = target.read_bytes() if target.is_file() else None
    monkeypatch.setattr(PdfPane, "ask_save_path", classmethod(lambda cls, parent, suggested: str(target)))
    assert pane.save_as() is None
    assert "本程序自己的数据" in pane.status.text()
    assert (target.read_bytes() if target.is_file() else None) == before


@pytest.mark.parametrize("kind", ["pdf", "xlsx", "ledger"])
def test_exporting_a_report_onto_the_database_is_refused(qtbot, db, director, kind: str):
    page = DashboardPage(db, director, load=False)
    qtbot.addWidget(page)
    page.set_period("2026-Q3", Basis.ACCEPTED)
    qtbot.waitUntil(lambda: page.job is not None and page.job.finished and not page._pending, timeout=20_000)
    before = db.paths.database.read_bytes()
    page.export_to(db.paths.database, kind)
    qtbot.waitUntil(lambda: page.job is not None and page.job.finished and not page._pending, timeout=20_000)
    assert "本程序自己的数据" in page.error.text()
    assert db.paths.database.read_bytes() == before
