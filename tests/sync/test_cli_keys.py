"""``keys trust`` and ``import`` on the command line when a known unit shows up with another key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cli_runner import INIT

TOWN_INIT = ("init", "--org-code", "330102", "--org-name", "城关镇人民调解委员会", "--level", "township",
             "--parent-code", "330100", "--admin", "admin", "--password-stdin")




def _rows(data: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(data / "mediation.sqlite3")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _fingerprint(shown: str) -> str:
    return shown.strip().splitlines()[-1].split("：")[-1].split(": ")[-1].strip()


def test_a_second_key_for_a_village_needs_replace(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    old, new, town, stick = tmp_path / "old", tmp_path / "new", tmp_path / "town", tmp_path / "stick"
    stick.mkdir()
    for data, init in ((old, INIT), (new, INIT), (town, TOWN_INIT)):  # the same village on a new computer
        assert run(data, *init, stdin="secret123\n").returncode == 0
    for data in (old, new):
        assert run(data, "keys", "export-public", "--out", str(stick / f"{data.name}.key")).returncode == 0
    fp_old, fp_new = (_fingerprint(run(d, "keys", "show").stdout) for d in (old, new))
    assert fp_old != fp_new
    assert run(town, "keys", "trust", str(stick / "old.key")).returncode == 0

    # an import meeting the new key: refused in one line saying what to do, even with --trust-new
    assert run(new, "demo", "--cases", "3").returncode == 0
    assert run(new, "export", "--out", str(stick / "new.zip"), "--no-encrypt").returncode == 0
    peers = _rows(town, "SELECT * FROM sync_peer")
    for extra in ((), ("--trust-new",), ("--trust-new", "--dry-run")):
        refused = run(town, "import", str(stick / "new.zip"), *extra)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1
        assert fp_old in refused.stderr and fp_new in refused.stderr and "--replace" in refused.stderr
        assert "首次" not in refused.stderr + refused.stdout
    assert _rows(town, "SELECT * FROM sync_peer") == peers and _rows(town, "SELECT count(*) FROM mediation_case") == [(0,)]

    # keys trust: refused without --replace, in Chinese and in English
    refused = run(town, "keys", "trust", str(stick / "new.key"))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "--replace" in refused.stderr
    english = run(town, "--lang", "en", "keys", "trust", str(stick / "new.key"))
    assert english.returncode == 1 and "already has another key pinned" in english.stderr
    assert _rows(town, "SELECT * FROM sync_peer") == peers

    # --replace: both fingerprints shown, the old key gone, an audit entry naming both
    done = run(town, "keys", "trust", str(stick / "new.key"), "--replace")
    assert done.returncode == 0 and fp_old in done.stdout and fp_new in done.stdout and "替换" in done.stdout
    fingerprints = [fp for (fp,) in _rows(town, "SELECT fingerprint FROM sync_peer WHERE is_self = 0")]
    assert fingerprints == [fp_new]
    audit = _rows(town, "SELECT data FROM audit_entry WHERE action = 'sync.replace_key'")
    assert len(audit) == 1 and fp_old in str(audit[0][0]) and fp_new in str(audit[0][0])
    assert run(town, "check").returncode == 0  # the audit chain holds
    imported = run(town, "import", str(stick / "new.zip"))
    assert imported.returncode == 0 and "首次" not in imported.stdout
    assert _rows(town, "SELECT count(*) FROM mediation_case") == [(3,)]
