"""One clock for the hall (issue 14, defect 5): on a shared PostgreSQL the times a terminal
records follow the server's clock, whatever the PC's own clock says; a PC more than 5 s off
is measured, warned and listed for the supervisor."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text, update

from hall_app.config import Config
from hall_app.domain.server_time import (
    Reckoning,
    RoundTrip,
    best,
    is_off,
    short,
    warning,
)
from hall_app.services.context import FakeClock, system_clock
from hall_app.services.hall import Hall, open_hall
from hall_app.services.server_clock import ServerClock, monotonic, server_clock
from hall_app.store.models import TerminalSession, Ticket
from tests.conftest import login

FAST = dt.timedelta(minutes=2)  # the skewed PC's clock runs two minutes ahead
NEAR = dt.timedelta(seconds=5)  # "follows the server's clock": within the warning threshold

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------- the rule (domain)


def test_a_round_trip_takes_its_middle_and_the_shortest_one_wins() -> None:
    sample = RoundTrip(T0, T0 - dt.timedelta(seconds=12), T0 + dt.timedelta(milliseconds=40))
    assert sample.skew == dt.timedelta(seconds=12, milliseconds=20)  # the PC is 12.02 s fast
    assert sample.uncertainty == dt.timedelta(milliseconds=20)
    slow = RoundTrip(T0, T0, T0 + dt.timedelta(seconds=2))
    assert best([slow, sample]) is sample


def test_more_than_five_seconds_off_is_a_problem_either_way() -> None:
    assert not is_off(None) and not is_off(0)
    assert not is_off(5000) and not is_off(-5000)
    assert is_off(5001) and is_off(-5001)
    assert warning(12_400) == (
        "本机时钟比服务器快 {} 秒：系统按服务器时间记录，请联系管理员校准时间",
        12,
    )
    assert warning(-7_600)[0].startswith("本机时钟比服务器慢") and warning(-7_600)[1] == 8
    assert short(120_000) == ("快 {} 秒", 120) and short(-6_000) == ("慢 {} 秒", 6)


def test_the_offset_is_measured_again_each_minute_and_at_once_after_a_clock_step() -> None:
    reckoning = Reckoning()
    assert reckoning.needs_resync(100.0, T0)  # never measured
    reckoning.rebase(RoundTrip(T0, T0, T0, 100.0, 100.0))
    assert not reckoning.needs_resync(159.0, T0 + dt.timedelta(seconds=59))
    assert reckoning.needs_resync(160.0, T0 + dt.timedelta(seconds=60))
    assert reckoning.needs_resync(101.0, T0 - dt.timedelta(seconds=1))  # the PC's clock set back


# ---------------------------------------------------------------- two PCs on one server


class ShiftedClock:
    """This PC's clock: the real one (or a frozen reading), shifted by ``shift``."""

    def __init__(self, shift: dt.timedelta, frozen: dt.datetime | None = None) -> None:
        self.shift = shift
        self.frozen = frozen

    def __call__(self) -> dt.datetime:
        return (self.frozen or system_clock()) + self.shift


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    name = pg_server.create()
    yield pg_server.url_for(name)
    pg_server.drop(name)


def _open(url: str, terminal: str, local=system_clock, ticks=monotonic) -> Hall:  # type: ignore[no-untyped-def]
    return open_hall(
        Config(db_url=url, terminal=terminal), upgrade=False, local_clock=local, ticks=ticks
    )


def _frozen_ticks() -> float:
    """A monotonic clock that stands still, like the frozen wall clocks beside it (a frozen
    wall clock beside a running monotonic one would look like a step after a second)."""
    return 5000.0


def _server_now(hall: Hall) -> dt.datetime:
    with hall.db.read() as s:
        return s.execute(text("SELECT clock_timestamp()")).scalar_one()


def _uncertainty(hall: Hall) -> dt.timedelta:
    clock = server_clock(hall.ctx)
    assert clock is not None and clock.sample is not None
    return clock.sample.uncertainty


def _times(hall: Hall, column):  # type: ignore[no-untyped-def]
    with hall.db.read() as s:
        return dict(s.execute(select(Ticket.number, column)).all())


