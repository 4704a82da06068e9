"""A bundle whose record holds a 生僻字 no document font has (𰻝, Extension G; old data, or another program's) is
refused saying the character itself, not its code point, and what the sender does: as a form says it
(``text.unprintable_name``)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sync_helpers import Inst

from mediation_desktop.i18n import tr
from mediation_desktop.sync.errors import SyncError

RARE = "𰻝"


def test_a_bundle_with_a_rare_name_character_says_which_and_what_the_sender_does(
        linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    village.register("张三", "李四")
    with village.db.engine.begin() as conn:  # (old data, or another program's: past the program's checks)
        conn.execute(text("UPDATE party SET name = :v WHERE position = 0"), {"v": f"王{RARE}"})
    with pytest.raises(SyncError) as err:
        township.import_(village.export(encrypt=False))
    zh, en = (tr(err.value.key, lang, **err.value.params) for lang in ("zh", "en"))
    assert f"“{RARE}”" in zh and f"“{RARE}”" in en and "U+" not in zh + en
    assert "通行写法" in zh and "重新导出" in zh and "party" in zh
