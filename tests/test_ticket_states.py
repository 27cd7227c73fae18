"""The one ticket state machine (domain.ticket_states) and its users: the online services, the
offline desk and the replay of offline and paper records all refuse the same illegal move."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain import transfer
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.settings import BY_KEY, HallSettings
from hall_app.domain.ticket_states import (
    RECORDED,
    TRANSITIONS,
    Action,
    TicketFacts,
    TicketRules,
    TicketState,
    next_state,
    run,
)
from hall_app.domain.tickets import TicketState as ReExported
from hall_app.services import offline_tickets, replay

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def test_one_table_and_the_old_module_re_exports_it() -> None:
    assert ReExported is TicketState
    assert TRANSITIONS[(TicketState.NO_SHOW, Action.UNDO_NO_SHOW)] is TicketState.CALLED
    assert TRANSITIONS[(TicketState.WAITING, Action.CLOSE)] is TicketState.CLOSED
    assert TRANSITIONS[(TicketState.CALLED, Action.CLOSE)] is TicketState.CLOSED
    assert (TicketState.SERVING, Action.CLOSE) not in TRANSITIONS  # the clerk finishes it
    assert TicketState.CLOSED.label == "未办结（闭厅）"


def test_the_offline_desk_and_the_replay_use_the_domain_machine() -> None:
    """No private transition table is left in the offline desk or the replay."""
    assert offline_tickets.next_state is next_state and replay.run is run
    assert not hasattr(offline_tickets, "_TRANSITIONS")
    assert not hasattr(replay, "_TRANSITIONS")
    assert all(isinstance(v[0], tuple) for v in replay._MOVES.values())


def test_manual_no_show_needs_the_hall_minimum_of_calls() -> None:
    once = TicketFacts("A001", TicketState.CALLED, call_count=1)
    with pytest.raises(NotAllowed, match="至少呼叫 2 次"):
        next_state(once, Action.NO_SHOW)  # hall default: 2
    twice = TicketFacts("A001", TicketState.CALLED, call_count=2)
    assert next_state(twice, Action.NO_SHOW) is TicketState.NO_SHOW
    with pytest.raises(NotAllowed, match="至少呼叫 3 次"):
        next_state(twice, Action.NO_SHOW, TicketRules(3))
    assert next_state(once, Action.NO_SHOW, TicketRules(1)) is TicketState.NO_SHOW
    # after three calls it is always 过号: no fourth call, and no minimum above three
    thrice = TicketFacts("A001", TicketState.CALLED, call_count=3)
    with pytest.raises(NotAllowed, match="请按过号处理"):
        next_state(thrice, Action.RECALL)
    assert next_state(thrice, Action.NO_SHOW, TicketRules(3)) is TicketState.NO_SHOW
    with pytest.raises(ValueError):
        TicketRules(4)


def test_the_minimum_is_a_hall_setting_of_at_most_three() -> None:
    spec = BY_KEY["ticket.no_show_min_calls"]
    assert HallSettings.defaults().no_show_min_calls == 2
    assert spec.parse("3") == 3
    with pytest.raises(InvalidInput, match="不能大于 3"):
        spec.parse("4")
    assert HallSettings.defaults().closing_time == dt.time(17, 30)


def test_undo_of_a_no_show_within_two_minutes_only() -> None:
    gone = TicketFacts("A001", TicketState.NO_SHOW, call_count=2, requeue_count=1, no_show_at=T0)
    at = T0 + dt.timedelta(seconds=120)
    assert next_state(gone, Action.UNDO_NO_SHOW, now=at) is TicketState.CALLED
    with pytest.raises(NotAllowed, match="超过 2 分钟"):
        next_state(gone, Action.UNDO_NO_SHOW, now=at + dt.timedelta(seconds=1))
    with pytest.raises(NotAllowed):
        next_state(
            TicketFacts("A001", TicketState.FINISHED, no_show_at=T0), Action.UNDO_NO_SHOW, now=T0
        )


@pytest.mark.parametrize(
    "state,action",
    [
        (TicketState.WAITING, Action.NO_SHOW),
        (TicketState.NO_SHOW, Action.FINISH),
        (TicketState.CLOSED, Action.CALL),
        (TicketState.FINISHED, Action.CALL),
    ],
)
def test_recorded_moves_check_the_same_states(state: TicketState, action: Action) -> None:
    with pytest.raises(NotAllowed):
        run(TicketFacts("S001", state, call_count=1), [action], RECORDED)


def test_transfer_targets_are_refused_with_the_reason() -> None:
    closed = transfer.TargetWindow(7, "closed", "", ("A",))
    other = transfer.TargetWindow(8, "open", "李娜", ("C", "A"))
    social = transfer.TargetWindow(9, "open", "王强", ("C",))
    assert "未开放" in transfer.refusal(closed, "A")
    assert "不办理" in transfer.refusal(social, "A")
    assert transfer.refusal(other, "A") is None
    assert transfer.refusal(social, "L", "C") is None  # green ticket: its own lane counts
    assert transfer.refusal(other, "A", from_window=8) == "不能转移到本窗口"
    with pytest.raises(InvalidInput, match="转移原因"):
        transfer.clean_reason("  ")
    assert transfer.note(3, "需办社保") == "转自3号窗口：需办社保"
