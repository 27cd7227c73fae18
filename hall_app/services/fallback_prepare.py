"""Preparing a terminal for an outage while online: its journal's key, its number blocks
topped up from the emergency plan, the catalog snapshot, and what each terminal reported
holding (split out of services/fallback.py; ``FallbackService`` inherits it)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hall_app import paths
from hall_app.domain.errors import InvalidInput
from hall_app.domain.fallback import (
    BLOCK_KINDS,
    RATE_DAYS,
    TICKET,
    EmergencyPlan,
    parse_plan,
    peak_hourly,
    shortfall,
    ticket_block_size,
)
from hall_app.domain.roles import Permission
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.incidents import IncidentDesk, _county
from hall_app.services.journal_guard import register_key
from hall_app.services.offline_subjects import offline_subjects
from hall_app.services.sequences import take_block
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.journal import Journal

log = logging.getLogger("hall_app.fallback")


def load_plan(path: Path | None = None) -> EmergencyPlan:
    path = path or paths.resources_dir() / "emergency_plan.toml"
    try:
        return parse_plan(path.read_text(encoding="utf-8"), f"应急预案文件 {path.name}")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"应急预案文件 {path} 无法读取：{exc}") from None


@dataclass(frozen=True)
class PrepareReport:
    reserved: dict[str, tuple[int, int]]  # kind → (first, last) reserved just now
    in_hand: dict[str, int]  # kind → numbers left for today

    def summary(self) -> str:
        return "，".join(f"{BLOCK_KINDS[k]} {n} 个" for k, n in self.in_hand.items())


@dataclass(frozen=True)
class ReserveView:
    """What one terminal last reported holding of its offline numbers."""

    terminal: str
    day: dt.date
    left: dict[str, int]  # kind → numbers left
    ticket_block: int  # the size its ticket blocks are topped up to
    reported_at: dt.datetime


class FallbackPrepare(IncidentDesk):
    """The preparing half of :class:`services.fallback.FallbackService`."""

    ctx: ServiceContext
    calendar: CalendarService
    _plan: EmergencyPlan | None

    @property
    def plan(self) -> EmergencyPlan:
        if self._plan is None:
            self._plan = load_plan()
        return self._plan

    # ------------------------------------------------------------ preparing a terminal

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def register_key(self, actor: Actor, journal: Journal) -> None:
        """Give this terminal's journal its MAC key (made once) and register it on the server;
        ``prepare`` does it too."""
        key = journal.ensure_key(actor.terminal)
        with self.ctx.db.write() as s:
            register_key(s, self.ctx, actor, actor.terminal, key)
        journal.set("terminal", actor.terminal)

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def prepare(self, actor: Actor, journal: Journal) -> PrepareReport:
        """While online: top up this terminal's number blocks for today and refresh the
        catalog snapshot it works from when offline."""
        day = self.ctx.today()
        held = journal.blocks()
        reserved: dict[str, tuple[int, int]] = {}
        sizes = dict(self.plan.reserve)
        # the peak of the last 30 days is read once a day (a scan of a month's tickets), in a
        # read of its own: no write lock is held while it runs
        known, _, size = journal.get("ticket_block").partition(":")
        if known == day.isoformat() and size.isdigit():
            sizes[TICKET] = int(size)
        else:
            with self.ctx.db.read() as s:
                sizes[TICKET] = ticket_block_size(self._peak_rate(s, actor), sizes.get(TICKET, 0))
        key = journal.ensure_key(actor.terminal)  # the terminal's MAC key, made once
        with self.ctx.db.write() as s:
            register_key(s, self.ctx, actor, actor.terminal, key)
            county = _county(s)
            need = shortfall(held, sizes, day)
            rows = [
                self._reserve(s, kind, day, count, actor.terminal, actor)
                for kind, count in need.items()
            ]
            self._report_reserve(s, actor.terminal, day, held, rows, sizes[TICKET])
            snapshot = self.snapshot(s, actor)
            # the journal write follows the server commit below: numbers reserved on the
            # server but lost locally are only a gap, never a duplicate
        with journal.transaction() as conn:
            journal.drop_old_blocks(conn, day)
            for row in rows:
                journal.add_block(conn, row.kind, row.service_date, row.first, row.last, row.id)
                reserved[row.kind] = (row.first, row.last)
            journal.put(conn, "snapshot", json.dumps(snapshot, ensure_ascii=False, default=str))
            journal.put(conn, "county", county)
            journal.put(conn, "terminal", actor.terminal)
            journal.put(conn, "prepared_at", self.ctx.now().isoformat())
            journal.put(conn, "ticket_block", f"{day.isoformat()}:{sizes[TICKET]}")
        self.standing_kit(actor, journal)  # a kit this terminal can print without the server
        blocks = journal.blocks()  # read once, not once per kind
        in_hand = {
            k: sum(b.remaining for b in blocks if b.kind == k and b.day == day)
            for k in self.plan.reserve
        }
        if rows:
            log.info(
                "reserved offline numbers %s", {k: f"{a}-{b}" for k, (a, b) in reserved.items()}
            )
        return PrepareReport(reserved, in_hand)

    def _peak_rate(self, s: Session, actor: Actor) -> int:
        """This terminal's busiest clock hour of the last 30 days: tickets issued at it or
        called at its window (each ticket once)."""
        since = self.ctx.today() - dt.timedelta(days=RATE_DAYS)
        touched = m.Ticket.terminal == actor.terminal
        if actor.window_number is not None:
            window = s.scalar(select(m.Window.id).where(m.Window.number == actor.window_number))
            if window is not None:
                touched = or_(touched, m.Ticket.window_id == window)
        rows = s.execute(
            select(m.Ticket.terminal, m.Ticket.issued_at, m.Ticket.called_at).where(
                m.Ticket.service_date >= since, touched
            )
        )
        return peak_hourly(
            (
                (issued if terminal == actor.terminal or called is None else called)
                for terminal, issued, called in rows
            ),
            self.ctx.tz,
        )

    def _report_reserve(
        self,
        s: Session,
        terminal: str,
        day: dt.date,
        held: list[Any],
        rows: list[m.NumberBlock],
        ticket_block: int,
    ) -> None:
        """What this terminal will hold once the journal has the new blocks, for the console."""
        left = {
            k: sum(b.remaining for b in held if b.kind == k and b.day == day)
            for k in self.plan.reserve
        }
        for row in rows:
            left[row.kind] = left.get(row.kind, 0) + row.last - row.first + 1
        for kind, count in left.items():
            line = s.get(m.OfflineReserve, (terminal, kind))
            if line is None:
                line = m.OfflineReserve(terminal=terminal, kind=kind)
                s.add(line)
            line.service_date, line.remaining, line.reported_at = day, count, self.ctx.now()
            line.block_size = ticket_block if kind == TICKET else self.plan.reserve.get(kind, 0)

    def reserves(self) -> list[ReserveView]:
        """Each terminal's offline numbers as it last reported them (the console's table);
        numbers reported for an earlier day count as none (blocks are per day)."""
        today = self.ctx.today()
        by_terminal: dict[str, list[m.OfflineReserve]] = {}
        with self.ctx.db.read() as s:
            for r in s.scalars(select(m.OfflineReserve).order_by(m.OfflineReserve.terminal)):
                by_terminal.setdefault(r.terminal, []).append(r)
        return [
            ReserveView(
                terminal,
                max(r.service_date for r in lines),
                {r.kind: r.remaining if r.service_date == today else 0 for r in lines},
                next((r.block_size for r in lines if r.kind == TICKET), 0),
                max(r.reported_at for r in lines),
            )
            for terminal, lines in by_terminal.items()
        ]

    def _reserve(
        self,
        s: Session,
        kind: str,
        day: dt.date,
        count: int,
        owner: str,
        actor: Actor,
        incident_id: int | None = None,
    ) -> m.NumberBlock:
        if kind == TICKET:
            first, last = take_block(
                s, self.ctx.db.dialect, m.TicketCounter, count, service_date=day, prefix=TICKET
            )
        else:
            first, last = take_block(
                s, self.ctx.db.dialect, m.DocumentCounter, count, kind=kind, service_date=day
            )
        row = m.NumberBlock(
            kind=kind,
            service_date=day,
            first=first,
            last=last,
            owner=owner,
            incident_id=incident_id,
            reserved_at=self.ctx.now(),
            reserved_by=actor.staff_id,
        )
        s.add(row)
        s.flush()
        audit(
            s,
            self.ctx,
            actor,
            "number_block",
            "number_block",
            row.id,
            kind=kind,
            first=first,
            last=last,
            owner=owner,
        )
        return row

    def snapshot(self, s: Session, actor: Actor) -> dict[str, Any]:
        """What a terminal needs to work without the server: the hall, the lanes, the items
        with their materials, and the calendar (for deadlines)."""
        hall = load_settings(s).stored()
        cats = {c.id: c for c in s.scalars(select(m.Category).where(m.Category.active))}
        subjects = offline_subjects(s, cats)
        calendar = self.calendar.calendar().data
        return {
            "taken_at": self.ctx.now().isoformat(),
            "hall": hall,
            "staff": {
                "no": actor.staff_no,
                "name": actor.name,
                "role": actor.role.value,
                "window": actor.window_number,
            },
            "categories": [
                {"code": c.code, "name": c.name, "prefix": c.prefix, "green": c.green_channel}
                for c in cats.values()
            ],
            "subjects": subjects,
            "calendar": {
                "holidays": sorted(d.isoformat() for d in calendar.holidays),
                "workdays": sorted(d.isoformat() for d in calendar.workdays),
                "years": sorted(calendar.known_years),
            },
        }

    # ------------------------------------------------------------ reconciliation
