"""Every row a demo run writes, in a form to compare across two checkouts: the same seed must give the same
database (content, search index, audit entries), apart from what is random or the time of writing.

    .venv/bin/python bench/demo_dump.py [--cases 2000] [--spawn] [--batch 300] OUT

Makes the demo in a new database (seed 2026, today 2026-05-01, batches of 300; ``--spawn``: in the second
process, as from 20,000 cases on; ``--batch 0``: the program's own batches) and writes every table's new rows,
sorted, one JSON line each, to OUT; prints the line count and a SHA-256 of the file. Ids become their rank in
the order written (the installation's: ``inst``), the times of writing and the audit chain's hashes and own ids
are masked, and the row-seal entries' digests (of rows holding ids) are left out: the seal tests check those.
The full-text tables are compared by their stored segments (``fts_case_*_data``/``_idx``) and the digest of each
case's tokens (``case_search_row``).
Run it in both checkouts (``PYTHONPATH=.``) and compare the files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from mediation_desktop.paths import DataPaths
from mediation_desktop.services import demo
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database

ORG = SetupRequest("330102001", "石桥村人民调解委员会", "village", "admin", "secret123", parent_code="330102")
ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MASKED = {"created_at", "updated_at", "at", "prev_hash", "hash", "last_hash"}
RECORDS = ("mediator", "mediation_case", "party", "investigation", "mediation_session", "agreement", "follow_up",
           "referral")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--spawn", action="store_true", help="make the cases in the second process")
    ap.add_argument("--batch", type=int, default=300,
                    help="cases a batch (0: the program's own, demo_writer.batch_ends)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(DataPaths(Path(tmp) / "demo"))
        initialise(db, ORG)
        raw = db.engine.raw_connection()
        tables = [name for name, sql in raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                                    "AND name NOT LIKE 'sqlite_%' ORDER BY name")
                  if "VIRTUAL" not in (sql or "")]
        before = {t: set(raw.execute(f'SELECT * FROM "{t}"')) for t in tables}
        raw.close()
        if args.spawn:
            demo.PROCESS_THRESHOLD = 1
        demo.generate(db, count=args.cases, seed=2026, today=dt.date(2026, 5, 1), batch_size=args.batch or None)
        raw = db.engine.raw_connection()
        ids = sorted(r[0] for t in RECORDS for r in raw.execute(f'SELECT id FROM "{t}"'))
        rank: dict[str, Any] = {i: n for n, i in enumerate(ids)}
        rank.update((i, "inst") for (i,) in raw.execute("SELECT id FROM installation"))
        rank.update({str(uuid.UUID(i)): n for i, n in list(rank.items())})

        def plain(value: Any) -> Any:
            if isinstance(value, str):
                return ID.sub(lambda m: f"<{rank[m.group()]}>" if m.group() in rank else m.group(), value)
            return value

        lines = []
        for t in tables:
            cursor = raw.execute(f'SELECT * FROM "{t}"')
            names = [d[0] for d in cursor.description]
            new = []
            for values in cursor:
                if values in before[t]:
                    continue
                row = {c: "*" if c in MASKED else plain(v) for c, v in zip(names, values, strict=True)}
                if t == "audit_entry":
                    row["id"] = "*"  # (the chain's own uuid4)
                    if row["action"] == "audit.seal":
                        row["data"] = "seal"
                new.append(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str))
            lines += [f"{t}\t{line}" for line in sorted(new)]
        raw.close()
        db.dispose()
    text = "\n".join(lines)
    Path(args.out).write_text(text, encoding="utf-8")
    print(len(lines), hashlib.sha256(text.encode()).hexdigest())


if __name__ == "__main__":
    main()
