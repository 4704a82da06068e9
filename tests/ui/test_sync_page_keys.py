"""The 交换 tab meeting a new key for a unit it knows: refused in one line, never offered as a first-time sender,
and not taken on the way when the user trusts a genuinely new sender among the same files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from mediation_desktop.domain.enums import PartyRole
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import authenticate
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.services.setup import SetupRequest, initialise
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import Case, SyncPeer
from mediation_desktop.sync.export import export_bundle
from mediation_desktop.sync.keys import own_keys, public_key_file, trust_file
from mediation_desktop.ui.hub.sync_page import SyncPage
from mediation_desktop.ui.main_window import MainWindow


def _installation(root: Path, code: str, name: str, level: str, parent: str | None):
    db = open_database(DataPaths(root))
    initialise(db, SetupRequest(code, name, level, "admin", "secret123", parent_code=parent))
    return db, authenticate(db, "admin", "secret123")


def _bundle(db, actor, out: Path) -> Path:
    register_case(db, actor, CaseInput("neighbour", [PartyInput("张三"), PartyInput("李四", role=PartyRole.RESPONDENT)]))
    export_bundle(db, out, actor="admin", encrypt=False)
    return out


def _state(db) -> tuple[int, list[str]]:
    with db.read_session() as s:
        return (s.scalar(select(func.count()).select_from(Case)) or 0,
                sorted(p.fingerprint for p in s.scalars(select(SyncPeer))))


def test_a_new_key_for_a_known_village_is_refused_in_the_window(qtbot, tmp_path, monkeypatch):
    old, _ = _installation(tmp_path / "old", "330102001", "石桥村人民调解委员会", "village", "330102")
    new, new_admin = _installation(tmp_path / "new", "330102001", "石桥村人民调解委员会", "village", "330102")
    other, other_admin = _installation(tmp_path / "other", "330102003", "河口村人民调解委员会", "village", "330102")
    township, t_admin = _installation(tmp_path / "township", "330102", "西湖镇人民调解委员会", "township", "330100")
    try:
        key = tmp_path / "old.key.json"
        key.write_bytes(public_key_file(own_keys(old)))
        trust_file(township, key, actor="admin")
        renewed = _bundle(new, new_admin, tmp_path / "石桥村-新电脑.zip")
        first_time = _bundle(other, other_admin, tmp_path / "河口村.zip")
        before = _state(township)
        fp_old, fp_new = own_keys(old).peer.fingerprint, own_keys(new).peer.fingerprint

        window = MainWindow(township, t_admin)
        qtbot.addWidget(window)
        page = window.sync
        asked: list[str] = []
        monkeypatch.setattr(SyncPage, "ask", classmethod(lambda cls, parent, text: asked.append(text) or True))
        # alone: no question at all, one line naming the unit and both fingerprints
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(renewed)]))
        page.choose_button.click()
        qtbot.waitUntil(lambda: page.error.text() != "", timeout=20_000)
        text = page.error.text()
        assert asked == [] and "\n" not in text and "石桥村人民调解委员会" in text and fp_old in text and fp_new in text
        assert "尚未信任" not in text and "首次" not in text
        assert not page.apply_button.isEnabled() and _state(township) == before

        # beside a genuinely new sender: the question is about that one only; trusting it does not let the
        # new key through
        page.error.clear()
        monkeypatch.setattr(SyncPage, "ask_open_paths", classmethod(lambda cls, parent: [str(first_time),
                                                                                        str(renewed)]))
        page.choose_button.click()
        qtbot.waitUntil(lambda: bool(asked) and page.error.text() != "", timeout=20_000)
        assert len(asked) == 1 and "河口村" in asked[0] and "石桥村" not in asked[0]
        assert fp_old in page.error.text() and fp_new in page.error.text()
        assert not page.apply_button.isEnabled() and _state(township) == before
    finally:
        for db in (old, new, other, township):
            db.dispose()
