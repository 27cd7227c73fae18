"""Issue 13, items 1, 2, 7/8 (input) and 11 through the services, on SQLite and PostgreSQL:
one correction notice per application, refusals only on a legal ground, agents and legal
representatives, shared materials, and free text scrubbed of ID and mobile numbers."""

from __future__ import annotations

import dataclasses
import json
import threading

import pytest
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.materials import Check, Mark
from hall_app.printing.documents import REFUSAL
from hall_app.services.context import Actor, FakeClock
from hall_app.services.documents import AgentInput, Applicant, FurtherRequest, Refusal
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 (行政许可)
RESTAURANT = "YJS05"  # 开办餐饮店一件事
PLAN_MAP = "经营场所平面图及设备布局图"
RULES = "食品安全规章制度目录"
APPLICANT = Applicant("张三", "居民身份证", "11010519491231002X", "13912345678")


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


def _checks(
    hall: Hall,
    *,
    code: str = FOOD,
    bundle: bool = False,
    missing: tuple[str, ...] = (),
    faulty: tuple[str, ...] = (),
    note: str = "",
):
    plan = hall.documents.plan(bundle_code=code) if bundle else hall.documents.plan(item_code=code)
    checks = []
    for r in plan.requirements:
        c = Check(r)
        if r.conditional:
            c.applies = False
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        if r.name in missing:
            c.mark, c.note = Mark.MISSING, note
        if r.name in faulty:
            c.mark, c.problem, c.note = Mark.FAULTY, "过期", note
        checks.append(c)
    return plan, checks


def _set_item(hall: Hall, code: str, **fields: object) -> None:
    with hall.ctx.db.write() as s:
        item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == code))
        assert item is not None
        for key, value in fields.items():
            setattr(item, key, value)


def _notice(hall: Hall, serial: str) -> m.Notice:
    with hall.ctx.db.read() as s:
        row = s.scalar(select(m.Notice).where(m.Notice.serial == serial))
        assert row is not None
        s.expunge(row)
        return row


# ------------------------------------------------------------ one correction per application


