"""Issue 13 at the offline desk and in the reconciliation, on SQLite and PostgreSQL: an offline
notice cites the item's own correction rule, as online; a paper notice written while the
application had an open notice on the server is kept (linked to the first, for review) instead
of failing the merge; an offline acceptance closes the application's open notice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hall_app.domain import legal
from hall_app.domain.materials import Check, Mark
from hall_app.services.context import Actor
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.actors import case_reader
from tests.conftest import login

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 (行政许可)
APPLICANT = Applicant("王芳", "居民身份证", "11010519491231002X", "13800138000")


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1005", 5)


def _checks(plan, missing: int | None = None) -> list[Check]:  # type: ignore[no-untyped-def]
    return [
        Check(r, Mark.MISSING if i == missing else Mark.RECEIVED, applies=True)
        for i, r in enumerate(plan.requirements)
    ]


def _non_licence(hall: Hall) -> str:
    with hall.ctx.db.read() as s:
        return (
            s.scalars(
                select(m.ServiceItem.code).where(
                    m.ServiceItem.type == "行政给付", m.ServiceItem.correction_basis == ""
                )
            ).first()
            or s.scalars(select(m.ServiceItem.code).where(m.ServiceItem.type == "行政给付")).first()
        )


def test_an_offline_notice_cites_the_items_own_correction_rule(hall: Hall, clerk: Actor) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    desk = hall.desk
    desk.enter(clerk, "服务器无响应")
    licence = desk.snapshot.plan(FOOD)
    data = desk.issue_notice(clerk, licence, APPLICANT, _checks(licence, missing=0))
    assert data.correction_basis == hall.documents.plan(item_code=FOOD).items[0].correction_basis
    assert "第三十二条" in data.correction_basis and data.correction_terms
    other = desk.snapshot.plan(_non_licence(hall))
    data = desk.issue_notice(clerk, other, APPLICANT, _checks(other, missing=0))
    assert not legal.cites_art32(data.correction_basis) and data.correction_basis


def test_a_paper_notice_for_an_open_application_is_kept_and_linked(
    hall: Hall, clerk: Actor
) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    plan = hall.documents.plan(item_code=FOOD)
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, _checks(plan, missing=0))
    desk = hall.desk
    desk.enter(clerk, "服务器无响应")
    offline_plan = desk.snapshot.plan(FOOD)
    paper = desk.issue_notice(clerk, offline_plan, APPLICANT, _checks(offline_plan, missing=0))
    desk.leave(clerk)
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.complete and not report.conflicts
    with hall.ctx.db.read() as s:
        row = s.scalar(select(m.Notice).where(m.Notice.serial == paper.serial))
        first_id = s.scalar(select(m.Notice.id).where(m.Notice.serial == first.serial))
        assert row is not None and row.first_notice_id == first_id
        assert "离线" in row.further_reason and row.closed_at is None
    # the application still has its one first notice open, found by the ID number
    assert next(n.serial for n in hall.documents.find_open_notices(APPLICANT.id_number)) == (
        first.serial
    )


def test_an_offline_acceptance_closes_the_open_notice_and_keeps_both_limits(
    hall: Hall, clerk: Actor
) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    plan = hall.documents.plan(item_code=FOOD)
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, _checks(plan, missing=0))
    desk = hall.desk
    desk.enter(clerk, "服务器无响应")
    offline_plan = desk.snapshot.plan(FOOD)
    case_no = desk.accept(clerk, offline_plan, APPLICANT, _checks(offline_plan)).case_no
    desk.leave(clerk)
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.complete and not report.conflicts
    assert hall.documents.find_open_notices(APPLICANT.id_number) == []
    assert hall.documents.find_notice(first.serial).case_no == case_no
    view = next(c for c in hall.documents.cases(case_reader(hall)) if c.case_no == case_no)
    assert view.notices == 1
    item = plan.items[0]
    with hall.ctx.db.read() as s:
        case = s.scalar(select(m.ServiceCase).where(m.ServiceCase.case_no == case_no))
        assert case is not None
        assert (case.item_type, case.legal_limit_days) == (item.type, item.legal_days)


def test_the_paper_kit_slips_and_the_offline_plan_keep_the_catalog_facts(
    hall: Hall, clerk: Actor
) -> None:
    """The kit's blank slips cite each item's correction rule (a blank line only when the
    catalog gives none); the offline plan keeps 获取途径 and the 容缺 days."""
    supervisor = login(hall, "3001")
    incident = hall.fallback.declare(supervisor, "网络中断")
    kit = hall.fallback.kit(supervisor, incident.number)
    with hall.ctx.db.read() as s:
        types = dict(s.execute(select(m.ServiceItem.code, m.ServiceItem.type)).all())
    for slip in kit.slips:
        assert slip.correction_basis
        assert legal.cites_art32(slip.correction_basis) == (types[slip.item_code] == "行政许可")
    hall.fallback.prepare(clerk, hall.journal)
    online = hall.documents.plan(item_code=FOOD).requirements
    offline = hall.desk.snapshot.plan(FOOD).requirements
    assert [(r.obtain_from, r.defer_days) for r in offline] == [
        (r.obtain_from, r.defer_days) for r in online
    ]
    assert any(r.defer_days for r in offline)
