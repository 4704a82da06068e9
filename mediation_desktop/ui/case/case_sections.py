"""The sections of the case window as HTML (every user-typed value escaped), in the window's language."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mediation_desktop.documents.numerals import chinese_number
from mediation_desktop.domain.categories import scheme
from mediation_desktop.domain.china_time import in_china
from mediation_desktop.domain.enums import PartyKind
from mediation_desktop.domain.instalments import term_deadline_days
from mediation_desktop.domain.privacy import mask_id_number, mask_phone
from mediation_desktop.services.case_detail import CaseDetail
from mediation_desktop.ui.admin.audit_words import describe_action
from mediation_desktop.ui.common.labels import label
from mediation_desktop.ui.common.language import EN, current

translate = QCoreApplication.translate
# words used inside f-strings (lupdate reads only plain calls): listed here, looked up by ``_w``
_WORDS = (
    QT_TRANSLATE_NOOP("CaseSections", "纠纷简要情况"),
    QT_TRANSLATE_NOOP("CaseSections", "申请事项"),
    QT_TRANSLATE_NOOP("CaseSections", "当事人"),
    QT_TRANSLATE_NOOP("CaseSections", "还没有调查记录。"),
    QT_TRANSLATE_NOOP("CaseSections", "还没有调解记录。"),
    QT_TRANSLATE_NOOP("CaseSections", "还没有协议。"),
    QT_TRANSLATE_NOOP("CaseSections", "还没有回访记录。"),
    QT_TRANSLATE_NOOP("CaseSections", "回访"),
    QT_TRANSLATE_NOOP("CaseSections", "还没有附件。"),
)


def _w(text: str) -> str:
    assert text in _WORDS
    return translate("CaseSections", text)


def _v(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("CaseSections", "是") if value else translate("CaseSections", "否")
    if isinstance(value, Enum):
        return escape(label(value))
    return escape(str(value))


def _table(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(f"<tr><th align='left' style='padding-right:12px'>{escape(k)}</th><td>{_v(v)}</td></tr>"
                    for k, v in rows)
    return f"<table cellspacing='4'>{cells}</table>"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>") if value else "—"


def _sex(value: str | None) -> str:
    return {"male": translate("CaseSections", "男"), "female": translate("CaseSections", "女")}.get(value or "", "—")


def _category(code: str, version: str) -> str:
    try:
        return scheme(version).label(code, "en" if current() == EN else "zh")
    except (KeyError, ValueError):
        return code


def _from_ledger(extra: Any) -> list[tuple[str, Any]]:
    """For a case imported from an old ledger: its own number and the mark 据台账补录 (what it does not say is
    shown as 未记录 by the values themselves)."""
    if not isinstance(extra, dict) or "ledger_fingerprint" not in extra:
        return []
    rows = [(translate("CaseSections", "来源"), translate("CaseSections", "据台账补录"))]
    if extra.get("original_no"):
        rows.append((translate("CaseSections", "原编号"), str(extra["original_no"])))
    if extra.get("ledger_category"):
        rows.append((translate("CaseSections", "台账原纠纷类型"), str(extra["ledger_category"])))
    if extra.get("ledger_month_only"):
        rows.append((translate("CaseSections", "日期"), translate("CaseSections", "台账只记到月，记为当月1日")))
    return rows


def registration(d: CaseDetail, revealed: bool = False) -> str:
    """受理登记; ID numbers and phones masked unless ``revealed`` (an audited act)."""
    c = d.case
    id_number = (lambda v: v) if revealed else mask_id_number
    phone = (lambda v: v) if revealed else mask_phone
    parts = [f"<h3>{escape(c.case_no)}　{escape(c.title)}</h3>", _table([
        (translate("CaseSections", "状态"), c.status),
        (translate("CaseSections", "纠纷类型"), _category(c.category_code, c.category_scheme)),
        (translate("CaseSections", "案件来源"), c.source), (translate("CaseSections", "登记日期"), c.registered_on),
        (translate("CaseSections", "受理日期"), c.accepted_on), (translate("CaseSections", "结案日期"), c.closed_on),
        (translate("CaseSections", "涉及金额（元）"), c.amount_involved),
        (translate("CaseSections", "调解员"), c.mediator_name),
        (translate("CaseSections", "有激化风险"), c.escalation_risk),
        (translate("CaseSections", "不公开调解"), c.non_public), *_from_ledger(c.extra)]),
        f"<h4>{_w('纠纷简要情况')}</h4><p>{_text(c.summary)}</p>"]
    if c.requests:
        parts.append(f"<h4>{_w('申请事项')}</h4><ol>"
                     + "".join(f"<li>{escape(r)}</li>" for r in c.requests) + "</ol>")
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
            _v(p.role), escape(p.name), _sex(p.sex), _v(p.age), _v(id_number(p.id_number)), _v(phone(p.phone)),
            _v(p.address)))
        + "</tr>" + _guardian_row(p, id_number, phone) for p in d.parties)
    headers = (translate("CaseSections", "身份"), translate("CaseSections", "姓名或名称"),
               translate("CaseSections", "性别"), translate("CaseSections", "年龄"),
               translate("CaseSections", "证件号码"), translate("CaseSections", "电话"),
               translate("CaseSections", "住址"))
    parts.append(f"<h4>{_w('当事人')}</h4><table border='1' cellspacing='0' cellpadding='4'>"
                 + "<tr>" + "".join(f"<th>{h}</th>" for h in headers) + f"</tr>{rows}</table>")
    return "".join(parts)


def _guardian_row(p: Any, id_number: Callable[[str | None], str], phone: Callable[[str | None], str]) -> str:
    """A person's 法定代理人 under them, their ID number and phone masked as the party's are ("" without one)."""
    if p.kind != PartyKind.PERSON or not p.representative:
        return ""
    who = p.representative + (f"（{p.representative_title}）" if p.representative_title else "")
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
        translate("CaseSections", "法定代理人"), escape(who), "", "", _v(id_number(p.representative_id_number)),
        _v(phone(p.representative_phone)), _v(p.representative_address))) + "</tr>"


def investigations(d: CaseDetail) -> str:
    if not d.investigations:
        return f"<p>{_w('还没有调查记录。')}</p>"
    return "".join(
        f"<h4>{in_china(i.held_at):%Y-%m-%d %H:%M}　{escape(i.place)}</h4>"
        + _table([(translate("CaseSections", "被调查人"), i.interviewee),
                  (translate("CaseSections", "调查人"), i.investigator),
                  (translate("CaseSections", "在场人"), i.participants),
                  (translate("CaseSections", "记录人"), i.recorder)])
        + f"<p>{_text(i.record)}</p>" for i in d.investigations)


def sessions(d: CaseDetail) -> str:
    if not d.sessions:
        return f"<p>{_w('还没有调解记录。')}</p>"
    out = []
    for n, s in enumerate(d.sessions, start=1):
        number = str(n) if current() == EN else chinese_number(n)
        heading = translate("CaseSections", "第%1次调解").replace("%1", number)
        way = translate("CaseSections", "背靠背") if s.back_to_back else translate("CaseSections", "面对面")
        out.append(f"<h4>{heading}　{in_china(s.held_at):%Y-%m-%d %H:%M}　{escape(s.place)}</h4>"
                   + _table([(translate("CaseSections", "方式"), way), (translate("CaseSections", "结果"), s.result),
                             (translate("CaseSections", "调解员"), s.mediator),
                             (translate("CaseSections", "记录人"), s.recorder),
                             (translate("CaseSections", "参加人"), s.participants)])
                   + f"<p>{_text(s.record)}</p>")
    return "".join(out)


def agreements(d: CaseDetail) -> str:
    if not d.agreements:
        return f"<p>{_w('还没有协议。')}</p>"
    states = {"draft": translate("CaseSections", "草稿"), "signed": translate("CaseSections", "已签署（锁定）"),
              "superseded": translate("CaseSections", "已被更正版本取代")}
    out = []
    for a in d.agreements:
        days = term_deadline_days(a.term_deadlines)  # 分期履行: a term's own 履行期限 after it
        due = translate("CaseSections", "（%1前履行）")
        shown = [due.replace("%1", day.isoformat()) if day else "" for day in days] + [""] * len(a.terms)
        terms = "".join(f"<p>{i + 1}. {escape(t)}{shown[i]}</p>" for i, t in enumerate(a.terms))
        version = translate("CaseSections", "第 %1 版").replace("%1", str(a.version))
        rows: list[tuple[str, Any]] = [
            (translate("CaseSections", "编号"), a.number), (translate("CaseSections", "生效日期"), a.effective_on),
            (translate("CaseSections", "履行方式"), a.performance_method),
            (translate("CaseSections", "履行地点"), a.performance_place),
            (translate("CaseSections", "履行期限"), a.performance_deadline),
            (translate("CaseSections", "金额（元）"), a.amount), (translate("CaseSections", "份数"), a.copies),
            (translate("CaseSections", "履行情况"), a.performance)]
        if a.status.value == "signed" and a.form.value == "written" and a.effective_on is not None:
            rows += _confirmation_rows(a)
        out.append(f"<h4>{_v(a.form)}　{version}　{states[a.status.value]}</h4>" + _table(rows) + terms)
    return "".join(out)


def _confirmation_rows(a: Any) -> list[tuple[str, Any]]:
    """司法确认 (art. 33): the last day to apply until an application is recorded, then what was recorded."""
    from mediation_desktop.domain.deadlines import judicial_confirmation_deadline

    if a.confirmation_applied_on is None:
        return [(translate("CaseSections", "申请司法确认截止"), judicial_confirmation_deadline(a.effective_on))]
    return [(translate("CaseSections", "申请司法确认日期"), a.confirmation_applied_on),
            (translate("CaseSections", "受理法院"), a.confirmation_court),
            (translate("CaseSections", "法院确认日期"),
             a.confirmed_on or translate("CaseSections", "尚未裁定"))]


def follow_ups(d: CaseDetail) -> str:
    if not d.follow_ups:
        return f"<p>{_w('还没有回访记录。')}</p>"
    return "".join(
        f"<h4>{f.visited_on}　{_w('回访')} {escape(f.visitee)}</h4>" + _table([
            (translate("CaseSections", "回访事由"), f.reason), (translate("CaseSections", "履行情况"), f.performance),
            (translate("CaseSections", "当事人满意"), f.satisfied),
            (translate("CaseSections", "另行起诉"), f.new_lawsuit), (translate("CaseSections", "回访人"), f.visitor)])
        + f"<p>{_text(f.findings)}</p>" for f in d.follow_ups)


def attachments(d: CaseDetail) -> str:
    if not d.attachments:
        return f"<p>{_w('还没有附件。')}</p>"
    return "<ul>" + "".join(f"<li>{escape(a.filename)}（{a.size // 1024 + 1} KB）{escape(a.description)}</li>"
                            for a in d.attachments) + "</ul>"


def audit(d: CaseDetail) -> str:
    # what was done in the window's words, as the main log says it (登记案件 · 新增当事人); the codes stay in the
    # database and the command line's audit output
    rows = "".join(f"<tr><td>{in_china(e.at):%Y-%m-%d %H:%M:%S}</td><td>{escape(e.actor)}</td>"
                   f"<td>{escape(describe_action(e.action, e.entity_type))}</td><td>{_v(e.reason)}</td></tr>"
                   for e in d.audit)
    headers = (translate("CaseSections", "时间"), translate("CaseSections", "操作人"),
               translate("CaseSections", "操作"), translate("CaseSections", "原因"))
    return ("<table border='1' cellspacing='0' cellpadding='3'><tr>" + "".join(f"<th>{h}</th>" for h in headers)
            + f"</tr>{rows}</table>")


SECTIONS = (("受理登记", registration), ("调查记录", investigations), ("调解记录", sessions), ("协议", agreements),
            ("回访", follow_ups), ("附件", attachments), ("日志", audit))
