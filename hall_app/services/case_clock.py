"""Time-limited completion (限时办结): the open cases with both their dates, their pauses (with
kinds), the extension of the promised date, the one legal extension of a licence with its
notice, the 容缺后补 materials and their commitment, and completion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import legal
from hall_app.domain.cases import CaseClock, ClockState, days_left, deferral_overdue
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.masking import mask_id, mask_name, mask_phone, scrub
from hall_app.domain.roles import Permission
from hall_app.printing.documents import CommitmentData, ExtensionNoticeData
from hall_app.services.case_common import (
    DeferredView,
    clock_of,
    deferred_line,
    deferred_rows,
    load_pauses,
)
from hall_app.services.context import Actor, audit
from hall_app.services.doc_common import DocumentBase
from hall_app.services.guard import guarded
from hall_app.services.notices import notice_counts
from hall_app.store import models as m


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
    due: dt.date | None  # the promised date (None while paused)
    state: ClockState
    days_left: int | None  # to the promised date, in its unit
    warning: str
    window_number: int | None
    clerk_name: str
    completed_on: dt.date | None
    paused: bool
    extensions: int
    # issue 13: the legal date beside the promised one, pauses' kinds, notices, 容缺
    limit_unit: str = legal.WORKING_DAYS
    legal_days: int = 0
    legal_unit: str = legal.WORKING_DAYS
    legal_due: dt.date | None = None
    legal_days_left: int | None = None
    legal_extension_days: int = 0
    item_type: str = ""
    instant: bool = False
    pause_kind: str = ""  # the kind of the pause in progress
    restarted_on: dt.date | None = None
    notices: int = 0
    deferred: tuple[DeferredView, ...] = ()

    @property
    def promise_missed(self) -> bool:
        """The promised date passed (超承诺期), whatever the legal date says."""
        return self.state in (ClockState.PROMISE_MISSED, ClockState.OVERDUE)

    @property
    def deferred_overdue(self) -> int:
        return sum(d.overdue for d in self.deferred)

    @property
    def deferred_open(self) -> int:
        return sum(d.received_on is None for d in self.deferred)

    @property
    def can_extend_legally(self) -> bool:
        return legal.is_licence(self.item_type) and not self.legal_extension_days


class CaseFlags(NamedTuple):
    due_soon: int
    overdue: int  # past the legal date
    promise_missed: int  # past the promised date only
    deferrals_overdue: int  # 容缺后补 materials past their date

    @property
    def red(self) -> int:
        return self.overdue + self.promise_missed + self.deferrals_overdue


class CaseClockMixin(DocumentBase):
    # ------------------------------------------------------------ the clock

    @guarded(Permission.VIEW_PERSONAL)
    def cases(
        self,
        actor: Actor,
        *,
        open_only: bool = True,
        window_number: int | None = None,
        limit: int = 500,
    ) -> list[CaseView]:
        """The cases and their clocks. Applicants' names are for the window that holds the
        case: a desk without ``serve_any_window`` sees other windows' applicants masked (张*),
        so a clerk reads his own window's people, not the whole hall's."""
        views = self._case_views(open_only=open_only, window_number=window_number, limit=limit)
        if actor.may(Permission.SERVE_ANY_WINDOW):
            return views
        return [
            v
            if v.window_number is not None and v.window_number == actor.window_number
            else replace(v, applicant_name=mask_name(v.applicant_name))
            for v in views
        ]

    def _case_views(
        self, *, open_only: bool = True, window_number: int | None = None, limit: int = 500
    ) -> list[CaseView]:
        calendar = self.calendar.calendar()
        today = self.ctx.today()
        with self.ctx.db.read() as s:
            stmt = select(m.ServiceCase, m.Staff.name).join(
                m.Staff, m.Staff.id == m.ServiceCase.staff_id
            )
            if open_only:
                stmt = stmt.where(m.ServiceCase.completed_on.is_(None))
            if window_number is not None:
                stmt = stmt.where(m.ServiceCase.window_number == window_number)
            rows = s.execute(
                stmt.order_by(m.ServiceCase.accepted_on, m.ServiceCase.id).limit(limit)
            ).all()
            ids = [c.id for c, _ in rows]
            pauses, notices = load_pauses(s, ids), notice_counts(s, ids)
            deferred = deferred_rows(s, ids)
        views = []
        for case, clerk in rows:
            clock = clock_of(case, pauses.get(case.id, ()), self.ctx.local(case.accepted_at).date())
            deadline, legal_deadline = clock.deadline(calendar), clock.legal_deadline(calendar)
            state, left = clock.state(calendar, today)
            open_case = case.completed_on is None
            views.append(
                CaseView(
                    case_no=case.case_no,
                    subject_name=case.subject_name,
                    subject_code=case.subject_code,
                    applicant_name=case.applicant_name,
                    id_masked=mask_id(case.id_number),
                    accepted_at=case.accepted_at,
                    accepted_on=case.accepted_on,
                    limit_days=case.limit_days,
                    extension_days=case.extension_days,
                    due=deadline.due if deadline else None,
                    state=state,
                    days_left=left,
                    warning=(deadline.warning if deadline else "")
                    or (legal_deadline.warning if legal_deadline else ""),
                    window_number=case.window_number,
                    clerk_name=clerk,
                    completed_on=case.completed_on,
                    paused=clock.paused,
                    extensions=case.extensions,
                    limit_unit=clock.limit_unit,
                    legal_days=case.legal_limit_days,
                    legal_unit=clock.legal_unit,
                    legal_due=legal_deadline.due if legal_deadline else None,
                    legal_days_left=(
                        days_left(calendar, today, legal_deadline.due, clock.legal_unit)
                        if legal_deadline and open_case
                        else None
                    ),
                    legal_extension_days=case.legal_extension_days,
                    item_type=case.item_type,
                    instant=clock.instant,
                    pause_kind=clock.pause_kinds[-1] if clock.paused else "",
                    restarted_on=case.restarted_on,
                    notices=notices.get(case.id, 0),
                    deferred=tuple(
                        DeferredView(
                            r.id,
                            case.case_no,
                            r.name,
                            r.due_on,
                            r.received_on,
                            open_case and deferral_overdue(r.due_on, r.received_on, today),
                        )
                        for r in deferred.get(case.id, [])
                    ),
                )
            )
        return views

    def flags(self, window_number: int | None = None) -> CaseFlags:
        """Due soon, past the legal date, past the promised date only, and 容缺后补
        materials past their date, among open cases."""
        views = self._case_views(window_number=window_number, limit=5000)
        return CaseFlags(
            sum(v.state is ClockState.DUE_SOON for v in views),
            sum(v.state is ClockState.OVERDUE for v in views),
            sum(v.state is ClockState.PROMISE_MISSED for v in views),
            sum(v.deferred_overdue for v in views),
        )

    @guarded(Permission.PAUSE_CASE)
    def pause(self, actor: Actor, case_no: str, reason: str, kind: str = "") -> None:
        """Stop both clocks for a step the law leaves out of the limit, or a correction
        (补正: the limits restart when the corrected materials arrive)."""
        if kind not in legal.PAUSE_KINDS:
            raise InvalidInput(f"请选择暂停计时的类型：{'、'.join(legal.PAUSE_KINDS)}")
        if not reason.strip():
            raise InvalidInput("请写明暂停计时的原因（如：等待补正材料、现场核查、专家评审）")
        self._change(
            actor,
            case_no,
            "case_pause",
            lambda c: c.pause(self.ctx.today(), kind, self.calendar.calendar()),
            Permission.PAUSE_CASE,
            reason=scrub(reason.strip()),
            kind=kind,
        )

    @guarded(Permission.PAUSE_CASE)
    def resume(self, actor: Actor, case_no: str) -> None:
        self._change(
            actor,
            case_no,
            "case_resume",
            lambda c: c.resume(self.ctx.today()),
            Permission.PAUSE_CASE,
        )

    @guarded(Permission.EXTEND_CASE)
    def extend(
        self,
        actor: Actor,
        case_no: str,
        days: int,
        approver: str,
        reason: str,
        told_on: dt.date | None = None,
    ) -> None:
        """The one extension of the promised date, never past the legal date."""
        if not approver.strip() or not reason.strip():
            raise InvalidInput("延长时限须写明批准人和理由")
        calendar = self.calendar.calendar()
        self._change(
            actor,
            case_no,
            "case_extend",
            lambda c: c.extend(days, calendar),
            Permission.EXTEND_CASE,
            approver=scrub(approver.strip()),
            reason=scrub(reason.strip()),
            told_on=told_on or self.ctx.today(),
        )

    @guarded(Permission.EXTEND_CASE)
    def extend_legal(
        self, actor: Actor, case_no: str, approver: str, reason: str
    ) -> ExtensionNoticeData:
        """行政许可法 第四十二条: a licence's legal limit once by ten working days, with the
        head's approval; returns the extension notice for the applicant."""
        if not approver.strip() or not reason.strip():
            raise InvalidInput("延长法定期限须写明批准的本机关负责人和理由")
        calendar, today = self.calendar.calendar(), self.ctx.today()
        self._change(
            actor,
            case_no,
            "case_extend_legal",
            lambda c: c.extend_legal(calendar, today),
            Permission.EXTEND_CASE,
            approver=scrub(approver.strip())[:64],
            reason=scrub(reason.strip()),
        )
        return self.extension_notice(case_no)

    def extension_notice(self, case_no: str) -> ExtensionNoticeData:
        """延长办理期限告知书 of a case whose legal limit was extended."""
        calendar = self.calendar.calendar()
        with self.ctx.db.read() as s:
            case = _find(s, case_no)
            if not case.legal_extension_days:
                raise NotAllowed(f"办件 {case.case_no} 没有依法延长办理期限")
            clock = self._clock(s, case)
            new = clock.legal_deadline(calendar)
            old = _replace_legal(clock, 0).legal_deadline(calendar)
            hall, clerk = self._hall(s), self._staff(s, case.staff_id)
            return ExtensionNoticeData(
                case_no=case.case_no,
                hall_name=hall.name,
                hall_phone=hall.phone,
                complaint_phone=hall.complaint_phone,
                department=case.department,
                applicant_name=case.applicant_name,
                id_type=case.id_type,
                id_number_masked=mask_id(case.id_number),
                subject=case.subject_name,
                subject_code=case.subject_code,
                accepted_at=self.ctx.local(case.accepted_at),
                old_due_date=old.due if old else case.accepted_on,
                new_due_date=new.due if new else case.accepted_on,
                days=case.legal_extension_days,
                unit=legal.WORKING_DAYS,
                approver=case.legal_extension_approver,
                reason=case.legal_extension_reason,
                legal_basis=legal.ART42_EXTENSION,
                issued_on=case.legal_extension_on or self.ctx.today(),
                clerk_name=clerk.name,
                clerk_no=clerk.staff_no,
                window_number=case.window_number,
                seal_office=case.department,
            )

    def commitment(self, case_no: str) -> CommitmentData:
        """容缺受理承诺书: the deferred materials and the date each is promised by."""
        with self.ctx.db.read() as s:
            case = _find(s, case_no)
            rows = deferred_rows(s, [case.id]).get(case.id, [])
            if not rows:
                raise NotAllowed(f"办件 {case.case_no} 没有容缺后补材料，无需承诺书")
            hall, clerk = self._hall(s), self._staff(s, case.staff_id)
            return CommitmentData(
                case_no=case.case_no,
                hall_name=hall.name,
                hall_phone=hall.phone,
                department=case.department,
                applicant_name=case.applicant_name,
                id_type=case.id_type,
                id_number_masked=mask_id(case.id_number),
                phone_masked=mask_phone(case.phone),
                subject=case.subject_name,
                subject_code=case.subject_code,
                accepted_at=self.ctx.local(case.accepted_at),
                materials=tuple(deferred_line(r) for r in rows),
                clerk_name=clerk.name,
                clerk_no=clerk.staff_no,
                window_number=case.window_number,
            )

    @guarded(Permission.SERVE_AT_WINDOW)
    def receive_deferred(self, actor: Actor, material_id: int) -> DeferredView:
        """Tick a 容缺后补 material as received (today)."""
        today = self.ctx.today()
        with self.ctx.db.write() as s:
            row = s.get(m.DocumentMaterial, material_id, with_for_update=True)
            if row is None or row.case_id is None or row.status != "deferred":
                raise NotFound("没有这份容缺后补材料")
            if row.received_on is not None:
                raise NotAllowed(f"「{row.name}」已于 {row.received_on.isoformat()} 收到")
            case = s.get_one(m.ServiceCase, row.case_id)
            if case.completed_on is not None:
                raise NotAllowed("办件已办结")
            row.received_on = today
            audit(
                s,
                self.ctx,
                actor,
                "case_deferred_received",
                "case",
                case.id,
                case_no=case.case_no,
                material=row.name,
            )
            return DeferredView(row.id, case.case_no, row.name, row.due_on, today, False)

    @guarded(Permission.SERVE_AT_WINDOW)
    def complete(self, actor: Actor, case_no: str, note: str = "") -> None:
        self._change(
            actor,
            case_no,
            "case_complete",
            lambda c: c.complete(self.ctx.today()),
            Permission.SERVE_AT_WINDOW,
            note=scrub(note),
        )

    def _clock(self, s: Session, case: m.ServiceCase) -> CaseClock:
        pauses = load_pauses(s, [case.id]).get(case.id, ())
        return clock_of(case, pauses, self.ctx.local(case.accepted_at).date())

    def _change(
        self,
        actor: Actor,
        case_no: str,
        action: str,
        step: Callable[[CaseClock], CaseClock],
        permission: Permission,
        **extra: object,
    ) -> None:
        actor.require(permission)
        with self.ctx.db.write() as s:
            case = self._case(s, case_no)
            if permission is Permission.PAUSE_CASE and case.staff_id != actor.staff_id:
                actor.require(Permission.SERVE_ANY_WINDOW)  # another window's case
            rows = list(
                s.scalars(
                    select(m.CasePause)
                    .where(m.CasePause.case_id == case.id)
                    .order_by(m.CasePause.id)
                )
            )
            before = self._clock(s, case)
            after = step(before)
            if len(after.pauses) > len(before.pauses):
                s.add(
                    m.CasePause(
                        case_id=case.id,
                        start_on=after.pauses[-1][0],
                        reason=str(extra.get("reason", "")),
                        kind=str(extra.get("kind", "")),
                    )
                )
            elif rows and after.pauses and after.pauses[-1][1] != rows[-1].end_on:
                rows[-1].end_on = after.pauses[-1][1]
            if after.restarted_on != before.restarted_on:
                case.restarted_on = after.restarted_on
            if after.extensions != before.extensions:
                case.extension_days, case.extensions = after.extension_days, after.extensions
                case.extension_approver = str(extra["approver"])
                case.extension_reason = str(extra["reason"])
                told_on = extra["told_on"]
                assert told_on is None or isinstance(told_on, dt.date)
                case.extension_told_on = told_on
            if after.legal_extension_days != before.legal_extension_days:
                case.legal_extension_days = after.legal_extension_days
                case.legal_extension_approver = str(extra["approver"])
                case.legal_extension_reason = str(extra["reason"])
                case.legal_extension_on = self.ctx.today()
            if after.completed_on != before.completed_on:
                case.completed_on, case.completed_by = after.completed_on, actor.staff_id
                case.completion_note = str(extra.get("note", ""))
            audit(
                s,
                self.ctx,
                actor,
                action,
                "case",
                case.id,
                case_no=case.case_no,
                **{k: v for k, v in extra.items() if k in ("reason", "approver", "kind")},
            )


def _replace_legal(clock: CaseClock, days: int) -> CaseClock:
    import dataclasses

    return dataclasses.replace(clock, legal_extension_days=days)


def _find(s: Session, case_no: str) -> m.ServiceCase:
    case = s.scalar(select(m.ServiceCase).where(m.ServiceCase.case_no == case_no.strip().upper()))
    if case is None:
        raise NotFound(f"没有编号为 {case_no} 的办件")
    return case
