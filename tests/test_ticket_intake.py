"""Reception's situation answers go with the ticket (issue 18 §3): stored canonically,
refused for another subject or a lane ticket, read back with the ticket, and the clerk's
material check of that ticket starts from them (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.domain.intake import answers_of, carried_for, encode_answers
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.services.ticket_views import load_view
from tests.conftest import login

CATERING = Path(__file__).parent / "data" / "catalog_v2_catering.yaml"
TOBACCO = "烟草专卖零售许可证申请表"


def test_carried_for_and_answers_of() -> None:
    text = encode_answers("YJS05", {"tobacco": "yes", "premises": "no"})
    assert carried_for("", "YJS05") == ""
    assert carried_for(text, "YJS05") == text
    with pytest.raises(InvalidInput, match="情形答案属于「YJS05」，与取号事项「YJS01」不一致"):
        carried_for(text, "YJS01")
    with pytest.raises(InvalidInput):
        carried_for("{not json", "YJS05")
    assert answers_of(text) == {"premises": "no", "tobacco": "yes"}
    assert answers_of("") == {} and answers_of("{broken") == {}


def test_the_ticket_keeps_the_answers_and_the_check_starts_from_them(hall: Hall) -> None:
    hall.catalog.import_file(bootstrap_actor(), CATERING)
    reception = login(hall, "2001")
    answers = {"tobacco": "yes", "premises": "no"}
    issued = hall.tickets.issue(
        reception, bundle_code="YJS05", intake_answers=encode_answers("YJS05", answers)
    )
    assert dict(issued.ticket.intake_answers) == answers
    with hall.db.read() as s:
        assert dict(load_view(s, issued.ticket.id).intake_answers) == answers
    plan = hall.documents.plan(bundle_code="YJS05", answers=dict(issued.ticket.intake_answers))
    assert any(r.name.startswith(TOBACCO) for r in plan.requirements)
    without = hall.documents.plan(bundle_code="YJS05", answers={"tobacco": "no", "premises": "no"})
    assert not any(r.name.startswith(TOBACCO) for r in without.requirements)
    plain = hall.tickets.issue(reception, bundle_code="YJS05")
    assert plain.ticket.intake_answers == ()


def test_answers_for_another_subject_or_a_lane_are_refused(hall: Hall) -> None:
    hall.catalog.import_file(bootstrap_actor(), CATERING)
    reception = login(hall, "2001")
    text = encode_answers("YJS05", {"tobacco": "yes"})
    with pytest.raises(InvalidInput, match="不一致"):
        hall.tickets.issue(reception, bundle_code="YJS01", intake_answers=text)
    with pytest.raises(InvalidInput, match="按业务类别取号时不能携带情形答案"):
        hall.tickets.issue(reception, category_code="A", intake_answers=text)
