"""The known-error family: failures a user can understand and act on.

Everything raised as a :class:`KnownError` carries a message in Chinese that is shown as it
is; any other exception is a bug and goes to the crash dialog and the log.
"""

from __future__ import annotations


class KnownError(Exception):
    """A failure with a message for the user (Chinese)."""

    title = "操作未完成"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(KnownError):
    title = "输入有误"


class NotAllowed(KnownError):
    """The action is not allowed now (state machine) or not for this role."""

    title = "不允许的操作"


class WindowHeld(NotAllowed):
    """A login at a window another session holds: the login screen asks before taking over."""

    title = "窗口已有人登录"

    def __init__(self, message: str, number: int, holder: object) -> None:
        super().__init__(message)
        self.number = number
        self.holder = holder  # services.terminals.WindowHolder


class NotFound(KnownError):
    title = "未找到"


class DatabaseError(KnownError):
    title = "数据库错误"


class DatabaseUnavailable(DatabaseError):
    title = "数据库无法连接"


class DatabaseLocked(DatabaseError):
    title = "数据库忙"


class DatabaseBlocked(DatabaseLocked):
    """A write waited longer than the session's lock or statement timeout (PostgreSQL)."""

    title = "数据库写入受阻"


class DatabaseCorrupt(DatabaseError):
    title = "数据库文件损坏"


class PrintError(KnownError):
    title = "打印失败"


class FontMissing(KnownError):
    title = "缺少中文字体"


class CoverageRefused(NotAllowed):
    """A window change would leave the green channel, or a lane with people waiting, without a
    window; a supervisor may still make it with a written reason (an audited override)."""

    title = "调整被拒绝"

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems
