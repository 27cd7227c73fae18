"""Pure tests of the follow-up rules (首问负责, 好差评, 整改): every move and refusal."""

from __future__ import annotations

import pytest

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.followups import (
    BAD_RATING,
    CHANNELS,
    UNRATED,
    FollowAction,
    FollowFacts,
    FollowState,
    InquiryInput,
    Outcome,
    follow_step,
    rating_label,
)

S, A = FollowState, FollowAction

MOVES = {
    (S.PENDING, A.VERIFY): S.RECTIFYING,
    (S.RECTIFYING, A.CLOSE): S.DONE,
    (S.PENDING, A.CLOSE): S.DONE,
    (S.PENDING, A.REQUEST_INVALID): S.REVIEW_INVALID,
    (S.RECTIFYING, A.REQUEST_INVALID): S.REVIEW_INVALID,
    (S.PENDING, A.REQUEST_CANNOT): S.REVIEW_CANNOT,
    (S.RECTIFYING, A.REQUEST_CANNOT): S.REVIEW_CANNOT,
    (S.REVIEW_INVALID, A.APPROVE): S.INVALID,
    (S.REVIEW_CANNOT, A.APPROVE): S.CANNOT_RECTIFY,
    (S.REVIEW_INVALID, A.REJECT): S.RECTIFYING,
    (S.REVIEW_CANNOT, A.REJECT): S.RECTIFYING,
}
ACTION_LABELS = {
    A.VERIFY: "核实后整改",
    A.CLOSE: "办结",
    A.REQUEST_INVALID: "申请认定无效评价",
    A.REQUEST_CANNOT: "申请认定无法整改",
    A.APPROVE: "审核通过",
    A.REJECT: "审核不通过",
}


def test_ratings() -> None:
    assert [rating_label(n) for n in (5, 4, 3, 2, 1)] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert rating_label(None) == UNRATED == "未评价"
    assert BAD_RATING == 2
    assert CHANNELS == ("现场", "电话", "网络", "来信")


def test_outcomes() -> None:
    assert [o.label for o in Outcome] == ["当场解答", "引导至窗口", "转交部门办理", "需跟进答复"]
    assert [o.closes_at_once for o in Outcome] == [True, True, False, False]


def test_states() -> None:
    assert [s.label for s in S] == [
        "待核实",
        "整改中",
        "已办结",
        "无效评价审核中",
        "无效评价",
        "无法整改审核中",
        "无法整改",
    ]
    assert {s for s in S if s.closed} == {S.DONE, S.INVALID, S.CANNOT_RECTIFY}


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", list(A))
def test_every_state_and_action(state: FollowState, action: FollowAction) -> None:
    facts = FollowFacts(state, has_visit=True, requested_by=1)
    target = MOVES.get((state, action))
    if target is None:
        with pytest.raises(NotAllowed) as exc:
            follow_step(facts, action, actor_id=2, note="理由")
        assert exc.value.message == f"当前为「{state.label}」，不能「{ACTION_LABELS[action]}」"
    else:
        assert follow_step(facts, action, actor_id=2, note="理由") == target


def test_close_needs_a_visit_and_a_note() -> None:
    with pytest.raises(NotAllowed) as exc:
        follow_step(FollowFacts(S.RECTIFYING), A.CLOSE, actor_id=1, note="已整改")
    assert exc.value.message == "办结前须先登记回访记录（日期、方式、群众意见）"
    with pytest.raises(InvalidInput) as exc2:
        follow_step(FollowFacts(S.RECTIFYING, has_visit=True), A.CLOSE, actor_id=1, note=" ")
    assert exc2.value.message == "办结须填写整改情况说明"


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.PENDING, A.REQUEST_INVALID),
        (S.RECTIFYING, A.REQUEST_CANNOT),
        (S.REVIEW_INVALID, A.REJECT),
    ],
)
def test_requests_and_rejections_need_a_reason(state: FollowState, action: FollowAction) -> None:
    with pytest.raises(InvalidInput) as exc:
        follow_step(FollowFacts(state, requested_by=1), action, actor_id=2, note="  ")
    assert exc.value.message == "请写明理由"


