"""packaging/build_translations.py: a .qm is replaced whole, never rewritten under a process that has it mapped."""

from __future__ import annotations

import importlib.util
import mmap
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_translations", ROOT / "packaging" / "build_translations.py")
assert _spec is not None and _spec.loader is not None
build_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_translations)


@pytest.mark.skipif(sys.platform == "win32", reason="a fact of POSIX: Windows refuses to replace or rewrite a file "
                    "another process has mapped (no SIGBUS there; the rebuild fails instead)")
def test_a_rebuild_leaves_a_mapped_qm_whole(tmp_path: Path) -> None:
    """Qt maps the .qm it loads; a test compiling the shared .qm while another process had it mapped killed that
    process with SIGBUS (the file truncated under the mapping). The rebuild must give the path a new file and
    leave the mapped one as it was."""
    ts = tmp_path / "mediation_desktop_en.ts"
    shutil.copy(build_translations.TS, ts)
    qm = build_translations.build(ts)
    before = qm.read_bytes()
    with qm.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        inode = qm.stat().st_ino
        ts.write_text(ts.read_text(encoding="utf-8").replace("<translation>", "<translation>x", 1), encoding="utf-8")
        assert build_translations.build(ts) == qm
        assert qm.stat().st_ino != inode  # a new file at the path ...
        assert bytes(mapped[:]) == before  # ... and the mapped one whole
    assert qm.read_bytes() != before  # (the rebuild did compile the change)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
