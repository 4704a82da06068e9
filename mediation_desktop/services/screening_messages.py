"""Messages of the screening register and the mediator roster, registered into the shared catalogue."""

from __future__ import annotations

SCREENING_MESSAGES: dict[str, tuple[str, str]] = {
    "screening.not_found": ("没有找到这次排查记录。", "This screening record was not found."),
    "screening.finding_not_found": ("没有找到这条排查发现的纠纷。", "This dispute found by a screening was not found."),
    "screening.future_date": ("排查日期 {value} 还没到，请填写实际排查的日期。",
                              "The screening date {value} is in the future; enter the day it was held."),
    "screening.no_place": ("请填写排查地点或走访的户。", "Enter where the screening was held or which households were "
                           "visited."),
    "screening.households": ("走访户数“{value}”不是有效的数字。",
                             "The number of households '{value}' is not a number."),
    "screening.too_long": ("“{field}”太长了（最多 {max} 个字）。", "'{field}' is too long (at most {max} characters)."),
    "screening.empty_finding": ("发现的纠纷第 {n} 条没有写情况。", "Dispute {n} found has no description."),
    "screening.linked": ("这条纠纷已经登记为案件了。", "This dispute is already registered as a case."),
    "screening.date": ("排查日期“{value}”看不懂，请写成 2026-05-12。",
                       "The date '{value}' is not understood; write 2026-05-12."),
    "screening.added": ("已登记 {date} 的排查，发现纠纷 {found} 件。",
                        "Recorded the screening of {date}: {found} disputes found."),
    "screening.state.open": ("待处理", "open"),
    "screening.state.prevented": ("已就地化解", "settled on the spot"),
    "mediator.full_time": ("专职", "full-time"),
    "mediator.part_time": ("兼职", "part-time"),
    "mediator.active": ("在任", "serving"),
    "mediator.inactive": ("离任", "no longer serving"),
    "mediator.added": ("已把 {name} 加入调解员名册。", "Added {name} to the mediator roster."),
    "mediator.not_found": ("没有找到这名调解员。", "This mediator was not found."),
    "mediator.no_name": ("请填写调解员姓名。", "Enter the mediator's name."),
    "prevented.persons": ("涉及人数“{value}”不是有效的数字。", "The number of persons '{value}' is not a number."),
    "prevented.no_persons": ("请填写涉及人数（防止激化涉及几个人）。",
                             "Enter how many persons were involved in what was prevented."),
    "prevented.no_kind": ("填了涉及人数，请勾选防止的是哪一类（民转刑、群体性上访、自杀、群体性械斗）。",
                          "Tick what was prevented (crime, group petition, suicide, group fight) for these persons."),
}