def test_verify_and_approve_need_no_note() -> None:
    assert follow_step(FollowFacts(S.PENDING), A.VERIFY, actor_id=1, note="") is S.RECTIFYING
    facts = FollowFacts(S.REVIEW_CANNOT, requested_by=1)
    assert follow_step(facts, A.APPROVE, actor_id=2, note="") is S.CANNOT_RECTIFY


@pytest.mark.parametrize("action", [A.APPROVE, A.REJECT])
def test_the_requester_cannot_review(action: FollowAction) -> None:
    with pytest.raises(NotAllowed) as exc:
        follow_step(FollowFacts(S.REVIEW_INVALID, requested_by=3), action, actor_id=3, note="x")
    assert exc.value.message == "审核须由申请人以外的另一人完成"
    facts = FollowFacts(S.REVIEW_INVALID, requested_by=None)
    assert follow_step(facts, action, actor_id=3, note="x") in (S.INVALID, S.RECTIFYING)


def inquiry(**kw: object) -> InquiryInput:
    base: dict[str, object] = {"question": "问", "channel": "现场", "outcome": Outcome.FOLLOW_UP}
    base.update(kw)
    return InquiryInput(**base)  # type: ignore[arg-type]  # test data


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"question": " "}, "请填写咨询或反映的事项"),
        ({"channel": "微信"}, "渠道应为 现场/电话/网络/来信"),
        ({"outcome": Outcome.ANSWERED, "answer": " "}, "当场解答的，请简要记录答复内容"),
        ({"outcome": Outcome.GUIDED}, "引导至窗口的，请填写窗口号"),
        ({"outcome": Outcome.GUIDED, "guided_window": 0}, "引导至窗口的，请填写窗口号"),
        ({"outcome": Outcome.REFERRED, "department": "局"}, "转交部门的，请填写部门和联系人"),
        ({"outcome": Outcome.REFERRED, "contact": "王"}, "转交部门的，请填写部门和联系人"),
    ],
)
def test_inquiry_refusals(kw: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        inquiry(**kw).check()
    assert exc.value.message == message


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"outcome": Outcome.ANSWERED, "answer": "答"},
        {"outcome": Outcome.GUIDED, "guided_window": 1},
        {"outcome": Outcome.REFERRED, "department": "局", "contact": "王"},
        {"channel": "来信"},
    ],
)
def test_inquiries_accepted(kw: dict[str, object]) -> None:
    inquiry(**kw).check()


def test_inquiry_cleaned_limits() -> None:
    got = inquiry(question=" 问 ", visitor_name="张\u200b三", ticket_number="A001").cleaned()
    assert (got.question, got.visitor_name, got.ticket_number) == ("问", "张三", "A001")
    inquiry(ticket_number="A" * 8).cleaned()
    inquiry(visitor_name="名" * 64, contact="联" * 64, department="部" * 100).cleaned()
    inquiry(contact_phone="1" * 32, question="问" * 4000, answer="答" * 4000).cleaned()
    for field, size in [
        ("ticket_number", 9),
        ("visitor_name", 65),
        ("contact", 65),
        ("department", 101),
        ("contact_phone", 33),
        ("question", 4001),
        ("answer", 4001),
    ]:
        with pytest.raises(InvalidInput):
            inquiry(**{field: "x" * size}).cleaned()


def test_inquiry_refusals_name_the_field_and_an_answer_keeps_its_lines() -> None:
    for field, label in (("contact", "联系人"), ("ticket_number", "号票")):
        with pytest.raises(InvalidInput) as exc:
            inquiry(**{field: "x" * 65}).cleaned()
        assert exc.value.message.startswith(f"{label}过长"), field
    assert inquiry(answer="先去一号窗\n再去二号窗").cleaned().answer == "先去一号窗\n再去二号窗"
