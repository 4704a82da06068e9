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
        <source>每行一条，打印时自动编号一、二、三……</source>
        <translation>One term per line; numbered when printed</translation>
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
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>保存并查看 PDF</source>
        <translation>Save and view the PDF</translation>
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
    <name>CaseTableModel</name>
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
</context>
<context>
    <name>CaseWindow</name>
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
        <translation>Register a case</translation>
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
        <source>（其他调委会的案件，只能查看）</source>
        <translation>(another committee&apos;s case: view only)</translation>
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
        <source>记录回访</source>
        <translation>Record a follow-up visit</translation>
    </message>
    <message>
        <source>保存文书 PDF…</source>
        <translation>Save a document as PDF…</translation>
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
        <source>各方当事人、调解员都已在协议书上签名（按指印）并盖章了吗？
确认后协议生效并锁定，不能再修改。</source>
        <translation>Have all parties and the mediator signed (or fingerprinted) the agreement, and is it sealed?
Once confirmed it takes effect and is locked.</translation>
    </message>
    <message>
        <source>选择签字协议书的扫描件或照片（可跳过）</source>
        <translation>Choose the scan or photo of the signed agreement (optional)</translation>
    </message>
    <message>
        <source>签字协议书</source>
        <translation>Signed agreement</translation>
    </message>
    <message>
        <source>要保存哪份文书？</source>
        <translation>Which document?</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>记录回访</source>
        <translation>Record a follow-up visit</translation>
    </message>
    <message>
        <source>当事人满意</source>
        <translation>The parties are satisfied</translation>
    </message>
    <message>
        <source>被回访人</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>回访情况</source>
        <translation>Findings</translation>
    </message>
</context>
<context>
    <name>Job</name>
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
</context>
<context>
    <name>MainWindow</name>
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
        <source>锁定 / 切换用户</source>
        <translation>Lock / switch user</translation>
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
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>OralAgreementDialog</name>
    <message>
        <source>登记口头协议</source>
        <translation>Record an oral agreement</translation>
    </message>
    <message>
        <source>每行一条协议内容</source>
        <translation>One term per line</translation>
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
        <source>%1：%2，%3 出生，%4 岁</source>
        <translation>%1: %2, born %3, aged %4</translation>
    </message>
    <message>
        <source>粘贴当事人名单</source>
        <translation>Paste a list of parties</translation>
    </message>
    <message>
        <source>每行一人：姓名、身份证号、电话、住址（可直接从表格复制）</source>
        <translation>One person per line: name, ID number, phone, address (copy straight from a spreadsheet)</translation>
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
        <source>    其中：</source>
        <translation>    of which: </translation>
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
        <source>案件还没有保存。要保留草稿，下次接着填吗？
选“否”将丢弃已填写的内容。</source>
        <translation>The case is not saved yet. Keep it as a draft to continue next time?
Choosing “No” discards what was typed.</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>记录一次调解</source>
        <translation>Record a session</translation>
    </message>
    <message>
        <source>调解室</source>
        <translation>Mediation room</translation>
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
</context>
<context>
    <name>SetupDialog</name>
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
        <source>今天 %1：共 %2 项待办，其中 %3 项已逾期。</source>
        <translation>Today %1: %2 items due, %3 of them overdue.</translation>
    </message>
</context>
<context>
    <name>_RecordDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
