<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>人民调解协议书</source>
        <translation>People&apos;s mediation agreement</translation>
    </message>
    <message>
        <source>有履行期限</source>
        <translation>Has a deadline</translation>
    </message>
    <message>
        <source>纠纷主要事实、争议事项</source>
        <translation>Main facts and matters in dispute</translation>
    </message>
    <message>
        <source>协议内容</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>履行方式</source>
        <translation>Manner of performance</translation>
    </message>
    <message>
        <source>履行地点</source>
        <translation>Place of performance</translation>
    </message>
    <message>
        <source>履行期限</source>
        <translation>Deadline of performance</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>记在案件里，不印在协议书上</source>
        <translation>Kept with the case, not printed on the agreement</translation>
    </message>
    <message>
        <source>协议约定给付的金额合计，记在案件里备查。协议书按司法部格式没有金额栏：要给付的钱写进协议内容，如“人民币贰仟肆佰元整（2400元）”。</source>
        <translation>The total sum the agreement says is to be paid, kept with the case for reference. The agreement (the Ministry of Justice&apos;s format) has no amount box: write the money to be paid into the terms, in capital numerals and in figures.</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>保存并打开 PDF</source>
        <translation>Save and open PDF</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>归档后卷宗定稿，只有主任可以重新开启。请选定这件案件的保管期限（印在卷宗封面和卷内备考表上）。</source>
        <translation>Once archived the case file is final; only the director can reopen it. Choose how long this case is kept (printed on the case file cover and its back-cover notes).</translation>
    </message>
    <message>
        <source>保管期限</source>
        <translation>Retention</translation>
    </message>
    <message>
        <source>不限年限</source>
        <translation>no time limit</translation>
    </message>
    <message>
        <source>%1年</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <source>本调委会默认：%1</source>
        <translation>This committee&apos;s default: %1</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>永久</source>
        <translation>permanent</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>long-term</translation>
    </message>
    <message>
        <source>短期</source>
        <translation>short-term</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>按日期</source>
        <translation>By date</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 entries</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>启用或停用账户</source>
        <translation>Activate or deactivate an account</translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation>Deactivate an account</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>新建账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>用恢复码重设密码</source>
        <translation>Reset password with the recovery code</translation>
    </message>
    <message>
        <source>生成恢复码</source>
        <translation>New recovery code</translation>
    </message>
    <message>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>司法确认</source>
        <translation>Judicial confirmation</translation>
    </message>
    <message>
        <source>更正协议</source>
        <translation>Correct agreement</translation>
    </message>
    <message>
        <source>保存协议草稿</source>
        <translation>Save agreement draft</translation>
    </message>
    <message>
        <source>登记口头协议</source>
        <translation>Record an oral agreement</translation>
    </message>
    <message>
        <source>协议签署</source>
        <translation>Agreement signed</translation>
    </message>
    <message>
        <source>备份数据</source>
        <translation>Back up data</translation>
    </message>
    <message>
        <source>备份记录</source>
        <translation>Backup record</translation>
    </message>
    <message>
        <source>备份设置</source>
        <translation>Backup settings</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <source>删除附件</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>卷宗纸质材料页数</source>
        <translation>Paper pages of the case file</translation>
    </message>
    <message>
        <source>修改登记</source>
        <translation>Correct registration</translation>
    </message>
    <message>
        <source>记录回访</source>
        <translation>Record a follow-up visit</translation>
    </message>
    <message>
        <source>记录调查</source>
        <translation>Record investigation</translation>
    </message>
    <message>
        <source>防止激化</source>
        <translation>Escalation prevented</translation>
    </message>
    <message>
        <source>清除案件</source>
        <translation>Purge case</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>登记案件</source>
        <translation>Register case</translation>
    </message>
    <message>
        <source>记录调解</source>
        <translation>Record mediation session</translation>
    </message>
    <message>
        <source>作废案件</source>
        <translation>Void case</translation>
    </message>
    <message>
        <source>生成演示案件</source>
        <translation>Create demo case</translation>
    </message>
    <message>
        <source>导入台账</source>
        <translation>Import a ledger</translation>
    </message>
    <message>
        <source>查看完整身份证号或电话</source>
        <translation>Show full ID number or phone</translation>
    </message>
    <message>
        <source>添加调解员</source>
        <translation>Add mediator</translation>
    </message>
    <message>
        <source>修改调解员</source>
        <translation>Edit mediator</translation>
    </message>
    <message>
        <source>登记排查</source>
        <translation>Record screening</translation>
    </message>
    <message>
        <source>修改排查</source>
        <translation>Edit screening</translation>
    </message>
    <message>
        <source>排查转为案件</source>
        <translation>Screening made a case</translation>
    </message>
    <message>
        <source>删除排查</source>
        <translation>Delete screening</translation>
    </message>
    <message>
        <source>首次设置</source>
        <translation>First-run set-up</translation>
    </message>
    <message>
        <source>生成签名密钥</source>
        <translation>Create signing key</translation>
    </message>
    <message>
        <source>导出数据包</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>导出名册</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>Import bundle</translation>
    </message>
    <message>
        <source>更换单位密钥</source>
        <translation>Replace a unit's key</translation>
    </message>
    <message>
        <source>信任单位密钥</source>
        <translation>Trust a unit's key</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>added </translation>
    </message>
    <message>
        <source>修改</source>
        <translation>changed </translation>
    </message>
    <message>
        <source>删除</source>
        <translation>removed </translation>
    </message>
    <message>
        <source>协议</source>
        <translation>agreement</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>导出记录</source>
        <translation>export record</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>import record</translation>
    </message>
    <message>
        <source>调查</source>
        <translation>Investigate</translation>
    </message>
    <message>
        <source>调解</source>
        <translation>Mediate</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>follow-up</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>case</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>party</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>attachment</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>this unit</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>setting</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>account</translation>
    </message>
    <message>
        <source>排查</source>
        <translation>screening</translation>
    </message>
    <message>
        <source>排查发现</source>
        <translation>screening finding</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>数据备份</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>打开加密的备份</source>
        <translation>Open an encrypted backup</translation>
    </message>
    <message>
        <source>这个备份是加密的。请输入恢复码或主任的密码（做这个备份时有效的）：</source>
        <translation>This backup is encrypted. Enter the recovery code or a director&apos;s password (the one valid when the backup was made):</translation>
    </message>
    <message>
        <source>机构代码：%1，签名密钥指纹：%2</source>
        <translation>Unit code: %1, signing key fingerprint: %2</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>打开程序、关闭程序时，以及数据改动后每隔约一小时，都会自动备份（保留最近一天的 10 个，以及最近 7 天、4 周、12 个月各一个）。建议再设一个第二备份位置（另一块硬盘或常插的 U 盘），并不时用“备份到文件…”拷一份放到别处。</source>
        <translation>A backup is made automatically when the program opens and closes, and about every hour after the data change (the last 10 of the latest day are kept, and one of each of the last 7 days, 4 weeks and 12 months). Set a second backup location too (another drive or a USB stick that stays plugged in), and now and then use &quot;Back up to a file…&quot; to keep a copy somewhere else.</translation>
    </message>
    <message>
        <source>只有主任可以备份、恢复和设置备份位置；这里只能查看。</source>
        <translation>Only the director can back up, restore and set backup locations; here you can only look.</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>备份到文件…</source>
        <translation>Back up to a file…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>设置第二备份位置…</source>
        <translation>Set a second backup location…</translation>
    </message>
    <message>
        <source>取消第二备份位置</source>
        <translation>Remove the second backup location</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>恢复前的数据</source>
        <translation>Data before a restore</translation>
    </message>
    <message>
        <source>第二备份位置：未设置</source>
        <translation>Second backup location: not set</translation>
    </message>
    <message>
        <source>第二备份位置：%1</source>
        <translation>Second backup location: %1</translation>
    </message>
    <message>
        <source>日常备份</source>
        <translation>Routine backup</translation>
    </message>
    <message>
        <source>其他备份</source>
        <translation>Other backup</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>第二备份位置</source>
        <translation>Second backup location</translation>
    </message>
    <message>
        <source>程序的其他部分还在读数据库（可能正在刷新列表），所以没有恢复，数据没有改动。请稍等片刻再试；如果仍不行，请关闭程序，用命令 mediation-desktop restore 恢复。</source>
        <translation>Another part of the program is still reading the database (perhaps refreshing a list), so nothing was restored and no data changed. Wait a moment and try again; if it still fails, close the program and restore with the command mediation-desktop restore.</translation>
    </message>
    <message>
        <source>程序出错了：%1。数据没有被改动。</source>
        <translation>The program hit an error: %1. No data was changed.</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>调解备份</source>
        <translation>mediation-backup</translation>
    </message>
    <message>
        <source>备份到文件</source>
        <translation>Back up to a file</translation>
    </message>
    <message>
        <source>备份文件 (*.zip)</source>
        <translation>Backup files (*.zip)</translation>
    </message>
    <message>
        <source>正在写备份文件…</source>
        <translation>Writing the backup file…</translation>
    </message>
    <message>
        <source>选择第二个备份位置</source>
        <translation>Choose a second backup location</translation>
    </message>
    <message>
        <source>选择要恢复的备份文件</source>
        <translation>Choose the backup file to restore</translation>
    </message>
    <message>
        <source>正在检查备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <source>备份文件：%1
备份时间：%2
调委会：%3
案件 %4 个，附件 %5 个，审计记录 %6 条。
检查结果：完好。</source>
        <translation>Backup file: %1
Made at: %2
Committee: %3
%4 cases, %5 attachments, %6 audit entries.
Check: intact.</translation>
    </message>
    <message>
        <source>注意：这是本调委会在另一台电脑上做的备份。恢复后本机现在的数据将被它完全替换，账号和密码也将是备份里的：在这台电脑上刚设置的密码将不能再用，请用做备份时的用户名和密码登录。

