"""What a bundle may contain: the record types, their columns on the wire, and a JSON Schema for everything.

The JSON Schemas are made here, from the models, so the code and ``docs/bundle-schema/`` cannot drift
apart (a test compares them). Record files are large (100,000 cases are ~700,000 rows), so they are
checked by validators compiled from the same column specs (``sync.record_checks``); a test shows that
these accept and refuse exactly what ``jsonschema`` does.

Wire forms (format 1) are chosen to be what SQLite stores, so the SQLite paths move values as they are:
ids are 32 lower-case hex digits, timestamps UTC ``YYYY-MM-DD HH:MM:SS.ffffff``, dates ``YYYY-MM-DD``,
amounts decimal strings, flags JSON booleans.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Enum, Integer, Numeric, String, Text, Uuid
from sqlalchemy.sql.schema import Column

from mediation_desktop.domain.limits import CHANGE_SEQ, FIRST_YEAR, INT64, LAST_YEAR, NUMBERS
from mediation_desktop.storage.models import Base
from mediation_desktop.storage.types import UtcDateTime

FORMAT = "mediation-desktop-bundle"
FORMAT_VERSION = 1
SCHEMA_VERSIONS = ("0003", "0019", "0020")  # database schema revisions whose record columns this build reads
SCHEMA_VERSION = SCHEMA_VERSIONS[-1]
#: the first revision whose bundles may carry the committee's registers (one of an earlier build says "0003": register
#: files in it refuse it)
REGISTERS_FROM = "0019"

#: record types in the order they are applied (parents first)
RECORD_TYPES = ("mediation_case", "party", "investigation", "mediation_session", "agreement", "follow_up",
                "referral", "attachment")
CHILD_TYPES = RECORD_TYPES[1:]
#: the committee's registers, which belong to the committee (``owner_org_code``), not to a case: the mediators'
#: roster and the screenings with the disputes they found (排查纠纷, 预防纠纷). They travel up so that a township's
#: and a county's report counts its villages' screenings and mediators, not its own register only
REGISTER_TYPES = ("mediator", "screening", "screening_finding")
#: every record type a data bundle may carry, in the order they are applied (a finding after its screening and
#: after the case it may be linked to)
BUNDLE_TYPES = RECORD_TYPES + REGISTER_TYPES
#: what a record type is called where a message names one (a bundle's own codes stay out of Chinese lines)
RECORD_WORDS = {"mediation_case": "案件", "party": "当事人", "investigation": "调查记录",
                "mediation_session": "调解记录", "agreement": "协议", "follow_up": "回访记录",
                "referral": "移交记录", "attachment": "附件", "mediator": "调解员名册",
                "screening": "排查登记", "screening_finding": "排查发现的纠纷"}
#: columns that never travel: the case's mediator account exists only on the owner's machine
EXCLUDED = {("mediation_case", "mediator_id")}
TEXT_LIMIT = 100_000  # characters of a Text column
JSON_LIST_COLUMNS = {("mediation_case", "requests"), ("agreement", "terms")}
JSON_OBJECT_COLUMNS = {("mediation_case", "extra")}
#: JSON lists of days (ISO) or nulls: an agreement's terms' own 履行期限 (分期履行), in the order of its terms
JSON_DAY_LIST_COLUMNS = {("agreement", "term_deadlines")}
#: columns a later schema version added, by record type: a bundle of an older build (schema version 0003) lists its
#: columns without them, and they are read as empty (``older_columns``)
ADDED_COLUMNS = {"party": ("representative_id_number", "representative_phone", "representative_address"),
                 "agreement": ("term_deadlines",)}

def _vocabularies() -> dict[tuple[str, str], tuple[str, ...]]:
    """Text columns whose values come from a closed list the program defines (not an ``Enum`` column): a value
    outside it was shown raw (纠纷类型 ``../../etc``) and counted as 其他. The category codes of every scheme (a
    case's code is held to its own scheme's by ``sync.verify``), the schemes, a party's sex."""
    from mediation_desktop.domain.categories import SCHEMES

    codes = sorted({c.code for scheme in SCHEMES.values() for c in scheme.categories})
    return {("mediation_case", "category_code"): tuple(codes), ("mediation_case", "category_scheme"): tuple(SCHEMES),
            ("party", "sex"): ("male", "female")}


