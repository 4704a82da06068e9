"""Export and import report their steps, and a stop at any step changes nothing (the window's 取消)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import Inst

from mediation_desktop.storage.models import SyncExport
from mediation_desktop.sync import archive, schema
from mediation_desktop.sync.export import export_bundle


class Stop(Exception):
    """What the window's progress callback raises after 取消."""


def _stop_at(step: int, seen: list[tuple[int, int]]):
    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == step:
            raise Stop
    return progress


def _bundles(linked: tuple[Inst, Inst]) -> list[Path]:
    village, _ = linked
    first = village.register("张三", "李四")
    village.mediate_and_agree(first)
    one = village.export("one.zip")
    village.follow_up(first)
    village.register("王五", "赵六")
    return [one, village.export("two.zip")]


def test_import_reports_each_step_and_stops_at_any_with_nothing_changed(linked: tuple[Inst, Inst]) -> None:
    _, township = linked
    files = _bundles(linked)
    seen: list[tuple[int, int]] = []
    township.import_(*files, dry_run=True, progress=_stop_at(0, seen))
    total = len(files) + len(schema.BUNDLE_TYPES) * len(files) + 1  # verify each, each type of each, the commit
    assert seen[-1] == (total, total) and len(seen) == total
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    before = township.state()
    kept = archive.folder(township.db.paths)
    for step in range(1, total + 1):
        with pytest.raises(Stop):
            township.import_(*files, progress=_stop_at(step, []))
        assert township.state() == before, step
        assert not list(kept.glob("*.zip")), step  # the bundles kept for forwarding went with the transaction
    summary = township.import_(*files, progress=_stop_at(0, []))  # not stopped: everything applied once
    assert summary.total("new") > 0 and not summary.total("rejected")
    assert len(list(kept.glob("*.zip"))) == len(files)


def test_export_reports_each_step_and_a_stop_leaves_no_file(linked: tuple[Inst, Inst], tmp_path: Path) -> None:
    village, _ = linked
    village.register("张三", "李四")
    out = tmp_path / "out.zip"
    seen: list[tuple[int, int]] = []
    export_bundle(village.db, tmp_path / "whole.zip", actor="admin", progress=_stop_at(0, seen))
    total = len(schema.RECORD_TYPES) + 2
    assert seen[-1] == (total, total) and [d for d, _ in seen] == list(range(1, total + 1))
    for step in range(1, total + 1):
        with pytest.raises(Stop):
            export_bundle(village.db, out, actor="admin", progress=_stop_at(step, []))
        assert not out.exists() and not list(tmp_path.glob(".*"))  # no file, no temp file
    with village.db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SyncExport)) == 1  # the whole export only
