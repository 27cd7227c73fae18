"""What the incident's parts share (``IncidentDesk`` and ``BackEntryDesk``): finding an
incident, the view of one, and who may do another desk's work offline."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import NotAllowed, NotFound
from hall_app.domain.masking import normalize_phone
from hall_app.domain.roles import Permission
from hall_app.services import replay
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext
from hall_app.services.followups import FollowUpService
from hall_app.services.incident_views import IncidentView
from hall_app.services.kit import KitDesk, kit_printed
from hall_app.store import models as m

log = logging.getLogger("hall_app.fallback")


class IncidentBase(KitDesk):
    """The incident's use cases; ``FallbackService`` supplies ``ctx``, ``calendar``,
    ``followups``, ``plan`` and the block reservation and replay (``_reserve``, ``_apply``)."""

    ctx: ServiceContext
    calendar: CalendarService
    followups: FollowUpService

    # ------------------------------------------------------------ helpers

    def _apply(  # pragma: no cover - FallbackService's (the replay of one record)
        self, s: Session, kind: str, payload: dict[str, Any], terminal: str, staff_no: str
    ) -> replay.Applied:
        raise NotImplementedError

    def _incident(self, s: Session, number: str) -> m.Incident:
        row = s.scalar(select(m.Incident).where(m.Incident.number == number.strip().upper()))
        if row is None:
            raise NotFound(f"没有编号为 {number} 的应急事件")
        return row

    def _open_incident(self, s: Session, number: str) -> m.Incident:
        row = self._incident(s, number)
        if row.ended_at is not None:
            raise NotAllowed(
                f"应急事件 {row.number} 已结束，不能再补录或作废；如有遗漏请联系值班长"
            )
        return row

    def _incident_view(self, s: Session, row: m.Incident) -> IncidentView:
        staff = dict(s.execute(select(m.Staff.id, m.Staff.name)).all())
        steps = {
            x.step: (x.done_at, staff.get(x.done_by, ""))
            for x in s.scalars(select(m.IncidentStep).where(m.IncidentStep.incident_id == row.id))
        }
        printed = kit_printed(s, row.id)
        return IncidentView(
            row.number,
            row.cause,
            row.scope,
            row.started_at,
            staff.get(row.declared_by, ""),
            row.ended_at,
            row.public_notice,
            row.substitutes,
            steps,
            printed,
            row.review,
            json.loads(row.summary) if row.summary else {},
        )


def require_any(actor: Actor, *permissions: Permission) -> None:
    """Offline and at back-entry, windows and reception do each other's work."""
    if not any(actor.may(p) for p in permissions):
        actor.require(permissions[0])


def _phone(text: str) -> str:
    return normalize_phone(text) if text.strip() else ""
