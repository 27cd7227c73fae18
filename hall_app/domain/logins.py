"""Login rules shared by the online login and the offline one at a cold start.

Lockout: after ``MAX_FAILED`` wrong passwords in a row an account is locked for
``LOCK_MINUTES`` (counted on the server online, in the terminal's login cache offline).

Offline login: a terminal keeps the password verifier (the same scrypt hash the server
keeps, never the password) of each desk role staff member who logged in on it while online
in the last ``OFFLINE_DAYS`` days; older entries drop out, and only they may log in there
while the server is unreachable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from hall_app.domain.roles import Role

MAX_FAILED = 5
LOCK_MINUTES = 10
OFFLINE_DAYS = 30
#: the roles that work at the offline desk (the admin's work waits for the server)
OFFLINE_ROLES = (Role.CLERK, Role.RECEPTION, Role.SUPERVISOR)


def after_failure(failed: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """A wrong password: the new failure count and, when it reaches the limit, the end of
    the lock (the count starts again from 0)."""
    failed += 1
    if failed >= MAX_FAILED:
        return 0, now + dt.timedelta(minutes=LOCK_MINUTES)
    return failed, None


def locked_minutes(locked_until: dt.datetime | None, now: dt.datetime) -> int | None:
    """Minutes (rounded up) an account stays locked, or None when it is not locked."""
    if locked_until is None or locked_until <= now:
        return None
    return int((locked_until - now).total_seconds() // 60) + 1


def locked_message(minutes: int) -> str:
    return f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员"


@dataclass(frozen=True)
class CachedStaff:
    """What a terminal keeps to let one staff member log in without the server."""

    staff_id: int
    staff_no: str
    name: str
    role: str
    verifier: str  # the server's scrypt hash, as it is there
    seen_at: dt.datetime  # the last online login on this terminal
    window: int | None = None  # the window they last logged in at on this terminal
    failed: int = 0  # wrong passwords in a row (offline)
    locked_until: dt.datetime | None = None

    def trusted(self, now: dt.datetime) -> bool:
        """Seen online on this terminal within the last ``OFFLINE_DAYS`` days."""
        return now - self.seen_at <= dt.timedelta(days=OFFLINE_DAYS)

    def failed_once(self, now: dt.datetime) -> CachedStaff:
        failed, until = after_failure(self.failed, now)
        return replace(self, failed=failed, locked_until=until or self.locked_until)


def prune(entries: dict[str, CachedStaff], now: dt.datetime) -> dict[str, CachedStaff]:
    """The entries still trusted at ``now``; the others drop out of the cache."""
    return {no: e for no, e in entries.items() if e.trusted(now)}


def not_cached_message(staff_no: str) -> str:
    return (
        f"工号 {staff_no} 近 {OFFLINE_DAYS} 天未在本机联网登录过，不能离线登录："
        "请使用纸质应急包登记，并联系管理员"
    )


NO_CACHE = (
    "服务器无法连接，本机没有可离线登录的人员（需近 "
    f"{OFFLINE_DAYS} 天内在本机联网登录过）：请使用纸质应急包登记，并联系管理员"
)
