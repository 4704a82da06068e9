"""Ownership from the signature: a bundle carries only records its signer owns, or it is refused whole.

Two villages (石桥 A, 河口 B) and their township (城关 T), on SQLite and PostgreSQL. Every hostile bundle here is
A's real bundle with its record files changed and signed again with A's real key: intact, correctly signed, and
speaking for someone else. Each is refused with one line naming A, and the township is left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Inst, dump_records, resign, rezip

from mediation_desktop.domain.enums import AttachmentKind
from mediation_desktop.i18n import tr
from mediation_desktop.services import attachments, cases, records
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import own_keys

REFUSALS = {"sync.not_owner", "sync.not_owner_unknown_case"}
Docs = dict[str, dict[str, Any]]


@dataclass
class Tree:
    a: Inst
    b: Inst
    t: Inst
    a_bundle: Path
    b_bundle: Path
    a_case: uuid.UUID
    b_case: uuid.UUID
    t_case: uuid.UUID | None = None


@pytest.fixture
def tree(make_inst: Callable[..., Inst], tmp_path: Path) -> Tree:
    t = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", "330102")
    b = make_inst("河口", "330102002", "village", "330102")
    for x, y in ((t, a), (t, b), (a, t), (b, t)):
        x.trusts(y)
    a_case = a.register("张三", "李四")  # every kind of record of a case
    aid = a.mediate_and_agree(a_case)
    a.follow_up(a_case)
    records.add_investigation(a.db, a.actor, a_case, records.InvestigationInput("问：界桩在哪？答：老槐树下。", "张三"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf("signed agreement"))
    attachments.add_attachment(a.db, a.actor, a_case, scan, kind=AttachmentKind.SIGNED_AGREEMENT, agreement_id=aid)
    referred = a.register("赵红", "钱军")  # a referral up travels as a record of the village's case
    cases.refer_case(a.db, a.actor, referred, to_org_code="330102", to_org_name="城关镇人民调解委员会",
                     reason="涉及多个村", on=dt.date(2026, 3, 5))
    b_case = b.register("孙丽", "周强")  # the same year and serial as A's first case: numbers are per unit
    b.mediate_and_agree(b_case)
    b.follow_up(b_case)
    return Tree(a, b, t, a.export(encrypt=False), b.export(encrypt=False), a_case, b_case)


def docs_of(bundle: Path) -> Docs:
    with zipfile.ZipFile(bundle) as zf:
        return {t: json.loads(zf.read(f"records/{t}.json")) for t in schema.RECORD_TYPES}


def forge(sender: Inst, bundle: Path, out: Path, docs: Docs) -> Path:
    """``bundle`` with these record files, its manifest made to match and signed again with ``sender``'s key."""
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    change: dict[str, bytes | None] = {}
    import hashlib

    for t, doc in docs.items():
        body = json.dumps(doc, ensure_ascii=False).encode()
        name = f"records/{t}.json"
        change[name] = body
        for m in manifest["members"]:
            if m["name"] == name:
                m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
        manifest["counts"][t] = len(doc["rows"])
    data, sig = resign(sender.db, manifest)
    return rezip(bundle, out, change={**change, "manifest.json": data, "manifest.sig": sig})


def col(docs: Docs, t: str, name: str) -> int:
    return int(docs[t]["columns"].index(name))


def refused(importer: Inst, path: Path, sender: Inst, **kw: Any) -> SyncError:
    """Refused whole: one line naming the sender, and nothing at all changed (records, ledger, keys, audit)."""
    before = importer.state()
    with pytest.raises(SyncError) as err:
        importer.import_(path, **kw)
    assert err.value.key in REFUSALS, str(err.value)
    assert importer.state() == before
    sender_code = own_keys(sender.db).peer.org_code
    for lang in ("zh", "en"):
        text = tr(err.value.key, lang, **err.value.params)
        assert "\n" not in text and path.name in text and sender_code in text
    return err.value


def rows_of_case(docs: Docs, case_id: str) -> Docs:
    """The rows of one case, per type (a whole case, as a bundle carries it)."""
    out: Docs = {}
    for t, doc in docs.items():
        key = col(docs, t, "id" if t == "mediation_case" else "case_id")
        out[t] = {**doc, "rows": [r for r in doc["rows"] if r[key] == case_id]}
    return out


# -- the scenario ------------------------------------------------------------------------------------

def _claims_b_number(d: Docs, b: Docs, tree: Tree) -> None:
    """A's case takes B's unit code and B's year and serial: it would make B's real case collide."""
    row = d["mediation_case"]["rows"][0]
    brow = b["mediation_case"]["rows"][0]
    for name in ("owner_org_code", "year", "serial", "case_no"):
        row[col(d, "mediation_case", name)] = brow[col(b, "mediation_case", name)]


