"""The case window beyond sessions: investigations, referral, correcting the registration, attachments
(file, scanner folder, view, delete), roles, and unfinished record forms kept as drafts."""

from __future__ import annotations

from draft_answers import answer_drafts
from PySide6.QtCore import QSettings
from sqlalchemy import select

from mediation_desktop.domain.enums import PartyRole, Role
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services import search
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.models import Attachment, Case, Investigation, Party, Referral
from mediation_desktop.ui.case.case_attachments import SCANNER_FOLDER_KEY
from mediation_desktop.ui.case.case_window import CaseWindow
from mediation_desktop.ui.case.record_dialogs import InvestigationDialog, RecordDialog, ReferralDialog, SessionDialog
from mediation_desktop.ui.case.register_case_dialog import RegisterCaseDialog
from mediation_desktop.ui.common.pdf_view import PdfDialog
from mediation_desktop.ui.main_window import MainWindow

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _case(db, actor):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"),
                                                            PartyInput("李四", role=PartyRole.RESPONDENT)],
                                              summary="菜地界限")).case_id


def _user(db, director, role):
    create_user(db, director, f"u_{role.value}", f"用户{role.value}", role, "secret123")
    return authenticate(db, f"u_{role.value}", "secret123")


def test_investigation_and_referral(qtbot, db, director, type_chinese):
    case_id = _case(db, director)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.buttons["investigation"].click()
    dialog = window.findChildren(InvestigationDialog)[-1]
    type_chinese(dialog.interviewee, "村民王五")
    type_chinese(dialog.record, "王五称界桩原在沟边")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    with db.read_session() as s:
        inv = s.scalar(select(Investigation))
        assert (inv.interviewee, inv.record) == ("村民王五", "王五称界桩原在沟边")
    assert "王五称界桩原在沟边" in window.views[1].toPlainText()

    window.buttons["refer"].click()
    referral = window.findChildren(ReferralDialog)[-1]
    assert referral.to_code.text() == "330102"  # the parent org from set-up
    referral.buttons.button(referral.buttons.StandardButton.Save).click()
    assert "接收单位名称" in referral.error.text()  # incomplete: nothing saved, the form stays
    with db.read_session() as s:
        assert s.scalar(select(Referral)) is None
    type_chinese(referral.to_name, "西湖街道人民调解委员会")
    type_chinese(referral.reason, "涉及多个村，村调委会难以调解")
    referral.buttons.button(referral.buttons.StandardButton.Save).click()
    with db.read_session() as s:
        assert s.scalar(select(Referral)).to_org_name == "西湖街道人民调解委员会"
        assert s.get(Case, case_id).status == CaseStatus.REFERRED


def test_correcting_the_registration(qtbot, db, director, type_chinese):
    case_id = _case(db, director)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.buttons["edit"].click()
    dialog = window.findChildren(RegisterCaseDialog)[-1]
    assert [r["name"] for r in dialog.parties.rows()] == ["张三", "李四"]
    dialog.parties.table.item(1, 1).setText("李四光")
    dialog.parties.add_row({"role": "third_party", "name": "王五"})
    dialog.submit()
    assert dialog.error.text() == ""
    with db.read_session() as s:
        names = [p.name for p in s.scalars(select(Party).where(Party.case_id == case_id, Party.deleted_at.is_(None))
                                           .order_by(Party.position))]
    assert names == ["张三", "李四光", "王五"]
    assert search.search_case_ids(db, "lsg") == [case_id]
    assert "李四光" in window.views[0].toPlainText()


