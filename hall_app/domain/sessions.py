"""Terminal sessions: who holds a window, when a terminal counts as silent, and what may
happen to the ticket in hand when its clerk leaves.

A terminal records its last poll at most every ``HEARTBEAT_SECONDS`` (its polls are far more
frequent, but a write every second from every PC would load the database for nothing). A
terminal is *silent* when its last recorded poll is older than the hall setting
``terminal.silent_minutes`` (2 by default): a crash, a power cut, a cable pulled.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from hall_app.domain.errors import NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.ticket_states import Action, TicketFacts, TicketState, next_state

HEARTBEAT_SECONDS = 30


class EndReason(enum.StrEnum):
    LOGOUT = "logout"
    TAKEN_OVER = "taken_over"


class Stranded(enum.StrEnum):
    """Why a ticket in hand is listed for the supervisor."""

    CLOSED = "closed"  # the window is closed (logout or exit left the ticket there)
    SILENT = "silent"  # the window's terminal has not polled for the setting's minutes
    UNHELD = "unheld"  # the window is open but no login session holds it

    @property
    def label(self) -> str:
        return _STRANDED_LABELS[self]


_STRANDED_LABELS = {
    Stranded.CLOSED: QT_TRANSLATE_NOOP("Stranded", "窗口已关闭"),
    Stranded.SILENT: QT_TRANSLATE_NOOP("Stranded", "窗口终端无响应"),
    Stranded.UNHELD: QT_TRANSLATE_NOOP("Stranded", "窗口无人登录"),
}


@dataclass(frozen=True)
class WindowFacts:
    status: str  # open | paused | closed
    session_id: int | None
    last_seen_at: dt.datetime | None  # the holding session's last recorded poll


def is_silent(last_seen_at: dt.datetime, now: dt.datetime, silent_minutes: int) -> bool:
    return now - last_seen_at >= dt.timedelta(minutes=silent_minutes)


def stranded_reason(window: WindowFacts, now: dt.datetime, silent_minutes: int) -> Stranded | None:
    """Why a ticket called or served at ``window`` has nobody to finish it, or None."""
    if window.status == "closed":
        return Stranded.CLOSED
    if window.session_id is None or window.last_seen_at is None:
        return Stranded.UNHELD
    if is_silent(window.last_seen_at, now, silent_minutes):
        return Stranded.SILENT
    return None


def needs_heartbeat(last_seen_at: dt.datetime, now: dt.datetime) -> bool:
    return now - last_seen_at >= dt.timedelta(seconds=HEARTBEAT_SECONDS)


def is_takeover(
    holder_staff_id: int | None, holder_terminal: str | None, staff_id: int, terminal: str
) -> bool:
    """A login at a held window takes it over unless it is the holder again on the same PC
    (a restart after a crash)."""
    if holder_staff_id is None:
        return False
    return holder_staff_id != staff_id or holder_terminal != terminal


def returned_state(facts: TicketFacts) -> TicketState:
    """A ticket in hand goes back to its lane as a transfer without a target does: it waits
    again with its original queue time; it is not a no-show and uses up no re-queue."""
    if facts.state not in (TicketState.CALLED, TicketState.SERVING):
        raise NotAllowed(
            f"号票 {facts.number} 当前为「{facts.state.label}」，不在窗口办理中，无需退回"
        )
    return next_state(facts, Action.TRANSFER)
