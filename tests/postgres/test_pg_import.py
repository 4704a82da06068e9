"""A bundle imported into a PostgreSQL hub: the records land exactly as the village holds them (``COPY`` of the
wire text), sealed, searchable, and a second import changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from search_checks import assert_index_matches_cases
from sync_helpers import dump_registers, village_and_hub

from mediation_desktop.services import demo, search, token_worker
from mediation_desktop.services.health import check

pytestmark = pytest.mark.postgres
DAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("second_process", [False, True], ids=["tokens here", "tokens in a second process"])
def test_a_village_bundle_lands_on_the_hub_as_the_village_holds_it(pg_url, tmp_path, monkeypatch, second_process):
    if second_process:
        monkeypatch.setattr(token_worker, "THRESHOLD", 1)
    with village_and_hub(tmp_path, pg_url) as (village, hub):
        assert demo.generate(village.db, count=120, seed=11, today=DAY, batch_size=50) == 120
        bundle = village.export()
        summary = hub.import_(bundle)
        records, registers = village.dump(), dump_registers(village.db)
        assert registers["mediator"]  # (the demo's roster goes up with its cases)
        assert summary.total("new") == sum(len(rows) for rows in (*records.values(), *registers.values()))
        assert summary.total("rejected") == summary.total("conflict") == 0
        assert hub.dump() == records  # every value of every record, as the village stores it
        assert dump_registers(hub.db) == registers
        assert check(hub.db) == []  # row seals, audit chain, index
        assert assert_index_matches_cases(hub.db) == 120
        for query in ("张", "li", "zh", "2026", "纠纷"):
            assert len(search.search_case_ids(hub.db, query, limit=None)) == len(
                search.search_case_ids(village.db, query, limit=None)), query
        again = hub.import_(bundle)
        assert again.bundles[0].already_imported and hub.dump() == records