VOCABULARIES = _vocabularies()

HEX32 = "^[0-9a-f]{32}$"
HEX64 = "^[0-9a-f]{64}$"
DATETIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# a moment in a manifest, receipt or key file: ISO 8601 as Python writes it (``...T12:30:00.123456Z``, ``+00:00``)
TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?$"
# ([0-9], not \d: in Python and in JSON Schema validators \d also matches other scripts' digits, such as ٣)
#: how deep the lists and objects of a JSON value may nest (a case's ``extra``, a hub's wording): every walk over
#: what a bundle brings stops here, so a value nested a thousand deep is refused, never a stack overflow
MAX_NESTING = 20


@dataclass(frozen=True)
class WireColumn:
    name: str
    kind: str  # uuid datetime date bool int decimal str json_list json_object json_days
    nullable: bool
    max_length: int | None = None
    choices: tuple[str, ...] | None = None
    digits: tuple[int, int] | None = None  # decimal (precision, scale)


def _kind(table: str, col: Column[Any]) -> WireColumn:
    t = col.type
    nullable = bool(col.nullable)
    if isinstance(t, Uuid):
        return WireColumn(col.name, "uuid", nullable)
    if isinstance(t, UtcDateTime):
        return WireColumn(col.name, "datetime", nullable)
    if isinstance(t, Date):
        return WireColumn(col.name, "date", nullable)
    if isinstance(t, Boolean):
        return WireColumn(col.name, "bool", nullable)
    if isinstance(t, Integer):
        return WireColumn(col.name, "int", nullable)
    if isinstance(t, Numeric):
        return WireColumn(col.name, "decimal", nullable, digits=(t.precision or 14, t.scale or 2))
    if isinstance(t, Enum):
        return WireColumn(col.name, "str", nullable, t.length, tuple(t.enums))
    if isinstance(t, Text):
        return WireColumn(col.name, "str", nullable, TEXT_LIMIT)
    if isinstance(t, String):
        return WireColumn(col.name, "str", nullable, t.length, VOCABULARIES.get((table, col.name)))
    if isinstance(t, JSON):
        if (table, col.name) in JSON_LIST_COLUMNS:
            return WireColumn(col.name, "json_list", nullable)
        if (table, col.name) in JSON_OBJECT_COLUMNS:
            return WireColumn(col.name, "json_object", nullable)
        if (table, col.name) in JSON_DAY_LIST_COLUMNS:
            return WireColumn(col.name, "json_days", nullable)
    raise TypeError(f"{table}.{col.name}: no wire form for {t!r}")


@functools.cache
def columns(record_type: str) -> tuple[WireColumn, ...]:
    """The columns of a record type on the wire, in the order the record files list them."""
    table = Base.metadata.tables[record_type]
    return tuple(_kind(record_type, c) for c in table.columns if (record_type, c.name) not in EXCLUDED)


def column_names(record_type: str) -> list[str]:
    return [c.name for c in columns(record_type)]


def older_columns(record_type: str) -> tuple[WireColumn, ...] | None:
    """The columns of a record type as an older build's bundle lists them (without ``ADDED_COLUMNS``), or None
    when they never changed."""
    added = ADDED_COLUMNS.get(record_type)
    return None if added is None else tuple(c for c in columns(record_type) if c.name not in added)


# -- JSON Schemas ------------------------------------------------------------------------------------------

def money_pattern(c: WireColumn) -> str:
    """A record's decimals are money (``agreement.amount``, ``mediation_case.amount_involved``): 0 … MONEY_MAX
    (``domain.limits``), never negative, as the forms and the ledger import allow; no sign at all, so no "-0"."""
    p, sc = c.digits or (14, 2)
    return rf"^[0-9]{{1,{p - sc}}}(\.[0-9]{{1,{sc}}})?$"


