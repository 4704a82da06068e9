"""The command line signs in like the window: a user for every command that reads personal data or changes
anything, the same roles, privacy filters and lockout, and the audit log names who ran it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from cli_runner import run as _cli_run
from sqlalchemy import select

from mediation_desktop.cli import main
from mediation_desktop.domain.enums import Role
from mediation_desktop.services.accounts import MAX_FAILURES, authenticate, create_user
from mediation_desktop.services.cases import CaseInput, register_case
from mediation_desktop.services.parties import PartyInput
from mediation_desktop.storage.database import Database
from mediation_desktop.storage.models import AuditEntry, User


def run_process(data: Path, *args: str, **kwargs):  # type: ignore[no-untyped-def]
    """The command in a real process, on Windows too (these tests are about the process)."""
    return _cli_run(data, *args, process=True, **kwargs)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``mediation-desktop`` in this process as ``user`` (None: nobody signed in)."""
    def call(db: Database, *args: str, user: str | None = "admin", password: str = "secret123",
             stdin: str = "") -> SimpleNamespace:
        if user is None:
            monkeypatch.delenv("MEDIATION_DESKTOP_USER", raising=False)
            monkeypatch.delenv("MEDIATION_DESKTOP_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("MEDIATION_DESKTOP_USER", user)
            monkeypatch.setenv("MEDIATION_DESKTOP_PASSWORD", password)
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(["--data-dir", str(db.paths.root), *args])
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)
    yield call
    from mediation_desktop import i18n

    i18n.set_language(i18n.ZH)


def _one_line(result: SimpleNamespace, text: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], result.stderr


@pytest.fixture
def village(db: Database, director):  # type: ignore[no-untyped-def]
    """Two mediators (alice has a non-public case), a township clerk, and a public case of the director's."""
    for name, role in (("alice", Role.MEDIATOR), ("bob", Role.MEDIATOR), ("clerk", Role.CLERK)):
        create_user(db, director, name, f"{name}调解员", role, "secret123")
    alice = authenticate(db, "alice", "secret123")
    private = register_case(db, alice, CaseInput("neighbour", [PartyInput("隐秘甲", id_number="11010519491231002X"),
                                                               PartyInput("隐秘乙")], summary="家事",
                                                  non_public=True, mediator_name=alice.display_name))
    public = register_case(db, director, CaseInput("neighbour", [PartyInput("公开甲"), PartyInput("公开乙")],
                                                   summary="菜地界限"))
    return SimpleNamespace(private=private.case_no, public=public.case_no)


COMMANDS_NEEDING_A_USER = [
    ("cases",), ("cases", "--json"), ("pdf", "cover", "X", "--out", "x.pdf"), ("demo", "--cases", "1"),
    ("export", "--out", "b.zip"), ("report", "--period", "2026", "--out", "-"), ("ledger", "export", "--out", "l.csv"),
    ("backup",), ("backup", "--out", "b.zip"), ("keys", "export-public", "--out", "k.pub"),
    ("keys", "trust", "k.pub", "--escrow"), ("receipt", "list"), ("import", "b.zip"),
]


@pytest.mark.parametrize("args", COMMANDS_NEEDING_A_USER, ids=" ".join)
def test_no_user_is_refused_in_one_line(db, cli, args):
    with db.read_session() as s:
        before = s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    _one_line(cli(db, *args, user=None), "需要登录")
    with db.read_session() as s:
        assert s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) == before


@pytest.mark.parametrize("args", [("check",), ("keys", "show")], ids=" ".join)
def test_check_and_keys_show_need_nobody(db, cli, args):
    r = cli(db, *args, user=None)
    assert r.returncode == 0, r.stderr


def test_wrong_password_is_refused_and_counts_toward_the_lockout(db, cli, village):
    for attempt in range(1, MAX_FAILURES):
        _one_line(cli(db, "cases", user="bob", password="wrong-one"), "用户名或密码不对")
        with db.read_session() as s:
            assert s.scalar(select(User.failed_logins).where(User.username == "bob")) == attempt
    _one_line(cli(db, "cases", user="bob", password="wrong-one"), "锁定")
    _one_line(cli(db, "cases", user="bob"), "锁定")  # the right password does not open a locked account
    _one_line(cli(db, "cases", user="nobody"), "用户名或密码不对")


