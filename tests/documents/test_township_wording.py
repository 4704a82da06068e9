"""A township adjusts document wording in its data folder; the shipped files stay as they are."""

from __future__ import annotations

import json

import pytest

from mediation_desktop.documents.registry import render_document
from mediation_desktop.errors import MediationError


def test_township_sentence_replaces_the_shipped_one(db, rare_case, pdf_text):
    before = "".join(pdf_text(render_document(db, "agreement", rare_case.case_id)))
    assert "各持一份" in before
    folder = db.paths.root / "documents"
    folder.mkdir()
    (folder / "agreement.json").write_text(json.dumps(
        {"copies": "本协议一式{copies}份，双方当事人各执一份，调委会存档一份。"}, ensure_ascii=False), encoding="utf-8")
    after = "".join(pdf_text(render_document(db, "agreement", rare_case.case_id)))
    assert "调委会存档一份" in after and "各持一份" not in after
    assert "经调解，自愿达成如下协议" in after  # what the township did not change stays


def test_broken_township_file_is_one_clear_message(db, rare_case):
    folder = db.paths.root / "documents"
    folder.mkdir()
    (folder / "common.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(MediationError) as err:
        render_document(db, "agreement", rare_case.case_id)
    assert err.value.key == "document.wording_broken" and "common.json" in str(err.value.params["path"])
