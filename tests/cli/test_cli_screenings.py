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


def _roster(data: Path) -> list[tuple[str, bool, str | None, bool]]:
    return [(m["name"], m["full_time"], m["phone"], m["active"])
            for m in json.loads(run(data, "roster", "list", "--json").stdout)]


def test_the_same_mediator_is_not_added_twice_unless_said_to_be_another_person(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "roster", "add", "王 建国").returncode == 0
    again = run(data, "roster", "add", " 王  建国 ")  # (the name compared as the roster stores it)
    assert again.returncode == 1 and again.stderr.splitlines() == [
        "名册里已有在任的王建国。如果确实是同名的另一个人，请加上 --same-name 再执行一次。"]
    assert "--same-name" in run(data, "roster", "add", "王 建国", "--full-time", lang="en").stderr
    assert _roster(data) == [("王建国", False, None, True)]
    assert run(data, "roster", "add", "王 建国", "--same-name", "--phone", "13800138000").returncode == 0
    assert len(_roster(data)) == 2


def test_roster_set_corrects_one_entry_and_asks_which_of_several(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "roster", "add", "李秀英").returncode == 0
    r = run(data, "roster", "set", "李秀英", "--full-time", "--phone", "13800138000")
    assert r.returncode == 0 and "李秀英" in r.stdout, r.stderr
    assert _roster(data) == [("李秀英", True, "13800138000", True)]
    assert run(data, "roster", "set", "李秀英", "--inactive", "--phone", "").returncode == 0
    assert _roster(data) == [("李秀英", True, None, False)]
    bad = run(data, "roster", "set", "李秀英")
    assert bad.returncode == 1 and "--inactive" in bad.stderr
    bad = run(data, "roster", "set", "张三", "--active")
    assert bad.returncode == 1 and "张三" in bad.stderr
    # serving again beside a serving one of the same name: the same person twice unless said otherwise
    assert run(data, "roster", "add", "李秀英").returncode == 0
    bad = run(data, "roster", "set", "李秀英", "--active")  # (the serving one is picked: nothing to refuse)
    assert bad.returncode == 0
    former = next(m["id"] for m in json.loads(run(data, "roster", "list", "--json").stdout) if not m["active"])
    bad = run(data, "roster", "set", "李秀英", "--id", former, "--active")
    assert bad.returncode == 1 and "--same-name" in bad.stderr
    assert run(data, "roster", "set", "李秀英", "--id", former, "--active", "--same-name").returncode == 0
    # now two serving 李秀英: which one is asked for, each listed with its id
    bad = run(data, "roster", "set", "李 秀英", "--part-time")  # (the name as typed in a hurry: the same)
    assert bad.returncode == 1 and "--id" in bad.stderr and former in bad.stderr
    # one line of words and ids, no codes for tabs or line ends (a message's values show control characters so)
    assert len(bad.stderr.splitlines()) == 1 and "U+" not in bad.stderr, bad.stderr
    assert f"--id {former} 李秀英（兼职，在任）" in bad.stderr or f"--id {former} 李秀英（专职，在任）" in bad.stderr
    done = run(data, "roster", "set", "李秀英", "--id", former, "--phone", "13800138000")
    assert done.returncode == 0 and "U+" not in done.stdout and "13800138000，在任）" in done.stdout, done.stdout
    assert run(data, "roster", "set", "李秀英", "--id", former, "--phone", "").returncode == 0
    assert run(data, "roster", "set", "李秀英", "--id", former, "--part-time").returncode == 0
    assert sorted(_roster(data)) == [("李秀英", False, None, True), ("李秀英", False, None, True)]


def test_a_hub_says_its_lists_hold_its_own_registers_only(tmp_path: Path):
    data = tmp_path / "town"
    init = ("init", "--org-code", "330102", "--org-name", "石桥镇人民调解委员会", "--level", "township",
            "--parent-code", "330100", "--admin", "admin", "--password-stdin")
    r = run(data, *init, stdin="secret123\n")
    assert r.returncode == 0, r.stderr
    listed = run(data, "screening", "list").stdout
    assert "本单位还没有自己的排查记录" in listed and "各村的排查随数据包汇入，只计入统计" in listed
    assert "villages' rosters" in run(data, "roster", "list", lang="en").stdout


def test_a_found_dispute_is_linked_to_its_case_and_a_screening_removed_on_the_command_line(tmp_path: Path):
    """What the window's 登记为案件… and 删除 do, without a display: the finding becomes the case's (not prevented
    any more), and a screening entered by mistake goes; a wrong id is one Chinese line, nothing changed."""
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    day = (china_today() - dt.timedelta(days=1)).isoformat()
    assert run(data, "screening", "add", "--date", day, "--place", "三组", "--prevented", "婆媳口角").returncode == 0
    assert run(data, "screening", "add", "--date", day, "--place", "四组", "--found", "误登").returncode == 0
    assert run(data, "demo", "--cases", "1").returncode == 0
    case_no = json.loads(run(data, "cases", "--json").stdout)[0]["case_no"]
    listed = json.loads(run(data, "screening", "list", "--json").stdout)
    finding = next(f["id"] for s in listed for f in s["findings"] if f["description"] == "婆媳口角")
    wrong = next(s["id"] for s in listed if s["place"] == "四组")

    bad = run(data, "screening", "link", "不是编号", case_no)
    assert bad.returncode == 1 and bad.stderr.splitlines() == ["没有找到这条排查发现的纠纷。"]
    bad = run(data, "screening", "link", finding, "（2099）没有字第1号")
    assert bad.returncode == 1 and len(bad.stderr.splitlines()) == 1
    r = run(data, "screening", "link", finding, case_no)
    assert r.returncode == 0 and case_no in r.stdout, r.stderr
    assert "原来标为“已就地化解”" in r.stdout and "已去掉这个标记" in r.stdout  # (said, as the window asks first)
    again = run(data, "screening", "link", finding, case_no)
    assert again.returncode == 1 and "已经登记为案件" in again.stderr
    assert run(data, "screening", "remove", wrong).returncode == 0
    assert run(data, "screening", "remove", wrong).returncode == 1  # (gone)
    listed = json.loads(run(data, "screening", "list", "--json").stdout)
    assert [(f["description"], f["prevented"], f["case_no"]) for s in listed for f in s["findings"]] == [
        ("婆媳口角", False, case_no)]


