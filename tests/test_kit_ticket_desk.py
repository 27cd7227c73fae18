"""A paper kit ticket issued at reception and served at a window's offline desk (issue 15:
"each ticket served offline is merged once, to the ticket that was issued, whichever terminal
served it"). The desk's journal is merged first, then reception's ticket register is
back-entered: the paper row only says when the ticket was issued. The back-entry used to
call the ticket again (at the entering clerk's window) and was refused, as the desk had
finished it, so the used number could only be voided. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from hall_app.services.context import FakeClock
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from tests.conftest import login
from tests.test_offline_queue import _desk


def test_a_kit_ticket_served_at_an_offline_desk_is_back_entered_once(
    hall: Hall, tmp_path: Path, clock: FakeClock
) -> None:
    fb, boss, window1 = hall.fallback, login(hall, "3001"), login(hall, "1001", 1)
    win = _desk(hall, tmp_path, window1, "window-1")
    incident = fb.declare(boss, "服务器故障")
    number = fb.kit(boss, incident.number).ticket_numbers[2]  # S01-003
    issued = f"{hall.ctx.local(clock.now):%H:%M}"
    clock.advance(minutes=5)
    win.call_number(window1, number, confirmed=True)
    win.start(window1)
    clock.advance(minutes=10)
    win.finish(window1)
    assert fb.reconcile(win.journal, window1).complete

    clerk = login(hall, "1005", 5)
    entry = BackEntry(
        kind="ticket",
        number=number,
        time=issued,
        paper_ref="号票登记簿 第1页第3行",
        category_code=hall.tickets.find(number).lane_code,
        window=5,
    )
    assert fb.back_enter(clerk, incident.number, entry) == number
    ticket = hall.tickets.find(number)
    assert ticket.state.value == "finished" and ticket.window_number == 1  # as the desk served it
    assert f"{hall.ctx.local(ticket.issued_at):%H:%M}" == issued  # the paper's issue time
    tickets = next(x for x in fb.ledger(incident.number).lines if x.kind == "ticket")
    assert tickets.entered == 1
