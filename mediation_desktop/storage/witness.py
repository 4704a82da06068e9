"""The audit chain's head, kept where deleting rows cannot reach it.

Deleting the newest audit entries and stepping ``audit_head`` back leaves a chain that verifies. So the
head (sequence + hash) is also written down each time it leaves the database: in every export bundle's
manifest (signed, at the level above), every backup's manifest, every receipt — and, for ``check``
here, in a small file in the data folder (``audit-head.json``, written atomically, only ever forward)
that each export, backup and receipt updates. ``check`` compares the chain with the newest head it
knows (that file's or a backup's in the rotation): an entry at that sequence must be there and have
that hash.

A restore legitimately steps the chain back: it sets the file to the restored database's head and
notes when, so the backups made before it no longer count.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from mediation_desktop.paths import DataPaths
from mediation_desktop.storage.atomic import write_atomically
from mediation_desktop.storage.models import AuditEntry

HEAD_FILE = "audit-head.json"


@dataclass(frozen=True)
class KnownHead:
    seq: int
    hash: str
    source: str  # the file that recorded it: the head file or a backup


def _path(paths: DataPaths) -> Path:
    return Path(paths.root) / HEAD_FILE


def _read(paths: DataPaths) -> dict[str, Any] | None:
    try:
        data = json.loads(_path(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("seq"), int) or not isinstance(data.get("hash"), str):
        return None
    return data


def record(paths: DataPaths, seq: int, hash_: str | None, *, reset: bool = False,
           at: dt.datetime | None = None) -> None:
    """Write the head down (never backwards, unless ``reset``: a restore). A failure to write is not the
    caller's failure: the export, backup or receipt it follows is done; ``check`` then knows less."""
    old = _read(paths)
    if not reset and old is not None and int(old["seq"]) >= seq:
        return
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    data = {"seq": int(seq), "hash": str(hash_ or ""), "at": when.isoformat()}
    if reset:
        data["reset_at"] = data["at"]
    elif old is not None and old.get("reset_at"):
        data["reset_at"] = old["reset_at"]
    try:
        write_atomically(_path(paths), json.dumps(data).encode("utf-8"))
    except OSError:
        pass


def _when(value: Any) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def record_head(paths: DataPaths, head: dict[str, Any]) -> None:
    """``record`` for a manifest's ``audit_head`` ({"seq", "hash"})."""
    record(paths, int(head["seq"]), str(head["hash"]))


def newest_known(paths: DataPaths) -> KnownHead | None:
    """The newest head written outside the database: the head file's and the backups' in the rotation (those
    made before the last restore no longer count)."""
    data = _read(paths)
    best = KnownHead(int(data["seq"]), str(data["hash"]), HEAD_FILE) if data is not None else None
    reset_at = _when(data.get("reset_at")) if data is not None else None
    try:
        from mediation_desktop.storage.backup import read_manifest

        archives = sorted(Path(paths.backups).glob("*.zip"))
    except OSError:
        return best
    for archive in archives:
        try:
            manifest = read_manifest(archive)
            audit = manifest["audit"]
            seq, hash_, made = int(audit["last_seq"]), str(audit["last_hash"]), _when(manifest["created_at"])
        except Exception:  # a damaged backup witnesses nothing
            continue
        if reset_at is not None and (made is None or made <= reset_at):  # the chain was stepped back after it
            continue
        if best is None or seq > best.seq:
            best = KnownHead(seq, hash_, archive.name)
    return best


def compare(conn: Connection, paths: DataPaths, last_seq: int) -> tuple[str, KnownHead] | None:
    """("truncated" | "rewritten", the head) when the chain disagrees with the newest known head."""
    known = newest_known(paths)
    if known is None or known.seq <= 0:
        return None
    if known.seq > last_seq:
        return "truncated", known
    stored = conn.scalar(select(AuditEntry.hash).where(AuditEntry.seq == known.seq))
    if stored != known.hash:
        return "rewritten", known
    return None
