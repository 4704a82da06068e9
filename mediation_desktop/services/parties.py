"""Checking a party before it is stored: ID numbers, credit codes, phones (errors block, warnings don't)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.credit_code import check_credit_code
from mediation_desktop.domain.enums import IdType, PartyKind, PartyRole
from mediation_desktop.domain.limits import ADULT_AGE, day_ok
from mediation_desktop.domain.messages import DOMAIN_MESSAGES
from mediation_desktop.domain.person_names import tidy_person_name
from mediation_desktop.domain.phone import check_phone
from mediation_desktop.domain.resident_id import check_resident_id, reads_as_resident_id
from mediation_desktop.domain.text import Label, UnsafeText, check_text, label
from mediation_desktop.errors import MediationError
from mediation_desktop.services.input_rules import require_clean, require_day


@dataclass
class PartyInput:
    """A party as typed in a form or a CLI: only the name is required.

    ``representative`` and ``representative_title`` are an organisation's 法定代表人或主要负责人 and their post;
    for a person they are the 法定代理人 (a guardian: a minor's parent, an adult's appointed guardian) and
    their relation to the party (父亲, 母亲, 祖父, 监护人 …), and ``representative_id_number``,
    ``representative_phone`` and ``representative_address`` are that 法定代理人's 身份证号码 (printed where the
    party's own is), phone and address (for the mediator to reach them), checked like the party's own. An
    organisation's 法定代表人 is printed by name and post only (the unit's phone and address are the party's): for
    an organisation those three are not stored.

    When correcting a stored party (``party_id`` set) with ``keep_unset`` (the default), ``None`` in
    sex, ethnicity, birth_date, age, occupation, representative or representative_title means "not
    given here: keep what is stored" (so do the 法定代理人's ID number, phone and address); an empty string clears a
    text field. A form that shows every
    field sets ``keep_unset=False``, so what it leaves empty is cleared. Sex, birth date and age derived
    from an unchanged ID number always keep their stored values (the age is the age on registration).
    """

    name: str
    role: PartyRole = PartyRole.APPLICANT
    kind: PartyKind = PartyKind.PERSON
    sex: str | None = None
    ethnicity: str | None = None
    birth_date: dt.date | None = None
    age: int | None = None
    occupation: str | None = None
    phone: str | None = None
    address: str | None = None
    id_type: IdType | None = None
    id_number: str | None = None
    representative: str | None = None
    representative_title: str | None = None
    representative_id_number: str | None = None
    representative_phone: str | None = None
    representative_address: str | None = None
    party_id: uuid.UUID | None = None  # when editing: the stored party this row is
    keep_unset: bool = True  # when editing: None keeps the stored value (see above)


#: the texts of a party (``domain.text.FIELDS`` under ``party.``): each one line
_PARTY_TEXTS = ("name", "sex", "ethnicity", "occupation", "phone", "address", "id_number")
_REPRESENTATIVE_TEXTS = ("representative", "representative_title")  # (named by the party's kind: see _field)
#: a person's 法定代理人's contact (``guardian.`` texts): kept for a person only
GUARDIAN_CONTACT = ("representative_id_number", "representative_phone", "representative_address")
#: the most characters each text may hold (its column's width; a hub's PostgreSQL and a bundle refuse more)
MAX_CHARS = {"name": 200, "ethnicity": 20, "occupation": 100, "address": 300, "representative": 50,
             "representative_title": 50, "representative_address": 300}



@dataclass
class CheckedParty:
    values: dict[str, object]
    warnings: list[str] = field(default_factory=list)


def check_party(p: PartyInput, *, today: dt.date | None = None) -> CheckedParty:
    """Normalised column values for a party; raises MediationError on input that cannot be right."""
    today = today or china_today()
    require_clean(p, "party", _PARTY_TEXTS)
    _require_representative_texts(p)
    require_day(p.birth_date, "party.birth_date")
    name = tidy_person_name(p.name)  # (「张  三」 padded, 「李 秀英」 hurried: the same person as 张三, 李秀英)
    if not name:
        raise MediationError("case.party_name", field="name")
    sex = _SEXES.get((p.sex or "").strip().lower(), "?")
    if sex == "?":
        raise MediationError("party.sex", value=p.sex, field="sex")
    if p.age is not None and not 0 <= p.age <= MAX_AGE:
        raise MediationError("party.age", value=p.age, max=MAX_AGE, field="age")
    values: dict[str, object] = {
        "name": name, "role": PartyRole(p.role), "kind": PartyKind(p.kind), "sex": sex,
        "ethnicity": _clean(p.ethnicity), "birth_date": p.birth_date, "age": p.age,
        "occupation": _clean(p.occupation), "address": _clean(p.address),
        "representative": tidy_person_name(p.representative) or None,
        "representative_title": _clean(p.representative_title),
        "phone": None, "id_type": IdType.NONE, "id_number": None,
    }
    warnings: list[str] = []
    values.update(_guardian_contact(p, today, warnings))
    number = _clean(p.id_number)
    if number:
        id_type = p.id_type or (IdType.CREDIT_CODE if p.kind == PartyKind.ORGANISATION else IdType.RESIDENT_ID)
        values["id_type"] = id_type
        if id_type == IdType.RESIDENT_ID:
            rid = check_resident_id(number, today=today)
            if not rid.valid:
                raise MediationError(rid.error or "id.checksum", field="id_number")
            values["id_number"] = rid.number
            warnings.extend(rid.warnings)
            # derived, but what the user typed wins
            values["sex"] = sex or (rid.sex.value if rid.sex else None)
            values["birth_date"] = p.birth_date or rid.birth_date
            if rid.birth_date is not None and not day_ok(rid.birth_date):  # (a valid number may say 1880)
                raise MediationError("limit.date", value=rid.birth_date.isoformat(), field="id_number",
                                     label=Label("身份证号码里的出生日期", "The date of birth in the ID number"))
            values["age"] = p.age if p.age is not None else rid.age_on(today)
        elif id_type == IdType.CREDIT_CODE:
            cc = check_credit_code(number)
            if cc.error:
                raise MediationError(cc.error, field="id_number")
            values["id_number"] = cc.code
            warnings.extend(cc.warnings)
        else:
            values["id_number"] = number
    age = values["age"]
    if isinstance(age, int) and age < ADULT_AGE and values["kind"] == PartyKind.PERSON and not values["representative"]:
        warnings.append("party.minor")  # (a guardian, 法定代理人, takes part and signs for a minor)
    phone = _clean(p.phone)
    if phone:
        ph = check_phone(phone)
        if not ph.valid:
            raise MediationError(ph.error or "phone.invalid", field="phone")
        values["phone"] = ph.number
    return CheckedParty(values, warnings)


def _guardian_contact(p: PartyInput, today: dt.date, warnings: list[str]) -> dict[str, object]:
    """The 法定代理人's 身份证号码, phone and address as stored (none for an organisation), each checked as a party's
    own is: the ID by GB 11643, the phone by the phone rule. Any of them without the 法定代理人's name is refused."""
    values: dict[str, object] = dict.fromkeys(GUARDIAN_CONTACT)
    if PartyKind(p.kind) != PartyKind.PERSON:
        return values
    given = {name: _clean(getattr(p, name)) for name in GUARDIAN_CONTACT}
    if any(given.values()) and not _clean(p.representative):
        raise MediationError("party.guardian_contact", field="representative")
    number = given["representative_id_number"]
    if number:
        rid = check_resident_id(number, today=today)
        if not rid.valid:
            error = rid.error or "id.checksum"
            raise MediationError("party.guardian_id", detail=Label(*DOMAIN_MESSAGES[error]),
                                 field="representative_id_number")
        values["representative_id_number"] = rid.number
        warnings.extend(w for w in rid.warnings if w not in warnings)
    phone = given["representative_phone"]
    if phone:
        ph = check_phone(phone)
        if not ph.valid:
            raise MediationError("party.guardian_phone", detail=Label(*DOMAIN_MESSAGES[ph.error or "phone.invalid"]),
                                 field="representative_phone")
        values["representative_phone"] = ph.number
    values["representative_address"] = given["representative_address"]
    return values


