"""Transfer with reason and valid targets, no-show minimum and undo, and closing the hall,
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.tickets import TicketState
from hall_app.services import replay
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.store.models import AuditEntry, Ticket
from tests.conftest import login
from tests.test_tickets import _clerk_for, _item_in, _window_serving


def _serving(hall: Hall, lane: str, *, exclude: int | None = None) -> list[int]:
    return [
        w.number
        for w in hall.queues.status().windows
        if lane in w.categories and w.number != exclude
    ]


# ---------------------------------------------------------------- transfer


def test_transfer_refuses_a_closed_window_and_one_not_serving_the_lane(
    hall: Hall, reception: Actor
) -> None:
    window_a = _window_serving(hall, "A")
    clerk_a = _clerk_for(hall, window_a)
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    hall.tickets.call_next(clerk_a, window_a)
    closed = _serving(hall, "A", exclude=window_a)[0]  # nobody logged in there
    with pytest.raises(NotAllowed, match=f"{closed}号窗口未开放"):
        hall.tickets.transfer(clerk_a, window_number=window_a, to_window=closed, reason="原经办人")
    not_a = next(
        w.number
        for w in hall.queues.status().windows
        if "A" not in w.categories and "L" not in w.categories
    )
    _clerk_for(hall, not_a)  # open, but it does not serve A
    with pytest.raises(NotAllowed, match="不办理该号票的业务类别"):
        hall.tickets.transfer(clerk_a, window_number=window_a, to_window=not_a, reason="原经办人")
    with pytest.raises(InvalidInput, match="转移原因"):
        hall.tickets.transfer(clerk_a, window_number=window_a, to_category="C", reason=" ")
    # nothing changed: the ticket is still in hand at window A
    assert hall.tickets.current(window_a).state is TicketState.CALLED


def test_the_reason_is_shown_at_the_receiving_window(hall: Hall, reception: Actor) -> None:
    window_a = _window_serving(hall, "A")
    clerk_a = _clerk_for(hall, window_a)
    target = _serving(hall, "A", exclude=window_a)[0]
    clerk_t = _clerk_for(hall, target)
    number = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket.number
    hall.tickets.call_next(clerk_a, window_a)
    moved = hall.tickets.transfer(
        clerk_a, window_number=window_a, to_window=target, reason="需要核对不动产信息"
    )
    assert moved.target_window_number == target
    called = hall.tickets.call_next(clerk_t, target)
    assert called.number == number
    assert hall.tickets.current(target).transfer_note == f"转自{window_a}号窗口：需要核对不动产信息"
    assert called.as_json()["transfer_note"].startswith(f"转自{window_a}号窗口")
    targets = {w.number: w for w in hall.queues.status().windows}
    assert targets[target].status == "open" and targets[target].staff_name


# ---------------------------------------------------------------- no-show


def test_no_show_needs_the_minimum_calls_from_the_hall_setting(hall: Hall, reception: Actor):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    admin = login(hall, "9001")
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    hall.tickets.call_next(clerk, window)
    with pytest.raises(NotAllowed, match="至少呼叫 2 次"):
        hall.tickets.no_show(clerk, window)
    hall.settings.set(admin, "ticket.no_show_min_calls", "3")
    hall.tickets.recall(clerk, window)
    with pytest.raises(NotAllowed, match="至少呼叫 3 次"):
        hall.tickets.no_show(clerk, window)
    hall.tickets.recall(clerk, window)
    assert hall.tickets.no_show(clerk, window).state is TicketState.NO_SHOW
    with pytest.raises(InvalidInput, match="不能大于 3"):
        hall.settings.set(admin, "ticket.no_show_min_calls", "4")


def test_undo_within_two_minutes_back_to_called_and_the_requeue_is_kept(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    number = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket.number
    hall.tickets.call_next(clerk, window)
    hall.tickets.recall(clerk, window)
    hall.tickets.no_show(clerk, window)
    clock.advance(seconds=110)
    back = hall.tickets.undo_no_show(clerk, window)
    assert (back.number, back.state, back.window_number) == (number, TicketState.CALLED, window)
    assert back.requeue_count == 0 and back.call_count == 2
    assert hall.tickets.current(window).number == number
    with hall.db.read() as s:
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "undo_no_show"))
    # the undo did not use up the one requeue
    hall.tickets.no_show(clerk, window)
    assert hall.tickets.requeue(reception, number).state is TicketState.WAITING


def test_undo_is_refused_after_two_minutes(hall: Hall, reception: Actor, clock: FakeClock):
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    hall.tickets.call_next(clerk, window)
    hall.tickets.recall(clerk, window)
    hall.tickets.no_show(clerk, window)
    clock.advance(seconds=121)
    with pytest.raises(NotAllowed, match="超过 2 分钟"):
        hall.tickets.undo_no_show(clerk, window)
    assert hall.tickets.current(window) is None


def test_offline_desk_and_replay_refuse_what_the_service_refuses(
    hall: Hall, reception: Actor
) -> None:
    """A no-show cannot be finished: the offline desk, the replay and the domain say so with
    the machine's words; online, a no-show cannot be cancelled either (same table)."""
    clerk = login(hall, "1005", 5)
    hall.fallback.prepare(clerk, hall.journal)
    desk = hall.desk
    desk.enter(clerk, "演练")
    number = desk.issue_ticket(clerk, category_code="A").number
    desk.call_next(clerk)
    desk.no_show(clerk, number)
    with pytest.raises(NotAllowed, match="「过号」，不能执行「办结」"):
        desk.finish(clerk, number)
    window = _window_serving(hall, "A")
    online = _clerk_for(hall, window)
    server = hall.tickets.issue(reception, item_code=_item_in(hall, "A")).ticket.number
    hall.tickets.call_next(online, window)
    hall.tickets.recall(online, window)
    hall.tickets.no_show(online, window)
    with pytest.raises(NotAllowed, match="「过号」，不能执行「取消」"):
        hall.tickets.cancel(reception, server)
    payload = {
        "day": hall.ctx.today().isoformat(),
        "number": server,
        "window": window,
        "at": hall.ctx.now().isoformat(),
    }
    with hall.db.write() as s, pytest.raises(replay.Conflict, match="过号"):
        replay.ticket_move(s, "ticket_finish", payload, None)


