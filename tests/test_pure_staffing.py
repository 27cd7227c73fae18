"""The staffing recommender's objective, the forward check's judgement and the overflow
warning, on small made-up halls."""

from __future__ import annotations

import pytest

from hall_app.domain.arrivals import Rates, generate
from hall_app.domain.call_order import Fairness
from hall_app.domain.forward import Band, judge, snapshot_of
from hall_app.domain.hallsim import HallModel, MemoryFloor, SlotRates, Visit, draw_visits
from hall_app.domain.hallsim_policy import TidalPolicy
from hall_app.domain.hallsim_report import lane_waits, p95
from hall_app.domain.hallsim_run import CallIn, Close, Policy, Run, Switch
from hall_app.domain.overflow import warnings
from hall_app.domain.rota import Kind, Rota, Shift
from hall_app.domain.staffing import StaffingPolicy

LANES = ("X", "Y", "Z")
MODEL = HallModel(
    windows={1: ("X",), 2: ("X",), 3: ("Y",), 4: ("Y",), 5: ("Z",), 6: ("X",)},
    qualified={no: frozenset(LANES) for no in ("s1", "s2", "s3", "s4", "s5", "b1")},
    service_minutes={"X": 10.0, "Y": 10.0, "Z": 10.0},
    names={"X": "甲", "Y": "乙", "Z": "丙"},
    fairness=Fairness(0),
    periods=((540, 780),),
)
ROTA = Rota(
    (
        *(Shift(Kind.WORK, f"s{w}", 540, 780, w) for w in range(1, 6)),
        Shift(Kind.BACK_OFFICE, "b1", 540, 780),
    ),
    {"X": 1, "Y": 1, "Z": 1},
)
# 甲 surges to twice what its two windows serve; 乙 is busy on its two (two thirds); 丙 is quiet
RATES = Rates(540, 30, {"X": (24.0,) * 8, "Y": (8.0,) * 8, "Z": (1.0,) * 8})
ITEMS = {"X": ["x1"], "Y": ["y1"], "Z": ["z1"]}