</source>
        <translation>Note: this is your own committee&apos;s backup, made on another computer. Restoring it replaces all data on this computer, and the accounts and passwords become those in the backup: the password just set on this computer will no longer work; sign in with the user name and password of the time the backup was made.

</translation>
    </message>
    <message>
        <source>注意：这个备份属于另一台电脑上的调委会，恢复后本机的数据将被它完全替换。

</source>
        <translation>Note: this backup belongs to a committee on another computer; restoring it replaces all data on this computer.

</translation>
    </message>
    <message>
        <source>用这个备份替换本机现在的全部数据吗？
现在的数据会先自动备份（可以再恢复回来）。恢复完成后程序将关闭，请重新打开并登录。</source>
        <translation>Replace all data on this computer with this backup?
The current data is backed up first (you can restore it again). When the restore is done the program closes; open it again and sign in.</translation>
    </message>
    <message>
        <source>没有恢复，数据没有改动。</source>
        <translation>Nothing was restored; no data changed.</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>程序现在将关闭，请重新打开调解工作台并登录。</source>
        <translation>The program will now close; open Mediation Desktop again and sign in.</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>防止激化…</source>
        <translation>Escalation prevented…</translation>
    </message>
    <message>
        <source>卷宗纸质材料页数…</source>
        <translation>Paper pages of the case file…</translation>
    </message>
    <message>
        <source>修改登记…</source>
        <translation>Correct registration…</translation>
    </message>
    <message>
        <source>记录调查</source>
        <translation>Record investigation</translation>
    </message>
    <message>
        <source>记录一次调解</source>
        <translation>Record a session</translation>
    </message>
    <message>
        <source>登记口头协议</source>
        <translation>Record an oral agreement</translation>
    </message>
    <message>
        <source>书面协议…</source>
        <translation>Written agreement…</translation>
    </message>
    <message>
        <source>协议已签署…</source>
        <translation>Agreement signed…</translation>
    </message>
    <message>
        <source>更正协议…</source>
        <translation>Correct the agreement…</translation>
    </message>
    <message>
        <source>司法确认…</source>
        <translation>Judicial confirmation…</translation>
    </message>
    <message>
        <source>记录回访</source>
        <translation>Record a follow-up visit</translation>
    </message>
    <message>
        <source>移交…</source>
        <translation>Refer…</translation>
    </message>
    <message>
        <source>文书（查看、打印）…</source>
        <translation>Documents (view, print)…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>这是其他调委会的案件，只能查看。</source>
        <translation>This is another committee&apos;s case: view only.</translation>
    </message>
    <message>
        <source>文书员只能查看和打印，不能修改案件。</source>
        <translation>A clerk can view and print, not change a case.</translation>
    </message>
    <message>
        <source>协议已签署并锁定；要修改请点“更正协议…”。</source>
        <translation>The agreement is signed and locked; to change it use “Correct the agreement…”.</translation>
    </message>
    <message>
        <source>更正版本还没有签署：先签署或继续编辑它。</source>
        <translation>The corrected version is not signed yet: sign it or go on editing it.</translation>
    </message>
    <message>
        <source>修改登记的当事人、纠纷类型和纠纷简要情况。</source>
        <translation>Correct the registered parties, the kind of dispute and its summary.</translation>
    </message>
    <message>
        <source>登记防止民转刑、群体性上访、自杀、群体性械斗的件数和人数。</source>
        <translation>Record the cases and persons kept from crime, group petitions, suicide and group fights.</translation>
    </message>
    <message>
        <source>记录一次调查：被调查人和问答。</source>
        <translation>Record an investigation: who was asked, questions and answers.</translation>
    </message>
    <message>
        <source>记录一次调解的经过和结果。</source>
        <translation>Record what happened at a session and its result.</translation>
    </message>
    <message>
        <source>登记当面达成的口头协议；保存后协议生效并锁定。</source>
        <translation>Record an agreement reached orally; once saved it takes effect and is locked.</translation>
    </message>
    <message>
        <source>写书面协议书，旁边就是打印出来的样子；签署以前可以随时修改。</source>
        <translation>Write the agreement beside the page as it will print; it can be changed until it is signed.</translation>
    </message>
    <message>
        <source>各方签名、按指印、盖章以后点这里：协议从签署日期起生效并锁定。</source>
        <translation>Once everyone has signed, fingerprinted and sealed it: it takes effect on the signing day and is locked.</translation>
    </message>
    <message>
        <source>签署后的协议不能修改：新建一个更正版本，原版本保留。</source>
        <translation>A signed agreement cannot be changed: make a corrected version; the original is kept.</translation>
    </message>
    <message>
        <source>登记当事人向人民法院申请司法确认的日期、法院和结果。</source>
        <translation>Record when the parties applied to a court for judicial confirmation, which court, and the ruling.</translation>
    </message>
    <message>
        <source>记录一次回访：协议履行得怎么样，当事人有什么意见。</source>
        <translation>Record a follow-up visit: how the agreement is performed and what the parties say.</translation>
    </message>
    <message>
        <source>把村里调解不了的纠纷移交给上级调委会。</source>
        <translation>Refer a dispute the village cannot settle to the committee above.</translation>
    </message>
    <message>
        <source>查看、打印或另存本案的文书。</source>
        <translation>View, print or save the documents of this case.</translation>
    </message>
    <message>
        <source>填写手工归入卷宗的纸质材料的页数，卷内目录的页号才对得上。</source>
        <translation>Enter the pages of the paper items filed by hand, so the contents list numbers pages right.</translation>
    </message>
    <message>
        <source>受理这起纠纷，开始调解。</source>
        <translation>Accept this dispute and start mediating.</translation>
    </message>
    <message>
        <source>不予调解（例如一方明确拒绝调解）。</source>
        <translation>Decline the case (for example, one party refuses mediation).</translation>
    </message>
    <message>
        <source>暂时中止调解，以后可以恢复。</source>
        <translation>Suspend the mediation for now; it can be resumed later.</translation>
    </message>
    <message>
        <source>恢复中止的调解。</source>
        <translation>Resume the suspended mediation.</translation>
    </message>
    <message>
        <source>调解不成，终止调解（结案）。</source>
        <translation>Mediation failed: terminate it (the case is closed).</translation>
    </message>
    <message>
        <source>协议已经全部履行：结案。</source>
        <translation>The agreement has been fully performed: close the case.</translation>
    </message>
    <message>
        <source>把已结案的卷宗归档，并选保管期限。</source>
        <translation>Archive the closed case file and choose how long it is kept.</translation>
    </message>
    <message>
        <source>重新开启调解不成或已归档的案件（要写明原因）。</source>
        <translation>Reopen a failed or archived case (a reason is asked).</translation>
    </message>
    <message>
        <source>作废登记错了的案件（要写明原因，日志里保留）。</source>
        <translation>Void a case registered by mistake (a reason is asked; the log keeps it).</translation>
    </message>
    <message>
        <source>案件还没有受理：先点“受理”。</source>
        <translation>The case is not accepted yet: click “Accept” first.</translation>
    </message>
    <message>
        <source>调解已中止：先点“恢复调解”。</source>
        <translation>The mediation is suspended: click “Resume mediation” first.</translation>
    </message>
    <message>
        <source>案件已经是“%1”，调解已经结束，这一步不能再做。</source>
        <translation>The case is “%1”: the mediation is over and this step cannot be taken any more.</translation>
    </message>
    <message>
        <source>案件已经是“%1”：要继续调解，请主任先点“重新开启”。</source>
        <translation>The case is “%1”: to mediate again, a director must click “Reopen” first.</translation>
    </message>
    <message>
        <source>还没有调解记录：先点“记录一次调解”，调解以后才能写协议。</source>
        <translation>No session recorded yet: click “Record a session” first; an agreement comes after mediation.</translation>
    </message>
    <message>
        <source>还没有协议草稿：先点“书面协议…”写好协议并保存。</source>
        <translation>No draft agreement yet: write and save one with “Written agreement…” first.</translation>
    </message>
    <message>
        <source>还没有已签署的协议：协议签署（或登记口头协议）以后才能更正。</source>
        <translation>No signed agreement yet: an agreement can be corrected once it is signed (or recorded orally).</translation>
    </message>
    <message>
        <source>口头协议不能申请司法确认：只有已签署的书面协议才能申请。</source>
        <translation>An oral agreement cannot go to judicial confirmation: only a signed written agreement can.</translation>
    </message>
    <message>
        <source>书面协议还没有签署：各方签署后先点“协议已签署…”。</source>
        <translation>The written agreement is not signed yet: once everyone has signed, click “Agreement signed…” first.</translation>
    </message>
    <message>
        <source>还没有书面协议：先点“书面协议…”写协议，各方签署后点“协议已签署…”。</source>
        <translation>No written agreement yet: write one with “Written agreement…”, then click “Agreement signed…” once everyone has signed.</translation>
    </message>
    <message>
        <source>还没有达成协议：登记口头协议或签署书面协议以后才能回访。</source>
        <translation>No agreement yet: a follow-up visit comes after an oral agreement or a signed written one.</translation>
    </message>
    <message>
        <source>案件已经是“%1”，不再需要回访。</source>
        <translation>The case is “%1”: no more follow-up visits are needed.</translation>
    </message>
    <message>
        <source>案件已经是“%1”了。</source>
        <translation>The case is already “%1”.</translation>
    </message>
    <message>
        <source>案件已经受理过了，只有刚登记的案件才能受理。</source>
        <translation>The case has been accepted already; only a newly registered case can be accepted.</translation>
    </message>
    <message>
        <source>调查或调解已经开始，不能再不予调解；调解不成请点“终止调解”。</source>
        <translation>Investigation or mediation has begun: the case can no longer be declined; if mediation fails, click “Terminate mediation”.</translation>
    </message>
    <message>
        <source>调解还没有开始：先点“记录调查”或“记录一次调解”。</source>
        <translation>Mediation has not begun: click “Record investigation” or “Record a session” first.</translation>
    </message>
    <message>
        <source>调解没有中止，不需要恢复。</source>
        <translation>The mediation is not suspended: nothing to resume.</translation>
    </message>
    <message>
        <source>还没有达成协议：登记口头协议或签署书面协议，履行完了再点这里。</source>
        <translation>No agreement yet: record an oral agreement or sign a written one, then click here once it is performed.</translation>
    </message>
    <message>
        <source>案件还没有结案：先履行完毕、终止调解、移交或不予调解，再归档。</source>
        <translation>The case is not closed yet: close it first (performed, terminated, referred or declined), then archive it.</translation>
    </message>
    <message>
        <source>只有调解不成或已归档的案件才能重新开启。</source>
        <translation>Only a failed or archived case can be reopened.</translation>
    </message>
    <message>
        <source>只有主任可以做这一步：请主任登录后再做。</source>
        <translation>Only a director can take this step: ask a director to sign in.</translation>
    </message>
    <message>
        <source>还没有调解记录：先点“记录一次调解”，调解以后才能登记口头协议。</source>
        <translation>No session recorded yet: click “Record a session” first; an oral agreement comes after mediation.</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部调委会</source>
        <translation>All committees</translation>
    </message>
    <message>
        <source>全部调解员</source>
        <translation>All mediators</translation>
    </message>
    <message>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>查找：案件编号、当事人姓名、身份证号、电话、纠纷内容</source>
        <translation>Search: case number, party name, ID number, phone, dispute text</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>登记新案件…</source>
        <translation>Register a new case…</translation>
    </message>
