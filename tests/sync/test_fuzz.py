"""Hypothesis: flipped, truncated, cut, reordered, dropped and duplicated bytes and members.

The property: a mutated bundle is either refused with a ``SyncError`` (and the database is
unchanged), or what it yields is exactly the authentic content — the signed manifest and every
member byte for byte (e.g. a flip in a zip header field that carries no content, or members in
another order). No damaged content is ever accepted.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Inst

from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.keys import known_peers, own_keys
from mediation_desktop.sync.verify import Trust, VerifiedBundle, verify_bytes

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def _members(raw: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return [(i.filename, zf.read(i.filename)) for i in zf.infolist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return out.getvalue()


@st.composite
def mutations(draw: st.DrawFn, raw: bytes) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "cut", "insert", "reorder", "drop", "duplicate", "member_flip",
                                 "flips"]))
    n = len(raw)
    if kind == "flip":
        i = draw(st.integers(0, n - 1))
        return raw[:i] + bytes([raw[i] ^ draw(st.integers(1, 255))]) + raw[i + 1:]
    if kind == "flips":
        data = bytearray(raw)
        for i in draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=20)):
            data[i] ^= 0xFF
        return bytes(data)
    if kind == "truncate":
        return raw[: draw(st.integers(0, n - 1))]
    if kind == "cut":
        i = draw(st.integers(0, n - 2))
        j = draw(st.integers(i + 1, min(n, i + 200)))
        return raw[:i] + raw[j:]
    if kind == "insert":
        i = draw(st.integers(0, n))
        return raw[:i] + draw(st.binary(min_size=1, max_size=64)) + raw[i:]
    members = _members(raw)
    if kind == "reorder":
        return _zip(draw(st.permutations(members)))
    if kind == "drop":
        i = draw(st.integers(0, len(members) - 1))
        return _zip(members[:i] + members[i + 1:])
    if kind == "duplicate":
        i = draw(st.integers(0, len(members) - 1))
        return _zip([*members, members[i]])
    i = draw(st.integers(0, len(members) - 1))  # member_flip: change one member's content, rebuild a valid zip
    name, data = members[i]
    if not data:
        return _zip([*members[:i], (name, b"x"), *members[i + 1:]])
    j = draw(st.integers(0, len(data) - 1))
    return _zip([*members[:i], (name, data[:j] + bytes([data[j] ^ 1]) + data[j + 1:]), *members[i + 1:]])


def _authentic(got: VerifiedBundle, original: VerifiedBundle) -> bool:
    return (got.plain.manifest_bytes == original.plain.manifest_bytes
            and got.plain.members == original.plain.members and got.records == original.records)


def _check(raw: bytes, mutated: bytes, trust: Trust, original: VerifiedBundle) -> None:
    try:
        got = verify_bytes(mutated, "fuzz.zip", trust)
    except SyncError:
        return
    assert _authentic(got, original), "a damaged bundle was accepted"


@pytest.fixture
def plain_and_sealed(linked: tuple[Inst, Inst]) -> tuple[bytes, bytes, Trust]:
    village, township = linked
    cid = village.register("张三", "李四")
    village.mediate_and_agree(cid)
    village.follow_up(cid)
    plain = village.export(encrypt=False).read_bytes()
    sealed = village.export(full=True).read_bytes()
    return plain, sealed, Trust(own_keys(township.db), known_peers(township.db))


def test_mutated_plain_bundles_are_never_accepted(plain_and_sealed: tuple[bytes, bytes, Trust]) -> None:
    plain, _, trust = plain_and_sealed
    original = verify_bytes(plain, "fuzz.zip", trust)

    @SETTINGS
    @given(st.data())
    def run(data: st.DataObject) -> None:
        _check(plain, data.draw(mutations(plain)), trust, original)

    run()


def test_mutated_sealed_bundles_are_never_accepted(plain_and_sealed: tuple[bytes, bytes, Trust]) -> None:
    _, sealed, trust = plain_and_sealed
    original = verify_bytes(sealed, "fuzz.zip", trust)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: st.DataObject) -> None:
        _check(sealed, data.draw(mutations(sealed)), trust, original)

    run()


def test_mutated_imports_change_nothing(linked: tuple[Inst, Inst], tmp_path: Path) -> None:
    """The whole import path, a few times: a refused file leaves the database exactly as it was."""
    village, township = linked
    village.register("张三", "李四")
    raw = village.export(encrypt=False).read_bytes()
    target = tmp_path / "m.zip"

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: st.DataObject) -> None:
        mutated = data.draw(mutations(raw))
        if mutated == raw:
            return
        target.write_bytes(mutated)
        before = township.state()
        try:
            township.import_(target)
        except SyncError:
            assert township.state() == before
            return
        # accepted: then it was the authentic content (members reordered, a header field that carries nothing)
        assert township.dump() == village.dump()

    run()
