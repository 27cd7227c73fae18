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
    # case and hall operations that were inline role tests before issue 16
    EXTEND_CASE = "extend_case"  # 延长办理时限
    PAUSE_CASE = "pause_case"  # 暂停/恢复计时 of a case
    APPROVE_SECOND_NOTICE = "approve_second_notice"  # a second correction notice for one case
    OVERRIDE_TIDAL = "override_tidal"  # accept a tidal move the rules refused
    MANAGE_TIDAL = "manage_tidal"  # lanes of windows, tidal auto mode, plans and rules
    MANAGE_APPOINTMENTS = "manage_appointments"  # book, cancel, rebook for a citizen
    SET_CAPACITY = "set_capacity"  # appointment slots per day
    LIFT_BAN = "lift_ban"  # the no-show booking ban, with a reason
    WORK_INQUIRIES = "work_inquiries"  # first-inquiry records (首问登记)
    MANAGE_FOLLOWUPS = "manage_followups"  # assign and close complaints / 办不成事
    CHANGE_SETTINGS = "change_settings"  # hall settings
    PRINT_DOCUMENTS = "print_documents"  # print or reprint a document
    SERVE_ANY_CATEGORY = "serve_any_category"  # call a lane one is not qualified for


_P = Permission
_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {
            _P.SERVE_AT_WINDOW,
            _P.REQUEUE,
            _P.VIEW_QUEUES,
            _P.VIEW_PERSONAL,
            _P.PAUSE_CASE,
            _P.WORK_INQUIRIES,
            _P.PRINT_DOCUMENTS,
        }
    ),
    Role.RECEPTION: frozenset(
        {
            _P.ISSUE_TICKET,
            _P.REQUEUE,
            _P.CANCEL_TICKET,
            _P.VIEW_QUEUES,
            _P.VIEW_PERSONAL,
            _P.MANAGE_APPOINTMENTS,
            _P.WORK_INQUIRIES,
            _P.PRINT_DOCUMENTS,
            # the appointments screen's 导入网上预约: a hall without a scheduled import has the
            # front desk load the online bookings file each morning
            _P.IMPORT_BOOKINGS,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            _P.ISSUE_TICKET,
            _P.SERVE_AT_WINDOW,
            _P.SERVE_ANY_WINDOW,
            _P.REQUEUE,
            _P.CANCEL_TICKET,
            _P.VIEW_QUEUES,
            _P.CONFIGURE_BOARD,
            _P.DECLARE_INCIDENT,
            _P.CLOSE_HALL,
            _P.VIEW_PERSONAL,
            _P.REVEAL_ID,
            _P.EXPORT_DATA,
            _P.VIEW_AUDIT,
            _P.EXPORT_AUDIT,
            _P.EXTEND_CASE,
            _P.PAUSE_CASE,
            _P.APPROVE_SECOND_NOTICE,
            _P.OVERRIDE_TIDAL,
            _P.MANAGE_TIDAL,
            _P.MANAGE_APPOINTMENTS,
            _P.SET_CAPACITY,
            _P.LIFT_BAN,
            _P.WORK_INQUIRIES,
            _P.MANAGE_FOLLOWUPS,
            _P.PRINT_DOCUMENTS,
            _P.SERVE_ANY_CATEGORY,
            _P.IMPORT_BOOKINGS,
        }  # covers for the front desk
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
    Permission.EXTEND_CASE: "延长办理时限",
    Permission.PAUSE_CASE: "暂停或恢复办件计时",
    Permission.APPROVE_SECOND_NOTICE: "批准第二次补正告知",
    Permission.OVERRIDE_TIDAL: "越过潮汐规则调整窗口",
    Permission.MANAGE_TIDAL: "潮汐窗口调配",
    Permission.MANAGE_APPOINTMENTS: "代办预约（预约、取消、改约）",
    Permission.SET_CAPACITY: "设置预约号源",
    Permission.LIFT_BAN: "解除预约限制",
    Permission.WORK_INQUIRIES: "首问登记",
    Permission.MANAGE_FOLLOWUPS: "分派和办结投诉、办不成事",
    Permission.CHANGE_SETTINGS: "修改大厅设置",
    Permission.PRINT_DOCUMENTS: "打印文书",
    Permission.SERVE_ANY_CATEGORY: "办理未获授权的业务类别",
}


