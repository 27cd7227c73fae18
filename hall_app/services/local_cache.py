"""What a terminal keeps to start and log in while its server is unreachable ("offline from
cold"), and the offline login itself.

The login cache is a small JSON file next to the terminal's offline journal: for each staff
member of a desk role who logged in on this PC while online in the last 30 days, the
password verifier the server keeps (scrypt; never the password), role, name and window, plus
the hall's windows for the login screen. The catalog snapshot, the reserved number blocks
and the queue snapshot are in the journal itself (written at each ``fallback prepare``).
The folder holding both is made readable only by the app's user (0700), the cache file
0600, and the journal's files 0600 too. (On Windows the per-user data folder is already
private to the user; the modes are a no-op there.)

Written while online: at each successful login at a window (``AuthService``) and at each
refresh (start-up, every offline preparation), which also drops staff deactivated on the
server and takes new password verifiers. An offline login checks the cached verifier,
counts wrong passwords locally with the same lockout as the server, and is journaled as an
``offline_login`` record: the reconciliation writes it to the audit trail on the server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.errors import InvalidInput, NotAllowed, os_error_text
from hall_app.domain.logins import (
    NO_CACHE,
    OFFLINE_ROLES,
    CachedStaff,
    locked_message,
    locked_minutes,
    not_cached_message,
    prune,
)
from hall_app.domain.roles import Role, effective, sits_at_window
from hall_app.services.context import Actor, Clock, ServiceContext, system_clock
from hall_app.services.passwords import verify_password
from hall_app.store.journal import Journal

if TYPE_CHECKING:  # services.hall imports auth, which imports this module
    from hall_app.services.hall import Hall

log = logging.getLogger("hall_app.services")

VERSION = 1
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def cache_path(terminal: str) -> Path:
    """The login cache of ``terminal``: beside its journal, in the same private folder."""
    journal = paths.journal_path(terminal)
    return journal.with_name(journal.stem + ".logins.json")


@dataclass(frozen=True)
class CachedWindow:
    number: int
    name: str


@dataclass(frozen=True)
class CacheData:
    staff: dict[str, CachedStaff]
    windows: tuple[CachedWindow, ...]
    refreshed_at: dt.datetime | None


def _entry_json(e: CachedStaff) -> dict[str, Any]:
    data = dataclasses.asdict(e)
    data["seen_at"] = e.seen_at.isoformat()
    data["locked_until"] = e.locked_until.isoformat() if e.locked_until else None
    return data


def _entry(data: dict[str, Any]) -> CachedStaff:
    until = data.get("locked_until")
    return CachedStaff(
        staff_id=int(data["staff_id"]),
        staff_no=str(data["staff_no"]),
        name=str(data["name"]),
        role=str(data["role"]),
        verifier=str(data["verifier"]),
        seen_at=dt.datetime.fromisoformat(data["seen_at"]),
        window=data.get("window"),
        failed=int(data.get("failed", 0)),
        locked_until=dt.datetime.fromisoformat(until) if until else None,
    )


class LoginCache:
    """The file, read and rewritten whole (a few KB) under a lock; each write is atomic
    (a temporary file in the same folder, fsync, rename), so a crash leaves the old or the
    new cache, never half of one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()

    @classmethod
    def for_terminal(cls, terminal: str) -> LoginCache:
        return cls(cache_path(terminal))

    # ------------------------------------------------------------ reading

    def load(self) -> CacheData:
        with self._lock:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                return CacheData({}, (), None)
            except (OSError, ValueError) as exc:
                log.warning("login cache unreadable (%s): starting a new one", type(exc).__name__)
                return CacheData({}, (), None)
        try:
            staff = {no: _entry(e) for no, e in raw.get("staff", {}).items()}
            windows = tuple(
                CachedWindow(int(w["number"]), str(w["name"])) for w in raw.get("windows", ())
            )
            at = raw.get("refreshed_at")
            return CacheData(staff, windows, dt.datetime.fromisoformat(at) if at else None)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("login cache malformed (%s): starting a new one", type(exc).__name__)
            return CacheData({}, (), None)

    def usable(self, now: dt.datetime) -> CacheData:
        """The cache with the staff still trusted at ``now``."""
        data = self.load()
        return dataclasses.replace(data, staff=prune(data.staff, now))

    # ------------------------------------------------------------ writing

    def _save(self, data: CacheData) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)
        body = json.dumps(
            {
                "version": VERSION,
                "refreshed_at": data.refreshed_at.isoformat() if data.refreshed_at else None,
                "windows": [dataclasses.asdict(w) for w in data.windows],
                "staff": {no: _entry_json(e) for no, e in sorted(data.staff.items())},
            },
            ensure_ascii=False,
            indent=1,
        )
        fd, tmp = tempfile.mkstemp(prefix=".logins-", dir=folder)  # created 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # the journal beside it holds the catalog snapshot, the blocks and the queue
        journal = self.path.name.removesuffix(".logins.json") + ".sqlite3"
        for file in folder.glob(journal + "*"):
            with contextlib.suppress(OSError):  # a -wal/-shm file that went away meanwhile
                os.chmod(file, FILE_MODE)

    def _update(self, change: Any) -> None:
        with self._lock:
            self._save(change(self.load()))

    def remember(self, entry: CachedStaff, now: dt.datetime) -> None:
        """A successful online login on this terminal."""

        def change(data: CacheData) -> CacheData:
            staff = prune(data.staff, now)
            staff[entry.staff_no] = entry
            return dataclasses.replace(data, staff=staff)

        self._update(change)

    def refresh(
        self, current: dict[str, CachedStaff], windows: list[CachedWindow], now: dt.datetime
    ) -> None:
        """The server's word on the cached staff: ``current`` holds those still active in a
        desk role (with their verifier, name and role as the server has them now); the rest
        drop out, as do those not seen for 30 days."""

        def change(data: CacheData) -> CacheData:
            staff: dict[str, CachedStaff] = {}
            for no, old in prune(data.staff, now).items():
                new = current.get(no)
                if new is None:
                    continue
                staff[no] = dataclasses.replace(
                    old,
                    staff_id=new.staff_id,
                    name=new.name,
                    role=new.role,
                    verifier=new.verifier,
                    # a lock of the server's stands; a local one lasts as it was
                    locked_until=max(
                        (x for x in (old.locked_until, new.locked_until) if x), default=None
                    ),
                )
            return CacheData(staff, tuple(windows), now)

        self._update(change)

    def failed(self, staff_no: str, now: dt.datetime) -> None:
        self._set(staff_no, lambda e: e.failed_once(now))

    def succeeded(self, staff_no: str) -> None:
        self._set(staff_no, lambda e: dataclasses.replace(e, failed=0, locked_until=None))

    def _set(self, staff_no: str, change: Any) -> None:
        def apply(data: CacheData) -> CacheData:
            if staff_no not in data.staff:
                return data
            return dataclasses.replace(
                data, staff={**data.staff, staff_no: change(data.staff[staff_no])}
            )

        self._update(apply)


