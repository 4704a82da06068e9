"""A 生僻字 no document font has (𰻝, Extension G) in a name that comes from a file — a party list, a ledger (a
bundle: tests/sync/test_rare_characters_in_bundles.py) — is said the way a form says it (``text.unprintable_name``): the character itself, not its code point,
and how such a name is registered. A character that is no name's is shown too, with what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_runner import INIT, run

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.services.party_file import read_party_file

RARE = "𰻝"


def _said(err: Any) -> tuple[str, str]:
    return tr(err.key, "zh", **err.params), tr(err.key, "en", **err.params)


def test_a_party_lists_rare_name_character_is_shown_with_how_to_register_it(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(f"石桥村征地户名单\n户主姓名,住址\n张三,一组\n王{RARE}{RARE},二组\n", encoding="utf-8")
    with pytest.raises(MediationError) as err:
        read_party_file(path)
    zh, en = _said(err.value)
    assert err.value.params["row"] == 4 and "“户主姓名”" in zh
    assert f"“{RARE}”" in zh and f"“{RARE}”" in en and "U+" not in zh + en
    assert "通行写法" in zh and "拆字" in zh and "common form" in en


def test_a_party_lists_unprintable_address_is_shown_not_numbered(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(f"姓名,住址\n张三,一组{RARE}\n", encoding="utf-8")
    with pytest.raises(MediationError) as err:
        read_party_file(path)
    zh, en = _said(err.value)
    assert f"“{RARE}”" in zh and "U+" not in zh + en and "通行写法" not in zh and "请删去或改用文字" in zh


def test_the_ledger_import_says_a_rare_name_character_as_a_form_does(tmp_path: Path) -> None:
    data = tmp_path / "village"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    path = tmp_path / "台账.csv"
    path.write_text(f"序号,受理日期,申请人,被申请人,纠纷类型,调解结果\n1,2024.3.4,王{RARE},水二,邻里,调解成功\n",
                    encoding="utf-8")
    r = run(data, "ledger", "import", str(path), "--dry-run")
    said = r.stdout + r.stderr
    assert f"“{RARE}”" in said and "U+" not in said and "通行写法" in said
