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