def _claims_b_installation(d: Docs, b: Docs, tree: Tree) -> None:
    d["mediation_case"]["rows"][0][col(d, "mediation_case", "owner_installation_id")] = tree.b.id.hex


def _carries_b_case(d: Docs, b: Docs, tree: Tree) -> None:
    """B's whole real case, its records and owner as they are, inside A's bundle."""
    for t, doc in rows_of_case(b, tree.b_case.hex).items():
        d[t]["rows"].extend(doc["rows"])


def _party_of_b_case(d: Docs, b: Docs, tree: Tree) -> None:
    """A record of A's bundle made a record of B's case (which the township does not have yet)."""
    d["party"]["rows"][0][col(d, "party", "case_id")] = tree.b_case.hex


@pytest.mark.parametrize("forgery", [_claims_b_number, _claims_b_installation, _carries_b_case, _party_of_b_case])
def test_a_village_cannot_speak_for_its_sibling(tree: Tree, tmp_path: Path,
                                                forgery: Callable[[Docs, Docs, Tree], None]) -> None:
    d, b = docs_of(tree.a_bundle), docs_of(tree.b_bundle)
    forgery(d, b, tree)
    bad = forge(tree.a, tree.a_bundle, tmp_path / "a-forged.zip", d)
    err = refused(tree.t, bad, tree.a)
    if err.key == "sync.not_owner":
        assert "330102002" in err.params["owner"]
    # B's real bundle then imports with nothing rejected, and so does A's real one
    summary = tree.t.import_(tree.b_bundle)
    assert summary.total("rejected") == summary.total("conflict") == 0
    assert summary.total("new") == sum(len(rows) for rows in dump_records(tree.b.db).values())
    assert tree.t.import_(tree.a_bundle).total("rejected") == 0
    assert dump_records(tree.t.db) == {t: {**dump_records(tree.a.db)[t], **dump_records(tree.b.db)[t]}
                                       for t in schema.RECORD_TYPES}


# -- against what the township holds: another unit's records, its own, its superior's --------------------------

@pytest.fixture
def holding(tree: Tree) -> Tree:
    """The township holds B's case and one of its own."""
    tree.t.import_(tree.b_bundle)
    tree.t_case = tree.t.register("吴刚", "郑华")
    return tree


def _case_code(code: str) -> Callable[[Docs, Docs, Tree], None]:
    def edit(d: Docs, b: Docs, tree: Tree) -> None:
        d["mediation_case"]["rows"][0][col(d, "mediation_case", "owner_org_code")] = code
    edit.__name__ = f"case_claims_{code}"
    return edit


def _takes_over_b_case(d: Docs, b: Docs, tree: Tree) -> None:
    """An update of B's stored case, its owner fields rewritten to A's."""
    row = list(rows_of_case(b, tree.b_case.hex)["mediation_case"]["rows"][0])
    arow = d["mediation_case"]["rows"][0]
    for name in ("owner_installation_id", "owner_org_code"):
        row[col(d, "mediation_case", name)] = arow[col(d, "mediation_case", name)]
    row[col(d, "mediation_case", "change_seq")] += 1000
    d["mediation_case"]["rows"].append(row)


def _deletes_b_case(d: Docs, b: Docs, tree: Tree) -> None:
    """A tombstone for B's stored case (claimed as A's, so it passes the owner fields)."""
    _takes_over_b_case(d, b, tree)
    d["mediation_case"]["rows"][-1][col(d, "mediation_case", "deleted_at")] = "2026-04-01 08:00:00.000000"


def _tombstone_in_b_case(d: Docs, b: Docs, tree: Tree) -> None:
    """B's agreement, deleted, sent by A."""
    row = list(rows_of_case(b, tree.b_case.hex)["agreement"]["rows"][0])
    row[col(d, "agreement", "deleted_at")] = "2026-04-01 08:00:00.000000"
    row[col(d, "agreement", "change_seq")] += 1000
    d["agreement"]["rows"].append(row)


def _record_of(target: str) -> Callable[[Docs, Docs, Tree], None]:
    def edit(d: Docs, b: Docs, tree: Tree) -> None:
        case = tree.b_case if target == "b" else tree.t_case
        assert case is not None
        d["follow_up"]["rows"][0][col(d, "follow_up", "case_id")] = case.hex
    edit.__name__ = f"record_of_{target}_case"
    return edit


def _moves_b_party(d: Docs, b: Docs, tree: Tree) -> None:
    """B's stored party, sent by A as a party of A's own case."""
    prow = list(rows_of_case(b, tree.b_case.hex)["party"]["rows"][0])
    prow[col(d, "party", "case_id")] = tree.a_case.hex
    prow[col(d, "party", "change_seq")] += 1000
    d["party"]["rows"].append(prow)


