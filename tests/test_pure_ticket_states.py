"""Pure tests of the ticket state machine: every state × action, limits and exact messages."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.errors import NotAllowed
from hall_app.domain.ticket_states import (
    ACTIVE_AT_WINDOW,
    HALL_DEFAULT,
    OPEN_AT_CLOSING,
    RECORDED,
    Action,
    TicketFacts,
    TicketRules,
    TicketState,
    next_state,
    run,
    undo_deadline,
)

S, A = TicketState, Action
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)

MOVES = {
    (S.WAITING, A.CALL): S.CALLED,
    (S.WAITING, A.TRANSFER): S.WAITING,
    (S.WAITING, A.CANCEL): S.CANCELLED,
    (S.WAITING, A.CLOSE): S.CLOSED,
    (S.CALLED, A.RECALL): S.CALLED,
    (S.CALLED, A.START): S.SERVING,
    (S.CALLED, A.NO_SHOW): S.NO_SHOW,
    (S.CALLED, A.TRANSFER): S.WAITING,
    (S.CALLED, A.CLOSE): S.CLOSED,
    (S.SERVING, A.FINISH): S.FINISHED,
    (S.SERVING, A.TRANSFER): S.WAITING,
    (S.NO_SHOW, A.REQUEUE): S.WAITING,
    (S.NO_SHOW, A.UNDO_NO_SHOW): S.CALLED,
}


def test_labels() -> None:
    assert [s.label for s in S] == [
        "等候中",
        "已叫号",
        "办理中",
        "已办结",
        "过号",
        "已取消",
        "未办结（闭厅）",
    ]
    assert [a.label for a in A] == [
        "取号",
        "叫号",
        "重呼",
        "开始办理",
        "办结",
        "过号",
        "撤销过号",
        "过号重排",
        "转移",
        "取消",
        "闭厅",
    ]
    assert ACTIVE_AT_WINDOW == (S.CALLED, S.SERVING)
    assert OPEN_AT_CLOSING == (S.WAITING, S.CALLED)


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", list(A))
def test_every_state_and_action(state: TicketState, action: Action) -> None:
    facts = TicketFacts("A001", state, call_count=2, no_show_at=NOW)
    target = MOVES.get((state, action))
    if target is None:
        with pytest.raises(NotAllowed) as exc:
            next_state(facts, action, now=NOW)
        assert exc.value.message == f"号票 A001 当前为「{state.label}」，不能执行「{action.label}」"
    else:
        assert next_state(facts, action, now=NOW) is target


def test_recall_limit() -> None:
    assert next_state(TicketFacts("A001", S.CALLED, call_count=2), A.RECALL) is S.CALLED
    with pytest.raises(NotAllowed) as exc:
        next_state(TicketFacts("A001", S.CALLED, call_count=3), A.RECALL)
    assert exc.value.message == "号票 A001 已呼叫 3 次，请按过号处理"


def test_no_show_needs_the_minimum_calls() -> None:
    assert next_state(TicketFacts("A001", S.CALLED, call_count=2), A.NO_SHOW) is S.NO_SHOW
    with pytest.raises(NotAllowed) as exc:
        next_state(TicketFacts("A001", S.CALLED, call_count=1), A.NO_SHOW)
    assert exc.value.message == ("号票 A001 才呼叫 1 次，至少呼叫 2 次后才能按过号处理，请先重呼")
    three = TicketRules(3)
    with pytest.raises(NotAllowed):
        next_state(TicketFacts("A001", S.CALLED, call_count=2), A.NO_SHOW, three)
    assert next_state(TicketFacts("A001", S.CALLED, call_count=3), A.NO_SHOW, three) is S.NO_SHOW
    assert next_state(TicketFacts("A001", S.CALLED, call_count=1), A.NO_SHOW, RECORDED)


def test_rules_range() -> None:
    assert HALL_DEFAULT.min_calls_before_no_show == 2
    assert RECORDED.min_calls_before_no_show == 1
    TicketRules(1)
    TicketRules(3)
    for bad in (0, 4):
        with pytest.raises(ValueError, match=r"must be 1\.\.3"):
            TicketRules(bad)


def test_requeue_once() -> None:
    assert next_state(TicketFacts("A001", S.NO_SHOW, requeue_count=0), A.REQUEUE) is S.WAITING
    with pytest.raises(NotAllowed) as exc:
        next_state(TicketFacts("A001", S.NO_SHOW, requeue_count=1), A.REQUEUE)
    assert exc.value.message == "号票 A001 已重排过一次，请重新取号"


def test_undo_no_show_within_two_minutes() -> None:
    at = NOW - dt.timedelta(seconds=120)
    facts = TicketFacts("A001", S.NO_SHOW, no_show_at=at)
    assert next_state(facts, A.UNDO_NO_SHOW, now=NOW) is S.CALLED
    late = TicketFacts("A001", S.NO_SHOW, no_show_at=at - dt.timedelta(seconds=1))
    message = "号票 A001 过号已超过 2 分钟，不能撤销；市民回来可由导服台重排一次"
    with pytest.raises(NotAllowed) as exc:
        next_state(late, A.UNDO_NO_SHOW, now=NOW)
    assert exc.value.message == message
    with pytest.raises(NotAllowed):
        next_state(facts, A.UNDO_NO_SHOW)  # no clock: not open
    with pytest.raises(NotAllowed):
        next_state(TicketFacts("A001", S.NO_SHOW), A.UNDO_NO_SHOW, now=NOW)
    assert undo_deadline(NOW) == NOW + dt.timedelta(seconds=120)


def test_run_uses_recorded_rules() -> None:
    facts = TicketFacts("A001", S.WAITING)
    assert run(facts, [A.CALL, A.START, A.FINISH]) is S.FINISHED
    once = TicketFacts("A001", S.WAITING, call_count=1)
    assert run(once, [A.CALL, A.NO_SHOW]) is S.NO_SHOW  # one recorded call is enough
    assert run(facts, []) is S.WAITING
    with pytest.raises(NotAllowed):
        run(once, [A.CALL, A.NO_SHOW], HALL_DEFAULT)
