"""Zip members (bundles, backups) are deflated by ISA-L where it is installed, and stay plain zip members."""

from __future__ import annotations

import io
import json
import zipfile
import zlib

import pytest
from isal import isal_zlib

from mediation_desktop.storage import deflate

RECORDS = json.dumps({"type": "party", "columns": ["id", "name"],
                      "rows": [[f"{i:032x}", f"张{i % 97}"] for i in range(20_000)]},
                     ensure_ascii=False).encode("utf-8")


def _raw_isal(data: bytes) -> bytes:
    c = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _raw_zlib(data: bytes) -> bytes:
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _write(data: bytes) -> zipfile.ZipFile:
    out = io.BytesIO()
    info = zipfile.ZipInfo("records/party.json")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w") as zf, deflate.writing(zf, info, len(data)) as dest:
        dest.write(data)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def test_members_are_deflated_by_isal_and_open_with_plain_zipfile() -> None:
    assert deflate.ENGINE == "isal"  # a dependency of the project: its absence here is a packaging fault
    zf = _write(RECORDS)
    info = zf.getinfo("records/party.json")
    # the hook took: the member holds ISA-L's stream, not the one zipfile's own zlib would have made
    assert len(_raw_isal(RECORDS)) != len(_raw_zlib(RECORDS))
    assert info.compress_size == len(_raw_isal(RECORDS))
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.file_size == len(RECORDS)
    assert zf.read("records/party.json") == RECORDS  # zipfile's zlib reads it, CRC-32 checked
    with deflate.reading(zf, info) as src:
        assert type(src._decompressor).__module__.startswith("isal")  # type: ignore[attr-defined]
        assert src.read() == RECORDS


def test_members_made_by_zlib_read_through_isal() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("records/party.json", RECORDS)
    zf = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    with deflate.reading(zf, zf.getinfo("records/party.json")) as src:
        assert src.read() == RECORDS


def test_a_damaged_stream_is_still_noticed() -> None:
    zf = _write(RECORDS)
    info = zf.getinfo("records/party.json")
    raw = bytearray(zf.fp.getvalue())  # type: ignore[union-attr]
    start = info.header_offset + 30 + len(info.filename.encode())
    raw[start + 5000] ^= 0x55
    damaged = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    with pytest.raises((zipfile.BadZipFile, isal_zlib.error, zlib.error, EOFError)), \
            deflate.reading(damaged, damaged.getinfo("records/party.json")) as src:
        src.read()


def test_without_isal_zlib_does_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deflate, "_fast", None)
    zf = _write(RECORDS)
    assert zf.getinfo("records/party.json").compress_size == len(_raw_zlib(RECORDS))
    with deflate.reading(zf, zf.getinfo("records/party.json")) as src:
        assert src.read() == RECORDS
