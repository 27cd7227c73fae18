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
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from hall_app.domain.errors import DatabaseError, InvalidInput, NotFound
from hall_app.domain.fallback import (
    RECORD_KINDS,
    EmergencyPlan,
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
from hall_app.services.fallback_prepare import (  # noqa: F401  (re-exported)
    FallbackPrepare,
    PrepareReport,
    ReserveView,
    load_plan,
)
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
)
from hall_app.store import models as m
from hall_app.store.changes import announce_change
from hall_app.store.journal import Journal

log = logging.getLogger("hall_app.fallback")


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


class FallbackService(FallbackPrepare):
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

    # ------------------------------------------------------------ connection

    def probe(self) -> None:
        """One round trip to the server; raises DatabaseUnavailable when it is gone."""
        with self.ctx.db.read() as s:
            s.execute(text("SELECT 1"))

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
