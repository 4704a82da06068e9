"""Whose backup is it, and what may it write: signed manifests, member names of the expected layout only,
and every file a restore writes inside the data folder (issue 15, class 2)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
import windows_facts
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import backups, restoring
from mediation_desktop.storage import backup as store_backup
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.sync.keys import SIGN_KEY_FILE, fingerprint

NOW = dt.datetime(2026, 3, 10, 9, 0, 0)


def _plain_backup(db: Database, out: Path) -> Path:
    """A signed, self-contained plain archive (as written inside the data folder), moved to ``out``."""
    report = backups.export_backup(db, db.paths.root / "plain.zip", now=NOW)
    report.path.replace(out)
    return out


def _sign_with(key_pem: bytes):
    key = serialization.load_pem_private_key(key_pem, None)
    return key.sign  # type: ignore[union-attr]


def _rebuild(archive: Path, out: Path, *, manifest: dict, extra: dict[str, bytes] | None = None,
             db: bytes | None = None, sign=None, drop_signature: bool = False) -> Path:
    """``archive`` with a new manifest (signed by ``sign``, or its old signature kept), optional extra
    members under any name (duplicates too) and another database."""
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == store_backup.MANIFEST:
                data = raw
            elif item.filename == store_backup.SIGNATURE:
                if drop_signature:
                    continue
                if sign is not None:
                    data = sign(raw).hex().encode()
            elif item.filename == store_backup.DB_MEMBER and db is not None:
                data = db
            dst.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(zipfile.ZipInfo(name), data)
    return out


def _fingerprint_of_data(paths: DataPaths) -> tuple[bytes, list[str]]:
    """The database's bytes and every file's name (SQLite's -wal/-shm come and go with a reader)."""
    return paths.database.read_bytes(), sorted(str(p.relative_to(paths.root)) for p in paths.root.rglob("*")
                                               if not p.name.endswith(("-wal", "-shm")))


@pytest.fixture
def signed(db: Database, director, tmp_path: Path) -> tuple[Database, Path]:
    return db, _plain_backup(db, tmp_path / "good.zip")


# --- signatures -----------------------------------------------------------------------------------------

def test_a_backup_is_signed_by_its_installation(signed):
    db, archive = signed
    manifest, raw, signature = store_backup.read_signed_manifest(archive)
    key = (db.paths.root / "keys" / SIGN_KEY_FILE).read_bytes()
    public = serialization.load_pem_private_key(key, None).public_key()  # type: ignore[union-attr]
    public.verify(signature, raw)  # raises if not
    assert manifest["signer"]["fingerprint"] == fingerprint(manifest["signer"]["sign_key"])


def _edited_database(archive: Path, tmp: Path) -> tuple[dict, bytes]:
    """The forger's best effort: a party's name changed in the database, every hash recomputed."""
    import sqlite3

    work = tmp / "edited.sqlite3"
    store_backup.extract_database(archive, work)
    con = sqlite3.connect(work)
    con.execute("UPDATE party SET name = '假名字'")
    con.commit()
    con.close()
    manifest = store_backup.read_manifest(archive)
    manifest["database"]["sha256"] = store_backup.sha256_file(work)
    return manifest, work.read_bytes()


def test_an_edited_database_with_recomputed_hashes_is_refused_however_it_is_signed(signed, tmp_path: Path):
    db, archive = signed
    from mediation_desktop.services.accounts import authenticate
    from mediation_desktop.services.cases import CaseInput, register_case
    from mediation_desktop.services.parties import PartyInput

    register_case(db, authenticate(db, "admin", "secret123"), CaseInput("neighbour", [PartyInput("张三"),
                  PartyInput("李四", role="respondent")], summary="宅基地纠纷"))
    archive = _plain_backup(db, tmp_path / "with-case.zip")
    manifest, edited = _edited_database(archive, tmp_path)
    stranger = Ed25519PrivateKey.generate()
    stranger_pub = stranger.public_key().public_bytes(serialization.Encoding.Raw,
                                                       serialization.PublicFormat.Raw).hex()
    as_stranger = dict(manifest, signer=dict(manifest["signer"], sign_key=stranger_pub,
                                             fingerprint=fingerprint(stranger_pub)))
    variants = {
        "kept signature": (_rebuild(archive, tmp_path / "a.zip", manifest=manifest, db=edited), "backup.bad_signature"),
        "signature removed": (_rebuild(archive, tmp_path / "b.zip", manifest=manifest, db=edited,
                                       drop_signature=True), "backup.unsigned"),
        "re-signed by a stranger": (_rebuild(archive, tmp_path / "c.zip", manifest=as_stranger, db=edited,
                                             sign=stranger.sign), "backup.bad_signature"),
        "stranger, naming the real key": (_rebuild(archive, tmp_path / "d.zip", manifest=manifest, db=edited,
                                                   sign=stranger.sign), "backup.bad_signature"),
    }
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    for what, (path, key) in variants.items():
        with pytest.raises(MediationError) as err:
            restoring.restore(db.paths, path)
        assert err.value.key == key, what
        assert _fingerprint_of_data(db.paths) == before, what
        with pytest.raises(MediationError):  # a fresh computer, where nothing else is compared with
            restoring.restore(DataPaths(tmp_path / f"fresh-{key}"), path)


def test_a_stranger_who_also_rewrites_the_database_identity_is_shown_as_another_installation(signed, tmp_path):
    """Whoever re-signs a whole installation's data with their own key makes a backup of *their*
    installation: refused without --other-installation, and shown with their fingerprint."""
    import sqlite3

    db, archive = signed
    stranger = Ed25519PrivateKey.generate()
    pub = stranger.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    work = tmp_path / "w.sqlite3"
    store_backup.extract_database(archive, work)
    con = sqlite3.connect(work)
    con.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    con.execute("UPDATE sync_peer SET sign_key = ?, fingerprint = ? WHERE is_self", (pub, fingerprint(pub)))
    con.commit()
    con.close()
    manifest = store_backup.read_manifest(archive)
    manifest["database"]["sha256"] = store_backup.sha256_file(work)
    manifest["keys"].pop(SIGN_KEY_FILE)
    manifest["signer"] = dict(manifest["signer"], sign_key=pub, fingerprint=fingerprint(pub))
    forged = tmp_path / "forged.zip"
    raw = json.dumps(manifest).encode()
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(forged, "w") as dst:
        for item in src.infolist():
            if item.filename == f"keys/{SIGN_KEY_FILE}":
                continue
            data = {store_backup.MANIFEST: raw, store_backup.SIGNATURE: stranger.sign(raw).hex().encode(),
                    store_backup.DB_MEMBER: work.read_bytes()}.get(item.filename) or src.read(item.filename)
            dst.writestr(item.filename, data)
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    with pytest.raises(MediationError) as err:
        restoring.restore(db.paths, forged)
    assert err.value.key == "backup.other_installation"
    assert err.value.params["fingerprint"] == fingerprint(pub) and err.value.params["backup_code"] == "330102001"
    assert _fingerprint_of_data(db.paths) == before


# --- member names ---------------------------------------------------------------------------------------

HOSTILE_PREFIXES = ["../", "../../", "/", "/etc/", "C:", "C:\\", "c:/", "\\\\server\\share\\", "\\", "keys/../",
                    "files/ab/../../", "files/../", "keys/sub/", "files/zz/", "./", "keys/.", ".hidden/", "keys\\"]
_names = st.tuples(st.sampled_from(HOSTILE_PREFIXES),
                   st.text(st.characters(min_codepoint=32, max_codepoint=0x7e), min_size=0, max_size=12)
                   ).map(lambda t: t[0] + t[1])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_names, listed=st.booleans())
