"""Messages of the backup and restore paths (zh, en), gathered into the catalogue by :mod:`i18n`."""

from __future__ import annotations

BACKUP_MESSAGES: dict[str, tuple[str, str]] = {
    "backup.not_found": ("找不到备份文件：{path}", "The backup file does not exist: {path}"),
    "backup.not_backup": (
        "“{path}”不是调解工作台的备份文件，不能用来恢复。",
        "'{path}' is not a Mediation Desktop backup, so it cannot be restored.",
    ),
    "backup.newer_format": (
        "备份文件“{path}”是更新版本的调解工作台做的（格式 {version}），请先安装最新版本再恢复。",
        "The backup '{path}' was made by a newer Mediation Desktop (format {version}); install the newest "
        "version first.",
    ),
    "backup.damaged": (
        "备份文件“{path}”已损坏（{detail}），不能用来恢复。请换一个备份。",
        "The backup '{path}' is damaged ({detail}) and cannot be restored. Please use another backup.",
    ),
    "backup.incomplete": (
        "备份文件“{path}”不完整（可能没有复制完，比如 U 盘拔得太早）或已损坏，不能用来恢复，数据没有改动。"
        "请从原来的地方把它重新完整复制一遍（等复制完成、安全弹出后再拔 U 盘）再试，或换一个备份。",
        "The backup '{path}' is incomplete (perhaps not fully copied, e.g. the USB stick was pulled out too early) "
        "or damaged, so it cannot be restored; nothing was changed. Copy it again whole from where it came from "
        "(wait until the copy ends and eject the stick safely) and retry, or use another backup.",
    ),
    "backup.unknown_schema": (
        "备份文件“{path}”的数据库版本 {revision} 是本程序不认识的（可能来自更新版本），不能恢复。请先安装最新版本。",
        "The backup '{path}' holds database revision {revision}, which this program does not know (probably "
        "from a newer version). Install the newest version first.",
    ),
    "backup.audit_broken": (
        "备份文件“{path}”里的审计记录对不上（第 {seq} 条），说明备份被改动过，不能恢复。",
        "The audit log inside the backup '{path}' does not verify (entry {seq}): the backup was altered "
        "and cannot be restored.",
    ),
    "backup.data_problem": (
        "备份文件“{path}”里的数据没有通过检查：{problem}备份可能被改动过或已损坏，不能恢复，数据没有改动。",
        "The data inside the backup '{path}' fails the check: {problem} The backup may have been altered or "
        "damaged; it cannot be restored. Nothing was changed.",
    ),
    "backup.files_missing": (
        "备份文件“{path}”缺少 {count} 个附件文件（例如 {example}），不能完整恢复，数据没有改动。这个备份文件不完整"
        "（可能没有复制完）或已损坏，请把它重新复制一遍再试，或换一个备份。",
        "The backup '{path}' lacks {count} attachment file(s) (e.g. {example}); it cannot be restored whole and "
        "nothing was changed. The file is incomplete (perhaps not fully copied) or damaged: copy it again and "
        "retry, or use another backup.",
    ),
    "backup.files_beside_missing": (
        "备份文件“{path}”里没有附件：这种日常（自动）备份的 {count} 个附件放在原来和它在同一个备份文件夹里的"
        " files 文件夹中，而它旁边没有这个文件夹（或缺了其中的文件），所以没有恢复，数据没有改动。"
        "请把原来备份文件夹里的 files 文件夹整个复制到这个备份文件旁边（“{folder}”），再试一次。"
        "以后拷到 U 盘上保存，请用「数据备份…」→「备份到文件…」：那样做的备份把附件都放在备份文件里面。",
        "The backup '{path}' does not hold its attachments: this everyday (automatic) backup keeps its {count} "
        "attachment(s) in the 'files' folder that was beside it in the same backups folder, and that folder is "
        "not beside it here (or lacks some of them), so nothing was restored or changed. Copy the whole 'files' "
        "folder from the original backups folder next to this backup file ('{folder}') and try again. To keep a "
        "backup on a USB stick, use Backups… → Back up to a file…: such a backup holds the attachments inside it.",
    ),
    "backup.other_installation": (
        "这个备份属于另一个安装：“{backup_org}”（代码 {backup_code}，密钥指纹 {fingerprint}），"
        "不是本机的“{current_org}”。如果确实要用它替换本机数据，请核对指纹后加上 --other-installation "
        "再运行一次（本机数据会先自动备份）。",
        "This backup belongs to another installation: '{backup_org}' (code {backup_code}, key fingerprint "
        "{fingerprint}), not to this computer's '{current_org}'. To replace this computer's data with it anyway, "
        "compare the fingerprint and run again with --other-installation (the current data is backed up first).",
    ),
    "backup.unsafe_member": (
        "备份文件“{path}”里有不应有的文件名“{member}”，可能被人改动过，不能恢复，数据没有改动。",
        "The backup '{path}' holds an unexpected file name '{member}'; it may have been tampered with and "
        "cannot be restored. Nothing was changed.",
    ),
    "backup.bad_manifest": (
        "备份文件“{path}”的清单（manifest.json）内容格式不对，可能被人改动过，不能恢复，数据没有改动。",
        "The manifest (manifest.json) of the backup '{path}' is malformed; it may have been tampered with and "
        "cannot be restored. Nothing was changed.",
    ),
    "backup.bad_signature": (
        "备份文件“{path}”的签名对不上（不是由它所属的调委会的密钥签的，或签名后被改动过），不能恢复，数据没有改动。",
        "The signature of the backup '{path}' does not verify (it was not signed by its own committee's key, or "
        "it was altered after signing); it cannot be restored. Nothing was changed.",
    ),
    "backup.unsigned": (
        "备份文件“{path}”没有签名（旧版本做的），无法证明它没有被改动过，所以没有恢复。如果确定它来自本机、"
        "一直妥善保管，可以加上 --allow-unsigned 再运行一次。",
        "The backup '{path}' is not signed (made by an older version), so nothing shows it was not altered; it "
        "was not restored. If you are sure it is this computer's own and was kept safe, run again with "
        "--allow-unsigned.",
    ),
    "backup.locked": (
        "备份文件“{path}”是加密的，需要恢复码或主任密码才能打开（命令行：--recovery-code-stdin 或 "
        "--password-stdin）。",
        "The backup '{path}' is encrypted; it opens with the recovery code or a director's password (command "
        "line: --recovery-code-stdin or --password-stdin).",
    ),
    "backup.no_recovery_code": (
        "没有收到恢复码（--recovery-code-stdin 从标准输入读，读到的是空的），打不开加密的备份文件“{path}”。"
        "数据没有改动。",
        "No recovery code was given (--recovery-code-stdin read nothing from standard input), so the encrypted "
        "backup '{path}' cannot be opened. Nothing was changed.",
    ),
    "backup.no_password": (
        "没有收到主任密码（--password-stdin 从标准输入读，读到的是空的），打不开加密的备份文件“{path}”。数据没有改动。",
        "No director's password was given (--password-stdin read nothing from standard input), so the encrypted "
        "backup '{path}' cannot be opened. Nothing was changed.",
    ),
    "backup.no_secret": (
        "请输入恢复码或主任密码，才能打开加密的备份文件“{path}”。",
        "Enter the recovery code or a director's password to open the encrypted backup '{path}'.",
    ),
    "backup.wrong_secret": (
        "恢复码或主任密码不对，打不开备份文件“{path}”。请注意：要用做这个备份时有效的恢复码或密码。",
        "The recovery code or director's password does not open the backup '{path}'. Use the code or password "
        "that was valid when the backup was made.",
    ),
    "backup.wrong_secret_whose": (
        "恢复码或主任密码不对，打不开备份文件“{path}”。这是 {org}（{code}）在 {made} 做的备份：要用那时这个调委会"
        "有效的恢复码或主任密码（之后改过密码的，用当时的旧密码或恢复码）；如果这不是你们调委会的备份，就是选错了文件。",
        "The recovery code or director's password does not open the backup '{path}'. It is the backup {org} "
        "({code}) made on {made}: use the recovery code or a director's password that committee had then (if the "
        "password was changed since, the old one or the recovery code); if it is not your committee's backup, it is "
        "the wrong file.",
    ),
    "backup.no_unlock": (
        "还没有可以打开加密备份的恢复码或主任密码，所以没有写到本机以外。请主任登录一次，或生成新的恢复码，再备份。",
        "Nothing can open an encrypted backup yet (no recovery code or director's password has been set "
        "since this version), so nothing was written outside this computer. Have a director sign in once, or "
        "issue a new recovery code, then back up again.",
    ),
    "backup.key_damaged": (
        "备份密钥文件“{path}”已损坏，不能做加密备份。请从最近的备份恢复 keys 文件夹，或联系技术人员。",
        "The backup key file '{path}' is damaged, so no encrypted backup can be made. Restore the keys folder "
        "from a recent backup, or ask for technical help.",
    ),
    "storage.read_only": (
        "不能写入“{path}”：文件夹或文件是只读的（或没有权限）。请检查它的权限或换一个位置；数据没有改动。",
        "Cannot write '{path}': the folder or file is read-only (or not permitted). Check its permissions or "
        "choose another place; nothing was changed.",
    ),
    "storage.read_only_database": (
        "数据文件夹或数据库文件是只读的（或没有写入权限），不能保存。请检查数据文件夹的权限；之前保存的数据都完好。",
        "The data folder or the database file is read-only (or not writable for you), so nothing can be saved. "
        "Check the data folder's permissions; everything saved before is intact.",
    ),
    "restore.disk_full": (
        "磁盘已满，没有恢复：数据文件夹“{path}”放不下备份里的数据。请清理磁盘空间后再试；现有数据没有改动。",
        "The disk is full, so nothing was restored: the data folder '{path}' has no room for the backup's data. "
        "Free some space and try again; the current data is unchanged.",
    ),
    "restore.detail_io_error": ("读写硬盘时出错", "a disk read/write error"),
    "restore.detail_read_only": ("“{path}”是只读的或没有权限", "'{path}' is read-only or not permitted"),
    "restore.detail_read_only_database": ("数据文件夹是只读的", "the data folder is read-only"),
    "restore.whose": (
        "备份属于：{org}（代码 {code}），密钥指纹 {fingerprint}。",
        "The backup belongs to: {org} (code {code}), key fingerprint {fingerprint}.",
    ),
    "backup.db_in_use": (
        "数据库正在被另一个程序使用（可能调解工作台窗口还开着）。请先关闭它再恢复。",
        "The database is in use by another program (perhaps the Mediation Desktop window is open). "
        "Close it first, then restore.",
    ),
    "backup.pre_restore_failed": (
        "恢复前没能先备份本机现有数据（{detail}），为了安全，没有进行恢复。",
        "The current data could not be backed up before the restore ({detail}); for safety nothing was "
        "restored.",
    ),
    "backup.busy": (
        "另一个备份正在进行，请稍后再试。", "Another backup is running; please try again later."
    ),
    "backup.not_sqlite": (
        "这个数据库在服务器上（PostgreSQL），请由服务器管理员用 pg_dump 备份和恢复。",
        "This database is on a server (PostgreSQL); its administrator backs it up and restores it with "
        "pg_dump.",
    ),
    "backup.write_failed": (
        "备份没有做成：{path}（{detail}）。原有的备份没有受影响。",
        "The backup was not made: {path} ({detail}). Earlier backups are untouched.",
    ),
    "backup.disk_full": (
        "磁盘已满，“{path}”没有写成。请清理磁盘空间后再试；已保存的数据没有受影响。",
        "The disk is full, so '{path}' was not written. Free some space and try again; saved data is "
        "untouched.",
    ),
    "storage.disk_full": (
        "磁盘已满，刚才的操作可能没有保存。请清理磁盘空间，查看一下再决定是否重做；之前保存的数据都完好。",
        "The disk is full; the last action may not have been saved. Free some space and look before doing "
        "it again; everything saved before is intact.",
    ),
    "storage.own_file": (
        "不能写到“{path}”：那是本程序自己的数据（数据库、密钥、备份等，在数据文件夹“{folder}”里）。"
        "请换一个位置或文件名；什么都没有写入。",
        "Cannot write to '{path}': it is the program's own data (the database, keys, backups … in the data "
        "folder '{folder}'). Choose another place or name; nothing was written.",
    ),
    "storage.not_a_database": (
        "数据库文件已损坏或不是本程序的数据库，不能打开。请从备份恢复（restore，或在窗口里“数据备份”→恢复）；"
        "其他文件没有改动。",
        "The database file is damaged or is not this program's database, so it cannot be opened. Restore it "
        "from a backup (restore, or Data backup → Restore in the window); nothing else was changed.",
    ),
    "storage.file_in_use": (
        "“{path}”正被另一个程序打开（如 PDF 阅读器、WPS 或 Excel），没有写成。请关闭它后再试。",
        "'{path}' is open in another program (a PDF viewer, WPS or Excel), so it was not written. Close it "
        "and try again.",
    ),
    "storage.io_error": (
        "读写硬盘时出错，刚才的操作可能没有保存，请查看一下再决定是否重做。之前保存的数据都完好；"
        "如果反复出现，请检查硬盘并及时备份。",
        "A disk read/write error occurred; the last action may not have been saved, so please look before "
        "doing it again. Everything saved before is intact; if it keeps happening, check the disk and make "
        "a backup.",
    ),
    "backup.done": (
        "备份完成：{path}（{cases} 个案件，{files} 个附件，{size}）。",
        "Backup made: {path} ({cases} cases, {files} attachments, {size}).",
    ),
    "backup.second_copy": ("第二份备份：{path}", "Second copy: {path}"),
    "backup.second_failed": (
        "第二个备份位置“{path}”没有写成（{detail}）。本机备份已完成。",
        "The second backup location '{path}' was not written ({detail}). The local backup is done.",
    ),
    "backup.missing_files": (
        "注意：有 {count} 个附件文件在本机已缺失，备份里也没有它们。",
        "Note: {count} attachment file(s) are already missing on this computer and are not in the backup.",
    ),
    "backup.none_due": ("数据没有变化，不需要新的备份（最近一次：{path}）。",
                        "Nothing changed since the last backup ({path}); none needed."),
    "backup.second_folder_set": ("第二个备份位置已设为：{path}", "Second backup location set to: {path}"),
    "backup.second_folder_cleared": ("已取消第二个备份位置。", "Second backup location removed."),
    "backup.list_empty": ("还没有任何备份。", "There are no backups yet."),
    "backup.list_other": ("其他调委会的备份：{org}（{code}）", "another committee's backup: {org} ({code})"),
    "backup.list_unreadable": ("读不出是谁的备份（文件可能不完整或已损坏）",
                               "cannot be read as a backup (the file may be incomplete or damaged)"),
    "backup.second_inside_data": (
        "第二个备份位置“{path}”在本机数据文件夹里面，电脑坏了会一起丢失。请选另一块硬盘或 U 盘上的文件夹。",
        "The second backup location '{path}' is inside this computer's data folder and would be lost with it. "
        "Choose a folder on another drive or a USB stick.",
    ),
    "backup.auto_done": ("已自动备份（{time}）。", "Automatic backup made ({time})."),
    "backup.auto_failed": ("自动备份没有做成：{detail}", "The automatic backup was not made: {detail}"),
    "backup.auto_unexpected": ("程序出错了（内部错误 {kind}），详细情况已记在备份日志里",
                               "unexpected error ({kind}), recorded in the backup log"),
    "restore.done": (
        "已从“{path}”恢复：{cases} 个案件，{files} 个附件，审计链完整。恢复前的数据已备份到：{previous}",
        "Restored from '{path}': {cases} cases, {files} attachments, audit chain intact. The data from "
        "before the restore is saved in: {previous}",
    ),
    "restore.done_fresh": (
        "已从“{path}”恢复：{cases} 个案件，{files} 个附件，审计链完整。这台电脑上原来没有数据，所以不需要先备份。",
        "Restored from '{path}': {cases} cases, {files} attachments, audit chain intact. There were no data on "
        "this computer before, so nothing needed backing up.",
    ),
    "restore.accounts": (
        "账号和密码现在是备份里的：请用做这个备份时的用户名和密码登录。",
        "The accounts and passwords are now those in the backup: sign in with the user name and password of the "
        "time the backup was made.",
    ),
    "restore.accounts_replaced": (
        "账号和密码现在是备份里的：请用做这个备份时的用户名和密码登录；做备份以后在这台电脑上设置或改过的密码"
        "已经不能用了。",
        "The accounts and passwords are now those in the backup: sign in with the user name and password of the "
        "time the backup was made; a password set or changed on this computer after the backup no longer works.",
    ),
    "restore.check_failed": (
        "恢复完成，但检查发现 {count} 个问题，请运行 mediation-desktop check 查看。",
        "Restored, but the check found {count} problem(s); run 'mediation-desktop check' for details.",
    ),
}
