"""What every service needs: the database, a clock, the hall's time zone, the terminal."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy.orm import Session

from hall_app.domain.masking import scrub_detail
from hall_app.domain.roles import Permission, Role, effective, refusal
from hall_app.services import audit_log
from hall_app.store.db import Database

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FakeClock:
    """Test and simulation clock (not used by the running app): set or advance by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Actor:
    """The logged-in staff member at one terminal (and window, for clerks), or the app itself.

    No code path passes a missing actor: an automatic job acts as ``Actor.system(...)``, which
    names the job and the permissions it holds, and is audited under that name.
    """

    staff_id: int | None  # None only for the system actor
    staff_no: str
    name: str
    role: Role
    terminal: str
    window_number: int | None = None
    session_id: int | None = None  # terminal_session.id of a GUI login (None: headless)
    #: what this actor may do: the role's grants with the hall's ``roles.grants`` adjustments
    #: (set at login), or a system job's named permissions; None: the role's default grants
    granted: frozenset[Permission] | None = None

    @classmethod
    def system(cls, job: str, terminal: str, *permissions: Permission) -> Actor:
        """The app's own automatic ``job`` (``no_show_sweep``, ``tidal_auto`` …) at ``terminal``,
        holding exactly ``permissions``."""
        return cls(
            None, f"system:{job}", job, Role.SYSTEM, terminal, granted=frozenset(permissions)
        )

    @property
    def is_system(self) -> bool:
        return self.role is Role.SYSTEM

    @property
    def permissions(self) -> frozenset[Permission]:
        if self.role is Role.ADMIN:
            return frozenset(Permission)  # the administrator cannot lose a permission
        return self.granted if self.granted is not None else effective(self.role)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Raise :class:`~hall_app.domain.roles.Denied` unless this actor holds ``permission``
        (inside a ``@guarded`` method the refusal is audited as ``denied``)."""
        if not self.may(permission):
            raise refusal(self.role, permission)


@dataclass
class ServiceContext:
    db: Database
    terminal: str = "unknown"
    clock: Clock = system_clock
    timezone: str = "Asia/Shanghai"
    _tz: zoneinfo.ZoneInfo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._tz = zoneinfo.ZoneInfo(self.timezone)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return self._tz

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().astimezone(self._tz).date()

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self._tz)


def audit(
    session: Session,
    ctx: ServiceContext,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None,
    **detail: Any,
) -> None:
    """One audit entry in the caller's transaction, hashed and chained just before it commits
    (``services.audit_log``). ``detail`` is scrubbed of ID and mobile numbers (free text such
    as a reason may hold them); names must not be put in it."""
    detail = cast(dict[str, Any], scrub_detail(detail))  # a dict in, a dict out
    session.flush()  # the audited change is written before its audit entry
    if actor is not None and actor.is_system:
        detail = {"system": actor.name, **detail}  # which automatic job did it
    audit_log.defer(
        session,
        ctx.tz,
        at=ctx.now(),
        staff_id=actor.staff_id if actor else None,
        terminal=actor.terminal if actor else ctx.terminal,
        action=str(action),
        entity=entity,
        entity_id=entity_id,
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    )
