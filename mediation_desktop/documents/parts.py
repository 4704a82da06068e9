"""Pieces several documents share: the party block (当事人 …), signature slots, the closing block, and the end of
a form that is signed (``signed_end``, ``kept_with_last``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from mediation_desktop.documents import fonts
from mediation_desktop.documents.base import at_least
from mediation_desktop.documents.snapshot import PartySnapshot
from mediation_desktop.domain.limits import ADULT_AGE

if TYPE_CHECKING:
    from mediation_desktop.documents.base import DocumentRenderer

# column widths (mm) of a party block; they add up to the frame width (210 − 25 − 22 = 163 mm)
PARTY_COLS = [20, 24, 26, 12, 10, 12, 21, 12, 26]


def signs_through_guardian(p: PartySnapshot) -> bool:
    """A person with a 法定代理人, or under eighteen (民法典 art. 17–23: a guardian acts and signs for them): their
    法定代理人 is printed with them, and signs their slot."""
    return not p.is_organisation and (bool(p.representative) or (p.age is not None and p.age < ADULT_AGE))


def guardian_text(r: DocumentRenderer, p: PartySnapshot) -> str:
    """「王五（系其父亲）」: the 法定代理人 and their relation to the party ("" when none is recorded: a minor's line is
    then left blank, to be filled by hand)."""
    if not p.representative:
        return ""
    if not p.representative_title:
        return p.representative
    relation = p.representative_title.strip()
    form = _word(r, "guardian_relation", GUARDIAN_RELATION)
    return form.format(name=p.representative, relation=relation.removeprefix("系其").removeprefix("系"))


def guardian_line(r: DocumentRenderer, p: PartySnapshot) -> str:
    """The 法定代理人 line of a party's particulars: 「王五（系其父亲），联系方式：…，住址：…」 (what is recorded)."""
    parts = [guardian_text(r, p)]
    if p.representative and p.representative_phone:
        parts.append(_word(r, "guardian_phone", GUARDIAN_PHONE).format(phone=p.representative_phone))
    if p.representative and p.representative_address:
        parts.append(_word(r, "guardian_address", GUARDIAN_ADDRESS).format(address=p.representative_address))
    return "，".join(parts)


def contact(r: DocumentRenderer, p: PartySnapshot) -> str:
    """A party's 联系方式 in one cell (结案报告表): their own phone, and their 法定代理人's marked as such — a minor is
    reached through the guardian, whose phone is often the only one recorded."""
    parts = [p.phone] if p.phone else []
    if not p.is_organisation and p.representative and p.representative_phone:
        parts.append(_word(r, "guardian_contact", GUARDIAN_CONTACT).format(name=p.representative,
                                                                           phone=p.representative_phone))
    return "；".join(parts)


def party_block(r: DocumentRenderer, p: PartySnapshot, label: str | None = None) -> Table:
    """One party as the forms print it: a person (姓名 性别 民族 年龄 / 职业或职务 联系方式 / 单位或住址, and
    法定代理人 for a minor or a person who has one) or an organisation (名称 / 统一社会信用代码 /
    法定代表人或主要负责人 / 住所)."""
    w, c = r.wording, r.cell
    label = label or w["party_label"]
    widths = [x * mm for x in PARTY_COLS]
    if p.is_organisation:
        lab = w.data["organisation"]
        rows = [
            [c(label), c(lab["name"]), c(p.name), "", "", "", "", "", ""],
            ["", c(lab["credit_code"]), c(p.credit_code or ""), "", "", "", c(lab["phone"]), c(p.phone or ""), ""],
            ["", c(lab["representative"]), c(p.representative or ""), "", "", "", c(lab["representative_title"]),
             c(p.representative_title or ""), ""],
            ["", c(lab["address"]), c(p.address or ""), "", "", "", "", "", ""],
        ]
        return r.grid(rows, widths, extra=[
            ("SPAN", (0, 0), (0, 3)), ("SPAN", (2, 0), (8, 0)), ("SPAN", (2, 1), (5, 1)), ("SPAN", (7, 1), (8, 1)),
            ("SPAN", (2, 2), (5, 2)), ("SPAN", (7, 2), (8, 2)), ("SPAN", (2, 3), (8, 3)),
        ])
    lab = w.data["person"]
    age = "" if p.age is None else str(p.age)
    rows = [
        [c(label), c(lab["name"]), c(p.name), c(lab["sex"]), c(w.sex(p.sex)), c(lab["ethnicity"]),
         c(p.ethnicity or ""), c(lab["age"]), c(age)],
        ["", c(lab["occupation"]), c(p.occupation or ""), "", "", "", c(lab["phone"]), c(p.phone or ""), ""],
        ["", c(lab["address"]), c(p.address or ""), "", "", "", "", "", ""],
    ]
    extra: list[tuple[Any, ...]] = []
    if signs_through_guardian(p):  # (mirrors a unit's 法定代表人 line)
        rows.append(["", c(lab.get("guardian", GUARDIAN)), c(guardian_line(r, p)), "", "", "", "", "", ""])
        extra.append(("SPAN", (2, 3), (8, 3)))
    return r.grid(rows, widths, extra=[
        ("SPAN", (0, 0), (0, len(rows) - 1)), ("SPAN", (2, 1), (5, 1)), ("SPAN", (7, 1), (8, 1)),
        ("SPAN", (2, 2), (8, 2)), *extra,
    ])