def permission_label(permission: Permission) -> str:
    """The Chinese name of ``permission``, as shown in refusals and the audit viewer."""
    return _PERMISSION_LABELS[permission]


class Denied(NotAllowed):
    """A refusal for want of ``permission`` (the services audit it as ``denied``)."""

    def __init__(self, message: str, permission: Permission) -> None:
        super().__init__(message)
        self.permission = permission
        self.audited = False  # set once the refusal has its audit entry


def refusal(role: Role, permission: Permission) -> Denied:
    return Denied(f"{role.label}无权执行「{permission_label(permission)}」", permission)


def grants(role: Role) -> frozenset[Permission]:
    """The permissions ``role`` holds in the default grants table."""
    return _GRANTS[role]


def allowed(role: Role, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission`` in the default table (screens that have no actor;
    services ask ``Actor.may``, which includes the hall's adjustments)."""
    return permission in _GRANTS[role]


def require(role: Role, permission: Permission) -> None:
    if not allowed(role, permission):
        raise refusal(role, permission)


def sits_at_window(permissions: frozenset[Permission], window: int | None) -> bool:
    """Whether a login takes a window: always for window staff (who serve at their own
    window only), and for those who may serve at any window when they name one."""
    if Permission.SERVE_AT_WINDOW not in permissions:
        return False
    return window is not None or Permission.SERVE_ANY_WINDOW not in permissions


# ---------------------------------------------------------------- the hall's adjustments

#: roles whose grants a hall may adjust in the ``roles.grants`` setting (system jobs are
#: granted by name in code; admin keeps every permission)
ADJUSTABLE = (Role.CLERK, Role.RECEPTION, Role.SUPERVISOR, Role.ADMIN, Role.SERVICE, Role.DEVICE)

Adjustments = dict[Role, tuple[frozenset[Permission], frozenset[Permission]]]


def parse_grants(text: str) -> Adjustments:
    """The ``roles.grants`` setting: ``clerk:+lift_ban,-requeue; reception:+extend_case``.

    Each part is ``role:`` followed by comma-separated ``+permission`` (grant) or
    ``-permission`` (take away); parts are separated by ``;`` or new lines. Raises
    InvalidInput (Chinese) for an unknown role or permission, a missing sign, or a permission
    taken from the administrator."""
    from hall_app.domain.errors import InvalidInput

    found: Adjustments = {}
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        role_name, colon, rest = part.partition(":")
        if not colon:
            raise InvalidInput(f"角色权限调整“{part}”应写成“角色:+权限,-权限”")
        try:
            role = Role(role_name.strip().lower())
        except ValueError:
            raise InvalidInput(f"角色权限调整中没有名为“{role_name.strip()}”的角色") from None
        if role not in ADJUSTABLE:
            raise InvalidInput(f"{role.label}的权限不能在设置中调整")
        added, removed = (
            set(found.get(role, (frozenset(), frozenset()))[0]),
            set(found.get(role, (frozenset(), frozenset()))[1]),
        )
        for item in (i.strip() for i in rest.split(",")):
            if not item:
                continue
            sign, name = item[0], item[1:].strip().lower()
            if sign not in "+-":
                raise InvalidInput(f"角色权限调整“{item}”前应写 + 或 -")
            try:
                permission = Permission(name)
            except ValueError:
                raise InvalidInput(f"角色权限调整中没有名为“{name}”的权限") from None
            if sign == "-" and role is Role.ADMIN:
                raise InvalidInput("系统管理员的权限不能减少")
            (added if sign == "+" else removed).add(permission)
            (removed if sign == "+" else added).discard(permission)
        found[role] = (frozenset(added), frozenset(removed))
    return found


def effective(role: Role, adjustments: Adjustments | None = None) -> frozenset[Permission]:
    """What ``role`` may do in this hall: the table, plus and minus the hall's adjustments.
    The administrator keeps every permission whatever the adjustments say."""
    base = _GRANTS[role]
    if role is Role.ADMIN:
        return frozenset(Permission)
    if not adjustments or role not in adjustments:
        return base
    added, removed = adjustments[role]
    return (base | added) - removed
