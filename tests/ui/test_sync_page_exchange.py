"""The 交换 tab between a village and its township: the township hands its key down as a reference bundle from
the window, both windows show their own fingerprint to read over the phone, the dry run counts cases (and
records), a selected row is said in words beside the table, and a receipt says what the township took in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import AuditEntry, SyncExport
from mediation_desktop.sync.export import encrypts_by_default
from mediation_desktop.sync.keys import own_keys
from mediation_desktop.ui.hub.sync_page import SyncPage
from mediation_desktop.ui.main_window import MainWindow


def _installation(root: Path, code: str, name: str, level: str, parent: str | None):
    db = open_database(DataPaths(root))
    initialise(db, SetupRequest(code, name, level, "admin", "secret123", parent_code=parent))
    return db, authenticate(db, "admin", "secret123")


def _pick(page: SyncPage, qtbot, monkeypatch, files: list[Path]) -> None:
    """选择文件并预演 with these files; waits for the dry run."""
    monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(f) for f in files]))
    page.choose_button.click()
    qtbot.waitUntil(lambda: page.apply_button.isEnabled() or page.error.text() != "", timeout=20_000)
    assert page.error.text() == ""


def test_the_township_writes_its_reference_bundle_from_the_window(qtbot, tmp_path, monkeypatch):
    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        stick = tmp_path / "stick"
        stick.mkdir()
        v_window = MainWindow(village, v_admin)
        qtbot.addWidget(v_window)
        assert v_window.sync.reference_button.isHidden()  # a village has no units below to hand a key to

        t_window = MainWindow(township, t_admin)
        qtbot.addWidget(t_window)
        page = t_window.sync
        assert not page.reference_button.isHidden()
        monkeypatch.setattr(SyncPage, "ask_reference_folder", classmethod(lambda cls, parent: str(stick)))
        page.reference_button.click()
        qtbot.waitUntil(lambda: "已导出参考数据包" in page.export_result.text(), timeout=20_000)
        written = list(stick.iterdir())
        assert len(written) == 1 and written[0].name.startswith("参考数据包-330102-") and written[0].suffix == ".zip"
        assert str(written[0]) in page.export_result.text() and page.error.text() == ""
        with township.read_session() as s:
            assert s.scalars(select(SyncExport.kind)).all() == ["reference"]
            assert s.scalar(select(AuditEntry.actor).where(AuditEntry.action == "sync.export_reference/create")) == "admin"
        assert page.history.rowCount() == 1 and page.history.item(0, 1).text() == "参考数据"

        page.reference_button.click()  # a second one the same day goes beside the first, never over it
        qtbot.waitUntil(lambda: len(list(stick.iterdir())) == 2, timeout=20_000)

        # the village takes it in through its window: from now on its bundles are encrypted for the township
        assert not encrypts_by_default(village)
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: True))  # (fingerprint checked)
        _pick(v_window.sync, qtbot, monkeypatch, [written[0]])
        v_window.sync.apply_button.click()
        qtbot.waitUntil(lambda: "已导入" in v_window.sync.import_result.text(), timeout=20_000)
        assert encrypts_by_default(village)
    finally:
        village.dispose()
        township.dispose()


def _exchange(tmp_path: Path):
    """A village with two cases (two parties each) and its township, in their windows."""
    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    for first, second in (("张三", "李四"), ("王五", "赵六")):
        register_case(village, v_admin, CaseInput("neighbour", [PartyInput(first),
                                                                PartyInput(second, role=PartyRole.RESPONDENT)]))
    return village, MainWindow(village, v_admin), township, MainWindow(township, t_admin)


def _export(page: SyncPage, qtbot, monkeypatch, bundle: Path) -> int:
    """The village's bundle written (unencrypted) through its window; returns how many records it carries."""
    monkeypatch.setattr(SyncPage, "ask_save_path", classmethod(lambda cls, parent, suggested: str(bundle)))
    page.plain.setChecked(True)
    page.export_button.click()
    qtbot.waitUntil(lambda: "可以拔下U盘" in page.export_result.text(), timeout=20_000)
    with page.db.read_session() as s:
        return sum(s.scalar(select(SyncExport.counts)).values())


