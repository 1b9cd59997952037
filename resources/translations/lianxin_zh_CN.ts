<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <source>About Lianxin</source>
        <translation>关于连心</translation>
    </message>
    <message>
        <source>Lianxin (连心) {version}</source>
        <translation>连心 {version}</translation>
    </message>
    <message>
        <source>Door-to-door visits, demands and return visits for community workers, offline.</source>
        <translation>为社区工作者服务的入户走访、诉求办理与回访工具，无需联网。</translation>
    </message>
    <message>
        <source>Device: {name} ({id})</source>
        <translation>设备：{name}（{id}）</translation>
    </message>
    <message>
        <source>Database: {file}</source>
        <translation>数据库：{file}</translation>
    </message>
    <message>
        <source>Chinese font: WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font exception.</source>
        <translation>中文字体：文泉驿微米黑，Apache-2.0 或 GPL-3+（含字体例外）许可。</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to Lianxin</source>
        <translation>欢迎使用连心</translation>
    </message>
    <message>
        <source>This database is empty. Fill it with demo data (a made-up district with households, cadres, visits and demands) to look around, or start empty and import your rosters.</source>
        <translation>数据库是空的。可以先填入演示数据（一个虚构的辖区，含住户、干部、走访和诉求）熟悉软件，也可以从空库开始，导入您的花名册。</translation>
    </message>
    <message>
        <source> households</source>
        <translation> 户</translation>
    </message>
    <message>
        <source>Demo &amp;size:</source>
        <translation>演示规模(&amp;S)：</translation>
    </message>
    <message>
        <source>Fill with &amp;demo data</source>
        <translation>填入演示数据(&amp;D)</translation>
    </message>
    <message>
        <source>Start &amp;empty</source>
        <translation>从空库开始(&amp;E)</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Lianxin (连心) — {file}</source>
        <translation>连心 — {file}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Check database</source>
        <translation>检查数据库(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Lianxin</source>
        <translation>关于连心(&amp;A)</translation>
    </message>
    <message>
        <source>Device: {name} · Database: {file}</source>
        <translation>设备：{name} · 数据库：{file}</translation>
    </message>
    <message>
        <source>Database check</source>
        <translation>数据库检查</translation>
    </message>
    <message>
        <source>The database is sound.</source>
        <translation>数据库完好，未发现问题。</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
    <message>
        <source>Creating demo data</source>
        <translation>正在生成演示数据</translation>
    </message>
    <message>
        <source>Lianxin</source>
        <translation>连心</translation>
    </message>
    <message>
        <source>The work stopped: {reason}. Nothing was changed.</source>
        <translation>操作已中止：{reason}。数据没有任何改动。</translation>
    </message>
</context>
<context>
    <name>Placeholder</name>
    <message>
        <source>The household registry (roster import, search, household pages) is not available in this version yet.</source>
        <translation>住户登记（花名册导入、查找、住户页面）将在后续版本中提供，本版本尚不可用。</translation>
    </message>
    <message>
        <source>Assignments and visit records are not available in this version yet.</source>
        <translation>联户分配与走访记录将在后续版本中提供，本版本尚不可用。</translation>
    </message>
    <message>
        <source>Demands, dispatch to responsible units and return visits are not available in this version yet.</source>
        <translation>诉求办理、吹哨报到与回访将在后续版本中提供，本版本尚不可用。</translation>
    </message>
    <message>
        <source>Printing service cards and handbooks is not available in this version yet.</source>
        <translation>打印连心卡与服务手册将在后续版本中提供，本版本尚不可用。</translation>
    </message>
    <message>
        <source>Exchanging workbooks with other laptops is not available in this version yet.</source>
        <translation>与其他电脑交换工作簿将在后续版本中提供，本版本尚不可用。</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Registry</source>
        <translation>住户登记</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>诉求办理</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>数据交换</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>e.g. 南长山街道-牟雪</source>
        <translation>例如：南长山街道-牟雪</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Device name (shown in exports):</source>
        <translation>设备名称（显示在导出文件中）(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Your name (recorded with every change):</source>
        <translation>您的姓名（记录在每次修改中）(&amp;Y)：</translation>
    </message>
</context>
<context>
    <name>StatisticsSection</name>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Shops</source>
        <translation>商铺</translation>
    </message>
    <message>
        <source>Cadres and grid workers</source>
        <translation>党员干部与网格员</translation>
    </message>
    <message>
        <source>Assignments (cadre ↔ household)</source>
        <translation>联户关系（干部 ↔ 住户）</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Demands and suggestions</source>
        <translation>诉求与意见建议</translation>
    </message>
    <message>
        <source>Conflicts to review</source>
        <translation>待处理冲突</translation>
    </message>
    <message>
        <source>&amp;Refresh (F5)</source>
        <translation>刷新(&amp;R) (F5)</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>正在统计</translation>
    </message>
</context>
</TS>