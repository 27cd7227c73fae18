"""The ticket life cycle as an explicit state machine, ticket numbers and queue order.

    waiting ──call──> called ──start──> serving ──finish──> finished
       ^  │            │  │ recall (≤ 3 calls)     │
       │  cancel       │  └─no_show──> no_show ──requeue (once)──> waiting
       │  v            │                                 │
       │ cancelled     └──────── transfer (called/serving/waiting) ───> waiting
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hall_app.domain.errors import NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP

MAX_CALLS = 3
MAX_REQUEUES = 1


class TicketState(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

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
}

ACTIVE_AT_WINDOW = (TicketState.CALLED, TicketState.SERVING)


class Action(enum.StrEnum):
    ISSUE = "issue"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    REQUEUE = "requeue"
    TRANSFER = "transfer"
    CANCEL = "cancel"

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
    Action.REQUEUE: QT_TRANSLATE_NOOP("labels", "过号重排"),
    Action.TRANSFER: QT_TRANSLATE_NOOP("labels", "转移"),
    Action.CANCEL: QT_TRANSLATE_NOOP("labels", "取消"),
}

_TRANSITIONS: dict[tuple[TicketState, Action], TicketState] = {
    (TicketState.WAITING, Action.CALL): TicketState.CALLED,
    (TicketState.WAITING, Action.TRANSFER): TicketState.WAITING,
    (TicketState.WAITING, Action.CANCEL): TicketState.CANCELLED,
    (TicketState.CALLED, Action.RECALL): TicketState.CALLED,
    (TicketState.CALLED, Action.START): TicketState.SERVING,
    (TicketState.CALLED, Action.NO_SHOW): TicketState.NO_SHOW,
    (TicketState.CALLED, Action.TRANSFER): TicketState.WAITING,
    (TicketState.SERVING, Action.FINISH): TicketState.FINISHED,
    (TicketState.SERVING, Action.TRANSFER): TicketState.WAITING,
    (TicketState.NO_SHOW, Action.REQUEUE): TicketState.WAITING,
}


class Priority(enum.IntEnum):
    """Lower is served first within a lane."""

    GREEN = 0
    APPOINTMENT = 1
    NORMAL = 2

    @property
    def label(self) -> str:
        return {
            0: QT_TRANSLATE_NOOP("labels", "绿色通道"),
            1: QT_TRANSLATE_NOOP("labels", "预约"),
            2: QT_TRANSLATE_NOOP("labels", "普通"),
        }[int(self)]


class GreenReason(enum.StrEnum):
    ELDERLY = "elderly"
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    MILITARY = "military"
    ILLNESS = "illness"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "elderly": QT_TRANSLATE_NOOP("labels", "老年人"),
            "disabled": QT_TRANSLATE_NOOP("labels", "残疾人"),
            "pregnant": QT_TRANSLATE_NOOP("labels", "孕妇"),
            "military": QT_TRANSLATE_NOOP("labels", "军人/退役军人"),
            "illness": QT_TRANSLATE_NOOP("labels", "重病患者"),
            "other": QT_TRANSLATE_NOOP("labels", "其他"),
        }[self.value]


@dataclass(frozen=True)
class TicketFacts:
    """What the state machine needs to know about a ticket besides its state."""

    number: str
    state: TicketState
    call_count: int = 0
    requeue_count: int = 0


def next_state(ticket: TicketFacts, action: Action) -> TicketState:
    """The state after ``action``, or :class:`NotAllowed` with a message saying why."""
    target = _TRANSITIONS.get((ticket.state, action))
    if target is None:
        raise NotAllowed(
            f"号票 {ticket.number} 当前为「{ticket.state.label}」，不能执行「{action.label}」"
        )
    if action is Action.RECALL and ticket.call_count >= MAX_CALLS:
        raise NotAllowed(f"号票 {ticket.number} 已呼叫 {ticket.call_count} 次，请按过号处理")
    if action is Action.REQUEUE and ticket.requeue_count >= MAX_REQUEUES:
        raise NotAllowed(f"号票 {ticket.number} 已重排过一次，请重新取号")
    return target


def format_number(prefix: str, sequence: int) -> str:
    """``A001``: the lane prefix and a daily sequence of at least three digits."""
    return f"{prefix}{sequence:03d}"
