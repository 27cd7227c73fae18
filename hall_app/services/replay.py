"""Writing a record made without the server into the database: the shared step of the
offline journal's reconciliation and of back-entry from paper (补录).

Each function works in the caller's transaction and keeps the record's original times, so
deadlines count from when the citizen was really served. A record that cannot be merged
without a person's judgement raises :class:`Conflict`; the caller keeps it for review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import NotAllowed
from hall_app.domain.fallback import TICKET
from hall_app.domain.ticket_states import RECORDED, Action, TicketFacts, run
from hall_app.domain.tickets import Priority, TicketState
from hall_app.printing.documents import CORRECTION
from hall_app.services.doc_common import open_notices
from hall_app.store import models as m


class Conflict(Exception):
    """The record clashes with what the server already holds; a person decides."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Applied:
    entity: str
    entity_id: int | None
    note: str = ""


def when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def staff_id(s: Session, staff_no: str) -> int | None:
    return s.scalar(select(m.Staff.id).where(m.Staff.staff_no == staff_no)) if staff_no else None


def _ticket(s: Session, day: str, number: str) -> m.Ticket | None:
    return s.scalar(
        select(m.Ticket)
        .where(
            m.Ticket.service_date == dt.date.fromisoformat(day), m.Ticket.number == number.upper()
        )
        .with_for_update()
    )


def _window_id(s: Session, number: int | None) -> int | None:
    return s.scalar(select(m.Window.id).where(m.Window.number == number)) if number else None


def _code_id(s: Session, model: Any, code: str | None) -> int | None:
    return s.scalar(select(model.id).where(model.code == code)) if code else None


def ticket_issue(s: Session, p: dict[str, Any], terminal: str, staff: int | None) -> Applied:
    existing = _ticket(s, p["day"], p["number"])
    if existing is not None and not _provisional(s, existing):
        raise Conflict(f"号票 {p['number']} 在服务器上已存在（同一号码被用了两次），请核对")
    lane = s.scalar(select(m.Category).where(m.Category.code == p["category_code"]))
    if lane is None:
        raise Conflict(f"业务类别 {p['category_code']} 在服务器上不存在")
    service = s.scalar(select(m.Category).where(m.Category.code == p.get("service_category_code")))
    issued = when(p["issued_at"])
    assert issued is not None
    if existing is not None and _before(existing.called_at or existing.finished_at, issued):
        raise Conflict(
            f"号票 {p['number']} 发出前已有窗口按此号办理过（同一号码被用了两次，"
            "或窗口登记的号码有误），请核对"
        )
    ticket = existing or m.Ticket(
        service_date=dt.date.fromisoformat(p["day"]),
        number=p["number"],
        state=TicketState.WAITING.value,
    )
    # another desk served it first and merged before this terminal: the issue completes the
    # ticket that desk created (what the issuer knew wins), its state stays as served
    ticket.prefix, ticket.sequence = p["number"][0], int(p["sequence"])
    ticket.category_id = lane.id
    ticket.service_category_id = service.id if service else lane.id
    ticket.item_id = _code_id(s, m.ServiceItem, p.get("item_code"))
    ticket.bundle_id = _code_id(s, m.Bundle, p.get("bundle_code"))
    ticket.priority = int(p.get("priority", Priority.NORMAL))
    ticket.green_reason, ticket.green_note = p.get("green_reason"), p.get("green_note", "")
    ticket.issued_at = ticket.queued_at = issued
    ticket.issued_by, ticket.terminal = staff, terminal
    if existing is None:
        s.add(ticket)
    s.flush()
    return Applied("ticket", ticket.id, "补全" if existing is not None else "")


# how far the clocks of two terminals (and a paper register's minutes) may differ
CLOCK_SLACK = dt.timedelta(minutes=10)


def _before(moment: dt.datetime | None, issued: dt.datetime | None) -> bool:
    """A move made before the ticket was issued: it was another ticket of that number."""
    return moment is not None and issued is not None and moment < issued - CLOCK_SLACK


