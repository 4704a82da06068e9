from __future__ import annotations

import pytest

from mediation_desktop.services.drafts import DraftStore


def test_save_load_pending_discard(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    assert store.pending() == []
    store.save("register_case", "new", "admin", {"summary": "菜地界限", "parties": [["张三", "11010519491231002X"]]})
    store.save("register_case", "new", "admin", {"summary": "菜地界限不清"})  # replaces, never duplicates
    store.save("agreement", "abc-1", "li", {"terms": ["赔偿500元"]})
    assert store.load("register_case", "new").data == {"summary": "菜地界限不清"}
    assert [d.form for d in store.pending("admin")] == ["register_case"]
    assert len(store.pending()) == 2
    store.discard("register_case", "new")
    assert store.load("register_case", "new") is None
    assert list((tmp_path / "drafts").glob(".*")) == []  # no temp files left behind


def test_a_damaged_draft_is_ignored_not_fatal(tmp_path):
    store = DraftStore(tmp_path)
    (tmp_path / "register_case--new.json").write_text('{"form": "register_case", "da', encoding="utf-8")
    assert store.load("register_case", "new") is None and store.pending() == []


def test_names_cannot_escape_the_folder(tmp_path):
    with pytest.raises(ValueError):
        DraftStore(tmp_path).save("register_case", "../../etc", "admin", {})
