"""How a ticket is seen by screens and commands: ``TicketView`` (one ticket with its lane,
subject and windows), ``IssuedTicket`` (what issuing returns) and the one query that reads a
view (re-exported by ``services.tickets``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from hall_app.domain.intake import answers_of
from hall_app.domain.tickets import GreenReason, Priority, TicketState
from hall_app.domain.transfer import note as transfer_note
from hall_app.store.models import Bundle, Category, ServiceItem, Ticket, Window

_lane = aliased(Category)
_served = aliased(Window)
_target = aliased(Window)
_VIEW = (
    select(
        Ticket,
        _lane.code,
        _lane.name,
        ServiceItem.code,
        ServiceItem.name,
        Bundle.code,
        Bundle.name,
        _served.number,
        _target.number,
    )
    .join(_lane, _lane.id == Ticket.category_id)
    .outerjoin(ServiceItem, ServiceItem.id == Ticket.item_id)
    .outerjoin(Bundle, Bundle.id == Ticket.bundle_id)
    .outerjoin(_served, _served.id == Ticket.window_id)
    .outerjoin(_target, _target.id == Ticket.target_window_id)
    .where(Ticket.id == bindparam("ticket_id"))
)


@dataclass(frozen=True)
class TicketView:
    """A ticket as screens, printouts and the CLI see it. Holds no personal data."""

    id: int
    number: str
    state: TicketState
    priority: Priority
    green_reason: GreenReason | None
    lane_code: str
    lane_name: str
    subject: str
    item_code: str | None
    bundle_code: str | None
    issued_at: dt.datetime
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    window_number: int | None
    target_window_number: int | None
    call_count: int
    requeue_count: int
    transfer_from: int | None = None
    transfer_reason: str = ""
    no_show_at: dt.datetime | None = None
    # reception's situation answers (业务情形) for the item or bundle: (question, answer) pairs
    intake_answers: tuple[tuple[str, str], ...] = ()
    # an overflow remedy's mark: 一件事分流… / 当前排队较长，您也可预约… ("" = none)
    remedy_note: str = ""

    @property
    def transfer_note(self) -> str:
        """``转自3号窗口：<reason>`` for the receiving window ("" when not transferred)."""
        return transfer_note(self.transfer_from, self.transfer_reason)

    def waited_seconds(self, now: dt.datetime) -> int:
        end = self.called_at or now
        return max(0, int((end - self.issued_at).total_seconds()))

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "state": self.state.value,
            "state_label": self.state.label,
            "priority": self.priority.name.lower(),
            "green_reason": self.green_reason.value if self.green_reason else None,
            "lane": self.lane_code,
            "lane_name": self.lane_name,
            "subject": self.subject,
            "item_code": self.item_code,
            "bundle_code": self.bundle_code,
            "issued_at": self.issued_at.isoformat(),
            "called_at": self.called_at.isoformat() if self.called_at else None,
            "window": self.window_number,
            "target_window": self.target_window_number,
            "call_count": self.call_count,
            "transfer_note": self.transfer_note,
            "remedy_note": self.remedy_note,
        }


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketView
    people_ahead: int
    hall_name: str
    hall_phone: str
    estimated_minutes: int | None = None
    no_window: bool = False  # no open window serves the lane: 暂无窗口办理，请咨询导服台


def load_view(s: Session, ticket_id: int) -> TicketView:
    """One ticket as the screens and commands see it (lane, subject, windows)."""
    row = s.execute(_VIEW, {"ticket_id": ticket_id}).one()
    t, lane_code, lane_name, item_code, item_name, bundle_code, bundle_name, win, tgt = row
    return TicketView(
        id=t.id,
        number=t.number,
        state=TicketState(t.state),
        priority=Priority(t.priority),
        green_reason=GreenReason(t.green_reason) if t.green_reason else None,
        lane_code=lane_code,
        lane_name=lane_name,
        subject=item_name or bundle_name or lane_name,
        item_code=item_code,
        bundle_code=bundle_code,
        issued_at=t.issued_at,
        called_at=t.called_at,
        started_at=t.started_at,
        finished_at=t.finished_at,
        window_number=win,
        target_window_number=tgt,
        call_count=t.call_count,
        requeue_count=t.requeue_count,
        transfer_from=t.transfer_from,
        transfer_reason=t.transfer_reason,
        no_show_at=t.no_show_at,
        intake_answers=tuple(sorted(answers_of(t.intake_answers).items())),
        remedy_note=t.remedy_note,
    )
