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
    "screening.place_long": ("排查地点太长了（最多 {max} 个字）。",
                             "The place is too long (at most {max} characters)."),
    "screening.by_long": ("排查人太长了（最多 {max} 个字）。",
                          "The name of who screened is too long (at most {max} characters)."),
    "screening.finding_long": ("发现的纠纷情况太长了（最多 {max} 个字）。",
                               "A dispute's description is too long (at most {max} characters)."),
    "screening.note_long": ("备注太长了（最多 {max} 个字）。", "The note is too long (at most {max} characters)."),
    "mediator.name_long": ("调解员姓名太长了（最多 {max} 个字）。", "The name is too long (at most {max} characters)."),
    "screening.empty_finding": ("发现的纠纷第 {n} 条没有写情况。", "Dispute {n} found has no description."),
    "screening.case_not_own": ("案件 {case_no} 不是本调委会的案件：排查发现的纠纷只能记为本调委会登记的案件。",
                               "Case {case_no} is not this committee's: a dispute found by screening is linked to a "
                               "case this committee registered."),
    "screening.linked": ("这条纠纷已经登记为案件了。", "This dispute is already registered as a case."),
    "screening.linked_prevented": ("“{description}”已经登记为案件，不能再标为已就地化解：一条纠纷要么就地化解，"
                                   "要么登记为案件。",
                                   "'{description}' is registered as a case; it cannot also be marked settled on the "
                                   "spot: a dispute is either settled on the spot or registered as a case."),
    "screening.date": ("排查日期“{value}”看不懂，请写成 2026-05-12。",
                       "The date '{value}' is not understood; write 2026-05-12."),
    "screening.added": ("已登记 {date} 的排查，发现纠纷 {found} 件。",
                        "Recorded the screening of {date}: {found} disputes found."),
    "screening.state.open": ("待处理", "open"),
    "screening.state.prevented": ("已就地化解", "settled on the spot"),
    "screening.linked_done": ("已把这条排查发现的纠纷记为案件 {case}。",
                              "The dispute found by the screening is now linked to case {case}."),
    "screening.updated": ("已更正 {date} 的排查：发现纠纷 {found} 件，其中已就地化解 {prevented} 件。",
                          "Corrected the screening of {date}: {found} disputes found, {prevented} of them settled on "
                          "the spot."),
    "screening.set_nothing": ("请说明要改什么：--date、--place、--by、--households、--note、--found、--prevented、"
                              "--settled、--unsettled 或 --drop。",
                              "Say what to change: --date, --place, --by, --households, --note, --found, "
                              "--prevented, --settled, --unsettled or --drop."),
    "screening.prevented_taken_off": ("这条纠纷原来标为“已就地化解”，现在登记为案件，已去掉这个标记："
                                      "一条纠纷要么就地化解，要么登记为案件，不重复统计。",
                                      "This dispute was marked settled on the spot; now that it is registered as a "
                                      "case the mark is taken off: a dispute is either settled on the spot or "
                                      "registered as a case, never counted twice."),
    "screening.removed": ("已删除这次排查记录（审计日志里留有记录）。",
                          "The screening was removed (the audit log keeps what it was)."),
    "screening.none": ("还没有排查记录。", "No screenings have been recorded yet."),
    "mediator.none": ("调解员名册里还没有人。", "The mediator roster is empty."),
    "screening.none_hub": ("本单位还没有自己的排查记录。各村的排查随数据包汇入，只计入统计，不在这里列出。",
                           "This office has no screenings of its own yet. The villages' screenings come in with "
                           "their data bundles and are counted in the statistics only, not listed here."),
    "mediator.none_hub": ("本单位的调解员名册里还没有人。各村的名册随数据包汇入，只计入统计，不在这里列出。",
                          "This office's own mediator roster is empty. The villages' rosters come in with their "
                          "data bundles and are counted in the statistics only, not listed here."),
    "mediator.name_not_found": ("名册里没有叫{name}的调解员。", "No mediator named {name} is on the roster."),
    "mediator.several": ("名册里有 {count} 位叫{name}的调解员，请用 --id 指明是哪一位：{entries}",
                         "{count} mediators named {name} are on the roster; say which one with --id: {entries}"),
    "mediator.set_nothing": ("请说明要改什么：--inactive、--active、--full-time、--part-time 或 --phone。",
                             "Say what to change: --inactive, --active, --full-time, --part-time or --phone."),
    "mediator.updated": ("已更正调解员名册：{entry}", "Corrected the mediator roster: {entry}"),
    "mediator.full_time": ("专职", "full-time"),
    "mediator.part_time": ("兼职", "part-time"),
    "mediator.active": ("在任", "serving"),
    "mediator.inactive": ("离任", "no longer serving"),
    "mediator.added": ("已把 {name} 加入调解员名册。", "Added {name} to the mediator roster."),
    "mediator.not_found": ("没有找到这名调解员。", "This mediator was not found."),
    "mediator.same_name": ("名册里已有在任的{name}。如果是同名的另一个人，请说明后再添加。",
                           "{name} is already serving on the roster. If this is another person of the same name, "
                           "say so and add again."),
    "mediator.same_name_cli": ("名册里已有在任的{name}。如果确实是同名的另一个人，请加上 --same-name 再执行一次。",
                               "{name} is already serving on the roster. If this really is another person of the "
                               "same name, run the command again with --same-name."),
    "mediator.no_name": ("请填写调解员姓名。", "Enter the mediator's name."),
    "prevented.persons": ("涉及人数“{value}”不是有效的数字。", "The number of persons '{value}' is not a number."),
    "prevented.no_persons": ("请填写涉及人数（防止激化涉及几个人）。",
                             "Enter how many persons were involved in what was prevented."),
    "prevented.no_kind": ("填了涉及人数，请勾选防止的是哪一类（民转刑、群体性上访、自杀、群体性械斗）。",
                          "Tick what was prevented (crime, group petition, suicide, group fight) for these persons."),
}
