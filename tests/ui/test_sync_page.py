"""The 交换 tab: a village exports to a file, the township sees the dry run, trusts the new sender after
checking its fingerprint, applies, and the receipt goes back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from job_gates import click_cancel, hold
from sqlalchemy import func, select

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.search import search_case_ids
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import Case, SyncExport
from mediation_desktop.ui.hub.sync_page import SyncPage
from mediation_desktop.ui.main_window import MainWindow


def _installation(root: Path, code: str, name: str, level: str, parent: str | None):
    db = open_database(DataPaths(root))
    initialise(db, SetupRequest(code, name, level, "admin", "secret123", parent_code=parent))
    return db, authenticate(db, "admin", "secret123")


def _cases(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(Case))


def test_village_to_township_through_the_window(qtbot, tmp_path, monkeypatch):
    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        register_case(village, v_admin, CaseInput("neighbour", [PartyInput("张三"),
                                                                PartyInput("李四", role=PartyRole.RESPONDENT)]))
        stick = tmp_path / "stick"
        stick.mkdir()
        bundle = stick / "石桥村.zip"

        v_window = MainWindow(village, v_admin)
        qtbot.addWidget(v_window)
        monkeypatch.setattr(SyncPage, "ask_save_path", classmethod(lambda cls, parent, suggested: str(bundle)))
        v_window.sync.plain.setChecked(True)  # the township's key is not known here yet anyway
        v_window.sync.export_button.click()
        qtbot.waitUntil(lambda: "可以拔下U盘" in v_window.sync.export_result.text(), timeout=20_000)
        assert bundle.is_file() and v_window.sync.error.text() == ""  # 不加密 was ticked: no warning
        history = v_window.sync.history
        assert history.rowCount() == 1 and history.item(0, 2).text() == "1"
        assert history.item(0, 4).text() == "未收到回执"

        t_window = MainWindow(township, t_admin)
        qtbot.addWidget(t_window)
        page = t_window.sync
        asked = []
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(bundle)]))
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True))
        page.choose_button.click()
        qtbot.waitUntil(lambda: page.apply_button.isEnabled(), timeout=20_000)
        assert asked and "密钥指纹" in asked[0]  # a first-time sender: its fingerprint shown to check
        assert page.preview.rowCount() == 1 and page.preview.item(0, 2).text() == "1（3）"  # new: 1 case, 3 records
        assert _cases(township) == 0  # a dry run changes nothing

        page.apply_button.click()
        qtbot.waitUntil(lambda: "已导入" in page.import_result.text(), timeout=20_000)
        assert _cases(township) == 1
        # the imported case is searchable as soon as the import is done, pinyin too
        assert len(search_case_ids(township, "zhangsan")) == 1
        receipts = [p for p in stick.iterdir() if p != bundle]
        assert len(receipts) == 1 and "回执" in page.import_result.text()

        # the receipt back in the village closes the loop
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(receipts[0])]))
        v_window.sync.choose_button.click()
        qtbot.waitUntil(lambda: v_window.sync.apply_button.isEnabled(), timeout=20_000)
        v_window.sync.apply_button.click()
        qtbot.waitUntil(lambda: "已导入" in v_window.sync.import_result.text(), timeout=20_000)
        with village.read_session() as s:
            assert s.scalar(select(SyncExport.acknowledged_at)) is not None
        assert history.item(0, 4).text().startswith("已送达")
    finally:
        village.dispose()
        township.dispose()


def test_a_damaged_file_is_one_message_and_no_change(qtbot, db, director, monkeypatch, tmp_path):
    bad = tmp_path / "坏的.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    window = MainWindow(db, director)
    qtbot.addWidget(window)
    monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(bad)]))
    window.sync.choose_button.click()
    qtbot.waitUntil(lambda: window.sync.error.text() != "", timeout=20_000)
    assert "坏的.zip" in window.sync.error.text() and not window.sync.apply_button.isEnabled()
    text = tmp_path / "名单.zip"  # not a zip at all: why, in Chinese (the zip library's word was shown)
    text.write_text("张三,李四", encoding="utf-8")
    monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(text)]))
    window.sync.choose_button.click()
    qtbot.waitUntil(lambda: "名单.zip" in window.sync.error.text(), timeout=20_000)
    said = window.sync.error.text().replace(str(text), "")
    assert "不是有效的 zip 文件" in said and not [w for w in re.findall("[A-Za-z]{2,}", said) if w != "zip"], said


def test_cancel_stops_an_export_and_an_import_with_nothing_written(qtbot, tmp_path, monkeypatch):
    from mediation_desktop.sync import importer

    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        register_case(village, v_admin, CaseInput("neighbour", [PartyInput("张三"),
                                                                PartyInput("李四", role=PartyRole.RESPONDENT)]))
        bundle = tmp_path / "石桥村.zip"
        v_window = MainWindow(village, v_admin)
        qtbot.addWidget(v_window)
        v_page = v_window.sync
        monkeypatch.setattr(SyncPage, "ask_save_path", classmethod(lambda cls, parent, suggested: str(bundle)))
        v_page.plain.setChecked(True)
        from mediation_desktop.sync import export

        gate = hold(monkeypatch, export, "_attachment_files")  # the export holds after its record files
        v_page.export_button.click()
        assert not v_page.export_button.isEnabled() and not v_page.choose_button.isEnabled()
        click_cancel(qtbot, v_page.job)
        assert v_page.error.text() == "正在取消…" and not v_page.export_button.isEnabled()
        gate.set()
        qtbot.waitUntil(lambda: v_page.error.text() == "已取消导出：没有写出文件。", timeout=20_000)
        assert not bundle.exists() and v_page.export_button.isEnabled()
        with village.read_session() as s:
            assert s.scalar(select(func.count()).select_from(SyncExport)) == 0
        monkeypatch.undo()
        monkeypatch.setattr(SyncPage, "ask_save_path", classmethod(lambda cls, parent, suggested: str(bundle)))
        v_page.export_button.click()  # the same export again, not stopped
        qtbot.waitUntil(lambda: "可以拔下U盘" in v_page.export_result.text(), timeout=20_000)

        t_window = MainWindow(township, t_admin)
        qtbot.addWidget(t_window)
        page = t_window.sync
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(bundle)]))
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: True))
        page.choose_button.click()
        qtbot.waitUntil(lambda: page.apply_button.isEnabled(), timeout=20_000)
        gate = hold(monkeypatch, importer, "gaps")  # the import holds after writing, before its commit
        page.apply_button.click()
        click_cancel(qtbot, page.job)
        gate.set()
        qtbot.waitUntil(lambda: page.error.text() == "已取消导入：数据库没有任何改变。", timeout=20_000)
        assert _cases(township) == 0 and search_case_ids(township, "zhangsan") == []
        assert page.apply_button.isEnabled() and page.import_result.text().startswith("以上是预演")
        monkeypatch.setattr(SyncPage, "ask_save_path",
                            classmethod(lambda cls, parent, suggested: str(tmp_path / "镇.zip")))
        asked: list[str] = []  # the county's key is not known: asked before anything is written
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True))
        page.export_button.click()  # an export meanwhile leaves the preview ready to apply
        qtbot.waitUntil(lambda: "可以拔下U盘" in page.export_result.text(), timeout=20_000)
        assert page.apply_button.isEnabled() and "不加密" in asked[0]
        page.apply_button.click()  # 确认导入 again: now it goes through
        qtbot.waitUntil(lambda: "已导入" in page.import_result.text(), timeout=20_000)
        assert _cases(township) == 1 and not page.apply_button.isEnabled()
        assert "转发" not in page.export_result.text()
        monkeypatch.setattr(SyncPage, "ask_save_path",
                            classmethod(lambda cls, parent, suggested: str(tmp_path / "镇-2.zip")))
        page.export_button.click()  # the village's bundle goes up with it: said, beside the township's own none
        qtbot.waitUntil(lambda: "转发" in page.export_result.text(), timeout=20_000)
        assert "（0 件案件" in page.export_result.text()
        assert "另转发下级 1 个单位的数据包 1 个（其中案件记录 1 条）" in page.export_result.text()
    finally:
        village.dispose()
        township.dispose()


def test_a_receipt_the_stick_refuses_is_said_and_saved_elsewhere(qtbot, tmp_path, monkeypatch):
    import errno

    from mediation_desktop.sync import export

    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        register_case(village, v_admin, CaseInput("neighbour", [PartyInput("张三"),
                                                                PartyInput("李四", role=PartyRole.RESPONDENT)]))
        stick, elsewhere = tmp_path / "stick", tmp_path / "desktop"
        stick.mkdir()
        elsewhere.mkdir()
        bundle = stick / "石桥村.zip"
        from mediation_desktop.sync.export import export_bundle

        export_bundle(village, bundle, actor="admin", encrypt=False)
        window = MainWindow(township, t_admin)
        qtbot.addWidget(window)
        page = window.sync
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(bundle)]))
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: True))
        page.choose_button.click()
        qtbot.waitUntil(page.apply_button.isEnabled, timeout=20_000)
        real = export.write_and_verify

        def write_protected(target, data, keys):
            if target.parent == stick:
                raise OSError(errno.EROFS, "Read-only file system", str(target))
            return real(target, data, keys)

        monkeypatch.setattr(export, "write_and_verify", write_protected)
        page.apply_button.click()
        qtbot.waitUntil(lambda: "已导入" in page.import_result.text(), timeout=20_000)
        assert _cases(township) == 1 and list(stick.iterdir()) == [bundle]
        assert "回执没能写出" in page.error.text() and "只读" in page.error.text() and "Errno" not in page.error.text()
        assert "石桥村人民调解委员会" in page.error.text() and not page.receipt_button.isHidden()
        monkeypatch.setattr(SyncPage, "ask_folder", classmethod(lambda cls, parent: str(elsewhere)))
        page.receipt_button.click()
        written = list(elsewhere.iterdir())
        assert len(written) == 1 and written[0].name.startswith("receipt-330102001")
        assert str(written[0]) in page.import_result.text() and page.error.text() == ""
        assert page.receipt_button.isHidden()
    finally:
        village.dispose()
        township.dispose()


def test_declining_a_new_sender_says_so_without_command_line_advice(qtbot, tmp_path, monkeypatch):
    village, _ = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        from mediation_desktop.sync.export import export_bundle

        bundle = tmp_path / "石桥村.zip"
        export_bundle(village, bundle, actor="admin", encrypt=False)
        window = MainWindow(township, t_admin)
        qtbot.addWidget(window)
        page = window.sync
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(bundle)]))
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: False))
        page.choose_button.click()
        qtbot.waitUntil(lambda: page.error.text() != "", timeout=20_000)
        assert page.error.text().startswith("没有信任 石桥村人民调解委员会（330102001）的密钥")
        assert "--trust-new" not in page.error.text() and "keys trust" not in page.error.text()
        assert not page.apply_button.isEnabled() and _cases(township) == 0
    finally:
        village.dispose()
        township.dispose()


def test_an_export_left_plain_for_want_of_a_key_is_asked_first(qtbot, tmp_path, monkeypatch):
    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        register_case(village, v_admin, CaseInput("neighbour", [PartyInput("张三"),
                                                                PartyInput("李四", role=PartyRole.RESPONDENT)]))
        bundle = tmp_path / "石桥村.zip"
        window = MainWindow(village, v_admin)
        qtbot.addWidget(window)
        monkeypatch.setattr(SyncPage, "ask_save_path", classmethod(lambda cls, parent, suggested: str(bundle)))
        asked: list[bool] = []  # (the file must not exist yet when the question is asked)
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: asked.append(bundle.exists())
                                                         or "拿到U盘的人都能看到当事人的信息" in text))
        window.sync.export_button.click()  # 不加密 not ticked, but the township's key is not known
        qtbot.waitUntil(lambda: "可以拔下U盘" in window.sync.export_result.text(), timeout=20_000)
        assert asked == [False] and bundle.is_file()
    finally:
        village.dispose()


def test_the_export_box_names_the_level_above(qtbot, tmp_path):
    village, _ = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    township, _ = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        titles = []
        for db in (village, township):
            page = SyncPage(db)
            qtbot.addWidget(page)
            titles.append(page.export_box.title())
        assert titles == ["导出：交给上级（乡镇司法所）", "导出：交给上级（县（市、区）司法局）"]
    finally:
        village.dispose()
        township.dispose()


def test_an_unencrypted_bundle_is_asked_for_before_anything_is_written(qtbot, tmp_path, monkeypatch):
    """Issue 19: ask first (not a warning once the file exists); name by unit and date; open on the stick or in
    Documents, never in the program's folder."""

    from mediation_desktop.ui.common import file_places

    village, v_admin = _installation(tmp_path / "village", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        register_case(village, v_admin, CaseInput("neighbour", [PartyInput("张三"),
                                                                PartyInput("李四", role=PartyRole.RESPONDENT)]))
        stick = tmp_path / "stick"
        stick.mkdir()
        monkeypatch.setattr(file_places, "removable_drives", lambda: [stick])
        window = MainWindow(village, v_admin)
        qtbot.addWidget(window)
        page = window.sync
        events: list[str] = []
        answers = iter([False, True, True])
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: events.append(text) or next(answers)))
        monkeypatch.setattr(SyncPage, "ask_save_path",
                            classmethod(lambda cls, parent, suggested: events.append(suggested) or suggested))
        page.export_button.click()  # 否: nothing chosen, nothing written
        assert len(events) == 1 and "不加密" in events[0] and list(stick.iterdir()) == []
        page.export_button.click()  # 是
        name = f"石桥村-{china_today().isoformat()}.zip"
        assert events[2] == str(stick / name)  # on the stick, named by unit and day
        qtbot.waitUntil(lambda: "可以拔下U盘" in page.export_result.text(), timeout=20_000)
        assert (stick / name).is_file() and page.error.text() == ""  # no warning after the fact
        page.export_button.click()  # the same day again: a second file, the first one kept
        qtbot.waitUntil(lambda: len(list(stick.iterdir())) == 2, timeout=20_000)
        assert events[-1] == str(stick / f"石桥村-{china_today().isoformat()}-2.zip")
        monkeypatch.setattr(file_places, "removable_drives", lambda: [])
        assert file_places.carry_folder() == file_places.documents_folder()  # no stick: Documents (or home)
    finally:
        village.dispose()


@pytest.mark.parametrize(("org", "expected"), [
    ("石桥村人民调解委员会", "石桥村"), ("河口村调委会", "河口村"), ('A/B:C*?"<>|村', "A_B_C______村"),
    ("CON", "_CON"), ("村. ", "村"), ("", "_"), ("人民调解委员会", "人民调解委员会")])
def test_bundle_names_are_safe_on_fat_and_ntfs(org, expected):
    import datetime as dt

    from mediation_desktop.sync.file_names import bundle_file_name

    assert bundle_file_name(org, dt.date(2026, 12, 5)) == f"{expected}-2026-12-05.zip"
