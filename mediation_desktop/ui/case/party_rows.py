"""The parties table's rows: its columns and labels, and a row (a dict) to and from a stored party and the
service's input. No widget: the table, its grid and the detail form share it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)
from PySide6.QtGui import QColor

from mediation_desktop.domain.enums import IdType, PartyKind, PartyRole
from mediation_desktop.services.parties import (
    GUARDIAN_CONTACT,
    PartyInput,
    guess_party_kind,
)

COLUMNS = ("role", "name", "id_number", "phone", "address", "kind", "details")
ROLE_COL, NAME_COL, ID_COL, PHONE_COL, ADDRESS_COL, KIND_COL, DETAILS_COL = range(len(COLUMNS))
TEXT_COLUMNS = {NAME_COL: "name", ID_COL: "id_number", PHONE_COL: "phone", ADDRESS_COL: "address"}
HEADERS = (QT_TRANSLATE_NOOP("PartyTable", "身份"), QT_TRANSLATE_NOOP("PartyTable", "姓名或名称"),
           QT_TRANSLATE_NOOP("PartyTable", "身份证号或信用代码"), QT_TRANSLATE_NOOP("PartyTable", "电话"),
           QT_TRANSLATE_NOOP("PartyTable", "住址或单位"), QT_TRANSLATE_NOOP("PartyTable", "个人/单位"),
           QT_TRANSLATE_NOOP("PartyTable", "详细情况"))
ROLES = {PartyRole.APPLICANT: QT_TRANSLATE_NOOP("PartyTable", "申请人"),
         PartyRole.RESPONDENT: QT_TRANSLATE_NOOP("PartyTable", "被申请人"),
         PartyRole.THIRD_PARTY: QT_TRANSLATE_NOOP("PartyTable", "第三人")}
KINDS = {PartyKind.PERSON: QT_TRANSLATE_NOOP("PartyTable", "个人"),
         PartyKind.ORGANISATION: QT_TRANSLATE_NOOP("PartyTable", "单位")}
SEXES = {"": QT_TRANSLATE_NOOP("PartyTable", "（按身份证或不填）"), "male": QT_TRANSLATE_NOOP("PartyTable", "男"),
         "female": QT_TRANSLATE_NOOP("PartyTable", "女")}
#: What a row holds besides its visible cells (kept on the name cell, in the draft and on correction).
EXTRA_KEYS = ("sex", "age", "birth_date", "ethnicity", "occupation", "representative", "representative_title",
              "id_type", *GUARDIAN_CONTACT)
#: Keys that are the party's data (a row with none of them filled is an empty line, not a party).
CONTENT_KEYS = ("name", "id_number", "phone", "address", "sex", "age", "ethnicity", "occupation",
                "representative", "representative_title", *GUARDIAN_CONTACT)
#: 56 民族 (GB 3304 order); the list is editable, so anything else may be typed.
ETHNIC_GROUPS = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)
_EXTRA_ROLE = Qt.ItemDataRole.UserRole + 1
_ROW_BG = QColor("#fde8e8")  # a row that cannot be saved as it is
_CELL_BG = QColor("#f6b3b3")  # the cell that is wrong
_FIELD_COLUMNS = {"name": NAME_COL, "id_number": ID_COL, "phone": PHONE_COL, "sex": DETAILS_COL, "age": DETAILS_COL,
                  "representative": DETAILS_COL, "representative_title": DETAILS_COL,
                  **dict.fromkeys(GUARDIAN_CONTACT, DETAILS_COL)}


def row_has_content(row: dict[str, Any]) -> bool:
    """Whether a row (as in :meth:`PartyTable.rows` or a draft) holds anything of a party."""
    return any(str(row.get(k) or "").strip() for k in CONTENT_KEYS)


def party_row(p: Any) -> dict[str, Any]:
    """A stored party (a ``Party`` row) in the table's own row shape: nothing of it is left out."""
    return {
        "role": p.role.value, "name": p.name, "id_number": p.id_number or "", "phone": p.phone or "",
        "address": p.address or "", "kind": p.kind.value, "kind_auto": False, "sex": p.sex or "",
        "age": "" if p.age is None else str(p.age), "birth_date": p.birth_date.isoformat() if p.birth_date else "",
        "ethnicity": p.ethnicity or "", "occupation": p.occupation or "", "representative": p.representative or "",
        "representative_title": p.representative_title or "",
        **{k: getattr(p, k) or "" for k in GUARDIAN_CONTACT},
        "id_type": p.id_type.value if p.id_type in (IdType.PASSPORT, IdType.OTHER) else "",
        "party_id": str(p.id),
    }


def party_input(r: dict[str, Any]) -> PartyInput:
    """The service's input for one row. Every field is given (``keep_unset=False``): what is empty is cleared."""
    number = str(r.get("id_number") or "").strip()
    kind = kind_of(r)
    id_type: IdType | None = None
    if number:
        stored = str(r.get("id_type") or "")
        if stored in (IdType.PASSPORT.value, IdType.OTHER.value):
            id_type = IdType(stored)
        else:
            id_type = IdType.CREDIT_CODE if kind == PartyKind.ORGANISATION else IdType.RESIDENT_ID
    age_text = str(r.get("age") or "").strip()
    try:
        birth = dt.date.fromisoformat(str(r.get("birth_date") or "")) if r.get("birth_date") else None
    except ValueError:
        birth = None
    return PartyInput(
        name=str(r.get("name") or ""), role=PartyRole(str(r.get("role") or PartyRole.APPLICANT.value)), kind=kind,
        sex=str(r.get("sex") or ""), ethnicity=str(r.get("ethnicity") or ""), birth_date=birth,
        age=int(age_text) if age_text.isdigit() else None, occupation=str(r.get("occupation") or ""),
        phone=str(r.get("phone") or ""), address=str(r.get("address") or ""), id_type=id_type,
        id_number=number or None, representative=str(r.get("representative") or ""),
        representative_title=str(r.get("representative_title") or ""),
        representative_id_number=str(r.get("representative_id_number") or ""),
        representative_phone=str(r.get("representative_phone") or ""),
        representative_address=str(r.get("representative_address") or ""),
        party_id=uuid.UUID(str(r["party_id"])) if r.get("party_id") else None, keep_unset=False)


def kind_of(r: dict[str, Any]) -> PartyKind:
    kind = str(r.get("kind") or "")
    if kind in (PartyKind.PERSON.value, PartyKind.ORGANISATION.value) and not r.get("kind_auto", not kind):
        return PartyKind(kind)
    return guess_party_kind(str(r.get("name") or ""), str(r.get("id_number") or ""))
