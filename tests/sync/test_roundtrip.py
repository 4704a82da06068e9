"""Export → import: complete, idempotent, incremental, in any order, with receipts closing the loop."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from search_checks import assert_index_matches_cases
from sqlalchemy import func, select
from sync_helpers import Inst

from mediation_desktop.domain.enums import SessionResult
from mediation_desktop.services import cases, records
from mediation_desktop.services.search import search_case_ids
from mediation_desktop.storage.models import SyncExport
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import own_keys, verify_signature


def test_bundle_layout_manifest_and_signature(linked: tuple[Inst, Inst]) -> None:
    village, _ = linked
    cid = village.register("张三", "李四")
    village.mediate_and_agree(cid)
    path = village.export(encrypt=False)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        manifest_bytes = zf.read("manifest.json")
        manifest = json.loads(manifest_bytes)
        assert schema.first_error("manifest", manifest) is None
        assert {m["name"] for m in manifest["members"]} == names - {"manifest.json", "manifest.sig"}
        for m in manifest["members"]:
            import hashlib

            data = zf.read(m["name"])
            assert (len(data), hashlib.sha256(data).hexdigest()) == (m["size"], m["sha256"])
        sig = bytes.fromhex(zf.read("manifest.sig").decode())
    keys = own_keys(village.db)
    assert verify_signature(keys.peer.sign_key, sig, manifest_bytes)
    assert not verify_signature(keys.peer.sign_key, sig, manifest_bytes.replace(b"330102001", b"330102002"))
    assert manifest["source"]["installation_id"] == keys.peer.installation_id.hex
    assert manifest["counts"]["mediation_case"] == 1 and manifest["counts"]["agreement"] == 1
    assert manifest["seq_from"] == 0 and manifest["seq_to"] > 0 and manifest["prev_bundle_id"] is None
    assert manifest["audit_head"]["seq"] > 0
    assert manifest["format_version"] == schema.FORMAT_VERSION and manifest["schema_version"] == schema.SCHEMA_VERSION == "0020"


def test_import_copies_every_record_and_is_searchable(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    a = village.register("欧阳明", "李四")
    village.mediate_and_agree(a)
    village.follow_up(a)
    village.register("赵红", "钱军")
    summary = township.import_(village.export())
    assert summary.total("new") == sum(len(v) for v in village.dump().values())
    assert summary.total("rejected") == summary.total("conflict") == 0
    assert township.dump() == village.dump()
    assert len(search_case_ids(township.db, "欧阳")) == 1
    assert len(search_case_ids(township.db, "ouyang")) == 1


def test_same_bundle_twice_changes_nothing(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    village.register("张三", "李四")
    path = village.export()
    township.import_(path)
    before = township.state()
    again = township.import_(path)
    assert again.bundles[0].already_imported
    after = township.state()
    after.pop("audit_head"), before.pop("audit_head")
    assert after == before
    # the same records in a new bundle: all unchanged, nothing written but the ledger
    full = township.import_(village.export(full=True))
    assert full.total("unchanged") == sum(len(v) for v in village.dump().values())
    assert full.total("new") == full.total("updated") == 0
    assert township.dump() == village.dump()


def test_incremental_export_after_receipt(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    a = village.register("张三", "李四")
    b = village.register("王五", "赵六")
    township.import_(village.export())
    receipts = sorted((village.folder.parent / "stick").glob("receipt-*.zip"))
    assert len(receipts) == 1
    summary = village.import_(receipts[0])
    assert summary.bundles[0].kind == "receipt"
    with village.db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SyncExport).where(SyncExport.acknowledged_at.is_not(None))) == 1
    cases.change_status(village.db, village.actor, b, cases.CaseAction.MEDIATE)
    second = village.export()
    with zipfile.ZipFile(second) as zf:
        names = zf.namelist()
    assert sorted(names) == ["manifest.json", "manifest.sig", "payload.bin"]  # encrypted: the township's key is known
    summary = township.import_(second)
    assert summary.bundles[0].by_type["mediation_case"] == {"updated": 1}
    assert township.dump() == village.dump()
    assert a  # the untouched case did not travel again


def test_out_of_order_with_gaps_and_older_versions(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    a = village.register("张三", "李四")
    first = village.export(encrypt=False)
    village.mediate_and_agree(a)
    second = village.export(encrypt=False)  # nothing acknowledged: each export is cumulative, seq_from 0
    village.follow_up(a)
    b = village.register("王五", "赵六")
    third = village.export(full=True)
    # newest first, then the older ones: their versions are older and are kept out
    township.import_(third)
    assert township.dump() == village.dump()
    summary = township.import_(second, first)
    assert summary.total("older") > 0 and summary.total("new") == summary.total("updated") == 0
    assert township.dump() == village.dump()
    assert b


def test_gap_is_reported(linked: tuple[Inst, Inst]) -> None:
    village, township = linked
    village.register("张三", "李四")
    first = village.export()
    township.import_(first)
    village.import_(*sorted((village.folder.parent / "stick").glob("receipt-*.zip")))
    village.register("王五", "赵六")
    village.export()  # lost on the way
    village.register("孙七", "周八")
    # the hub's receipt for the lost bundle never came; say it did, so the next export starts after it
    from mediation_desktop.storage.unit_of_work import UnitOfWork

    with UnitOfWork(village.db, actor="test", action="test.ack") as uow:
        lost = uow.session.scalars(select(SyncExport).order_by(SyncExport.created_at.desc())).first()
        assert lost is not None
        lost.acknowledged_at = dt.datetime.now(dt.UTC)
        uow.commit()
    third = village.export()
    summary = township.import_(third)
    assert summary.gaps and summary.gaps[0]["source"] == "330102001"
    assert summary.gaps[0]["seq_from"] > 1


def _head(inst: Inst) -> dict:
    from mediation_desktop.storage.models import AuditHead

    with inst.db.read_session() as s:
        row = s.scalars(select(AuditHead)).one()
        return {"seq": row.last_seq, "hash": row.last_hash}


def _manifest_of(path) -> dict:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def test_every_bundle_carries_its_authors_audit_head(linked: tuple[Inst, Inst]) -> None:
    """Data bundles, receipts and reference bundles all name the head of their author's audit chain (signed)."""
    from mediation_desktop.sync.reference import export_reference

    village, township = linked
    village.register("张三", "李四")
    before = _head(village)
    data = _manifest_of(village.export(encrypt=False))
    assert data["audit_head"] == before and before["seq"] > 0  # the chain as it was when the bundle was made
    township.import_(village.exports[-1])
    receipt = sorted((village.folder.parent / "stick").glob("receipt-*.zip"))[-1]
    assert _manifest_of(receipt)["audit_head"] == _head(township)  # after the import it answers
    before = _head(township)
    out = township.folder.parent / "stick" / "reference.zip"
    export_reference(township.db, out, actor="admin")
    assert _manifest_of(out)["audit_head"] == before
    assert before != _head(township)  # the export itself is audited after