def test_hostile_member_names_are_refused_and_change_nothing(signed, tmp_path_factory, name: str, listed: bool):
    db, archive = signed
    tmp = tmp_path_factory.mktemp("hostile")
    manifest = store_backup.read_manifest(archive)
    payload = b"planted"
    if listed:  # the manifest names it too, as a key file (the hash matches): signed by the installation itself
        manifest = dict(manifest, keys=dict(manifest["keys"], **{name.split("/", 1)[-1] if name.startswith("keys/")
                                                                  else name: hashlib.sha256(payload).hexdigest()}))
    key_pem = (db.paths.root / "keys" / SIGN_KEY_FILE).read_bytes()
    crafted = _rebuild(archive, tmp / "crafted.zip", manifest=manifest, extra={name: payload},
                       sign=_sign_with(key_pem))
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    with pytest.raises(MediationError) as err:
        restoring.restore(db.paths, crafted)
    assert err.value.key in ("backup.unsafe_member", "backup.not_backup"), (name, err.value)
    assert _fingerprint_of_data(db.paths) == before
    assert not (tmp.parent / "x").exists() and not Path("/etc/planted").exists()


@pytest.mark.parametrize("name", ["../../x", "/tmp/x", "C:x", "..\\..\\x", "a/../../x", "x/y"])
def test_a_manifest_naming_a_key_file_outside_changes_nothing(signed, tmp_path: Path, name: str):
    """The manifest lists a key file ``name`` and the zip holds ``keys/<name>``: nothing is written (the
    old restore wrote ``keys/../../x``: outside the data folder)."""
    db, archive = signed
    payload = b"a program for the Startup folder"
    manifest = store_backup.read_manifest(archive)
    manifest["keys"][name] = hashlib.sha256(payload).hexdigest()
    key_pem = (db.paths.root / "keys" / SIGN_KEY_FILE).read_bytes()
    crafted = _rebuild(archive, tmp_path / "crafted.zip", manifest=manifest, extra={f"keys/{name}": payload},
                       sign=_sign_with(key_pem))
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    for target in (db.paths.root / "keys" / name, DataPaths(tmp_path / "fresh").root / "keys" / name):
        with pytest.raises(MediationError) as err:
            restoring.restore(db.paths if "fresh" not in str(target) else DataPaths(tmp_path / "fresh"), crafted)
        assert err.value.key == "backup.unsafe_member"
        assert not Path(os.path.normpath(target)).exists()
    assert _fingerprint_of_data(db.paths) == before