def test_a_mediator_does_not_see_another_mediators_non_public_case(db, cli, village, tmp_path):
    def listed(user: str) -> set[str]:
        r = cli(db, "cases", "--json", user=user)
        assert r.returncode == 0, r.stderr
        return {c["case_no"] for c in json.loads(r.stdout)}

    assert {village.private, village.public} <= listed("admin")
    assert {village.private, village.public} <= listed("alice")
    for other in ("bob", "clerk"):
        assert village.public in listed(other) and village.private not in listed(other)
        assert village.private not in cli(db, "cases", "--search", "隐秘甲", user=other).stdout
        out = tmp_path / f"{other}.pdf"
        _one_line(cli(db, "pdf", "cover", village.private, "--out", str(out), user=other), "不公开")
        assert not out.exists()
    out = tmp_path / "alice.pdf"
    r = cli(db, "pdf", "cover", village.private, "--out", str(out), user="alice")
    assert r.returncode == 0, r.stderr
    with db.read_session() as s:  # the document shows full ID numbers: a recorded reveal, by alice
        reveal = s.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.reveal")).all()
    assert [e.actor for e in reveal] == ["alice"]


def test_the_ledger_is_as_the_signed_in_user_sees_it(db, cli, village, tmp_path):
    for user, sees_private in (("admin", True), ("alice", True), ("bob", False), ("clerk", False)):
        out = tmp_path / f"{user}.csv"
        r = cli(db, "ledger", "export", "--out", str(out), user=user)
        assert r.returncode == 0, r.stderr
        text = out.read_bytes().decode("utf-8-sig")
        assert village.public in text and (village.private in text) == sees_private


def test_a_clerk_changes_nothing_and_only_a_director_adds_an_escrow_key(db, cli, village, tmp_path):
    sheet = tmp_path / "台账.csv"
    sheet.write_text("序号,案件编号,当事人,纠纷类型,受理日期\n1,X,张三,邻里纠纷,2026-01-02\n", encoding="utf-8")
    _one_line(cli(db, "ledger", "import", str(sheet), user="clerk"), "不能修改")
    _one_line(cli(db, "demo", "--cases", "1", user="clerk"), "没有权限")
    _one_line(cli(db, "backup", "--out", str(tmp_path / "all.zip"), user="bob"), "没有权限")
    assert not (tmp_path / "all.zip").exists()
    key = tmp_path / "k.pub"
    assert cli(db, "keys", "export-public", "--out", str(key), user="bob").returncode == 0
    _one_line(cli(db, "keys", "trust", str(key), "--escrow", user="bob"), "没有权限")
    _one_line(cli(db, "keys", "trust", str(key), "--escrow", user="clerk"), "没有权限")


def test_the_audit_log_names_who_ran_the_command(db, cli, village, tmp_path):
    r = cli(db, "backup", "--out", str(tmp_path / "all.zip"), user="admin")
    assert r.returncode == 0, r.stderr
    r = cli(db, "export", "--out", str(tmp_path / "b.zip"), "--no-encrypt", user="bob")
    assert r.returncode == 0, r.stderr
    with db.read_session() as s:
        actors = dict(s.execute(select(AuditEntry.action, AuditEntry.actor)
                                .where(AuditEntry.action.in_(["backup.export", "sync.export/create"]))).all())
    assert actors == {"backup.export": "admin", "sync.export/create": "bob"}


def test_demo_refuses_a_database_with_real_cases_unless_forced(db, cli, village):
    _one_line(cli(db, "demo", "--cases", "3"), "--force")
    with db.read_session() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "demo.create_case")) is None
    r = cli(db, "demo", "--cases", "3", "--force")
    assert r.returncode == 0, r.stderr
    with db.read_session() as s:
        assert set(s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "demo.create_case"))) == {"admin"}


def test_demo_adds_to_demo_cases(db, cli):
    assert cli(db, "demo", "--cases", "3").returncode == 0
    r = cli(db, "demo", "--cases", "2", "--seed", "9")
    assert r.returncode == 0, r.stderr


def test_user_and_password_on_stdin_in_a_real_process(tmp_path: Path, monkeypatch):
    from cli_runner import INIT

    data = tmp_path / "data"
    assert run_process(data, *INIT, stdin="secret123\n").returncode == 0
    monkeypatch.delenv("MEDIATION_DESKTOP_USER")
    monkeypatch.delenv("MEDIATION_DESKTOP_PASSWORD")
    r = run_process(data, "cases")
    assert r.returncode != 0 and "需要登录" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run_process(data, "cases", "--user", "admin", "--password-stdin", stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    r = run_process(data, "--user", "admin", "--password-stdin", "cases", stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    r = run_process(data, "--lang", "en", "cases", "--user", "admin", "--password-stdin", stdin="wrong-one\n")
    assert r.returncode != 0 and r.stderr.strip() == "Wrong user name or password."
