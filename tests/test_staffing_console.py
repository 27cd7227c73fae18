"""The staffing view on a real database (SQLite and PostgreSQL): a lane surging with two
windows open is warned about, someone is called forward from the back office for it, the call
is checked forward and shown with its staff-hours, and a quiet hall gets neither."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hall_app.domain.errors import NotAllowed
from hall_app.domain.hallsim_run import CallIn
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login


def _items(hall: Hall, lane: str) -> list[str]:
    with hall.db.read() as s:
        return list(
            s.scalars(
                select(m.ServiceItem.code)
                .join(m.Category, m.Category.id == m.ServiceItem.category_id)
                .where(m.Category.code == lane)
                .order_by(m.ServiceItem.code)
            )
        )


def _surge(hall: Hall, clock: FakeClock, lane: str, people: int) -> None:
    """Every window open with its own clerk but window 4 (its clerk 1004 is away); then
    ``people`` tickets of ``lane`` in half-minute steps."""
    reception = login(hall, "2001")
    for window in range(1, 33):
        if window != 4:
            login(hall, str(1000 + window), window)
    items = _items(hall, lane)
    for k in range(people):
        hall.tickets.issue(reception, item_code=items[k % len(items)])
        clock.advance(seconds=30)


def test_a_surging_lane_is_warned_about_and_someone_is_called_forward(
    hall: Hall, clock: FakeClock
) -> None:
    _surge(hall, clock, "D", 60)
    view = hall.staffing.view()
    assert view.limit == 60
    assert view.planned_hours == 32 * 6.5  # the default rota: 7 h each, two 15-min breaks
    assert "内置到达曲线" in view.note  # no history in a fresh database: the shipped profile
    assert [w.lane for w in view.warnings] == ["D"]
    warning = view.warnings[0]
    assert warning.longest > 60 and "公安户政" in warning.text(view.limit)
    calls = [c for c in view.proposals if isinstance(c.advice.action, CallIn)]
    assert calls, [c.advice.text for c in (*view.proposals, *view.dropped)]
    first = calls[0]
    action = first.advice.action
    assert isinstance(action, CallIn)
    # the only one in the back office qualified for 户政, to the closed window that calls it
    assert (action.staff_no, action.window, action.lanes[0]) == ("1033", 4, "D")
    assert first.advice.lane == "D" and first.staff_hours > 0
    assert first.check.with_["D"].mean < first.check.without["D"].mean
    assert first.check.with_["D"].low <= first.check.with_["D"].mean <= first.check.with_["D"].high
    assert "请后台 1033 到 4号窗口" in first.advice.text


def test_a_quiet_hall_has_no_warning_and_no_call(hall: Hall, clock: FakeClock) -> None:
    reception = login(hall, "2001")
    for window in range(1, 33):  # every window open with its own clerk
        login(hall, str(1000 + window), window)
    hall.tickets.issue(reception, item_code=_items(hall, "C")[0])
    view = hall.staffing.view()
    assert view.warnings == ()
    assert not [c for c in view.proposals if isinstance(c.advice.action, CallIn)]
    assert view.seconds < 60  # it answers (the speed is measured by benchmarks/simulator.py)


def test_a_proposal_and_a_remedy_are_carried_out_with_their_figures(
    hall: Hall, clock: FakeClock
) -> None:
    _surge(hall, clock, "D", 60)
    view = hall.staffing.view()
    supervisor = login(hall, "3001")
    call = next(c for c in view.proposals if isinstance(c.advice.action, CallIn))
    clerk = login(hall, "1012", 12)
    with pytest.raises(NotAllowed):
        hall.staffing.apply(clerk, call)
    hall.staffing.apply(supervisor, call)
    changes = hall.rota.changes(hall.ctx.today())
    # 1004, whom the rota puts at window 4, is not there: off it, then 1033 called to it
    assert [(c.kind, c.window) for c in changes] == [("close", 4), ("call_in", 4)]
    figures = changes[-1].figures
    assert figures["p95_with"] < figures["p95_without"] and figures["staff_hours"] > 0
    assert figures["lane"] == "D" and "p95_with_D_low" in figures
    assert hall.queues.status().window(4).categories[0] == "D"
    # the remedy: reception offers bookings first from now, with the warning's figures
    warning = view.warnings[0]
    option = next(o for o in view.remedies if o.lane == "D" and o.kind == "booking_first")
    assert option.with_.mean < option.without.mean and "预约" in option.text
    remedy = hall.staffing.apply_remedy(supervisor, option, warning, view.limit)
    active = hall.remedies.active(lane="D")
    assert [r.id for r in active] == [remedy.id]
    assert active[0].figures["limit_minutes"] == 60
    assert active[0].figures["p95_with"] == option.with_.mean
