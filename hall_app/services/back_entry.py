"""Back-entry from paper (补录) during and after an incident: entries, voiding, the list of
what was entered, and the paper records' parsing into the payloads the replay applies
(part of ``IncidentDesk``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.fallback import (
    PAPER_KINDS,
    check_within,
    incident_day,
    paper_time,
)
from hall_app.domain.followups import Outcome
from hall_app.domain.kit_numbers import ticket_sequence
from hall_app.domain.masking import scrub
from hall_app.domain.materials import merge
from hall_app.domain.roles import Permission
from hall_app.services import replay
from hall_app.services.context import Actor, audit
from hall_app.services.documents import Applicant, _requirements
from hall_app.services.guard import guarded
from hall_app.services.incident_base import IncidentBase, _phone
from hall_app.services.incident_views import BackEntry
from hall_app.services.paper_lines import case_lines, material_line
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.changes import announce_change

log = logging.getLogger("hall_app.fallback")


class BackEntryDesk(IncidentBase):
    # ------------------------------------------------------------ back-entry (补录)

    @guarded(Permission.SERVE_AT_WINDOW, Permission.ISSUE_TICKET, any_of=True)
    def back_enter(self, actor: Actor, number: str, entry: BackEntry) -> str:
        """Enter one paper record of the incident, keeping its original time; returns the
        number it was entered under."""
        if entry.kind not in PAPER_KINDS:
            raise InvalidInput(f"补录类型应为 {'、'.join(PAPER_KINDS.values())}")
        if not entry.paper_ref.strip():
            raise InvalidInput("请填写纸质记录的位置（如：受理登记簿 第2页第5行）")
        with self.ctx.db.write() as s:
            incident = self._open_incident(s, number)
            reference = self._paper_number(s, incident, entry.kind, entry.number)
            key = f"paper:{entry.kind}:{reference}"
            if s.scalar(select(m.FallbackRecord.id).where(m.FallbackRecord.key == key)):
                raise NotAllowed(
                    f"{PAPER_KINDS[entry.kind]} {reference} 已补录或已作废，不能重复录入"
                )
            tz = self.ctx.tz
            end = incident.ended_at or self.ctx.now()
            # a time alone: the incident's day, or the one day it can be; else the paper's date
            alone = incident_day(
                entry.time, self.ctx.local(incident.started_at), self.ctx.local(end)
            )
            at = self._paper_time(entry.time, alone, incident.started_at, end)
            day = at.date()
            staff_no = entry.staff_no.strip() or actor.staff_no
            paper_ref = scrub(entry.paper_ref.strip())  # free text: no phone or ID in clear
            staff = replay.staff_id(s, staff_no)
            if staff is None:
                raise NotFound(f"工号 {staff_no} 不存在")
            payload = self._paper_payload(s, entry, reference, at, day, tz, incident, end)
            if entry.kind == "ticket":
                applied = self._paper_ticket(s, payload, staff)
            else:
                try:
                    record = "notice" if entry.kind == "refusal" else entry.kind  # both notices
                    applied = self._apply(s, record, payload, actor.terminal, staff_no)
                except replay.Conflict as conflict:
                    raise NotAllowed(conflict.message) from None
            s.add(
                m.FallbackRecord(
                    key=key,
                    source="paper",
                    terminal=actor.terminal,
                    incident_id=incident.id,
                    kind=entry.kind,
                    reference=reference,
                    original_at=at,
                    staff_no=staff_no,
                    entered_at=self.ctx.now(),
                    entered_by=actor.staff_id,
                    paper_ref=paper_ref[:64],
                    outcome="merged",
                    detail=scrub(entry.note.strip()),
                    entity=applied.entity,
                    entity_id=applied.entity_id,
                )
            )
            audit(
                s,
                self.ctx,
                actor,
                "back_entry",
                applied.entity,
                applied.entity_id,
                reference=reference,
                original_at=at.isoformat(),
                paper_ref=paper_ref,
            )
            announce_change(s)
            return reference

    @guarded(Permission.DECLARE_INCIDENT)
    def void(
        self, actor: Actor, number: str, kind: str, references: Iterable[str], reason: str
    ) -> int:
        """Mark unused paper numbers as void (作废), so the ledger balances."""
        if not reason.strip():
            raise InvalidInput("请填写作废原因（如：未使用）")
        count = 0
        with self.ctx.db.write() as s:
            incident = self._open_incident(s, number)
            for text_ref in references:
                reference = self._paper_number(s, incident, kind, text_ref)
                key = f"paper:{kind}:{reference}"
                if s.scalar(select(m.FallbackRecord.id).where(m.FallbackRecord.key == key)):
                    continue
                s.add(
                    m.FallbackRecord(
                        key=key,
                        source="void",
                        terminal=actor.terminal,
                        incident_id=incident.id,
                        kind=kind,
                        reference=reference,
                        original_at=self.ctx.now(),
                        staff_no=actor.staff_no,
                        entered_at=self.ctx.now(),
                        entered_by=actor.staff_id,
                        outcome="void",
                        detail=scrub(reason.strip()),
                    )
                )
                count += 1
            audit(s, self.ctx, actor, "paper_void", "incident", incident.id, kind=kind, count=count)
        return count

    def back_entries(self, number: str) -> list[dict[str, Any]]:
        with self.ctx.db.read() as s:
            incident = self._incident(s, number)
            rows = s.execute(
                select(m.FallbackRecord, m.Staff.name)
                .outerjoin(m.Staff, m.Staff.id == m.FallbackRecord.entered_by)
                .where(
                    m.FallbackRecord.incident_id == incident.id,
                    m.FallbackRecord.source.in_(("paper", "void")),
                )
                .order_by(m.FallbackRecord.id.desc())
            ).all()
            return [
                {
                    "kind": r.kind,
                    "reference": r.reference,
                    "original_at": r.original_at,
                    "paper_ref": r.paper_ref,
                    "entered_at": r.entered_at,
                    "entered_by": name or "",
                    "source": r.source,
                    "detail": r.detail,
                }
                for r, name in rows
            ]

    def _paper_time(
        self, typed: str, day: dt.date | None, start: dt.datetime, end: dt.datetime
    ) -> dt.datetime:
        """A paper time (``09:42``, or ``11-30 09:42``) on ``day`` or the date written with it."""
        days = (self.ctx.local(start).date(), self.ctx.local(end).date())
        at = paper_time(typed, day, self.ctx.tz, days)
        if at > self.ctx.now() + dt.timedelta(minutes=1):
            raise InvalidInput(f"纸质记录时间 {typed.strip()} 晚于现在，请核对")
        check_within(at, start, end)
        return at

    def _paper_payload(
        self,
        s: Session,
        e: BackEntry,
        reference: str,
        at: dt.datetime,
        day: dt.date,
        tz: Any,
        incident: m.Incident,
        end: dt.datetime,
    ) -> dict[str, Any]:
        base: dict[str, Any] = {"at": at.isoformat(), "day": day.isoformat(), "window": e.window}
        if e.kind == "ticket":
            cat = s.scalar(
                select(m.Category).where(m.Category.code == e.category_code.strip().upper())
            )
            item = (
                s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == e.item_code.strip()))
                if e.item_code.strip()
                else None
            )
            if cat is None and item is not None:
                cat = s.get(m.Category, item.category_id)
            if cat is None:
                raise InvalidInput("请填写号票的业务类别（如 A）或事项编码")
            called = (
                self._paper_time(e.called, day, incident.started_at, end)
                if e.called.strip()
                else at
            )
            finished = (
                self._paper_time(e.finished, day, incident.started_at, end)
                if e.finished.strip()
                else None
            )
            if called < at or (finished is not None and finished < called):
                raise InvalidInput("时间顺序不对：取号 ≤ 叫号 ≤ 办结")
            return {
                **base,
                "number": reference,
                "sequence": ticket_sequence(reference),
                "category_code": cat.code,
                "item_code": item.code if item else None,
                "issued_at": at.isoformat(),
                "called_at": called.isoformat(),
                "finished_at": finished.isoformat() if finished else None,
                "no_show": e.no_show,
                "served_on_paper": bool(e.called.strip() or e.finished.strip() or e.no_show),
            }
        if e.kind == "inquiry":
            if not e.question.strip():
                raise InvalidInput("请填写咨询事项")
            try:
                outcome = Outcome(e.outcome)
            except ValueError:
                raise InvalidInput(
                    "处理结果应为 当场解答 / 引导至窗口 / 转交部门 / 需跟进"
                ) from None
            phone = _phone(e.phone)
            reply = self.calendar.calendar().add_workdays(day, load_settings(s).inquiry_reply_days)
            return {
                **base,
                "number": reference,
                "channel": "现场",
                "visitor_name": e.name.strip(),
                "visitor_phone": phone,
                "question": e.question.strip(),
                "outcome": outcome.value,
                "resolution": e.answer.strip(),
                "closed": outcome.closes_at_once,
                "reply_by": (reply.due if reply else day).isoformat(),
            }
        item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == e.item_code.strip()))
        if item is None:
            raise InvalidInput(f"事项编码「{e.item_code}」不存在")
        applicant = Applicant(e.name, "居民身份证", e.id_number, e.phone).validated(day)
        reqs = merge([(item.name, _requirements(item))])
        missing = {x.strip() for x in e.missing if x.strip()}
        unknown = missing - {r.name for r in reqs}
        if unknown:
            raise InvalidInput(f"材料「{'、'.join(sorted(unknown))}」不在该事项的材料清单中")
        # the paper ticks only what is missing: an unticked conditional material may not apply
        lines = [
            material_line(r, "to_correct" if r.name in missing else "received")
            for r in reqs
            if r.name in missing or not r.conditional
        ]
        subject = {
            "subject_kind": "item",
            "subject_code": item.code,
            "subject_name": item.name,
            "department": item.department,
            "legal_basis": item.legal_basis,
            "applicant": {
                "name": applicant.name,
                "id_type": applicant.id_type,
                "id_number": applicant.id_number,
                "phone": applicant.phone,
            },
        }
        if e.kind == "refusal":  # the materials were handed back with the notice
            if not e.reason.strip():
                raise InvalidInput("请填写不予受理理由（通知书上勾选的理由或“其他”所写）")
            return {
                **base,
                **subject,
                "serial": reference,
                "kind": "refusal",
                "lines": [],
                "refusal": (scrub(e.reason.strip()), "", ""),
            }
        if e.kind == "notice":
            if not missing:
                raise InvalidInput("一次性告知单须勾选缺少的材料")
            return {**base, **subject, "serial": reference, "kind": "correction", "lines": lines}
        if missing:
            raise InvalidInput("受理时材料应齐全；缺材料的请录为一次性告知单")
        accepted_on = self.calendar.calendar().next_workday(day)
        return {
            **base,
            **subject,
            "case_no": reference,
            "accepted_on": accepted_on.isoformat(),
            "limit_days": item.promised_limit_days,
            "lines": case_lines(reqs, e.received),
        }

    def _paper_ticket(self, s: Session, p: dict[str, Any], staff: int) -> replay.Applied:
        try:
            applied = replay.ticket_issue(s, p, "paper", staff)
            if applied.note and not p["served_on_paper"]:
                return applied  # it completed a ticket a desk served offline: those moves stand
            replay.ticket_move(s, "ticket_call", {**p, "at": p["called_at"]}, staff)
            if p["no_show"]:
                replay.ticket_move(s, "ticket_no_show", {**p, "at": p["called_at"]}, staff)
            elif p["finished_at"]:
                replay.ticket_move(s, "ticket_finish", {**p, "at": p["finished_at"]}, staff)
        except replay.Conflict as conflict:
            raise NotAllowed(conflict.message) from None
        return applied
