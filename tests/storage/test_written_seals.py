"""Row seals made from the values a bulk writer hands to SQLite's driver, or to PostgreSQL's ``COPY``
(``seal.written_seals``), are the seals a read-back makes: for every table a demo run and an import write, and for
awkward values in every column affinity or type (None, empty texts, integers in text columns, big integers, floats,
JSON, Chinese and astral characters, bytes; on PostgreSQL texts the server reads as other values).
A row whose stored form is not certain is named for a read-back, never sealed differently."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_server import backend_params, database_url_for
from sqlalchemy import Connection, create_engine
from sync_helpers import Inst, new_installation
from sync_helpers import village_and_hub as a_village_and_its_hub

from mediation_desktop.services import demo
from mediation_desktop.services.health import check
from mediation_desktop.storage import seal
from mediation_desktop.storage.database import Database

DAY = dt.date(2026, 3, 2)

# one column of every affinity, declared as the schema and the migrations declare them
COLUMNS = {"id": "CHAR(32)", "txt": "TEXT", "vc": "VARCHAR(20)", "i": "INTEGER", "big": "BIGINT", "flag": "BOOLEAN",
           "day": "DATE", "at": "DATETIME", "amount": "NUMERIC(14, 2)", "doc": "JSON", "r": "REAL", "f": "FLOAT",
           "blob": "BLOB", "bare": ""}
NAMES = [c for c in COLUMNS if c != "id"]

AWKWARD_TEXT = ["", " ", "0", "12", " 12 ", "-7", "+3", "3.0", "1e5", "1e", ".5", "5.", "-0", "0x10", "１２", "١٢",
                "12\x00", "1 2", "NaN", "inf", "2026-03-02", "2026-03-02 08:30:00.000000", "null", "[]", "{}",
                '{"a": 1}', "张三", "𠮷野家", "\t7\n", "9223372036854775808", "1e400"]
values = st.one_of(
    st.none(),
    st.sampled_from(AWKWARD_TEXT),
    st.text(max_size=12),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80) | st.characters(
        min_codepoint=0x20000, max_codepoint=0x20100), max_size=8),
    st.from_regex(r"\s*[+-]?\d{0,3}\.?\d{0,3}([eE][+-]?\d{0,2})?\s*", fullmatch=True),
    st.integers(min_value=-2 ** 63, max_value=2 ** 63 - 1),
    st.sampled_from([0, 1, -1, 2 ** 53, 2 ** 53 + 1, -2 ** 53 - 1, 2 ** 63 - 1, -2 ** 63]),
    st.booleans(),
    st.floats(),
    st.sampled_from([0.0, -0.0, 1.0, 1.5, 2.0 ** 53, 2.0 ** 60, 1e-300, 0.1, float("inf"), float("nan")]),
    st.binary(max_size=8),
    st.builds(lambda v: json.dumps(v, ensure_ascii=False), st.one_of(
        st.integers(), st.floats(allow_nan=False), st.text(max_size=4), st.lists(st.integers(), max_size=3))),
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def _create(conn: Connection, extra: str = "") -> None:
    conn.exec_driver_sql("DROP TABLE IF EXISTS t")
    cols = ", ".join(f'"{c}" {decl}' for c, decl in COLUMNS.items())
    conn.exec_driver_sql(f"CREATE TABLE t ({cols}, PRIMARY KEY (id){extra})")


def _insert(conn: Connection, columns: dict[str, list[Any]]) -> None:
    names = list(columns)
    marks = ", ".join("?" for _ in names)
    quoted = ", ".join(f'"{n}"' for n in names)
    conn.exec_driver_sql(f"INSERT INTO t ({quoted}) VALUES ({marks})", list(zip(*columns.values(), strict=True)))


def _read_back(conn: Connection) -> dict[str, str]:
    """As ``seal.read_seals`` does on SQLite: the rows straight from the driver, hashed as they come."""
    quoted = ", ".join(f'"{c}"' for c in COLUMNS)
    return {seal.row_key(row[0]): seal.row_digest(row)
            for row in seal._raw_rows(conn, f"SELECT {quoted} FROM t", ())}


def _compare(conn: Connection, columns: dict[str, list[Any]]) -> tuple[dict[str, str], list[Any]]:
    made = seal.foretold_digests(conn, "t", list(COLUMNS), "id", columns)
    assert made is not None
    # the rows as handed to the driver, given beside the columns: digested as they are where nothing is stored in
    # another form, the same seals either way
    assert seal.foretold_digests(conn, "t", list(COLUMNS), "id", columns,
                                 list(zip(*columns.values(), strict=True))) == made
    digests, unsure = made
    stored = _read_back(conn)
    assert {k: stored[k] for k in digests} == digests  # every seal made from the values is the read-back one
    assert set(digests) | set(unsure) == set(stored) and not set(digests) & set(unsure)
    return digests, unsure


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: values for c in NAMES}), min_size=1, max_size=12))
def test_seals_from_the_values_written_are_the_read_back_seals(scratch: Connection, rows: list[dict[str, Any]]
                                                                ) -> None:
    with scratch.begin():
        _create(scratch)
        columns: dict[str, list[Any]] = {"id": [f"{i:032x}" for i in range(len(rows))]}
        for c in NAMES:
            columns[c] = [row[c] for row in rows]
        _insert(scratch, columns)
        _compare(scratch, columns)


texts = st.one_of(st.none(), st.sampled_from(AWKWARD_TEXT), st.text(max_size=12),
                  st.from_regex(r"\s*[+-]?\d{0,3}\.?\d{0,3}([eE][+-]?\d{0,2})?\s*", fullmatch=True),
                  st.builds(lambda v: json.dumps(v, ensure_ascii=False), st.integers() | st.text(max_size=3)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: texts for c in NAMES}), min_size=1, max_size=30))
def test_columns_of_texts_only_are_foretold_as_the_read_back(scratch: Connection, rows: list[dict[str, Any]]) -> None:
    """(Columns of texts only take a shorter path: one search over the column for a text read as a number.)"""
    test_seals_from_the_values_written_are_the_read_back_seals.hypothesis.inner_test(scratch, rows)


def test_the_usual_awkward_values_are_foretold_not_read_back(scratch: Connection) -> None:
    """What a bulk writer hands over most: foretold exactly (the read-back is for the doubtful few)."""
    sure = [
        {"txt": None, "vc": "", "i": None, "big": 2 ** 62, "flag": True, "day": "2026-03-02", "amount": 1500.0,
         "doc": "[]", "r": 3, "f": 2.5, "blob": b"\x00\xff", "bare": "张三"},
        {"txt": 12, "vc": "𠮷野家", "i": 7, "big": -2 ** 63, "flag": 0, "day": None, "amount": 12.34,
         "doc": '{"乡": "镇"}', "r": 1.0, "f": None, "blob": "文本", "bare": 5},
        {"txt": "1e5", "vc": 2 ** 63 - 1, "i": False, "big": 0, "flag": None, "at": "2026-03-02 08:30:00.000000",
         "amount": 3.0, "doc": "null", "r": -2 ** 53, "f": 0.0, "blob": None, "bare": 1.5},
    ]
    doubtful = [  # (SQLite may store these differently from what was handed over)
        {"i": "12"}, {"amount": " 3.5 "}, {"doc": "5"}, {"txt": 1.5}, {"r": float("nan")}, {"f": -0.0},
        {"r": 2 ** 53 + 1}, {"big": 1.0e19},
    ]
    with scratch.begin():
        _create(scratch)
        rows = sure + doubtful
        columns = {"id": [f"{i:032x}" for i in range(len(rows))]}
        columns.update({c: [row.get(c) for row in rows] for c in NAMES})
        _insert(scratch, columns)
        digests, unsure = _compare(scratch, columns)
    assert set(unsure) == {f"{i:032x}" for i in range(len(sure), len(rows))}
    assert len(digests) == len(sure)


def test_a_column_left_to_a_default_or_a_trigger_means_a_read_back(scratch: Connection) -> None:
    with scratch.begin():
        _create(scratch)
        written = {"id": ["a" * 32], "txt": ["x"]}
        _insert(scratch, written)
        made = seal.foretold_digests(scratch, "t", list(COLUMNS), "id", written)  # the rest: NULL
        assert made is not None and made[0] == _read_back(scratch)
    with scratch.begin():
        scratch.exec_driver_sql("DROP TABLE t")
        scratch.exec_driver_sql("CREATE TABLE t (id CHAR(32) PRIMARY KEY, txt TEXT DEFAULT 'd', i INTEGER)")
        assert seal.foretold_digests(scratch, "t", ["id", "txt", "i"], "id", {"id": ["b" * 32], "i": [1]}) is None
        assert seal.foretold_digests(scratch, "t", ["id", "txt", "i"], "id",
                                     {"id": ["b" * 32], "txt": [None], "i": [1]}) is not None
        scratch.exec_driver_sql("CREATE TRIGGER up AFTER INSERT ON t BEGIN UPDATE t SET i = 2; END")
        assert seal.foretold_digests(scratch, "t", ["id", "txt", "i"], "id",
                                     {"id": ["b" * 32], "txt": [None], "i": [1]}) is None


class _Spy:
    """Every ``written_seals`` answer of a run, to compare with the rows read back at its end."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[tuple[str, dict[str, str], list[Any]]] = []
        real = seal.written_seals

        def spy(conn: Connection, name: str, columns: Any, rows: Any = None
                ) -> tuple[dict[str, str], list[Any]] | None:
            made = real(conn, name, columns, rows)
            assert made is not None, name  # (the tables the bulk writers fill are all foretold on SQLite)
            self.made.append((name, *made))
            return made

        monkeypatch.setattr(seal, "written_seals", spy)

    def compare(self, db: Database) -> dict[str, int]:
        sealed: dict[str, int] = {}
        with db.engine.connect() as conn:
            for name, digests, unsure in self.made:
                assert seal.read_seals(conn, {name: list(digests)})[name] == digests, name
                sealed[name] = sealed.get(name, 0) + len(digests)
                assert len(unsure) <= len(digests) // 20 + 1, (name, unsure[:3])  # (the read-back is for a few)
        return sealed