def _value_schema(c: WireColumn, record_type: str = "") -> dict[str, Any]:
    s: dict[str, Any]
    if c.kind == "uuid":
        s = {"type": "string", "pattern": HEX32}
    elif c.kind == "datetime":
        s = {"type": "string", "pattern": DATETIME}
    elif c.kind == "date":
        s = {"type": "string", "pattern": DATE}
    elif c.kind == "bool":
        s = {"type": "boolean"}
    elif c.kind == "int":
        low, high = NUMBERS.get((record_type, c.name), INT64)
        s = {"type": "integer", "minimum": low, "maximum": high}
    elif c.kind == "decimal":
        s = {"type": "string", "pattern": money_pattern(c)}
    elif c.kind == "str":
        s = {"type": "string", "maxLength": c.max_length or TEXT_LIMIT}
        if c.choices:
            s = {"type": "string", "enum": list(c.choices)}
    elif c.kind == "json_list":
        s = {"type": "array", "maxItems": 1000, "items": {"type": "string", "maxLength": 10_000}}
    elif c.kind == "json_days":
        s = {"type": "array", "maxItems": 1000, "items": {"anyOf": [{"type": "string", "pattern": DATE},
                                                                    {"type": "null"}]}}
    else:
        s = {"type": "object", "maxProperties": 200}
    if c.nullable:
        s = {"anyOf": [s, {"type": "null"}]}
    return s


def _layout_schema(record_type: str, cols: tuple[WireColumn, ...]) -> dict[str, Any]:
    return {"columns": {"const": [c.name for c in cols]},
            "rows": {"type": "array", "items": {
                "type": "array", "prefixItems": [_value_schema(c, record_type) for c in cols],
                "minItems": len(cols), "maxItems": len(cols)}}}


def record_file_schema(record_type: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mediation-desktop.example/bundle/{FORMAT_VERSION}/records/{record_type}.json",
        "title": f"records/{record_type}.json",
        "description": "One record type of a bundle: the column names once, then one array per record.",
        "type": "object",
        "additionalProperties": False,
        "required": ["type", "columns", "rows"],
        "properties": {"type": {"const": record_type}, **_layout_schema(record_type, columns(record_type))},
    }
    older = older_columns(record_type)
    if older is not None:  # (an older build's bundle: its columns without those added since, read as empty)
        doc["description"] += " An older build's file lists its columns without " + ", ".join(
            ADDED_COLUMNS[record_type]) + "."
        doc["properties"] = {"type": doc["properties"]["type"], "columns": {"type": "array"},
                             "rows": {"type": "array"}}
        doc["anyOf"] = [{"properties": _layout_schema(record_type, cols)} for cols in (columns(record_type), older)]
    return doc


_PEER = {
    "type": "object", "additionalProperties": False,
    "required": ["installation_id", "org_code", "org_name", "level", "parent_code", "sign_key", "box_key",
                 "fingerprint"],
    "properties": {
        "installation_id": {"type": "string", "pattern": HEX32},
        "org_code": {"type": "string", "pattern": r"^[0-9]{6,12}$"},
        "org_name": {"type": "string", "minLength": 1, "maxLength": 100},
        "level": {"enum": ["village", "township", "county"]},
        "parent_code": {"anyOf": [{"type": "string", "pattern": r"^[0-9]{6,12}$"}, {"type": "null"}]},
        "sign_key": {"type": "string", "pattern": HEX64},
        "box_key": {"type": "string", "pattern": HEX64},
        "fingerprint": {"type": "string", "pattern": r"^[0-9a-f]{4}(-[0-9a-f]{4}){7}$"},
    },
}
_MEMBER = {"type": "object", "additionalProperties": False, "required": ["name", "sha256", "size"],
           "properties": {"name": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.\-]*(/[a-z0-9][a-z0-9_.\-]*)*$",
                                   "maxLength": 200},
                          "sha256": {"type": "string", "pattern": HEX64},
                          "size": {"type": "integer", "minimum": 0, "maximum": INT64[1]}}}
