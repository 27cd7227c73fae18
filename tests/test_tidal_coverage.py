"""Issue 12 #2, tidal proposal ≠ action: a proposal carries the window's full list (the green
lane and lanes the recommender does not model), a change that leaves the green channel or a
waiting lane without a window is refused unless a supervisor overrides it in writing (audited),
the automatic mode and plans never override, and a change ends by default in 2 h or at the end
of the session. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from hall_app.domain.errors import CoverageRefused
from hall_app.domain.roles import Permission
from hall_app.domain.tidal import LaneLoad, Proposal, WindowState, default_end, recommend
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.actors import system
from tests.conftest import SHANGHAI, login

PERIODS = ((dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 30)))


def _green_window_and_a_queue_for_d(hall: Hall, waiting_d: int = 30) -> None:
    """Window 1 (L 绿色通道 first, then A; its clerk may also serve D) and window 2 (A, L, H)
    are open; D 公安户政 has people waiting and no window."""
    login(hall, "1001", 1)
    login(hall, "1002", 2)
    reception = login(hall, "2001")
    for _ in range(waiting_d):
        hall.tickets.issue(reception, category_code="D")
    hall.tickets.issue(reception, category_code="A")


def test_a_proposal_keeps_the_green_lane_and_shows_the_full_order(hall: Hall):
    _green_window_and_a_queue_for_d(hall)
    _lanes, windows = hall.tidal.state()
    assert next(w for w in windows if w.number == 1).categories == ("L", "A")  # L not dropped
    proposal = next(p for p in hall.tidal.proposals() if p.window == 1)
    assert (proposal.from_categories, proposal.to_categories) == (("L", "A"), ("L", "D", "A"))
    assert "L 绿色通道、A 综合受理 → L 绿色通道、D 公安户政/出入境、A 综合受理" in proposal.reason
    hall.tidal.accept(login(hall, "3001"), proposal, until=hall.tidal.default_until())
    assert hall.queues.status().window(1).categories == ("L", "D", "A")


def test_the_recommender_keeps_unmodelled_lanes_in_place():
    lanes = [LaneLoad("A", "综合受理", 1, 0.0, 10.0), LaneLoad("D", "公安户政", 20, 0.2, 10.0)]
    windows = [
        WindowState(1, ("L", "X", "A"), frozenset({"A", "D"})),
        WindowState(2, ("A",), frozenset({"A"})),
    ]
    [proposal] = recommend(lanes, windows, max_moves=1, names={"L": "绿色通道", "X": "停用类别"})
    assert proposal.to_categories == ("L", "X", "D", "A")
    assert (
        "L 绿色通道、X 停用类别、A 综合受理 → L 绿色通道、X 停用类别、D 公安户政、A 综合受理"
        in proposal.reason
    )


def test_a_change_stripping_the_green_lane_is_refused_with_the_reason(hall: Hall):
    _green_window_and_a_queue_for_d(hall)
    supervisor = login(hall, "3001")
    with pytest.raises(CoverageRefused, match="绿色通道") as refused:
        hall.tidal.reassign(supervisor, [1], ["D", "A"], "公安户政排队")
    assert refused.value.problems == ["绿色通道将没有优先叫号的窗口（绿色通道窗口）"]
    preview = hall.tidal.preview([1], ["D", "A"])
    assert preview.problems == tuple(refused.value.problems)
    assert preview.windows == ((1, "L 绿色通道、A 综合受理", "D 公安户政/出入境、A 综合受理"),)
    assert hall.queues.status().window(1).categories == ("L", "A")
    assert hall.tidal.changes() == []


def test_a_change_leaving_a_waiting_lane_without_a_window_is_refused(hall: Hall):
    login(hall, "1003", 3)  # window 3: A, C — the only open window for C
    reception = login(hall, "2001")
    for _ in range(4):
        hall.tickets.issue(reception, category_code="C")
    with pytest.raises(CoverageRefused, match="社保医保有 4 人等候，将没有窗口办理"):
        hall.tidal.reassign(login(hall, "3001"), [3], ["A"], "综合受理忙")
    assert hall.queues.status().window(3).categories == ("A", "C")


def test_a_supervisor_override_with_a_written_reason_is_recorded_and_audited(hall: Hall):
    _green_window_and_a_queue_for_d(hall)
    supervisor = login(hall, "3001")
    with pytest.raises(CoverageRefused):  # a blank reason is no override
        hall.tidal.reassign(supervisor, [1], ["D", "A"], "公安户政排队", override_reason="  ")
    hall.tidal.reassign(
        supervisor,
        [1],
        ["D", "A"],
        "公安户政排队",
        override_reason="2号窗口同时办理绿色通道，1号窗口临时支援公安户政",
    )
    assert hall.queues.status().window(1).categories == ("D", "A")
    [change] = hall.tidal.changes()
    assert (change.by, change.old, change.new) == ("蒋红梅", "L,A", "D,A")
    assert change.override_reason == "2号窗口同时办理绿色通道，1号窗口临时支援公安户政"
    with hall.db.read() as s:
        entry = s.scalars(
            select(m.AuditEntry)
            .where(m.AuditEntry.action == "window_reassign")
            .order_by(m.AuditEntry.id.desc())
        ).first()
        assert entry is not None and entry.staff_id == supervisor.staff_id
        detail = json.loads(entry.detail)
    assert detail["override"] is True
    assert detail["refused_for"] == ["绿色通道将没有优先叫号的窗口（绿色通道窗口）"]


def test_the_automatic_mode_never_overrides(hall: Hall, monkeypatch: pytest.MonkeyPatch):
    _green_window_and_a_queue_for_d(hall)
    stripping = Proposal(
        window=1,
        from_categories=("L", "A"),
        to_categories=("D", "A"),
        lane_from="A",
        lane_to="D",
        wait_to_before=99,
        wait_to_after=9,
        wait_from_after=5,
        worst_before=99,
        worst_after=9,
        reason="测试",
    )
    with pytest.raises(CoverageRefused, match="自动调度"):
        hall.tidal.accept(
            system(hall, "tidal_auto", Permission.MANAGE_TIDAL),
            stripping,
            source="auto",
            override_reason="自动模式不能越过",
        )
    monkeypatch.setattr(hall.tidal, "proposals", lambda max_moves=3: [stripping])
    assert hall.tidal.auto() == []
    assert hall.queues.status().window(1).categories == ("L", "A")
    assert hall.tidal.changes() == []


def test_a_plan_never_strips_the_green_channel(hall: Hall, clock: FakeClock):
    _green_window_and_a_queue_for_d(hall)
    weekday = clock.now.astimezone(SHANGHAI).weekday()
    hall.tidal.add_schedule(
        login(hall, "3001"), weekday, "08:30", "12:00", [1], ["D", "A"], "周三上午公安户政高峰"
    )
    assert hall.tidal.apply_plans() == 0
    assert hall.queues.status().window(1).categories == ("L", "A")


@pytest.mark.parametrize(
    ("now", "end"),
    [
        ((9, 0), (11, 0)),  # in 2 hours
        ((10, 30), (12, 0)),  # the morning session ends sooner
        ((12, 30), (14, 30)),  # lunch break: in 2 hours (the afternoon ends later)
        ((16, 0), (17, 30)),  # the afternoon session ends sooner
        ((18, 0), (20, 0)),  # after hours: in 2 hours
    ],
)
def test_a_change_ends_by_default_in_two_hours_or_at_the_end_of_the_session(now, end):
    day = dt.date(2026, 11, 25)
    start = dt.datetime.combine(day, dt.time(*now), SHANGHAI)
    assert default_end(start, PERIODS) == dt.datetime.combine(day, dt.time(*end), SHANGHAI)


def test_the_service_uses_the_halls_sessions_for_the_default_end(hall: Hall, clock: FakeClock):
    assert hall.tidal.periods == PERIODS  # resources/appointments.toml
    assert hall.tidal.default_until() == dt.datetime(2026, 11, 25, 11, 0, tzinfo=SHANGHAI)
    clock.advance(hours=2)  # 11:00
    assert hall.tidal.default_until() == dt.datetime(2026, 11, 25, 12, 0, tzinfo=SHANGHAI)
    assert hall.tidal.preview([1], ["L", "A"]).default_until == hall.tidal.default_until()


def test_the_automatic_mode_is_time_boxed(hall: Hall):
    _green_window_and_a_queue_for_d(hall)
    applied = hall.tidal.auto()
    assert [p.window for p in applied] == [1]
    assert hall.queues.status().window(1).categories == ("L", "D", "A")
    [change] = hall.tidal.changes()
    assert change.until == dt.datetime(2026, 11, 25, 11, 0, tzinfo=SHANGHAI)
    notice = hall.tidal.window_notice(1)
    assert notice is not None and notice.by == "自动调度"
    assert notice.new == "L 绿色通道、D 公安户政/出入境、A 综合受理"
