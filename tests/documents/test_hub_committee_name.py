"""A hub prints the cases of its villages in the villages' names, not its own.

A township (or county) installation holds read-only copies of its villages' cases. The committee a
document names (the cover's committee line, the agreement's committee beside the seal, the acceptance
form's signature) is the case owner's — from the hub's own record when the case is its own, else from the
owner's key record (``sync_peer``) that came with its bundles.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sync_helpers import Inst, new_installation

from mediation_desktop.cli import main
from mediation_desktop.documents.registry import render_document
from mediation_desktop.documents.snapshot import agreement_snapshot, case_snapshot
from mediation_desktop.domain.enums import CaseSource
from mediation_desktop.domain.lifecycle import CaseStatus
from mediation_desktop.storage.models import Case, SyncPeer
from mediation_desktop.storage.unit_of_work import UnitOfWork

VILLAGE = "石桥村人民调解委员会"
TOWN = "石桥镇司法所"
COUNTY = "安吉县人民调解委员会"


@pytest.fixture
def make_inst(tmp_path: Path) -> Iterator[Callable[..., Inst]]:
    made: list[Inst] = []

    def make(name: str, code: str, org_name: str, level: str, parent: str | None) -> Inst:
        inst = new_installation(tmp_path / name, name, code, org_name, level, parent)
        made.append(inst)
        return inst

    yield make
    for inst in made:
        inst.db.dispose()


@pytest.fixture
def hub(make_inst: Callable[..., Inst]) -> tuple[Inst, Inst, uuid.UUID, str]:
    """石桥镇司法所 (330102) holding a signed case of 石桥村 (330102001) that came in a bundle."""
    town = make_inst("town", "330102", TOWN, "township", "330100")
    village = make_inst("village", "330102001", VILLAGE, "village", "330102")
    town.trusts(village)
    case_id = village.register("张三", "李四")
    village.mediate_and_agree(case_id)
    summary = town.import_(village.export())
    assert summary.total("new") > 0 and summary.total("rejected") == summary.total("conflict") == 0
    with town.db.read_session() as s:
        case_no = s.get(Case, case_id).case_no
    return town, village, case_id, case_no


def _text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("doc", ["cover", "agreement", "notice", "acceptance"])
def test_the_township_prints_a_village_case_in_the_village_name(hub, doc, tmp_path, capsys):
    """The reviewer's steps: ``pdf cover|agreement|acceptance CASE_NO`` in the township's data folder.

    (The acceptance form names no committee — 「本人民调解委员会」 and a box for the seal — so it only must not
    carry the township's name; the notice of rights names it above its date.)
    """
    town, _village, _case_id, case_no = hub
    out = tmp_path / f"{doc}.pdf"
    assert main(["--data-dir", str(town.folder), "pdf", doc, case_no, "--out", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out
    text = _text(out.read_bytes())
    assert TOWN not in text
    if doc != "acceptance":
        assert VILLAGE in text


def test_the_snapshots_name_the_owner(hub):
    town, village, case_id, _case_no = hub
    assert case_snapshot(town.db, case_id).committee_name == VILLAGE
    assert agreement_snapshot(town.db, case_id).committee_name == VILLAGE
    # the village itself, and the township for a case of its own, print their own names as before
    assert case_snapshot(village.db, case_id).committee_name == VILLAGE
    own = town.register("王五", "赵六")
    assert case_snapshot(town.db, own).committee_name == TOWN
    assert VILLAGE not in _text(render_document(town.db, "cover", own))


def test_the_county_prints_forwarded_cases_in_their_owners_names(hub, make_inst):
    """Forwarded by the township: the county knows the village from the township's roster."""
    town, village, case_id, _case_no = hub
    county = make_inst("county", "330100", COUNTY, "county", None)
    county.trusts(town)
    own = town.register("王五", "赵六")
    summary = county.import_(town.export())
    assert summary.total("rejected") == summary.total("conflict") == 0
    with county.db.read_session() as s:
        assert s.get(SyncPeer, village.id).trusted_how == "roster"
    assert case_snapshot(county.db, case_id).committee_name == VILLAGE
    assert agreement_snapshot(county.db, case_id).committee_name == VILLAGE
    assert case_snapshot(county.db, own).committee_name == TOWN
    text = _text(render_document(county.db, "agreement", case_id))
    assert VILLAGE in text and COUNTY not in text and TOWN not in text


def _foreign_case(db, org: str, installation: uuid.UUID) -> uuid.UUID:
    """A case of ``org`` as sync stores it (serial 99: not one the installations gave out)."""
    case_id = uuid.uuid4()
    day = dt.date(2026, 3, 2)
    with UnitOfWork(db, actor="sync", action="test.sync") as uow:
        uow.session.add(Case(
            id=case_id, case_no=f"（2026）{org}人调字第99号", year=2026, serial=99, owner_org_code=org,
            owner_installation_id=installation, title="外村案件", category_code="neighbour",
            category_scheme="2021", source=CaseSource.APPLICATION, status=CaseStatus.ACCEPTED, registered_on=day,
            accepted_on=day, summary="", requests=[], extra={}))
        uow.commit()
    return case_id


def test_an_owner_without_a_key_record_is_printed_as_its_org_code(hub):
    """No name is known (an import never leaves this): the code, never the hub's own name."""
    town = hub[0]
    case_id = _foreign_case(town.db, "330102009", uuid.uuid4())
    assert case_snapshot(town.db, case_id).committee_name == "330102009"
    text = _text(render_document(town.db, "cover", case_id))
    assert "330102009" in text and TOWN not in text


def test_the_owning_installation_names_the_committee_where_a_code_has_two_keys(hub):
    """A village set up again has a second key record under the same code: each case is named by the key of
    the installation that owns it; a case of neither takes the newest one's name."""
    town, village, case_id, _case_no = hub
    newer = uuid.uuid4()
    with UnitOfWork(town.db, actor="test", action="test.peer") as uow:
        old = uow.session.get(SyncPeer, village.id)
        uow.session.add(SyncPeer(
            installation_id=newer, org_code=old.org_code, org_name="石桥村人民调解委员会（新）", level=old.level,
            parent_code=old.parent_code, sign_key="00" * 32, box_key="00" * 32, fingerprint="x", trusted_how="file",
            trusted_at=old.trusted_at + dt.timedelta(days=1)))
        uow.commit()
    assert case_snapshot(town.db, case_id).committee_name == VILLAGE
    with town.db.read_session() as s:
        assert s.scalar(select(SyncPeer.org_name).where(SyncPeer.installation_id == newer)).endswith("（新）")
    other = _foreign_case(town.db, "330102001", uuid.uuid4())
    assert case_snapshot(town.db, other).committee_name == "石桥村人民调解委员会（新）"
