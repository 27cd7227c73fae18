"""Time-limited completion (限时办结): the open cases, their deadlines, pauses, extension and
completion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from hall_app.domain.cases import ClockState
from hall_app.domain.errors import InvalidInput
from hall_app.domain.masking import mask_id
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, audit
from hall_app.services.doc_common import DocumentBase, _clock
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
    due: dt.date | None
    state: ClockState
    days_left: int | None
    warning: str
    window_number: int | None
    clerk_name: str
    completed_on: dt.date | None
    paused: bool
    extensions: int


class CaseClockMixin(DocumentBase):
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

