"""What the notice, acceptance and case-clock services share: the applicant, the material
plan, serials and the rows of materials. One transaction per public method lives in the
services that use these helpers (``notices``, ``acceptance``, ``case_clock``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.cases import CaseClock
from hall_app.domain.catalog_v2_schema import Situation
from hall_app.domain.corrections import application_key, check_relation
from hall_app.domain.credit_code import CREDIT_CODE, parse_credit_code
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id, mask_phone, normalize_phone, scrub
from hall_app.domain.materials import Check, Outcome, Requirement, requirement_of
from hall_app.domain.review_checklist import ReviewChecklist
from hall_app.domain.serials import Serial, parse_serial
from hall_app.domain.settings import HallSettings
from hall_app.domain.text import ascii_digits, clean_text
from hall_app.printing.documents import (
    CORRECTION,
    Agent,
    MaterialLine,
)
from hall_app.services.calendar import CalendarService
from hall_app.services.context import ServiceContext
from hall_app.services.sequences import next_value
from hall_app.services.settings import load_settings
from hall_app.store import models as m

ID_TYPES = (
    "居民身份证",
    "港澳居民居住证",
    "台湾居民居住证",
    "外国人永久居留身份证",
    "护照",
    "统一社会信用代码",
)


AGENT_ID_TYPES = ID_TYPES[:-1]  # an agent is a person
INTERNAL = "内部流转"  # a material issued inside the bundle (catalog v2): the line's source


def _id_number(id_type: str, raw: str, today: dt.date, types: tuple[str, ...] = ID_TYPES) -> str:
    number = ascii_digits(raw, "证件号码")  # full-width converted, other scripts refused
    if id_type not in types:
        raise InvalidInput(f"证件类型「{id_type}」无效")
    if id_type == "居民身份证" and number:
        return parse_id_number(number, today).number
    if id_type == CREDIT_CODE and number:
        return parse_credit_code(number)
    number = re.sub(r"\s", "", number).upper()
    if number and not 5 <= len(number) <= 32:
        raise InvalidInput("证件号码长度不正确")
    return number


def shown_id(id_type: str, number: str) -> str:
    """How a document shows an ID: masked (first 6, last 4), except a unified social credit
    code, which is public and printed in full."""
    return number if id_type == CREDIT_CODE else mask_id(number)


@dataclass(frozen=True)
class AgentInput:
    """Someone applying on the applicant's behalf (代理人), as typed at the window."""

    name: str
    id_type: str = "居民身份证"
    id_number: str = ""
    phone: str = ""
    relation: str = "受委托人"

    def validated(self, today: dt.date) -> AgentInput:
        name = clean_text(self.name, "代理人姓名", 100)
        if not name:
            raise InvalidInput("请填写代理人姓名")
        number = _id_number(self.id_type, self.id_number, today, AGENT_ID_TYPES)
        if not number:
            raise InvalidInput("请填写代理人证件号码")
        phone = normalize_phone(self.phone) if self.phone.strip() else ""
        return AgentInput(name, self.id_type, number, phone, check_relation(self.relation))

    def printed(self) -> Agent:
        return Agent(
            self.name,
            self.id_type,
            shown_id(self.id_type, self.id_number),
            mask_phone(self.phone),
            self.relation,
        )


@dataclass(frozen=True)
class Applicant:
    name: str
    id_type: str = "居民身份证"
    id_number: str = ""
    phone: str = ""
    legal_rep: str = ""  # a company's legal representative (法定代表人)
    agent: AgentInput | None = None

    def validated(self, today: dt.date) -> Applicant:
        name = clean_text(self.name, "申请人姓名或单位名称", 100)
        if not name:
            raise InvalidInput("请填写申请人姓名或单位名称")
        number = _id_number(self.id_type, self.id_number, today)
        phone = normalize_phone(self.phone) if self.phone.strip() else ""
        agent = self.agent.validated(today) if self.agent is not None else None
        return Applicant(
            name,
            self.id_type,
            number,
            phone,
            scrub(clean_text(self.legal_rep, "法定代表人", 100))[:100],
            agent,
        )


