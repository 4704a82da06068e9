"""Refused bundles: each with its own clear message, and nothing changed."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import Inst, resign, rezip

from mediation_desktop.i18n import tr
from mediation_desktop.sync.container import Limits
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import fingerprint, known_peers, own_keys
from mediation_desktop.sync.verify import Trust, verify_file


@pytest.fixture
def bundle(linked: tuple[Inst, Inst]) -> Path:
    village, _ = linked
    cid = village.register("张三", "李四")
    village.mediate_and_agree(cid)
    return village.export(encrypt=False)


def _refused(township: Inst, path: Path, key: str, **kw: object) -> SyncError:
    before = township.state()
    with pytest.raises(SyncError) as err:
        township.import_(path, **kw)
    assert err.value.key == key, str(err.value)
    assert township.state() == before
    text = tr(err.value.key, "zh", **err.value.params)
    assert "\n" not in text and str(path.name) in text
    return err.value


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def test_tampered_record_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        data = zf.read("records/party.json")
    bad = rezip(bundle, tmp_path / "bad.zip", change={"records/party.json": data.replace("张三".encode(), "张四".encode())})
    _refused(linked[1], bad, "sync.damaged")


def test_tampered_manifest_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        data = zf.read("manifest.json")
    bad = rezip(bundle, tmp_path / "bad.zip", change={"manifest.json": data.replace(b'"seq_from": 0', b'"seq_from": 1')})
    _refused(linked[1], bad, "sync.bad_signature")


def test_truncated_bundle_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    bad = tmp_path / "short.zip"
    bad.write_bytes(bundle.read_bytes()[: bundle.stat().st_size * 2 // 3])
    err = _refused(linked[1], bad, "sync.incomplete")
    assert "重新拷贝" in tr(err.key, "zh", **err.params)


def test_resigned_by_another_key_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path,
                                             make_inst: Callable[..., Inst]) -> None:
    village, township = linked
    mallory = make_inst("外人", "330102009", "village", "330102")
    manifest = _manifest(bundle)
    manifest["counts"]["party"] = manifest["counts"]["party"]  # any content change, signed by mallory
    data, sig = resign(mallory.db, manifest)
    bad = rezip(bundle, tmp_path / "resigned.zip", change={"manifest.json": data, "manifest.sig": sig})
    _refused(township, bad, "sync.bad_signature")
    # and with mallory's key claimed as the village's own
    mk = own_keys(mallory.db).peer
    manifest["source"].update(sign_key=mk.sign_key, box_key=mk.box_key, fingerprint=mk.fingerprint)
    data, sig = resign(mallory.db, manifest)
    bad2 = rezip(bundle, tmp_path / "resigned2.zip", change={"manifest.json": data, "manifest.sig": sig})
    err = _refused(township, bad2, "sync.key_changed", trust_new=True)
    assert err.params["pinned"] == own_keys(village.db).peer.fingerprint


def test_future_version_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    village, township = linked
    for field, value in (("format_version", 2), ("schema_version", "0999")):
        manifest = _manifest(bundle)
        manifest[field] = value
        data, sig = resign(village.db, manifest)
        bad = rezip(bundle, tmp_path / f"future-{field}.zip", change={"manifest.json": data, "manifest.sig": sig})
        err = _refused(township, bad, "sync.future_version")
        assert "升级" in tr(err.key, "zh", **err.params)


def test_signed_but_malformed_records_are_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    """Even the sender's own key cannot get a record past the schema."""
    village, township = linked
    with zipfile.ZipFile(bundle) as zf:
        doc = json.loads(zf.read("records/mediation_case.json"))
    doc["rows"][0][doc["columns"].index("status")] = "invented"
    body = json.dumps(doc).encode()
    manifest = _manifest(bundle)
    import hashlib

    for m in manifest["members"]:
        if m["name"] == "records/mediation_case.json":
            m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    data, sig = resign(village.db, manifest)
    bad = rezip(bundle, tmp_path / "schema.zip",
                change={"manifest.json": data, "manifest.sig": sig, "records/mediation_case.json": body})
    err = _refused(township, bad, "sync.bad_content")
    assert "status" in err.params["detail"]


