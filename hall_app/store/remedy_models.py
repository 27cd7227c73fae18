"""The schema of overflow remedies (issue 19 §5): what a supervisor applied to a lane when
the tidal console warned it would overflow, with the figures that justified it and how the
booking offers it made at reception went (re-exported by ``store.models``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime


class OverflowRemedy(Base):
    __tablename__ = "overflow_remedy"
    __table_args__ = (Index("ix_overflow_remedy_day_lane", "service_date", "lane"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    service_date: Mapped[dt.date] = mapped_column(Date)
    lane: Mapped[str] = mapped_column(String(8))  # category code
    kind: Mapped[str] = mapped_column(String(20))  # booking_first | bundle_to_general | call_staff
    starts_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())  # the cut-off
    ends_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())  # None: end of day
    figures: Mapped[str] = mapped_column(Text, default="{}")  # JSON: what justified it
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    lifted_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    lifted_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # booking_first at reception: offers shown, and how they ended
    offered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    booked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    insisted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
