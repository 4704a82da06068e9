"""Many villages' signed bundles at the cost of a few: the county hub benchmark's data (``bench/pg_hub.py``).

Making a village's demo cases costs minutes per 20,000 (the demo generator's rate); a county needs fifty
villages. Here a few *seed* villages are made for real (demo cases on SQLite, a full export), and every
other village's bundle is derived from a seed's, as if that village had typed the same kinds of cases:

* its own unit: an org code, a name, a township (parent) and an installation id of its own, and its own
  Ed25519 / X25519 key pair (its public key file is written beside the bundle, for the hub to trust);
* every record id, and every reference to one (case ↔ party ↔ session …), replaced consistently: each
  UUID on the wire is XORed with the village's 128-bit mask, the seed's installation id included, so
  ``owner_installation_id`` names the new installation and no id collides with another village's;
* ``owner_org_code`` the new code (the hub numbers a case by its owner's code, year and serial), the
  village's own name in case numbers and addresses, and other names for its people: a permutation of the
  seed's person names of each sex (so names stay as common as they were), in the parties and in the titles,
  summaries and requests of their cases (a search across villages finds other cases in each village);
* a new bundle id and manifest (source: the new unit), signed with the new key through the program's own
  ``BundleWriter`` — the hub checks the signature, the listing and the owners of every record exactly as
  for a bundle a village exported.

What stays the seed's: the texts, dates and amounts of the cases (their statistics per village are the
seed's; the county's totals are a multiple). The bundles are cached in a folder (made once: a second run
of the benchmark imports them again without making anything).
"""

from __future__ import annotations

import json
import random
import uuid
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from mediation_desktop.storage.models import SyncPeer
from mediation_desktop.storage.types import utcnow
from mediation_desktop.sync import schema
from mediation_desktop.sync.container import MANIFEST, BundleWriter
from mediation_desktop.sync.keys import OwnKeys, _raw_public, fingerprint, now_iso, peer_record, public_key_file


def derive_bundle(seed: Path, out: Path, key_out: Path, *, org_code: str, org_name: str, parent_code: str,
                  number: int) -> int:
    """Write the bundle of village ``number`` (its unit given) derived from the full, plain bundle ``seed``, and
    its public key file. Returns the cases in it."""
    rng = random.Random(number)
    mask = rng.getrandbits(128) | 1  # never 0: every id changes
    with zipfile.ZipFile(seed) as z:
        manifest = json.loads(z.read(MANIFEST))
        members = [(m["name"], z.read(m["name"])) for m in manifest["members"]]
    src = manifest["source"]
    old_org = src["org_code"]
    installation = uuid.UUID(int=int(src["installation_id"], 16) ^ mask)
    sign, box = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    sign_hex = _raw_public(sign)
    peer = SyncPeer(installation_id=installation, org_code=org_code, org_name=org_name, level=src["level"],
                    parent_code=parent_code, sign_key=sign_hex, box_key=_raw_public(box),
                    fingerprint=fingerprint(sign_hex), is_self=True, is_escrow=False, trusted_how="init",
                    trusted_at=utcnow())
    keys = OwnKeys(peer, sign, box)
    docs = {name: json.loads(data) for name, data in members if name.startswith("records/")}
    _rename_people(docs, rng, _short(src["org_name"]), _short(org_name))
    writer = BundleWriter()
    try:
        for name, data in members:
            if name in docs:
                data = _derive_records(docs[name], mask, old_org, org_code)
            writer.add(name, data)
    except BaseException:
        writer.abort()
        raise
    new = {k: v for k, v in manifest.items() if k not in ("members", "payload")}
    new.update(bundle_id=uuid.UUID(int=rng.getrandbits(128)).hex, created_at=now_iso(), source=peer_record(peer),
               recipient_org_code=parent_code, prev_bundle_id=None, forwarded=[], roster=[])
    out.write_bytes(writer.build(new, keys))
    key_out.write_bytes(public_key_file(keys))
    return len(docs["records/mediation_case.json"]["rows"])


def _short(org_name: str) -> str:
    """第3村人民调解委员会 → 第3村 (what the demo's case numbers and addresses hold)."""
    return org_name.removesuffix("人民调解委员会")


def _rename_people(docs: dict[str, dict[str, Any]], rng: random.Random, old_place: str, new_place: str) -> None:
    """Give the village's people other names (a permutation of the seed's names of each sex, so the names
    stay as common as they were), in the parties and in the titles, summaries and requests of their cases;
    the village's own name in case numbers and addresses."""
    party, case = docs["records/party.json"], docs["records/mediation_case.json"]
    pc = {n: i for i, n in enumerate(party["columns"])}
    by_sex: dict[Any, set[str]] = {}
    for row in party["rows"]:
        if row[pc["kind"]] == "person":
            by_sex.setdefault(row[pc["sex"]], set()).add(row[pc["name"]])
    renamed: dict[str, str] = {}
    for names in by_sex.values():
        old = sorted(names)
        new = old[:]
        rng.shuffle(new)
        renamed.update(zip(old, new, strict=True))
    per_case: dict[str, list[tuple[str, str]]] = {}
    for row in party["rows"]:
        name = row[pc["name"]]
        if row[pc["kind"]] == "person" and name in renamed:
            row[pc["name"]] = renamed[name]
            per_case.setdefault(row[pc["case_id"]], []).append((name, renamed[name]))
        if row[pc["address"]]:
            row[pc["address"]] = row[pc["address"]].replace(old_place, new_place)
    cc = {n: i for i, n in enumerate(case["columns"])}
    for row in case["rows"]:
        row[cc["case_no"]] = row[cc["case_no"]].replace(old_place, new_place)
        pairs = per_case.get(row[cc["id"]])
        if not pairs:
            continue
        marked = {old: f"\x00{i}\x00" for i, (old, _) in enumerate(pairs)}  # (a swap of two names stays a swap)
        for column in ("title", "summary"):
            row[cc[column]] = _swap(row[cc[column]], pairs, marked)
        row[cc["requests"]] = [_swap(r, pairs, marked) for r in row[cc["requests"]] or []] or row[cc["requests"]]


def _swap(value: str | None, pairs: list[tuple[str, str]], marked: dict[str, str]) -> str | None:
    if not value:
        return value
    for old, _ in sorted(pairs, key=lambda p: -len(p[0])):
        value = value.replace(old, marked[old])
    for old, new in pairs:
        value = value.replace(marked[old], new)
    return value


def _derive_records(doc: dict[str, Any], mask: int, old_org: str, new_org: str) -> bytes:
    kinds = {c.name: c.kind for c in schema.columns(doc["type"])}
    names: list[str] = doc["columns"]
    rows: list[list[Any]] = doc["rows"]
    for i, column in enumerate(names):
        if kinds.get(column) == "uuid":
            for row in rows:
                if row[i] is not None:
                    row[i] = f"{int(row[i], 16) ^ mask:032x}"
        elif column == "owner_org_code":
            for row in rows:
                if row[i] == old_org:
                    row[i] = new_org
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
