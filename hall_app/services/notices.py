"""One-time notification slips (补正) and refusal notices (不予受理): issue, find, reprint.

One correction per application (``domain.corrections``): while a correction notice of the
same applicant and item or bundle is open, a second one is refused; a further notice needs a
reason, a supervisor's approval and links to the first. Refusals take a ground from the item
type's closed list (``domain.legal.refusal_grounds``), never free text as their basis."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hall_app.domain import legal
from hall_app.domain.acceptance import require_correction
from hall_app.domain.corrections import (
    FurtherRequest,
    check_approver,
    check_further_materials,
    check_new_correction,
    choose_ground,
    normalise_id,
)
from hall_app.domain.errors import InvalidInput, KnownError, NotAllowed, NotFound
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_phone, scrub
from hall_app.domain.materials import Check, evaluate
from hall_app.domain.roles import Permission, Role
from hall_app.domain.serials import parse_serial
from hall_app.domain.settings import HallSettings
from hall_app.printing.documents import (
    CORRECTION,
    REFUSAL,
    MaterialLine,
    NoticeData,
)
from hall_app.services.context import Actor, audit
from hall_app.services.doc_common import (
    Applicant,
    DocumentBase,
    MaterialPlan,
    _agent_of,
    _applicant_columns,
    _loose,
    _shown,
    seal_office,
    shown_id,
)
from hall_app.services.guard import guarded
from hall_app.services.passwords import verify_password
from hall_app.services.qualifications import hall_permissions
from hall_app.store import models as m


@dataclass(frozen=True)
class Refusal:
    """A refusal: a ground code from :func:`refusal_grounds_of`, the competent office when the
    ground needs one, and an optional explanation (never the basis; scrubbed of ID numbers)."""

    ground: str
    office: str = ""
    note: str = ""


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
    open: bool = True  # neither accepted nor withdrawn
    first_serial: str = ""  # a further notice: the application's first notice
    answers: tuple[
        tuple[str, str], ...
    ] = ()  # catalog v2: the situation answers it was issued under


def refusal_grounds_of(plan: MaterialPlan) -> tuple[legal.RefusalGround, ...]:
    """The closed list of refusal grounds of an item (a bundle: its items' grounds)."""
    grounds: list[legal.RefusalGround] = []
    for item in plan.items:
        grounds.extend(legal.refusal_grounds(item.type, item.refusal_grounds))
    return tuple(dict.fromkeys(grounds))


def _joined(values: Iterable[str]) -> str:
    return "；".join(dict.fromkeys(v for v in values if v))


def correction_basis_of(plan: MaterialPlan) -> str:
    """The rule a correction notice cites: the item's own (a bundle: its items' distinct
    rules); a type without a rule of its own cites the hall's rule in neutral words."""
    return _joined(i.correction_basis or legal.default_correction_basis(i.type) for i in plan.items)


def correction_terms_of(plan: MaterialPlan) -> str:
    """The correction period and what happens if it lapses, as each item's rule says."""
    return _joined(i.correction_terms or legal.default_correction_terms(i.type) for i in plan.items)


def refusal_basis_of(plan: MaterialPlan, ground_code: str = "") -> str:
    """The basis a refusal cites: each item's refusal basis (a licence's Art. 32 with the
    sub-item of the ground)."""
    return _joined(
        legal.refusal_citation(
            i.type, i.refusal_basis or legal.default_refusal_basis(i.type), ground_code
        )
        for i in plan.items
    )


class NoticesMixin(DocumentBase):
    # ------------------------------------------------------------ notices

    @guarded(Permission.SERVE_AT_WINDOW)
    def issue_notice(
        self,
        actor: Actor,
        plan: MaterialPlan,
        applicant: Applicant,
        checks: Sequence[Check],
        *,
        ticket_number: str | None = None,
        refusal: Refusal | None = None,
        further: FurtherRequest | None = None,
    ) -> NoticeData:
        """A correction notice listing everything to correct, or a refusal on a legal ground.

        A correction notice is refused while the application (applicant + item or bundle) has
        an open one, unless ``further`` asks for a further notice (reason, supervisor's
        approval, only materials changed or newly submitted). A refusal is allowed whatever the
        materials' state, on a ground from the closed list only."""
        applicant = applicant.validated(self.ctx.today())
        if refusal is None and not applicant.id_number:
            # the application is found again by the number: without it, one correction per
            # application could not hold (a second slip under the name alone)
            raise InvalidInput(
                "开具一次性告知单须填写申请人证件号码：同一申请只告知一次，凭证件号码调出原告知单"
            )
        if refusal is not None:
            if further is not None:
                raise InvalidInput("不予受理通知书不是补正告知，不能作为再次告知开具")
            ground, office = choose_ground(refusal_grounds_of(plan), refusal.ground, refusal.office)
            outcome = _loose(checks)
        else:
            outcome = evaluate(checks)
            require_correction(outcome)
        approver_id = (
            self._approver(further.approver_no, further.approver_password, "再次告知")
            if further is not None
            else None
        )
        now = self.ctx.now()
        kind = REFUSAL if refusal else CORRECTION
        with self.ctx.db.write() as s:
            open_notices = self._open_notices(s, applicant.id_number, applicant.name, plan.code)
            first: m.Notice | None = None
            if refusal is None:
                check_new_correction([n.serial for n in open_notices], further)
                if further is not None:
                    first = self._first_of(s, open_notices, further.first_serial)
                    asked = {
                        x.name for st, x in self._lines(s, notice_id=first.id) if st == "to_correct"
                    }
                    check_further_materials(
                        asked, (_shown(c) for c in outcome.to_correct), further.changed
                    )
                    self._tick_received(s, open_notices, outcome.received)
            serial = self._serial(s, "BY" if refusal else "BZ")
            notice = m.Notice(
                serial=serial,
                kind=kind,
                received_at=now,
                issued_at=now,
                staff_id=actor.staff_id,
                window_number=actor.window_number,
                legal_basis=plan.legal_basis,
                ticket_id=self._ticket_id(s, ticket_number),
                **self._subject(s, plan),
                **_applicant_columns(applicant),
            )
            detail: dict[str, object] = {}
            if refusal is not None:
                notice.refusal_ground = ground.code[:32]
                # the ground's text, then (after a line break) the clerk's explanation
                notice.refusal_reason = ground.text + (
                    "\n" + scrub(refusal.note.strip()) if refusal.note.strip() else ""
                )
                notice.refusal_subitem = refusal_basis_of(plan, ground.code)[:100]
                notice.right_office = scrub(office)[:200]
                # the application ends here: its open correction notices close with it
                for n in open_notices:
                    n.closed_at = now
                detail = {"ground": ground.code[:32], "closed": [n.serial for n in open_notices]}
            if first is not None and further is not None:
                notice.first_notice_id = first.id
                notice.further_reason = scrub(further.reason.strip())
                notice.approved_by = approver_id
                detail = {
                    "further_of": first.serial,
                    "approved_by": approver_id,
                    "reason": notice.further_reason,
                }
            s.add(notice)
            try:
                s.flush()
            except IntegrityError as error:  # another window issued one at the same moment
                if "uq_notice_open" not in str(error) and "notice.id_number" not in str(error):
                    raise
                raise NotAllowed(
                    "该申请人此事项刚由其他窗口开具了一次性告知单：请调出原告知单核验"
                ) from None
            self._materials(s, outcome, notice_id=notice.id)
            audit(
                s,
                self.ctx,
                actor,
                f"notice_{kind}",
                "notice",
                notice.id,
                serial=serial,
                subject=plan.code,
                to_correct=len(outcome.to_correct),
                **detail,
            )
            return self._notice_data(s, notice, reprint=False)

    def _approver(self, approver_no: str, password: str, what: str) -> int:
        """The supervisor who approves a further notice or a withdrawal, by staff number and
        password (checked outside any write transaction, as at login)."""
        number = approver_no.strip()
        if not number or not password:
            raise NotAllowed(f"{what}须经值班长批准：请值班长输入工号和密码")
        with self.ctx.db.read() as s:
            row = s.execute(
                select(m.Staff.id, m.Staff.role, m.Staff.active, m.Staff.password_hash).where(
                    m.Staff.staff_no == number
                )
            ).one_or_none()
        if row is None or not row.active or not verify_password(password, row.password_hash):
            raise InvalidInput("值班长工号或密码不正确")
        with self.ctx.db.read() as s:
            check_approver(hall_permissions(s, Role(row.role)), what)
        return int(row.id)

    @staticmethod
    def _first_of(s: Session, open_notices: list[m.Notice], serial: str) -> m.Notice:
        text = str(parse_serial(serial))
        for n in open_notices:
            if n.serial == text:
                return s.get_one(m.Notice, n.first_notice_id) if n.first_notice_id else n
        raise NotFound(f"告知单 {text} 不是该申请未办结的告知单")

    def find_notice(self, serial: str) -> NoticeRecord:
        """What was missing, when the citizen comes back with the slip (QR or typed)."""
        text = str(parse_serial(serial))
        with self.ctx.db.read() as s:
            notice = s.scalar(select(m.Notice).where(m.Notice.serial == text))
            if notice is None:
                raise NotFound(f"没有编号为 {text} 的告知单")
            return self._record(s, notice)

    def find_open_notices(
        self, id_number: str, subject_code: str | None = None
    ) -> list[NoticeRecord]:
        """The open correction notices of an applicant (by ID number), for one item or bundle
        or all; the first notice of each application first. The clerk types the ID number in
        the material check and is offered the earlier notice."""
        number = normalise_id(id_number)
        if not number:
            return []
        # an old 15-digit resident ID is stored in its 18-character form; another kind of
        # document is compared as typed
        with contextlib.suppress(KnownError):
            number = parse_id_number(number, self.ctx.today()).number
        with self.ctx.db.read() as s:
            query = select(m.Notice).where(
                m.Notice.kind == CORRECTION,
                m.Notice.closed_at.is_(None),
                m.Notice.id_number == number,
            )
            if subject_code:
                query = query.where(m.Notice.subject_code == subject_code.strip().upper())
            return [self._record(s, n) for n in s.scalars(query.order_by(m.Notice.id))]

    @guarded(Permission.SERVE_AT_WINDOW)
    def withdraw_notice(
        self,
        actor: Actor,
        serial: str,
        reason: str,
        approver_no: str = "",
        approver_password: str = "",
    ) -> None:
        """The applicant gives up the application: its correction notice closes (a new
        application may then get its own notice). Since that frees the applicant for a notice
        the first one never bound, a supervisor approves it, as a further notice."""
        text = str(parse_serial(serial))
        if not reason.strip():
            raise InvalidInput("请写明撤回原因")
        approver_id = self._approver(approver_no, approver_password, "撤回申请")
        with self.ctx.db.write() as s:
            notice = s.scalar(select(m.Notice).where(m.Notice.serial == text).with_for_update())
            if notice is None:
                raise NotFound(f"没有编号为 {text} 的告知单")
            if notice.closed_at is not None:
                raise NotAllowed(f"告知单 {text} 已办结或已撤回")
            rows = self._open_notices(
                s, notice.id_number, notice.applicant_name, notice.subject_code
            )
            now = self.ctx.now()
            for n in rows or [notice]:
                n.closed_at = now
            audit(
                s,
                self.ctx,
                actor,
                "notice_withdraw",
                "notice",
                notice.id,
                serial=text,
                reason=scrub(reason.strip()),
                approved_by=approver_id,
            )

    def notice_counts(self, case_ids: Sequence[int]) -> dict[int, int]:
        """How many notices each case had before acceptance (for the case list)."""
        with self.ctx.db.read() as s:
            return notice_counts(s, case_ids)

    @guarded(Permission.SERVE_AT_WINDOW)
    def reprint_notice(self, actor: Actor, serial: str) -> NoticeData:
        text = str(parse_serial(serial))
        with self.ctx.db.write() as s:
            notice = s.scalar(select(m.Notice).where(m.Notice.serial == text).with_for_update())
            if notice is None:
                raise NotFound(f"没有编号为 {text} 的告知单")
            notice.reprints += 1
            notice.reprinted_at = self.ctx.now()
            audit(s, self.ctx, actor, "notice_reprint", "notice", notice.id, serial=text)
            return self._notice_data(s, notice, reprint=True)

    def _record(self, s: Session, notice: m.Notice) -> NoticeRecord:
        lines = self._lines(s, notice_id=notice.id)
        case_no = s.scalar(select(m.ServiceCase.case_no).where(m.ServiceCase.id == notice.case_id))
        first = s.scalar(select(m.Notice.serial).where(m.Notice.id == notice.first_notice_id))
        return NoticeRecord(
            serial=notice.serial,
            kind=notice.kind,
            subject_kind="item" if notice.item_id else "bundle",
            subject_code=notice.subject_code,
            subject_name=notice.subject_name,
            applicant_name=notice.applicant_name,
            id_masked=shown_id(notice.id_type, notice.id_number),
            phone_masked=mask_phone(notice.phone),
            issued_at=notice.issued_at,
            received=tuple(x for st, x in lines if st == "received"),
            to_correct=tuple(x for st, x in lines if st == "to_correct"),
            reprints=notice.reprints,
            case_no=case_no,
            open=notice.closed_at is None,
            first_serial=first or "",
            answers=tuple(json.loads(notice.answers or "{}").items()),
        )

    def _notice_data(self, s: Session, notice: m.Notice, *, reprint: bool) -> NoticeData:
        hall, clerk = self._hall(s), self._staff(s, notice.staff_id)
        lines = self._lines(s, notice_id=notice.id)
        items = self._items_of(s, notice)
        first = s.scalar(select(m.Notice.serial).where(m.Notice.id == notice.first_notice_id))
        refusal = notice.kind == REFUSAL
        ground_text, _, explanation = notice.refusal_reason.partition("\n")
        return NoticeData(
            kind=notice.kind,
            serial=notice.serial,
            hall_name=hall.name,
            hall_phone=hall.phone,
            complaint_phone=hall.complaint_phone,
            department=notice.department,
            applicant_name=notice.applicant_name,
            id_type=notice.id_type,
            id_number_masked=shown_id(notice.id_type, notice.id_number),
            phone_masked=mask_phone(notice.phone),
            subject=notice.subject_name,
            subject_code=notice.subject_code,
            received_at=self.ctx.local(notice.received_at),
            issued_at=self.ctx.local(notice.issued_at),
            clerk_name=clerk.name,
            clerk_no=clerk.staff_no,
            window_number=notice.window_number,
            legal_basis=notice.legal_basis,
            received=tuple(x for st, x in lines if st == "received"),
            to_correct=tuple(x for st, x in lines if st == "to_correct"),
            internal=tuple(x for st, x in lines if st == "internal"),
            reprint=reprint,
            refusal_reason=explanation or ground_text,  # the printed notice adds it as 具体说明
            refusal_subitem=notice.refusal_subitem,
            right_office=notice.right_office,
            correction_terms=_joined(
                i.correction_terms or legal.default_correction_terms(i.type) for i in items
            ),
            legal_rep=notice.legal_rep,
            agent=_agent_of(notice),
            reprinted_at=self.ctx.local(notice.reprinted_at)
            if reprint and notice.reprinted_at
            else None,
            first_serial=first or "",
            further_reason=scrub(notice.further_reason),
            refusal_ground=ground_text if refusal else "",
            reconsideration_body=self._reconsideration_body(s, hall, items) if refusal else "",
            court=hall.court if refusal else "",
            seal_office=seal_office(
                hall, bundle=notice.bundle_id is not None, department=notice.department
            ),
            correction_basis=_joined(
                i.correction_basis or legal.default_correction_basis(i.type) for i in items
            ),
            refusal_basis=notice.refusal_subitem if refusal else "",
        )

    @staticmethod
    def _items_of(s: Session, notice: m.Notice) -> list[m.ServiceItem]:
        if notice.item_id:
            return [s.get_one(m.ServiceItem, notice.item_id)]
        return list(
            s.scalars(
                select(m.ServiceItem)
                .join(m.BundleItem, m.BundleItem.item_id == m.ServiceItem.id)
                .where(m.BundleItem.bundle_id == notice.bundle_id)
                .order_by(m.BundleItem.position)
            )
        )

    @staticmethod
    def _reconsideration_body(s: Session, hall: HallSettings, items: list[m.ServiceItem]) -> str:
        """本级人民政府 (the hall's ``government`` setting), or the body a vertically managed
        department names (e.g. the next-higher tax authority)."""
        government = hall.government
        names = list(dict.fromkeys(i.department for i in items))
        bodies = {
            d.name: d for d in s.scalars(select(m.Department).where(m.Department.name.in_(names)))
        }
        return (
            _joined(
                (
                    bodies[n].reconsideration_body
                    if n in bodies and bodies[n].reconsideration_body
                    else government
                )
                for n in names
            )
            or government
        )


def notice_counts(s: Session, case_ids: Sequence[int]) -> dict[int, int]:
    """How many notices (corrections and further ones) led to each case; 0 when none."""
    ids = list(case_ids)
    counts = {i: 0 for i in ids}
    if ids:
        for case_id, n in s.execute(
            select(m.Notice.case_id, func.count(m.Notice.id))
            .where(m.Notice.case_id.in_(ids))
            .group_by(m.Notice.case_id)
        ):
            if case_id is not None:  # excluded by the query
                counts[case_id] = int(n)
    return counts
