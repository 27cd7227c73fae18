"""The hall-wide incident on the server side (a mixin of ``FallbackService``): declaration,
checklist, emergency kit, back-entry from paper (补录, in ``back_entry``), voiding, the ledger
and closing; with the views and helpers they share with the rest of the fallback (re-exported
there).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.fallback import (
    Ledger,
    match_ledger,
)
from hall_app.domain.incident_rules import skipped_steps
from hall_app.domain.masking import scrub
from hall_app.domain.roles import Permission
from hall_app.services.back_entry import BackEntryDesk
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.followups import FollowUpService
from hall_app.services.guard import guarded
from hall_app.services.incident_base import require_any  # noqa: F401  (re-exported)
from hall_app.services.incident_views import BackEntry, IncidentView  # noqa: F401  (re-exported)
from hall_app.services.kit import (  # noqa: F401  (re-exported)
    KIT_OWNER,
    KitDesk,
    _county,
    format_block_number,
    kit_printed,
)
from hall_app.services.sequences import next_value
from hall_app.store import models as m
from hall_app.store.changes import announce_change

log = logging.getLogger("hall_app.fallback")


class IncidentDesk(BackEntryDesk):
    """The incident's use cases; ``FallbackService`` supplies ``ctx``, ``calendar``,
    ``followups``, ``plan`` and the block reservation and replay (``_reserve``, ``_apply``)."""

    ctx: ServiceContext
    calendar: CalendarService
    followups: FollowUpService

    def current_incident(self) -> IncidentView | None:
        with self.ctx.db.read() as s:
            row = s.scalar(
                select(m.Incident)
                .where(m.Incident.ended_at.is_(None))
                .order_by(m.Incident.id.desc())
                .limit(1)
            )
            return self._incident_view(s, row) if row else None

    def incident(self, number: str) -> IncidentView:
        with self.ctx.db.read() as s:
            return self._incident_view(s, self._incident(s, number))

    def incidents(self, limit: int = 50) -> list[IncidentView]:
        with self.ctx.db.read() as s:
            rows = s.scalars(select(m.Incident).order_by(m.Incident.id.desc()).limit(limit))
            return [self._incident_view(s, r) for r in rows]

    @guarded(Permission.DECLARE_INCIDENT)
    def declare(
        self,
        actor: Actor,
        cause: str,
        *,
        scope: str = "全厅",
        started_at: dt.datetime | None = None,
        public_notice: str = "",
        substitutes: str = "",
    ) -> IncidentView:
        """A supervisor switches the hall to manual work."""
        if not cause.strip():
            raise InvalidInput("请填写事件原因（如：网络中断、服务器故障、收费系统故障）")
        now = self.ctx.now()
        started = started_at or now
        if started > now + dt.timedelta(minutes=1):
            raise InvalidInput("事件开始时间不能晚于现在")
        if now - started > dt.timedelta(hours=12):
            raise InvalidInput("事件开始时间早于 12 小时前，请核对")
        with self.ctx.db.write() as s:
            if s.scalar(select(m.Incident.id).where(m.Incident.ended_at.is_(None))):
                raise NotAllowed("已有未结束的应急事件，请先结束它")
            day = self.ctx.local(started).date()
            seq = next_value(s, self.ctx.db.dialect, m.DocumentCounter, kind="YJ", service_date=day)
            row = m.Incident(
                number=f"YJ-{day:%Y%m%d}-{seq:02d}",
                cause=cause.strip(),
                scope=scope.strip()[:100],
                started_at=started,
                declared_at=now,
                declared_by=actor.staff_id,
                public_notice=public_notice.strip(),
                substitutes=substitutes.strip(),
            )
            s.add(row)
            s.flush()
            audit(
                s,
                self.ctx,
                actor,
                "incident_declare",
                "incident",
                row.id,
                number=row.number,
                cause=row.cause,
            )
            announce_change(s)
            return self._incident_view(s, row)

    @guarded(Permission.DECLARE_INCIDENT)
    def update_incident(
        self,
        actor: Actor,
        number: str,
        *,
        public_notice: str | None = None,
        substitutes: str | None = None,
    ) -> IncidentView:
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            if public_notice is not None:
                row.public_notice = public_notice.strip()
            if substitutes is not None:
                row.substitutes = substitutes.strip()
            audit(s, self.ctx, actor, "incident_update", "incident", row.id)
            return self._incident_view(s, row)

    @guarded(Permission.DECLARE_INCIDENT)
    def tick_step(
        self, actor: Actor, number: str, step: str, done: bool = True, note: str = ""
    ) -> IncidentView:
        if step not in {x.id for x in self.plan.steps}:
            raise NotFound(f"应急预案中没有步骤 {step}")
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            existing = s.get(m.IncidentStep, (row.id, step))
            if done and existing is None:
                s.add(
                    m.IncidentStep(
                        incident_id=row.id,
                        step=step,
                        done_at=self.ctx.now(),
                        done_by=actor.staff_id,
                        note=note.strip(),
                    )
                )
            elif not done and existing is not None:
                s.delete(existing)
            audit(s, self.ctx, actor, "incident_step", "incident", row.id, step=step, done=done)
            s.flush()
            return self._incident_view(s, row)

    def ledger(self, number: str) -> Ledger:
        """Every paper number of the kit: entered, voided, or still outstanding."""
        with self.ctx.db.read() as s:
            incident = self._incident(s, number)
            return self._ledger(s, incident)

    def _ledger(self, s: Session, incident: m.Incident) -> Ledger:
        reserved = self._kit_reserved(s, incident)  # the numbers of the kits used in it
        rows = s.execute(
            select(
                m.FallbackRecord.source, m.FallbackRecord.kind, m.FallbackRecord.reference
            ).where(
                m.FallbackRecord.incident_id == incident.id,
                m.FallbackRecord.source.in_(("paper", "void")),
            )
        ).all()
        return match_ledger(
            reserved,
            [(k, r) for src, k, r in rows if src == "paper"],
            [(k, r) for src, k, r in rows if src == "void"],
        )

    @guarded(Permission.DECLARE_INCIDENT)
    def close(
        self,
        actor: Actor,
        number: str,
        review: str,
        *,
        override: str = "",
        skipped: Mapping[str, str] | None = None,
    ) -> IncidentView:
        """End the incident: its duration and what was handled by hand are recorded. The
        paper ledger must balance, or the supervisor says why it does not; each step of the
        plan left unticked needs its own reason (``skipped``: step id → reason), kept in the
        summary and audited step by step."""
        if not review.strip():
            raise InvalidInput("请填写事件复盘（原因、影响、处理经过）")
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            if row.ended_at is not None:
                raise NotAllowed("该应急事件已结束")
            ledger = self._ledger(s, row)
            if not ledger.balanced and not override.strip():
                raise NotAllowed(
                    f"还有 {len(ledger.outstanding_numbers)} 个纸质号码既未补录也未作废"
                    f"（如 {'、'.join(ledger.outstanding_numbers[:3])}），请补录或作废，"
                    "或填写未平账的原因"
                )
            conflicts = (
                s.scalar(
                    select(func.count()).where(
                        m.FallbackRecord.incident_id == row.id,
                        m.FallbackRecord.outcome == "conflict",
                    )
                )
                or 0
            )
            if conflicts and not override.strip():
                raise NotAllowed(f"还有 {conflicts} 条离线记录冲突未处理")
            done = s.scalars(
                select(m.IncidentStep.step).where(m.IncidentStep.incident_id == row.id)
            )
            reasons = {
                step: scrub(reason)
                for step, reason in skipped_steps(self.plan, done, skipped or {}).items()
            }
            now = self.ctx.now()
            counts = dict(
                s.execute(
                    select(m.FallbackRecord.source, func.count())
                    .where(m.FallbackRecord.incident_id == row.id)
                    .group_by(m.FallbackRecord.source)
                ).all()
            )
            row.ended_at, row.closed_by = now, actor.staff_id
            row.review = review.strip()
            row.summary = json.dumps(
                {
                    "minutes": round((now - row.started_at).total_seconds() / 60),
                    "paper": {line.kind: line.entered for line in ledger.lines},
                    "voided": sum(line.voided for line in ledger.lines),
                    "journal": counts.get("journal", 0),
                    "outstanding": len(ledger.outstanding_numbers),
                    "override": override.strip(),
                    "skipped": reasons,
                },
                ensure_ascii=False,
            )
            for step, reason in reasons.items():
                audit(
                    s,
                    self.ctx,
                    actor,
                    "incident_step_skipped",
                    "incident",
                    row.id,
                    step=step,
                    reason=reason,
                )
            audit(
                s,
                self.ctx,
                actor,
                "incident_close",
                "incident",
                row.id,
                number=row.number,
                skipped=len(reasons),
            )
            announce_change(s)
            return self._incident_view(s, row)
