"""A spreadsheet from outside (a ledger, a party list) is bounded in rows and cells before it is loaded: a file
small on disk whose worksheet holds millions of cells, or references one far corner, or merges the whole
sheet, is refused with one line naming the file and the limit, streamed, in modest memory."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import village_ledger as vl
from cli_runner import INIT, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_desktop.errors import MediationError
from mediation_desktop.i18n import tr
from mediation_desktop.reports.ledger_sheet import read_sheet
from mediation_desktop.services.party_file import read_party_file
from mediation_desktop.storage import sheet_guard

_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
       'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '{sheets}</Types>')
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}'
       '</sheets></workbook>')
_WB_SHEET = '<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>'
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">{rels}</Relationships>')
_WB_REL = ('<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'worksheet" Target="worksheets/sheet{n}.xml"/>')


def _col(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _grid(rows: int, cols: int, *, first: Iterable[str] = ("受理日期", "纠纷类型", "申请人")) -> Iterator[bytes]:
    """Worksheet XML, generated: a header row, then ``rows - 1`` rows of ``cols`` number cells."""
    head = list(first)[:cols] + [f"列{i}" for i in range(len(list(first)), cols)]
    yield b'<row r="1">' + b"".join(f'<c r="{_col(i + 1)}1" t="inlineStr"><is><t>{h}</t></is></c>'.encode()
                                    for i, h in enumerate(head)) + b"</row>"
    letters = [_col(i + 1) for i in range(cols)]
    for r in range(2, rows + 1):
        yield (f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in letters) + "</row>").encode()


def _xlsx(path: Path, *sheets: Iterable[bytes], dimension: str | None = None, tail: bytes = b"") -> Path:
    """A minimal real .xlsx whose worksheets are the given XML pieces, streamed into a deflated zip."""
    n = range(1, len(sheets) + 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(sheets="".join(_SHEET_CT.format(n=i) for i in n)))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB.format(sheets="".join(_WB_SHEET.format(n=i) for i in n)))
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(rels="".join(_WB_REL.format(n=i) for i in n)))
        for i, pieces in zip(n, sheets, strict=True):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as fh:
                fh.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + _NS + b'">')
                if dimension:
                    fh.write(f'<dimension ref="{dimension}"/>'.encode())
                fh.write(b"<sheetData>")
                for piece in pieces:
                    fh.write(piece)
                fh.write(b"</sheetData>" + (tail if i == 1 else b"") + b"</worksheet>")
    return path


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    monkeypatch.setattr(sheet_guard, "MAX_ROWS", 50)
    monkeypatch.setattr(sheet_guard, "MAX_CELLS", 500)
    return 50, 500


def _refused(path: Path) -> None:
    """Both readers refuse ``path`` with their one line naming the file and the limits."""
    for read, key in ((read_sheet, "ledger.too_many_cells"), (read_party_file, "party_file.too_many_cells")):
        with pytest.raises(MediationError) as err:
            read(path)
        assert err.value.key == key
        for lang in ("zh", "en"):
            line = tr(key, lang, **err.value.params)
            assert "\n" not in line and path.name in line
            assert f"{sheet_guard.MAX_ROWS:,}" in line and f"{sheet_guard.MAX_CELLS:,}" in line


_CRAFTED = {
    "rows": lambda: [_grid(51, 2)],
    "cells": lambda: [_grid(10, 60)],
    "a far corner": lambda: [_grid(3, 3), [b'<row r="4"><c r="CV1000"><v>1</v></c></row>']],
    "a cell placed by its own reference": lambda: [[b'<row r="1"><c r="A51"><v>1</v></c></row>']],
    "a far row number": lambda: [[b'<row r="999999999999"><c><v>1</v></c></row>']],
    "rows without numbers": lambda: [[b"<row><c><v>1</v></c></row>" * 51]],
    "an overlong reference": lambda: [[b'<row r="1"><c r="' + b"A" * 60 + b'1"><v>1</v></c></row>']],
}


@pytest.mark.parametrize("how", list(_CRAFTED))
def test_a_sheet_over_the_limit_is_refused_however_it_is_built(tmp_path: Path, small_caps, how) -> None:
    _refused(_xlsx(tmp_path / "台账.xlsx", *(list(p) for p in _CRAFTED[how]())))


def test_a_dimension_that_understates_is_not_trusted(tmp_path: Path, small_caps) -> None:
    _refused(_xlsx(tmp_path / "x.xlsx", _grid(60, 3), dimension="A1:B2"))


def test_a_dimension_that_claims_too_much_is_refused_at_once(tmp_path: Path, small_caps) -> None:
    _refused(_xlsx(tmp_path / "x.xlsx", _grid(2, 3), dimension="A1:XFD1048576"))


def test_a_merged_range_over_the_sheet_is_refused(tmp_path: Path, small_caps) -> None:
    _refused(_xlsx(tmp_path / "x.xlsx", _grid(3, 3), tail=b'<mergeCells count="1"><mergeCell ref="A1:Z40"/>'
                                                         b"</mergeCells>"))


def test_the_cells_of_every_sheet_count_together(tmp_path: Path, small_caps) -> None:
    path = _xlsx(tmp_path / "x.xlsx", _grid(30, 10), _grid(30, 10))  # 300 + 300 cells: each under, both over
    _refused(path)
    one = _xlsx(tmp_path / "one.xlsx", _grid(30, 10))
    assert read_sheet(one).mapping and len(read_party_file(one)) == 30  # (no 姓名 header: a pasted list)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(1, 80), cols=st.integers(3, 40))
def test_a_sheet_is_read_whole_up_to_the_limits_and_refused_past_them(tmp_path_factory, small_caps, rows,
                                                                      cols) -> None:
    path = _xlsx(tmp_path_factory.mktemp("s") / "台账.xlsx", _grid(rows, cols))
    if rows > 50 or rows * cols > 500:
        _refused(path)
    else:
        sheet = read_sheet(path)
        assert len(sheet.rows) == rows and sheet.width == cols
        assert len(read_party_file(path)) == rows


def test_a_legacy_xls_over_the_limit_is_refused_before_its_cells_are_read(small_caps, monkeypatch) -> None:
    assert read_sheet(vl.XLS).mapping  # 11 rows × 9 columns: under the caps
    monkeypatch.setattr(sheet_guard, "MAX_CELLS", 98)
    with pytest.raises(MediationError) as err:
        read_sheet(vl.XLS)
    assert err.value.key == "ledger.too_many_cells" and err.value.params["cells"] == "98"
    monkeypatch.setattr(sheet_guard, "MAX_CELLS", 500)
    monkeypatch.setattr(sheet_guard, "MAX_ROWS", 5)
    with pytest.raises(MediationError) as err:
        read_sheet(vl.XLS)
    assert err.value.key == "ledger.too_many_cells"


def test_the_cli_refuses_it_in_one_line_and_imports_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    big = _xlsx(tmp_path / "大台账.xlsx", _grid(sheet_guard.MAX_ROWS + 5, 1))  # rows over, cells under
    for lang, words in (("zh", "最多 100,000 行"), ("en", "at most 100,000 rows")):
        r = run(data, "ledger", "import", str(big), lang=lang)
        assert r.returncode != 0
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "大台账.xlsx" in lines[0] and words in lines[0], r.stderr
    r = run(data, "cases", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == [], r.stdout


_PROBE = """
import resource, sys
from pathlib import Path
from mediation_desktop.errors import MediationError
from mediation_desktop.reports.ledger_sheet import read_sheet
from mediation_desktop.services.party_file import read_party_file
keys = []
for read in (read_sheet, read_party_file):
    try:
        read(Path(sys.argv[1]))
    except MediationError as exc:
        keys.append(exc.key)
