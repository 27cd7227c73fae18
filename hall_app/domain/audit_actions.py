"""Chinese labels of the audit trail's action codes (``audit(…, action, …)`` in services/ and
cli_auth.py), for the audit viewer and ``hall-app audit list``: the trail keeps the code, a
supervisor reads the label.

Every action the app writes has a label here; a new action without one fails
``tests/test_audit_actions.py``. Codes built at run time are listed in full: the ticket moves
(``domain.ticket_states.Action``), ``followup_<kind|FollowAction>``, ``notice_<kind>``,
``offline_<outcome>``, ``print_<status>``, ``tidal_<kind>``, ``staffing_<kind>``.
"""

from __future__ import annotations

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

ACTION_LABELS: dict[str, str] = {
    # tickets (domain.ticket_states.Action) and windows
    "issue": QT_TRANSLATE_NOOP("labels", "取号"),
    "call": QT_TRANSLATE_NOOP("labels", "叫号"),
    "recall": QT_TRANSLATE_NOOP("labels", "重呼"),
    "start": QT_TRANSLATE_NOOP("labels", "开始办理"),
    "finish": QT_TRANSLATE_NOOP("labels", "办结"),
    "no_show": QT_TRANSLATE_NOOP("labels", "过号"),
    "undo_no_show": QT_TRANSLATE_NOOP("labels", "撤销过号"),
    "requeue": QT_TRANSLATE_NOOP("labels", "过号重排"),
    "transfer": QT_TRANSLATE_NOOP("labels", "转移号票"),
    "cancel": QT_TRANSLATE_NOOP("labels", "取消号票"),
    "close": QT_TRANSLATE_NOOP("labels", "闭厅关闭号票"),
    "return_to_queue": QT_TRANSLATE_NOOP("labels", "号票退回排队"),
    "window_pause": QT_TRANSLATE_NOOP("labels", "窗口暂停"),
    "window_resume": QT_TRANSLATE_NOOP("labels", "窗口恢复"),
    "window_reassign": QT_TRANSLATE_NOOP("labels", "窗口改派业务"),
    "tidal_auto": QT_TRANSLATE_NOOP("labels", "潮汐自动调度开关"),
    "tidal_schedule": QT_TRANSLATE_NOOP("labels", "新增潮汐定时计划"),
    "tidal_rule": QT_TRANSLATE_NOOP("labels", "新增潮汐等待规则"),
    "remedy_apply": QT_TRANSLATE_NOOP("labels", "采取超限应对措施"),
    "remedy_lift": QT_TRANSLATE_NOOP("labels", "解除超限应对措施"),
    "remedy_offer": QT_TRANSLATE_NOOP("labels", "导服引导预约"),
    "rota_save": QT_TRANSLATE_NOOP("labels", "保存当天排班"),
    "rota_import": QT_TRANSLATE_NOOP("labels", "导入排班文件"),
    "rota_minimums": QT_TRANSLATE_NOOP("labels", "设置各类业务默认最少窗口数"),
    "staffing_call_in": QT_TRANSLATE_NOOP("labels", "从后台调人开窗"),
    "staffing_close": QT_TRANSLATE_NOOP("labels", "关闭窗口（人员回后台）"),
    "staffing_move_break": QT_TRANSLATE_NOOP("labels", "调整休息时间"),
    # sign-in and permissions
    "login": QT_TRANSLATE_NOOP("labels", "登录"),
    "login_failed": QT_TRANSLATE_NOOP("labels", "登录失败"),
    "logout": QT_TRANSLATE_NOOP("labels", "退出登录"),
    "offline_login": QT_TRANSLATE_NOOP("labels", "离线登录"),
    "denied": QT_TRANSLATE_NOOP("labels", "越权操作被拒"),
    "command_refused": QT_TRANSLATE_NOOP("labels", "命令被拒绝"),
    "reveal_id": QT_TRANSLATE_NOOP("labels", "查看完整证件号"),
    # cases and notices
    "case_accept": QT_TRANSLATE_NOOP("labels", "办件受理"),
    "receipt_reprint": QT_TRANSLATE_NOOP("labels", "补打受理回执"),
    "case_pause": QT_TRANSLATE_NOOP("labels", "办件暂停计时"),
    "case_resume": QT_TRANSLATE_NOOP("labels", "办件恢复计时"),
    "case_extend": QT_TRANSLATE_NOOP("labels", "办件延长期限"),
    "case_extend_legal": QT_TRANSLATE_NOOP("labels", "办件法定延期"),
    "case_complete": QT_TRANSLATE_NOOP("labels", "办件办结"),
    "case_deferred_received": QT_TRANSLATE_NOOP("labels", "收到容缺补交材料"),
    "notice_correction": QT_TRANSLATE_NOOP("labels", "开具一次性告知单"),
    "notice_refusal": QT_TRANSLATE_NOOP("labels", "开具不予受理通知书"),
    "notice_withdraw": QT_TRANSLATE_NOOP("labels", "撤回告知单"),
    "notice_reprint": QT_TRANSLATE_NOOP("labels", "补打告知单"),
    # appointments and calendar
    "appointment_book": QT_TRANSLATE_NOOP("labels", "预约登记"),
    "appointment_cancel": QT_TRANSLATE_NOOP("labels", "取消预约"),
    "appointment_rebook": QT_TRANSLATE_NOOP("labels", "改约"),
    "appointment_checkin": QT_TRANSLATE_NOOP("labels", "预约签到"),
    "appointment_no_show": QT_TRANSLATE_NOOP("labels", "预约失约（过时未签到）"),
    "slot_capacity": QT_TRANSLATE_NOOP("labels", "调整预约号源"),
    "ban_lift": QT_TRANSLATE_NOOP("labels", "解除预约限制"),
    "calendar_set": QT_TRANSLATE_NOOP("labels", "设置工作日历"),
    "calendar_unset": QT_TRANSLATE_NOOP("labels", "清除工作日历设置"),
    "calendar_year": QT_TRANSLATE_NOOP("labels", "载入全年日历"),
    # inquiries, ratings, follow-ups
    "inquiry_log": QT_TRANSLATE_NOOP("labels", "登记咨询"),
    "inquiry_handoff": QT_TRANSLATE_NOOP("labels", "转交咨询"),
    "inquiry_note": QT_TRANSLATE_NOOP("labels", "咨询补充记录"),
    "inquiry_close": QT_TRANSLATE_NOOP("labels", "咨询办结"),
    "rating": QT_TRANSLATE_NOOP("labels", "评价"),
    "followup_rating": QT_TRANSLATE_NOOP("labels", "差评转整改"),
    "followup_cannot_do": QT_TRANSLATE_NOOP("labels", "登记办不成事"),
    "followup_visit": QT_TRANSLATE_NOOP("labels", "整改回访"),
    "followup_verify": QT_TRANSLATE_NOOP("labels", "核实转整改"),
    "followup_close": QT_TRANSLATE_NOOP("labels", "整改办结"),
    "followup_request_invalid": QT_TRANSLATE_NOOP("labels", "申请认定无效"),
    "followup_request_cannot": QT_TRANSLATE_NOOP("labels", "申请认定无法整改"),
    "followup_approve": QT_TRANSLATE_NOOP("labels", "批准整改申请"),
    "followup_reject": QT_TRANSLATE_NOOP("labels", "驳回整改申请"),
    "followup_extend": QT_TRANSLATE_NOOP("labels", "延长整改期限"),
    # incidents, paper fallback, offline journal
    "incident_declare": QT_TRANSLATE_NOOP("labels", "宣布应急"),
    "incident_update": QT_TRANSLATE_NOOP("labels", "更新应急记录"),
    "incident_step": QT_TRANSLATE_NOOP("labels", "应急步骤"),
    "incident_step_skipped": QT_TRANSLATE_NOOP("labels", "跳过应急步骤"),
    "incident_close": QT_TRANSLATE_NOOP("labels", "结束应急"),
    "incident_kit": QT_TRANSLATE_NOOP("labels", "打印应急包"),
    "kit_reserve": QT_TRANSLATE_NOOP("labels", "新建应急包编号"),
    "kit_use": QT_TRANSLATE_NOOP("labels", "启用应急包"),
    "number_block": QT_TRANSLATE_NOOP("labels", "预留离线号段"),
    "back_entry": QT_TRANSLATE_NOOP("labels", "纸质记录补录"),
    "paper_void": QT_TRANSLATE_NOOP("labels", "作废纸质编号"),
    "offline_merged": QT_TRANSLATE_NOOP("labels", "离线记录已合并"),
    "offline_conflict": QT_TRANSLATE_NOOP("labels", "离线记录冲突"),
    "offline_duplicate": QT_TRANSLATE_NOOP("labels", "离线记录重复提交"),
    "offline_refused": QT_TRANSLATE_NOOP("labels", "离线记录被拒绝"),
    "conflict_resolve": QT_TRANSLATE_NOOP("labels", "处理离线冲突"),
    "journal_key": QT_TRANSLATE_NOOP("labels", "登记离线日志密钥"),
    # printing, exports, administration
    "print_saved": QT_TRANSLATE_NOOP("labels", "保存打印文件"),
    "print_queued": QT_TRANSLATE_NOOP("labels", "打印失败待重打"),
    "print_printed": QT_TRANSLATE_NOOP("labels", "已打印"),
    "export": QT_TRANSLATE_NOOP("labels", "导出数据"),
    "audit_export": QT_TRANSLATE_NOOP("labels", "导出审计日志"),
    "catalog_import": QT_TRANSLATE_NOOP("labels", "导入事项目录"),
    "catalog_import_refused": QT_TRANSLATE_NOOP("labels", "事项目录导入被拒"),
    "setting_change": QT_TRANSLATE_NOOP("labels", "修改大厅设置"),
    "board_configure": QT_TRANSLATE_NOOP("labels", "设置叫号屏"),
    "device_fault": QT_TRANSLATE_NOOP("labels", "设备故障"),
    "device_recovered": QT_TRANSLATE_NOOP("labels", "设备恢复"),
    "db_restore": QT_TRANSLATE_NOOP("labels", "恢复数据库"),
    "standby_promote": QT_TRANSLATE_NOOP("labels", "备用服务器提升为主服务器"),
}


def action_label(code: str) -> str:
    """The Chinese label of the audit action ``code``; an unknown code is shown as itself."""
    return ACTION_LABELS.get(code, code)
