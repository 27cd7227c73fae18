"""The schema of a day's rota (issue 19 §2): shifts, lane minimums (the hall's default and a
day's own) and the staffing changes applied during the day (re-exported by ``store.models``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime


class RotaDay(Base):
    """A day whose rota was saved (its shifts may be none): without one, the hall's default."""

    __tablename__ = "rota_day"
    service_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    saved_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class RotaShift(Base):
    """One shift of a day: ``work`` at a window, a ``break``, or ``backoffice``; minutes of
    the day, the end exclusive."""

    __tablename__ = "rota_shift"
    __table_args__ = (Index("ix_rota_shift_day", "service_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    service_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))  # work | break | backoffice
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    window_number: Mapped[int | None] = mapped_column(Integer)  # work shifts only
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)


class RotaMinimum(Base):
    """The least number of windows a lane keeps open: a day's own (``service_date``) or, with
    no date, the hall's default for that lane."""

    __tablename__ = "rota_minimum"
    __table_args__ = (Index("ix_rota_minimum_day", "service_date", "lane"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    service_date: Mapped[dt.date | None] = mapped_column(Date)
    lane: Mapped[str] = mapped_column(String(8))  # category code
    count: Mapped[int] = mapped_column(Integer)


class StaffingChange(Base):
    """A staffing change applied during the day, with the figures that justified it."""

    __tablename__ = "staffing_change"
    __table_args__ = (Index("ix_staffing_change_day", "service_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    service_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))  # call_in | close | move_break | reopen
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    window_number: Mapped[int | None] = mapped_column(Integer)
    from_minute: Mapped[int | None] = mapped_column(Integer)
    to_minute: Mapped[int | None] = mapped_column(Integer)
    figures: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    reason: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