@pytest.mark.postgres
def test_issue_and_call_times_follow_the_server_clock_not_each_pcs(pg_url: str) -> None:
    right = _open(pg_url, "pc-right")
    fast = _open(pg_url, "pc-fast", ShiftedClock(FAST))
    try:
        assert abs(fast.clocks.skew_ms() - FAST / dt.timedelta(milliseconds=1)) < 5000
        reception, supervisor = login(right, "2001"), login(fast, "3001")
        before = _server_now(right)
        numbers = [
            right.tickets.issue(reception, category_code="A").ticket.number,
            fast.tickets.issue(supervisor, category_code="A").ticket.number,
            right.tickets.issue(reception, category_code="A").ticket.number,
        ]
        called = [
            fast.tickets.call_next(login(fast, "1002", 2), 2).number,
            right.tickets.call_next(login(right, "1003", 3), 3).number,
        ]
        after = _server_now(right)
        issued, calls = _times(right, Ticket.issued_at), _times(right, Ticket.called_at)
        # every stamp lies within the server's own time span of the test, whichever PC made it
        for moment in [issued[n] for n in numbers] + [calls[n] for n in called]:
            assert before - NEAR <= moment <= after + NEAR
        # and they follow the order the server saw, to within what the measurement can tell
        slack = _uncertainty(right) + _uncertainty(fast)
        stamps = [issued[n] for n in numbers] + [calls[n] for n in called]
        assert all(a <= b + slack for a, b in itertools.pairwise(stamps))
        assert called == numbers[:2]
    finally:
        right.close()
        fast.close()


@pytest.mark.postgres
def test_the_skewed_pc_is_recorded_and_listed_for_the_supervisor(pg_url: str) -> None:
    right = _open(pg_url, "pc-right")
    local = ShiftedClock(FAST, frozen=system_clock())
    fast = _open(pg_url, "pc-fast", local, _frozen_ticks)
    try:
        assert right.clocks.skew_ms() is not None and not is_off(right.clocks.skew_ms())
        clerk = login(fast, "1002", 2)
        login(right, "1003", 3)
        listed = right.clocks.off_terminals()
        assert [(o.terminal, o.staff_no, o.window_number) for o in listed] == [
            ("pc-fast", "1002", 2)
        ]
        assert abs(listed[0].skew_ms - 120_000) < 5000
        with right.db.read() as s:
            assert (
                s.scalar(
                    select(TerminalSession.last_seen_at).where(
                        TerminalSession.id == clerk.session_id
                    )
                )
                == listed[0].last_seen_at
            )

        # its clock is corrected by an administrator: the poll notices the step at once,
        # measures again, and the next heartbeat stores the new offset
        clock = server_clock(fast.ctx)
        assert isinstance(clock, ServerClock)
        first = clock.sample
        fast.terminals.poll(clerk)
        assert clock.sample is first  # not a round trip per poll
        local.shift = dt.timedelta(0)
        local.frozen = system_clock()
        with fast.db.write() as s:  # its last heartbeat is half a minute old
            s.execute(
                update(TerminalSession)
                .where(TerminalSession.id == clerk.session_id)
                .values(last_seen_at=listed[0].last_seen_at - dt.timedelta(seconds=31))
            )
        fast.terminals.poll(clerk)
        assert clock.sample is not first and not is_off(fast.clocks.skew_ms())
        assert right.clocks.off_terminals() == []
    finally:
        right.close()
        fast.close()


def test_sqlite_and_injected_clocks_are_not_corrected(sqlite_url: str, clock: FakeClock) -> None:
    hall = open_hall(
        Config(db_url=sqlite_url, terminal="t"), upgrade=False, local_clock=ShiftedClock(FAST)
    )
    try:
        assert server_clock(hall.ctx) is None and hall.clocks.skew_ms() is None
        login(hall, "1002", 2)
        assert hall.clocks.off_terminals() == []
    finally:
        hall.close()
    fake = open_hall(Config(db_url=sqlite_url, terminal="t"), upgrade=False, clock=clock)
    try:
        assert fake.ctx.now() == clock()
    finally:
        fake.close()


@pytest.mark.postgres
def test_the_board_measures_again_when_its_pcs_clock_is_stepped(pg_url: str) -> None:
    local = ShiftedClock(FAST, frozen=system_clock())
    board = _open(pg_url, "board-east", local, _frozen_ticks)
    try:
        clock = server_clock(board.ctx)
        assert clock is not None and is_off(board.clocks.skew_ms())
        first = clock.sample
        board.board.snapshot(None)
        assert clock.sample is first
        local.shift = dt.timedelta(0)  # its clock was put right
        board.board.snapshot(None)
        assert clock.sample is not first and not is_off(board.clocks.skew_ms())
    finally:
        board.close()
