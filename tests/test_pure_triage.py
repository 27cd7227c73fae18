"""Pure tests of triage: the lane a new ticket waits in and its priority."""

from __future__ import annotations

from hall_app.domain.tickets import Priority
from hall_app.domain.triage import LaneRef, Placement, place

A = LaneRef(1, "A", False)
L = LaneRef(9, "L", True)


def test_a_green_lane_subject_waits_there_as_green() -> None:
    assert place(L, green=False, green_lane=L) == Placement(L, L, Priority.GREEN)
    assert place(L, green=True, green_lane=None) == Placement(L, L, Priority.GREEN)


def test_a_green_ticket_waits_in_the_green_lane_keeping_its_category() -> None:
    assert place(A, green=True, green_lane=L) == Placement(L, A, Priority.GREEN)
    assert place(A, green=True, green_lane=None) == Placement(A, A, Priority.GREEN)


def test_an_ordinary_ticket_waits_in_its_category() -> None:
    assert place(A, green=False, green_lane=L) == Placement(A, A, Priority.NORMAL)