def remember_quietly(cache: LoginCache, entry: CachedStaff, now: dt.datetime) -> None:
    """After an online login: a cache that cannot be written costs only the offline login."""
    try:
        cache.remember(entry, now)
    except OSError as exc:
        log.warning("login cache not written: %s", os_error_text(exc))


# ---------------------------------------------------------------- the offline login


def offline_login(
    cache: LoginCache,
    journal: Journal,
    terminal: str,
    now: dt.datetime,
    staff_no: str,
    password: str,
    window_number: int | None,
) -> Actor:
    """Log a cached staff member in without the server: the cached verifier, the local
    lockout, a window for window staff; journaled as ``offline_login``."""
    staff_no = staff_no.strip()
    if not staff_no or not password:
        raise InvalidInput("请输入工号和密码")
    data = cache.usable(now)
    if not data.staff:
        raise NotAllowed(NO_CACHE)
    entry = data.staff.get(staff_no)
    if entry is None:
        raise NotAllowed(not_cached_message(staff_no))
    minutes = locked_minutes(entry.locked_until, now)
    if minutes is not None:
        raise NotAllowed(locked_message(minutes))
    if not verify_password(password, entry.verifier):
        _write(lambda: cache.failed(staff_no, now))
        raise InvalidInput("工号或密码不正确")
    role = Role(entry.role)
    if role not in OFFLINE_ROLES:  # not cached in the first place; a guard all the same
        raise NotAllowed(not_cached_message(staff_no))
    number = window_number
    if sits_at_window(effective(role), window_number):  # offline: the default grants
        number = window_number or entry.window
        if number is None:
            raise InvalidInput("窗口人员登录时请选择窗口")
    if entry.failed or entry.locked_until:
        _write(lambda: cache.succeeded(staff_no))
    with journal.transaction() as conn:
        journal.append(
            conn,
            "offline_login",
            now,
            staff_no,
            {"window": number, "role": role.value, "at": now.isoformat()},
        )
    log.warning("offline login at %s (window %s)", terminal, number)
    return Actor(
        staff_id=entry.staff_id,
        staff_no=entry.staff_no,
        name=entry.name,
        role=role,
        terminal=terminal,
        window_number=number,
    )


def _write(change: Any) -> None:
    try:
        change()
    except OSError as exc:
        raise NotAllowed(
            f"本机离线登录数据无法写入（{os_error_text(exc)}）：请联系管理员"
        ) from None


def offline_hall(config: Config, clock: Clock = system_clock) -> Hall:
    """The services of a terminal that started while its server is unreachable: the
    configured database is not opened (no connection is made until it is used), the clock
    is this PC's; the offline desk and its journal work as after an outage."""
    from hall_app.services.hall import Hall
    from hall_app.store.db import database_for

    return Hall(
        ServiceContext(
            db=database_for(config), terminal=config.terminal, clock=clock, timezone=config.timezone
        )
    )
