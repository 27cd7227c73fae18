"""Login and logout. A clerk logs in at one window and holds it until logout."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound, WindowHeld
from hall_app.domain.logins import (  # noqa: F401  (MAX_FAILED, LOCK_MINUTES: imported from here)
    LOCK_MINUTES,
    MAX_FAILED,
    OFFLINE_ROLES,
    CachedStaff,
    after_failure,
    locked_message,
    locked_minutes,
)
from hall_app.domain.roles import Role, sits_at_window
from hall_app.domain.sessions import EndReason, is_takeover
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.local_cache import CachedWindow, LoginCache, remember_quietly
from hall_app.services.passwords import verify_password
from hall_app.services.qualifications import check_login, hall_permissions
from hall_app.services.terminals import (
    WindowHolder,
    end_session,
    holder_of,
    open_session,
    silent_minutes,
)
from hall_app.store.changes import announce_change
from hall_app.store.models import Staff, Window


@dataclass(frozen=True)
class WindowChoice:
    number: int
    name: str
    holder: WindowHolder | None = None  # who is logged in there now


class AuthService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        #: the terminal's login cache for offline logins (the GUI sets it; headless
        #: commands and tests leave it out)
        self.cache: LoginCache | None = None

    def keep_logins(self, cache: LoginCache) -> None:
        """Remember each window login of a desk role in ``cache`` (this terminal's)."""
        self.cache = cache

    def refresh_cache(self) -> None:
        """Bring the login cache up to the server: staff deactivated or moved to another
        role drop out, changed passwords take their new verifier, the windows are listed."""
        cache = self.cache
        if cache is None:
            return
        numbers = list(cache.load().staff)
        now = self.ctx.now()
        with self.ctx.db.read() as s:
            rows = (
                s.execute(
                    select(
                        Staff.id,
                        Staff.staff_no,
                        Staff.name,
                        Staff.role,
                        Staff.password_hash,
                        Staff.locked_until,
                    ).where(Staff.staff_no.in_(numbers), Staff.active)
                ).all()
                if numbers
                else []
            )
            windows = [
                CachedWindow(w.number, w.name)
                for w in s.execute(
                    select(Window.number, Window.name).where(Window.active).order_by(Window.number)
                )
            ]
        offline_roles = {r.value for r in OFFLINE_ROLES}
        current = {
            r.staff_no: CachedStaff(
                r.id, r.staff_no, r.name, r.role, r.password_hash, now, locked_until=r.locked_until
            )
            for r in rows
            if r.role in offline_roles
        }
        cache.refresh(current, windows, now)

    def windows(self) -> list[WindowChoice]:
        """Windows a clerk can log in at, and who holds each (for the login screen)."""
        now = self.ctx.now()
        with self.ctx.db.read() as s:
            minutes = silent_minutes(s)
            windows = s.scalars(select(Window).where(Window.active).order_by(Window.number))
            return [WindowChoice(w.number, w.name, holder_of(s, w, now, minutes)) for w in windows]

    def login(
        self,
        staff_no: str,
        password: str,
        window_number: int | None = None,
        *,
        take_window: bool = True,
        take_over: bool = True,
    ) -> Actor:
        """Check the password and return the actor. A clerk (or a supervisor naming a window)
        takes the window unless ``take_window`` is false (headless commands); a login that
        takes a window (or any GUI login) opens a terminal session.

        When another session holds the window (another person, or the same person at another
        PC) and ``take_over`` is false, :class:`WindowHeld` is raised with the holder, so the
        login screen can show who is there since when and ask; with ``take_over`` the other
        session ends as taken over (its terminal locks its window screen at its next poll)."""
        staff_no = staff_no.strip()
        if not staff_no or not password:
            raise InvalidInput("请输入工号和密码")
        now = self.ctx.now()
        # the password is checked (scrypt, ~50 ms) outside any write transaction, so a login
        # never holds the SQLite write lock while it hashes
        with self.ctx.db.read() as s:
            found = s.execute(
                select(Staff.id, Staff.active, Staff.password_hash, Staff.locked_until).where(
                    Staff.staff_no == staff_no
                )
            ).one_or_none()
        minutes = locked_minutes(found.locked_until, now) if found is not None else None
        if found is not None and found.active and minutes is not None:
            raise NotAllowed(locked_message(minutes))
        ok = found is not None and found.active and verify_password(password, found.password_hash)
        if found is None:
            with self.ctx.db.read() as s:
                if s.scalar(select(Staff.id).limit(1)) is None:
                    raise NotFound(
                        "数据库中还没有任何工作人员：请先导入事项目录"
                        "（hall-app catalog import 文件），或以 hall-app gui --demo 启动演示"
                    )
        if not ok:
            # the failed attempt is committed (counter, audit) before the error is raised
            with self.ctx.db.write() as s:
                staff_id = found.id if found is not None else None
                if found is not None and found.active:
                    staff = s.get_one(Staff, found.id)
                    staff.failed_logins, until = after_failure(staff.failed_logins, now)
                    if until is not None:
                        staff.locked_until = until
                audit(s, self.ctx, None, "login_failed", "staff", staff_id)
            raise InvalidInput("工号或密码不正确")
        assert found is not None
        with self.ctx.db.write() as s:
            staff = s.get_one(Staff, found.id)
            staff.failed_logins = 0
            staff.locked_until = None
            role = Role(staff.role)
            permissions = hall_permissions(s, role)  # the grants with the hall's adjustments
            number: int | None = None
            window: Window | None = None
            if sits_at_window(permissions, window_number):
                number = window_number or staff.default_window
                if number is None:
                    raise InvalidInput("窗口人员登录时请选择窗口")
                window = s.scalar(select(Window).where(Window.number == number, Window.active))
                if window is None:
                    raise NotFound(f"窗口 {number} 不存在")
                check_login(s, staff.id, permissions, window)
            detail: dict[str, object] = {"window": number}
            session_id = None
            if take_window:
                if window is not None:
                    taken_from = self._take(s, window, staff, take_over)
                    if taken_from is not None:
                        detail["taken_over_from"] = taken_from
                session_id = open_session(s, self.ctx, staff.id, number)
                if window is not None:
                    window.session_id = session_id
                    announce_change(s)
            actor = Actor(
                staff_id=staff.id,
                staff_no=staff.staff_no,
                name=staff.name,
                role=role,
                terminal=self.ctx.terminal,
                window_number=number,
                session_id=session_id,
                granted=permissions,
            )
            audit(s, self.ctx, actor, "login", "staff", staff.id, **detail)
        if take_window and self.cache is not None and role in OFFLINE_ROLES:
            remember_quietly(
                self.cache,
                CachedStaff(
                    staff.id,
                    actor.staff_no,
                    actor.name,
                    role.value,
                    found.password_hash,
                    now,
                    window=number,
                ),
                now,
            )
        return actor

    def _take(self, s: Session, window: Window, staff: Staff, take_over: bool) -> str | None:
        """Give ``window`` to ``staff``; returns the staff number it was taken over from."""
        holder = holder_of(s, window, self.ctx.now(), silent_minutes(s))
        taken_from = None
        if holder is not None and is_takeover(
            holder.staff_id, holder.terminal, staff.id, self.ctx.terminal
        ):
            if not take_over:
                since = self.ctx.local(holder.since).strftime("%H:%M") if holder.since else "此前"
                raise WindowHeld(
                    f"{window.number}号窗口已由 {holder.name}（工号 {holder.staff_no}）"
                    f"自 {since} 起登录",
                    window.number,
                    holder,
                )
            end_session(s, self.ctx, window.session_id, EndReason.TAKEN_OVER, by=staff.id)
            taken_from = holder.staff_no
        else:  # free, or the holder again at the same PC (a restart): the old session ends
            end_session(s, self.ctx, window.session_id, EndReason.LOGOUT)
        window.staff_id = staff.id
        window.status = "open"
        return taken_from

    @guarded()  # one's own session
    def logout(self, actor: Actor) -> None:
        """End the session; the window closes unless another login has taken it over."""
        with self.ctx.db.write() as s:
            end_session(s, self.ctx, actor.session_id, EndReason.LOGOUT)
            if actor.window_number is not None:
                mine = (
                    Window.session_id == actor.session_id
                    if actor.session_id is not None
                    else Window.staff_id == actor.staff_id
                )
                s.execute(
                    update(Window)
                    .where(Window.number == actor.window_number, mine)
                    .values(status="closed", staff_id=None, session_id=None)
                )
                announce_change(s)
            audit(s, self.ctx, actor, "logout", "staff", actor.staff_id)
