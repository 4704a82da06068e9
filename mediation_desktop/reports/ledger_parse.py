"""Reading the cells of a village's own ledger: dates, amounts, names and labels as people type them.

Full-width digits (２０２６), dates as text (2026年3月5日, 2026.3.5, 二〇二六年三月五日, 20260305),
Excel date serials, amounts like 1.5万元 or ￥12,000, and labels with or without 纠纷. Each parser
returns the value or raises :class:`CellError` with a message key; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from mediation_desktop.domain import amounts
from mediation_desktop.domain.categories import CURRENT_SCHEME, SCHEMES, scheme
from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.enums import LABELS_ZH, AgreementForm, CaseSource, Performance
from mediation_desktop.domain.lifecycle import STATUS_LABELS_ZH, CaseStatus
from mediation_desktop.domain.limits import MONEY_MAX, day_ok
from mediation_desktop.domain.text import Label, read_cell


class CellError(ValueError):
    """A cell that cannot be read; ``key`` and ``params`` make the Chinese message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Unsaved(str):
    """A formula cell whose workbook holds no saved result (written by a script or a web system, never opened in
    Excel/WPS): read as "" everywhere, but a column the import reads refuses its row, saying so."""

    __slots__ = ()


def text(value: Any) -> str:
    """A cell as text: None → "", whole floats without ".0", dates ISO, whitespace trimmed; a text guarded
    against formulas by an export (``'=…``, ``''…``: ``domain.text.read_cell``) as it was typed."""
    if isinstance(value, str):
        return read_cell(value).replace("\u3000", " ").strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\u3000", " ").strip()


