"""The audit trail holds no full ID or mobile number: ``audit()`` scrubs every detail value
(the ban-lift reason was stored verbatim)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from hall_app.domain.masking import scrub_detail
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login
from tests.leak_grep import id_number, leaks

CITIZEN_ID = id_number("500231", "19900307", "771")


def test_the_ban_lift_reason_is_audited_scrubbed(hall: Hall) -> None:
    supervisor = login(hall, "3001")
    reason = f"市民{CITIZEN_ID}（电话 13812345678）家中有急事，值班长同意"
    hall.appointments.lift_ban(supervisor, CITIZEN_ID, reason)
    with hall.ctx.db.read() as s:
        entry = s.scalar(select(m.AuditEntry).where(m.AuditEntry.action == "ban_lift"))
    assert entry is not None and not leaks(entry.detail), entry.detail
    detail = json.loads(entry.detail)
    assert (
        detail["reason"]
        == "市民500231********771" + CITIZEN_ID[-1] + "（电话 138****5678）家中有急事，值班长同意"
    )
    assert detail["id"] == "500231********771" + CITIZEN_ID[-1]


def test_scrub_detail_reaches_nested_values_and_numbers_and_keeps_the_rest() -> None:
    day = dt.date(2026, 11, 25)
    detail = {
        "reason": "电话13812345678",
        "phones": [13912345678, "023-74681234"],
        "inner": {"id": CITIZEN_ID},
        "count": 3,
        "day": day,
        "flag": True,
        "none": None,
        "case": "BZ-500231-20261125-0001",
    }
    assert scrub_detail(detail) == {
        "reason": "电话138****5678",
        "phones": ["139****5678", "023-74681234"],
        "inner": {"id": CITIZEN_ID[:6] + "********" + CITIZEN_ID[-4:]},
        "count": 3,
        "day": day,
        "flag": True,
        "none": None,
        "case": "BZ-500231-20261125-0001",
    }