def test_each_window_shows_its_own_fingerprint_to_read_over_the_phone(qtbot, tmp_path, monkeypatch):
    village, v_window, township, t_window = _exchange(tmp_path)
    try:
        qtbot.addWidget(v_window)
        qtbot.addWidget(t_window)
        v_page, t_page = v_window.sync, t_window.sync
        v_print, t_print = own_keys(village).peer.fingerprint, own_keys(township).peer.fingerprint
        assert v_page.own_key.text() == v_print and t_page.own_key.text() == t_print and v_print != t_print
        assert "打电话" in v_page.form.ownKeyLabel.text() and v_page.own_key.isReadOnly()

        bundle = tmp_path / "石桥村.zip"
        _export(v_page, qtbot, monkeypatch, bundle)
        asked: list[str] = []
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True))
        _pick(t_page, qtbot, monkeypatch, [bundle])
        assert v_print in asked[0]  # the township is asked about the fingerprint the village window shows
    finally:
        village.dispose()
        township.dispose()


def test_the_dry_run_counts_cases_and_says_the_selected_row(qtbot, tmp_path, monkeypatch):
    village, v_window, township, t_window = _exchange(tmp_path)
    try:
        qtbot.addWidget(v_window)
        qtbot.addWidget(t_window)
        bundle = tmp_path / "石桥村.zip"
        records = _export(v_window.sync, qtbot, monkeypatch, bundle)
        page = t_window.sync
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: True))
        _pick(page, qtbot, monkeypatch, [bundle])
        said = f"新增案件 2 件（记录 {records} 条）"
        assert said in page.import_result.text()
        assert page.preview.item(0, 2).text() == f"2（{records}）"
        page.preview.selectRow(0)  # the panel beside the table says the selected bundle
        detail = page.problems.toPlainText()
        assert said in detail and str(bundle) in detail and "当事人：4 条（新增 4）" in detail
        page.preview.clearSelection()
        assert "没有问题" in page.problems.toPlainText()
    finally:
        village.dispose()
        township.dispose()


def test_a_receipt_previewed_says_what_the_township_took_in(qtbot, tmp_path, monkeypatch):
    village, v_window, township, t_window = _exchange(tmp_path)
    try:
        qtbot.addWidget(v_window)
        qtbot.addWidget(t_window)
        stick = tmp_path / "stick"
        stick.mkdir()
        bundle = stick / "石桥村.zip"
        v_page, t_page = v_window.sync, t_window.sync
        records = _export(v_page, qtbot, monkeypatch, bundle)
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: True))
        _pick(t_page, qtbot, monkeypatch, [bundle])
        t_page.apply_button.click()
        qtbot.waitUntil(lambda: "已导入" in t_page.import_result.text(), timeout=20_000)
        receipt = next(p for p in stick.iterdir() if p != bundle)

        # the receipt at the village: the township's counts (were all zeros), and which export it answers
        _pick(v_page, qtbot, monkeypatch, [receipt])
        assert v_page.preview.item(0, 1).text() == "回执"
        assert v_page.preview.item(0, 2).text() == str(records)  # what the township took in as new
        v_page.preview.selectRow(0)
        detail = v_page.problems.toPlainText()
        assert f"（2 件案件，{records} 条记录）" in detail and f"对方新增记录 {records} 条" in detail
        assert "拒收 0 条" in detail
        v_page.apply_button.click()
        qtbot.waitUntil(lambda: "已导入" in v_page.import_result.text(), timeout=20_000)
        assert v_page.history.item(0, 4).text().startswith("已送达")
    finally:
        village.dispose()
        township.dispose()
