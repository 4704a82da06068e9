"""Messages for the headless parts (CLI, services' errors) in Chinese first, English second.

The Qt interface uses Qt Linguist; this catalogue is for text produced outside Qt. Every message has
both languages and only named ``{placeholders}`` (a test checks both).
"""

from __future__ import annotations

import os
from typing import Any

from mediation_desktop.cli_messages import CLI_MESSAGES
from mediation_desktop.domain.messages import DOMAIN_MESSAGES
from mediation_desktop.domain.text import Label, quoted_params
from mediation_desktop.reports.messages import REPORT_MESSAGES
from mediation_desktop.services.agreement_messages import AGREEMENT_MESSAGES
from mediation_desktop.services.attachment_messages import ATTACHMENT_MESSAGES
from mediation_desktop.services.screening_messages import SCREENING_MESSAGES
from mediation_desktop.storage.backup_messages import BACKUP_MESSAGES
from mediation_desktop.sync.messages import SYNC_MESSAGES

ZH = "zh"
EN = "en"

MESSAGES: dict[str, tuple[str, str]] = {
    # set-up and data folder
    "setup.not_initialised": (
        "数据目录 {data_dir} 还没有初始化。请先运行 mediation-desktop init（或在程序中完成首次设置）。",
        "The data folder {data_dir} is not set up yet. Run 'mediation-desktop init' first "
        "(or finish the first-run set-up in the program).",
    ),
    "setup.already_initialised": (
        "数据目录 {data_dir} 已经初始化过，不能再次初始化。",
        "The data folder {data_dir} is already set up; it cannot be set up twice.",
    ),
    "setup.org_code": (
        "机构代码应为 6 到 12 位数字（行政区划代码），现在是“{value}”。",
        "The organisation code must be 6 to 12 digits (an administrative division code); got '{value}'.",
    ),
    "setup.org_name": ("请填写调解委员会名称。", "Please enter the committee's name."),
    "setup.org_name_long": ("调解委员会名称最多 {max} 个字，现在是 {count} 个字。",
                            "The committee's name has at most {max} characters; this one has {count}."),
    "setup.short_name_long": ("简称“{value}”太长：它写在每个案件编号里，最多 {max} 个字。请缩短名称，"
                              "或在命令行用 --short-name 给出简称。",
                              "The short name '{value}' is too long: it is written into every case number, at "
                              "most {max} characters. Shorten the name, or give a short name with --short-name."),
    "setup.level": (
        "级别只能是 village（村）、township（乡镇）或 county（县），现在是“{value}”。",
        "The level must be village, township or county; got '{value}'.",
    ),
    "setup.parent_code": (
        "上级机构代码应为 6 到 12 位数字，现在是“{value}”。",
        "The parent organisation code must be 6 to 12 digits; got '{value}'.",
    ),
    "setup.code_not_below_parent": (
        "村（居）调委会的机构代码应以所属乡镇（街道）的代码开头：上级是“{parent}”，本单位的代码却是“{value}”。"
        "请核对两个代码。",
        "A village committee's code begins with its township's: the superior is '{parent}', but this unit's code "
        "is '{value}'. Check both codes.",
    ),
    "setup.password_stdin_empty": (
        "没有从标准输入读到密码。", "No password was read from standard input."
    ),
    # text that enters (domain.text): a field holding an invisible character, or a line break where one line goes
    "text.invisible": (
        "{label}含有不可见的控制字符（{char}），可能是从别处复制来的，请删去后再保存。",
        "{label} contains an invisible control character ({char}), perhaps copied from elsewhere; "
        "please delete it and save again.",
    ),
    "text.not_a_character": (
        "{label}含有不是文字的代码{glyph}（{char}：未分配的代码或私人使用区），文书上印不出来，可能是从别处复制来的，"
        "请删去后再保存。",
        "{label} contains a code point that is no character{glyph} ({char}: unassigned or private use); it cannot "
        "be printed in a document. Perhaps it was copied from elsewhere; please delete it and save again.",
    ),
    "text.unprintable": (
        "{label}中的{glyph}无法印在文书上（文书的字体里没有这个字符），请删去或改用文字。",
        "{label}: the character {glyph} cannot be printed in a document (the documents' fonts do not have it); "
        "please delete it or write it in words.",
    ),
    # a rare Chinese character (生僻字) in a person's name: registered as local practice does
    "text.unprintable_name": (
        "{label}中的{glyph}是文书字体里没有的生僻字，印不出来。请按生僻字的通常做法登记：姓名里写这个字的通行写法"
        "或同音字，在备注中用拼音或拆字注明原字（如“左王右君”），打印的文书上再手写原字。",
        "{label}: {glyph} is a rare character the documents' fonts do not have, so it cannot be printed. Register "
        "the name as is usual for rare characters: write the character's common form or a character of the same "
        "sound in the name, note the original in the remarks by its pinyin or its parts (e.g. 'left 王, right 君'), "
        "and write it by hand on the printed papers.",
    ),
    "text.line_break": (
        "{label}只能写一行，不能含有换行或制表符（{char}）。",
        "{label} must be one line, without a line break or tab ({char}).",
    ),
    # limits on dates and numbers (domain.limits)
    "limit.date": (
        "{label}“{value}”不在 1900 年到 2100 年之间，请核对。",
        "{label} '{value}' is not between 1900 and 2100; please check it.",
    ),
    "limit.number": (
        "{label}“{value}”超出了允许的范围（{low} 到 {high}）。",
        "{label} '{value}' is outside the allowed range ({low} to {high}).",
    ),
    # accounts
    "account.username": (
        "用户名只能用 2 到 32 个字母、数字、下划线或汉字，现在是“{value}”。",
        "A user name is 2 to 32 letters, digits, underscores or Chinese characters; got '{value}'.",
    ),
    "account.username_taken": ("用户名“{value}”已经有人用了。", "The user name '{value}' is taken."),
    "account.password_short": (
        "密码至少需要 {min} 个字符。", "The password needs at least {min} characters."
    ),
    "account.role": ("没有“{value}”这种角色。", "There is no role '{value}'."),
    "account.bad_login": ("用户名或密码不对。", "Wrong user name or password."),
    "account.locked": (
        "连续输错密码次数太多，账户已暂时锁定，请 {minutes} 分钟后再试。",
        "Too many wrong passwords; the account is locked for {minutes} minutes.",
    ),
    "account.forbidden": (
        "当前用户没有权限执行“{action}”。", "The current user may not do '{action}'."
    ),
    "account.passwords_differ": ("两次输入的密码不一样。", "The two passwords differ."),
    "account.no_user": ("没有用户名为“{value}”的账户。", "There is no account '{value}'."),
    "account.not_self": ("不能停用自己正在使用的账户。", "You cannot deactivate the account you are signed in with."),
    "account.bad_recovery_code": (
        "恢复码不对，或这个账户不是调委会主任账户。没有做任何修改。",
        "The recovery code is wrong, or the account is not a director's. Nothing was changed.",
    ),
    "account.read_only_role": (
        "乡镇司法所工作人员账户只能查看案件，不能修改。",
        "A township clerk's account can view cases but not change them.",
    ),
    # database
    "db.from_future": (
        "这个数据库是由更新版本的调解工作台创建的（版本 {revision}），当前程序不能打开它。请安装最新版本。",
        "This database was made by a newer version of Mediation Desktop (revision {revision}); "
        "this program cannot open it. Please install the newest version.",
    ),
    "db.removable_media": (
        "数据不能放在U盘等可移动磁盘上（{path}）。请把数据目录放在电脑本机硬盘上，U盘只用于传送文件。",
        "The live database may not be kept on removable media ({path}). Keep the data folder on the "
        "computer's own disk; use the USB stick only to carry files.",
    ),
    "db.foreign_folder": (
        "“{path}”不是调解工作台的数据目录：里面已有别的文件（{entries}），却没有本程序的数据库。请指定一个新的或空的"
        "目录作为数据目录；什么都没有改动。",
        "'{path}' is not a Mediation Desktop data folder: it holds other files ({entries}) and no database of this "
        "program. Choose a new or empty folder as the data folder; nothing was changed.",
    ),
    "db.migration_failed": (
        "数据库升级没有成功，数据没有改动。升级前的备份在：{backup}",
        "The database upgrade failed and nothing was changed. The backup made before it is at: {backup}",
    ),
    "db.unreachable": (
        "无法打开数据库：{detail}", "The database cannot be opened: {detail}"
    ),
    "db.no_fulltext": (
        "本机的 SQLite（{version}）没有全文检索模块 FTS5，案件搜索无法使用。请安装完整版的调解工作台。",
        "This computer's SQLite ({version}) has no FTS5 full-text module, so case search cannot work. "
        "Please install the complete Mediation Desktop package.",
    ),
    "db.busy": (
        "数据库正被另一个程序占用，请稍后再试。", "The database is busy in another program; try again later."
    ),
    # cases
    "case.not_found": ("找不到案件“{value}”。", "No case '{value}'."),
    "case.no_parties": ("至少要登记一名当事人。", "At least one party must be registered."),
    "case.party_name": ("当事人姓名不能为空。", "A party's name may not be empty."),
    "case.category": ("纠纷类型“{value}”不在类型表中。", "The dispute category '{value}' is unknown."),
    "case.source": ("案件来源“{value}”不正确。", "The case source '{value}' is unknown."),
    "case.amount": ("涉及金额“{value}”不是有效的数字。", "The amount involved '{value}' is not a number."),
    "case.sides": (
        "纠纷是双方之间的：请至少登记一名申请人和一名被申请人（在“身份”一栏选择）。",
        "A dispute is between two sides: register at least one applicant and one respondent (choose in the "
        "'Role' column).",
    ),
    "case.category_missing": ("请选择纠纷类型。", "Please choose the type of dispute."),
    "case.future_date": (
        "登记日期 {day} 还没有到（今天是 {today}），请改为今天或以前的日期。",
        "The registration date {day} is in the future (today is {today}); choose today or an earlier date.",
    ),
    "case.registered_after_records": ("登记日期 {day} 晚于这个案件已有的记录（最早的是 {first}），请核对。",
                                      "The registration date {day} is after what the case already records (the "
                                      "earliest on {first}); please check it."),
    "party.minor": ("当事人中有未满十八周岁的未成年人，还没有填写其法定代理人：请填写法定代理人（监护人）的姓名和与"
                    "当事人的关系；法定代理人一同参加调解，并在协议上签名。",
                    "A party is under eighteen and has no legal representative yet: enter their guardian's name and "
                    "relation to the party; the guardian takes part in the mediation and signs the agreement."),
    "notice.line": ("提示：{message}", "Note: {message}"),  # a warning after something was saved (it was saved)
    "party.guardian_name": ("填了法定代理人与当事人的关系（{relation}），没有填法定代理人姓名：请填写法定代理人姓名。",
                            "The legal representative's relation to the party ({relation}) is given but not their "
                            "name: please enter the legal representative's name."),
    "party.guardian_contact": ("填了法定代理人的身份证号码、电话或住址，没有填法定代理人姓名：请填写法定代理人姓名。",
                               "The legal representative's ID number, phone or address is given but not their name: "
                               "please enter the legal representative's name."),
    "party.guardian_id": ("法定代理人的身份证号码：{detail}", "The legal representative's ID number: {detail}"),
    "party.guardian_phone": ("法定代理人的电话：{detail}", "The legal representative's phone: {detail}"),
    "party.too_long": ("{label}太长：最多 {max} 个字，现在是 {count} 个字。",
                       "{label} is too long: at most {max} characters; this has {count}."),
    "party.sex": ("性别只能填“男”或“女”，现在是“{value}”。", "Sex must be male or female; got '{value}'."),
    "party.age": ("年龄“{value}”不对，应在 0 到 {max} 岁之间。",
                  "The age '{value}' is not right: it must be 0 to {max}."),
    "case.action_not_allowed": (
        "案件现在是“{status}”，这时不能“{action}”。", "The case is '{status}'; '{action}' is not possible now."
    ),
    "case.read_only": (
        "这个案件属于 {owner}，本机只能查看，不能修改。",
        "This case belongs to {owner}; it can be viewed here but not changed.",
    ),
    "case.not_public": (
        "这是不公开调解的案件，只有承办调解员和调委会主任可以查看。",
        "This case is mediated non-publicly: only its mediator and the committee director may see it.",
    ),
    "retention.period": (
        "保管期限应为 {choices} 或“N年”（1 到 100 年），现在是“{value}”。",
        "The retention period must be one of {choices} or 'N年' (1 to 100 years); got '{value}'.",
    ),
    "retention.period_not_closed": (
        "案件 {case_no} 还没有结案，不能定保管期限。",
        "Case {case_no} is not closed; it has no retention period yet.",
    ),
    "retention.not_closed": (
        "案件 {case_no} 还没有结案，不能清除。",
        "Case {case_no} is not closed; it cannot be purged.",
    ),
    "case.reason_required": (
        "修改已签署或已结案的记录时，必须写明原因。",
        "A reason is required to change a signed or closed record.",
    ),
    "record.in_future": ("{label} {date} 还没有到（今天是 {today}）：只能记录已经发生的事，请核对。",
                         "{label} {date} is in the future (today is {today}): only what has happened can be "
                         "recorded; please check it."),
    "record.before_case": ("{label} {date} 早于案件的登记日期 {registered}，请核对。",
                           "{label} {date} is before the case was registered ({registered}); please check it."),
    "record.case_archived": ("这个案件已经归档，卷宗已装订，不能再添加记录；确需补充的，请由调委会主任先“重新开启”"
                             "案件。没有作任何改动。",
                             "This case is archived and its file is bound: no record can be added. To add one, a "
                             "director reopens the case first. Nothing was changed."),
    "record.visit_before_signed": ("回访日期 {date} 早于协议的签署日期 {signed}：回访在协议签署之后，请核对。",
                                   "The follow-up's date {date} is before the agreement was signed ({signed}): a "
                                   "follow-up comes after the signing; please check it."),
    # a file the user names (storage.input_file: one to read; storage.atomic: one to write)
    "file.not_found": ("找不到文件“{path}”。", "The file '{path}' does not exist."),
    "file.is_folder": ("“{path}”是一个文件夹，不是文件。请选择文件夹里的文件。没有作任何改动。",
                       "'{path}' is a folder, not a file. Choose a file in it. Nothing was changed."),
    "file.not_regular": ("“{path}”不是普通文件（可能是设备或管道），不能读取。没有作任何改动。",
                         "'{path}' is not an ordinary file (perhaps a device or a pipe), so it cannot be read. "
                         "Nothing was changed."),
    "file.not_regular_out": ("不能写到“{path}”：那里已有的不是普通文件（可能是设备或管道）。请换一个文件名。"
                             "没有作任何改动。",
                             "Cannot write to '{path}': what is there is not an ordinary file (perhaps a device or "
                             "a pipe). Choose another file name. Nothing was changed."),
    "file.too_big": ("文件“{path}”太大（{detail}），为安全起见没有读取。没有作任何改动。",
                     "The file '{path}' is too large ({detail}); for safety it was not read. Nothing was changed."),
    # attachments
    "attachment.unreadable": ("无法读取文件：{path}", "The file cannot be read: {path}"),
    "referral.incomplete": ("移交须写明接收单位名称和移交原因。",
                            "A referral needs the receiving body's name and the reason."),
    "document.wording_broken": ("文书用语文件“{path}”有错误，不能使用：{detail}",
                                "The document wording file '{path}' is broken: {detail}"),
    "print.no_queue": ("找不到打印机“{queue}”，请检查打印机名称或在系统中添加它。",
                       "No printer called '{queue}': check its name or add it to the system."),
    "print.queue_refused": ("打印机“{queue}”没有接受打印任务：{detail}",
                            "The printer '{queue}' did not take the print job: {detail}"),
    "print.failed": ("无法开始打印，请检查打印机是否连接并已开机。",
                     "Printing could not start; check that the printer is connected and on."),
    "party_file.bad_byte": ("无法读取名单文件“{path}”：第 {line} 行有一个既不是 UTF-8 也不是 GB18030 的字节"
                            "（文件可能已损坏），请在 Excel 中打开后另存为 CSV 再导入。",
                            "The list '{path}' cannot be read: line {line} holds a byte that is neither UTF-8 nor "
                            "GB18030 (the file may be damaged); open it in Excel, save it as CSV again and import "
                            "that."),
    # {reason}: why the cell is refused, as a form says it (text.invisible, text.unprintable_name …)
    "party_file.unsafe_text": ("名单文件“{path}”第 {row} 行：{reason}没有导入任何人。",
                               "The list '{path}', row {row}: {reason} No one was imported."),
    "party_file.digits_lost": ("名单文件“{path}”第 {row} 行：{label}是一个在表格里存成了数字的长号码（{shown}），"
                               "超过 15 位的部分已经丢失（身份证号码常这样）。请在表格中把这一列设成“文本”，"
                               "重新输入号码后再导入。没有导入任何人。",
                               "The list '{path}', row {row}: {label} is a long number stored as a number in the "
                               "spreadsheet ({shown}); its digits after the 15th are lost (ID numbers often are). "
                               "Set that column to Text in the spreadsheet, type the numbers again and import "
                               "again. No one was imported."),
    "party_file.cell_too_big": ("名单文件“{path}”第 {line} 行有一格超过 {max} 个字，不像名单的内容，未添加任何人。",
                                "The list '{path}' has a cell of more than {max} characters on line {line}; that is "
                                "no list entry, and no one was added."),
    "party_file.too_big": ("名单文件“{path}”太大或结构异常（{detail}），为安全起见没有读取。",
                           "The list '{path}' is too large or oddly built ({detail}); for safety it was not read."),
    "party_file.too_many_cells": ("名单文件“{path}”超过了导入上限（最多 {rows} 行、{cells} 个单元格），"
                                  "为安全起见没有读取，未添加任何人。",
                                  "The list '{path}' is over the import limit (at most {rows} rows and {cells} "
                                  "cells); for safety it was not read and no one was added."),
    "party_file.unreadable": ("无法读取名单文件“{path}”：文件已损坏或不是表格文件。",
                              "The list file '{path}' cannot be read: it is damaged or not a spreadsheet."),
    "party_file.kind": ("只能导入 Excel（.xlsx）或 CSV 名单文件，“{path}”不是。",
                        "Only Excel (.xlsx) or CSV lists can be imported; '{path}' is neither."),
    # demo
    "demo.count": ("案件数量应在 1 到 1000000 之间。", "The number of cases must be 1 to 1,000,000."),
    # check
    "check.ok": ("检查通过：数据库完好，审计链完整，附件文件齐全。",
                 "Check passed: database sound, audit chain intact, attachment files complete."),
    "check.failed": ("检查发现 {count} 个问题：", "The check found {count} problem(s):"),
    "check.integrity": ("数据库完整性检查失败：{detail}", "Database integrity check failed: {detail}"),
    "check.foreign_key": ("外键检查失败：表 {table} 第 {rowid} 行引用了不存在的 {parent}。",
                          "Foreign-key check failed: table {table} row {rowid} refers to a missing {parent}."),
    "check.audit": ("审计日志第 {seq} 条与哈希链不符：{detail}",
                    "Audit entry {seq} does not match the hash chain: {detail}"),
    "check.audit_head": ("审计日志的链头与最后一条记录不一致。",
                         "The audit chain head does not match the last entry."),
    "check.row_changed": ("表 {table} 的记录 {key} 被改动过，审计日志里没有这次改动。",
                          "Table {table}, row {key}: changed with no audit entry for the change."),
    "check.row_unsealed": ("表 {table} 的记录 {key} 不在审计日志里（没有经过程序写入）。",
                           "Table {table}, row {key}: not in the audit log (not written by the program)."),
    "check.row_missing": ("表 {table} 的记录 {key} 不见了，审计日志里没有删除它的记录。",
                          "Table {table}, row {key}: gone, with no audit entry removing it."),
    "check.audit_truncated": ("审计日志被截短了：{source} 记下的链头是第 {seq} 条，现在只到第 {last_seq} 条。",
                              "The audit log was cut short: {source} recorded entry {seq} as its head, "
                              "the log now ends at {last_seq}."),
    "check.audit_rewritten": ("审计日志被改写了：第 {seq} 条与 {source} 记下的链头不符。",
                              "The audit log was rewritten: entry {seq} differs from the head {source} recorded."),
    "check.file_missing": ("附件文件缺失：{sha256}（{filename}）", "Attachment file missing: {sha256} ({filename})"),
    "check.file_hash": ("附件文件内容被改动：{sha256}（{filename}）",
                        "Attachment file content changed: {sha256} ({filename})"),
    "check.half_case": ("案件 {case_no} 没有任何当事人，可能是写了一半。",
                        "Case {case_no} has no parties: possibly half-written."),
    # window
    "document.write_failed": ("文件没有保存：{path}（{detail}）", "The file was not saved: {path} ({detail})"),
    "gui.no_display": (
        "没有找到图形显示（DISPLAY），无法打开窗口。请在桌面环境中运行，或使用命令行功能（mediation-desktop --help）。",
        "No graphical display (DISPLAY) was found, so the window cannot open. Run it on a desktop, "
        "or use the command line (mediation-desktop --help).",
    ),
    # generic
    "cli.interrupted": ("已中断。", "Interrupted."),
    "gui.unexpected": (
        "程序出错了（{detail}）。已记录在 {log} 文件夹中；正在填写的内容已自动保存为草稿。可以继续使用，"
        "如果反复出现，请把日志文件交给技术人员。",
        "Unexpected error ({detail}), recorded in the folder {log}; what was being typed is kept as a draft. "
        "You may go on; if it happens again, give the log file to a technician.",
    ),
    "cli.unexpected": ("程序出错了：{detail}。数据没有被改动。", "Unexpected error: {detail}. Nothing was changed."),
    "cli.demo_done": ("已生成 {count} 个演示案件，用时 {seconds} 秒（每秒 {rate} 件）。",
                      "Made {count} demo cases in {seconds} s ({rate} cases/s)."),
    "cli.recovery_code": (
        "主任密码恢复码：{code}\n请抄写或打印后锁在调委会文件柜里。忘记主任密码时用它重设（用过一次即换新码）。",
        "Director's recovery code: {code}\nWrite it down or print it and lock it away. It resets a forgotten "
        "director's password (and is replaced once used).",
    ),
    "cli.recovered": ("已为 {user} 设置新密码。", "A new password is set for {user}."),
    "cli.init_done": ("已初始化：{org_name}（{org_code}），管理员 {admin}。数据目录：{data_dir}",
                      "Set up: {org_name} ({org_code}), director {admin}. Data folder: {data_dir}"),
    "cli.sign_in_required": (
        "命令 {command} 需要登录：请加上 --user 用户名 --password-stdin（密码从标准输入读），"
        "或设置环境变量 {user_env} 和 {password_env}。",
        "The command {command} needs a user: add --user NAME --password-stdin (the password on standard input), "
        "or set {user_env} and {password_env}.",
    ),
    "cli.sign_in_password": (
        "没有收到 {user} 的密码：请用 --password-stdin 从标准输入给出，或设置环境变量 {password_env}。",
        "No password for {user}: give it on standard input with --password-stdin, or set {password_env}.",
    ),
    "cli.stdin_not_text": (
        "从标准输入读到的不是文字（既不是 UTF-8 也不是 GB18030 编码），请用 UTF-8 编码输入密码或恢复码。未作任何改动。",
        "What came on standard input is not text (neither UTF-8 nor GB18030); give the password or recovery code "
        "in UTF-8. Nothing was changed.",
    ),
    "cli.demo_real_cases": (
        "数据库里已有 {count} 个不是演示数据的案件，不能混入演示案件。确需载入请加 --force。",
        "The database holds {count} cases that are not demo cases; demo cases are not mixed in. "
        "Add --force if you really mean it.",
    ),
    "cli.no_cases": ("没有找到案件。", "No cases found."),
    # documents (PDF)
    "document.unknown": ("没有“{doc}”这种文书。可以生成：{choices}。",
                         "No document called '{doc}'. Available: {choices}."),
    "document.no_agreement": ("案件 {case_no} 还没有书面调解协议，无法生成协议书。",
                              "Case {case_no} has no written agreement yet, so there is nothing to print."),
    "document.no_oral_agreement": ("案件 {case_no} 没有登记口头协议。",
                                   "Case {case_no} has no oral agreement on record."),
    "document.out_dir": ("无法写入“{path}”：所在文件夹不存在。", "Cannot write '{path}': its folder does not exist."),
    "cli.pdf_done": ("已生成 {path}（{pages} 页）。", "Wrote {path} ({pages} pages)."),
    "document.from_ledger": ("案件 {case_no} 是据台账补录的，台账没有记载这份文书的内容，不能打印。",
                             "Case {case_no} was entered from a ledger (据台账补录), which does not hold this "
                             "document; it cannot be printed."),
    "document.not_applied": ("案件 {case_no} 不是当事人申请调解的，没有人民调解申请书；卷宗里用人民调解受理登记表。",
                             "Case {case_no} did not come by the parties' application, so it has no application "
                             "form; its case file uses the acceptance register."),
    "document.case_declined": ("案件 {case_no} 已决定不予调解，没有受理和调解，这份文书不适用。",
                               "Case {case_no} was declined: it was never accepted nor mediated, so this document "
                               "does not apply."),
    "document.no_investigations": ("案件 {case_no} 已经结束，没有调查记录可打印。",
                                   "Case {case_no} is closed and has no investigation record to print."),
    "document.no_sessions": ("案件 {case_no} 已经结束，没有调解记录可打印。",
                             "Case {case_no} is closed and has no session record to print."),
    "document.agreement_not_reached": ("案件 {case_no} 没有达成协议，协议书草稿从未签署，不能打印。",
                                       "Case {case_no} ended without an agreement: its draft agreement was never "
                                       "signed and cannot be printed."),
    "document.no_effective_agreement": ("案件 {case_no} 没有生效的调解协议，没有需要回访的履行情况。",
                                        "Case {case_no} has no agreement in effect, so there is no performance to "
                                        "follow up."),
    "document.not_terminated": ("案件 {case_no} 没有因调解不成而终止调解，不能出具终止人民调解通知书。",
                                "Case {case_no} was not terminated as a failed mediation, so no notice of "
                                "termination can be issued."),
    "document.no_signed_agreement": ("案件 {case_no} 没有已签署生效的书面调解协议，不能申请司法确认。"
                                     "请先登记协议已签署。",
                                     "Case {case_no} has no signed written agreement in effect, so judicial "
                                     "confirmation cannot be applied for. Record the signing first."),
    "document.not_declined": ("案件 {case_no} 没有决定不予受理，不能出具不予受理通知书。",
                              "Case {case_no} was not declined, so no notice of declining can be issued."),
    "document.not_referred": ("案件 {case_no} 没有移交，不能出具移送告知书。",
                              "Case {case_no} was not referred, so no notice of referral can be issued."),
    "document.case_open": ("案件 {case_no} 尚未结案，还不能填写结案报告表。",
                           "Case {case_no} has not ended yet, so the closing report cannot be filled in."),
    "document.confirmation_late": ("注意：协议于 {effective} 生效，已过《人民调解法》第三十三条规定的30日（{deadline} "
                                   "截止），人民法院可能不予受理司法确认申请。",
                                   "Note: the agreement took effect on {effective}; the 30 days of art. 33 of the "
                                   "People's Mediation Law ended on {deadline}, so the court may refuse to "
                                   "confirm it."),
    "document.paper_pages_bad": ("纸质材料页数“{value}”不对：应写成 项目=页数，项目为 {items}，页数为 0–999。",
                                 "Paper pages '{value}' are not right: write item=pages, item one of {items}, "
                                 "pages 0–999."),
    "cli.archived": ("案件 {case_no} 已归档，保管期限：{period}。", "Case {case_no} archived; retention: {period}."),
    "cli.retention_set": ("案件 {case_no} 的保管期限已改为：{period}。",
                          "The retention period of case {case_no} is now: {period}."),
    "cli.paper_pages_done": ("案件 {case_no} 的卷宗纸质材料页数已保存：{pages}",
                             "Paper pages of the case file of {case_no} saved: {pages}"),
    "cli.paper_pages_shown": ("案件 {case_no} 的卷宗纸质材料页数：{pages}（没有给出页数，未作修改）",
                              "Paper pages of the case file of {case_no}: {pages} (no pages given; nothing changed)"),
    "cli.paper_pages_none": ("案件 {case_no} 还没有记录卷宗纸质材料页数（没有给出页数，未作修改）。",
                             "Case {case_no} has no paper pages recorded yet (no pages given; nothing changed)."),
}

