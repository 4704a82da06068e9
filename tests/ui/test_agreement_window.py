"""A written agreement from the case window: terms typed and reordered with a live preview → draft → printed
→ signed and locked with its scan → documents looked at and saved."""

from __future__ import annotations

from pathlib import Path

from attachment_samples import image
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel
from sqlalchemy import select

from mediation_desktop.domain.enums import AgreementStatus, SessionResult
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services import records
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Agreement, Attachment
from mediation_desktop.ui.case.agreement_dialog import AgreementDialog
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.common.file_places import carry_folder
from mediation_desktop.ui.common.pdf_view import PdfDialog, PdfPane


def _text(path_or_reader) -> str:
    reader = path_or_reader if isinstance(path_or_reader, PdfReader) else PdfReader(path_or_reader)
    return "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")


def test_written_agreement_through_the_window(qtbot, db, director, monkeypatch, tmp_path, type_chinese):
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()))
    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")],
                                                summary="两家菜地界限不清"))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert not window.buttons["sign"].isEnabled()  # in its place, disabled until there is a draft
    window.buttons["agreement"].click()
    dialog = window.findChildren(AgreementDialog)[-1]
    assert dialog.copies.value() == 3
    assert dialog.preview_pane.page_count() == 1  # the preview is there before anything is typed
    # the amount box is the case's record: the Ministry's 协议书 has no amount, and the field says so
    assert "不印在协议书上" in dialog.amount.placeholderText() and "写进协议内容" in dialog.amount.toolTip()

    # terms: typed one by one (a real Enter adds, and the dialog stays open), then the second moved up
    type_chinese(dialog.terms.entry, "以村委会测量结果重新划定界限")
    qtbot.keyClick(dialog.terms.entry, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.terms.terms() == ["以村委会测量结果重新划定界限"]
    type_chinese(dialog.terms.entry, "李四赔偿青苗损失800元")
    dialog.terms.add_button.click()
    assert dialog.terms.list.item(1).text() == "二、李四赔偿青苗损失800元"
    dialog.terms.list.setCurrentRow(1)
    dialog.terms.up_button.click()
    assert dialog.terms.terms() == ["李四赔偿青苗损失800元", "以村委会测量结果重新划定界限"]
    dialog.method.setText("现场埋设界桩，现金支付")
    # the live preview follows (half a second after the last change), nothing saved yet
    qtbot.waitUntil(lambda: "一、李四赔偿青苗损失800元" in _text(PdfReader(_bytes_io(dialog.preview_pane.data))),
                    timeout=3000)
    with db.read_session() as s:
        assert s.scalar(select(Agreement)) is None
    dialog.amount.setText("八百")  # not a number: a clear message, the last good preview stays
    dialog.refresh_preview()
    assert "不是有效的数字" in dialog.error.text() and dialog.preview_pane.page_count() == 1
    dialog.amount.setText("800")
    dialog.refresh_preview()
    assert dialog.error.text() == ""

    # print through the (patched) system print dialog, into a PDF file instead of paper
    printed = tmp_path / "printed.pdf"

    def choose_pdf_printer(cls, parent, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(PdfPane, "ask_printer", classmethod(choose_pdf_printer))
    assert dialog.preview_pane.print_document()
    assert len(PdfReader(printed).pages) == 1

    # 保存并打开 PDF: the program's own viewer, from memory — no outside launcher, no copy left in a folder
    old_copy = db.paths.root / "previews" / "agreement-0123456789ab.pdf"  # (what an earlier version left)
    old_copy.parent.mkdir()
    old_copy.write_bytes(b"%PDF-1.4 names and ID numbers")
    dialog.preview_button.click()
    viewer = dialog.findChildren(PdfDialog)[-1]
    assert viewer.isVisible() and viewer.windowTitle() == "人民调解协议书" and opened == []
    assert viewer.pane.page_count() == 1 and viewer.pane.save_button.isEnabled()
    assert not (db.paths.root / "previews").exists()
    text = _text(PdfReader(_bytes_io(viewer.pane.data)))
    assert "一、李四赔偿青苗损失800元" in text and "二、以村委会测量结果重新划定界限" in text and "一式三份" in text
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    window.reload()

    scan = tmp_path / "签字协议书.jpg"
    scan.write_bytes(image("JPEG"))  # (a scan must be what its name says)
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, text: True))
    # the real chooser: it says what it asks and that it may be skipped, and opens in the user's folders
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: _choose_in_the_chooser(seen, scan))
    window.buttons["sign"].click()
    heading = seen["heading"]
    assert seen["title"] == "选择已签字协议的扫描件（可以跳过）"
    assert isinstance(heading, str) and heading.startswith("选择已签字协议的扫描件（可以跳过）") and "跳过" in heading
    assert seen["skip"] == "跳过，不附扫描件" and Path(str(seen["folder"])) == carry_folder()  # (R:/ is R:\ on Windows)
    with db.read_session() as s:
        agreement = s.scalar(select(Agreement))
        assert agreement.status == AgreementStatus.SIGNED and agreement.terms[1] == "以村委会测量结果重新划定界限"
        attachment = s.scalar(select(Attachment))
        assert (attachment.kind.value, attachment.agreement_id) == ("signed_agreement", agreement.id)
    assert window.detail.status == CaseStatus.AGREED
    # locked: nothing to edit (the buttons stay where they were, disabled, and say why)
    assert not window.buttons["agreement"].isEnabled() and not window.buttons["sign"].isEnabled()
    assert "更正协议" in window.buttons["agreement"].toolTip()

    # the whole case file in the viewer, then saved where the user says
    out = tmp_path / "卷宗.pdf"
    monkeypatch.setattr(CaseWindow, "ask_item", classmethod(lambda cls, parent, text, items: items[-1]))
    monkeypatch.setattr(PdfPane, "ask_save_path", classmethod(lambda cls, parent, suggested: str(out)))
    window.buttons["pdf"].click()
    viewer = window.findChildren(PdfDialog)[-1]
    assert window.error.text() == "" and viewer.pane.page_count() > 5
    viewer.pane.save_button.click()
    reader = PdfReader(out)
    assert len(reader.pages) == viewer.pane.page_count() and "人民调解协议书" in _text(reader)


