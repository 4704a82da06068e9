"""Limits before reading (issue 15): a zip from outside — a bundle, a backup, an .xlsx — with millions of
central-directory entries, or an .xlsx part that inflates to gigabytes, is refused from the end records and
the declared sizes, before zipfile lists it or openpyxl inflates it: fast, and in little memory."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports.ledger_sheet import read_sheet
from mediation_desktop.services.party_file import read_party_file
from mediation_desktop.storage import zip_guard
from mediation_desktop.storage.backup import read_manifest
from mediation_desktop.sync.container import LIMITS, open_bundle, read_file
from mediation_desktop.sync.errors import SyncError

MANY = 2_000_000
_LOCAL = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
_ENTRY = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0) + b"a"


def _crafted(path: Path, entries: int, *, claim: int | None = None, zip64: bool = True, comment: bytes = b"") -> Path:
    """A zip of one empty member listed ``entries`` times in its central directory (written in chunks: the
    test itself stays small); the end records claim ``claim`` entries (default: the truth)."""
    claim = entries if claim is None else claim
    with path.open("wb") as fh:
        fh.write(_LOCAL)
        chunk = _ENTRY * 50_000
        for _ in range(entries // 50_000):
            fh.write(chunk)
        fh.write(_ENTRY * (entries % 50_000))
        cd_size, cd_offset = entries * len(_ENTRY), len(_LOCAL)
        if zip64:
            eocd64 = fh.tell()
            fh.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, claim, claim, cd_size, cd_offset))
            fh.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd64, 1))
            fh.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF,
                                 len(comment)))
        else:
            fh.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, claim, claim, cd_size, cd_offset, len(comment)))
        fh.write(comment)
    return path


@pytest.fixture(scope="module")
def millions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = _crafted(tmp_path_factory.mktemp("zip") / "bundle.zip", MANY)
    yield path
    path.unlink()


def _small(fn, *args):  # type: ignore[no-untyped-def]
    """Run ``fn(*args)``; the exception it raises, and it may not have used more than 16 MB on the way."""
    tracemalloc.start()
    try:
        with pytest.raises((SyncError, MediationError, zip_guard.ZipRefused)) as err:
            fn(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, peak
    return err.value


def test_millions_of_entries_are_counted_from_the_end_records(millions: Path) -> None:
    with millions.open("rb") as fh:
        assert zip_guard.directory_size(fh) == (MANY, MANY * len(_ENTRY), len(_LOCAL))
    err = _small(lambda: zip_guard.check(millions, max_entries=50_002))
    assert str(MANY) in err.detail


@pytest.mark.parametrize(("entries", "claim", "zip64", "comment"), [
    (120_000, 2, False, b""),  # the end record lies (2 entries): the headers are counted
    (120_000, 2, True, b""),
    (70_000, 70_000, True, b"x" * 60_000),  # behind a long comment
    (60_000, 60_000, False, b"note"),
])
def test_a_directory_over_the_limit_is_refused_however_it_is_dressed(tmp_path: Path, entries: int, claim: int,
                                                                     zip64: bool, comment: bytes) -> None:
    path = _crafted(tmp_path / "x.zip", entries, claim=claim, zip64=zip64, comment=comment)
    with pytest.raises(zip_guard.ZipRefused):
        zip_guard.check(path, max_entries=50_002)
    with pytest.raises(zip_guard.ZipRefused):
        zip_guard.check(path.read_bytes(), max_entries=50_002)
    zip_guard.check(path, max_entries=entries)  # within its limit it passes (zipfile then reads it)
    with zipfile.ZipFile(path) as zf:
        assert len(zf.infolist()) == entries


def test_a_bundle_with_millions_of_entries_is_refused_before_it_is_read(millions: Path) -> None:
    err = _small(read_file, millions)
    assert err.key == "sync.too_big" and str(MANY) in err.params["detail"]
    assert "\n" not in tr(err.key, "zh", **err.params)
    raw = millions.read_bytes()  # a bundle inside a bundle (forwarded) arrives as bytes
    with pytest.raises(SyncError) as again:
        open_bundle(raw, "inner.zip", lambda m: "", LIMITS)
    assert again.value.key == "sync.too_big"


def test_a_backup_with_millions_of_entries_is_refused_before_it_is_listed(millions: Path) -> None:
    err = _small(read_manifest, millions)
    assert err.key == "backup.damaged" and str(MANY) in err.params["detail"]


def test_an_xlsx_with_millions_of_entries_is_refused(millions: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "台账.xlsx"
    xlsx.hardlink_to(millions)  # the same file under a sheet's name (a hard link: Windows needs no right for one)
    assert _small(read_sheet, xlsx).key == "ledger.too_big"
    assert _small(read_party_file, xlsx).key == "party_file.too_big"


def _bomb(path: Path, part: str, size: int) -> Path:
    """A real .xlsx whose ``part`` is rewritten to hold one cell of ``size`` characters (deflated to little)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["受理日期", "纠纷类型", "申请人"])
    ws.append(["2026-03-02", "邻里", "张三"])
    plain = tmp = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != part:
                out.writestr(info, src.read(info.filename))
        info = zipfile.ZipInfo(part)  # (replaced, or added: every part counts, read by openpyxl or not)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                     b'2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            block = b"A" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(block)
            fh.write(b"</t></is></c></row></sheetData></worksheet>")
    plain.unlink()
    return path


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "docProps/core.xml"])
def test_an_xlsx_part_that_inflates_hugely_is_refused_without_inflating_it(tmp_path: Path, part: str) -> None:
    path = _bomb(tmp_path / "台账.xlsx", part, zip_guard.XLSX_PART + (8 << 20))
    assert path.stat().st_size < zip_guard.XLSX_PART // 100  # small on the stick
    err = _small(read_sheet, path)
    assert err.key == "ledger.too_big" and part in err.params["detail"]
    assert "\n" not in tr(err.key, "en", **err.params)
    assert _small(read_party_file, path).key == "party_file.too_big"


def test_parts_together_over_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as fh:
                for _ in range((zip_guard.XLSX_TOTAL // 3 + (1 << 20)) >> 20):
                    fh.write(b"\0" * (1 << 20))
    with pytest.raises(zip_guard.ZipRefused, match="in all"):
        zip_guard.check_xlsx(path)


def test_an_ordinary_xlsx_still_reads(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["受理日期", "纠纷类型", "申请人"])
    ws.append(["2026-03-02", "邻里", "张三"])
    wb.save(tmp_path / "ok.xlsx")
    zip_guard.check_xlsx(tmp_path / "ok.xlsx")
    assert read_sheet(tmp_path / "ok.xlsx").mapping
