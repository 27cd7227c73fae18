"""First-inquiry responsibility (首问负责), ratings (好差评) and the follow-up of a bad rating
or a 办不成事 report: rules only.

A follow-up moves:
    pending (待核实) → rectifying (整改中) → done (已办结)   [return visit + note required]
    pending/rectifying → review_invalid (无效评价审核) → invalid   [a second person approves]
    pending/rectifying → review_cannot (无法整改审核) → cannot_rectify [a second person approves]
    a review that is rejected goes back to rectifying.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.text import clean_text

RATING_LEVELS = {
    5: QT_TRANSLATE_NOOP("labels", "非常满意"),
    4: QT_TRANSLATE_NOOP("labels", "满意"),
    3: QT_TRANSLATE_NOOP("labels", "基本满意"),
    2: QT_TRANSLATE_NOOP("labels", "不满意"),
    1: QT_TRANSLATE_NOOP("labels", "非常不满意"),
}
BAD_RATING = 2  # 1–2 are bad ratings
# a served ticket whose citizen declined (Esc): counted, not in the rate
UNRATED = QT_TRANSLATE_NOOP("labels", "未评价")


def rating_label(level: int | None) -> str:
    return UNRATED if level is None else RATING_LEVELS[level]


CHANNELS = (
    QT_TRANSLATE_NOOP("labels", "现场"),
    QT_TRANSLATE_NOOP("labels", "电话"),
    QT_TRANSLATE_NOOP("labels", "网络"),
    QT_TRANSLATE_NOOP("labels", "来信"),
)


class Outcome(enum.StrEnum):
    ANSWERED = "answered"
    GUIDED = "guided"
    REFERRED = "referred"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        return {
            "answered": QT_TRANSLATE_NOOP("labels", "当场解答"),
            "guided": QT_TRANSLATE_NOOP("labels", "引导至窗口"),
            "referred": QT_TRANSLATE_NOOP("labels", "转交部门办理"),
            "follow_up": QT_TRANSLATE_NOOP("labels", "需跟进答复"),
        }[self.value]

    @property
    def closes_at_once(self) -> bool:
        return self in (Outcome.ANSWERED, Outcome.GUIDED)


@dataclass(frozen=True)
class InquiryInput:
    question: str
    channel: str
    outcome: Outcome
    visitor_name: str = ""
    visitor_phone: str = ""
    item_code: str = ""
    answer: str = ""  # what was said, for answered / guided
    guided_window: int | None = None
    ticket_number: str = ""
    department: str = ""
    contact: str = ""
    contact_phone: str = ""

    def cleaned(self) -> InquiryInput:
        """The same input, every text normalised (:func:`clean_text`) within its column."""
        return replace(
            self,
            question=clean_text(self.question, "咨询或反映的事项", 4000, multiline=True),
            visitor_name=clean_text(self.visitor_name, "来访人姓名", 64),
            answer=clean_text(self.answer, "答复内容", 4000, multiline=True),
            department=clean_text(self.department, "转交部门", 100),
            contact=clean_text(self.contact, "联系人", 64),
            contact_phone=clean_text(self.contact_phone, "联系电话", 32),
            ticket_number=clean_text(self.ticket_number, "号票", 8),
        )

    def check(self) -> None:
        if not self.question.strip():
            raise InvalidInput("请填写咨询或反映的事项")
        if self.channel not in CHANNELS:
            raise InvalidInput(f"渠道应为 {'/'.join(CHANNELS)}")
        if self.outcome is Outcome.ANSWERED and not self.answer.strip():
            raise InvalidInput("当场解答的，请简要记录答复内容")
        if self.outcome is Outcome.GUIDED and not self.guided_window:
            raise InvalidInput("引导至窗口的，请填写窗口号")
        if self.outcome is Outcome.REFERRED and not (
            self.department.strip() and self.contact.strip()
        ):
            raise InvalidInput("转交部门的，请填写部门和联系人")


class FollowState(enum.StrEnum):
    PENDING = "pending"
    RECTIFYING = "rectifying"
    DONE = "done"
    REVIEW_INVALID = "review_invalid"
    INVALID = "invalid"
    REVIEW_CANNOT = "review_cannot"
    CANNOT_RECTIFY = "cannot_rectify"

    @property
    def label(self) -> str:
        return {
            "pending": QT_TRANSLATE_NOOP("labels", "待核实"),
            "rectifying": QT_TRANSLATE_NOOP("labels", "整改中"),
            "done": QT_TRANSLATE_NOOP("labels", "已办结"),
            "review_invalid": QT_TRANSLATE_NOOP("labels", "无效评价审核中"),
            "invalid": QT_TRANSLATE_NOOP("labels", "无效评价"),
            "review_cannot": QT_TRANSLATE_NOOP("labels", "无法整改审核中"),
            "cannot_rectify": QT_TRANSLATE_NOOP("labels", "无法整改"),
        }[self.value]

    @property
    def closed(self) -> bool:
        return self in (FollowState.DONE, FollowState.INVALID, FollowState.CANNOT_RECTIFY)


class FollowAction(enum.StrEnum):
    VERIFY = "verify"  # the return visit confirmed the complaint: rectify
    CLOSE = "close"
    REQUEST_INVALID = "request_invalid"
    REQUEST_CANNOT = "request_cannot"
    APPROVE = "approve"
    REJECT = "reject"


_MOVES = {
    (FollowState.PENDING, FollowAction.VERIFY): FollowState.RECTIFYING,
    (FollowState.RECTIFYING, FollowAction.CLOSE): FollowState.DONE,
    (FollowState.PENDING, FollowAction.CLOSE): FollowState.DONE,
    (FollowState.PENDING, FollowAction.REQUEST_INVALID): FollowState.REVIEW_INVALID,
    (FollowState.RECTIFYING, FollowAction.REQUEST_INVALID): FollowState.REVIEW_INVALID,
    (FollowState.PENDING, FollowAction.REQUEST_CANNOT): FollowState.REVIEW_CANNOT,
    (FollowState.RECTIFYING, FollowAction.REQUEST_CANNOT): FollowState.REVIEW_CANNOT,
    (FollowState.REVIEW_INVALID, FollowAction.APPROVE): FollowState.INVALID,
    (FollowState.REVIEW_CANNOT, FollowAction.APPROVE): FollowState.CANNOT_RECTIFY,
    (FollowState.REVIEW_INVALID, FollowAction.REJECT): FollowState.RECTIFYING,
    (FollowState.REVIEW_CANNOT, FollowAction.REJECT): FollowState.RECTIFYING,
}
_ACTION_LABELS = {
    "verify": "核实后整改",
    "close": "办结",
    "request_invalid": "申请认定无效评价",
    "request_cannot": "申请认定无法整改",
    "approve": "审核通过",
    "reject": "审核不通过",
}


@dataclass(frozen=True)
class FollowFacts:
    state: FollowState
    has_visit: bool = False
    requested_by: int | None = None


def follow_step(
    facts: FollowFacts, action: FollowAction, *, actor_id: int, note: str
) -> FollowState:
    """The next state, or a Chinese refusal. Closing needs a return visit and a note; a review
    needs a reason and is approved by a second person."""
    target = _MOVES.get((facts.state, action))
    if target is None:
        raise NotAllowed(f"当前为「{facts.state.label}」，不能「{_ACTION_LABELS[action.value]}」")
    if action is FollowAction.CLOSE:
        if not facts.has_visit:
            raise NotAllowed("办结前须先登记回访记录（日期、方式、群众意见）")
        if not note.strip():
            raise InvalidInput("办结须填写整改情况说明")
    if (
        action in (FollowAction.REQUEST_INVALID, FollowAction.REQUEST_CANNOT, FollowAction.REJECT)
        and not note.strip()
    ):
        raise InvalidInput("请写明理由")
    if action in (FollowAction.APPROVE, FollowAction.REJECT) and facts.requested_by == actor_id:
        raise NotAllowed("审核须由申请人以外的另一人完成")
    return target
