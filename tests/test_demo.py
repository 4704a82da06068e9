"""Demo data: realistic, consistent, deterministic for a seed, written in whole batches."""

from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
import sys
import textwrap
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from search_checks import assert_index_matches_cases
from sqlalchemy import event, text

from mediation_desktop.domain.case_number import DEFAULT_CASE_NUMBER_PATTERN, format_case_number
from mediation_desktop.domain.categories import CURRENT_SCHEME, scheme
from mediation_desktop.domain.credit_code import check_credit_code
from mediation_desktop.domain.lifecycle import CLOSED_STATUSES, OPEN_STATUSES, CaseStatus
from mediation_desktop.domain.phone import check_phone
from mediation_desktop.domain.resident_id import check_resident_id
from mediation_desktop.errors import MediationError
from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo, demo_rows, demo_writer
from mediation_desktop.services.demo_writer import FIRST_BATCH, LARGE_BATCH, batch_ends
from mediation_desktop.services.health import check
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.audit import verify_chain
from mediation_desktop.storage.database import Database, open_database

TODAY = dt.date(2026, 5, 1)
ORG = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102")
RARE = set("镕喆堃昇珺䶮燊赟頔玥旻埕禤厍亓") | {"𠮷"}


def fresh(root: Path) -> Database:
    db = open_database(DataPaths(root))
    initialise(db, ORG)
    return db


def rows(db: Database, sql: str) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql)))


def content(db: Database) -> list[tuple[Any, ...]]:
    """What must be equal for equal seeds: everything but ids and timestamps of writing."""
    names: dict[str, list[str]] = defaultdict(list)
    for case_id, name in rows(db, "SELECT case_id, name FROM party ORDER BY case_id, position"):
        names[case_id].append(name)
    terms = dict(rows(db, "SELECT case_id, terms FROM agreement"))
    return [(r.case_no, r.status, r.title, r.accepted_on, r.closed_on, r.amount_involved, r.summary,
             tuple(names[r.id]), terms.get(r.id))
            for r in rows(db, "SELECT * FROM mediation_case ORDER BY year, serial")]


def assert_sound(db: Database) -> None:
    assert rows(db, "PRAGMA foreign_key_check") == []
    with db.engine.connect() as conn:
        assert verify_chain(conn) == []