def test_a_second_correction_notice_is_refused_while_the_first_is_open(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    # the same applicant returns (old 15-digit number, normalised) and a new fault is found
    plan, checks = _checks(hall, faulty=(RULES,))
    again = dataclasses.replace(APPLICANT, id_number="110105491231002")
    with pytest.raises(NotAllowed, match=first.serial):
        hall.documents.issue_notice(login(hall, "1002", 2), plan, again, checks)
    # another applicant, or the same applicant for another item, is another application
    other = Applicant("李四", "居民身份证", "440524188001010014")
    assert hall.documents.issue_notice(clerk, plan, other, checks).serial != first.serial
    bundle, bundle_checks = _checks(hall, code=RESTAURANT, bundle=True, missing=(PLAN_MAP,))
    hall.documents.issue_notice(clerk, bundle, APPLICANT, bundle_checks)


def test_the_return_visit_finds_the_notice_by_id_ticks_materials_and_acceptance_closes_it(
    hall: Hall, clerk: Actor, clock: FakeClock
):
    plan, checks = _checks(hall, missing=(PLAN_MAP,), faulty=(RULES,))
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    found = hall.documents.find_open_notices(" 11010519491231002x ".upper(), FOOD)
    assert [r.serial for r in found] == [first.serial] and found[0].open
    assert [r.serial for r in hall.documents.find_open_notices("110105491231002")] == [first.serial]
    assert hall.documents.find_open_notices("440524188001010014") == []
    clock.advance(days=2)
    plan, checks = _checks(hall)
    receipt = hall.documents.accept(clerk, plan, APPLICANT, checks, notice_serial=first.serial)
    row = _notice(hall, first.serial)
    assert row.closed_at is not None and row.case_id is not None
    assert not hall.documents.find_notice(first.serial).open
    assert hall.documents.find_notice(first.serial).case_no == receipt.case_no
    with hall.ctx.db.read() as s:
        ticked = {
            x.name: x.received_on
            for x in s.scalars(
                select(m.DocumentMaterial).where(
                    m.DocumentMaterial.notice_id == row.id,
                    m.DocumentMaterial.status == "to_correct",
                )
            )
        }
    assert ticked == {PLAN_MAP: hall.ctx.today(), RULES: hall.ctx.today()}
    assert hall.documents.find_open_notices(APPLICANT.id_number) == []
    with hall.ctx.db.read() as s:
        detail = s.scalar(select(m.AuditEntry.detail).where(m.AuditEntry.action == "case_accept"))
    assert detail is not None and json.loads(detail)["notices"] == [first.serial]
    assert hall.documents.notice_counts([row.case_id, 999999]) == {row.case_id: 1, 999999: 0}
    # the old slip cannot be used for another acceptance
    with pytest.raises(NotAllowed, match="已办结"):
        hall.documents.accept(clerk, plan, APPLICANT, checks, notice_serial=first.serial)
    # a new application after acceptance gets its own notice
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    hall.documents.issue_notice(clerk, plan, APPLICANT, checks)


def test_acceptance_without_the_slip_still_closes_the_applications_notice(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    plan, checks = _checks(hall)
    hall.documents.accept(clerk, plan, APPLICANT, checks)
    assert _notice(hall, first.serial).closed_at is not None


def test_a_further_notice_needs_reason_supervisor_and_only_new_or_changed_materials(
    hall: Hall, clerk: Actor
):
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    # the plan brought back is faulty (newly submitted), and the clerk now also finds fault
    # with the rules list, which was received the first time and not changed
    plan, checks = _checks(hall, faulty=(PLAN_MAP, RULES))
    ask = FurtherRequest(
        first.serial, "平面图新提交，比例不符 联系13912345678", (), "3001", "demo3001"
    )
    with pytest.raises(NotAllowed, match=RULES):
        hall.documents.issue_notice(clerk, plan, APPLICANT, checks, further=ask)
    plan, checks = _checks(hall, faulty=(PLAN_MAP,))
    with pytest.raises(NotAllowed, match="值班长"):
        hall.documents.issue_notice(
            clerk,
            plan,
            APPLICANT,
            checks,
            further=dataclasses.replace(ask, approver_no="", approver_password=""),
        )
    with pytest.raises(NotAllowed, match="值班长"):  # a clerk cannot approve
        hall.documents.issue_notice(
            clerk,
            plan,
            APPLICANT,
            checks,
            further=dataclasses.replace(ask, approver_no="1002", approver_password="demo1002"),
        )
    with pytest.raises(InvalidInput, match="密码"):
        hall.documents.issue_notice(
            clerk,
            plan,
            APPLICANT,
            checks,
            further=dataclasses.replace(ask, approver_password="wrong"),
        )
    with pytest.raises(InvalidInput, match="理由"):
        hall.documents.issue_notice(
            clerk, plan, APPLICANT, checks, further=dataclasses.replace(ask, reason=" ")
        )
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks, further=ask)
    assert data.first_serial == first.serial and data.serial != first.serial
    assert "13912345678" not in data.further_reason and "139****5678" in data.further_reason
    row = _notice(hall, data.serial)
    supervisor = login(hall, "3001")
    assert (
        row.approved_by == supervisor.staff_id
        and row.first_notice_id == _notice(hall, first.serial).id
    )
    # a material the applicant changed of their own accord may be named too
    plan, checks = _checks(hall, faulty=(RULES,))
    changed = hall.documents.issue_notice(
        clerk,
        plan,
        APPLICANT,
        checks,
        further=dataclasses.replace(ask, first_serial=data.serial, changed=(RULES,)),
    )
    assert changed.first_serial == first.serial  # always linked to the first notice
    with hall.ctx.db.read() as s:
        details = [
            e.detail
            for e in s.scalars(
                select(m.AuditEntry).where(m.AuditEntry.action == "notice_correction")
            )
        ]
    assert details and not any("13912345678" in d for d in details)
    # acceptance closes the first and every further notice, all counted for the case
    plan, checks = _checks(hall)
    hall.documents.accept(clerk, plan, APPLICANT, checks, notice_serial=first.serial)
    case_id = _notice(hall, first.serial).case_id
    assert case_id is not None and hall.documents.notice_counts([case_id]) == {case_id: 3}


def test_a_further_notice_without_an_open_one_is_refused(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    with pytest.raises(InvalidInput, match="没有未办结"):
        hall.documents.issue_notice(
            clerk,
            plan,
            APPLICANT,
            checks,
            further=FurtherRequest("BZ-500231-20261125-0001", "新提交", (), "3001", "demo3001"),
        )


def test_a_withdrawn_application_frees_the_applicant_for_a_new_notice(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    first = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    # a withdrawal frees the applicant for a notice the first never bound: a supervisor
    # approves it (a clerk alone, or a clerk's own password, is not enough)
    with pytest.raises(NotAllowed, match="值班长批准"):
        hall.documents.withdraw_notice(clerk, first.serial, "申请人撤回申请")
    with pytest.raises(NotAllowed, match="撤回申请须经值班长批准"):
        hall.documents.withdraw_notice(clerk, first.serial, "撤回", "1001", "demo1001")
    with pytest.raises(InvalidInput, match="工号或密码"):
        hall.documents.withdraw_notice(clerk, first.serial, "申请人撤回申请", "3001", "wrong")
    assert hall.documents.find_notice(first.serial).open
    hall.documents.withdraw_notice(clerk, first.serial, "申请人撤回申请", "3001", "demo3001")
    with pytest.raises(NotAllowed):
        hall.documents.withdraw_notice(clerk, first.serial, "再次撤回", "3001", "demo3001")
    hall.documents.issue_notice(clerk, plan, APPLICANT, checks)


# ------------------------------------------------------------ refusals on legal grounds only


def test_refusal_takes_a_ground_from_the_closed_list_only(hall: Hall, clerk: Actor):
    plan, checks = _checks(hall)
    for free_text in ("材料不齐全", "《行政许可法》第三十二条第一款第（二）项"):
        with pytest.raises(InvalidInput, match="法定事由"):
            hall.documents.issue_notice(clerk, plan, APPLICANT, checks, refusal=Refusal(free_text))
    with pytest.raises(InvalidInput, match="有权机关"):
        hall.documents.issue_notice(clerk, plan, APPLICANT, checks, refusal=Refusal("remit"))
    data = hall.documents.issue_notice(
        clerk, plan, APPLICANT, checks, refusal=Refusal("not_licence", "不应出现的机关")
    )
    assert data.refusal_ground == "申请事项依法不需要取得行政许可" and data.right_office == ""


def test_not_licence_is_no_ground_for_a_non_licence_and_the_items_own_grounds_are(
    hall: Hall, clerk: Actor
):
    _set_item(
        hall,
        FOOD,
        type="行政确认",
        refusal_basis="《某条例》第十条",
        refusal_grounds=json.dumps(["remit", "not_licence", "申请登记的事项违反法律规定"]),
    )
    plan, checks = _checks(hall)
    with pytest.raises(InvalidInput, match="法定事由"):
        hall.documents.issue_notice(clerk, plan, APPLICANT, checks, refusal=Refusal("not_licence"))
    data = hall.documents.issue_notice(
        clerk, plan, APPLICANT, checks, refusal=Refusal("申请登记的事项违反法律规定")
    )
    assert data.refusal_ground == "申请登记的事项违反法律规定"
    data = hall.documents.issue_notice(
        clerk, plan, APPLICANT, checks, refusal=Refusal("remit", "某局", "见第（二）项 13912345678")
    )
    assert data.refusal_ground == "申请事项依法不属于本机关职权范围"
    assert data.refusal_reason == "见第（二）项 139****5678"  # the explanation, scrubbed
    assert data.refusal_basis == "《某条例》第十条" == data.refusal_subitem


def test_refusal_is_allowed_whatever_the_materials_state_and_names_the_remedies(
    hall: Hall, clerk: Actor
):
    with hall.ctx.db.write() as s:
        s.merge(m.HallSetting(key="hall.government", value="垫江县人民政府"))
        s.merge(m.HallSetting(key="hall.court", value="垫江县人民法院"))
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    open_notice = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    checks[0].mark = Mark.PENDING  # the check is not even finished
    data = hall.documents.issue_notice(
        clerk,
        plan,
        dataclasses.replace(APPLICANT, legal_rep="王五"),
        checks,
        refusal=Refusal("remit", "重庆市梁平区市场监督管理局 电话13812345678", "经营场所在梁平区"),
    )
    assert data.kind == REFUSAL and data.refusal_ground == "申请事项依法不属于本机关职权范围"
    assert data.right_office == "重庆市梁平区市场监督管理局 电话138****5678"
    assert data.reconsideration_body == "垫江县人民政府" and data.court == "垫江县人民法院"
    assert data.refusal_basis == "《中华人民共和国行政许可法》第三十二条第一款第（二）项"
    assert data.seal_office == "垫江县市场监督管理局" and data.legal_rep == "王五"
    assert _notice(hall, open_notice.serial).closed_at is not None  # the application ended


def test_a_vertical_departments_refusal_names_its_own_reconsideration_body(
    hall: Hall, clerk: Actor
):
    with hall.ctx.db.write() as s:
        office = s.scalar(select(m.Department).where(m.Department.name == "垫江县市场监督管理局"))
        if office is None:
            office = m.Department(name="垫江县市场监督管理局")
            s.add(office)
        office.vertical, office.reconsideration_body = True, "重庆市梁平区市场监督管理局"
        court = s.get(m.HallSetting, "hall.court")
        if court is not None:  # a hall whose catalog names no court
            s.delete(court)
    plan, checks = _checks(hall)
    data = hall.documents.issue_notice(
        clerk, plan, APPLICANT, checks, refusal=Refusal("remit", "某局")
    )
    assert data.reconsideration_body == "重庆市梁平区市场监督管理局"
    assert data.court == "有管辖权的人民法院"


# ------------------------------------------------------------ what the notice data carries


def test_notice_carries_the_items_correction_rule_terms_and_where_to_obtain(
    hall: Hall, clerk: Actor, clock: FakeClock
):
    _set_item(
        hall,
        FOOD,
        correction_basis="《食品经营许可和备案管理办法》第十六条",
        correction_terms="申请人应在30日内补正，逾期视为放弃申请",
    )
    with hall.ctx.db.write() as s:
        item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == FOOD))
        assert item is not None
        next(x for x in item.materials if x.name == PLAN_MAP).obtain_from = "申请人自行绘制"
    plan, checks = _checks(hall, missing=(PLAN_MAP,), note="请致电13912345678或023-74681234")
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    assert data.correction_basis == "《食品经营许可和备案管理办法》第十六条"
    assert "第三十二条" not in data.correction_basis or data.correction_basis.startswith("《食品")
    assert data.correction_terms == "申请人应在30日内补正，逾期视为放弃申请"
    line = data.to_correct[0]
    assert line.where == "申请人自行绘制"
    assert line.note == "请致电139****5678或023-74681234"  # a landline is the office's: kept
    assert data.seal_office == "垫江县市场监督管理局" and data.reprinted_at is None
    clock.advance(hours=3)
    again = hall.documents.reprint_notice(clerk, data.serial)
    assert again.reprint and again.reprinted_at == hall.ctx.local(clock.now)


def test_a_non_licence_cites_the_neutral_rule_and_a_bundle_its_hall_seal(hall: Hall, clerk: Actor):
    _set_item(hall, FOOD, type="行政确认", correction_basis="")
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks)
    assert "第三十二条" not in data.correction_basis and data.correction_basis
    bundle, bundle_checks = _checks(hall, code=RESTAURANT, bundle=True, missing=(PLAN_MAP,))
    data = hall.documents.issue_notice(clerk, bundle, APPLICANT, bundle_checks)
    with hall.ctx.db.read() as s:
        hall_name = s.scalar(select(m.HallSetting.value).where(m.HallSetting.key == "hall.name"))
    assert data.seal_office == f"{hall_name}综合受理专用章"
    assert "；" in data.correction_basis or data.correction_basis  # the distinct rules, joined