</context>
<context>
    <name>CaseSections</name>
    <message>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
    <message>
        <source>申请事项</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>还没有调查记录。</source>
        <translation>No investigation yet.</translation>
    </message>
    <message>
        <source>还没有调解记录。</source>
        <translation>No mediation session yet.</translation>
    </message>
    <message>
        <source>还没有协议。</source>
        <translation>No agreement yet.</translation>
    </message>
    <message>
        <source>还没有回访记录。</source>
        <translation>No follow-up yet.</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>还没有附件。</source>
        <translation>No attachments yet.</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>据台账补录</source>
        <translation>Entered from an old ledger</translation>
    </message>
    <message>
        <source>原编号</source>
        <translation>Original number</translation>
    </message>
    <message>
        <source>台账原纠纷类型</source>
        <translation>Category as the ledger wrote it</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>台账只记到月，记为当月1日</source>
        <translation>The ledger gives the month only: stored as the 1st</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>案件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>结案日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>涉及金额（元）</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>有激化风险</source>
        <translation>Risk of escalation</translation>
    </message>
    <message>
        <source>不公开调解</source>
        <translation>Non-public mediation</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>姓名或名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>被调查人</source>
        <translation>Interviewee</translation>
    </message>
    <message>
        <source>调查人</source>
        <translation>Investigator</translation>
    </message>
    <message>
        <source>在场人</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>第%1次调解</source>
        <translation>Session %1</translation>
    </message>
    <message>
        <source>背靠背</source>
        <translation>Separately (back to back)</translation>
    </message>
    <message>
        <source>面对面</source>
        <translation>Face to face</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Manner</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>参加人</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已签署（锁定）</source>
        <translation>Signed (locked)</translation>
    </message>
    <message>
        <source>已被更正版本取代</source>
        <translation>Replaced by a corrected version</translation>
    </message>
    <message>
        <source>第 %1 版</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Effective on</translation>
    </message>
    <message>
        <source>履行方式</source>
        <translation>Manner of performance</translation>
    </message>
    <message>
        <source>履行地点</source>
        <translation>Place of performance</translation>
    </message>
    <message>
        <source>履行期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>申请司法确认截止</source>
        <translation>Apply for judicial confirmation by</translation>
    </message>
    <message>
        <source>申请司法确认日期</source>
        <translation>Judicial confirmation applied for on</translation>
    </message>
    <message>
        <source>受理法院</source>
        <translation>Court</translation>
    </message>
    <message>
        <source>法院确认日期</source>
        <translation>Confirmed by the court on</translation>
    </message>
    <message>
        <source>尚未裁定</source>
        <translation>Not ruled yet</translation>
    </message>
    <message>
        <source>回访事由</source>
        <translation>Purpose of the visit</translation>
    </message>
    <message>
        <source>当事人满意</source>
        <translation>Parties satisfied</translation>
    </message>
    <message>
        <source>另行起诉</source>
        <translation>Went to court</translation>
    </message>
    <message>
        <source>回访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>法定代理人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>（%1前履行）</source>
        <translation> (due by %1)</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>调委会</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>（原编号 %1）</source>
        <translation> (original number %1)</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <source>图片或 PDF</source>
        <translation>Images or PDF</translation>
    </message>
    <message>
        <source>所有文件</source>
        <translation>All files</translation>
    </message>
    <message>
        <source>人民调解协议书</source>
        <translation>People&apos;s mediation agreement</translation>
    </message>
    <message>
        <source>人民调解申请书</source>
        <translation>Application for mediation</translation>
    </message>
    <message>
        <source>人民调解受理登记表</source>
        <translation>Acceptance register</translation>
    </message>
    <message>
        <source>当事人权利义务告知书</source>
        <translation>Notice of rights and duties</translation>
    </message>
    <message>
        <source>人民调解调查记录</source>
        <translation>Investigation record</translation>
    </message>
    <message>
        <source>人民调解记录</source>
        <translation>Session record</translation>
    </message>
    <message>
        <source>人民调解口头协议登记表</source>
        <translation>Oral agreement register</translation>
    </message>
    <message>
        <source>人民调解回访记录</source>
        <translation>Follow-up record</translation>
    </message>
    <message>
        <source>终止人民调解通知书</source>
        <translation>Notice of termination</translation>
    </message>
    <message>
        <source>司法确认申请书</source>
        <translation>Application for judicial confirmation</translation>
    </message>
    <message>
        <source>证据材料清单</source>
        <translation>List of evidence</translation>
    </message>
    <message>
        <source>人民调解不予受理通知书</source>
        <translation>Notice of declining mediation</translation>
    </message>
    <message>
        <source>人民调解纠纷移送告知书</source>
        <translation>Notice of referral</translation>
    </message>
    <message>
        <source>人民调解结案报告表</source>
        <translation>Closing report</translation>
    </message>
    <message>
        <source>卷宗封面</source>
        <translation>Case file cover</translation>
    </message>
    <message>
        <source>卷内目录</source>
        <translation>Contents list</translation>
    </message>
    <message>
        <source>整本卷宗（按顺序）</source>
        <translation>The whole case file (in order)</translation>
    </message>
    <message>
        <source>受理登记</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>调查记录</source>
        <translation>Investigations</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>协议</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>显示完整证件号码和电话</source>
        <translation>Show full ID numbers and phones</translation>
    </message>
    <message>
        <source>添加照片或扫描件…</source>
        <translation>Add photo or scan…</translation>
    </message>
    <message>
        <source>从扫描文件夹添加…</source>
        <translation>Add from scanner folder…</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>（其他调委会的案件，只能查看）</source>
        <translation>(another committee&apos;s case: view only)</translation>
    </message>
    <message>
        <source>签署日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>（已过30日申请期限）</source>
        <translation> (past the 30-day deadline)</translation>
    </message>
    <message>
        <source>要看哪份文书？</source>
        <translation>Which document?</translation>
    </message>
    <message>
        <source>作废后案件从列表和查找中消失（日志中保留）。请写明作废原因：</source>
        <translation>A voided case disappears from the list and search (the log keeps it). Why is it voided?</translation>
    </message>
    <message>
        <source>请写明重新开启的原因：</source>
        <translation>Why is the case reopened?</translation>
    </message>
    <message>
        <source>确定要“%1”吗？</source>
        <translation>Really “%1”?</translation>
    </message>
    <message>
        <source>签署后的协议不能修改，只能新建更正版本（原版本保留）。请写明更正原因：</source>
        <translation>A signed agreement cannot be changed; a corrected version is made instead (the original stays). Why is it corrected?</translation>
    </message>
    <message>
        <source>各方当事人、调解员都已在协议书上签名（按指印）并盖章了吗？
签署日期：%1（协议从这天起生效）
确认后协议生效并锁定，不能再修改。</source>
        <translation>Have all parties and the mediator signed (or fingerprinted) the agreement, with the seal on it?