# the peak of this program's own memory: on Linux VmHWM (ru_maxrss after exec still holds the peak of the
# process it was forked from — a pytest worker of hundreds of MB); elsewhere ru_maxrss
try:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(" ".join(keys), peak)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX only")
def test_the_reported_ledger_is_refused_in_modest_memory(tmp_path: Path) -> None:
    """The file of the finding: 26 columns × 360,000 rows of number cells, 18 MB that inflate to ~257 MB
    and made 3.6 GB; now streamed and stopped at the cap (the process's peak, not a time, is asserted)."""
    path = _xlsx(tmp_path / "台账.xlsx", _grid(360_000, 26))
    assert path.stat().st_size < 40 << 20
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, check=True)
    keys, peak_kb = out.stdout.rsplit(maxsplit=1)
    assert keys == "ledger.too_many_cells party_file.too_many_cells"
    peak = int(peak_kb) >> (20 if sys.platform == "darwin" else 10)  # (macOS counts bytes, Linux KiB): MiB
    assert peak < 400, peak  # the interpreter with the program's imports, and little more (was 3.6 GB)


@pytest.mark.parametrize(("rows", "cols", "encoding"), [(51, 2, "utf-8"), (10, 60, "gb18030"), (51, 1, "utf-8-sig")])
def test_a_csv_over_the_limit_is_refused_as_it_is_read(tmp_path: Path, small_caps, rows, cols, encoding) -> None:
    head = ",".join(["受理日期", "纠纷类型", "申请人", *(f"列{i}" for i in range(3, cols))][:cols])
    text = head + "\r\n" + "".join(",".join(["1"] * cols) + "\r\n" for _ in range(rows - 1))
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode(encoding))
    _refused(path)


