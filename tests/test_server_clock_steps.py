"""One clock for the hall, when a PC's clock is stepped (review of issue 14, defect 5).

Between measurements the hall's time is reckoned on the PC's monotonic clock, so a step of
its wall clock moves no stamp (and is noticed at the next poll, which measures again); no
reading goes backwards across a new measurement, so issue and call keep their order; and the
supervisor's list of PCs whose clocks are off leaves out silent terminals, whose offsets are
as old as their last heartbeat. Both clocks are injected: no sleeps, no timed asserts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from hall_app.config import Config
from hall_app.domain.server_time import Reckoning, RoundTrip, is_off
from hall_app.services.context import FakeClock, system_clock
from hall_app.services.hall import Hall, open_hall
from hall_app.services.server_clock import ServerClock, server_clock
from hall_app.store.models import TerminalSession, Ticket
from tests.conftest import login

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
S0 = T0 - dt.timedelta(seconds=12)  # the server's clock: this PC runs 12 s fast
SECOND = dt.timedelta(seconds=1)


class Ticks:
    """A monotonic clock (seconds) advanced by hand, like ``time.monotonic``."""

    def __init__(self, start: float = 5000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _reckoned() -> Reckoning:
    reckoning = Reckoning()
    reckoning.rebase(RoundTrip(T0, S0, T0, 100.0, 100.0))  # an instant round trip at tick 100
    return reckoning


# ---------------------------------------------------------------- the rule (domain)


def test_a_reading_follows_the_monotonic_clock_not_a_step_of_the_wall_clock() -> None:
    reckoning = _reckoned()
    # ten seconds later by the monotonic clock; the wall clock was set 30 s forward meanwhile
    wall = T0 + dt.timedelta(seconds=40)
    assert reckoning.read(110.0, wall) == S0 + dt.timedelta(seconds=10)
    # the PC's offset shows the step at once, without a round trip
    assert reckoning.skew(110.0, wall) == dt.timedelta(seconds=42)


def test_a_wall_clock_step_under_a_minute_is_noticed_either_way() -> None:
    reckoning = _reckoned()
    ten = dt.timedelta(seconds=10)
    assert not reckoning.needs_resync(110.0, T0 + ten)  # both clocks agree
    assert not reckoning.needs_resync(110.0, T0 + ten + SECOND)  # within a second: NTP slewing
    assert reckoning.needs_resync(110.0, T0 + ten + 2 * SECOND)  # set forward by 2 s
    assert reckoning.needs_resync(110.0, T0 + ten - 2 * SECOND)  # set back by 2 s
    assert reckoning.needs_resync(110.0, T0 + dt.timedelta(seconds=50))  # forward 40 s


def test_no_reading_goes_backwards_across_a_new_measurement() -> None:
    reckoning = _reckoned()
    issued = reckoning.read(130.0, T0 + dt.timedelta(seconds=30))
    assert issued == S0 + dt.timedelta(seconds=30)
    # measured again at tick 130: the server says only 25 s went by (its clock was set back,
    # or this PC's monotonic clock ran fast): the reckoned time ran 5 s ahead
    wall = T0 + dt.timedelta(seconds=30)
    moved = reckoning.rebase(RoundTrip(wall, S0 + dt.timedelta(seconds=25), wall, 130.0, 130.0))
    assert moved == -5 * SECOND
    # the hall's time waits at the last reading until the server's catches up ...
    assert reckoning.read(131.0, wall + SECOND) == issued
    assert reckoning.read(135.0, wall + 5 * SECOND) == issued
    # ... then follows it again
    assert reckoning.read(136.0, wall + 6 * SECOND) == issued + SECOND


# ---------------------------------------------------------------- on a PostgreSQL server


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    name = pg_server.create()
    yield pg_server.url_for(name)
    pg_server.drop(name)


def _open(url: str, local: FakeClock, ticks: Ticks) -> Hall:
    return open_hall(
        Config(db_url=url, terminal="pc-1"), upgrade=False, local_clock=local, ticks=ticks
    )


def _clock(hall: Hall) -> ServerClock:
    clock = server_clock(hall.ctx)
    assert clock is not None and clock.sample is not None
    return clock


@pytest.mark.postgres
def test_a_forward_step_under_a_minute_moves_no_stamp_and_the_poll_measures_again(
    pg_url: str,
) -> None:
    local, ticks = FakeClock(system_clock()), Ticks()
    hall = _open(pg_url, local, ticks)
    try:
        clerk = login(hall, "1002", 2)
        clock = _clock(hall)
        first = clock.sample
        before = hall.clocks.skew_ms()
        assert first is not None and before is not None
        ticks.advance(3)
        local.advance(seconds=23)  # 3 s went by; the PC's clock was set 20 s forward
        # the hall's time ignores the step (3 s by the monotonic clock since the sample) ...
        assert hall.ctx.now() == first.server + dt.timedelta(seconds=3)
        # ... the PC's offset shows it at once, for the banner, without a round trip ...
        skew = hall.clocks.skew_ms()
        assert skew is not None and is_off(skew) and abs(skew - before - 20_000) <= 1
        # ... and the next poll, a step under a minute after the last measurement, measures again
        hall.terminals.poll(clerk)
        assert clock.sample is not first
    finally:
        hall.close()


def _issue_then_call(hall: Hall, between) -> tuple[dt.datetime, dt.datetime]:  # type: ignore[no-untyped-def]
    reception, clerk = login(hall, "2001"), login(hall, "1002", 2)
    number = hall.tickets.issue(reception, category_code="A").ticket.number
    between()
    assert hall.tickets.call_next(clerk, 2).number == number
    with hall.db.read() as s:
        return s.execute(
            select(Ticket.issued_at, Ticket.called_at).where(Ticket.number == number)
        ).one()


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("wall", "monotonic"),
    [(30, 0), (30, 30)],
    ids=["wall-clock-stepped-forward", "server-behind-the-reckoning"],
)
def test_a_ticket_is_never_called_before_it_was_issued_across_a_resync(
    pg_url: str, wall: int, monotonic: int
) -> None:
    """A ticket issued just before a new measurement and called just after: the call's time
    is not earlier than the issue's, whichever way the measurement moved this PC's clock."""
    local, ticks = FakeClock(system_clock()), Ticks()
    hall = _open(pg_url, local, ticks)
    try:
        local.advance(seconds=wall)
        ticks.advance(monotonic)

        def resync() -> None:  # what the poll thread does between the two
            _clock(hall).sync()

        issued, called = _issue_then_call(hall, resync)
        assert called >= issued
    finally:
        hall.close()


# ---------------------------------------------------------------- the supervisor's list


def test_a_silent_terminal_is_not_listed_with_its_old_offset(hall: Hall, clock: FakeClock) -> None:
    """A PC that lost power keeps its open session and its last offset: once it is silent
    (the hall setting ``terminal.silent_minutes``), it is no longer listed as off."""
    hall.settings.set(login(hall, "9001"), "terminal.silent_minutes", "5")
    clerk = login(hall, "1002", 2)
    with hall.db.write() as s:  # its last heartbeat said: 12 s fast
        s.execute(
            update(TerminalSession)
            .where(TerminalSession.id == clerk.session_id)
            .values(clock_offset_ms=12_000)
        )
    assert [off.staff_no for off in hall.clocks.off_terminals()] == ["1002"]
    clock.advance(minutes=4, seconds=59)  # no heartbeat since: not silent yet
    assert [off.staff_no for off in hall.clocks.off_terminals()] == ["1002"]
    clock.advance(seconds=1)  # silent: its offset is five minutes old
    assert hall.clocks.off_terminals() == []
