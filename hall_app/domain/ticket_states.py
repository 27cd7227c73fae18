"""The ticket life cycle: one state machine, used by the online services, the offline desk,
the replay of offline and paper records, and the simulator.

    waiting ──call──> called ──start──> serving ──finish──> finished
       ^  │            │  │ recall (≤ 3 calls)     │
       │  cancel       │  └─no_show (≥ N calls)──> no_show ──requeue (once)──> waiting
       │  v            │      ^                        │
       │ cancelled     │      └─undo (≤ 2 min)─> called at the same window
       │               └──────── transfer (called/serving/waiting) ───> waiting
    waiting/called ──close (闭厅)──> closed (未办结（闭厅）)

Guards beside the table: at most ``MAX_CALLS`` calls; a manual no-show only after the hall's
minimum number of calls (``TicketRules.min_calls_before_no_show``, 1–3); a requeue once; the
undo of a no-show within ``UNDO_NO_SHOW_SECONDS`` and without using up the requeue.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from hall_app.domain.errors import NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.settings import HallSettings

MAX_CALLS = 3
MAX_REQUEUES = 1
UNDO_NO_SHOW_SECONDS = 120
DEFAULT_MIN_CALLS = 2


class TicketState(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    CLOSED = "closed"  # 未办结（闭厅）: still waiting or called when the hall closed

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    TicketState.WAITING: QT_TRANSLATE_NOOP("labels", "等候中"),
    TicketState.CALLED: QT_TRANSLATE_NOOP("labels", "已叫号"),
    TicketState.SERVING: QT_TRANSLATE_NOOP("labels", "办理中"),
    TicketState.FINISHED: QT_TRANSLATE_NOOP("labels", "已办结"),
    TicketState.NO_SHOW: QT_TRANSLATE_NOOP("labels", "过号"),
    TicketState.CANCELLED: QT_TRANSLATE_NOOP("labels", "已取消"),
    TicketState.CLOSED: QT_TRANSLATE_NOOP("labels", "未办结（闭厅）"),
}

ACTIVE_AT_WINDOW = (TicketState.CALLED, TicketState.SERVING)
# what the closing routine marks 未办结（闭厅）
OPEN_AT_CLOSING = (TicketState.WAITING, TicketState.CALLED)


class Action(enum.StrEnum):
    ISSUE = "issue"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    UNDO_NO_SHOW = "undo_no_show"
    REQUEUE = "requeue"
    TRANSFER = "transfer"
    CANCEL = "cancel"
    CLOSE = "close"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.ISSUE: QT_TRANSLATE_NOOP("labels", "取号"),
    Action.CALL: QT_TRANSLATE_NOOP("labels", "叫号"),
    Action.RECALL: QT_TRANSLATE_NOOP("labels", "重呼"),
    Action.START: QT_TRANSLATE_NOOP("labels", "开始办理"),
    Action.FINISH: QT_TRANSLATE_NOOP("labels", "办结"),
    Action.NO_SHOW: QT_TRANSLATE_NOOP("labels", "过号"),
    Action.UNDO_NO_SHOW: QT_TRANSLATE_NOOP("labels", "撤销过号"),
    Action.REQUEUE: QT_TRANSLATE_NOOP("labels", "过号重排"),
    Action.TRANSFER: QT_TRANSLATE_NOOP("labels", "转移"),
    Action.CANCEL: QT_TRANSLATE_NOOP("labels", "取消"),
    Action.CLOSE: QT_TRANSLATE_NOOP("labels", "闭厅"),
}

TRANSITIONS: dict[tuple[TicketState, Action], TicketState] = {
    (TicketState.WAITING, Action.CALL): TicketState.CALLED,
    (TicketState.WAITING, Action.TRANSFER): TicketState.WAITING,
    (TicketState.WAITING, Action.CANCEL): TicketState.CANCELLED,
    (TicketState.WAITING, Action.CLOSE): TicketState.CLOSED,
    (TicketState.CALLED, Action.RECALL): TicketState.CALLED,
    (TicketState.CALLED, Action.START): TicketState.SERVING,
    (TicketState.CALLED, Action.NO_SHOW): TicketState.NO_SHOW,
    (TicketState.CALLED, Action.TRANSFER): TicketState.WAITING,
    (TicketState.CALLED, Action.CLOSE): TicketState.CLOSED,
    (TicketState.SERVING, Action.FINISH): TicketState.FINISHED,
    (TicketState.SERVING, Action.TRANSFER): TicketState.WAITING,
    (TicketState.NO_SHOW, Action.REQUEUE): TicketState.WAITING,
    (TicketState.NO_SHOW, Action.UNDO_NO_SHOW): TicketState.CALLED,
}


@dataclass(frozen=True)
class TicketRules:
    """The hall's settings the machine needs (``ticket.no_show_min_calls``)."""

    min_calls_before_no_show: int = DEFAULT_MIN_CALLS

    def __post_init__(self) -> None:
        if not 1 <= self.min_calls_before_no_show <= MAX_CALLS:
            raise ValueError("min_calls_before_no_show must be 1..3")