def test_duplicate_members_are_refused(signed, tmp_path: Path):
    db, archive = signed
    manifest = store_backup.read_manifest(archive)
    key_pem = (db.paths.root / "keys" / SIGN_KEY_FILE).read_bytes()
    with pytest.warns(UserWarning):  # zipfile itself warns of the duplicate name
        crafted = _rebuild(archive, tmp_path / "dup.zip", manifest=manifest,
                           extra={f"keys/{SIGN_KEY_FILE}": b"second copy"}, sign=_sign_with(key_pem))
    db.dispose()
    with pytest.raises(MediationError) as err:
        restoring.restore(db.paths, crafted)
    assert err.value.key == "backup.unsafe_member"


def test_every_target_is_checked_inside_the_data_folder(tmp_path: Path):
    root = tmp_path / "data"
    (root / "keys").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    linked = windows_facts.make_symlink(root / "keys" / "link", outside)
    assert restoring.inside(root / "keys" / "a.pem", root) == (root / "keys" / "a.pem").resolve()
    for target in (root / ".." / "x", *([root / "keys" / "link" / "x"] if linked else []), Path("/etc/x")):
        with pytest.raises(MediationError) as err:
            restoring.inside(target, root)
        assert err.value.key == "backup.unsafe_member"
    if not linked:
        pytest.skip(windows_facts.NO_FOLLOWED_SYMLINK + " (the other targets were checked)")


def test_expected_member_names():
    sha = "ab" + "0" * 62
    for good in ("manifest.json", "manifest.sig", "mediation.sqlite3", f"files/ab/{sha}", "keys/signing-ed25519.pem"):
        assert store_backup.expected_member(good), good
    for bad in (f"files/cd/{sha}", f"files/ab/{sha}/x", "keys/../x", "keys/.hidden", "keys/a/b", "../manifest.json",
                "/manifest.json", "C:manifest.json", "keys\\x", "mediation.sqlite3/", "MANIFEST.JSON", "keys/"):
        assert not store_backup.expected_member(bad), bad


def test_open_database_after_all_this_still_works(signed):
    db, _ = signed
    db.dispose()
    open_database(db.paths).dispose()


@pytest.mark.parametrize("name", ["evil.pem", "CON", "a.", "SIGNING-ED25519.PEM", "signing-ed25519.pem.",
                                  "backup-x25519.pem.bak", "authorized_keys", "desktop.ini"])
def test_a_signed_backup_carries_only_the_known_key_files(signed, tmp_path: Path, name: str):
    """Signed by the installation itself, the manifest lists ``keys/<name>`` with a matching hash: a name
    that is not one of the program's key files is refused, nothing is written (issue 15, F7)."""
    db, archive = signed
    payload = b"planted key"
    manifest = store_backup.read_manifest(archive)
    manifest["keys"][name] = hashlib.sha256(payload).hexdigest()
    key_pem = (db.paths.root / "keys" / SIGN_KEY_FILE).read_bytes()
    crafted = _rebuild(archive, tmp_path / "crafted.zip", manifest=manifest, extra={f"keys/{name}": payload},
                       sign=_sign_with(key_pem))
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    with pytest.raises(MediationError) as err:
        restoring.restore(db.paths, crafted)
    assert err.value.key in ("backup.unsafe_member", "backup.not_backup"), err.value
    assert _fingerprint_of_data(db.paths) == before
    assert not any(p.read_bytes() == payload for p in (db.paths.root / "keys").iterdir())


