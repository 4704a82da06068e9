"""Reading a ledger's 调解结果 cell as clerks write it: the outcome, what it says of performance, and the words it
does not understand (named to the user, kept with the case).

A success word negated is no success: 未成功, 调解未成功, 没有成功, 未能达成协议, 调不成, 调解未果, 调解失败,
协商破裂 all read as 调解不成; whichever part of the cell negates a success, the whole cell is not a success. A
withdrawn application (当事人撤回申请, 撤诉) has no outcome of its own in the program: alone, it refuses its row and
says which outcome to write instead (终止调解, or 不予调解 when it was never accepted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mediation_desktop.domain.enums import Performance
from mediation_desktop.reports.ledger_parse import CellError, text

#: words before a success word that deny it (longest first, so 未能 is one negation, not 未 then 能)
NEGATORS = ("未能", "未曾", "尚未", "没有", "没能", "无法", "不能", "难以", "未", "没", "不", "无")
#: what clerks write for a settled dispute; 成 covers 成功 and 调成, 调结 / 调处 are the local verbs
SUCCESS_STEMS = ("达成", "成", "调结", "化解", "解决", "和解")
_NEGATED = re.compile("(?:{})(?:能|够)?(?:调解|调处|协商|调)?(?:{})".format("|".join(NEGATORS),
                                                                        "|".join(SUCCESS_STEMS)))
#: failure said without a negated success word
_FAILED = ("未果", "无果", "失败", "破裂", "终止", "达不成", "调不成", "调不了", "调解不了", "不成")
#: (word, outcome) tried in this order after the declined words and the failures
_DECLINED = (("不予", "out:declined"), ("不属于", "out:declined"), ("不受理", "out:declined"))
_OTHER = (("中止", "out:suspended"), ("移交", "out:referred"), ("调解中", "out:open"), ("正在", "out:open"),
          ("未结", "out:open"), ("在办", "out:open"), ("办理中", "out:open"), ("延期", "out:open"))
_SUCCESS = ("成功", "调结", "达成", "化解", "解决", "和解", "调处完毕", "调成")
#: a withdrawn application: the program has no such outcome (``ledger.row.outcome_withdrawn``)
_WITHDRAWN = ("撤回", "撤诉", "撤销申请", "撤销调解申请", "撤案", "撤销调解")

#: the ledger's own words about performance (履行情况) where they stand in the 调解结果 cell, in the order they are
#: tried (部分履行 and 尚未履行 before 未履行, 未履行 before 履行): a bare 履行 says nothing of how far
_PERFORMANCE_WORDS = (("部分履行", Performance.PARTIAL), ("履行部分", Performance.PARTIAL),
                      ("部分兑现", Performance.PARTIAL), ("尚未履行", Performance.PENDING),
                      ("尚未兑现", Performance.PENDING), ("履行中", Performance.PENDING),
                      ("正在履行", Performance.PENDING), ("未到期", Performance.PENDING),
                      ("未履行", Performance.NOT_DONE), ("没有履行", Performance.NOT_DONE),
                      ("不履行", Performance.NOT_DONE), ("未兑现", Performance.NOT_DONE),
                      ("已履行", Performance.DONE), ("履行完毕", Performance.DONE), ("履行完", Performance.DONE),
                      ("已兑现", Performance.DONE), ("当场兑现", Performance.DONE), ("当场履行", Performance.DONE),
                      ("即时履行", Performance.DONE), ("已付清", Performance.DONE), ("已结清", Performance.DONE),
                      ("已支付", Performance.DONE), ("已给付", Performance.DONE), ("已赔付", Performance.DONE))
_FORM_WORDS = ("口头", "书面", "协议书")
_RESULT_PARTS = re.compile(r"[，,、；;。．.：:（）()/]+")


@dataclass(frozen=True)
class Result:
    """A 调解结果 cell read: the outcome (out:success …), what it says of performance, and its parts (between
    commas) that say neither — named to the user and kept with the case, never silently dropped."""

    outcome: str | None
    performance: Performance | None
    unread: tuple[str, ...] = ()


def outcome_of(part: str) -> str | None:
    """The outcome one part of the cell states (no punctuation, no spaces), or None."""
    for word, key in _DECLINED:
        if word in part:
            return key
    if _NEGATED.search(part) or any(word in part for word in _FAILED):
        return "out:failed"
    for word, key in _OTHER:
        if word in part:
            return key
    return "out:success" if any(word in part for word in _SUCCESS) else None


def parse_result(value: Any) -> Result:
    """调解结果 as the ledger writes it: 「调解成功，已履行」 is a success performed; a cell with no word of an outcome
    or of performance refuses its row (``ledger.row.outcome``); a performance word alone (已履行) says the dispute
    was settled. A part that fails (未成功, 调解未果) outweighs a part that says success: never read as settled."""
    raw = text(value)
    found: list[str] = []
    performance: Performance | None = None
    unread: list[str] = []
    withdrawn = False
    for part in _RESULT_PARTS.split("".join(raw.split())):
        if not part:
            continue
        perf = next((p for word, p in _PERFORMANCE_WORDS if word in part), None)
        outcome = outcome_of(part)
        if perf is not None and outcome == "out:failed" and not _fails_beyond_performance(part):
            outcome = None  # (未履行 is about performance, not the mediation)
        if perf is not None and outcome == "out:open" and "未结" not in part:  # (正在履行 is no 正在调解)
            outcome = None
        performance = performance or perf
        if outcome is not None:
            found.append(outcome)
        withdrawn = withdrawn or any(word in part for word in _WITHDRAWN)
        if perf is None and outcome is None and not any(word in part for word in _FORM_WORDS):
            unread.append(part)
    outcome = next((o for o in found if o != "out:success"), found[0] if found else None)
    if outcome is None and performance is not None:
        outcome = "out:success"
    if outcome is None:
        if not raw:
            return Result(None, None)
        raise CellError("ledger.row.outcome_withdrawn" if withdrawn else "ledger.row.outcome", value=raw)
    if outcome != "out:success":
        performance = None  # (a case that did not settle has no agreement to perform)
    return Result(outcome, performance, tuple(unread))


def _fails_beyond_performance(part: str) -> bool:
    """Whether ``part`` fails once its performance words are taken out (「调解不成未履行」 still fails)."""
    rest = part
    for word, _perf in _PERFORMANCE_WORDS:
        rest = rest.replace(word, "|")
    return any(outcome_of(piece) == "out:failed" for piece in rest.split("|") if piece)
