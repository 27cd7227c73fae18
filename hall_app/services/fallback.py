"""Manual fallback on the server side: reserving number blocks, taking a terminal's catalog
snapshot, reconciling its offline journal; the hall-wide incident (declaration, checklist,
emergency kit, back-entry from paper, the ledger, closing) is ``services/incidents.py``.

A journal record is replayed in one transaction together with a ``fallback_record`` row
holding its idempotency key: a record is merged exactly once, also when the replay is run
twice or stops halfway; the local mark comes after the commit and is only a shortcut.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from hall_app import paths
from hall_app.domain.errors import DatabaseError, InvalidInput, NotFound
from hall_app.domain.fallback import (
    BLOCK_KINDS,
    RATE_DAYS,
    RECORD_KINDS,
    TICKET,
    EmergencyPlan,
    parse_plan,
    peak_hourly,
    shortfall,
    ticket_block_size,
)
from hall_app.domain.masking import scrub
from hall_app.domain.roles import Permission, Role
from hall_app.services import replay
from hall_app.services.calendar import CalendarService
from hall_app.services.conflict_settle import (
    OUTCOMES,
    SETTLE_KINDS,
    apply_offline,
    apply_state,
    close_earlier_calls,
    manual_state,
)
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.followups import FollowUpService
from hall_app.services.guard import guarded
from hall_app.services.incidents import (  # noqa: F401  (re-exported: one place to import from)
    KIT_OWNER,
    BackEntry,
    IncidentDesk,
    IncidentView,
    _county,
    format_block_number,
    require_any,
)
from hall_app.services.journal_guard import (
    JournalGuard,
    ReconcileReport,
    register_key,
)
from hall_app.services.offline_subjects import offline_subjects
from hall_app.services.sequences import take_block
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.changes import announce_change
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


@dataclass(frozen=True)
class ConflictView:
    key: str
    kind: str
    reference: str
    terminal: str
    original_at: dt.datetime
    staff_no: str
    detail: str
    outcome: str
    settleable: bool = False  # its offline outcome can be applied (a ticket move)


def reconcile_job(terminal: str) -> Actor:
    """An operator's merge without a login: the system job ``fallback_reconcile``."""
    return Actor.system("fallback_reconcile", terminal, Permission.SERVE_AT_WINDOW)


