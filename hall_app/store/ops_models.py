"""The schema of the hall's operations apart from its business: tidal window changes and
plans, the manual fallback's number blocks, records and incidents, terminal sessions and
device status (re-exported by ``store.models``, the one place to import models from)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime

# ------------------------------------------------------------------ issue 4: tidal windows


class WindowChange(Base):
    """Every change of a window's categories: who, why, and until when (time-boxed)."""

    __tablename__ = "window_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    window_id: Mapped[int] = mapped_column(ForeignKey("window.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    source: Mapped[str] = mapped_column(String(12))  # manual | auto | revert
    old_categories: Mapped[str] = mapped_column(String(100))
    new_categories: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    until: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    reverted_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    # a supervisor's written reason for making a change that was refused (coverage rules)
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class TidalPlan(Base):
    """A planned tidal schedule (windows serve given categories on a weekday between two
    times) or a rule (when a lane's longest wait passes a threshold, windows also call from
    it). Supervisors set them; supervisor terminals apply them (``TidalService.tick_all``)."""

    __tablename__ = "tidal_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # schedule | rule
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday; schedules only
    start: Mapped[str] = mapped_column(String(5), default="")  # HH:MM
    end: Mapped[str] = mapped_column(String(5), default="")
    windows: Mapped[str] = mapped_column(String(100))  # "5,6,7,8"
    categories: Mapped[str] = mapped_column(String(100))  # schedule: order; rule: the lane
    threshold_minutes: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


# ------------------------------------------------------------------ issue 7: manual fallback


class NumberBlock(Base):
    """Numbers taken from a daily counter in advance: a terminal's block for offline work,
    or the paper numbers of an incident's emergency kit. Never handed out by the system."""

    __tablename__ = "number_block"
    __table_args__ = (Index("ix_number_block_owner", "owner", "service_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(4))  # S (tickets) | SW | BZ | BY | SL
    service_date: Mapped[dt.date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    owner: Mapped[str] = mapped_column(String(64))  # a terminal, or "kit"
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"))
    reserved_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    reserved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class FallbackRecord(Base):
    """A record that came in outside the normal path: replayed from a terminal's offline
    journal, entered from paper (补录), or a paper number voided. ``key`` is unique, which
    makes a replay safe to run twice."""

    __tablename__ = "fallback_record"
    __table_args__ = (
        Index("ix_fallback_reference", "kind", "reference"),
        Index("ix_fallback_incident", "incident_id", "source"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    source: Mapped[str] = mapped_column(String(8))  # journal | paper | void
    terminal: Mapped[str] = mapped_column(String(64))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incident.id"))
    kind: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(32), default="")  # the number on the record
    original_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    staff_no: Mapped[str] = mapped_column(String(16), default="")  # who did it at the time
    entered_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    paper_ref: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(12))  # merged | conflict | resolved | void
    detail: Mapped[str] = mapped_column(Text, default="")
    entity: Mapped[str] = mapped_column(String(16), default="")
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    # the journal record as written (JSON), kept for conflicts: settling one "offline" applies it
    payload: Mapped[str | None] = mapped_column(Text)


class OfflineReserve(Base):
    """What a terminal last reported holding of its offline numbers (kind → left that day)."""

    __tablename__ = "offline_reserve"
    terminal: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), primary_key=True)
    service_date: Mapped[dt.date] = mapped_column(Date)
    remaining: Mapped[int] = mapped_column(Integer)
    block_size: Mapped[int] = mapped_column(Integer)  # the size its blocks are topped up to
    reported_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())


class Incident(Base):
    """A hall-wide switch to manual work (应急事件), from its declaration to its review."""

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    cause: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(String(100), default="")
    started_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    declared_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    declared_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    public_notice: Mapped[str] = mapped_column(Text, default="")  # how the public was told
    substitutes: Mapped[str] = mapped_column(Text, default="")  # substitute channels
    ended_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    review: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # JSON: what was handled by hand


class IncidentStep(Base):
    """A ticked step of the emergency plan's checklist."""

    __tablename__ = "incident_step"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[str] = mapped_column(String(32), primary_key=True)
    done_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    done_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class TerminalSession(Base):
    """One login at one terminal, from login to logout or takeover, with its last poll."""

    __tablename__ = "terminal_session"
    __table_args__ = (Index("ix_terminal_session_open", "ended_at", "window_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    terminal: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    window_number: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    last_seen_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())  # its last poll
    ended_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    end_reason: Mapped[str] = mapped_column(String(12), default="")  # logout | taken_over
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))  # who took over
    # the PC's clock minus the database server's at its last heartbeat (PostgreSQL only)
    clock_offset_ms: Mapped[int | None] = mapped_column(Integer)


class DeviceStatus(Base):
    """A device's health as it last reported it (the calling board's audio), written by the
    device under the system actor and read by the supervisor console's alerts."""

    __tablename__ = "device_status"
    terminal: Mapped[str] = mapped_column(String(64), primary_key=True)
    part: Mapped[str] = mapped_column(String(16), primary_key=True)  # "audio"
    device: Mapped[str] = mapped_column(String(16), default="board")
    problem: Mapped[str] = mapped_column(String(200), default="")  # "" while it works
    since: Mapped[dt.datetime] = mapped_column(AwareDateTime())  # of the current state


class SystemJobRun(Base):
    """One run of an automatic job for one slot (``no_show_sweep`` for 2026-12-02 09:15):
    inserted in the job's own transaction, so of several terminals due at once exactly one
    inserts it and runs the job; the others find the row and leave the slot alone."""

    __tablename__ = "system_job_run"
    job: Mapped[str] = mapped_column(String(32), primary_key=True)
    slot: Mapped[str] = mapped_column(String(16), primary_key=True)  # local "YYYY-MM-DDTHH:MM"
    terminal: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    done: Mapped[int] = mapped_column(Integer, default=0)  # rows the run changed
