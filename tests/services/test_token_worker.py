"""The search tokens of an import's new cases, made in a second process, are exactly those made here."""

from __future__ import annotations

from mediation_desktop.services import token_worker
from mediation_desktop.services.search_keys import CaseText, case_tokens
from mediation_desktop.services.token_worker import TokenWorker

SURNAMES = "张王李赵单曾解欧阳司马"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def _texts(n: int) -> list[CaseText]:
    out = []
    for i in range(n):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + GIVEN[(i // 7) % len(GIVEN)]
        out.append(CaseText(f"{i:032x}", f"（2026）石桥村人调字第{i + 1}号", f"{name}与邻居宅基地纠纷",
                            f"双方因{GIVEN[i % 5]}家院墙发生争执，涉及金额{i * 10}元。",
                            names=[name, "李四"], numbers=[f"1380013{i:04d}", f"11010519491231{i % 1000:03d}X"]))
    return out


def test_a_second_process_makes_the_same_tokens_in_the_same_order():
    texts = _texts(token_worker.THRESHOLD + 7)
    worker = TokenWorker()
    worker.start(texts)
    assert worker._proc is not None  # (really made in the second process)
    assert worker.tokens() == [case_tokens(t) for t in texts]
    assert worker._proc is None  # the child is gone


def test_a_failed_second_process_leaves_the_tokens_to_this_one():
    texts = _texts(token_worker.THRESHOLD)
    worker = TokenWorker()
    worker.start(texts)
    assert worker._proc is not None
    worker._proc.kill()  # the child dies before it answers
    assert worker.tokens() == [case_tokens(t) for t in texts]


def test_few_cases_are_not_worth_a_process():
    texts = _texts(3)
    worker = TokenWorker()
    worker.start(texts)
    assert worker._proc is None
    assert worker.tokens() == [case_tokens(t) for t in texts]