# ------------------------------------------------------------ agents, legal representatives


def test_agent_is_stored_on_notice_and_case_and_printed_masked(hall: Hall, clerk: Actor):
    agent = AgentInput("李四", "居民身份证", "440524188001010014", "138 1234 5678", "配偶")
    applicant = dataclasses.replace(APPLICANT, agent=agent)
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    data = hall.documents.issue_notice(clerk, plan, applicant, checks)
    assert data.agent is not None
    assert (
        data.agent.name,
        data.agent.id_number_masked,
        data.agent.phone_masked,
        data.agent.relation,
    ) == ("李四", "440524********0014", "138****5678", "配偶")
    plan, checks = _checks(hall)
    receipt = hall.documents.accept(clerk, plan, applicant, checks, notice_serial=data.serial)
    assert receipt.agent == data.agent
    with hall.ctx.db.read() as s:
        case = s.scalar(select(m.ServiceCase).where(m.ServiceCase.case_no == receipt.case_no))
        assert case is not None and case.agent_id_number == "440524188001010014"
        assert case.agent_relation == "配偶"
    for bad, match in (
        (dataclasses.replace(agent, id_number="440524188001010015"), "校验位"),
        (dataclasses.replace(agent, relation="朋友"), "代理关系"),
        (dataclasses.replace(agent, name=" "), "代理人姓名"),
    ):
        with pytest.raises(InvalidInput, match=match):
            hall.documents.issue_notice(
                clerk, plan, dataclasses.replace(APPLICANT, agent=bad), checks
            )