def test_a_demo_run_seals_every_table_from_the_values_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    spy = _Spy(monkeypatch)
    village = new_installation(tmp_path / "village", "石桥", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        assert demo.generate(village.db, count=150, seed=7, today=DAY, batch_size=40) == 150
        sealed = spy.compare(village.db)
        assert sealed["mediation_case"] == 150 and {"party", "mediation_session", "agreement", "follow_up"} <= set(sealed)
        assert check(village.db) == []
    finally:
        village.db.dispose()


@pytest.fixture(params=backend_params())
def village_and_hub(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Inst, Inst]]:
    """A village and its township hub that trust each other; the hub on SQLite, then on PostgreSQL (where the
    seals come from the values handed to ``COPY``: storage.pg_seals)."""
    with a_village_and_its_hub(tmp_path, database_url_for(request.param)) as pair:
        yield pair


def test_an_import_seals_every_table_from_the_values_written(village_and_hub: tuple[Inst, Inst],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    village, hub = village_and_hub
    assert demo.generate(village.db, count=120, seed=11, today=DAY, batch_size=50) == 120
    bundle = village.export()
    spy = _Spy(monkeypatch)
    summary = hub.import_(bundle)
    sealed = spy.compare(hub.db)
    assert sum(sealed.values()) == summary.total("new")
    assert hub.dump() == village.dump()
    assert check(hub.db) == []


def test_a_row_inserted_then_updated_in_one_import_is_sealed_as_it_ends(village_and_hub: tuple[Inst, Inst]) -> None:
    """Two bundles in one import: the first inserts a case (sealed from the values written), the second updates
    it (read back at the commit): the read-back, the row as it ends, is the seal the chain keeps."""
    village, hub = village_and_hub
    case_id = village.register("欧阳明", "李四")
    village.mediate_and_agree(case_id)
    first = village.export()
    village.follow_up(case_id)  # a new record, and the case it closes changes
    second = village.export()
    summary = hub.import_(first, second)
    assert summary.total("new") > 0 and summary.total("updated") > 0
    assert hub.dump() == village.dump()
    assert check(hub.db) == []


# -- PostgreSQL: seals from the values handed to COPY (storage.pg_seals) ------------------------------------------

# one column of every type the schema uses on PostgreSQL, as its migrations declare them
PG_COLUMNS = {"id": "uuid", "txt": "text", "vc": "varchar(5)", "i": "integer", "big": "bigint", "flag": "boolean",
              "day": "date", "at": "timestamp without time zone", "amount": "numeric(14, 2)", "doc": "json",
              "other": "uuid"}
PG_NAMES = [c for c in PG_COLUMNS if c != "id"]
_PG_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
# values the server accepts for each column, in the wire's form and in others it reads differently
PG_VALUES: dict[str, Any] = {
    "txt": st.none() | _PG_TEXT | st.sampled_from(["", " ", "0", "null", "张三", "𠮷野家", "a\tb\nc\\d\r", "\\N"]),
    "vc": st.none() | st.text(alphabet="ab 张 ", max_size=5) | st.sampled_from(["abcde  ", "张三     ", "ab   "]),
    "i": st.none() | st.integers(-2 ** 31, 2 ** 31 - 1) | st.sampled_from([" 12 ", "+3", "-7", "0012"]),
    "big": st.none() | st.integers(-2 ** 63, 2 ** 63 - 1) | st.sampled_from(["9", " 5"]),
    "flag": st.none() | st.booleans() | st.sampled_from(["t", "yes", "on", "1", "false", 0, 1]),
    "day": st.none() | st.dates().map(dt.date.isoformat) | st.dates() | st.sampled_from(
        ["2026-3-2", " 2026-03-02", "20260302", "2024-02-29"]),
    "at": st.none() | st.datetimes().map(lambda d: d.isoformat(" ", "microseconds")) | st.datetimes() | st.sampled_from(
        ["2026-03-02 08:30:00.000000", "2026-03-02 08:30:00", "2026-03-02 08:30:00.5", "2026-03-02 24:00:00.000000",
         "2026-03-02T08:30:00.000000", "2026-03-02 23:59:60.000000", "2026-03-02 08:30:00.1234567"]),
    "amount": st.none() | st.decimals(min_value=0, max_value=10 ** 9, places=2).map(str) | st.sampled_from(
        ["12", "12.5", "007.10", "0", "-3.5", "1e2", " 4", "2.345"]) | st.sampled_from(
        [Decimal("1.5"), Decimal("-0"), Decimal("5E+1"), Decimal("1.234"), Decimal("-2.25")]),
    "doc": st.none() | st.builds(lambda v: json.dumps(v, ensure_ascii=False), st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=4).filter(lambda t: "\x00" not in t),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=6)) | st.sampled_from(['{"b": 1, "a": [2, "乡"]}', '{"a":1,"a":2}', " [ ] ", '"s"', "1.0", "1e2",
                                           "-0.0", "null", '{"x": 1.50}']),
    "other": st.none() | st.uuids().map(lambda u: u.hex) | st.uuids() | st.uuids().map(
        lambda u: str(u).upper()) | st.uuids().map(str),
}


