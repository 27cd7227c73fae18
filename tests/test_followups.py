"""首问负责, 好差评 and 办不成事 through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.followups import FollowAction, FollowState, InquiryInput, Outcome
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from tests.conftest import login


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


def _follow_up_inquiry(hall: Hall, actor: Actor) -> str:
    return hall.followups.log_inquiry(
        actor,
        InquiryInput(
            question="二手房过户需要带哪些材料？孩子户口能否同时迁移？",
            channel="现场",
            outcome=Outcome.FOLLOW_UP,
            visitor_name="张三丰",
            visitor_phone="13812345678",
        ),
    ).number


def test_first_inquiry_is_owned_handed_off_and_closed_with_a_note(
    hall: Hall, clerk: Actor, clock: FakeClock
):
    number = _follow_up_inquiry(hall, clerk)
    assert number.startswith("SW-500231-20261125-")
    view = hall.followups.inquiries(open_only=True)[0]
    assert (view.owner, view.visitor, view.phone) == ("王丽", "张**", "138****5678")
    assert view.reply_by == dt.date(2026, 11, 26)  # one working day by default
    hall.followups.hand_off(clerk, number, "1005", "涉及不动产，请不动产窗口答复")
    colleague = login(hall, "1005", 5)
    handed = hall.followups.inquiries(staff_id=colleague.staff_id)[0]
    assert handed.handler != handed.owner == "王丽"  # the first responder stays accountable
    assert hall.followups.inquiries(staff_id=clerk.staff_id)[0].number == number
    stranger = login(hall, "1010", 10)
    with pytest.raises(NotAllowed, match="首问责任人"):
        hall.followups.close_inquiry(stranger, number, "已答复")
    with pytest.raises(InvalidInput, match="处理结果"):
        hall.followups.close_inquiry(colleague, number, " ")
    clock.advance(days=2)  # Friday: past the reply date
    assert hall.followups.inquiries(overdue_only=True)[0].number == number
    hall.followups.add_note(colleague, number, "已电话联系，约定周一来办")
    closed = hall.followups.close_inquiry(colleague, number, "已告知所需材料并预约", "满意")
    assert closed.closed_at is not None and not closed.overdue
    assert any("已电话联系" in e for e in closed.events)
    with pytest.raises(NotAllowed, match="已办结"):
        hall.followups.close_inquiry(clerk, number, "再次办结")


def test_inquiry_outcomes_and_their_checks(hall: Hall, clerk: Actor):
    with pytest.raises(InvalidInput, match="答复内容"):
        hall.followups.log_inquiry(clerk, InquiryInput("问题", "现场", Outcome.ANSWERED))
    with pytest.raises(InvalidInput, match="部门和联系人"):
        hall.followups.log_inquiry(clerk, InquiryInput("问题", "电话", Outcome.REFERRED))
    with pytest.raises(InvalidInput, match="电话号码"):
        hall.followups.log_inquiry(
            clerk, InquiryInput("问题", "电话", Outcome.FOLLOW_UP, visitor_phone="12345")
        )
    answered = hall.followups.log_inquiry(
        clerk,
        InquiryInput("社保卡丢了怎么办", "现场", Outcome.ANSWERED, answer="可在3号窗口挂失补办"),
    )
    assert answered.closed_at is not None and answered.resolution == "可在3号窗口挂失补办"
    guided = hall.followups.log_inquiry(
        clerk,
        InquiryInput("办营业执照", "现场", Outcome.GUIDED, guided_window=25, ticket_number="f001"),
    )
    assert guided.resolution == "已引导至25号窗口，号票 F001"


def test_export_masks_personal_data(hall: Hall, clerk: Actor):
    _follow_up_inquiry(hall, clerk)
    text = hall.followups.export_inquiries(login(hall, "3001"), hall.followups.inquiries())
    assert text.startswith("\ufeff编号")
    assert "张**" in text and "138****5678" in text
    assert "张三丰" not in text and "13812345678" not in text


def _served(hall: Hall, clerk: Actor) -> str:
    number = hall.tickets.issue(login(hall, "2001"), category_code="A").ticket.number
    hall.tickets.call_next(clerk, 1)
    hall.tickets.start(clerk, 1)
    hall.tickets.finish(clerk, 1)
    return number


def test_a_bad_rating_opens_a_rectification_that_needs_a_visit_and_a_note(
    hall: Hall, clerk: Actor, clock: FakeClock
):
    good = _served(hall, clerk)
    assert hall.followups.rate(clerk, good, 5) is None
    with pytest.raises(NotAllowed, match="只能评价一次"):
        hall.followups.rate(clerk, good, 4)
    bad = _served(hall, clerk)
    follow = hall.followups.rate(clerk, bad, 1, "等了很久，态度不好", entered_by_staff=True)
    assert follow is not None and follow.state is FollowState.PENDING
    assert follow.verify_due == dt.date(2026, 11, 26)
    assert follow.due == dt.date(2026, 12, 16)  # 15 working days
    supervisor = login(hall, "3001")
    with pytest.raises(NotAllowed, match="无权执行「分派和办结投诉、办不成事」"):
        hall.followups.act(clerk, follow.number, FollowAction.VERIFY)
    hall.followups.act(supervisor, follow.number, FollowAction.VERIFY)
    with pytest.raises(NotAllowed, match="回访"):
        hall.followups.act(supervisor, follow.number, FollowAction.CLOSE, "已批评教育")
    hall.followups.record_visit(
        supervisor, follow.number, dt.date(2026, 11, 25), "电话", "接受道歉"
    )
    with pytest.raises(InvalidInput, match="整改情况"):
        hall.followups.act(supervisor, follow.number, FollowAction.CLOSE, "")
    done = hall.followups.act(
        supervisor,
        follow.number,
        FollowAction.CLOSE,
        "窗口增加叫号提示，已对工作人员进行服务规范培训",
    )
    assert done.state is FollowState.DONE
    assert hall.followups.followups() == []
    rows = {(r.group, r.name): r for r in hall.followups.satisfaction()}
    window = rows[("窗口", "1号窗口")]
    assert (window.ratings, window.bad, window.satisfaction) == (2, 1, 50.0)


def test_an_invalid_rating_needs_a_second_person(hall: Hall, clerk: Actor, clock: FakeClock):
    follow = hall.followups.rate(clerk, _served(hall, clerk), 2, "误点")
    first, second = login(hall, "3001"), login(hall, "3002")
    with pytest.raises(InvalidInput, match="理由"):
        hall.followups.act(first, follow.number, FollowAction.REQUEST_INVALID, "")
    hall.followups.act(first, follow.number, FollowAction.REQUEST_INVALID, "群众回访称误点")
    with pytest.raises(NotAllowed, match="另一人"):
        hall.followups.act(first, follow.number, FollowAction.APPROVE)
    assert (
        hall.followups.act(second, follow.number, FollowAction.APPROVE).state is FollowState.INVALID
    )
    clock.advance(days=1)


def test_overdue_and_one_extension(hall: Hall, clerk: Actor, clock: FakeClock):
    follow = hall.followups.rate(clerk, _served(hall, clerk), 1)
    clock.advance(days=1)
    clock.advance(days=1)  # Friday: verification (due Thursday) is late
    assert hall.followups.followups()[0].overdue
    supervisor = login(hall, "3001")
    extended = hall.followups.extend(supervisor, follow.number, 5, "需协调不动产中心")
    assert extended.due == dt.date(2026, 12, 23)
    with pytest.raises(NotAllowed, match="一次"):
        hall.followups.extend(supervisor, follow.number, 1, "再延")
    counts = hall.followups.open_counts()
    assert counts["rectifications_open"] == 1 and counts["rectifications_overdue"] == 1


def test_cannot_do_report_is_followed_like_a_bad_rating(hall: Hall):
    reception = login(hall, "2001")
    report = hall.followups.report_cannot_do(
        reception,
        "想给父亲办理高龄津贴",
        "户籍不在本县，系统无法受理",
        "ordinary",
        citizen_name="李大嘴",
        citizen_phone="13900001111",
        assign_to="3001",
    )
    assert report.kind == "cannot_do" and report.due == dt.date(2026, 11, 27)
    assert report.citizen == "李**" and report.assigned_to
    with pytest.raises(InvalidInput, match="问题类型"):
        hall.followups.report_cannot_do(reception, "x", "y", "huge")
    assert hall.followups.open_counts()["cannot_do_open"] == 1