def test_attachments_file_scanner_view_and_delete(qtbot, db, director, monkeypatch, tmp_path):
    case_id = _case(db, director)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(PNG)
    monkeypatch.setattr(CaseWindow, "ask_open_path", classmethod(lambda cls, parent, text: str(photo)))
    window.attachment_buttons["add"].click()
    assert window.attachment_list.count() == 1

    scans = tmp_path / "scanner"
    scans.mkdir()
    (scans / "scan-001.pdf").write_bytes(_one_page_pdf())
    (scans / "现场照片.png").write_bytes(PNG)  # already attached: not offered again
    offered = []
    monkeypatch.setattr(CaseWindow, "ask_folder", classmethod(lambda cls, parent, text: str(scans)))
    monkeypatch.setattr(CaseWindow, "pick_files",
                        classmethod(lambda cls, parent, text, paths: offered.extend(paths) or paths))
    window.attachment_buttons["scanner"].click()
    assert [p.name for p in offered] == ["scan-001.pdf"]
    assert QSettings().value(SCANNER_FOLDER_KEY) == str(scans)  # remembered for next time
    assert window.attachment_list.count() == 2

    window.attachment_list.setCurrentRow(1)
    viewer = window.view_attachment()
    assert isinstance(viewer, PdfDialog) and viewer.pane.page_count() == 1
    window.attachment_list.setCurrentRow(0)
    assert window.view_attachment() is not None  # the photo

    monkeypatch.setattr(CaseWindow, "ask_text", classmethod(lambda cls, parent, text: "拍错了"))
    window.attachment_list.setCurrentRow(0)
    window.attachment_buttons["remove"].click()
    with db.read_session() as s:
        assert len([a for a in s.scalars(select(Attachment)) if a.deleted_at is None]) == 1
    assert window.attachment_list.count() == 1


def test_roles_decide_the_buttons(qtbot, db, director):
    case_id = _case(db, director)
    mediator = _user(db, director, Role.MEDIATOR)
    clerk = _user(db, director, Role.CLERK)
    by_director = CaseWindow(db, director, case_id)
    by_mediator = CaseWindow(db, mediator, case_id)
    by_clerk = CaseWindow(db, clerk, case_id)
    for w in (by_director, by_mediator, by_clerk):
        qtbot.addWidget(w)
    def enabled(window) -> set[str]:
        return {key for key, button in window.buttons.items() if button.isEnabled()}

    assert {"edit", "session", "void"} <= enabled(by_director)
    assert "session" in enabled(by_mediator) and "void" not in enabled(by_mediator)
    assert by_mediator.buttons["void"].toolTip() == "只有主任可以做这一步：请主任登录后再做。"
    assert by_mediator.attachment_buttons["remove"].isHidden()
    assert enabled(by_clerk) == {"pdf"}  # looks and prints, changes nothing
    assert set(by_clerk.buttons) == set(by_director.buttons)  # the same buttons in the same places
    assert by_clerk.attachment_buttons["add"].isHidden()

    by_director.ask_text = lambda parent, text: "重复登记"  # type: ignore[method-assign]
    by_director.buttons["void"].click()
    with db.read_session() as s:
        assert s.get(Case, case_id).deleted_at is not None


def test_unfinished_session_is_kept_and_offered_back(qtbot, db, director, monkeypatch, type_chinese):
    case_id = _case(db, director)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.buttons["session"].click()
    dialog = window.findChildren(SessionDialog)[-1]
    type_chinese(dialog.record, "双方各退一步")
    qtbot.waitUntil(lambda: any(d.form == "session" for d in dialog.drafts.pending()), timeout=2000)
    asked = []
    monkeypatch.setattr(RecordDialog, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True))
    answer_drafts(monkeypatch, RecordDialog, True, asked)
    dialog.reject()  # closing with unsaved input asks whether to keep it
    assert asked and "草稿" in asked[0]

    offered = []
    answer_drafts(monkeypatch, RegisterCaseDialog, True, offered)
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    assert len(offered) == 1 and "调解记录" in offered[0]
    reopened = main.case_windows[case_id].findChildren(SessionDialog)[-1]
    assert reopened.record.toPlainText() == "双方各退一步"
    reopened.result_box.setCurrentIndex(reopened.result_box.findData("postponed"))  # (the sitting's result: asked)
    reopened.buttons.button(reopened.buttons.StandardButton.Save).click()
    assert not any(d.form == "session" for d in reopened.drafts.pending())