@pytest.fixture(scope="module")
def pg_scratch() -> Iterator[Connection]:
    from pg_server import POSTGRESQL, database_url_for

    from mediation_desktop.storage.engine import make_engine

    url = database_url_for(POSTGRESQL)
    assert url is not None
    engine = make_engine(url)
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def _pg_create(conn: Connection) -> None:
    conn.exec_driver_sql("DROP TABLE IF EXISTS t")
    cols = ", ".join(f'"{c}" {decl}' for c, decl in PG_COLUMNS.items())
    conn.exec_driver_sql(f"CREATE TABLE t ({cols}, PRIMARY KEY (id))")


def _pg_compare(conn: Connection, columns: dict[str, list[Any]]) -> tuple[dict[str, str], list[Any]]:
    """COPY the rows as the import does (``storage.bulk``), then foretell and read back their seals."""
    from mediation_desktop.storage import bulk, pg_seals

    bulk._copy(conn, "t", list(columns), list(zip(*columns.values(), strict=True)))
    made = pg_seals.foretold_digests(conn, "t", list(PG_COLUMNS), "id", columns)
    assert made is not None
    digests, unsure = made
    quoted = ", ".join(f'"{c}"' for c in PG_COLUMNS)
    stored = {seal.row_key(row[0]): seal.row_digest(row) for row in conn.exec_driver_sql(f"SELECT {quoted} FROM t")}
    assert {k: stored[k] for k in digests} == digests  # every seal made from the values is the read-back one
    assert len(digests) + len(unsure) == len(stored) and not set(digests) & {str(uuid.UUID(u)) for u in unsure}
    return digests, unsure


