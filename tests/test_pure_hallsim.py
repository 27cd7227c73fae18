"""The fast simulator's rules: the in-memory floor calls whom the call order says, a window
stops for a break after the ticket in hand, serves everyone waiting at closing time, and the
day counts its staff-hours."""

from __future__ import annotations

import datetime as dt
import random

from hall_app.domain.call_order import Caller, Fairness, pick_next
from hall_app.domain.hallsim import (
    APPOINTMENT,
    GREEN,
    NORMAL,
    HallModel,
    MemoryFloor,
    Visit,
    instant,
)
from hall_app.domain.hallsim_run import Close, Run
from hall_app.domain.rota import Kind, Rota, Shift

LANES = ("A", "B", "C")


def _visit(i: int, at: int, lane: str, priority: int, service: int = 600) -> Visit:
    return Visit(
        lane="L" if priority == GREEN else lane,
        service_lane=lane,
        priority=priority,
        queued_at=instant(at),
        issue_order=i,
        at=at,
        service=service,
    )


def test_the_memory_floor_calls_whom_the_call_order_calls_over_every_ticket() -> None:
    rng = random.Random(4)
    fairness = Fairness(2, dt.timedelta(minutes=20))
    for _trial in range(300):
        floor = MemoryFloor("L", fairness)
        waiting = []
        for i in range(rng.randrange(1, 25)):
            v = _visit(
                i,
                30_000 + 60 * i,
                rng.choice(LANES),
                rng.choice([GREEN, APPOINTMENT, NORMAL, NORMAL]),
            )
            floor.arrive(v, v.at)
            waiting.append(v)
        lanes = tuple(rng.sample(("L", *LANES), rng.randrange(1, 4)))
        recent = [rng.choice([GREEN, APPOINTMENT, NORMAL]) for _ in range(2)]
        floor.recent[7] = list(recent)
        now = 30_000 + 60 * 40
        expected = pick_next(
            waiting, Caller(7, lanes), now=instant(now), recent=recent, fairness=fairness
        )
        assert floor.call(7, lanes, now) == expected


def _model(windows: dict[int, tuple[str, ...]]) -> HallModel:
    return HallModel(
        windows=windows,
        qualified={"s1": frozenset(LANES), "s2": frozenset(LANES), "b1": frozenset(LANES)},
        service_minutes={"A": 10.0, "B": 10.0, "C": 10.0},
        periods=((540, 600),),
    )


def test_a_break_waits_for_the_ticket_in_hand_and_closing_serves_everyone_waiting() -> None:
    model = _model({1: ("A",)})
    rota = Rota(
        (
            Shift(Kind.WORK, "s1", 540, 600, 1),
            Shift(Kind.BREAK, "s1", 545, 560),
        )
    )
    people = [_visit(0, 540 * 60, "A", NORMAL, 600), _visit(1, 541 * 60, "A", NORMAL, 600)]
    people += [_visit(i, 595 * 60 + i, "A", NORMAL, 600) for i in range(2, 5)]
    outcome = Run(model, people, rota, MemoryFloor(None, Fairness(0))).run()
    called = outcome.called
    assert called[0] == 540 * 60
    assert called[1] == 560 * 60  # after the break, not at 09:10 when the first was done
    # 10:00 closing: the three who took tickets at 09:55 are still served (延时服务)
    assert [called[i] for i in (2, 3, 4)] == [600 * 60 + k * 600 for k in (0, 1, 2)] or called[
        2
    ] < 600 * 60
    assert len(called) == 5
    # staff time: 09:00 until the first ticket is done at 09:10 (the break waited for it),
    # then 09:20 until the last one is done; nothing for the break
    assert outcome.staff_seconds == 10 * 60 + (outcome.end - 560 * 60)


def test_a_closed_window_finishes_its_ticket_and_its_person_goes_to_the_back_office() -> None:
    model = _model({1: ("A",), 2: ("A",)})
    rota = Rota((Shift(Kind.WORK, "s1", 540, 600, 1), Shift(Kind.WORK, "s2", 540, 600, 2)))
    people = [_visit(i, 540 * 60, "A", NORMAL, 1800) for i in range(2)]
    run = Run(model, people, rota, MemoryFloor(None, Fairness(0)), end=560 * 60)
    run.run()
    assert run.desks[2].visit is not None
    run.now = 555 * 60
    run.apply([Close(2)])
    assert run.desks[2].leaving and run.plan.back_office(556) == ["s2"]
    assert run.plan.at_windows(556) == {1: "s1"}