# every number a manifest or receipt brings fits the column it is kept in (BIGINT), a change sequence its range
_COUNT = {"type": "integer", "minimum": 0, "maximum": INT64[1]}
_SEQ = {"type": "integer", "minimum": CHANGE_SEQ[0], "maximum": CHANGE_SEQ[1]}
_STAMP = {"type": "string", "maxLength": 40, "pattern": TIMESTAMP}
_COUNTS = {"type": "object", "additionalProperties": False, "properties": {t: _COUNT for t in BUNDLE_TYPES}}


def manifest_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mediation-desktop.example/bundle/{FORMAT_VERSION}/manifest.json",
        "title": "manifest.json",
        "description": "Names every other member with its SHA-256 and size; signed in manifest.sig.",
        "type": "object", "additionalProperties": False,
        "required": ["format", "format_version", "schema_version", "kind", "bundle_id", "created_at", "source",
                     "seq_from", "seq_to", "full", "prev_bundle_id", "audit_head", "counts", "members",
                     "forwarded", "roster"],
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "schema_version": {"enum": list(SCHEMA_VERSIONS)},
            "kind": {"enum": ["data", "reference", "receipt"]},
            "bundle_id": {"type": "string", "pattern": HEX32},
            "created_at": _STAMP,
            "source": _PEER,
            "recipient_org_code": {"anyOf": [{"type": "string", "pattern": r"^[0-9]{6,12}$"}, {"type": "null"}]},
            "seq_from": _SEQ,
            "seq_to": _SEQ,
            "full": {"type": "boolean"},
            "prev_bundle_id": {"anyOf": [{"type": "string", "pattern": HEX32}, {"type": "null"}]},
            "audit_head": {"type": "object", "additionalProperties": False, "required": ["seq", "hash"],
                           "properties": {"seq": _SEQ,
                                          "hash": {"type": "string", "pattern": HEX64}}},
            "counts": _COUNTS,
            "members": {"type": "array", "maxItems": 50_000, "items": _MEMBER},
            "forwarded": {"type": "array", "maxItems": 10_000, "items": {
                "type": "object", "additionalProperties": False,
                "required": ["bundle_id", "source_installation_id", "member"],
                "properties": {"bundle_id": {"type": "string", "pattern": HEX32},
                               "source_installation_id": {"type": "string", "pattern": HEX32},
                               "member": {"type": "string", "pattern": r"^forwarded/[0-9a-f]{32}\.zip$"}}}},
            "roster": {"type": "array", "maxItems": 10_000, "items": _PEER},
        },
    }


def sealed_schema() -> dict[str, Any]:
    hexs = {"type": "string", "pattern": "^[0-9a-f]{2,256}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mediation-desktop.example/bundle/{FORMAT_VERSION}/sealed.json",
        "title": "manifest.json of an encrypted bundle",
        "description": "Reveals only who wrote the bundle and when; the payload is the whole signed bundle, "
                       "encrypted with AES-256-GCM under a fresh key wrapped for each recipient (X25519).",
        "type": "object", "additionalProperties": False,
        "required": ["format", "format_version", "kind", "created_at", "source", "payload", "nonce", "recipients"],
        "properties": {
            "format": {"const": FORMAT}, "format_version": {"const": FORMAT_VERSION},
            "kind": {"const": "sealed"},
            "created_at": _STAMP,
            "source": {"type": "object", "additionalProperties": False,
                       "required": ["installation_id", "org_code", "org_name", "sign_key"],
                       "properties": {"installation_id": {"type": "string", "pattern": HEX32},
                                      "org_code": {"type": "string", "pattern": r"^[0-9]{6,12}$"},
                                      "org_name": {"type": "string", "minLength": 1, "maxLength": 100},
                                      "sign_key": {"type": "string", "pattern": HEX64}}},
            "payload": _MEMBER,
            "nonce": hexs,
            "recipients": {"type": "array", "minItems": 1, "maxItems": 8, "items": {
                "type": "object", "additionalProperties": False, "required": ["ephemeral", "nonce", "wrapped"],
                "properties": {"ephemeral": hexs, "nonce": hexs, "wrapped": hexs}}},
        },
    }


