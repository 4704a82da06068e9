"""What a finished restore tells the user, the same on the command line and in the window: where it came from,
where the data before it went (or that there were none), and that the accounts are now the backup's."""

from __future__ import annotations

from typing import Any

from mediation_desktop.services.restoring import RestoreReport

Said = tuple[str, dict[str, Any]]


def done_lines(report: RestoreReport) -> list[Said]:
    """The message keys (with their values) that say a restore is done, in order. A computer that had no data
    (a new one) had nothing to back up first; one that had data had its own accounts, which the backup's replace
    (a password set there just before no longer works)."""
    counts: dict[str, Any] = {"path": str(report.source), "cases": report.cases, "files": report.files}
    if report.previous is None:
        return [("restore.done_fresh", counts), ("restore.accounts", {})]
    return [("restore.done", {**counts, "previous": str(report.previous)}), ("restore.accounts_replaced", {})]