@pytest.mark.postgres
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: PG_VALUES[c] for c in PG_NAMES}), min_size=1, max_size=12))
def test_postgresql_seals_from_the_values_copied_are_the_read_back_seals(pg_scratch: Connection,
                                                                         rows: list[dict[str, Any]]) -> None:
    with pg_scratch.begin() as trans:
        _pg_create(pg_scratch)
        columns: dict[str, list[Any]] = {"id": [f"{i:032x}" for i in range(len(rows))]}
        for c in PG_NAMES:
            columns[c] = [row[c] for row in rows]
        _pg_compare(pg_scratch, columns)
        trans.rollback()


@pytest.mark.postgres
def test_postgresql_wire_values_are_foretold_and_doubtful_ones_read_back(pg_scratch: Connection) -> None:
    sure = [
        {"txt": "张三\t\\", "vc": "abcde", "i": 7, "big": 2 ** 62, "flag": True, "day": "2026-03-02",
         "at": "2026-03-02 08:30:00.000000", "amount": "1500", "doc": '{"b": [1, "乡"], "a": null}',
         "other": "ab" * 16},
        {"txt": "", "vc": None, "i": None, "big": -2 ** 63, "flag": False, "day": dt.date(2024, 2, 29),
         "at": "2026-03-02 08:30:00.123456", "amount": "12.5", "doc": "[]", "other": uuid.UUID(int=5)},
        {"txt": None, "vc": "张三  ", "i": 0, "big": None, "flag": None, "day": None,
         "at": dt.datetime(2026, 3, 2, 8, 30), "amount": Decimal("3.10"), "doc": "null", "other": None},
    ]
    doubtful = [  # (the server reads these differently from what was handed over)
        {"vc": "abcde  "}, {"i": " 12 "}, {"flag": "yes"}, {"flag": 1}, {"day": "2026-3-2"},
        {"at": "2026-03-02 24:00:00.000000"}, {"at": "2026-03-02T08:30:00.000000"}, {"amount": "2.345"},
        {"amount": "1e2"}, {"amount": Decimal("-0")}, {"doc": "1.0"}, {"other": str(uuid.UUID(int=7))},
    ]
    with pg_scratch.begin() as trans:
        _pg_create(pg_scratch)
        rows = sure + doubtful
        columns: dict[str, list[Any]] = {"id": [f"{i:032x}" for i in range(len(rows))]}
        columns.update({c: [row.get(c) for row in rows] for c in PG_NAMES})
        digests, unsure = _pg_compare(pg_scratch, columns)
        trans.rollback()
    assert set(unsure) == {f"{i:032x}" for i in range(len(sure), len(rows))}
    assert len(digests) == len(sure)