class FallbackService(IncidentDesk):
    def __init__(
        self,
        ctx: ServiceContext,
        calendar: CalendarService,
        followups: FollowUpService,
        plan: EmergencyPlan | None = None,
    ) -> None:
        self.ctx = ctx
        self.calendar = calendar
        self.followups = followups
        self._plan = plan

    @property
    def plan(self) -> EmergencyPlan:
        if self._plan is None:
            self._plan = load_plan()
        return self._plan

    # ------------------------------------------------------------ connection

    def probe(self) -> None:
        """One round trip to the server; raises DatabaseUnavailable when it is gone."""
        with self.ctx.db.read() as s:
            s.execute(text("SELECT 1"))

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

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def reconcile(
        self,
        journal: Journal,
        actor: Actor,
        *,
        stop: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ReconcileReport:
        """Replay the journal's pending records into the server, oldest first.

        Safe to run twice (each record's key is kept on the server in the same transaction),
        safe to stop (``stop`` returns True, or the server goes away): the rest stays pending.
        """
        started = time.perf_counter()
        report = ReconcileReport()
        pending = journal.records("pending")
        terminal = journal.get("terminal") or self.ctx.terminal
        try:
            guard = JournalGuard(self.ctx, journal, terminal)
            report.refused += [("", message) for message in guard.new_gaps(actor)]
            pending = guard.with_cleared(pending)
        except DatabaseError as exc:
            report.error, pending = exc.message, []
        for index, record in enumerate(pending):
            if stop is not None and stop():
                break
            try:
                refusal = guard.refusal(record)
                if refusal is not None:  # forged, unsigned, another terminal's: never replayed
                    guard.refuse(actor, record, refusal)
                    report.refused.append((record.reference, refusal.message))
                    continue
                outcome, detail = self._replay_one(record, terminal, actor)
            except DatabaseError as exc:
                report.error = exc.message
                break
            if outcome == "already":
                report.already += 1
                journal.mark(record.key, "merged", detail)
            elif outcome == "conflict":
                report.conflicts.append((record.reference, detail))
                journal.mark(record.key, "conflict", detail)
            else:
                report.merged += 1
                journal.mark(record.key, "merged")
            if progress is not None:
                progress(index + 1, len(pending))
        report.left = journal.pending_count()
        report.seconds = time.perf_counter() - started
        if report.merged or report.conflicts:
            log.info("journal reconciled: %s", report.summary())
        return report

    def _replay_one(self, record: Any, terminal: str, actor: Actor) -> tuple[str, str]:
        try:
            return self._replay_write(record, terminal, actor)
        except DatabaseError as error:
            # another reconciliation of the same journal (the GUI's and an operator's CLI)
            # merged this record in the meantime: the session wrapper turned the unique-key
            # violation into a DatabaseError, so ask the server whether the key is there now
            if self._merged_elsewhere(record.key):
                return "already", ""
            if type(error) is not DatabaseError:  # gone, locked, full: not a key to retry
                raise
            # or another terminal's merge created the same ticket meanwhile (all terminals
            # merge at once when the server is back: window 1 the reception S-ticket it
            # served, reception its issue): replayed once more, the record now finds it
            return self._replay_write(record, terminal, actor)

    def _merged_elsewhere(self, key: str) -> bool:
        try:
            with self.ctx.db.read() as s:
                return (
                    s.scalar(select(m.FallbackRecord.id).where(m.FallbackRecord.key == key))
                    is not None
                )
        except DatabaseError:
            return False

    def _replay_write(self, record: Any, terminal: str, actor: Actor) -> tuple[str, str]:
        with self.ctx.db.write() as s:
            if s.scalar(select(m.FallbackRecord.id).where(m.FallbackRecord.key == record.key)):
                # a replay of a merged record (a crash before the local mark, or a record set
                # back to pending or copied into another journal): never written twice
                audit(
                    s,
                    self.ctx,
                    actor,
                    "offline_duplicate",
                    "journal",
                    None,
                    kind=record.kind,
                    reference=record.reference,
                    key=record.key,
                    terminal=terminal,
                )
                return "already", "已拒绝：此记录此前已合并，重复提交未再写入"
            outcome, detail, applied = "merged", "", replay.Applied("", None)
            # a savepoint: a conflicting record leaves nothing behind but its own note
            nested = s.begin_nested()
            try:
                applied = self._apply(s, record.kind, record.payload, terminal, record.staff_no)
                nested.commit()
            except replay.Conflict as conflict:
                nested.rollback()
                outcome, detail = "conflict", conflict.message
            s.add(
                m.FallbackRecord(
                    key=record.key,
                    source="journal",
                    terminal=terminal,
                    incident_id=self._incident_at(s, record.at),
                    kind=record.kind,
                    reference=record.reference,
                    original_at=record.at,
                    staff_no=record.staff_no,
                    entered_at=self.ctx.now(),
                    entered_by=actor.staff_id,
                    outcome=outcome,
                    detail=detail,
                    entity=applied.entity,
                    entity_id=applied.entity_id,
                    payload=json.dumps(record.payload, ensure_ascii=False, default=str)
                    if outcome == "conflict" and record.kind in SETTLE_KINDS
                    else None,
                )
            )
            audit(
                s,
                self.ctx,
                actor,
                f"offline_{outcome}",
                applied.entity or "journal",
                applied.entity_id,
                kind=record.kind,
                reference=record.reference,
                original_at=record.at.isoformat(),
                terminal=terminal,
            )
            if record.kind.startswith("ticket_") or outcome == "conflict":
                announce_change(s)
            return outcome, detail

    def _apply(
        self, s: Session, kind: str, payload: dict[str, Any], terminal: str, staff_no: str
    ) -> replay.Applied:
        staff = replay.staff_id(s, staff_no)
        if kind in ("offline_enter", "offline_leave"):
            return replay.Applied("terminal", None, payload.get("reason", ""))
        if kind == "ticket_issue":
            return replay.ticket_issue(s, payload, terminal, staff)
        if kind == "ticket_adopt":
            return replay.ticket_adopt(s, payload, terminal)
        if kind in replay.MOVE_KINDS:
            return replay.ticket_move(s, kind, payload, staff)
        if staff is None:
            raise replay.Conflict(f"工号 {staff_no} 在服务器上不存在")
        if kind == "offline_login":  # a local login at a cold start (services/local_cache.py)
            audit(
                s,
                self.ctx,
                self._actor(s, staff, terminal),
                "offline_login",
                "staff",
                staff,
                terminal=terminal,
                window=payload.get("window"),
                original_at=payload.get("at"),
            )
            return replay.Applied("staff", staff)
        if kind == "rating":
            applied, ticket, row = replay.rating(s, payload)
            self.followups.follow_bad_rating(s, self._actor(s, staff, terminal), row, ticket.number)
            return applied
        if kind == "inquiry":
            return replay.inquiry(s, payload, staff)
        if kind == "notice":
            return replay.notice(s, payload, staff)
        if kind == "case":
            return replay.case(s, payload, staff)
        raise replay.Conflict(f"未知的记录类型 {kind}")

    @staticmethod
    def _actor(s: Session, staff: int, terminal: str) -> Actor:
        row = s.get_one(m.Staff, staff)
        return Actor(row.id, row.staff_no, row.name, Role(row.role), terminal)

    @staticmethod
    def _incident_at(s: Session, moment: dt.datetime) -> int | None:
        return s.scalar(
            select(m.Incident.id)
            .where(
                m.Incident.started_at <= moment,
                (m.Incident.ended_at.is_(None)) | (m.Incident.ended_at >= moment),
            )
            .order_by(m.Incident.id.desc())
            .limit(1)
        )

    def conflicts(
        self, *, open_only: bool = True, incident: str | None = None, terminal: str | None = None
    ) -> list[ConflictView]:
        """Journal records a person must look at (those of one incident or terminal, if given)."""
        with self.ctx.db.read() as s:
            q = select(m.FallbackRecord).where(
                m.FallbackRecord.outcome.in_(
                    ("conflict",) if open_only else ("conflict", "resolved")
                )
            )
            if incident is not None:
                q = q.where(m.FallbackRecord.incident_id == self._incident(s, incident).id)
            if terminal is not None:
                q = q.where(m.FallbackRecord.terminal == terminal)
            return [
                ConflictView(
                    r.key,
                    r.kind,
                    r.reference,
                    r.terminal,
                    r.original_at,
                    r.staff_no,
                    r.detail,
                    r.outcome,
                    r.kind in SETTLE_KINDS and r.payload is not None,
                )
                for r in s.scalars(q.order_by(m.FallbackRecord.original_at))
            ]

    def open_conflicts(self, terminal: str) -> int:
        """How many of this terminal's offline records wait for a supervisor (the server's
        count: what the terminal's banner and ``fallback status`` show)."""
        with self.ctx.db.read() as s:
            return (
                s.scalar(
                    select(func.count()).where(
                        m.FallbackRecord.terminal == terminal,
                        m.FallbackRecord.outcome == "conflict",
                    )
                )
                or 0
            )

    @guarded(Permission.DECLARE_INCIDENT)
    def resolve(
        self, actor: Actor, key: str, note: str, outcome: str = "online", state: str | None = None
    ) -> str:
        """A supervisor settles a conflict: the offline outcome, the online one, or a state set
        by hand, with a reason; the choice is applied to the ticket. Returns the ticket's state
        afterwards ("" when no ticket was changed)."""
        reason = note.strip()
        if not reason:
            raise InvalidInput("请写明如何处理了这条冲突（处理原因）")
        if outcome not in OUTCOMES:
            raise InvalidInput(f"处理方式「{outcome}」无效，应为 offline、online 或 state")
        target = manual_state(state or "") if outcome == "state" else None
        with self.ctx.db.write() as s:
            row = s.scalar(
                select(m.FallbackRecord).where(m.FallbackRecord.key == key).with_for_update()
            )
            if row is None or row.outcome != "conflict":
                raise NotFound("没有这条待处理的冲突（可能已被他人处理）")
            ticket = None
            if outcome == "offline":
                ticket = apply_offline(s, row)
            elif target is not None:
                ticket = apply_state(s, row, target, self.ctx.now())
            row.outcome = "resolved"
            row.detail = f"{row.detail}\n处理（{OUTCOMES[outcome]}）：{scrub(reason)}"
            also = close_earlier_calls(
                s, row, f"处理：随此号票的{RECORD_KINDS.get(row.kind, row.kind)}记录一并处理"
            )
            if ticket is not None:
                row.entity, row.entity_id = "ticket", ticket.id
            audit(
                s,
                self.ctx,
                actor,
                "conflict_resolve",
                "fallback_record",
                row.id,
                reference=row.reference,
                outcome=outcome,
                state=ticket.state if ticket is not None else "",
                reason=scrub(reason),
                calls_closed=also,
            )
            announce_change(s, "conflict")
            return ticket.state if ticket is not None else ""
