"""The sections of the case window as HTML (every user-typed value escaped)."""

from __future__ import annotations

from html import escape
from typing import Any

from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.enums import LABELS_ZH
from mediation_desktop.domain.lifecycle import STATUS_LABELS_ZH
from mediation_desktop.services.case_detail import CaseDetail

_CN_NUM = "一二三四五六七八九十"
_SEX = {"male": "男", "female": "女"}


def _v(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return escape(str(LABELS_ZH.get(value, value)) if isinstance(value, str) else str(value))


def _table(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(f"<tr><th align='left' style='padding-right:12px'>{escape(k)}</th><td>{_v(v)}</td></tr>"
                    for k, v in rows)
    return f"<table cellspacing='4'>{cells}</table>"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>") if value else "—"


def registration(d: CaseDetail) -> str:
    c = d.case
    parts = [f"<h3>{escape(c.case_no)}　{escape(c.title)}</h3>", _table([
        ("状态", STATUS_LABELS_ZH[c.status]), ("纠纷类型", scheme(CURRENT_SCHEME).label(c.category_code)),
        ("案件来源", c.source.value), ("登记日期", c.registered_on), ("受理日期", c.accepted_on),
        ("结案日期", c.closed_on), ("涉及金额（元）", c.amount_involved), ("调解员", c.mediator_name),
        ("有激化风险", c.escalation_risk), ("不公开调解", c.non_public)]),
        f"<h4>纠纷简要情况</h4><p>{_text(c.summary)}</p>"]
    if c.requests:
        parts.append("<h4>申请事项</h4><ol>" + "".join(f"<li>{escape(r)}</li>" for r in c.requests) + "</ol>")
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
            _v(p.role.value), escape(p.name), _v(_SEX.get(p.sex or "")), _v(p.age), _v(p.id_number), _v(p.phone),
            _v(p.address))) + "</tr>"
        for p in d.parties)
    parts.append("<h4>当事人</h4><table border='1' cellspacing='0' cellpadding='4'><tr><th>身份</th><th>姓名或名称</th>"
                 f"<th>性别</th><th>年龄</th><th>证件号码</th><th>电话</th><th>住址</th></tr>{rows}</table>")
    return "".join(parts)


def investigations(d: CaseDetail) -> str:
    if not d.investigations:
        return "<p>还没有调查记录。</p>"
    return "".join(
        f"<h4>{i.held_at.astimezone():%Y-%m-%d %H:%M}　{escape(i.place)}</h4>"
        + _table([("被调查人", i.interviewee), ("调查人", i.investigator), ("记录人", i.recorder)])
        + f"<p>{_text(i.record)}</p>" for i in d.investigations)


def sessions(d: CaseDetail) -> str:
    if not d.sessions:
        return "<p>还没有调解记录。</p>"
    out = []
    for n, s in enumerate(d.sessions, start=1):
        label = _CN_NUM[n - 1] if n <= 10 else str(n)
        out.append(f"<h4>第{label}次调解　{s.held_at.astimezone():%Y-%m-%d %H:%M}　{escape(s.place)}</h4>"
                   + _table([("方式", "背靠背" if s.back_to_back else "面对面"), ("结果", s.result.value),
                             ("调解员", s.mediator), ("记录人", s.recorder), ("参加人", s.participants)])
                   + f"<p>{_text(s.record)}</p>")
    return "".join(out)


def agreements(d: CaseDetail) -> str:
    if not d.agreements:
        return "<p>还没有协议。</p>"
    out = []
    for a in d.agreements:
        state = {"draft": "草稿", "signed": "已签署（锁定）", "superseded": "已被更正版本取代"}[a.status.value]
        terms = "".join(f"<p>{_CN_NUM[i] if i < 10 else i + 1}、{escape(t)}</p>" for i, t in enumerate(a.terms))
        out.append(f"<h4>{_v(a.form.value)}　第{a.version}版　{state}</h4>" + _table([
            ("编号", a.number), ("生效日期", a.effective_on), ("履行方式", a.performance_method),
            ("履行地点", a.performance_place), ("履行期限", a.performance_deadline), ("金额（元）", a.amount),
            ("份数", a.copies), ("履行情况", a.performance.value)]) + terms)
    return "".join(out)


def follow_ups(d: CaseDetail) -> str:
    if not d.follow_ups:
        return "<p>还没有回访记录。</p>"
    return "".join(
        f"<h4>{f.visited_on}　回访 {escape(f.visitee)}</h4>" + _table([
            ("回访事由", f.reason), ("履行情况", f.performance.value), ("当事人满意", f.satisfied),
            ("另行起诉", f.new_lawsuit), ("回访人", f.visitor)]) + f"<p>{_text(f.findings)}</p>"
        for f in d.follow_ups)


def attachments(d: CaseDetail) -> str:
    if not d.attachments:
        return "<p>还没有附件。</p>"
    return "<ul>" + "".join(f"<li>{escape(a.filename)}（{a.size // 1024 + 1} KB）{escape(a.description)}</li>"
                            for a in d.attachments) + "</ul>"


def audit(d: CaseDetail) -> str:
    rows = "".join(f"<tr><td>{e.at.astimezone():%Y-%m-%d %H:%M:%S}</td><td>{escape(e.actor)}</td>"
                   f"<td>{escape(e.action)}</td><td>{escape(e.entity_type)}</td><td>{_v(e.reason)}</td></tr>"
                   for e in d.audit)
    return ("<table border='1' cellspacing='0' cellpadding='3'><tr><th>时间</th><th>操作人</th><th>操作</th>"
            f"<th>对象</th><th>原因</th></tr>{rows}</table>")


SECTIONS = (("受理登记", registration), ("调查记录", investigations), ("调解记录", sessions), ("协议", agreements),
            ("回访", follow_ups), ("附件", attachments), ("日志", audit))
