"""Where a new ticket waits under today's overflow remedies (``domain.overflow_remedy``),
read inside the issuing transaction (``TicketService.issue_in``). No permission of its own:
the ticket's issue checks ``issue_ticket``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hall_app.domain.overflow_remedy import (
    DeclinedOffer,
    RemedyFacts,
    RemedyKind,
    Routing,
    diverted_note,
    insisted_note,
    route,
)
from hall_app.store.models import Bundle, BundleItem, Category, OverflowRemedy


@dataclass(frozen=True)
class Routed:
    """What the remedies change of a ticket: its lane (None: unchanged) and its mark."""

    lane_id: int | None = None
    remedy_id: int | None = None
    note: str = ""
    routing: Routing | None = None


def remedies_in_force(s: Session, day: dt.date, at: dt.datetime) -> list[RemedyFacts]:
    rows = s.scalars(
        select(OverflowRemedy).where(
            OverflowRemedy.service_date == day,
            OverflowRemedy.lifted_at.is_(None),
            OverflowRemedy.starts_at <= at,
        )
    )
    return [facts_of(r) for r in rows]


def facts_of(row: OverflowRemedy) -> RemedyFacts:
    return RemedyFacts(
        row.id, row.lane, RemedyKind(row.kind), row.starts_at, row.ends_at, row.lifted_at
    )


def in_a_bundle(s: Session, item_id: int | None, bundle_id: int | None) -> bool:
    """A bundle ticket, or an item of an active 一件事."""
    if bundle_id is not None:
        return True
    if item_id is None:
        return False
    found = s.scalar(
        select(BundleItem.item_id)
        .join(Bundle, Bundle.id == BundleItem.bundle_id)
        .where(BundleItem.item_id == item_id, Bundle.active)
        .limit(1)
    )
    return found is not None


def route_subject(
    s: Session,
    remedies: list[RemedyFacts],
    at: dt.datetime,
    category_id: int,
    item_id: int | None,
    bundle_id: int | None,
    *,
    green: bool,
    appointment: bool,
) -> tuple[Routing, Category, Category | None]:
    """The rule applied to a subject of lane ``category_id``: the routing, the subject's own
    lane and the lane it goes to (None when that lane is not active)."""
    lanes = {c.id: c for c in s.scalars(select(Category).where(Category.active))}
    own = lanes[category_id]
    routing = route(
        remedies,
        at=at,
        lane=own.code,
        in_bundle=in_a_bundle(s, item_id, bundle_id),
        green=green,
        appointment=appointment,
    )
    target = next((c for c in lanes.values() if c.code == routing.lane), None)
    return routing, own, target


def routing_in(
    s: Session,
    *,
    day: dt.date,
    at: dt.datetime,
    category_id: int,
    item_id: int | None,
    bundle_id: int | None,
    green: bool,
    appointment: bool,
    declined: DeclinedOffer | None = None,
) -> Routed:
    """The ticket's lane and mark under the remedies in force at ``at``; a declined booking
    offer (the walk-in insisted) is counted on its remedy in the same transaction."""
    remedies = remedies_in_force(s, day, at)
    if not remedies or green or appointment:
        return Routed()
    routing, lane, target = route_subject(
        s, remedies, at, category_id, item_id, bundle_id, green=green, appointment=appointment
    )
    if target is None:  # no active 综合受理 lane: the ticket stays in its own
        return Routed(routing=Routing(lane.code))
    note, remedy_id = "", routing.diverted_by
    if routing.diverted_from is not None:
        note = diverted_note(lane.name, target.name)
    if declined is not None and routing.offer_booking:
        counted = s.execute(
            update(OverflowRemedy)
            .where(OverflowRemedy.id == declined.remedy_id)
            .values(offered=OverflowRemedy.offered + 1, insisted=OverflowRemedy.insisted + 1)
        )
        if counted.rowcount:  # type: ignore[attr-defined]
            remedy_id = declined.remedy_id
            note = "；".join(x for x in (note, insisted_note(declined.day, declined.start)) if x)
    lane_id = target.id if target.id != category_id else None
    return Routed(lane_id, remedy_id, note, routing)