@pytest.mark.postgres
def test_postgresql_a_default_a_trigger_or_another_type_means_a_read_back(pg_scratch: Connection) -> None:
    from mediation_desktop.storage import pg_seals

    with pg_scratch.begin() as trans:
        pg_scratch.exec_driver_sql("DROP TABLE IF EXISTS t")
        pg_scratch.exec_driver_sql("CREATE TABLE t (id uuid PRIMARY KEY, txt text DEFAULT 'd', i integer)")
        key = "c" * 32
        assert pg_seals.foretold_digests(pg_scratch, "t", ["id", "txt", "i"], "id", {"id": [key], "i": [1]}) is None
        assert pg_seals.foretold_digests(pg_scratch, "t", ["id", "txt", "i"], "id",
                                         {"id": [key], "txt": [None], "i": [1]}) is not None
        pg_scratch.exec_driver_sql("CREATE FUNCTION up() RETURNS trigger LANGUAGE plpgsql AS "
                                   "$$ BEGIN NEW.i := 2; RETURN NEW; END $$")
        pg_scratch.exec_driver_sql("CREATE TRIGGER up BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION up()")
        assert pg_seals.foretold_digests(pg_scratch, "t", ["id", "txt", "i"], "id",
                                         {"id": [key], "txt": [None], "i": [1]}) is None
        pg_scratch.exec_driver_sql("DROP TABLE t")
        pg_scratch.exec_driver_sql("CREATE TABLE t (id uuid PRIMARY KEY, r real)")
        assert pg_seals.foretold_digests(pg_scratch, "t", ["id", "r"], "id", {"id": [key], "r": [1.5]}) is None
        trans.rollback()
