"""The 附件 tab refuses a file that is not what its name says (a PNG saved as .pdf, a program renamed .jpg) with one
Chinese line naming it, and the case is left as it was."""

from __future__ import annotations

from attachment_samples import image, pdf
from sqlalchemy import func, select

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Attachment
from mediation_desktop.ui.case.case_window import CaseWindow

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode"


def _attachments(db) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Attachment)) or 0)


def test_a_file_with_the_wrong_extension_is_refused_in_the_window(qtbot, db, director, monkeypatch, tmp_path):
    case_id = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"),
                                                                  PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                    summary="菜地界限")).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    chosen: list[str] = []
    monkeypatch.setattr(CaseWindow, "ask_open_path", classmethod(lambda cls, parent, text: chosen[-1]))
    for name, content in (("履行凭证.pdf", image("PNG")), ("现场照片.jpg", EXE), ("履行凭证.exe", EXE)):
        path = tmp_path / name
        path.write_bytes(content)
        chosen.append(str(path))
        window.attachment_buttons["add"].click()
        qtbot.waitUntil(lambda name=name: name in window.error.text(), timeout=10_000)
        shown = window.error.text()
        assert "\n" not in shown and "没有添加" in shown, shown
        assert window.attachment_list.count() == 0 and _attachments(db) == 0

    scan = tmp_path / "协议书.pdf"  # a real one is taken, and the line is cleared
    scan.write_bytes(pdf("协议书"))
    chosen.append(str(scan))
    window.attachment_buttons["add"].click()
    qtbot.waitUntil(lambda: window.attachment_list.count() == 1, timeout=10_000)
    assert window.error.text() == "" and _attachments(db) == 1


def _listed(qtbot, folder, kinds: str, chosen_filter: int) -> tuple[list[str], list[str]]:
    """What Qt's own file chooser shows in ``folder`` under the ``chosen_filter``-th of ``kinds``, and its filters."""
    from PySide6.QtWidgets import QComboBox, QFileDialog, QListView

    dialog = QFileDialog(None, "选择照片或扫描件", str(folder), kinds)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    filters = dialog.nameFilters()
    dialog.selectNameFilter(filters[chosen_filter])
    dialog.show()
    view = dialog.findChild(QListView, "listView")

    def names() -> list[str]:
        model, root = view.model(), view.rootIndex()
        return sorted(model.data(model.index(r, 0, root)) for r in range(model.rowCount(root)))

    qtbot.waitUntil(lambda: len(names()) > 0, timeout=10_000)
    combo = dialog.findChild(QComboBox, "fileTypeCombo")
    return names(), [combo.itemText(i) for i in range(combo.count())]


def test_the_chooser_shows_every_accepted_type_and_then_all_files(qtbot, monkeypatch, tmp_path):
    """A TIFF or BMP scan is offered; a phone's HEIC photo is seen under 所有文件 (chosen, it gets its explanation)
    instead of seeming to have vanished. Both choosers of a scan or photo offer the same."""
    from PySide6.QtWidgets import QFileDialog, QWidget

    from mediation_desktop.ui.common import file_dialogs

    for name in ("现场勘查图.tif", "收条扫描.png", "扫描.BMP", "IMG_5678.JPG", "照片.jpeg", "协议书.pdf", "IMG_1234.HEIC"):
        (tmp_path / name).write_bytes(b"x")
    seen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, start, kinds: (seen.append(kinds), ("", ""))[1])
    monkeypatch.setattr(file_dialogs, "choose_file", lambda parent, title, kinds, **_: seen.append(kinds))
    parent = QWidget()
    qtbot.addWidget(parent)
    CaseWindow.ask_open_path(parent, "选择照片或扫描件")
    CaseWindow.ask_optional_path(parent, "选择签字后的协议书扫描件", "可以跳过", "跳过")
    assert len(seen) == 2 and seen[0] == seen[1]
    accepted, filters = _listed(qtbot, tmp_path, seen[0], 0)
    assert accepted == sorted(["现场勘查图.tif", "收条扫描.png", "扫描.BMP", "IMG_5678.JPG", "照片.jpeg", "协议书.pdf"])
    assert len(filters) == 2 and "*.tiff" in filters[0] and "*.bmp" in filters[0] and filters[1] == "所有文件 (*)"
    everything, _ = _listed(qtbot, tmp_path, seen[0], 1)
    assert "IMG_1234.HEIC" in everything and len(everything) == 7


def test_a_phone_photo_and_a_renamed_picture_are_told_their_next_step_in_the_window(qtbot, db, director, monkeypatch,
                                                                                   tmp_path):
    case_id = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"),
                                                                  PartyInput("李四", role=PartyRole.RESPONDENT)],
                                                    summary="菜地界限")).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    chosen: list[str] = []
    monkeypatch.setattr(CaseWindow, "ask_open_path", classmethod(lambda cls, parent, text: chosen[-1]))
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 4000
    for name, content, said in (("IMG_1234.HEIC", heic, "兼容性最佳"), ("IMG_5678.JPG", heic, "兼容性最佳"),
                                ("mmexport1733556000123.jpg", image("PNG"), "把扩展名改成 .png")):
        path = tmp_path / name
        path.write_bytes(content)
        chosen.append(str(path))
        window.attachment_buttons["add"].click()
        qtbot.waitUntil(lambda name=name: name in window.error.text(), timeout=10_000)
        assert said in window.error.text() and "没有添加" in window.error.text()
        assert window.attachment_list.count() == 0 and _attachments(db) == 0
