"""The tables of notices, cases and their materials (一次性告知, 受理, 限时办结)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base
from hall_app.store.types import AwareDateTime


class Department(Base):
    """An implementing office, and where a refusal of its decisions is reconsidered."""

    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    reconsideration_body: Mapped[str] = mapped_column(String(200), default="")  # "" = 本级人民政府
    vertical: Mapped[bool] = mapped_column(Boolean, default=False)  # 垂直管理 (e.g. 税务)


class DocumentCounter(Base):
    """Daily sequences of notice serials and case numbers; never reused."""

    __tablename__ = "document_counter"
    kind: Mapped[str] = mapped_column(String(4), primary_key=True)
    service_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class _Applicant:
    """Columns shared by notices and cases: the applicant and the subject."""

    applicant_name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(32), default="居民身份证")
    id_number: Mapped[str] = mapped_column(String(32), default="")  # shown masked only
    phone: Mapped[str] = mapped_column(String(32), default="")
    subject_name: Mapped[str] = mapped_column(String(200))
    subject_code: Mapped[str] = mapped_column(String(64))
    department: Mapped[str] = mapped_column(String(100), default="")
    window_number: Mapped[int | None] = mapped_column(Integer)
    # a company's legal representative, and an agent applying on the applicant's behalf
    legal_rep: Mapped[str] = mapped_column(String(100), default="")
    agent_name: Mapped[str] = mapped_column(String(100), default="")
    agent_id_type: Mapped[str] = mapped_column(String(32), default="")
    agent_id_number: Mapped[str] = mapped_column(String(32), default="")  # shown masked only
    agent_phone: Mapped[str] = mapped_column(String(32), default="")
    agent_relation: Mapped[str] = mapped_column(String(32), default="")
    # catalog v2: the situation answers the check was made under, JSON {question: value}
    answers: Mapped[str] = mapped_column(Text, default="{}")


_OPEN_FIRST = (
    "kind = 'correction' AND closed_at IS NULL AND first_notice_id IS NULL AND id_number <> ''"
)


class Notice(_Applicant, Base):
    """A printed one-time notification (补正) or refusal notice (不予受理)."""

    __tablename__ = "notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # correction | refusal
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("bundle.id"))
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    issued_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    refusal_subitem: Mapped[str] = mapped_column(String(100), default="")
    right_office: Mapped[str] = mapped_column(String(200), default="")
    reprints: Mapped[int] = mapped_column(Integer, default=0)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id"))
    # issue 13: one correction per application; refusals on a ground from the closed list
    reprinted_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime())  # accepted or withdrawn
    first_notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"))
    further_reason: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    refusal_ground: Mapped[str] = mapped_column(String(32), default="")

    __table_args__ = (
        Index("ix_notice_open", "id_number", "subject_code", "closed_at"),
        # one correction per application: at most one open first notice (migration 0014)
        Index(
            "uq_notice_open_application",
            "id_number",
            "subject_code",
            unique=True,
            sqlite_where=text(_OPEN_FIRST),
            postgresql_where=text(_OPEN_FIRST),
        ),
    )


class ServiceCase(_Applicant, Base):
    """An accepted case (办件) with its promised completion date."""

    __tablename__ = "service_case"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    bundle_id: Mapped[int | None] = mapped_column(ForeignKey("bundle.id"))
    accepted_at: Mapped[dt.datetime] = mapped_column(AwareDateTime())
    accepted_on: Mapped[dt.date] = mapped_column(Date)  # moved to a working day
    limit_days: Mapped[int] = mapped_column(Integer)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    extension_approver: Mapped[str] = mapped_column(String(64), default="")
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extension_told_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    completion_note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    receipt_reprints: Mapped[int] = mapped_column(Integer, default=0)
    # issue 13: the legal limit beside the promised one (limit_days), their units, the one
    # legal extension of a licence (行政许可法 第四十二条), delivery and 容缺 commitment
    item_type: Mapped[str] = mapped_column(String(16), default="")
    limit_unit: Mapped[str] = mapped_column(String(8), default="工作日")
    legal_limit_days: Mapped[int] = mapped_column(Integer, default=0)
    legal_limit_unit: Mapped[str] = mapped_column(String(8), default="工作日")
    legal_extension_days: Mapped[int] = mapped_column(Integer, default=0)
    legal_extension_approver: Mapped[str] = mapped_column(String(64), default="")
    legal_extension_reason: Mapped[str] = mapped_column(Text, default="")
    legal_extension_on: Mapped[dt.date | None] = mapped_column(Date)
    restarted_on: Mapped[dt.date | None] = mapped_column(Date)  # corrected materials arrived
    delivery_method: Mapped[str] = mapped_column(String(16), default="窗口领取")
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    commitment_signed: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_case_open", "completed_on", "accepted_on"),)


class CasePause(Base):
    __tablename__ = "case_pause"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id", ondelete="CASCADE"))
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="")  # 补正 / 公告 / 听证 / 专家评审 / …


class DocumentMaterial(Base):
    """A material line on a notice or a case: received, to correct, or to follow later."""

    __tablename__ = "document_material"
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))  # received | to_correct | deferred
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(16))
    copies: Mapped[int] = mapped_column(Integer)
    standard: Mapped[str] = mapped_column(Text, default="")
    situation: Mapped[str] = mapped_column(String(200), default="")
    problem: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="")
    obtain_from: Mapped[str] = mapped_column(Text, default="")  # 获取途径
    due_on: Mapped[dt.date | None] = mapped_column(Date)  # 容缺后补: promised by
    received_on: Mapped[dt.date | None] = mapped_column(Date)  # ticked on the return visit