def test_party_list_from_a_spreadsheet(qtbot, db, director, monkeypatch, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["户主姓名", "身份证号", "联系电话", "住址"])
    for i in range(668):
        ws.append([f"村民{i + 1}", "", f"1380013{i:04d}", f"{i % 9 + 1}组"])
    path = tmp_path / "668户.xlsx"
    wb.save(path)
    dialog = RegisterCaseDialog(db, director)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(type(dialog.parties), "ask_list_file", classmethod(lambda cls, parent: str(path)))
    dialog.parties.file_button.click()
    dialog.parties.add_row({"role": "respondent", "name": "某某建设有限公司"})
    dialog.category.setCurrentIndex(dialog.category.findData("neighbour"))  # chosen, never preset
    dialog.submit()
    assert dialog.error.text() == ""
    with db.read_session() as s:
        assert len(s.scalars(select(Party)).all()) == 669


def _one_page_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()




def test_keyboard_shortcuts_and_clerk_window(qtbot, db, director):
    from PySide6.QtCore import Qt

    case_id = _case(db, director)
    main = MainWindow(db, director)
    qtbot.addWidget(main)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main.tabs.currentWidget() is main.cases and main.search.hasFocus()
    main.cases.table.setCurrentIndex(main.model.index(0, 0))
    main.cases.table.activated.emit(main.model.index(0, 0))  # Enter on a row
    assert case_id in main.case_windows
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert main.findChildren(RegisterCaseDialog)

    clerk = _user(db, director, Role.CLERK)
    hub = MainWindow(db, clerk)
    qtbot.addWidget(hub)
    assert hub.cases.register_button.isHidden() and hub.register_case() is None


def test_id_numbers_masked_until_revealed(qtbot, db, director):
    from mediation_desktop.storage.models import AuditEntry

    case_id = register_case(db, director, CaseInput("neighbour", [
        PartyInput("张三", id_number="11010519491231002X", phone="13800138000"),
        PartyInput("李四", role=PartyRole.RESPONDENT)])).case_id
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    text = window.views[0].toPlainText()
    assert "110105********002X" in text and "138****8000" in text and "11010519491231002X" not in text
    window.reveal_button.click()
    assert "11010519491231002X" in window.views[0].toPlainText() and window.reveal_button.isHidden()
    with db.read_session() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "privacy.reveal")) is not None


def test_correcting_a_closed_case_asks_why(qtbot, db, director, monkeypatch):
    from mediation_desktop.domain.lifecycle import CaseAction
    from mediation_desktop.services.cases import change_status
    from mediation_desktop.storage.models import AuditEntry

    case_id = _case(db, director)
    change_status(db, director, case_id, CaseAction.DECLINE)
    window = CaseWindow(db, director, case_id)
    qtbot.addWidget(window)
    window.buttons["edit"].click()
    dialog = window.findChildren(RegisterCaseDialog)[-1]
    dialog.parties.table.item(1, 1).setText("李四光")
    monkeypatch.setattr(RegisterCaseDialog, "ask_reason", classmethod(lambda cls, parent, text: None))
    dialog.submit()
    assert "原因" in dialog.error.text()  # no reason, no change
    with db.read_session() as s:
        assert "李四光" not in {p.name for p in s.scalars(select(Party))}
    monkeypatch.setattr(RegisterCaseDialog, "ask_reason", classmethod(lambda cls, parent, text: "身份证登记错字"))
    dialog.submit()
    with db.read_session() as s:
        assert "李四光" in {p.name for p in s.scalars(select(Party))}
        assert s.scalar(select(AuditEntry.reason).where(AuditEntry.action.like("case.edit/%"))) == "身份证登记错字"
