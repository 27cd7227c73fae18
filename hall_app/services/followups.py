"""首问负责, 好差评 and 办不成事: logs that nobody can quietly drop.

Each public method is one transaction with one audit entry. Deadlines are working days
(the hall's calendar); defaults come from the hall settings. Inquiries are in
``inquiries`` and the views in ``followup_base``; everything is importable from here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.followups import (
    BAD_RATING,
    CHANNELS,
    RATING_LEVELS,
    UNRATED,
    FollowAction,
    FollowFacts,
    FollowState,
    follow_step,
)
from hall_app.domain.masking import mask_name, normalize_phone, scrub
from hall_app.domain.roles import Permission
from hall_app.services.calendar import CalendarService
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.followup_base import (  # noqa: F401  (re-exported)
    COMPLEXITY_DAYS,
    COMPLEXITY_LABELS,
    FollowUpView,
    InquiryView,
    SatisfactionRow,
)
from hall_app.services.guard import guarded
from hall_app.services.inquiries import InquiryMixin
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.changes import announce_change


class FollowUpService(InquiryMixin):
    def __init__(self, ctx: ServiceContext, calendar: CalendarService) -> None:
        self.ctx = ctx
        self.calendar = calendar

    # ------------------------------------------------------------ ratings

    @guarded(Permission.SERVE_AT_WINDOW)
    def rate(
        self,
        actor: Actor,
        ticket_number: str,
        level: int | None,
        comment: str = "",
        *,
        entered_by_staff: bool = False,
    ) -> FollowUpView | None:
        """One rating per served ticket; a bad one opens a follow-up for the supervisor.
        ``level`` None records the service as 未评价 (the citizen declined)."""
        if level is not None and level not in RATING_LEVELS:
            raise InvalidInput("评价等级应为 1–5")
        with self.ctx.db.write() as s:
            ticket = s.scalar(
                select(m.Ticket).where(
                    m.Ticket.number == ticket_number.upper(),
                    m.Ticket.service_date == self.ctx.today(),
                )
            )
            if ticket is None:
                raise NotFound(f"今天没有号票 {ticket_number}")
            if ticket.state != "finished":
                raise NotAllowed("只能对已办结的号票评价")
            if s.scalar(select(m.Rating.id).where(m.Rating.ticket_id == ticket.id)):
                raise NotAllowed(f"号票 {ticket.number} 已评价过，一次服务只能评价一次")
            window = s.get(m.Window, ticket.window_id) if ticket.window_id else None
            item = s.get(m.ServiceItem, ticket.item_id) if ticket.item_id else None
            rating = m.Rating(
                ticket_id=ticket.id,
                at=self.ctx.now(),
                level=level,
                comment=comment.strip()[:1000],
                entered_by_staff=entered_by_staff,
                staff_id=ticket.served_by,
                window_number=window.number if window else None,
                category_id=ticket.service_category_id,
                item_name=item.name if item else "",
            )
            s.add(rating)
            s.flush()
            audit(
                s,
                self.ctx,
                actor,
                "rating",
                "rating",
                rating.id,
                level=level if level is not None else UNRATED,
                pad=entered_by_staff,
            )
            row = self.follow_bad_rating(s, actor, rating, ticket.number)
            if row is None:
                return None
            view = self._follow_view(s, row)
            announce_change(s, "followups")  # supervisors' 整改回访 tab shows it at their next poll
            return view

    def follow_bad_rating(
        self, s: Session, actor: Actor, rating: m.Rating, ticket_number: str
    ) -> m.FollowUp | None:
        """A bad rating opens a follow-up, in the caller's transaction (also for a rating
        made offline and merged later)."""
        if rating.level is None or rating.level > BAD_RATING:
            return None  # 未评价 or not bad
        comment = rating.comment.strip()
        summary = (
            f"{RATING_LEVELS[rating.level]}：{ticket_number}"
            + (f"（{rating.window_number}号窗口）" if rating.window_number else "")
            + (f" {comment}" if comment else "")
        )
        return self._new_followup(
            s,
            actor,
            "rating",
            summary,
            rating_id=rating.id,
            due_days=load_settings(s).followup_rectify_days,
        )

    @guarded(Permission.WORK_INQUIRIES)
    def report_cannot_do(
        self,
        actor: Actor,
        what: str,
        why: str,
        complexity: str,
        citizen_name: str = "",
        citizen_phone: str = "",
        assign_to: str = "",
    ) -> FollowUpView:
        """办不成事: what the citizen could not get done, and why."""
        if not what.strip() or not why.strip():
            raise InvalidInput("请填写未办成的事项和原因")
        if complexity not in COMPLEXITY_DAYS:
            raise InvalidInput("请选择问题类型：简单 / 一般 / 复杂 / 不符合条件")
        phone = normalize_phone(citizen_phone) if citizen_phone.strip() else ""
        with self.ctx.db.write() as s:
            assignee = None
            if assign_to.strip():
                assignee = s.scalar(select(m.Staff.id).where(m.Staff.staff_no == assign_to.strip()))
                if assignee is None:
                    raise NotFound(f"工号 {assign_to} 不存在")
            row = self._new_followup(
                s,
                actor,
                "cannot_do",
                what.strip(),
                reason=why.strip(),
                due_days=COMPLEXITY_DAYS[complexity],
                complexity=complexity,
                citizen_name=citizen_name.strip(),
                citizen_phone=phone,
                assigned_to=assignee,
            )
            return self._follow_view(s, row)

    def _new_followup(
        self, s: Session, actor: Actor, kind: str, summary: str, *, due_days: int, **extra: object
    ) -> m.FollowUp:
        verify = self._add(load_settings(s).followup_verify_days)
        due = self._add(due_days) if due_days else self.ctx.today()
        row = m.FollowUp(
            number=self._number(s, "ZG"),
            kind=kind,
            created_at=self.ctx.now(),
            created_on=self.ctx.today(),
            summary=summary,
            verify_due=min(verify, due) if due_days else self.ctx.today(),
            due=due,
            **extra,
        )
        s.add(row)
        s.flush()
        s.add(
            m.FollowUpEvent(
                followup_id=row.id,
                at=row.created_at,
                staff_id=actor.staff_id,
                action="open",
                text=summary,
            )
        )
        audit(s, self.ctx, actor, f"followup_{kind}", "followup", row.id, number=row.number)
        return row

    # ------------------------------------------------------------ follow-ups

    def followups(self, *, open_only: bool = True) -> list[FollowUpView]:
        with self.ctx.db.read() as s:
            stmt = select(m.FollowUp)
            if open_only:
                stmt = stmt.where(m.FollowUp.closed_at.is_(None))
            return [self._follow_view(s, r) for r in s.scalars(stmt.order_by(m.FollowUp.id))]

    @guarded(Permission.MANAGE_FOLLOWUPS)
    def record_visit(
        self, actor: Actor, number: str, on: dt.date, channel: str, response: str
    ) -> FollowUpView:
        """回访: when, how, and what the citizen said."""
        if channel not in CHANNELS:
            raise InvalidInput(f"回访方式应为 {'/'.join(CHANNELS)}")
        if not response.strip():
            raise InvalidInput("请记录群众的回访意见")
        if on > self.ctx.today():
            raise InvalidInput("回访日期不能晚于今天")
        with self.ctx.db.write() as s:
            row = self._followup(s, number)
            if FollowState(row.state).closed:
                raise NotAllowed(f"整改事项 {row.number} 已结束")
            row.visit_on, row.visit_channel, row.visit_response = on, channel, response.strip()
            s.add(
                m.FollowUpEvent(
                    followup_id=row.id,
                    at=self.ctx.now(),
                    staff_id=actor.staff_id,
                    action="visit",
                    text=f"{on} {channel}回访：{response.strip()}",
                )
            )
            audit(s, self.ctx, actor, "followup_visit", "followup", row.id)
            return self._follow_view(s, row)

    @guarded(Permission.MANAGE_FOLLOWUPS)
    def act(self, actor: Actor, number: str, action: FollowAction, note: str = "") -> FollowUpView:
        """Move a follow-up on; supervisors only (the one who requested a review cannot
        approve it)."""
        with self.ctx.db.write() as s:
            row = self._followup(s, number)
            if actor.staff_id is None:  # a follow-up is worked by people, never by a job
                raise NotAllowed("回访处理须由工作人员执行")
            target = follow_step(
                FollowFacts(
                    FollowState(row.state), row.visit_on is not None, row.review_requested_by
                ),
                action,
                actor_id=actor.staff_id,
                note=note,
            )
            if action in (FollowAction.REQUEST_INVALID, FollowAction.REQUEST_CANNOT):
                row.review_requested_by, row.review_reason = actor.staff_id, note.strip()
            elif action is FollowAction.APPROVE:
                row.approved_by = actor.staff_id
            elif action is FollowAction.REJECT:
                row.review_requested_by = None
            if action is FollowAction.CLOSE:
                row.note = note.strip()
            row.state = target.value
            if target.closed:
                row.closed_at = self.ctx.now()
            s.add(
                m.FollowUpEvent(
                    followup_id=row.id,
                    at=self.ctx.now(),
                    staff_id=actor.staff_id,
                    action=action.value,
                    text=note.strip(),
                )
            )
            audit(s, self.ctx, actor, f"followup_{action.value}", "followup", row.id)
            return self._follow_view(s, row)

    @guarded(Permission.MANAGE_FOLLOWUPS)
    def extend(self, actor: Actor, number: str, days: int, reason: str) -> FollowUpView:
        if not reason.strip() or not 1 <= days <= 30:
            raise InvalidInput("延期须写明理由，延长 1–30 个工作日")
        with self.ctx.db.write() as s:
            row = self._followup(s, number)
            if row.extended:
                raise NotAllowed("整改期限只能延长一次")
            deadline = self.calendar.calendar().add_workdays(row.due, days)
            assert deadline is not None
            row.due, row.extended = deadline.due, True
            s.add(
                m.FollowUpEvent(
                    followup_id=row.id,
                    at=self.ctx.now(),
                    staff_id=actor.staff_id,
                    action="extend",
                    text=f"延长 {days} 个工作日：{reason.strip()}",
                )
            )
            audit(s, self.ctx, actor, "followup_extend", "followup", row.id, days=days)
            return self._follow_view(s, row)

    @staticmethod
    def _followup(s: Session, number: str) -> m.FollowUp:
        row = s.scalar(
            select(m.FollowUp).where(m.FollowUp.number == number.strip().upper()).with_for_update()
        )
        if row is None:
            raise NotFound(f"没有编号为 {number} 的整改事项")
        return row

    def _follow_view(self, s: Session, r: m.FollowUp) -> FollowUpView:
        assignee = (
            s.scalar(select(m.Staff.name).where(m.Staff.id == r.assigned_to))
            if r.assigned_to
            else ""
        )
        rating = s.get(m.Rating, r.rating_id) if r.rating_id else None
        state = FollowState(r.state)
        today = self.ctx.today()
        overdue = not state.closed and (
            today > r.due
            or (state is FollowState.PENDING and r.visit_on is None and today > r.verify_due)
        )
        return FollowUpView(
            number=r.number,
            kind=r.kind,
            state=state,
            summary=scrub(r.summary),
            reason=scrub(r.reason),
            citizen=mask_name(r.citizen_name),
            created_on=r.created_on,
            verify_due=r.verify_due,
            due=r.due,
            overdue=overdue,
            assigned_to=assignee or "",
            visit=scrub(f"{r.visit_on} {r.visit_channel}：{r.visit_response}")
            if r.visit_on
            else "",
            note=scrub(r.note),
            review_reason=scrub(r.review_reason),
            level=rating.level if rating else None,
            window_number=rating.window_number if rating else None,
        )

    # ------------------------------------------------------------ reports

    def satisfaction(self, day_from: dt.date | None = None) -> list[SatisfactionRow]:
        """Per window, staff member and category: ratings given, their average level, bad
        ratings, and the services left 未评价 (counted apart, out of the average and rate)."""
        with self.ctx.db.read() as s:
            base = select(
                func.count(m.Rating.level),
                func.avg(m.Rating.level),
                func.sum(case((m.Rating.level <= BAD_RATING, 1), else_=0)),
                func.sum(case((m.Rating.level.is_(None), 1), else_=0)),
            )
            if day_from is not None:
                start = dt.datetime.combine(day_from, dt.time(), self.ctx.tz)
                base = base.where(m.Rating.at >= start)
            out = []
            groups = (
                ("窗口", m.Rating.window_number, None),
                ("工作人员", m.Staff.name, m.Staff.id == m.Rating.staff_id),
                ("业务类别", m.Category.name, m.Category.id == m.Rating.category_id),
            )
            for label, column, join in groups:
                stmt = base.add_columns(column).group_by(column).order_by(column)
                if join is not None:
                    stmt = stmt.join(column.class_, join)
                for count, avg, bad, unrated, name in s.execute(stmt):
                    shown = f"{name}号窗口" if label == "窗口" and name is not None else str(name)
                    out.append(
                        SatisfactionRow(
                            label,
                            shown,
                            int(count),
                            float(avg or 0),
                            int(bad or 0),
                            int(unrated or 0),
                        )
                    )
            return out

    def open_counts(self) -> dict[str, int]:
        inquiries = self.inquiries(open_only=True)
        follows = self.followups()
        return {
            "inquiries_open": len(inquiries),
            "inquiries_overdue": sum(i.overdue for i in inquiries),
            "rectifications_open": sum(f.kind == "rating" for f in follows),
            "rectifications_overdue": sum(f.kind == "rating" and f.overdue for f in follows),
            "cannot_do_open": sum(f.kind == "cannot_do" for f in follows),
            "cannot_do_overdue": sum(f.kind == "cannot_do" and f.overdue for f in follows),
        }
