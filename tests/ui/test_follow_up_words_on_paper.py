"""The 回访记录 prints what the 回访 form offers: the mediator chose 「未表示意见」, the paper said 「□未表示」."""

from __future__ import annotations

from mediation_desktop.documents.wording import Wording
from mediation_desktop.ui.case.follow_up_dialog import SATISFIED
from mediation_desktop.ui.forms.case.follow_up_dialog import Ui_FollowUpDialog


def test_each_satisfaction_the_form_offers_is_printed_in_the_same_words(qtbot):
    from PySide6.QtWidgets import QDialog

    holder = QDialog()
    qtbot.addWidget(holder)
    form = Ui_FollowUpDialog()
    form.setupUi(holder)  # (the form's own Chinese items, before any translation)
    offered = [form.satisfiedBox.itemText(i) for i in range(form.satisfiedBox.count())]
    printed = [Wording("followup").data["satisfaction"][key] for key in SATISFIED]
    assert printed == offered == ["满意", "不满意", "未表示意见"]
