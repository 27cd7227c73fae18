"""The offline desk: what a terminal does while its server is unreachable.

Everything here works on the terminal's own journal and the catalog snapshot it took while
online; nothing touches the server. Each action is one durable journal transaction that
takes its number from a reserved block and appends a record with an idempotency key, so
the reconciliation later merges it exactly once.

Offline desks share the queue (``services/offline_tickets.py``): a clerk calls any ticket a
citizen holds, in the order the desk suggests from what it knows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hall_app.domain.acceptance import require_acceptance, require_correction
from hall_app.domain.call_order import Fairness
from hall_app.domain.cases import CaseClock
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.followups import RATING_LEVELS, InquiryInput, Outcome
from hall_app.domain.masking import mask_id, mask_phone, normalize_phone
from hall_app.domain.materials import Check, Requirement, evaluate
from hall_app.domain.roles import Permission
from hall_app.domain.serials import Serial
from hall_app.domain.settings import HallSettings
from hall_app.domain.workdays import CalendarData, WorkCalendar
from hall_app.printing.documents import CORRECTION, NoticeData, ReceiptData
from hall_app.services.appointments import load_rules
from hall_app.services.context import Actor, ServiceContext
from hall_app.services.doc_common import PlanItem
from hall_app.services.documents import Applicant, MaterialPlan, _line
from hall_app.services.guard import guarded
from hall_app.services.notices import correction_basis_of, correction_terms_of
from hall_app.services.offline_tickets import OfflineTicketsMixin
from hall_app.store.journal import Journal

INQUIRY_REPLY_DAYS = 5

log = logging.getLogger("hall_app.services")


@dataclass(frozen=True)
class Snapshot:
    taken_at: dt.datetime
    hall: HallSettings  # the server's settings when the snapshot was taken
    categories: tuple[dict[str, Any], ...]
    subjects: dict[str, dict[str, Any]]  # code → subject
    calendar: WorkCalendar

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text)
        cal = data["calendar"]
        return cls(
            taken_at=dt.datetime.fromisoformat(data["taken_at"]),
            hall=HallSettings.from_stored(data["hall"]),
            categories=tuple(data["categories"]),
            subjects={s["code"]: s for s in data["subjects"]},
            calendar=WorkCalendar(
                CalendarData(
                    holidays=frozenset(dt.date.fromisoformat(d) for d in cal["holidays"]),
                    workdays=frozenset(dt.date.fromisoformat(d) for d in cal["workdays"]),
                    known_years=frozenset(cal["years"]),
                )
            ),
        )

    def plan(self, code: str) -> MaterialPlan:
        subject = self.subjects.get(code)
        if subject is None:
            raise NotFound(f"离线目录中没有事项「{code}」")
        reqs = tuple(
            Requirement(
                r["name"],
                r["form"],
                r["copies"],
                r["requirement"],
                r["source"],
                r["standard"],
                r["situation"],
                tuple(r["items"]),
                r.get("obtain_from", ""),
                r.get("defer_days", 0),
            )
            for r in subject["requirements"]
        )
        items = tuple(
            PlanItem(**{**x, "refusal_grounds": tuple(x.get("refusal_grounds", ()))})
            for x in subject.get("items", ())
        )  # older snapshots carry none
        return MaterialPlan(
            subject["kind"],
            subject["code"],
            subject["name"],
            subject["department"],
            subject["legal_basis"],
            subject["promised_days"],
            reqs,
            items,
        )


@dataclass(frozen=True)
class OfflineStatus:
    offline_since: dt.datetime | None
    pending: int
    conflicts: int
    merged: int
    numbers_left: dict[str, int]
    prepared_at: dt.datetime | None

    @property
    def needs_reconcile(self) -> bool:
        return self.pending > 0


class OfflineDesk(OfflineTicketsMixin):
    def __init__(self, ctx: ServiceContext, journal: Journal) -> None:
        self.ctx = ctx
        self.journal = journal
        self._snapshot: tuple[str, Snapshot] | None = None
        rules = load_rules()  # the hall's fairness, as the online call has it
        self.fairness = Fairness(rules.fair_streak, dt.timedelta(minutes=rules.fair_wait_minutes))

    # ------------------------------------------------------------ state

    def _record_denial(self, actor: Actor, action: str, permission: Permission) -> None:
        """Offline there is no audit table to write a refusal to: the log has it."""
        log.warning(
            "offline: %s (%s) refused %s for want of %s",
            actor.staff_no,
            actor.role.value,
            action,
            permission.value,
        )

    @property
    def snapshot(self) -> Snapshot:
        prepared = self.journal.get("prepared_at")
        if not prepared:
            raise NotAllowed(
                "本终端还没有在联网时准备过离线数据（号码段和事项目录），"
                "无法离线办理：请改用应急包中的纸质号票和登记簿"
            )
        if self._snapshot is None or self._snapshot[0] != prepared:
            self._snapshot = (prepared, Snapshot.from_json(self.journal.get("snapshot")))
        return self._snapshot[1]

    def status(self) -> OfflineStatus:
        counts = self.journal.counts()
        day = self.ctx.today()
        left: dict[str, int] = {}
        for b in self.journal.blocks():
            if b.day == day:
                left[b.kind] = left.get(b.kind, 0) + b.remaining
        since = self.journal.get("offline_since")
        prepared = self.journal.get("prepared_at")
        return OfflineStatus(
            offline_since=dt.datetime.fromisoformat(since) if since else None,
            pending=counts.get("pending", 0),
            conflicts=counts.get("conflict", 0),
            merged=counts.get("merged", 0),
            numbers_left=left,
            prepared_at=dt.datetime.fromisoformat(prepared) if prepared else None,
        )

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def enter(self, actor: Actor, reason: str) -> bool:
        """Mark the terminal offline (once); the event goes to the audit log on reconcile."""
        with self.journal.transaction() as conn:
            if self.journal.get("offline_since"):
                return False
            now = self.ctx.now()
            self.journal.put(conn, "offline_since", now.isoformat())
            self.journal.append(
                conn,
                "offline_enter",
                now,
                actor.staff_no,
                {"reason": reason[:300], "window": actor.window_number},
            )
        return True

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def leave(self, actor: Actor) -> bool:
        """The server answers again: recorded now, merged with the rest by the reconcile."""
        with self.journal.transaction() as conn:
            since = self.journal.get("offline_since")
            if not since:
                return False
            now = self.ctx.now()
            self.journal.put(conn, "offline_since", None)
            seconds = (now - dt.datetime.fromisoformat(since)).total_seconds()
            self.journal.append(
                conn,
                "offline_leave",
                now,
                actor.staff_no,
                {"reason": f"离线 {seconds / 60:.1f} 分钟", "since": since},
            )
        return True

    # ------------------------------------------------------------ ratings

    @guarded(Permission.SERVE_AT_WINDOW)
    def rate(
        self,
        actor: Actor,
        number: str,
        level: int | None,
        comment: str = "",
        *,
        entered_by_staff: bool = False,
    ) -> None:
        """``level`` None: 未评价 (the citizen declined), merged as such."""
        if level is not None and level not in RATING_LEVELS:
            raise InvalidInput("评价等级应为 1–5")
        now = self.ctx.now()
        with self.journal.transaction() as conn:
            self.journal.append(
                conn,
                "rating",
                now,
                actor.staff_no,
                {
                    "day": self.ctx.today().isoformat(),
                    "number": number.upper(),
                    "level": level,
                    "comment": comment.strip()[:1000],
                    "at": now.isoformat(),
                    "pad": entered_by_staff,
                },
                reference=number.upper(),
            )

    # ------------------------------------------------------------ first inquiry

    @guarded(Permission.WORK_INQUIRIES)
    def log_inquiry(self, actor: Actor, data: InquiryInput) -> str:
        data.check()
        phone = normalize_phone(data.visitor_phone) if data.visitor_phone.strip() else ""
        snap, now, day = self.snapshot, self.ctx.now(), self.ctx.today()
        subject = snap.subjects.get(data.item_code) if data.item_code else None
        due = snap.calendar.add_workdays(day, INQUIRY_REPLY_DAYS)
        resolution = (
            data.answer.strip()
            if data.outcome is Outcome.ANSWERED
            else (f"已引导至{data.guided_window}号窗口" if data.outcome is Outcome.GUIDED else "")
        )
        with self.journal.transaction() as conn:
            number = self._serial(conn, "SW")
            self.journal.append(
                conn,
                "inquiry",
                now,
                actor.staff_no,
                {
                    "number": number,
                    "at": now.isoformat(),
                    "channel": data.channel,
                    "visitor_name": data.visitor_name.strip(),
                    "visitor_phone": phone,
                    "question": data.question.strip(),
                    "item_code": data.item_code,
                    "item_name": subject["name"] if subject else "",
                    "outcome": data.outcome.value,
                    "guided_window": data.guided_window,
                    "ticket_number": data.ticket_number.upper(),
                    "department": data.department.strip(),
                    "contact": data.contact.strip(),
                    "contact_phone": data.contact_phone.strip(),
                    "window": actor.window_number,
                    "reply_by": (due.due if due else day).isoformat(),
                    "closed": data.outcome.closes_at_once,
                    "resolution": resolution,
                },
                reference=number,
            )
        return number

    # ------------------------------------------------------------ slips and acceptance

    @guarded(Permission.SERVE_AT_WINDOW)
    def issue_notice(
        self,
        actor: Actor,
        plan: MaterialPlan,
        applicant: Applicant,
        checks: Sequence[Check],
        *,
        ticket_number: str | None = None,
    ) -> NoticeData:
        applicant = applicant.validated(self.ctx.today())
        outcome = evaluate(checks)
        require_correction(outcome)
        now = self.ctx.now()
        lines = _lines(outcome)
        with self.journal.transaction() as conn:
            serial = self._serial(conn, "BZ")
            self.journal.append(
                conn,
                "notice",
                now,
                actor.staff_no,
                {
                    **self._document(plan, applicant, actor, ticket_number),
                    "serial": serial,
                    "kind": CORRECTION,
                    "lines": lines,
                },
                reference=serial,
            )
        snap = self.snapshot
        return NoticeData(
            kind=CORRECTION,
            serial=serial,
            hall_name=snap.hall.name,
            hall_phone=snap.hall.phone,
            complaint_phone=snap.hall.complaint_phone,
            department=plan.department,
            applicant_name=applicant.name,
            id_type=applicant.id_type,
            id_number_masked=mask_id(applicant.id_number),
            phone_masked=mask_phone(applicant.phone),
            subject=plan.name,
            subject_code=plan.code,
            received_at=self.ctx.local(now),
            issued_at=self.ctx.local(now),
            clerk_name=actor.name,
            clerk_no=actor.staff_no,
            window_number=actor.window_number,
            legal_basis=plan.legal_basis,
            received=tuple(_line(c.material, c) for c in outcome.received),
            to_correct=tuple(_line(c.material, c) for c in outcome.to_correct),
            correction_basis=correction_basis_of(plan),
            correction_terms=correction_terms_of(plan),
        )

    @guarded(Permission.SERVE_AT_WINDOW)
    def accept(
        self,
        actor: Actor,
        plan: MaterialPlan,
        applicant: Applicant,
        checks: Sequence[Check],
        *,
        ticket_number: str | None = None,
        commitment_signed: bool = False,
    ) -> ReceiptData:
        """Accept offline, by the one acceptance rule (domain.acceptance): 容缺后补
        materials only with the applicant's signed commitment, recorded for the merge."""
        applicant = applicant.validated(self.ctx.today())
        outcome = evaluate(checks)
        require_acceptance(outcome, commitment_signed=commitment_signed)
        snap, now = self.snapshot, self.ctx.now()
        accepted_on = snap.calendar.next_workday(self.ctx.today())
        deadline = CaseClock(accepted_on=accepted_on, limit_days=plan.promised_days).deadline(
            snap.calendar
        )
        with self.journal.transaction() as conn:
            case_no = self._serial(conn, "SL")
            self.journal.append(
                conn,
                "case",
                now,
                actor.staff_no,
                {
                    **self._document(plan, applicant, actor, ticket_number),
                    "case_no": case_no,
                    "accepted_on": accepted_on.isoformat(),
                    "limit_days": plan.promised_days,
                    "lines": _lines(outcome),
                    "commitment_signed": bool(outcome.deferred) and commitment_signed,
                },
                reference=case_no,
            )
        return ReceiptData(
            case_no=case_no,
            hall_name=snap.hall.name,
            hall_phone=snap.hall.phone,
            complaint_phone=snap.hall.complaint_phone,
            department=plan.department,
            applicant_name=applicant.name,
            id_type=applicant.id_type,
            id_number_masked=mask_id(applicant.id_number),
            phone_masked=mask_phone(applicant.phone),
            subject=plan.name,
            subject_code=plan.code,
            accepted_at=self.ctx.local(now),
            promised_days=plan.promised_days,
            due_date=deadline.due if deadline else accepted_on,
            clerk_name=actor.name,
            clerk_no=actor.staff_no,
            window_number=actor.window_number,
            received=tuple(_line(c.material, c) for c in outcome.received),
            deferred=tuple(_line(c.material, c) for c in outcome.deferred),
            calendar_warning=deadline.warning if deadline else "",
        )

    def _serial(self, conn: Any, kind: str) -> str:
        day = self.ctx.today()
        sequence = self.journal.take(conn, kind, day)
        return str(Serial(kind, self.journal.get("county") or "000000", day, sequence))

    def _document(
        self, plan: MaterialPlan, applicant: Applicant, actor: Actor, ticket: str | None
    ) -> dict[str, Any]:
        return {
            "at": self.ctx.now().isoformat(),
            "day": self.ctx.today().isoformat(),
            "window": actor.window_number,
            "ticket_number": (ticket or "").upper(),
            "subject_kind": plan.kind,
            "subject_code": plan.code,
            "subject_name": plan.name,
            "department": plan.department,
            "legal_basis": plan.legal_basis,
            "applicant": {
                "name": applicant.name,
                "id_type": applicant.id_type,
                "id_number": applicant.id_number,
                "phone": applicant.phone,
            },
        }


def _lines(outcome: Any) -> list[dict[str, Any]]:
    out = []
    for status, checks in (
        ("received", outcome.received),
        ("to_correct", outcome.to_correct),
        ("deferred", outcome.deferred),
    ):
        for c in checks:
            r = c.material
            out.append(
                {
                    "status": status,
                    "name": r.name,
                    "form": r.form,
                    "copies": r.copies,
                    "standard": r.standard,
                    "situation": r.situation,
                    "source": r.source,
                    "problem": c.problem or ("缺失" if c.mark.value == "missing" else ""),
                    "note": c.note,
                }
            )
    return out
