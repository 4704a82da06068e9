"""Chinese numerals for numbered terms (一、二、…) and counts (一式三份)."""

from __future__ import annotations

_DIGITS = "〇一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百〇五, 669 → 六百六十九 (0 < n < 10000)."""
    if not 0 < n < 10000:
        return str(n)
    out = []
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                out.append("〇")
                pending_zero = False
            out.append(("" if digit == 1 and unit == "十" and not out else _DIGITS[digit]) + unit)
        elif out and rest:
            pending_zero = True
    if rest:
        if pending_zero:
            out.append("〇")
        out.append(_DIGITS[rest])
    return "".join(out)


def term_label(index: int) -> str:
    """The label of the ``index``-th term (1-based): 一、"""
    return chinese_number(index) + "、"


_SENTENCE_ENDS = "。！？!?…"
_CLOSERS = "）)」』”’》】"
_PAUSES = "，,、；;：: "


def dated_term(index: int, term: str, deadline: str | None) -> str:
    """A numbered term as printed; with its own 履行期限 (``deadline``, the wording's 「{term}，于{date}前履行完毕。」
    already filled but for the term) it ends with that day: 「一、张三向李四支付5000元，于2027年1月31日前履行完毕。」"""
    sentence = end_sentence(term)
    if deadline is None:
        return term_label(index) + sentence
    return term_label(index) + deadline.format(term=sentence.removesuffix("。"))


def end_sentence(text: str) -> str:
    """A term as a sentence: 「。」 added where its end punctuation is missing (a trailing comma or semicolon
    becomes 「。」), never doubled — 「…元。」 and 「…（见附件）。」 stay as they are."""
    body = text.rstrip()
    while body and body[-1] in _PAUSES:
        body = body[:-1].rstrip()
    core = body.rstrip(_CLOSERS)
    if not body or (core and core[-1] in _SENTENCE_ENDS):
        return body
    return body + "。"
