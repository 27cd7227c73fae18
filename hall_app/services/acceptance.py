"""Acceptance (受理): the material plan of an item or bundle, the case number and the receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import legal
from hall_app.domain.acceptance import require_acceptance
from hall_app.domain.errors import InvalidInput, NotFound
from hall_app.domain.masking import mask_phone
from hall_app.domain.materials import Check, Outcome, evaluate, merge
from hall_app.domain.requirements import window_rows
from hall_app.domain.review_checklist import ChecklistSheet, review_checklist
from hall_app.domain.roles import Permission
from hall_app.domain.workdays import WorkCalendar
from hall_app.printing.documents import (
    ReceiptData,
)
from hall_app.services.case_common import (
    DEFAULT_DEFER_DAYS,
    binding_item,
    bundle_items,
    clock_of,
    deferred_line,
    deferred_rows,
    load_pauses,
    receipt_items,
)
from hall_app.services.catalog_v2 import Resolved, resolve_in
from hall_app.services.context import Actor, audit
from hall_app.services.doc_common import (
    Applicant,
    DocumentBase,
    MaterialPlan,
    PlanItem,
    _agent_of,
    _applicant_columns,
    _plan_item,
    _requirements,
    seal_office,
    shown_id,
)
from hall_app.services.guard import guarded
from hall_app.store import models as m


@dataclass(frozen=True)
class AcceptanceChoices:
    """What the clerk settles with the applicant at acceptance (the acceptance dialog)."""

    delivery_method: str = "窗口领取"  # legal.DELIVERY_METHODS
    delivery_address: str = ""  # for 邮寄
    # 容缺后补: Requirement.key → the date promised (at most the catalog's default)
    deferred_due: Mapping[str, dt.date] = field(default_factory=dict)
    commitment_signed: bool = False  # the applicant signed the 承诺书

    def validated(self) -> AcceptanceChoices:
        if self.delivery_method not in legal.DELIVERY_METHODS:
            raise InvalidInput(
                f"送达方式「{self.delivery_method}」无效，应为：{'、'.join(legal.DELIVERY_METHODS)}"
            )
        address = self.delivery_address.strip()
        if self.delivery_method == "邮寄" and not address:
            raise InvalidInput("邮寄送达须填写收件地址")
        if len(address) > 300:
            raise InvalidInput("收件地址过长")
        return AcceptanceChoices(
            self.delivery_method,
            address if self.delivery_method == "邮寄" else "",
            dict(self.deferred_due),
            self.commitment_signed,
        )


@dataclass(frozen=True)
class DeferredDefault:
    """A 容缺后补 material at acceptance and its default date (acceptance + defer_days)."""

    key: str
    name: str
    defer_days: int
    due_on: dt.date


def _resolved_plan(s: Session, resolved: Resolved) -> MaterialPlan:
    """The plan of a v2 item or bundle: the applicable items, the resolved rows."""
    codes = [a.code for a in resolved.result.items]
    rows = {
        i.code: i for i in s.scalars(select(m.ServiceItem).where(m.ServiceItem.code.in_(codes)))
    }
    items = [rows[c] for c in codes]
    bundle = s.scalar(select(m.Bundle).where(m.Bundle.code == resolved.code))
    subject = bundle if bundle is not None else items[0]
    return MaterialPlan(
        "bundle" if bundle is not None else "item",
        subject.code,
        subject.name,
        "、".join(dict.fromkeys(i.department for i in items)),
        "；".join(dict.fromkeys(i.legal_basis for i in items)),
        subject.promised_limit_days,
        tuple(window_rows(resolved.result, resolved.questions)),
        items=tuple(_plan_item(i) for i in items),
        questions=resolved.questions,
        answers=resolved.answers,
        checklist=review_checklist(resolved.result, resolved.questions, dict(resolved.answers)),
    )


class AcceptanceMixin(DocumentBase):
    # ------------------------------------------------------------ what to check

    def review_sheet(self, plan: MaterialPlan) -> ChecklistSheet:
        """The window's 审查要点清单 of a plan, headed with the hall's name and today; only
        catalog v2 data has review points (a v1 list or an offline one has none)."""
        if plan.checklist is None:
            raise InvalidInput(f"「{plan.name}」未按新版目录配置审查要点，没有审查要点清单")
        with self.ctx.db.read() as s:
            hall = self._hall(s).name
        return ChecklistSheet(
            hall, plan.kind, plan.code, plan.name, self.ctx.today(), plan.checklist
        )

    def plan(
        self,
        *,
        item_code: str | None = None,
        bundle_code: str | None = None,
        answers: Mapping[str, str] | None = None,
    ) -> MaterialPlan:
        """What the window checks. For catalog v2 data the list is resolved under the
        situation answers (checked: an unknown question or answer is refused), one row per
        (material, role); v1 data keeps today's merged list (``answers`` ignored)."""
        with self.ctx.db.read() as s:
            resolved = resolve_in(s, item_code or bundle_code or "", answers)
            if resolved is not None:
                return _resolved_plan(s, resolved)
            if item_code:
                item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == item_code))
                if item is None:
                    raise NotFound(f"事项「{item_code}」不存在")
                return MaterialPlan(
                    "item",
                    item.code,
                    item.name,
                    item.department,
                    item.legal_basis,
                    item.promised_limit_days,
                    tuple(merge([(item.name, _requirements(item))])),
                    items=(_plan_item(item),),
                )
            bundle = s.scalar(select(m.Bundle).where(m.Bundle.code == bundle_code))
            if bundle is None:
                raise NotFound(f"一件事「{bundle_code}」不存在")
            items = list(
                s.scalars(
                    select(m.ServiceItem)
                    .join(m.BundleItem, m.BundleItem.item_id == m.ServiceItem.id)
                    .where(m.BundleItem.bundle_id == bundle.id)
                    .order_by(m.BundleItem.position)
                )
            )
            departments = "、".join(dict.fromkeys(i.department for i in items))
            basis = "；".join(dict.fromkeys(i.legal_basis for i in items))
            return MaterialPlan(
                "bundle",
                bundle.code,
                bundle.name,
                departments,
                basis,
                bundle.promised_limit_days,
                tuple(merge((i.name, _requirements(i)) for i in items)),
                items=tuple(_plan_item(i) for i in items),
            )

    # ------------------------------------------------------------ acceptance

    @guarded(Permission.SERVE_AT_WINDOW)
    def accept(
        self,
        actor: Actor,
        plan: MaterialPlan,
        applicant: Applicant,
        checks: Sequence[Check],
        *,
        ticket_number: str | None = None,
        notice_serial: str | None = None,
        choices: AcceptanceChoices | None = None,
    ) -> ReceiptData:
        """Accept a complete application: a case number, the promised and the legal date,
        the delivery of the result and, for 容缺后补 materials, the applicant's signed
        commitment with a date for each."""
        applicant = applicant.validated(self.ctx.today())
        choices = (choices or AcceptanceChoices()).validated()
        outcome = evaluate(checks)
        require_acceptance(outcome, commitment_signed=choices.commitment_signed)
        calendar = self.calendar.calendar()
        now = self.ctx.now()
        accepted_on = calendar.next_workday(self.ctx.today())
        due_on = self._deferred_dates(outcome, choices, accepted_on)
        limits = self._limits(plan, accepted_on)
        with self.ctx.db.write() as s:
            case = m.ServiceCase(
                case_no=self._serial(s, "SL"),
                accepted_at=now,
                accepted_on=accepted_on,
                limit_days=plan.promised_days,
                staff_id=actor.staff_id,
                window_number=actor.window_number,
                ticket_id=self._ticket_id(s, ticket_number),
                delivery_method=choices.delivery_method,
                delivery_address=choices.delivery_address,
                commitment_signed=bool(outcome.deferred) and choices.commitment_signed,
                **limits,
                **self._subject(s, plan),
                **_applicant_columns(applicant),
            )
            s.add(case)
            s.flush()
            # one correction per application: its open notices close and link to the case
            closed = self._close_notices(s, case, outcome.received, notice_serial=notice_serial)
            self._materials(s, outcome, case_id=case.id)
            s.flush()
            for row in deferred_rows(s, [case.id]).get(case.id, []):
                row.due_on = due_on.get(f"{row.name}|{row.situation}")
            requirements = {c.material.key: c.material for c in checks}
            for row in s.scalars(
                select(m.DocumentMaterial).where(m.DocumentMaterial.case_id == case.id)
            ):
                found = requirements.get(f"{row.name}|{row.situation}")
                row.obtain_from = found.obtain_from if found else ""
            audit(
                s,
                self.ctx,
                actor,
                "case_accept",
                "case",
                case.id,
                case_no=case.case_no,
                subject=plan.code,
                limit=plan.promised_days,
                legal_limit=case.legal_limit_days,
                delivery=case.delivery_method,
                deferred=len(due_on),
                notices=closed,
            )
            return self._receipt_data(s, case, reprint=False)

    def deferred_defaults(
        self, plan: MaterialPlan, checks: Sequence[Check], applicant: Applicant | None = None
    ) -> list[DeferredDefault]:
        """The 容缺后补 materials of a finished check and their default dates (what the
        acceptance dialog offers; the clerk may only bring a date forward). The applicant
        and the check are validated first, so a mistake shows before the dialog."""
        if applicant is not None:
            applicant.validated(self.ctx.today())
        outcome = evaluate(checks)
        # the commitment is signed in the dialog these dates are for
        require_acceptance(outcome, commitment_signed=True)
        calendar = self.calendar.calendar()
        accepted_on = calendar.next_workday(self.ctx.today())
        return [
            DeferredDefault(
                c.material.key,
                c.material.name,
                _defer_days(c),
                self._default_due(calendar, accepted_on, c),
            )
            for c in outcome.deferred
        ]

    def _default_due(self, calendar: WorkCalendar, accepted_on: dt.date, check: Check) -> dt.date:
        deadline = calendar.add_workdays(accepted_on, _defer_days(check))
        return deadline.due if deadline else accepted_on

    def _deferred_dates(
        self, outcome: Outcome, choices: AcceptanceChoices, accepted_on: dt.date
    ) -> dict[str, dt.date]:
        calendar = self.calendar.calendar()
        today = self.ctx.today()
        out = {}
        for c in outcome.deferred:
            default = self._default_due(calendar, accepted_on, c)
            chosen = choices.deferred_due.get(c.material.key, default)
            if chosen > default:
                raise InvalidInput(
                    f"「{c.material.name}」的补齐日期不能晚于 {default.isoformat()}"
                    f"（受理后 {_defer_days(c)} 个工作日）"
                )
            if chosen < today:
                raise InvalidInput(f"「{c.material.name}」的补齐日期不能早于今天")
            out[c.material.key] = chosen
        return out

    def _limits(self, plan: MaterialPlan, accepted_on: dt.date) -> dict[str, object]:
        """Both limits with their units. An item carries its own; a bundle promises its own
        limit (working days) and is bound legally by the item whose legal due date comes
        last, whose type also decides whether the legal limit may be extended."""
        item: PlanItem | None
        if plan.kind == "item" and plan.items:
            item = plan.items[0]
            unit = item.promised_unit or legal.WORKING_DAYS
        else:
            item = binding_item(plan, self.calendar.calendar(), accepted_on)
            unit = legal.WORKING_DAYS
        if item is None:
            return {
                "limit_unit": unit,
                "legal_limit_days": plan.promised_days,
                "legal_limit_unit": unit,
                "item_type": "",
            }
        return {
            "limit_unit": unit,
            "legal_limit_days": item.legal_days,
            "legal_limit_unit": item.legal_unit or legal.WORKING_DAYS,
            "item_type": item.type[:16],
        }

    @guarded(Permission.SERVE_AT_WINDOW)
    def reprint_receipt(
        self, actor: Actor, case_no: str, *, with_pauses: bool = False
    ) -> ReceiptData:
        """补打; ``with_pauses`` lists the pauses (kind and dates) when the applicant asks."""
        with self.ctx.db.write() as s:
            case = self._case(s, case_no)
            case.receipt_reprints += 1
            audit(s, self.ctx, actor, "receipt_reprint", "case", case.id, case_no=case.case_no)
            return self._receipt_data(s, case, reprint=True, with_pauses=with_pauses)

    def _receipt_data(
        self, s: Session, case: m.ServiceCase, *, reprint: bool, with_pauses: bool = False
    ) -> ReceiptData:
        hall, clerk = self._hall(s), self._staff(s, case.staff_id)
        lines = self._lines(s, case_id=case.id)
        pauses = load_pauses(s, [case.id]).get(case.id, ())
        calendar = self.calendar.calendar()
        clock = clock_of(case, pauses, self.ctx.local(case.accepted_at).date())
        paused_note = ""
        if clock.paused:  # the dates if the clock ran again today; they move on with the pause
            clock = clock.resume(self.ctx.today())
            paused_note = (
                "本件暂停计时中（见下表），所列办结日期为今日恢复计时的日期，恢复计时后相应顺延"
            )
        deadline, legal_deadline = clock.deadline(calendar), clock.legal_deadline(calendar)
        due = deadline.due if deadline else case.accepted_on
        items = bundle_items(s, case)
        warning = (
            paused_note
            or (deadline.warning if deadline else "")
            or (legal_deadline.warning if legal_deadline else "")
        )
        return ReceiptData(
            case_no=case.case_no,
            hall_name=hall.name,
            hall_phone=hall.phone,
            complaint_phone=hall.complaint_phone,
            department=case.department,
            applicant_name=case.applicant_name,
            id_type=case.id_type,
            id_number_masked=shown_id(case.id_type, case.id_number),
            phone_masked=mask_phone(case.phone),
            subject=case.subject_name,
            subject_code=case.subject_code,
            accepted_at=self.ctx.local(case.accepted_at),
            promised_days=case.limit_days + case.extension_days,
            due_date=due,
            clerk_name=clerk.name,
            clerk_no=clerk.staff_no,
            window_number=case.window_number,
            received=tuple(x for st, x in lines if st == "received"),
            deferred=tuple(deferred_line(r) for r in deferred_rows(s, [case.id]).get(case.id, [])),
            calendar_warning=warning,
            reprint=reprint,
            promised_unit=case.limit_unit,
            legal_days=case.legal_limit_days + case.legal_extension_days,
            legal_unit=case.legal_limit_unit,
            legal_due_date=legal_deadline.due if legal_deadline else None,
            instant=clock.instant,
            delivery_method=case.delivery_method,
            delivery_address=case.delivery_address,
            items=receipt_items(items, clock, calendar, due) if items else (),
            pauses=tuple((p[2], p[0], p[1]) for p in pauses) if with_pauses else (),
            reprinted_at=self.ctx.local(self.ctx.now()) if reprint else None,
            seal_office=seal_office(
                hall, bundle=case.bundle_id is not None, department=case.department
            ),
            legal_rep=case.legal_rep,
            agent=_agent_of(case),
        )


def _defer_days(check: Check) -> int:
    return check.material.defer_days or DEFAULT_DEFER_DAYS