def test_imported_cases_are_searchable_when_the_import_returns(linked: tuple[Inst, Inst]) -> None:
    """The import indexes its cases in its own transaction: found by name and pinyin at once, each once; a
    case updated without a change to its text keeps its row; a case voided at the village leaves search."""
    from mediation_desktop.services.cases import void_case
    from mediation_desktop.storage.models import CaseSearchRow

    village, township = linked
    names = ["欧阳明", "赵红", "钱军", "孙丽", "周强"]
    ids = [village.register(name, "李四") for name in names]
    township.import_(village.export())
    assert search_case_ids(township.db, "ouyang") == [ids[0]] and search_case_ids(township.db, "赵红") == [ids[1]]
    with township.db.engine.connect() as conn:
        rows = dict(conn.execute(select(CaseSearchRow.case_id, CaseSearchRow.doc)).all())
    extra = village.register("欧阳雪", "王五")
    records.add_session(village.db, village.actor, ids[2], records.SessionInput(SessionResult.POSTPONED, record="第一次"))
    summary = township.import_(village.export())
    assert summary.total("new") > 0 and summary.total("updated") > 0
    assert sorted(search_case_ids(township.db, "ouyang")) == sorted([ids[0], extra])
    assert search_case_ids(township.db, "欧阳雪") == [extra]
    with township.db.engine.connect() as conn:
        now = dict(conn.execute(select(CaseSearchRow.case_id, CaseSearchRow.doc)).all())
    assert now[ids[2]] == rows[ids[2]]  # a session changes nothing searchable: the same row
    void_case(village.db, village.actor, ids[1], reason="登记错误")
    township.import_(village.export())
    assert search_case_ids(township.db, "赵红") == [] and search_case_ids(township.db, "zhaohong") == []
    assert search_case_ids(township.db, "孙丽") == [ids[3]]
    assert assert_index_matches_cases(township.db) == len(names)  # (the voided one is not listed)