for _table in (DOMAIN_MESSAGES, SYNC_MESSAGES, REPORT_MESSAGES, BACKUP_MESSAGES, SCREENING_MESSAGES, CLI_MESSAGES,
               ATTACHMENT_MESSAGES, AGREEMENT_MESSAGES):
    _overlap = MESSAGES.keys() & _table.keys()
    assert not _overlap, f"message keys defined twice: {_overlap}"
    MESSAGES.update(_table)

_current = ZH


def detect_language(explicit: str | None = None) -> str:
    """The explicit choice, else ``LANG``/``LC_ALL`` starting with ``en`` means English; Chinese otherwise."""
    if explicit:
        return EN if explicit.lower().startswith("en") else ZH
    for var in ("MEDIATION_DESKTOP_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return EN if value.lower().startswith("en") else ZH
    return ZH


def set_language(lang: str) -> None:
    global _current
    _current = EN if lang == EN else ZH


def current_language() -> str:
    return _current


def tr(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message for ``key`` in ``lang`` (default: the current language) with ``params`` filled in (any names:
    a message may say a record's ``{key}`` or a ``{lang}``), each as ``domain.text.quoted_params`` shows it."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    params = quoted_params(params)
    english = (lang or _current) == EN
    text = pair[1] if english else pair[0]
    if english:  # a field's name (domain.text.Label) in the message's language
        params = {k: getattr(v, "english", v) if isinstance(v, Label) else v for k, v in params.items()}
    elif isinstance(params.get("detail"), str) and not isinstance(params["detail"], Label):
        from mediation_desktop.failure_details import in_chinese  # (it says some details with this catalogue)

        params = {**params, "detail": in_chinese(params["detail"], key)}
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
