"""Terminal sessions (issue 12, items 3 and 4): takeover at login, each terminal's last poll,
tickets left in hand at unattended windows, and returning them to the queue."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hall_app.config import Config
from hall_app.domain.errors import NotAllowed, WindowHeld
from hall_app.domain.sessions import HEARTBEAT_SECONDS, Stranded
from hall_app.domain.tickets import TicketState
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.store.models import AuditEntry, TerminalSession, Ticket
from tests.conftest import login


def _item(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def _other_pc(hall: Hall, clock: FakeClock, name: str = "pc-2") -> Hall:
    return open_hall(Config(db_url=hall.db.url, terminal=name), upgrade=False, clock=clock)


def test_login_at_a_held_window_names_the_holder_and_takes_over_only_when_told(
    hall: Hall, clock: FakeClock
) -> None:
    first = login(hall, "1001", 1)
    clock.advance(minutes=7)
    other = _other_pc(hall, clock)
    try:
        with pytest.raises(WindowHeld) as held:
            other.auth.login("1002", "demo1002", 1, take_over=False)
        assert held.value.holder.staff_no == "1001"
        assert held.value.holder.name == "王丽"
        assert held.value.holder.since == first_login_time(hall, first.session_id)
        assert "王丽" in held.value.message and "09:00" in held.value.message
        # nothing changed: the first clerk still holds the window, still undisplaced
        assert hall.terminals.poll(first).displaced is None
        assert hall.terminals.holder(1).staff_no == "1001"
        # the login screen lists the holder beside the window
        choice = next(w for w in other.auth.windows() if w.number == 1)
        assert choice.holder is not None and choice.holder.staff_no == "1001"
        second = other.auth.login("1002", "demo1002", 1, take_over=True)
        result = hall.terminals.poll(first)
        assert result.displaced is not None
        assert (result.displaced.by_staff_no, result.displaced.by_name) == ("1002", second.name)
        assert hall.terminals.holder(1).staff_no == "1002"
        with hall.db.read() as s:
            audit = s.scalars(
                select(AuditEntry.detail)
                .where(AuditEntry.action == "login")
                .order_by(AuditEntry.id.desc())
            ).first()
        assert '"taken_over_from": "1001"' in audit
        # the displaced terminal's logout leaves the window to the one who took it over
        hall.auth.logout(first)
        assert hall.terminals.holder(1).staff_no == "1002"
    finally:
        other.close()


def first_login_time(hall: Hall, session_id: int | None):
    with hall.db.read() as s:
        return s.get_one(TerminalSession, session_id).started_at


def test_the_same_clerk_again_at_the_same_pc_is_not_asked(hall: Hall, clock: FakeClock) -> None:
    login(hall, "1001", 1)
    clock.advance(minutes=5)
    again = hall.auth.login("1001", "demo1001", 1, take_over=False)  # a restart after a crash
    assert hall.terminals.holder(1).since == clock()
    assert hall.terminals.poll(again).displaced is None
    # the same clerk at another PC is asked: the first PC would go on acting on the window
    other = _other_pc(hall, clock)
    try:
        with pytest.raises(WindowHeld):
            other.auth.login("1001", "demo1001", 1, take_over=False)
        elsewhere = other.auth.login("1001", "demo1001", 1, take_over=True)
        assert hall.terminals.poll(again).displaced is not None
        assert other.terminals.poll(elsewhere).displaced is None
    finally:
        other.close()


def test_a_terminal_records_its_last_poll_without_announcing_a_change(
    hall: Hall, clock: FakeClock
) -> None:
    from tests.test_changes import announced

    clerk = login(hall, "1001", 1)
    reception = login(hall, "2001")
    start = clock()
    with announced(hall) as take:
        hall.terminals.poll(clerk)
        clock.advance(seconds=HEARTBEAT_SECONDS - 1)
        hall.terminals.poll(clerk)
        assert hall.terminals.holder(1).last_seen_at == start  # not a write every second
        clock.advance(seconds=1)
        # the GUI sends the heartbeat apart from its probe: a stuck write is told apart
        assert hall.terminals.poll(clerk, heartbeat=False).heartbeat_due
        assert hall.terminals.holder(1).last_seen_at == start
        hall.terminals.poll(clerk)
        assert hall.terminals.holder(1).last_seen_at == clock()
        clock.advance(seconds=HEARTBEAT_SECONDS)
        hall.terminals.heartbeat(clerk)
        assert hall.terminals.holder(1).last_seen_at == clock()
        hall.tickets.issue(reception, category_code="A")
        if take is not None:  # the heartbeats announced nothing: the first is the issue's
            assert take(1) == ["queue"]


def test_tickets_left_at_closed_or_silent_windows_are_listed(hall: Hall, clock: FakeClock) -> None:
    reception = login(hall, "2001")
    for _ in range(3):
        hall.tickets.issue(reception, item_code=_item(hall, "A"))
    a = login(hall, "1002", 2)
    b = login(hall, "1003", 3)
    c = login(hall, "1004", 4)
    for actor, window in ((a, 2), (b, 3), (c, 4)):
        hall.tickets.call_next(actor, window)
    hall.tickets.start(b, 3)
    hall.auth.logout(a)  # left with a ticket called at a now closed window
    assert [(t.window_number, t.reason) for t in hall.terminals.stranded()] == [
        (2, Stranded.CLOSED)
    ]
    # window 3 keeps polling; window 4's PC went dark
    clock.advance(seconds=HEARTBEAT_SECONDS)
    hall.terminals.poll(b)
    clock.advance(seconds=HEARTBEAT_SECONDS)
    hall.terminals.poll(b)
    clock.advance(seconds=HEARTBEAT_SECONDS)
    hall.terminals.poll(b)
    clock.advance(seconds=HEARTBEAT_SECONDS - 1)
    hall.terminals.poll(b)
    assert {t.window_number for t in hall.terminals.stranded()} == {2}  # 1:59 of silence
    clock.advance(seconds=1)
    listed = {t.window_number: t for t in hall.terminals.stranded()}
    assert set(listed) == {2, 4}
    assert listed[4].reason is Stranded.SILENT and listed[4].holder_name
    assert listed[4].state is TicketState.CALLED


def test_the_silent_time_is_a_hall_setting(hall: Hall, clock: FakeClock) -> None:
    admin = login(hall, "9001")
    hall.settings.set(admin, "terminal.silent_minutes", "5")
    reception = login(hall, "2001")
    hall.tickets.issue(reception, item_code=_item(hall, "A"))
    clerk = login(hall, "1002", 2)
    hall.tickets.call_next(clerk, 2)
    clock.advance(minutes=4)
    assert hall.terminals.stranded() == []
    clock.advance(minutes=1)
    assert [t.reason for t in hall.terminals.stranded()] == [Stranded.SILENT]


def _queued_at(hall: Hall, number: str):
    with hall.db.read() as s:
        return s.scalar(select(Ticket.queued_at).where(Ticket.number == number))


def test_returning_stranded_tickets_keeps_their_queue_time(hall: Hall, clock: FakeClock) -> None:
    reception = login(hall, "2001")
    first = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket
    clock.advance(minutes=3)
    second = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket
    queued = _queued_at(hall, first.number)
    clerk = login(hall, "1002", 2)
    assert hall.tickets.call_next(clerk, 2).number == first.number
    hall.tickets.start(clerk, 2)
    hall.auth.logout(clerk)
    clock.advance(minutes=10)
    supervisor = login(hall, "3001")
    with pytest.raises(NotAllowed):
        hall.terminals.return_stranded(reception, [first.number])  # not reception's call
    assert hall.terminals.return_stranded(supervisor, [first.number]) == [first.number]
    back = hall.tickets.find(first.number)
    assert back.state is TicketState.WAITING and back.window_number is None
    assert back.requeue_count == 0 and back.call_count == 0
    assert _queued_at(hall, first.number) == queued
    assert hall.terminals.stranded() == []
    # it is called again before the ticket issued after it
    other = login(hall, "1003", 3)
    assert hall.tickets.call_next(other, 3).number == first.number
    assert second.number != first.number
    with hall.db.read() as s:
        actions = list(
            s.scalars(
                select(AuditEntry.action).where(
                    AuditEntry.entity == "ticket", AuditEntry.entity_id == first.id
                )
            )
        )
    assert actions.count("return_to_queue") == 1


def test_a_window_attended_again_keeps_its_ticket(hall: Hall, clock: FakeClock) -> None:
    reception = login(hall, "2001")
    number = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket.number
    clerk = login(hall, "1002", 2)
    hall.tickets.call_next(clerk, 2)
    clock.advance(minutes=3)
    assert [t.number for t in hall.terminals.stranded()] == [number]
    hall.terminals.poll(clerk)  # the PC answers again before the supervisor acts
    with pytest.raises(NotAllowed):
        hall.terminals.return_stranded(login(hall, "3001"), [number])
    assert hall.tickets.find(number).state is TicketState.CALLED


def test_the_clerk_leaving_returns_the_ticket_in_hand(hall: Hall, clock: FakeClock) -> None:
    reception = login(hall, "2001")
    number = hall.tickets.issue(reception, item_code=_item(hall, "A")).ticket.number
    queued = _queued_at(hall, number)
    clerk = login(hall, "1002", 2)
    hall.tickets.call_next(clerk, 2)
    clock.advance(minutes=2)
    with pytest.raises(NotAllowed):
        hall.terminals.return_to_queue(login(hall, "1003", 3), 2)  # not their window
    view = hall.terminals.return_to_queue(clerk, 2)
    assert (view.number, view.state, view.requeue_count) == (number, TicketState.WAITING, 0)
    assert _queued_at(hall, number) == queued
    assert hall.tickets.current(2) is None
    with pytest.raises(NotAllowed):
        hall.terminals.return_to_queue(clerk, 2)


def test_migration_0009_keeps_windows_and_tickets(db_url: str, clock: FakeClock) -> None:
    """A database holding data at the previous revision upgrades to 0009 with it intact."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from hall_app.store import migrate
    from hall_app.store.db import Database

    cfg = migrate.alembic_config(db_url)
    previous = ScriptDirectory.from_config(cfg).get_revision("0009").down_revision
    db = Database(db_url)
    try:
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, str(previous))
        # data written under the old schema: a clerk holding window 2
        win = "window" if db.is_sqlite else '"window"'
        with db.engine.begin() as conn:
            staff = conn.execute(text("SELECT id FROM staff WHERE staff_no = '1002'")).scalar()
            conn.execute(
                text(f"UPDATE {win} SET staff_id = :s, status = 'open' WHERE number = 2"),
                {"s": staff},
            )
            windows_before = conn.execute(text(f"SELECT COUNT(*) FROM {win}")).scalar()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0009")
        with db.engine.begin() as conn:
            rows = conn.execute(
                text(
                    f"SELECT number, staff_id, status, session_id FROM {win} "
                    "WHERE number IN (1, 2) ORDER BY number"
                )
            ).all()
            assert conn.execute(text(f"SELECT COUNT(*) FROM {win}")).scalar() == windows_before
            assert conn.execute(text("SELECT COUNT(*) FROM terminal_session")).scalar() == 0
        assert [tuple(r) for r in rows] == [(1, None, "closed", None), (2, staff, "open", None)]
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        hall = open_hall(Config(db_url=db_url, terminal="new"), upgrade=False, clock=clock)
        try:
            windows = {w.number: w for w in hall.auth.windows()}
            assert len(windows) >= 20
            holder = windows[2].holder
            assert holder is not None and holder.staff_no == "1002" and holder.since is None
            assert windows[1].holder is None
            # the held window is asked about, then taken over; the old holder has no session
            with pytest.raises(WindowHeld):
                hall.auth.login("1003", "demo1003", 2, take_over=False)
            assert hall.auth.login("1003", "demo1003", 2, take_over=True).session_id is not None
        finally:
            hall.close()
    finally:
        db.dispose()