SLOT_HEIGHT = 20 * mm
ORG_SLOT_HEIGHT = 30 * mm  # an organisation's slot: room for its seal (≈ 40 mm, stamped over the name) and a signature
HEADING_HEIGHT = 10 * mm
# wording a township may override in its common.json (these are the defaults when the key is absent)
ORG_SEAL = "（盖章）"
ORG_SIGNATURE = "{representative}（签名）："
GUARDIAN = "法定代理人"
GUARDIAN_RELATION = "{name}（系其{relation}）"
GUARDIAN_PHONE = "联系方式：{phone}"
GUARDIAN_ADDRESS = "住址：{address}"
GUARDIAN_CONTACT = "{phone}（法定代理人{name}）"
GUARDIAN_SIGNATURE = "法定代理人{name}（签名）："
GUARDIANS_SIGN = "法定代理人（签名）："  # a record's line of signatures (调解记录, 受理登记表)


def _word(r: DocumentRenderer, key: str, default: str) -> str:
    value = r.wording.data.get(key)
    return value if isinstance(value, str) else default


def slot_rows(parties: tuple[PartySnapshot, ...]) -> list[float]:
    """The height of each row of signature slots (two slots a row; a row with an organisation, or with a party whose
    法定代理人 signs, is taller)."""
    return [ORG_SLOT_HEIGHT if any(p.is_organisation or signs_through_guardian(p) for p in parties[i:i + 2])
            else SLOT_HEIGHT for i in range(0, len(parties), 2)]


def _organisation_slot(r: DocumentRenderer, p: PartySnapshot) -> list[Any]:
    """An organisation signs through its representative and adds its seal (DOMAIN.md 8): the name with
    「（盖章）」 where the seal goes, and the representative's signature line; no fingerprint box."""
    representative = r.wording.data.get("organisation", {}).get("representative", "法定代表人或主要负责人")
    return [r.cell(p.name + _word(r, "organisation_seal", ORG_SEAL), "small"), Spacer(1, 11 * mm),
            r.cell(_word(r, "organisation_signature", ORG_SIGNATURE).format(representative=representative), "small")]


def _guardian_slot(r: DocumentRenderer, p: PartySnapshot) -> list[Any]:
    """A minor (or a person with a guardian) signs through their 法定代理人: the party's name, then the 法定代理人's
    signature line (named when recorded); the fingerprint box beside it is the 法定代理人's."""
    name = f"　{p.representative}　" if p.representative else "＿＿＿＿"
    return [r.cell(p.name, "small"), Spacer(1, 11 * mm),
            r.cell(_word(r, "guardian_signature", GUARDIAN_SIGNATURE).format(name=name), "small")]


