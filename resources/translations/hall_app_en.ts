<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AcceptanceOptions</name>
    <message>
        <location filename="../../hall_app/ui/acceptance.py" line="+47"/>
        <source>受理：送达方式与容缺承诺</source>
        <translation>Acceptance: delivery and deferral commitment</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>邮寄送达的收件地址、收件人及电话</source>
        <translation>Postal address, recipient and phone for delivery by post</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办理结果送达方式(&amp;D)：</source>
        <translation>&amp;Delivery of the result:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收件地址(&amp;A)：</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请人已阅读并签署《容缺受理承诺书》(&amp;C)</source>
        <translation>The applicant has read and signed the deferral &amp;commitment</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>容缺后补材料（补齐日期只能提前，不能延后）</source>
        <translation>Materials to follow later (the due date may only be brought forward)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>受理后 {} 个工作日内</source>
        <translation>within {} working days of acceptance</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>受理并打印回执</source>
        <translation>Accept and print the receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>邮寄送达须填写收件地址</source>
        <translation>Delivery by post needs an address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>容缺受理须由申请人签署承诺书</source>
        <translation>Accepting with a deferred material needs the applicant&apos;s signed commitment</translation>
    </message>
</context>
<context>
    <name>Agent</name>
    <message>
        <location filename="../../hall_app/ui/agent.py" line="+54"/>
        <source>代理人 / 法定代表人（代他人申请时填写）</source>
        <translation>Agent / legal representative (when applying for someone else)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>单位申请时填写法定代表人</source>
        <translation>For a company: its legal representative</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代理人姓名</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代理关系</source>
        <translation>Relationship</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../hall_app/ui/app.py" line="+53"/>
        <source>政务服务大厅窗口系统</source>
        <translation>Government Service Hall Window System</translation>
    </message>
