"""``archive`` takes the 保管期限 (the committee's default when none is given) in the same step; ``retention`` lets
a director give a case archived without one (before 归档 asked) its period, with a reason; a village's
``report --org`` for another committee is refused, not a report of zeros."""

from __future__ import annotations

from pathlib import Path

from cli_runner import run
from sqlalchemy import select
from sync_helpers import new_installation

from mediation_desktop.domain.china_time import china_today
from mediation_desktop.domain.lifecycle import CaseAction, CaseStatus
from mediation_desktop.paths import DataPaths
from mediation_desktop.services.accounts import create_user
from mediation_desktop.services.cases import change_status
from mediation_desktop.services.retention import due_cases
from mediation_desktop.storage.database import open_database
from mediation_desktop.storage.models import AuditEntry, Case


def test_archive_with_its_retention_a_director_setting_one_later_and_report_org(tmp_path: Path):
    village = new_installation(tmp_path / "v", "石桥", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        first, second, third = (village.register(f"张{i}", f"李{i}") for i in range(3))
        for case_id in (first, second, third):
            change_status(village.db, village.actor, case_id, CaseAction.DECLINE)
        change_status(village.db, village.actor, third, CaseAction.ARCHIVE)  # as before: no period written
        create_user(village.db, village.actor, "clerk1", "王文书", "mediator", "secret123")
        with village.db.read_session() as s:
            no = {cid: s.get(Case, cid).case_no for cid in (first, second, third)}
    finally:
        village.db.dispose()
    data = village.folder

    r = run(data, "archive", no[first], "--retention", "很久")  # refused, nothing changed
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "保管期限应为 永久、长期、短期 或“N年”" in r.stderr and "很久" in r.stderr
    r = run(data, "archive", no[first], "--retention", "15 年")
    assert r.returncode == 0 and "保管期限：15年" in r.stdout, r.stderr
    r = run(data, "archive", no[second])  # none given: the default, said
    assert r.returncode == 0 and "保管期限：长期" in r.stdout, r.stderr

    r = run(data, "retention", no[third], "永久", "--reason", "补定保管期限",
            env={"MEDIATION_DESKTOP_USER": "clerk1", "MEDIATION_DESKTOP_PASSWORD": "secret123"})
    assert r.returncode != 0  # a director's edit
    assert run(data, "retention", no[third], "永久", "--reason", " ").returncode == 1
    r = run(data, "retention", no[third], "permanent", "--reason", "补定保管期限")  # (the English word for 永久)
    assert r.returncode == 0 and "永久" in r.stdout, r.stderr

    # (the same village) a report for another committee is refused, not a report of zeros; its own is written
    r = run(data, "report", "--period", "2026", "--org", "330102002", "--out", "-", "--format", "json")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == ("没有机构代码为“330102002”的调委会（本机知道的：330102001 石桥村人民调解委员会）。"
                                "没有生成报表。")
    r = run(data, "report", "--period", "2026", "--org", "330102001", "--out", "-", "--format", "json")
    assert r.returncode == 0, r.stderr

    db = open_database(DataPaths(data))
    try:
        with db.read_session() as s:
            got = {c.id: c.archive_retention for c in s.scalars(select(Case))}
            assert got == {first: "15年", second: "长期", third: "永久"}
            assert all(s.get(Case, c).status == CaseStatus.ARCHIVED for c in got)
            reasons = [e.reason for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "case.retention/update"))]
            assert reasons == ["补定保管期限"]
        # the retention list counts each case by its own period: in 20 years 15年 is due, 长期 (30) and 永久 not
        later = china_today().replace(year=china_today().year + 20, day=1)
        assert [(d.case_id, d.period) for d in due_cases(db, today=later)] == [(first, "15年")]
    finally:
        db.dispose()



def test_casefile_pages_with_no_pages_given_shows_them_and_says_nothing_was_saved(tmp_path: Path):
    village = new_installation(tmp_path / "v", "石桥", "330102001", "石桥村人民调解委员会", "village", "330102")
    try:
        case_id = village.register("张三", "李四")
        with village.db.read_session() as s:
            case_no = s.get(Case, case_id).case_no
    finally:
        village.db.dispose()
    r = run(village.folder, "casefile-pages", case_no)
    assert r.returncode == 0 and "已保存" not in r.stdout and "还没有记录" in r.stdout and "未作修改" in r.stdout
    r = run(village.folder, "casefile-pages", case_no, "identity=2")
    assert r.returncode == 0 and "已保存：identity=2" in r.stdout, r.stderr
    r = run(village.folder, "casefile-pages", case_no)
    assert r.returncode == 0 and "已保存" not in r.stdout and "identity=2" in r.stdout and "未作修改" in r.stdout
