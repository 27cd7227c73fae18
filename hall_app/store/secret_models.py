"""Secrets the server keeps for the hall's devices (issue 16): each terminal's offline-journal
MAC key, registered when the terminal prepares for offline, read when its journal is
reconciled (re-exported by ``store.models``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime

JOURNAL_KEY = "journal_key"


class HallSecret(Base):
    """One secret of one owner (a terminal name), named by its fingerprint. A terminal that
    made a new key keeps its older ones: records signed before still verify."""

    __tablename__ = "hall_secret"
    __table_args__ = (UniqueConstraint("purpose", "owner", "fingerprint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))  # journal_key
    owner: Mapped[str] = mapped_column(String(64))  # the terminal
    fingerprint: Mapped[str] = mapped_column(String(32))
    secret: Mapped[str] = mapped_column(String(128))  # hex
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
