"""A JSON column's stored text is the same compact UTF-8 whoever writes it — a form (the ORM), the demo's case maker,
an import — on both engines: an agreement's terms took 6 bytes a character as ``\\uXXXX`` escapes (≈ 0.4 KB of a
demo case's 6.5). Rows written before keep their text and their seals."""

from __future__ import annotations

import json

from sqlalchemy import text
from sync_helpers import Inst

from mediation_desktop.services import demo
from mediation_desktop.services.health import check
from mediation_desktop.storage.types import json_text

JSON_COLUMNS = [("agreement", "terms"), ("mediation_case", "requests"), ("mediation_case", "extra"),
                ("audit_entry", "data")]


def _texts(inst: Inst) -> list[str]:
    with inst.db.engine.connect() as conn:
        return [str(v) for table, col in JSON_COLUMNS
                for (v,) in conn.execute(text(f"SELECT CAST({col} AS TEXT) FROM {table} WHERE {col} IS NOT NULL"))]


def _compact(texts: list[str]) -> None:
    assert texts
    for stored in texts:
        assert "\\u" not in stored and ", " not in stored and '": ' not in stored, stored[:200]
        assert stored == json_text(json.loads(stored))  # (the one form of its value)


def test_forms_the_demo_and_an_import_store_the_same_compact_text(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    case_id = village.register("欧阳明", "李四", requests=["赔偿损失 3,000 元", "赔礼道歉"])
    village.mediate_and_agree(case_id)
    demo.generate(village.db, count=12, seed=7)
    texts = _texts(village)
    assert any("重新测量界限" in t for t in texts) and any("赔礼道歉" in t for t in texts)
    _compact(texts)
    township.import_(village.export())
    _compact(_texts(township))
    assert check(village.db) == [] and check(township.db) == []


def test_a_text_with_no_utf8_form_keeps_its_escapes() -> None:
    assert json_text(["张三", {"k": 1}]) == '["张三",{"k":1}]'
    assert json_text(["a\x00b"]) == '["a\\u0000b"]'  # (control characters: escaped either way)
    assert json_text(["\ud83d张"]) == '["\\ud83d\\u5f20"]'  # a lone surrogate: the escapes, never an encoding error
    assert json.loads(json_text(["\ud83d张"])) == ["\ud83d张"]
