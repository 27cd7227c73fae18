"""The tidal console's pure rules at their boundaries: which window changes need an override
(``coverage_problems``) and which supervisor alerts are raised (``alerts``)."""

from __future__ import annotations

from hall_app.domain.tidal import Alert, alerts, coverage_problems

GREEN = frozenset({"L"})
NAMES = {"L": "绿色通道", "A": "综合受理", "C": "社保医保"}


def test_the_green_channel_must_keep_a_window_and_one_that_calls_it_first() -> None:
    before = {1: ["L", "A"], 2: ["A"]}
    assert coverage_problems(before, before, GREEN, {}, NAMES) == []
    # window 1 keeps L, but no longer first
    assert coverage_problems(before, {1: ["A", "L"], 2: ["A"]}, GREEN, {}, NAMES) == [
        "绿色通道将没有优先叫号的窗口（绿色通道窗口）"
    ]
    # no window keeps L at all
    assert coverage_problems(before, {1: ["A"], 2: ["A"]}, GREEN, {}, NAMES) == [
        "绿色通道将没有任何窗口办理"
    ]
    # another window takes L first: fine
    assert coverage_problems(before, {1: ["A"], 2: ["L", "A"]}, GREEN, {}, NAMES) == []
    # two windows had it first, one keeps it first: fine
    two = {1: ["L"], 2: ["L", "A"]}
    assert coverage_problems(two, {1: ["A"], 2: ["L", "A"]}, GREEN, {}, NAMES) == []
    # a hall whose green channel had no window: not this change's doing
    assert coverage_problems({1: ["A"]}, {1: ["C"]}, GREEN, {}, NAMES) == []
    # had it, not first, keeps it not first: fine
    later = {1: ["A", "L"]}
    assert coverage_problems(later, later, GREEN, {}, NAMES) == []
    assert coverage_problems(later, {1: ["A"]}, GREEN, {}, NAMES) == ["绿色通道将没有任何窗口办理"]


def test_a_lane_with_people_waiting_must_keep_a_window() -> None:
    before = {1: ["A"], 2: ["C", "A"]}
    after = {1: ["A"], 2: ["A"]}
    assert coverage_problems(before, after, GREEN, {"C": 3}, NAMES) == [
        "社保医保有 3 人等候，将没有窗口办理"
    ]
    assert coverage_problems(before, after, GREEN, {"C": 0}, NAMES) == []  # nobody waiting
    assert coverage_problems(before, {1: ["A"], 2: ["A", "C"]}, GREEN, {"C": 3}, NAMES) == []
    assert coverage_problems({1: ["A"]}, {1: ["A"]}, GREEN, {"C": 3}, NAMES) == []  # never had
    # an unnamed lane is named by its code; green lanes are judged by the rule above only
    assert coverage_problems({1: ["X", "L"]}, {1: ["L"]}, GREEN, {"X": 1, "L": 2}, {}) == [
        "X有 1 人等候，将没有窗口办理"
    ]
    # several problems, in code order
    assert coverage_problems(
        {1: ["L", "C"], 2: ["A"]}, {1: ["C"], 2: ["C"]}, GREEN, {"C": 1, "A": 2}, NAMES
    ) == ["绿色通道将没有任何窗口办理", "综合受理有 2 人等候，将没有窗口办理"]


def test_alerts_for_waiting_without_windows_crowded_windows_and_long_waits() -> None:
    assert alerts([("综合受理", 3, 5, 0)], []) == [
        Alert("alarm", "综合受理 有 3 人等候，但没有开放窗口")
    ]
    assert alerts([("综合受理", 0, 0, 0)], []) == []  # nobody waiting, no window: quiet
    # 20 people at 2 windows is the threshold (10 per window); 19 is not
    assert alerts([("社保", 20, 5, 2)], []) == [
        Alert("alarm", "社保 每个开放窗口等候 10 人（阈值 10）")
    ]
    assert alerts([("社保", 19, 5, 2)], []) == []
    assert alerts([("社保", 12, 5, 1)], [], per_window=12) == [
        Alert("alarm", "社保 每个开放窗口等候 12 人（阈值 12）")
    ]
    assert alerts([("社保", 12, 5, 1)], [], per_window=13) == []
    # the longest wait: 30 minutes is the threshold, 29 is not
    assert alerts([("税务", 2, 30, 1)], []) == [Alert("warn", "税务 最长已等待 30 分钟（阈值 30）")]
    assert alerts([("税务", 2, 29, 1)], []) == []
    assert alerts([("税务", 2, 20, 1)], [], longest_minutes=20) == [
        Alert("warn", "税务 最长已等待 20 分钟（阈值 20）")
    ]
    # both for one lane: the alarm first
    assert [a.level for a in alerts([("A", 5, 40, 0)], [])] == ["alarm", "warn"]


def test_alerts_for_idle_and_long_paused_windows() -> None:
    assert alerts([], [(3, "社保")]) == [Alert("warn", "3号窗口空闲，而其服务的社保有人等候")]
    assert alerts([], [], [(4, 15), (5, 14)]) == [Alert("warn", "4号窗口已暂停服务 15 分钟")]
    assert alerts([], [], [(5, 14)], paused_minutes=14) == [
        Alert("warn", "5号窗口已暂停服务 14 分钟")
    ]
    assert alerts([], [], [(5, 14)], paused_minutes=15) == []