def _choose_in_the_chooser(seen: dict[str, object], scan: Path) -> None:
    """In the file chooser now open (modal): note what it shows, then choose ``scan``."""
    chooser = QApplication.activeModalWidget()
    assert isinstance(chooser, QFileDialog)
    heading = chooser.findChild(QLabel, "fileDialogHeading")
    buttons = chooser.findChild(QDialogButtonBox)
    seen.update(title=chooser.windowTitle(), heading=heading.text() if heading is not None else None,
                skip=buttons.button(QDialogButtonBox.StandardButton.Cancel).text() if buttons is not None else None,
                folder=chooser.directory().absolutePath())
    chooser.selectFile(str(scan))
    chooser.accept()


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def test_correcting_a_signed_agreement(qtbot, db, director, monkeypatch):
    from mediation_desktop.services import agreements

    reg = register_case(db, director, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四")]))
    records.add_session(db, director, reg.case_id, records.SessionInput(SessionResult.AGREED))
    first = agreements.save_draft(db, director, reg.case_id, agreements.AgreementInput(["李四赔偿八百元。"]))
    agreements.sign(db, director, first)
    window = CaseWindow(db, director, reg.case_id)
    qtbot.addWidget(window)
    assert window.buttons["correct"].isEnabled() and not window.buttons["agreement"].isEnabled()
    monkeypatch.setattr(CaseWindow, "ask_text", classmethod(lambda cls, parent, text: "金额写错，应为八百五十元"))
    window.buttons["correct"].click()
    dialog = window.findChildren(AgreementDialog)[-1]
    assert dialog.terms.terms() == ["李四赔偿八百元。"]  # the correction starts from the signed text
    dialog.terms.set_terms(["李四赔偿八百五十元。"])
    dialog.submit()
    monkeypatch.setattr(CaseWindow, "ask", classmethod(lambda cls, parent, text: True))
    monkeypatch.setattr(CaseWindow, "ask_optional_path", classmethod(lambda cls, parent, text, *_: None))
    window.buttons["sign"].click()
    with db.read_session() as s:
        versions = s.scalars(select(Agreement).order_by(Agreement.version)).all()
        assert [(a.version, a.status.value) for a in versions] == [(1, "superseded"), (2, "signed")]
        assert versions[1].supersedes_id == versions[0].id and versions[0].terms == ["李四赔偿八百元。"]
        assert versions[1].terms == ["李四赔偿八百五十元。"]