def attendance(parties: Iterable[Any]) -> list[str]:
    """Who may attend a sitting (人民调解记录's 当事人), as the session form first lists them: each party by name, and
    after a person with a 法定代理人 「李小明的法定代理人 李红（母亲）」, who attends for them (stored parties: anything
    with ``name``, ``kind``, ``representative`` and ``representative_title``; the wording is the printed record's)."""
    out: list[str] = []
    for p in parties:
        out.append(p.name)
        guardian = (p.representative or "").strip()
        if guardian and PartyKind(p.kind) == PartyKind.PERSON:
            relation = (p.representative_title or "").strip()
            out.append(f"{p.name}的法定代理人 {guardian}" + (f"（{relation}）" if relation else ""))
    return out


def _field(p: PartyInput, name: str) -> str:
    """The rule (``domain.text.FIELDS``) a text of ``p`` is checked and named by: a person's representative is their
    法定代理人 (``guardian.``), an organisation's its 法定代表人 (``party.``)."""
    person = PartyKind(p.kind) == PartyKind.PERSON
    return f"guardian.{name}" if person and name in _REPRESENTATIVE_TEXTS else f"party.{name}"


def _require_representative_texts(p: PartyInput) -> None:
    """The representative's name and relation (or post) by the text rule, then every text by its length; a
    person's relation to a 法定代理人 without the 法定代理人's name is refused (who is the 父亲?)."""
    for name in _REPRESENTATIVE_TEXTS:
        try:
            check_text(getattr(p, name), _field(p, name))
        except UnsafeText as exc:
            raise MediationError(exc.key, **exc.params) from None
    for name in GUARDIAN_CONTACT:
        try:
            check_text(getattr(p, name), f"guardian.{name}")
        except UnsafeText as exc:
            raise MediationError(exc.key, **exc.params) from None
    for name, most in MAX_CHARS.items():
        value = (getattr(p, name) or "").strip()
        if len(value) > most:
            where = f"guardian.{name}" if name in GUARDIAN_CONTACT else _field(p, name)
            raise MediationError("party.too_long", label=label(where), max=most, count=len(value), field=name)
    if PartyKind(p.kind) == PartyKind.PERSON and _clean(p.representative_title) and not _clean(p.representative):
        raise MediationError("party.guardian_name", relation=_clean(p.representative_title),
                             field="representative")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