def test_a_csv_too_large_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,电话\r\n张三,13800000000\r\n".encode() * 100)
    assert read_sheet(path).rows and read_party_file(path)
    monkeypatch.setattr(sheet_guard, "CSV_MAX", 1024)
    for read, key in ((read_sheet, "ledger.too_big"), (read_party_file, "party_file.too_big")):
        with pytest.raises(MediationError) as err:
            read(path)
        assert err.value.key == key and err.value.params["detail"] == "3500 bytes > 1024"  # (its own size, not read)



_SST_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
           'spreadsheetml.sharedStrings+xml"/>')
_SST_REL = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>')


def _with_shared_strings(path: Path, strings: int, rows: int) -> Path:
    """A real .xlsx: a ledger's header, then ``rows`` rows of one text cell each, the ``strings`` of its shared
    strings table used in turn (a 263 MB table of ``<si><t>a</t></si>`` took 5 minutes and 1.6 GB to load)."""
    sheet = b"".join([next(_grid(1, 3)), *(f'<row r="{r}"><c r="C{r}" t="s"><v>{(r - 2) % strings}</v></c></row>'
                                            .encode() for r in range(2, rows + 2))])
    table = b"".join(f"<si><t>张{i}</t></si>".encode() for i in range(strings))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(sheets=_SHEET_CT.format(n=1) + _SST_CT))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB.format(sheets=_WB_SHEET.format(n=1)))
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.format(rels=_WB_REL.format(n=1) + _SST_REL))
        zf.writestr("xl/worksheets/sheet1.xml", b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + _NS
                    + b'"><sheetData>' + sheet + b"</sheetData></worksheet>")
        zf.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + _NS + b'">'
                    + table + b"</sst>")
    return path


def test_more_shared_strings_than_cells_is_refused_before_they_are_loaded(tmp_path: Path) -> None:
    spare = sheet_guard.STRINGS_SPARE
    _refused(_with_shared_strings(tmp_path / "台账.xlsx", spare + 200, 2))
    # strings a writer left behind (as many as the spare) are read
    assert read_sheet(_with_shared_strings(tmp_path / "名单.xlsx", spare, 2)).rows[2] == [None, None, "张1"]


def test_a_workbook_whose_every_cell_is_another_string_is_read(tmp_path: Path) -> None:
    rows = sheet_guard.STRINGS_SPARE + 2_000  # (more strings than the spare alone would let through)
    sheet = read_sheet(_with_shared_strings(tmp_path / "台账.xlsx", rows, rows))
    assert len(sheet.rows) == rows + 1 and sheet.rows[-1][2] == f"张{rows - 1}"


def test_shared_strings_are_bounded_by_their_declared_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mediation_desktop.storage import zip_guard

    path = _with_shared_strings(tmp_path / "台账.xlsx", 50, 50)
    size = zipfile.ZipFile(path).getinfo("xl/sharedStrings.xml").file_size
    monkeypatch.setattr(zip_guard, "XLSX_SHARED_STRINGS", size - 1)
    for read, key in ((read_sheet, "ledger.too_big"), (read_party_file, "party_file.too_big")):
        with pytest.raises(MediationError) as err:
            read(path)
        assert err.value.key == key
        assert err.value.params["detail"] == f"xl/sharedStrings.xml: {size} bytes > {size - 1}"
    monkeypatch.setattr(zip_guard, "XLSX_SHARED_STRINGS", size)
    assert len(read_sheet(path).rows) == 51
