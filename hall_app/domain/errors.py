"""The known-error family: failures a user can understand and act on.

Everything raised as a :class:`KnownError` carries a message in Chinese that is shown as it
is; any other exception is a bug and goes to the crash dialog and the log. A message never
holds a full ID or mobile number: the constructor masks any that a caller put in it (a
search text, a typed number echoed back), so no screen, stderr or ``--json`` output shows one.
"""

from __future__ import annotations

import errno


class KnownError(Exception):
    """A failure with a message for the user (Chinese)."""

    title = "操作未完成"

    def __init__(self, message: str) -> None:
        from hall_app.domain.masking import scrub  # masking raises InvalidInput itself

        message = scrub(message)
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def headline(self) -> str:
        """The title and the message for a banner or status bar, the title said once."""
        if self.message.startswith(self.title):
            return self.message
        return f"{self.title}：{self.message}"


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
    """A write waited longer than the session's lock timeout for a row another terminal
    holds (PostgreSQL): the hall's writes may be stuck behind a frozen terminal."""

    title = "数据库写入受阻"


class DatabaseTimeout(DatabaseError):
    """A statement ran longer than the session's statement timeout (PostgreSQL): slow, not
    necessarily stuck, and reads time out too; nothing says the hall's writes are blocked."""

    title = "数据库操作超时"


class DatabaseCorrupt(DatabaseError):
    title = "数据库文件损坏"


class RestoreIncomplete(DatabaseError):
    """The data was restored but the counters were not moved above the numbers handed out."""

    title = "恢复未完成"


class DiskFull(DatabaseError):
    """The disk under the database (local or on the server) has no space left."""

    title = "磁盘已满"


class DiskReadOnly(DatabaseError):
    """The database file, its disk or the server accepts no writes."""

    title = "数据库只读"


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


def os_error_text(error: OSError) -> str:
    """An operating-system failure (file copy, rename) in Chinese, for a message."""
    code = error.errno
    if code == errno.ENOSPC:
        return "磁盘已满"
    if code == errno.EROFS:
        return "磁盘为只读"
    if code in (errno.EACCES, errno.EPERM):
        return "没有权限"
    if code == errno.ENOENT:
        return "文件或文件夹不存在"
    if code == errno.EEXIST:
        return "目标文件已存在"
    if code == errno.EBUSY:
        return "文件正被其他程序使用"
    return f"系统错误（代码 {code}）" if code else "系统错误"