def _provisional(s: Session, ticket: m.Ticket) -> bool:
    """Created by another desk that served it offline (``ticket_adopt``), and not yet
    completed by the record of its issue."""

    def merged(kind: str) -> bool:
        return (
            s.scalar(
                select(m.FallbackRecord.id)
                .where(
                    m.FallbackRecord.kind == kind,
                    m.FallbackRecord.entity == "ticket",
                    m.FallbackRecord.entity_id == ticket.id,
                    m.FallbackRecord.outcome.in_(("merged", "resolved")),
                )
                .limit(1)
            )
            is not None
        )

    return merged("ticket_adopt") and not merged("ticket_issue")


def ticket_adopt(s: Session, p: dict[str, Any], terminal: str) -> Applied:
    """A ticket a desk took in offline (a citizen held it: another desk's S-ticket, a paper
    kit ticket, a server ticket issued after the desk's last snapshot). Already on the
    server: nothing to do. Not yet: created from what the desk knew, so that its moves
    merge now; the record of its issue, whenever it comes, completes it (``ticket_issue``)."""
    ticket = _ticket(s, p["day"], p["number"])
    if ticket is not None:
        return Applied("ticket", ticket.id, "已在服务器上")
    if not _may_exist_offline(s, p):
        # created here, it would take a number the server hands out later (a lane's next
        # ticket, or an S-number of a block reserved afterwards): a person checks the slip
        raise Conflict(
            f"号票 {p['number']} 服务器未发出，也不在任何离线号段内：请核对市民手中的号票"
        )
    lane = s.scalar(select(m.Category).where(m.Category.code == p["category_code"]))
    if lane is None:
        raise Conflict(f"业务类别 {p['category_code']} 在服务器上不存在")
    at = when(p["issued_at"])
    ticket = m.Ticket(
        service_date=dt.date.fromisoformat(p["day"]),
        number=p["number"],
        prefix=p["number"][0],
        sequence=int(p["sequence"]),
        category_id=lane.id,
        service_category_id=lane.id,
        priority=int(p.get("priority", Priority.NORMAL)),
        state=TicketState.WAITING.value,
        issued_at=at,
        queued_at=at,
        terminal=terminal,
    )
    s.add(ticket)
    s.flush()
    return Applied("ticket", ticket.id, "由办理终端创建")


def _may_exist_offline(s: Session, p: dict[str, Any]) -> bool:
    """A number only an offline desk or the paper kit can have issued: a kit number
    (S07-015), or an S-number of a block reserved on the server for that day."""
    if p.get("kit") is not None:
        return True  # the kit's numbers come from no counter
    if not str(p["number"]).upper().startswith(TICKET):
        return False  # a lane's number: the server issued it, or nobody did
    sequence = int(p["sequence"])
    return (
        s.scalar(
            select(m.NumberBlock.id)
            .where(
                m.NumberBlock.kind == TICKET,
                m.NumberBlock.service_date == dt.date.fromisoformat(p["day"]),
                m.NumberBlock.first <= sequence,
                m.NumberBlock.last >= sequence,
            )
            .limit(1)
        )
        is not None
    )


# each record is a path through the one state machine (domain.ticket_states); a finish
# recorded while the ticket was only called passes through ``start``
_MOVES: dict[str, tuple[tuple[Action, ...], str]] = {
    "ticket_call": ((Action.CALL,), "called_at"),
    "ticket_finish": ((Action.FINISH,), "finished_at"),
    "ticket_no_show": ((Action.NO_SHOW,), "finished_at"),
}
MOVE_KINDS = tuple(_MOVES)


