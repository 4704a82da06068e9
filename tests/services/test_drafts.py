from __future__ import annotations

import json

import pytest

from mediation_desktop.services.drafts import DraftStore


def test_save_load_pending_discard(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    assert store.pending() == []
    store.save("register_case", "new", "admin", {"summary": "菜地界限", "parties": [["张三", "11010519491231002X"]]})
    store.save("register_case", "new", "admin", {"summary": "菜地界限不清"})  # replaces, never duplicates
    store.save("agreement", "abc-1", "li", {"terms": ["赔偿500元"]})
    assert store.load("register_case", "new", "admin").data == {"summary": "菜地界限不清"}
    assert [d.form for d in store.pending("admin")] == ["register_case"]
    assert len(store.pending()) == 2
    store.discard("register_case", "new", "admin")
    assert store.load("register_case", "new", "admin") is None
    assert list((tmp_path / "drafts").glob(".*")) == []  # no temp files left behind


def test_a_damaged_draft_is_ignored_not_fatal(tmp_path):
    store = DraftStore(tmp_path)
    (tmp_path / "register_case--new.json").write_text('{"form": "register_case", "da', encoding="utf-8")
    assert store.load("register_case", "new", "admin") is None and store.pending() == []


def test_names_cannot_escape_the_folder(tmp_path):
    with pytest.raises(ValueError):
        DraftStore(tmp_path).save("register_case", "../../etc", "admin", {})


def test_two_users_drafts_of_the_same_form_and_case_are_both_kept(tmp_path):
    """The village's one laptop is shared: one user's autosave, or their discarding, never touches another's draft."""
    store = DraftStore(tmp_path)
    store.save("register_case", "new", "wang", {"summary": "王的草稿", "id_number": "33010219560810181x"})
    store.save("register_case", "new", "李调解", {"summary": "李的草稿"})
    store.save("session", "abc", "李调解", {"record": "李的记录"})
    assert store.load("register_case", "new", "wang").data["summary"] == "王的草稿"
    assert store.load("register_case", "new", "李调解").data["summary"] == "李的草稿"
    assert store.load("register_case", "new", "zhao") is None  # a third user sees neither
    assert [(d.form, d.user) for d in store.pending("wang")] == [("register_case", "wang")]
    assert sorted(d.form for d in store.pending("李调解")) == ["register_case", "session"]
    store.discard("register_case", "new", "李调解")
    store.discard("session", "abc", "wang")  # not wang's: nothing goes
    assert store.load("register_case", "new", "李调解") is None
    assert store.load("register_case", "new", "wang").data["summary"] == "王的草稿"
    assert store.load("session", "abc", "李调解").data["record"] == "李的记录"


def _old_draft(folder, form: str, key: str, user: str | None, data: dict) -> None:
    """A draft as an older version saved it: one file per form and record, the user only inside it."""
    raw = {"form": form, "key": key, "saved_at": "2026-12-01T08:00:00+00:00", "data": data}
    if user is not None:
        raw["user"] = user
    (folder / f"{form}--{key}.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def test_an_older_versions_draft_is_its_owners_only_and_moves_on_the_next_save(tmp_path):
    store = DraftStore(tmp_path)
    _old_draft(tmp_path, "register_case", "new", "wang", {"summary": "旧版本的草稿"})
    assert store.load("register_case", "new", "wang").data == {"summary": "旧版本的草稿"}
    assert store.load("register_case", "new", "li") is None and store.pending("li") == []
    assert [d.data for d in store.pending("wang")] == [{"summary": "旧版本的草稿"}]
    store.save("register_case", "new", "li", {"summary": "李的"})  # another user's save leaves it alone
    store.discard("register_case", "new", "li")  # and so does their discarding
    assert store.load("register_case", "new", "wang").data == {"summary": "旧版本的草稿"}
    store.save("register_case", "new", "wang", {"summary": "接着填"})  # the owner's save moves it to their name
    assert not (tmp_path / "register_case--new.json").exists()
    assert [d.data for d in store.pending("wang")] == [{"summary": "接着填"}]
    assert store.load("register_case", "new", "wang").data == {"summary": "接着填"}
    _old_draft(tmp_path, "session", "abc", "wang", {"record": "旧记录"})
    store.discard("session", "abc", "wang")  # the owner's discarding takes it away
    assert store.load("session", "abc", "wang") is None and list(tmp_path.glob("session--*")) == []


def test_an_older_versions_draft_without_a_user_is_offered_to_no_one(tmp_path):
    store = DraftStore(tmp_path)
    _old_draft(tmp_path, "session", "abc", None, {"record": "谁的？"})
    assert store.load("session", "abc", "wang") is None and store.pending("wang") == []
    store.save("session", "abc", "wang", {"record": "王的"})
    store.discard("session", "abc", "wang")
    assert (tmp_path / "session--abc.json").exists()  # not wang's to delete


@pytest.mark.parametrize("user", ["../x", "a/b", "a\\b", "..", "x" * 5000, "李调解员", "", "con", "a.json\x00b"])
def test_a_username_never_makes_a_path(tmp_path, user):
    folder = tmp_path / "drafts"
    store = DraftStore(folder)
    store.save("agreement", "abc", user, {"terms": ["赔偿500元"]})
    store.save("agreement", "abc", "other", {"terms": ["另一份"]})
    assert [p.parent for p in tmp_path.rglob("*") if p.is_file()] == [folder, folder]
    assert all(len(p.name) < 80 for p in folder.iterdir())
    assert store.load("agreement", "abc", user).data == {"terms": ["赔偿500元"]}
    assert [d.user for d in store.pending(user)] == [user]
    store.discard("agreement", "abc", user)
    assert store.load("agreement", "abc", user) is None
    assert store.load("agreement", "abc", "other").data == {"terms": ["另一份"]}


def test_a_draft_file_under_another_name_is_no_ones(tmp_path):
    """A file copied into the folder under another user's name is not offered: what is offered can be discarded."""
    store = DraftStore(tmp_path)
    store.save("session", "abc", "wang", {"record": "王的"})
    (own,) = tmp_path.glob("session--abc.*.json")
    (tmp_path / "session--abc.0000000000000000.json").write_bytes(own.read_bytes())
    own.unlink()
    assert store.pending("wang") == [] and store.load("session", "abc", "wang") is None
