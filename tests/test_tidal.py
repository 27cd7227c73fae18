"""The tidal recommender on small cases checked by hand."""

from __future__ import annotations

import math

import pytest

from hall_app.domain.tidal import (
    LaneLoad,
    WindowState,
    erlang_c_wait,
    expected_wait,
    recommend,
)


def test_erlang_c_against_known_values() -> None:
    # M/M/1: Wq = rho / (mu - lambda) = 0.5 / (1 - 0.5) × 1 min … with λ = 0.5/min, s = 1 min
    assert erlang_c_wait(0.5, 1.0, 1) == pytest.approx(1.0)
    # M/M/2 with a = 1 Erlang: P(wait) = 1/3, Wq = P / (c·μ − λ) = (1/3) / (2 − 1) × 1 min
    assert erlang_c_wait(1.0, 1.0, 2) == pytest.approx(1 / 3)
    assert math.isinf(erlang_c_wait(2.0, 1.0, 2))
    assert erlang_c_wait(0, 5, 0) == 0


def test_expected_wait_counts_the_backlog() -> None:
    # the hall's one estimate with every window busy: (10 + 0.5) × 6 / 3
    assert expected_wait(10, 0.0, 6.0, 3) == pytest.approx(21.0)
    assert math.isinf(expected_wait(4, 0.1, 6.0, 0))
    assert expected_wait(0, 0.0, 6.0, 0) == 0.0  # nobody waits, nobody comes, no window
    # overloaded: 0.6/min × 10 min = 6 Erlangs on 3 windows grows the queue over 30 minutes,
    # after the first in line waits (0 + 0.5) × 10 / 3
    assert expected_wait(0, 0.6, 10.0, 3) == pytest.approx(30.0 + 5 / 3)


LANES = [LaneLoad("C", "社保医保", 34, 0.5, 8.0), LaneLoad("E", "税务", 2, 0.05, 10.0)]


def test_a_quiet_lane_lends_a_qualified_window_to_a_busy_one() -> None:
    windows = [
        WindowState(5, ("C",), frozenset({"C"})),
        WindowState(6, ("C",), frozenset({"C"})),
        WindowState(7, ("E", "C"), frozenset({"E", "C"})),
        WindowState(8, ("E",), frozenset({"E"})),
    ]
    [proposal, *_] = recommend(LANES, windows)
    assert (proposal.window, proposal.lane_from, proposal.lane_to) == (7, "E", "C")
    assert proposal.to_categories == ("C", "E")
    assert proposal.wait_to_after < proposal.wait_to_before
    assert proposal.reason.startswith("社保医保 等候34人，预计等待")
    assert "7号窗口由税务转为社保医保后预计降至" in proposal.reason


def test_limits_qualification_gap_and_never_leaving_a_lane_unserved() -> None:
    unqualified = [
        WindowState(5, ("C",), frozenset({"C"})),
        WindowState(7, ("E",), frozenset({"E"})),
    ]
    assert recommend(LANES, unqualified) == []
    recently = [
        WindowState(5, ("C",), frozenset({"C"})),
        WindowState(7, ("E",), frozenset({"E", "C"}), minutes_since_switch=10),
        WindowState(8, ("E",), frozenset({"E"})),
    ]
    assert recommend(LANES, recently) == []
    last_one = [
        WindowState(5, ("C",), frozenset({"C"})),
        WindowState(7, ("E",), frozenset({"E", "C"})),
    ]
    assert recommend(LANES, last_one) == []  # E has 2 waiting: its only window stays


def test_balanced_hall_gets_no_proposal() -> None:
    lanes = [LaneLoad("C", "社保", 3, 0.1, 8.0), LaneLoad("E", "税务", 3, 0.1, 8.0)]
    windows = [
        WindowState(1, ("C",), frozenset({"C", "E"})),
        WindowState(2, ("E",), frozenset({"C", "E"})),
    ]
    assert recommend(lanes, windows) == []