def test_a_companys_credit_code_is_validated_and_printed_in_full(hall: Hall, clerk: Actor):
    company = Applicant(
        "垫江县好味道餐饮有限公司", "统一社会信用代码", "91330100716105852f", legal_rep="赵六"
    )
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    data = hall.documents.issue_notice(clerk, plan, company, checks)
    assert data.id_number_masked == "91330100716105852F" and data.legal_rep == "赵六"
    with pytest.raises(InvalidInput, match="校验位"):
        hall.documents.issue_notice(
            clerk, plan, dataclasses.replace(company, id_number="91330100716105852A"), checks
        )
    with pytest.raises(InvalidInput, match="18位"):
        hall.documents.issue_notice(
            clerk, plan, dataclasses.replace(company, id_number="9133010071610585"), checks
        )


def test_windows_issuing_at_the_same_moment_give_the_application_one_notice(hall: Hall):
    clerks = [login(hall, no, w) for no, w in (("1001", 1), ("1002", 2), ("1003", 3), ("1004", 4))]
    plan, _ = _checks(hall, missing=(PLAN_MAP,))
    barrier = threading.Barrier(len(clerks))
    issued: list[str] = []
    refused: list[NotAllowed] = []
    errors: list[BaseException] = []

    def work(actor: Actor) -> None:
        _plan, checks = _checks(hall, missing=(PLAN_MAP,))
        barrier.wait()
        try:
            issued.append(hall.documents.issue_notice(actor, plan, APPLICANT, checks).serial)
        except NotAllowed as error:
            refused.append(error)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(a,)) for a in clerks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(issued) == 1 and len(refused) == 3
    assert [r.serial for r in hall.documents.find_open_notices(APPLICANT.id_number)] == issued


