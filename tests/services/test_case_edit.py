"""Correcting a registered case, roles (mediator, director, township clerk), attachments and party lists."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from attachment_samples import JPEG_HEAD
from search_checks import assert_index_matches_cases
from sqlalchemy import func, select

from mediation_desktop.domain.enums import PartyRole, Role
from mediation_desktop.domain.lifecycle import CaseAction
from mediation_desktop.errors import MediationError
from mediation_desktop.services import attachments, cases, search
from mediation_desktop.services.accounts import authenticate, create_user
from mediation_desktop.services.cases import CaseInput, register_case, update_case, void_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.party_file import read_party_file
from mediation_desktop.storage.models import Attachment, AuditEntry, Case, Party


def _register(db, actor):
    return register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)],
                                              summary="菜地边界"))


def _parties(db, case_id):
    with db.read_session() as s:
        return list(s.scalars(select(Party).where(Party.case_id == case_id, Party.deleted_at.is_(None))
                              .order_by(Party.position)))


def _user(db, director, role: Role):
    create_user(db, director, f"u_{role.value}", f"用户{role.value}", role, "secret123")
    return authenticate(db, f"u_{role.value}", "secret123")


def test_edit_keeps_party_identity_adds_and_tombstones(db, director):
    reg = _register(db, director)
    zhang, li = _parties(db, reg.case_id)
    data = CaseInput("house_homestead", [PartyInput("张三丰", party_id=zhang.id, id_number="11010519491231002X"),
                              PartyInput("王五", role=PartyRole.RESPONDENT)], summary="宅基地界址")
    update_case(db, director, reg.case_id, data)
    after = _parties(db, reg.case_id)
    assert [p.name for p in after] == ["张三丰", "王五"]
    assert after[0].id == zhang.id and after[0].sex == "female"  # derived from the ID as on registration
    with db.read_session() as s:
        gone = s.get(Party, li.id)
        assert gone.deleted_at is not None  # a tombstone, so the removal travels
        case = s.get(Case, reg.case_id)
        assert case.category_code == "house_homestead" and case.summary == "宅基地界址"
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action.like("case.edit/%"))) >= 3
    assert search.search_case_ids(db, "王五") == [reg.case_id]
    assert search.search_case_ids(db, "李四") == []
    assert search.search_case_ids(db, "zsf") == [reg.case_id]
    assert_index_matches_cases(db)


def test_edit_with_bad_party_changes_nothing(db, director):
    reg = _register(db, director)
    zhang, _li = _parties(db, reg.case_id)
    with pytest.raises(MediationError) as err:
        update_case(db, director, reg.case_id, CaseInput("house_homestead", [PartyInput("张三", party_id=zhang.id,
                                                                             id_number="110105194912310021")]))
    assert err.value.key.startswith("id.")
    assert [p.name for p in _parties(db, reg.case_id)] == ["张三", "李四"]
    with db.read_session() as s:
        assert s.get(Case, reg.case_id).category_code == "neighbour"


def test_closed_case_edit_needs_reason(db, director):
    reg = _register(db, director)
    cases.change_status(db, director, reg.case_id, CaseAction.DECLINE)
    data = CaseInput("neighbour", [PartyInput(p.name, party_id=p.id, role=p.role) for p in _parties(db, reg.case_id)],
                     summary="补充情况")
    with pytest.raises(MediationError) as err:
        update_case(db, director, reg.case_id, data)
    assert err.value.key == "case.reason_required"
    update_case(db, director, reg.case_id, data, reason="补记当事人陈述")
    with db.read_session() as s:
        assert s.get(Case, reg.case_id).summary == "补充情况"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action.like("case.edit/%"))).first()
        assert entry.reason == "补记当事人陈述"


def test_clerk_reads_but_cannot_write(db, director):
    reg = _register(db, director)
    clerk = _user(db, director, Role.CLERK)
    with pytest.raises(MediationError) as err:
        _register(db, clerk)
    assert err.value.key == "account.read_only_role"
    with pytest.raises(MediationError) as err:
        cases.change_status(db, clerk, reg.case_id, CaseAction.TERMINATE)
    assert err.value.key == "account.read_only_role"
    assert search.search_case_ids(db, "张三") == [reg.case_id]  # reading is fine


def test_only_director_deletes(db, director, tmp_path: Path):
    reg = _register(db, director)
    mediator = _user(db, director, Role.MEDIATOR)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(JPEG_HEAD + b" photo")
    att = attachments.add_attachment(db, mediator, reg.case_id, photo)  # a mediator may add
    for attempt in (lambda: attachments.remove_attachment(db, mediator, att, reason="拍错了"),
                    lambda: void_case(db, mediator, reg.case_id, reason="重复登记")):
        with pytest.raises(MediationError) as err:
            attempt()
        assert err.value.key == "account.forbidden"
    with pytest.raises(MediationError) as err:
        attachments.remove_attachment(db, director, att, reason=" ")
    assert err.value.key == "case.reason_required"
    attachments.remove_attachment(db, director, att, reason="拍错了")
    void_case(db, director, reg.case_id, reason="重复登记")
    with db.read_session() as s:
        assert s.get(Attachment, att).deleted_at is not None
        assert s.get(Case, reg.case_id).deleted_at is not None
    assert search.search_case_ids(db, "张三") == []
    with pytest.raises(MediationError):
        cases.change_status(db, director, reg.case_id, CaseAction.TERMINATE)


def test_scanner_folder_offers_only_new_files(db, director, tmp_path: Path):
    reg = _register(db, director)
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(JPEG_HEAD + b"scan a")
    (folder / "b.pdf").write_bytes(b"%PDF scan b")
    (folder / "notes.txt").write_text("not a scan")
    attachments.add_attachment(db, director, reg.case_id, folder / "a.jpg")
    assert [p.name for p in attachments.scanner_files(db, reg.case_id, folder)] == ["b.pdf"]
    assert attachments.attachment_file(db, _only_attachment(db)).read_bytes() == JPEG_HEAD + b"scan a"
    with pytest.raises(MediationError) as err:
        attachments.scanner_files(db, reg.case_id, tmp_path / "missing")
    assert err.value.key == "attachment.no_scanner_folder"


def _only_attachment(db):
    with db.read_session() as s:
        return s.scalar(select(Attachment.id))


def test_party_list_from_xlsx_with_header(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "户主姓名", "电话", "身份证号码", "家庭住址"])
    ws.append([1, "张三", 13800138000, "11010519491231002x", "一组"])
    ws.append([None, None, None, None, None])
    ws.append([2, "欧阳䶮", "13900139000", "", "二组"])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    assert read_party_file(path) == [
        {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000", "address": "一组"},
        {"name": "欧阳䶮", "id_number": "", "phone": "13900139000", "address": "二组"}]


def test_an_id_number_a_spreadsheet_kept_as_a_number_is_refused_not_turned_into_another(tmp_path: Path):
    """Excel keeps 15 significant digits: 330102198410145992 typed as a number is 3.30102198410146E+17, read back
    as 330102198410145984 — a valid ID of a woman. The list is refused, naming the row; nothing is guessed."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "电话"])
    ws.append(["张三", "11010519491231002X", 13800138000])  # a phone as a number is exact: kept
    ws.append(["王五", 330102198410145992.0, ""])  # what Excel stores for an ID typed without a leading '
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    with pytest.raises(MediationError) as err:
        read_party_file(path)
    assert err.value.key == "party_file.digits_lost" and err.value.params["row"] == 3
    assert "第 2 列" in str(err.value) and "文本" in str(err.value)
    ws.cell(3, 2).value = "330102198410145992"  # the column set to text: read as typed, the phone too
    wb.save(path)
    assert read_party_file(path) == [
        {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000", "address": ""},
        {"name": "王五", "id_number": "330102198410145992", "phone": "", "address": ""}]
    csv_path = tmp_path / "名单.csv"  # the same list saved as CSV by Excel: the number as it showed it
    csv_path.write_text("姓名,身份证号码\n张三,11010519491231002X\n王五,3.30102E+17\n", encoding="utf-8")
    with pytest.raises(MediationError) as err:
        read_party_file(csv_path)
    assert err.value.key == "party_file.digits_lost" and err.value.params["row"] == 3


def test_a_hidden_sheet_of_a_party_list_is_never_read(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    old = wb.active
    old.title = "旧名单"
    old.append(["姓名"])
    old.append(["赵六"])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("名单")
    ws.append(["姓名", "电话"])
    ws.append(["张三", "13800138000"])
    wb.active = 1
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    assert [r["name"] for r in read_party_file(path)] == ["张三"]


def test_party_list_from_gbk_csv_without_header(tmp_path: Path):
    path = tmp_path / "list.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows([["张三", "11010519491231002X", "13800138000", "一组"], ["李四", "", "", "二组"]])
    rows = read_party_file(path)
    assert [r["name"] for r in rows] == ["张三", "李四"] and rows[0]["id_number"] == "11010519491231002X"


def test_party_list_bad_file_is_one_message(tmp_path: Path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(MediationError) as err:
        read_party_file(bad)
    assert err.value.key == "party_file.unreadable"
    with pytest.raises(MediationError) as err:
        read_party_file(tmp_path / "x.doc")
    assert err.value.key == "party_file.kind"


def test_registered_on_edit(db, director):
    reg = _register(db, director)
    ps = _parties(db, reg.case_id)
    update_case(db, director, reg.case_id, CaseInput("neighbour", [PartyInput(p.name, party_id=p.id, role=p.role)
                                                                   for p in ps], registered_on=dt.date(2026, 1, 5)))
    with db.read_session() as s:
        assert s.get(Case, reg.case_id).registered_on == dt.date(2026, 1, 5)


def test_a_party_lists_title_merged_over_its_columns_is_neither_a_header_nor_a_person(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["石桥村征地补偿纠纷当事人名单（2024年）"])
    ws.merge_cells("A1:D1")
    ws.append(["序号", "户主姓名", "身份证号码", "家庭住址"])
    ws.append([1, "张三", "11010519491231002X", "一组"])
    ws.append([2, "买买提·艾力", "", "二组"])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    assert read_party_file(path) == [
        {"name": "张三", "id_number": "11010519491231002X", "phone": "", "address": "一组"},
        {"name": "买买提·艾力", "id_number": "", "phone": "", "address": "二组"}]
    ws.delete_cols(3, 2)  # a list of names only: the header 户主姓名 is still found below the title
    wb.save(path)
    assert [p["name"] for p in read_party_file(path)] == ["张三", "买买提·艾力"]