def reference_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mediation-desktop.example/bundle/{FORMAT_VERSION}/reference.json",
        "title": "reference.json (a hub's reference data for the units below it)",
        "type": "object", "additionalProperties": False,
        "required": ["hub", "roster", "escrow", "settings", "wording"],
        "properties": {
            "hub": _PEER,
            "roster": {"type": "array", "maxItems": 10_000, "items": _PEER},
            "escrow": {"type": "array", "maxItems": 4, "items": _PEER},
            "settings": {"type": "object", "additionalProperties": False,
                         "properties": {"category_scheme": {"type": "string", "maxLength": 10}}},
            "wording": {"type": "object", "maxProperties": 100,
                        "propertyNames": {"pattern": r"^[a-z0-9_]{1,40}$"},
                        "additionalProperties": {"type": "object"}},
        },
    }


def receipt_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mediation-desktop.example/bundle/{FORMAT_VERSION}/receipt.json",
        "title": "receipt.json (what a hub applied from one bundle)",
        "type": "object", "additionalProperties": False,
        "required": ["bundle_id", "bundle_sha256", "source_installation_id", "seq_from", "seq_to", "imported_at",
                     "counts", "rejected"],
        "properties": {
            "bundle_id": {"type": "string", "pattern": HEX32},
            "bundle_sha256": {"type": "string", "pattern": HEX64},
            "source_installation_id": {"type": "string", "pattern": HEX32},
            "seq_from": _SEQ,
            "seq_to": _SEQ,
            "imported_at": _STAMP,
            "counts": {"type": "object", "maxProperties": 20, "propertyNames": {"maxLength": 40},
                       "additionalProperties": _COUNT},
            "rejected": {"type": "array", "maxItems": 1_000_000, "items": {
                "type": "object", "additionalProperties": False, "required": ["type", "id", "reason"],
                "properties": {"type": {"enum": list(BUNDLE_TYPES)}, "id": {"type": "string", "pattern": HEX32},
                               "reason": {"type": "string", "maxLength": 40}}}},
        },
    }


def public_key_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mediation-desktop.example/bundle/{FORMAT_VERSION}/public-key.json",
        "title": "A public key file (keys export-public / keys trust)",
        "type": "object", "additionalProperties": False,
        "required": ["format", "key", "created_at", "signature"],
        "properties": {"format": {"const": "mediation-desktop-public-key/1"}, "key": _PEER,
                       "created_at": _STAMP,
                       "signature": {"type": "string", "pattern": "^[0-9a-f]{128}$"}},
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema by its file name in ``docs/bundle-schema/``."""
    out = {"manifest": manifest_schema(), "sealed": sealed_schema(), "reference": reference_schema(),
           "receipt": receipt_schema(), "public-key": public_key_schema()}
    for t in BUNDLE_TYPES:
        out[f"records-{t}"] = record_file_schema(t)
    return out


@functools.cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = all_schemas()[name]
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=None)


#: the moments each document names, which must be real ones (a pattern lets 2023-02-30 through)
_MOMENTS = {"manifest": ("created_at",), "sealed": ("created_at",), "receipt": ("imported_at",),
            "public-key": ("created_at",)}


def real_moment(value: str) -> bool:
    """A TIMESTAMP that exists in the calendar and the clock, in 1900–2100 (``domain.limits``)."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:  # 2023-02-30, 25:00
        return False
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def first_error(name: str, doc: Any) -> str | None:
    """The first problem of ``doc`` against schema ``name`` (None when it is valid), for small documents; and
    a moment that matches the pattern but is no real day or time."""
    error = next(iter(_validator(name).iter_errors(doc)), None)
    if error is None:
        for key in _MOMENTS.get(name, ()):
            if not real_moment(doc[key]):
                return f"{key}: {doc[key]!r} is not a real time"
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"{where}: {error.message[:120]}"