def test_a_licence_refusal_cites_the_sub_item_of_its_ground(hall: Hall, clerk: Actor):
    """行政许可法 第三十二条第一款: (二) for a matter outside the remit, (一) for one that
    needs no licence — the notice names the sub-item, not only the paragraph."""
    plan, checks = _checks(hall)
    assert plan.items[0].type == "行政许可"
    remit = hall.documents.issue_notice(
        clerk, plan, APPLICANT, checks, refusal=Refusal("remit", "重庆市梁平区市场监督管理局")
    )
    assert remit.refusal_basis == "《中华人民共和国行政许可法》第三十二条第一款第（二）项"
    assert remit.refusal_reason == remit.refusal_ground  # no explanation: nothing repeated
    other = Applicant("李四", "居民身份证", "440524188001010014")
    plan, checks = _checks(hall)
    none = hall.documents.issue_notice(clerk, plan, other, checks, refusal=Refusal("not_licence"))
    assert none.refusal_basis == "《中华人民共和国行政许可法》第三十二条第一款第（一）项"


def test_a_correction_notice_needs_the_id_number_that_finds_the_application(
    hall: Hall, clerk: Actor
):
    """Without the number a second slip could be issued under the name alone."""
    plan, checks = _checks(hall, missing=(PLAN_MAP,))
    nameless = dataclasses.replace(APPLICANT, id_number="")
    with pytest.raises(InvalidInput, match="证件号码"):
        hall.documents.issue_notice(clerk, plan, nameless, checks)
    assert hall.documents.issue_notice(clerk, plan, APPLICANT, checks).serial
