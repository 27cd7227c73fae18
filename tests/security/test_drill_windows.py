"""Security drill (issue 16, required 6): a clerk's account reads another window's personal
data. The case list gives him his own window's applicants and only masked names of the others;
the full ID number of another window's case is refused and audited; nothing changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hall_app.domain.masking import mask_name
from hall_app.domain.roles import Denied, Role
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.actors import actor_for
from tests.conftest import login
from tests.test_permissions import APPLICANT, FOOD, _checks


def _accept(hall: Hall, staff: str, window: int, name: str) -> str:
    from dataclasses import replace

    owner = login(hall, staff, window)
    plan, checks = _checks(hall, FOOD)
    applicant = replace(APPLICANT, name=name)
    return hall.documents.accept(owner, plan, applicant, checks).case_no  # type: ignore[arg-type]


def test_a_clerk_reads_his_own_windows_applicants_only(hall: Hall) -> None:
    mine = _accept(hall, "1005", 5, "垫江县好味道餐饮有限公司")
    theirs = _accept(hall, "1023", 23, "垫江县老字号面馆")
    clerk = login(hall, "1005", 5)
    names = {c.case_no: c.applicant_name for c in hall.documents.cases(clerk)}
    assert names[mine] == "垫江县好味道餐饮有限公司"
    assert names[theirs] == mask_name("垫江县老字号面馆") != "垫江县老字号面馆"
    supervisor = actor_for(hall, Role.SUPERVISOR)
    assert {c.case_no: c.applicant_name for c in hall.documents.cases(supervisor)}[theirs] == (
        "垫江县老字号面馆"
    )
    device = actor_for(hall, Role.DEVICE)
    with pytest.raises(Denied, match="查看申请人信息"):
        hall.documents.cases(device)


def test_a_clerk_cannot_reveal_another_windows_id_number(hall: Hall) -> None:
    theirs = _accept(hall, "1023", 23, "垫江县老字号面馆")
    clerk = login(hall, "1005", 5)
    with hall.ctx.db.read() as s:
        before = s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1))
    with pytest.raises(Denied, match="查看完整证件号码"):
        hall.documents.reveal_id(clerk, theirs, "想看看这个人是谁")
    with hall.ctx.db.read() as s:
        entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.id > before)).all()
    assert [e.action for e in entries] == ["denied"]
    assert entries[0].staff_id == clerk.staff_id
    assert APPLICANT.id_number not in entries[0].detail
