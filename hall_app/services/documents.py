"""One-time notification slips, refusal notices, acceptance and the cases' deadlines.

Each public method is one transaction with one audit entry. Serials and case numbers come
from the document counter (never reused); personal data leaves here masked, except in the
row itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.cases import CaseClock, ClockState
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id, mask_phone, normalize_phone
from hall_app.domain.materials import Check, Outcome, Requirement, evaluate, merge
from hall_app.domain.roles import Permission
from hall_app.domain.serials import Serial, parse_serial
from hall_app.printing.documents import (
    CORRECTION,
    REFUSAL,
    MaterialLine,
    NoticeData,
    ReceiptData,
)
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.sequences import next_value
from hall_app.store import models as m

ID_TYPES = ("居民身份证", "港澳居民居住证", "台湾居民居住证", "外国人永久居留身份证", "护照", "统一社会信用代码")


@dataclass(frozen=True)
class Applicant:
    name: str
    id_type: str = "居民身份证"
    id_number: str = ""
    phone: str = ""

    def validated(self, today: dt.date) -> Applicant:
        name = self.name.strip()
        if not name:
            raise InvalidInput("请填写申请人姓名或单位名称")
        number = self.id_number.strip()
        if self.id_type not in ID_TYPES:
            raise InvalidInput(f"证件类型「{self.id_type}」无效")
        if self.id_type == "居民身份证" and number:
            number = parse_id_number(number, today).number
        elif number and not 5 <= len(number) <= 32:
            raise InvalidInput("证件号码长度不正确")
        phone = normalize_phone(self.phone) if self.phone.strip() else ""
        return Applicant(name[:100], self.id_type, number, phone)


@dataclass(frozen=True)
class MaterialPlan:
    kind: str  # item | bundle
    code: str
    name: str
    department: str
    legal_basis: str
    promised_days: int
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class NoticeRecord:
    serial: str
    kind: str
    subject_kind: str
    subject_code: str
    subject_name: str
    applicant_name: str
    id_masked: str
    phone_masked: str
    issued_at: dt.datetime
    received: tuple[MaterialLine, ...]
    to_correct: tuple[MaterialLine, ...]
    reprints: int
    case_no: str | None


@dataclass(frozen=True)
class CaseView:
    case_no: str
    subject_name: str
    subject_code: str
    applicant_name: str
    id_masked: str
    accepted_at: dt.datetime
    accepted_on: dt.date
    limit_days: int
    extension_days: int
    due: dt.date | None
    state: ClockState
    days_left: int | None
    warning: str
    window_number: int | None
    clerk_name: str
    completed_on: dt.date | None
    paused: bool
    extensions: int


def _line(r: Requirement, check: Check | None = None) -> MaterialLine:
    where = {"政府部门核发": "由相关部门核发", "共享免提交": "共享获取"}.get(r.source, "")
    return MaterialLine(
        name=r.name + (f"（{r.situation}）" if r.situation else ""),
        form=r.form,
        copies=r.copies,
        standard=r.standard,
        problem=(check.problem or ("缺失" if check.mark.value == "missing" else "")) if check else "",
        note=check.note if check else "",
        where=where,
    )


class DocumentService:
    def __init__(self, ctx: ServiceContext, calendar: CalendarService) -> None:
        self.ctx = ctx
        self.calendar = calendar

    # ------------------------------------------------------------ what to check

    def plan(self, *, item_code: str | None = None, bundle_code: str | None = None) -> MaterialPlan:
        with self.ctx.db.read() as s:
            if item_code:
                item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == item_code))
                if item is None:
                    raise NotFound(f"事项「{item_code}」不存在")
                return MaterialPlan("item", item.code, item.name, item.department,
                                    item.legal_basis, item.promised_limit_days,
                                    tuple(merge([(item.name, _requirements(item))])))
            bundle = s.scalar(select(m.Bundle).where(m.Bundle.code == bundle_code))
            if bundle is None:
                raise NotFound(f"一件事「{bundle_code}」不存在")
            items = list(s.scalars(
                select(m.ServiceItem).join(m.BundleItem, m.BundleItem.item_id == m.ServiceItem.id)
                .where(m.BundleItem.bundle_id == bundle.id).order_by(m.BundleItem.position)
            ))
            departments = "、".join(dict.fromkeys(i.department for i in items))
            basis = "；".join(dict.fromkeys(i.legal_basis for i in items))
            return MaterialPlan("bundle", bundle.code, bundle.name, departments, basis,
                                bundle.promised_limit_days,
                                tuple(merge((i.name, _requirements(i)) for i in items)))

    # ------------------------------------------------------------ notices

    def issue_notice(
        self,
        actor: Actor,
        plan: MaterialPlan,
        applicant: Applicant,
        checks: Sequence[Check],
        *,
        ticket_number: str | None = None,
        refusal: tuple[str, str, str] | None = None,  # reason, Art. 32 sub-item, right office
    ) -> NoticeData:
        """A correction notice listing everything to correct, or a refusal notice."""
        actor.require(Permission.SERVE_AT_WINDOW)
        applicant = applicant.validated(self.ctx.today())
        outcome = evaluate(checks) if refusal is None else _loose(checks)
        if refusal is None and outcome.complete:
            raise NotAllowed("材料齐全，无需开具补正告知单，请直接受理")
        if refusal is not None:
            reason, subitem, office = (x.strip() for x in refusal)
            if not reason or not subitem:
                raise InvalidInput("不予受理须写明理由和法律依据（第三十二条第一款第几项）")
            refusal = (reason, subitem, office)
        now = self.ctx.now()
        kind = REFUSAL if refusal else CORRECTION
        with self.ctx.db.write() as s:
            serial = self._serial(s, "BY" if refusal else "BZ")
            notice = m.Notice(
                serial=serial, kind=kind, received_at=now, issued_at=now,
                staff_id=actor.staff_id, window_number=actor.window_number,
                legal_basis=plan.legal_basis, ticket_id=self._ticket_id(s, ticket_number),
                **self._subject(s, plan), **_applicant_columns(applicant),
            )
            if refusal:
                notice.refusal_reason, notice.refusal_subitem, notice.right_office = refusal
            s.add(notice)
            s.flush()
            self._materials(s, outcome, notice_id=notice.id)
            audit(s, self.ctx, actor, f"notice_{kind}", "notice", notice.id, serial=serial,
                  subject=plan.code, to_correct=len(outcome.to_correct))
            return self._notice_data(s, notice, reprint=False)

    def find_notice(self, serial: str) -> NoticeRecord:
        """What was missing, when the citizen comes back with the slip (QR or typed)."""
        text = str(parse_serial(serial))
        with self.ctx.db.read() as s:
            notice = s.scalar(select(m.Notice).where(m.Notice.serial == text))
            if notice is None:
                raise NotFound(f"没有编号为 {text} 的告知单")
            lines = self._lines(s, notice_id=notice.id)
            case_no = s.scalar(select(m.ServiceCase.case_no).where(m.ServiceCase.id == notice.case_id))
            return NoticeRecord(
                serial=notice.serial, kind=notice.kind,
                subject_kind="item" if notice.item_id else "bundle",
                subject_code=notice.subject_code, subject_name=notice.subject_name,
                applicant_name=notice.applicant_name, id_masked=mask_id(notice.id_number),
                phone_masked=mask_phone(notice.phone), issued_at=notice.issued_at,
                received=tuple(x for st, x in lines if st == "received"),
                to_correct=tuple(x for st, x in lines if st == "to_correct"),
                reprints=notice.reprints, case_no=case_no,
            )

    def reprint_notice(self, actor: Actor, serial: str) -> NoticeData:
        actor.require(Permission.SERVE_AT_WINDOW)
        text = str(parse_serial(serial))
        with self.ctx.db.write() as s:
            notice = s.scalar(select(m.Notice).where(m.Notice.serial == text).with_for_update())
            if notice is None:
                raise NotFound(f"没有编号为 {text} 的告知单")
            notice.reprints += 1
            audit(s, self.ctx, actor, "notice_reprint", "notice", notice.id, serial=text)
            return self._notice_data(s, notice, reprint=True)

    # ------------------------------------------------------------ acceptance

    def accept(
        self,
        actor: Actor,
        plan: MaterialPlan,
        applicant: Applicant,
        checks: Sequence[Check],
        *,
        ticket_number: str | None = None,
        notice_serial: str | None = None,
    ) -> ReceiptData:
        """Accept a complete application: a case number and a promised completion date."""
        actor.require(Permission.SERVE_AT_WINDOW)
        applicant = applicant.validated(self.ctx.today())
        outcome = evaluate(checks)
        if not outcome.complete:
            names = "、".join(c.material.name for c in outcome.to_correct)
            raise NotAllowed(f"材料不齐全（{names}），不能受理：请开具一次性告知单")
        calendar = self.calendar.calendar()
        now = self.ctx.now()
        accepted_on = calendar.next_workday(self.ctx.today())
        with self.ctx.db.write() as s:
            case = m.ServiceCase(
                case_no=self._serial(s, "SL"), accepted_at=now, accepted_on=accepted_on,
                limit_days=plan.promised_days, staff_id=actor.staff_id,
                window_number=actor.window_number, ticket_id=self._ticket_id(s, ticket_number),
                **self._subject(s, plan), **_applicant_columns(applicant),
            )
            s.add(case)
            s.flush()
            if notice_serial:
                notice = s.scalar(select(m.Notice).where(m.Notice.serial == str(parse_serial(notice_serial))))
                if notice is None:
                    raise NotFound(f"没有编号为 {notice_serial} 的告知单")
                notice.case_id = case.id
            self._materials(s, outcome, case_id=case.id)
            audit(s, self.ctx, actor, "case_accept", "case", case.id, case_no=case.case_no,
                  subject=plan.code, limit=plan.promised_days)
            return self._receipt_data(s, case, reprint=False)

    def reprint_receipt(self, actor: Actor, case_no: str) -> ReceiptData:
        actor.require(Permission.SERVE_AT_WINDOW)
        with self.ctx.db.write() as s:
            case = self._case(s, case_no)
            case.receipt_reprints += 1
            audit(s, self.ctx, actor, "receipt_reprint", "case", case.id, case_no=case.case_no)
            return self._receipt_data(s, case, reprint=True)

    # ------------------------------------------------------------ the clock

    def cases(self, *, open_only: bool = True, window_number: int | None = None,
              limit: int = 500) -> list[CaseView]:
        calendar = self.calendar.calendar()
        today = self.ctx.today()
        with self.ctx.db.read() as s:
            stmt = select(m.ServiceCase, m.Staff.name).join(m.Staff, m.Staff.id == m.ServiceCase.staff_id)
            if open_only:
                stmt = stmt.where(m.ServiceCase.completed_on.is_(None))
            if window_number is not None:
                stmt = stmt.where(m.ServiceCase.window_number == window_number)
            rows = s.execute(stmt.order_by(m.ServiceCase.accepted_on, m.ServiceCase.id).limit(limit)).all()
            pauses = self._pauses(s, [c.id for c, _ in rows])
        views = []
        for case, clerk in rows:
            clock = _clock(case, pauses.get(case.id, ()))
            deadline = clock.deadline(calendar)
            state, left = clock.state(calendar, today)
            views.append(CaseView(
                case_no=case.case_no, subject_name=case.subject_name, subject_code=case.subject_code,
                applicant_name=case.applicant_name, id_masked=mask_id(case.id_number),
                accepted_at=case.accepted_at, accepted_on=case.accepted_on,
                limit_days=case.limit_days, extension_days=case.extension_days,
                due=deadline.due if deadline else None, state=state, days_left=left,
                warning=deadline.warning if deadline else "", window_number=case.window_number,
                clerk_name=clerk, completed_on=case.completed_on, paused=clock.paused,
                extensions=case.extensions,
            ))
        return views

    def flags(self, window_number: int | None = None) -> tuple[int, int]:
        """(due soon, overdue) among open cases."""
        views = self.cases(window_number=window_number, limit=5000)
        return (sum(v.state is ClockState.DUE_SOON for v in views),
                sum(v.state is ClockState.OVERDUE for v in views))

    def pause(self, actor: Actor, case_no: str, reason: str) -> None:
        if not reason.strip():
            raise InvalidInput("请写明暂停计时的原因（如：等待补正材料、现场核查、专家评审）")
        self._change(actor, case_no, "case_pause", lambda c: c.pause(self.ctx.today()), reason=reason)

    def resume(self, actor: Actor, case_no: str) -> None:
        self._change(actor, case_no, "case_resume", lambda c: c.resume(self.ctx.today()))

    def extend(self, actor: Actor, case_no: str, days: int, approver: str, reason: str,
               told_on: dt.date | None = None) -> None:
        if not approver.strip() or not reason.strip():
            raise InvalidInput("延长时限须写明批准人和理由")
        self._change(actor, case_no, "case_extend", lambda c: c.extend(days),
                     approver=approver.strip(), reason=reason.strip(),
                     told_on=told_on or self.ctx.today())

    def complete(self, actor: Actor, case_no: str, note: str = "") -> None:
        self._change(actor, case_no, "case_complete", lambda c: c.complete(self.ctx.today()),
                     note=note)

    def _change(self, actor: Actor, case_no: str, action: str, step, **extra: object) -> None:  # type: ignore[no-untyped-def]
        actor.require(Permission.SERVE_AT_WINDOW)
        with self.ctx.db.write() as s:
            case = self._case(s, case_no)
            rows = list(s.scalars(select(m.CasePause).where(m.CasePause.case_id == case.id)
                                  .order_by(m.CasePause.id)))
            before = _clock(case, tuple((p.start_on, p.end_on) for p in rows))
            after = step(before)
            if len(after.pauses) > len(before.pauses):
                s.add(m.CasePause(case_id=case.id, start_on=after.pauses[-1][0],
                                  reason=str(extra.get("reason", ""))))
            elif rows and after.pauses and after.pauses[-1][1] != rows[-1].end_on:
                rows[-1].end_on = after.pauses[-1][1]
            if after.extensions != before.extensions:
                case.extension_days, case.extensions = after.extension_days, after.extensions
                case.extension_approver = str(extra["approver"])
                case.extension_reason = str(extra["reason"])
                case.extension_told_on = extra["told_on"]  # type: ignore[assignment]
            if after.completed_on != before.completed_on:
                case.completed_on, case.completed_by = after.completed_on, actor.staff_id
                case.completion_note = str(extra.get("note", ""))
            audit(s, self.ctx, actor, action, "case", case.id, case_no=case.case_no,
                  **{k: v for k, v in extra.items() if k in ("reason", "approver")})

    # ------------------------------------------------------------ helpers

    def _serial(self, s: Session, kind: str) -> str:
        day = self.ctx.today()
        county = s.scalar(select(m.HallSetting.value).where(m.HallSetting.key == "hall.code")) or "000000"
        seq = next_value(s, self.ctx.db.dialect, m.DocumentCounter, kind=kind, service_date=day)
        return str(Serial(kind, county, day, seq))

    def _ticket_id(self, s: Session, number: str | None) -> int | None:
        if not number:
            return None
        return s.scalar(select(m.Ticket.id).where(m.Ticket.number == number.upper(),
                                                  m.Ticket.service_date == self.ctx.today()))

    @staticmethod
    def _subject(s: Session, plan: MaterialPlan) -> dict[str, object]:
        model = m.ServiceItem if plan.kind == "item" else m.Bundle
        row_id = s.scalar(select(model.id).where(model.code == plan.code))
        return {
            "item_id": row_id if plan.kind == "item" else None,
            "bundle_id": row_id if plan.kind == "bundle" else None,
            "subject_name": plan.name, "subject_code": plan.code,
            "department": plan.department[:100],
        }

    @staticmethod
    def _materials(s: Session, outcome: Outcome, **owner: int) -> None:
        groups = (("received", outcome.received), ("to_correct", outcome.to_correct),
                  ("deferred", outcome.deferred))
        position = 0
        for status, checks in groups:
            for c in checks:
                r = c.material
                s.add(m.DocumentMaterial(
                    position=position, status=status, name=r.name, form=r.form, copies=r.copies,
                    standard=r.standard, situation=r.situation, source=r.source,
                    problem=c.problem or ("缺失" if c.mark.value == "missing" else ""),
                    note=c.note, **owner,
                ))
                position += 1

    @staticmethod
    def _lines(s: Session, **owner: int) -> list[tuple[str, MaterialLine]]:
        key, value = next(iter(owner.items()))
        rows = s.scalars(select(m.DocumentMaterial).where(getattr(m.DocumentMaterial, key) == value)
                         .order_by(m.DocumentMaterial.position))
        return [
            (r.status, dataclasses.replace(
                _line(Requirement(r.name, r.form, r.copies, "", r.source, r.standard, r.situation)),
                problem=r.problem, note=r.note,
            ))
            for r in rows
        ]

    def _hall(self, s: Session) -> dict[str, str]:
        return {k: v for k, v in s.execute(select(m.HallSetting.key, m.HallSetting.value))}

    def _staff(self, s: Session, staff_id: int) -> m.Staff:
        return s.get_one(m.Staff, staff_id)

    def _notice_data(self, s: Session, notice: m.Notice, *, reprint: bool) -> NoticeData:
        hall, clerk = self._hall(s), self._staff(s, notice.staff_id)
        lines = self._lines(s, notice_id=notice.id)
        return NoticeData(
            kind=notice.kind, serial=notice.serial, hall_name=hall.get("hall.name", ""),
            hall_phone=hall.get("hall.phone", ""), complaint_phone=hall.get("hall.complaint_phone", "12345"),
            department=notice.department, applicant_name=notice.applicant_name,
            id_type=notice.id_type, id_number_masked=mask_id(notice.id_number),
            phone_masked=mask_phone(notice.phone), subject=notice.subject_name,
            subject_code=notice.subject_code, received_at=self.ctx.local(notice.received_at),
            issued_at=self.ctx.local(notice.issued_at), clerk_name=clerk.name,
            clerk_no=clerk.staff_no, window_number=notice.window_number,
            legal_basis=notice.legal_basis,
            received=tuple(x for st, x in lines if st == "received"),
            to_correct=tuple(x for st, x in lines if st == "to_correct"),
            reprint=reprint, refusal_reason=notice.refusal_reason,
            refusal_subitem=notice.refusal_subitem, right_office=notice.right_office,
        )

    def _receipt_data(self, s: Session, case: m.ServiceCase, *, reprint: bool) -> ReceiptData:
        hall, clerk = self._hall(s), self._staff(s, case.staff_id)
        lines = self._lines(s, case_id=case.id)
        pauses = self._pauses(s, [case.id]).get(case.id, ())
        deadline = _clock(case, pauses).deadline(self.calendar.calendar())
        due = deadline.due if deadline else case.accepted_on
        return ReceiptData(
            case_no=case.case_no, hall_name=hall.get("hall.name", ""),
            hall_phone=hall.get("hall.phone", ""), complaint_phone=hall.get("hall.complaint_phone", "12345"),
            department=case.department, applicant_name=case.applicant_name, id_type=case.id_type,
            id_number_masked=mask_id(case.id_number), phone_masked=mask_phone(case.phone),
            subject=case.subject_name, subject_code=case.subject_code,
            accepted_at=self.ctx.local(case.accepted_at), promised_days=case.limit_days + case.extension_days,
            due_date=due, clerk_name=clerk.name, clerk_no=clerk.staff_no,
            window_number=case.window_number,
            received=tuple(x for st, x in lines if st == "received"),
            deferred=tuple(x for st, x in lines if st == "deferred"),
            calendar_warning=deadline.warning if deadline else "", reprint=reprint,
        )

    @staticmethod
    def _pauses(s: Session, case_ids: list[int]) -> dict[int, tuple[tuple[dt.date, dt.date | None], ...]]:
        if not case_ids:
            return {}
        out: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
        for p in s.scalars(select(m.CasePause).where(m.CasePause.case_id.in_(case_ids)).order_by(m.CasePause.id)):
            out.setdefault(p.case_id, []).append((p.start_on, p.end_on))
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _case(s: Session, case_no: str) -> m.ServiceCase:
        case = s.scalar(select(m.ServiceCase).where(m.ServiceCase.case_no == case_no.strip().upper())
                        .with_for_update())
        if case is None:
            raise NotFound(f"没有编号为 {case_no} 的办件")
        return case


def _requirements(item: m.ServiceItem) -> list[Requirement]:
    return [Requirement(x.name, x.form, x.copies, x.requirement, x.source, x.standard, x.situation)
            for x in item.materials]


def _applicant_columns(a: Applicant) -> dict[str, str]:
    return {"applicant_name": a.name, "id_type": a.id_type, "id_number": a.id_number, "phone": a.phone}


def _clock(case: m.ServiceCase, pauses: tuple[tuple[dt.date, dt.date | None], ...]) -> CaseClock:
    return CaseClock(accepted_on=case.accepted_on, limit_days=case.limit_days, pauses=pauses,
                     extension_days=case.extension_days, extensions=case.extensions,
                     completed_on=case.completed_on)


def _loose(checks: Sequence[Check]) -> Outcome:
    """For a refusal the check may be unfinished: record what was there."""
    received = tuple(c for c in checks if c.applies and c.mark.value == "received")
    return Outcome(complete=False, received=received)