@dataclass(frozen=True)
class PlanItem:
    """One item of the plan (a bundle has several): its office, type and both limits."""

    code: str
    name: str
    department: str
    type: str  # 行政许可 / 行政确认 / …
    legal_days: int
    legal_unit: str  # 工作日 / 自然日
    promised_days: int
    promised_unit: str
    correction_basis: str = ""
    correction_terms: str = ""
    refusal_basis: str = ""
    refusal_grounds: tuple[str, ...] = ()  # the catalog's entries (codes or the law's wording)
    cross_region: bool = False  # 川渝通办


@dataclass(frozen=True)
class MaterialPlan:
    kind: str  # item | bundle
    code: str
    name: str
    department: str
    legal_basis: str
    promised_days: int
    requirements: tuple[Requirement, ...]
    items: tuple[PlanItem, ...] = ()  # the item, or a bundle's items in order
    # catalog v2: the questions (业务情形) it asks and the answers the list was resolved under
    questions: tuple[Situation, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()
    # catalog v2: the window's 审查要点清单; None for v1 data and offline snapshots (no points)
    checklist: ReviewChecklist | None = None

    @property
    def instant(self) -> bool:
        """即办件: the promised limit is 0 — completed on the spot (即时办结)."""
        return self.promised_days == 0


def _line(r: Requirement, check: Check | None = None) -> MaterialLine:
    where = r.obtain_from or {"政府部门核发": "由相关部门核发", "共享免提交": "共享获取"}.get(
        r.source, ""
    )
    return MaterialLine(
        name=r.name + (f"（{r.situation}）" if r.situation else ""),
        form=r.form,
        copies=r.copies,
        standard=r.standard,
        problem=(check.problem or ("缺失" if check.mark.value == "missing" else ""))
        if check
        else "",
        note=scrub(check.note) if check else "",
        where=where,
    )


class DocumentBase:
    def __init__(self, ctx: ServiceContext, calendar: CalendarService) -> None:
        self.ctx = ctx
        self.calendar = calendar

    # ------------------------------------------------------------ helpers

    def _serial(self, s: Session, kind: str) -> str:
        day = self.ctx.today()
        county = load_settings(s).code
        seq = next_value(s, self.ctx.db.dialect, m.DocumentCounter, kind=kind, service_date=day)
        return str(Serial(kind, county, day, seq))

    def _ticket_id(self, s: Session, number: str | None) -> int | None:
        if not number:
            return None
        return s.scalar(
            select(m.Ticket.id).where(
                m.Ticket.number == number.upper(), m.Ticket.service_date == self.ctx.today()
            )
        )

    @staticmethod
    def _subject(s: Session, plan: MaterialPlan) -> dict[str, object]:
        model = m.ServiceItem if plan.kind == "item" else m.Bundle
        row_id = s.scalar(select(model.id).where(model.code == plan.code))
        return {
            "item_id": row_id if plan.kind == "item" else None,
            "bundle_id": row_id if plan.kind == "bundle" else None,
            "subject_name": plan.name,
            "subject_code": plan.code,
            "department": plan.department[:100],
            "answers": json.dumps(dict(plan.answers), ensure_ascii=False),
        }

    @staticmethod
    def _materials(s: Session, outcome: Outcome, **owner: int) -> None:
        groups = (
            ("received", outcome.received),
            ("to_correct", outcome.to_correct),
            ("deferred", outcome.deferred),
        )
        position = 0
        for status, checks in groups:
            for c in checks:
                r = c.material
                internal = f"{INTERNAL}：由「{r.internal_from}」出具"[:200] if r.internal else ""
                s.add(
                    m.DocumentMaterial(
                        position=position,
                        status="internal" if r.internal else status,  # never asked, never missing
                        name=r.name,
                        form=r.form,
                        copies=r.copies,
                        standard=r.standard,
                        situation=r.situation,
                        source=INTERNAL if r.internal else r.source,
                        problem=c.problem or ("缺失" if c.mark.value == "missing" else ""),
                        note=scrub(c.note),
                        obtain_from=internal or r.obtain_from,
                        **owner,
                    )
                )
                position += 1

    @staticmethod
    def _lines(s: Session, **owner: int) -> list[tuple[str, MaterialLine]]:
        """The material lines of a notice or case; shared materials (共享免提交) are fetched by
        the office, so they are never listed as received (and the check never marks them
        missing)."""
        key, value = next(iter(owner.items()))
        rows = s.scalars(
            select(m.DocumentMaterial)
            .where(getattr(m.DocumentMaterial, key) == value)
            .order_by(m.DocumentMaterial.position)
        )
        return [
            (
                r.status,
                dataclasses.replace(
                    _line(
                        Requirement(
                            r.name,
                            r.form,
                            r.copies,
                            "",
                            r.source,
                            r.standard,
                            r.situation,
                            obtain_from=r.obtain_from,
                        )
                    ),
                    problem=r.problem,
                    note=scrub(r.note),
                    due_on=r.due_on,
                    received_on=r.received_on,
                ),
            )
            for r in rows
            # (a paper notice back-entered after an outage keeps what it said, as it said it)
            if not (r.source == "共享免提交" and r.status == "received")
        ]

    # ------------------------------------------------------------ one correction per application

    def _open_notices(
        self, s: Session, id_number: str, name: str, subject_code: str
    ) -> list[m.Notice]:
        return open_notices(s, id_number, name, subject_code)

    def _tick_received(
        self, s: Session, notices: Iterable[m.Notice], received: Iterable[Check]
    ) -> None:
        """The return visit: what the notices asked for and has now come is ticked received."""
        names = {_shown(c) for c in received}
        ids = [n.id for n in notices]
        if not ids or not names:
            return
        today = self.ctx.today()
        for row in s.scalars(
            select(m.DocumentMaterial).where(
                m.DocumentMaterial.notice_id.in_(ids),
                m.DocumentMaterial.status == "to_correct",
                m.DocumentMaterial.received_on.is_(None),
            )
        ):
            if row.name + (f"（{row.situation}）" if row.situation else "") in names:
                row.received_on = today

    def _close_notices(
        self,
        s: Session,
        case: m.ServiceCase,
        checks_received: Iterable[Check],
        *,
        notice_serial: str | None,
    ) -> list[str]:
        """Acceptance closes the application's open correction notices (the one scanned, and
        any other of the same applicant and item), ticks what came back and links them to the
        case. Returns their serials."""
        notices = self._open_notices(s, case.id_number, case.applicant_name, case.subject_code)
        if notice_serial:
            text = str(parse_serial(notice_serial))
            scanned = s.scalar(select(m.Notice).where(m.Notice.serial == text).with_for_update())
            if scanned is None:
                raise NotFound(f"没有编号为 {notice_serial} 的告知单")
            if scanned.kind == CORRECTION and scanned.closed_at is not None:
                raise NotAllowed(f"告知单 {text} 已办结（已受理或已撤回），不能再用于受理")
            if scanned.kind == CORRECTION and scanned not in notices:
                notices.append(scanned)
        self._tick_received(s, [n for n in notices if n.kind == CORRECTION], checks_received)
        now = self.ctx.now()
        for n in notices:
            n.case_id = case.id
            if n.closed_at is None:
                n.closed_at = now
        return [n.serial for n in notices]

    def _hall(self, s: Session) -> HallSettings:
        return load_settings(s)

    def _staff(self, s: Session, staff_id: int) -> m.Staff:
        return s.get_one(m.Staff, staff_id)

    @staticmethod
    def _pauses(
        s: Session, case_ids: list[int]
    ) -> dict[int, tuple[tuple[dt.date, dt.date | None], ...]]:
        if not case_ids:
            return {}
        out: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
        for p in s.scalars(
            select(m.CasePause).where(m.CasePause.case_id.in_(case_ids)).order_by(m.CasePause.id)
        ):
            out.setdefault(p.case_id, []).append((p.start_on, p.end_on))
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _case(s: Session, case_no: str) -> m.ServiceCase:
        case = s.scalar(
            select(m.ServiceCase)
            .where(m.ServiceCase.case_no == case_no.strip().upper())
            .with_for_update()
        )
        if case is None:
            raise NotFound(f"没有编号为 {case_no} 的办件")
        return case


def _requirements(item: m.ServiceItem) -> list[Requirement]:
    return [requirement_of(x) for x in item.materials]


def _plan_item(item: m.ServiceItem) -> PlanItem:
    grounds = json.loads(item.refusal_grounds) if item.refusal_grounds else []
    return PlanItem(
        code=item.code,
        name=item.name,
        department=item.department,
        type=item.type,
        legal_days=item.legal_limit_days,
        legal_unit=item.legal_limit_unit,
        promised_days=item.promised_limit_days,
        promised_unit=item.promised_limit_unit,
        correction_basis=item.correction_basis,
        correction_terms=item.correction_terms,
        refusal_basis=item.refusal_basis,
        refusal_grounds=tuple(str(g) for g in grounds),
        cross_region=item.chuanyu_tongban,
    )


def _applicant_columns(a: Applicant) -> dict[str, str]:
    """The applicant's columns of a notice or case, the legal representative and agent with
    them (:func:`_agent_columns`)."""
    return {
        "applicant_name": a.name,
        "id_type": a.id_type,
        "id_number": a.id_number,
        "phone": a.phone,
        **_agent_columns(a),
    }


def _agent_columns(a: Applicant) -> dict[str, str]:
    """The legal representative and the agent, as stored on a notice or a case."""
    agent = a.agent
    return {
        "legal_rep": a.legal_rep,
        "agent_name": agent.name if agent else "",
        "agent_id_type": agent.id_type if agent else "",
        "agent_id_number": agent.id_number if agent else "",
        "agent_phone": agent.phone if agent else "",
        "agent_relation": agent.relation if agent else "",
    }


def _agent_of(row: m.Notice | m.ServiceCase) -> Agent | None:
    """The agent of a stored notice or case, masked for a document (:class:`Agent`)."""
    if not row.agent_name:
        return None
    return AgentInput(
        row.agent_name, row.agent_id_type, row.agent_id_number, row.agent_phone, row.agent_relation
    ).printed()


def _clock(case: m.ServiceCase, pauses: tuple[tuple[dt.date, dt.date | None], ...]) -> CaseClock:
    return CaseClock(
        accepted_on=case.accepted_on,
        limit_days=case.limit_days,
        pauses=pauses,
        extension_days=case.extension_days,
        extensions=case.extensions,
        completed_on=case.completed_on,
    )


def _shown(c: Check) -> str:
    """A material as its line is named: the name, and the situation it applies in."""
    r = c.material
    return r.name + (f"（{r.situation}）" if r.situation else "")


def _loose(checks: Sequence[Check]) -> Outcome:
    """For a refusal the check may be unfinished: record what was there."""
    received = tuple(c for c in checks if c.applies and c.mark.value == "received")
    return Outcome(complete=False, received=received)


def seal_office(hall: HallSettings, *, bundle: bool, department: str) -> str:
    """Who seals a document: the item's department, or for a bundle (several departments)
    the hall's 综合受理 seal."""
    return f"{hall.name}综合受理专用章" if bundle else department


def open_notices(s: Session, id_number: str, name: str, subject_code: str) -> list[m.Notice]:
    """The open correction notices of one application, the first one first (locked)."""
    who, code = application_key(id_number, name, subject_code)
    query = select(m.Notice).where(
        m.Notice.kind == CORRECTION, m.Notice.closed_at.is_(None), m.Notice.subject_code == code
    )
    if who.startswith("name:"):
        query = query.where(m.Notice.id_number == "")
        return [
            n
            for n in s.scalars(query.order_by(m.Notice.id).with_for_update())
            if application_key("", n.applicant_name, code)[0] == who
        ]
    return list(
        s.scalars(query.where(m.Notice.id_number == who).order_by(m.Notice.id).with_for_update())
    )
