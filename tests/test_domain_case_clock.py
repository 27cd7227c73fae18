"""The two clocks of a case (issue 13): legal and promised limits, the extension cap, the one
legal extension of a licence, natural days, 即办件, pause kinds and the restart after a
correction. The working-day vectors of DOMAIN.md stay in test_domain_deadlines.py."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain import legal
from hall_app.domain.cases import CaseClock, ClockState, count_limit, deferral_overdue
from hall_app.domain.errors import InvalidInput, NotAllowed
from tests.test_domain_deadlines import CAL

D = dt.date
MONDAY = D(2026, 11, 2)


def _clock(**kw: object) -> CaseClock:
    values: dict[str, object] = {"accepted_on": MONDAY, "limit_days": 5, "legal_days": 20}
    values.update(kw)
    return CaseClock(**values)  # type: ignore[arg-type]


def test_each_case_carries_a_legal_and_a_promised_date() -> None:
    clock = _clock()
    assert clock.deadline(CAL).due == D(2026, 11, 9)
    assert clock.legal_deadline(CAL).due == D(2026, 11, 30)
    assert clock.state(CAL, D(2026, 11, 9))[0] is ClockState.DUE_SOON
    # the promised date missed while the legal one still holds: a state of its own
    assert clock.state(CAL, D(2026, 11, 10)) == (ClockState.PROMISE_MISSED, -1)
    assert clock.state(CAL, D(2026, 11, 30))[0] is ClockState.PROMISE_MISSED
    assert clock.state(CAL, D(2026, 12, 1))[0] is ClockState.OVERDUE
    assert ClockState.PROMISE_MISSED.flagged and ClockState.PROMISE_MISSED.label == "超承诺期"


def test_an_extension_may_not_pass_the_legal_date() -> None:
    clock = _clock()
    with pytest.raises(NotAllowed, match="法定办结日期 2026-11-30"):
        clock.extend(16, CAL)  # 21 working days > 20
    extended = clock.extend(15, CAL)
    assert extended.deadline(CAL).due == extended.legal_deadline(CAL).due == D(2026, 11, 30)
    with pytest.raises(NotAllowed, match="暂停"):
        clock.pause(D(2026, 11, 3), "公告").extend(1, CAL)


def test_only_a_licence_gets_the_one_legal_extension_of_ten_working_days() -> None:
    with pytest.raises(NotAllowed, match="行政许可"):
        _clock().extend_legal(CAL, D(2026, 11, 20))
    licence = _clock(licence=True)
    with pytest.raises(NotAllowed, match="十日"):
        licence.extend(25, CAL)  # the hint names the legal extension
    extended = licence.extend_legal(CAL, D(2026, 11, 20))
    assert extended.legal_extension_days == legal.LICENCE_EXTENSION_DAYS == 10
    assert extended.legal_deadline(CAL).due == D(2026, 12, 14)
    assert extended.deadline(CAL).due == D(2026, 11, 9)  # the promise does not move by itself
    assert extended.extend(25, CAL).deadline(CAL).due == D(2026, 12, 14)
    with pytest.raises(NotAllowed, match="只能延长一次"):
        extended.extend_legal(CAL, D(2026, 11, 20))
    with pytest.raises(NotAllowed, match="届满"):
        licence.extend_legal(CAL, D(2026, 12, 1))


def test_natural_day_limits_count_every_day_and_end_on_a_working_day() -> None:
    # 居民身份证法 第十条: 60 days
    assert count_limit(CAL, D(2026, 7, 31), 60, legal.NATURAL_DAYS).due == D(2026, 9, 29)
    # the 60th day is 10-02, inside National Day: the period ends on the next working day
    assert count_limit(CAL, D(2026, 8, 3), 60, legal.NATURAL_DAYS).due == D(2026, 10, 8)
    assert count_limit(CAL, D(2026, 8, 3), 60, legal.WORKING_DAYS).due == D(2026, 10, 30)
    clock = _clock(
        accepted_on=D(2026, 7, 31),
        limit_days=30,
        limit_unit=legal.NATURAL_DAYS,
        legal_days=60,
        legal_unit=legal.NATURAL_DAYS,
    )
    assert clock.deadline(CAL).due == D(2026, 8, 31)
    assert clock.state(CAL, D(2026, 8, 28)) == (ClockState.ON_TRACK, 3)  # natural days left
    paused = clock.pause(D(2026, 8, 10), "检验检测").resume(D(2026, 8, 20))
    assert paused.deadline(CAL).due == D(2026, 9, 9)  # 08-30 (a Sunday) + ten days
    assert paused.legal_deadline(CAL).due == D(2026, 10, 9)  # 10-09 a Friday


def test_an_instant_item_is_due_the_day_it_is_accepted() -> None:
    clock = CaseClock(accepted_on=D(2026, 11, 25), limit_days=0, legal_days=0)
    assert clock.deadline(CAL).due == clock.legal_deadline(CAL).due == D(2026, 11, 25)
    # accepted on a Saturday service day: due that Saturday, not the next working day
    weekend = CaseClock(
        accepted_on=D(2026, 11, 30), limit_days=0, legal_days=0, received_on=D(2026, 11, 28)
    )
    assert weekend.deadline(CAL).due == D(2026, 11, 28)
    assert weekend.complete(D(2026, 11, 28)).state(CAL, D(2026, 11, 28))[0] is ClockState.COMPLETED
    assert weekend.state(CAL, D(2026, 11, 30))[0] is ClockState.OVERDUE


def test_a_pause_has_a_kind_and_stops_both_clocks() -> None:
    with pytest.raises(InvalidInput, match="暂停类型"):
        _clock().pause(D(2026, 11, 4), "喝茶")
    clock = _clock().pause(D(2026, 11, 4), "专家评审")
    assert clock.pause_kinds == ("专家评审",)
    assert clock.deadline(CAL) is None and clock.legal_deadline(CAL) is None
    assert clock.state(CAL, D(2026, 12, 20))[0] is ClockState.PAUSED
    resumed = clock.resume(D(2026, 11, 16))  # eight working days not counted
    assert resumed.deadline(CAL).due == D(2026, 11, 19)
    assert resumed.legal_deadline(CAL).due == D(2026, 12, 10)
    assert resumed.restarted_on is None


def test_after_a_correction_the_limits_restart_the_day_after_the_materials_arrive() -> None:
    clock = _clock().pause(D(2026, 11, 4), "补正")
    resumed = clock.resume(D(2026, 11, 16))  # the corrected materials arrive on Monday
    assert resumed.restarted_on == D(2026, 11, 16)
    assert resumed.deadline(CAL).due == D(2026, 11, 23)  # five full days from Tue 17th
    assert resumed.legal_deadline(CAL).due == D(2026, 12, 14)  # twenty full days
    # a later pause of another kind keeps the restart and still stops both clocks
    again = resumed.pause(D(2026, 11, 18), "公告").resume(D(2026, 11, 20))
    assert again.restarted_on == D(2026, 11, 16)
    assert again.deadline(CAL).due == D(2026, 11, 25)


def test_a_deferred_material_is_overdue_after_its_date_until_received() -> None:
    assert not deferral_overdue(D(2026, 12, 1), None, D(2026, 12, 1))
    assert deferral_overdue(D(2026, 12, 1), None, D(2026, 12, 2))
    assert not deferral_overdue(D(2026, 12, 1), D(2026, 12, 3), D(2026, 12, 4))
    assert not deferral_overdue(None, None, D(2026, 12, 4))


def test_a_correction_restarts_the_clock_once_and_nothing_pauses_after_the_legal_date() -> None:
    """A correction after acceptance (补正) restarts the limits, so it may be asked once, like
    the one-time notice; and a pause after the legal date would hide an overdue case."""
    once = _clock().pause(D(2026, 11, 4), "补正", CAL).resume(D(2026, 11, 6))
    assert once.restarted_on == D(2026, 11, 6)
    with pytest.raises(NotAllowed, match="补正已要求过一次"):
        once.pause(D(2026, 11, 9), "补正", CAL)
    assert once.pause(D(2026, 11, 9), "专家评审", CAL).paused  # other steps still pause
    late = _clock()  # legal date 2026-11-30
    assert late.pause(D(2026, 11, 30), "公告", CAL).paused
    with pytest.raises(NotAllowed, match="法定期限已于 2026-11-30 届满"):
        late.pause(D(2026, 12, 1), "公告", CAL)


def test_an_extension_of_up_to_thirty_days_and_what_a_completed_case_refuses() -> None:
    from hall_app.domain.cases import MAX_EXTENSION_DAYS

    clock = _clock(legal_days=60)
    assert clock.extend(MAX_EXTENSION_DAYS, CAL).extension_days == 30
    with pytest.raises(InvalidInput, match="延长天数应为 1–30 天"):
        clock.extend(MAX_EXTENSION_DAYS + 1, CAL)
    done = _clock(licence=True).complete(D(2026, 11, 4))
    for action, what in (
        (lambda: done.extend(1, CAL), "延长时限"),
        (lambda: done.extend_legal(CAL, D(2026, 11, 4)), "延长法定期限"),
        (lambda: done.complete(D(2026, 11, 5)), "办结"),
    ):
        with pytest.raises(NotAllowed) as exc:
            action()
        assert exc.value.message == f"办件已办结，不能{what}"
