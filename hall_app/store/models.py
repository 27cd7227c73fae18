"""The schema. Alembic migrations in ``db/`` are the only way it is created."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hall_app.store.audit_models import AuditAnchor, AuditHead  # noqa: F401  (re-exported)
from hall_app.store.base import Base
from hall_app.store.call_models import CallEventRow  # noqa: F401  (re-exported)
from hall_app.store.case_models import (  # noqa: F401  (re-exported: one place to import from)
    CasePause,
    Department,
    DocumentCounter,
    DocumentMaterial,
    Notice,
    ServiceCase,
)
from hall_app.store.catalog_models import (  # noqa: F401  (re-exported)
    Bundle,
    BundleItem,
    Material,
    Situation,
    StandardMaterial,
)
from hall_app.store.kit_models import Kit  # noqa: F401  (re-exported)
from hall_app.store.ops_models import (  # noqa: F401  (re-exported)
    DeviceStatus,
    FallbackRecord,
    Incident,
    IncidentStep,
    NumberBlock,
    OfflineReserve,
    SystemJobRun,
    TerminalSession,
    TidalPlan,
    WindowChange,
)
from hall_app.store.remedy_models import OverflowRemedy  # noqa: F401  (re-exported)
from hall_app.store.rota_models import (  # noqa: F401  (re-exported)
    RotaDay,
    RotaMinimum,
    RotaShift,
    StaffingChange,
)
from hall_app.store.secret_models import HallSecret  # noqa: F401  (re-exported)
from hall_app.store.types import AwareDateTime


class HallSetting(Base):
    """Hall-wide settings (name, county code, phones), key → value."""

    __tablename__ = "hall_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Zone(Base):
    __tablename__ = "zone"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))


class Category(Base):
    """A lane: what a ticket waits in, with its ticket prefix."""

    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(1), unique=True)
    green_channel: Mapped[bool] = mapped_column(Boolean, default=False)
    avg_service_minutes: Mapped[int] = mapped_column(Integer, default=10)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_key: Mapped[str] = mapped_column(String(64), default="")


class ServiceItem(Base):
    __tablename__ = "service_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    basic_code: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    type: Mapped[str] = mapped_column(String(16))
    department: Mapped[str] = mapped_column(String(100))
    target: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))
    legal_limit_days: Mapped[int] = mapped_column(Integer)
    promised_limit_days: Mapped[int] = mapped_column(Integer)
    legal_basis: Mapped[str] = mapped_column(Text)
    # issue 13: what the documents cite and the units of the limits (工作日 / 自然日)
    correction_basis: Mapped[str] = mapped_column(Text, default="")
    correction_terms: Mapped[str] = mapped_column(Text, default="")
    refusal_basis: Mapped[str] = mapped_column(Text, default="")
    refusal_grounds: Mapped[str] = mapped_column(
        Text, default=""
    )  # JSON list of ground codes/texts
    legal_limit_unit: Mapped[str] = mapped_column(String(8), default="工作日")
    promised_limit_unit: Mapped[str] = mapped_column(String(8), default="工作日")
    conditions: Mapped[str] = mapped_column(Text, default="")
    fee: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    visits: Mapped[int] = mapped_column(Integer, default=1)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    appointment: Mapped[bool] = mapped_column(Boolean, default=False)
    delivery: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(String(200), default="")
    aliases: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON: 俗称
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # 川渝通办: handled to one standard across Sichuan and Chongqing (issue 18 §2)
    chuanyu_tongban: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # catalog v2 (issue 18), JSON lists: the questions asked, the standard materials issued
    # (their codes), the item's own review points; '[]' for a v1 item
    situations: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    produces: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    review_points: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")

    category: Mapped[Category] = relationship()
    materials: Mapped[list[Material]] = relationship(
        order_by="Material.position", cascade="all, delete-orphan"
    )


class Window(Base):
    __tablename__ = "window"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id"))
    # open | paused | closed
    status: Mapped[str] = mapped_column(String(8), default="closed")
    paused_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # the login session (terminal_session.id) that holds the window; None when closed
    session_id: Mapped[int | None] = mapped_column(Integer)


class WindowCategory(Base):
    """The categories a window calls from, in its priority order (position 0 first)."""

    __tablename__ = "window_category"
    window_id: Mapped[int] = mapped_column(
        ForeignKey("window.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_no: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32), default="")
    default_window: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())


class StaffQualification(Base):
    __tablename__ = "staff_qualification"
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), primary_key=True)


class TicketCounter(Base):
    """The last sequence handed out per day and prefix; numbers are never reused."""

    __tablename__ = "ticket_counter"
    service_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(1), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    __tablename__ = "ticket"
    __table_args__ = (
        UniqueConstraint("service_date", "number"),
        # plain composite indexes: SQLite cannot use a partial index when the state is a
        # bound parameter, so "the ticket at window N" would scan every old ticket
        Index("ix_ticket_window_state", "window_id", "state"),
        Index("ix_ticket_day_state", "service_date", "state", "category_id"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    service_date: Mapped[dt.date] = mapped_column(Date)
    number: Mapped[str] = mapped_column(String(8))
    prefix: Mapped[str] = mapped_column(String(1))
    sequence: Mapped[int] = mapped_column(Integer)
    # the lane the ticket waits in
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    # the item's own category; differs from the lane for green-channel tickets
    service_category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("bundle.id"))
    priority: Mapped[int] = mapped_column(SmallInteger, default=2)
    green_reason: Mapped[str | None] = mapped_column(String(16))
    green_note: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(12), default="waiting")
    issued_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    # the time the queue order uses: issue time, kept on transfer, renewed on requeue
    queued_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    called_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    started_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    served_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    requeue_count: Mapped[int] = mapped_column(Integer, default=0)
    transfer_count: Mapped[int] = mapped_column(Integer, default=0)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    terminal: Mapped[str] = mapped_column(String(64), default="")
    citizen_name: Mapped[str] = mapped_column(String(64), default="")
    # the last transfer: where from (window number; None = reception) and why
    transfer_from: Mapped[int | None] = mapped_column(Integer)
    transfer_reason: Mapped[str] = mapped_column(String(200), default="")
    # when it became a no-show (the undo is allowed for two minutes)
    no_show_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    # 未办结（闭厅）: when the closing routine marked it
    closed_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    # the guided intake's situation answers (domain/intake.py encoding), "" = none
    intake_answers: Mapped[str] = mapped_column(Text, default="", server_default="")
    # an overflow remedy that shaped it (moved to 综合受理, or issued after a declined
    # booking offer) and the line its slip and view show
    remedy_id: Mapped[int | None] = mapped_column(Integer)
    remedy_note: Mapped[str] = mapped_column(String(200), default="", server_default="")


class AuditEntry(Base):
    """Who did what, when, from which terminal. Never holds a full ID number. Each entry is
    chained (``day``, ``seq``, ``prev_hash``, ``hash``: see ``domain.audit_chain``)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_entity", "entity", "entity_id"),
        Index("ix_audit_chain", "day", "seq", unique=True),
        # the entries waiting to be sealed (a handful at most): found without a scan
        Index(
            "ix_audit_unsealed",
            "id",
            postgresql_where=text("hash IS NULL"),
            sqlite_where=text("hash IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    terminal: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text, default="")
    # the chain (None until the entry is sealed, right after its transaction commits)
    day: Mapped[dt.date | None] = mapped_column(Date)  # the hall-local day whose chain holds it
    seq: Mapped[int | None] = mapped_column(Integer)  # 1, 2, … within the day
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


# ------------------------------------------------------------------ issue 6: documents, cases


class CalendarDay(Base):
    """A public holiday or a make-up workday; seeded from chinesecalendar, edited by admins."""

    __tablename__ = "calendar_day"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # holiday | workday
    name: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(8), default="package")  # package | admin


class CalendarYear(Base):
    """A year whose holidays and make-up workdays are completely entered."""

    __tablename__ = "calendar_year"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(8), default="package")


