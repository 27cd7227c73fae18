"""Staff roles and what each may do. Enforced in the services, not only by hiding buttons."""

from __future__ import annotations

import enum

from hall_app.domain.errors import NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP


class Role(enum.StrEnum):
    CLERK = "clerk"
    RECEPTION = "reception"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    # accounts that are not people at a desk (issue 16): a scheduled import's service account
    # (a staff row with this role and its own password), an anonymous read-only device (the
    # calling board, ``queue status``), and the app's own automatic jobs (never a staff row)
    SERVICE = "service"
    DEVICE = "device"
    SYSTEM = "system"

    @property
    def label(self) -> str:
        return {
            "clerk": QT_TRANSLATE_NOOP("labels", "窗口人员"),
            "reception": QT_TRANSLATE_NOOP("labels", "导服/前台"),
            "supervisor": QT_TRANSLATE_NOOP("labels", "值班长"),
            "admin": QT_TRANSLATE_NOOP("labels", "系统管理员"),
            "service": QT_TRANSLATE_NOOP("labels", "服务账号（定时导入）"),
            "device": QT_TRANSLATE_NOOP("labels", "公共设备（只读）"),
            "system": QT_TRANSLATE_NOOP("labels", "系统自动任务"),
        }[self.value]


class Permission(enum.StrEnum):
    ISSUE_TICKET = "issue_ticket"
    SERVE_AT_WINDOW = "serve_at_window"
    SERVE_ANY_WINDOW = "serve_any_window"
    REQUEUE = "requeue"
    CANCEL_TICKET = "cancel_ticket"
    VIEW_QUEUES = "view_queues"
    IMPORT_CATALOG = "import_catalog"
    CONFIGURE_BOARD = "configure_board"
    DECLARE_INCIDENT = "declare_incident"
    CLOSE_HALL = "close_hall"
    # issue 16: named so that every part (services, CLI, screens) uses the same names
    EDIT_CALENDAR = "edit_calendar"
    IMPORT_BOOKINGS = "import_bookings"
    VIEW_PERSONAL = "view_personal"  # lists that show applicants' names (masked)
    REVEAL_ID = "reveal_id"  # a full ID number on screen: with a reason, audited
    EXPORT_DATA = "export_data"
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset({Permission.SERVE_AT_WINDOW, Permission.REQUEUE, Permission.VIEW_QUEUES}),
    Role.RECEPTION: frozenset(
        {Permission.ISSUE_TICKET, Permission.REQUEUE, Permission.CANCEL_TICKET,
         Permission.VIEW_QUEUES}
    ),
    Role.SUPERVISOR: frozenset(
        {Permission.ISSUE_TICKET, Permission.SERVE_AT_WINDOW, Permission.SERVE_ANY_WINDOW,
         Permission.REQUEUE, Permission.CANCEL_TICKET, Permission.VIEW_QUEUES,
         Permission.CONFIGURE_BOARD, Permission.DECLARE_INCIDENT, Permission.CLOSE_HALL}
    ),
    Role.ADMIN: frozenset(Permission),
    Role.SERVICE: frozenset({Permission.IMPORT_BOOKINGS}),
    Role.DEVICE: frozenset({Permission.VIEW_QUEUES}),
    Role.SYSTEM: frozenset(),  # each automatic job is granted by name (Actor.system)
}

_PERMISSION_LABELS = {
    Permission.ISSUE_TICKET: "取号",
    Permission.SERVE_AT_WINDOW: "窗口叫号办理",
    Permission.SERVE_ANY_WINDOW: "代其他窗口操作",
    Permission.REQUEUE: "过号重排",
    Permission.CANCEL_TICKET: "取消号票",
    Permission.VIEW_QUEUES: "查看队列",
    Permission.IMPORT_CATALOG: "导入事项目录",
    Permission.CONFIGURE_BOARD: "设置叫号屏",
    Permission.DECLARE_INCIDENT: "宣布和结束应急事件",
    Permission.CLOSE_HALL: "闭厅（结束当天号票）",
    Permission.EDIT_CALENDAR: "修改工作日历",
    Permission.IMPORT_BOOKINGS: "导入预约",
    Permission.VIEW_PERSONAL: "查看申请人信息",
    Permission.REVEAL_ID: "查看完整证件号码",
    Permission.EXPORT_DATA: "导出数据",
    Permission.VIEW_AUDIT: "查看审计日志",
    Permission.EXPORT_AUDIT: "导出审计日志",
}


def allowed(role: Role, permission: Permission) -> bool:
    return permission in _GRANTS[role]


def require(role: Role, permission: Permission) -> None:
    if not allowed(role, permission):
        raise NotAllowed(f"{role.label}无权执行「{_PERMISSION_LABELS[permission]}」")