Signed on: %1 (the agreement takes effect that day)
Once confirmed it takes effect and is locked; it cannot be changed.</translation>
    </message>
    <message>
        <source>选择已签字协议的扫描件（可以跳过）</source>
        <translation>Choose the scan of the signed agreement (you may skip this)</translation>
    </message>
    <message>
        <source>还没有扫描件也可以：点「跳过」，协议照样签署生效，扫描件以后可以在「附件」里添加。</source>
        <translation>No scan yet? Click “Skip”: the agreement is signed all the same, and the scan can be added under Attachments later.</translation>
    </message>
    <message>
        <source>跳过，不附扫描件</source>
        <translation>Skip, no scan</translation>
    </message>
    <message>
        <source>签字协议书</source>
        <translation>Signed agreement</translation>
    </message>
    <message>
        <source>选择照片或扫描件</source>
        <translation>Choose a photo or scan</translation>
    </message>
    <message>
        <source>选择扫描仪保存文件的文件夹</source>
        <translation>Choose the folder the scanner saves to</translation>
    </message>
    <message>
        <source>扫描文件夹里没有新的文件。</source>
        <translation>No new files in the scanner folder.</translation>
    </message>
    <message>
        <source>选择要添加的扫描件</source>
        <translation>Choose the scans to add</translation>
    </message>
    <message>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>请写明删除这个附件的原因：</source>
        <translation>Why is this attachment deleted?</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>ConfirmationDialog</name>
    <message>
        <source>司法确认</source>
        <translation>Judicial confirmation</translation>
    </message>
    <message>
        <source>协议生效日期：%1。当事人应在生效之日起三十日内（至 %2）共同向人民法院申请司法确认（人民调解法第三十三条）。</source>
        <translation>The agreement took effect on %1. The parties may apply jointly to a people&apos;s court for judicial confirmation within 30 days (until %2; People&apos;s Mediation Law art. 33).</translation>
    </message>
    <message>
        <source>例如：某某县人民法院</source>
        <translation>e.g. Xihu District People&apos;s Court</translation>
    </message>
    <message>
        <source>法院尚未作出裁定</source>
        <translation>The court has not ruled yet</translation>
    </message>
    <message>
        <source>法院已裁定确认协议有效</source>
        <translation>The court confirmed the agreement valid</translation>
    </message>
    <message>
        <source>修改已登记的日期或法院时必须填写</source>
        <translation>Required when changing a date or court already recorded</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Applied on</translation>
    </message>
    <message>
        <source>受理法院</source>
        <translation>Court</translation>
    </message>
    <message>
        <source>法院裁定</source>
        <translation>Court&apos;s ruling</translation>
    </message>
    <message>
        <source>确认日期</source>
        <translation>Confirmed on</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <source>申请日期 %1 已超过协议生效后三十日的申请期限（%2），法院可能不予受理。
仍然按这个日期登记吗？</source>
        <translation>The application date %1 is after the 30-day limit (%2); the court may not accept it.
Record it with this date anyway?</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>%1月</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1年%2月</source>
        <translation>%1-%2</translation>
    </message>
    <message numerus="yes">
        <source>%n月</source>
        <translation>
            <numerusform>Month %n</numerusform>
            <numerusform>Month %n</numerusform>
        </translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>上半年</source>
        <translation>First half</translation>
    </message>
    <message>
        <source>下半年</source>
        <translation>Second half</translation>
    </message>
    <message>
        <source>程序出错了：%1。数据没有被改动。</source>
        <translation>Unexpected error: %1. Nothing was changed.</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>已取消。表中仍是“%1”的统计。</source>
        <translation>Cancelled. The table still shows the figures for %1.</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>单击表中的数字、柱形或扇形，列出其中的案件。</source>
        <translation>Click a figure, bar or slice to list its cases.</translation>
    </message>
    <message>
        <source>按受理日期统计</source>
        <translation>Counted by acceptance date</translation>
    </message>
    <message>
        <source>按结案日期统计</source>
        <translation>Counted by closing date</translation>
    </message>
    <message>
        <source>%1（%2）：受理纠纷 %3 件，调解成功 %4 件，调解成功率 %5。</source>
        <translation>%1 (%2): %3 disputes accepted, %4 mediated successfully, success rate %5.</translation>
    </message>
    <message>
        <source>纠纷数</source>
        <translation>Disputes</translation>
    </message>
    <message>
        <source>各月纠纷数</source>
        <translation>Disputes per month</translation>
    </message>
    <message>
        <source>各类纠纷数</source>
        <translation>Disputes per category</translation>
    </message>
    <message>
        <source>调解结果&#x3000;调解成功率 %1</source>
        <translation>Outcomes — success rate %1</translation>
    </message>
    <message numerus="yes">
        <source>“%1”（%2）：共 %3 件案件，其中 %n 件不公开调解的案件不列出</source>
        <translation>
            <numerusform>&quot;%1&quot; (%2): %3 cases; %n of them is a non-public mediation and is not listed</numerusform>
            <numerusform>&quot;%1&quot; (%2): %3 cases; %n of them are non-public mediations and are not listed</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”（%2）：共 %3 件案件</source>
        <translation>&quot;%1&quot; (%2): %3 cases</translation>
    </message>
    <message>
        <source>正在查找案件…</source>
        <translation>Finding the cases…</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>统计表</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message numerus="yes">
        <source>已保存：%1（%n 件不公开调解的案件未导出）</source>
        <translation>
            <numerusform>Saved: %1 (%n non-public case was not exported)</numerusform>
            <numerusform>Saved: %1 (%n non-public cases were not exported)</numerusform>
        </translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>半年</source>
        <translation>Half-year</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>按受理日期</source>
        <translation>By acceptance date</translation>
    </message>
    <message>
        <source>按结案日期</source>
        <translation>By closing date</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>统计口径</source>
        <translation>Counted by</translation>
    </message>
    <message>
        <source>导出统计表（PDF）…</source>
        <translation>Export statistics (PDF)…</translation>
    </message>
    <message>
        <source>导出统计表（Excel）…</source>
        <translation>Export statistics (Excel)…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>导入台账…</source>
        <translation>Import ledger…</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>按类型</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>调解结果</source>
        <translation>Outcomes</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>日期不能晚于 %1。</source>
        <translation>The date cannot be later than %1.</translation>
    </message>
    <message>
        <source>日期不能早于 %1。</source>
        <translation>The date cannot be earlier than %1.</translation>
    </message>
    <message>
        <source>时间不能晚于 %1。</source>
        <translation>The time cannot be later than %1.</translation>
    </message>
    <message>
        <source>这个数字放不进日期里，请按“年-月-日”输入，例如 2026-12-15。</source>
        <translation>That digit does not fit in a date: type year-month-day, e.g. 2026-12-15.</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>调解成功率</source>
        <translation>Success rate</translation>
    </message>
    <message>
        <source>单击列出这些案件</source>
        <translation>Click to list these cases</translation>
    </message>
    <message>
        <source>本栏合计：</source>
        <translation>This column sums: </translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>记录回访</source>
        <translation>Record a follow-up visit</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>未表示意见</source>
        <translation>Gave no opinion</translation>
    </message>
    <message>
        <source>因同一纠纷另行起诉、申请仲裁或上访</source>
        <translation>Sued, applied for arbitration or petitioned over the same dispute</translation>
    </message>
    <message>
        <source>没有就不填</source>
        <translation>Leave empty if there are none</translation>
    </message>
    <message>
        <source>回访日期</source>
        <translation>Visited on</translation>
    </message>
    <message>
        <source>回访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>被回访人</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>回访事由</source>
        <translation>Reason for the visit</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>当事人是否满意</source>
        <translation>Are the parties satisfied</translation>
    </message>
    <message>
        <source>存在的隐患</source>
        <translation>Remaining risks</translation>
    </message>
    <message>
        <source>采取的措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>回访情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>请填写被回访人。</source>
        <translation>Please enter the person visited.</translation>
    </message>
    <message>
        <source>请选择履行情况：已履行、部分履行还是未履行。</source>
        <translation>Please choose how the agreement was performed: performed, partly performed or not performed.</translation>
    </message>
    <message>
        <source>请选择当事人是否满意（当事人没有表态就选“未表示意见”）。</source>
        <translation>Please choose whether the parties are satisfied (if they did not say, choose &quot;Gave no opinion&quot;).</translation>
    </message>
</context>
<context>
    <name>ImageDialog</name>
    <message>
        <source>这个文件不是能显示的图片。</source>
        <translation>This file is not an image that can be shown.</translation>
    </message>
</context>
<context>
    <name>InvestigationDialog</name>
    <message>
        <source>记录一次调查</source>
        <translation>Record an investigation</translation>
    </message>
    <message>
        <source>问：……
答：……</source>
        <translation>Q: …
A: …</translation>
    </message>
    <message>
        <source>调查时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>调查地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>被调查人</source>
        <translation>Interviewee</translation>
    </message>
    <message>
        <source>在场人</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>调查人</source>
        <translation>Investigator</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>调查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>请填写被调查人（向谁调查）。</source>
        <translation>Please enter the person interviewed.</translation>
    </message>
    <message>
        <source>请写明调查情况（问了什么、怎么回答的）。</source>
        <translation>Please write down the investigation (what was asked and what was answered).</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在完成，请稍候…</source>
        <translation>Finishing, please wait…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>不予调解</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>主动调解</source>
        <translation>Own initiative</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township (street)</translation>
    </message>
    <message>
        <source>书面协议</source>
        <translation>Written agreement</translation>
    </message>
    <message>
        <source>信访部门委托移送</source>
        <translation>Referred by the petitions office</translation>
    </message>
    <message>
        <source>公安机关委托移送</source>
        <translation>Referred by the police</translation>
    </message>
    <message>
        <source>其他部门委托移送</source>
        <translation>Referred by another body</translation>
    </message>
    <message>
        <source>县（区）</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>口头协议</source>
        <translation>Oral agreement</translation>
    </message>
    <message>
        <source>司法所工作人员</source>
        <translation>Township clerk</translation>
    </message>
    <message>
        <source>尚未履行</source>
        <translation>Not yet performed</translation>
    </message>
    <message>
        <source>履行完毕</source>
        <translation>Performed</translation>
    </message>
    <message>
        <source>已履行</source>
        <translation>Performed</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>已移交</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>延期调解</source>
        <translation>Postponed</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>当事人申请</source>
        <translation>Parties&apos; application</translation>
    </message>
    <message>
        <source>恢复调解</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>未履行</source>
        <translation>Not performed</translation>
    </message>
    <message>
        <source>未达成协议</source>
        <translation>No agreement</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>村（居）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>检察院委托移送</source>
        <translation>Referred by the procuratorate</translation>
    </message>
    <message>
        <source>法院委托移送</source>
        <translation>Referred by the court</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>第三人</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>终止调解</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <source>被申请人</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <source>调委会主任</source>
        <translation>Committee director</translation>
    </message>
    <message>
        <source>调查</source>
        <translation>Investigate</translation>
    </message>
    <message>
        <source>调查中</source>
        <translation>Investigating</translation>
    </message>
    <message>
        <source>调解</source>
        <translation>Mediate</translation>
    </message>
    <message>
        <source>调解不成（终止）</source>
        <translation>Failed (terminated)</translation>
    </message>
    <message>
        <source>调解中</source>
        <translation>Mediating</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>达成协议</source>
        <translation>Agreement reached</translation>
    </message>
    <message>
        <source>达成协议（履行中）</source>
        <translation>Agreed (being performed)</translation>
    </message>
    <message>
        <source>部分履行</source>
        <translation>Partly performed</translation>
    </message>
    <message>
        <source>重新开启</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>其他材料</source>
        <translation>Other material</translation>
    </message>
    <message>
        <source>履行凭证</source>
        <translation>Proof of performance</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>证据材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>签字协议书扫描件</source>
        <translation>Scan of the signed agreement</translation>
    </message>
