"""``screening add|list`` and ``roster add|list`` through the real command, then the report counts them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cli_runner import INIT, run

from mediation_desktop.domain.china_time import china_today


def test_screenings_and_the_roster_on_the_command_line(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    day = (china_today() - dt.timedelta(days=2)).isoformat()
    # an empty register says so, in words, rather than printing nothing
    assert run(data, "screening", "list").stdout.strip() == "还没有排查记录。"
    assert run(data, "roster", "list").stdout.strip() == "调解员名册里还没有人。"
    assert run(data, "roster", "list", "--json").stdout.strip() == "[]"
    r = run(data, "screening", "add", "--date", day, "--place", "三组 12 户", "--by", "王建国", "--households", "12",
            "--found", "宅基地滴水纠纷", "--prevented", "婆媳口角")
    assert r.returncode == 0 and "发现纠纷 2 件" in r.stdout, r.stderr
    bad = run(data, "screening", "add", "--date", "5月12日", "--place", "三组", lang="en")
    assert bad.returncode == 1 and "5月12日" in bad.stderr and "write 2026-05-12" in bad.stderr
    bad = run(data, "screening", "add", "--date", day, "--place", " ")
    assert bad.returncode == 1 and "排查地点" in bad.stderr
    listed = json.loads(run(data, "screening", "list", "--json").stdout)
    assert [(s["place"], s["households"], [(f["description"], f["prevented"]) for f in s["findings"]])
            for s in listed] == [("三组 12 户", 12, [("宅基地滴水纠纷", False), ("婆媳口角", True)])]
    assert "settled on the spot" in run(data, "screening", "list", lang="en").stdout

    assert run(data, "roster", "add", "王建国", "--full-time", "--phone", "13800138000").returncode == 0
    assert run(data, "roster", "add", "李秀英").returncode == 0
    bad = run(data, "roster", "add", "张三", "--phone", "123")
    assert bad.returncode == 1 and "电话号码不对" in bad.stderr
    roster = json.loads(run(data, "roster", "list", "--json").stdout)
    assert [(m["name"], m["full_time"], m["active"]) for m in roster] == [("王建国", True, True), ("李秀英", False, True)]

    r = run(data, "report", "--period", day[:4], "--format", "json", "--out", "-", "--filled-by", "周文书")
    values = {f["key"]: f["values"]["total"] for f in json.loads(r.stdout)["figures"]}
    assert (values["scr:held"], values["scr:found"], values["scr:prevented"]) == (1, 2, 1)
    assert (values["org:committees"], values["org:mediators"], values["org:full_time"]) == (1, 2, 1)
