"""Acceptance (受理): the material plan of an item or bundle, the case number and the receipt."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import NotAllowed, NotFound
from hall_app.domain.masking import mask_phone
from hall_app.domain.materials import Check, evaluate, merge
from hall_app.domain.roles import Permission
from hall_app.printing.documents import (
    ReceiptData,
)
from hall_app.services.context import Actor, audit
from hall_app.services.doc_common import (
    Applicant,
    DocumentBase,
    MaterialPlan,
    _agent_of,
    _applicant_columns,
    _clock,
    _plan_item,
    _requirements,
    shown_id,
)
from hall_app.store import models as m


class AcceptanceMixin(DocumentBase):
    # ------------------------------------------------------------ what to check

    def plan(self, *, item_code: str | None = None, bundle_code: str | None = None) -> MaterialPlan:
        with self.ctx.db.read() as s:
            if item_code:
                item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == item_code))
                if item is None:
                    raise NotFound(f"事项「{item_code}」不存在")
                return MaterialPlan("item", item.code, item.name, item.department,
                                    item.legal_basis, item.promised_limit_days,
                                    tuple(merge([(item.name, _requirements(item))])),
                                    items=(_plan_item(item),))
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
                                tuple(merge((i.name, _requirements(i)) for i in items)),
                                items=tuple(_plan_item(i) for i in items))

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
            # one correction per application: its open notices close and link to the case
            closed = self._close_notices(s, case, outcome.received, notice_serial=notice_serial)
            self._materials(s, outcome, case_id=case.id)
            audit(s, self.ctx, actor, "case_accept", "case", case.id, case_no=case.case_no,
                  subject=plan.code, limit=plan.promised_days, notices=closed)
            return self._receipt_data(s, case, reprint=False)

    def reprint_receipt(self, actor: Actor, case_no: str) -> ReceiptData:
        actor.require(Permission.SERVE_AT_WINDOW)
        with self.ctx.db.write() as s:
            case = self._case(s, case_no)
            case.receipt_reprints += 1
            audit(s, self.ctx, actor, "receipt_reprint", "case", case.id, case_no=case.case_no)
            return self._receipt_data(s, case, reprint=True)

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
            id_number_masked=shown_id(case.id_type, case.id_number), phone_masked=mask_phone(case.phone),
            subject=case.subject_name, subject_code=case.subject_code,
            accepted_at=self.ctx.local(case.accepted_at), promised_days=case.limit_days + case.extension_days,
            due_date=due, clerk_name=clerk.name, clerk_no=clerk.staff_no,
            window_number=case.window_number,
            received=tuple(x for st, x in lines if st == "received"),
            deferred=tuple(x for st, x in lines if st == "deferred"),
            calendar_warning=deadline.warning if deadline else "", reprint=reprint,
            legal_rep=case.legal_rep, agent=_agent_of(case),
        )