@pytest.fixture(scope="module")
def db400(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = fresh(tmp_path_factory.mktemp("demo400"))
    assert demo.generate(db, count=400, seed=7, today=TODAY, batch_size=150) == 400
    return db


def test_every_status_and_category_with_consistent_records(db400: Database) -> None:
    cases = rows(db400, "SELECT * FROM mediation_case")
    assert len(cases) == 400
    assert {c.status for c in cases} == {s.value for s in CaseStatus}
    assert {c.category_code for c in cases} == {c.code for c in scheme(CURRENT_SCHEME).categories}
    assert {c.category_scheme for c in cases} == {CURRENT_SCHEME}
    parties = Counter(r[0] for r in rows(db400, "SELECT case_id FROM party"))
    sessions = Counter(r[0] for r in rows(db400, "SELECT case_id FROM mediation_session"))
    agreements = {a.case_id: a for a in rows(db400, "SELECT * FROM agreement")}
    visits = defaultdict(list)
    for f in rows(db400, "SELECT * FROM follow_up ORDER BY visited_on"):
        visits[f.case_id].append(f)
    referrals = {r.case_id: r for r in rows(db400, "SELECT * FROM referral")}
    earliest = TODAY - dt.timedelta(days=5 * 365)
    for c in cases:
        registered = dt.date.fromisoformat(c.registered_on)
        assert earliest <= registered <= TODAY and c.year == registered.year
        assert parties[c.id] >= 1 and c.title.endswith("纠纷") and c.summary and c.mediator_name
        if c.status == "registered":
            assert c.accepted_on is None
        if c.status in ("registered", "accepted"):
            assert registered >= TODAY - dt.timedelta(days=30)
        if c.status in OPEN_STATUSES:
            assert c.closed_on is None
        else:
            assert c.closed_on is not None and c.closed_on >= (c.accepted_on or c.registered_on)
            assert c.closed_on <= TODAY.isoformat()
        if c.status in ("mediating", "suspended", "agreed", "performed"):
            assert 1 <= sessions[c.id] <= 3
        if c.status in ("agreed", "performed"):
            a = agreements[c.id]
            assert a.status == "signed" and a.signed_on == a.effective_on == c.closed_on and a.locked_at
            assert a.number == c.case_no and a.terms.startswith('["') and a.performance_method
            assert a.copies == (1 if a.form == "oral" else parties[c.id] + 1)
            if visits[c.id]:
                assert a.performance == visits[c.id][-1].performance
        if c.status == "performed":
            assert visits[c.id][-1].performance == "done" and agreements[c.id].performance == "done"
        if c.status == "referred":
            assert referrals[c.id].to_org_code == "330102" and referrals[c.id].to_org_name
        if c.status in ("registered", "accepted", "investigating", "declined"):
            assert c.id not in agreements and sessions[c.id] == 0
    forms = Counter(a.form for a in agreements.values())
    assert forms["written"] and forms["oral"]
    assert {f.performance for fs in visits.values() for f in fs} >= {"done", "partial", "not_done"}
    results = Counter(r[0] for r in rows(db400, "SELECT result FROM mediation_session"))
    assert set(results) == {"agreed", "not_agreed", "postponed"}
    assert rows(db400, "SELECT count(*) FROM mediation_session WHERE back_to_back")[0][0] > 0
    assert rows(db400, "SELECT count(*) FROM investigation WHERE record LIKE '问：%答：%'")[0][0] > 0
    assert sum(c.escalation_risk for c in cases) and sum(c.non_public for c in cases)
    assert any(c.prevented_criminal or c.prevented_petition for c in cases)
    assert max(parties.values()) >= 5  # e.g. several children in a support case
    assert any("人民币" in (a.terms or "") or a.amount for a in agreements.values())
    assert {c.status for c in cases if c.status in CLOSED_STATUSES} == {s.value for s in CLOSED_STATUSES}


def test_identity_numbers_phones_and_addresses_are_valid(db400: Database) -> None:
    people = orgs = 0
    for p in rows(db400, "SELECT * FROM party"):
        if p.phone:
            assert check_phone(p.phone).valid, p.phone
        if p.id_type == "resident_id":
            people += 1
            check = check_resident_id(p.id_number, today=TODAY)
            assert check.valid and check.number == p.id_number, p.id_number
            assert check.sex is not None and check.sex.value == p.sex
            assert check.birth_date is not None and check.birth_date.isoformat() == p.birth_date
            assert 1940 <= check.birth_date.year <= 2000 and 15 <= p.age <= 90
        elif p.id_type == "credit_code":
            orgs += 1
            assert check_credit_code(p.id_number).checksum_ok, p.id_number
            assert p.kind == "organisation" and p.representative and p.representative_title
        if p.kind == "person":
            assert p.address and "组" in p.address and p.name
    assert people > 500 and orgs > 20


def test_case_numbers_follow_the_pattern_and_the_counter(db400: Database) -> None:
    cases = rows(db400, "SELECT case_no, year, serial FROM mediation_case")
    assert len({c.case_no for c in cases}) == len(cases)
    for c in cases:
        assert c.case_no == format_case_number(DEFAULT_CASE_NUMBER_PATTERN, year=c.year, serial=c.serial,
                                               short="石桥村", org="330102001")
    by_year = defaultdict(list)
    for c in cases:
        by_year[c.year].append(c.serial)
    counters = dict(rows(db400, "SELECT year, last_serial FROM case_number_counter"))
    for year, serials in by_year.items():
        assert sorted(serials) == list(range(1, len(serials) + 1)) and counters[year] == len(serials)


def test_one_change_sequence_and_audit_entry_per_batch_and_case(db400: Database) -> None:
    seqs = Counter(r[0] for r in rows(db400, "SELECT change_seq FROM mediation_case"))
    assert sorted(seqs.values()) == [100, 150, 150]  # batches of 150
    for table in ("party", "mediation_session", "agreement", "follow_up", "investigation", "referral"):
        assert {r[0] for r in rows(db400, f"SELECT DISTINCT change_seq FROM {table}")} <= set(seqs)
    audit = rows(db400, "SELECT * FROM audit_entry WHERE action = 'demo.create_case'")
    assert len(audit) == 400 and {a.entity_type for a in audit} == {"mediation_case"}
    assert {a.entity_id for a in audit} == {str(uuid.UUID(r[0])) for r in rows(db400, "SELECT id FROM mediation_case")}
    assert_sound(db400)


def test_ids_are_time_ordered_version_7_uuids_as_stored_hex(db400: Database) -> None:
    for table in ("mediation_case", "party", "investigation", "mediation_session", "agreement", "follow_up"):
        ids = [r[0] for r in rows(db400, f"SELECT id FROM {table} ORDER BY rowid")]
        parsed = [uuid.UUID(i) for i in ids]
        assert ids == [u.hex for u in parsed]  # the Uuid type's stored form: 32 lower-case hex digits
        assert {(u.version, u.variant) for u in parsed} == {(7, uuid.RFC_4122)}, table
        assert ids == sorted(ids) and len(set(ids)) == len(ids), table  # in the order written, each once


def test_tokens_made_ahead_give_way_when_a_case_number_was_taken_meanwhile(tmp_path: Path) -> None:
    """The case maker makes each case's search tokens with the case number it foretells from the counters at
    the start; a case registered during the run takes a number, and the batches after it are indexed with the
    numbers they really get."""
    db = fresh(tmp_path / "taken")

    def register_one(done: int, total: int) -> None:  # as allocate_case_number would: the next serial
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE case_number_counter SET last_serial = last_serial + 1"))

    demo.generate(db, count=40, seed=4, today=TODAY, batch_size=20, progress=register_one)
    numbers = [r[0] for r in rows(db, "SELECT case_no FROM mediation_case ORDER BY year, serial")]
    assert len(set(numbers)) == 40
    assert sum(r[0] for r in rows(db, "SELECT last_serial FROM case_number_counter")) > 40  # numbers were taken
    assert assert_index_matches_cases(db) == 40
    assert_sound(db)


def test_the_normal_services_read_and_continue_demo_cases(tmp_path: Path) -> None:
    from mediation_desktop.domain.enums import Performance
    from mediation_desktop.services import queries, records
    from mediation_desktop.services.accounts import authenticate
    from mediation_desktop.storage.models import Case

    db = fresh(tmp_path / "services")
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    demo.generate(db, count=60, seed=5, today=TODAY, batch_size=30)
    assert statements.count("BEGIN IMMEDIATE") == 2  # one write transaction per batch
    listed = queries.list_cases(db)
    assert len(listed) == 60 and all(row.parties for row in listed)
    agreed = next(row for row in listed if row.status == CaseStatus.AGREED)
    with db.read_session() as s:
        case = s.get(Case, agreed.id)
        assert case is not None and case.parties and case.sessions and case.agreements
        assert case.created_at.tzinfo is not None and case.agreements[0].terms
    actor = authenticate(db, ORG.admin_username, ORG.admin_password)
    records.add_follow_up(db, actor, agreed.id, records.FollowUpInput(Performance.DONE, "回访对象"))
    assert {r.status for r in queries.list_cases(db) if r.id == agreed.id} == {CaseStatus.PERFORMED}
    assert_sound(db)


def test_same_seed_same_cases_and_second_run_continues(tmp_path: Path) -> None:
    one, two = fresh(tmp_path / "one"), fresh(tmp_path / "two")
    calls: list[tuple[int, int, bool]] = []
    assert gc.isenabled()
    demo.generate(one, count=120, seed=11, today=TODAY, batch_size=50,
                  progress=lambda d, t: calls.append((d, t, gc.isenabled())))
    demo.generate(two, count=120, seed=11, today=TODAY, batch_size=120)  # the batch size changes nothing
    assert calls == [(50, 120, False), (100, 120, False), (120, 120, False)]  # no automatic collection meanwhile
    assert gc.isenabled()  # and back after
    first = content(one)
    assert first == content(two) and len(first) == 120
    assert rows(one, "SELECT id FROM mediation_case LIMIT 1") != rows(two, "SELECT id FROM mediation_case LIMIT 1")
    counters = dict(rows(one, "SELECT year, last_serial FROM case_number_counter"))
    assert demo.generate(one, count=80, seed=11, today=TODAY) == 80
    after = content(one)
    added = [c for c in after if c not in first]
    assert len(after) == 200 and set(first) <= set(after) and len(added) == 80
    assert [c[2] for c in added] != [c[2] for c in first][:80]  # different cases, not the first run again
    for year, last in counters.items():  # serials continue after the counter, never reused
        serials = sorted(r[0] for r in rows(one, f"SELECT serial FROM mediation_case WHERE year = {year}"))
        assert serials == list(range(1, len(serials) + 1)) and len(serials) >= last
    assert_sound(one)


def test_child_process_makes_the_same_cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here, there = fresh(tmp_path / "here"), fresh(tmp_path / "there")
    demo.generate(here, count=60, seed=3, today=TODAY, batch_size=25)
    monkeypatch.setattr(demo, "PROCESS_THRESHOLD", 1)
    assert demo.generate(there, count=60, seed=3, today=TODAY, batch_size=25) == 60
    assert content(here) == content(there)
    assert_sound(there)


def test_rare_characters_and_minority_names_occur(tmp_path: Path) -> None:
    db = fresh(tmp_path / "rare")
    demo.generate(db, count=2000, seed=2026, today=TODAY)
    names = [r[0] for r in rows(db, "SELECT name FROM party")]
    assert any(set(n) & RARE for n in names)
    assert any("·" in n for n in names)
    assert any(n[0] in "单曾解仇区朴查乐" for n in names)


def test_refuses_bad_counts_and_an_uninitialised_database(tmp_path: Path) -> None:
    empty = open_database(DataPaths(tmp_path / "empty"))
    with pytest.raises(MediationError) as err:
        demo.generate(empty, count=10)
    assert err.value.key == "setup.not_initialised"
    db = fresh(tmp_path / "db")
    for bad in (0, -5, demo.MAX_COUNT + 1):
        with pytest.raises(MediationError) as err:
            demo.generate(db, count=bad)
        assert err.value.key == "demo.count"
    assert rows(db, "SELECT count(*) FROM mediation_case")[0][0] == 0


def test_a_run_is_written_in_larger_batches_between_a_first_and_last_of_a_thousand(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a batch size the run's middle batches are larger (fewer commits and full-text flushes), each still
    one transaction and one change sequence, and the rows, seals, audit chain and search index pass the program's
    own checks."""
    ends = batch_ends(100_000)
    sizes = [end - start for start, end in zip((0, *ends), ends, strict=False)]
    assert ends[-1] == 100_000 and sizes[0] == FIRST_BATCH and sizes[-1] <= FIRST_BATCH
    assert max(sizes) == LARGE_BATCH and len(ends) < 50
    assert batch_ends(FIRST_BATCH) == (FIRST_BATCH,) and batch_ends(7) == (7,)
    assert batch_ends(4000) == (1000, 2500, 3250, 4000)
    # the same shape written at a tenth of the size (4,000 cases took 3.5 minutes under Wine)
    monkeypatch.setattr(demo_writer, "FIRST_BATCH", 100)
    monkeypatch.setattr(demo_writer, "LARGE_BATCH", 250)
    db = fresh(tmp_path / "ramp")
    done: list[int] = []
    assert demo.generate(db, count=400, seed=8, today=TODAY, progress=lambda n, total: done.append(n)) == 400
    assert tuple(done) == batch_ends(400) == (100, 250, 325, 400)
    seqs = Counter(r[0] for r in rows(db, "SELECT change_seq FROM mediation_case"))
    assert sorted(seqs.values()) == [75, 75, 100, 150]
    assert check(db) == []  # (the rows' seals, the audit chain, the foreign keys, whole cases)
    assert assert_index_matches_cases(db) == 400


def test_a_killed_run_leaves_only_whole_batches(tmp_path: Path) -> None:
    root = tmp_path / "killed"
    fresh(root).dispose()
    script = textwrap.dedent(f"""
        import datetime as dt, sys
        from pathlib import Path
        from mediation_desktop.paths import DataPaths
        from mediation_desktop.services import demo
        from mediation_desktop.storage.database import open_database
        db = open_database(DataPaths(Path({str(root)!r})))
        demo.generate(db, count=demo.PROCESS_THRESHOLD - 1, today=dt.date(2026, 5, 1), batch_size=97,
                      progress=lambda done, total: print(done, flush=True))
    """)  # (the cases made in the killed process itself: one interpreter to start, not two)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while int(proc.stdout.readline() or 0) < 5 * 97 and time.monotonic() < deadline:
        pass
    time.sleep(0.05)  # somewhere inside a later batch
    proc.kill()  # SIGKILL on Linux, TerminateProcess on Windows: no clean-up either way
    proc.wait()
    db = open_database(DataPaths(root))
    count = rows(db, "SELECT count(*) FROM mediation_case")[0][0]
    assert count >= 5 * 97 and count % 97 == 0
    assert rows(db, "SELECT count(*) FROM mediation_case c WHERE NOT EXISTS "
                    "(SELECT 1 FROM party p WHERE p.case_id = c.id)")[0][0] == 0
    assert rows(db, "SELECT count(*) FROM audit_entry WHERE action = 'demo.create_case'")[0][0] == count
    assert sum(r[0] for r in rows(db, "SELECT last_serial FROM case_number_counter")) == count
    assert_sound(db)
    assert assert_index_matches_cases(db) == count  # the search index holds exactly the committed cases
    demo.generate(db, count=10, today=TODAY)  # and the next run carries on
    assert_sound(db)


def test_every_story_text_fills_and_amounts_read_in_capitals() -> None:
    from mediation_desktop.services import demo_stories, demo_text

    values = dict.fromkeys(demo_text.STORY_KEYS, "X")
    for story in demo_stories.STORIES:
        for template in (story.summary, story.claim, story.defence, story.method, *story.requests, *story.terms,
                         *(part for pair in story.qa for part in pair)):
            assert "{" not in template.format_map(values), story.subject
    mixed = {key: (i if i % 2 else f"值{i}") for i, key in enumerate(demo_text.STORY_KEYS)}  # texts and numbers
    for template in (*(story.summary for story in demo_stories.STORIES), "{a:>4}{{b}}{n!r}", "{a[0]}"):
        assert "".join(demo_rows.filled(template, mixed)) == template.format_map(mixed)  # (pieces of the search pairs)
    assert demo_text.yuan_upper(156000) == "壹拾伍万陆仟元整"
    assert demo_text.yuan_upper(100005) == "壹拾万零伍元整"
    assert demo_text.yuan_upper(3_000_000) == "叁佰万元整"


def roster(db: Database) -> list[tuple[str, bool, str, bool]]:
    return [(r.name, bool(r.full_time), r.phone, bool(r.active))
            for r in rows(db, "SELECT * FROM mediator WHERE deleted_at IS NULL ORDER BY name")]


def test_the_roster_holds_the_mediators_the_cases_name(db400: Database) -> None:
    """The statistics count the 调解员名册 (人民调解员 … 人, 专职 …): the demo's mediators are in it."""
    from mediation_desktop.reports.periods import parse_period
    from mediation_desktop.reports.register_figures import register_values

    named = {r[0] for r in rows(db400, "SELECT mediator_name FROM mediation_case")}
    named |= {r[0] for r in rows(db400, "SELECT recorder_name FROM mediation_case")}
    listed = roster(db400)
    assert {r[0] for r in listed} == named and len(listed) == len(named) >= 5
    assert sum(r[1] for r in listed) == 2  # two of them 专职
    assert all(r[3] and check_phone(r[2]).valid for r in listed)
    assert {r[0] for r in rows(db400, "SELECT owner_org_code FROM mediator")} == {ORG.org_code}
    audit = rows(db400, "SELECT * FROM audit_entry WHERE action = 'roster.add'")
    assert sorted(a.entity_id for a in audit) == sorted(str(uuid.UUID(r[0])) for r in rows(db400, "SELECT id FROM mediator"))
    first = rows(db400, "SELECT min(change_seq) FROM mediation_case")[0][0]
    assert {r[0] for r in rows(db400, "SELECT change_seq FROM mediator")} == {first}  # in the first batch's transaction
    figures = register_values(db400, parse_period(str(TODAY.year)))[ORG.org_code]
    assert (figures["org:mediators"], figures["org:full_time"]) == (len(named), 2)
    assert_sound(db400)


def test_the_roster_is_the_same_for_a_seed_and_filled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two, three = fresh(tmp_path / "one"), fresh(tmp_path / "two"), fresh(tmp_path / "three")
    demo.generate(one, count=30, seed=9, today=TODAY, batch_size=10)
    demo.generate(two, count=30, seed=9, today=TODAY, batch_size=30)
    monkeypatch.setattr(demo, "PROCESS_THRESHOLD", 1)  # made in the second process: the same roster
    demo.generate(three, count=30, seed=9, today=TODAY, batch_size=10)
    assert roster(one) == roster(two) == roster(three) and roster(one)
    demo.generate(one, count=20, seed=9, today=TODAY)  # a second run: nobody twice
    assert roster(one) == roster(two)
    assert_sound(one)
    assert_sound(three)


def test_a_storys_village_group_is_where_its_villagers_live(db400: Database) -> None:
    """「钟水与韩英英同为石桥村3组村民」: then both live in 石桥村3组, as every villager of the case does."""
    import re

    homes: dict[str, set[str]] = defaultdict(set)
    for case_id, address in rows(db400, "SELECT case_id, address FROM party WHERE kind = 'person'"):
        found = re.match(r"石桥村(\d+)组", address or "")
        if found:
            homes[case_id].add(found.group(1))
    told = 0
    for case_id, summary in rows(db400, "SELECT id, summary FROM mediation_case"):
        groups = set(re.findall(r"石桥村(\d+)组", summary or ""))
        if groups:
            told += 1
            assert homes[case_id] and homes[case_id] == groups, summary
        assert len(homes[case_id]) <= 1, case_id  # one 村民小组 a case
    assert told >= 10
