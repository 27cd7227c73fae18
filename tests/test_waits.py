"""The hall's one wait estimate: the rule checked by hand, then the board, the lane tables and
the ticket slip giving the same figure for the same lane, and the no-window text."""

from __future__ import annotations

import io
import math

import pytest
from pypdf import PdfReader

from hall_app.domain import tidal
from hall_app.domain.waits import NO_WINDOW, LaneCapacity, estimate_wait_minutes, expected_wait
from hall_app.printing.ticket import TicketSlip, render_ticket
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from tests.conftest import login

# ---------------------------------------------------------------- the rule, by hand


def test_a_free_window_means_no_wait() -> None:
    three_one_busy = LaneCapacity(windows=3, busy=1, service_minutes=8)
    assert estimate_wait_minutes(0, three_one_busy) == 0
    assert estimate_wait_minutes(1, three_one_busy) == 0  # two windows are free


def test_people_in_line_for_busy_windows() -> None:
    three_one_busy = LaneCapacity(3, 1, 8)
    # 2 ahead, 2 free windows: first in line for the busy one, (0 + 0.5) × 8 / 3 = 1.33
    assert expected_wait(2, three_one_busy) == pytest.approx(4 / 3)
    assert estimate_wait_minutes(2, three_one_busy) == 1
    # 5 ahead: third in line, (3 + 0.5) × 8 / 3 = 9.33
    assert estimate_wait_minutes(5, three_one_busy) == 9
    # all busy, 10 ahead, 6-minute services on 3 windows: (10 + 0.5) × 6 / 3 = 21
    assert estimate_wait_minutes(10, LaneCapacity(3, 3, 6)) == 21


def test_a_lane_without_an_open_window_has_no_number() -> None:
    assert expected_wait(4, LaneCapacity(0, 0, 10)) is None
    assert estimate_wait_minutes(0, LaneCapacity(0, 0, 10)) is None
    assert NO_WINDOW == "暂无窗口办理，请咨询导服台"


def test_arrivals_add_the_erlang_c_queueing_for_the_recommender() -> None:
    # M/M/1 at λ = 0.5/min, 1-minute services: Wq = 1 min, plus half a service for the
    # first in line behind the busy window: 1.5
    assert expected_wait(0, LaneCapacity(1, 1, 1.0), 0.5) == pytest.approx(1.5)
    # the tidal what-if is this same estimate with every window busy
    assert tidal.expected_wait(7, 0.2, 9.0, 2) == pytest.approx(
        expected_wait(7, LaneCapacity(2, 2, 9.0), 0.2)
    )
    assert math.isinf(tidal.expected_wait(3, 0.0, 9.0, 0))


# ---------------------------------------------------------------- the same figure everywhere


def _morning(hall: Hall, reception: Actor) -> None:
    """Windows 11 and 13 (社保医保 C only) open, three C tickets, one of them called;
    two 不动产 B tickets and no window open for B."""
    login(hall, "1011", 11)
    login(hall, "1013", 13)
    for _ in range(3):
        hall.tickets.issue(reception, category_code="C")
    for _ in range(2):
        hall.tickets.issue(reception, category_code="B")
    hall.tickets.call_next(login(hall, "1011", 11), 11)


def test_board_lane_table_and_ticket_agree(hall: Hall, reception: Actor) -> None:
    _morning(hall, reception)
    board = {lane.prefix: lane for lane in hall.board.snapshot(None).lanes}
    table = {lane.code: lane for lane in hall.queues.status().lanes}
    # C: 2 waiting, 2 open windows, one busy; catalog average 8 minutes:
    # one goes to the free window, the next is first in line: (1 - 1 + 0.5) × 8 / 2 = 2 …
    # the newcomer has 2 ahead: position 1, (1 + 0.5) × 8 / 2 = 6
    assert table["C"].estimated_minutes == 6
    assert board["C"].estimated_minutes == 6
    issued = hall.tickets.issue(reception, category_code="C")
    assert issued.people_ahead == 2
    assert issued.estimated_minutes == 6
    slip = TicketSlip.from_issued(issued)
    assert slip.estimated_minutes == 6 and not slip.no_window


def test_a_lane_nobody_serves_says_so_everywhere(hall: Hall, reception: Actor) -> None:
    _morning(hall, reception)
    board = {lane.prefix: lane for lane in hall.board.snapshot(None).lanes}
    assert board["B"].waiting == 2 and board["B"].no_window
    assert board["B"].estimated_minutes is None
    table = {lane.code: lane for lane in hall.queues.status().lanes}
    assert table["B"].estimated_minutes is None and table["B"].open_windows == 0
    issued = hall.tickets.issue(reception, category_code="B")
    assert issued.estimated_minutes is None and issued.no_window
    slip = TicketSlip.from_issued(issued)
    text = PdfReader(io.BytesIO(render_ticket(slip))).pages[0].extract_text()
    assert "暂无窗口办理，请咨询导服台" in text
    assert "预计等待" not in text
    alerts = [a.text for a in hall.tidal.console(hall.queues).alerts]
    assert any("不动产登记" in a and "没有开放窗口" in a for a in alerts)


def test_the_lane_table_shows_the_same_figure_and_the_no_window_text(
    qtbot: object, sqlite_hall: Hall
) -> None:
    from PySide6.QtCore import Qt

    from hall_app.ui.models import LaneTableModel

    _morning(sqlite_hall, login(sqlite_hall, "2001"))
    status = sqlite_hall.queues.status()
    model = LaneTableModel()
    model.set_status(list(status.lanes), status.at)
    rows = {
        model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole).split()[0]: r
        for r in range(model.rowCount())
    }
    assert model.data(model.index(rows["C"], 4), Qt.ItemDataRole.DisplayRole) == "约6分"
    assert model.data(model.index(rows["B"], 4), Qt.ItemDataRole.DisplayRole) == NO_WINDOW
    assert model.data(model.index(rows["B"], 4), Qt.ItemDataRole.ForegroundRole) is not None
