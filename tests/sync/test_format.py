"""The documented format: JSON Schemas in docs/ equal the code's, the fast record validators agree with
jsonschema, the messages exist in both languages, keys are files outside the database."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import string
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Inst

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.database import open_database
from mediation_desktop.sync import record_checks, schema
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import BOX_KEY_FILE, SIGN_KEY_FILE, keys_dir, own_keys, read_public_key_file
from mediation_desktop.sync.messages import SYNC_MESSAGES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "bundle-schema"


def test_documented_schemas_are_the_codes() -> None:
    """docs/bundle-schema/*.json are written by ``python -m mediation_desktop.sync.docs``; they must not drift."""
    for name, doc in schema.all_schemas().items():
        path = DOCS / f"{name}.schema.json"
        assert path.is_file(), path
        assert json.loads(path.read_text(encoding="utf-8")) == doc, name
        jsonschema.Draft202012Validator.check_schema(doc)
    text = (ROOT / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    assert f"format_version = {schema.FORMAT_VERSION}" in text or f"版本 {schema.FORMAT_VERSION}" in text


def _value(c: schema.WireColumn, record_type: str) -> st.SearchStrategy[Any]:
    hexs = st.text("0123456789abcdef", min_size=32, max_size=32)
    days = {"min_value": dt.date(1900, 1, 1), "max_value": dt.date(2100, 12, 31)}
    clean = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=50)
    low, high = record_checks.NUMBERS.get((record_type, c.name), schema.INT64)
    good: dict[str, st.SearchStrategy[Any]] = {
        "uuid": hexs,
        "datetime": st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31, 23, 59))
        .map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")),
        "date": st.dates(**days).map(lambda d: d.isoformat()),
        "bool": st.booleans(),
        "int": st.integers(low, high),
        "decimal": st.decimals(-10**11, 10**11, places=2, allow_nan=False, allow_infinity=False).map(str),
        "json_list": st.lists(clean.map(lambda t: t[:5]), max_size=3),
        "json_object": st.dictionaries(clean.map(lambda t: t[:3]), st.integers(), max_size=3),
        # days or nulls; now and then a day that is no day (2026-02-30), one beyond 1900–2100, or not a day at all
        "json_days": st.lists(st.one_of(st.none(), st.dates(**days).map(lambda d: d.isoformat()),
                                        st.sampled_from(["2026-02-30", "1899-12-31", "2026-3-1", ""])), max_size=3),
    }
    if c.kind == "str":
        ok = st.sampled_from(c.choices) if c.choices else clean.map(lambda t: t[:min(c.max_length or 50, 50)])
    else:
        ok = good[c.kind]
    bad = st.one_of(st.none() if not c.nullable else st.just(object), st.integers(), st.floats(allow_nan=False),
                    st.text(string.printable, max_size=40), st.booleans(), st.lists(st.integers(), max_size=2))
    return st.one_of(ok, ok, ok, bad, st.none() if c.nullable else ok)


@pytest.mark.parametrize("record_type", schema.BUNDLE_TYPES)
def test_fast_validator_agrees_with_jsonschema(record_type: str) -> None:
    cols = schema.columns(record_type)
    validator = jsonschema.Draft202012Validator(schema.record_file_schema(record_type))

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(*[_value(c, record_type) for c in cols]).map(list), min_size=1, max_size=3))
    def run(rows: list[list[Any]]) -> None:
        rows = [[v for v in r if v is not object] for r in rows]
        doc = {"type": record_type, "columns": [c.name for c in cols], "rows": rows}
        expected = validator.is_valid(doc)
        try:
            record_checks.check_record_file(record_type, doc)
            fast = True
        except record_checks.InvalidRecord:
            fast = False
        if expected and not fast:
            # the fast one is stricter on these points only: floats that are whole numbers, real calendar dates,
            # and the rules of what enters (domain.text, domain.limits): days in 1900–2100, numbers in their
            # column's range, no invisible character in a text (line breaks only where the column has several)
            assert (any(type(v) is float for r in rows for v in r) or _impossible_date(rows)
                    or _outside_the_rules(record_type, rows)), rows
        else:
            assert fast == expected, rows

    run()


def _outside_the_rules(record_type: str, rows: list[list[Any]]) -> bool:
    from mediation_desktop.domain.text import first_unsafe

    cols = schema.columns(record_type)
    for r in rows:
        for c, v in zip(cols, r, strict=False):
            texts = [v] if isinstance(v, str) else [x for x in v if isinstance(x, str)] if isinstance(v, list) \
                else [x for kv in v.items() for x in kv if isinstance(x, str)] if isinstance(v, dict) else []
            multiline = c.kind != "str" or c.max_length == schema.TEXT_LIMIT
            if any(first_unsafe(t, multiline=multiline) for t in texts):
                return True
            if c.kind in ("date", "datetime") and isinstance(v, str) and not "1900" <= v < "2101":
                return True
            if c.kind == "json_days" and isinstance(v, list) and any(
                    isinstance(x, str) and not "1900" <= x < "2101" for x in v):
                return True
            low, high = record_checks.NUMBERS.get((record_type, c.name), schema.INT64)
            if c.kind == "int" and type(v) is int and not low <= v <= high:
                return True
    return False


def _impossible_date(rows: list[list[Any]]) -> bool:
    import datetime as dt

    for r in rows:
        for v in [x for cell in r for x in (cell if isinstance(cell, list) else [cell])]:  # (a list of days too)
            if isinstance(v, str) and len(v) in (10, 26) and v[4:5] == "-":
                try:
                    dt.datetime.fromisoformat(v)
                except ValueError:
                    return True
    return False


def test_messages_in_both_languages() -> None:
    from mediation_desktop.i18n import MESSAGES

    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    for key, (zh, en) in SYNC_MESSAGES.items():
        assert MESSAGES[key] == (zh, en)
        assert fields(zh) == fields(en), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), key
    used = set()
    import re

    for path in (ROOT / "mediation_desktop").rglob("*.py"):
        body = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'SyncError\(\s*"([a-z_.]+)"', body))
        used |= set(re.findall(r'tr\(\s*"(sync\.[a-z_.]+)"', body))
    assert used and used <= MESSAGES.keys()


def test_private_keys_are_files_public_keys_in_the_database(village: Inst) -> None:
    folder = keys_dir(village.db.paths)
    sign, box = folder / SIGN_KEY_FILE, folder / BOX_KEY_FILE
    assert sign.is_file() and box.is_file()
    if os.name == "posix":  # on Windows the profile's ACL protects it (tests/storage/test_windows_facts.py)
        assert oct(sign.stat().st_mode & 0o777) == "0o600"
    keys = own_keys(village.db)
    from cryptography.hazmat.primitives import serialization
    from sqlalchemy import text

    secret = keys.sign.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                     serialization.NoEncryption()).hex()
    with village.db.engine.connect() as conn:
        stored = repr(conn.execute(text("SELECT * FROM sync_peer")).all()) + repr(
            conn.execute(text("SELECT * FROM setting")).all())
    assert keys.peer.sign_key in stored and secret not in stored and "PRIVATE KEY" not in stored
    sign.write_bytes(sign.read_bytes().replace(b"A", b"B", 1))
    with pytest.raises((SyncError, ValueError)):
        own_keys(village.db)


def test_public_key_file_is_checked(village: Inst, tmp_path: Path) -> None:
    from mediation_desktop.sync.keys import public_key_file

    path = tmp_path / "k.json"
    path.write_bytes(public_key_file(own_keys(village.db)))
    assert read_public_key_file(path)["org_code"] == "330102001"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["key"]["org_name"] = "假冒调委会"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SyncError) as err:
        read_public_key_file(path)
    assert err.value.key == "sync.bad_key_file"


def test_installation_from_before_sync_gets_keys_on_first_use(tmp_path: Path) -> None:
    fixture = ROOT / "tests" / "fixtures" / "schemas" / "0002.sqlite3"
    paths = DataPaths(tmp_path / "old")
    paths.root.mkdir()
    shutil.copy(fixture, paths.database)
    db = open_database(paths)
    try:
        keys = own_keys(db)
        assert keys.peer.org_code == "330102001" and keys.peer.is_self
        assert own_keys(db).peer.sign_key == keys.peer.sign_key
    finally:
        db.dispose()


# (value, refused by the JSON Schema's pattern too: the calendar and the clock are checked by code only)
@pytest.mark.parametrize(("bad", "by_pattern"), [
    ("2026-03-02 24:00:00.000000", False), ("2026-03-02 23:60:00.000000", False),
    ("2026-03-02 23:59:60.000000", False), ("2026-02-30 10:00:00.000000", False),
    ("2026-03-02 1\u0663:00:00.000000", True), ("\uff12026-03-02 10:00:00.000000", True),
    ("2026-03-02T10:00:00.000000", True), ("2026-03-02 10:00:00.00000", True), ("2026-03-02 10:00:00", True)])
def test_a_bad_timestamp_anywhere_in_a_column_is_refused(bad: str, by_pattern: bool) -> None:
    """Timestamps are checked a column at a time: a bad one among many good ones is found, digits of other
    scripts (٣, full-width ２) too."""
    names = schema.column_names("follow_up")
    rows = [_good_row("follow_up") for _ in range(50)]
    for i, r in enumerate(rows):
        r[names.index("id")] = f"{i:032x}"
    rows[37][names.index("created_at")] = bad
    doc = {"type": "follow_up", "columns": names, "rows": rows}
    with pytest.raises(record_checks.InvalidRecord, match="rows/37/created_at"):
        record_checks.check_record_file("follow_up", doc)
    assert jsonschema.Draft202012Validator(schema.record_file_schema("follow_up")).is_valid(doc) is not by_pattern
    rows[37][names.index("created_at")] = "2026-03-02 23:59:59.999999"
    assert record_checks.check_record_file("follow_up", doc) == rows


def _good_row(record_type: str) -> list[Any]:
    plain = {"uuid": "ab" * 16, "datetime": "2026-03-02 10:00:00.000000", "date": "2026-03-02", "bool": False,
             "int": 1, "decimal": "1.00", "json_list": [], "json_object": {}}
    return [(c.choices[0] if c.choices else "x") if c.kind == "str" else plain[c.kind]
            for c in schema.columns(record_type)]
