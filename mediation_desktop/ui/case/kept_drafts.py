"""A kept draft is offered back whenever its form is opened again, never overwritten unasked.

A form that keeps drafts — 受理登记 (``register_case--new``), 修改登记 (``edit_case--<case>``), every record form on
a case (``session--<case>`` …) and the agreement (``agreement--<case>``) — has one draft per form and record, and
autosaves into it while typed. So a form opened again for the same record while the user keeps a draft of it
first asks, in the words of the offer at sign-in, whether to go on with it: 接着填 fills the form with the draft;
丢弃草稿 discards it (the question says so) and the form starts afresh; 以后再说 (and Esc, and the question's
own close button) opens nothing and the draft stays kept. A fresh form never autosaves over a kept draft
the user was not asked about. Drafts are each user's own (``services/drafts.py``: the file name carries a digest
of the username): on a laptop shared by several mediators, another user's draft of the same form is neither
offered (it holds ID numbers) nor overwritten by this user's autosave, nor discarded by their 丢弃草稿.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from mediation_desktop.domain.china_time import in_china
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.drafts import Draft, DraftStore
from mediation_desktop.storage.database import Database
from mediation_desktop.ui.common.unsaved import Answer

REGISTER_FORM, REGISTER_KEY = "register_case", "new"  # (register_case_dialog's FORM, KEY)
EDIT_FORM = "edit_case"

Ask = Callable[[QWidget, str], Answer]


def draft_title(form: str) -> str | None:
    """What a draft of the form ``form`` is called in the offer (None: a form this version does not know)."""
    translate = QCoreApplication.translate  # (the texts are the main window's, in its context)
    titles = {"investigation": translate("MainWindow", "调查记录"),
              "session": translate("MainWindow", "调解记录"),
              "oral": translate("MainWindow", "口头协议"),
              "follow_up": translate("MainWindow", "回访记录"),
              "referral": translate("MainWindow", "移交"),
              "agreement": translate("MainWindow", "人民调解协议书"),
              EDIT_FORM: translate("MainWindow", "修改登记")}
    return titles.get(form)


def offer_text(draft: Draft, case_no: str = "") -> str:
    """The question offering ``draft`` back (``case_no``: the case of a draft on a case), saying what 丢弃草稿 does."""
    translate = QCoreApplication.translate
    when = in_china(draft.saved_at).strftime("%Y-%m-%d %H:%M")
    if draft.form == REGISTER_FORM:
        question = translate("MainWindow", "有一份没有填完的案件登记（%1 自动保存），要接着填吗？").replace("%1", when)
    else:
        question = (translate("MainWindow", "案件 %1 有一份没有填完的“%2”（%3 自动保存），要接着填吗？")
                    .replace("%1", case_no).replace("%2", draft_title(draft.form) or draft.form).replace("%3", when))
    return question + "\n" + translate("MainWindow", "选“丢弃草稿”将删除这份草稿；选“以后再说”保留它。")


def kept_draft(db: Database, actor: Actor, form: str, key: str) -> Draft | None:
    """The draft ``actor`` keeps of the form ``form`` for ``key``, if any."""
    return DraftStore(db.paths.drafts).load(form, key, actor.username)  # (never another user's)


def offer_kept(parent: QWidget, ask: Ask, db: Database, actor: Actor, form: str, key: str, case_no: str = "",
               *, still_here: Callable[[], bool]) -> tuple[bool, dict[str, Any] | None]:
    """Before the form ``form`` opens empty for ``key``: the user's kept draft of it, offered back.

    Returns (open the form?, the draft to fill it with). No kept draft: (True, None). 接着填: (True, the draft).
    丢弃草稿: the draft is discarded, (True, None). 以后再说 (Esc), or ``still_here()`` false after the question
    (a lock closed it unanswered): (False, None) and the draft stays, offered again next time.
    """
    draft = kept_draft(db, actor, form, key)
    if draft is None:
        return True, None
    answer = ask(parent, offer_text(draft, case_no))
    if not still_here():
        return False, None
    if answer is Answer.KEEP:
        return True, draft.data
    if answer is not Answer.DISCARD:
        return False, None
    DraftStore(db.paths.drafts).discard(form, key, actor.username)  # (theirs only)
    return True, None