def ticket_move(s: Session, kind: str, p: dict[str, Any], staff: int | None) -> Applied:
    """Call, finish or no-show, as it happened offline; the server's ticket must still be in
    the state the terminal last saw, or a person decides."""
    ticket = _ticket(s, p["day"], p["number"])
    if ticket is None:
        raise Conflict(f"服务器上没有号票 {p['number']}")
    actions, column = _MOVES[kind]
    window = _window_id(s, p.get("window"))
    state = TicketState(ticket.state)
    if kind == "ticket_finish" and state is TicketState.CALLED:
        actions = (Action.START, *actions)
    at = when(p["at"])
    if _before(at, ticket.issued_at):
        raise Conflict(
            f"号票 {ticket.number} 在服务器上的发出时间晚于离线时的操作（可能是同号的另一张号票，"
            "或窗口登记的号码有误），离线时的操作未合并，请核对"
        )
    facts = TicketFacts(
        ticket.number,
        state,
        call_count=max(1, ticket.call_count),
        requeue_count=ticket.requeue_count,
    )
    try:
        target = run(facts, actions, RECORDED, now=at)
    except NotAllowed:
        target = None
    if target is None or (kind != "ticket_call" and window and ticket.window_id != window):
        raise Conflict(
            f"号票 {ticket.number} 在服务器上已是「{state.label}」"
            + (f"（{_window_number(s, ticket.window_id)}号窗口）" if ticket.window_id else "")
            + "，离线时的操作未合并，请核对"
        )
    ticket.state = target.value
    setattr(ticket, column, at)
    if kind == "ticket_call":
        ticket.window_id, ticket.served_by = window, staff
        ticket.call_count += 1
    elif target is TicketState.NO_SHOW:
        ticket.no_show_at = at
    elif target is TicketState.FINISHED and ticket.started_at is None:
        ticket.started_at = when(p.get("started_at")) or ticket.called_at
    return Applied("ticket", ticket.id)


def _window_number(s: Session, window_id: int | None) -> int | None:
    return s.scalar(select(m.Window.number).where(m.Window.id == window_id))


def rating(s: Session, p: dict[str, Any]) -> tuple[Applied, m.Ticket, m.Rating]:
    ticket = _ticket(s, p["day"], p["number"])
    if ticket is None:
        raise Conflict(f"服务器上没有号票 {p['number']}，评价未合并")
    if s.scalar(select(m.Rating.id).where(m.Rating.ticket_id == ticket.id)):
        raise Conflict(f"号票 {ticket.number} 在服务器上已有评价，离线评价未合并")
    item = s.get(m.ServiceItem, ticket.item_id) if ticket.item_id else None
    row = m.Rating(
        ticket_id=ticket.id,
        at=when(p["at"]),
        level=None if p.get("level") is None else int(p["level"]),
        comment=str(p.get("comment", ""))[:1000],
        entered_by_staff=bool(p.get("pad")),
        staff_id=ticket.served_by,
        window_number=_window_number(s, ticket.window_id),
        category_id=ticket.service_category_id,
        item_name=item.name if item else "",
    )
    s.add(row)
    s.flush()
    return Applied("rating", row.id), ticket, row


def inquiry(s: Session, p: dict[str, Any], staff: int) -> Applied:
    if s.scalar(select(m.Inquiry.id).where(m.Inquiry.number == p["number"])):
        raise Conflict(f"首问登记编号 {p['number']} 在服务器上已存在")
    at = when(p["at"])
    row = m.Inquiry(
        number=p["number"],
        created_at=at,
        channel=p.get("channel", "现场"),
        visitor_name=p.get("visitor_name", "")[:64],
        visitor_phone=p.get("visitor_phone", ""),
        question=p["question"],
        item_code=p.get("item_code", ""),
        item_name=p.get("item_name", ""),
        outcome=p["outcome"],
        guided_window=p.get("guided_window"),
        ticket_number=p.get("ticket_number", ""),
        department=p.get("department", ""),
        contact=p.get("contact", ""),
        contact_phone=p.get("contact_phone", ""),
        owner_id=staff,
        handler_id=staff,
        owner_window=p.get("window"),
        reply_by=dt.date.fromisoformat(p["reply_by"]),
        closed_at=at if p.get("closed") else None,
        resolution=p.get("resolution", ""),
    )
    s.add(row)
    s.flush()
    return Applied("inquiry", row.id)


def _subject(s: Session, p: dict[str, Any]) -> dict[str, Any]:
    is_item = p.get("subject_kind", "item") == "item"
    row_id = _code_id(s, m.ServiceItem if is_item else m.Bundle, p["subject_code"])
    return {
        "item_id": row_id if is_item else None,
        "bundle_id": None if is_item else row_id,
        "subject_name": p["subject_name"],
        "subject_code": p["subject_code"],
        "department": p.get("department", "")[:100],
    }