# records of what already happened (offline desk, paper back-entry): the calls were oral and
# not counted, so only the states are checked, not the number of calls
RECORDED = TicketRules(min_calls_before_no_show=1)


@dataclass(frozen=True)
class TicketFacts:
    """What the state machine needs to know about a ticket besides its state."""

    number: str
    state: TicketState
    call_count: int = 0
    requeue_count: int = 0
    no_show_at: dt.datetime | None = None


HALL_DEFAULT = TicketRules()


def rules_from(settings: HallSettings) -> TicketRules:
    """The hall's ticket rules from its settings (``ticket.no_show_min_calls``)."""
    return TicketRules(settings.no_show_min_calls)


def next_state(
    ticket: TicketFacts,
    action: Action,
    rules: TicketRules = HALL_DEFAULT,
    *,
    now: dt.datetime | None = None,
) -> TicketState:
    """The state after ``action``, or :class:`NotAllowed` with a message saying why."""
    target = TRANSITIONS.get((ticket.state, action))
    if target is None:
        raise NotAllowed(
            f"号票 {ticket.number} 当前为「{ticket.state.label}」，不能执行「{action.label}」"
        )
    if action is Action.RECALL and ticket.call_count >= MAX_CALLS:
        raise NotAllowed(f"号票 {ticket.number} 已呼叫 {ticket.call_count} 次，请按过号处理")
    if action is Action.NO_SHOW and ticket.call_count < rules.min_calls_before_no_show:
        raise NotAllowed(
            f"号票 {ticket.number} 才呼叫 {ticket.call_count} 次，"
            f"至少呼叫 {rules.min_calls_before_no_show} 次后才能按过号处理，请先重呼"
        )
    if action is Action.REQUEUE and ticket.requeue_count >= MAX_REQUEUES:
        raise NotAllowed(f"号票 {ticket.number} 已重排过一次，请重新取号")
    if action is Action.UNDO_NO_SHOW and not _undo_open(ticket.no_show_at, now):
        raise NotAllowed(
            f"号票 {ticket.number} 过号已超过 {UNDO_NO_SHOW_SECONDS // 60} 分钟，不能撤销；"
            "市民回来可由导服台重排一次"
        )
    return target


def _undo_open(no_show_at: dt.datetime | None, now: dt.datetime | None) -> bool:
    if no_show_at is None or now is None:
        return False
    return (now - no_show_at).total_seconds() <= UNDO_NO_SHOW_SECONDS


def run(
    ticket: TicketFacts,
    actions: Iterable[Action],
    rules: TicketRules = RECORDED,
    *,
    now: dt.datetime | None = None,
) -> TicketState:
    """Several moves in a row (e.g. an offline finish: start, then finish)."""
    for action in actions:
        ticket = replace(ticket, state=next_state(ticket, action, rules, now=now))
    return ticket.state


def undo_deadline(no_show_at: dt.datetime) -> dt.datetime:
    return no_show_at + dt.timedelta(seconds=UNDO_NO_SHOW_SECONDS)
