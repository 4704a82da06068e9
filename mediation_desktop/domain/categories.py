"""纠纷类型 (dispute categories) as versioned codes, with a mapping table between versions.

A case stores a category code and the scheme version it was coded in. Codes are short, stable
ASCII strings; a sub-row of the statistics table (「其中」, e.g. 劳动争议 → 其中：拖欠农民工工资) is a
category with a ``parent``. Scheme "2010" is the classic list; "2021" adds 知识产权 and 互联网; "2025" follows
the current published statistics forms: the row 环境污染 is named 环境保护 (same row, same code ``pollution``)
and 村务管理 is added. Stored codes are never rewritten: a case keeps the scheme it was coded in, and reports
map every scheme to the current one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CURRENT_SCHEME",
    "ERROR_KEYS",
    "MAPPINGS",
    "OTHER",
    "SCHEMES",
    "Category",
    "CategoryScheme",
    "UnknownCategoryScheme",
    "is_valid",
    "map_code",
    "scheme",
]

OTHER = "other"
ERROR_KEYS: frozenset[str] = frozenset({"category.unknown_scheme"})


@dataclass(frozen=True)
class Category:
    """One dispute category; ``parent`` is set for a 「其中」 sub-row."""

    code: str
    name_zh: str
    name_en: str
    parent: str | None = None


@dataclass(frozen=True)
class CategoryScheme:
    """One version of the category list, in the order the statistics table shows it."""

    version: str
    categories: tuple[Category, ...]

    def get(self, code: str) -> Category | None:
        """The category with ``code``, or None if this version has no such code."""
        for category in self.categories:
            if category.code == code:
                return category
        return None

    def top_level(self) -> tuple[Category, ...]:
        """The categories without a parent (the table's main rows)."""
        return tuple(c for c in self.categories if c.parent is None)

    def children(self, code: str) -> tuple[Category, ...]:
        """The 「其中」 sub-rows of ``code``."""
        return tuple(c for c in self.categories if c.parent == code)

    def label(self, code: str, lang: str = "zh") -> str:
        """The name of ``code`` in ``lang`` ("zh" or "en"); the code itself if unknown."""
        category = self.get(code)
        if category is None:
            return code
        return category.name_en if lang == "en" else category.name_zh


class UnknownCategoryScheme(ValueError):
    """No scheme with this version (message key ``category.unknown_scheme``)."""

    key = "category.unknown_scheme"

    def __init__(self, version: str) -> None:
        super().__init__(f"{self.key}: {version}")
        self.version = version
        self.params: dict[str, str] = {"version": version}


_C = Category

_CLASSIC_HEAD: tuple[Category, ...] = (
    _C("marriage_family", "婚姻家庭", "Marriage and family"),
    _C("neighbour", "邻里", "Neighbours"),
    _C("house_homestead", "房屋宅基地", "Houses and homesteads"),
    _C("contract", "合同", "Contracts"),
    _C("production", "生产经营", "Production and business"),
    _C("damages", "损害赔偿", "Damages"),
    _C("forest_land", "山林土地", "Forests and land"),
    _C("land_requisition", "征地拆迁", "Land requisition and demolition"),
    _C("pollution", "环境污染", "Environmental pollution"),
    _C("labour", "劳动争议", "Labour disputes"),
    _C("labour_wages", "拖欠农民工工资", "Unpaid wages of migrant workers", "labour"),
    _C("consumer", "消费", "Consumer disputes"),
    _C("consumer_tourism", "旅游", "Tourism", "consumer"),
    _C("consumer_ecommerce", "电子商务", "E-commerce", "consumer"),
    _C("medical", "医疗", "Medical disputes"),
    _C("traffic", "道路交通事故", "Road traffic accidents"),
    _C("property_mgmt", "物业", "Property management"),
)
_OTHER = _C(OTHER, "其他", "Other")

SCHEMES: dict[str, CategoryScheme] = {
    "2010": CategoryScheme("2010", (*_CLASSIC_HEAD, _OTHER)),
    "2021": CategoryScheme(
        "2021",
        (
            *_CLASSIC_HEAD,
            _C("ip", "知识产权", "Intellectual property"),
            _C("internet", "互联网", "Internet"),
            _OTHER,
        ),
    ),
    "2025": CategoryScheme(
        "2025",
        (
            *(_C(c.code, "环境保护", "Environmental protection") if c.code == "pollution" else c
              for c in _CLASSIC_HEAD),
            _C("village_affairs", "村务管理", "Village affairs management"),
            _C("ip", "知识产权", "Intellectual property"),
            _C("internet", "互联网", "Internet"),
            _OTHER,
        ),
    ),
}
CURRENT_SCHEME = "2025"

#: Explicit code changes between versions, (from, to) → {old code: new code}. A code not listed
#: keeps its value if the target has it, else falls back to its parent, else to "other".
MAPPINGS: dict[tuple[str, str], dict[str, str]] = {
    ("2010", "2021"): {},
    ("2021", "2010"): {"ip": OTHER, "internet": OTHER},
    ("2010", "2025"): {},
    ("2021", "2025"): {},
    ("2025", "2021"): {"village_affairs": OTHER},
    ("2025", "2010"): {"village_affairs": OTHER, "ip": OTHER, "internet": OTHER},
}


def scheme(version: str) -> CategoryScheme:
    """The scheme ``version``; raises UnknownCategoryScheme."""
    try:
        return SCHEMES[version]
    except KeyError:
        raise UnknownCategoryScheme(version) from None


def is_valid(code: str, version: str) -> bool:
    """Whether ``code`` exists in scheme ``version`` (raises UnknownCategoryScheme)."""
    return scheme(version).get(code) is not None


def map_code(code: str, from_version: str, to_version: str) -> str:
    """The code in ``to_version`` for ``code`` of ``from_version``; never fails for a code.

    Order: explicit MAPPINGS entry; the same code if the target has it; the nearest parent (in
    the source scheme) the target has; "other". Unknown versions raise UnknownCategoryScheme.
    """
    source, target = scheme(from_version), scheme(to_version)
    explicit = MAPPINGS.get((from_version, to_version), {}).get(code)
    if explicit is not None and target.get(explicit) is not None:
        return explicit
    current: str | None = code
    while current is not None:
        if target.get(current) is not None:
            return current
        category = source.get(current)
        current = category.parent if category is not None else None
    return OTHER