def _links_b_agreement(d: Docs, b: Docs, tree: Tree) -> None:
    """A's follow-up names B's stored agreement."""
    aid = rows_of_case(b, tree.b_case.hex)["agreement"]["rows"][0][col(d, "agreement", "id")]
    d["follow_up"]["rows"][0][col(d, "follow_up", "agreement_id")] = aid


@pytest.mark.parametrize("forgery", [
    _case_code("330102"), _case_code("330100"), _case_code("330102003"), _takes_over_b_case, _deletes_b_case,
    _tombstone_in_b_case, _record_of("b"), _record_of("township"), _moves_b_party, _links_b_agreement,
], ids=lambda f: f.__name__)
def test_nothing_stored_for_another_unit_can_be_touched(holding: Tree, tmp_path: Path,
                                                        forgery: Callable[[Docs, Docs, Tree], None]) -> None:
    d, b = docs_of(holding.a_bundle), docs_of(holding.b_bundle)
    forgery(d, b, holding)
    refused(holding.t, forge(holding.a, holding.a_bundle, tmp_path / "a-forged.zip", d), holding.a)
    assert holding.t.import_(holding.a_bundle).total("rejected") == 0  # A's real bundle is fine


def test_any_record_given_to_another_owner_refuses_the_bundle(holding: Tree, tmp_path: Path) -> None:
    """Hypothesis: one random record of A's real bundle handed to another unit (B, the township itself, its
    superior, an unknown sibling, a case that is nowhere), signed again with A's key: refused whole."""
    tree = holding
    assert tree.t_case is not None
    real = docs_of(tree.a_bundle)
    targets = {"b": ("330102002", tree.b.id.hex, tree.b_case.hex),
               "township": ("330102", tree.t.id.hex, tree.t_case.hex),
               "county": ("330100", uuid.uuid4().hex, uuid.uuid4().hex),
               "sibling": ("330102003", uuid.uuid4().hex, uuid.uuid4().hex)}
    choices = [(t, i) for t in schema.RECORD_TYPES for i in range(len(real[t]["rows"]))]
    before = tree.t.state()
    made = [0]

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.sampled_from(choices), st.sampled_from(sorted(targets)),
           st.sampled_from(["org", "installation", "both"]))
    def check(pick: tuple[str, int], target: str, fields: str) -> None:
        t, i = pick
        d = json.loads(json.dumps(real))
        code, inst, case = targets[target]
        row = d[t]["rows"][i]
        if t == "mediation_case":
            if fields in ("org", "both"):
                row[col(d, t, "owner_org_code")] = code
            if fields in ("installation", "both"):
                row[col(d, t, "owner_installation_id")] = inst
        else:
            row[col(d, t, "case_id")] = case
        made[0] += 1
        bad = forge(tree.a, tree.a_bundle, tmp_path / f"forged-{made[0]}.zip", d)
        with pytest.raises(SyncError) as err:
            tree.t.import_(bad)
        assert err.value.key in REFUSALS, str(err.value)
        assert tree.t.state() == before

    check()


# -- up the tree: a hub speaks for itself; what it forwards speaks for its authors -----------------------------

def test_a_hub_forwards_its_villages_and_may_not_speak_for_them(make_inst: Callable[..., Inst], tree: Tree,
                                                                tmp_path: Path) -> None:
    county = make_inst("安吉", "330100", "county", None)
    for x, y in ((county, tree.t), (tree.t, county)):
        x.trusts(y)
    first = tree.t.import_(tree.a_bundle, tree.b_bundle)  # with A's referral up
    assert first.total("rejected") == first.total("conflict") == 0
    tree.t.register("赵红", "钱军", summary="由石桥村移交：涉及多个村")  # the township's own, linked case
    up = tree.t.export(encrypt=False)
    # the township's own records claiming a village's case: refused whole at the county
    d = docs_of(up)
    assert d["mediation_case"]["rows"]
    d["mediation_case"]["rows"][0][col(d, "mediation_case", "owner_org_code")] = "330102001"
    refused(county, forge(tree.t, up, tmp_path / "t-forged.zip", d), tree.t)
    d = docs_of(up)  # or a village's real case put among the township's own records
    for t, doc in rows_of_case(docs_of(tree.a_bundle), tree.a_case.hex).items():
        d[t]["rows"].extend(doc["rows"])
    err = refused(county, forge(tree.t, up, tmp_path / "t-forged2.zip", d), tree.t)
    assert "330102001" in err.params["owner"]
    # the real one: the township's case and both villages' forwarded bundles, nothing rejected
    summary = county.import_(up)
    assert summary.total("rejected") == summary.total("conflict") == 0
    assert {b.source_org_code for b in summary.bundles if b.via} == {"330102001", "330102002"}
    assert dump_records(county.db) == dump_records(tree.t.db)