# ---------------------------------------------------------------- closing


def test_closing_marks_waiting_and_called_and_counts_them_apart(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    window = _window_serving(hall, "A")
    clerk = _clerk_for(hall, window)
    item = _item_in(hall, "A")
    for _ in range(4):
        hall.tickets.issue(reception, item_code=item)
    hall.tickets.call_next(clerk, window)
    hall.tickets.start(clerk, window)  # A001 being served: left to the clerk
    hall.tickets.finish(clerk, window)
    hall.tickets.call_next(clerk, window)  # A002 called
    assert not hall.closing.due()  # 09:00, before 17:30
    clock.advance(hours=9)
    assert hall.closing.due()
    supervisor = login(hall, "3001")
    with pytest.raises(NotAllowed):
        hall.closing.close(clerk)
    report = hall.closing.close(supervisor)
    assert [o.number for o in report.closed] == ["A002", "A003", "A004"]
    with hall.db.read() as s:
        states = dict(s.execute(select(Ticket.number, Ticket.state)).all())
        audits = s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "close")).all()
    assert states == {"A001": "finished", "A002": "closed", "A003": "closed", "A004": "closed"}
    assert len(audits) == 3
    status = hall.queues.status()
    assert status.closed == 3 and status.as_json()["closed"] == 3
    assert sum(lane.waiting for lane in status.lanes) == 0
    assert hall.tickets.current(window) is None
    assert hall.board.snapshot(None).closed == ("A002", "A003", "A004")
    assert hall.tickets.find("A003").state.label == "未办结（闭厅）"
    # a second run finds nothing; the automatic check is no longer due
    assert hall.closing.close(supervisor).count == 0
    assert not hall.closing.due()


def test_closing_offers_the_next_working_days_first_quiet_slot(
    hall: Hall, reception: Actor, clock: FakeClock
) -> None:
    item = _item_in(hall, "A")
    hall.tickets.issue(reception, item_code=item)
    clock.advance(hours=9)
    report = hall.closing.close(login(hall, "3001"))
    offer = report.closed[0]
    assert offer.day == dt.date(2026, 11, 26)  # Wednesday → Thursday
    assert offer.slot is not None and offer.text.startswith("11-26 周四")
    booked = hall.closing.book(
        reception, "A001", name="张三", id_number="11010519491231002X", phone="13800001234"
    )
    assert (booked.day, booked.slot.split("-")[0], booked.state) == (
        offer.day,
        offer.slot,
        "booked",
    )


def test_closing_on_friday_offers_monday(hall: Hall, reception: Actor, clock: FakeClock) -> None:
    clock.advance(days=2, hours=9)  # Friday 2026-11-27, 18:00
    hall.tickets.issue(reception, item_code=_item_in(hall, "A"))
    offer = hall.closing.close(login(hall, "3001")).closed[0]
    assert offer.day == dt.date(2026, 11, 30)
