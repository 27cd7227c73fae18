"""The emergency kit on the server side (a mixin of ``IncidentDesk``): reserving and
printing a kit's paper numbers, choosing the common items for its slips, and mapping a
paper number typed at back-entry to one of the kit's numbers.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain import legal
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.fallback import (
    PAPER_BLOCK,
    PAPER_KINDS,
    TICKET,
    parse_ticket_number,
    ticket_number,
)
from hall_app.domain.materials import merge
from hall_app.domain.roles import Permission
from hall_app.domain.serials import Serial, parse_serial
from hall_app.printing.kit import KitData, KitSlip
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.documents import _line, _requirements
from hall_app.store import models as m

KIT_OWNER = "kit"


def format_block_number(kind: str, county: str, day: dt.date, sequence: int) -> str:
    return ticket_number(sequence) if kind == TICKET else str(Serial(kind, county, day, sequence))


def _county(s: Session) -> str:
    return s.scalar(select(m.HallSetting.value).where(m.HallSetting.key == "hall.code")) or "000000"


class KitDesk:
    """The kit's use cases; ``IncidentDesk`` supplies ``ctx``, ``plan``, ``_incident`` and
    ``_reserve``."""

    ctx: ServiceContext

    def kit(self, actor: Actor, number: str) -> KitData:
        """The emergency kit: its paper numbers are reserved once per incident, so printing
        it again prints the same numbers."""
        actor.require(Permission.DECLARE_INCIDENT)
        sizes = self.plan.kit
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            if row.ended_at is not None:
                raise NotAllowed("该应急事件已结束")
            county = _county(s)
            blocks = list(
                s.scalars(select(m.NumberBlock).where(m.NumberBlock.incident_id == row.id))
            )
            slips = self._common_subjects(s, sizes.slip_items)
            if not blocks:
                day = self.ctx.local(row.started_at).date()
                wanted = {
                    TICKET: sizes.tickets,
                    "SW": sizes.inquiries,
                    "SL": sizes.cases,
                    "BZ": len(slips) * sizes.slips_per_item,
                }
                blocks = [
                    self._reserve(s, kind, day, count, KIT_OWNER, actor, row.id)
                    for kind, count in wanted.items()
                    if count > 0
                ]
            numbers = {
                b.kind: [
                    format_block_number(b.kind, county, b.service_date, n)
                    for n in range(b.first, b.last + 1)
                ]
                for b in blocks
            }
            serials = iter(numbers.get("BZ", []))
            kit_slips = [
                KitSlip(
                    serial=serial,
                    item_code=item.code,
                    item_name=item.name,
                    department=item.department,
                    legal_basis=item.legal_basis,
                    promised_days=item.promised_limit_days,
                    materials=tuple(_line(r) for r in merge([(item.name, _requirements(item))])),
                    correction_basis=item.correction_basis
                    or legal.default_correction_basis(item.type),
                )
                for item in slips
                for _copy in range(sizes.slips_per_item)
                for serial in [next(serials, None)]
                if serial
            ]
            hall = {k: v for k, v in s.execute(select(m.HallSetting.key, m.HallSetting.value))}
            audit(
                s,
                self.ctx,
                actor,
                "incident_kit",
                "incident",
                row.id,
                blocks={b.kind: f"{b.first}-{b.last}" for b in blocks},
            )
            return KitData(
                hall_name=hall.get("hall.name", "政务服务中心"),
                hall_phone=hall.get("hall.phone", ""),
                complaint_phone=hall.get("hall.complaint_phone", "12345"),
                incident_no=row.number,
                declared_at=self.ctx.local(row.declared_at),
                cause=row.cause,
                ticket_numbers=tuple(numbers.get(TICKET, [])),
                inquiry_numbers=tuple(numbers.get("SW", [])),
                case_numbers=tuple(numbers.get("SL", [])),
                slips=tuple(kit_slips),
                printed_by=f"{actor.name}（{actor.staff_no}）",
            )

    def _common_subjects(self, s: Session, count: int) -> list[m.ServiceItem]:
        """The items most often served in the last 30 days (catalog order when there is no
        history yet): their material lists go on the kit's blank slips."""
        if count <= 0:
            return []
        since = self.ctx.today() - dt.timedelta(days=30)
        ranked = [
            row[0]
            for row in s.execute(
                select(m.Ticket.item_id, func.count())
                .where(m.Ticket.service_date >= since, m.Ticket.item_id.is_not(None))
                .group_by(m.Ticket.item_id)
                .order_by(func.count().desc(), m.Ticket.item_id)
                .limit(count)
            )
        ]
        items = [s.get_one(m.ServiceItem, i) for i in ranked]
        if len(items) < count:
            more = s.scalars(
                select(m.ServiceItem)
                .where(m.ServiceItem.active, m.ServiceItem.id.not_in(ranked or [0]))
                .order_by(m.ServiceItem.id)
                .limit(count - len(items))
            )
            items += list(more)
        return items

    def _paper_number(self, s: Session, incident: m.Incident, kind: str, typed: str) -> str:
        """The typed number, normalised, and checked to be one of the kit's paper numbers."""
        if kind not in PAPER_BLOCK:
            raise InvalidInput(f"补录类型 {kind} 无效")
        block_kind = PAPER_BLOCK[kind]
        cleaned = typed.strip().upper().replace("－", "-")
        if not cleaned:
            raise InvalidInput("请填写纸质记录上的编号")
        if block_kind == TICKET:
            sequence = parse_ticket_number(cleaned)
            cleaned = ticket_number(sequence)
        else:
            serial = parse_serial(cleaned)
            if serial.kind != block_kind:
                raise InvalidInput(f"{PAPER_KINDS[kind]}的编号应以 {block_kind} 开头")
            sequence, cleaned = serial.sequence, str(serial)
        day = self.ctx.local(incident.started_at).date()
        inside = s.scalar(
            select(m.NumberBlock.id).where(
                m.NumberBlock.incident_id == incident.id,
                m.NumberBlock.kind == block_kind,
                m.NumberBlock.service_date == day,
                m.NumberBlock.first <= sequence,
                m.NumberBlock.last >= sequence,
            )
        )
        if inside is None:
            raise InvalidInput(f"{cleaned} 不是本次应急包中预留的号码，请核对纸质记录")
        return cleaned
