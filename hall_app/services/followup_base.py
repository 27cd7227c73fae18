"""What the follow-up services share: the views they return and the helpers that number
a record and count its deadline in working days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from hall_app.domain.followups import (
    FollowState,
    Outcome,
)
from hall_app.domain.serials import Serial
from hall_app.services.calendar import CalendarService
from hall_app.services.context import ServiceContext
from hall_app.services.sequences import next_value
from hall_app.services.settings import load_settings
from hall_app.store import models as m

COMPLEXITY_DAYS = {"simple": 0, "ordinary": 2, "complex": 5, "not_eligible": 2}
COMPLEXITY_LABELS = {
    "simple": "简单（当场解决）",
    "ordinary": "一般（2个工作日）",
    "complex": "复杂（5个工作日）",
    "not_eligible": "不符合条件（说明依据）",
}


@dataclass(frozen=True)
class InquiryView:
    number: str
    created_at: dt.datetime
    channel: str
    visitor: str  # masked
    phone: str  # masked
    question: str
    item_name: str
    outcome: Outcome
    owner: str
    handler: str
    reply_by: dt.date
    closed_at: dt.datetime | None
    resolution: str
    overdue: bool
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUpView:
    number: str
    kind: str  # rating | cannot_do
    state: FollowState
    summary: str
    reason: str
    citizen: str  # masked
    created_on: dt.date
    verify_due: dt.date
    due: dt.date
    overdue: bool
    assigned_to: str
    visit: str
    note: str
    review_reason: str
    level: int | None
    window_number: int | None


@dataclass(frozen=True)
class SatisfactionRow:
    group: str  # 窗口 / 工作人员 / 业务类别
    name: str
    ratings: int  # services rated with a level
    average: float  # of the levels given
    bad: int
    unrated: int = 0  # 未评价: served, the citizen declined; not in the average or the rate

    @property
    def satisfaction(self) -> float:
        """Share of the ratings given that are not bad, in percent (未评价 left out)."""
        return 100.0 * (self.ratings - self.bad) / self.ratings if self.ratings else 0.0


class FollowUpBase:
    """The attributes and helpers of ``FollowUpService`` its parts use."""

    ctx: ServiceContext
    calendar: CalendarService

    def _add(self, days: int) -> dt.date:
        deadline = self.calendar.calendar().add_workdays(self.ctx.today(), days)
        assert deadline is not None
        return deadline.due

    def _number(self, s: Session, kind: str) -> str:
        county = load_settings(s).code
        seq = next_value(
            s, self.ctx.db.dialect, m.DocumentCounter, kind=kind, service_date=self.ctx.today()
        )
        return str(Serial(kind, county, self.ctx.today(), seq))
