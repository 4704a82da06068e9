"""Messages of agreements (协议书 and 口头协议): signing, 分期履行's days, 司法确认; registered into the shared
catalogue."""

from __future__ import annotations

AGREEMENT_MESSAGES: dict[str, tuple[str, str]] = {
    "agreement.locked": (
        "协议书已经签署，不能再修改。如需更正，请新建一个更正版本。",
        "The agreement is signed and locked. To correct it, create a new version.",
    ),
    "agreement.no_terms": ("协议至少要有一条内容。", "An agreement needs at least one term."),
    "agreement.copies": ("协议份数至少为 {min} 份（每位当事人一份，调委会一份）。",
                         "At least {min} copies are needed (one per party and one for the committee)."),
    "agreement.signed_in_future": ("签署日期 {date} 还没有到：只能登记已经签署的协议。",
                                   "The signing date {date} is in the future: only an agreement already signed can "
                                   "be recorded."),
    "agreement.signed_before_accepted": ("签署日期 {date} 早于案件的受理日期 {accepted}：协议只能在受理之后签署。",
                                         "The signing date {date} is before the case was accepted ({accepted}): an "
                                         "agreement is signed after the case is accepted."),
    "agreement.confirmation_not_signed": (
        "只有已签署生效的书面调解协议才能申请司法确认（人民调解法第三十三条）。",
        "Only a signed written agreement, which is in effect, can be put to a court for judicial confirmation "
        "(art. 33)."),
    "agreement.confirmation_court": ("请填写受理司法确认申请的人民法院。",
                                     "Enter the court the application for judicial confirmation was made to."),
    "agreement.confirmation_before_effect": ("申请司法确认的日期 {date} 早于协议生效日期 {effective_on}。",
                                             "The application date {date} is before the agreement took effect "
                                             "({effective_on})."),
    "agreement.confirmation_in_future": ("日期 {date} 还没有到，不能登记。",
                                         "The date {date} is in the future and cannot be recorded."),
    "agreement.confirmed_before_applied": ("法院确认日期 {date} 早于申请日期 {applied_on}。",
                                           "The court's confirmation ({date}) is dated before the application "
                                           "({applied_on})."),
    "agreement.deadline_before_terms": (
        "协议的履行期限 {date} 早于第 {n} 项自己的履行期限 {term_date}："
        "分期履行时，协议的履行期限应当是最后一期的日期或更晚（也可以不填，由各项的期限为准）。没有作任何改动。",
        "The agreement's deadline {date} is before term {n}'s own deadline ({term_date}): with instalments, the "
        "agreement's deadline is the last instalment's day or later (or leave it empty: each term's own day "
        "counts). Nothing was changed."),
    "agreement.deadline_before_signing": (
        "履行期限 {date} 早于协议的签署（达成）日期 {signed}：履行期限应在协议之后，请核对。没有作任何改动。",
        "The deadline {date} is before the agreement was signed (reached) on {signed}: a deadline comes after the "
        "agreement; please check it. Nothing was changed."),
    "agreement.term_deadline_before_signing": (
        "第 {n} 项的履行期限 {date} 早于协议的签署（达成）日期 {signed}："
        "履行期限应在协议之后，请核对。没有作任何改动。",
        "Term {n}'s deadline {date} is before the agreement was signed (reached) on {signed}: a deadline comes after "
        "the agreement; please check it. Nothing was changed."),
}