</context>
<context>
    <name>ApplyChangeDialog</name>
    <message>
        <location filename="../../hall_app/ui/tidal_apply.py" line="+34"/>
        <source>确认调整窗口业务</source>
        <translation>Confirm Window Reassignment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{}号窗口：{} → {}</source>
        <translation>Window {}: {} → {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>临时调整，至</source>
        <translation>Temporary, until</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>长期有效（直至另行调整）</source>
        <translation>Permanent (until changed again)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>仍要调整（值班长确认，须写明理由，记入审计）</source>
        <translation>Reassign anyway (supervisor confirms; reason required, audited)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>按规则不能调整：</source>
        <translation>Not allowed by the rules: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>确认调整</source>
        <translation>Confirm Reassignment</translation>
    </message>
</context>
<context>
    <name>AppointmentsView</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="+71"/>
        <source>签到：输入或扫描预约码 / 身份证号 / 手机号，回车</source>
        <translation>Check-in: enter or scan booking code / ID number / mobile number, then press Enter</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>预览/打印预约单</source>
        <translation>Preview/Print Booking Slip</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>预约所选时段</source>
        <translation>Book Selected Slot</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手机号：</source>
        <translation>Mobile:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项/一件事：</source>
        <translation>Item/One-Thing Bundle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代市民预约（每人每天一次）</source>
        <translation>Book for a Citizen (once per person per day)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>取消所选预约</source>
        <translation>Cancel Selected Booking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入网上预约…</source>
        <translation>Import Online Bookings…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>今日预约</source>
        <translation>Today&apos;s Bookings</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>错峰推荐：{}</source>
        <translation>Off-peak suggestions: {}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{} 岁</source>
        <translation>Age {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，签到时自动进入绿色通道</source>
        <translation>; green channel automatically at check-in</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先选择时段</source>
        <translation>Select a slot first</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>预约成功：预约码 {}，{} {}</source>
        <translation>Booked: code {}, {} {}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>预约单未能生成：{}</source>
        <translation>Booking slip could not be generated: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约单已存档，打印失败：{}</source>
        <translation>Booking slip archived; printing failed: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约单已送打印机「{}」</source>
        <translation>Booking slip sent to printer “{}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约单已存档，可预览打印</source>
        <translation>Booking slip archived; preview it to print</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;预约码 &lt;span style=&apos;font-size:20px&apos;&gt;{}&lt;/span&gt;&lt;/b&gt;&lt;br&gt;{} {} · {}&lt;br&gt;{}</source>
        <translation>&lt;b&gt;Booking code &lt;span style=&apos;font-size:20px&apos;&gt;{}&lt;/span&gt;&lt;/b&gt;&lt;br&gt;{} {} · {}&lt;br&gt;{}</translation>
    </message>
    <message>
        <source>预约成功：预约码 {}，{} {}，请提前 5–30 分钟到大厅签到</source>
        <translation type="vanished">Booked: code {}, {} {}. Please check in at the hall 5–30 min early</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>已取消 {}</source>
        <translation>Cancelled {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导入网上预约</source>
        <translation>Import Online Bookings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预约文件 (*.csv *.json)</source>
        <translation>Booking files (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>AskBox</name>
    <message>
        <location filename="../../hall_app/ui/ask_box.py" line="+34"/>
        <source>智能问答 (F4)：输入市民的原话，如「孩子刚出生要办哪些手续」，回车</source>
        <translation>Ask (F4): type the citizen&apos;s own words, e.g. &quot;what do I do now my baby is born&quot;, then Enter</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{}. 【{}】{}（{}）
    匹配：{}</source>
        <translation>{}. [{}] {} ({})
    Matched: {}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>「{}」不在本大厅办理，请到{}咨询；其他事项可选择业务类别：</source>
        <translation>“{}” is not handled at this hall; please ask at: {}. For anything else, choose a service category:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到与您的问题相符的事项，请换个说法，或选择业务类别：</source>
        <translation>Nothing matches the question; try other words, or choose a category:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>【业务类别】{} {}</source>
        <translation>[Category] {} {}</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../hall_app/ui/audit_view.py" line="+106"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部人员</source>
        <translation>All staff</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部窗口</source>
        <translation>All windows</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>校验哈希链</source>
        <translation>Verify hash chain</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>起始时间应早于截止时间</source>
        <translation>The start time must be before the end time</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>显示最新 {} 条，请缩小查询范围</source>
        <translation>Showing the latest {}; narrow the search</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {} 条</source>
        <translation>{} entries</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>哈希链完整：已校验 {} 条记录（{} 天）</source>
        <translation>Hash chain intact: {} entries checked ({} days)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>记录 #{}</source>
        <translation>entry #{}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（链日期 {}）</source>
        <translation> (chain day {})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>哈希链断开：前 {} 条完好；第一处断链在{}：{}</source>
        <translation>Hash chain broken: the first {} entries are intact; first broken link at {}: {}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已导出 {} 条到 {}</source>
        <translation>Exported {} entries to {}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
</context>
<context>
    <name>BackEntry</name>
    <message>
        <location filename="../../hall_app/ui/back_entry_parts.py" line="+51"/>
        <source>取号时间：</source>
        <translation>Issued at:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记时间：</source>
        <translation>Logged at:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间：</source>
        <translation>Accepted at:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知时间：</source>
        <translation>Notified at:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出具时间：</source>
        <translation>Issued at:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问</source>
        <translation>First Inquiry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知单</source>
        <translation>Notification Slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Refusal</translation>
    </message>
</context>
<context>
    <name>BackEntryForm</name>
    <message>
        <location filename="../../hall_app/ui/back_entry_form.py" line="+80"/>
        <source>纸质记录：</source>
        <translation>Paper record:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存本行</source>
        <translation>Save Line</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空本行</source>
        <translation>Clear Line</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存本行 (Enter / Ctrl+Enter)</source>
        <translation>Save Line (Enter / Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>清空本行 (Ctrl+Shift+Del)</source>
        <translation>Clear Line (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Enter 跳到下一栏，最后一栏按 Enter 保存；数字编号可只输序号（如 17）</source>
        <translation>Enter moves to the next field; Enter in the last field saves. For numbered records you can type just the sequence number (e.g. 17)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补录一行</source>
        <translation>Enter One Line</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>纸上写的时间，如 09:42 或 0942</source>
        <translation>Time written on paper, e.g. 09:42 or 0942</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>可不填（同取号时间）</source>
        <translation>Optional (defaults to issue time)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号未到</source>
        <translation>No-show (did not come)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>如：手工收费 50 元，收据号 0012345</source>
        <translation>e.g. manual fee of 50 yuan, receipt no. 0012345</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>经办人是本人可不填</source>
        <translation>Leave blank if you handled it yourself</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>如：受理登记簿 第2页第5行</source>
        <translation>e.g. acceptance register, page 2, line 5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>编号：</source>
        <translation>Number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>叫号时间：</source>
        <translation>Called at:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结时间：</source>
        <translation>Completed at:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询事项：</source>
        <translation>Inquiry:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理结果：</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>答复内容：</source>
        <translation>Reply:</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>已收材料：
（空格勾选）</source>
        <translation>Materials received:
(Space to tick)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少材料：
（空格勾选）</source>
        <translation>Missing materials:
(Space to tick)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口：</source>
        <translation>Window:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经办人工号：</source>
        <translation>Handler Staff ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质位置：</source>
        <translation>Paper location:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>群众姓名：</source>
        <translation>Citizen name:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>申请人姓名：</source>
        <translation>Applicant name:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不予受理理由：</source>
        <translation>Reason for refusal:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{}（或只输序号）</source>
        <translation>{} (or just the sequence number)</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>请选择事项</source>
        <translation>Select an item</translation>
    </message>
</context>
<context>
    <name>BackEntryModel</name>
    <message>
        <location filename="../../hall_app/ui/back_entry_parts.py" line="+46"/>
        <source>（作废）</source>
        <translation> (voided)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>作废：{}</source>
        <translation>Voided: {}</translation>
    </message>
</context>
<context>
    <name>BackEntryView</name>
    <message>
        <source>纸质记录：</source>
        <translation type="vanished">Paper record:</translation>
    </message>
    <message>
        <source>保存本行</source>
        <translation type="vanished">Save Line</translation>
    </message>
    <message>
        <source>清空本行</source>
        <translation type="vanished">Clear Line</translation>
    </message>
    <message>
        <source>保存本行 (Enter / Ctrl+Enter)</source>
        <translation type="vanished">Save Line (Enter / Ctrl+Enter)</translation>
    </message>
    <message>
        <source>清空本行 (Ctrl+Shift+Del)</source>
        <translation type="vanished">Clear Line (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <source>Enter 跳到下一栏，最后一栏按 Enter 保存；数字编号可只输序号（如 17）</source>
        <translation type="vanished">Enter moves to the next field; Enter in the last field saves. For numbered records you can type just the sequence number (e.g. 17)</translation>
    </message>
    <message>
        <source>补录一行</source>
        <translation type="vanished">Enter One Line</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/back_entry.py" line="+67"/>
        <source>本次事件已补录</source>
        <translation>Entered for this incident</translation>
    </message>
    <message>
        <source>纸上写的时间，如 09:42 或 0942</source>
        <translation type="vanished">Time written on paper, e.g. 09:42 or 0942</translation>
    </message>
    <message>
        <source>可不填（同取号时间）</source>
        <translation type="vanished">Optional (defaults to issue time)</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation type="vanished">Optional</translation>
    </message>
    <message>
        <source>过号未到</source>
        <translation type="vanished">No-show (did not come)</translation>
    </message>
    <message>
        <source>如：手工收费 50 元，收据号 0012345</source>
        <translation type="vanished">e.g. manual fee of 50 yuan, receipt no. 0012345</translation>
    </message>
    <message>
        <source>—</source>
        <translation type="vanished">—</translation>
    </message>
    <message>
        <source>经办人是本人可不填</source>
        <translation type="vanished">Leave blank if you handled it yourself</translation>
    </message>
    <message>
        <source>如：受理登记簿 第2页第5行</source>
        <translation type="vanished">e.g. acceptance register, page 2, line 5</translation>
    </message>
    <message>
        <source>编号：</source>
        <translation type="vanished">Number:</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation type="vanished">Time:</translation>
    </message>
    <message>
        <source>业务类别：</source>
        <translation type="vanished">Category:</translation>
    </message>
    <message>
        <source>事项：</source>
        <translation type="vanished">Item:</translation>
    </message>
    <message>
        <source>叫号时间：</source>
        <translation type="vanished">Called at:</translation>
    </message>
    <message>
        <source>办结时间：</source>
        <translation type="vanished">Completed at:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation type="vanished">Name:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation type="vanished">Phone:</translation>
    </message>
    <message>
        <source>身份证号：</source>
        <translation type="vanished">ID number:</translation>
    </message>
    <message>
        <source>咨询事项：</source>
        <translation type="vanished">Inquiry:</translation>
    </message>
    <message>
        <source>处理结果：</source>
        <translation type="vanished">Outcome:</translation>
    </message>
    <message>
        <source>答复内容：</source>
        <translation type="vanished">Reply:</translation>
    </message>
    <message>
        <source>已收材料：
（空格勾选）</source>
        <translation type="vanished">Materials received:
(Space to tick)</translation>
    </message>
    <message>
        <source>缺少材料：
（空格勾选）</source>
        <translation type="vanished">Missing materials:
(Space to tick)</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation type="vanished">Note:</translation>
    </message>
    <message>
        <source>窗口：</source>
        <translation type="vanished">Window:</translation>
    </message>
    <message>
        <source>经办人工号：</source>
        <translation type="vanished">Handler Staff ID:</translation>
    </message>
    <message>
        <source>纸质位置：</source>
        <translation type="vanished">Paper location:</translation>
    </message>
    <message>
        <source>群众姓名：</source>
        <translation type="vanished">Citizen name:</translation>
    </message>
    <message>
        <source>申请人姓名：</source>
        <translation type="vanished">Applicant name:</translation>
    </message>
    <message>
        <source>不予受理理由：</source>
        <translation type="vanished">Reason for refusal:</translation>
    </message>
    <message>
        <source>{}（或只输序号）</source>
        <translation type="vanished">{} (or just the sequence number)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>（按事项确定）</source>
        <translation>(From the item)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>当前没有未结束的应急事件，无需补录。</source>
        <translation>There is no open incident; nothing to enter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>补录：应急事件 {} · {} · {:%H:%M} 起</source>
        <translation>Back entry: incident {} · {} · since {:%H:%M}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{} {}/{}</source>
        <translation>{} {}/{}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已处理（补录+作废）/预留：</source>
        <translation>Handled (entered + voided) / reserved: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
{}待补录：{}</source>
        <translation>
{} still to enter: {}</translation>
    </message>
    <message>
        <source>请选择事项</source>
        <translation type="vanished">Select an item</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已补录 {} {}（原始时间 {}）</source>
        <translation>Entered {} {} (original time {})</translation>
    </message>
</context>
<context>
    <name>BoardSettingsDialog</name>
    <message>
        <location filename="../../hall_app/ui/board.py" line="+400"/>
        <source>叫号屏设置（值班长）</source>
        <translation>Calling Board Settings (Supervisor)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>显示英文提示（Ticket A012, please go to window 5）</source>
        <translation>Show English prompt (Ticket A012, please go to window 5)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>静音</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>值班长工号：</source>
        <translation>Supervisor Staff ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>滚动通知：</source>
        <translation>Scrolling notice:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每次呼叫播报次数：</source>
        <translation>Announcements per call:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>音量：</source>
        <translation>Volume:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <location line="-305"/>
        <source>叫号屏</source>
        <translation>Calling Board</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>⚠ 与服务器的连接中断，显示的可能不是最新信息</source>
        <translation>⚠ Connection to the server lost; the information shown may be out of date</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>最近呼叫</source>
        <translation>Recent Calls</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>各窗口当前号</source>
        <translation>Current Ticket by Window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>等候人数 · 预计等待</source>
        <translation>Waiting · Estimated Wait</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>叫号屏设置</source>
        <translation>Calling Board Settings</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>⚠ 叫号语音故障：{}。请留意屏幕上的号码</source>
        <translation>⚠ Voice announcements failed: {}. Please watch the numbers on screen</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>优先办理</source>
        <translation>for priority service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理</source>
        <translation>for service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请到 {} 号窗口{}</source>
        <translation>Please go to Window {} {}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>未办结（闭厅）：{}，请到导服台领取下一工作日预约</source>
        <translation>Unfinished (hall closed): {}. Please get a booking for the next working day at the reception desk</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{} {}：{} 人&lt;br&gt;&lt;span style=&apos;color:{}; font-size:{}px&apos;&gt;&#x3000;{}&lt;/span&gt;</source>
        <translation>{} {}: {} waiting&lt;br&gt;&lt;span style=&apos;color:{}; font-size:{}px&apos;&gt;&#x3000;{}&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{} {}：{} 人，约 {} 分钟</source>
        <translation>{} {}: {} waiting, about {} min</translation>
    </message>
</context>
<context>
    <name>BookingOfferDialog</name>
    <message>
        <location filename="../../hall_app/ui/remedy_offer.py" line="+60"/>
        <source>当前排队较长：建议预约</source>
        <translation>Long queue now: suggest a booking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>现在取号预计等待约 {} 分钟</source>
        <translation>a ticket taken now waits about {} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂无窗口办理，等待时间无法估计</source>
        <translation>no window serves it now, the wait cannot be estimated</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>「{}」（{}）前面还有 {} 人，{}。</source>
        <translation>“{}” ({}): {} people ahead, {}.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{}月{}日（{}）{}–{}</source>
        <translation>{}/{} ({}) {}–{}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约该时段并打印预约单 (Enter)</source>
        <translation>Book this slot and print the slip (Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>仍要现场取号 (Ctrl+T)</source>
        <translation>Walk-in ticket anyway (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>返回 (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>可预约下一个较空闲的时段：</source>
        <translation>Next quiet slot that can be booked:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>市民仍可现场取号（预约为自愿）；预约须登记姓名、身份证号和手机号。</source>
        <translation>The citizen may still take a walk-in ticket (booking is voluntary); a booking needs the name, ID number and mobile.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>预约须填写姓名、身份证号和手机号</source>
        <translation>A booking needs the name, ID number and mobile</translation>
    </message>
</context>
<context>
    <name>BookingSlip</name>
    <message>
        <location filename="../../hall_app/ui/bookings.py" line="+71"/>
        <source>预约单 {}</source>
        <translation>Booking Slip {}</translation>
    </message>
</context>
<context>
    <name>CalendarReminder</name>
    <message>
        <location filename="../../hall_app/ui/reminders.py" line="+26"/>
        <source>⚠ {} 年节假日安排未录入（用 hall-app calendar 录入）</source>
        <translation>⚠ Holidays for {} not entered (use hall-app calendar)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{} 年的法定节假日和调休安排尚未录入：跨年办件的承诺日期暂按周一至周五推算。请在装有本系统的电脑上用命令 hall-app calendar 录入该年的安排。</source>
        <translation>Public holidays and make-up workdays for {} have not been entered: promised dates of cases that cross the year end are counted Monday–Friday for now. On a PC with this system installed, enter them with the command hall-app calendar.</translation>
    </message>
</context>
<context>
    <name>CannotDoDialog</name>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="+119"/>
        <source>承办人工号（可不填）</source>
        <translation>Assignee Staff ID (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办不成事登记</source>
        <translation>“Couldn&apos;t Get It Done” Report</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未办成的事项：</source>
        <translation>Item not done:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题类型：</source>
        <translation>Issue type:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>群众姓名：</source>
        <translation>Citizen name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人：</source>
        <translation>Assignee:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记</source>
        <translation>Log</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="+62"/>
        <source>{} 天</source>
        <translation>{} days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 个工作日</source>
        <translation>{} working days</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>逾期 {} 项</source>
        <translation>{} overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已补齐</source>
        <translation>All supplied</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待补 {} 项（{} 前）</source>
        <translation>{} to supply (by {})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办件编号</source>
        <translation>Case No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理日期</source>
        <translation>Acceptance Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结日期</source>
        <translation>Promised Completion Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法定办结日期</source>
        <translation>Legal due date</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{}（即办）</source>
        <translation>{} (on the spot)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（已依法延长）</source>
        <translation> (extended by law)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>承诺时限 {}；法定时限 {}</source>
        <translation>Promised limit {}; legal limit {}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>补正材料 {} 收到，时限自次日重新计算</source>
        <translation>Corrected materials arrived on {}; the limits restart the next day</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{}：{} 前补齐</source>
        <translation>{}: to be supplied by {}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>延长天数（按承诺时限的单位）：</source>
        <translation>Days to extend (in the promised limit&apos;s unit):</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>暂停计时…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>延长承诺时限…</source>
        <translation>Extend promise…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依法延长…</source>
        <translation>Legal extension…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺材料收到…</source>
        <translation>Deferred material received…</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>该办件没有待补的容缺材料</source>
        <translation>This case has no deferred material to supply</translation>
    </message>
    <message>
        <source>剩余工作日</source>
        <translation type="vanished">Working Days Left</translation>
    </message>
    <message>
        <location line="-307"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺后补</source>
        <translation>To follow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告知单</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口/经办人</source>
        <translation>Window/Handler</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>暂停中</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>延长承诺时限（只能延长一次）</source>
        <translation>Extend Promised Deadline (Once Only)</translation>
    </message>
    <message>
        <source>延长工作日：</source>
        <translation type="vanished">Extend by working days:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+50"/>
        <source>批准人：</source>
        <translation>Approved by:</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+50"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>如：等待申请人补正营业执照经营范围</source>
        <translation>e.g. waiting for the applicant to correct the business scope on the licence</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂停计时（法定时限与承诺时限同时暂停）</source>
        <translation>Pause (the legal and the promised limit stop together)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂停类型：</source>
        <translation>Kind of pause:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>批准的本机关负责人，如：县市场监管局局长 王某</source>
        <translation>Head of the office who approved it, e.g. Director Wang, county market regulation bureau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>依法延长办理期限 {} 个工作日（行政许可，只能延长一次）</source>
        <translation>Extend the legal limit by {} working days (licences only, once)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>延长并打印告知书</source>
        <translation>Extend and print the notice</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>容缺后补材料已收到</source>
        <translation>Deferred material received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料：</source>
        <translation>Material:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认收到</source>
        <translation>Confirm received</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>只看本窗口</source>
        <translation>This window only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>只看未办结</source>
        <translation>Open cases only</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补打时列出暂停计时</source>
        <translation>List pauses on a reprint</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>暂停计时</source>
        <translation type="vanished">Pause Clock</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>恢复计时</source>
        <translation>Resume Clock</translation>
    </message>
    <message>
        <source>延长时限…</source>
        <translation type="vanished">Extend Deadline…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补打回执</source>
        <translation>Reprint Receipt</translation>
    </message>
    <message>
        <location line="+44"/>
        <location filename="../../hall_app/ui/reveal.py" line="+59"/>
        <source>请先选择一个办件</source>
        <translation>Select a case first</translation>
    </message>
    <message>
        <source>等待补正材料</source>
        <translation type="vanished">Awaiting corrected materials</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{}：{}完成</source>
        <translation>{}: {} done</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>延长办理期限告知书 {}</source>
        <translation>Extension notice {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>受理回执 {}（补打）</source>
        <translation>Acceptance Receipt {} (Reprint)</translation>
    </message>
</context>
<context>
    <name>Casework</name>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="+102"/>
        <source>选择办理事项</source>
        <translation>Select Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该号票按业务类别取号，请选择具体事项：</source>
        <translation>This ticket was issued for a category; select the specific item:</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>补打 {}</source>
        <translation>Reprint {}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>审查要点清单 {}</source>
        <translation>Review checklist {}</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>受理回执 {}</source>
        <translation>Acceptance Receipt {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知单 {}</source>
        <translation>One-Time Notification Slip {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理通知书 {}</source>
        <translation>Refusal Notice {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>容缺受理承诺书 {}</source>
        <translation>Deferral commitment {}</translation>
    </message>
</context>
<context>
    <name>ClerkView</name>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="+117"/>
        <source>{}号窗口 当前号票</source>
        <translation>Window {} – Current Ticket</translation>
    </message>
    <message>
        <source>叫号</source>
        <translation type="vanished">Call Next</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation type="vanished">Recall</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation type="vanished">Start Service</translation>
    </message>
    <message>
        <source>办结</source>
        <translation type="vanished">Complete</translation>
    </message>
    <message>
        <source>过号</source>
        <translation type="vanished">No-Show</translation>
    </message>
    <message>
        <source>转移</source>
        <translation type="vanished">Transfer</translation>
    </message>
    <message>
        <source>材料核验</source>
        <translation type="vanished">Material Check</translation>
    </message>
    <message>
        <source>暂停/恢复服务</source>
        <translation type="vanished">Pause/Resume Service</translation>
    </message>
    <message>
        <source>撤销过号</source>
        <translation type="vanished">Undo No-Show</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>本窗口业务类别等候情况（按叫号优先顺序）</source>
        <translation>Waiting in This Window&apos;s Categories (by Call Priority)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>市民补正后再来：扫描告知单二维码或输入编号（如 BZ-500231-20261125-0007），回车</source>
        <translation>Returning after correction: scan the slip&apos;s QR code or enter its number (e.g. BZ-500231-20261125-0007), then press Enter</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>暂无等候的号票</source>
        <translation>No tickets waiting</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已叫号 {}，请 {} 号到 {} 号窗口办理</source>
        <translation>Called {}: ticket {}, please go to window {}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已重呼 {}（第 {} 次）</source>
        <translation>Recalled {} (call #{})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 开始办理</source>
        <translation>{}: service started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 已办结</source>
        <translation>{}: completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 已按过号处理</source>
        <translation>{} marked as no-show</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{} 已按过号处理；2 分钟内可按 Shift+F5 撤销</source>
        <translation>{} marked as no-show; press Shift+F5 within 2 min to undo</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>已撤销 {} 的过号，请继续办理</source>
        <translation>No-show of {} undone; please continue</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="-47"/>
        <location filename="../../hall_app/ui/clerk.py" line="+26"/>
        <source>{}号窗口</source>
        <translation>Window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="+2"/>
        <source>{} 已转移到 {}</source>
        <translation>{} transferred to {}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已恢复服务</source>
        <translation>Service resumed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已暂停服务，按 F8 恢复</source>
        <translation>Service paused; press F8 to resume</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{} 评价已记录：{}</source>
        <translation>{} rating recorded: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；已生成差评整改 {}，请值班长核实</source>
        <translation>; Rectification {} created, pending supervisor verification</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已受理，办件编号 {}</source>
        <translation>Accepted, case no. {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已出具一次性告知单 {}</source>
        <translation>One-Time Notification Slip {} issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已出具不予受理通知书 {}</source>
        <translation>Refusal Notice {} issued</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>空闲：按 F1 叫下一位</source>
        <translation>Idle: press F1 to call the next ticket</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{}（第 {} 次呼叫）</source>
        <translation>{} (call #{})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态：{}</source>
        <translation>Status: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项：{}  ·  类别：{}</source>
        <translation>Item: {}  ·  Category: {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>绿色通道 {}：请优先办理</source>
        <translation>Green channel {}: please serve with priority</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已等候 {}</source>
        <translation>Waited {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  ·  已办理 {}</source>
        <translation>  ·  In service {}</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../hall_app/ui/incident_dialogs.py" line="+131"/>
        <source>结束应急事件</source>
        <translation>End Incident</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>原因、影响、处理经过、改进措施</source>
        <translation>Cause, impact, how it was handled, improvements</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>如：部分纸质号票遗失，已登记说明</source>
        <translation>e.g. some paper tickets were lost; noted in the register</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>还有 {} 个纸质号码既未补录也未作废（{}）</source>
        <translation>{} paper numbers are neither entered nor voided ({})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>还有 {} 条离线记录冲突未处理</source>
        <translation>{} offline record conflicts are unresolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>。如仍要结束，请写明原因。</source>
        <translation>. To end the incident anyway, state the reason.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本次事件未打印应急包，没有纸质号码需要核对。</source>
        <translation>No emergency kit was printed for this incident; there are no paper numbers to check.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>纸质台账已平：全部号码均已补录或作废。</source>
        <translation>Paper ledger reconciled: every number has been entered or voided.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>事件复盘：</source>
        <translation>Incident review:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未平账原因：</source>
        <translation>Reason ledger not reconciled:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束事件</source>
        <translation>End Incident</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>以下 {} 个预案步骤未勾选，请逐项写明未做的原因</source>
        <translation>These {} plan steps are not ticked; give a reason for each step not done</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>未做的原因，如：网络很快恢复，无需此步</source>
        <translation>Why it was not done, e.g. the network came back quickly, not needed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>ClosedBookingDialog</name>
    <message>
        <location filename="../../hall_app/ui/closing.py" line="+59"/>
        <source>闭厅号票预约</source>
        <translation>Booking for Hall-Closed Ticket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约告知单上的号码，如 A012</source>
        <translation>Number on the booking notice, e.g. A012</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>号票：</source>
        <translation>Ticket:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号：</source>
        <translation>Mobile:</translation>
    </message>
</context>
<context>
    <name>Closing</name>
    <message>
        <location line="-22"/>
        <source>闭厅</source>
        <translation>Close Hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把今天仍在等候或已叫号的号票记为“未办结（闭厅）”，并为市民提供下一个工作日的预约？
（正在办理的号票不受影响；闭厅时间 {}）</source>
        <translation>Mark today&apos;s tickets still waiting or called as “unfinished (hall closed)” and offer citizens a booking for the next working day?
(Tickets in service are not affected; closing time {})</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>闭厅（结束当天号票）…</source>
        <translation>Close Hall (End Today&apos;s Tickets)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>闭厅号票预约…</source>
        <translation>Booking for Hall-Closed Ticket…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{} 已预约 {} {}，预约码 {}</source>
        <translation>{} booked for {} {}, booking code {}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>闭厅完成：{} 张号票记为未办结（闭厅）</source>
        <translation>Hall closed: {} tickets marked unfinished (hall closed)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>；预约告知单已保存 {}</source>
        <translation>; booking notices saved: {}</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../hall_app/ui/conflicts.py" line="+199"/>
        <source>离线工作合并时与服务器记录不一致的操作。请核实后选择以哪一方为准：处理结果会直接改正号票状态，并通知各终端。</source>
        <translation>Offline actions that disagreed with the server when merged. Check, then choose which side stands: settling corrects the ticket and tells every terminal.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>处理所选冲突…</source>
        <translation>Settle selected conflict…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>各终端离线号码余量（终端联网时上报）</source>
        <translation>Offline numbers left at each terminal (reported when online)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>请先选择一条冲突</source>
        <translation>Select a conflict first</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>冲突 {} 已处理</source>
        <translation>Conflict {} settled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>：号票现为「{}」</source>
        <translation>: the ticket is now &quot;{}&quot;</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../hall_app/ui/crash.py" line="+29"/>
        <source>程序错误</source>
        <translation>Program Error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>程序遇到意外错误，本次操作可能未完成。
请记下当时的操作并联系管理员；详细信息已写入日志：
{}</source>
        <translation>The program hit an unexpected error; this operation may not have completed.
Please note what you were doing and contact the administrator. Details were written to the log:
{}</translation>
    </message>
</context>
<context>
    <name>DeclareForm</name>
    <message>
        <location filename="../../hall_app/ui/incident_declare.py" line="+41"/>
        <source>如：网络中断、服务器故障、收费系统故障</source>
        <translation>e.g. network outage, server failure, payment system failure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全厅</source>
        <translation>Whole hall</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>如：入口张贴告示，导服口头告知</source>
        <translation>e.g. notice posted at the entrance, reception staff tell visitors</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>如：网上办、自助终端、邮寄</source>
        <translation>e.g. online, self-service kiosks, by post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宣布应急事件，转入人工兜底 (Ctrl+Enter)</source>
        <translation>Declare Incident and Switch to Manual Fallback (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>宣布应急事件</source>
        <translation>Declare Incident</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事件原因：</source>
        <translation>Cause:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>影响范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始时间：</source>
        <translation>Start time:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如何告知群众：</source>
        <translation>How the public is told:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>替代渠道：</source>
        <translation>Alternative channels:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>历次应急事件</source>
        <translation>Past Incidents</translation>
    </message>
</context>
<context>
    <name>DeskKeys</name>
    <message>
        <location filename="../../hall_app/ui/desk_keys.py" line="+13"/>
        <source>叫号</source>
        <translation>Call</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始办理</source>
        <translation>Start service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料核验</source>
        <translation>Check materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停/恢复服务</source>
        <translation>Pause/resume service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销过号</source>
        <translation>Undo no-show</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="-77"/>
        <source>差评整改</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办不成事</source>
        <translation>“Couldn&apos;t Get It Done”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（超期）</source>
        <translation> (overdue)</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <location line="+109"/>
        <source>核实后整改</source>
        <translation>Verify and Rectify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记回访…</source>
        <translation>Log Return Visit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请无效评价…</source>
        <translation>Request Invalid Rating…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请无法整改…</source>
        <translation>Request Cannot Rectify…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审核不通过…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延期…</source>
        <translation>Extend…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办不成事登记…</source>
        <translation>“Couldn&apos;t Get It Done” Report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出报表…</source>
        <translation>Export Report…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>满意度（按窗口、工作人员、业务类别）</source>
        <translation>Satisfaction (by Window, Staff, Category)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>首问未办结 {} 件（超期 {}） · 差评整改 {} 件（超期 {}） · 办不成事 {} 件（超期 {}）</source>
        <translation>Open first inquiries: {} ({} overdue) · Rectifications: {} ({} overdue) · “Couldn&apos;t Get It Done”: {} ({} overdue)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>已登记</source>
        <translation>Logged</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先选择一个整改事项</source>
        <translation>Select a follow-up first</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>回访</source>
        <translation>Return Visit</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>回访方式：</source>
        <translation>Visit method:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>群众意见：</source>
        <translation>Citizen feedback:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已登记回访</source>
        <translation>Return visit logged</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>延期</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>延长工作日：</source>
        <translation>Extend by working days:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已延期</source>
        <translation>Extended</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>说明（必填）：</source>
        <translation>Note (required):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导出满意度与整改报表</source>
        <translation>Export Satisfaction and Rectification Report</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已导出 {}</source>
        <translation>Exported {}</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="+27"/>
        <source>部分预约未导入</source>
        <translation>Some Bookings Not Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入 {} 条，{} 条有问题，请核对后重新导入这些行：</source>
        <translation>Imported {}; {} had problems. Check and re-import these rows:</translation>
    </message>
</context>
<context>
    <name>Incident</name>
    <message>
        <location filename="../../hall_app/ui/incident_models.py" line="+35"/>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问登记</source>
        <translation>First-Inquiry Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知单</source>
        <translation>One-Time Notification Slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理通知书</source>
        <translation>Refusal notice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网络中断</source>
        <translation>Network outage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务器故障</source>
        <translation>Server failure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收费系统故障</source>
        <translation>Payment system failure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停电</source>
        <translation>Power outage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务系统（部门专网）故障</source>
        <translation>Department system (private network) failure</translation>
    </message>
    <message>
        <location line="+42"/>
        <source> 等 {} 段</source>
        <translation> … ({} ranges)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{} 分钟</source>
        <translation>{} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 小时 {} 分钟</source>
        <translation>{} h {} min</translation>
    </message>
</context>
<context>
    <name>IncidentListModel</name>
    <message>
        <location line="+190"/>
        <source>进行中</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{} 条，作废 {}</source>
        <translation>{} entered, {} voided</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>
未平账原因：{}</source>
        <translation>
Reason ledger not reconciled: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
未做步骤 {}：{}</source>
        <translation>
Step not done {}: {}</translation>
    </message>
</context>
<context>
    <name>IncidentView</name>
    <message>
        <location filename="../../hall_app/ui/incident.py" line="+91"/>
        <source>宣布应急事件</source>
        <translation>Declare Incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+190"/>
        <source>打印应急包</source>
        <translation>Print Emergency Kit</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>修改告知方式…</source>
        <translation>Edit Public Notice…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废剩余号码…</source>
        <translation>Void Remaining Numbers…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理冲突…</source>
        <translation>Resolve Conflict…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束事件…</source>
        <translation>End Incident…</translation>
    </message>
    <message>
        <source>如：网络中断、服务器故障、收费系统故障</source>
        <translation type="vanished">e.g. network outage, server failure, payment system failure</translation>
    </message>
    <message>
        <location line="+240"/>
        <source>全厅</source>
        <translation>Whole hall</translation>
    </message>
    <message>
        <source>现在</source>
        <translation type="vanished">Now</translation>
    </message>
    <message>
        <source>如：入口张贴告示，导服口头告知</source>
        <translation type="vanished">e.g. notice posted at the entrance, reception staff tell visitors</translation>
    </message>
    <message>
        <source>如：网上办、自助终端、邮寄</source>
        <translation type="vanished">e.g. online, self-service kiosks, by post</translation>
    </message>
    <message>
        <source>宣布应急事件，转入人工兜底 (Ctrl+Enter)</source>
        <translation type="vanished">Declare Incident and Switch to Manual Fallback (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>事件原因：</source>
        <translation type="vanished">Cause:</translation>
    </message>
    <message>
        <source>影响范围：</source>
        <translation type="vanished">Scope:</translation>
    </message>
    <message>
        <source>开始时间：</source>
        <translation type="vanished">Start time:</translation>
    </message>
    <message>
        <source>如何告知群众：</source>
        <translation type="vanished">How the public is told:</translation>
    </message>
    <message>
        <source>替代渠道：</source>
        <translation type="vanished">Alternative channels:</translation>
    </message>
    <message>
        <source>历次应急事件</source>
        <translation type="vanished">Past Incidents</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/incident_checklist.py" line="+26"/>
        <source>应急预案步骤（空格键勾选）</source>
        <translation>Contingency Plan Steps (Space to tick)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/incident.py" line="-160"/>
        <source>纸质台账（应急包号码）</source>
        <translation>Paper Ledger (Emergency Kit Numbers)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>离线记录冲突（待人工处理）</source>
        <translation>Offline Record Conflicts (Manual Handling Needed)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>台账已平：全部号码均已补录或作废。</source>
        <translation>Ledger reconciled: every number has been entered or voided.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>尚未打印应急包：打印后这里列出每个预留号码的去向。</source>
        <translation>Emergency kit not printed yet: once printed, this lists what happened to each reserved number.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>尚未启用应急包：抽屉中备有 {}，补录其编号即启用。</source>
        <translation>No emergency kit in use yet: {} ready in the drawer; entering one of its numbers puts it in use.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>未处理 {} 个：{}</source>
        <translation>{} outstanding: {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重印应急包</source>
        <translation>Reprint Emergency Kit</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>应急事件 {} · {}（{}）</source>
        <translation>Incident {} · {} ({})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{:%H:%M} 起，已持续 {}</source>
        <translation>Since {:%H:%M}, lasting {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>宣布人 {}</source>
        <translation>Declared by {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急包已打印</source>
        <translation>Emergency kit printed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>应急包未打印</source>
        <translation>Emergency kit not printed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>告知群众：{}</source>
        <translation>Public notice: {}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>替代渠道：{}</source>
        <translation>Alternative channels: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/incident_checklist.py" line="+30"/>
        <source>已完成 {}/{} 步</source>
        <translation>{}/{} steps done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，{} 步已超时</source>
        <translation>, {} overdue</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/incident.py" line="+29"/>
        <source>已宣布应急事件，全厅转入人工兜底。请按预案步骤逐项处理。</source>
        <translation>Incident declared; the hall has switched to manual fallback. Work through the plan steps one by one.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已完成：{}</source>
        <translation>Done: {}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已取消勾选：{}</source>
        <translation>Unticked: {}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在生成应急包…</source>
        <translation>Generating emergency kit…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>应急包 {}</source>
        <translation>Emergency Kit {}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>应急包已生成并存档，号码已预留；可在预览中打印或另存</source>
        <translation>Emergency kit generated and archived, numbers reserved; print or save it from the preview</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已更新告知方式和替代渠道</source>
        <translation>Public notice and alternative channels updated</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>没有需要作废的号码</source>
        <translation>No numbers to void</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已作废 {} 个号码（原因：{}）</source>
        <translation>Voided {} numbers (reason: {})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先选择一条冲突</source>
        <translation>Select a conflict first</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>冲突 {} 已处理</source>
        <translation>Conflict {} resolved</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>应急事件 {} 已结束</source>
        <translation>Incident {} ended</translation>
    </message>
</context>
<context>
    <name>InquiriesView</name>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="+224"/>
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只看未办结</source>
        <translation>Open only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>搜索编号、咨询内容或事项</source>
        <translation>Search number, inquiry or item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工号（值班长查看他人）</source>
        <translation>Staff ID (supervisor: view others)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>转交同事…</source>
        <translation>Hand Off to Colleague…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跟进记录…</source>
        <translation>Add Follow-up Note…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导出数据须有「导出数据」权限（值班长、管理员）</source>
        <translation>Exporting data needs the &quot;Export data&quot; permission (supervisor, administrator)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>请先选择一条首问登记</source>
        <translation>Select a First-Inquiry Log entry first</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+3"/>
        <source>转交</source>
        <translation>Hand Off</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>转交给（工号）：</source>
        <translation>Hand off to (Staff ID):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>转交说明：</source>
        <translation>Hand-off note:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已转交，您仍是首问责任人</source>
        <translation>Handed off; you remain the first responder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>跟进记录</source>
        <translation>Follow-up Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>跟进情况：</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已记录</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理结果（必填）：</source>
        <translation>Outcome (required):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导出首问登记</source>
        <translation>Export First-Inquiry Log</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已导出 {} 条（个人信息已脱敏）</source>
        <translation>Exported {} entries (personal data masked)</translation>
    </message>
</context>
<context>
    <name>InquiryDialog</name>
    <message>
        <location line="-287"/>
        <source>首问登记（您是首问责任人）</source>
        <translation>First-Inquiry Log (you are the first responder)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>可不填；显示时脱敏</source>
        <translation>Optional; masked when displayed</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>（未涉及具体事项）</source>
        <translation>(No specific item)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>按规定（1个工作日）</source>
        <translation>Standard (1 working day)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>答复内容：</source>
        <translation>Reply:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>引导至窗口：</source>
        <translation>Directed to window:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已取号票：</source>
        <translation>Ticket issued:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>转交部门：</source>
        <translation>Referred to department:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系人：</source>
        <translation>Contact person:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>联系电话：</source>
        <translation>Contact phone:</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>约定答复日期：</source>
        <translation>Agreed reply date:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>渠道：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来访人/单位：</source>
        <translation>Visitor/Organization:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>咨询/反映事项：</source>
        <translation>Inquiry/Concern:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>相关事项：</source>
        <translation>Related item:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理方式：</source>
        <translation>Handling:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记 (Ctrl+Enter)</source>
        <translation>Log (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>InquiryModel</name>
    <message>
        <location line="+68"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../hall_app/ui/intake.py" line="+141"/>
        <location line="+128"/>
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location line="-128"/>
        <location line="+128"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>智能引导：{}</source>
        <translation>Guided intake: {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>【{}】{}</source>
        <translation>[{}] {}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>业务情形（按答案前的键作答，Backspace 返回上一题）</source>
        <translation>Situation (press the key before an answer; Backspace goes back)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打印办事指引 80mm (Ctrl+P)</source>
        <translation>Print guide 80 mm (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印办事指引 A4 (Ctrl+Shift+P)</source>
        <translation>Print guide A4 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号 (F2)</source>
        <translation>Issue ticket (F2)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>【{}】{}&#x3000;办理窗口：{}</source>
        <translation>[{}] {}  Window: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{} 答：{}</source>
        <translation>{} Answer: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该事项尚未配置业务情形（新版目录），无需回答问题。</source>
        <translation>This entry has no situations in the catalog yet (format v2): no questions to answer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>以下为现行材料清单：注明情形的材料，符合该情形时才需携带。</source>
        <translation>Below is the current material list: a material marked with a situation is needed only in that situation.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已回答全部问题（共 {} 题）</source>
        <translation>All questions answered ({} in all)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按 Ctrl+P 打印办事指引，按 F2 取号</source>
        <translation>Ctrl+P prints the guide, F2 issues the ticket</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>问题 {}/{}：{}</source>
        <translation>Question {}/{}: {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（不回答按「{}」）</source>
        <translation>(unanswered: &quot;{}&quot;)</translation>
    </message>
</context>
<context>
    <name>ItemBox</name>
    <message>
        <location filename="../../hall_app/ui/back_entry_parts.py" line="+25"/>
        <source>输入事项名称中的字或事项编码</source>
        <translation>Type part of the item name or the item code</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>事项「{}」不在事项目录中，请从列表中选择</source>
        <translation>Item “{}” is not in the catalog; choose one from the list</translation>
    </message>
</context>
<context>
    <name>ItemPickDialog</name>
    <message>
        <location filename="../../hall_app/ui/offline_widgets.py" line="+325"/>
        <source>选择办理事项</source>
        <translation>Select Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>材料核验</source>
        <translation>Material Check</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>政务服务大厅窗口系统 — 登录</source>
        <translation type="vanished">Government Service Hall Window System — Log In</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="+70"/>
        <source>政务服务大厅</source>
        <translation>Government Service Hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+154"/>
        <source>离线登录</source>
        <translation>Offline login</translation>
    </message>
    <message>
        <location line="-139"/>
        <location line="+218"/>
        <source>正在打开数据库……</source>
        <translation>Opening database…</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（不在窗口：导服、值班长）</source>
        <translation>(No window: reception, shift supervisor)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>工号：</source>
        <translation>Staff ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机窗口：</source>
        <translation>This PC&apos;s window:</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>已重新连接数据库，可以登录</source>
        <translation>Reconnected to the database; you can log in</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{} — {}</source>
        <translation>{} — {}</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+70"/>
        <source>数据库不可用：每 {} 秒自动重试，恢复后即可正常登录</source>
        <translation>Database unavailable: retrying every {} s; normal login as soon as it is back</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>服务器无法连接：近 {} 天在本机登录过的人员可离线登录，所办业务记入本机离线日志，服务器恢复后自动合并。</source>
        <translation>Server unreachable: staff who logged in on this PC in the last {} days can log in offline; their work goes into this PC&apos;s offline journal and is merged when the server is back.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>服务器无法连接，本机没有可离线登录的人员：请使用纸质应急包登记，并联系管理员</source>
        <translation>Server unreachable and nobody on this PC can log in offline: use the paper emergency kit and call the administrator</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>正在重新连接数据库……</source>
        <translation>Reconnecting to the database…</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>该窗口当前：{}；登录将接管该窗口</source>
        <translation>This window now: {}; logging in takes it over</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>未登录：{}。请选择本机实际所在的窗口</source>
        <translation>Not logged in: {}. Select the window this PC is actually at</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>正在离线登录……</source>
        <translation>Logging in offline…</translation>
    </message>
    <message>
        <location line="-326"/>
        <location line="+49"/>
        <location line="+134"/>
        <source>登录</source>
        <extracomment>how often a login window whose server is unreachable tries again by itself asked when the server is unreachable: who may log in offline (the GUI session)</extracomment>
        <translation>Log In</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从最近的备份恢复</source>
        <translation>Restore from Latest Backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移开损坏文件，新建数据库</source>
        <translation>Move Damaged File Aside, Create New Database</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>数据库已打开</source>
        <translation>Database opened</translation>
    </message>
    <message>
        <source>{}号窗口 {}</source>
        <translation type="vanished">Window {} {}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>数据库：{}</source>
        <translation>Database: {}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>数据库不可用</source>
        <translation>Database unavailable</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>当前数据库文件将改名保留（不会删除），并用最近的备份替换。继续？</source>
        <translation>The current database file will be renamed and kept (not deleted), and replaced with the latest backup. Continue?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前数据库文件将改名保留（不会删除），并新建一个空数据库。新库中没有原有数据：请管理员用 hall-app catalog import 导入本厅目录，并尽快处理原文件。继续？</source>
        <translation>The current database file will be renamed and kept (not deleted), and a new empty database will be created. The new database holds none of the old data: an administrator should import this hall&apos;s catalog with hall-app catalog import and deal with the old file as soon as possible. Continue?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>数据库恢复</source>
        <translation>Database Recovery</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>正在登录……</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>政务服务大厅窗口系统 — {}（{}）</source>
        <translation type="vanished">Government Service Hall Window System — {} ({})</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="+103"/>
        <source> — {}号窗口</source>
        <translation> — Window {}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>窗口办理</source>
        <translation>Window Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号</source>
        <translation>Issue Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大厅总览</source>
        <translation>Hall Overview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问登记</source>
        <translation>First-Inquiry Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约负荷周视图</source>
        <translation>Weekly Booking Load</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>潮汐调度</source>
        <translation>Tidal Dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补录</source>
        <translation>Back Entry</translation>
    </message>
    <message>
        <location line="+237"/>
        <source>潮汐调度自动执行失败（到期恢复、计划或自动模式），请检查窗口业务：{}</source>
        <translation>Automatic tidal scheduling failed (expired reverts, plans or auto mode); please check the windows&apos; services: {}</translation>
    </message>
    <message>
        <source>提醒：{} 年的法定节假日和调休安排尚未录入，跨年办件的承诺日期将按周一至周五推算（系统管理员用 hall-app calendar 录入）</source>
        <translation type="vanished">Reminder: public holidays and make-up workdays for {} have not been entered; promised dates for cases crossing the year end will count Monday–Friday only (administrator: enter them with hall-app calendar)</translation>
    </message>
    <message>
        <location line="-309"/>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>滞留号票</source>
        <translation>Stranded Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线冲突</source>
        <translation>Offline conflicts</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_menu.py" line="+128"/>
        <source>已登记首问 {}</source>
        <translation>First inquiry {} logged</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已登记办不成事 {}</source>
        <translation>“Couldn&apos;t Get It Done” report {} logged</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="+106"/>
        <source>办件即将到期 {} 件，已超期 {} 件</source>
        <translation>Cases due soon: {}, overdue: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>首问超期未办结 {} 件</source>
        <translation>Overdue open first inquiries: {}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{} 工号{} · {}</source>
        <translation>{} · Staff ID {} · {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · {}号窗口</source>
        <translation> · Window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_menu.py" line="-86"/>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>首问登记…</source>
        <translation>First-Inquiry Log…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办不成事登记…</source>
        <translation>“Couldn&apos;t Get It Done” Report…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补打队列…</source>
        <translation>Reprint Queue…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导入事项目录…</source>
        <translation>Import Item Catalog…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>离线状态…</source>
        <translation>Offline Status…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>退出登录</source>
        <translation>Log Out</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="+19"/>
        <source>数据库服务器无响应</source>
        <translation>Database server not responding</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>● 已连接 {}</source>
        <translation>● Connected {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>● 数据库连接中断</source>
        <translation>● Database connection lost</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_fallback.py" line="+97"/>
        <source>数据库服务器无法连接</source>
        <translation>Cannot connect to the database server</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>离线记录核对：{}</source>
        <translation>Offline records reconciled: {}</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>离线准备未完成（稍后自动重试）：{}</source>
        <translation>Offline preparation incomplete (will retry automatically): {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_menu.py" line="+45"/>
        <source>选择事项目录文件</source>
        <translation>Select Item Catalog File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>目录文件 (*.yaml *.yml)</source>
        <translation>Catalog files (*.yaml *.yml)</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <location filename="../../hall_app/ui/material_model.py" line="+30"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>形式份数</source>
        <translation>Form/Copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>适用</source>
        <translation>Applies</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>核验结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题/备注</source>
        <translation>Issue/Note</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>待确认</source>
        <translation>To Confirm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（共享免提交）</source>
        <translation> (shared, not required)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{} {}份</source>
        <translation>{} ×{}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="+80"/>
        <source>材料核验 — {}</source>
        <extracomment>(&quot;accept&quot; | &quot;notice&quot; | &quot;refusal&quot;, Applicant, checks, Refusal / FurtherRequest or None)</extracomment>
        <translation>Material Check — {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>即办件</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>承诺时限 {} 个工作日</source>
        <translation>Promised deadline: {} working days</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>18位，末位可为X；核验后只显示前6后4位</source>
        <translation>18 characters, last may be X; only first 6 and last 4 shown after check</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>姓名/单位</source>
        <translation>Name/Organization</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件类型</source>
        <translation>ID Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>适用（Y/N）</source>
        <translation>Applies (Y/N)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>备注：如有效期至2025-12-31已过期、未加盖公章</source>
        <translation>Note: e.g. expired (valid until 2025-12-31), no official seal</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>核验结果：</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>问题：</source>
        <translation>Issue:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理标准：</source>
        <translation>Acceptance criteria:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>受理并出具回执 (Ctrl+Enter)</source>
        <translation>Accept and Issue Receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>出具一次性告知单 (Ctrl+P)</source>
        <translation>Issue One-Time Notification Slip (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不予受理…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补打原告知单</source>
        <translation>Reprint Original Slip</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>撤回申请…</source>
        <translation>Withdraw application…</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>告知单 {} 已撤回</source>
        <translation>Notice {} withdrawn</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>该申请人已有未办结的一次性告知单 {}：已调出原告知单，请核验补正材料</source>
        <translation>This applicant already has an open correction notice {}: it has been opened, please check the corrected materials</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>已收 {} · 缺失 {} · 有误 {} · 未核验 {}</source>
        <translation>Received {} · Missing {} · Faulty {} · Unchecked {}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>（{} 项容缺后补）</source>
        <translation> ({} to follow later)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>材料齐全，可以受理</source>
        <translation>Materials complete; ready to accept</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>需补正 {} 项：请出具一次性告知单</source>
        <translation>{} item(s) need correction: issue a One-Time Notification Slip</translation>
    </message>
    <message>
        <source>应向哪个机关申请（职权范围外时必填）</source>
        <translation type="vanished">Authority to apply to (required if outside our jurisdiction)</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation type="vanished">Refusal</translation>
    </message>
    <message>
        <source>不予受理理由：</source>
        <translation type="vanished">Reason for refusal:</translation>
    </message>
    <message>
        <source>法律依据：</source>
        <translation type="vanished">Legal basis:</translation>
    </message>
    <message>
        <source>建议申请机关：</source>
        <translation type="vanished">Suggested authority:</translation>
    </message>
    <message>
        <source>出具不予受理通知书</source>
        <translation type="vanished">Issue Refusal Notice</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/material_checklist.py" line="+23"/>
        <source>打印审查要点 (Ctrl+Shift+K)</source>
        <translation>Print review points (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>按当前业务情形打印窗口审查要点清单</source>
        <translation>Print the window&apos;s review checklist for the current answers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该事项未按新版目录配置审查要点，没有审查要点清单</source>
        <translation>This item has no review points in the catalog (format v2): no review checklist</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../hall_app/ui/models.py" line="+91"/>
        <location line="+99"/>
        <location line="+12"/>
        <location filename="../../hall_app/ui/rota_model.py" line="+192"/>
        <location filename="../../hall_app/ui/stranded.py" line="+35"/>
        <location filename="../../hall_app/ui/tidal.py" line="+51"/>
        <source>业务类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../hall_app/ui/tidal.py" line="+2"/>
        <source>最长等待</source>
        <translation>Longest Wait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计等待</source>
        <translation>Estimated Wait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开放窗口</source>
        <translation>Open Windows</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>&lt;1分</source>
        <translation>&lt;1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/tidal.py" line="+11"/>
        <source>{}分</source>
        <translation>{} min</translation>
    </message>
    <message>
        <location line="+49"/>
        <location filename="../../hall_app/ui/offline_widgets.py" line="-138"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>约{}分</source>
        <translation>~{} min</translation>
    </message>
    <message>
        <location line="+106"/>
        <location filename="../../hall_app/ui/rota_model.py" line="-126"/>
        <location filename="../../hall_app/ui/server_clock.py" line="+66"/>
        <location filename="../../hall_app/ui/stranded.py" line="+1"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointment_models.py" line="+24"/>
        <location line="+39"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>预计负荷</source>
        <translation>Expected load</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已约/可约</source>
        <translation>Booked/Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建议</source>
        <translation>Advice</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>预约码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/audit_view.py" line="-229"/>
        <location filename="../../hall_app/ui/rota_model.py" line="-1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../hall_app/ui/followups_view.py" line="-268"/>
        <location filename="../../hall_app/ui/inquiry.py" line="-18"/>
        <location filename="../../hall_app/ui/models.py" line="+1"/>
        <location filename="../../hall_app/ui/offline_widgets.py" line="-77"/>
        <location filename="../../hall_app/ui/stranded.py" line="-2"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="+1"/>
        <location filename="../../hall_app/ui/server_clock.py" line="-1"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务类别（优先顺序）</source>
        <translation>Categories (by Priority)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前号票</source>
        <translation>Current Ticket</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>（川渝通办）</source>
        <translation> (Sichuan–Chongqing)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>川渝通办：在四川、重庆两地按同一标准办理，可在任一地窗口申请</source>
        <translation>Sichuan–Chongqing service (川渝通办): handled to one standard in Sichuan and Chongqing; the citizen may apply at a window in either</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="+1"/>
        <location filename="../../hall_app/ui/models.py" line="-27"/>
        <location filename="../../hall_app/ui/server_clock.py" line="+21"/>
        <location filename="../../hall_app/ui/stranded.py" line="+30"/>
        <source>{}号</source>
        <translation>No. {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointment_models.py" line="-3"/>
        <location filename="../../hall_app/ui/models.py" line="+22"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="+1"/>
        <source>一件事</source>
        <translation>One-Thing Bundle</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/back_entry_parts.py" line="-100"/>
        <location filename="../../hall_app/ui/followups_view.py" line="-2"/>
        <location filename="../../hall_app/ui/incident_models.py" line="-125"/>
        <location filename="../../hall_app/ui/models.py" line="+11"/>
        <location filename="../../hall_app/ui/rota_model.py" line="-2"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/audit_view.py" line="-3"/>
        <location filename="../../hall_app/ui/back_entry_parts.py" line="-1"/>
        <location filename="../../hall_app/ui/followups_view.py" line="-1"/>
        <location filename="../../hall_app/ui/incident_models.py" line="+35"/>
        <location line="+34"/>
        <location filename="../../hall_app/ui/inquiry.py" line="-8"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/back_entry_parts.py" line="+2"/>
        <location filename="../../hall_app/ui/incident_models.py" line="-31"/>
        <source>原始时间</source>
        <translation>Original Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质位置</source>
        <translation>Paper Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补录人</source>
        <translation>Entered By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补录时间</source>
        <translation>Entered At</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="+2"/>
        <source>事由</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核实期限</source>
        <translation>Verify by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改期限</source>
        <translation>Rectify by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访</source>
        <translation>Return Visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>维度</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/intake.py" line="-184"/>
        <location filename="../../hall_app/ui/models.py" line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评价数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均分</source>
        <translation>Average</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差评数</source>
        <translation>Bad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未评价</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意率</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="+2"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>拼音首字母：{}</source>
        <translation>Pinyin initials: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/incident_models.py" line="-112"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>负责</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>预留</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已补录</source>
        <translation>Entered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未处理</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/audit_view.py" line="-3"/>
        <location filename="../../hall_app/ui/conflicts.py" line="-232"/>
        <location filename="../../hall_app/ui/incident_models.py" line="+1"/>
        <location filename="../../hall_app/ui/server_clock.py" line="-22"/>
        <source>终端</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/conflicts.py" line="+1"/>
        <source>应急号票余量</source>
        <translation>Emergency tickets left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号段大小</source>
        <translation>Block size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文书编号余量</source>
        <translation>Document numbers left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/audit_view.py" line="-2"/>
        <location filename="../../hall_app/ui/incident_models.py" line="+2"/>
        <location filename="../../hall_app/ui/rota_model.py" line="+1"/>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/incident_models.py" line="+1"/>
        <source>冲突原因</source>
        <translation>Conflict Reason</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../hall_app/ui/stranded.py" line="-26"/>
        <source>原因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/rota_model.py" line="+3"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/rota_model.py" line="+1"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>持续</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质补录</source>
        <translation>Paper Back Entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宣布人</source>
        <translation>Declared By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复盘</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/offline_widgets.py" line="-4"/>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/stranded.py" line="-5"/>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取号时间</source>
        <translation>Issued At</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../hall_app/ui/tidal.py" line="-12"/>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号</source>
        <translation>No-Show</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本终端发出</source>
        <translation>Issued here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>断网前等候</source>
        <translation>Waiting before the outage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市民持号登记</source>
        <translation>Brought by citizen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>请到 {} 号窗口</source>
        <translation>Go to window {}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>去向</source>
        <translation>Go to</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（登记）</source>
        <translation> (entered)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（{}号窗口）</source>
        <translation> (window {})</translation>
    </message>
    <message>
        <source>（绿色通道）</source>
        <translation type="vanished"> (green channel)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/stranded.py" line="+4"/>
        <source>叫号时间</source>
        <translation>Called At</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/server_clock.py" line="+3"/>
        <source>时钟偏差</source>
        <translation>Clock offset</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/ui/stranded.py" line="+2"/>
        <source>终端最后响应</source>
        <translation>Terminal Last Seen</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/audit_view.py" line="-1"/>
        <location filename="../../hall_app/ui/inquiry.py" line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="+1"/>
        <source>来访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询内容</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问责任人</source>
        <translation>First responder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前经办人</source>
        <translation>Current handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复期限</source>
        <translation>Reply by</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="+2"/>
        <source>近1小时平均等待</source>
        <translation>Avg wait (1 h)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日已办</source>
        <translation>Served today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/intake.py" line="-21"/>
        <source>办理事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>携带材料</source>
        <translation>To bring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无需携带</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>形式份数</source>
        <translation>Form and copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>获取途径或说明</source>
        <translation>Where to obtain, or why not needed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/rota_model.py" line="+125"/>
        <source>最少窗口数</source>
        <translation>Min. windows</translation>
    </message>
</context>
<context>
    <name>NoShowConfirm</name>
    <message>
        <location filename="../../hall_app/ui/no_show.py" line="+15"/>
        <source>过号</source>
        <translation>No-Show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 已呼叫 {} 次仍未到窗口，按过号处理？
（2 分钟内可按 Shift+F5 撤销）</source>
        <translation>{} has been called {} times and has not come to the window. Mark as no-show?
(Press Shift+F5 within 2 min to undo)</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../hall_app/ui/incident_dialogs.py" line="+41"/>
        <source>告知方式与替代渠道</source>
        <translation>Public Notice and Alternative Channels</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>如何告知群众：</source>
        <translation>How the public is told:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>替代渠道：</source>
        <translation>Alternative channels:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>OffClockBox</name>
    <message>
        <location filename="../../hall_app/ui/server_clock.py" line="+51"/>
        <source>时钟偏差超过 {} 秒的终端</source>
        <translation>Terminals whose clock is more than {} s off</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>这些电脑的系统时间与数据库服务器不一致；记录已按服务器时间保存，请校准其时间。</source>
        <translation>These PCs&apos; system time differs from the database server&apos;s; records are kept in server time. Please correct their clocks.</translation>
    </message>
</context>
<context>
    <name>OfferFlow</name>
    <message>
        <location filename="../../hall_app/ui/remedy_offer.py" line="+57"/>
        <source>已返回，尚未取号</source>
        <translation>Back to the form; no ticket issued</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已预约 {} {}，预约码 {}</source>
        <translation>Booked {} {}, booking code {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；预约单未打印：{}</source>
        <translation>; booking slip not printed: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；预约单：{}</source>
        <translation>; booking slip: {}</translation>
    </message>
</context>
<context>
    <name>Offline</name>
    <message>
        <location filename="../../hall_app/ui/offline_widgets.py" line="-137"/>
        <source>当前：离线办理中（{} 起）</source>
        <translation>Now: working offline (since {})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当前：联网</source>
        <translation>Now: online</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>离线数据（号码段、事项目录）准备于 {}</source>
        <translation>Offline data (number blocks, item catalog) prepared at {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本终端还没有准备离线数据：断网时只能使用纸质应急包</source>
        <translation>This terminal has no offline data yet: if the network fails, only the paper emergency kit can be used</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>今日可用离线号码：</source>
        <translation>Offline numbers available today: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待核对合并 {} 条，已合并 {} 条，冲突 {} 条</source>
        <translation>To reconcile: {}, merged: {}, conflicts: {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>冲突记录请值班长在应急处置中核对处理</source>
        <translation>The supervisor resolves conflicts under incident handling</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location line="+329"/>
        <source>知道了</source>
        <translation>Got It</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>⚠ 服务器连接中断，本终端已转入离线模式：号票、告知单、受理照常办理，恢复后自动核对合并</source>
        <translation>⚠ Connection to the server lost; this terminal is now in offline mode. Tickets, notification slips and acceptances work as usual and will be reconciled and merged automatically once the connection returns</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{} 起</source>
        <translation>since {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待核对 {} 条</source>
        <translation>{} to reconcile</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已恢复联网，正在核对离线记录…</source>
        <translation>Back online; reconciling offline records…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已恢复联网，尚有 {} 条离线记录未合并，稍后自动重试</source>
        <translation>Back online; {} offline records not merged yet, will retry automatically</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已恢复联网，离线记录暂未核对合并，稍后自动重试</source>
        <translation>Back online; offline records not reconciled yet, will retry automatically</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>离线记录已核对合并；有 {} 条冲突待值班长处理</source>
        <translation>Offline records reconciled and merged; {} conflicts await the shift supervisor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（另有 {} 条尚未合并）</source>
        <translation> ({} more not merged yet)</translation>
    </message>
</context>
<context>
    <name>OfflineDeskBase</name>
    <message>
        <location filename="../../hall_app/ui/offline_base.py" line="+126"/>
        <source>空闲：按 F1 叫建议的下一位，或在「市民号票」栏输入/扫码市民手中的号票</source>
        <translation>Idle: F1 calls the suggested next, or type/scan the citizen&apos;s ticket in &quot;Citizen&apos;s ticket&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  ·  绿色通道，请优先办理</source>
        <translation>  ·  Green channel, serve first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已叫号：F3 开始办理 / F5 过号 / F2 重呼</source>
        <translation>Called: F3 start / F5 no-show / F2 recall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理中：F4 办结 / F7 材料核验</source>
        <translation>Serving: F4 finish / F7 check materials</translation>
    </message>
</context>
<context>
    <name>OfflineDeskView</name>
    <message>
        <location filename="../../hall_app/ui/offline.py" line="+92"/>
        <source>输入事项名称、拼音首字母或业务类别编码（离线目录）</source>
        <translation>Enter item name, pinyin initials or category code (offline catalog)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+128"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>取号</source>
        <translation>Issue Ticket</translation>
    </message>
    <message>
        <source>叫号</source>
        <translation type="vanished">Call Next</translation>
    </message>
    <message>
        <source>办结</source>
        <translation type="vanished">Complete</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/offline_queue.py" line="+53"/>
        <source>过号</source>
        <translation>No-Show</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/offline.py" line="+5"/>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问登记</source>
        <translation>First-Inquiry Log</translation>
    </message>
    <message>
        <source>告知/受理</source>
        <translation type="vanished">Notify/Accept</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办结服务器号票</source>
        <translation>Complete Server Ticket</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>离线取号：选择业务类别或事项（号票为 S 开头的应急号）</source>
        <translation>Offline Tickets: Select a Category or Item (tickets get emergency numbers starting with S)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{}号窗口</source>
        <translation>Window {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{} 当前离线号票</source>
        <translation>{} – Current Offline Ticket</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>断网时正在办理的号票，如 A012</source>
        <translation>Ticket being served when the network failed, e.g. A012</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>按过号处理</source>
        <translation>Mark as No-Show</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>服务器号票：</source>
        <translation>Server ticket:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>输入或扫码，如 S003、S07-015、C003</source>
        <translation>Type or scan, e.g. S003, S07-015, C003</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>加入等候</source>
        <translation>Add to queue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>叫此号</source>
        <translation>Call this number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>市民号票：</source>
        <translation>Citizen&apos;s ticket:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>叫号屏无法连接：叫号后请口头叫号（如「请S003号到{}号窗口办理」），必要时举牌示意</source>
        <translation>The calling board cannot be reached: call by voice (e.g. &quot;S003 to window {} please&quot;), hold up a sign if needed</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>建议叫号顺序（绿色通道优先，再按取号时间）：本终端所知的号票</source>
        <translation>Suggested order (green channel first, then by issue time): tickets this terminal knows</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本终端离线号票</source>
        <translation>Offline tickets of this terminal</translation>
    </message>
    <message>
        <source>{}：本终端不知道哪个窗口办理此业务，请引导至综合窗口</source>
        <translation type="vanished">{}: this terminal does not know which window serves this; send the citizen to a general window</translation>
    </message>
    <message>
        <source> 或 </source>
        <translation type="vanished"> or </translation>
    </message>
    <message>
        <source>{} 号</source>
        <translation type="vanished">{}</translation>
    </message>
    <message>
        <source>{} 请到 {}窗口</source>
        <translation type="vanished">{}: go to window {}</translation>
    </message>
    <message>
        <source>空闲：按 F1 叫建议的下一位，或在「市民号票」栏输入/扫码市民手中的号票</source>
        <translation type="vanished">Idle: F1 calls the suggested next, or type/scan the citizen&apos;s ticket in &quot;Citizen&apos;s ticket&quot;</translation>
    </message>
    <message>
        <source>已叫号：F3 开始办理 / F5 过号 / F2 重呼</source>
        <translation type="vanished">Called: F3 start / F5 no-show / F2 recall</translation>
    </message>
    <message>
        <source>办理中：F4 办结 / F7 材料核验</source>
        <translation type="vanished">Serving: F4 finish / F7 check materials</translation>
    </message>
    <message>
        <source>本终端离线号票（仅本终端叫号）</source>
        <translation type="vanished">Offline Tickets of This Terminal (Called Here Only)</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>离线号码余量：{}&#x3000;|&#x3000;待核对合并 {} 条</source>
        <translation>Offline numbers left: {}&#x3000;|&#x3000;{} to reconcile and merge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>，冲突 {} 条</source>
        <translation>, {} conflicts</translation>
    </message>
    <message>
        <source>请先在列表中选择业务类别或事项</source>
        <translation type="vanished">Select a category or item from the list first</translation>
    </message>
    <message>
        <source>刚取：{}（前面 {} 人）</source>
        <translation type="vanished">Just issued: {} ({} ahead)</translation>
    </message>
    <message>
        <source>已取离线号 {}，但打印失败：{}</source>
        <translation type="vanished">Issued offline ticket {}, but printing failed: {}</translation>
    </message>
    <message>
        <source>已取离线号 {}，已送打印机「{}」</source>
        <translation type="vanished">Issued offline ticket {}, sent to printer “{}”</translation>
    </message>
    <message>
        <source>已取离线号 {}，号票文件已保存：{}</source>
        <translation type="vanished">Issued offline ticket {}, ticket file saved: {}</translation>
    </message>
    <message>
        <source>本终端暂无等候的离线号票</source>
        <translation type="vanished">No offline tickets waiting at this terminal</translation>
    </message>
    <message>
        <source>已叫号 {}：叫号屏离线，请口头呼叫或举牌示意</source>
        <translation type="vanished">Called {}: the calling board is offline, call out the number or hold up a sign</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/offline_queue.py" line="-25"/>
        <source>请{}号到{}号窗口办理</source>
        <translation>Number {} to window {}, please</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请{}号办理</source>
        <translation>Number {}, please</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>登记号票</source>
        <translation>Enter a ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市民确实持有此号票？</source>
        <translation>Does the citizen really hold this ticket?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{} 已口头呼叫仍未到窗口，按过号处理？</source>
        <translation>{} was called aloud and has not come to the window. Mark as no-show?</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>暂无等候的号票：市民持号票到窗口时，请在「市民号票」栏输入或扫码</source>
        <translation>No ticket waiting: when a citizen brings a ticket to the window, type or scan it in &quot;Citizen&apos;s ticket&quot;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>（绿色通道，优先办理）</source>
        <translation> (green channel, served first)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已叫号 {}{}：叫号屏无法连接，请口头叫号「{}」</source>
        <translation>Called {}{}: the board cannot be reached, call aloud &quot;{}&quot;</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{} 已在等候队列中（{}）</source>
        <translation>{} is already in the queue ({})</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>当前没有号票，请先按 F1 叫号</source>
        <translation>No ticket in hand: press F1 to call first</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请再次口头叫号「{}」（第二次呼叫）</source>
        <translation>Call aloud again &quot;{}&quot; (second call)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{} 开始办理</source>
        <translation>{}: service started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 已办结（离线）</source>
        <translation>{}: completed (offline)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 已按过号处理（离线）</source>
        <translation>{} marked as no-show (offline)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{} 正在办理中，不能按过号处理</source>
        <translation>{} is being served and cannot be marked as a no-show</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请填写断网时正在办理的号票号码</source>
        <translation>Enter the number of the ticket being served when the network failed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{} 已按过号处理，恢复联网后核对</source>
        <translation>{} marked as no-show; will be reconciled when back online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{} 已办结，恢复联网后核对</source>
        <translation>{}: completed; will be reconciled when back online</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>没有已办结的离线号票可评价</source>
        <translation>No completed offline ticket to rate</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{} 评价已记录：{}</source>
        <translation>{} rating recorded: {}</translation>
    </message>
    <message>
        <source>已登记首问 {}（离线）</source>
        <translation type="vanished">First inquiry {} logged (offline)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/offline_casework.py" line="+46"/>
        <source>容缺受理</source>
        <translation>Accept with deferred materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺后补材料：{}
申请人已签署承诺书？</source>
        <translation>Materials to be supplied later: {}
Has the applicant signed the commitment?</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>离线目录尚未载入</source>
        <translation>Offline catalog not loaded yet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>材料核验（离线）— {}</source>
        <translation>Material Check (Offline) — {}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>离线时不能出具不予受理通知书，请恢复联网后办理</source>
        <translation>A Refusal Notice cannot be issued offline; issue it once back online</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>已受理（离线），办件编号 {}，申请人 {}</source>
        <translation>Accepted (offline), case no. {}, applicant {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已出具一次性告知单（离线）{}，申请人 {}</source>
        <translation>One-Time Notification Slip issued (offline) {}, applicant {}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>受理回执 {}（离线）</source>
        <translation>Acceptance Receipt {} (Offline)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知单 {}（离线）</source>
        <translation>One-Time Notification Slip {} (Offline)</translation>
    </message>
    <message>
        <source>空闲：按 F1 叫下一位（只叫本终端发出的离线号）</source>
        <translation type="vanished">Idle: press F1 to call the next ticket (only offline tickets issued at this terminal)</translation>
    </message>
    <message>
        <source>  ·  绿色通道，请优先办理</source>
        <translation type="vanished">  ·  Green channel, serve first</translation>
    </message>
    <message>
        <source>{}  ·  已叫号，F3 办结 / F4 过号 / F8 告知或受理</source>
        <translation type="vanished">{}  ·  Called; F3 complete / F4 no-show / F8 notify or accept</translation>
    </message>
</context>
<context>
    <name>OfflineInquiryDialog</name>
    <message>
        <location filename="../../hall_app/ui/offline_widgets.py" line="-227"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可不填；核验后只显示前3后4位</source>
        <translation>Optional; only the first 3 and last 4 digits are shown once checked</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>当场解答的答复内容</source>
        <translation>Answer given on the spot</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（引导至窗口时填写）</source>
        <translation>(Fill in when directing to a window)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>转交部门时填写：部门、联系人</source>
        <translation>When referring: department, contact person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>首问登记（离线）</source>
        <translation>First-Inquiry Log (Offline)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>咨询/反映事项：</source>
        <translation>Inquiry/Concern:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来访人：</source>
        <translation>Visitor:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理方式：</source>
        <translation>Handling:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复内容：</source>
        <translation>Reply:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>引导至窗口：</source>
        <translation>Directed to window:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转交部门：</source>
        <translation>Referred to department:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系人：</source>
        <translation>Contact person:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记</source>
        <translation>Log</translation>
    </message>
</context>
<context>
    <name>OfflineIssueMixin</name>
    <message>
        <location filename="../../hall_app/ui/offline_issue.py" line="+36"/>
        <source>请先在列表中选择业务类别或事项</source>
        <translation>Select a category or item from the list first</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>刚取：{}（前面 {} 人）</source>
        <translation>Just issued: {} ({} ahead)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取离线号 {}，但打印失败：{}</source>
        <translation>Issued offline ticket {}, but printing failed: {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取离线号 {}，已送打印机「{}」</source>
        <translation>Issued offline ticket {}, sent to printer “{}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已取离线号 {}，号票文件已保存：{}</source>
        <translation>Issued offline ticket {}, ticket file saved: {}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{}：本终端不知道哪个窗口办理此业务，请引导至综合窗口</source>
        <translation>{}: this terminal does not know which window serves this; send the citizen to a general window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 或 </source>
        <translation> or </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{} 号</source>
        <translation>{}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} 请到 {}窗口</source>
        <translation>{}: go to window {}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已登记首问 {}（离线）</source>
        <translation>First inquiry {} logged (offline)</translation>
    </message>
</context>
<context>
    <name>OfflinePreviewDialog</name>
    <message>
        <location filename="../../hall_app/ui/offline_widgets.py" line="+101"/>
        <source>已送打印机「{}」</source>
        <translation>Sent to printer “{}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打印失败，文件已保存：{}</source>
        <translation>Printing failed; the file was saved: {}</translation>
    </message>
</context>
<context>
    <name>OfflineStartWindow</name>
    <message>
        <location filename="../../hall_app/ui/offline_start.py" line="+41"/>
        <source>离线办理</source>
        <translation>Offline service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{}号窗口</source>
        <translation>Window {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>离线登录&#x3000;{}（工号 {}）&#x3000;{}</source>
        <translation>Offline login&#x3000;{} (staff no. {})&#x3000;{}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>返回联网登录</source>
        <translation>Back to online login</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>离线登录：数据库服务器无法连接</source>
        <translation>Offline login: the database server cannot be reached</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{}&#x3000;|&#x3000;服务器无法连接：所办业务记入本机离线日志，服务器恢复后重新联网登录即自动合并</source>
        <translation>{}&#x3000;|&#x3000;Server unreachable: work goes into this PC&apos;s offline journal and is merged at the next online login</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{}&#x3000;|&#x3000;服务器已恢复连接：办完手头的业务后请点击「返回联网登录」，登录后离线记录自动合并</source>
        <translation>{}&#x3000;|&#x3000;The server is back: finish the current service, then click &quot;Back to online login&quot;; offline records are merged after login</translation>
    </message>
</context>
<context>
    <name>OfflineStatusDialog</name>
    <message>
        <location filename="../../hall_app/ui/offline_widgets.py" line="+9"/>
        <source>离线状态</source>
        <translation>Offline Status</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../hall_app/ui/overview.py" line="+25"/>
        <source>业务类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>今日未办结（闭厅）：{} 张，已提供下一工作日预约</source>
        <translation>Unfinished today (hall closed): {}; next-working-day bookings offered</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="+60"/>
        <source>（本机没有打印机）</source>
        <translation>(No printer on this PC)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印 (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>共 {} 页 · 已存档：{}</source>
        <translation>{} page(s) · Archived: {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>打印失败，文件已保存并加入补打队列：{}</source>
        <translation>Printing failed; the file was saved and added to the Reprint Queue: {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已送打印机「{}」</source>
        <translation>Sent to printer “{}”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>另存为</source>
        <translation>Save As</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存到 {}</source>
        <translation>Saved to {}</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <location filename="../../hall_app/ui/print_queue.py" line="+39"/>
        <source>补打队列</source>
        <translation>Reprint Queue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>重新打印所选</source>
        <translation>Reprint Selected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>没有待补打的文件</source>
        <translation>No files waiting for reprint</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已打印 {}</source>
        <translation>Printed {}</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <location filename="../../hall_app/ui/printer.py" line="+48"/>
        <source>本机没有可用的打印机。文件已保存：{}</source>
        <translation>No printer is available on this PC. The file was saved: {}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>无法读取待打印的文件 {}</source>
        <translation>Cannot read the file to print: {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打印机「{}」无法开始打印，文件已保存：{}</source>
        <translation>Printer “{}” could not start printing. The file was saved: {}</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <location filename="../../hall_app/ui/rating.py" line="+35"/>
        <source>请您对本次服务进行评价</source>
        <translation>Please Rate Our Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号票 {}：请您评价本次服务（自愿评价）</source>
        <translation>Ticket {}: please rate this service (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请点击一个评价等级，再点“提交评价”</source>
        <translation>Click a rating, then click “Submit Rating”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>意见或建议（可不填）</source>
        <translation>Comments or suggestions (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由工作人员按评价器结果代录</source>
        <translation>Entered by staff from the rating device</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>不评价 (Esc)</source>
        <translation>Skip Rating (Esc)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>提交评价 (Ctrl+Enter)</source>
        <translation>Submit Rating (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已选择：{}。确认后请点“提交评价”</source>
        <translation>Selected: {}. To confirm, click “Submit Rating”</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>请先选择一个评价等级；不评价请按 Esc</source>
        <translation>Select a rating first; press Esc to skip</translation>
    </message>
    <message>
        <source>市民不评价 (Esc)</source>
        <translation type="vanished">Skip Rating (Esc)</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="+31"/>
        <source>窗口号，如 5,6,7</source>
        <translation>Window numbers, e.g. 5,6,7</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>类别编码按叫号顺序，如 C,A</source>
        <translation>Category codes in call order, e.g. C,A</translation>
    </message>
    <message>
        <source>长期有效</source>
        <translation type="vanished">Permanent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>调整窗口业务类别</source>
        <translation>Reassign Window Categories</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>窗口：</source>
        <translation>Windows:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务类别：</source>
        <translation>Categories:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一步…</source>
        <translation>Next…</translation>
    </message>
    <message>
        <source>临时至（当天）：</source>
        <translation type="vanished">Until (today):</translation>
    </message>
    <message>
        <source>调整</source>
        <translation type="vanished">Reassign</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="+90"/>
        <source>输入事项名称、拼音首字母（如 hkqy）或编码，回车取号</source>
        <translation>Enter item name, pinyin initials (e.g. hkqy) or code; press Enter to issue</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>普通</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>绿色通道：{}</source>
        <translation>Green channel: {}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>身份证号（可选，核验年龄）</source>
        <translation>ID number (optional, to verify age)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>绿色通道说明（选「其他」时必填）</source>
        <translation>Green channel note (required for “Other”)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号并打印 (F2)</source>
        <translation>Issue and Print (F2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取号</source>
        <translation>Issue Ticket</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查找事项</source>
        <translation>Find Item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>智能问答</source>
        <translation>Ask</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>智能引导</source>
        <translation>Guided intake</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>智能引导 (F6)</source>
        <translation>Guided intake (F6)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>优先：</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>取号：选择事项、一件事或业务类别</source>
        <translation>Issue Ticket: Select an Item, One-Thing Bundle or Category</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>刚取的号</source>
        <translation>Last Issued Ticket</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>各业务类别等候情况</source>
        <translation>Waiting by Category</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>过号市民返回：输入号票，如 A012</source>
        <translation>Returning no-show: enter ticket number, e.g. A012</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>过号重排</source>
        <translation>Requeue No-Show</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>已选择「{}」，按 F2 取号，按 F6 智能引导</source>
        <translation>Selected &quot;{}&quot;: F2 issues a ticket, F6 opens the guided intake</translation>
    </message>
    <message>
        <source>已选择「{}」，按 F2 取号</source>
        <translation type="vanished">Selected &quot;{}&quot;: press F2 to issue a ticket</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>目录中已没有该事项，请重新查找</source>
        <translation>The catalog no longer holds this entry; please search again</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{} 岁，已自动选择绿色通道（老年人）</source>
        <translation>Age {}: green channel (elderly) selected automatically</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请先选择要办理的事项或一件事</source>
        <translation>Select an item or a bundle first</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>办事指引打印失败：{}</source>
        <translation>Printing the guide failed: {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办事指引已输出：{}</source>
        <translation>Guide output: {}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请先在列表中选择要办理的事项</source>
        <translation>Select an item from the list first</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>（绿色通道）</source>
        <translation> (green channel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{}{}
前面还有 {} 人</source>
        <translation>{}{}
People ahead: {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>，预计等待约 {} 分钟</source>
        <translation>, estimated wait about {} min</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已取号 {}，但打印失败：{}</source>
        <translation>Issued {}, but printing failed: {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取号 {}，已送打印机「{}」</source>
        <translation>Issued {}, sent to printer “{}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已取号 {}，号票文件已保存：{}</source>
        <translation>Issued {}, ticket file saved: {}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>补打失败，已加入补打队列：{}</source>
        <translation>Reprint failed; added to the Reprint Queue: {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已补打，打印机「{}」</source>
        <translation>Reprinted on printer “{}”</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{} 已重新排队</source>
        <translation>{} requeued</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../hall_app/ui/refusal.py" line="+52"/>
        <source>有权受理的行政机关</source>
        <translation>The competent office</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>具体情况（可不填；不作为不予受理依据）</source>
        <translation>Details (optional; not a ground for refusal)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>材料不齐全或不符合法定形式的，不得不予受理：请出具一次性告知单</source>
        <translation>Incomplete materials or materials not in legal form are no ground for refusal: issue a correction notice</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不予受理事由：</source>
        <translation>Ground for refusal:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有权机关：</source>
        <translation>Competent office:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>具体情况：</source>
        <translation>Details:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>出具不予受理通知书</source>
        <translation>Issue the refusal notice</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>申请人更改或新提交了哪些材料</source>
        <translation>Which materials the applicant changed or newly submitted</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>该申请已有一次性告知单 {}：再次告知须经值班长批准，并与原告知单关联</source>
        <translation>This application already has correction notice {}: a further notice needs the duty supervisor&apos;s approval and is linked to the first</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>再次告知</source>
        <translation>Further notice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请人自行更改的材料（空格勾选）：</source>
        <translation>Materials the applicant changed (Space to tick):</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+56"/>
        <source>值班长工号：</source>
        <translation>Supervisor&apos;s staff no.:</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+56"/>
        <source>值班长密码：</source>
        <translation>Supervisor&apos;s password:</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>批准并出具</source>
        <translation>Approve and issue</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>如：申请人自愿撤回申请</source>
        <translation>e.g. the applicant withdraws of their own accord</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>撤回申请</source>
        <translation>Withdraw application</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>撤回原因：</source>
        <translation>Reason for withdrawal:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>处理离线冲突</source>
        <translation type="vanished">Resolve Offline Conflict</translation>
    </message>
    <message>
        <source>如何处理的，如：已与窗口核实，号票作废重取</source>
        <translation type="vanished">How it was resolved, e.g. checked with the window, ticket voided and reissued</translation>
    </message>
    <message>
        <source>处理说明：</source>
        <translation type="vanished">Resolution:</translation>
    </message>
    <message>
        <source>已处理</source>
        <translation type="vanished">Resolved</translation>
    </message>
</context>
<context>
    <name>Reveal</name>
    <message>
        <location filename="../../hall_app/ui/reveal.py" line="-29"/>
        <source>如：核对申请人身份（至少 {} 个字）</source>
        <translation>e.g. verifying the applicant&apos;s identity (at least {} characters)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查看完整证件号码（将记入审计日志）</source>
        <translation>Show the full ID number (recorded in the audit log)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>查看完整证件号码…</source>
        <translation>Show full ID number…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>办件 {} 申请人证件号码：{}（本次查看已记录）</source>
        <translation>Case {}: applicant&apos;s ID number {} (this look has been recorded)</translation>
    </message>
</context>
<context>
    <name>RotaDialog</name>
    <message>
        <location filename="../../hall_app/ui/rota.py" line="+64"/>
        <source>当天排班</source>
        <translation>Day&apos;s rota</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选行</source>
        <translation>Remove selected rows</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>各类业务最少窗口数</source>
        <translation>Least windows per lane</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当天人员调整（潮汐调度台）</source>
        <translation>Staffing changes this day (tidal console)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>添加 (Ins)</source>
        <translation>Add (Ins)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>删除 (Del)</source>
        <translation>Remove (Del)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入 CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>调人开窗</source>
        <translation>Called in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭窗口</source>
        <translation>Window closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调整休息</source>
        <translation>Break moved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新开窗</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{}号窗口</source>
        <translation>window {}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>当天没有人员调整</source>
        <translation>No staffing changes this day</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当天未保存排班，使用大厅默认排班</source>
        <translation>No rota saved for this day: the hall&apos;s default rota</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>窗口在岗合计 {} 小时 {} 分钟</source>
        <translation>At windows in total: {} h {} min</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>已保存 {} 的排班</source>
        <translation>Rota of {} saved</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导入排班</source>
        <translation>Import rota</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>已导入 {}：{} 个时段</source>
        <translation>Imported {}: {} shifts</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导出排班</source>
        <translation>Export rota</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法写入 {}：{}</source>
        <translation>Cannot write {}: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已导出到 {}</source>
        <translation>Exported to {}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>当天排班…</source>
        <translation>Day&apos;s rota…</translation>
    </message>
</context>
<context>
    <name>RotaModel</name>
    <message>
        <location filename="../../hall_app/ui/rota_model.py" line="-170"/>
        <source>上岗</source>
        <translation>Work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>休息</source>
        <translation>Break</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>后台</source>
        <translation>Back office</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>第 {} 行：</source>
        <translation>Row {}: </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>类型「{}」不正确，应为 上岗、休息 或 后台</source>
        <translation>Kind “{}” is not valid: Work, Break or Back office</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>工号「{}」不存在</source>
        <translation>No staff number “{}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>休息和后台不设窗口</source>
        <translation>A break or back office has no window</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>窗口号「{}」应为整数</source>
        <translation>Window “{}” should be a whole number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{}号窗口不存在</source>
        <translation>There is no window {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>时间「{}」不正确，应如 08:30</source>
        <translation>Time “{}” is not valid; write it like 08:30</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>结束时间应晚于开始时间</source>
        <translation>The end should be after the start</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>业务类别 {} 的最少窗口数应为 0–{} 的整数</source>
        <translation>The least windows of lane {} should be a whole number 0–{}</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <location filename="../../hall_app/ui/conflicts.py" line="+41"/>
        <source>处理离线冲突 {}</source>
        <translation>Settle offline conflict {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{}（{}，终端 {}，工号 {}，{}）：
{}</source>
        <translation>{} ({}, terminal {}, staff no. {}, {}):
{}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>确认处理</source>
        <translation>Settle</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>处理原因，如：已与3号窗口核实，市民已办结</source>
        <translation>Reason, e.g. checked with window 3, the citizen was served</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>采用离线结果（按离线时的时间和窗口记入号票）</source>
        <translation>Offline outcome stands (recorded with the offline time and window)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留联网结果（服务器上的状态不变，离线记录关闭）</source>
        <translation>Online outcome stands (the server&apos;s state is kept, the offline record is closed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手工指定状态：</source>
        <translation>Set the state by hand:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>只有叫号、办结、过号记录可以采用离线结果</source>
        <translation>Only call, finish and no-show records can take the offline outcome</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>处理原因：</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>Situations</name>
    <message>
        <location filename="../../hall_app/ui/situations.py" line="+37"/>
        <source>业务情形（Ctrl+Q；按答案前的键选择，Delete 清除）</source>
        <translation>Situations (Ctrl+Q; press the key before an answer, Delete clears)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>默认：{}</source>
        <translation>Default: {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待确认</source>
        <translation>To confirm</translation>
    </message>
</context>
<context>
    <name>SlotModel</name>
    <message>
        <location filename="../../hall_app/ui/appointment_models.py" line="-16"/>
        <source>★ 错峰推荐</source>
        <translation>★ Off-peak suggestion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已约满</source>
        <translation>Fully booked</translation>
    </message>
</context>
<context>
    <name>Staffing</name>
    <message>
        <location filename="../../hall_app/ui/staffing_model.py" line="+30"/>
        <source>调整业务</source>
        <translation>Switch lanes</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>召回人员</source>
        <translation>Call in</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>关闭窗口</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>推迟休息</source>
        <translation>Move break</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新开窗</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>先行引导预约</source>
        <translation>Offer Bookings First</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一件事分流综合受理</source>
        <translation>Bundles to General Intake</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建议</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该类 p95 等待（分）
现状 → 采纳后 [区间]</source>
        <translation>Lane p95 wait (min)
now → with [range]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最长类别 p95
（分）</source>
        <translation>Largest lane
p95 (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人力
（小时）</source>
        <translation>Staff
(h)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>前瞻校验</source>
        <translation>Forward Check</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>（未通过）</source>
        <translation> (dropped)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>类别</source>
        <translation>Lane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现状 p95</source>
        <translation>p95 now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>采纳后 p95</source>
        <translation>p95 with it</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>变化 {} 分钟</source>
        <translation>Change {} min</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{}p95 {:.0f} → {:.0f} 分钟</source>
        <translation>{}p95 {:.0f} → {:.0f} min</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>人力 {} 小时</source>
        <translation>staff {} h</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{} 次模拟</source>
        <translation>{} runs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>依据：{}</source>
        <translation>basis: {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{}号窗口</source>
        <translation>window {}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>（{} 操作）</source>
        <translation> (by {})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>至 {}</source>
        <translation> until {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{} {} 自 {} 起{}</source>
        <translation>{} {} from {}{}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>；预计 p95 {:.0f} → {:.0f} 分钟</source>
        <translation>; expected p95 {:.0f} → {:.0f} min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>；已引导 {} 人，预约 {}，仍取号 {}</source>
        <translation>; offered to {}, booked {}, took a ticket {}</translation>
    </message>
</context>
<context>
    <name>StaffingConfirm</name>
    <message>
        <location filename="../../hall_app/ui/staffing_confirm.py" line="+58"/>
        <source>自此时起（截止时间之后新到的群众）：</source>
        <translation>From (people arriving after this cut-off):</translation>
    </message>
</context>
<context>
    <name>StaffingPanel</name>
    <message>
        <location filename="../../hall_app/ui/staffing.py" line="+95"/>
        <source>重新校验 (F5)</source>
        <translation>Check Again (F5)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>显示未通过前瞻校验的建议</source>
        <translation>Show proposals that failed the forward check</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>采纳所选建议 (Enter)</source>
        <translation>Accept Selected (Enter)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter 或 Ctrl+Return</source>
        <translation>Enter or Ctrl+Return</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只读：采纳建议和采取措施需要值班长（潮汐调度）权限</source>
        <translation>Read-only: accepting proposals and remedies needs the supervisor&apos;s tidal permission</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>今日人员调整（依据）</source>
        <translation>Today&apos;s Staffing Changes (basis)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>解除所选措施 (Del)</source>
        <translation>Lift Selected Remedy (Del)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>生效中的措施</source>
        <translation>Remedies in Force</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>正在前瞻校验…</source>
        <translation>Checking forward…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>到达预测：{}</source>
        <translation>Expected arrivals: {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>前瞻校验：{} 次模拟 × 2 小时，{} 条建议，用时 {:.1f} 秒（{} 更新）</source>
        <translation>Forward check: {} runs × 2 hours, {} proposals, {:.1f} s (as of {})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>显示未通过前瞻校验的建议（{} 条）</source>
        <translation>Show proposals that failed the forward check ({})</translation>
    </message>
    <message>
        <source>{}号窗口</source>
        <translation type="vanished">window {}</translation>
    </message>
    <message>
        <source>（{} 操作）</source>
        <translation type="vanished"> (by {})</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>今日尚无人员调整</source>
        <translation>No staffing changes today</translation>
    </message>
    <message>
        <source>至 {}</source>
        <translation type="vanished"> until {}</translation>
    </message>
    <message>
        <source>{} {} 自 {} 起{}</source>
        <translation type="vanished">{} {} from {}{}</translation>
    </message>
    <message>
        <source>；预计 p95 {:.0f} → {:.0f} 分钟</source>
        <translation type="vanished">; expected p95 {:.0f} → {:.0f} min</translation>
    </message>
    <message>
        <source>；已引导 {} 人，预约 {}，仍取号 {}</source>
        <translation type="vanished">; offered to {}, booked {}, took a ticket {}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>各类别 p95 等待（分钟）</source>
        <translation>p95 wait per lane (min)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>各类别 p95 等待（分钟），现状</source>
        <translation>p95 wait per lane (min), as things stand</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>各类别 p95 等待（分钟）：{}</source>
        <translation>p95 wait per lane (min): {}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>请先在调配建议表中选择一条建议</source>
        <translation>Select a proposal in the table first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>该建议未通过前瞻校验，不能采纳：{}</source>
        <translation>This proposal failed the forward check and cannot be accepted: {}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>确认采纳调配建议</source>
        <translation>Accept Staffing Proposal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认采纳</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已采纳：{}</source>
        <translation>Accepted: {}</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+26"/>
        <source>{} p95 等待：{} → {} 分钟</source>
        <translation>{} p95 wait: {} → {} min</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>最长类别 p95：{:.0f} → {:.0f} 分钟</source>
        <translation>Largest lane p95: {:.0f} → {:.0f} min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>人力：{} 小时</source>
        <translation>Staff: {} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>前瞻校验（{} 次模拟 × 2 小时）：{}</source>
        <translation>Forward check ({} runs × 2 hours): {}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>确认采取措施：{}</source>
        <translation>Apply Remedy: {}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>确认采取</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已采取措施：{} {}</source>
        <translation>Remedy applied: {} {}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请先选择一项生效中的措施</source>
        <translation>Select a remedy in force first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认解除措施</source>
        <translation>Lift Remedy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认解除</source>
        <translation>Lift</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>措施已解除</source>
        <translation>Remedy lifted</translation>
    </message>
</context>
<context>
    <name>StandbyDialog</name>
    <message>
        <location filename="../../hall_app/ui/standby.py" line="+56"/>
        <source>提升备用服务器</source>
        <translation>Promote the standby server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在查询各台数据库服务器…</source>
        <translation>Asking each database server…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>只在主服务器已停机、且确认它不会再次启动时提升。提升后各终端自动改连到本机的服务器；旧主服务器必须按 docs/postgresql.md 重建为备用服务器后才能再开机。</source>
        <translation>Promote only when the primary has stopped and will certainly not start again. Afterwards every terminal reconnects to this PC&apos;s server by itself; the old primary must be rebuilt as a standby (docs/postgresql.md) before it is switched on again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>强制提升（主服务器仍应答时；会出现两个主服务器，慎用）</source>
        <translation>Force promotion (while the primary still answers: there will be two primaries, use with care)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提升本机备用服务器</source>
        <translation>Promote this PC&apos;s standby</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本机备用服务器数据文件夹：{}</source>
        <translation>This PC&apos;s standby data folder: {}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>警告：两台服务器都是主服务器！请立即停用旧主服务器</source>
        <translation>Warning: both servers are primaries! Stop the old primary now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有可写的主服务器：可以提升本机备用服务器</source>
        <translation>No writable primary: this PC&apos;s standby can be promoted</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在提升备用服务器…</source>
        <translation>Promoting the standby server…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>备用服务器已提升为主服务器，各终端将自动改连到它</source>
        <translation>The standby is now the primary; every terminal will reconnect to it by itself</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（操作记录暂未写入数据库，详情见日志）</source>
        <translation> (the action is not yet in the database audit; see the log)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>提升备用服务器…</source>
        <translation>Promote standby server…</translation>
    </message>
</context>
<context>
    <name>StepModel</name>
    <message>
        <location filename="../../hall_app/ui/incident_models.py" line="-106"/>
        <source>{} 分钟内（{:%H:%M}前）</source>
        <translation>Within {} min (by {:%H:%M})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 已超时</source>
        <translation> overdue</translation>
    </message>
</context>
<context>
    <name>Stranded</name>
    <message>
        <location filename="../../hall_app/domain/sessions.py" line="+41"/>
        <source>窗口已关闭</source>
        <translation>Window closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口终端无响应</source>
        <translation>Window terminal not responding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口无人登录</source>
        <translation>No one logged in at the window</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/server_clock.py" line="-36"/>
        <location filename="../../hall_app/ui/stranded.py" line="+18"/>
        <source>{}（{}）</source>
        <translation>{} ({})</translation>
    </message>
</context>
<context>
    <name>StrandedView</name>
    <message>
        <location filename="../../hall_app/ui/stranded.py" line="+45"/>
        <source>已叫号或办理中、但窗口已关闭或窗口终端长时间无响应（死机、断电、断网）的号票。退回后按原取号时间重新排队，不算过号。</source>
        <translation>Tickets called or in service whose window has closed or whose window terminal has not responded for a long time (crash, power or network failure). Returned tickets queue again by their original issue time and do not count as no-shows.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>退回队列（保留原排队时间）</source>
        <translation>Return to Queue (Keep Place)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>已退回队列：{}（按原排队时间）</source>
        <translation>Returned to queue: {} (original place kept)</translation>
    </message>
</context>
<context>
    <name>Takeover</name>
    <message>
        <location filename="../../hall_app/ui/takeover.py" line="+24"/>
        <source>{}号窗口 {}</source>
        <translation>Window {} {}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>此前</source>
        <translation>earlier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{}（{}）{} 起在岗</source>
        <translation>{} ({}) on duty since {}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>，终端已无响应</source>
        <translation>, terminal not responding</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>窗口已有人登录</source>
        <translation>Window Already in Use</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{}号窗口当前由 {} 登录（{} 起）。</source>
        <translation>Window {} is currently held by {} (since {}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>接管后，对方终端的本窗口操作将被锁定，手中的号票转由您处理。确定接管吗？</source>
        <translation>If you take over, this window is locked on the other terminal and its ticket in hand passes to you. Take over?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>接管窗口</source>
        <translation>Take Over Window</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>本窗口已由 {}（{}）接管（{}）。{}号窗口的操作已锁定，请退出登录。</source>
        <translation>This window was taken over by {} ({}) ({}). Window {} is locked here; please log out.</translation>
    </message>
</context>
<context>
    <name>TicketInHandDialog</name>
    <message>
        <location filename="../../hall_app/ui/leaving.py" line="+23"/>
        <source>手中还有号票</source>
        <translation>Ticket Still in Hand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>号票 {}（{}）仍在本窗口。退出前请处理：</source>
        <translation>Ticket {} ({}) is still at this window. Before logging out:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回队列（保留原排队时间）</source>
        <translation>Return to Queue (Keep Place)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转移…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不退出</source>
        <translation>Stay Logged In</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>尚未开始办理的号票不能办结</source>
        <translation>A ticket not yet in service cannot be completed</translation>
    </message>
</context>
<context>
    <name>TidalView</name>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="+69"/>
        <source>自动调度（每窗口每30分钟至多切换一次，不让有人等候的类别无窗口）</source>
        <translation>Automatic dispatch (each window switches at most once per 30 min; no category with people waiting is left without a window)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>采纳所选建议</source>
        <translation>Accept Selected Proposal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>忽略</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手动调整窗口…</source>
        <translation>Reassign Windows…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>调度建议</source>
        <translation>Dispatch Proposals</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>预警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>今日调整记录</source>
        <translation>Today&apos;s Changes</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>窗口业务</source>
        <translation>Window Lanes</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>人员调配</source>
        <translation>Staffing</translation>
    </message>
    <message>
        <source>人员调配（⚠ {} 条预警）</source>
        <translation type="vanished">Staffing (⚠ {} warnings)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>人员调配（⚠ 预警 {} 条）</source>
        <translation>Staffing (⚠ warnings: {})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>⚠ 溢出预警：{} — 详见「人员调配」</source>
        <translation>⚠ Overflow warning: {} — see &quot;Staffing&quot;</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>今日每小时取号与办结（时）</source>
        <translation>Tickets Issued and Completed per Hour Today (hour)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取号</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>今日等待时间分布（分钟）</source>
        <translation>Today&apos;s Wait Distribution (min)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>；越过规则：{}</source>
        <translation>; rules overridden: {}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请先选择一条建议</source>
        <translation>Select a proposal first</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已采纳：{}号窗口改为 {}</source>
        <translation>Accepted: Window {} now serves {}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>自动调度已开启</source>
        <translation>Automatic dispatch turned on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>自动调度已关闭</source>
        <translation>Automatic dispatch turned off</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已调整 {} 号窗口</source>
        <translation>Reassigned window(s) {}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../hall_app/ui/transfer.py" line="+42"/>
        <source>转移号票</source>
        <translation>Transfer Ticket</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（保持原业务类别）</source>
        <translation>(Keep current category)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（该类别任一窗口）</source>
        <translation>(Any window for this category)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{}号窗口 · 未开放</source>
        <translation>Window {} · Not open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{}号窗口 · 暂停 · {}</source>
        <translation>Window {} · Paused · {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{}号窗口 · 开放 · {}</source>
        <translation>Window {} · Open · {}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>接收窗口会看到，如：需补办社保业务</source>
        <translation>Shown to the receiving window, e.g. also needs social insurance</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>转移原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请选择转移到的业务类别或窗口</source>
        <translation>Select a category or window to transfer to</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请填写转移原因（接收窗口会看到）</source>
        <translation>Enter a reason (shown to the receiving window)</translation>
    </message>
    <message>
        <source>{}号窗口</source>
        <translation type="vanished">Window {}</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>转到业务类别：</source>
        <translation>To category:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到指定窗口：</source>
        <translation>To window:</translation>
    </message>
</context>
<context>
    <name>UpcomingBookings</name>
    <message>
        <location filename="../../hall_app/ui/bookings.py" line="+17"/>
        <source>今后预约</source>
        <translation>Upcoming Bookings</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查找：预约码 / 姓名（如 张*）/ 手机尾号 / 日期（如 11-26）</source>
        <translation>Find: booking code / name (e.g. 张*) / last mobile digits / date (e.g. 11-26)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>补打预约单</source>
        <translation>Reprint Booking Slip</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>共 {} 条</source>
        <translation>{} in total</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请先在列表中选择一条预约</source>
        <translation>Select a booking in the list first</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../hall_app/ui/incident_dialogs.py" line="-173"/>
        <source>作废剩余号码</source>
        <translation>Void Remaining Numbers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部类型（{} 个）</source>
        <translation>All types ({})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{}（{} 个）</source>
        <translation>{} ({})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>如：未使用；号票撕毁</source>
        <translation>e.g. unused; tickets torn up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>将作废：</source>
        <translation>To void:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废后这些号码不能再补录。请先确认纸质登记簿上确实没有使用。</source>
        <translation>Once voided, these numbers can no longer be entered. First confirm they are really unused in the paper registers.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确认作废</source>
        <translation>Confirm Void</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{} 个：{}</source>
        <translation>{}: {}</translation>
    </message>
</context>
<context>
    <name>Waits</name>
    <message>
        <location filename="../../hall_app/domain/waits.py" line="+34"/>
        <source>暂无窗口办理，请咨询导服台</source>
        <translation>No window serving now; please ask at the reception desk</translation>
    </message>
</context>
<context>
    <name>WarningsBox</name>
    <message>
        <location filename="../../hall_app/ui/staffing_warnings.py" line="+55"/>
        <source>溢出预警</source>
        <translation>Overflow Warnings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>溢出预警（等待上限 {} 分钟）</source>
        <translation>Overflow Warnings (wait limit {} min)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>未来两小时各类业务预计不超过等待上限</source>
        <translation>No lane is expected to pass the wait limit in the next two hours</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>（{} 次模拟中 {} 次超限）</source>
        <translation> (over the limit in {1} of {0} runs)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>（{} 次模拟区间 {}–{} → {}–{} 分钟）</source>
        <translation> (range over {} runs: {}–{} → {}–{} min)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>p95 等待 {} → {} 分钟</source>
        <translation>p95 wait {} → {} min</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>召回人员建议（{} 条）</source>
        <translation>Call-in Proposals ({})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>在下方调配建议表中选中第一条</source>
        <translation>Selects the first one in the proposals table below</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂无经前瞻校验有效的召回人员建议</source>
        <translation>No call-in proposal passed the forward check</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <location filename="../../hall_app/ui/appointment_models.py" line="+65"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="+21"/>
        <source>业务类别：</source>
        <translation>Category:</translation>
    </message>
</context>
<context>
    <name>WindowChangeBanner</name>
    <message>
        <location filename="../../hall_app/ui/change_banner.py" line="+30"/>
        <source>知道了</source>
        <translation>Got It</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>，至 {}</source>
        <translation>, until {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，长期有效</source>
        <translation>, permanent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本窗口叫号业务已调整：{} → {}（{} 于 {} 调整{}；原因：{}）</source>
        <translation>This window&apos;s categories changed: {} → {} (by {} at {}{}; reason: {})</translation>
    </message>
</context>
<context>
    <name>WriteWatch</name>
    <message>
        <location filename="../../hall_app/ui/change_watch.py" line="+125"/>
        <source>数据库写入受阻：服务器能访问，但写入超时未完成（可能有终端卡住或数据被锁定）。取号、叫号可能失败，请联系值班长或管理员</source>
        <translation>Database writes blocked: the server answers, but writes time out (a terminal may be stuck or data locked). Issuing and calling may fail; please contact the duty supervisor or administrator</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>● 数据库写入受阻</source>
        <translation>● Database writes blocked</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../hall_app/domain/appointments.py" line="+132"/>
        <source>空闲</source>
        <extracomment>the no-show sweep runs at most once per hall in each slot of this many minutes</extracomment>
        <translation>Quiet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一般</source>
        <translation>Moderate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>繁忙</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/cases.py" line="+53"/>
        <source>正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation type="vanished">Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超承诺期</source>
        <translation>Past promised date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超法定期限</source>
        <translation>Past legal limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停计时</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/followups.py" line="+121"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+52"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期办结</source>
        <translation>Completed late</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/catalog_schema.py" line="+30"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原件和复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>必要</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非必要</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>容缺后补</source>
        <translation>To follow later</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请人自备</source>
        <translation>From applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政府部门核发</source>
        <translation>Government-issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共享免提交</source>
        <translation>Shared, not required</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/followups.py" line="-100"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未评价</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>现场</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网络</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来信</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>当场解答</source>
        <translation>Answered on the spot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>引导至窗口</source>
        <translation>Directed to a window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转交部门办理</source>
        <translation>Referred to a department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需跟进答复</source>
        <translation>Reply to follow</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无效评价审核中</source>
        <translation>Invalid rating: under review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无效评价</source>
        <translation>Invalid rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法整改审核中</source>
        <translation>Cannot rectify: under review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法整改</source>
        <translation>Cannot rectify</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/materials.py" line="+23"/>
        <location line="+19"/>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息不一致</source>
        <translation>Inconsistent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>格式不符</source>
        <translation>Wrong format</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/tickets.py" line="+55"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>未核验</source>
        <translation>Unchecked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有误</source>
        <translation>Faulty</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/roles.py" line="+26"/>
        <source>窗口人员</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导服/前台</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服务账号（定时导入）</source>
        <translation>Service account (scheduled import)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公共设备（只读）</source>
        <translation>Public device (read-only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统自动任务</source>
        <translation>Automatic system job</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/ticket_states.py" line="-3"/>
        <source>等候中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/fallback.py" line="+29"/>
        <source>应急号票</source>
        <translation>Emergency tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>首问登记</source>
        <translation>First inquiries</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>补正告知单</source>
        <translation>Correction notices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理通知</source>
        <translation>Refusal notices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理办件</source>
        <translation>Case numbers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>转入离线</source>
        <translation>Went offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复联网</source>
        <translation>Back online</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/audit_actions.py" line="+48"/>
        <location filename="../../hall_app/domain/fallback.py" line="+1"/>
        <source>离线登录</source>
        <translation>Offline login</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/fallback.py" line="+1"/>
        <source>离线取号</source>
        <translation>Offline ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线叫号</source>
        <translation>Offline call</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收号票</source>
        <translation>Ticket taken in</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/audit_actions.py" line="-26"/>
        <location filename="../../hall_app/domain/fallback.py" line="+2"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+2"/>
        <location line="+34"/>
        <source>过号</source>
        <translation>No-Show</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>转移号票</source>
        <translation>Transfer Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消号票</source>
        <translation>Cancel Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>闭厅关闭号票</source>
        <translation>Ticket Closed at Closing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号票退回排队</source>
        <translation>Ticket Returned to Queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口暂停</source>
        <translation>Window Paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口恢复</source>
        <translation>Window Resumed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口改派业务</source>
        <translation>Window Reassigned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>潮汐自动调度开关</source>
        <translation>Tidal Auto Switched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增潮汐定时计划</source>
        <translation>Tidal Schedule Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增潮汐等待规则</source>
        <translation>Tidal Wait Rule Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>采取超限应对措施</source>
        <translation>Overflow remedy applied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解除超限应对措施</source>
        <translation>Overflow remedy lifted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导服引导预约</source>
        <translation>Booking offered at reception</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存当天排班</source>
        <translation>Day&apos;s rota saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入排班文件</source>
        <translation>Rota file imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置各类业务默认最少窗口数</source>
        <translation>Default least windows per lane set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从后台调人开窗</source>
        <translation>Staff called from the back office to a window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭窗口（人员回后台）</source>
        <translation>Window closed (clerk to the back office)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调整休息时间</source>
        <translation>Break moved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登录</source>
        <translation>Log In</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录失败</source>
        <translation>Login Failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出登录</source>
        <translation>Log Out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>越权操作被拒</source>
        <translation>Permission Denied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>命令被拒绝</source>
        <translation>Command Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看完整证件号</source>
        <translation>Full ID Number Revealed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办件受理</source>
        <translation>Case Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补打受理回执</source>
        <translation>Receipt Reprinted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件暂停计时</source>
        <translation>Case Clock Paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件恢复计时</source>
        <translation>Case Clock Resumed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件延长期限</source>
        <translation>Case Deadline Extended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件法定延期</source>
        <translation>Case Legal Extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办件办结</source>
        <translation>Case Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收到容缺补交材料</source>
        <translation>Deferred Material Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开具一次性告知单</source>
        <translation>Correction Notice Issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开具不予受理通知书</source>
        <translation>Refusal Notice Issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回告知单</source>
        <translation>Notice Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补打告知单</source>
        <translation>Notice Reprinted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约登记</source>
        <translation>Appointment Booked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消预约</source>
        <translation>Appointment Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改约</source>
        <translation>Appointment Rebooked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约签到</source>
        <translation>Appointment Check-In</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约失约（过时未签到）</source>
        <translation>Appointment No-Show (Not Checked In)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调整预约号源</source>
        <translation>Slot Capacity Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解除预约限制</source>
        <translation>Booking Ban Lifted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置工作日历</source>
        <translation>Calendar Day Set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除工作日历设置</source>
        <translation>Calendar Day Cleared</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载入全年日历</source>
        <translation>Year Calendar Loaded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记咨询</source>
        <translation>Inquiry Logged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转交咨询</source>
        <translation>Inquiry Handed Off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询补充记录</source>
        <translation>Inquiry Note Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询办结</source>
        <translation>Inquiry Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/fallback.py" line="+1"/>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差评转整改</source>
        <translation>Follow-up from Poor Rating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记办不成事</source>
        <translation>Unresolved Request Logged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改回访</source>
        <translation>Follow-up Visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核实转整改</source>
        <translation>Verified for Rectification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改办结</source>
        <translation>Follow-up Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请认定无效</source>
        <translation>Invalid Finding Requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请认定无法整改</source>
        <translation>Cannot-Rectify Finding Requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准整改申请</source>
        <translation>Follow-up Request Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>驳回整改申请</source>
        <translation>Follow-up Request Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延长整改期限</source>
        <translation>Follow-up Deadline Extended</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>宣布应急</source>
        <translation>Incident Declared</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更新应急记录</source>
        <translation>Incident Updated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急步骤</source>
        <translation>Incident Step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跳过应急步骤</source>
        <translation>Incident Step Skipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束应急</source>
        <translation>Incident Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印应急包</source>
        <translation>Emergency Kit Printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建应急包编号</source>
        <translation>Emergency Kit Numbered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用应急包</source>
        <translation>Emergency Kit Used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预留离线号段</source>
        <translation>Offline Number Block Reserved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质记录补录</source>
        <translation>Paper Record Entered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作废纸质编号</source>
        <translation>Paper Numbers Voided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线记录已合并</source>
        <translation>Offline Record Merged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线记录冲突</source>
        <translation>Offline Record Conflict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线记录重复提交</source>
        <translation>Offline Record Duplicate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线记录被拒绝</source>
        <translation>Offline Record Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理离线冲突</source>
        <translation>Offline Conflict Resolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记离线日志密钥</source>
        <translation>Journal Key Registered</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存打印文件</source>
        <translation>Print File Saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印失败待重打</source>
        <translation>Print Failed, to Retry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出数据</source>
        <translation>Data Exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出审计日志</source>
        <translation>Audit Log Exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入事项目录</source>
        <translation>Catalog Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项目录导入被拒</source>
        <translation>Catalog Import Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改大厅设置</source>
        <translation>Setting Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置叫号屏</source>
        <translation>Board Configured</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备故障</source>
        <translation>Device Fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备恢复</source>
        <translation>Device Recovered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复数据库</source>
        <translation>Database Restored</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备用服务器提升为主服务器</source>
        <translation>Standby Promoted to Primary</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/fallback.py" line="+2"/>
        <source>告知单</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/ticket_states.py" line="-33"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办结（闭厅）</source>
        <translation>Unfinished (hall closed)</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/audit_actions.py" line="-106"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+27"/>
        <source>取号</source>
        <translation>Issue Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+1"/>
        <source>叫号</source>
        <translation>Call</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+1"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+1"/>
        <source>开始办理</source>
        <translation>Start Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/fallback.py" line="-5"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+1"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+2"/>
        <source>撤销过号</source>
        <translation>Undo No-Show</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hall_app/domain/ticket_states.py" line="+1"/>
        <source>过号重排</source>
        <translation>Requeue No-Show</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/ticket_states.py" line="+1"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>闭厅</source>
        <translation>Close Hall</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/tickets.py" line="-22"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约</source>
        <translation>Booking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>普通</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>老年人</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>残疾人</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>孕妇</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>军人/退役军人</source>
        <translation>Military/veteran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重病患者</source>
        <translation>Seriously ill</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/legal.py" line="+38"/>
        <source>工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>补正</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公告</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>听证</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专家评审</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检验检测</source>
        <translation>Inspection and testing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>鉴定</source>
        <translation>Appraisal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>窗口领取</source>
        <translation>Collect at the window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮寄</source>
        <translation>By post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子证照</source>
        <translation>Electronic licence</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受委托人</source>
        <translation>Authorised agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>父母</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>子女</source>
        <translation>Child</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他近亲属</source>
        <translation>Other close relative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法定代理人</source>
        <translation>Legal guardian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位经办人</source>
        <translation>Company&apos;s handling officer</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>申请事项依法不属于本机关职权范围</source>
        <translation>The matter is not within this office&apos;s remit by law</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请事项依法不需要取得行政许可</source>
        <translation>The matter needs no administrative licence by law</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/server_time.py" line="+141"/>
        <source>本机时钟比服务器快 {} 秒：系统按服务器时间记录，请联系管理员校准时间</source>
        <translation>This PC&apos;s clock is {} s ahead of the server: times are recorded in server time; please ask the administrator to correct the clock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机时钟比服务器慢 {} 秒：系统按服务器时间记录，请联系管理员校准时间</source>
        <translation>This PC&apos;s clock is {} s behind the server: times are recorded in server time; please ask the administrator to correct the clock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>快 {} 秒</source>
        <translation>{} s ahead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>慢 {} 秒</source>
        <translation>{} s behind</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/audit_chain.py" line="+124"/>
        <source>记录的哈希值与其内容不符（记录被改过）</source>
        <translation>The entry&apos;s hash does not match its content (the entry was altered)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录没有接上前一条记录（有记录被删除、插入或挪动）</source>
        <translation>The entry does not link to the previous one (entries deleted, inserted or moved)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当天记录的序号不连续（有记录被删除、插入或挪动）</source>
        <translation>The day&apos;s sequence numbers have a gap (entries deleted, inserted or moved)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当天第一条记录没有接上前一天的锚点</source>
        <translation>The day&apos;s first entry does not link to the previous day&apos;s anchor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录缺少日期、序号或哈希值（绕过系统写入）</source>
        <translation>The entry lacks its day, sequence number or hash (written around the app)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当天有记录但没有保存的锚点</source>
        <translation>The day has entries but no stored anchor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当天锚点记载的条数与实有条数不同（末尾记录被删除或追加）</source>
        <translation>The day&apos;s anchor records a different number of entries (entries at the end deleted or appended)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当天锚点记载的最后哈希值与实有记录不同</source>
        <translation>The day&apos;s anchor records a different last hash than the entries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>锚点记载的某一天的记录全部不见了（整天被删除）</source>
        <translation>All entries of a day recorded by an anchor are gone (a whole day deleted)</translation>
    </message>
    <message>
        <location filename="../../hall_app/domain/overflow_remedy.py" line="+40"/>
        <source>先引导预约</source>
        <translation>Offer a booking first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一件事分流至综合受理</source>
        <translation>Bundle items to general acceptance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调派后台人员</source>
        <translation>Call back-office staff</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>部分预约未导入</source>
        <translation type="vanished">Some Bookings Not Imported</translation>
    </message>
    <message>
        <source>导入 {} 条，{} 条有问题，请核对后重新导入这些行：</source>
        <translation type="vanished">Imported {}; {} had problems. Check and re-import these rows:</translation>
    </message>
</context>
</TS>
