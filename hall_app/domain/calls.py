"""A call event (叫号事件): one window calling or recalling one ticket, as the calling board
shows it and the loudspeaker says it.

This is the contract between the calling services and the board (issue 17): the services
record one in the call's own transaction (``store.call_events.record_call``) and announce it
on the change feed; the board and the voice read these records — never the audit log, whose
wording may change without notice to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CallEvent:
    event_id: int  # increasing in the order the calls were made (not always committed)
    number: str  # the ticket, "A012"
    window: int  # the window's number, as the citizen reads it
    lane: str  # the code of the lane the ticket waited in
    call_count: int  # 1: the first call; 2, 3: recalls
    green: bool  # a green-channel ticket (优先办理)
    at: dt.datetime  # when it was called (aware)

    def __post_init__(self) -> None:
        if self.call_count < 1:
            raise ValueError("a call event is the first call or a recall: call_count >= 1")
        if self.at.tzinfo is None:
            raise ValueError("a call event's time must be timezone-aware")

    @property
    def recall(self) -> bool:
        """重呼: the second or a later call of the same ticket at the same window."""
        return self.call_count >= 2