def test_a_lane_without_a_name_is_named_by_its_code() -> None:
    assert coverage_problems({1: ["X"]}, {1: ["A"]}, frozenset({"X"}), {}, {}) == [
        "X将没有任何窗口办理"
    ]


# ---------------------------------------------------------------- recommend (pure)


def test_recommend_moves_the_idle_windows_one_by_one_to_the_long_queue() -> None:
    import math

    from hall_app.domain.tidal import LaneLoad, WindowState, expected_wait, recommend

    lanes = [LaneLoad("A", "综合受理", 20, 0.0, 10.0), LaneLoad("C", "社保医保", 0, 0.0, 8.0)]
    both = frozenset({"A", "C"})
    windows = [
        WindowState(1, ("A",), frozenset({"A"})),
        WindowState(2, ("C", "A"), both),
        WindowState(3, ("L", "C"), both),  # a green channel first stays first
    ]
    got = recommend(lanes, windows, names={"L": "绿色通道"})
    one, two, three = (expected_wait(20, 0.0, 10.0, n) for n in (1, 2, 3))
    assert [(p.window, p.lane_from, p.lane_to) for p in got] == [(2, "C", "A"), (3, "C", "A")]
    assert got[0].to_categories == ("A", "C") and got[1].to_categories == ("L", "A", "C")
    assert (got[0].wait_to_before, got[0].wait_to_after) == (one, two)
    assert (got[0].worst_before, got[0].worst_after) == (one, two)
    assert got[0].wait_from_after == expected_wait(0, 0.0, 8.0, 1) == 4.0  # one window left
    assert got[1].wait_from_after == expected_wait(0, 0.0, 8.0, 0) == 0.0  # none, no one
    assert (got[1].worst_before, got[1].worst_after) == (two, three)
    assert "3号窗口由社保医保转为综合受理" in got[1].reason
    assert (
        "（叫号顺序：L 绿色通道、C 社保医保 → L 绿色通道、A 综合受理、C 社保医保）" in got[1].reason
    )
    assert not math.isinf(three)
    # one move at most when asked so, none when the gain is too small
    assert len(recommend(lanes, windows, max_moves=1)) == 1
    assert recommend(lanes, windows, min_gain=one) == []


def test_recommend_serves_an_unserved_lane_first() -> None:
    import math

    from hall_app.domain.tidal import LaneLoad, WindowState, recommend

    lanes = [LaneLoad("A", "综合受理", 5, 0.0, 10.0), LaneLoad("C", "社保医保", 0, 0.0, 8.0)]
    windows = [WindowState(2, ("C",), frozenset({"A", "C"}))]
    (only,) = recommend(lanes, windows)
    assert (only.window, only.lane_to) == (2, "A")
    assert math.isinf(only.wait_to_before)  # A had no window at all: served first
    assert only.worst_before == 4.0  # the worst finite wait: C's
    # a window switched a moment ago, or a clerk not qualified, is not moved
    assert recommend(lanes, [WindowState(2, ("C",), frozenset({"A", "C"}), 5.0)]) == []
    assert recommend(lanes, [WindowState(2, ("C",), frozenset({"C"}))]) == []


def test_a_proposal_names_the_old_list_and_the_waits_in_minutes() -> None:
    from hall_app.domain.tidal import LaneLoad, WindowState, recommend

    lanes = [LaneLoad("A", "综合受理", 20, 0.0, 10.0), LaneLoad("C", "社保医保", 0, 0.0, 8.0)]
    windows = [
        WindowState(1, ("A",), frozenset({"A"})),
        WindowState(2, ("C", "A"), frozenset("AC")),
    ]
    (only,) = recommend(lanes, windows)
    assert (only.from_categories, only.to_categories) == (("C", "A"), ("A", "C"))
    assert only.reason.startswith(
        "综合受理 等候20人，预计等待205分钟；2号窗口由社保医保转为综合受理后预计降至102分钟"
    )


def test_a_window_may_switch_again_exactly_min_gap_minutes_after_its_last_switch() -> None:
    from hall_app.domain.tidal import LaneLoad, WindowState, recommend

    lanes = [LaneLoad("A", "综合受理", 5, 0.0, 10.0), LaneLoad("C", "社保医保", 0, 0.0, 8.0)]
    switched = WindowState(2, ("C",), frozenset({"A", "C"}), minutes_since_switch=30.0)
    assert [p.window for p in recommend(lanes, [switched], min_gap=30.0)] == [2]
    assert recommend(lanes, [switched], min_gap=30.5) == []


def test_order_text_and_a_switch_from_a_lane_not_in_the_list() -> None:
    from hall_app.domain.tidal import order_text, switched_order

    assert order_text((), {"A": "综合受理"}) == "无"
    assert order_text(("A", "X"), {"A": "综合受理"}) == "A 综合受理、X"
    assert switched_order(("L", "A"), "C", "B") == ("B", "L", "A")  # the target comes first
