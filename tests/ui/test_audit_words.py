"""The log tab speaks the window's language: no action code, record name or field name of the program in the
Chinese window (they were shown as they are stored: ``demo.create_case``, ``{"case_no": …}``)."""

from __future__ import annotations

import re

from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.services import demo
from mediation_desktop.services.accounts import Actor
from mediation_desktop.services.audit_log import AuditFilter, audit_rows
from mediation_desktop.ui.admin.audit_view import AuditView
from mediation_desktop.ui.admin.audit_words import ACTIONS, describe_action, describe_content
from mediation_desktop.ui.common import language
from mediation_desktop.ui.common.labels import label

ASCII_WORD = re.compile(r"[A-Za-z_]{2,}")
FINGERPRINT = re.compile(r"[0-9a-f]{4}(?:-[0-9a-f]{4})+|\{[a-z]+\}")  # a key's fingerprint; the case-number pattern's {year}


def test_every_entry_of_a_working_log_reads_in_chinese(qtbot, db, director: Actor):
    demo.generate(db, count=30, seed=3)
    view = AuditView(db)
    qtbot.addWidget(view)
    view.viewer = director
    view.refresh()
    model = view.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() > 30
    for row in range(model.rowCount()):
        action, content = (model.data(model.index(row, col)) for col in (2, 5))
        assert not ASCII_WORD.search(action), action
        assert not ASCII_WORD.search(FINGERPRINT.sub("", content)), content
    assert "登记案件" in describe_action("case.register/create", "party")
    assert describe_action("case.register/create", "party") == "登记案件 · 新增当事人"


def test_a_change_shows_old_and_new_values_and_the_tooltip_keeps_the_codes(qtbot, db, director):
    data = {"before": {"status": "mediating", "case_id": "0" * 32, "amount": "1000.00"},
            "after": {"status": "agreed", "case_id": "0" * 32, "amount": "1500.00"}}
    assert describe_content(data) == f"调解中 → {label(CaseStatus.AGREED)}；1000.00 → 1500.00"
    rows = audit_rows(db, director, AuditFilter())
    view = AuditView(db)
    qtbot.addWidget(view)
    view.viewer = director
    view.refresh()
    from PySide6.QtCore import Qt

    tip = view.model.data(view.model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert rows and tip.startswith(rows[0].action)


def test_the_english_window_names_actions_in_english(qapp):
    language.switch(language.EN)
    try:
        assert describe_action("case.register/create", "party") == "Register case · added party"
        assert all(not re.search(r"[\u4e00-\u9fff]", describe_action(code, "party")) for code in ACTIONS)
    finally:
        language.switch(language.ZH)


def test_the_action_filter_takes_the_words_the_column_shows(qtbot, db, director):
    demo.generate(db, count=5, seed=1)
    view = AuditView(db)
    qtbot.addWidget(view)
    view.viewer = director
    view.action.setText("生成演示")
    view.refresh()
    shown = {view.model.data(view.model.index(r, 2)) for r in range(view.model.rowCount())}
    assert view.model.rowCount() == 5 and shown == {"生成演示案件"}
    view.action.setText("demo.")  # the code, as the command line shows it, still works
    view.refresh()
    assert view.model.rowCount() == 5
    view.action.setText("没有这种操作")
    view.refresh()
    assert view.model.rowCount() == 0
