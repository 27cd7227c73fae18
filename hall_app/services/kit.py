"""The emergency kit on the server side (a mixin of ``IncidentDesk``): recording and printing
a kit (with or without an open incident), a terminal's standing kit for printing offline,
choosing the common items for its blank documents, mapping a paper number typed at
back-entry to one of the kits used in the incident, and the kits' numbers for the ledger.

A kit's numbers carry its kit number, not a date (``domain/kit_numbers.py``): a kit printed
on 30 December and used on 2 January enters its tickets under 2 January.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.fallback import (
    PAPER_BLOCK,
    PAPER_KINDS,
    TICKET,
    EmergencyPlan,
    parse_ticket_number,
    ticket_number,
)
from hall_app.domain.kit_numbers import (
    KitRanges,
    fresh_ranges,
    resolve_serial,
    resolve_ticket,
)
from hall_app.domain.roles import Permission
from hall_app.domain.serials import Serial, parse_serial
from hall_app.printing.kit import KitData
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.kit_content import (  # noqa: F401  (re-exported)
    KIT_TEMPLATE,
    STANDING_KIT,
    _item_json,
    kit_data,
    offline_kit,
)
from hall_app.services.notices import NoticesMixin
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.journal import Journal

KIT_OWNER = "kit"


def format_block_number(kind: str, county: str, day: dt.date, sequence: int) -> str:
    """A date-bound number of an incident's kit printed before kit numbers (legacy)."""
    return ticket_number(sequence) if kind == TICKET else str(Serial(kind, county, day, sequence))


def _county(s: Session) -> str:
    return load_settings(s).code


def kit_ranges(row: m.Kit) -> KitRanges:
    return KitRanges.from_json(row.number, json.loads(row.ranges))


def kits_of(s: Session, incident_id: int) -> list[m.Kit]:
    """The kits printed for, or used in, one incident (the ledger's and the console's)."""
    return list(
        s.scalars(select(m.Kit).where(m.Kit.incident_id == incident_id).order_by(m.Kit.number))
    )


def kit_printed(s: Session, incident_id: int) -> bool:
    """Whether the incident has a kit: one printed for it or taken from the drawer for it,
    or (before kit numbers) number blocks reserved for it. A kit still in the drawer is
    not the incident's until it is taken (``use_kit``) or one of its numbers is entered."""
    return bool(kits_of(s, incident_id)) or bool(
        s.scalar(select(m.NumberBlock.id).where(m.NumberBlock.incident_id == incident_id).limit(1))
    )


def drawer_kits(s: Session) -> list[int]:
    """Numbers of the kits printed in advance and not yet used in any incident."""
    return list(
        s.scalars(
            select(m.Kit.number)
            .where(m.Kit.incident_id.is_(None), m.Kit.printed_at.is_not(None))
            .order_by(m.Kit.number)
        )
    )


