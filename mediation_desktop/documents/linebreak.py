"""Chinese line breaking (W3C clreq, 中文排版需求 §3.1.7 行首行尾禁则) for every paragraph of the documents.

ReportLab's own CJK wrapping (``wordWrap="CJK"``) misses most of the rules: its list of characters that may
not start a line lacks the full-width comma 「，」, 「；」「：」「？」「！」「》」「”」, it never looks at the
characters that may not end a line (「（」「《」「“」), and it breaks amounts (156,000元, 叁仟伍佰元) and case
numbers (「第103号」) anywhere. :class:`ClearParagraph` wraps with :func:`split_lines` instead:

- a line never starts with a closing or pause mark and never ends with an opening one;
- 「——」 and 「……」 stay whole;
- an amount, a number with its unit, a run of Latin letters and digits, 「（2026）」, a case number
  (「（2026）石桥村人调字第103号」, 「第103号」) and a tick box with its option (「□②人民调解委员会主动调解」) are
  never broken inside — unless one alone is wider than the line, which then breaks where it must; a box never
  ends a line.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

#: may not start a line: pause and stop marks, closing brackets and quotes, 间隔号, 连接号 (clreq §3.1.7)
CANNOT_START = frozenset(
    "，。、；：？！）」』】》〉〕〗〙〛”’·・%‰℃°′″!),.:;?]}%"
    "｝］｠｡｣､･～〜ー々〃ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
#: tick boxes (a form's 「□当事人申请」, 「■满意」): a box belongs to the label after it
BOXES = "□■☐☑☒▢▣"
#: may not end a line: opening brackets and quotes, currency signs, tick boxes
CANNOT_END = frozenset("（「『【《〈〔〖〘〚“‘([{｛［｟｢￥¥$＄£￡" + BOXES)

_CN_DIGIT = "零〇一二三四五六七八九十百千万亿两壹贰贰叁肆伍陆柒捌玖拾佰仟萬億"
# a whole case number: （2026）石桥村人调字第103号, 石桥调字〔2026〕12号
_CASE_NUMBER = re.compile("|".join([
    r"[（(〔\[［]\d{4}[）)〕\]］][^\s，。、；：？！（）()「」《》]{0,20}?第\s*\d+\s*号",
    r"[^\s，。、；：？！（）()「」《》]{1,10}〔\d{4}〕\d+号",
]))
_UNBREAKABLE = re.compile("|".join([
    # 第103号 (also inside a case number too long for the line)
    r"第\s*[\d" + _CN_DIGIT + r"]+\s*[号次条款项页组幢室]",
    # an amount in capitals: 叁仟伍佰元整, 人民币壹万元
    r"(?:人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万萬亿億]+[元圆](?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?",
    # a number with its unit: ¥156,000.00元, 2000元, 3.5万元, 30%, 2026年 …; a run of Latin letters and digits
    r"[¥￥$]?\d[\d,.]*\d?(?:\s*(?:万元|亿元|元整|元|圆|万|亿|%|％|‰|年|月|日|号|时|分|岁|人|户|份|页|平方米|米|亩))?",
    r"[A-Za-z0-9][A-Za-z0-9.,:/@_+\-]*",
    r"[（(〔\[［]\d{4}[）)〕\]］]",
    r"——+|……+|…+|—+",
    # a tick box with its option's label (「□②人民调解委员会主动调解」), up to the next box, space or pause mark
    "[" + BOXES + "][^\\s" + BOXES + "，。、；：（(]{1,15}",
]))


@functools.lru_cache(maxsize=4096)
def break_rules(text: str) -> tuple[bytes, ...]:
    """Where a line may break, strictest first: byte k is 1 where a break before character k is allowed.

    Every rule; then a case number may break (not its 「第103号」 nor an amount); then only the punctuation
    rules hold (a single word wider than the line)."""
    n = len(text)
    loose = bytearray(n + 1)
    for k in range(1, n):
        loose[k] = text[k] not in CANNOT_START and text[k - 1] not in CANNOT_END
    medium = bytearray(loose)
    for m in _UNBREAKABLE.finditer(text):
        medium[m.start() + 1:m.end()] = bytes(m.end() - m.start() - 1)
    strict = bytearray(medium)
    for m in _CASE_NUMBER.finditer(text):
        strict[m.start() + 1:m.end()] = bytes(m.end() - m.start() - 1)
    return bytes(strict), bytes(medium), bytes(loose)


#: after these a name's list or a title breaks well: 张三、李四与兴旺养殖场…, 王五等3人与…
_PHRASE_END = re.compile(r"等\d+[人户名家]|等|[与和及、，；]")
#: an organisation's name, from where a name starts (after 与、…) to its kind: 某某建筑工程有限公司, 兴旺养殖场
_ORGANISATION = re.compile(
    r"[^\s，、；：与和及（）()]{2,30}(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|合作社|委员会|医院|学校"
    r"|幼儿园|中心|工厂|厂|养殖场|农场|场|商店|店|超市|酒店|宾馆|站|所)")


def phrase_rules(text: str, keep: tuple[str, ...] = ()) -> tuple[bytes, ...]:
    """:func:`break_rules` for a short boxed field (a 卷名, a list of names), with two stricter rules first: break
    only between its phrases (after 「与」「、」「等3人」…, before or after a name in ``keep`` or an organisation's
    name); else anywhere but inside such a name."""
    rules = break_rules(text)
    n = len(text)
    whole = bytearray(rules[0])
    bounds: set[int] = {m.end() for m in _PHRASE_END.finditer(text)}
    spans = [(m.start(), m.end()) for m in _ORGANISATION.finditer(text)]
    for word in filter(None, keep):
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    for start, end in spans:
        whole[start + 1:end] = bytes(end - start - 1)
        bounds |= {start, end}
    preferred = bytearray(n + 1)
    for k in bounds:
        if 0 < k < n and whole[k]:
            preferred[k] = 1
    return (bytes(preferred), bytes(whole), *rules)


def _last_break(rules: bytes, start: int, end: int) -> int | None:
    """The last position in (start, end] where ``rules`` allow a break."""
    for k in range(end, start, -1):
        if rules[k]:
            return k
    return None


def line_ends(text: str, widths: list[float], max_widths: list[float], hard: frozenset[int] = frozenset(),
              rules: tuple[bytes, ...] | None = None) -> list[tuple[int, int, bool]]:
    """Where the lines of ``text`` end: (start, end, ends with a hard break) for each line, each as wide as
    ``max_widths`` allows (the last one for every further line), broken by ``rules`` (strictest first; by default
    :func:`break_rules`). ``hard``: the positions of ``<br/>`` placeholders."""
    rules = rules or break_rules(text)
    lines: list[tuple[int, int, bool]] = []
    start = i = 0
    used = 0.0
    n = len(text)
    while i < n:
        if i in hard:
            lines.append((start, i + 1, True))
            start = i = i + 1
            used = 0.0
            continue
        w = widths[i]
        if used + w > max_widths[min(len(lines), len(max_widths) - 1)] + _FUZZ and i > start:
            cut = next((k for k in (_last_break(r, start, i) for r in rules) if k), None)
            if cut is None:  # a column narrower than two characters: the marks hang in the margin instead
                cut = i
                while cut < n and text[cut] in CANNOT_START:
                    cut += 1
            lines.append((start, cut, False))
            start, i = cut, max(i, cut)
            used = sum(widths[start:i])
            continue
        used += w
        i += 1
    if start < n:
        lines.append((start, n, False))
    return lines


def split_lines(frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8",
                keep: tuple[str, ...] | None = None) -> ParaLines:
    """ReportLab's ``cjkFragSplit`` with the clreq rules: the same glyph list and line objects, other breaks
    (:func:`phrase_rules` with ``keep`` when given)."""
    glyphs: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        glyphs.extend(cjkU(t, f, encoding) for t in text) if text else glyphs.append(cjkU(text, f, encoding))
    text = "".join(g if len(g) == 1 else "\x00" for g in glyphs)  # an image or a line break: one placeholder
    widths = [g.width for g in glyphs]
    hard = frozenset(i for i, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak"))
    lines: list[Any] = []
    rules = None if keep is None else phrase_rules(text, keep)
    for start, end, line_break in line_ends(text, widths, max_widths, hard, rules):
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        width = sum(widths[start:end])
        lines.append(makeCJKParaLine(glyphs[start:end], limit, width, limit - width, line_break, calc_bounds))
    return ParaLines(kind=1, lines=lines)


def _one_run(frag: Any, max_widths: list[float], keep: tuple[str, ...] | None = None) -> Any:
    """A paragraph in one font (most are): plain lines, as ReportLab makes them for one run, broken our way."""
    text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
    cache: dict[str, float] = {}
    widths = [cache[ch] if ch in cache else cache.setdefault(ch, stringWidth(ch, frag.fontName, frag.fontSize))
              for ch in text]
    lines = []
    rules = None if keep is None else phrase_rules(text, keep)
    for n, (start, end, _) in enumerate(line_ends(text, widths, max_widths, rules=rules)):
        limit = max_widths[min(n, len(max_widths) - 1)]
        lines.append((limit - sum(widths[start:end]), [text[start:end]]))
    return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)


class ClearParagraph(Paragraph):  # type: ignore[misc]  # ReportLab ships no types
    """A paragraph whose CJK lines break by the clreq rules (:func:`split_lines`); with ``keep`` (a boxed field's
    names) between its phrases where it can (:func:`phrase_rules`)."""

    keep: tuple[str, ...] | None = None

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # ReportLab's name
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        split = hasattr(self, "blPara") and getattr(self, "_splitpara", False)
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        frag = self.frags[0]
        if len(self.frags) == 1 and not hasattr(frag, "cbDefn") and not self.style.endDots:
            # the first part of a paragraph split over a page keeps its lines, as plain lines again: ReportLab's
            # split labels them as lines of several runs, and drawing them so failed (a summary over a page)
            return frag.clone(kind=0, lines=self.blPara.lines) if split else _one_run(frag, list(maxWidths), self.keep)
        if split:
            return self.blPara
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return split_lines(self.frags, list(maxWidths), auto not in ("", "off"), keep=self.keep)


def line_texts(paragraph: Paragraph) -> list[str]:
    """The text of each line of a wrapped paragraph (after ``wrap``), for checking the breaks."""
    return lines_of(paragraph.blPara)


def lines_of(para_lines: Any) -> list[str]:
    """The text of each line of a paragraph's broken lines (plain lines of one run, or lines of several runs)."""
    out = []
    for line in para_lines.lines:
        words = getattr(line, "words", None)
        if words is None:  # a plain line: (space, [text])
            out.append("".join(line[1]))
        else:
            out.append("".join(getattr(w, "text", "") for w in words))
    return out
