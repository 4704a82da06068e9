"""What an import did (or, in a dry run, would do): per bundle and per record type, the count of each outcome,
and every rejected or conflicting record with its reason. The command line prints it (``--json`` too), the
window shows it, and a hub's receipt carries it back to the village."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("new", "unchanged", "updated", "older", "conflict", "rejected")


@dataclass
class BundleReport:
    path: str
    bundle_id: str
    kind: str
    source_org_code: str
    source_org_name: str
    via: str | None = None
    already_imported: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    by_type: dict[str, Counter[str]] = field(default_factory=dict)
    problems: list[dict[str, str]] = field(default_factory=list)  # rejected/conflict records: type, id, reason
    trusted_new: list[dict[str, str]] = field(default_factory=list)
    receipt_path: str | None = None
    acknowledges: str | None = None  # a receipt: the bundle of ours it is about
    receipt_error: str | None = None  # the receipt could not be written (the import itself is done)
    records: list[tuple[str, str, str]] | None = None  # (type, id, outcome) of every record, when asked for
    seq_from: int = 0
    seq_to: int = 0
    plain_sha256: str = ""
    source_installation_id: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "bundle_id": self.bundle_id, "kind": self.kind, "source": self.source_org_code,
                "via": self.via, "already_imported": self.already_imported,
                "counts": {o: self.counts.get(o, 0) for o in OUTCOMES},
                "by_type": {t: dict(c) for t, c in self.by_type.items()},
                "problems": self.problems, "trusted_new": self.trusted_new, "receipt": self.receipt_path,
                "receipt_error": self.receipt_error,
                **({"records": [{"type": t, "id": i, "outcome": o} for t, i, o in self.records]}
                   if self.records is not None else {}),
                "acknowledges": self.acknowledges}


@dataclass
class ImportSummary:
    dry_run: bool
    bundles: list[BundleReport] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # path, reason (message key), params: not imported

    def total(self, outcome: str) -> int:
        return sum(b.counts.get(outcome, 0) for b in self.bundles)

    def as_json(self) -> dict[str, Any]:
        problems: list[dict[str, Any]] = [dict(p, bundle=b.bundle_id) for b in self.bundles for p in b.problems
                                          if b.kind == "data"]
        problems += [dict(g, reason="gap") for g in self.gaps]
        return {"dry_run": self.dry_run, "new": self.total("new"), "unchanged": self.total("unchanged"),
                "updated": self.total("updated"), "older": self.total("older"),
                "conflicts": self.total("conflict"), "rejected": self.total("rejected"),
                "problems": problems, "bundles": [b.as_json() for b in self.bundles],
                "skipped": [{"path": k["path"], "reason": k["reason"]} for k in self.skipped]}
