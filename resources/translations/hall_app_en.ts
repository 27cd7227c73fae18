<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../hall_app/ui/app.py" line="47"/>
        <source>政务服务大厅窗口系统</source>
        <translation>Government Service Hall Window System</translation>
    </message>
</context>
<context>
    <name>AppointmentsView</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="97"/>
        <source>签到：输入或扫描预约码 / 身份证号 / 手机号，回车</source>
        <translation>Check-in: enter or scan booking code / ID number / mobile number, then press Enter</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="120"/>
        <source>预约所选时段</source>
        <translation>Book Selected Slot</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="124"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="125"/>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="127"/>
        <source>手机号：</source>
        <translation>Mobile:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="128"/>
        <source>事项/一件事：</source>
        <translation>Item/One-Thing Bundle:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="129"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="130"/>
        <source>代市民预约（每人每天一次）</source>
        <translation>Book for a Citizen (once per person per day)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="139"/>
        <source>取消所选预约</source>
        <translation>Cancel Selected Booking</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="141"/>
        <source>导入网上预约…</source>
        <translation>Import Online Bookings…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="146"/>
        <source>今日预约</source>
        <translation>Today&apos;s Bookings</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="198"/>
        <source>错峰推荐：{}</source>
        <translation>Off-peak suggestions: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="214"/>
        <source>{} 岁</source>
        <translation>Age {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="216"/>
        <source>，签到时自动进入绿色通道</source>
        <translation>; green channel automatically at check-in</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="224"/>
        <source>请先选择时段</source>
        <translation>Select a slot first</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="234"/>
        <source>预约成功：预约码 {}，{} {}，请提前 5–30 分钟到大厅签到</source>
        <translation>Booked: code {}, {} {}. Please check in at the hall 5–30 min early</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="287"/>
        <source>已取消 {}</source>
        <translation>Cancelled {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="292"/>
        <source>导入网上预约</source>
        <translation>Import Online Bookings</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="293"/>
        <source>预约文件 (*.csv *.json)</source>
        <translation>Booking files (*.csv *.json)</translation>
    </message>
</context>
<context>
    <name>BoardSettingsDialog</name>
    <message>
        <location filename="../../hall_app/ui/board.py" line="258"/>
        <source>叫号屏设置（值班长）</source>
        <translation>Calling Board Settings (Supervisor)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="265"/>
        <source>显示英文提示（Ticket A012, please go to window 5）</source>
        <translation>Show English prompt (Ticket A012, please go to window 5)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="274"/>
        <source>静音</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="278"/>
        <source>值班长工号：</source>
        <translation>Supervisor Staff ID:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="279"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="280"/>
        <source>滚动通知：</source>
        <translation>Scrolling notice:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="282"/>
        <source>每次呼叫播报次数：</source>
        <translation>Announcements per call:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="283"/>
        <source>音量：</source>
        <translation>Volume:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="285"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <location filename="../../hall_app/ui/board.py" line="98"/>
        <source>叫号屏</source>
        <translation>Calling Board</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="105"/>
        <source>⚠ 与服务器的连接中断，显示的可能不是最新信息</source>
        <translation>⚠ Connection to the server lost; the information shown may be out of date</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="140"/>
        <source>最近呼叫</source>
        <translation>Recent Calls</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="143"/>
        <source>各窗口当前号</source>
        <translation>Current Ticket by Window</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="145"/>
        <source>等候人数 · 预计等待</source>
        <translation>Waiting · Estimated Wait</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="165"/>
        <source>叫号屏设置</source>
        <translation>Calling Board Settings</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="204"/>
        <source>优先办理</source>
        <translation>for priority service</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="204"/>
        <source>办理</source>
        <translation>for service</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="205"/>
        <source>请到 {} 号窗口{}</source>
        <translation>Please go to Window {} {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/board.py" line="219"/>
        <source>{} {}：{} 人，约 {} 分钟</source>
        <translation>{} {}: {} waiting, about {} min</translation>
    </message>
</context>
<context>
    <name>CannotDoDialog</name>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="76"/>
        <source>承办人工号（可不填）</source>
        <translation>Assignee Staff ID (optional)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="77"/>
        <source>办不成事登记</source>
        <translation>“Couldn&apos;t Get It Done” Report</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="78"/>
        <source>未办成的事项：</source>
        <translation>Item not done:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="78"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="79"/>
        <source>问题类型：</source>
        <translation>Issue type:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="79"/>
        <source>群众姓名：</source>
        <translation>Citizen name:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="80"/>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="80"/>
        <source>承办人：</source>
        <translation>Assignee:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="81"/>
        <source>登记</source>
        <translation>Log</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="54"/>
        <source>办件编号</source>
        <translation>Case No.</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="55"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="56"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="57"/>
        <source>受理日期</source>
        <translation>Acceptance Date</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="58"/>
        <source>承诺办结日期</source>
        <translation>Promised Completion Date</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="59"/>
        <source>剩余工作日</source>
        <translation>Working Days Left</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="60"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="61"/>
        <source>窗口/经办人</source>
        <translation>Window/Handler</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="75"/>
        <source>暂停中</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="99"/>
        <source>延长承诺时限（只能延长一次）</source>
        <translation>Extend Promised Deadline (Once Only)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="100"/>
        <source>延长工作日：</source>
        <translation>Extend by working days:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="100"/>
        <source>批准人：</source>
        <translation>Approved by:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="101"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="101"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="119"/>
        <source>只看本窗口</source>
        <translation>This window only</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="122"/>
        <source>只看未办结</source>
        <translation>Open cases only</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="131"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="131"/>
        <source>暂停计时</source>
        <translation>Pause Clock</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="132"/>
        <source>恢复计时</source>
        <translation>Resume Clock</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="132"/>
        <source>延长时限…</source>
        <translation>Extend Deadline…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="133"/>
        <source>补打回执</source>
        <translation>Reprint Receipt</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="164"/>
        <source>请先选择一个办件</source>
        <translation>Select a case first</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="177"/>
        <source>等待补正材料</source>
        <translation>Awaiting corrected materials</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="188"/>
        <source>{}：{}完成</source>
        <translation>{}: {} done</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/cases.py" line="191"/>
        <source>受理回执 {}（补打）</source>
        <translation>Acceptance Receipt {} (Reprint)</translation>
    </message>
</context>
<context>
    <name>Casework</name>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="75"/>
        <source>选择办理事项</source>
        <translation>Select Item</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="76"/>
        <source>该号票按业务类别取号，请选择具体事项：</source>
        <translation>This ticket was issued for a category; select the specific item:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="119"/>
        <source>补打 {}</source>
        <translation>Reprint {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="146"/>
        <source>受理回执 {}</source>
        <translation>Acceptance Receipt {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="146"/>
        <source>一次性告知单 {}</source>
        <translation>One-Time Notification Slip {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/casework.py" line="147"/>
        <source>不予受理通知书 {}</source>
        <translation>Refusal Notice {}</translation>
    </message>
</context>
<context>
    <name>ClerkView</name>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="118"/>
        <source>{}号窗口 当前号票</source>
        <translation>Window {} – Current Ticket</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="127"/>
        <source>叫号</source>
        <translation>Call Next</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="128"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="129"/>
        <source>开始办理</source>
        <translation>Start Service</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="130"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="131"/>
        <source>过号</source>
        <translation>No-Show</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="132"/>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="133"/>
        <source>材料核验</source>
        <translation>Material Check</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="134"/>
        <source>暂停/恢复服务</source>
        <translation>Pause/Resume Service</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="157"/>
        <source>本窗口业务类别等候情况（按叫号优先顺序）</source>
        <translation>Waiting in This Window&apos;s Categories (by Call Priority)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="166"/>
        <source>市民补正后再来：扫描告知单二维码或输入编号（如 BZ-130534-20261125-0007），回车</source>
        <translation>Returning after correction: scan the slip&apos;s QR code or enter its number (e.g. BZ-130534-20261125-0007), then press Enter</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="227"/>
        <source>暂无等候的号票</source>
        <translation>No tickets waiting</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="231"/>
        <source>已叫号 {}，请 {} 号到 {} 号窗口办理</source>
        <translation>Called {}: ticket {}, please go to window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="241"/>
        <source>已重呼 {}（第 {} 次）</source>
        <translation>Recalled {} (call #{})</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="242"/>
        <source>{} 开始办理</source>
        <translation>{}: service started</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="243"/>
        <source>{} 已办结</source>
        <translation>{}: completed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="244"/>
        <source>{} 已按过号处理</source>
        <translation>{} marked as no-show</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="273"/>
        <source>{}号窗口</source>
        <translation>Window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="275"/>
        <source>{} 已转移到 {}</source>
        <translation>{} transferred to {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="290"/>
        <source>已恢复服务</source>
        <translation>Service resumed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="291"/>
        <source>已暂停服务，按 F8 恢复</source>
        <translation>Service paused; press F8 to resume</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="307"/>
        <source>{} 评价已记录：{}</source>
        <translation>{} rating recorded: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="309"/>
        <source>；已生成差评整改 {}，请值班长核实</source>
        <translation>; Rectification {} created, pending supervisor verification</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="328"/>
        <source>已受理，办件编号 {}</source>
        <translation>Accepted, case no. {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="329"/>
        <source>已出具一次性告知单 {}</source>
        <translation>One-Time Notification Slip {} issued</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="330"/>
        <source>已出具不予受理通知书 {}</source>
        <translation>Refusal Notice {} issued</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="343"/>
        <source>空闲：按 F1 叫下一位</source>
        <translation>Idle: press F1 to call the next ticket</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="350"/>
        <source>{}（第 {} 次呼叫）</source>
        <translation>{} (call #{})</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="351"/>
        <source>状态：{}</source>
        <translation>Status: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="353"/>
        <source>事项：{}  ·  类别：{}</source>
        <translation>Item: {}  ·  Category: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="357"/>
        <source>绿色通道 {}：请优先办理</source>
        <translation>Green channel {}: please serve with priority</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="369"/>
        <source>已等候 {}</source>
        <translation>Waited {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="372"/>
        <source>  ·  已办理 {}</source>
        <translation>  ·  In service {}</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../hall_app/ui/crash.py" line="26"/>
        <source>程序错误</source>
        <translation>Program Error</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/crash.py" line="27"/>
        <source>程序遇到意外错误，本次操作可能未完成。
请记下当时的操作并联系管理员；详细信息已写入日志：
{}</source>
        <translation>The program hit an unexpected error; this operation may not have completed.
Please note what you were doing and contact the administrator. Details were written to the log:
{}</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="42"/>
        <source>差评整改</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="42"/>
        <source>办不成事</source>
        <translation>“Couldn&apos;t Get It Done”</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="43"/>
        <source>（超期）</source>
        <translation> (overdue)</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="104"/>
        <source>核实后整改</source>
        <translation>Verify and Rectify</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="104"/>
        <source>登记回访…</source>
        <translation>Log Return Visit…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="105"/>
        <source>办结…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="105"/>
        <source>申请无效评价…</source>
        <translation>Request Invalid Rating…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="106"/>
        <source>申请无法整改…</source>
        <translation>Request Cannot Rectify…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="106"/>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="107"/>
        <source>审核不通过…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="107"/>
        <source>延期…</source>
        <translation>Extend…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="108"/>
        <source>办不成事登记…</source>
        <translation>“Couldn&apos;t Get It Done” Report…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="108"/>
        <source>导出报表…</source>
        <translation>Export Report…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="118"/>
        <source>满意度（按窗口、工作人员、业务类别）</source>
        <translation>Satisfaction (by Window, Staff, Category)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="133"/>
        <source>首问未办结 {} 件（超期 {}） · 差评整改 {} 件（超期 {}） · 办不成事 {} 件（超期 {}）</source>
        <translation>Open first inquiries: {} ({} overdue) · Rectifications: {} ({} overdue) · “Couldn&apos;t Get It Done”: {} ({} overdue)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="149"/>
        <source>已登记</source>
        <translation>Logged</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="156"/>
        <source>请先选择一个整改事项</source>
        <translation>Select a follow-up first</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="160"/>
        <location filename="../../hall_app/ui/followups_view.py" line="163"/>
        <source>回访</source>
        <translation>Return Visit</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="160"/>
        <source>回访方式：</source>
        <translation>Visit method:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="163"/>
        <source>群众意见：</source>
        <translation>Citizen feedback:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="167"/>
        <source>已登记回访</source>
        <translation>Return visit logged</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="170"/>
        <location filename="../../hall_app/ui/followups_view.py" line="173"/>
        <source>延期</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="170"/>
        <source>延长工作日：</source>
        <translation>Extend by working days:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="173"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="175"/>
        <source>已延期</source>
        <translation>Extended</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="179"/>
        <source>说明（必填）：</source>
        <translation>Note (required):</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="184"/>
        <source>{}：{}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="191"/>
        <source>导出满意度与整改报表</source>
        <translation>Export Satisfaction and Rectification Report</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/followups_view.py" line="206"/>
        <source>已导出 {}</source>
        <translation>Exported {}</translation>
    </message>
</context>
<context>
    <name>InquiriesView</name>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="166"/>
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="168"/>
        <source>只看未办结</source>
        <translation>Open only</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="171"/>
        <source>搜索编号、咨询内容或事项</source>
        <translation>Search number, inquiry or item</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="173"/>
        <source>工号（值班长查看他人）</source>
        <translation>Staff ID (supervisor: view others)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="186"/>
        <source>转交同事…</source>
        <translation>Hand Off to Colleague…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="186"/>
        <source>跟进记录…</source>
        <translation>Add Follow-up Note…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="187"/>
        <source>办结…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="187"/>
        <source>导出CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="219"/>
        <source>请先选择一条首问登记</source>
        <translation>Select a First-Inquiry Log entry first</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="230"/>
        <location filename="../../hall_app/ui/inquiry.py" line="233"/>
        <source>转交</source>
        <translation>Hand Off</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="230"/>
        <source>转交给（工号）：</source>
        <translation>Hand off to (Staff ID):</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="233"/>
        <source>转交说明：</source>
        <translation>Hand-off note:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="237"/>
        <source>已转交，您仍是首问责任人</source>
        <translation>Handed off; you remain the first responder</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="243"/>
        <source>跟进记录</source>
        <translation>Follow-up Note</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="243"/>
        <source>跟进情况：</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="246"/>
        <source>已记录</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="252"/>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="252"/>
        <source>处理结果（必填）：</source>
        <translation>Outcome (required):</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="255"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="259"/>
        <source>导出首问登记</source>
        <translation>Export First-Inquiry Log</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="263"/>
        <source>已导出 {} 条（个人信息已脱敏）</source>
        <translation>Exported {} entries (personal data masked)</translation>
    </message>
</context>
<context>
    <name>InquiryDialog</name>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="43"/>
        <source>首问登记（您是首问责任人）</source>
        <translation>First-Inquiry Log (you are the first responder)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="49"/>
        <source>可不填；显示时脱敏</source>
        <translation>Optional; masked when displayed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="57"/>
        <source>（未涉及具体事项）</source>
        <translation>(No specific item)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="77"/>
        <source>按规定（1个工作日）</source>
        <translation>Standard (1 working day)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="81"/>
        <source>答复内容：</source>
        <translation>Reply:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="82"/>
        <source>引导至窗口：</source>
        <translation>Directed to window:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="82"/>
        <source>已取号票：</source>
        <translation>Ticket issued:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="83"/>
        <source>转交部门：</source>
        <translation>Referred to department:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="83"/>
        <source>联系人：</source>
        <translation>Contact person:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="84"/>
        <location filename="../../hall_app/ui/inquiry.py" line="95"/>
        <source>联系电话：</source>
        <translation>Contact phone:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="85"/>
        <source>约定答复日期：</source>
        <translation>Agreed reply date:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="93"/>
        <source>渠道：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="94"/>
        <source>来访人/单位：</source>
        <translation>Visitor/Organization:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="96"/>
        <source>咨询/反映事项：</source>
        <translation>Inquiry/Concern:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="97"/>
        <source>相关事项：</source>
        <translation>Related item:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="98"/>
        <source>处理方式：</source>
        <translation>Handling:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="99"/>
        <source>登记 (Ctrl+Enter)</source>
        <translation>Log (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>InquiryModel</name>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="144"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="144"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/inquiry.py" line="144"/>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../hall_app/ui/login.py" line="39"/>
        <source>政务服务大厅窗口系统 — 登录</source>
        <translation>Government Service Hall Window System — Log In</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="42"/>
        <source>政务服务大厅</source>
        <translation>Government Service Hall</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="43"/>
        <source>正在打开数据库……</source>
        <translation>Opening database…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="46"/>
        <source>工号</source>
        <translation>Staff ID</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="50"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="54"/>
        <source>（不在窗口：导服、值班长）</source>
        <translation>(No window: reception, shift supervisor)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="57"/>
        <source>工号：</source>
        <translation>Staff ID:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="58"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="59"/>
        <source>本机窗口：</source>
        <translation>This PC&apos;s window:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="64"/>
        <source>登录</source>
        <translation>Log In</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="66"/>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="86"/>
        <source>{}号窗口 {}</source>
        <translation>Window {} {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="89"/>
        <source>数据库：{}</source>
        <translation>Database: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="93"/>
        <source>数据库不可用</source>
        <translation>Database unavailable</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/login.py" line="105"/>
        <source>正在登录……</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="52"/>
        <source>政务服务大厅窗口系统 — {}（{}）</source>
        <translation>Government Service Hall Window System — {} ({})</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="54"/>
        <source> — {}号窗口</source>
        <translation> — Window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="98"/>
        <source>窗口办理</source>
        <translation>Window Service</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="98"/>
        <source>取号</source>
        <translation>Issue Tickets</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="99"/>
        <source>大厅总览</source>
        <translation>Hall Overview</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="99"/>
        <source>办件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="100"/>
        <source>首问登记</source>
        <translation>First-Inquiry Log</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="100"/>
        <source>整改回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="101"/>
        <source>预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="101"/>
        <source>预约负荷周视图</source>
        <translation>Weekly Booking Load</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="102"/>
        <source>潮汐调度</source>
        <translation>Tidal Dispatch</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="142"/>
        <source>提醒：{} 年的法定节假日和调休安排尚未录入，跨年办件的承诺日期将按周一至周五推算（系统管理员用 hall-app calendar 录入）</source>
        <translation>Reminder: public holidays and make-up workdays for {} have not been entered; promised dates for cases crossing the year end will count Monday–Friday only (administrator: enter them with hall-app calendar)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="151"/>
        <source>已登记首问 {}</source>
        <translation>First inquiry {} logged</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="165"/>
        <source>已登记办不成事 {}</source>
        <translation>“Couldn&apos;t Get It Done” report {} logged</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="184"/>
        <source>办件即将到期 {} 件，已超期 {} 件</source>
        <translation>Cases due soon: {}, overdue: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="186"/>
        <source>首问超期未办结 {} 件</source>
        <translation>Overdue open first inquiries: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="192"/>
        <source>{} 工号{} · {}</source>
        <translation>{} · Staff ID {} · {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="195"/>
        <source> · {}号窗口</source>
        <translation> · Window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="199"/>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="200"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="204"/>
        <source>首问登记…</source>
        <translation>First-Inquiry Log…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="208"/>
        <source>办不成事登记…</source>
        <translation>“Couldn&apos;t Get It Done” Report…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="211"/>
        <source>补打队列…</source>
        <translation>Reprint Queue…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="216"/>
        <source>导入事项目录…</source>
        <translation>Import Item Catalog…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="220"/>
        <source>退出登录</source>
        <translation>Log Out</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="264"/>
        <source>● 已连接 {}</source>
        <translation>● Connected {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="268"/>
        <source>● 数据库连接中断</source>
        <translation>● Database connection lost</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="282"/>
        <source>选择事项目录文件</source>
        <translation>Select Item Catalog File</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/main_window.py" line="282"/>
        <source>目录文件 (*.yaml *.yml)</source>
        <translation>Catalog files (*.yaml *.yml)</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="50"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="51"/>
        <source>形式份数</source>
        <translation>Form/Copies</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="52"/>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="53"/>
        <location filename="../../hall_app/ui/materials.py" line="87"/>
        <source>适用</source>
        <translation>Applies</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="54"/>
        <source>核验结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="55"/>
        <source>问题/备注</source>
        <translation>Issue/Note</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="87"/>
        <source>待确认</source>
        <translation>To Confirm</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="87"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="88"/>
        <source>（共享免提交）</source>
        <translation> (shared, not required)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="121"/>
        <source>材料核验 — {}</source>
        <extracomment>(&quot;accept&quot; | &quot;notice&quot; | &quot;refusal&quot;, Applicant, checks, refusal tuple or None)</extracomment>
        <translation>Material Check — {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="124"/>
        <source>即办件</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="125"/>
        <source>承诺时限 {} 个工作日</source>
        <translation>Promised deadline: {} working days</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="134"/>
        <source>18位，末位可为X；核验后只显示前6后4位</source>
        <translation>18 characters, last may be X; only first 6 and last 4 shown after check</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="139"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="142"/>
        <source>姓名/单位</source>
        <translation>Name/Organization</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="142"/>
        <source>证件类型</source>
        <translation>ID Type</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="143"/>
        <source>证件号码</source>
        <translation>ID Number</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="143"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="162"/>
        <source>适用（Y/N）</source>
        <translation>Applies (Y/N)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="176"/>
        <source>备注：如有效期至2025-12-31已过期、未加盖公章</source>
        <translation>Note: e.g. expired (valid until 2025-12-31), no official seal</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="183"/>
        <source>核验结果：</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="185"/>
        <source>问题：</source>
        <translation>Issue:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="189"/>
        <source>受理标准：</source>
        <translation>Acceptance criteria:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="193"/>
        <source>受理并出具回执 (Ctrl+Enter)</source>
        <translation>Accept and Issue Receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="195"/>
        <source>出具一次性告知单 (Ctrl+P)</source>
        <translation>Issue One-Time Notification Slip (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="197"/>
        <source>不予受理…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="198"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="199"/>
        <source>补打原告知单</source>
        <translation>Reprint Original Slip</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="316"/>
        <source>已收 {} · 缺失 {} · 有误 {} · 未核验 {}</source>
        <translation>Received {} · Missing {} · Faulty {} · Unchecked {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="326"/>
        <source>（{} 项容缺后补）</source>
        <translation> ({} to follow later)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="327"/>
        <source>材料齐全，可以受理</source>
        <translation>Materials complete; ready to accept</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="331"/>
        <source>需补正 {} 项：请出具一次性告知单</source>
        <translation>{} item(s) need correction: issue a One-Time Notification Slip</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="392"/>
        <source>应向哪个机关申请（职权范围外时必填）</source>
        <translation>Authority to apply to (required if outside our jurisdiction)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="393"/>
        <source>不予受理</source>
        <translation>Refusal</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="394"/>
        <source>不予受理理由：</source>
        <translation>Reason for refusal:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="394"/>
        <source>法律依据：</source>
        <translation>Legal basis:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="395"/>
        <source>建议申请机关：</source>
        <translation>Suggested authority:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/materials.py" line="395"/>
        <source>出具不予受理通知书</source>
        <translation>Issue Refusal Notice</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../hall_app/ui/models.py" line="78"/>
        <location filename="../../hall_app/ui/models.py" line="165"/>
        <location filename="../../hall_app/ui/models.py" line="173"/>
        <source>业务类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="79"/>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="81"/>
        <source>最长等待</source>
        <translation>Longest Wait</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="82"/>
        <source>预计等待</source>
        <translation>Estimated Wait</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="83"/>
        <source>开放窗口</source>
        <translation>Open Windows</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="34"/>
        <source>&lt;1分</source>
        <translation>&lt;1 min</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="35"/>
        <source>{}分</source>
        <translation>{} min</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="80"/>
        <source>绿色通道</source>
        <translation>Green channel</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="107"/>
        <source>约{}分</source>
        <translation>~{} min</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="124"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="125"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="126"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="127"/>
        <source>服务类别（优先顺序）</source>
        <translation>Categories (by Priority)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="128"/>
        <source>当前号票</source>
        <translation>Current Ticket</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="131"/>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="132"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="133"/>
        <source>关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="146"/>
        <source>{}号</source>
        <translation>No. {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="163"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="164"/>
        <source>一件事</source>
        <translation>One-Thing Bundle</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="171"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="172"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="174"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/models.py" line="187"/>
        <source>拼音首字母：{}</source>
        <translation>Pinyin initials: {}</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../hall_app/ui/overview.py" line="22"/>
        <source>业务类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/overview.py" line="24"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="52"/>
        <source>（本机没有打印机）</source>
        <translation>(No printer on this PC)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="56"/>
        <source>打印 (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="60"/>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="62"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="68"/>
        <source>共 {} 页 · 已存档：{}</source>
        <translation>{} page(s) · Archived: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="72"/>
        <source>打印机：</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="93"/>
        <source>打印失败，文件已保存并加入补打队列：{}</source>
        <translation>Printing failed; the file was saved and added to the Reprint Queue: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="97"/>
        <source>已送打印机「{}」</source>
        <translation>Sent to printer “{}”</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="108"/>
        <source>另存为</source>
        <translation>Save As</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="108"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/preview.py" line="111"/>
        <source>已保存到 {}</source>
        <translation>Saved to {}</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <location filename="../../hall_app/ui/print_queue.py" line="27"/>
        <source>补打队列</source>
        <translation>Reprint Queue</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/print_queue.py" line="31"/>
        <source>重新打印所选</source>
        <translation>Reprint Selected</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/print_queue.py" line="33"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/print_queue.py" line="58"/>
        <source>没有待补打的文件</source>
        <translation>No files waiting for reprint</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/print_queue.py" line="72"/>
        <source>已打印 {}</source>
        <translation>Printed {}</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <location filename="../../hall_app/ui/printer.py" line="46"/>
        <source>本机没有可用的打印机。文件已保存：{}</source>
        <translation>No printer is available on this PC. The file was saved: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/printer.py" line="58"/>
        <source>无法读取待打印的文件 {}</source>
        <translation>Cannot read the file to print: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/printer.py" line="63"/>
        <source>打印机「{}」无法开始打印，文件已保存：{}</source>
        <translation>Printer “{}” could not start printing. The file was saved: {}</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <location filename="../../hall_app/ui/rating.py" line="25"/>
        <source>请您对本次服务进行评价</source>
        <translation>Please Rate Our Service</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/rating.py" line="26"/>
        <source>号票 {}：请您评价本次服务（自愿评价）</source>
        <translation>Ticket {}: please rate this service (optional)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/rating.py" line="31"/>
        <source>意见或建议（可不填）</source>
        <translation>Comments or suggestions (optional)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/rating.py" line="32"/>
        <source>由工作人员按评价器结果代录</source>
        <translation>Entered by staff from the rating device</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/rating.py" line="45"/>
        <source>市民不评价 (Esc)</source>
        <translation>Skip Rating (Esc)</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="56"/>
        <source>窗口号，如 5,6,7</source>
        <translation>Window numbers, e.g. 5,6,7</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="58"/>
        <source>类别编码按叫号顺序，如 C,A</source>
        <translation>Category codes in call order, e.g. C,A</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="63"/>
        <source>长期有效</source>
        <translation>Permanent</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="64"/>
        <source>调整窗口业务类别</source>
        <translation>Reassign Window Categories</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="65"/>
        <source>窗口：</source>
        <translation>Windows:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="65"/>
        <source>业务类别：</source>
        <translation>Categories:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="66"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="66"/>
        <source>临时至（当天）：</source>
        <translation>Until (today):</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="67"/>
        <source>调整</source>
        <translation>Reassign</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="77"/>
        <source>输入事项名称、拼音首字母（如 hkqy）或编码，回车取号</source>
        <translation>Enter item name, pinyin initials (e.g. hkqy) or code; press Enter to issue</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="91"/>
        <source>普通</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="93"/>
        <source>绿色通道：{}</source>
        <translation>Green channel: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="96"/>
        <source>身份证号（可选，核验年龄）</source>
        <translation>ID number (optional, to verify age)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="100"/>
        <source>绿色通道说明（选「其他」时必填）</source>
        <translation>Green channel note (required for “Other”)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="101"/>
        <source>取号并打印 (F2)</source>
        <translation>Issue and Print (F2)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="103"/>
        <source>取号</source>
        <translation>Issue Ticket</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="108"/>
        <source>查找事项</source>
        <translation>Find Item</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="115"/>
        <source>优先：</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="120"/>
        <source>取号：选择事项、一件事或业务类别</source>
        <translation>Issue Ticket: Select an Item, One-Thing Bundle or Category</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="131"/>
        <source>刚取的号</source>
        <translation>Last Issued Ticket</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="135"/>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="142"/>
        <source>各业务类别等候情况</source>
        <translation>Waiting by Category</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="147"/>
        <source>过号市民返回：输入号票，如 A012</source>
        <translation>Returning no-show: enter ticket number, e.g. A012</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="148"/>
        <source>过号重排</source>
        <translation>Requeue No-Show</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="215"/>
        <source>{} 岁，已自动选择绿色通道（老年人）</source>
        <translation>Age {}: green channel (elderly) selected automatically</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="223"/>
        <source>请先在列表中选择要办理的事项</source>
        <translation>Select an item from the list first</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="278"/>
        <source>（绿色通道）</source>
        <translation> (green channel)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="279"/>
        <source>{}{}
前面还有 {} 人</source>
        <translation>{}{}
People ahead: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="281"/>
        <source>，预计等待约 {} 分钟</source>
        <translation>, estimated wait about {} min</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="286"/>
        <source>已取号 {}，但打印失败：{}</source>
        <translation>Issued {}, but printing failed: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="290"/>
        <source>已取号 {}，已送打印机「{}」</source>
        <translation>Issued {}, sent to printer “{}”</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="293"/>
        <source>已取号 {}，号票文件已保存：{}</source>
        <translation>Issued {}, ticket file saved: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="306"/>
        <source>补打失败，已加入补打队列：{}</source>
        <translation>Reprint failed; added to the Reprint Queue: {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="308"/>
        <source>已补打，打印机「{}」</source>
        <translation>Reprinted on printer “{}”</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/reception.py" line="325"/>
        <source>{} 已重新排队</source>
        <translation>{} requeued</translation>
    </message>
</context>
<context>
    <name>SlotModel</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="60"/>
        <source>★ 错峰推荐</source>
        <translation>★ Off-peak suggestion</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="60"/>
        <source>已约满</source>
        <translation>Fully booked</translation>
    </message>
</context>
<context>
    <name>TidalView</name>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="116"/>
        <source>自动调度（每窗口每30分钟至多切换一次，不让有人等候的类别无窗口）</source>
        <translation>Automatic dispatch (each window switches at most once per 30 min; no category with people waiting is left without a window)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="118"/>
        <source>采纳所选建议</source>
        <translation>Accept Selected Proposal</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="121"/>
        <source>忽略</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="123"/>
        <source>手动调整窗口…</source>
        <translation>Reassign Windows…</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="132"/>
        <source>调度建议</source>
        <translation>Dispatch Proposals</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="141"/>
        <source>预警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="143"/>
        <source>今日调整记录</source>
        <translation>Today&apos;s Changes</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="172"/>
        <source>今日每小时取号与办结（时）</source>
        <translation>Tickets Issued and Completed per Hour Today (hour)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="173"/>
        <source>取号</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="174"/>
        <source>办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="176"/>
        <source>今日等待时间分布（分钟）</source>
        <translation>Today&apos;s Wait Distribution (min)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="178"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="200"/>
        <source>请先选择一条建议</source>
        <translation>Select a proposal first</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="205"/>
        <source>已采纳：{}号窗口改为 {}</source>
        <translation>Accepted: Window {} now serves {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="210"/>
        <source>自动调度已开启</source>
        <translation>Automatic dispatch turned on</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="210"/>
        <source>自动调度已关闭</source>
        <translation>Automatic dispatch turned off</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/tidal.py" line="222"/>
        <source>已调整 {} 号窗口</source>
        <translation>Reassigned window(s) {}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="53"/>
        <source>转移号票</source>
        <translation>Transfer Ticket</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="55"/>
        <source>（保持原业务类别）</source>
        <translation>(Keep current category)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="59"/>
        <source>（该类别任一窗口）</source>
        <translation>(Any window for this category)</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="61"/>
        <source>{}号窗口</source>
        <translation>Window {}</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="63"/>
        <source>转到业务类别：</source>
        <translation>To category:</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/clerk.py" line="64"/>
        <source>转到指定窗口：</source>
        <translation>To window:</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="344"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="373"/>
        <source>业务类别：</source>
        <translation>Category:</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="316"/>
        <source>部分预约未导入</source>
        <translation>Some Bookings Not Imported</translation>
    </message>
    <message>
        <location filename="../../hall_app/ui/appointments.py" line="317"/>
        <source>导入 {} 条，{} 条有问题，请核对后重新导入这些行：</source>
        <translation>Imported {}; {} had problems. Check and re-import these rows:</translation>
    </message>
</context>
</TS>
