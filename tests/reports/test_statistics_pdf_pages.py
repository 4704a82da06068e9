"""The statistics PDF over several pages: each page repeats the column headers, and its first row says what it
belongs to — its 类别 (「案件来源（续）」) and, for a 「其中」 row, the item it is part of — read back from the PDF."""

from __future__ import annotations

import io

from pypdf import PdfReader

from mediation_desktop.reports import statistics
from mediation_desktop.reports.figures import SECTIONS_ZH
from mediation_desktop.reports.pdf import statistics_pdf
from mediation_desktop.reports.periods import parse_period

HEADER = ["类别", "项目", "单位", "合计"]


def test_every_page_says_what_its_rows_and_columns_are(db):
    report = statistics.compute(db, parse_period("2026"))
    pages = [[line.strip() for line in page.extract_text().splitlines() if line.strip()]
             for page in PdfReader(io.BytesIO(statistics_pdf(report))).pages]
    assert len(pages) >= 2
    sections = set(SECTIONS_ZH.values()) | {"调解成功率"}
    items = {f.label_zh for f in report.figures if not f.indent}
    for lines in pages:
        at = lines.index("类别")
        assert lines[at:at + 4] == HEADER, lines[:10]
        first = lines[at + 4:at + 8]
        label = first[0] + (first[1] if first[1] == "（续）" else "")  # a narrow 类别 column breaks before 「（续）」
        assert label in sections or label.removesuffix("（续）") in sections, first
        rest = first[2:] if first[1] == "（续）" else first[1:]
        if rest[1].startswith("其中："):  # a 「其中」 row first on its page names its item
            assert rest[0].endswith("（续）") and rest[0].removesuffix("（续）") in items, first
        else:
            assert not rest[0].startswith("其中："), first