class PrintJob(Base):
    """Every printed document: kept as a file; a failed print stays queued for reprint."""

    __tablename__ = "print_job"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    terminal: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(String(16))  # ticket | notice | refusal | receipt
    reference: Mapped[str] = mapped_column(String(32))  # ticket number, serial, case number
    path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8))  # queued | printed | saved | failed
    printer: Mapped[str] = mapped_column(String(100), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)


# ------------------------------------------------------------------ issue 5: inquiries, ratings


class Inquiry(Base):
    """首问登记: the first staff member asked owns it until it is closed."""

    __tablename__ = "inquiry"
    __table_args__ = (Index("ix_inquiry_open", "closed_at", "reply_by"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    channel: Mapped[str] = mapped_column(String(8))
    visitor_name: Mapped[str] = mapped_column(String(64), default="")
    visitor_phone: Mapped[str] = mapped_column(String(32), default="")
    question: Mapped[str] = mapped_column(Text)
    item_code: Mapped[str] = mapped_column(String(64), default="")
    item_name: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(12))
    guided_window: Mapped[int | None] = mapped_column(Integer)
    ticket_number: Mapped[str] = mapped_column(String(8), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))  # the first responder
    handler_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))  # who works on it now
    owner_window: Mapped[int | None] = mapped_column(Integer)
    reply_by: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    resolution: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")


