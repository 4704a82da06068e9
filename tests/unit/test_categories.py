"""Versioned dispute categories."""

from __future__ import annotations

import re

import pytest

from mediation_desktop.domain.categories import (
    CURRENT_SCHEME,
    ERROR_KEYS,
    MAPPINGS,
    SCHEMES,
    CategoryScheme,
    UnknownCategoryScheme,
    is_valid,
    map_code,
    scheme,
)

CLASSIC = [
    ("marriage_family", "婚姻家庭"),
    ("neighbour", "邻里"),
    ("house_homestead", "房屋宅基地"),
    ("contract", "合同"),
    ("production", "生产经营"),
    ("damages", "损害赔偿"),
    ("forest_land", "山林土地"),
    ("land_requisition", "征地拆迁"),
    ("pollution", "环境污染"),
    ("labour", "劳动争议"),
    ("labour_wages", "拖欠农民工工资"),
    ("consumer", "消费"),
    ("consumer_tourism", "旅游"),
    ("consumer_ecommerce", "电子商务"),
    ("medical", "医疗"),
    ("traffic", "道路交通事故"),
    ("property_mgmt", "物业"),
]


def codes(version: str) -> list[str]:
    return [c.code for c in scheme(version).categories]


def test_classic_scheme() -> None:
    s2010 = scheme("2010")
    assert s2010.version == "2010"
    assert [(c.code, c.name_zh) for c in s2010.categories] == [*CLASSIC, ("other", "其他")]


def test_2021_scheme_adds_ip_and_internet_with_other_last() -> None:
    assert codes("2021") == [code for code, _ in CLASSIC] + ["ip", "internet", "other"]
    s2021 = scheme("2021")
    assert s2021.label("ip") == "知识产权" and s2021.label("internet") == "互联网"
    assert set(codes("2010")) < set(codes("2021"))


@pytest.mark.parametrize("version", sorted(SCHEMES))
def test_scheme_integrity(version: str) -> None:
    s = scheme(version)
    all_codes = [c.code for c in s.categories]
    assert len(all_codes) == len(set(all_codes))
    for c in s.categories:
        assert re.fullmatch(r"[a-z][a-z_]*", c.code)
        assert c.name_zh and c.name_en
        if c.parent is not None:
            parent = s.get(c.parent)
            assert parent is not None and parent.parent is None
            # a sub-row directly follows its parent or a sibling
            index = all_codes.index(c.code)
            assert s.categories[index - 1].code in {c.parent, *(x.code for x in s.children(c.parent))}
    assert s.categories[-1].code == "other"
    assert len({c.name_zh for c in s.categories}) == len(all_codes)


def test_hierarchy() -> None:
    s = scheme("2021")
    assert [c.code for c in s.children("labour")] == ["labour_wages"]
    assert [c.code for c in s.children("consumer")] == ["consumer_tourism", "consumer_ecommerce"]
    assert s.children("neighbour") == ()
    top = [c.code for c in s.top_level()]
    assert "labour" in top and "labour_wages" not in top and "consumer_tourism" not in top
    assert len(top) == len(s.categories) - 3


def test_get_and_label() -> None:
    s = scheme("2010")
    got = s.get("labour_wages")
    assert got is not None and got.parent == "labour" and got.name_zh == "拖欠农民工工资"
    assert s.get("ip") is None
    assert s.label("traffic") == "道路交通事故"
    assert s.label("traffic", "en") == "Road traffic accidents"
    assert s.label("no_such_code") == "no_such_code"


def test_unknown_scheme() -> None:
    with pytest.raises(UnknownCategoryScheme) as info:
        scheme("1999")
    assert isinstance(info.value, ValueError)
    assert info.value.key == "category.unknown_scheme" and info.value.key in ERROR_KEYS
    assert info.value.params == {"version": "1999"}
    with pytest.raises(UnknownCategoryScheme):
        is_valid("other", "1999")
    with pytest.raises(UnknownCategoryScheme):
        map_code("other", "2010", "1999")


def test_is_valid() -> None:
    assert is_valid("ip", "2021") and not is_valid("ip", "2010")
    assert is_valid("labour_wages", "2010")
    assert not is_valid("Labour", "2021") and not is_valid("", "2021")


def test_map_code() -> None:
    for code in codes("2010"):
        assert map_code(code, "2010", "2021") == code
        assert map_code(code, "2021", "2010") == code
    assert map_code("ip", "2021", "2010") == "other"
    assert map_code("internet", "2021", "2010") == "other"
    assert map_code("ip", "2021", "2021") == "ip"
    assert map_code("no_such_code", "2021", "2010") == "other"


def test_mapping_table_targets_exist() -> None:
    for (source, target), table in MAPPINGS.items():
        assert source in SCHEMES and target in SCHEMES
        for old, new in table.items():
            assert is_valid(old, source)
            assert is_valid(new, target)


def test_child_falls_back_to_parent_and_explicit_mapping_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    trimmed = CategoryScheme("test", tuple(c for c in scheme("2021").categories if c.code != "consumer_ecommerce"))
    monkeypatch.setitem(SCHEMES, "test", trimmed)
    assert map_code("consumer_ecommerce", "2021", "test") == "consumer"
    monkeypatch.setitem(MAPPINGS, ("2021", "test"), {"traffic": "damages"})
    assert map_code("traffic", "2021", "test") == "damages"


def test_2025_scheme_follows_the_current_forms_without_rewriting_codes() -> None:
    """环境污染 is named 环境保护 (same row, same code); 村务管理 is new, and older lists count it as 其他."""
    assert CURRENT_SCHEME == "2025"
    s2025 = scheme("2025")
    assert s2025.label("pollution") == "环境保护" and scheme("2021").label("pollution") == "环境污染"
    assert s2025.label("village_affairs") == "村务管理" and s2025.label("village_affairs", "en") != "village_affairs"
    assert set(codes("2021")) < set(codes("2025")) and codes("2025")[-1] == "other"
    for code in codes("2021"):
        assert map_code(code, "2021", "2025") == code and map_code(code, "2010", "2025") == map_code(
            code, "2010", "2021")
    assert map_code("village_affairs", "2025", "2021") == "other" == map_code("village_affairs", "2025", "2010")
    assert map_code("pollution", "2025", "2010") == "pollution"
