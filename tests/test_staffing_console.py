"""The staffing view on a real database (SQLite and PostgreSQL): a lane surging with two
windows open is warned about, someone is called forward from the back office for it, the call
is checked forward and shown with its staff-hours, and a quiet hall gets neither."""

from __future__ import annotations

from sqlalchemy import select

from hall_app.domain.hallsim_run import CallIn, Close
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


def test_a_surging_lane_is_warned_about_and_someone_is_called_forward(
    hall: Hall, clock: FakeClock
) -> None:
    reception = login(hall, "2001")
    clerks = {11: login(hall, "1011", 11), 3: login(hall, "1003", 3), 7: login(hall, "1007", 7)}
    social = _items(hall, "C")
    for k in range(40):
        hall.tickets.issue(reception, item_code=social[k % len(social)])
        clock.advance(seconds=30)
    for window, actor in clerks.items():
        hall.tickets.call_next(actor, window)
    view = hall.staffing.view()
    assert view.limit == 60
    assert "内置到达曲线" in view.note  # no history in a fresh database: the shipped profile
    lanes = {w.lane for w in view.warnings}
    assert "C" in lanes
    warning = next(w for w in view.warnings if w.lane == "C")
    assert warning.longest > 60 and "社保医保" in warning.text(view.limit)
    calls = [c for c in view.proposals if isinstance(c.advice.action, CallIn)]
    assert calls, [c.advice.text for c in (*view.proposals, *view.dropped)]
    first = calls[0]
    with hall.db.read() as session:
        qualified = set(
            session.scalars(
                select(m.Staff.staff_no)
                .join(m.StaffQualification, m.StaffQualification.staff_id == m.Staff.id)
                .join(m.Category, m.Category.id == m.StaffQualification.category_id)
                .where(m.Category.code == "C")
            )
        )
    action = first.advice.action
    assert isinstance(action, CallIn)
    assert action.staff_no in qualified - {"1011", "1003"}  # not someone already at a window
    assert action.window not in clerks and action.lanes[0] == "C"
    assert first.advice.lane == "C" and first.staff_hours > 0
    assert first.check.with_["C"].mean < first.check.without["C"].mean
    assert first.check.with_["C"].low <= first.check.with_["C"].mean <= first.check.with_["C"].high
    assert "请后台" in first.advice.text
    assert not [
        c for c in view.proposals if isinstance(c.advice.action, Close) and c.advice.lane == "C"
    ]


def test_a_quiet_hall_has_no_warning_and_no_call(hall: Hall, clock: FakeClock) -> None:
    reception = login(hall, "2001")
    for window in range(1, 33):  # every window open with its own clerk
        login(hall, str(1000 + window), window)
    hall.tickets.issue(reception, item_code=_items(hall, "C")[0])
    view = hall.staffing.view()
    assert view.warnings == ()
    assert not [c for c in view.proposals if isinstance(c.advice.action, CallIn)]
    assert view.seconds < 60  # it answers (the speed is measured by benchmarks/simulator.py)
