"""Login and logout. A clerk logs in at one window and holds it until logout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.roles import Role
from hall_app.services.context import Actor, ServiceContext, audit, bump_change_marker
from hall_app.services.passwords import verify_password
from hall_app.store.models import Staff, Window

MAX_FAILED = 5
LOCK_MINUTES = 10


@dataclass(frozen=True)
class WindowChoice:
    number: int
    name: str


class AuthService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def windows(self) -> list[WindowChoice]:
        """Windows a clerk can log in at (public information for the login screen)."""
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(Window.number, Window.name).where(Window.active).order_by(Window.number)
            ).all()
        return [WindowChoice(n, name) for n, name in rows]

    def login(
        self,
        staff_no: str,
        password: str,
        window_number: int | None = None,
        *,
        take_window: bool = True,
    ) -> Actor:
        """Check the password and return the actor. A clerk (or a supervisor naming a window)
        takes the window over unless ``take_window`` is false (headless commands)."""
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
        if found is not None and found.active and found.locked_until and found.locked_until > now:
            minutes = int((found.locked_until - now).total_seconds() // 60) + 1
            raise NotAllowed(f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员")
        ok = (
            found is not None
            and found.active
            and verify_password(password, found.password_hash)
        )
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
                    staff.failed_logins += 1
                    if staff.failed_logins >= MAX_FAILED:
                        staff.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                        staff.failed_logins = 0
                audit(s, self.ctx, None, "login_failed", "staff", staff_id)
            raise InvalidInput("工号或密码不正确")
        assert found is not None
        with self.ctx.db.write() as s:
            staff = s.get_one(Staff, found.id)
            staff.failed_logins = 0
            staff.locked_until = None
            role = Role(staff.role)
            number: int | None = None
            if role is Role.CLERK or (window_number is not None and role is Role.SUPERVISOR):
                number = window_number or staff.default_window
                if number is None:
                    raise InvalidInput("窗口人员登录时请选择窗口")
                window = s.scalar(select(Window).where(Window.number == number, Window.active))
                if window is None:
                    raise NotFound(f"窗口 {number} 不存在")
                if take_window:
                    window.staff_id = staff.id
                    window.status = "open"
                    bump_change_marker(s)
            actor = Actor(
                staff_id=staff.id,
                staff_no=staff.staff_no,
                name=staff.name,
                role=role,
                terminal=self.ctx.terminal,
                window_number=number,
            )
            audit(s, self.ctx, actor, "login", "staff", staff.id, window=number)
        return actor

    def logout(self, actor: Actor) -> None:
        with self.ctx.db.write() as s:
            if actor.window_number is not None:
                s.execute(
                    update(Window)
                    .where(Window.number == actor.window_number, Window.staff_id == actor.staff_id)
                    .values(status="closed", staff_id=None)
                )
                bump_change_marker(s)
            audit(s, self.ctx, actor, "logout", "staff", actor.staff_id)
