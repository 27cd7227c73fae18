"""The hall-wide incident on the server side (a mixin of ``FallbackService``): declaration,
checklist, emergency kit, back-entry from paper (补录), voiding, the ledger and closing; with
the views and helpers they share with the rest of the fallback (re-exported there).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.fallback import (
    PAPER_KINDS,
    Ledger,
    check_within,
    incident_day,
    match_ledger,
    paper_time,
)
from hall_app.domain.followups import Outcome
from hall_app.domain.incident_rules import skipped_steps
from hall_app.domain.kit_numbers import ticket_sequence
from hall_app.domain.masking import normalize_phone, scrub
from hall_app.domain.materials import merge
from hall_app.domain.roles import Permission
from hall_app.services import replay
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.documents import Applicant, _requirements
from hall_app.services.followups import FollowUpService
from hall_app.services.guard import guarded
from hall_app.services.incident_views import BackEntry, IncidentView
from hall_app.services.kit import (  # noqa: F401  (re-exported)
    KIT_OWNER,
    KitDesk,
    _county,
    format_block_number,
    kit_printed,
)
from hall_app.services.paper_lines import case_lines, material_line
from hall_app.services.sequences import next_value
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.changes import announce_change

log = logging.getLogger("hall_app.fallback")


class IncidentDesk(KitDesk):
    """The incident's use cases; ``FallbackService`` supplies ``ctx``, ``calendar``,
    ``followups``, ``plan`` and the block reservation and replay (``_reserve``, ``_apply``)."""

    ctx: ServiceContext
    calendar: CalendarService
    followups: FollowUpService

    def current_incident(self) -> IncidentView | None:
        with self.ctx.db.read() as s:
            row = s.scalar(
                select(m.Incident)
                .where(m.Incident.ended_at.is_(None))
                .order_by(m.Incident.id.desc())
                .limit(1)
            )
            return self._incident_view(s, row) if row else None

    def incident(self, number: str) -> IncidentView:
        with self.ctx.db.read() as s:
            return self._incident_view(s, self._incident(s, number))

    def incidents(self, limit: int = 50) -> list[IncidentView]:
        with self.ctx.db.read() as s:
            rows = s.scalars(select(m.Incident).order_by(m.Incident.id.desc()).limit(limit))
            return [self._incident_view(s, r) for r in rows]

    @guarded(Permission.DECLARE_INCIDENT)
    def declare(
        self,
        actor: Actor,
        cause: str,
        *,
        scope: str = "全厅",
        started_at: dt.datetime | None = None,
        public_notice: str = "",
        substitutes: str = "",
    ) -> IncidentView:
        """A supervisor switches the hall to manual work."""
        if not cause.strip():
            raise InvalidInput("请填写事件原因（如：网络中断、服务器故障、收费系统故障）")
        now = self.ctx.now()
        started = started_at or now
        if started > now + dt.timedelta(minutes=1):
            raise InvalidInput("事件开始时间不能晚于现在")
        if now - started > dt.timedelta(hours=12):
            raise InvalidInput("事件开始时间早于 12 小时前，请核对")
        with self.ctx.db.write() as s:
            if s.scalar(select(m.Incident.id).where(m.Incident.ended_at.is_(None))):
                raise NotAllowed("已有未结束的应急事件，请先结束它")
            day = self.ctx.local(started).date()
            seq = next_value(s, self.ctx.db.dialect, m.DocumentCounter, kind="YJ", service_date=day)
            row = m.Incident(
                number=f"YJ-{day:%Y%m%d}-{seq:02d}",
                cause=cause.strip(),
                scope=scope.strip()[:100],
                started_at=started,
                declared_at=now,
                declared_by=actor.staff_id,
                public_notice=public_notice.strip(),
                substitutes=substitutes.strip(),
            )
            s.add(row)
            s.flush()
            audit(
                s,
                self.ctx,
                actor,
                "incident_declare",
                "incident",
                row.id,
                number=row.number,
                cause=row.cause,
            )
            announce_change(s)
            return self._incident_view(s, row)

    @guarded(Permission.DECLARE_INCIDENT)
    def update_incident(
        self,
        actor: Actor,
        number: str,
        *,
        public_notice: str | None = None,
        substitutes: str | None = None,
    ) -> IncidentView:
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            if public_notice is not None:
                row.public_notice = public_notice.strip()
            if substitutes is not None:
                row.substitutes = substitutes.strip()
            audit(s, self.ctx, actor, "incident_update", "incident", row.id)
            return self._incident_view(s, row)

    @guarded(Permission.DECLARE_INCIDENT)
    def tick_step(
        self, actor: Actor, number: str, step: str, done: bool = True, note: str = ""
    ) -> IncidentView:
        if step not in {x.id for x in self.plan.steps}:
            raise NotFound(f"应急预案中没有步骤 {step}")
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            existing = s.get(m.IncidentStep, (row.id, step))
            if done and existing is None:
                s.add(
                    m.IncidentStep(
                        incident_id=row.id,
                        step=step,
                        done_at=self.ctx.now(),
                        done_by=actor.staff_id,
                        note=note.strip(),
                    )
                )
            elif not done and existing is not None:
                s.delete(existing)
            audit(s, self.ctx, actor, "incident_step", "incident", row.id, step=step, done=done)
            s.flush()
            return self._incident_view(s, row)

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

    def ledger(self, number: str) -> Ledger:
        """Every paper number of the kit: entered, voided, or still outstanding."""
        with self.ctx.db.read() as s:
            incident = self._incident(s, number)
            return self._ledger(s, incident)

    def _ledger(self, s: Session, incident: m.Incident) -> Ledger:
        reserved = self._kit_reserved(s, incident)  # the numbers of the kits used in it
        rows = s.execute(
            select(
                m.FallbackRecord.source, m.FallbackRecord.kind, m.FallbackRecord.reference
            ).where(
                m.FallbackRecord.incident_id == incident.id,
                m.FallbackRecord.source.in_(("paper", "void")),
            )
        ).all()
        return match_ledger(
            reserved,
            [(k, r) for src, k, r in rows if src == "paper"],
            [(k, r) for src, k, r in rows if src == "void"],
        )

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

    @guarded(Permission.DECLARE_INCIDENT)
    def close(
        self,
        actor: Actor,
        number: str,
        review: str,
        *,
        override: str = "",
        skipped: Mapping[str, str] | None = None,
    ) -> IncidentView:
        """End the incident: its duration and what was handled by hand are recorded. The
        paper ledger must balance, or the supervisor says why it does not; each step of the
        plan left unticked needs its own reason (``skipped``: step id → reason), kept in the
        summary and audited step by step."""
        if not review.strip():
            raise InvalidInput("请填写事件复盘（原因、影响、处理经过）")
        with self.ctx.db.write() as s:
            row = self._incident(s, number)
            if row.ended_at is not None:
                raise NotAllowed("该应急事件已结束")
            ledger = self._ledger(s, row)
            if not ledger.balanced and not override.strip():
                raise NotAllowed(
                    f"还有 {len(ledger.outstanding_numbers)} 个纸质号码既未补录也未作废"
                    f"（如 {'、'.join(ledger.outstanding_numbers[:3])}），请补录或作废，"
                    "或填写未平账的原因"
                )
            conflicts = (
                s.scalar(
                    select(func.count()).where(
                        m.FallbackRecord.incident_id == row.id,
                        m.FallbackRecord.outcome == "conflict",
                    )
                )
                or 0
            )
            if conflicts and not override.strip():
                raise NotAllowed(f"还有 {conflicts} 条离线记录冲突未处理")
            done = s.scalars(
                select(m.IncidentStep.step).where(m.IncidentStep.incident_id == row.id)
            )
            reasons = {
                step: scrub(reason)
                for step, reason in skipped_steps(self.plan, done, skipped or {}).items()
            }
            now = self.ctx.now()
            counts = dict(
                s.execute(
                    select(m.FallbackRecord.source, func.count())
                    .where(m.FallbackRecord.incident_id == row.id)
                    .group_by(m.FallbackRecord.source)
                ).all()
            )
            row.ended_at, row.closed_by = now, actor.staff_id
            row.review = review.strip()
            row.summary = json.dumps(
                {
                    "minutes": round((now - row.started_at).total_seconds() / 60),
                    "paper": {line.kind: line.entered for line in ledger.lines},
                    "voided": sum(line.voided for line in ledger.lines),
                    "journal": counts.get("journal", 0),
                    "outstanding": len(ledger.outstanding_numbers),
                    "override": override.strip(),
                    "skipped": reasons,
                },
                ensure_ascii=False,
            )
            for step, reason in reasons.items():
                audit(
                    s,
                    self.ctx,
                    actor,
                    "incident_step_skipped",
                    "incident",
                    row.id,
                    step=step,
                    reason=reason,
                )
            audit(
                s,
                self.ctx,
                actor,
                "incident_close",
                "incident",
                row.id,
                number=row.number,
                skipped=len(reasons),
            )
            announce_change(s)
            return self._incident_view(s, row)

    # ------------------------------------------------------------ helpers

    def _incident(self, s: Session, number: str) -> m.Incident:
        row = s.scalar(select(m.Incident).where(m.Incident.number == number.strip().upper()))
        if row is None:
            raise NotFound(f"没有编号为 {number} 的应急事件")
        return row

    def _open_incident(self, s: Session, number: str) -> m.Incident:
        row = self._incident(s, number)
        if row.ended_at is not None:
            raise NotAllowed(
                f"应急事件 {row.number} 已结束，不能再补录或作废；如有遗漏请联系值班长"
            )
        return row

    def _incident_view(self, s: Session, row: m.Incident) -> IncidentView:
        staff = dict(s.execute(select(m.Staff.id, m.Staff.name)).all())
        steps = {
            x.step: (x.done_at, staff.get(x.done_by, ""))
            for x in s.scalars(select(m.IncidentStep).where(m.IncidentStep.incident_id == row.id))
        }
        printed = kit_printed(s, row.id)
        return IncidentView(
            row.number,
            row.cause,
            row.scope,
            row.started_at,
            staff.get(row.declared_by, ""),
            row.ended_at,
            row.public_notice,
            row.substitutes,
            steps,
            printed,
            row.review,
            json.loads(row.summary) if row.summary else {},
        )

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


def require_any(actor: Actor, *permissions: Permission) -> None:
    """Offline and at back-entry, windows and reception do each other's work."""
    if not any(actor.may(p) for p in permissions):
        actor.require(permissions[0])


def _phone(text: str) -> str:
    return normalize_phone(text) if text.strip() else ""