def signature_slots(r: DocumentRenderer, parties: tuple[PartySnapshot, ...], heading: str | None) -> Table:
    """A slot per party, two a row: a person has room to sign and a box for the fingerprint (a minor's, or a ward's:
    their 法定代理人's signature line under their name); an organisation has room for its seal and its
    representative's signature. The heading repeats on every page the slots run
    over (668 parties). Without a heading: the rest of a list begun above."""
    half = r.frame_width / 2
    rows: list[list[Any]] = [[r.para(heading, "heading"), "", "", ""]] if heading else []
    top = 1 if heading else 0
    slots: list[list[Any]] = []
    for p in parties:
        if p.is_organisation:
            slots.append([_organisation_slot(r, p), ""])
        elif signs_through_guardian(p):
            slots.append([_guardian_slot(r, p), r.cell(r.wording["fingerprint"], "small")])
        else:
            slots.append([r.cell(p.name, "small"), r.cell(r.wording["fingerprint"], "small")])
    for i in range(0, len(slots), 2):
        pair = slots[i:i + 2] + ([["", ""]] if i + 1 >= len(slots) else [])
        rows.append([pair[0][0], pair[0][1], pair[1][0], pair[1][1]])
    heights = [HEADING_HEIGHT] * top + slot_rows(parties)
    table = Table(rows, colWidths=[half - 22 * mm, 22 * mm] * 2, rowHeights=heights, hAlign="LEFT", repeatRows=top)
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.BODY)]
    if heading:
        style += [("SPAN", (0, 0), (3, 0)), ("LEFTPADDING", (0, 0), (0, 0), 0)]
    for i, p in enumerate(parties):  # a line to sign on, and a box for the fingerprint, only where a party is
        row, col = top + i // 2, 2 * (i % 2)
        if p.is_organisation:
            style += [("SPAN", (col, row), (col + 1, row)), ("LINEBELOW", (col, row), (col + 1, row), 0.4, "grey")]
        else:
            style += [("LINEBELOW", (col, row), (col, row), 0.4, "grey"),
                      ("BOX", (col + 1, row), (col + 1, row), 0.4, "grey")]
    table.setStyle(TableStyle(style))
    return table


def closing(r: DocumentRenderer, left: list[str], right: list[str], heights: list[float]) -> Table:
    """Two columns at the foot of a form: signatures on the left, committee, seal and date on the right."""
    half = r.frame_width / 2
    n = max(len(left), len(right))
    rows: list[list[Any]] = [[r.para(left[i]) if i < len(left) else "",
                              r.para(right[i], "centre") if i < len(right) else ""] for i in range(n)]
    # a long committee's name on two lines pushes the seal and the date down rather than running into them
    fitted = at_least(rows, [half, half], list(heights[:n]), [], across=6 + 6, down=3 + 3)
    table = Table(rows, colWidths=[half, half], rowHeights=fitted, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.BODY)]))
    return table


def _height(r: DocumentRenderer, flowables: list[Flowable]) -> float:
    """What these flowables take down a page of ``r`` (each wrapped to the frame's width; the frame wraps them
    again where it puts them)."""
    page = r.pagesize[1] - r.top_margin - r.bottom_margin
    return float(sum(f.wrap(r.frame_width - 12, page)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                     for f in flowables))


def signed_end(r: DocumentRenderer, lead: list[Flowable], parties: tuple[PartySnapshot, ...], heading: str | None,
               foot: Flowable, *, before: float = 5 * mm, after: float = 6 * mm) -> list[Flowable]:
    """The end of a form the parties sign: its last words (``lead``: the declaration, 本协议一式…), the parties'
    slots, then ``foot`` (committee, seal and date; the mediator's signature). Signatures, a seal or a date never
    stand on a page of their own, cut off from what they sign: when the whole end fits on a page it is kept
    together (moved to the next page whole if it must); a list of slots longer than a page flows over pages under
    its heading, repeated on each, and its last row stays with the foot (668 households)."""
    whole = [*lead, Spacer(1, before), signature_slots(r, parties, heading), Spacer(1, after), foot]
    frame = r.pagesize[1] - r.top_margin - r.bottom_margin - 12  # (the frame's padding, 6 pt above and below)
    rows = slot_rows(parties)
    if len(rows) <= 1 or _height(r, whole) <= frame:
        return [KeepTogether(whole)]
    cut = 2 * (len(rows) - 1)
    return [KeepTogether(lead), Spacer(1, before), signature_slots(r, parties[:cut], heading),
            KeepTogether([signature_slots(r, parties[cut:], None), Spacer(1, after), foot])]


def kept_with_last(story: list[Flowable], gap: float, foot: Flowable) -> list[Flowable]:
    """``story`` ending in ``foot`` (the signatures and date of a record), which goes to the next page with the
    story's last flowable rather than alone (a page holding only 「被调查人（签名）」 or a date ties nothing)."""
    if not story:
        return [KeepTogether([foot])]
    return [*story[:-1], KeepTogether([story[-1], Spacer(1, gap), foot])]
