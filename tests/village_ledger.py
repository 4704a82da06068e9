"""A ledger written the way an old village ledger is (石桥村2023年矛盾纠纷调解台账), for the import tests.

A title row with the year, the header 序号/受理日期/当事人/纠纷类型/纠纷简要情况/调解结果/协议金额/调解员/备注,
dates in mixed styles (one a date cell, one without a year, one to the month only, one 23.9.9), amounts as
people write them, a blank row and a 合计 row. The same rows make the .xlsx and the .csv here, and the
committed .xls (``tests/fixtures/ledger/make_xls.py``, made with xlwt outside the project's environment).

What the file states, for the assertions: 书面协议 in rows 01 and 07 only (备注), 口头协议 in row 02; no row
says its source or performance.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

TITLE = "石桥村2023年矛盾纠纷调解台账"
HEADER = ["序号", "受理日期", "当事人", "纠纷类型", "纠纷简要情况", "调解结果", "协议金额", "调解员", "备注"]
ROWS: list[list[Any]] = [
    ["2023-01", "2023.1.5", "刘德胜与刘德旺", "宅基地", "宅基地界址争议", "调解成功", "3500", "李桂芳", "书面协议"],
    ["2023-02", "1月12日", "张桂兰、张建国", "赡养", "兄妹二人商定母亲赡养费", "调解成功", "3,500元", "李桂芳",
     "口头协议"],
    ["2023-03", "23.2.9", "王秀英诉赵大海", "邻里", "房檐排水", "调解成功", "叁仟伍佰元", "周明", ""],
    ["2023-04", dt.date(2023, 3, 15), "陈玉兰与孙富贵", "噪音", "夜间打麻将扰民", "调解成功", "1.2万", "周明", ""],
    [],
    ["2023-05", "2023年7月", "钱多多与李四海", "合同", "货款", "调解不成", "", "李桂芳", ""],
    ["2023-06", "4月18日", "何小军与何小兵", "婚姻家庭", "离婚财产", "不属于调解范围", "", "周明", "已告知向法院起诉"],
    ["2023-07", "2023-09-09", "吴大伟和郑小红", "损害赔偿", "狗咬伤", "调解成功", "800元", "周明", "签订书面协议"],
    ["合计", "", "", "", "", "", "23,300", "", ""],
]
#: what the import must store, per 序号
AMOUNTS = {"2023-01": "3500.00", "2023-02": "3500.00", "2023-03": "3500.00", "2023-04": "12000.00",
           "2023-05": None, "2023-06": None, "2023-07": "800.00"}
WRITTEN, ORAL = 2, 1  # agreements the file states as written / oral
SETTLED = 5


def grid() -> list[list[Any]]:
    """The sheet as rows of cells (title, header, data)."""
    width = len(HEADER)
    return [[TITLE] + [None] * (width - 1), HEADER] + [r + [None] * (width - len(r)) if r else [None] * width
                                                       for r in ROWS]


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in grid():
        ws.append(row)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.cell(6, 2).number_format = "yyyy-mm-dd"  # the date cell of row 2023-04
    wb.save(path)
    return path


def write_csv(path: Path) -> Path:
    """As Excel in China saves a CSV: GB18030, the date cell written as text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in grid():
        writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row])
    path.write_bytes(out.getvalue().encode("gb18030"))
    return path


XLS = Path(__file__).parent / "fixtures" / "ledger" / "village_ledger_2023.xls"


#: a 2024 ledger as Excel 97-2003 keeps it: the title merged over A1:I1, 纠纷简要情况 written over two columns
#: (its header and each row's cell merged over F:G), one mediator's cell merged down over rows 3–4
MERGED_TITLE = "石桥村人民调解案件登记台账（2024年）"
MERGED_HEADER = ["序号", "受理日期", "申请人", "被申请人", "纠纷类型", "纠纷简要情况", None, "调解结果", "调解员"]
MERGED_ROWS: list[list[Any]] = [
    [1, "2024.3.4", "柏一", "水二", "邻里", "排水沟堵塞", None, "调解成功", "李桂芳"],
    [2, "2024.4.5", "柏三", "水四", "宅基地", "院墙越界", None, "调解成功", None],
    [3, "2024.5.6", "柏五", "水六", "赡养", "赡养费", None, "调解成功", "周明"],
]
#: (first row, last row, first column, last column), from 0, inclusive (as xlwt's write_merge takes them)
MERGES = [(0, 0, 0, 8), (1, 1, 5, 6), (2, 2, 5, 6), (3, 3, 5, 6), (4, 4, 5, 6), (2, 3, 8, 8)]
MERGED_XLS = Path(__file__).parent / "fixtures" / "ledger" / "merged_title_2024.xls"


def merged_grid() -> list[list[Any]]:
    return [[MERGED_TITLE] + [None] * 8, MERGED_HEADER, *MERGED_ROWS]


def write_merged_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in merged_grid():
        ws.append(row)
    for r0, r1, c0, c1 in MERGES:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)
    return path
