"""One-time notification slips (补正) and refusal notices (不予受理): issue, find, reprint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.masking import mask_id, mask_phone
from hall_app.domain.materials import Check, evaluate
from hall_app.domain.roles import Permission
from hall_app.domain.serials import parse_serial
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
    _applicant_columns,
    _loose,
)
from hall_app.store import models as m


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


class NoticesMixin(DocumentBase):
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