#: A party named like this is an organisation (单位) unless its number says otherwise. Person names
#: ending in 社 (建社) or 华 are common, so only whole words are listed for those.
_ORG_WORDS = ("公司", "厂", "场", "合作社", "委员会", "村委会", "居委会", "中心", "医院", "学校", "幼儿园", "商店",
              "超市", "酒店", "饭店", "集团", "银行", "店", "部", "所", "站", "局", "馆", "协会", "小组", "门市",
              "工作室", "卫生室", "诊所")

#: 性别 as stored ("male"/"female"), from what a form or a CLI may give.
_SEXES = {"": None, "male": "male", "female": "female", "男": "male", "女": "female", "m": "male", "f": "female"}
MAX_AGE = 150


def named_like_organisation(name: str) -> bool:
    """A name such as 「兴旺养殖场」 or 「某某有限公司（筹）」."""
    name = name.strip()
    return any(name.endswith(w) or w + "（" in name or w + "(" in name for w in _ORG_WORDS)


def guess_party_kind(name: str, number: str | None) -> PartyKind:
    """个人 or 单位, as a sensible default the mediator may change (the party table has a column for it).

    The number decides first. A number that reads as a resident ID (GB 11643: 18 characters, region
    digits, a birth date that exists, check character 0-9 or X; see ``reads_as_resident_id``) is a
    person, even when its check character is wrong: it is an ID with a typo, and about one mistyped
    ID in 31 passes the credit code's check by chance. Otherwise an 18-character code whose check
    character is right by GB 32100 — letters or all digits, e.g. 914403001922038216 — is an
    organisation. When the number is neither, the name decides; a mistyped number with letters in it
    is a credit code (a resident ID has no letters but a final X). Only the mediator, choosing 单位
    in the party's row, makes a party with an ID-like number an organisation.
    """
    text = "".join((number or "").split()).upper()
    by_name = PartyKind.ORGANISATION if named_like_organisation(name) else PartyKind.PERSON
    if not text:
        return by_name
    if reads_as_resident_id(text) or check_resident_id(text).valid:
        return PartyKind.PERSON
    cc = check_credit_code(text)
    if cc.valid and cc.checksum_ok:
        return PartyKind.ORGANISATION
    if by_name == PartyKind.PERSON and cc.valid and not text[:17].isdigit():
        return PartyKind.ORGANISATION
    return by_name


def looks_like_organisation(name: str, number: str | None) -> bool:
    """A party named like a company, or numbered with a credit code rather than a resident ID."""
    return guess_party_kind(name, number) == PartyKind.ORGANISATION


def parse_party_list(text: str) -> list[dict[str, str]]:
    """Parties pasted from a spreadsheet or typed one per line: 姓名 [证件号码] [电话] [住址].

    Columns may be separated by tabs, commas or spaces; an ID number and a phone are recognised
    wherever they stand, and what is left after the name is the address. Blank lines are skipped.
    """
    rows = []
    for line in text.splitlines():
        fields = [f.strip() for f in re.split(r"[\t,，]+|\s{2,}|\s(?=\d)|(?<=\d)\s", line.strip()) if f.strip()]
        if not fields:
            continue
        row = {"name": fields[0], "id_number": "", "phone": "", "address": ""}
        rest = []
        for part in fields[1:]:
            compact = part.replace(" ", "").replace("-", "")
            if not row["id_number"] and (check_resident_id(compact).valid
                                         or (check_credit_code(compact).error is None and len(compact) == 18)):
                row["id_number"] = compact.upper()
            elif not row["phone"] and check_phone(part).valid:
                row["phone"] = part
            else:
                rest.append(part)
        row["address"] = " ".join(rest)
        rows.append(row)
    return rows
