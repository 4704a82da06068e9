"""统计 for a township clerk: the figures count every case, but a click lists no non-public case of others
(不公开调解), and the line above the list says how many counted cases it leaves out; so does the ledger."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from report_cases import make_case, set_fields

from mediation_desktop.domain.enums import Role
from mediation_desktop.reports import statistics
from mediation_desktop.reports.periods import Basis, parse_period
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.storage.models import Case
from mediation_desktop.ui.hub.dashboard import DashboardPage, FigureRole

ROOT = Path(__file__).resolve().parents[2]


def _user(db, director, name, role):
    create_user(db, director, name, f"{name}调解员", role, "secret123")
    return authenticate(db, name, "secret123")


@pytest.fixture
def world(db, director):
    alice = _user(db, director, "alice", Role.MEDIATOR)
    clerk = _user(db, director, "clerk", Role.CLERK)
    rng = random.Random(5)
    day, private = dt.date(2026, 7, 3), []
    for i in range(10):
        cid = make_case(db, alice if i % 4 == 0 else director, rng, day, ["written", "failed", "open"][i % 3])
        if i % 4 == 0:
            set_fields(db, cid, non_public=True)
            private.append(cid)
        day += dt.timedelta(days=8)
    return db, alice, clerk, private


def _wait(qtbot, page):
    qtbot.waitUntil(lambda: page.job is not None and page.job.finished and not page._pending, timeout=20_000)


def _page(qtbot, db, actor):
    page = DashboardPage(db, actor, load=False)
    qtbot.addWidget(page)
    page.set_period("2026-Q3", Basis.ACCEPTED)
    _wait(qtbot, page)
    return page


def _click_total(qtbot, page, key):
    model = page.figures
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), FigureRole) == key)
    index = model.index(row, model.columnCount() - 1)
    page.table.scrollTo(index)
    page.drilled = None
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())
    qtbot.waitUntil(lambda: page.drilled is not None, timeout=20_000)
    _wait(qtbot, page)


def _listed(page):
    model = page.cases
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    return [model.row_at(r) for r in range(model.rowCount())]


def test_a_clerk_clicking_a_figure_sees_no_non_public_case_and_is_told_how_many(qtbot, world, director, tmp_path):
    db, _alice, clerk, private = world
    everything = statistics.case_ids_for(db, parse_period("2026-Q3"), Basis.ACCEPTED, "cases")
    hidden = len(set(private) & set(everything))
    assert hidden == 3
    page = _page(qtbot, db, clerk)
    page.show()
    qtbot.waitExposed(page)
    assert page.report.value("cases") == len(everything)  # the figure still counts every case
    _click_total(qtbot, page, "cases")
    listed = _listed(page)
    assert page.cases.total() == len(listed) == len(everything) - hidden
    assert not {r.id for r in listed} & set(private)
    shown = " ".join(str(page.cases.data(page.cases.index(r, c))) for r in range(page.cases.rowCount())
                     for c in range(page.cases.columnCount()))
    with db.read_session() as s:
        private_nos = [s.get(Case, cid).case_no for cid in private]
    assert not any(no in shown for no in private_nos)
    label = page.drill_label.text()
    assert f"共 {len(everything)} 件案件" in label and f"其中 {hidden} 件不公开调解的案件不列出" in label

    # another figure: its own number of cases left out (alice's failed case is one of them)
    _click_total(qtbot, page, "out:failed")
    failed = statistics.case_ids_for(db, parse_period("2026-Q3"), Basis.ACCEPTED, "out:failed")
    assert len(set(failed) & set(private)) == 1
    assert page.cases.total() == len(failed) - 1
    assert f"共 {len(failed)} 件案件，其中 1 件不公开调解的案件不列出" in page.drill_label.text()

    # the ledger of the period: the clerk's file has no non-public case, and the page says how many it left out
    page.export_to(tmp_path / "台账.xlsx", "ledger")
    _wait(qtbot, page)
    ws = load_workbook(tmp_path / "台账.xlsx")["台账"]
    assert ws.max_row == len(everything) - hidden + 1
    cells = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert not set(private_nos) & cells
    assert "已保存" in page.drill_label.text() and f"{hidden} 件不公开调解的案件未导出" in page.drill_label.text()


def test_a_director_and_the_cases_own_mediator_see_them_all(qtbot, world, director, tmp_path):
    db, alice, _clerk, _private = world
    everything = statistics.case_ids_for(db, parse_period("2026-Q3"), Basis.ACCEPTED, "cases")
    for actor in (director, alice):
        page = _page(qtbot, db, actor)
        page.show()
        qtbot.waitExposed(page)
        _click_total(qtbot, page, "cases")
        assert [r.id for r in _listed(page)] == everything
        assert "不列出" not in page.drill_label.text() and f"共 {len(everything)} 件案件" in page.drill_label.text()
        page.export_to(tmp_path / f"{actor.username}.xlsx", "ledger")
        _wait(qtbot, page)
        assert load_workbook(tmp_path / f"{actor.username}.xlsx")["台账"].max_row == len(everything) + 1
        assert "未导出" not in page.drill_label.text()
        page.close()


def test_the_line_in_english(qtbot, world, director, tmp_path, monkeypatch):
    from mediation_desktop.ui.common import language

    # the translations compiled here (a .qm of its own: another test may be compiling the shared one)
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "packaging" / "build_translations.py")
    assert spec and spec.loader
    build_translations = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_translations)
    ts = tmp_path / "mediation_desktop_en.ts"
    shutil.copy(build_translations.TS, ts)
    build_translations.build(ts)
    monkeypatch.setattr(language, "translations_dir", lambda: tmp_path)
    db, _alice, clerk, _private = world
    assert language.switch(language.EN)
    try:
        page = _page(qtbot, db, clerk)
        page.show()
        qtbot.waitExposed(page)
        _click_total(qtbot, page, "cases")
        assert "3 of them are non-public mediations and are not listed" in page.drill_label.text()
    finally:
        language.switch(language.ZH)
