<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>This laptop: {name}, used by {user}</source>
        <translation>本机：{name}，使用人：{user}</translation>
    </message>
    <message>
        <source>This laptop: {name}</source>
        <translation>本机：{name}</translation>
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
        <source>Device code {id}, for support</source>
        <translation>设备编码 {id}（技术支持时使用）</translation>
    </message>
    <message>
        <source>Database: {file}</source>
        <translation>数据库：{file}</translation>
    </message>
    <message>
        <source>Chinese font: WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font exception.</source>
        <translation>中文字体：文泉驿微米黑，Apache-2.0 或 GPL-3+（含字体例外）许可。</translation>
    </message>
    <message>
        <source>Icons: Tabler Icons, MIT licence. PDF preview: PDFium (pypdfium2), BSD-3-Clause and Apache-2.0.</source>
        <translation>图标：Tabler Icons，MIT 许可。PDF 预览：PDFium（pypdfium2），BSD-3-Clause 与 Apache-2.0 许可。</translation>
    </message>
    <message>
        <source>About Lianxin</source>
        <translation>关于连心</translation>
    </message>
</context>
<context>
    <name>CadreListView</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>R&amp;ole</source>
        <translation>身份(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Work unit</source>
        <translation>工作单位(&amp;W)</translation>
    </message>
    <message>
        <source>Pos&amp;ition</source>
        <translation>职务(&amp;I)</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <source>Find by name, work unit or phone tail (Ctrl+F); Down to the list</source>
        <translation>按姓名、工作单位或电话尾号查找（Ctrl+F）；按↓进入列表</translation>
    </message>
    <message>
        <source>(no grid)</source>
        <translation>（无网格）</translation>
    </message>
    <message>
        <source>New cadre or grid worker</source>
        <translation>新增党员干部或网格员</translation>
    </message>
    <message>
        <source>Remove {name} from the list? Their households will count as not linked.</source>
        <translation>从名册中删除{name}？其联系的住户将计为未联户。</translation>
    </message>
</context>
<context>
    <name>CategoryEditor</name>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Deadline (days after acceptance)</source>
        <translation>办理时限（受理后天数）</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>大类</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Deadline</source>
        <translation>办理时限(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Family</source>
        <translation>大类(&amp;F)</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新增类别</translation>
    </message>
</context>
<context>
    <name>ChangedMeanwhileDialog</name>
    <message>
        <source>Changed meanwhile</source>
        <translation>记录已被修改</translation>
    </message>
    <message>
        <source>This record was changed by someone else ({who}, {when}).</source>
        <translation>此记录已被他人修改（{who}，{when}）。</translation>
    </message>
    <message>
        <source>another workstation</source>
        <translation>另一台工作站</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>Reload shows their version (what you typed here is dropped). Keep mine saves yours over theirs; the history keeps what it replaced.</source>
        <translation>“重新载入”显示对方的版本（您在此填写的内容将放弃）；“保留我的”用您的内容覆盖对方的，修改记录中会保留被覆盖的内容。</translation>
    </message>
    <message>
        <source>&amp;Reload theirs</source>
        <translation>重新载入对方的版本(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>保留我的(&amp;K)</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close the demand</source>
        <translation>办结诉求</translation>
    </message>
    <message>
        <source>&amp;Solved</source>
        <translation>已解决(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Answered (explained, not solved)</source>
        <translation>已答复（已解释说明，未解决）(&amp;A)</translation>
    </message>
    <message>
        <source>Ca&amp;nnot be solved</source>
        <translation>无法解决(&amp;N)</translation>
    </message>
    <message>
        <source>Why it cannot be solved, or what the resident was told</source>
        <translation>无法解决的原因，或向群众作出的解释</translation>
    </message>
    <message>
        <source>How it ended</source>
        <translation>办结结果</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>结果说明(&amp;R)</translation>
    </message>
    <message>
        <source>Mediation s&amp;ucceeded</source>
        <translation>调解成功(&amp;U)</translation>
    </message>
    <message>
        <source>Mediation &amp;failed</source>
        <translation>调解未成功(&amp;F)</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <source>Choose how it ended.</source>
        <translation>请选择办结结果。</translation>
    </message>
    <message>
        <source>Give the reason it cannot be solved.</source>
        <translation>请填写无法解决的原因。</translation>
    </message>
    <message>
        <source>Say whether the mediation succeeded.</source>
        <translation>请选择调解是否成功。</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Show or hide columns…</source>
        <translation>显示或隐藏列…</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本数</translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <source>&amp;Check: nobody left out (Ctrl+K)</source>
        <translation>检查：不漏一户(&amp;C)（Ctrl+K）</translation>
    </message>
    <message>
        <source>Press Ctrl+K to check coverage.</source>
        <translation>按 Ctrl+K 检查联户走访覆盖情况。</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Households with no cadre</source>
        <translation>未联户的住户</translation>
    </message>
    <message>
        <source>Linked households not visited in the period</source>
        <translation>期内未走访的已联户住户</translation>
    </message>
    <message>
        <source>&amp;Where</source>
        <translation>范围(&amp;W)</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Checking coverage</source>
        <translation>正在检查覆盖情况</translation>
    </message>
    <message>
        <source>Nobody left out.</source>
        <translation>不漏一户：全部联户、全部走访。</translation>
    </message>
    <message>
        <source>{unlinked} household(s) without a cadre, {unvisited} linked household(s) not visited.</source>
        <translation>{unlinked} 户未联户，{unvisited} 户已联户但未走访。</translation>
    </message>
    <message>
        <source>{start} to {end}: {linked} of {households} households linked ({linked_rate}); {visited} of {linked} linked households visited ({visited_rate}). {verdict}</source>
        <translation>{start} 至 {end}：{households} 户中已联户 {linked} 户（{linked_rate}）；已联户的 {linked} 户中已走访 {visited} 户（{visited_rate}）。{verdict}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Coverage by grid (visited / linked)</source>
        <translation>走访覆盖（按网格，已走访/已联户）</translation>
    </message>
    <message>
        <source>Grids with the lowest coverage (visited / linked)</source>
        <translation>走访覆盖最低的网格（已走访/已联户）</translation>
    </message>
    <message>
        <source>Cadres with the lowest coverage (visited / linked)</source>
        <translation>走访覆盖最低的干部（已走访/已联户）</translation>
    </message>
    <message>
        <source>Demands raised in the period, by state now</source>
        <translation>期内提出的诉求（按现状态）</translation>
    </message>
    <message>
        <source>Demands by category and state</source>
        <translation>诉求（按类别和状态）</translation>
    </message>
    <message>
        <source>Raised and closed, last 12 months</source>
        <translation>近12个月提出与办结</translation>
    </message>
    <message>
        <source>Closure by responsible unit</source>
        <translation>责任单位办结情况</translation>
    </message>
    <message>
        <source>Overdue demands by responsible unit</source>
        <translation>超期诉求（按责任单位）</translation>
    </message>
    <message>
        <source>No households here yet: import a roster under Registry.</source>
        <translation>这里还没有住户：请在“住户登记”中导入名册。</translation>
    </message>
    <message>
        <source>No cadre is linked to households yet: link them under Visits (Ctrl+L).</source>
        <translation>还没有干部联系住户：请在“走访”中联户（Ctrl+L）。</translation>
    </message>
    <message>
        <source>No demand is overdue. Nothing to push.</source>
        <translation>没有超期诉求，无需催办。</translation>
    </message>
    <message>
        <source>No demand was dispatched to a responsible unit in the period.</source>
        <translation>期内没有派给责任单位的诉求。</translation>
    </message>
    <message>
        <source>No demands in the period: record visits and demands, or choose a longer period.</source>
        <translation>期内没有诉求：请记录走访和诉求，或选择更长的期间。</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>已联户</translation>
    </message>
    <message>
        <source>visited</source>
        <translation>已走访</translation>
    </message>
    <message>
        <source>visited in the period</source>
        <translation>期内已走访</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Not categorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>提出</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>closed {closure} · on time {on_time} · satisfied {satisfied} · solved {solved}</source>
        <translation>办结 {closure} · 按期 {on_time} · 满意 {satisfied} · 解决 {solved}</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Not dispatched</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>overdue (past the deadline)</source>
        <translation>超期（已过期限）</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Lianxin's tables were created on the server.</source>
        <translation>已在服务器上创建连心数据表。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Wait until the running work has finished.</source>
        <translation>请等正在进行的工作结束。</translation>
    </message>
    <message>
        <source>It cannot be opened: {reason}. The window stays on {previous}.</source>
        <translation>无法打开：{reason}。窗口仍使用 {previous}。</translation>
    </message>
    <message>
        <source>{rows} rows of {file} were copied to the server and checked row for row.</source>
        <translation>{file} 的 {rows} 行已复制到服务器，并逐行核对无误。</translation>
    </message>
    <message>
        <source>Nothing was copied: {reason}</source>
        <translation>未复制任何数据：{reason}</translation>
    </message>
    <message>
        <source>Moving this computer's database to the server</source>
        <translation>正在把本机数据库迁移到服务器</translation>
    </message>
</context>
<context>
    <name>DemandPage</name>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>一类事</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>诉求来源</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>办结结果</translation>
    </message>
    <message>
        <source>Reason for not accepting, progress note, or reason for reopening</source>
        <translation>不予受理的理由、办理进展，或重新办理的原因</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>文字(&amp;T)</translation>
    </message>
    <message>
        <source>Apply to the whole &amp;group</source>
        <translation>整类一并办理(&amp;G)</translation>
    </message>
    <message>
        <source>Accept (Ctrl+Shift+A)</source>
        <translation>受理（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <source>Reject (Ctrl+J)</source>
        <translation>不予受理（Ctrl+J）</translation>
    </message>
    <message>
        <source>Start work (Ctrl+Shift+S)</source>
        <translation>开始办理（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Dispatch… (Ctrl+D)</source>
        <translation>吹哨派单…（Ctrl+D）</translation>
    </message>
    <message>
        <source>Add note (Ctrl+P)</source>
        <translation>记录进展（Ctrl+P）</translation>
    </message>
    <message>
        <source>Close (Ctrl+E)</source>
        <translation>办结（Ctrl+E）</translation>
    </message>
    <message>
        <source>Return visit… (Ctrl+R)</source>
        <translation>回访…（Ctrl+R）</translation>
    </message>
    <message>
        <source>Reopen (Ctrl+Shift+O)</source>
        <translation>重新办理（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>History (Ctrl+H)</source>
        <translation>历史记录（Ctrl+H）</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <source>{name} (shop)</source>
        <translation>{name}（商铺）</translation>
    </message>
    <message>
        <source>Demand of {household}</source>
        <translation>{household} 的诉求</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
    <message>
        <source>{state}, OVERDUE</source>
        <translation>{state}，已超期</translation>
    </message>
    <message>
        <source>raised {raised}; accepted {accepted}; deadline {deadline}; closed {closed}</source>
        <translation>提出 {raised}；受理 {accepted}；期限 {deadline}；办结 {closed}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>{outcome}: {reason}</source>
        <translation>{outcome}：{reason}</translation>
    </message>
    <message>
        <source>{outcome}; {mediation}</source>
        <translation>{outcome}；{mediation}</translation>
    </message>
    <message>
        <source>Dispatched to {unit} {contact}</source>
        <translation>派至 {unit} {contact}</translation>
    </message>
    <message>
        <source>Return visit: {answer} {notes}</source>
        <translation>回访：{answer} {notes}</translation>
    </message>
    <message>
        <source>{who} changed this demand at {when}: it is shown as it is now; look, then choose again.</source>
        <translation>{who} 在 {when} 改动了这条诉求：现在显示的是它当前的样子，请看过后再选择。</translation>
    </message>
    <message>
        <source>Accepting</source>
        <translation>正在受理</translation>
    </message>
    <message>
        <source>Not accepting</source>
        <translation>正在登记不予受理</translation>
    </message>
    <message>
        <source>Starting work</source>
        <translation>正在开始办理</translation>
    </message>
    <message>
        <source>Adding a note</source>
        <translation>正在记录进展</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>正在办结</translation>
    </message>
    <message>
        <source>Reopening</source>
        <translation>正在重新办理</translation>
    </message>
    <message>
        <source>Dispatching</source>
        <translation>正在派单</translation>
    </message>
    <message>
        <source>Saving the return visit</source>
        <translation>正在保存回访</translation>
    </message>
</context>
<context>
    <name>DemandSource</name>
    <message>
        <source>Door-to-door visit</source>
        <translation>入户走访</translation>
    </message>
    <message>
        <source>Grid worker's report</source>
        <translation>网格员上报</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Visit or call to the office</source>
        <translation>来访来电</translation>
    </message>
    <message>
        <source>Enterprise visit</source>
        <translation>企业走访</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>source not recorded</source>
        <translation>来源未记录</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Answered (explained, not solved)</source>
        <translation>已答复（已解释说明，未解决）</translation>
    </message>
    <message>
        <source>Cannot be solved</source>
        <translation>无法解决</translation>
    </message>
    <message>
        <source>outcome not recorded</source>
        <translation>结果未记录</translation>
    </message>
    <message>
        <source>Mediation succeeded</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <source>Mediation failed</source>
        <translation>调解未成功</translation>
    </message>
    <message>
        <source>mediation not recorded</source>
        <translation>调解结果未记录</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般诉求</translation>
    </message>
    <message>
        <source>Dispute (矛盾纠纷)</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>DemandState</name>
    <message>
        <source>Pending</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>dissatisfied</source>
        <translation>不满意</translation>
    </message>
</context>
<context>
    <name>DemandsSection</name>
    <message>
        <source>Find in description or address (Ctrl+F)</source>
        <translation>按诉求内容或地址查找（Ctrl+F）</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Not yet closed</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>S&amp;ource</source>
        <translation>来源(&amp;O)</translation>
    </message>
    <message>
        <source>Overdue only (Ctrl+Shift+D)</source>
        <translation>只看超期（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>Awaiting return visit (Ctrl+Shift+R)</source>
        <translation>待回访（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>一类事</translation>
    </message>
    <message>
        <source>Categories and units… (Ctrl+Shift+L)</source>
        <translation>类别和责任单位…（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <source>New demand… (Ctrl+N)</source>
        <translation>新增诉求…（Ctrl+N）</translation>
    </message>
    <message>
        <source>{state}, overdue</source>
        <translation>{state}，超期</translation>
    </message>
    <message>
        <source>{count} demand(s)</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>Select two or more demands to handle them as one group.</source>
        <translation>请选择两件或以上诉求，作为一类事办理。</translation>
    </message>
    <message>
        <source>Group of demands</source>
        <translation>一类事</translation>
    </message>
    <message>
        <source>Name of the group (e.g. corridor lamps of Building 3):</source>
        <translation>一类事名称（如：3号楼楼道灯）：</translation>
    </message>
    <message>
        <source>{count} demands grouped as {name}.</source>
        <translation>已将 {count} 件诉求归为一类事：{name}。</translation>
    </message>
    <message>
        <source>Grouping demands</source>
        <translation>正在归类诉求</translation>
    </message>
    <message>
        <source>Demand saved ({source}).</source>
        <translation>诉求已保存（{source}）。</translation>
    </message>
    <message>
        <source>Saving the demand</source>
        <translation>正在保存诉求</translation>
    </message>
    <message>
        <source>Opening the lists</source>
        <translation>正在打开名录</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch to responsible units</source>
        <translation>吹哨报到：派至责任单位</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>派单(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Space ticks a unit; F2 edits its contact.</source>
        <translation>空格键勾选单位；F2 修改联系人。</translation>
    </message>
    <message>
        <source>Tick at least one unit.</source>
        <translation>请至少勾选一个责任单位。</translation>
    </message>
</context>
<context>
    <name>ExchangeSection</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Backup copies</source>
        <translation>备份副本</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>One community</source>
        <translation>一个社区</translation>
    </message>
    <message>
        <source>One grid</source>
        <translation>一个网格</translation>
    </message>
    <message>
        <source>One cadre's package</source>
        <translation>一名干部的联户包</translation>
    </message>
    <message>
        <source>&amp;Export workbook… (Ctrl+E)</source>
        <translation>导出工作簿(&amp;E)…（Ctrl+E）</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Export workbook</source>
        <translation>导出工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting {file}</source>
        <translation>正在导出 {file}</translation>
    </message>
    <message>
        <source>Written {file}: {households} households, {residents} residents, {conflicts} kept conflict versions.</source>
        <translation>已写入 {file}：{households} 户、{residents} 名居民、{conflicts} 个保留的冲突版本。</translation>
    </message>
    <message>
        <source>&amp;Merge workbooks… (Ctrl+M)</source>
        <translation>合并工作簿(&amp;M)…（Ctrl+M）</translation>
    </message>
    <message>
        <source>Export a workbook to carry your work to the office or another laptop; merge theirs under Merge (or drop workbooks on the window: .xlsx, .xls, .ods).</source>
        <translation>导出工作簿，把本机的工作带到办公室或另一台电脑；对方的工作簿在“合并”中合并（也可以把工作簿 .xlsx、.xls、.ods 拖到窗口上）。</translation>
    </message>
    <message>
        <source>none: a plain workbook anyone can read</source>
        <translation>不填：不加密，任何人都能打开</translation>
    </message>
    <message>
        <source>Re&amp;member for this office (system keyring)</source>
        <translation>为本办公室记住密码（系统钥匙串）(&amp;M)</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>This computer has no keyring: the password is not remembered.</source>
        <translation>这台电脑没有可用的钥匙串：密码没有记住。</translation>
    </message>
    <message>
        <source>Encrypted with the password.</source>
        <translation>已用密码加密。</translation>
    </message>
    <message>
        <source>Not encrypted: whoever has the file reads every name, ID number and phone in it.</source>
        <translation>未加密：拿到文件的人能读到其中所有姓名、身份证号和电话。</translation>
    </message>
    <message>
        <source>Or drop workbooks here (.xlsx, .xls, .ods). A copy of the database is kept before a merge changes it (Tools → Settings).</source>
        <translation>也可以把工作簿（.xlsx、.xls、.ods）拖到这里。合并改动数据库之前会先备份一份（保留几份：工具 → 设置）。</translation>
    </message>
    <message>
        <source>Save &amp;receipt… (Ctrl+Shift+S)</source>
        <translation>保存回执(&amp;R)…（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Merge workbooks</source>
        <translation>合并工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.xls *.ods)</source>
        <translation>工作簿 (*.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <source>Workbook password</source>
        <translation>工作簿密码</translation>
    </message>
    <message>
        <source>{file} is encrypted. Its password:</source>
        <translation>{file} 已加密，请输入密码：</translation>
    </message>
    <message>
        <source>Nothing was merged: {reason}</source>
        <translation>没有合并任何内容：{reason}</translation>
    </message>
    <message>
        <source>Merging {count} workbook(s)</source>
        <translation>正在合并 {count} 个工作簿</translation>
    </message>
    <message>
        <source>{merged} merged, {refused} refused; {new} new, {updated} updated, {conflicts} conflicts.</source>
        <translation>已合并 {merged} 个，拒绝 {refused} 个；新增 {new} 条，更新 {updated} 条，冲突 {conflicts} 条。</translation>
    </message>
    <message>
        <source>{count} of them had been merged before, byte for byte, and were not read again.</source>
        <translation>其中 {count} 个文件此前已原样合并过，未再读取。</translation>
    </message>
    <message>
        <source>The merge stopped at {file}: {reason}. The {count} file(s) before it were merged and kept; {file} and the files after it were not.</source>
        <translation>合并在 {file} 处停止：{reason}。它之前的 {count} 个文件已合并并保留；{file} 及其后的文件没有合并。</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <source>The receipt could not be saved: {reason}</source>
        <translation>回执未能保存：{reason}</translation>
    </message>
    <message>
        <source>&amp;Settle with the result (Ctrl+Return)</source>
        <translation>按结果处理冲突(&amp;S)（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Each column is one version; edit the Result column or take a version whole.</source>
        <translation>每一列是一个版本；可以修改“结果”列，或整体采用某个版本。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>shown now</source>
        <translation>当前显示</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>Version {n} ({state})</source>
        <translation>版本 {n}（{state}）</translation>
    </message>
    <message>
        <source>Take version {n}</source>
        <translation>采用版本 {n}</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Settle conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <source>Settling the conflict</source>
        <translation>正在处理冲突</translation>
    </message>
    <message>
        <source>&amp;Restore the chosen copy… (Ctrl+R)</source>
        <translation>恢复所选副本(&amp;R)…（Ctrl+R）</translation>
    </message>
    <message>
        <source>No backup copies yet. One is made before every merge that writes and before a restore, so a merge that went wrong can be undone here.</source>
        <translation>还没有备份副本。每次合并写入之前、每次恢复之前都会先做一份副本，合并出错时可以在这里撤回。</translation>
    </message>
    <message>
        <source>A copy is made before a merge writes and before a restore; the newest {copies} are kept, at most {multiple:g} times the size of the database (Tools → Settings). Restoring first copies the present database too.</source>
        <translation>合并写入前和恢复前都会备份数据库；保留最新的 {copies} 份，总大小不超过数据库的 {multiple:g} 倍（工具 → 设置）。恢复时也会先备份当前数据库。</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>a damaged database set aside</source>
        <translation>损坏的数据库（已另存）</translation>
    </message>
    <message>
        <source>{time} — {reason} — {size:.1f} MB</source>
        <translation>{time} — {reason} — {size:.1f} MB</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Wait until the running work has finished.</source>
        <translation>请等正在进行的工作结束。</translation>
    </message>
    <message>
        <source>Replace the database with the copy of {time}? Changes made since then are set aside (a copy of the present database is kept).</source>
        <translation>用 {time} 的副本替换数据库吗？此后的修改将被搁置（当前数据库会先保留一份副本）。</translation>
    </message>
    <message>
        <source>Nothing was restored: {reason}</source>
        <translation>没有恢复：{reason}</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>The work stopped: {reason}. Nothing was changed.</source>
        <translation>操作已中止：{reason}。数据没有任何改动。</translation>
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
        <source>The &amp;office uses this laptop (the whole district)</source>
        <translation>办公室使用这台电脑（全辖区）(&amp;O)</translation>
    </message>
    <message>
        <source>A cadre or grid &amp;worker uses it (choose who in Settings once the roster is in)</source>
        <translation>干部或网格员使用（导入名册后在“设置”中选择是谁）(&amp;W)</translation>
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
    <name>History</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cadre</source>
        <translation>党员干部</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>联户日期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>一类事</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason for not accepting</source>
        <translation>不予受理原因</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Solved on the spot</source>
        <translation>当场解决</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Dispatched on</source>
        <translation>派单日期</translation>
    </message>
    <message>
        <source>Noted on</source>
        <translation>记录日期</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>By</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Deadline (days)</source>
        <translation>办理时限（天）</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Link to a cadre</source>
        <translation>联户关系</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Progress note</source>
        <translation>办理进展</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Demand category</source>
        <translation>诉求类别</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Shown whole</source>
        <translation>完整显示</translation>
    </message>
    <message>
        <source>full ID numbers</source>
        <translation>完整身份证号</translation>
    </message>
    <message>
        <source>full phones</source>
        <translation>完整电话</translation>
    </message>
    <message>
        <source>a print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>a search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>the screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>改后</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of {what}</source>
        <translation>历史记录：{what}</translation>
    </message>
    <message>
        <source>{count} change(s); ID numbers and phones are masked.</source>
        <translation>共 {count} 次变更；身份证号和电话已隐藏部分数字。</translation>
    </message>
    <message>
        <source>No change was recorded: records brought in by a roster import or as demo data start without history.</source>
        <translation>暂无变更记录：通过名册导入或演示数据生成的记录没有历史。</translation>
    </message>
</context>
<context>
    <name>HomeSection</name>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{state}, overdue</source>
        <translation>{state}，超期</translation>
    </message>
    <message>
        <source>Next households to visit (Enter records a visit)</source>
        <translation>下一批走访住户（回车记录走访）</translation>
    </message>
    <message>
        <source>Who uses this laptop?</source>
        <translation>谁在使用这台电脑？</translation>
    </message>
    <message>
        <source>Choose yourself, or the office, under Tools → Settings (Ctrl+,): the 工作台 then lists your households to visit and your demands due. Until then it counts the whole district.</source>
        <translation>请在“工具 → 设置”（Ctrl+,）中选择您本人或办公室：工作台随后列出您要走访的住户和到期的诉求。在此之前统计全辖区。</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>正在统计</translation>
    </message>
    <message>
        <source>households</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Choose a period that starts before it ends ({problem}).</source>
        <translation>请选择起始日期不晚于截止日期的期间（{problem}）。</translation>
    </message>
    <message>
        <source>{name} · {period}</source>
        <translation>{name} · {period}</translation>
    </message>
    <message>
        <source>Office · the whole district · {period}</source>
        <translation>办公室 · 全辖区 · {period}</translation>
    </message>
    <message>
        <source>not yet visited {period}</source>
        <translation>{period}未走访</translation>
    </message>
    <message>
        <source>start visiting</source>
        <translation>开始走访</translation>
    </message>
    <message>
        <source>{households} linked households in the district; every bar below opens the records behind it.</source>
        <translation>全辖区已联户 {households} 户；点击或回车打开下方任一条形背后的记录。</translation>
    </message>
    <message>
        <source>The to-do list could not be counted: {reason}</source>
        <translation>待办事项无法统计：{reason}</translation>
    </message>
    <message>
        <source>demands</source>
        <translation>件</translation>
    </message>
    <message>
        <source>overdue {overdue} · due within 2 days {soon}</source>
        <translation>超期 {overdue} · 2日内到期 {soon}</translation>
    </message>
    <message>
        <source>see them</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>awaiting a return visit</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>call back</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>raised today</source>
        <translation>今日新增</translation>
    </message>
    <message>
        <source>No households are linked to you yet: link them under Visits (Ctrl+L).</source>
        <translation>您还没有联系的住户：请在“走访”中联户（Ctrl+L）。</translation>
    </message>
    <message>
        <source>Every household visited {period} and nothing due. Well done.</source>
        <translation>{period}住户已全部走访，也没有到期诉求。做得好！</translation>
    </message>
    <message>
        <source>Every household visited {period}; the demands below are waiting.</source>
        <translation>{period}住户已全部走访；下面的诉求还在等待办理。</translation>
    </message>
    <message>
        <source>Awaiting a return visit (Enter opens the demand)</source>
        <translation>待回访（回车打开诉求）</translation>
    </message>
    <message>
        <source>Overdue or due within 2 days (Enter opens the demand)</source>
        <translation>超期或2日内到期（回车打开诉求）</translation>
    </message>
    <message>
        <source>: none. Nothing to chase here.</source>
        <translation>：没有。这里无需催办。</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Link households to {name}</source>
        <translation>为 {name} 联系住户</translation>
    </message>
    <message>
        <source>Part of the address; Down to reach the list</source>
        <translation>输入地址的一部分；按下方向键进入列表</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>(selected households only)</source>
        <translation>（仅所选住户）</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>联户(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Whole &amp;place</source>
        <translation>整个网格/楼栋/单元(&amp;P)</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Lianxin is locked</source>
        <translation>连心已锁定</translation>
    </message>
    <message>
        <source>Type the database's passphrase to go on.</source>
        <translation>输入数据库口令后继续。</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Wrong passphrase; try again.</source>
        <translation>口令不对，请重试。</translation>
    </message>
</context>
<context>
    <name>LockWaitNotice</name>
    <message>
        <source>Waiting: another Lianxin is writing to the database (up to {seconds} s)…</source>
        <translation>正在等待：另一个连心正在写入数据库（最多等 {seconds} 秒）…</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>roster import</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>a window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>a window's merge</source>
        <translation>窗口中的合并</translation>
    </message>
    <message>
        <source>Waiting: another Lianxin ({work}, process {pid}) is writing to the database (up to {seconds} s)…</source>
        <translation>正在等待：另一个连心（{work}，进程 {pid}）正在写入数据库（最多等 {seconds} 秒）…</translation>
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
        <source>Load &amp;demo data…</source>
        <translation>加载演示数据(&amp;D)…</translation>
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
        <source>&amp;Categories and responsible units…</source>
        <translation>诉求类别和责任单位(&amp;C)…</translation>
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
        <source>Connect to the &amp;office server…</source>
        <translation>连接办公室服务器(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Recent servers</source>
        <translation>最近的服务器(&amp;R)</translation>
    </message>
    <message>
        <source>Use this computer's database &amp;file</source>
        <translation>使用本机数据库文件(&amp;F)</translation>
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
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Households to make up (a fictional district):</source>
        <translation>生成多少户（虚构的辖区）：</translation>
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
    <name>Names</name>
    <message>
        <source>Another laptop ({id})</source>
        <translation>另一台电脑（{id}）</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>设置口令</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>修改口令</translation>
    </message>
    <message>
        <source>The database {file} is encrypted: nobody reads it without this passphrase, on this laptop or on a copy of it.</source>
        <translation>数据库 {file} 将被加密：没有口令，任何人都读不了它，无论在这台电脑上还是在它的拷贝里。</translation>
    </message>
    <message>
        <source>{file} is encrypted. Type its passphrase to open it.</source>
        <translation>{file} 已加密，请输入口令打开。</translation>
    </message>
    <message>
        <source>The database and its backup copies are encrypted again under the new passphrase.</source>
        <translation>数据库和它的备份将用新口令重新加密。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Forgotten, the passphrase cannot be recovered: the data on this laptop is gone.&lt;/b&gt; Keep it safe, and keep the office's copy of the data up to date (send exchange workbooks to the office).</source>
        <translation>&lt;b&gt;口令一旦忘记，无法找回：这台电脑上的数据就再也打不开了。&lt;/b&gt;请妥善保管口令，并让办公室保存一份最新的数据（定期把交换工作簿交给办公室）。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Present passphrase:</source>
        <translation>当前口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>新口令(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>再输一遍(&amp;A)：</translation>
    </message>
    <message>
        <source>Wrong passphrase; try again.</source>
        <translation>口令不对，请重试。</translation>
    </message>
    <message>
        <source>it needs at least 8 characters</source>
        <translation>至少需要 8 个字符</translation>
    </message>
    <message>
        <source>it cannot start or end with a space</source>
        <translation>开头和结尾不能是空格</translation>
    </message>
    <message>
        <source>none was typed</source>
        <translation>没有输入</translation>
    </message>
    <message>
        <source>This passphrase cannot be used: {problem}.</source>
        <translation>这个口令不能用：{problem}。</translation>
    </message>
    <message>
        <source>The two passphrases differ; type it again.</source>
        <translation>两次输入的口令不一样，请再输一遍。</translation>
    </message>
    <message>
        <source>Wait until the running work has finished.</source>
        <translation>请等正在进行的工作结束。</translation>
    </message>
    <message>
        <source>Changing the passphrase</source>
        <translation>正在更换数据库口令</translation>
    </message>
    <message>
        <source>Encrypting the database</source>
        <translation>正在加密数据库</translation>
    </message>
    <message>
        <source>The database and its backup copies are encrypted with the new passphrase. Keep it safe: forgotten, it cannot be recovered.</source>
        <translation>数据库和它的备份已用新口令加密。请妥善保管：忘记后无法找回。</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>没有做任何修改：{reason}</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <source>this month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>this quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>in the period</source>
        <translation>所选期间</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>{name}, {days}</source>
        <translation>{name} {days}</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>自定义起止日期</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期间(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>自(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>至(&amp;T)</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Choose the document and whom it is for, then Preview (Ctrl+R) shows its first pages and how many pages it has, before you save it.</source>
        <translation>选好文档和范围，按“预览”（Ctrl+R）即可在保存前看到前几页和总页数。</translation>
    </message>
    <message>
        <source>{pages} pages · {items}</source>
        <translation>共 {pages} 页 · {items}</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
</context>
<context>
    <name>PrintingSection</name>
    <message>
        <source>&amp;Service cards, one per household (Alt+S)</source>
        <translation>连心卡，每户一张(&amp;S)（Alt+S）</translation>
    </message>
    <message>
        <source>&amp;Contact handbook for residents (Alt+C)</source>
        <translation>便民服务手册，发给居民(&amp;C)（Alt+C）</translation>
    </message>
    <message>
        <source>A&amp;5 pages instead of A4</source>
        <translation>用 A5 纸代替 A4(&amp;5)</translation>
    </message>
    <message>
        <source>Card &amp;backs for double-sided printing (long edge)</source>
        <translation>印背面，双面打印（长边翻转）(&amp;B)</translation>
    </message>
    <message>
        <source>10 cards per sheet (90 × 54 mm)</source>
        <translation>每张 A4 印 10 张卡（90 × 54 毫米）</translation>
    </message>
    <message>
        <source>8 cards per sheet (85 × 54 mm, spaced)</source>
        <translation>每张 A4 印 8 张卡（85 × 54 毫米，留间距）</translation>
    </message>
    <message>
        <source>Do&amp;uble-sided: each cadre's part starts on a right-hand page</source>
        <translation>双面打印：每名干部的部分从右页（奇数页）开始(&amp;U)</translation>
    </message>
    <message>
        <source>Adds a blank page where needed, so no cadre's pages are on the back of another's.</source>
        <translation>需要时加一页空白页，这样不会有干部的页面印在另一名干部最后一页的背面。</translation>
    </message>
    <message>
        <source>For a p&amp;rint shop: 3 mm bleed and crop marks</source>
        <translation>交印刷厂印制：3 毫米出血位和裁切线(&amp;R)</translation>
    </message>
    <message>
        <source>Leave it off for an office printer: all ink then stays at least 5 mm inside the paper edge. With bleed, cards are 8 to a sheet.</source>
        <translation>用办公室打印机时不要勾选：所有内容都在距纸边至少 5 毫米以内。带出血位时每张纸印 8 张卡。</translation>
    </message>
    <message>
        <source>Print full &amp;ID numbers (keep the paper safe)</source>
        <translation>印出完整身份证号（请妥善保管纸张）(&amp;I)</translation>
    </message>
    <message>
        <source>Previe&amp;w (Ctrl+R)</source>
        <translation>预览(&amp;W)（Ctrl+R）</translation>
    </message>
    <message>
        <source>Save &amp;PDF… (Ctrl+S)</source>
        <translation>保存 PDF(&amp;P)…（Ctrl+S）</translation>
    </message>
    <message>
        <source>&amp;Open to preview or print (Ctrl+O)</source>
        <translation>打开预览或打印(&amp;O)（Ctrl+O）</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Co&amp;mmunity</source>
        <translation>社区(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <source>Micro-grid (&amp;L)</source>
        <translation>微网格(&amp;L)</translation>
    </message>
    <message>
        <source>Ca&amp;dre</source>
        <translation>干部(&amp;D)</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>No cadre called “{name}” in the list; pick one from the list.</source>
        <translation>列表中没有名为“{name}”的干部，请从列表中选择。</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>All micro-grids</source>
        <translation>全部微网格</translation>
    </message>
    <message>
        <source>All cadres</source>
        <translation>全部干部</translation>
    </message>
    <message>
        <source>Another task is still running; try again when it is done.</source>
        <translation>另一项任务还在进行，请稍后再试。</translation>
    </message>
    <message>
        <source>Making the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Printing service cards</source>
        <translation>打印连心卡</translation>
    </message>
    <message>
        <source>Visit h&amp;andbook, one part per cadre (Alt+A)</source>
        <translation>民情手册，每名干部一份(&amp;A)（Alt+A）</translation>
    </message>
    <message>
        <source>Print residents' full phone &amp;numbers</source>
        <translation>印出居民完整电话号码(&amp;N)</translation>
    </message>
    <message>
        <source>Printing the contact handbook</source>
        <translation>打印便民服务手册</translation>
    </message>
    <message>
        <source>Printing visit handbooks</source>
        <translation>打印民情手册</translation>
    </message>
    <message>
        <source>{n} service cards</source>
        <translation>{n} 张连心卡</translation>
    </message>
    <message>
        <source>{n} households</source>
        <translation>{n} 户</translation>
    </message>
    <message>
        <source>{n} cadres</source>
        <translation>{n} 名干部</translation>
    </message>
    <message>
        <source>Preview ready: Save PDF (Ctrl+S) keeps this file.</source>
        <translation>预览已生成：保存 PDF（Ctrl+S）即保存此文件。</translation>
    </message>
    <message>
        <source>Saved {path}: {pages} pages.</source>
        <translation>已保存 {path}，共 {pages} 页。</translation>
    </message>
    <message>
        <source>No bundled font has {character} (U+{code}); it is printed as 〓, write it in by hand: {places}</source>
        <translation>内置字体都没有“{character}”（U+{code}），已印成〓，请手写补上：{places}</translation>
    </message>
    <message>
        <source>Nothing to print for this choice: it has no households, or no cadre linked to them.</source>
        <translation>所选范围没有可打印的内容：没有住户，或住户没有包联干部。</translation>
    </message>
    <message>
        <source>Could not write the PDF: {reason}</source>
        <translation>无法写入 PDF：{reason}</translation>
    </message>
    <message>
        <source>Printing failed: {reason}</source>
        <translation>打印失败：{reason}</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，没有写入文件。</translation>
    </message>
    <message>
        <source>Save a PDF first.</source>
        <translation>请先保存 PDF。</translation>
    </message>
    <message>
        <source>No PDF viewer is set up on this computer; open {path} yourself.</source>
        <translation>这台电脑没有设置 PDF 阅读器，请自行打开 {path}。</translation>
    </message>
</context>
<context>
    <name>ProgressWindow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RaiseDemandDialog</name>
    <message>
        <source>New demand</source>
        <translation>新增诉求</translation>
    </message>
    <message>
        <source>Name, phone tail or address of a household, or a shop's name</source>
        <translation>住户的姓名、电话尾号或地址，或商铺名称</translation>
    </message>
    <message>
        <source>(nobody chosen yet)</source>
        <translation>（尚未选择）</translation>
    </message>
    <message>
        <source>S&amp;uggestion</source>
        <translation>意见建议(&amp;U)</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>(choose where it came from)</source>
        <translation>（请选择诉求来源）</translation>
    </message>
    <message>
        <source>(the grid worker who reports it)</source>
        <translation>（请选择上报的网格员）</translation>
    </message>
    <message>
        <source>&amp;Who raised it</source>
        <translation>诉求人(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Demand</source>
        <translation>诉求内容(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>诉求分类(&amp;C)</translation>
    </message>
    <message>
        <source>S&amp;ource</source>
        <translation>来源(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Grid worker</source>
        <translation>网格员(&amp;G)</translation>
    </message>
    <message>
        <source>Raised &amp;by</source>
        <translation>提出人(&amp;B)</translation>
    </message>
    <message>
        <source>D&amp;ate</source>
        <translation>提出日期(&amp;A)</translation>
    </message>
    <message>
        <source>{name} (shop) {address}</source>
        <translation>{name}（商铺）{address}</translation>
    </message>
    <message>
        <source>Choose the household or shop that raised it.</source>
        <translation>请选择提出诉求的住户或商铺。</translation>
    </message>
    <message>
        <source>Describe the demand.</source>
        <translation>请填写诉求内容。</translation>
    </message>
    <message>
        <source>Choose where the demand came from.</source>
        <translation>请选择诉求来源。</translation>
    </message>
    <message>
        <source>Choose the grid worker who reported it.</source>
        <translation>请选择上报的网格员。</translation>
    </message>
</context>
<context>
    <name>ReceiptModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Edited by hand</source>
        <translation>手工修改</translation>
    </message>
    <message>
        <source>Added by hand</source>
        <translation>手工新增</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>already merged</source>
        <translation>此前已合并</translation>
    </message>
    <message>
        <source>Already merged on {time}; nothing new.</source>
        <translation>已于 {time} 合并过，没有新内容。</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Find (Ctrl+F); Down to the list</source>
        <translation>查找（Ctrl+F）；按↓进入列表</translation>
    </message>
    <message>
        <source>New (Ctrl+Shift+N)</source>
        <translation>新增（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Remove (Del)</source>
        <translation>删除（Del）</translation>
    </message>
    <message>
        <source>History (Ctrl+H)</source>
        <translation>历史记录（Ctrl+H）</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新增条目</translation>
    </message>
    <message>
        <source>Editing {name}</source>
        <translation>正在编辑：{name}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Their version is shown; edit it and save again.</source>
        <translation>已显示对方的版本；请在此基础上修改后再保存。</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Remove {name} from the list?</source>
        <translation>从名录中删除{name}？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{name} removed from the list.</source>
        <translation>已从名录中删除{name}。</translation>
    </message>
    <message>
        <source>Removing</source>
        <translation>正在删除</translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <source>{what}: {count} record(s), {start} to {end}</source>
        <translation>{what}：{count} 条记录，{start} 至 {end}</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商铺</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>经营范围</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
</context>
<context>
    <name>ReferenceListsDialog</name>
    <message>
        <source>Categories and responsible units</source>
        <translation>诉求类别和责任单位</translation>
    </message>
    <message>
        <source>Demand &amp;categories</source>
        <translation>诉求类别(&amp;C)</translation>
    </message>
    <message>
        <source>Responsible &amp;units</source>
        <translation>责任单位(&amp;U)</translation>
    </message>
</context>
<context>
    <name>Registry</name>
    <message>
        <source>A name cannot be empty.</source>
        <translation>姓名不能为空。</translation>
    </message>
    <message>
        <source>This is not a phone number.</source>
        <translation>这不是有效的电话号码。</translation>
    </message>
    <message>
        <source>Edit {field}</source>
        <translation>修改{field}</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>移除{name}</translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>添加{name}</translation>
    </message>
    <message>
        <source>Add resident</source>
        <translation>添加居民</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>政策宣传</translation>
    </message>
    <message>
        <source>handbook</source>
        <translation>便民手册</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>意见建议</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Micro-grid {name}</source>
        <translation>微网格 {name}</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Work unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>Talked to</source>
        <translation>交谈对象</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>走访内容</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Reside&amp;nts</source>
        <translation>居民(&amp;N)</translation>
    </message>
    <message>
        <source>Vi&amp;sits</source>
        <translation>走访(&amp;S)</translation>
    </message>
    <message>
        <source>Edit &amp;or move household… (F2)</source>
        <translation>修改或迁移住户(&amp;O)…（F2）</translation>
    </message>
    <message>
        <source>Remove househo&amp;ld (Ctrl+Shift+Del)</source>
        <translation>删除住户(&amp;L)（Ctrl+Shift+Del）</translation>
    </message>
    <message>
        <source>&amp;Cadres</source>
        <translation>联户干部(&amp;C)</translation>
    </message>
    <message>
        <source>D&amp;emands</source>
        <translation>诉求(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Add resident (Ctrl+N)</source>
        <translation>添加居民(&amp;A)（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Remove resident (Del)</source>
        <translation>移除居民(&amp;R)（Del）</translation>
    </message>
    <message>
        <source>&amp;Move resident… (Ctrl+Shift+M)</source>
        <translation>迁移居民(&amp;M)…（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Histor&amp;y (Ctrl+H)</source>
        <translation>历史(&amp;Y)（Ctrl+H）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Close the household page  Esc</source>
        <translation>关闭住户页面  Esc</translation>
    </message>
    <message>
        <source>Choose a household in the list or search with Ctrl+F.</source>
        <translation>请在列表中选择住户，或按 Ctrl+F 搜索。</translation>
    </message>
    <message>
        <source>{who} changed this resident at {when}: their version is shown; edit it again.</source>
        <translation>{who} 在 {when} 修改了这位居民：现在显示的是对方的版本，请重新编辑。</translation>
    </message>
    <message>
        <source>Remove residents</source>
        <translation>移除居民</translation>
    </message>
    <message>
        <source>Select one resident to move.</source>
        <translation>请选择一位要迁移的居民。</translation>
    </message>
    <message>
        <source>Move {name} to another household</source>
        <translation>把{name}迁到另一户</translation>
    </message>
    <message>
        <source>Household removed with its residents; Ctrl+Z brings them back.</source>
        <translation>已删除该户及其居民；按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <source>Import a roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Rosters (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>花名册 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存问题报告</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Title in the file</source>
        <translation>文件中的栏目名</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Import {count} rows</source>
        <translation>导入 {count} 行(&amp;I)</translation>
    </message>
    <message>
        <source>Check &amp;again with these columns</source>
        <translation>按这些栏目重新检查(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>The roster has no sub-district column: which community is meant?</source>
        <translation>表中没有“街道”一列：是登记册中的哪一个社区？</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>{community} in {sub_district}</source>
        <translation>{sub_district}的{community}</translation>
    </message>
    <message>
        <source>A new {community} (sub-district not given)</source>
        <translation>新建{community}（未填街道）</translation>
    </message>
    <message>
        <source>Checking the roster</source>
        <translation>正在检查花名册</translation>
    </message>
    <message>
        <source>Importing the roster</source>
        <translation>正在导入花名册</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>no residents</source>
        <translation>无居民</translation>
    </message>
    <message>
        <source>same ID number</source>
        <translation>身份证号相同</translation>
    </message>
    <message>
        <source>same name and birth date</source>
        <translation>姓名和出生日期相同</translation>
    </message>
    <message>
        <source>same address</source>
        <translation>住址相同</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation>并入保留者</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Merge duplicates</source>
        <translation>合并重复记录</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>疑似重复记录</translation>
    </message>
    <message>
        <source>&amp;Merge the right into the left (Ctrl+M)</source>
        <translation>把右边并入左边(&amp;M)（Ctrl+M）</translation>
    </message>
    <message>
        <source>&amp;Swap which is kept (Ctrl+R)</source>
        <translation>对调保留哪条(&amp;S)（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Look again (F5)</source>
        <translation>重新查找(&amp;L)（F5）</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复记录…</translation>
    </message>
    <message>
        <source>Looking for duplicates</source>
        <translation>查找重复记录</translation>
    </message>
    <message>
        <source>{households} pair(s) of households and {residents} pair(s) of residents look like duplicates. The left one is kept; Ctrl+R swaps.</source>
        <translation>有 {households} 对住户、{residents} 对居民疑似重复。保留左边一条；Ctrl+R 对调。</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>没有疑似重复的记录。</translation>
    </message>
    <message>
        <source>Merge “{other}” into “{keep}”? The right one is marked deleted; both histories stay.</source>
        <translation>把“{other}”并入“{keep}”？右边一条将标记为已删除；两条记录的历史都会保留。</translation>
    </message>
    <message>
        <source>Merging duplicates</source>
        <translation>合并重复记录</translation>
    </message>
    <message>
        <source>{address} (registered at {registered})</source>
        <translation>{address}（户籍：{registered}）</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Registration address</source>
        <translation>户籍地址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add household</source>
        <translation>新增住户</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>修改住户</translation>
    </message>
    <message>
        <source>Remove household</source>
        <translation>删除住户</translation>
    </message>
    <message>
        <source>Move {name}</source>
        <translation>迁移{name}</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新增住户</translation>
    </message>
    <message>
        <source>e.g. 独居老人 低保</source>
        <translation>如：独居老人 低保</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Building</source>
        <translation>楼栋(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单元(&amp;U)</translation>
    </message>
    <message>
        <source>R&amp;oom</source>
        <translation>门牌/室(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>住址：</translation>
    </message>
    <message>
        <source>Their version is shown; edit it and save again.</source>
        <translation>已显示对方的版本；请在此基础上修改后再保存。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(no unit)</source>
        <translation>（无单元）</translation>
    </message>
    <message>
        <source>Choose a grid that has buildings.</source>
        <translation>请选择有楼栋的网格。</translation>
    </message>
    <message>
        <source>Name, initials, phone tail or address of someone there</source>
        <translation>该户居民的姓名、拼音首字母、手机尾号或住址</translation>
    </message>
    <message>
        <source>Move to the household of:</source>
        <translation>迁入以下住户：</translation>
    </message>
    <message>
        <source>Residential building</source>
        <translation>住宅楼</translation>
    </message>
    <message>
        <source>Bungalow row</source>
        <translation>平房</translation>
    </message>
    <message>
        <source>Commercial building</source>
        <translation>商业楼</translation>
    </message>
    <message>
        <source>Choose a grid in the tree first.</source>
        <translation>请先在左侧选择一个网格。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>F&amp;loors</source>
        <translation>层数(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Units (numbered from 1)</source>
        <translation>单元数（从 1 编号）(&amp;U)</translation>
    </message>
    <message>
        <source>Add&amp;ress</source>
        <translation>地址(&amp;R)</translation>
    </message>
    <message>
        <source>Find a building of this grid (Ctrl+F); Down to the list</source>
        <translation>查找本网格的楼栋（Ctrl+F）；按↓进入列表</translation>
    </message>
    <message>
        <source>New building in this grid</source>
        <translation>本网格新增楼栋</translation>
    </message>
    <message>
        <source>Remove {name} and its units?</source>
        <translation>删除{name}及其单元？</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商铺</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>经营范围</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <source>&amp;Business</source>
        <translation>经营范围(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>经营者(&amp;O)</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <source>B&amp;uilding</source>
        <translation>所在楼栋(&amp;U)</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <source>Find by name, business or operator (Ctrl+F); Down to the list</source>
        <translation>按名称、经营范围或经营者查找（Ctrl+F）；按↓进入列表</translation>
    </message>
    <message>
        <source>(no building)</source>
        <translation>（不在楼栋内）</translation>
    </message>
    <message>
        <source>New shop in this grid</source>
        <translation>本网格新增商铺</translation>
    </message>
    <message>
        <source>Link {household} to a cadre</source>
        <translation>把 {household} 联系给干部</translation>
    </message>
    <message>
        <source>Name, work unit or phone tail; Down to the list</source>
        <translation>姓名、工作单位或手机尾号；按↓进入列表</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>联户(&amp;L)</translation>
    </message>
    <message>
        <source>(linked already)</source>
        <translation>（已联户）</translation>
    </message>
    <message>
        <source>No cadre found. Add cadres in Visits → Cadres (Ctrl+2, Ctrl+Shift+C).</source>
        <translation>没有找到干部。请在“走访 → 干部名单”中添加（Ctrl+2，Ctrl+Shift+C）。</translation>
    </message>
    <message>
        <source>Link to a cadre…</source>
        <translation>联系给干部…</translation>
    </message>
    <message>
        <source>Record a visit…</source>
        <translation>记录走访…</translation>
    </message>
    <message>
        <source>Raise a demand…</source>
        <translation>登记诉求…</translation>
    </message>
    <message>
        <source>Print its service card…</source>
        <translation>打印连心卡…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Choose a household first: search with Ctrl+F, then Down.</source>
        <translation>请先选一户：按 Ctrl+F 搜索，再按↓。</translation>
    </message>
    <message>
        <source>Linking the household</source>
        <translation>正在联户</translation>
    </message>
    <message>
        <source>{household} linked to {name}.</source>
        <translation>{household} 已联系给 {name}。</translation>
    </message>
    <message>
        <source>Saving the visit</source>
        <translation>正在保存走访记录</translation>
    </message>
    <message>
        <source>Visit to {household} saved.</source>
        <translation>已保存对 {household} 的走访。</translation>
    </message>
    <message>
        <source>Saving the demand</source>
        <translation>正在保存诉求</translation>
    </message>
    <message>
        <source>Demand saved; it is listed under Demands (Ctrl+3).</source>
        <translation>诉求已保存，可在“诉求办理”中查看（Ctrl+3）。</translation>
    </message>
    <message>
        <source>Save the service card as PDF</source>
        <translation>把连心卡保存为 PDF</translation>
    </message>
    <message>
        <source>Service card saved to {file}.</source>
        <translation>连心卡已保存到 {file}。</translation>
    </message>
    <message>
        <source>Printing the service card</source>
        <translation>正在生成连心卡</translation>
    </message>
    <message>
        <source>Micro-grids of {grid}</source>
        <translation>{grid}的微网格</translation>
    </message>
    <message>
        <source>New micro-grid</source>
        <translation>新建微网格</translation>
    </message>
    <message>
        <source>{name}{leader}, {count} households</source>
        <translation>{name}{leader}，{count} 户</translation>
    </message>
    <message>
        <source>&amp;Micro-grid</source>
        <translation>微网格(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Name of the new one</source>
        <translation>新微网格名称(&amp;N)</translation>
    </message>
    <message>
        <source>Its &amp;leader (微网格长)</source>
        <translation>微网格长(&amp;L)</translation>
    </message>
    <message>
        <source>Leader's &amp;phone</source>
        <translation>微网格长电话(&amp;P)</translation>
    </message>
    <message>
        <source>Tick buildings or units with Space; Ctrl+A ticks all.</source>
        <translation>按空格键勾选楼栋或单元；Ctrl+A 全选。</translation>
    </message>
    <message>
        <source>&amp;Put in the micro-grid</source>
        <translation>划入微网格(&amp;P)</translation>
    </message>
    <message>
        <source>Tick at least one building or unit first (Space).</source>
        <translation>请先勾选至少一个楼栋或单元（空格键）。</translation>
    </message>
    <message>
        <source>Give the new micro-grid a name (Alt+N).</source>
        <translation>请填写新微网格的名称（Alt+N）。</translation>
    </message>
    <message>
        <source>Import a shop list</source>
        <translation>导入商铺名单</translation>
    </message>
    <message>
        <source>Shop lists (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>商铺名单 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Special grids the list names: in which community?</source>
        <translation>名单中的专属网格属于哪个社区？</translation>
    </message>
    <message>
        <source>As the list says (its 社区 column, or the only community)</source>
        <translation>按名单（社区一列，或登记册中唯一的社区）</translation>
    </message>
    <message>
        <source>&amp;Community</source>
        <translation>社区(&amp;C)</translation>
    </message>
    <message>
        <source>Checking the shop list</source>
        <translation>正在检查商铺名单</translation>
    </message>
    <message>
        <source>Importing the shop list</source>
        <translation>正在导入商铺名单</translation>
    </message>
    <message>
        <source>{created} shops added, {updated} updated.</source>
        <translation>新增商铺 {created} 家，更新 {updated} 家。</translation>
    </message>
</context>
<context>
    <name>RegistrySection</name>
    <message>
        <source>Search: name, initials (zsm), phone tail, ID number, address (Ctrl+F)</source>
        <translation>搜索：姓名、拼音首字母（zsm）、手机尾号、身份证号、住址（Ctrl+F）</translation>
    </message>
    <message>
        <source>Places: show or hide the tree  Ctrl+T</source>
        <translation>区域：显示或隐藏区域树  Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Import roster… (Ctrl+I)</source>
        <translation>导入花名册(&amp;I)…（Ctrl+I）</translation>
    </message>
    <message>
        <source>Add ho&amp;usehold… (Ctrl+Shift+H)</source>
        <translation>新增住户(&amp;U)…（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <source>&amp;Duplicates… (Ctrl+D)</source>
        <translation>疑似重复(&amp;D)…（Ctrl+D）</translation>
    </message>
    <message>
        <source>Micro-grids: put the grid's buildings or units in one  Ctrl+Shift+G</source>
        <translation>划分微网格：把本网格的楼栋或单元划入一个微网格  Ctrl+Shift+G</translation>
    </message>
    <message>
        <source>Import a shop or enterprise list (专属网格)…  Ctrl+Shift+I</source>
        <translation>导入商铺/企业名单（专属网格）…  Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Households (Alt+1)</source>
        <translation>住户（Alt+1）</translation>
    </message>
    <message>
        <source>Buildings of the grid (Alt+2)</source>
        <translation>本网格楼栋（Alt+2）</translation>
    </message>
    <message>
        <source>Shops of the grid (Alt+3)</source>
        <translation>本网格商铺（Alt+3）</translation>
    </message>
    <message>
        <source>All places</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>Nothing found for “{text}”. Try part of a name, the pinyin initials (zsm), the last digits of a phone, or part of the address.</source>
        <translation>没有找到“{text}”。可以试试姓名的一部分、拼音首字母（zsm）、手机尾号或地址的一部分。</translation>
    </message>
    <message>
        <source>No households yet. Import a roster (Ctrl+I), add a household (Ctrl+Shift+H), or load demo data (File → Load demo data).</source>
        <translation>还没有住户。导入花名册（Ctrl+I）、新增住户（Ctrl+Shift+H），或加载演示数据（文件 → 加载演示数据）。</translation>
    </message>
    <message>
        <source>Choose a grid in the place tree first (Ctrl+T).</source>
        <translation>请先在地点树中选择一个网格（Ctrl+T）。</translation>
    </message>
    <message>
        <source>Putting households in the micro-grid</source>
        <translation>正在把住户划入微网格</translation>
    </message>
    <message>
        <source>{count} households put in the micro-grid.</source>
        <translation>已把 {count} 户划入微网格。</translation>
    </message>
</context>
<context>
    <name>ReturnVisitDialog</name>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>&amp;Satisfied</source>
        <translation>满意(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Fairly satisfied</source>
        <translation>基本满意(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Dissatisfied (reopens)</source>
        <translation>不满意（重新办理）(&amp;D)</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>上门回访</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>方式(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>SaveButtons</name>
    <message>
        <source>Save (Ctrl+Return)</source>
        <translation>保存（Ctrl+Return）</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>住户登记</translation>
    </message>
    <message>
        <source>Homes</source>
        <translation>住户</translation>
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
        <source>Asks</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>交换</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Connect to the office server</source>
        <translation>连接办公室服务器</translation>
    </message>
    <message>
        <source>(a new server)</source>
        <translation>（新的服务器）</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.10 or server.office.lan</source>
        <translation>如 192.168.1.10 或 server.office.lan</translation>
    </message>
    <message>
        <source>optional: else from ~/.pgpass or the keyring</source>
        <translation>可不填：从 ~/.pgpass 或系统钥匙串读取</translation>
    </message>
    <message>
        <source>when the server offers it (prefer)</source>
        <translation>服务器支持时加密（prefer）</translation>
    </message>
    <message>
        <source>always; refuse an unencrypted server (require)</source>
        <translation>始终加密，拒绝不加密的服务器（require）</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system's keyring</source>
        <translation>在系统钥匙串中记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Create Lianxin's tables there</source>
        <translation>在此创建连心数据表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Move this computer's database there</source>
        <translation>把本机数据库迁移到此(&amp;M)</translation>
    </message>
    <message>
        <source>R&amp;ecent servers:</source>
        <translation>最近的服务器(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Server (host):</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库名(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Encryption (TLS):</source>
        <translation>加密(TLS)(&amp;E)：</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>连接(&amp;O)</translation>
    </message>
    <message>
        <source>Type the server's address first.</source>
        <translation>请先填写服务器地址。</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>正在连接 {server}…</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>正在测试连接</translation>
    </message>
    <message>
        <source>The test stopped: {reason}</source>
        <translation>测试中断：{reason}</translation>
    </message>
    <message>
        <source>(your login)</source>
        <translation>（本机登录名）</translation>
    </message>
    <message>
        <source>Connected: {name} on {server} is a Lianxin database.</source>
        <translation>连接成功：{server} 上的 {name} 是连心数据库。</translation>
    </message>
    <message>
        <source>{name} on {server} is not a Lianxin database yet: create Lianxin's tables there, or move this computer's database there.</source>
        <translation>{server} 上的 {name} 还不是连心数据库：可在此创建连心数据表，或把本机数据库迁移过去。</translation>
    </message>
    <message>
        <source>{name} on {server} holds another program's tables: choose another database.</source>
        <translation>{server} 上的 {name} 存有其他程序的数据表，请换一个数据库。</translation>
    </message>
    <message>
        <source>{name} on {server} was written by a newer Lianxin: update Lianxin to open it.</source>
        <translation>{server} 上的 {name} 由更新版本的连心写入，请先升级连心。</translation>
    </message>
    <message>
        <source>Cannot reach the server {server}: check the address and that the server runs.</source>
        <translation>无法连接服务器 {server}：请检查地址，并确认服务器已启动。</translation>
    </message>
    <message>
        <source>The server refused the password of {user}: type it, or put it in ~/.pgpass.</source>
        <translation>服务器拒绝了 {user} 的密码：请重新输入，或写入 ~/.pgpass。</translation>
    </message>
    <message>
        <source>There is no database {name} on {server}: ask its administrator to create it.</source>
        <translation>{server} 上没有名为 {name} 的数据库：请联系服务器管理员创建。</translation>
    </message>
    <message>
        <source>This computer has no keyring that works: the password is used now and not remembered.</source>
        <translation>本机没有可用的系统钥匙串：密码仅本次使用，不会记住。</translation>
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
        <source>The office (the whole district)</source>
        <translation>办公室（全辖区）</translation>
    </message>
    <message>
        <source>A cadre or grid worker (not chosen yet)</source>
        <translation>干部或网格员（尚未选择）</translation>
    </message>
    <message>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <source> × the database</source>
        <translation> 倍数据库大小</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <source>&amp;Change the passphrase…</source>
        <translation>修改口令(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Encrypt this database…</source>
        <translation>加密这个数据库(&amp;E)…</translation>
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
    <message>
        <source>&amp;Who uses this laptop (the Workbench):</source>
        <translation>这台电脑的使用者（工作台）(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Backup copies kept, newest first:</source>
        <translation>保留的备份份数，最新的优先(&amp;B)：</translation>
    </message>
    <message>
        <source>Backup copies take at &amp;most:</source>
        <translation>备份总共最多占用(&amp;M)：</translation>
    </message>
    <message>
        <source>Lock the window when &amp;idle for:</source>
        <translation>无操作多久后锁定窗口(&amp;I)：</translation>
    </message>
    <message>
        <source>Passphrase of the database:</source>
        <translation>数据库口令：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>更改(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>There is no database at {file}. Create a new, empty database there?</source>
        <translation>{file} 处没有数据库。要在那里新建一个空数据库吗？</translation>
    </message>
    <message>
        <source>The office server cannot be opened: {reason}. Lianxin opens this computer's database instead (File → Connect to the office server… to try again).</source>
        <translation>无法打开办公室服务器：{reason}。连心改为打开本机数据库（可通过 文件 → 连接办公室服务器… 重试）。</translation>
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
        <source>Demands not yet closed</source>
        <translation>当前未办结</translation>
    </message>
    <message>
        <source>Demands overdue</source>
        <translation>当前超期</translation>
    </message>
    <message>
        <source>Visits in the period</source>
        <translation>期内走访</translation>
    </message>
    <message>
        <source>Demands raised in the period</source>
        <translation>期内提出</translation>
    </message>
    <message>
        <source>…of which accepted</source>
        <translation>其中已受理</translation>
    </message>
    <message>
        <source>Demands closed in the period</source>
        <translation>期内办结</translation>
    </message>
    <message>
        <source>Households linked to a cadre</source>
        <translation>联户覆盖率</translation>
    </message>
    <message>
        <source>Linked households visited in the period</source>
        <translation>期内走访覆盖率</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Residents whose registration address is known</source>
        <translation>有户籍地址的居民</translation>
    </message>
    <message>
        <source>…of them living away from it (人户分离)</source>
        <translation>…其中人户分离</translation>
    </message>
    <message>
        <source>Share living away from their registration</source>
        <translation>人户分离比例</translation>
    </message>
    <message>
        <source>Closed in the period: solved</source>
        <translation>期内办结：已解决</translation>
    </message>
    <message>
        <source>…answered (explained, not solved)</source>
        <translation>……已答复（未解决）</translation>
    </message>
    <message>
        <source>…cannot be solved</source>
        <translation>……无法解决</translation>
    </message>
    <message>
        <source>…outcome not recorded</source>
        <translation>……结果未记录</translation>
    </message>
    <message>
        <source>Resolution rate</source>
        <translation>解决率</translation>
    </message>
    <message>
        <source>Raised: door-to-door visits</source>
        <translation>期内提出：入户走访</translation>
    </message>
    <message>
        <source>…grid workers' reports</source>
        <translation>……网格员上报</translation>
    </message>
    <message>
        <source>…12345 hotline</source>
        <translation>……12345热线</translation>
    </message>
    <message>
        <source>…visits and calls to the office</source>
        <translation>……来访来电</translation>
    </message>
    <message>
        <source>…enterprise visits</source>
        <translation>……企业走访</translation>
    </message>
    <message>
        <source>…other</source>
        <translation>……其他</translation>
    </message>
    <message>
        <source>…source not recorded</source>
        <translation>……来源未记录</translation>
    </message>
    <message>
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Grid workers' reports</source>
        <translation>网格员上报</translation>
    </message>
    <message>
        <source>…by how many grid workers</source>
        <translation>……上报的网格员人数</translation>
    </message>
    <message>
        <source>…accepted</source>
        <translation>……受理</translation>
    </message>
    <message>
        <source>…closed</source>
        <translation>……办结</translation>
    </message>
    <message>
        <source>Closure rate of grid workers' reports</source>
        <translation>网格员上报办结率</translation>
    </message>
    <message>
        <source>Whistles blown (two units or more)</source>
        <translation>吹哨（派给两个及以上单位）</translation>
    </message>
    <message>
        <source>…solved</source>
        <translation>……解决</translation>
    </message>
    <message>
        <source>Disputes accepted</source>
        <translation>受理矛盾纠纷</translation>
    </message>
    <message>
        <source>Closure rate of disputes</source>
        <translation>矛盾纠纷办结率</translation>
    </message>
    <message>
        <source>…mediated successfully</source>
        <translation>……调解成功</translation>
    </message>
    <message>
        <source>…mediation failed</source>
        <translation>……调解未成功</translation>
    </message>
    <message>
        <source>Mediation success rate</source>
        <translation>调解成功率</translation>
    </message>
    <message>
        <source>Visits to shops and enterprises</source>
        <translation>企业（商铺）走访</translation>
    </message>
    <message>
        <source>…shops and enterprises visited</source>
        <translation>……走访的企业（商铺）数</translation>
    </message>
    <message>
        <source>Their problems raised</source>
        <translation>企业诉求</translation>
    </message>
    <message>
        <source>…solved in the period</source>
        <translation>……期内解决</translation>
    </message>
    <message>
        <source>Resolution rate of their problems</source>
        <translation>企业诉求解决率</translation>
    </message>
    <message>
        <source>Their satisfaction rate</source>
        <translation>企业诉求满意率</translation>
    </message>
    <message>
        <source>Classes of problems (一类事)</source>
        <translation>一类事</translation>
    </message>
    <message>
        <source>Raised, a class counted as one</source>
        <translation>期内提出（一类事计为一件）</translation>
    </message>
    <message>
        <source>Records today</source>
        <translation>当前记录数</translation>
    </message>
    <message>
        <source>Demands today and in the period</source>
        <translation>诉求：当前与期内</translation>
    </message>
    <message>
        <source>Rates in the period</source>
        <translation>期内比率</translation>
    </message>
    <message>
        <source>Ch&amp;arts</source>
        <translation>图表(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Numbers</source>
        <translation>数字(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Refresh (F5)</source>
        <translation>刷新(&amp;R) (F5)</translation>
    </message>
    <message>
        <source>&amp;Save as workbook… (Ctrl+S)</source>
        <translation>保存为工作簿(&amp;S)…（Ctrl+S）</translation>
    </message>
    <message>
        <source>Print &amp;monthly report… (Ctrl+P)</source>
        <translation>打印月度报表(&amp;M)…（Ctrl+P）</translation>
    </message>
    <message>
        <source>&amp;Outcomes</source>
        <translation>办结结果(&amp;O)</translation>
    </message>
    <message>
        <source>So&amp;urces</source>
        <translation>诉求来源(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Grid workers</source>
        <translation>网格员(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Whistles</source>
        <translation>吹哨报到(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Disputes</source>
        <translation>矛盾纠纷(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Enterprises</source>
        <translation>企业(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Classes</source>
        <translation>一类事(&amp;C)</translation>
    </message>
    <message>
        <source>M&amp;icro-grids</source>
        <translation>微网格(&amp;I)</translation>
    </message>
    <message>
        <source>Specia&amp;l grids</source>
        <translation>专属网格(&amp;L)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Whistles</source>
        <translation>吹哨</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>一类事</translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>诉求办理</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Micro-grid</source>
        <translation>微网格</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>已联户</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>期内已走访</translation>
    </message>
    <message>
        <source>Visited rate</source>
        <translation>走访率</translation>
    </message>
    <message>
        <source>Demands raised</source>
        <translation>本次提出的诉求</translation>
    </message>
    <message>
        <source>Demands open</source>
        <translation>未办结诉求</translation>
    </message>
    <message>
        <source>Special grid</source>
        <translation>专属网格</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Market street</source>
        <translation>商圈</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Enter or a double click on a figure opens the records it counts</source>
        <translation>在数字上按回车或双击，打开它所统计的记录</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Choose a period that starts before it ends ({problem}).</source>
        <translation>请选择起始日期不晚于截止日期的期间（{problem}）。</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>正在统计</translation>
    </message>
    <message>
        <source>{scope} · Period: {start} to {end}</source>
        <translation>{scope} · 期间：{start} 至 {end}</translation>
    </message>
    <message>
        <source>Print the monthly report</source>
        <translation>打印月度报表</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Printing the monthly report</source>
        <translation>正在打印月度报表</translation>
    </message>
    <message>
        <source>Monthly report saved to {path}.</source>
        <translation>月度报表已保存到 {path}。</translation>
    </message>
    <message>
        <source>The figures could not be counted: {reason}</source>
        <translation>无法统计：{reason}</translation>
    </message>
    <message>
        <source>B&amp;y place</source>
        <translation>范围(&amp;Y)</translation>
    </message>
    <message>
        <source>Save the figures</source>
        <translation>保存统计数据</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saving the figures</source>
        <translation>正在保存统计数据</translation>
    </message>
    <message>
        <source>Figures saved to {path}.</source>
        <translation>统计数据已保存到 {path}。</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
</context>
<context>
    <name>UnitEditor</name>
    <message>
        <source>Print this number for &amp;residents (the unit agreed)</source>
        <translation>可向居民公开此号码（单位已同意）(&amp;R)</translation>
    </message>
    <message>
        <source>Otherwise the contact handbook prints only the unit's hotline.</source>
        <translation>不勾选时，便民服务手册只印单位的服务热线。</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Printed for residents</source>
        <translation>向居民公开</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Hot&amp;line</source>
        <translation>热线(&amp;L)</translation>
    </message>
    <message>
        <source>Contact &amp;person</source>
        <translation>联系人(&amp;P)</translation>
    </message>
    <message>
        <source>Contact p&amp;hone</source>
        <translation>联系电话(&amp;H)</translation>
    </message>
    <message>
        <source>New responsible unit</source>
        <translation>新增责任单位</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit to {household}</source>
        <translation>走访 {household}</translation>
    </message>
    <message>
        <source>&amp;Policy publicised</source>
        <translation>政策宣传(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Handbook handed over</source>
        <translation>发放便民服务手册(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Other</source>
        <translation>其他(&amp;O)</translation>
    </message>
    <message>
        <source>What the household asks for or suggests</source>
        <translation>住户提出的诉求或意见建议</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <source>S&amp;uggestion</source>
        <translation>意见建议(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Solved on the spot</source>
        <translation>当场解决(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Add demand</source>
        <translation>添加诉求(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Visitors</source>
        <translation>走访人(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Talked to</source>
        <translation>交谈对象(&amp;T)</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>走访内容</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>De&amp;mand</source>
        <translation>诉求(&amp;M)</translation>
    </message>
    <message>
        <source>Demands raised</source>
        <translation>本次提出的诉求</translation>
    </message>
    <message>
        <source>{text} (solved on the spot)</source>
        <translation>{text}（当场解决）</translation>
    </message>
    <message>
        <source>Tick at least one visitor.</source>
        <translation>请至少勾选一名走访人。</translation>
    </message>
</context>
<context>
    <name>VisitsSection</name>
    <message>
        <source>Cadre</source>
        <translation>党员干部</translation>
    </message>
    <message>
        <source>Linked households</source>
        <translation>联系户数</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>住户</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <source>&amp;Link households… (Ctrl+L)</source>
        <translation>联系住户…(&amp;L)（Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Unlink (Del)</source>
        <translation>取消联系(&amp;U)（Del）</translation>
    </message>
    <message>
        <source>Re&amp;cord visit… (Ctrl+N)</source>
        <translation>记录走访…(&amp;C)（Ctrl+N）</translation>
    </message>
    <message>
        <source>History (Ctrl+H)</source>
        <translation>历史记录（Ctrl+H）</translation>
    </message>
    <message>
        <source>Cadres and households</source>
        <translation>干部与联系户</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>Cadre list (Ctrl+Shift+C)</source>
        <translation>干部名册（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>No cadres yet: add them on the cadre list (Ctrl+Shift+C).</source>
        <translation>尚无党员干部：请在干部名册中添加（Ctrl+Shift+C）。</translation>
    </message>
    <message>
        <source>Households linked to {name}</source>
        <translation>{name} 联系的住户</translation>
    </message>
    <message>
        <source>Linking households</source>
        <translation>正在联户</translation>
    </message>
    <message>
        <source>Households linked to {name}.</source>
        <translation>已为 {name} 联户。</translation>
    </message>
    <message>
        <source>Unlinking households</source>
        <translation>正在取消联系</translation>
    </message>
    <message>
        <source>{count} household(s) unlinked from {name}.</source>
        <translation>已取消 {name} 与 {count} 户的联系。</translation>
    </message>
    <message>
        <source>Saving the visit</source>
        <translation>正在保存走访记录</translation>
    </message>
    <message>
        <source>Visit to {household} saved.</source>
        <translation>已保存对 {household} 的走访。</translation>
    </message>
</context>
</TS>