class InquiryEvent(Base):
    __tablename__ = "inquiry_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiry.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(12))  # note | handoff | close
    text: Mapped[str] = mapped_column(Text, default="")


class Rating(Base):
    """好差评: one rating per served ticket."""

    __tablename__ = "rating"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), unique=True)
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    level: Mapped[int | None] = mapped_column(SmallInteger)  # None: 未评价 (the citizen declined)
    comment: Mapped[str] = mapped_column(Text, default="")
    entered_by_staff: Mapped[bool] = mapped_column(Boolean, default=False)  # from a rating pad
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))  # who served
    window_number: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    item_name: Mapped[str] = mapped_column(String(200), default="")


class FollowUp(Base):
    """整改: a bad rating or a 办不成事 report, followed until it is closed."""

    __tablename__ = "followup"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # rating | cannot_do
    rating_id: Mapped[int | None] = mapped_column(ForeignKey("rating.id"))
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    created_on: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    summary: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    citizen_name: Mapped[str] = mapped_column(String(64), default="")
    citizen_phone: Mapped[str] = mapped_column(String(32), default="")
    complexity: Mapped[str] = mapped_column(String(12), default="")  # simple|ordinary|complex
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    verify_due: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    visit_on: Mapped[dt.date | None] = mapped_column(Date)
    visit_channel: Mapped[str] = mapped_column(String(8), default="")
    visit_response: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    review_requested_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    review_reason: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())


class FollowUpEvent(Base):
    __tablename__ = "followup_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(ForeignKey("followup.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")


# ------------------------------------------------------------------ issue 3: appointments


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_slot", "category_id", "day", "slot_start", "state"),
        Index("ix_appointment_person", "id_number", "day"),
        Index("ix_appointment_phone", "phone", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    id_number: Mapped[str] = mapped_column(String(18))
    phone: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("bundle.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    slot_start: Mapped[str] = mapped_column(String(5))  # HH:MM
    slot_end: Mapped[str] = mapped_column(String(5))
    # booked | cancelled | checked_in | no_show
    state: Mapped[str] = mapped_column(String(12), default="booked")
    source: Mapped[str] = mapped_column(String(8), default="counter")  # counter | online
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))


class SlotCounter(Base):
    """Bookings held per category, day and slot; upserted with the booking, so a slot never
    takes more than its capacity, also when two terminals book the last place at once."""

    __tablename__ = "slot_counter"
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    slot_start: Mapped[str] = mapped_column(String(5), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class SlotCapacity(Base):
    """A supervisor's capacity for one category and slot (instead of the derived one)."""

    __tablename__ = "slot_capacity"
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    slot_start: Mapped[str] = mapped_column(String(5), primary_key=True)
    capacity: Mapped[int] = mapped_column(Integer)


class BanLift(Base):
    """A supervisor lifted a citizen's booking ban (audited with the reason)."""

    __tablename__ = "ban_lift"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    lifted_on: Mapped[dt.date] = mapped_column(Date)
    lifted_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)
