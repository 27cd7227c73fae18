"""Notices, acceptance and the case clock through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter

import pytest

from hall_app.domain.cases import ClockState
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.idnumber import check_char
from hall_app.domain.materials import Check, Mark
from hall_app.domain.roles import Role
from hall_app.printing.documents import CORRECTION, REFUSAL
from hall_app.services.acceptance import AcceptanceChoices
from hall_app.services.context import Actor, FakeClock
from hall_app.services.documents import Applicant, Refusal
from hall_app.services.hall import Hall
from tests.actors import actor_for, case_reader
from tests.conftest import SHANGHAI, login, use_v1_catalog

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可: promised 3 working days
NEWBORN = "YJS01"


@pytest.fixture(autouse=True)
def _v1_catalog(request: pytest.FixtureRequest) -> None:
    """These tests pin the window's documents on a v1 catalog (the per-item material lists
    every hall had before format v2, still imported as they were); the v2 demo's resolved
    lists are tested in test_v2_window.py and test_pure_demo_catalog.py. Only for the tests
    that take the ``hall`` fixture (the others open their own and say so)."""
    if "hall" in request.fixturenames:
        use_v1_catalog(request.getfixturevalue("hall"))


APPLICANT = Applicant("垫江县好味道餐饮有限公司", "居民身份证", "11010519491231002X", "13912345678")


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


def _checks(hall: Hall, *, missing: tuple[str, ...] = (), faulty: dict[str, str] | None = None):
    plan = hall.documents.plan(item_code=FOOD)
    checks = []
    for r in plan.requirements:
        c = Check(r)
        if r.conditional:
            c.applies = False
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        if r.name in missing:
            c.mark = Mark.MISSING
        if faulty and r.name in faulty:
            c.mark, c.problem, c.note = Mark.FAULTY, "过期", faulty[r.name]
        checks.append(c)
    return plan, checks


def test_bundle_plan_merges_its_items(hall: Hall) -> None:
    plan = hall.documents.plan(bundle_code=NEWBORN)
    names = [r.name for r in plan.requirements]
    assert plan.name == "新生儿出生一件事" and plan.promised_days == 5
    assert len(names) == len(set((r.name, r.situation) for r in plan.requirements))
    assert any(len(r.items) > 1 for r in plan.requirements), "a shared material is asked once"


def test_correction_notice_lists_everything_and_comes_back_by_serial(hall: Hall, clerk: Actor):
    plan, checks = _checks(
        hall, missing=("经营场所平面图及设备布局图",), faulty={"食品安全规章制度目录": "未加盖公章"}
    )
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    assert data.kind == CORRECTION
    assert data.serial == "BZ-500231-20261125-0001"
    assert data.id_number_masked == "110105********002X" and data.phone_masked == "139****5678"
    assert [x.name for x in data.to_correct] == [
        "经营场所平面图及设备布局图",
        "食品安全规章制度目录",
    ]
    assert [x.problem for x in data.to_correct] == ["缺失", "过期"]
    assert data.to_correct[1].note == "未加盖公章"
    # shared data (共享免提交) is fetched by the office: never listed as received or missing
    assert "营业执照" not in [x.name for x in data.received + data.to_correct]
    record = hall.documents.find_notice(" bz-500231-20261125-0001 ")
    assert [x.name for x in record.to_correct] == [x.name for x in data.to_correct]
    again = hall.documents.reprint_notice(clerk, data.serial)
    assert again.reprint and hall.documents.find_notice(data.serial).reprints == 1
    with pytest.raises(NotFound):
        hall.documents.find_notice("BZ-500231-20261125-0099")


def test_complete_materials_need_no_notice_and_incomplete_cannot_be_accepted(
    hall: Hall, clerk: Actor
):
    plan, checks = _checks(hall)
    with pytest.raises(NotAllowed, match="直接受理"):
        hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    plan, checks = _checks(hall, missing=("经营场所平面图及设备布局图",))
    with pytest.raises(NotAllowed, match="不能受理"):
        hall.documents.accept(clerk, plan, APPLICANT, checks)


def test_refusal_notice_needs_a_ground_from_the_closed_list(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall)
    with pytest.raises(InvalidInput, match="法定事由"):
        hall.documents.issue_notice(clerk, plan, APPLICANT, checks, refusal=Refusal(""))
    data = hall.documents.issue_notice(
        clerk, plan, APPLICANT, checks, refusal=Refusal("remit", "重庆市梁平区市场监督管理局")
    )
    assert data.kind == REFUSAL and data.serial.startswith("BY-500231-")
    assert "六十日" in data.remedies


def test_bad_applicant_data_is_refused_in_chinese(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall, missing=("营业执照",))
    with pytest.raises(InvalidInput, match="校验位"):
        hall.documents.issue_notice(
            clerk, plan, Applicant("张三", id_number="110105194912310021"), checks
        )
    with pytest.raises(InvalidInput, match="电话号码"):
        hall.documents.issue_notice(clerk, plan, Applicant("张三", phone="12345"), checks)
    with pytest.raises(InvalidInput, match="姓名"):
        hall.documents.issue_notice(clerk, plan, Applicant(" "), checks)


def test_acceptance_gives_a_case_and_a_promised_date(hall: Hall, clerk: Actor, clock: FakeClock):
    plan, checks = _checks(hall, missing=("食品安全管理人员信息",))  # 容缺后补 when it applies
    checks[[c.material.name for c in checks].index("食品安全管理人员信息")].applies = True
    with pytest.raises(NotAllowed, match="承诺书"):  # 容缺受理 needs the signed commitment
        hall.documents.accept(clerk, plan, APPLICANT, checks)
    receipt = hall.documents.accept(
        clerk, plan, APPLICANT, checks, choices=AcceptanceChoices(commitment_signed=True)
    )
    assert receipt.case_no == "SL-500231-20261125-0001"
    assert receipt.due_date == dt.date(2026, 11, 30)  # Wed + 3 working days → next Monday
    assert [x.name for x in receipt.deferred] == ["食品安全管理人员信息（从事餐饮服务的）"]
    assert not receipt.calendar_warning
    [case] = hall.documents.cases(case_reader(hall))
    assert case.state is ClockState.ON_TRACK and case.days_left == 3
    clock.advance(days=4)  # Sunday 29th
    assert hall.documents.cases(case_reader(hall))[0].state is ClockState.DUE_SOON
    assert hall.documents.flags() == (1, 0, 0, 0)
    clock.advance(days=2)  # Tuesday 1 Dec: the promise (3 days) missed, the law's 10 hold
    assert hall.documents.cases(case_reader(hall))[0].state is ClockState.PROMISE_MISSED
    hall.documents.complete(clerk, receipt.case_no, "已发证")
    assert hall.documents.cases(case_reader(hall)) == []
    [done] = hall.documents.cases(case_reader(hall), open_only=False)
    assert done.state is ClockState.COMPLETED_LATE


def test_pause_resume_extend_through_the_service(hall: Hall, clerk: Actor, clock: FakeClock):
    plan, checks = _checks(hall)
    case_no = hall.documents.accept(clerk, plan, APPLICANT, checks).case_no
    with pytest.raises(InvalidInput, match="原因"):
        hall.documents.pause(clerk, case_no, "", "检验检测")
    hall.documents.pause(clerk, case_no, "现场核查", "检验检测")
    assert hall.documents.cases(case_reader(hall))[0].state is ClockState.PAUSED
    clock.advance(days=7)
    hall.documents.resume(clerk, case_no)
    resumed = hall.documents.cases(case_reader(hall))[0]
    assert resumed.due == dt.date(2026, 12, 7)  # paused on day 0: 3 days from Wed 2 Dec
    hall.documents.extend(
        actor_for(hall, Role.SUPERVISOR), case_no, 2, "县市场监管局 王局长", "需专家论证"
    )
    assert hall.documents.cases(case_reader(hall))[0].due == dt.date(2026, 12, 9)
    with pytest.raises(NotAllowed, match="一次"):
        hall.documents.extend(actor_for(hall, Role.SUPERVISOR), case_no, 1, "王局长", "再延")
    receipt = hall.documents.reprint_receipt(clerk, case_no)
    assert receipt.reprint and receipt.due_date == dt.date(2026, 12, 9)


def test_december_acceptance_into_an_unknown_year_warns_and_never_crashes(
    hall: Hall, clerk: Actor, clock: FakeClock
):
    clock.now = dt.datetime(2026, 12, 28, 10, 0, tzinfo=SHANGHAI)
    plan, checks = _checks(hall)
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks)
    assert receipt.due_date == dt.date(2026, 12, 31)  # still in 2026
    plan = hall.documents.plan(bundle_code=NEWBORN)
    checks = [
        Check(r, mark=Mark.RECEIVED, applies=not r.conditional and None) for r in plan.requirements
    ]
    for c in checks:
        c.applies = not c.material.conditional
        c.mark = Mark.RECEIVED
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks)
    assert receipt.due_date == dt.date(2027, 1, 4)  # 5 days: 29, 30, 31 Dec, then Mon–Fri
    assert "2027 年" in receipt.calendar_warning
    # the admin enters 2027's New Year holiday and completes the year
    admin = login(hall, "9001")
    hall.calendar.set_day(admin, dt.date(2027, 1, 1), "holiday", "元旦")
    with pytest.raises(InvalidInput, match="工作日"):
        hall.calendar.set_day(admin, dt.date(2027, 1, 4), "workday")
    hall.calendar.mark_year_complete(admin, 2027)
    view = next(c for c in hall.documents.cases(case_reader(hall)) if c.case_no == receipt.case_no)
    assert view.due == dt.date(2027, 1, 5) and not view.warning


def test_weekend_acceptance_is_dated_to_the_next_working_day(
    hall: Hall, clerk: Actor, clock: FakeClock
):
    clock.now = dt.datetime(2026, 10, 3, 10, 0, tzinfo=SHANGHAI)  # National Day
    plan, checks = _checks(hall)
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks)
    assert hall.documents.cases(case_reader(hall))[0].accepted_on == dt.date(2026, 10, 8)
    assert receipt.due_date == dt.date(2026, 10, 12)  # 9, 10 (make-up Saturday), 12


def test_serials_are_unique_under_concurrency(hall: Hall):
    clerks = [login(hall, no, w) for no, w in (("1001", 1), ("1002", 2), ("1003", 3), ("1004", 4))]
    serials: list[str] = []
    errors: list[BaseException] = []

    def work(actor: Actor) -> None:
        # one applicant per window: an application has one open correction notice at a time
        first17 = f"1101051949123100{actor.window_number}"
        applicant = dataclasses.replace(APPLICANT, id_number=first17 + check_char(first17))
        try:
            for i in range(6):
                plan, checks = _checks(hall, missing=() if i % 2 else ("营业执照申请书",))
                if i % 2:
                    serials.append(hall.documents.accept(actor, plan, applicant, checks).case_no)
                else:
                    plan, checks = _checks(hall, missing=("食品经营许可申请书",))
                    serials.append(
                        hall.documents.issue_notice(actor, plan, applicant, checks).serial
                    )
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(a,)) for a in clerks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(serials) == 24 and not [s for s, n in Counter(serials).items() if n > 1]
    for prefix in ("BZ", "SL"):
        seqs = sorted(int(s.rsplit("-", 1)[1]) for s in serials if s.startswith(prefix))
        assert seqs == list(range(1, 13))