def _applicant(p: dict[str, Any]) -> dict[str, str]:
    a = p["applicant"]
    return {
        "applicant_name": a["name"],
        "id_type": a.get("id_type", "居民身份证"),
        "id_number": a.get("id_number", ""),
        "phone": a.get("phone", ""),
    }


def _lines(s: Session, lines: list[dict[str, Any]], **owner: int) -> None:
    for position, line in enumerate(lines):
        s.add(
            m.DocumentMaterial(
                position=position,
                status=line["status"],
                name=line["name"],
                form=line["form"],
                copies=int(line["copies"]),
                standard=line.get("standard", ""),
                situation=line.get("situation", ""),
                source=line.get("source", ""),
                problem=line.get("problem", ""),
                note=line.get("note", ""),
                **owner,
            )
        )


def _ticket_id(s: Session, p: dict[str, Any], day: dt.date) -> int | None:
    number = p.get("ticket_number")
    if not number:
        return None
    return s.scalar(
        select(m.Ticket.id).where(m.Ticket.number == number.upper(), m.Ticket.service_date == day)
    )


OFFLINE_FURTHER = "故障应急期间离线出具，本申请已有未办结的告知单：已与首次告知单关联，请值班长复核"


def notice(s: Session, p: dict[str, Any], staff: int) -> Applied:
    if s.scalar(select(m.Notice.id).where(m.Notice.serial == p["serial"])):
        raise Conflict(f"告知单编号 {p['serial']} 在服务器上已存在")
    at = when(p["at"])
    assert at is not None
    refusal = p.get("refusal") or ("", "", "")
    row = m.Notice(
        serial=p["serial"],
        kind=p["kind"],
        received_at=at,
        issued_at=at,
        staff_id=staff,
        window_number=p.get("window"),
        legal_basis=p.get("legal_basis", ""),
        ticket_id=_ticket_id(s, p, dt.date.fromisoformat(p["day"])),
        refusal_reason=refusal[0],
        refusal_subitem=refusal[1],
        right_office=refusal[2],
        **_subject(s, p),
        **_applicant(p),
    )
    if row.kind == CORRECTION:
        # the paper was handed over already: a notice written while the application had an
        # open one on the server is kept, linked to the first, for the supervisor to review
        earlier = open_notices(s, row.id_number, row.applicant_name, row.subject_code)
        if earlier:
            row.first_notice_id = earlier[0].id
            row.further_reason = OFFLINE_FURTHER
    s.add(row)
    s.flush()
    _lines(s, p["lines"], notice_id=row.id)
    return Applied("notice", row.id)


def case(s: Session, p: dict[str, Any], staff: int) -> Applied:
    if s.scalar(select(m.ServiceCase.id).where(m.ServiceCase.case_no == p["case_no"])):
        raise Conflict(f"办件编号 {p['case_no']} 在服务器上已存在")
    at = when(p["at"])
    row = m.ServiceCase(
        case_no=p["case_no"],
        accepted_at=at,
        accepted_on=dt.date.fromisoformat(p["accepted_on"]),
        limit_days=int(p["limit_days"]),
        staff_id=staff,
        window_number=p.get("window"),
        ticket_id=_ticket_id(s, p, dt.date.fromisoformat(p["day"])),
        commitment_signed=bool(p.get("commitment_signed", False)),
        **_subject(s, p),
        **_applicant(p),
    )
    item = s.get(m.ServiceItem, row.item_id) if row.item_id else None
    if item is not None:  # the legal limit beside the promised one, as online acceptance keeps
        row.item_type, row.limit_unit = item.type[:16], item.promised_limit_unit
        row.legal_limit_days, row.legal_limit_unit = item.legal_limit_days, item.legal_limit_unit
    s.add(row)
    s.flush()
    for earlier in open_notices(s, row.id_number, row.applicant_name, row.subject_code):
        earlier.closed_at, earlier.case_id = at, row.id  # the application was accepted
    _lines(s, p["lines"], case_id=row.id)
    return Applied("case", row.id)
