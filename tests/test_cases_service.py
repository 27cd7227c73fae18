"""Issue 13, items 3–5 through the services on SQLite and PostgreSQL: the legal beside the
promised date, the extension cap, the one legal extension of a licence with its notice,
natural-day limits, 即办件, pause kinds, the restart after a correction, 容缺受理 with its
commitment and dates, delivery and the bundle's rows on the receipt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from hall_app.domain.cases import ClockState
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.materials import Check, Mark
from hall_app.domain.roles import Role
from hall_app.services.acceptance import AcceptanceChoices
from hall_app.services.context import Actor, FakeClock
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.actors import actor_for, case_reader
from tests.conftest import SHANGHAI, login, use_v1_catalog

D = dt.date
FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 (licence): legal 10, promised 3


@pytest.fixture(autouse=True)
def _v1_catalog(request: pytest.FixtureRequest) -> None:
    """These tests pin the window's documents on a v1 catalog (the per-item material lists
    every hall had before format v2, still imported as they were); the v2 demo's resolved
    lists are tested in test_v2_window.py and test_pure_demo_catalog.py. Only for the tests
    that take the ``hall`` fixture (the others open their own and say so)."""
    if "hall" in request.fixturenames:
        use_v1_catalog(request.getfixturevalue("hall"))


ID_CARD = "11500231MB150036177000105001000"  # 居民身份证申领 (行政确认): legal 60, promised 15
BIRTH = "11500231MB150036177000105002000"  # 出生登记: 0 / 0, a 即办件
NEWBORN = "YJS01"
DEFERRABLE = "食品安全管理人员信息"
APPLICANT = Applicant("垫江县好味道餐饮有限公司", "居民身份证", "11010519491231002X", "13912345678")
SIGNED = AcceptanceChoices(commitment_signed=True)


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


def _checks(hall: Hall, *, item: str | None = None, bundle: str | None = None, defer: bool = False):
    plan = hall.documents.plan(item_code=item, bundle_code=bundle)
    checks = []
    for r in plan.requirements:
        c = Check(r)
        c.applies = not r.conditional or (defer and r.name == DEFERRABLE)
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        if defer and r.name == DEFERRABLE:
            c.mark = Mark.MISSING
        checks.append(c)
    return plan, checks


def _accept(hall: Hall, clerk: Actor, code: str = FOOD, **kw: object):
    plan, checks = _checks(hall, item=code)
    return hall.documents.accept(clerk, plan, APPLICANT, checks, **kw)  # type: ignore[arg-type]


def _view(hall: Hall, case_no: str):
    return next(
        c for c in hall.documents.cases(case_reader(hall), open_only=False) if c.case_no == case_no
    )


def test_each_case_carries_both_dates_and_a_missed_promise_is_flagged(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    receipt = _accept(hall, clerk)  # Wed 25 Nov
    assert (receipt.due_date, receipt.legal_due_date) == (D(2026, 11, 30), D(2026, 12, 9))
    assert (receipt.promised_days, receipt.legal_days) == (3, 10)
    assert receipt.promised_unit == receipt.legal_unit == "工作日" and not receipt.instant
    view = _view(hall, receipt.case_no)
    assert (view.due, view.legal_due, view.legal_days_left) == (D(2026, 11, 30), D(2026, 12, 9), 10)
    assert view.item_type == "行政许可" and view.state is ClockState.ON_TRACK
    clock.advance(days=6)  # Tue 1 Dec: the promise is missed, the law still holds
    view = _view(hall, receipt.case_no)
    assert view.state is ClockState.PROMISE_MISSED and view.promise_missed
    assert hall.documents.flags() == (0, 0, 1, 0)
    clock.advance(days=9)  # Thu 10 Dec: past the legal date too
    assert _view(hall, receipt.case_no).state is ClockState.OVERDUE
    assert hall.documents.flags() == (0, 1, 0, 0)


def test_an_extension_may_not_push_the_promise_past_the_legal_date(
    hall: Hall, clerk: Actor
) -> None:
    case_no = _accept(hall, clerk).case_no
    with pytest.raises(NotAllowed, match="法定办结日期 2026-12-09"):
        hall.documents.extend(
            actor_for(hall, Role.SUPERVISOR), case_no, 8, "王局长", "需现场核查"
        )  # 11 > 10
    hall.documents.extend(actor_for(hall, Role.SUPERVISOR), case_no, 7, "王局长", "需现场核查")
    view = _view(hall, case_no)
    assert view.due == view.legal_due == D(2026, 12, 9)


def test_a_licence_gets_one_legal_extension_with_the_heads_approval_and_a_notice(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    case_no = _accept(hall, clerk).case_no
    with pytest.raises(InvalidInput, match="负责人"):
        hall.documents.extend_legal(actor_for(hall, Role.SUPERVISOR), case_no, "", "")
    clock.advance(days=5)
    notice = hall.documents.extend_legal(
        actor_for(hall, Role.SUPERVISOR), case_no, "县市场监管局局长 王某", "需组织专家评审"
    )
    assert (notice.old_due_date, notice.new_due_date) == (D(2026, 12, 9), D(2026, 12, 23))
    assert notice.days == 10 and notice.unit == "工作日" and "第四十二条" in notice.legal_basis
    assert notice.approver == "县市场监管局局长 王某" and notice.issued_on == D(2026, 11, 30)
    assert notice.id_number_masked == "110105********002X"
    with hall.ctx.db.read() as s:
        case = s.query(m.ServiceCase).filter_by(case_no=case_no).one()
        assert (case.legal_extension_days, case.legal_extension_on) == (10, D(2026, 11, 30))
        assert case.legal_extension_reason == "需组织专家评审"
    assert _view(hall, case_no).legal_due == D(2026, 12, 23)
    assert hall.documents.extension_notice(case_no) == notice  # reprint: the same notice
    with pytest.raises(NotAllowed, match="一次"):
        hall.documents.extend_legal(actor_for(hall, Role.SUPERVISOR), case_no, "王某", "再延")
    hall.documents.extend(
        actor_for(hall, Role.SUPERVISOR), case_no, 17, "王某", "专家评审"
    )  # now up to 23 Dec
    other = _accept(hall, clerk, ID_CARD).case_no
    with pytest.raises(NotAllowed, match="只有行政许可"):
        hall.documents.extend_legal(actor_for(hall, Role.SUPERVISOR), other, "李某", "需调查")
    with pytest.raises(NotAllowed, match="没有依法延长"):
        hall.documents.extension_notice(other)


def test_natural_day_limits_are_counted_in_natural_days(hall: Hall, clerk: Actor) -> None:
    with hall.ctx.db.write() as s:  # 居民身份证法 第十条: 60 days (the catalog states the unit)
        s.execute(
            update(m.ServiceItem)
            .where(m.ServiceItem.code == ID_CARD)
            .values(legal_limit_unit="自然日", promised_limit_unit="自然日")
        )
    receipt = _accept(hall, clerk, ID_CARD)  # Wed 25 Nov
    assert (receipt.promised_unit, receipt.legal_unit) == ("自然日", "自然日")
    assert receipt.due_date == D(2026, 12, 10)  # 15 natural days
    # 60 natural days end on Sun 24 Jan 2027: the next working day, 2027 assumed Mon–Fri
    assert receipt.legal_due_date == D(2027, 1, 25) and "2027" in receipt.calendar_warning
    view = _view(hall, receipt.case_no)
    assert (view.limit_unit, view.days_left) == ("自然日", 15)


def test_an_instant_item_is_due_the_same_day_and_says_so(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    receipt = _accept(hall, clerk, BIRTH)
    assert receipt.instant and receipt.due_date == receipt.legal_due_date == D(2026, 11, 25)
    clock.now = dt.datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)  # a Saturday service day
    weekend = _accept(hall, clerk, BIRTH)
    assert weekend.instant and weekend.due_date == D(2026, 11, 28)  # not Monday
    hall.documents.complete(clerk, weekend.case_no)
    assert _view(hall, weekend.case_no).state is ClockState.COMPLETED


def test_pauses_have_a_kind_stop_both_clocks_and_print_when_asked(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    case_no = _accept(hall, clerk).case_no
    with pytest.raises(InvalidInput, match="类型"):
        hall.documents.pause(clerk, case_no, "等结果")
    hall.documents.pause(clerk, case_no, "送检", "检验检测")
    view = _view(hall, case_no)
    assert view.state is ClockState.PAUSED and view.pause_kind == "检验检测"
    assert view.due is None and view.legal_due is None
    clock.advance(days=7)  # Wed 2 Dec
    # a receipt reprinted while paused gives the dates of a clock running again today and
    # says so — never the acceptance day as the due date
    paused = hall.documents.reprint_receipt(clerk, case_no, with_pauses=True)
    assert (paused.due_date, paused.legal_due_date) == (D(2026, 12, 7), D(2026, 12, 16))
    assert "暂停计时中" in paused.calendar_warning
    assert paused.pauses == (("检验检测", D(2026, 11, 25), None),)
    hall.documents.resume(clerk, case_no)
    view = _view(hall, case_no)
    assert (view.due, view.legal_due) == (D(2026, 12, 7), D(2026, 12, 16))
    assert hall.documents.reprint_receipt(clerk, case_no).pauses == ()
    receipt = hall.documents.reprint_receipt(clerk, case_no, with_pauses=True)
    assert receipt.pauses == (("检验检测", D(2026, 11, 25), D(2026, 12, 2)),)
    assert receipt.reprinted_at is not None


def test_a_correction_after_acceptance_restarts_the_limits(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    case_no = _accept(hall, clerk).case_no
    clock.advance(days=1)  # Thu 26: one day used
    hall.documents.pause(clerk, case_no, "营业执照经营范围需补正", "补正")
    clock.advance(days=5)  # the corrected materials arrive on Tue 1 Dec
    hall.documents.resume(clerk, case_no)
    view = _view(hall, case_no)
    assert view.restarted_on == D(2026, 12, 1)
    assert view.due == D(2026, 12, 4)  # three full days from Wed 2 Dec, not two
    assert view.legal_due == D(2026, 12, 15)


def test_deferred_materials_need_a_commitment_and_a_date_and_are_flagged_when_late(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    with hall.ctx.db.write() as s:
        s.execute(update(m.Material).where(m.Material.name == DEFERRABLE).values(defer_days=3))
    plan, checks = _checks(hall, item=FOOD, defer=True)
    [default] = hall.documents.deferred_defaults(plan, checks)
    assert default.due_on == D(2026, 11, 30) and default.defer_days == 3
    with pytest.raises(NotAllowed, match="承诺书"):
        hall.documents.accept(clerk, plan, APPLICANT, checks)
    late = AcceptanceChoices(deferred_due={default.key: D(2026, 12, 1)}, commitment_signed=True)
    with pytest.raises(InvalidInput, match="不能晚于 2026-11-30"):
        hall.documents.accept(clerk, plan, APPLICANT, checks, choices=late)
    sooner = AcceptanceChoices(deferred_due={default.key: D(2026, 11, 27)}, commitment_signed=True)
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks, choices=sooner)
    [line] = receipt.deferred
    assert line.due_on == D(2026, 11, 27) and line.received_on is None
    commitment = hall.documents.commitment(receipt.case_no)
    assert [x.due_on for x in commitment.materials] == [D(2026, 11, 27)]
    assert commitment.phone_masked == "139****5678"
    with hall.ctx.db.read() as s:
        assert s.query(m.ServiceCase).filter_by(case_no=receipt.case_no).one().commitment_signed
    clock.advance(days=3)  # Sat 28: the material's date passed
    view = _view(hall, receipt.case_no)
    assert view.deferred_overdue == 1 and view.state is ClockState.DUE_SOON
    assert hall.documents.flags() == (1, 0, 0, 1)
    got = hall.documents.receive_deferred(clerk, view.deferred[0].id)
    assert got.received_on == D(2026, 11, 28)
    assert _view(hall, receipt.case_no).deferred_overdue == 0
    assert hall.documents.flags() == (1, 0, 0, 0)
    with pytest.raises(NotAllowed, match="已于"):
        hall.documents.receive_deferred(clerk, view.deferred[0].id)
    assert hall.documents.reprint_receipt(clerk, receipt.case_no).deferred[0].received_on == D(
        2026, 11, 28
    )


def test_delivery_of_the_result_is_chosen_at_acceptance(hall: Hall, clerk: Actor) -> None:
    with pytest.raises(InvalidInput, match="地址"):
        _accept(hall, clerk, choices=AcceptanceChoices(delivery_method="邮寄"))
    with pytest.raises(InvalidInput, match="送达方式"):
        _accept(hall, clerk, choices=AcceptanceChoices(delivery_method="快递员"))
    receipt = _accept(hall, clerk, choices=AcceptanceChoices("邮寄", " 垫江县澄溪镇1号 "))
    assert (receipt.delivery_method, receipt.delivery_address) == ("邮寄", "垫江县澄溪镇1号")
    assert receipt.seal_office == "垫江县市场监督管理局" and receipt.items == ()
    assert _accept(hall, clerk).delivery_method == "窗口领取"


def test_a_bundle_receipt_has_a_row_per_item_and_the_halls_seal(hall: Hall, clerk: Actor) -> None:
    plan, checks = _checks(hall, bundle=NEWBORN)
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks)
    assert receipt.due_date == D(2026, 12, 2)  # the bundle's promise: 5 working days
    # legally bound by its last-due item (生育津贴申领: 20 working days)
    assert (receipt.legal_days, receipt.legal_due_date) == (20, D(2026, 12, 23))
    rows = {r.name: r for r in receipt.items}
    assert len(rows) == 6 and rows["出生登记"].department == "垫江县公安局"
    assert rows["出生登记"].due_date == D(2026, 11, 25)  # a 即办件 inside the bundle
    assert rows["生育津贴申领"].due_date == D(2026, 12, 2)  # own 5 days, within the bundle's
    assert "综合受理" in receipt.seal_office and "垫江" in receipt.seal_office


def test_the_case_list_counts_the_notices_of_a_case(hall: Hall, clerk: Actor) -> None:
    plan, checks = _checks(hall, item=FOOD)
    for c in checks:
        if c.material.name == "食品安全规章制度目录":
            c.mark = Mark.MISSING
    notice = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    plan, checks = _checks(hall, item=FOOD)
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks, notice_serial=notice.serial)
    assert _view(hall, receipt.case_no).notices == 1
    assert _view(hall, _accept(hall, clerk).case_no).notices == 0


def test_cases_list_json_shows_both_dates_the_state_notices_and_deferrals(sqlite_url: str) -> None:
    import json

    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from tests.test_cli import hall_app

    hall = open_hall(Config(db_url=sqlite_url, terminal="cli-test"), upgrade=False)
    try:
        use_v1_catalog(hall)
        clerk = login(hall, "1001", 1)
        plan, checks = _checks(hall, item=FOOD, defer=True)
        case_no = hall.documents.accept(clerk, plan, APPLICANT, checks, choices=SIGNED).case_no
        hall.documents.pause(clerk, case_no, "送检", "检验检测")
        [view] = hall.documents.cases(case_reader(hall))
    finally:
        hall.close()
    result = hall_app("cases", "list", "--json", url=sqlite_url, staff="1001")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["case_no"] == case_no and row["state"] == "paused"
    assert APPLICANT.name not in result.stdout  # the applicant masked (issue 16)
    assert row["applicant"] == APPLICANT.name[:2] + "*" * (len(APPLICANT.name) - 2)
    assert row["pause_kind"] == "检验检测" and row["due"] is None and row["legal_due"] is None
    assert (row["limit_days"], row["limit_unit"], row["legal_days"], row["legal_unit"]) == (
        3,
        "工作日",
        10,
        "工作日",
    )
    assert row["notices"] == 0 and row["promise_missed"] is False
    assert [d["name"] for d in row["deferred"]] == [DEFERRABLE]
    assert row["deferred"][0]["due_on"] == view.deferred[0].due_on.isoformat()
    text = hall_app("cases", "list", url=sqlite_url, staff="1001").stdout
    assert "承诺 暂停" in text and "暂停：检验检测" in text


def test_a_case_without_a_recorded_legal_limit_is_held_to_its_promise(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    """An offline back-entry writes only the promised limit: the case must not show as past
    its legal date on the day it was accepted."""
    case_no = _accept(hall, clerk).case_no
    with hall.ctx.db.write() as s:
        s.execute(
            update(m.ServiceCase).where(m.ServiceCase.case_no == case_no).values(legal_limit_days=0)
        )
    view = _view(hall, case_no)
    assert view.legal_due == view.due == D(2026, 11, 30)
    assert view.state is ClockState.ON_TRACK


def test_the_service_data_prints_through_the_documents(hall: Hall, clerk: Actor) -> None:
    """End to end: what the services fill is what the paper says (即时办结, both dates, the
    extension notice's new date, the commitment's promised date)."""
    import io

    from pypdf import PdfReader

    from hall_app.printing.commitment import render_commitment_a4
    from hall_app.printing.extension import render_extension_a4
    from hall_app.printing.receipt import render_receipt_a4

    def text(pdf: bytes) -> str:
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")

    assert "即时办结" in text(render_receipt_a4(_accept(hall, clerk, BIRTH)))
    receipt = _accept(hall, clerk)
    printed = text(render_receipt_a4(receipt))
    assert "2026年11月30日" in printed and "2026年12月9日" in printed
    notice = hall.documents.extend_legal(
        actor_for(hall, Role.SUPERVISOR), receipt.case_no, "王某", "需专家评审"
    )
    assert "2026年12月23日" in text(render_extension_a4(notice))
    plan, checks = _checks(hall, item=FOOD, defer=True)
    deferred = hall.documents.accept(clerk, plan, APPLICANT, checks, choices=SIGNED)
    commitment = text(render_commitment_a4(hall.documents.commitment(deferred.case_no)))
    assert DEFERRABLE in commitment