def test_a_screening_is_corrected_on_the_command_line(tmp_path: Path):
    """What the window's 修改 does, without a display: the facts, a dispute marked settled on the spot or not, one
    added, one dropped; the report counts what is stored; a wrong id or nothing to change is one line, nothing
    changed; a dispute registered as a case cannot be marked settled."""
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    day, earlier = (china_today() - dt.timedelta(days=1)).isoformat(), (china_today() - dt.timedelta(days=3)).isoformat()
    assert run(data, "screening", "add", "--date", day, "--place", "三组", "--households", "8",
               "--prevented", "婆媳口角", "--found", "宅基地滴水", "--found", "误登的一条").returncode == 0
    [s] = json.loads(run(data, "screening", "list", "--json").stdout)
    ids = {f["description"]: f["id"] for f in s["findings"]}

    def stored() -> tuple[object, ...]:
        [row] = json.loads(run(data, "screening", "list", "--json").stdout)
        return (row["held_on"], row["place"], row["screened_by"], row["households"], row["note"],
                [(f["description"], f["prevented"]) for f in row["findings"]])

    before = stored()
    for bad, line in (((s["id"],), "请说明要改什么"), (("不是编号", "--place", "四组"), "没有找到这次排查记录。"),
                      ((s["id"], "--settled", "0" * 32), "没有找到这条排查发现的纠纷。"),
                      ((s["id"], "--date", "5月12日"), "看不懂"), ((s["id"], "--households", "很多"), "不是有效的数字")):
        r = run(data, "screening", "set", *bad)
        assert r.returncode == 1 and len(r.stderr.splitlines()) == 1 and line in r.stderr, (bad, r.stderr)
    assert stored() == before

    r = run(data, "screening", "set", s["id"], "--date", earlier, "--place", "三组、四组", "--by", "李秀英",
            "--households", "", "--note", "雨天补访", "--unsettled", ids["婆媳口角"], "--settled", ids["宅基地滴水"],
            "--drop", ids["误登的一条"], "--found", "山林界址")
    assert r.returncode == 0 and r.stdout.strip() == f"已更正 {earlier} 的排查：发现纠纷 3 件，其中已就地化解 1 件。", r.stderr
    assert stored() == (earlier, "三组、四组", "李秀英", None, "雨天补访",
                        [("宅基地滴水", True), ("婆媳口角", False), ("山林界址", False)])
    r = run(data, "report", "--period", earlier[:4], "--format", "json", "--out", "-", "--filled-by", "周文书")
    values = {f["key"]: f["values"]["total"] for f in json.loads(r.stdout)["figures"]}
    assert (values["scr:held"], values["scr:found"], values["scr:prevented"]) == (1, 3, 1)

    assert run(data, "demo", "--cases", "1").returncode == 0
    case_no = json.loads(run(data, "cases", "--json").stdout)[0]["case_no"]
    assert run(data, "screening", "link", ids["婆媳口角"], case_no).returncode == 0
    r = run(data, "screening", "set", s["id"], "--settled", ids["婆媳口角"])
    assert r.returncode == 1 and "已经登记为案件，不能再标为已就地化解" in r.stderr
    r = run(data, "screening", "set", s["id"], "--drop", ids["婆媳口角"])
    assert r.returncode == 1 and "已经登记为案件" in r.stderr
    assert [d for d, _ in stored()[5]] == ["宅基地滴水", "婆媳口角", "山林界址"]


def test_a_name_typed_with_spaces_is_the_same_mediator_and_the_same_party(tmp_path: Path):
    """「李 秀英」 and 「李　秀英」 are 李秀英: refused as the same serving mediator, counted once; a party typed 「张  三」
    is kept as 张三."""
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    assert run(data, "roster", "add", "李秀英").returncode == 0
    for typed in ("李 秀英", "李\u3000秀英", " 李秀 英 "):
        again = run(data, "roster", "add", typed)
        assert again.returncode == 1 and "名册里已有在任的李秀英" in again.stderr, (typed, again.stderr)
    assert run(data, "roster", "add", "王 建 国").returncode == 0
    assert [m["name"] for m in json.loads(run(data, "roster", "list", "--json").stdout)] == ["李秀英", "王建国"]


def test_a_screening_day_is_taken_as_people_write_it(tmp_path: Path):
    data = tmp_path / "data"
    assert run(data, *INIT, stdin="secret123\n").returncode == 0
    for typed in ("2023.5.10", "2023年6月1日", "2023/7/2", "2023-08-03"):
        r = run(data, "screening", "add", "--date", typed, "--place", "三组")
        assert r.returncode == 0, (typed, r.stderr)
    held = [s["held_on"] for s in json.loads(run(data, "screening", "list", "--json").stdout)]
    assert sorted(held) == ["2023-05-10", "2023-06-01", "2023-07-02", "2023-08-03"]
    for typed in ("5月12日", "2023.13.1", "明天", ""):
        r = run(data, "screening", "add", "--date", typed, "--place", "三组")
        assert r.returncode == 1 and len(r.stderr.splitlines()) == 1 and "请写成 2026-05-12" in r.stderr, typed
