"""The one acceptance rule (domain/acceptance.py): 受理 only when nothing is to be corrected,
容缺后补 only with the signed commitment, 补正 only when something is; the same online, at
the offline desk and in the merge."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hall_app.domain.acceptance import (
    Decision,
    decide,
    require_acceptance,
    require_correction,
)
from hall_app.domain.errors import NotAllowed
from hall_app.domain.materials import Check, Mark, Requirement, evaluate
from hall_app.services.context import Actor
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login

FORM = Requirement("申请书", "原件", 1, "必要", "申请人自备")
LATER = Requirement("健康证明", "原件", 1, "容缺后补", "申请人自备", defer_days=5)


def _outcome(form: Mark, later: Mark):  # type: ignore[no-untyped-def]
    return evaluate([Check(FORM, form, applies=True), Check(LATER, later, applies=True)])


def test_the_decision_follows_the_materials_to_correct() -> None:
    assert decide(_outcome(Mark.RECEIVED, Mark.RECEIVED)) is Decision.ACCEPT
    assert decide(_outcome(Mark.RECEIVED, Mark.MISSING)) is Decision.ACCEPT  # deferred
    assert decide(_outcome(Mark.MISSING, Mark.RECEIVED)) is Decision.CORRECT


def test_acceptance_needs_complete_materials_and_the_commitment_for_deferred() -> None:
    require_acceptance(_outcome(Mark.RECEIVED, Mark.RECEIVED), commitment_signed=False)
    require_acceptance(_outcome(Mark.RECEIVED, Mark.MISSING), commitment_signed=True)
    with pytest.raises(NotAllowed, match="容缺受理（健康证明）须由申请人签署承诺书"):
        require_acceptance(_outcome(Mark.RECEIVED, Mark.MISSING), commitment_signed=False)
    with pytest.raises(NotAllowed, match="材料不齐全（申请书），不能受理"):
        require_acceptance(_outcome(Mark.MISSING, Mark.RECEIVED), commitment_signed=True)


def test_a_correction_slip_only_when_something_is_to_be_corrected() -> None:
    require_correction(_outcome(Mark.MISSING, Mark.RECEIVED))
    for later in (Mark.RECEIVED, Mark.MISSING):
        with pytest.raises(NotAllowed, match="材料齐全，无需开具补正告知单"):
            require_correction(_outcome(Mark.RECEIVED, later))


def test_the_offline_desk_needs_the_commitment_too_and_the_merge_keeps_it(hall: Hall) -> None:
    """The offline desk accepted 容缺 materials without the signed commitment (its own copy
    of the rule); now it asks, records it, and the merged case carries it."""
    clerk: Actor = login(hall, "1005", 5)
    hall.fallback.prepare(clerk, hall.journal)
    desk = hall.desk
    desk.enter(clerk, "服务器无响应")
    code = next(
        c
        for c in desk.snapshot.subjects
        if any(r.requirement == "容缺后补" for r in desk.snapshot.plan(c).requirements)
    )
    plan = desk.snapshot.plan(code)
    checks = [
        Check(r, Mark.MISSING if r.requirement == "容缺后补" else Mark.RECEIVED, applies=True)
        for r in plan.requirements
    ]
    applicant = Applicant("王芳", "居民身份证", "11010519491231002X", "13800138000")
    with pytest.raises(NotAllowed, match="承诺书"):
        desk.accept(clerk, plan, applicant, checks)
    case_no = desk.accept(clerk, plan, applicant, checks, commitment_signed=True).case_no
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.complete and not report.conflicts, report.conflicts
    with hall.db.read() as s:
        signed = s.scalar(
            select(m.ServiceCase.commitment_signed).where(m.ServiceCase.case_no == case_no)
        )
    assert signed is True
