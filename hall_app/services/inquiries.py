"""首问负责: inquiries logged, handed off, noted, closed, listed and exported (part of
``FollowUpService``). Each public method is one transaction with one audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.followups import (
    InquiryInput,
    Outcome,
)
from hall_app.domain.masking import mask_name, mask_phone, normalize_phone, scrub
from hall_app.domain.roles import Denied, Permission
from hall_app.services.context import Actor, audit
from hall_app.services.exports import Table, export_csv
from hall_app.services.followup_base import FollowUpBase, InquiryView
from hall_app.services.guard import guarded
from hall_app.services.settings import load_settings
from hall_app.store import models as m


class InquiryMixin(FollowUpBase):
    # ------------------------------------------------------------ first inquiry

    @guarded(Permission.WORK_INQUIRIES)
    def log_inquiry(
        self, actor: Actor, data: InquiryInput, reply_by: dt.date | None = None
    ) -> InquiryView:
        data = data.cleaned()  # NFKC, invisible characters dropped, lengths of the columns
        data.check()
        phone = normalize_phone(data.visitor_phone) if data.visitor_phone.strip() else ""
        now = self.ctx.now()
        with self.ctx.db.write() as s:
            item_name = ""
            if data.item_code:
                item_name = (
                    s.scalar(select(m.ServiceItem.name).where(m.ServiceItem.code == data.item_code))
                    or s.scalar(select(m.Bundle.name).where(m.Bundle.code == data.item_code))
                    or ""
                )
            due = reply_by or self._add(load_settings(s).inquiry_reply_days)
            if due < self.ctx.today():
                raise InvalidInput("答复期限不能早于今天")
            closes = data.outcome.closes_at_once
            resolution = ""
            if data.outcome is Outcome.ANSWERED:
                resolution = data.answer.strip()
            elif data.outcome is Outcome.GUIDED:
                resolution = f"已引导至{data.guided_window}号窗口" + (
                    f"，号票 {data.ticket_number.upper()}" if data.ticket_number else ""
                )
            row = m.Inquiry(
                number=self._number(s, "SW"),
                created_at=now,
                channel=data.channel,
                visitor_name=data.visitor_name.strip()[:64],
                visitor_phone=phone,
                question=data.question.strip(),
                item_code=data.item_code,
                item_name=item_name,
                outcome=data.outcome.value,
                guided_window=data.guided_window,
                ticket_number=data.ticket_number.upper(),
                department=data.department.strip(),
                contact=data.contact.strip(),
                contact_phone=data.contact_phone.strip(),
                owner_id=actor.staff_id,
                handler_id=actor.staff_id,
                owner_window=actor.window_number,
                reply_by=due,
                closed_at=now if closes else None,
                resolution=resolution,
            )
            s.add(row)
            s.flush()
            audit(
                s,
                self.ctx,
                actor,
                "inquiry_log",
                "inquiry",
                row.id,
                number=row.number,
                outcome=data.outcome.value,
            )
            return self._inquiry_view(s, row)

    @guarded(Permission.WORK_INQUIRIES)
    def hand_off(self, actor: Actor, number: str, to_staff_no: str, note: str) -> InquiryView:
        """Pass the work to a colleague; the first responder stays accountable."""
        if not note.strip():
            raise InvalidInput("转交时请说明转交的内容和原因")
        with self.ctx.db.write() as s:
            row = self._inquiry(s, number)
            self._may_work_on(actor, row)
            colleague = s.scalar(select(m.Staff).where(m.Staff.staff_no == to_staff_no.strip()))
            if colleague is None or not colleague.active:
                raise NotFound(f"工号 {to_staff_no} 不存在")
            row.handler_id = colleague.id
            s.add(
                m.InquiryEvent(
                    inquiry_id=row.id,
                    at=self.ctx.now(),
                    staff_id=actor.staff_id,
                    kind="handoff",
                    text=f"转交 {colleague.name}（{colleague.staff_no}）：{note.strip()}",
                )
            )
            audit(s, self.ctx, actor, "inquiry_handoff", "inquiry", row.id, to=colleague.staff_no)
            return self._inquiry_view(s, row)

    @guarded(Permission.WORK_INQUIRIES)
    def add_note(self, actor: Actor, number: str, text: str) -> InquiryView:
        if not text.strip():
            raise InvalidInput("跟进记录不能为空")
        with self.ctx.db.write() as s:
            row = self._inquiry(s, number)
            self._may_work_on(actor, row)
            s.add(
                m.InquiryEvent(
                    inquiry_id=row.id,
                    at=self.ctx.now(),
                    staff_id=actor.staff_id,
                    kind="note",
                    text=text.strip(),
                )
            )
            audit(s, self.ctx, actor, "inquiry_note", "inquiry", row.id)
            return self._inquiry_view(s, row)

    @guarded(Permission.WORK_INQUIRIES)
    def close_inquiry(
        self, actor: Actor, number: str, resolution: str, feedback: str = ""
    ) -> InquiryView:
        if not resolution.strip():
            raise InvalidInput("办结首问事项须填写处理结果")
        with self.ctx.db.write() as s:
            row = self._inquiry(s, number)
            self._may_work_on(actor, row)
            if row.closed_at is not None:
                raise NotAllowed(f"首问事项 {row.number} 已办结")
            row.closed_at, row.resolution, row.feedback = (
                self.ctx.now(),
                resolution.strip(),
                feedback.strip(),
            )
            s.add(
                m.InquiryEvent(
                    inquiry_id=row.id,
                    at=row.closed_at,
                    staff_id=actor.staff_id,
                    kind="close",
                    text=resolution.strip(),
                )
            )
            audit(s, self.ctx, actor, "inquiry_close", "inquiry", row.id)
            return self._inquiry_view(s, row)

    def staff_id(self, staff_no: str) -> int:
        with self.ctx.db.read() as s:
            found = s.scalar(select(m.Staff.id).where(m.Staff.staff_no == staff_no.strip()))
        if found is None:
            raise NotFound(f"工号 {staff_no} 不存在")
        return found

    def inquiries(
        self,
        *,
        staff_id: int | None = None,
        open_only: bool = False,
        overdue_only: bool = False,
        day_from: dt.date | None = None,
        day_to: dt.date | None = None,
        item: str = "",
        text: str = "",
    ) -> list[InquiryView]:
        """Search and filter; ``staff_id`` matches the owner or the current handler."""
        with self.ctx.db.read() as s:
            stmt = select(m.Inquiry)
            if staff_id is not None:
                stmt = stmt.where(
                    (m.Inquiry.owner_id == staff_id) | (m.Inquiry.handler_id == staff_id)
                )
            if open_only or overdue_only:
                stmt = stmt.where(m.Inquiry.closed_at.is_(None))
            if overdue_only:
                stmt = stmt.where(m.Inquiry.reply_by < self.ctx.today())
            rows = [
                r
                for r in s.scalars(stmt.order_by(m.Inquiry.id.desc()).limit(2000))
                if (day_from is None or self.ctx.local(r.created_at).date() >= day_from)
                and (day_to is None or self.ctx.local(r.created_at).date() <= day_to)
                and (not item or item in r.item_name or item == r.item_code)
                and (not text or text in r.question or text in r.number or text in r.item_name)
            ]
            return [self._inquiry_view(s, r) for r in rows]

    @guarded(Permission.EXPORT_DATA)
    def export_inquiries(self, actor: Actor, rows: Sequence[InquiryView]) -> str:
        """CSV of the inquiries shown (names and phones masked, free text scrubbed)."""
        header = [
            "编号",
            "时间",
            "渠道",
            "来访人",
            "电话",
            "事项",
            "咨询内容",
            "处理方式",
            "首问责任人",
            "当前经办人",
            "答复期限",
            "办结时间",
            "处理结果",
            "超期",
        ]
        body = [
            [
                r.number,
                self.ctx.local(r.created_at).strftime("%Y-%m-%d %H:%M"),
                r.channel,
                r.visitor,
                r.phone,
                r.item_name,
                r.question,
                r.outcome.label,
                r.owner,
                r.handler,
                r.reply_by.isoformat(),
                self.ctx.local(r.closed_at).strftime("%Y-%m-%d %H:%M") if r.closed_at else "",
                r.resolution,
                "是" if r.overdue else "",
            ]
            for r in rows
        ]
        return export_csv(self.ctx, actor, "inquiries", [(header, body)])

    @guarded(Permission.EXPORT_DATA)
    def export_report(self, actor: Actor, tables: Sequence[Table]) -> str:
        """CSV of the satisfaction report and the follow-ups as the screen shows them."""
        return export_csv(self.ctx, actor, "followups_report", tables)

    def _may_work_on(self, actor: Actor, row: m.Inquiry) -> None:
        if actor.staff_id not in (row.owner_id, row.handler_id) and not actor.may(
            Permission.MANAGE_FOLLOWUPS
        ):
            raise Denied(
                "只有首问责任人、当前经办人或值班长可以处理该首问事项", Permission.MANAGE_FOLLOWUPS
            )

    @staticmethod
    def _inquiry(s: Session, number: str) -> m.Inquiry:
        row = s.scalar(
            select(m.Inquiry).where(m.Inquiry.number == number.strip().upper()).with_for_update()
        )
        if row is None:
            raise NotFound(f"没有编号为 {number} 的首问登记")
        return row

    def _inquiry_view(self, s: Session, r: m.Inquiry) -> InquiryView:
        names = {
            i: n
            for i, n in s.execute(
                select(m.Staff.id, m.Staff.name).where(m.Staff.id.in_([r.owner_id, r.handler_id]))
            )
        }
        events = tuple(
            f"{self.ctx.local(e.at):%m-%d %H:%M} {scrub(e.text)}"
            for e in s.scalars(
                select(m.InquiryEvent)
                .where(m.InquiryEvent.inquiry_id == r.id)
                .order_by(m.InquiryEvent.id)
            )
        )
        return InquiryView(
            number=r.number,
            created_at=r.created_at,
            channel=r.channel,
            visitor=mask_name(r.visitor_name),
            phone=mask_phone(r.visitor_phone),
            question=scrub(r.question),
            item_name=r.item_name,
            outcome=Outcome(r.outcome),
            owner=names.get(r.owner_id, ""),
            handler=names.get(r.handler_id, ""),
            reply_by=r.reply_by,
            closed_at=r.closed_at,
            resolution=scrub(r.resolution),
            overdue=r.closed_at is None and r.reply_by < self.ctx.today(),
            events=events,
        )
