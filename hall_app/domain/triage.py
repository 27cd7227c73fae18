"""Triage: which lane a new ticket waits in, and with what priority."""

from __future__ import annotations

from dataclasses import dataclass

from hall_app.domain.tickets import Priority


@dataclass(frozen=True)
class LaneRef:
    id: int
    prefix: str
    green_channel: bool


@dataclass(frozen=True)
class Placement:
    lane: LaneRef
    service_category: LaneRef
    priority: Priority


def place(subject_category: LaneRef, *, green: bool, green_lane: LaneRef | None) -> Placement:
    """Green-channel tickets wait in the green lane (L numbers) when the hall has one, keeping
    the item's own category so any window serving that category can call them first; other
    tickets wait in the category of their item, bundle or chosen category."""
    if subject_category.green_channel:
        return Placement(subject_category, subject_category, Priority.GREEN)
    if green:
        return Placement(green_lane or subject_category, subject_category, Priority.GREEN)
    return Placement(subject_category, subject_category, Priority.NORMAL)
