"""The committee's registers travel up with its cases: a village's roster and its screenings (with the disputes
they found) reach its township and the county, so their reports count the villages' 排查纠纷, 预防纠纷 and
人民调解员, each in its own committee's column. Only the unit that keeps a register may send it, as for cases;
a hub lists and corrects its own registers only.

On SQLite and PostgreSQL (the ``make_inst`` fixture).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_registers import fill, register_counts
from sync_helpers import Inst, resign, rezip

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports import statistics
from mediation_desktop.reports.periods import parse_period
from mediation_desktop.services import roster, screenings
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError

DAY = dt.date(2026, 5, 12)
PERIOD = parse_period("2026-Q2")
REGISTERS = ("scr:held", "scr:found", "scr:registered", "scr:prevented", "org:mediators", "org:full_time")


def _tree(make_inst: Callable[..., Inst]) -> tuple[Inst, Inst, Inst, Inst]:
    county = make_inst("安吉", "330100", "county", None)
    town = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", "330102")
    b = make_inst("河口", "330102002", "village", "330102")
    for x, y in ((town, a), (town, b), (a, town), (b, town), (county, town), (town, county)):
        x.trusts(y)
    return county, town, a, b


def _registers(report: statistics.Report, unit: str) -> dict[str, Any]:
    return {k: report.value(k, unit) for k in REGISTERS}


def _expected(inst: Inst, code: str) -> dict[str, int]:
    counts = register_counts(inst.db, PERIOD.start, PERIOD.end)[code]
    return {k: counts.get(k, 0) for k in REGISTERS}


def test_registers_reach_the_township_and_the_county(make_inst: Callable[..., Inst]) -> None:
    county, town, a, b = _tree(make_inst)
    fill(a.db, a.actor, DAY)  # screenings in and out of the quarter, removed ones, a linked finding, former mediators
    roster.add_mediator(b.db, b.actor, roster.MediatorInput("河口专职", full_time=True))
    b.register("孙丽", "周强", day=DAY)
    summary = town.import_(a.export(encrypt=False), b.export(encrypt=False))
    assert summary.total("rejected") == summary.total("conflict") == 0
    want_a = _expected(a, "330102001")
    assert want_a == {"scr:held": 3, "scr:found": 3, "scr:registered": 1, "scr:prevented": 2, "org:mediators": 3,
                      "org:full_time": 1}
    report = statistics.compute(town.db, PERIOD)
    assert _registers(report, "330102001") == want_a
    assert _registers(report, "330102002") == {**dict.fromkeys(REGISTERS, 0), "org:mediators": 1, "org:full_time": 1}
    assert report.value("org:mediators") == 4 and report.value("scr:held") == 3
    # the township's own register is its own: its window and `roster list` show no village's mediator
    assert roster.list_mediators(town.db) == [] and screenings.list_screenings(town.db) == []
    roster.add_mediator(town.db, town.actor, roster.MediatorInput("镇调解员"))
    assert [m.name for m in roster.list_mediators(town.db)] == ["镇调解员"]
    # … and up to the county, forwarded in the township's bundle
    assert county.import_(town.export()).total("rejected") == 0
    up = statistics.compute(county.db, PERIOD)  # (a column per township, summing its villages')
    assert up.value("org:mediators") == up.value("org:mediators", "330102") == 5  # 石桥 3, 河口 1, the township 1
    assert up.value("scr:held", "330102") == 3
    town_level = statistics.compute(county.db, PERIOD, org_code="330102")  # (each of its committees)
    assert _registers(town_level, "330102001") == want_a


def test_a_change_goes_up_once_and_a_bundle_without_registers_reads_as_before(make_inst: Callable[..., Inst]) -> None:
    _county, town, a, _b = _tree(make_inst)
    a.register("张三", "李四", day=DAY)
    plain = a.export(encrypt=False)
    with zipfile.ZipFile(plain) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert not any(n.startswith(("records/mediator", "records/screening")) for n in zf.namelist())
    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    town.import_(plain)
    mediator = roster.add_mediator(a.db, a.actor, roster.MediatorInput("王建国", full_time=True))
    sid = screenings.add_screening(a.db, a.actor, screenings.ScreeningInput(DAY, "一组", "王建国", findings=[
        screenings.FindingInput("宅基地滴水")]), today=DAY)
    first = a.export(encrypt=False)
    with zipfile.ZipFile(first) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["schema_version"] == schema.SCHEMA_VERSION >= schema.REGISTERS_FROM  # (registers: from 0019 on)
    assert {t: manifest["counts"].get(t) for t in schema.REGISTER_TYPES} == {
        "mediator": 1, "screening": 1, "screening_finding": 1}
    got = town.import_(first)
    assert {t: dict(got.bundles[0].by_type[t]) for t in schema.REGISTER_TYPES} == {
        "mediator": {"new": 1}, "screening": {"new": 1}, "screening_finding": {"new": 1}}
    a.import_(*sorted((a.folder.parent / "stick").glob("receipt-330102001-*.zip")))  # the township's receipts
    # the village corrects them: only what changed goes up, and the township takes the newer version
    roster.update_mediator(a.db, a.actor, mediator, roster.MediatorInput("王建国", full_time=True, active=False))
    [view] = screenings.list_screenings(a.db)
    screenings.update_screening(a.db, a.actor, sid, screenings.ScreeningInput(DAY, "一组", "王建国", findings=[
        screenings.FindingInput("宅基地滴水", prevented=True, finding_id=view.findings[0].id)]), today=DAY)
    second = a.export(encrypt=False)
    with zipfile.ZipFile(second) as zf:
        counts = json.loads(zf.read("manifest.json"))["counts"]
    assert {t: counts.get(t) for t in schema.REGISTER_TYPES} == {"mediator": 1, "screening": None,
                                                                 "screening_finding": 1}
    got = town.import_(second)
    assert got.total("updated") == 2
    report = statistics.compute(town.db, PERIOD)
    assert _registers(report, "330102001") == _expected(a, "330102001") == {
        "scr:held": 1, "scr:found": 1, "scr:registered": 0, "scr:prevented": 1, "org:mediators": 0,
        "org:full_time": 0}


# -- who may send a register: the unit that keeps it -------------------------------------------------------------

def _docs(bundle: Path) -> dict[str, dict[str, Any]]:
    with zipfile.ZipFile(bundle) as zf:
        return {n[len("records/"):-len(".json")]: json.loads(zf.read(n)) for n in zf.namelist()
                if n.startswith("records/")}


def _forge(sender: Inst, bundle: Path, out: Path, docs: dict[str, dict[str, Any]],
           schema_version: str | None = None) -> Path:
    """``bundle`` with these record files, its manifest made to match and signed again with ``sender``'s key."""
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    change: dict[str, bytes | None] = {}
    add: list[tuple[str, bytes]] = []
    names = {m["name"] for m in manifest["members"]}
    for t, doc in docs.items():
        body = json.dumps(doc, ensure_ascii=False).encode()
        name = f"records/{t}.json"
        entry = {"name": name, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
        if name in names:
            change[name] = body
            manifest["members"] = [entry if m["name"] == name else m for m in manifest["members"]]
        else:
            add.append((name, body))
            manifest["members"].append(entry)
        manifest["counts"][t] = len(doc["rows"])
    if schema_version is not None:
        manifest["schema_version"] = schema_version
    change["manifest.json"], change["manifest.sig"] = resign(sender.db, manifest)
    return rezip(bundle, out, change=change, add=add)


def _refused(importer: Inst, path: Path, sender_code: str | None, keys: set[str]) -> SyncError:
    before = importer.state()
    with pytest.raises(SyncError) as err:
        importer.import_(path)
    assert err.value.key in keys, str(err.value)
    assert importer.state() == before  # nothing at all: records, registers, ledger, keys, audit
    for lang in ("zh", "en"):
        text = tr(err.value.key, lang, **err.value.params)
        assert "\n" not in text and path.name in text and (sender_code or path.name) in text
    return err.value


@pytest.fixture
def two_villages(make_inst: Callable[..., Inst]) -> tuple[Inst, Inst, Inst, Path]:
    """石桥 (A) with a roster and a screening whose finding is linked to its case, 河口 (B) with a case and a
    screening, both imported by the township; and A's next bundle, to be forged."""
    _county, town, a, b = _tree(make_inst)
    b_case = b.register("孙丽", "周强", day=DAY)
    screenings.add_screening(b.db, b.actor, screenings.ScreeningInput(DAY, "河口一组", "孙", findings=[
        screenings.FindingInput("借款")]), today=DAY)
    a_case = a.register("张三", "李四", day=DAY)
    roster.add_mediator(a.db, a.actor, roster.MediatorInput("王建国"))
    sid = screenings.add_screening(a.db, a.actor, screenings.ScreeningInput(DAY, "一组", "王建国", findings=[
        screenings.FindingInput("宅基地滴水")]), today=DAY)
    [view] = screenings.list_screenings(a.db)
    screenings.link_case(a.db, a.actor, view.findings[0].id, a_case)
    assert town.import_(b.export(encrypt=False)).total("rejected") == 0
    assert sid and b_case
    return town, a, b, a.export(encrypt=False)


def _col(docs: dict[str, dict[str, Any]], t: str, name: str) -> int:
    return int(docs[t]["columns"].index(name))


def _b_screening(town: Inst, b: Inst) -> str:
    [view] = screenings.list_screenings(b.db)
    return view.id.hex


def _b_case(b: Inst) -> str:
    from sqlalchemy import select

    from mediation_desktop.storage.models import Case

    with b.db.read_session() as s:
        return str(s.scalar(select(Case.id)).hex)


FORGERIES: dict[str, Callable[[dict[str, dict[str, Any]], Inst, Inst], None]] = {
    # A's mediator and screening said to be B's: a village cannot add to its sibling's register
    "mediator of B": lambda d, t, b: d["mediator"]["rows"][0].__setitem__(_col(d, "mediator", "owner_org_code"),
                                                                          "330102002"),
    "screening of B": lambda d, t, b: d["screening"]["rows"][0].__setitem__(
        _col(d, "screening", "owner_org_code"), "330102002"),
    # A's screening given the id of B's, stored at the township: an update that would take B's over
    "B's screening taken over": lambda d, t, b: d["screening"]["rows"][0].__setitem__(
        _col(d, "screening", "id"), _b_screening(t, b)),
    # A's finding moved under B's screening, or linked to B's case
    "finding under B's screening": lambda d, t, b: d["screening_finding"]["rows"][0].__setitem__(
        _col(d, "screening_finding", "screening_id"), _b_screening(t, b)),
    "finding linked to B's case": lambda d, t, b: d["screening_finding"]["rows"][0].__setitem__(
        _col(d, "screening_finding", "case_id"), _b_case(b)),
    # a finding of a screening that is nowhere
    "finding of no screening": lambda d, t, b: d["screening_finding"]["rows"][0].__setitem__(
        _col(d, "screening_finding", "screening_id"), uuid.uuid4().hex),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_a_village_cannot_speak_for_another_committees_register(two_villages: tuple[Inst, Inst, Inst, Path],
                                                                tmp_path: Path, forgery: str) -> None:
    town, a, b, bundle = two_villages
    docs = _docs(bundle)
    if forgery == "finding of no screening":  # (its own screening left out, so the finding points at nothing)
        docs["screening"]["rows"] = []
    FORGERIES[forgery](docs, town, b)
    bad = _forge(a, bundle, tmp_path / "forged.zip", docs)
    err = _refused(town, bad, "330102001", {"sync.not_owner", "sync.not_owner_unknown_case",
                                            "sync.not_owner_unknown_screening"})
    if "record" in err.params:
        assert err.params["record"] in set(schema.RECORD_WORDS.values())  # named in words, not a code
    assert town.import_(bundle).total("rejected") == 0  # A's real bundle then goes in whole


def test_registers_in_a_bundle_of_the_earlier_revision_are_refused(two_villages: tuple[Inst, Inst, Inst, Path],
                                                                   tmp_path: Path) -> None:
    town, a, _b, bundle = two_villages
    bad = _forge(a, bundle, tmp_path / "old.zip", _docs(bundle), schema_version="0003")
    err = _refused(town, bad, None, {"sync.bad_content"})
    assert "records/mediator.json" in tr(err.key, "zh", **err.params)


def test_a_found_dispute_is_linked_to_this_committees_case_only(two_villages: tuple[Inst, Inst, Inst, Path]) -> None:
    town, _a, b, _bundle = two_villages
    sid = screenings.add_screening(town.db, town.actor, screenings.ScreeningInput(DAY, "镇集市", "镇调委会", findings=[
        screenings.FindingInput("摊位纠纷")]), today=DAY)
    [view] = [v for v in screenings.list_screenings(town.db) if v.id == sid]
    with pytest.raises(MediationError) as err:  # 河口's case, imported here: not the township's to link
        screenings.link_case(town.db, town.actor, view.findings[0].id, uuid.UUID(hex=_b_case(b)))
    assert err.value.key == "screening.case_not_own"
    own = town.register("镇甲", "镇乙", day=DAY)
    screenings.link_case(town.db, town.actor, view.findings[0].id, own)


def test_registers_kept_before_they_travelled_go_up_once(make_inst: Callable[..., Inst]) -> None:
    """A village that exported with a build before the registers travelled: its roster and screenings are older than
    the point its township acknowledged, and still reach the township, with the next bundle."""
    from sqlalchemy import select, update

    from mediation_desktop.storage.models import SyncExport

    _county, town, a, _b = _tree(make_inst)
    roster.add_mediator(a.db, a.actor, roster.MediatorInput("王建国", full_time=True))
    screenings.add_screening(a.db, a.actor, screenings.ScreeningInput(DAY, "一组", "王建国"), today=DAY)
    a.register("张三", "李四", day=DAY)
    earlier = a.export(encrypt=False)
    # as the earlier build made it: no register files, no register counts in its export row
    with zipfile.ZipFile(earlier) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    for t in schema.REGISTER_TYPES:
        manifest["counts"].pop(t, None)
    manifest["members"] = [m for m in manifest["members"] if not m["name"].startswith(("records/mediator",
                                                                                       "records/screening"))]
    manifest["schema_version"] = "0003"
    change: dict[str, bytes | None] = {f"records/{t}.json": None for t in schema.REGISTER_TYPES}
    change["manifest.json"], change["manifest.sig"] = resign(a.db, manifest)
    old = rezip(earlier, earlier.with_name("earlier.zip"), change=change)
    with a.db.engine.begin() as conn:
        for bid, counts in conn.execute(select(SyncExport.bundle_id, SyncExport.counts)).all():
            conn.execute(update(SyncExport).where(SyncExport.bundle_id == bid).values(
                counts={k: v for k, v in counts.items() if k not in schema.REGISTER_TYPES}))
    assert town.import_(old).total("rejected") == 0
    a.import_(*sorted((a.folder.parent / "stick").glob("receipt-330102001-*.zip")))
    assert statistics.compute(town.db, PERIOD).value("org:mediators", "330102001") == 0
    town.import_(a.export(encrypt=False))  # nothing changed since: the registers go up all the same
    report = statistics.compute(town.db, PERIOD)
    assert (report.value("org:mediators", "330102001"), report.value("scr:held", "330102001")) == (1, 1)
    a.import_(*sorted((a.folder.parent / "stick").glob("receipt-330102001-*.zip")))
    with zipfile.ZipFile(a.export(encrypt=False)) as zf:  # and once only
        assert not any(n.startswith(("records/mediator", "records/screening")) for n in zf.namelist())


def test_a_voided_case_gives_its_dispute_back_at_the_township_too(make_inst: Callable[..., Inst]) -> None:
    """The village registers a found dispute as a case, then voids the case (registered by mistake): the finding,
    open again, goes up in the next bundle, and the township no longer counts it as registered."""
    from sqlalchemy import select

    from mediation_desktop.services.cases import void_case
    from mediation_desktop.storage.models import ScreeningFinding

    _county, town, a, _b = _tree(make_inst)
    screenings.add_screening(a.db, a.actor, screenings.ScreeningInput(DAY, "一组", "王建国", findings=[
        screenings.FindingInput("宅基地滴水")]), today=DAY)
    [view] = screenings.list_screenings(a.db)
    case_id = a.register("张三", "李四", day=DAY)
    screenings.link_case(a.db, a.actor, view.findings[0].id, case_id)
    assert town.import_(a.export(encrypt=False)).total("rejected") == 0
    assert statistics.compute(town.db, PERIOD).value("scr:registered", "330102001") == 1
    a.import_(*sorted((a.folder.parent / "stick").glob("receipt-330102001-*.zip")))
    void_case(a.db, a.actor, case_id, reason="登记错了")
    assert town.import_(a.export(encrypt=False)).total("rejected") == 0
    with town.db.read_session() as s:
        assert s.scalar(select(ScreeningFinding.case_id)) is None
    assert _registers(statistics.compute(town.db, PERIOD), "330102001") == _expected(a, "330102001")
    assert statistics.compute(town.db, PERIOD).value("scr:registered", "330102001") == 0