def test_an_import_whose_indexing_fails_changes_nothing(linked: tuple[Inst, Inst],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while the import writes its index rows: the whole import is rolled back, nothing half-done."""
    import errno

    from mediation_desktop.services import search

    village, township = linked
    village.register("欧阳明", "李四")
    before = township.dump()

    def full(*_a: object, **_k: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(search, "index_cases", full)
        with pytest.raises(OSError):
            township.import_(village.export())
    assert township.dump() == before and search_case_ids(township.db, "欧阳明") == []
    township.import_(village.export())
    assert township.dump() == village.dump() and len(search_case_ids(township.db, "ouyang")) == 1


def test_a_whole_stick_imports_with_its_own_files_and_others_receipts_passed_over(
        linked: tuple[Inst, Inst], make_inst) -> None:
    """One stick goes round several villages: each selects everything on it. Its own bundles, the hub's own
    receipts and receipts for other villages are passed over with a note; the rest is imported."""
    village, township = linked
    other = make_inst("河口", "330102002", "village", "330102")
    township.trusts(other)
    other.trusts(township)
    village.register("张三", "李四")
    other.register("王五", "赵六")
    stick = village.folder.parent / "stick"
    township.import_(village.export(), other.export())
    everything = sorted(stick.glob("*.zip"))  # both bundles (sealed for the hub) and both receipts
    assert len(everything) == 4
    again = township.import_(*everything)  # the hub: its own receipts passed over, the bundles seen before
    assert sorted(k["reason"] for k in again.skipped) == ["sync.own_bundle", "sync.own_bundle"]
    assert all(b.already_imported for b in again.bundles) and len(again.bundles) == 2
    before = village.state()
    summary = village.import_(*everything)  # the village: its receipt applied, the rest passed over
    assert [b.kind for b in summary.bundles] == ["receipt"]
    assert sorted(k["reason"] for k in summary.skipped) == ["sync.not_for_us", "sync.own_bundle",
                                                           "sync.receipt_not_ours"]
    assert summary.as_json()["skipped"] and village.state() != before
    only_others = [p for p in everything if p.name.startswith("receipt-330102002")]
    with pytest.raises(SyncError) as err:  # alone, such a file is a refusal, as before
        village.import_(*only_others)
    assert err.value.key == "sync.receipt_not_ours"


@pytest.mark.parametrize(("errno_", "expected"), [(30, "是只读的"), (28, "已满"), (5, "无法写入")])
def test_a_receipt_not_written_says_why_in_one_chinese_line(linked: tuple[Inst, Inst], monkeypatch, errno_,
                                                            expected) -> None:
    from mediation_desktop.sync import export

    village, township = linked
    village.register("张三", "李四")
    path = village.export()

    def refused(target, data, keys):
        raise OSError(errno_, "Read-only file system" if errno_ == 30 else "error", str(target))

    monkeypatch.setattr(export, "write_and_verify", refused)
    summary = township.import_(path)
    report = summary.bundles[0]
    assert summary.total("new") > 0 and report.receipt_path is None
    assert expected in report.receipt_error and "Errno" not in report.receipt_error
    assert "\n" not in report.receipt_error and "sync." not in report.receipt_error
