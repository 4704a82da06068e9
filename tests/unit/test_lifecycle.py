"""The case lifecycle state machine."""

from __future__ import annotations

import re
from collections import deque
from itertools import product

import pytest

from mediation_desktop.domain.lifecycle import (
    ACTION_LABELS_EN,
    ACTION_LABELS_ZH,
    CLOSED_STATUSES,
    ERROR_KEYS,
    OPEN_STATUSES,
    REQUIRES_DIRECTOR,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    CaseAction,
    CaseStatus,
    IllegalTransition,
    allowed_actions,
    can_transition,
    transition,
)

S, A = CaseStatus, CaseAction

# Written out independently of the module, from the specification.
EXPECTED: dict[tuple[CaseStatus, CaseAction], CaseStatus] = {}
SPEC = [
    (A.ACCEPT, [S.REGISTERED], S.ACCEPTED),
    (A.DECLINE, [S.REGISTERED, S.ACCEPTED], S.DECLINED),
    (A.INVESTIGATE, [S.ACCEPTED, S.MEDIATING], S.INVESTIGATING),
    (A.MEDIATE, [S.ACCEPTED, S.INVESTIGATING], S.MEDIATING),
    (A.SUSPEND, [S.MEDIATING, S.INVESTIGATING], S.SUSPENDED),
    (A.RESUME, [S.SUSPENDED], S.MEDIATING),
    (A.AGREE, [S.MEDIATING], S.AGREED),
    (A.TERMINATE, [S.ACCEPTED, S.INVESTIGATING, S.MEDIATING, S.SUSPENDED], S.FAILED),
    (A.MARK_PERFORMED, [S.AGREED], S.PERFORMED),
    (A.REFER, [S.REGISTERED, S.ACCEPTED, S.INVESTIGATING, S.MEDIATING, S.SUSPENDED, S.FAILED], S.REFERRED),
    (A.ARCHIVE, [S.DECLINED, S.AGREED, S.PERFORMED, S.FAILED, S.REFERRED], S.ARCHIVED),
    (A.REOPEN, [S.ARCHIVED, S.FAILED], S.MEDIATING),
]
for _action, _sources, _target in SPEC:
    for _source in _sources:
        EXPECTED[(_source, _action)] = _target

ALL_PAIRS = list(product(CaseStatus, CaseAction))
LEGAL = [pair for pair in ALL_PAIRS if pair in EXPECTED]
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in EXPECTED]


def test_values() -> None:
    assert [s.value for s in CaseStatus] == [
        "registered", "accepted", "declined", "investigating", "mediating", "suspended",
        "agreed", "failed", "performed", "referred", "archived",
    ]  # fmt: skip
    assert [a.value for a in CaseAction] == [
        "accept", "decline", "investigate", "mediate", "suspend", "resume", "agree",
        "terminate", "mark_performed", "refer", "archive", "reopen",
    ]  # fmt: skip
    for action in CaseAction:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", action.value)


def test_pair_counts() -> None:
    assert len(LEGAL) == 29
    assert len(LEGAL) + len(ILLEGAL) == 11 * 12


@pytest.mark.parametrize(("status", "action"), LEGAL)
def test_legal_transition(status: CaseStatus, action: CaseAction) -> None:
    assert transition(status, action) is EXPECTED[(status, action)]
    assert can_transition(status, action)
    assert action in allowed_actions(status)


@pytest.mark.parametrize(("status", "action"), ILLEGAL)
def test_illegal_transition(status: CaseStatus, action: CaseAction) -> None:
    with pytest.raises(IllegalTransition) as info:
        transition(status, action)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.key == "case.illegal_transition" and error.key in ERROR_KEYS
    assert error.status is status and error.action is action
    assert error.params == {"status": status.value, "action": action.value}
    assert not can_transition(status, action)
    assert action not in allowed_actions(status)


@pytest.mark.parametrize("status", list(CaseStatus))
def test_allowed_actions_in_table_order(status: CaseStatus) -> None:
    expected = tuple(action for action, sources, _ in SPEC if status in sources)
    assert allowed_actions(status) == expected


def test_some_allowed_actions_literally() -> None:
    assert allowed_actions(S.REGISTERED) == (A.ACCEPT, A.DECLINE, A.REFER)
    assert allowed_actions(S.MEDIATING) == (A.INVESTIGATE, A.SUSPEND, A.AGREE, A.TERMINATE, A.REFER)
    assert allowed_actions(S.FAILED) == (A.REFER, A.ARCHIVE, A.REOPEN)
    assert allowed_actions(S.ARCHIVED) == (A.REOPEN,)
    assert allowed_actions(S.PERFORMED) == (A.ARCHIVE,)


def test_string_values_work() -> None:
    assert transition(CaseStatus("registered"), CaseAction("accept")) == "accepted"


def test_director_only() -> None:
    assert REQUIRES_DIRECTOR == frozenset({A.REOPEN})


def test_open_and_closed_partition() -> None:
    assert OPEN_STATUSES == {S.REGISTERED, S.ACCEPTED, S.INVESTIGATING, S.MEDIATING, S.SUSPENDED}
    assert not OPEN_STATUSES & CLOSED_STATUSES
    assert OPEN_STATUSES | CLOSED_STATUSES == set(CaseStatus)
    assert {S.AGREED, S.FAILED, S.ARCHIVED, S.DECLINED, S.PERFORMED, S.REFERRED} == CLOSED_STATUSES


def test_labels() -> None:
    assert set(STATUS_LABELS_ZH) == set(STATUS_LABELS_EN) == set(CaseStatus)
    assert set(ACTION_LABELS_ZH) == set(ACTION_LABELS_EN) == set(CaseAction)
    assert [ACTION_LABELS_ZH[a] for a in CaseAction] == [
        "受理", "不予调解", "调查", "调解", "中止", "恢复调解", "达成协议", "终止调解",
        "履行完毕", "移交", "归档", "重新开启",
    ]  # fmt: skip
    assert STATUS_LABELS_ZH[S.FAILED] == "调解不成（终止）"
    assert STATUS_LABELS_ZH[S.DECLINED] == "不予调解"
    for labels in (STATUS_LABELS_ZH, STATUS_LABELS_EN, ACTION_LABELS_ZH, ACTION_LABELS_EN):
        assert all(text.strip() for text in labels.values())
        assert len(set(labels.values())) == len(labels)


def _reachable(start: CaseStatus) -> set[CaseStatus]:
    seen, queue = {start}, deque([start])
    while queue:
        status = queue.popleft()
        for action in allowed_actions(status):
            nxt = transition(status, action)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def test_every_status_reachable_and_every_case_can_be_archived() -> None:
    assert _reachable(S.REGISTERED) == set(CaseStatus)
    for status in CaseStatus:
        assert S.ARCHIVED in _reachable(status), status


def test_typical_path() -> None:
    status = S.REGISTERED
    for action in (A.ACCEPT, A.INVESTIGATE, A.MEDIATE, A.SUSPEND, A.RESUME, A.AGREE, A.MARK_PERFORMED, A.ARCHIVE):
        status = transition(status, action)
    assert status is S.ARCHIVED
    assert transition(status, A.REOPEN) is S.MEDIATING
