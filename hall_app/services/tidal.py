"""Tidal windows: supervisors (or the automatic mode within its limits) change which
categories a window calls from; the recommender proposes the switches that help most.

A window keeps the ticket in hand: the change applies from its next call. A time-boxed
change reverts by itself (``tick``). Every change is logged in ``window_change``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from hall_app.domain.errors import CoverageRefused, InvalidInput, NotAllowed, NotFound
from hall_app.domain.roles import Permission
from hall_app.domain.tidal import (
    Proposal,
    coverage_problems,
    default_end,
    order_text,
)
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.settings import load_settings, store_settings
from hall_app.services.tidal_console import (  # noqa: F401  (re-exported: one place to import from)
    WAIT_BINS,
    Console,
    ConsoleLane,
    TidalConsole,
    window_codes,
)
from hall_app.services.tidal_plans import TidalPlans
from hall_app.store import models as m
from hall_app.store.changes import announce_change


@dataclass(frozen=True)
class ChangeView:
    at: dt.datetime
    window: int
    source: str
    old: str
    new: str
    reason: str
    until: dt.datetime | None
    by: str
    override_reason: str = ""


@dataclass(frozen=True)
class ChangePreview:
    """What a change would do, before the supervisor confirms it."""

    windows: tuple[tuple[int, str, str], ...]  # (window, full order before, after) as text
    problems: tuple[str, ...]  # why it is refused without an override
    default_until: dt.datetime  # in 2 h, or the end of the opening period if sooner


@dataclass(frozen=True)
class WindowNotice:
    """The latest change of one window today, for the clerk there."""

    change_id: int
    at: dt.datetime
    old: str  # full order, with names
    new: str
    by: str  # who made it, or 自动调度 / 潮汐计划 / 到期恢复
    reason: str
    until: dt.datetime | None


_SOURCE_BY = {"auto": "自动调度", "plan": "潮汐计划", "revert": "到期恢复"}


class TidalService(TidalConsole, TidalPlans):
    def __init__(
        self, ctx: ServiceContext, periods: tuple[tuple[dt.time, dt.time], ...] | None = None
    ) -> None:
        self.ctx = ctx
        if periods is None:
            from hall_app.services.appointments import load_rules

            periods = load_rules().periods
        self.periods = periods  # the hall's opening periods (morning, afternoon)

    # ------------------------------------------------------------ changing

    def default_until(self) -> dt.datetime:
        """A temporary change ends in 2 hours, or at the end of the morning or afternoon
        session if that is sooner."""
        return default_end(self.ctx.local(self.ctx.now()), self.periods)

    @guarded(Permission.MANAGE_TIDAL)
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
        """Set the categories (in calling order) of one or several windows. A change that
        would leave the green channel, or a lane with people waiting, without a window is
        refused (:class:`CoverageRefused`) unless a supervisor overrides it with a written
        reason (``OVERRIDE_TIDAL``); the automatic mode and plans never override."""
        if not categories or len(set(categories)) != len(categories):
            raise InvalidInput("请按叫号顺序选择不重复的业务类别")
        if not reason.strip():
            raise InvalidInput("请写明调整原因")
        if until is not None and until <= self.ctx.now():
            raise InvalidInput("临时调整的结束时间应晚于现在")
        override = override_reason.strip() if not actor.is_system and source == "manual" else ""
        if override:
            actor.require(Permission.OVERRIDE_TIDAL)
        with self.ctx.db.write() as s:
            ids = {
                c.code: c.id
                for c in s.scalars(
                    select(m.Category).where(m.Category.code.in_(categories), m.Category.active)
                )
            }
            missing = [c for c in categories if c not in ids]
            if missing:
                raise NotFound(f"业务类别 {'、'.join(missing)} 不存在")
            rows = []
            for number in windows:
                window = s.scalar(
                    select(m.Window).where(m.Window.number == number).with_for_update()
                )
                if window is None:
                    raise NotFound(f"窗口 {number} 不存在")
                self._check_qualified(s, window, categories)
                rows.append(window)
            problems = self._problems(s, windows, categories)
            if problems and not override:
                raise CoverageRefused(
                    "不能调整："
                    + "；".join(problems)
                    + (
                        "。如确需调整，请值班长确认并写明理由"
                        if not actor.is_system
                        else "。自动调度和潮汐计划不做此类调整"
                    ),
                    problems,
                )
            for window in rows:
                self._set(
                    s,
                    actor,
                    window,
                    categories,
                    ids,
                    reason.strip(),
                    until,
                    source,
                    override if problems else "",
                    problems,
                )
            announce_change(s)

    def _problems(self, s: Session, windows: list[int], categories: list[str]) -> list[str]:
        """Coverage problems if ``windows`` were set to ``categories`` (domain rule)."""
        cats = list(s.scalars(select(m.Category)))
        names = {c.code: c.name for c in cats}
        green = frozenset(c.code for c in cats if c.green_channel)
        code_of = {c.id: c.code for c in cats}
        before: dict[int, list[str]] = {}
        for number, category_id in s.execute(
            select(m.Window.number, m.WindowCategory.category_id)
            .join(m.WindowCategory, m.WindowCategory.window_id == m.Window.id)
            .where(m.Window.active, m.Window.status != "closed")
            .order_by(m.Window.number, m.WindowCategory.position)
        ):
            before.setdefault(number, []).append(code_of[category_id])
        after = {n: (list(categories) if n in windows else codes) for n, codes in before.items()}
        waiting = {
            code_of[cid]: int(n)
            for cid, n in s.execute(
                select(m.Ticket.category_id, func.count())
                .where(m.Ticket.service_date == self.ctx.today(), m.Ticket.state == "waiting")
                .group_by(m.Ticket.category_id)
            )
        }
        return coverage_problems(before, after, green, waiting, names)

    def preview(self, windows: list[int], categories: list[str]) -> ChangePreview:
        """The full before → after order of each window, the reasons a change would be
        refused, and the default end time: what the confirmation shows."""
        with self.ctx.db.read() as s:
            names = dict(s.execute(select(m.Category.code, m.Category.name)).all())
            rows = []
            for number in windows:
                window_id = s.scalar(select(m.Window.id).where(m.Window.number == number))
                if window_id is None:
                    raise NotFound(f"窗口 {number} 不存在")
                rows.append(
                    (
                        number,
                        order_text(self._codes(s, window_id), names),
                        order_text(categories, names),
                    )
                )
            problems = self._problems(s, windows, categories)
        return ChangePreview(tuple(rows), tuple(problems), self.default_until())

    def _check_qualified(self, s: Session, window: m.Window, categories: list[str]) -> None:
        if window.staff_id is None:
            return
        qualified = set(
            s.scalars(
                select(m.Category.code)
                .join(m.StaffQualification, m.StaffQualification.category_id == m.Category.id)
                .where(m.StaffQualification.staff_id == window.staff_id)
            )
        )
        missing = [c for c in categories if c not in qualified]
        if missing:
            name = s.scalar(select(m.Staff.name).where(m.Staff.id == window.staff_id))
            raise NotAllowed(
                f"{window.number}号窗口的{name}不具备 {'、'.join(missing)} 类业务资质，不能调整"
            )

    def _set(
        self,
        s: Session,
        actor: Actor,
        window: m.Window,
        categories: list[str],
        ids: dict[str, int],
        reason: str,
        until: dt.datetime | None,
        source: str,
        override_reason: str = "",
        problems: list[str] | None = None,
    ) -> None:
        old = self._codes(s, window.id)
        # a newer change replaces a running time box: it must not be reverted over later
        s.execute(
            update(m.WindowChange)
            .where(
                m.WindowChange.window_id == window.id,
                m.WindowChange.until.is_not(None),
                m.WindowChange.reverted_at.is_(None),
            )
            .values(reverted_at=self.ctx.now())
        )
        s.execute(delete(m.WindowCategory).where(m.WindowCategory.window_id == window.id))
        for position, code in enumerate(categories):
            s.add(m.WindowCategory(window_id=window.id, category_id=ids[code], position=position))
        s.add(
            m.WindowChange(
                at=self.ctx.now(),
                window_id=window.id,
                staff_id=actor.staff_id,
                source=source,
                old_categories=",".join(old),
                new_categories=",".join(categories),
                reason=reason,
                until=until,
                override_reason=override_reason,
            )
        )
        extra = {"override": True, "refused_for": problems} if override_reason else {}
        audit(
            s,
            self.ctx,
            actor,
            "window_reassign",
            "window",
            window.id,
            old=",".join(old),
            new=",".join(categories),
            source=source,
            until=until,
            **extra,
        )

    _codes = staticmethod(window_codes)

    def tick(self) -> int:
        """Revert time-boxed changes whose time is up; returns how many were reverted."""
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            due = list(
                s.scalars(
                    select(m.WindowChange).where(
                        m.WindowChange.until.is_not(None),
                        m.WindowChange.until <= now,
                        m.WindowChange.reverted_at.is_(None),
                    )
                )
            )
            for change in due:
                window = s.get_one(m.Window, change.window_id)
                codes = [c for c in change.old_categories.split(",") if c]
                ids = {
                    c.code: c.id
                    for c in s.scalars(select(m.Category).where(m.Category.code.in_(codes)))
                }
                self._set(
                    s,
                    Actor.system("tidal_revert", self.ctx.terminal, Permission.MANAGE_TIDAL),
                    window,
                    codes,
                    ids,
                    f"临时调整到期自动恢复（原因：{change.reason}）",
                    None,
                    "revert",
                )
                change.reverted_at = now
            if due:
                announce_change(s)
            return len(due)

    def changes(self, day: dt.date | None = None) -> list[ChangeView]:
        day = day or self.ctx.today()
        start = dt.datetime.combine(day, dt.time(), self.ctx.tz)
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(m.WindowChange, m.Window.number, m.Staff.name)
                .join(m.Window, m.Window.id == m.WindowChange.window_id)
                .outerjoin(m.Staff, m.Staff.id == m.WindowChange.staff_id)
                .where(m.WindowChange.at >= start)
                .order_by(m.WindowChange.id.desc())
            ).all()
            return [
                ChangeView(
                    c.at,
                    number,
                    c.source,
                    c.old_categories,
                    c.new_categories,
                    c.reason,
                    c.until,
                    name or _SOURCE_BY.get(c.source, "自动"),
                    c.override_reason,
                )
                for c, number, name in rows
            ]

    def window_notice(self, window_number: int) -> WindowNotice | None:
        """The latest change today of this window's categories, for the banner at the window."""
        start = dt.datetime.combine(self.ctx.today(), dt.time(), self.ctx.tz)
        with self.ctx.db.read() as s:
            row = s.execute(
                select(m.WindowChange, m.Staff.name)
                .join(m.Window, m.Window.id == m.WindowChange.window_id)
                .outerjoin(m.Staff, m.Staff.id == m.WindowChange.staff_id)
                .where(m.Window.number == window_number, m.WindowChange.at >= start)
                .order_by(m.WindowChange.id.desc())
                .limit(1)
            ).first()
            if row is None:
                return None
            change, name = row
            names = dict(s.execute(select(m.Category.code, m.Category.name)).all())
            split = lambda text: [c for c in text.split(",") if c]  # noqa: E731
            return WindowNotice(
                change.id,
                change.at,
                order_text(split(change.old_categories), names),
                order_text(split(change.new_categories), names),
                name or _SOURCE_BY.get(change.source, "自动"),
                change.reason,
                change.until,
            )

    @guarded(Permission.MANAGE_TIDAL)
    def accept(
        self,
        actor: Actor,
        proposal: Proposal,
        source: str = "manual",
        *,
        until: dt.datetime | None = None,
        override_reason: str = "",
    ) -> None:
        """Apply a proposal: the window gets the proposal's full list (nothing dropped)."""
        self.reassign(
            actor,
            [proposal.window],
            list(proposal.to_categories),
            f"采纳调度建议：{proposal.reason}",
            source=source,
            until=until,
            override_reason=override_reason,
        )

    def auto(self) -> list[Proposal]:
        """The automatic mode: apply the proposals, time-boxed to the default end, under the
        same refusal rules as a supervisor and never with an override."""
        applied = []
        job = Actor.system("tidal_auto", self.ctx.terminal, Permission.MANAGE_TIDAL)
        for proposal in self.proposals():
            try:
                self.accept(job, proposal, source="auto", until=self.default_until())
            except NotAllowed:  # CoverageRefused, or a clerk no longer qualified
                continue
            applied.append(proposal)
        return applied

    @guarded(Permission.MANAGE_TIDAL)
    def set_auto(self, actor: Actor, on: bool) -> None:
        with self.ctx.db.write() as s:
            store_settings(s, tidal_auto=on)
            audit(s, self.ctx, actor, "tidal_auto", "hall_setting", None, on=on)

    def tick_all(self) -> int:
        """Reverts that are due, planned schedules and rules, and the automatic mode when it
        is on; run by supervisor terminals (and ``hall-app tidal tick``)."""
        done = self.tick()
        done += self.apply_plans()
        with self.ctx.db.read() as s:
            auto = load_settings(s).tidal_auto
        if auto:
            done += len(self.auto())
        return done