class KitDesk:
    """The kit's use cases; ``FallbackService`` supplies ``ctx`` and ``plan``, and
    ``IncidentDesk`` ``_incident``."""

    ctx: ServiceContext

    @property
    def plan(self) -> EmergencyPlan:  # pragma: no cover - FallbackService's
        raise NotImplementedError

    def _incident(self, s: Session, number: str) -> m.Incident:  # pragma: no cover
        raise NotImplementedError  # IncidentBase's

    def _sizes(self, items: int) -> dict[str, int]:
        sizes = self.plan.kit
        return {
            TICKET: sizes.tickets,
            "SW": sizes.inquiries,
            "SL": sizes.cases,
            "BZ": items * sizes.slips_per_item,
            "BY": items,
        }

    def _new_kit(self, s: Session, owner: str, actor: Actor, items: int) -> m.Kit:
        """A kit with the next kit number; its numbers are 1…n of each kind."""
        number = (s.scalar(select(func.max(m.Kit.number))) or 0) + 1
        ranges = fresh_ranges(number, self._sizes(items))
        row = m.Kit(
            number=number,
            owner=owner,
            ranges=json.dumps(ranges.to_json()),
            reserved_at=self.ctx.now(),
            reserved_by=actor.staff_id,
            printed_by="",
        )
        s.add(row)
        s.flush()
        audit(
            s,
            self.ctx,
            actor,
            "kit_reserve",
            "kit",
            row.id,
            number=number,
            owner=owner,
            ranges=ranges.to_json(),
        )
        return row

    def _template(self, s: Session) -> dict[str, Any]:
        hall = load_settings(s)
        items = self._common_subjects(s, self.plan.kit.slip_items)
        court = hall.court

        def remedies(item: m.ServiceItem) -> tuple[str, str]:  # as the online notice names them
            return NoticesMixin._reconsideration_body(s, hall, [item]), court

        return {
            "hall": hall.stored(),
            "county": hall.code,
            "items": [_item_json(item, volume, remedies(item)) for item, volume in items],
        }

    @guarded(Permission.DECLARE_INCIDENT)
    def kit(self, actor: Actor, number: str | None = None) -> KitData:
        """Print a kit. For an open incident: the kit printed for it, again with the same
        numbers, or a new one; without an incident: a new kit for the drawer, valid on any
        day. Every kit is recorded on the server with its number and ranges."""
        printed_by = f"{actor.name}（{actor.staff_no}）"
        with self.ctx.db.write() as s:
            row = self._incident(s, number) if number else None
            if row is not None and row.ended_at is not None:
                raise NotAllowed("该应急事件已结束")
            template = self._template(s)
            printed = (
                s.scalar(
                    select(m.Kit)
                    .where(m.Kit.incident_id == row.id, m.Kit.owner == KIT_OWNER)
                    .order_by(m.Kit.id)
                    .limit(1)
                )
                if row is not None
                else None
            )
            kit = printed or self._new_kit(s, KIT_OWNER, actor, len(template["items"]))
            if printed is None:
                kit.printed_at, kit.printed_by = self.ctx.now(), printed_by
                kit.incident_id = row.id if row is not None else None
            audit(
                s,
                self.ctx,
                actor,
                "incident_kit",
                "kit",
                kit.id,
                kit=kit.number,
                incident=row.number if row is not None else "",
                reprint=printed is not None,
            )
            incident = (
                {
                    "number": row.number,
                    "declared_at": self.ctx.local(row.declared_at),
                    "cause": row.cause,
                }
                if row is not None
                else None
            )
            return kit_data(
                template,
                kit_ranges(kit),
                self.plan.kit.slips_per_item,
                printed_by=kit.printed_by,
                printed_at=self.ctx.local(kit.printed_at or self.ctx.now()),
                incident=incident,
            )

    def kits(self, number: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """For the incident console: the kits the incident uses (printed for it, taken from
        the drawer, or with a number entered) and the kits still in the drawer."""
        with self.ctx.db.read() as s:
            row = self._incident(s, number)
            return tuple(k.number for k in kits_of(s, row.id)), tuple(drawer_kits(s))

    @guarded(Permission.DECLARE_INCIDENT)
    def use_kit(self, actor: Actor, number: str, kit_no: int) -> None:
        """The supervisor takes a kit printed in advance out of the drawer for the incident:
        its numbers go into the incident's ledger from now on."""
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            if row.ended_at is not None:
                raise NotAllowed("该应急事件已结束")
            kit = s.scalar(select(m.Kit).where(m.Kit.number == kit_no).with_for_update())
            if kit is None:
                raise InvalidInput(f"没有编号为 K{kit_no:02d} 的应急包")
            if kit.incident_id not in (None, row.id):
                raise NotAllowed(f"应急包 K{kit_no:02d} 已在另一次应急事件中使用，不能再用")
            kit.incident_id = row.id
            audit(s, self.ctx, actor, "kit_use", "kit", kit.id, kit=kit_no, incident=row.number)

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def standing_kit(self, actor: Actor, journal: Journal) -> KitRanges:
        """At ``fallback prepare``: the terminal keeps a kit reserved on the server and what it
        needs to print it without the server (the hall, the common items). A standing kit
        printed offline since is reported printed here, and a fresh one is reserved."""
        held = json.loads(journal.get(STANDING_KIT) or "{}")
        with self.ctx.db.write() as s:
            template = self._template(s)
            row = s.scalar(select(m.Kit).where(m.Kit.number == held["number"])) if held else None
            if row is not None and held.get("printed_at"):
                row.printed_at = dt.datetime.fromisoformat(held["printed_at"])
                row.printed_by = held.get("printed_by", "")[:64]
                row = None
            if row is None or row.owner != actor.terminal or row.printed_at is not None:
                row = self._new_kit(s, actor.terminal, actor, len(template["items"]))
            ranges = kit_ranges(row)
        with journal.transaction() as conn:
            journal.put(
                conn,
                STANDING_KIT,
                json.dumps({"number": ranges.number, "ranges": ranges.to_json()}),
            )
            journal.put(
                conn,
                KIT_TEMPLATE,
                json.dumps(
                    {**template, "per_item": self.plan.kit.slips_per_item}, ensure_ascii=False
                ),
            )
        return ranges

    def _common_subjects(self, s: Session, count: int) -> list[tuple[m.ServiceItem, int]]:
        """The items the hall served most in the last 30 days (tickets and accepted cases per
        item), with their volume; catalog order only for the rest when there is too little
        history: their blank documents go into the kit."""
        if count <= 0:
            return []
        since = self.ctx.today() - dt.timedelta(days=30)
        start = dt.datetime.combine(since, dt.time(), self.ctx.tz)
        volume: dict[int, int] = {}
        for item, n in s.execute(
            select(m.Ticket.item_id, func.count())
            .where(m.Ticket.service_date >= since, m.Ticket.item_id.is_not(None))
            .group_by(m.Ticket.item_id)
        ):
            if item is not None:  # excluded by the query
                volume[item] = volume.get(item, 0) + n
        for item, n in s.execute(
            select(m.ServiceCase.item_id, func.count())
            .where(m.ServiceCase.accepted_at >= start, m.ServiceCase.item_id.is_not(None))
            .group_by(m.ServiceCase.item_id)
        ):
            if item is not None:  # excluded by the query
                volume[item] = volume.get(item, 0) + n
        active = set(s.scalars(select(m.ServiceItem.id).where(m.ServiceItem.active)))
        ranked = sorted((i for i in volume if i in active), key=lambda i: (-volume[i], i))[:count]
        items = [(s.get_one(m.ServiceItem, i), volume[i]) for i in ranked]
        if len(items) < count:
            more = s.scalars(
                select(m.ServiceItem)
                .where(m.ServiceItem.active, m.ServiceItem.id.not_in(ranked or [0]))
                .order_by(m.ServiceItem.id)
                .limit(count - len(items))
            )
            items += [(item, 0) for item in more]
        return items

    # ------------------------------------------------------------ back-entry and the ledger

    def _paper_number(self, s: Session, incident: m.Incident, kind: str, typed: str) -> str:
        """The typed number, normalised, and checked to be one of the numbers of the kits
        used in the incident; a kit still in a drawer (or a terminal's standing kit) becomes
        one of them with its first number entered."""
        if kind not in PAPER_BLOCK:
            raise InvalidInput(f"补录类型 {kind} 无效")
        if not typed.strip():
            raise InvalidInput("请填写纸质记录上的编号")
        if s.scalar(
            select(m.NumberBlock.id).where(m.NumberBlock.incident_id == incident.id).limit(1)
        ):
            return self._legacy_number(s, incident, kind, typed)
        block_kind, county = PAPER_BLOCK[kind], _county(s)
        used = kits_of(s, incident.id)
        free = list(
            s.scalars(select(m.Kit).where(m.Kit.incident_id.is_(None)).order_by(m.Kit.number))
        )

        def resolve(rows: list[m.Kit]) -> str:
            kits = [kit_ranges(r) for r in rows]
            if block_kind == TICKET:
                return resolve_ticket(typed, kits)
            return resolve_serial(block_kind, typed, kits, county)

        try:
            return resolve(used)
        except InvalidInput:
            if not free:
                raise
        reference = resolve(used + free)
        kit_no = (
            int(reference[1:].split("-")[0])
            if block_kind == TICKET
            else int(reference.split("-")[2][1:])
        )
        for row in free:
            if row.number == kit_no:
                row.incident_id = incident.id
        return reference

    def _legacy_number(self, s: Session, incident: m.Incident, kind: str, typed: str) -> str:
        """A date-bound number of a kit printed for the incident before kit numbers existed."""
        block_kind = PAPER_BLOCK[kind]
        cleaned = typed.strip().upper().replace("－", "-")
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

    def _kit_reserved(self, s: Session, incident: m.Incident) -> dict[str, list[str]]:
        """Every paper number of the kits used in the incident, per back-entry kind."""
        county = _county(s)
        reserved: dict[str, list[str]] = {}
        for kind, block_kind in PAPER_BLOCK.items():
            for row in kits_of(s, incident.id):
                reserved.setdefault(kind, []).extend(kit_ranges(row).numbers(block_kind, county))
        for b in s.scalars(
            select(m.NumberBlock)
            .where(m.NumberBlock.incident_id == incident.id)
            .order_by(m.NumberBlock.id)
        ):  # kits printed before kit numbers
            kind = next(k for k, v in PAPER_BLOCK.items() if v == b.kind)
            reserved.setdefault(kind, []).extend(
                format_block_number(b.kind, county, b.service_date, n)
                for n in range(b.first, b.last + 1)
            )
        return reserved