def test_unknown_sender_needs_confirmation(village: Inst, township: Inst) -> None:
    village.register("张三", "李四")
    path = village.export()
    err = _refused(township, path, "sync.unknown_sender")
    assert err.params["fingerprint"] == own_keys(village.db).peer.fingerprint
    assert "--trust-new" in tr(err.key, "zh", **err.params)
    summary = township.import_(path, trust_new=True)
    assert summary.bundles[0].trusted_new[0]["fingerprint"] == err.params["fingerprint"]
    assert township.dump() == village.dump()


def test_own_bundle_is_not_imported(linked: tuple[Inst, Inst], bundle: Path) -> None:
    _refused(linked[0], bundle, "sync.own_bundle")


def test_unsafe_members_are_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    township = linked[1]
    for i, (name, data, attrs) in enumerate([("../evil.txt", b"x", None), ("/etc/passwd", b"x", None),
                                             ("records/link", b"/etc/passwd", {"records/link": 0o120777}),
                                             ("a\\b", b"x", None), (".hidden", b"x", None)]):
        bad = rezip(bundle, tmp_path / f"unsafe{i}.zip", add=[(name, data)], attrs=attrs)
        _refused(township, bad, "sync.unsafe_member")


def test_limits_on_members_size_and_ratio(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    _, township = linked
    trust = Trust(own_keys(township.db), known_peers(township.db))
    bomb = rezip(bundle, tmp_path / "bomb.zip", add=[("attachments/" + "0" * 64, bytes(50 << 20))])
    with pytest.raises(SyncError) as err:
        verify_file(bomb, trust)
    assert err.value.key == "sync.too_big" and "ratio" in err.value.params["detail"]
    with pytest.raises(SyncError) as err:
        verify_file(bundle, trust, Limits(members=3))
    assert err.value.key == "sync.too_big"
    with pytest.raises(SyncError) as err:
        verify_file(bundle, trust, Limits(member_size=100))
    assert err.value.key == "sync.too_big"
    with pytest.raises(SyncError) as err:
        verify_file(bundle, trust, Limits(file_size=100))
    assert err.value.key == "sync.too_big"
    extra = rezip(bundle, tmp_path / "extra.zip", add=[("notes.txt", b"hello")])
    _refused(township, extra, "sync.damaged")  # a member the signed manifest does not list


def test_fingerprint_format() -> None:
    fp = fingerprint("00" * 32)
    assert len(fp) == 39 and fp.count("-") == 7


def _with_record_file(village: Inst, bundle: Path, out: Path, record_type: str, body: bytes) -> Path:
    import hashlib

    manifest = _manifest(bundle)
    for m in manifest["members"]:
        if m["name"] == f"records/{record_type}.json":
            m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    data, sig = resign(village.db, manifest)
    return rezip(bundle, out, change={"manifest.json": data, "manifest.sig": sig, f"records/{record_type}.json": body})


def test_huge_number_is_refused(linked: tuple[Inst, Inst], bundle: Path, tmp_path: Path) -> None:
    village, township = linked
    with zipfile.ZipFile(bundle) as zf:
        text = zf.read("records/mediation_case.json").decode()
    body = text.replace('"rows":[[', '"rows":[[' + "9" * 5000 + ",", 1).encode()
    _refused(township, _with_record_file(village, bundle, tmp_path / "big.zip", "mediation_case", body),
             "sync.bad_content")


def test_records_of_another_owner_refuse_the_whole_bundle(linked: tuple[Inst, Inst], bundle: Path,
                                                          tmp_path: Path) -> None:
    """A sender may only send what it owns: a case claiming another owner refuses the whole bundle (it used to
    reject that case and its records and apply the rest), and no receipt is written."""
    village, township = linked
    with zipfile.ZipFile(bundle) as zf:
        doc = json.loads(zf.read("records/mediation_case.json"))
    i = doc["columns"].index("owner_installation_id")
    doc["rows"][0][i] = own_keys(township.db).peer.installation_id.hex
    bad = _with_record_file(village, bundle, tmp_path / "owner.zip", "mediation_case", json.dumps(doc).encode())
    err = _refused(township, bad, "sync.not_owner")
    assert err.params["record"] == "案件" and "330102" in err.params["owner"]
    assert not list((village.folder.parent / "stick").glob("receipt-*.zip"))


def test_verified_record_files_keep_their_rows_not_their_bytes(linked: tuple[Inst, Inst], bundle: Path) -> None:
    _, township = linked
    vb = verify_file(bundle, Trust(own_keys(township.db), known_peers(township.db)))
    assert vb.records["mediation_case"] and vb.records["party"]
    assert not [name for name in vb.plain.members if name.startswith("records/")]  # freed once parsed
    assert vb.plain.raw  # the bundle itself is kept whole (the archive of imported bundles)


def _changed_case_file(village: Inst, bundle: Path, out: Path, change: Callable[[dict], None],
                       record_type: str = "mediation_case") -> Path:
    with zipfile.ZipFile(bundle) as zf:
        doc = json.loads(zf.read(f"records/{record_type}.json"))
    change(doc)
    return _with_record_file(village, bundle, out, record_type, json.dumps(doc, ensure_ascii=False).encode())


@pytest.mark.parametrize(("column", "value"), [
    ("category_code", "../../etc"),  # shown raw as 纠纷类型 and counted as 其他
    ("category_code", "village_affairs_x"),
    ("category_scheme", "2099"),
    ("category_code", "village_affairs"),  # a code of 2025, in a case of the 2010 list (set below)
])
def test_a_value_outside_the_programs_lists_refuses_the_bundle(linked: tuple[Inst, Inst], bundle: Path,
                                                               tmp_path: Path, column: str, value: str) -> None:
    """A text column whose values come from a list the program defines (纠纷类型 and its list's version): a signed
    bundle from the sender's own key with another value is refused whole, as an unknown status is."""
    village, township = linked

    def change(doc: dict) -> None:
        row = doc["rows"][0]
        row[doc["columns"].index(column)] = value
        if value == "village_affairs":
            row[doc["columns"].index("category_scheme")] = "2010"

    err = _refused(township, _changed_case_file(village, bundle, tmp_path / "list.zip", change), "sync.bad_content")
    assert "category" in err.params["detail"]


def test_a_partys_sex_outside_the_list_refuses_the_bundle(linked: tuple[Inst, Inst], bundle: Path,
                                                          tmp_path: Path) -> None:
    village, township = linked

    def change(doc: dict) -> None:
        doc["rows"][0][doc["columns"].index("sex")] = "unknown"

    err = _refused(township, _changed_case_file(village, bundle, tmp_path / "sex.zip", change, "party"),
                   "sync.bad_content")
    assert "sex" in err.params["detail"]


@pytest.mark.parametrize("record_type", ["mediation_case", "party"])
def test_the_same_record_twice_in_one_file_refuses_the_bundle(linked: tuple[Inst, Inst], bundle: Path,
                                                              tmp_path: Path, record_type: str) -> None:
    """Which of two rows with one id the receiver kept depended on their order (a party's name became the second
    row's): refused whole."""
    village, township = linked

    def change(doc: dict) -> None:
        twin = list(doc["rows"][0])
        name = "title" if record_type == "mediation_case" else "name"
        twin[doc["columns"].index(name)] = "王重复"
        doc["rows"].append(twin)

    def counted(path: Path) -> Path:  # (the manifest counts the rows: the forger counts the twin too)
        manifest = _manifest(path)
        manifest["counts"][record_type] += 1
        data, sig = resign(village.db, manifest)
        return rezip(path, tmp_path / "twice.zip", change={"manifest.json": data, "manifest.sig": sig})

    bad = counted(_changed_case_file(village, bundle, tmp_path / "twin.zip", change, record_type))
    err = _refused(township, bad, "sync.bad_content")
    assert "twice" in err.params["detail"]


@pytest.mark.parametrize("char", ["😀", "\ue000", "\uffff"])
def test_a_character_no_document_can_print_refuses_the_bundle(linked: tuple[Inst, Inst], bundle: Path,
                                                              tmp_path: Path, char: str) -> None:
    """The forms refuse a character the documents' fonts cannot print (it printed as a box in the 协议书) or that is
    no character at all; a bundle carrying one in a party's name is refused whole, its message saying which."""
    village, township = linked

    def change(doc: dict) -> None:
        doc["rows"][0][doc["columns"].index("name")] = f"李{char}四"

    err = _refused(township, _changed_case_file(village, bundle, tmp_path / "box.zip", change, "party"),
                   "sync.unsafe_text")
    assert err.params["char"] == f"U+{ord(char):04X}"
    assert "文书字体印不出" in tr(err.key, "zh", **err.params)