def test_the_known_key_files_are_the_ones_the_program_writes():
    from mediation_desktop.services.backup_unlock import BACKUP_KEY_FILE
    from mediation_desktop.sync.keys import BOX_KEY_FILE

    assert store_backup.KEY_FILES == {SIGN_KEY_FILE, BOX_KEY_FILE, BACKUP_KEY_FILE}
    for name in store_backup.KEY_FILES:
        assert store_backup.expected_member(f"keys/{name}")
    for bad in ("keys/evil.pem", "keys/CON", "keys/a.", "keys/Signing-ed25519.pem"):
        assert not store_backup.expected_member(bad), bad


# --- what is read of a backup before its signature can vouch for it ----------------------------------------

def test_a_backup_that_is_no_regular_file_is_refused_unopened_and_changes_nothing(signed, tmp_path: Path):
    from special_files import raised_without_opening

    db, _ = signed
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    (tmp_path / "备份.zip").mkdir()
    for call in (restoring.restore, restoring.inspect_backup):
        with pytest.raises(MediationError) as err:
            call(db.paths, tmp_path / "备份.zip")
        assert err.value.key == "file.is_folder"
    fifo = windows_facts.fifo_or_skip(tmp_path / "管道.zip")
    for call in (restoring.restore, restoring.inspect_backup):
        err = raised_without_opening(fifo, lambda call=call: call(db.paths, fifo))  # type: ignore[misc]
        assert isinstance(err, MediationError) and err.key == "file.not_regular"
    assert _fingerprint_of_data(db.paths) == before


def _with_manifest(archive: Path, out: Path, raw: bytes) -> Path:
    """``archive`` with the manifest's bytes replaced by ``raw``, deflated (its old signature kept)."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = raw if item.filename == store_backup.MANIFEST else src.read(item.filename)
            dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out


def test_a_manifest_that_inflates_far_more_than_a_manifest_does_is_not_inflated(signed, tmp_path: Path):
    """A megabyte of spaces after the manifest (valid JSON) deflates a thousand times: refused from the zip's own
    sizes, before it is inflated or parsed (1.1 MB of such a zip was 3.2 GB of memory)."""
    db, archive = signed
    raw = json.dumps(store_backup.read_manifest(archive)).encode() + b" " * (1 << 20)
    bomb = _with_manifest(archive, tmp_path / "bomb.zip", raw)
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    with pytest.raises(MediationError) as err:
        restoring.restore(db.paths, bomb)
    assert err.value.key == "backup.damaged" and err.value.params["detail"] == "manifest.json ratio"
    assert _fingerprint_of_data(db.paths) == before


def test_a_manifest_over_its_limit_is_not_read(signed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from mediation_desktop.storage import zip_guard

    _db, archive = signed
    size = zipfile.ZipFile(archive).getinfo(store_backup.MANIFEST).file_size
    monkeypatch.setattr(zip_guard, "BACKUP_MANIFEST", size - 1)
    with pytest.raises(MediationError) as err:
        store_backup.read_manifest(archive)
    assert err.value.key == "backup.damaged" and err.value.params["detail"] == f"manifest.json > {size - 1}"
    monkeypatch.setattr(zip_guard, "BACKUP_MANIFEST", size)
    assert store_backup.read_manifest(archive)


def test_the_manifest_limit_holds_every_attachment_an_archive_may_hold():
    from mediation_desktop.storage import zip_guard

    line = len(json.dumps({"files_included": ["0" * 64] * 2}, indent=1).splitlines()[2]) + 1
    assert zip_guard.BACKUP_MANIFEST >= zip_guard.BACKUP_ENTRIES * line + (64 << 10)


@pytest.mark.parametrize("change", [
    {"files_included": "0" * 64},
    {"database": {"member": "../x", "sha256": "0" * 64}},
    {"keys": {"../..": "0" * 64}},
    {"files_missing": {"a": 1}},
])
def test_a_signed_manifest_with_malformed_values_says_so(signed, tmp_path: Path, change: dict):
    db, archive = signed
    manifest = dict(store_backup.read_manifest(archive), **change)
    key_pem = (db.paths.root / "keys" / SIGN_KEY_FILE).read_bytes()
    crafted = _rebuild(archive, tmp_path / "crafted.zip", manifest=manifest, sign=_sign_with(key_pem))
    db.dispose()
    before = _fingerprint_of_data(db.paths)
    with pytest.raises(MediationError) as err:
        restoring.restore(db.paths, crafted)
    assert err.value.key == "backup.bad_manifest"
    assert "清单（manifest.json）内容格式不对" in str(err.value)
    assert _fingerprint_of_data(db.paths) == before
