"""Planned tidal schedules and waiting rules (a part of :class:`TidalService`): supervisors
set them, supervisor terminals apply them; each application is time-boxed and goes through
``reassign`` under the same refusal rules as the automatic mode (no override)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, audit
from hall_app.services.guard import guarded
from hall_app.store import models as m

if TYPE_CHECKING:
    from hall_app.services.context import ServiceContext


class TidalPlans:
    ctx: ServiceContext

    @guarded(Permission.MANAGE_TIDAL)  # as TidalService.reassign, which this declares
    def reassign(
        self,
        actor: Actor,
        windows: list[int],
        categories: list[str],
        reason: str,
        *,
        until: dt.datetime | None = None,
        source: str = "manual",
        override_reason: str = "",
    ) -> None:
        raise NotImplementedError

    @staticmethod
    def _codes(s: Session, window_id: int) -> list[str]:
        raise NotImplementedError

    @guarded(Permission.MANAGE_TIDAL)
    def add_schedule(
        self,
        actor: Actor,
        weekday: int,
        start: str,
        end: str,
        windows: list[int],
        categories: list[str],
        reason: str,
    ) -> int:
        """E.g. windows 5–8 serve 社保 first on Monday mornings: applied at ``start``,
        time-boxed to ``end`` (when the windows go back)."""
        if not 0 <= weekday <= 6:
            raise InvalidInput("星期应为 0（周一）到 6（周日）")
        if dt.time.fromisoformat(start) >= dt.time.fromisoformat(end):
            raise InvalidInput("结束时间应晚于开始时间")
        return self._add_plan(
            actor, "schedule", windows, categories, reason, weekday=weekday, start=start, end=end
        )

    @guarded(Permission.MANAGE_TIDAL)
    def add_rule(
        self,
        actor: Actor,
        category: str,
        threshold_minutes: int,
        windows: list[int],
        reason: str = "",
    ) -> int:
        """E.g. when the longest wait in 不动产 passes 30 minutes, windows 12–13 also call from it."""
        if not 5 <= threshold_minutes <= 240:
            raise InvalidInput("等待阈值应为 5–240 分钟")
        return self._add_plan(
            actor,
            "rule",
            windows,
            [category],
            reason or "等待超时规则",
            threshold_minutes=threshold_minutes,
        )

    def _add_plan(
        self,
        actor: Actor,
        kind: str,
        windows: list[int],
        categories: list[str],
        reason: str,
        **extra: object,
    ) -> int:
        actor.require(Permission.MANAGE_TIDAL)
        if not windows or not categories:
            raise InvalidInput("请填写窗口和业务类别")
        with self.ctx.db.write() as s:
            known = set(s.scalars(select(m.Category.code).where(m.Category.code.in_(categories))))
            if known != set(categories):
                raise NotFound(f"业务类别 {'、'.join(sorted(set(categories) - known))} 不存在")
            plan = m.TidalPlan(
                kind=kind,
                windows=",".join(map(str, windows)),
                categories=",".join(categories),
                reason=reason.strip(),
                created_by=actor.staff_id,
                **extra,
            )
            s.add(plan)
            s.flush()
            audit(s, self.ctx, actor, f"tidal_{kind}", "tidal_plan", plan.id)
            return plan.id

    def plans(self) -> list[m.TidalPlan]:
        with self.ctx.db.read() as s:
            rows = list(
                s.scalars(select(m.TidalPlan).where(m.TidalPlan.active).order_by(m.TidalPlan.id))
            )
            s.expunge_all()
            return rows

    def apply_plans(self) -> int:
        """Start the schedules whose time has come and fire the rules whose threshold is
        passed; each is time-boxed, so it ends (and reverts) by itself."""
        now = self.ctx.local(self.ctx.now())
        applied = 0
        status_cache = None
        for plan in self.plans():
            windows = [int(x) for x in plan.windows.split(",") if x]
            categories = [c for c in plan.categories.split(",") if c]
            marker = f"[计划#{plan.id}]"
            if plan.kind == "schedule":
                if plan.weekday != now.weekday():
                    continue
                start, end = dt.time.fromisoformat(plan.start), dt.time.fromisoformat(plan.end)
                if not start <= now.time() < end:
                    continue
                until = dt.datetime.combine(now.date(), end, self.ctx.tz)
                for number in windows:
                    applied += self._try(
                        number, _serve_only(categories), f"{marker} {plan.reason}", until
                    )
            else:
                if status_cache is None:
                    from hall_app.services.queues import QueueService

                    status_cache = QueueService(self.ctx).status()
                lane = next((x for x in status_cache.lanes if x.code == categories[0]), None)
                if (
                    lane is None
                    or lane.longest_wait_seconds(status_cache.at)
                    < (plan.threshold_minutes or 0) * 60
                ):
                    continue
                until = self.ctx.now() + dt.timedelta(minutes=30)
                for number in windows:
                    applied += self._try(
                        number,
                        _serve_also(categories[0]),
                        f"{marker} {lane.name}最长等待超过{plan.threshold_minutes}分钟，同时叫号",
                        until,
                    )
        return applied

    def _try(
        self,
        number: int,
        order: Callable[[list[str]], list[str]],
        reason: str,
        until: dt.datetime,
    ) -> int:
        with self.ctx.db.read() as s:
            window_id = s.scalar(select(m.Window.id).where(m.Window.number == number))
            if window_id is None:
                return 0
            if reason.startswith("[计划#") and self._window_applied_today(s, window_id, reason):
                return 0  # a schedule applies once a day per window
            old = self._codes(s, window_id)
            pending = s.scalar(
                select(m.WindowChange.id).where(
                    m.WindowChange.window_id == window_id,
                    m.WindowChange.until.is_not(None),
                    m.WindowChange.reverted_at.is_(None),
                )
            )
        new = list(order(old))
        if new == old or pending is not None:
            return 0  # already so, or a time-boxed change is running: it must end first
        try:
            job = Actor.system("tidal_plan", self.ctx.terminal, Permission.MANAGE_TIDAL)
            self.reassign(job, [number], new, reason, until=until, source="plan")
        except NotAllowed:
            return 0  # the clerk there is not qualified: the plan skips this window
        return 1

    def _window_applied_today(self, s: Session, window_id: int, reason: str) -> bool:
        marker = reason.split("]", 1)[0] + "]"
        if "同时叫号" in reason:  # rules may fire again after their time box ends
            return False
        start = dt.datetime.combine(self.ctx.today(), dt.time(), self.ctx.tz)
        return (
            s.scalar(
                select(m.WindowChange.id)
                .where(
                    m.WindowChange.window_id == window_id,
                    m.WindowChange.at >= start,
                    m.WindowChange.reason.startswith(marker),
                )
                .limit(1)
            )
            is not None
        )


def _serve_only(categories: list[str]) -> Callable[[list[str]], list[str]]:
    """A schedule: the window serves these categories, in this order, whatever it served."""
    return lambda _old: categories


def _serve_also(code: str) -> Callable[[list[str]], list[str]]:
    """A rule: the window serves ``code`` too, after what it serves."""
    return lambda old: old if code in old else [*old, code]