def _lane_p95(policy: str, seed: int) -> dict[str, float]:
    visits = draw_visits(generate(RATES, seed, ITEMS, time_stream_draws={}), MODEL, seed)
    chosen: Policy | None = {
        "static": None,
        "tidal": TidalPolicy(),
        "tidal-staffing": StaffingPolicy(expected=SlotRates(visits)),
    }[policy]
    outcome = Run(MODEL, visits, ROTA, MemoryFloor(None, MODEL.fairness), chosen).run()
    return {lane: p95(values) for lane, values in lane_waits(outcome).items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_objective_does_not_starve_the_lane_that_gives_a_window(seed: int) -> None:
    static, naive, staffing = (_lane_p95(p, seed) for p in ("static", "tidal", "tidal-staffing"))
    # the naive tidal policy buys 甲's cut with 乙's windows: 乙 ends far worse than static
    assert naive["Y"] > max(static["Y"] * 1.1, static["Y"] + 5)
    # the staffing policy calls the back office instead and keeps 乙 within the tolerance
    assert staffing["Y"] <= max(static["Y"] * 1.1, static["Y"] + 5)
    assert staffing["X"] < static["X"] * 0.8
    # and no lane is left without its minimum window (丙 keeps one: its p95 stays as static's)
    assert staffing["Z"] <= max(static["Z"] * 1.1, static["Z"] + 5)


def _band(mean: float) -> Band:
    return Band(mean, mean, mean)


def test_the_judgement_follows_the_objective() -> None:
    base = {"X": _band(40), "Y": _band(5), "L": _band(2)}
    call = CallIn(6, "b1", ("X",))
    assert judge(call, base, {"X": _band(30), "Y": _band(5), "L": _band(2)}, "L")[0]
    # 乙 worse by more than 5 minutes (and 10 %): dropped, and said why
    helps, why = judge(
        Switch(3, ("X",)), base, {"X": _band(30), "Y": _band(10.5), "L": _band(2)}, "L"
    )
    assert not helps and "Y" in why
    assert judge(Switch(3, ("X",)), base, {"X": _band(30), "Y": _band(9.9), "L": _band(2)}, "L")[0]
    # the green channel is protected to the minute
    helps, why = judge(call, base, {"X": _band(30), "Y": _band(5), "L": _band(3.1)}, "L")
    assert not helps and "绿色通道" in why
    assert judge(call, base, {"X": _band(30), "Y": _band(5), "L": _band(2.9)}, "L")[0]
    # a close is kept when nothing gets worse, dropped when the largest lane goes up
    assert judge(Close(5), base, {"X": _band(40.4), "Y": _band(6), "L": _band(2)}, "L")[0]
    assert not judge(Close(5), base, {"X": _band(40.6), "Y": _band(6), "L": _band(2)}, "L")[0]
    # anything else must bring something down
    assert not judge(call, base, dict(base), "L")[0]
    assert judge(call, base, {"X": _band(40), "Y": _band(3), "L": _band(2)}, "L")[0]
    assert not judge(call, base, {"X": _band(40), "Y": _band(3.1), "L": _band(2)}, "L")[0]


def _snapshot_at(minute: int, rates: Rates, seed: int = 1):  # type: ignore[no-untyped-def]
    visits = draw_visits(generate(rates, seed, ITEMS, time_stream_draws={}), MODEL, seed)
    floor = MemoryFloor(None, MODEL.fairness)
    run = Run(MODEL, visits, ROTA, floor, end=minute * 60)
    run.run()
    run.now = minute * 60
    return snapshot_of(run, floor, rates, ITEMS)


def test_the_overflow_warning_names_the_lane_when_and_how_long() -> None:
    found = warnings(_snapshot_at(555, RATES), limit=30.0)
    assert [w.lane for w in found] == ["X"]
    warning = found[0]
    assert 555 <= warning.from_minute < 600 and warning.longest > 30 and warning.share >= 0.5
    assert "甲" in warning.text(30.0) and "30 分钟" in warning.text(30.0)
    # 甲 runs past closing at 13:00 (its two windows serve half of what comes)
    assert warning.past_closing > 10 and "闭厅时约" in warning.text(30.0)
    assert warnings(_snapshot_at(555, RATES), limit=400.0) == []
    quiet = Rates(540, 30, {"X": (6.0,) * 8, "Y": (6.0,) * 8, "Z": (2.0,) * 8})
    assert warnings(_snapshot_at(555, quiet), limit=30.0) == []


def test_a_switch_keeps_each_lanes_minimum_of_windows() -> None:
    from hall_app.domain.tidal import LaneLoad, WindowState, recommend

    lanes = [LaneLoad("X", "甲", 12, 0.4, 10.0), LaneLoad("Z", "丙", 0, 0.0, 10.0)]
    windows = [
        WindowState(1, ("X",), frozenset(LANES)),
        WindowState(5, ("Z",), frozenset(LANES)),
    ]
    assert [p.window for p in recommend(lanes, windows)] == [5]  # 丙 is empty: it could go
    assert recommend(lanes, windows, keep={"X": 1, "Z": 1}) == []
    assert recommend(lanes, windows, keep={"X": 1, "Z": 0}) != []


def test_every_move_puts_a_qualified_person_on_the_lane_and_spares_the_green_window() -> None:
    model = HallModel(
        windows={1: ("L", "Z"), 2: ("X",), 3: ("Y",), 4: ("Y",), 5: ("Z",), 6: ("Y",), 7: ("W",)},
        qualified={
            "g1": frozenset({"L", "Z", "X"}),  # could serve 甲, but sits at the green window
            "s7": frozenset({"W", "X"}),  # could serve 甲, but 丁 keeps its one window
            "s2": frozenset({"X"}),
            "s3": frozenset({"Y"}),  # cannot serve 甲
            "s4": frozenset({"Y", "X"}),
            "s5": frozenset({"Z"}),
            "b1": frozenset({"Y"}),  # the back office cannot serve 甲 either
            "b2": frozenset({"X", "Y", "Z"}),
        },
        service_minutes={"X": 10.0, "Y": 10.0, "Z": 10.0, "W": 10.0, "L": 10.0},
        green_lane="L",
        names={"X": "甲", "Y": "乙", "Z": "丙", "W": "丁", "L": "绿色通道"},
        fairness=Fairness(0),
        periods=((540, 780),),
    )
    rota = Rota(
        (
            Shift(Kind.WORK, "g1", 540, 780, 1),
            *(Shift(Kind.WORK, f"s{w}", 540, 780, w) for w in (2, 3, 4, 5, 7)),
            Shift(Kind.BACK_OFFICE, "b1", 540, 780),
            Shift(Kind.BACK_OFFICE, "b2", 540, 780),
        ),
        {"X": 1, "Y": 1, "Z": 1, "W": 1},
    )
    rates = Rates(540, 30, {"X": (30.0,) * 8, "Y": (3.0,) * 8, "Z": (1.0,) * 8})  # 丁: nobody
    for seed in (1, 2, 3):
        visits = draw_visits(generate(rates, seed, ITEMS, time_stream_draws={}), model, seed)
        run = Run(
            model,
            visits,
            rota,
            MemoryFloor("L", model.fairness),
            StaffingPolicy(expected=SlotRates(visits)),
        )
        outcome = run.run()
        moves = [a for _t, a in outcome.actions if isinstance(a, Switch | CallIn)]
        assert moves  # 甲 is far past its window: something is done
        seated = dict(rota.at_windows(540))
        for _at, action in outcome.actions:
            if isinstance(action, CallIn):
                assert action.lanes[0] in model.qualified[action.staff_no]
                seated[action.window] = action.staff_no
            if isinstance(action, Close):
                assert action.window != 1  # the green channel's window is never closed
            if isinstance(action, Switch) and action.window == 1:
                assert action.lanes[0] == "L"  # nor taken: a lane goes right after green
            if isinstance(action, Switch | Close):
                assert action.window != 7  # nor the last window of a lane (its minimum)
                assert action.lanes[0] in model.qualified[seated[action.window]]
        assert not any(isinstance(a, CallIn) and a.staff_no == "b1" for _t, a in outcome.actions)


def test_the_planning_wait_counts_the_windows_the_load_keeps_busy() -> None:
    from hall_app.domain.staffing_estimate import planning_wait
    from hall_app.domain.tidal import LaneLoad

    # nobody waiting, nobody coming: a free window, no wait (not half a service)
    assert planning_wait(LaneLoad("W", "丁", 0, 0.0, 10.0), 1) == 0.0
    # three waiting at one window: each ahead takes a service, the first half of one
    assert planning_wait(LaneLoad("W", "丁", 3, 0.0, 10.0), 1) == pytest.approx(35.0)
    # a lane past capacity is held to what half an hour builds, not the steady state
    # (all four busy: half a service shared by four, then 10 + 30 × (2.5 − 0.5))
    assert planning_wait(LaneLoad("X", "甲", 0, 1.0, 10.0), 4) == pytest.approx(1.25 + 70.0)
    busy = planning_wait(LaneLoad("X", "甲", 0, 0.99 * 4 / 10, 10.0), 4)
    assert busy < 10 + 30 * 0.5 + 10  # near capacity: bounded
    assert planning_wait(LaneLoad("Z", "丙", 0, 0.1, 10.0), 0) == float("inf")


class _Flat:
    """Expected arrivals: a steady rate per lane (people per hour)."""

    def __init__(self, per_hour: dict[str, float]) -> None:
        self.per_hour = per_hour

    def rate_at(self, lane: str, minute: int) -> float:
        return self.per_hour.get(lane, 0.0)


def test_a_quiet_window_is_closed_but_not_the_green_one_nor_one_another_lane_leans_on() -> None:
    from hall_app.domain.staffing import advise

    model = HallModel(
        # 乙 (Y) is quiet on three windows; 3 and 4 also call 丁 (H), which leans on the time
        # they give it; 7 is the green channel's window, calling the quiet 丙 (Z) after it
        # (numbered last: windows are closed from the highest number down)
        windows={7: ("L", "Z"), 2: ("Y",), 3: ("Y", "H"), 4: ("Y", "H"), 5: ("H",), 6: ("Z",)},
        qualified={
            "s7": frozenset({"L", "Z"}),
            "s2": frozenset({"Y"}),
            "s3": frozenset({"Y", "H"}),
            "s4": frozenset({"Y", "H"}),
            "s5": frozenset({"H"}),
            "s6": frozenset({"Z"}),
        },
        service_minutes={"L": 10.0, "Y": 10.0, "H": 15.0, "Z": 10.0},
        green_lane="L",
        names={"Y": "乙", "H": "丁", "Z": "丙", "L": "绿色通道"},
        fairness=Fairness(0),
        periods=((540, 780),),
    )
    rota = Rota(tuple(Shift(Kind.WORK, f"s{w}", 540, 780, w) for w in range(2, 8)))
    run = Run(model, [], rota, MemoryFloor("L", model.fairness), start=600 * 60, end=600 * 60)
    run.run()
    expected = _Flat({"Y": 1.0, "H": 5.0})  # nobody expected for 丙
    closed = {
        a.action.window for a in advise(run, expected=expected) if isinstance(a.action, Close)
    }
    assert closed == {2, 6}  # 乙 and 丙 each have a window to spare
    # not 7 (the green channel's), not 3 or 4 (丁 would lose the time they give it)


def test_a_break_due_at_a_busy_lane_is_put_back_half_an_hour() -> None:
    from hall_app.domain.hallsim import instant
    from hall_app.domain.hallsim_run import MoveBreak
    from hall_app.domain.staffing import advise

    model = HallModel(
        windows={1: ("X",), 2: ("X",)},
        qualified={"s1": frozenset({"X"}), "s2": frozenset({"X"})},
        service_minutes={"X": 10.0},
        fairness=Fairness(0),
        periods=((540, 780),),
    )
    rota = Rota(
        (
            Shift(Kind.WORK, "s1", 540, 780, 1),
            Shift(Kind.WORK, "s2", 540, 780, 2),
            Shift(Kind.BREAK, "s1", 600, 615),
        )
    )
    queue = [
        Visit(lane="X", service_lane="X", priority=2, queued_at=instant(590 * 60 + i),
              issue_order=i, at=590 * 60 + i, service=600)
        for i in range(12)
    ]  # fmt: skip
    run = Run(model, queue, rota, MemoryFloor(None, model.fairness), start=596 * 60, end=596 * 60)
    run.run()
    moves = [a.action for a in advise(run) if isinstance(a.action, MoveBreak)]
    assert moves == [MoveBreak("s1", 600, 630, moves[0].reason if moves else "")]
    quiet = Run(
        model, queue[:1], rota, MemoryFloor(None, model.fairness), start=596 * 60, end=596 * 60
    )
    quiet.run()
    assert not [a for a in advise(quiet) if isinstance(a.action, MoveBreak)]
    run.apply(moves)
    assert [(b.start, b.end) for b in run.plan.breaks("s1")] == [(630, 645)]
