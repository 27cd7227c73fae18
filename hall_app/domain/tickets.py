"""Tickets: priorities, green-channel reasons and numbers. The life cycle (states, actions and
the one transition table) is in :mod:`hall_app.domain.ticket_states`, re-exported here."""

from __future__ import annotations

import enum

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.ticket_states import (  # noqa: F401 (re-exported)
    ACTIVE_AT_WINDOW,
    MAX_CALLS,
    MAX_REQUEUES,
    OPEN_AT_CLOSING,
    RECORDED,
    Action,
    TicketFacts,
    TicketRules,
    TicketState,
    next_state,
)


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


def format_number(prefix: str, sequence: int) -> str:
    """``A001``: the lane prefix and a daily sequence of at least three digits."""
    return f"{prefix}{sequence:03d}"