def _narrow(value: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC); only for numbers and dates, never names."""
    return unicodedata.normalize("NFKC", value).strip()


_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}


def _cn_number(part: str) -> int:
    """二〇二六 → 2026 (digit by digit); 十二 → 12, 二十五 → 25, 三十一 → 31."""
    if part.isdigit():
        return int(part)
    if "十" in part:
        tens, _, ones = part.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[ch]) for ch in part))


_CN_DIGIT = "〇零○一二三四五六七八九十"
_CN_DATE = re.compile(rf"([{_CN_DIGIT}\d]{{4}})年([{_CN_DIGIT}\d]{{1,3}})月([{_CN_DIGIT}\d]{{1,3}})[日号]?")
# a time after the day is ignored (2026-09-30 23:59, 2026年9月30日23:59): the ledger counts calendar days
_NUM_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
                       r"(?:[ T].*|\d{1,2}\s*[:时点].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


_MONTH_DAY = re.compile(r"(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*[日号]?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*月?")
_SHORT_YEAR = re.compile(r"(\d{2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})")


def parse_date(value: Any, column: str, year: int | None = None) -> dt.date | None:
    """A date from a cell (date, Excel serial or text) in 1900–2100 (``domain.limits``); None for an empty cell.

    ``year`` (from the ledger's title, 「XX村2023年…台账」) completes a day written without one (4月18日)."""
    day = read_date(value, column, year)[0]
    return day


def read_date(value: Any, column: str, year: int | None = None) -> tuple[dt.date | None, str]:
    """:func:`parse_date` and how it was read: "" (as written), "year" (the title's year added) or "month"
    (only a month written, 2023年7月: the 1st of the month, marked as such wherever it is shown)."""
    how = ""
    try:
        day = _parse_date(value, column)
    except CellError:
        s = _narrow(text(value)).replace(" ", "")
        m = _YEAR_MONTH.fullmatch(s)
        d = _MONTH_DAY.fullmatch(s) if year is not None else None
        short = _SHORT_YEAR.fullmatch(s)
        try:
            if m:
                day, how = dt.date(int(m[1]), int(m[2]), 1), "month"
            elif d and year is not None:
                day, how = dt.date(year, int(d[1]), int(d[2])), "year"
            elif short:  # 23.9.9: a two-digit year is of this century unless that is later than today
                yy = 2000 + int(short[1])
                if yy > china_today().year:
                    yy -= 100
                day = dt.date(yy, int(short[2]), int(short[3]))
            else:
                raise
        except ValueError:
            raise CellError("ledger.row.date", column=column, value=text(value)) from None
    if day is not None and not day_ok(day):
        raise CellError("limit.date", label=Label(column, column), value=day.isoformat())
    return day, how


def _parse_date(value: Any, column: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # Excel's day count (1954–2119)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raw = text(value)
    else:
        raw = text(value)
    s = _narrow(raw)
    try:
        if m := _NUM_DATE.fullmatch(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _COMPACT.fullmatch(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _CN_DATE.fullmatch(s.replace(" ", "")):
            return dt.date(_cn_number(m[1]), _cn_number(m[2]), _cn_number(m[3]))
    except (ValueError, KeyError):
        pass
    raise CellError("ledger.row.date", column=column, value=raw)


_DATE_SPLIT = re.compile(r"[、,，;；\s]+")


def parse_dates(value: Any, column: str) -> tuple[list[dt.date], str]:
    """Several dates in one cell (回访日期: 2026-03-01、2026-04-02); text without dates is returned as a note."""
    if isinstance(value, dt.date | dt.datetime):
        try:
            return [parse_date(value, column) or dt.date.min], ""
        except CellError:  # a day outside 1900–2100: kept as a note, like text without dates
            return [], text(value)
    raw = text(value)
    if not raw:
        return [], ""
    parts = [p for p in _DATE_SPLIT.split(_narrow(raw)) if p]
    try:
        return [d for p in parts if (d := parse_date(p, column)) is not None], ""
    except CellError:
        return [], raw


_CN_MONEY_DIGITS = {**{ch: n for n, ch in enumerate("零壹贰叁肆伍陆柒捌玖")}, **_CN_DIGITS, "两": 2, "贰": 2}
_CN_MONEY_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_MONEY = re.compile(r"(?:\d+|[零壹贰叁肆伍陆柒捌玖〇一二两三四五六七八九拾十佰百仟千万亿])+")
_MONEY_TOKEN = re.compile(r"\d+|.")
#: words that make an amount a guess (约5000元, 5000余元, 三千多): the ledger's amount is counted, never a guess
_APPROX = ("约", "左右", "多", "余", "上下", "以上", "以内", "不到", "大概", "估计", "几")


def _cn_amount(s: str) -> Decimal | None:
    """叁仟伍佰 → 3500, 壹万贰仟 → 12000; the short spoken form, where a single digit after a unit is of the next
    lower unit: 三千五 → 3500, 一万二 → 12000, 两万五 → 25000, and the same with Arabic digits (1万2, 3千5, 5千,
    1万2千, 1万2000). None when ``s`` is not such a number, or is ambiguous (1万25: 10025 or 12500?).
    (元/整 are taken off by the caller.)"""
    if s.isdigit() or not _CN_MONEY.fullmatch(s) or not any(
            ch in _CN_MONEY_DIGITS or ch in "十拾" or ch.isdigit() for ch in s):
        return None  # (万 or 千 alone is no sum)
    tokens = _MONEY_TOKEN.findall(s)
    total, section, digit, last_unit = 0, 0, 0, 1
    for tok in tokens:
        if tok.isdigit():
            digit = int(tok)
        elif tok in _CN_MONEY_DIGITS:
            digit = _CN_MONEY_DIGITS[tok]
        elif tok in _CN_MONEY_UNITS:
            unit = _CN_MONEY_UNITS[tok]
            section += (digit or (1 if unit == 10 else 0)) * unit
            digit, last_unit = 0, unit
        else:  # 万 亿
            total = (total + section + digit) * _BIG_UNITS[tok]
            section, digit, last_unit = 0, 0, _BIG_UNITS[tok]
    if digit and last_unit >= 100 and len(tokens) > 1 and (tokens[-2] in _CN_MONEY_UNITS or tokens[-2] in _BIG_UNITS):
        # the last number stands right after a unit: one digit is of the next lower unit (三千五 = 3500, 1万2 =
        # 12000); Arabic digits as many as the unit has zeros less one are the sum itself (1万2000, 3千500)
        width = len(str(last_unit // 10))
        last = tokens[-1]
        if len(last) == 1:
            digit *= last_unit // 10
        elif not (last.isdigit() and len(last) == width):
            return None
    return Decimal(total + section + digit)


_OWN_UNIT = re.compile("[元圆万亿]")
#: a comma between digits that does not stand before exactly three of them (or stands in the decimals)
_BAD_GROUPING = re.compile(r"\d,(?!\d{3}(?:\D|$))|\.\d*,")


def parse_amount(value: Any, column: str = "涉及金额", scale: int | None = 1) -> Decimal | None:
    """12000, 12,000.50, ￥1.2万, 3万元, 叁仟伍佰元 → Decimal with two places; None for an empty cell.

    ``scale`` is the column's unit (10,000 under 涉及金额（万元）): a cell that does not name its own unit
    (元, 万 …) is in it; None (a header naming a unit that is not yuan) refuses any amount. A cell that is not
    an amount raises :class:`CellError` naming the column and the value: a row is never imported with its
    amount silently dropped."""
    if value is None or value == "":
        return None
    if scale is None:
        raise CellError("ledger.row.amount_unit", column=column, value=text(value))
    amount = _read_amount(value, column)
    if amount is None:
        return None
    if scale != 1 and (not isinstance(value, str) or not _OWN_UNIT.search(value)):
        amount *= scale
    if not amount.is_finite() or amount < 0:
        raise CellError("ledger.row.amount", column=column, value=text(value))
    if amount > MONEY_MAX:
        raise CellError("limit.number", label=Label(column, column), value=text(value), low="0",
                        high=str(MONEY_MAX))
    return amount.quantize(Decimal("0.01"))


def _read_amount(value: Any, column: str) -> Decimal | None:
    """The number a cell says, in yuan if it names 元 or 万 (else in the column's unit); None for 无 / -."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    raw = text(value)
    s = _narrow(raw).replace(",", "").replace("，", "").replace(" ", "")
    s = s.removeprefix("¥").removeprefix("￥").removeprefix("RMB")
    s = s.removeprefix("人民币").removesuffix("整").removesuffix("正").removesuffix("元").removesuffix("圆")
    s = s.removesuffix("人民币")
    if s in ("无", "/", "-", "—"):
        return None
    if _BAD_GROUPING.search(_narrow(raw).replace("，", ",")):  # 3,50 or 1,2000: a typo, not a thousands comma
        raise CellError("ledger.row.amount", column=column, value=raw)
    cn = _cn_amount(s)  # 叁仟伍佰元, 三千五
    if cn is not None:
        return cn
    try:
        return amounts.parse_amount(raw)  # (the same parser as the forms': 1.2万, ￥800, 3,500元)
    except (amounts.NotAnAmount, InvalidOperation):
        key = "ledger.row.amount_approx" if any(word in s for word in _APPROX) else "ledger.row.amount"
        raise CellError(key, column=column, value=raw) from None


def parse_int(value: Any, column: str, high: int = 1_000_000) -> int | None:
    raw = text(value)
    if not raw:
        return None
    s = _narrow(raw).removesuffix("人").strip()
    if not s.isdigit():
        raise CellError("ledger.row.number", column=column, value=raw)
    if len(s) > 9 or int(s) > high:
        raise CellError("limit.number", label=Label(column, column), value=raw, low="0", high=str(high))
    return int(s)


_YES = {"是", "有", "√", "✓", "✔", "y", "yes", "1", "true", "已", "防止"}
_NO = {"否", "无", "没有", "×", "✗", "n", "no", "0", "false", "-", "—", "/"}


def parse_yes_no(value: Any, column: str) -> bool:
    raw = text(value)
    s = _narrow(raw).lower()
    if not s or s in _NO:
        return False
    if s in _YES:
        return True
    raise CellError("ledger.row.yes_no", column=column, value=raw)


# --- labels -------------------------------------------------------------------------------------------
_CATEGORY_ALIASES = {
    "婚姻": "marriage_family", "家庭": "marriage_family", "赡养": "marriage_family", "抚养": "marriage_family",
    "继承": "marriage_family", "邻里": "neighbour", "相邻": "neighbour", "宅基地": "house_homestead",
    "房屋": "house_homestead", "合同": "contract", "债务": "contract", "借贷": "contract",
    "生产经营": "production", "损害赔偿": "damages", "人身损害": "damages", "山林": "forest_land",
    "土地": "forest_land", "承包": "forest_land", "征地": "land_requisition", "拆迁": "land_requisition",
    "污染": "pollution", "劳动": "labour", "劳资": "labour", "欠薪": "labour_wages", "工资": "labour_wages",
    "消费": "consumer", "旅游": "consumer_tourism", "电子商务": "consumer_ecommerce", "网购": "consumer_ecommerce",
    "医疗": "medical", "医患": "medical", "交通": "traffic", "物业": "property_mgmt", "知识产权": "ip",
    "互联网": "internet", "网络": "internet", "其他": "other", "其它": "other",
}


def parse_category(value: Any, mapping: dict[str, str] | None = None) -> str:
    """A category code of the current scheme from its name (邻里 / 邻里纠纷 / 其中：拖欠农民工工资 / code), or
    from ``mapping`` (the clerk's own word → a code, e.g. 噪音 → neighbour)."""
    raw = text(value)
    s = raw.replace(" ", "").removeprefix("其中：").removeprefix("其中:").removesuffix("纠纷").removesuffix("类")
    if not s:
        raise CellError("ledger.row.required", column="纠纷类型")
    current = scheme(CURRENT_SCHEME)
    for word in (raw, raw.replace(" ", ""), s):
        if mapping and word in mapping and current.get(mapping[word]):
            return mapping[word]
    for cat in current.categories:
        if s in (cat.name_zh, cat.code, cat.name_en.lower()) or s.lower() == cat.code:
            return cat.code
    for version in SCHEMES:
        for cat in SCHEMES[version].categories:
            if s == cat.name_zh and current.get(cat.code):
                return cat.code
    for word, code in sorted(_CATEGORY_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if word in s:
            return code
    raise CellError("ledger.row.category", value=raw)


_SOURCE_WORDS = (("法院", CaseSource.COURT), ("公安", CaseSource.POLICE), ("派出所", CaseSource.POLICE),
                 ("检察", CaseSource.PROCURATORATE), ("信访", CaseSource.PETITIONS), ("主动", CaseSource.INITIATIVE),
                 ("排查", CaseSource.INITIATIVE), ("申请", CaseSource.APPLICATION), ("来访", CaseSource.APPLICATION),
                 ("委托", CaseSource.OTHER_BODY), ("移送", CaseSource.OTHER_BODY), ("其他部门", CaseSource.OTHER_BODY))


def parse_source(value: Any) -> CaseSource:
    raw = text(value)
    s = raw.replace(" ", "")
    if not s:
        return CaseSource.UNRECORDED  # the ledger does not say: never 当事人申请 by default
    for src in CaseSource:
        if s in (LABELS_ZH[src], src.value):
            return src
    for word, src in _SOURCE_WORDS:
        if word in s:
            return src
    raise CellError("ledger.row.source", value=raw)


_STATUS_BY_LABEL = {label: status for status, label in STATUS_LABELS_ZH.items()}


def parse_status(value: Any) -> CaseStatus | None:
    """The 案件状态 column as the ledger export writes it (exact labels); None when empty."""
    raw = text(value).replace(" ", "")
    if not raw:
        return None
    status = _STATUS_BY_LABEL.get(raw)
    if status is None:
        try:
            return CaseStatus(raw)
        except ValueError:
            return None
    return status


def parse_form(value: Any) -> AgreementForm | None:
    raw = text(value).replace(" ", "")
    if not raw:
        return None
    if "书面" in raw or raw == "written":
        return AgreementForm.WRITTEN
    if "口头" in raw or raw == "oral":
        return AgreementForm.ORAL
    if raw in ("未记录", "unrecorded"):
        return AgreementForm.UNRECORDED
    raise CellError("ledger.row.form", value=text(value))


def parse_performance(value: Any) -> Performance | None:
    raw = text(value).replace(" ", "")
    if not raw:
        return None
    for perf in (Performance.PARTIAL, Performance.NOT_DONE, Performance.PENDING, Performance.DONE):
        if raw == LABELS_ZH[perf] or raw == perf.value:
            return perf
    if raw in ("未记录", "unrecorded"):
        return Performance.UNRECORDED
    if "部分" in raw:
        return Performance.PARTIAL
    if "尚未" in raw or "未到期" in raw:
        return Performance.PENDING
    if raw.startswith(("未", "没")):
        return Performance.NOT_DONE
    if "履行" in raw or raw in ("完毕", "已兑现"):
        return Performance.DONE
    raise CellError("ledger.row.performance", value=text(value))
