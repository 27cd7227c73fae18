"""Pure tests of small rules the mutation run found unjudged or weakly judged: the emergency
number blocks, the journal's gaps, the reveal reason, originals kept, who sits at a window,
clock skew, the ticket rules from settings, a calendar with no working day."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain import fallback, journal_mac, masking, materials, roles, server_time
from hall_app.domain.errors import InvalidInput
from hall_app.domain.settings import HallSettings
from hall_app.domain.ticket_states import TicketRules, rules_from
from hall_app.domain.workdays import MAX_DAYS, CalendarData, Deadline, WorkCalendar

DAY = dt.date(2026, 12, 2)
P = roles.Permission


def test_block_numbers_and_ticket_number() -> None:
    block = fallback.Block(fallback.TICKET, DAY, first=5, last=8, next=6)
    assert list(block.numbers()) == [5, 6, 7, 8]
    assert block.remaining == 3
    assert fallback.ticket_number(7) == "S007"
    assert fallback.ticket_number(1234) == "S1234"


def test_shortfall_tops_up_below_half_a_block() -> None:
    def blocks(left: int) -> list[fallback.Block]:
        return [fallback.Block("SW", DAY, 1, 10, 11 - left)] if left else []

    assert fallback.shortfall(blocks(5), {"SW": 10}, DAY) == {}  # exactly half: enough
    assert fallback.shortfall(blocks(4), {"SW": 10}, DAY) == {"SW": 10}
    assert fallback.shortfall([], {"SW": 1}, DAY) == {"SW": 1}  # a block of one, none left
    assert fallback.shortfall([], {"SW": 0}, DAY) == {}  # no block wanted
    other_day = [fallback.Block("SW", DAY + dt.timedelta(days=1), 1, 10, 1)]
    assert fallback.shortfall(other_day, {"SW": 10}, DAY) == {"SW": 10}


def test_journal_gaps_and_their_message() -> None:
    assert journal_mac.gaps([1, 2, 5, 9, 9]) == [(3, 4), (6, 8)]
    assert journal_mac.gaps([2]) == [(1, 1)]
    assert journal_mac.gaps([-3, 1]) == []
    assert "缺少第 3 条记录" in journal_mac.gap_message(3, 3)
    assert "缺少第 3 至 4 条记录" in journal_mac.gap_message(3, 4)
    key = journal_mac.new_key()
    assert len(key) == journal_mac.KEY_BYTES == 32 and key != journal_mac.new_key()


def test_reveal_reason_needs_four_characters_and_is_scrubbed() -> None:
    assert masking.reveal_reason("  核对身份  ") == "核对身份"
    with pytest.raises(InvalidInput, match="至少 4 个字"):
        masking.reveal_reason("看看看")
    with pytest.raises(InvalidInput):
        masking.reveal_reason("")
    said = masking.reveal_reason("核对 110101199003077777 的身份")
    assert "110101199003077777" not in said and said.startswith("核对 ")


def test_original_kept_for_forms_made_for_the_application() -> None:
    assert materials.original_kept("不动产登记申请书")
    assert materials.original_kept("授权委托书（原件）")
    assert materials.original_kept(" 个人诚信承诺书 ")
    assert not materials.original_kept("居民身份证")
    assert not materials.original_kept("申请书副本说明")  # the form's name must end the text
    # the role the v2 catalog adds, and a note inside the name
    assert materials.original_kept("个体工商户登记（备案）申请书（申请人）")
    assert materials.original_kept("生育津贴申领表（申请人）")
    assert not materials.original_kept("居民身份证（母亲）")
    assert not materials.original_kept("（申请书）")


def test_who_sits_at_a_window() -> None:
    clerk = frozenset({P.SERVE_AT_WINDOW})
    roaming = frozenset({P.SERVE_AT_WINDOW, P.SERVE_ANY_WINDOW})
    assert roles.sits_at_window(clerk, 3) and roles.sits_at_window(clerk, None)
    assert roles.sits_at_window(roaming, 3)
    assert not roles.sits_at_window(roaming, None)
    assert not roles.sits_at_window(frozenset({P.SERVE_ANY_WINDOW}), 3)
    assert not roles.sits_at_window(frozenset(), 3)


def test_skew_in_milliseconds_rounds() -> None:
    assert server_time.skew_ms(dt.timedelta(seconds=-2, microseconds=400)) == -2000
    assert server_time.skew_ms(dt.timedelta(microseconds=1600)) == 2
    assert server_time.skew_ms(dt.timedelta(minutes=1)) == 60_000


def test_ticket_rules_from_the_hall_settings() -> None:
    assert rules_from(HallSettings.from_stored({})) == TicketRules(2)
    stored = {"ticket.no_show_min_calls": "3"}
    assert rules_from(HallSettings.from_stored(stored)) == TicketRules(3)


def test_a_calendar_without_a_working_day_is_refused() -> None:
    every_day = frozenset(DAY + dt.timedelta(days=n) for n in range(MAX_DAYS + 1))
    calendar = WorkCalendar(CalendarData(holidays=every_day))
    with pytest.raises(ValueError, match="no working day found"):
        calendar.next_workday(DAY)
    calendar = WorkCalendar(CalendarData(holidays=every_day - {DAY + dt.timedelta(MAX_DAYS - 1)}))
    assert calendar.next_workday(DAY) == DAY + dt.timedelta(MAX_DAYS - 1)


def test_peak_hour_counted_in_hall_time() -> None:
    half = dt.timezone(dt.timedelta(hours=5, minutes=30))  # hours not aligned with UTC
    utc = [
        dt.datetime(2026, 12, 2, 10, 40, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 2, 11, 10, tzinfo=dt.UTC),
    ]
    assert fallback.peak_hourly(utc, half) == 2  # 16:10 and 16:40 there
    assert fallback.peak_hourly(utc, dt.UTC) == 1
    assert fallback.peak_hourly([], dt.UTC) == 0


def test_ticket_block_size_bounds() -> None:
    assert fallback.ticket_block_size(0, 1) == 1
    assert fallback.ticket_block_size(-5, 0) == 0
    assert fallback.ticket_block_size(20, 30) == 40
    assert fallback.ticket_block_size(10, 30) == 30
    assert fallback.ticket_block_size(251, 30) == fallback.MAX_TICKET_BLOCK == 500


def test_a_known_audit_action_has_its_label() -> None:
    from hall_app.domain.audit_actions import ACTION_LABELS, action_label

    code, label = next(iter(ACTION_LABELS.items()))
    assert label != code and action_label(code) == label
    assert action_label("no.such.action") == "no.such.action"


def test_paper_dates_with_and_without_a_year() -> None:
    tz = dt.timezone(dt.timedelta(hours=8))
    days = (dt.date(2026, 11, 24), dt.date(2026, 11, 25))
    # a year written on the paper is taken as written
    assert fallback.paper_time("2025-11-24 09:00", None, tz, days).date() == dt.date(2025, 11, 24)
    # no year: the incident's; a day outside the incident keeps the latest year
    assert fallback.paper_time("12-31 09:00", None, tz, days).date() == dt.date(2026, 12, 31)
    new_year = (dt.date(2026, 12, 31), dt.date(2027, 1, 1))
    assert fallback.paper_time("1-1 08:00", None, tz, new_year).date() == dt.date(2027, 1, 1)
    assert fallback.paper_time("12-31 18:00", None, tz, new_year).date() == dt.date(2026, 12, 31)
    with pytest.raises(InvalidInput, match="不存在"):
        fallback.paper_time("02-30 09:00", None, tz, days)


def test_outage_detector_declares_and_lifts_an_outage() -> None:
    d = fallback.OutageDetector(grace_seconds=2.0, failures=5)
    assert d.observe(False, 10.0) is None
    assert d.observe(False, 12.0) == "offline"  # the grace period reached exactly
    assert d.observe(False, 13.0) is None  # already offline
    assert d.observe(True, 14.0) == "online" and d.offline is False
    assert d.observe(True, 15.0) is None
    assert d.observe(False, 16.0) is None  # one failure after coming back: a blip
    d = fallback.OutageDetector(grace_seconds=60.0, failures=2)
    assert d.observe(False, 0.0) is None and d.observe(False, 1.0) == "offline"
    assert d.force_offline() is False
    assert fallback.OutageDetector().force_offline() is True


def test_quietest_slots_by_load_then_time() -> None:
    from hall_app.domain.appointments import Slot, SlotForecast, quietest

    day = dt.date(2026, 12, 3)

    def f(hour: int, expected: float, capacity: int, free: int) -> SlotForecast:
        slot = Slot(day, dt.time(hour), dt.time(hour, 30))
        return SlotForecast(slot, expected, capacity, booked=0, bookable=free)

    full = f(8, 0, 4, 0)  # nothing left to book
    one_left = f(9, 3, 4, 1)  # 0.75
    small = f(10, 1, 1, 5)  # 1.0: busier although fewer people
    empty = f(11, 0, 0, 2)  # no capacity counted as one
    assert quietest([full, one_left, small, empty]) == [empty, one_left, small]
    assert quietest([small, one_left], n=1) == [one_left]
    tie = f(14, 0, 4, 2)
    assert quietest([tie, empty]) == [empty, tie]  # equal load: the earlier slot first


def test_acceptance_refusals_name_every_material() -> None:
    from hall_app.domain.acceptance import require_acceptance
    from hall_app.domain.materials import Check, Mark, Outcome, Requirement

    def check(name: str) -> Check:
        return Check(Requirement(name, "原件", 1, "必要", "申请人自备"), Mark.MISSING)

    outcome = Outcome(complete=False, to_correct=(check("甲"), check("乙")))
    with pytest.raises(Exception, match="材料不齐全（甲、乙）"):
        require_acceptance(outcome, commitment_signed=False)
    deferred = Outcome(complete=True, deferred=(check("丙"), check("丁")))
    with pytest.raises(Exception, match="容缺受理（丙、丁）"):
        require_acceptance(deferred, commitment_signed=False)
    require_acceptance(deferred, commitment_signed=True)


def test_a_paper_record_outside_the_incident_is_named_in_hall_time() -> None:
    tz = dt.timezone(dt.timedelta(hours=5, minutes=30))  # hours not aligned with UTC
    start = dt.datetime(2026, 11, 24, 16, 30, 40, tzinfo=tz)
    end = dt.datetime(2026, 11, 24, 17, 0, tzinfo=tz)
    fallback.check_within(dt.datetime(2026, 11, 24, 16, 30, tzinfo=tz), start, end)
    with pytest.raises(InvalidInput, match=r"纸质记录时间 16:29 不在应急期间（16:30 起）内"):
        fallback.check_within(dt.datetime(2026, 11, 24, 16, 29, tzinfo=tz), start, end)
    # ended after midnight in hall time (still the 24th in UTC): the dates are shown
    overnight = dt.datetime(2026, 11, 25, 3, 0, tzinfo=tz).astimezone(dt.UTC)
    with pytest.raises(InvalidInput, match=r"时间 11-24 16:29 不在应急期间（11-24 16:30 起）"):
        fallback.check_within(dt.datetime(2026, 11, 24, 16, 29, tzinfo=tz), start, overnight)
    late = dt.datetime(2026, 11, 25, 9, 0, tzinfo=tz)  # another day: the dates are shown
    with pytest.raises(InvalidInput, match=r"时间 11-25 09:00 不在应急期间（11-24 16:30 起）内"):
        fallback.check_within(late, start, end)


def test_natural_day_limits_note_the_years_the_calendar_does_not_know() -> None:
    known = WorkCalendar(CalendarData(known_years=frozenset({2026})))
    assert known.add_days(DAY, 0) == known.add_days(DAY, -3)
    assert known.add_days(DAY, 0) == Deadline(DAY)
    got = known.add_days(dt.date(2026, 12, 20), 20)  # runs into 2027
    assert got is not None and got.assumed_years == (2027,)
    assert known.add_days(DAY, 5) == Deadline(DAY + dt.timedelta(days=5))
    with pytest.raises(ValueError, match="deadline beyond ten years"):
        WorkCalendar(CalendarData(holidays=frozenset(
            DAY + dt.timedelta(days=n) for n in range(1, MAX_DAYS + 2)
        ))).add_workdays(DAY, 1)  # fmt: skip


def test_a_case_clock_extends_once_and_merges_assumed_years() -> None:
    from hall_app.domain.cases import CaseClock

    calendar = WorkCalendar(CalendarData(known_years=frozenset({2026})))
    clock = CaseClock(accepted_on=dt.date(2026, 12, 1), limit_days=10, legal_days=30)
    extended = clock.extend(5, calendar)
    assert (extended.extension_days, extended.extensions) == (5, 1)
    plain = CaseClock(accepted_on=dt.date(2026, 12, 1), limit_days=10)
    assert plain.legal_deadline(calendar) == plain.deadline(calendar)  # not extended
    licence = CaseClock(accepted_on=dt.date(2026, 12, 1), limit_days=20, licence=True).extend_legal(
        calendar, dt.date(2026, 12, 2)
    )
    legal = licence.legal_deadline(calendar)
    assert legal is not None and legal.assumed_years == (2027,)  # 20 + 10 working days


def test_a_landline_keeps_its_last_four_digits() -> None:
    assert masking.mask_phone("023-74680000") == "********0000"
    assert masking.mask_phone("13800138000") == "138****8000"
    assert masking.mask_phone("1234") == "****"


def test_a_private_use_character_is_refused_as_invisible() -> None:
    from hall_app.domain.errors import InvalidInput
    from hall_app.domain.text import clean_text

    with pytest.raises(InvalidInput) as exc:
        clean_text("张\ue000三", "姓名")  # a private-use code point (category Co)
    assert exc.value.message == "姓名包含不可见的控制字符（U+E000），请重新输入"
