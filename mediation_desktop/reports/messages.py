"""Messages of the reports and the ledger import, registered into the shared catalogue.

Kept beside the code that raises them; gathered into ``i18n.MESSAGES`` by :mod:`mediation_desktop.i18n`.
"""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "report.period": (
        "统计期间“{value}”看不懂。可以写：2026（全年）、2026-H1（上半年）、2026-Q3（第三季度）、2026-09（月份）"
        "或 2026-01-01..2026-03-31（自定义起止日期）。",
        "The period '{value}' is not understood. Write 2026 (year), 2026-H1 (half-year), 2026-Q3 (quarter), "
        "2026-09 (month) or 2026-01-01..2026-03-31 (custom range).",
    ),
    "report.period_order": (
        "统计期间的开始日期 {start} 晚于结束日期 {end}。", "The period starts on {start}, after its end {end}."
    ),
    "report.basis": (
        "统计口径只能是 accepted（按受理日期）或 closed（按结案日期），现在是“{value}”。",
        "Count by 'accepted' (acceptance date) or 'closed' (closing date); got '{value}'.",
    ),
    "report.format": (
        "输出格式只能是 pdf、xlsx 或 json，现在是“{value}”。", "The format must be pdf, xlsx or json; got '{value}'."
    ),
    "report.figure": ("没有“{value}”这一项统计数字。", "There is no figure called '{value}'."),
    "report.done": ("已生成 {path}。", "Wrote {path}."),
    "ledger.export_done": ("已导出台账 {path}，共 {count} 件案件。", "Wrote the ledger {path}: {count} cases."),
    "ledger.out_kind": (
        "台账只能导出为 .xlsx、.csv 或 .pdf 文件，“{path}”不是。",
        "The ledger can be written as .xlsx, .csv or .pdf only; '{path}' is none of these."
    ),
    "ledger.file_kind": (
        "只能导入 Excel（.xlsx 或 .xls）或 CSV 台账文件，“{path}”不是（WPS 或 Excel 可以“另存为”.xlsx）。",
        "Only Excel (.xlsx or .xls) or CSV ledgers can be imported; '{path}' is none of these (WPS or Excel can "
        "'Save as' .xlsx).",
    ),
    "ledger.not_found": ("找不到台账文件“{path}”。", "There is no ledger file '{path}'."),
    "ledger.bad_byte": (
        "无法读取台账文件“{path}”：第 {line} 行有一个既不是 UTF-8 也不是 GB18030 的字节（文件可能已损坏），"
        "请在 Excel 中打开后另存为 CSV 再导入。",
        "The ledger file '{path}' cannot be read: line {line} holds a byte that is neither UTF-8 nor GB18030 "
        "(the file may be damaged); open it in Excel, save it as CSV again and import that.",
    ),
    "ledger.cell_too_big": (
        "台账文件“{path}”第 {line} 行有一格超过 {max} 个字，不像台账的内容，没有导入任何案件。"
        "请在 Excel 中核对这一行。",
        "The ledger file '{path}' has a cell of more than {max} characters on line {line}; that is no ledger "
        "entry, and no case was imported. Check that line in Excel.",
    ),
    "ledger.too_big": (
        "台账文件“{path}”太大或结构异常（{detail}），为安全起见没有读取。请在 Excel 中另存为新的文件再导入。",
        "The ledger file '{path}' is too large or oddly built ({detail}); for safety it was not read. "
        "Save it as a new file in Excel and import that.",
    ),
    "ledger.too_many_cells": (
        "台账文件“{path}”超过了导入上限（最多 {rows} 行、{cells} 个单元格），为安全起见没有读取，未导入任何内容。",
        "The ledger file '{path}' is over the import limit (at most {rows} rows and {cells} cells); for safety "
        "it was not read and nothing was imported.",
    ),
    "ledger.unreadable": (
        "无法读取台账文件“{path}”：文件已损坏或不是表格文件。",
        "The ledger file '{path}' cannot be read: it is damaged or not a spreadsheet.",
    ),
    "ledger.no_header": (
        "在台账文件“{path}”的前 {rows} 行里没有找到表头（如“受理日期”“申请人”“纠纷类型”）。"
        "请在导入时指定每一列的含义。",
        "No header row (such as 受理日期, 申请人, 纠纷类型) was found in the first {rows} rows of '{path}'. "
        "Say what each column means when importing.",
    ),
    "ledger.missing_column": (
        "台账缺少必需的列：{columns}。请在导入时指定哪一列是这些内容。",
        "The ledger lacks required columns: {columns}. Say which column holds them when importing.",
    ),
    "ledger.no_header_cli": (
        "在台账文件“{path}”的前 {rows} 行里没有找到表头（如“受理日期”“申请人”“纠纷类型”）。命令行按表头认列："
        "请在表格的数据上方加一行表头，或在程序的“导入台账”窗口中指定每一列的含义。",
        "No header row (such as 受理日期, 申请人, 纠纷类型) was found in the first {rows} rows of '{path}'. "
        "The command reads columns by their header: add a header row above the data, or say what each column "
        "means in the program's 'Import a ledger' window.",
    ),
    "ledger.missing_column_cli": (
        "台账缺少必需的列：{columns}。命令行按表头认列：请把这些列的表头写成这样的名称，或在程序的“导入台账”窗口中"
        "指定哪一列是这些内容。",
        "The ledger lacks required columns: {columns}. The command reads columns by their header: give those "
        "columns such headers, or say which column holds them in the program's 'Import a ledger' window.",
    ),
    "ledger.nothing_to_import": (
        "没有可以导入的案件（有错误的行和已经导入过的行都不会导入）。",
        "There is nothing to import (rows with errors and rows already imported are skipped).",
    ),
    "ledger.import_done": (
        "已导入 {added} 件案件；{duplicates} 行已经导入过或在文件中重复，跳过；{errors} 行有错误，没有导入。",
        "Imported {added} cases; {duplicates} rows were already there or repeat a row of the file and were "
        "skipped; {errors} rows have errors and were not imported.",
    ),
    "ledger.dry_run": (
        "试导入（没有写入任何数据）：可导入 {added} 件；{duplicates} 行已经导入过或在文件中重复；{errors} 行有错误。",
        "Dry run (nothing written): {added} cases can be imported; {duplicates} rows already there or repeated "
        "in the file; {errors} rows have errors.",
    ),
    "ledger.row_error": ("第 {row} 行：{message}", "Row {row}: {message}"),
    "ledger.row.date": (
        "“{column}”的“{value}”不是有效日期（可以写 2026-03-05、2026年3月5日 或 2026/3/5）。",
        "'{value}' in {column} is not a date (write 2026-03-05, 2026年3月5日 or 2026/3/5).",
    ),
    "ledger.row.required": ("“{column}”不能为空。", "{column} may not be empty."),
    "ledger.row.category": (
        "纠纷类型“{value}”不在类型表中（如 婚姻家庭、邻里、劳动争议）。",
        "The dispute category '{value}' is not in the list (e.g. 婚姻家庭, 邻里, 劳动争议).",
    ),
    "ledger.row.source": (
        "案件来源“{value}”看不懂（可以写 当事人申请、主动调解、法院委托移送 等）。",
        "The case source '{value}' is not understood (e.g. 当事人申请, 主动调解, 法院委托移送).",
    ),
    "ledger.row.amount": (
        "“{column}”的“{value}”不是金额（可以写 3500、3,500元、1.2万 或 叁仟伍佰元）。",
        "'{value}' in {column} is not an amount (write 3500, 3,500元, 1.2万 or 叁仟伍佰元).",
    ),
    "ledger.row.amount_approx": (
        "“{column}”的“{value}”是约数（约、多、余、左右……）：台账记的是确切金额，约数不能当作金额导入。"
        "请写确切的数（如 5000），约数可以写在备注里。",
        "'{value}' in {column} is an estimate (约, 多, 余, 左右 …): the ledger stores exact amounts, and an estimate "
        "is not imported as one. Write the exact sum (e.g. 5000); the estimate can go in the note.",
    ),
    "ledger.note.month": (
        "“{column}”只写到月（“{value}”）：记为 {day}，并标明“只记到月”。",
        "{column} gives the month only ('{value}'): stored as {day}, marked 'month only'.",
    ),
    "ledger.note.year": (
        "“{column}”没有写年（“{value}”）：按标题的年份记为 {day}。",
        "{column} has no year ('{value}'): stored as {day}, with the year of the title.",
    ),
    "ledger.note.category": (
        "纠纷类型“{value}”不在类型表中：计入“其他”，原词保留；可以指定它对应的类型（如 {value}=neighbour）。",
        "The category '{value}' is not in the list: counted as 其他 (other), the word kept; you may map it to a "
        "category (e.g. {value}=neighbour).",
    ),
    "ledger.note.one_side": (
        "当事人“{value}”没有用 与/诉 分开双方：{count} 人都记为申请人。",
        "The parties '{value}' are not split into two sides by 与/诉: all {count} are stored as applicants.",
    ),
    "ledger.note.skipped": ("第 {row} 行“{value}”不是案件（合计、制表人等），跳过。",
                            "Row {row} '{value}' is not a case (a total, the compiler's name …): skipped."),
    "ledger.category_map": (
        "纠纷类型的对应“{value}”应写成 原词=类型代码（如 噪音=neighbour），类型代码见类型表。",
        "The category mapping '{value}' must read WORD=CODE (e.g. 噪音=neighbour), with a code of the list.",
    ),
    "ledger.row.number": ("“{column}”的“{value}”不是有效的整数。", "'{value}' in {column} is not a whole number."),
    "ledger.row.outcome": (
        "调解结果“{value}”看不懂（可以写 调解成功、调解不成、中止、调解中、不予调解、已移交）。",
        "The outcome '{value}' is not understood (e.g. 调解成功, 调解不成, 中止, 调解中, 不予调解, 已移交).",
    ),
    "ledger.row.outcome_withdrawn": (
        "调解结果“{value}”是当事人撤回申请：程序没有“撤回”这一结果。已受理、当事人不再要求调解的，请写“终止调解”"
        "（计入调解不成）；还没有受理就撤回的，请写“不予调解”；撤回的经过可以写在备注里。",
        "The outcome '{value}' is a withdrawn application, which the program has no outcome for. If the case was "
        "accepted and the parties no longer want mediation, write 终止调解 (counted as not settled); if it was "
        "withdrawn before acceptance, write 不予调解; the withdrawal itself can go in the note.",
    ),
    "ledger.row.form": ("协议形式“{value}”只能是 书面 或 口头。", "The agreement form '{value}' must be 书面 or 口头."),
    "ledger.row.performance": (
        "履行情况“{value}”看不懂（可以写 已履行、部分履行、未履行、尚未履行）。",
        "The performance '{value}' is not understood (已履行, 部分履行, 未履行, 尚未履行).",
    ),
    "ledger.row.yes_no": ("“{column}”的“{value}”应写 是 或 否。", "'{value}' in {column} should be 是 or 否."),
    "ledger.row.closed_before": (
        "结案日期 {closed} 早于受理日期 {accepted}。",
        "The closing date {closed} is before the acceptance date {accepted}."
    ),
    "ledger.row.future": (
        "“{column}”的 {value} 晚于今天（{today}），请核对。",
        "{column} {value} is after today ({today}); please check it.",
    ),
    "ledger.note.open_closed": (
        "案件是“{status}”（未结），“{column}”的 {value} 没有导入：未结的案件不算已结。",
        "The case is '{status}' (still open): {column} {value} is not imported, so it is not counted as closed.",
    ),
    "ledger.note.merged": (
        "第 {rows} 行与第 {row} 行的“{column}”是同一个合并单元格，作为同一件案件导入（当事人合在一起），请核对。",
        "Row(s) {rows} share the merged cell of {column} with row {row}: imported as one case with them (their "
        "parties together); please check.",
    ),
    "ledger.note.foreign_no": (
        "案件编号“{value}”不是本委员会（{short}）的编号：记为原编号，导入时按本委员会的编号另编。",
        "The case number '{value}' is not one of this committee's ({short}): kept as the original number; the "
        "case gets a number in this committee's own series.",
    ),
    "ledger.row.formula": (
        "{columns}是公式，表格里没有保存计算结果；请在 Excel/WPS 中打开并保存一次，或改为文字。",
        "{columns}: a formula whose result the file does not hold; open and save the file once in Excel/WPS, or "
        "type the value.",
    ),
    "ledger.row.duplicate_in_file": (
        "与{where}第 {other} 行完全相同，没有导入。", "The same row as {where}row {other}, cell for cell; not imported."
    ),
    "ledger.row.same_case_in_file": (
        "与{where}第 {other} 行相同（同一件案件，只有{cells}不同），没有导入。",
        "The same as {where}row {other} (the same case; only {cells} differ); not imported.",
    ),
    "ledger.row.refused": ("{message}，这一行没有导入。", "{message}; the row is not imported."),
    "ledger.note.performance_unstated": (
        "“{column}”（“{value}”）没有写履行情况：案件记为“达成协议（履行中）”，履行情况记为“未记录”。",
        "{column} ('{value}') does not say whether the agreement was performed: the case is stored as agreed "
        "(being performed), its performance as not recorded.",
    ),
    "ledger.note.performance_both": (
        "“{column}”写的是“{value}”，“{other}”写的是“{other_value}”：按“{column}”记，请核对。",
        "{column} says '{value}' and {other} says '{other_value}': stored as {column} says; please check.",
    ),
    "ledger.note.result_words": (
        "“{column}”“{value}”中的{words}没有读懂：这一格原文记入备注，请核对。",
        "In {column} '{value}', {words} is not understood: the cell is kept in the note as written; please check.",
    ),
    "ledger.row.number_in_file": (
        "案件编号 {case_no} 已用在第 {other} 行，两行内容不同；请核对后改正其中一行的编号。",
        "Case number {case_no} is already on row {other}, whose cells differ; correct the number on one of the rows.",
    ),
    "ledger.row.exists": ("案件 {case_no} 已经在本机，不再导入。",
                          "Case {case_no} is already here; not imported again."),
    "ledger.row.exists_differs": (
        "案件 {case_no} 已经在本机，不再导入，本机的案件没有改动；但台账与本机记的不同：{differ}。"
        "如台账是改正过的，请在本机打开案件 {case_no} 手工改正。",
        "Case {case_no} is already here and is not imported again; nothing here was changed. But the ledger says "
        "otherwise: {differ}. If the ledger is the corrected one, open case {case_no} here and correct it by hand.",
    ),
    "ledger.row.differs_item": ("“{column}”本机：{here} / 台账：{ledger}",
                                "{column} here: {here} / in the ledger: {ledger}"),
    "ledger.outcome.out:success": ("调解成功", "Settled"),
    "ledger.outcome.out:failed": ("调解不成", "Not settled"),
    "ledger.outcome.out:suspended": ("中止", "Suspended"),
    "ledger.outcome.out:open": ("调解中", "Being mediated"),
    "ledger.outcome.out:declined": ("不予调解", "Declined"),
    "ledger.outcome.out:referred": ("已移交", "Referred up"),
    "ledger.row.party": ("当事人“{name}”：{message}", "Party '{name}': {message}"),
    "ledger.row.phone_name": (
        "“{column}”里的“{value}”是电话号码，不是当事人的姓名；请在这一格写当事人姓名，电话号码写到备注里。",
        "'{value}' in {column} is a telephone number, not a party's name; write the party's name in that cell and "
        "the number in the note.",
    ),
    "ledger.mapping": (
        "列的对应关系不正确：第 {column} 列被指定了两次。",
        "The column mapping is wrong: column {column} is used twice."
    ),
    "ledger.row.amount_unit": (
        "“{column}”的单位不是元或万元，金额“{value}”读不了。",
        "The unit of {column} is not yuan (元 or 万元): the amount '{value}' cannot be read.",
    ),
    "ledger.unmapped": (
        "{sheet}列{columns}没有对应的项目，未导入。",
        "{sheet}Column(s) {columns} match no field and are not imported.",
    ),
    "ledger.scaled": (
        "{sheet}列“{column}”按{unit}读：只写数字的金额乘以 {scale} 记为元。",
        "{sheet}Column '{column}' is in {unit}: an amount written as a bare number is multiplied by {scale} "
        "and stored in yuan.",
    ),
    "ledger.sheets": (
        "读了工作表：{read}；没有读：{unread}。",
        "Sheets read: {read}; not read: {unread}.",
    ),
    "ledger.other_committee": (
        "台账标题“{title}”写的是{unit}，不是本单位（{here}）的台账，没有导入：{unit}的台账请在{unit}的电脑上导入，"
        "案件随{unit}的数据包报上来；在这里导入会把这些案件记成本单位自己的案件。如果这确实是本单位自己的台账，"
        "请勾选“这是本单位自己的台账”（命令行加 --own-ledger）。",
        "The ledger's title '{title}' names {unit}, not this unit ({here}); nothing was imported. Import {unit}'s "
        "ledger on {unit}'s computer: its cases come up in {unit}'s bundles; imported here they would be booked as "
        "this unit's own cases. If it really is this unit's own ledger, tick 'This is our own ledger' (on the "
        "command line: --own-ledger).",
    ),
    "ledger.sheet_hidden": ("“{name}”（隐藏的表）", "'{name}' (hidden)"),
    "ledger.sheet_no_header": ("“{name}”（没有台账表头）", "'{name}' (no ledger header)"),
    "ledger.sheet_prefix": ("工作表“{name}”：", "Sheet '{name}': "),
    "ledger.sheet_named": ("工作表“{name}”", "sheet '{name}' "),
}

