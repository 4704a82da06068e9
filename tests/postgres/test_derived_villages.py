"""bench/village_bundles.py: villages derived from a seed's bundle are separate units a hub verifies and imports."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, search
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import Database, open_database
from mediation_desktop.storage.models import Case, Party
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.export import export_bundle
from mediation_desktop.sync.importer import import_files
from mediation_desktop.sync.keys import own_keys, public_key_file, trust_file

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from village_bundles import derive_bundle

pytestmark = pytest.mark.postgres
SEED = SetupRequest("330101001", "第1村人民调解委员会", "village", "admin", "secret123", parent_code="330101")
HUB = SetupRequest("330101", "第一镇人民调解委员会", "township", "admin", "secret123", parent_code="330100")


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return dict(conn.execute(select(Case.owner_org_code, func.count()).group_by(Case.owner_org_code)).all())


def test_derived_villages_are_verified_imported_and_found_under_their_own_names(empty_db, tmp_path):
    hub = empty_db
    initialise(hub, HUB)
    seed_db = open_database(DataPaths(tmp_path / "seed"))
    try:
        initialise(seed_db, SEED)
        demo.generate(seed_db, count=60, seed=4, today=dt.date(2026, 5, 1))
        seed_bundle, seed_key = tmp_path / "seed.zip", tmp_path / "seed.json"
        seed_key.write_bytes(public_key_file(own_keys(seed_db)))
        export_bundle(seed_db, seed_bundle, actor="admin", full=True, encrypt=False)
        with seed_db.engine.connect() as conn:
            seed_names = sorted(conn.scalars(select(Party.name).where(Party.kind == "person")))
    finally:
        seed_db.dispose()
    bundles, keys = [seed_bundle], [seed_key]
    for n in (2, 3):
        out, key = tmp_path / f"v{n}.zip", tmp_path / f"v{n}.json"
        assert derive_bundle(seed_bundle, out, key, org_code=f"330101{n:03d}", org_name=f"第{n}村人民调解委员会",
                             parent_code="330101", number=n) == 60
        bundles.append(out)
        keys.append(key)
    with pytest.raises(SyncError):  # not trusted yet: a derived bundle is signed by its own unit's key
        import_files(hub, [bundles[1]], actor="admin", receipts_dir=tmp_path)
    for key in keys:
        trust_file(hub, key, actor="admin")
    for bundle in bundles:
        summary = import_files(hub, [bundle], actor="admin", receipts_dir=tmp_path)
        assert summary.bundles[0].by_type["mediation_case"]["new"] == 60
    assert _counts(hub) == {"330101001": 60, "330101002": 60, "330101003": 60}
    with hub.engine.connect() as conn:
        numbers = set(conn.scalars(select(Case.case_no).where(Case.owner_org_code == "330101003")))
        derived = conn.execute(select(Party.name, Party.case_id).join(Case, Case.id == Party.case_id)
                               .where(Case.owner_org_code == "330101002", Party.kind == "person")).all()
        titles = dict(conn.execute(select(Case.id, Case.title).where(Case.owner_org_code == "330101002")).all())
    assert all("第3村" in n for n in numbers) and len(numbers) == 60
    assert sorted(n for n, _ in derived) == seed_names  # the same names, given to other people
    assert sum(name in titles[case_id] for name, case_id in derived) >= len(derived) // 2  # titles say who
    name, case_id = derived[0]
    assert case_id in search.search_case_ids(hub, name, limit=None)
