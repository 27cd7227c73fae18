"""The inquiry and follow-up lists (what the screens show) carry the free text scrubbed: a full
ID number on screen is the REVEAL_ID permission's, not any list's."""

from __future__ import annotations

import dataclasses

from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.services.hall import Hall
from tests.conftest import login
from tests.leak_grep import id_number, leaks

CITIZEN_ID = id_number("500231", "19900307", "771")


def _shown(view: object) -> str:
    return " ".join(str(v) for v in dataclasses.asdict(view).values())  # type: ignore[call-overload]


def test_inquiry_and_follow_up_views_show_free_text_scrubbed(hall: Hall) -> None:
    clerk = login(hall, "1001", 1)
    asked = hall.followups.log_inquiry(
        clerk,
        InquiryInput(
            f"身份证{CITIZEN_ID}问社保", "现场", Outcome.FOLLOW_UP, visitor_phone="13812345678"
        ),
    )
    hall.followups.add_note(clerk, asked.number, "已回电 138-1234-5678")
    hall.followups.close_inquiry(clerk, asked.number, f"凭{CITIZEN_ID}补办")
    hall.followups.report_cannot_do(
        login(hall, "3001"),
        f"市民{CITIZEN_ID}办不成",
        "电话13912345678反映",
        "ordinary",
        citizen_phone="13912345678",
    )
    (inquiry,) = hall.followups.inquiries()
    assert inquiry.question == "身份证500231********771" + CITIZEN_ID[-1] + "问社保"
    assert inquiry.resolution.startswith("凭500231********")
    (follow,) = hall.followups.followups()
    assert follow.reason == "电话139****5678反映"
    for view in (inquiry, follow):
        assert not leaks(_shown(view)), _shown(view)
