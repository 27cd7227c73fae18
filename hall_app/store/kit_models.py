"""The paper kits (应急包): each kit's number and the paper numbers it holds, recorded on the
server when it is printed (or reserved as a terminal's standing kit, printed offline)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime


class Kit(Base):
    """One printed (or reserved) paper kit. Its numbers carry no date: ``ranges`` holds the
    sequences per kind as JSON (``{"S": [1, 60], "SL": [1, 30]}``); ``incident_id`` is the
    incident it was printed for or first used in (None: still in the drawer)."""

    __tablename__ = "kit"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    owner: Mapped[str] = mapped_column(String(64))  # "kit" (printed online) or a terminal
    ranges: Mapped[str] = mapped_column(Text)
    reserved_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    reserved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    printed_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    printed_by: Mapped[str] = mapped_column(String(64), default="")  # 张三（3001）
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"), index=True)
