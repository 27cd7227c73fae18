"""The ``call_event`` table: one row per call or recall of a ticket at a window, the typed
record the calling board reads (issue 17; written and read by ``store.call_events``,
re-exported by ``store.models``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime


class CallEventRow(Base):
    """One call or recall; self-contained (number, window number) so the board needs no
    join to show it, only the lane's code."""

    __tablename__ = "call_event"
    __table_args__ = (Index("ix_call_event_day", "day", "id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)  # the ticket's service day
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    number: Mapped[str] = mapped_column(String(8))
    window: Mapped[int] = mapped_column(Integer)  # the window's number
    lane_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    call_count: Mapped[int] = mapped_column(Integer)
    green: Mapped[bool] = mapped_column(Boolean)
