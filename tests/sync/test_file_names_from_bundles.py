"""Every name that comes from another installation is suspect: an attachment's name is shown and offered as the
name to save the file under, so one with a folder or a drive in it refuses the bundle whole (as a member's name
does); the names this installation records are plain; the save dialog is offered a name only."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from attachment_samples import pdf
from hypothesis import given
from hypothesis import strategies as st
from sync_helpers import Inst, resign, rezip

from mediation_desktop.i18n import tr
from mediation_desktop.services import attachments
from mediation_desktop.storage.models import Attachment
from mediation_desktop.sync import schema
from mediation_desktop.sync.errors import SyncError
from mediation_desktop.sync.file_names import is_plain_file_name, plain_file_name, save_name

HOSTILE = ["../../../../tmp/s7pwn.pdf", "..\\..\\x.pdf", "C:x.pdf", "C:\\Windows\\x.pdf", "/etc/passwd", "..",
           "a/b.pdf", "扫描\x07.pdf", "x" * 300]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_with_a_folder_or_drive_is_not_plain(name: str) -> None:
    assert not is_plain_file_name(name)
    assert is_plain_file_name(plain_file_name(name))
    assert not any(c in save_name(name) for c in "/\\:") and save_name(name) not in ("", ".", "..")


@given(st.text(max_size=300))
def test_any_name_made_plain_is_plain_and_a_plain_one_is_kept(name: str) -> None:
    plain = plain_file_name(name)
    assert is_plain_file_name(plain)
    if is_plain_file_name(name):
        assert plain == name
    assert not any(c in save_name(name) for c in "/\\:")


def test_a_document_name_is_offered_as_it_is() -> None:
    assert save_name("人民调解协议书（2026）石桥村人调字第1号.pdf") == "人民调解协议书（2026）石桥村人调字第1号.pdf"
    assert save_name("../../../../tmp/s7pwn.pdf") == "s7pwn.pdf"


def test_a_name_recorded_here_is_plain(make_inst: Callable[..., Inst], tmp_path: Path) -> None:
    a = make_inst("石桥", "330102001", "village", "330102")
    case = a.register("张三", "李四")
    scan = tmp_path / "收条:第1页.pdf"  # (a name Linux allows and Windows does not)
    scan.write_bytes(pdf("receipt"))
    aid = attachments.add_attachment(a.db, a.actor, case, scan)
    with a.db.read_session() as s:
        assert s.get(Attachment, aid).filename == "收条_第1页.pdf"


def test_a_bundle_naming_an_attachment_with_a_folder_is_refused_whole(make_inst: Callable[..., Inst],
                                                                       tmp_path: Path) -> None:
    t = make_inst("城关", "330102", "township", "330100")
    a = make_inst("石桥", "330102001", "village", "330102")
    for x, y in ((t, a), (a, t)):
        x.trusts(y)
    case = a.register("张三", "李四")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf("signed agreement"))
    attachments.add_attachment(a.db, a.actor, case, scan)
    bundle = a.export(encrypt=False)
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        doc = json.loads(zf.read("records/attachment.json"))
    before = t.state()
    for i, name in enumerate(["../../../../tmp/s7pwn.pdf", "C:x.pdf", "..\\x.pdf", "扫描\x07.pdf"]):
        doc["rows"][0][schema.column_names("attachment").index("filename")] = name
        body = json.dumps(doc, ensure_ascii=False).encode()
        for m in manifest["members"]:
            if m["name"] == "records/attachment.json":
                m.update(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
        data, sig = resign(a.db, manifest)  # intact and signed by 石桥's real key: only the name is hostile
        forged = rezip(bundle, tmp_path / f"forged-{i}.zip", change={"records/attachment.json": body,
                                                                     "manifest.json": data, "manifest.sig": sig})
        with pytest.raises(SyncError) as err:
            t.import_(forged)
        assert err.value.key in ("sync.unsafe_file_name", "sync.unsafe_text"), (name, err.value.key)
        assert t.state() == before, name
        line = tr(err.value.key, "zh", **err.value.params)
        assert "\n" not in line and forged.name in line and "拒绝" in line, line
    assert t.import_(bundle).total("new") > 0  # the real bundle is taken
