"""Database failures in the user's words: every driver error leaves as a :class:`KnownError`
with a Chinese message; the driver's own (English) text goes to the log only.

SQLite errors are told apart by their result code (``sqlite_errorname``), PostgreSQL errors by
their SQLSTATE; a connection that failed without either is a network problem only on
PostgreSQL. An SQLite I/O error looks at the disk the file is on, so a full or read-only disk
is named as such instead of "cannot connect".
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import exc

from hall_app.domain.errors import (
    DatabaseBlocked,
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseTimeout,
    DatabaseUnavailable,
    DiskFull,
    DiskReadOnly,
    KnownError,
    os_error_text,
)
from hall_app.domain.masking import scrub

log = logging.getLogger("hall_app.store")

# below this much free space an I/O error is taken for a full disk
_LOW_SPACE = 1024 * 1024

LOCKED = "数据库正忙（被其他终端锁定），请稍后重试；如持续出现请联系管理员"
CORRUPT = "数据库文件已损坏或不是本系统的数据库，请联系管理员从备份恢复"
CANNOT_OPEN = "无法打开数据库文件：请检查文件夹是否存在、是否有写入权限"
NETWORK = "无法连接数据库服务器，本次操作未完成，请检查网络或联系管理员"
CONNECTION_LOST = "与数据库服务器的连接已断开，本次操作未完成，请检查网络后重试"
#: a multi-host URL found only standbys: the primary is down and none was promoted yet
NO_PRIMARY = (
    "主数据库服务器无应答，备用服务器尚未提升为主服务器，本次操作未完成。"
    "请值班长在备用服务器所在电脑上提升备用服务器（程序“系统”菜单的“提升备用服务器”，"
    "或 hall-app db promote），或等待自动提升，然后重试"
)


def two_primaries(hosts: tuple[str, ...]) -> str:
    return (
        f"数据库服务器 {'、'.join(hosts)} 同时是主服务器（旧主服务器在备用服务器提升后又启动了）："
        "为防止数据分叉，本终端暂停使用数据库，转入离线办理。请值班长立即停用旧主服务器"
        "（docs/postgresql.md“故障切换后”），停用后本终端自动恢复联网"
    )


# libpq's words when target_session_attrs=read-write met only standbys
_STANDBY_ONLY = ("session is read-only", "server is in hot standby mode")


def disk_full(where: str) -> DiskFull:
    return DiskFull(
        f"{where}所在磁盘已满，数据未能保存：请清理磁盘空间后重试（已办的业务没有丢失）"
    )


def disk_read_only(where: str) -> DiskReadOnly:
    return DiskReadOnly(
        f"{where}所在磁盘或文件为只读，数据未能保存：请检查磁盘写保护和文件夹权限，或联系管理员"
    )


def short_reason(error: BaseException) -> str:
    """Why a file operation (backup, restore, copy) failed, in a few Chinese words; the
    exception itself goes to the log."""
    log.warning("file operation failed: %s", scrub(str(error))[:500])
    if isinstance(error, OSError):
        return os_error_text(error)
    if isinstance(error, subprocess.TimeoutExpired):
        return "超时未完成"
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL":
        return "磁盘已满"
    if name.startswith("SQLITE_READONLY"):
        return "磁盘或文件为只读"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "文件正被其他程序使用"
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return "文件已损坏或不是数据库"
    return f"错误 {name or type(error).__name__}，详情已记入日志"


def known_error(error: BaseException, path: Path | None = None) -> KnownError:
    """Map a database driver failure to a known error with a Chinese message. ``path`` is
    the SQLite file, when there is one: an I/O error then looks at its disk."""
    orig = getattr(error, "orig", None) or error
    log.warning("database error %s: %s", type(orig).__name__, scrub(str(orig))[:500])
    if isinstance(orig, sqlite3.Error):
        return _sqlite(orig, path)
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return DatabaseUnavailable(CONNECTION_LOST)
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return _postgresql(sqlstate)
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        if any(words in str(orig) for words in _STANDBY_ONLY):
            return DatabaseUnavailable(NO_PRIMARY)
        return DatabaseUnavailable(NETWORK)
    return DatabaseError(f"数据库操作失败（{type(orig).__name__}），详情已记入日志，请联系管理员")


def _sqlite(error: sqlite3.Error, path: Path | None) -> KnownError:
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseLocked(LOCKED)
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return DatabaseCorrupt(CORRUPT)
    if name == "SQLITE_FULL":
        return disk_full("数据库")
    if name.startswith("SQLITE_READONLY"):
        return disk_read_only("数据库")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        disk = _disk_problem(path)
        if disk is not None:
            return disk
        if name.startswith("SQLITE_CANTOPEN"):
            return DatabaseUnavailable(CANNOT_OPEN)
        return DatabaseError(
            "数据库文件读写出错（磁盘故障？），本次操作未完成：请联系管理员检查磁盘"
        )
    text = str(error).lower()  # errors without a result code (misuse, closed connection)
    if "locked" in text:
        return DatabaseLocked(LOCKED)
    return DatabaseError(
        f"数据库操作失败（{name or type(error).__name__}），详情已记入日志，请联系管理员"
    )


def _disk_problem(path: Path | None) -> KnownError | None:
    """A full or read-only disk under the SQLite file, if that is what it is."""
    if path is None:
        return None
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return disk_read_only("数据库")
        if shutil.disk_usage(folder).free < _LOW_SPACE:
            return disk_full("数据库")
    except OSError:
        return None
    return None


_POSTGRESQL = {
    # the bounded waits of store.db.SessionLimits
    "55P03": (
        DatabaseBlocked,
        "数据库写入受阻：所需数据被另一台终端占用，等待超时，本次操作未完成。"
        "请稍后重试；如持续出现，可能有终端卡住，请联系值班长或管理员",
    ),
    "57014": (
        DatabaseTimeout,
        "数据库操作超时，本次操作未完成。请稍后重试；如持续出现请联系管理员",
    ),
    "25P03": (
        DatabaseError,
        "本终端的数据库操作停顿过久，已被服务器中止，本次操作未完成，请重试",
    ),
    "53100": (
        DiskFull,
        "数据库服务器磁盘已满，数据未能保存：请立即联系管理员清理（已办的业务没有丢失）",
    ),
    "25006": (
        DiskReadOnly,
        "数据库服务器当前只读（本终端连到了备用服务器，或服务器设为只读），数据未能保存。"
        "程序已断开并将重新连接主服务器，请稍后重试；如持续出现，请值班长确认主服务器"
        "是否停机（需要时提升备用服务器：hall-app db promote），或联系管理员",
    ),
    "53300": (DatabaseUnavailable, "数据库服务器的连接数已满，请稍后重试或联系管理员"),
    "57P01": (DatabaseUnavailable, "数据库服务器正在关闭或重启，本次操作未完成，请稍后重试"),
    "57P02": (DatabaseUnavailable, "数据库服务器正在关闭或重启，本次操作未完成，请稍后重试"),
    "57P03": (DatabaseUnavailable, "数据库服务器正在启动或恢复，暂不能使用，请稍后重试"),
    "40001": (DatabaseLocked, "与其他窗口的操作同时发生冲突，本次操作未完成，请重试"),
    "40P01": (DatabaseLocked, "与其他窗口的操作同时发生冲突，本次操作未完成，请重试"),
    "28P01": (DatabaseUnavailable, "数据库用户名或密码错误：请联系管理员检查本机配置"),
    "28000": (DatabaseUnavailable, "数据库服务器拒绝本机登录：请联系管理员检查配置（pg_hba.conf）"),
    "3D000": (DatabaseUnavailable, "配置的数据库不存在：请联系管理员检查本机配置"),
}


def _postgresql(sqlstate: str) -> KnownError:
    known = _POSTGRESQL.get(sqlstate)
    if known is not None:
        kind, message = known
        return kind(message)
    if sqlstate.startswith("08"):  # connection exception
        return DatabaseUnavailable(NETWORK)
    if sqlstate.startswith("53"):  # insufficient resources
        return DatabaseError(f"数据库服务器资源不足（{sqlstate}），请联系管理员")
    if sqlstate.startswith("XX") or sqlstate.startswith("58"):
        return DatabaseError(f"数据库服务器内部错误（{sqlstate}），请联系管理员检查服务器")
    return DatabaseError(f"数据库操作失败（错误代码 {sqlstate}），详情已记入日志，请联系管理员")