</context>
<context>
    <name>LedgerImportDialog</name>
    <message>
        <source>选择台账文件</source>
        <translation>Choose a ledger file</translation>
    </message>
    <message>
        <source>台账文件 (*.xlsx *.xls *.csv)</source>
        <translation>Ledger files (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>程序出错了：%1。数据没有被改动。</source>
        <translation>Unexpected error: %1. Nothing was changed.</translation>
    </message>
    <message>
        <source>正在读取台账…</source>
        <translation>Reading the ledger…</translation>
    </message>
    <message>
        <source>正在检查每一行…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>（没有这一列）</source>
        <translation>(no such column)</translation>
    </message>
    <message>
        <source>第%1列</source>
        <translation>Column %1</translation>
    </message>
    <message>
        <source>共 %1 行：%2 行将导入，%3 行已经有了（跳过），%4 行有错误（不导入）。确认无误后请点“确认导入”；在此之前不会写入任何数据。</source>
        <translation>%1 rows: %2 will be imported, %3 are already here (skipped), %4 have errors (not imported). Click &quot;Confirm import&quot; when this is right; nothing is written before that.</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>not imported</translation>
    </message>
    <message>
        <source>各列的读法：%1</source>
        <translation>How the columns are read: %1</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>已取消导入：没有写入任何案件。</source>
        <translation>Import cancelled: no case was written.</translation>
    </message>
    <message>
        <source>导入台账</source>
        <translation>Import a ledger</translation>
    </message>
    <message>
        <source>选择村里原有的台账文件（Excel .xlsx、.xls 或 CSV）。下一步可以核对每一列的含义，再预览每一行；确认之前不会写入任何数据，同一个文件导入两次也不会重复。</source>
        <translation>Choose the village&apos;s existing ledger (Excel .xlsx, .xls or CSV). Next you can check what each column means, then preview every row; nothing is written before you confirm, and importing the same file twice adds nothing.</translation>
    </message>
    <message>
        <source>台账文件</source>
        <translation>Ledger file</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>这是本单位自己的台账（标题写着别的村、社区的名字，也作为本单位的案件导入）</source>
        <translation>This is our own ledger (import it as this unit&apos;s cases even if its title names a village or community)</translation>
    </message>
    <message>
        <source>左边是文件的前几行。请在右边为每一项选择文件中对应的列（带＊的必须有）；程序已按表头猜好，可以修改。</source>
        <translation>On the left are the file&apos;s first rows. On the right, choose the file&apos;s column for each item (those marked * are required); the program guessed from the headers, and you can change it.</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>调解工作台 — 请登录</source>
        <translation>Mediation Desktop — please sign in</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>忘记主任密码？</source>
        <translation>Forgot the director&apos;s password?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>正在完成自动备份，请稍候…</source>
        <translation>Finishing the automatic backup, please wait…</translation>
    </message>
    <message>
        <source>调解工作台</source>
        <translation>Mediation Desktop</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>交换（U盘）</source>
        <translation>Exchange (USB)</translation>
    </message>
    <message>
        <source>日志</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>锁定 / 切换用户</source>
        <translation>Lock / switch user</translation>
    </message>
    <message>
        <source>用户管理…</source>
        <translation>Users…</translation>
    </message>
    <message>
        <source>保管期限到期…</source>
        <translation>Retention due…</translation>
    </message>
    <message>
        <source>数据备份…</source>
        <translation>Backups…</translation>
    </message>
    <message>
        <source>排查登记…</source>
        <translation>Screening register…</translation>
    </message>
    <message>
        <source>调解员名册…</source>
        <translation>Mediator roster…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>大字</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>当前用户：%1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 件案件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>有一份没有填完的案件登记（%1 自动保存），要接着填吗？</source>
        <translation>An unfinished case registration was saved automatically at %1. Continue with it?</translation>
    </message>
    <message>
        <source>案件 %1 有一份没有填完的“%2”（%3 自动保存），要接着填吗？</source>
        <translation>Case %1 has an unfinished &quot;%2&quot; (saved automatically at %3). Continue with it?</translation>
    </message>
    <message>
        <source>调查记录</source>
        <translation>Investigation</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Mediation session</translation>
    </message>
    <message>
        <source>口头协议</source>
        <translation>Oral agreement</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>人民调解协议书</source>
        <translation>Mediation agreement</translation>
    </message>
    <message>
        <source>修改登记</source>
        <translation>Correct registration</translation>
    </message>
    <message>
        <source>选“丢弃草稿”将删除这份草稿；选“以后再说”保留它。</source>
        <translation>“Discard draft” deletes this draft; “Later” keeps it.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>新建账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>OralAgreementDialog</name>
    <message>
        <source>登记口头协议</source>
        <translation>Record an oral agreement</translation>
    </message>
    <message>
        <source>更正口头协议</source>
        <translation>Correct the oral agreement</translation>
    </message>
    <message>
        <source>每行一条协议内容</source>
        <translation>One term per line</translation>
    </message>
    <message>
        <source>达成日期</source>
        <translation>Date reached</translation>
    </message>
    <message>
        <source>协议内容</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>履行方式</source>
        <translation>Manner of performance</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>各方当事人都已当面同意这些协议内容了吗？
达成日期：%1（协议从这天起生效）
保存后协议生效并锁定，不能再修改，只能更正。</source>
        <translation>Have all parties agreed to these terms in person?
Reached on: %1 (the agreement takes effect that day)
Once saved it takes effect and is locked; it cannot be changed, only corrected.</translation>
    </message>
    <message>
        <source>请写明协议内容（每行一条）。</source>
        <translation>Write the terms (one per line).</translation>
    </message>
</context>
<context>
    <name>PaperPagesDialog</name>
    <message>
        <source>当事人身份证明</source>
        <translation>Parties&apos; identity papers</translation>
    </message>
    <message>
        <source>授权委托书</source>
        <translation>Powers of attorney</translation>
    </message>
    <message>
        <source>纸质证据材料</source>
        <translation>Evidence on paper</translation>
    </message>
    <message>
        <source>收条、汇款单等履行凭证（纸质）</source>
        <translation>Receipts, transfer slips and other proof of performance (paper)</translation>
    </message>
    <message>
        <source>司法确认有关材料（纸质）</source>
        <translation>Judicial confirmation papers (paper)</translation>
    </message>
    <message>
        <source>卷宗纸质材料页数</source>
        <translation>Paper pages of the case file</translation>
    </message>
    <message>
        <source> 页</source>
        <translation> pages</translation>
    </message>
    <message>
        <source>这些材料不由本程序打印，随卷装订；填写页数后，卷内目录的页号与装订后的页码一致。</source>
        <translation>These papers are not printed by the program but bound into the file; with their pages entered, the contents&apos; page numbers match the bound file.</translation>
    </message>
</context>
<context>
    <name>PartyDetailDialog</name>
    <message>
        <source>当事人详细情况</source>
        <translation>Party details</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source> 岁</source>
        <translation> yrs</translation>
    </message>
    <message>
        <source>例如：农民、个体户、村民小组长</source>
        <translation>e.g. farmer, self-employed, villagers&apos; group leader</translation>
    </message>
    <message>
        <source>例如：法定代表人、厂长、经理</source>
        <translation>e.g. legal representative, director, manager</translation>
    </message>
    <message>
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>职业或职务</source>
        <translation>Occupation or post</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>法定代表人或主要负责人</source>
        <translation>Legal representative or person in charge</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>按身份证号码：%1，%2 出生。性别和年龄可以不填。</source>
        <translation>From the ID number: %1, born %2. Sex and age may be left empty.</translation>
    </message>
    <message>
        <source>法定代理人（未成年人等的监护人）</source>
        <translation>Legal representative (the guardian of a minor or other ward)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>与当事人关系</source>
        <translation>Relation to the party</translation>
    </message>
    <message>
        <source>例如：父亲、母亲、祖父、监护人</source>
        <translation>e.g. father, mother, grandfather, guardian</translation>
    </message>
    <message>
        <source>未满十八周岁的当事人，由法定代理人一同参加调解，并在协议上签名。</source>
        <translation>A party under eighteen takes part in the mediation with their legal representative, who signs the agreement.</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>PartyTable</name>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>姓名或名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号或信用代码</source>
        <translation>ID number or credit code</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址或单位</source>
        <translation>Address or employer</translation>
    </message>
    <message>
        <source>个人/单位</source>
        <translation>Person/unit</translation>
    </message>
    <message>
        <source>详细情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>被申请人</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <source>第三人</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>（按身份证或不填）</source>
        <translation>(from the ID, or leave empty)</translation>
    </message>
    <message>
        <source>%1岁</source>
        <translation>%1 yrs</translation>
    </message>
    <message>
        <source>详细…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>性别、年龄、民族、职业或职务、法定代理人；单位的法定代表人或主要负责人</source>
        <translation>Sex, age, ethnic group, occupation or post, legal representative; a unit&apos;s legal representative or person in charge</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>法定代理人：%1</source>
        <translation>legal representative: %1</translation>
    </message>
    <message>
        <source>第%1行（%2）</source>
        <translation>Row %1 (%2)</translation>
    </message>
    <message>
        <source>第%1行</source>
        <translation>Row %1</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>如果这是单位的统一社会信用代码，请在“个人/单位”一栏选“单位”。</source>
        <translation>If this is a unit&apos;s unified social credit code, choose &quot;Unit&quot; in the Person/unit column.</translation>
    </message>
    <message>
        <source>统一社会信用代码正确</source>
        <translation>The unified social credit code is correct</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>。未成年人：请在“详细情况”里填写法定代理人（监护人），由其一同参加调解，并在协议上签名</source>
        <translation>. A minor: enter their legal representative (guardian) under Details; the guardian takes part in the mediation and signs the agreement</translation>
    </message>
    <message>
        <source>。%1</source>
        <translation>. %1</translation>
    </message>
    <message>
        <source>%1：%2 岁</source>
        <translation>%1: aged %2</translation>
    </message>
    <message>
        <source>%1：%2，%3 出生，%4 岁</source>
        <translation>%1: %2, born %3, aged %4</translation>
    </message>
    <message>
        <source>选择当事人名单</source>
        <translation>Choose the list of parties</translation>
    </message>
    <message>
        <source>已从名单导入 %1 人，请核对标出的证件号码。</source>
        <translation>%1 people imported from the list; check any ID number marked.</translation>
    </message>
</context>
<context>
    <name>PastePartyListDialog</name>
    <message>
        <source>粘贴当事人名单</source>
        <translation>Paste a list of parties</translation>
    </message>
    <message>
        <source>每行一人：姓名、身份证号、电话、住址（可直接从表格复制）</source>
        <translation>One person per line: name, ID number, phone, address (copy straight from a spreadsheet)</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PdfPane</name>
    <message>
        <source>把这份文书另存为 PDF</source>
        <translation>Save this document as PDF</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <source>已送到打印机</source>
        <translation>Sent to the printer</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>PreventedDialog</name>
    <message>
        <source>防止纠纷激化</source>
        <translation>Escalation prevented</translation>
    </message>
    <message>
        <source>防止民转刑</source>
        <translation>Prevented from turning criminal</translation>
    </message>
    <message>
        <source>防止群体性上访</source>
        <translation>Prevented a group petition</translation>
    </message>
    <message>
        <source>防止自杀</source>
        <translation>Prevented a suicide</translation>
    </message>
    <message>
        <source>制止群体性械斗</source>
        <translation>Stopped a group fight</translation>
    </message>
    <message>
        <source>涉及几个人</source>
        <translation>how many persons</translation>
    </message>
    <message>
        <source>涉及人数</source>
        <translation>Persons involved</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>原编号</source>
        <translation>Original number</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicants</translation>
    </message>
    <message>
        <source>被申请人</source>
        <translation>Respondents</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>案件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>协议形式</source>
        <translation>Agreement form</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>案件状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>调解结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>调解成功</source>
        <translation>Settled</translation>
    </message>
    <message>
        <source>调解不成</source>
        <translation>Not settled</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>调解中</source>
        <translation>Being mediated</translation>
    </message>
    <message>
        <source>不予调解</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>已移交</source>
        <translation>Referred up</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>将导入</source>
        <translation>Will be imported</translation>
    </message>
    <message>
        <source>已有，跳过</source>
        <translation>Already here, skipped</translation>
    </message>
    <message>
        <source>有错误，不导入</source>
        <translation>Error, not imported</translation>
    </message>
    <message>
        <source>“%1”第 %2 行</source>
        <translation>Sheet '%1', row %2</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>填写的内容还没有保存。要保留草稿，下次接着填吗？
选“不保留”将丢弃已填写的内容。</source>
        <translation>What you typed is not saved yet. Keep it as a draft to continue later?
“Don’t keep” discards it.</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>忘记主任密码</source>
        <translation>Forgotten director&apos;s password</translation>
    </message>
    <message>
        <source>主任用户名</source>
        <translation>Director&apos;s user name</translation>
    </message>
    <message>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>主任密码恢复码</source>
        <translation>Director&apos;s recovery code</translation>
    </message>
    <message>
        <source>请把这个恢复码抄写在纸上（或打印），锁在调委会文件柜里。
忘记主任密码时，在登录页点“忘记密码”，用它设置新密码。恢复码用过一次就会换新的。</source>
        <translation>Write this recovery code on paper (or print it) and lock it in the committee&apos;s cabinet.
If the director&apos;s password is forgotten, click &quot;Forgot&quot; on the sign-in page and set a new one with it. A code works once and is then replaced.</translation>
    </message>
    <message>
        <source>我已抄好</source>
        <translation>I have written it down</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>移交</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>接收单位代码</source>
        <translation>Receiving body&apos;s code</translation>
    </message>
    <message>
        <source>接收单位名称</source>
        <translation>Receiving body&apos;s name</translation>
    </message>
    <message>
        <source>移交原因</source>
        <translation>Reason for referral</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <source>当事人申请</source>
        <translation>Application by a party</translation>
    </message>
    <message>
        <source>主动调解</source>
        <translation>On the committee&apos;s initiative</translation>
    </message>
    <message>
        <source>法院委托移送</source>
        <translation>Referred by a court</translation>
    </message>
    <message>
        <source>公安机关委托移送</source>
        <translation>Referred by the police</translation>
    </message>
    <message>
        <source>检察院委托移送</source>
        <translation>Referred by the procuratorate</translation>
    </message>
    <message>
        <source>信访部门委托移送</source>
        <translation>Referred by the petitions office</translation>
    </message>
    <message>
        <source>其他部门委托移送</source>
        <translation>Referred by another body</translation>
    </message>
    <message>
        <source>受理登记</source>
        <translation>Register a case</translation>
    </message>
    <message>
        <source>修改登记</source>
        <translation>Correct registration</translation>
    </message>
    <message>
        <source>    其中：</source>
        <translation>    of which: </translation>
    </message>
    <message>
        <source>请选择…</source>
        <translation>Please choose…</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>添加当事人</source>
        <translation>Add party</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>粘贴名单…</source>
        <translation>Paste a list…</translation>
    </message>
    <message>
        <source>从表格文件导入…</source>
        <translation>Import from spreadsheet…</translation>
    </message>
    <message>
        <source>Tab 键逐格移动，最后一格之后离开表格；Ctrl+Tab 直接离开表格。</source>
        <translation>Tab moves cell by cell and leaves the table after the last cell; Ctrl+Tab leaves it at once.</translation>
    </message>
    <message>
        <source>案件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
    <message>
        <source>申请事项（每行一项）</source>
        <translation>Requests (one per line)</translation>
    </message>
    <message>
        <source>涉及金额（元）</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>有激化风险（须及时报告）</source>
        <translation>Risk of escalation (report promptly)</translation>
    </message>
    <message>
        <source>不公开调解</source>
        <translation>Non-public mediation</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>另有 %1 行也要改正，已用红色标出。</source>
        <translation>%1 more row(s) need correcting; they are marked in red.</translation>
    </message>
    <message>
        <source>这个案件已经结案。请写明修改的原因：</source>
        <translation>This case is closed. Why is it being changed?</translation>
    </message>
    <message>
        <source>案件还没有保存。要保留草稿，下次接着填吗？
选“不保留”将丢弃已填写的内容。</source>
        <translation>The case is not saved yet. Keep it as a draft to continue next time?
Choosing “Don’t keep” discards what was typed.</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>保管期限到期的案件</source>
        <translation>Cases past their retention period</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>结案日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>保管期限</source>
        <translation>Retention</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>清除会删去当事人的姓名、证件号码、电话、住址和案情记录，只留下案件编号、日期、类型和结果供统计使用；清除不能撤销，并记入日志。</source>
        <translation>Purging removes the parties&apos; names, ID numbers, phones, addresses and the case notes, keeping only the case number, dates, category and outcome for the statistics. A purge cannot be undone and is recorded in the log.</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>清除…</source>
        <translation>Purge…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>清除 %1 的原因（将记入日志）：</source>
        <translation>Why is %1 purged (recorded in the log)?</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <source>调解员名册</source>
        <translation>Mediator roster</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>专职</source>
        <translation>Full-time</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>在任</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>专职调解员</source>
        <translation>Full-time mediator</translation>
    </message>
    <message>
        <source>新增调解员</source>
        <translation>New mediator</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>在任调解员 %1 人，其中专职 %2 人</source>
        <translation>%1 mediators serving, %2 of them full-time</translation>
    </message>
    <message>
        <source>这里是本单位自己的调解员名册；各村的名册随数据包汇入，只计入统计，不在这里列出。</source>
        <translation>This is this office&apos;s own mediator roster; the villages&apos; rosters come in with their data bundles and are counted in the statistics only, not listed here.</translation>
    </message>
    <message>
        <source>名册里已有在任的%1。是同名的另一个人吗？</source>
        <translation>%1 is already serving on the roster. Is this another person of the same name?</translation>
    </message>
</context>
<context>
    <name>ScreeningDialog</name>
    <message>
        <source>矛盾纠纷排查登记</source>
        <translation>Dispute screening register</translation>
    </message>
    <message>
        <source>排查日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>地点或走访户</source>
        <translation>Place or households</translation>
    </message>
    <message>
        <source>排查人</source>
        <translation>Screened by</translation>
    </message>
    <message>
        <source>发现纠纷</source>
        <translation>Disputes found</translation>
    </message>
    <message>
        <source>预防</source>
        <translation>Prevented</translation>
    </message>
    <message>
        <source>发现的纠纷</source>
        <translation>Dispute found</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>新增排查…</source>
        <translation>New screening…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除这次排查</source>
        <translation>Remove this screening</translation>
    </message>
    <message>
        <source>登记为案件…</source>
        <translation>Register as a case…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>这次排查发现的纠纷</source>
        <translation>Disputes this screening found</translation>
    </message>
    <message>
        <source>（%1 户）</source>
        <translation> (%1 households)</translation>
    </message>
    <message>
        <source>已登记为案件</source>
        <translation>Registered as a case</translation>
    </message>
    <message>
        <source>已就地化解</source>
        <translation>Settled on the spot</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>这里是本单位自己的排查登记；各村的排查随数据包汇入，只计入统计，不在这里列出。</source>
        <translation>This is this office&apos;s own screening register; the villages&apos; screenings come in with their data bundles and are counted in the statistics only, not listed here.</translation>
    </message>
    <message>
        <source>您的账号只能查看，不能新增或修改。</source>
        <translation>Your account can view the register, not add to it or change it.</translation>
    </message>
    <message>
        <source>这条纠纷已标为“已就地化解”，计入预防纠纷。登记为案件后，它就不再算作预防纠纷。继续登记为案件吗？</source>
        <translation>This dispute is marked settled on the spot and counted as prevented. Once registered as a case it is no longer counted as prevented. Register it as a case?</translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message>
        <source>排查登记</source>
        <translation>Screening</translation>
    </message>
    <message>
        <source>修改排查登记</source>
        <translation>Edit screening</translation>
    </message>
    <message>
        <source>如：三组、四组，或走访的户</source>
        <translation>e.g. groups 3 and 4, or the households visited</translation>
    </message>
    <message>
        <source>不清楚可不填</source>
        <translation>leave empty if not counted</translation>
    </message>
    <message>
        <source>排查日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>排查地点或走访户</source>
        <translation>Place or households visited</translation>
    </message>
    <message>
        <source>走访户数</source>
        <translation>Households visited</translation>
    </message>
    <message>
        <source>排查人</source>
        <translation>Screened by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>发现的纠纷（简要情况）</source>
        <translation>Dispute found (short description)</translation>
    </message>
    <message>
        <source>已就地化解（预防）</source>
        <translation>Settled on the spot (prevented)</translation>
    </message>
    <message>
        <source>添加一条纠纷</source>
        <translation>Add a dispute</translation>
    </message>
    <message>
        <source>删除所选纠纷</source>
        <translation>Remove selected dispute</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>排查发现的纠纷</source>
        <translation>Disputes found</translation>
    </message>
    <message>
        <source>已登记为案件，不再算作就地化解</source>
        <translation>Registered as a case: no longer counted as settled on the spot</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>记录一次调解</source>
        <translation>Record a session</translation>
    </message>
    <message>
        <source>背靠背（分别与各方谈）</source>
        <translation>Back to back (each party separately)</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>调解时间</source>
        <translation>Time of the session</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>到场当事人</source>
        <translation>Parties present</translation>
    </message>
    <message>
        <source>参加人（邀请协助的人）</source>
        <translation>Invited participants</translation>
    </message>
    <message>
        <source>调解经过</source>
        <translation>Course of the session</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>请写明调解经过（各方怎么说、怎么调解的）。</source>
        <translation>Please write down how the session went (what each side said and how it was mediated).</translation>
    </message>
    <message>
        <source>请选择这次调解的结果（达成协议、延期调解……）。</source>
        <translation>Please choose how this session ended (agreement reached, postponed …).</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
</context>
<context>
    <name>FirstRestore</name>
    <message>
        <source>备份文件：%1
备份时间：%2
调委会：%3（%4）
案件 %5 个，附件 %6 个。
检查结果：完好。</source>
        <translation>Backup file: %1
Made: %2
Committee: %3 (%4)
%5 cases, %6 attachments.
Check: intact.</translation>
    </message>
    <message>
        <source>选择要恢复的备份文件</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>备份文件 (*.zip);;所有文件 (*)</source>
        <translation>Backup files (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>打开加密的备份</source>
        <translation>Open an encrypted backup</translation>
    </message>
    <message>
        <source>这个备份是加密的。请输入恢复码或主任的密码（做这个备份时有效的）：</source>
        <translation>This backup is encrypted. Enter the recovery code or a director&apos;s password (the one valid when the backup was made):</translation>
    </message>
    <message>
        <source>用这个备份恢复本调委会的全部数据吗？
恢复后请用备份里的账户和密码登录（就是原来电脑上用的）。</source>
        <translation>Restore all of this committee&apos;s data from this backup?
Afterwards, sign in with the accounts and passwords in the backup (those used on the old computer).</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>正在检查备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <source>程序出错了：%1。数据没有被改动。</source>
        <translation>The program ran into an error: %1. Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>换了新电脑？有本调委会的备份文件（U盘上的备份，或原电脑数据文件夹里的备份），就不用重新设置：</source>
        <translation>A new computer? With this committee&apos;s backup (the one on a USB stick, or one from the old computer&apos;s data folder) there is nothing to set up:</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>首次设置</source>
        <translation>First-run set-up</translation>
    </message>
    <message>
        <source>例如 330102001</source>
        <translation>e.g. 330102001</translation>
    </message>
    <message>
        <source>例如 石桥村人民调解委员会</source>
        <translation>e.g. Shiqiao Village People&apos;s Mediation Committee</translation>
    </message>
    <message>
        <source>村（居）调委会</source>
        <translation>Village (residents&apos;) committee</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township (street)</translation>
    </message>
    <message>
        <source>县（区）</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>机构代码</source>
        <translation>Org. code</translation>
    </message>
    <message>
        <source>调委会名称</source>
        <translation>Committee name</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>上级机构代码</source>
        <translation>Parent org. code</translation>
    </message>
    <message>
        <source>主任用户名</source>
        <translation>Director&apos;s user name</translation>
    </message>
    <message>
        <source>主任姓名</source>
        <translation>Director&apos;s name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>载入演示案件（用于熟悉程序）</source>
        <translation>Load demo cases (to get to know the program)</translation>
    </message>
    <message>
        <source>完成设置</source>
        <translation>Finish set-up</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的密码不一样。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>正在载入演示案件…</source>
        <translation>Loading demo cases…</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <source>第%1列</source>
        <translation>Column %1</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>调解工作台</source>
        <translation>Mediation Desktop</translation>
    </message>
    <message>
        <source>正在打开数据，请稍候……</source>
        <translation>Opening the data, please wait…</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>把调解数据包保存到哪里</source>
        <translation>Where to save the mediation data bundle</translation>
    </message>
    <message>
        <source>选择要导入的调解数据包或回执</source>
        <translation>Choose the data bundles or receipts to import</translation>
    </message>
    <message>
        <source>调解数据包 (*.zip)</source>
        <translation>Mediation bundles (*.zip)</translation>
    </message>
    <message>
        <source>调解数据包、回执 (*.zip);;所有文件 (*)</source>
        <translation>Mediation bundles and receipts (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>把回执存到哪个文件夹</source>
        <translation>Folder to save the receipts in</translation>
    </message>
    <message>
        <source>导出：交给上级（乡镇司法所）</source>
        <translation>Export: for the level above (township justice office)</translation>
    </message>
    <message>
        <source>导出：交给上级（县（市、区）司法局）</source>
        <translation>Export: for the level above (the county&apos;s justice bureau)</translation>
    </message>
    <message>
        <source>导出：交给上级</source>
        <translation>Export: for the level above</translation>
    </message>
    <message>
        <source>导出全部（不只是上次回执以来的变化）</source>
        <translation>Export everything (not only the changes since the last receipt)</translation>
    </message>
    <message>
        <source>不加密</source>
        <translation>Do not encrypt</translation>
    </message>
    <message>
        <source>导出到文件…</source>
        <translation>Export to file…</translation>
    </message>
    <message>
        <source>导入：村里的数据包、上级的参考数据包、回执</source>
        <translation>Import: village bundles, reference bundles from above, receipts</translation>
    </message>
    <message>
        <source>选择文件并预演…</source>
        <translation>Choose files and preview…</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>回执另存到…</source>
        <translation>Save the receipts elsewhere…</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>From</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>较旧</source>
        <translation>Older</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已导出的数据包：上级导入后带回回执，在这里导入回执即显示“已送达”</source>
        <translation>Exported bundles: when the level above has imported one, bring back its receipt and import it here to show &quot;Delivered&quot;</translation>
    </message>
    <message>
        <source>导出时间</source>
        <translation>Exported at</translation>
    </message>
    <message>
        <source>加密</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>未收到回执</source>
        <translation>No receipt yet</translation>
    </message>
    <message>
        <source>已送达（%1）</source>
        <translation>Delivered (%1)</translation>
    </message>
    <message>
        <source>，其中 %1 条被拒收</source>
        <translation>, %1 records refused</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>正在导出并核对…</source>
        <translation>Exporting and checking…</translation>
    </message>
    <message>
        <source>已取消导出：没有写出文件。</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
    <message>
        <source>已写入并核对：%1（%2 件案件，%3 条记录%4）。现在可以拔下U盘。</source>
        <translation>Written and checked: %1 (%2 cases, %3 records%4). The USB stick may be removed now.</translation>
    </message>
    <message>
        <source>以上是本单位自己的记录；另转发下级 %1 个单位的数据包 %2 个（其中案件记录 %3 条）。</source>
        <translation>Those are this unit&apos;s own records; it also forwards %2 bundles from %1 units below (%3 case records).</translation>
    </message>
    <message>
        <source>，已加密</source>
        <translation>, encrypted</translation>
    </message>
    <message>
        <source>正在核对数据包…</source>
        <translation>Checking the bundles…</translation>
    </message>
    <message>
        <source>已取消核对。</source>
        <translation>Check cancelled.</translation>
    </message>
    <message>
        <source>数据包来自尚未信任的单位：%1（%2）
密钥指纹：%3

请打电话与对方核对这个指纹。指纹一致才信任它。要信任并继续预演吗？</source>
        <translation>The bundle comes from a unit not trusted yet: %1 (%2)
Key fingerprint: %3

Phone them and compare this fingerprint. Trust it only if it matches. Trust it and go on with the preview?</translation>
    </message>
    <message>
        <source>没有信任 %1（%2）的密钥，什么也没有导入。与对方核对指纹后，再选择文件预演即可。</source>
        <translation>The key of %1 (%2) was not trusted; nothing was imported. Check the fingerprint with them, then choose the files again for a dry run.</translation>
    </message>
    <message>
        <source>以上是预演：还没有写入任何数据。核对无误后点“确认导入”。</source>
        <translation>This is a preview: nothing is written yet. Click &quot;Confirm import&quot; when it is right.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>已取消导入：数据库没有任何改变。</source>
        <translation>Import cancelled: nothing in the database was changed.</translation>
    </message>
    <message>
        <source>已导入（一次完成）。</source>
        <translation>Imported (all at once).</translation>
    </message>
    <message>
        <source>回执已写到：%1 ——请把回执带回给对方导入。</source>
        <translation>Receipt written to %1 — take it back to the sender to import.</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>参考数据</source>
        <translation>Reference data</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>调查记录</source>
        <translation>Investigation</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Mediation session</translation>
    </message>
    <message>
        <source>协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>移交记录</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>调解员名册</source>
        <translation>Mediator roster</translation>
    </message>
    <message>
        <source>排查登记</source>
        <translation>Screening</translation>
    </message>
    <message>
        <source>排查发现的纠纷</source>
        <translation>Dispute found by screening</translation>
    </message>
    <message>
        <source>这个案件由别的调委会管理，发送方不能修改它</source>
        <translation>this case is managed by another committee; the sender may not change it</translation>
    </message>
    <message>
        <source>案件编号已被本机另一个案件使用</source>
        <translation>the case number is already used by another case here</translation>
    </message>
    <message>
        <source>它所属的案件不在这个数据包里，本机也没有</source>
        <translation>its case is neither in this bundle nor on this computer</translation>
    </message>
    <message>
        <source>附件文件缺失或内容不符</source>
        <translation>the attachment file is missing or does not match</translation>
    </message>
    <message>
        <source>附件内容与它所说的类型不符（只收 PDF、图片），没有收下</source>
        <translation>the attachment&apos;s content is not the type it says (PDFs and images only); not taken</translation>
    </message>
    <message>
        <source>还没有导入上级调委会的密钥，数据包将不加密：拿到U盘的人都能看到当事人的信息。
仍然导出不加密的数据包吗？</source>
        <translation>The key of the committee above has not been imported, so the bundle will not be encrypted: anyone who finds the USB stick can read the parties&apos; details.
Export an unencrypted bundle anyway?</translation>
    </message>
    <message>
        <source>［已导入过］</source>
        <translation> [imported before]</translation>
    </message>
    <message>
        <source>导出参考数据包…</source>
        <translation>Export reference bundle…</translation>
    </message>
    <message>
        <source>写出给下级的参考数据包：本单位的公钥、下辖单位名册、分类和文书用语。下级导入后，导出的数据包就能加密。</source>
        <translation>Write the reference bundle for the units below: this unit's public key, the roster of the units below, the categories and the document wording. Once they import it, their bundles can be encrypted.</translation>
    </message>
    <message>
        <source>把参考数据包存到哪个文件夹</source>
        <translation>Folder to save the reference bundle in</translation>
    </message>
    <message>
        <source>本单位的密钥指纹：对方第一次导入本单位的文件时，会请他打电话与您核对。请把右边的指纹念给对方，一致才信任。</source>
        <translation>This unit&apos;s key fingerprint: the first time the other side imports a file from this unit, they are told to check it with you by phone. Read them the fingerprint on the right; they trust it only if it matches.</translation>
    </message>
    <message>
        <source>正在导出参考数据包…</source>
        <translation>Exporting the reference bundle…</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>案件（记录）：案件数，括号里是记录数（当事人、调解记录、协议等都各算一条）</source>
        <translation>Cases (records): the number of cases, with the number of records in brackets (each party, session record, agreement and so on is one record)</translation>
    </message>
    <message>
        <source>新增案件 %1 件（记录 %2 条）</source>
        <translation>New: %1 cases (%2 records)</translation>
    </message>
    <message>
        <source>未变案件 %1 件（记录 %2 条）</source>
        <translation>Unchanged: %1 cases (%2 records)</translation>
    </message>
    <message>
        <source>更新案件 %1 件（记录 %2 条）</source>
        <translation>Updated: %1 cases (%2 records)</translation>
    </message>
    <message>
        <source>较旧案件 %1 件（记录 %2 条）</source>
        <translation>Older: %1 cases (%2 records)</translation>
    </message>
    <message>
        <source>冲突案件 %1 件（记录 %2 条）</source>
        <translation>Conflicts: %1 cases (%2 records)</translation>
    </message>
    <message>
        <source>拒收案件 %1 件（记录 %2 条）</source>
        <translation>Refused: %1 cases (%2 records)</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>没有问题。选中左边一行，可在这里看它的详情。</source>
        <translation>No problems. Select a row on the left to see its details here.</translation>
    </message>
    <message>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>这个数据包以前已经导入过，这次不会再改变什么。</source>
        <translation>This bundle was imported before; nothing changes this time.</translation>
    </message>
    <message>
        <source>参考数据：上级的公钥、下辖单位名册、分类和文书用语。</source>
        <translation>Reference data: the level above's public key, the roster of the units below it, the categories and the document wording.</translation>
    </message>
    <message>
        <source>　%1：%2 条（新增 %3）</source>
        <translation>  %1: %2 records (%3 new)</translation>
    </message>
    <message>
        <source>回执：对方已收到本单位导出的数据包。</source>
        <translation>Receipt: the other side has received a bundle this unit exported.</translation>
    </message>
    <message>
        <source>回执：对方已收到本单位 %1 导出的数据包（%2 件案件，%3 条记录）。</source>
        <translation>Receipt: the other side has received the bundle this unit exported on %1 (%2 cases, %3 records).</translation>
    </message>
    <message>
        <source>对方新增记录 %1 条，更新 %2 条，未变 %3 条；拒收 %4 条。</source>
        <translation>There: %1 records new, %2 updated, %3 unchanged; %4 refused.</translation>
    </message>
</context>
<context>
    <name>TermsEditor</name>
    <message>
        <source>在这里写一条协议内容，按回车添加</source>
        <translation>Type a term here and press Enter to add it</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>本项履行期限</source>
        <translation>Deadline of this term</translation>
    </message>
    <message>
        <source>分期履行：选中的这一项协议内容有自己的履行期限，印在该项之后</source>
        <translation>Instalments: the selected term has a deadline of its own, printed after it</translation>
    </message>
    <message>
        <source>（%1前履行）</source>
        <translation> (due by %1)</translation>
    </message>
</context>
<context>
    <name>TextPromptDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <source>受理已 %n 天</source>
        <translation>
            <numerusform>accepted %n day ago</numerusform>
            <numerusform>accepted %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>今天受理</source>
        <translation>Accepted today</translation>
    </message>
    <message numerus="yes">
        <source>已逾期 %n 天</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>今天截止</source>
        <translation>Last day today</translation>
    </message>
    <message>
        <source>已过期（未申请司法确认）</source>
        <translation>Lapsed (no application for judicial confirmation)</translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 天</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>正在读取待办…</source>
        <translation>Reading what is due…</translation>
    </message>
    <message>
        <source>今天 %1：共 %2 项待办，其中 %3 项已逾期。</source>
        <translation>Today %1: %2 items due, %3 of them overdue.</translation>
    </message>
    <message>
        <source>%1 %2 项（%3 项已逾期）</source>
        <translation>%1: %2 (%3 overdue)</translation>
    </message>
    <message>
        <source>%1 %2 项</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>列出最紧急的 %1 项，共 %2 项。</source>
        <translation>The %1 most urgent of %2 items are listed.</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>未能读取下一页：%1。请再点“显示更多”。</source>
        <translation>Could not read the next page: %1. Click “Show more” to try again.</translation>
    </message>
    <message>
        <source>显示更多</source>
        <translation>Show more</translation>
    </message>
</context>
<context>
    <name>Unsaved</name>
    <message>
        <source>保留草稿</source>
        <translation>Keep draft</translation>
    </message>
    <message>
        <source>不保留</source>
        <translation>Don’t keep</translation>
    </message>
    <message>
        <source>继续编辑</source>
        <translation>Continue editing</translation>
    </message>
    <message>
        <source>不保存，关闭</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <source>接着填</source>
        <translation>Continue it</translation>
    </message>
    <message>
        <source>丢弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>填写的内容还没有保存，关闭后将丢失。要继续编辑吗？</source>
        <translation>What you typed is not saved and will be lost if you close. Continue editing?</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>新建账户…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>停用 / 启用</source>
        <translation>Deactivate / activate</translation>
    </message>
    <message>
        <source>生成新的恢复码…</source>
        <translation>New recovery code…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>为 %1 设置的新密码：</source>
        <translation>New password for %1:</translation>
    </message>
    <message>
        <source>生成新的恢复码后，旧的恢复码立即作废。继续吗？</source>
        <translation>A new recovery code makes the old one invalid at once. Continue?</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
