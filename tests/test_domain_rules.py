"""Hall rules pinned at their boundaries, so that a one-token change to one of them fails a
test (issue 17: the review's deliberate changes and the mutation run, docs/testing.md).

Pure domain tests: no database, no Qt; scripts/mutation runs them for every mutant.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from hall_app.domain.appointments import (
    Arrival,
    Load,
    Rules,
    arrival,
    banned_until,
    booking_code,
    capacity,
    day_slots,
    forecast,
    quietest,
)
from hall_app.domain.credit_code import check_char as credit_check_char
from hall_app.domain.credit_code import parse_credit_code
from hall_app.domain.errors import InvalidInput
from hall_app.domain.idnumber import check_char, parse_id_number
from hall_app.domain.offline_queue import OWN, SERVER, TYPED, QueueEntry, suggest
from hall_app.domain.tickets import Priority
from hall_app.domain.workdays import CalendarData, WorkCalendar

TODAY = dt.date(2026, 11, 25)
RULES = Rules()


def days_ago(*days: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=d) for d in days]


# ---------------------------------------------------------------- the no-show ban


def test_the_hall_defaults_are_three_no_shows_in_90_days_and_a_30_day_ban() -> None:
    assert (RULES.no_show_limit, RULES.no_show_days, RULES.ban_days) == (3, 90, 30)
    assert RULES.green_age == 70
    assert (RULES.fair_streak, RULES.fair_wait_minutes) == (2, 20)


def test_the_ban_lasts_30_days_from_the_last_no_show() -> None:
    # given in any order: the ban counts from the latest one
    assert banned_until(days_ago(10, 60, 40), TODAY, RULES) == TODAY + dt.timedelta(days=20)
    assert banned_until(days_ago(1, 2, 3), TODAY, RULES) == TODAY + dt.timedelta(days=29)
    # four no-shows: still from the latest
    assert banned_until(days_ago(5, 50, 7, 70), TODAY, RULES) == TODAY + dt.timedelta(days=25)


def test_the_last_day_of_the_ban_is_still_barred_and_the_next_is_free() -> None:
    assert banned_until(days_ago(60, 45, 30), TODAY, RULES) == TODAY  # the 30th day
    assert banned_until(days_ago(60, 45, 31), TODAY, RULES) is None  # over yesterday


def test_only_no_shows_of_the_last_90_days_count() -> None:
    assert banned_until(days_ago(89, 50, 10), TODAY, RULES) == TODAY + dt.timedelta(days=20)
    assert banned_until(days_ago(90, 50, 10), TODAY, RULES) is None  # 90 days ago: too old
    assert banned_until(days_ago(91, 90, 50, 10), TODAY, RULES) is None


def test_two_no_shows_are_not_a_ban_and_three_are() -> None:
    assert banned_until(days_ago(2, 1), TODAY, RULES) is None
    assert banned_until([], TODAY, RULES) is None
    assert banned_until(days_ago(3, 2, 1), TODAY, RULES) is not None


def test_a_lifted_ban_forgets_the_no_shows_up_to_the_day_it_was_lifted() -> None:
    no_shows = days_ago(20, 15, 10, 5)
    assert banned_until(no_shows, TODAY, RULES, lifted_on=TODAY - dt.timedelta(days=16))
    assert banned_until(no_shows, TODAY, RULES, lifted_on=TODAY - dt.timedelta(days=15)) is None
    assert banned_until(no_shows, TODAY, RULES, lifted_on=None) == TODAY + dt.timedelta(days=25)


def test_other_limits_are_honoured() -> None:
    rules = Rules(no_show_limit=2, no_show_days=10, ban_days=5)
    assert banned_until(days_ago(9, 3), TODAY, rules) == TODAY + dt.timedelta(days=2)
    assert banned_until(days_ago(10, 3), TODAY, rules) is None


# ---------------------------------------------------------------- GB 11643 check character


def _iso7064_mod11_2(first17: str) -> str:
    """The check character computed the standard's other way (ISO 7064 MOD 11-2: the
    weights are 2^(i) mod 11 from the right, the check value (12 - sum mod 11) mod 11)."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def test_every_check_character_agrees_with_iso_7064() -> None:
    seen = set()
    for tail in itertools.islice(itertools.count(1), 400):
        first17 = f"1101051949123{tail:04d}"
        assert check_char(first17) == _iso7064_mod11_2(first17), first17
        seen.add(check_char(first17))
    assert seen == set("0123456789X")  # all eleven characters of the table were checked


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_published_example_numbers_check(number: str) -> None:
    """The example of GB 11643-1999 itself (4405241880…) and the one the hall's forms use."""
    assert check_char(number[:17]) == number[17]
    assert parse_id_number(number, TODAY).number == number
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(InvalidInput, match="校验位"):
        parse_id_number(wrong, TODAY)


def test_the_age_turns_on_the_birthday() -> None:
    person = parse_id_number(_with_check("11010519561126001"), TODAY)
    assert person.age_on(dt.date(2026, 11, 25)) == 69
    assert person.age_on(dt.date(2026, 11, 26)) == 70
    assert person.age_on(dt.date(2027, 11, 25)) == 70
    assert person.age_on(dt.date(2026, 12, 1)) == 70
    assert person.age_on(dt.date(2026, 10, 30)) == 69


def _with_check(first17: str) -> str:
    return first17 + check_char(first17)


# ---------------------------------------------------------------- the offline desk's order

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _entry(number: str, minute: int, priority: Priority, lane: str = "A", source: str = SERVER):
    return QueueEntry(
        number, lane, "", int(priority), "waiting", T0 + dt.timedelta(minutes=minute), source
    )


def test_the_offline_desk_suggests_the_green_channel_first_whatever_its_time() -> None:
    entries = [
        _entry("A001", 0, Priority.NORMAL),
        _entry("A002", 1, Priority.APPOINTMENT),
        _entry("L001", 30, Priority.GREEN),
        _entry("S004", 2, Priority.NORMAL, source=OWN),
        _entry("L002", 40, Priority.GREEN, source=TYPED),
    ]
    order = [e.number for e in suggest(entries, ["A"])]
    assert order == ["L001", "L002", "A002", "A001", "S004"]  # then appointments, then time
    assert [e.green for e in entries] == [False, False, True, False, True]


# ---------------------------------------------------------------- slots, capacity, forecast


CAL = WorkCalendar(
    CalendarData(
        holidays=frozenset({dt.date(2026, 10, 1)}),
        workdays=frozenset({dt.date(2026, 10, 10)}),  # a make-up Saturday
        known_years=frozenset({2026}),
    )
)


def test_a_day_has_the_slots_of_its_opening_periods() -> None:
    slots = day_slots(TODAY, RULES, CAL)
    labels = [s.label for s in slots]
    assert labels[:2] == ["08:30-09:00", "09:00-09:30"]
    assert labels[6] == "11:30-12:00" and labels[7] == "13:30-14:00"
    assert labels[-1] == "17:00-17:30" and len(labels) == 7 + 8
    assert all(s.day == TODAY for s in slots)
    assert day_slots(dt.date(2026, 10, 1), RULES, CAL) == []  # a holiday
    assert day_slots(dt.date(2026, 11, 28), RULES, CAL) == []  # a Saturday
    assert len(day_slots(dt.date(2026, 10, 10), RULES, CAL)) == 15  # a make-up Saturday
    odd = Rules(periods=((dt.time(9, 0), dt.time(10, 10)),), slot_minutes=20)
    assert [s.label for s in day_slots(TODAY, odd, CAL)] == [
        "09:00-09:20",
        "09:20-09:40",
        "09:40-10:00",
    ]  # the last 10 minutes make no slot
    exact = Rules(periods=((dt.time(9, 0), dt.time(10, 0)),), slot_minutes=20)
    assert len(day_slots(TODAY, exact, CAL)) == 3


def test_a_slot_takes_the_booking_share_of_what_its_windows_serve() -> None:
    assert capacity(2, 10, RULES) == 3  # 2 windows × 30 min / 10 min = 6, half of it
    assert capacity(1, 12, RULES) == 1  # 2.5 × 0.5 = 1.25 → 1
    assert capacity(1, 60, RULES) == 1  # at least one
    assert capacity(0, 10, RULES) == 0 and capacity(-1, 10, RULES) == 0
    assert capacity(3, 0, RULES) == 45  # no service time known: one a minute
    assert capacity(2, 10, Rules(share=1.0)) == 6
    assert capacity(1, 7, Rules(share=1.0)) == 4  # 4.28… rounded down


def test_arrival_is_early_on_time_or_late_at_the_edges() -> None:
    start = dt.datetime(2026, 11, 25, 9, 0)
    minute = dt.timedelta(minutes=1)
    assert arrival(start, start - 30 * minute, RULES) is Arrival.ON_TIME
    assert arrival(start, start - 31 * minute, RULES) is Arrival.EARLY
    assert arrival(start, start + 15 * minute, RULES) is Arrival.ON_TIME
    assert arrival(start, start + 16 * minute, RULES) is Arrival.LATE
    assert arrival(start, start, Rules(early_minutes=0, late_minutes=0)) is Arrival.ON_TIME


def test_the_forecast_and_the_quietest_free_slots() -> None:
    slots = day_slots(TODAY, RULES, CAL)
    f = forecast(slots[0], [4, 6, 8], booked=2, served_capacity=10, bookable=5)
    assert (f.expected, f.capacity, f.booked, f.bookable, f.free) == (8.0, 10, 2, 5, 3)
    assert f.load is Load.BUSY  # 8 / 10 = 0.8
    assert forecast(slots[0], [], 3, 10, 5).expected == 3.0
    assert forecast(slots[0], [7], 0, 10, 5).load is Load.NORMAL  # 0.7
    assert forecast(slots[0], [4], 0, 10, 5).load is Load.NORMAL  # 0.4
    assert forecast(slots[0], [3], 0, 10, 5).load is Load.QUIET  # 0.3
    assert forecast(slots[0], [1], 0, 0, 5).load is Load.BUSY  # no capacity
    assert forecast(slots[0], [], 6, 10, 5).free == 0  # over-booked: none free, not -1
    candidates = [
        forecast(slots[0], [9], 0, 10, 5),  # 0.9
        forecast(slots[1], [2], 0, 10, 5),  # 0.2
        forecast(slots[2], [2], 5, 10, 5),  # full: not offered
        forecast(slots[3], [1], 0, 10, 5),  # 0.1
        forecast(slots[4], [2], 0, 10, 5),  # 0.2, later than slots[1]
    ]
    quiet = quietest(candidates)
    assert [q.slot for q in quiet] == [slots[3], slots[1], slots[4]]
    assert [q.slot for q in quietest(candidates, n=1)] == [slots[3]]
    assert Load.BUSY.label == "繁忙" and Load.QUIET.label == "空闲" and Load.NORMAL.label == "一般"


def test_booking_codes_avoid_look_alike_characters() -> None:
    codes = {booking_code() for _ in range(200)}
    assert len(codes) > 190 and all(len(c) == 6 for c in codes)
    assert not set("".join(codes)) & set("01IO")


# ---------------------------------------------------------------- unified social credit code


def test_credit_codes_check_and_are_normalised() -> None:
    # the check character is the GB 32100 one (checked against a published licence number)
    assert credit_check_char("91350100M000100Y4") == "3"
    assert parse_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert parse_credit_code("9135 0100 M000 100Y 43") == "91350100M000100Y43"
    with pytest.raises(InvalidInput, match="18位"):
        parse_credit_code("91350100M000100Y4")
    with pytest.raises(InvalidInput, match="无效字符"):
        parse_credit_code("91350100M000100I43")
    with pytest.raises(InvalidInput, match="校验位"):
        parse_credit_code("91350100M000100Y44")
    seen = {credit_check_char(f"9135010{n:010d}") for n in range(300)}
    assert len(seen) == 31  # every character of the table is reached


# ---------------------------------------------------------------- survivors of the first run


def test_search_matches_codes_in_any_case_and_ranks_prefixes_first() -> None:
    from hall_app.domain.search import matches, rank

    assert matches("c001", "户口迁移", "hkqy", "C001")
    assert matches("C001 户口", "户口迁移", "hkqy", "C001")
    assert not matches("c002", "户口迁移", "hkqy", "C001")
    assert rank("", "户口迁移", "hkqy") == 2 and rank("  ", "户口迁移", "hkqy") == 2
    assert rank("户口", "户口迁移", "hkqy") == 0
    assert rank("HK", "户口迁移", "HKQY") == 0
    assert rank("迁移", "户口迁移", "hkqy") == 1
    assert rank("qy", "户口迁移", "hkqy") == 1


def test_the_voice_clips_are_the_26_letters_the_digits_and_the_phrases() -> None:
    from hall_app.domain.announce import clip_names

    clips = clip_names()
    assert clips[:26] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert clips[26:36] == list("零一二三四五六七八九")
    assert len(clips) == 26 + 10 + 8 + 4


def test_an_empty_name_masks_to_nothing() -> None:
    from hall_app.domain.masking import mask_name

    assert mask_name("") == "" and mask_name(None) == ""
    assert mask_name("张三") == "张*" and mask_name("欧阳娜娜") == "欧阳**"


# ---------------------------------------------------------------- the call order (pure)


def test_a_ticket_sent_to_this_window_sorts_before_older_tickets_of_its_lanes() -> None:
    from hall_app.domain.call_order import Caller, Waiting, callable_at, sort_key

    caller = Caller(3, ("A", "C"))
    older = Waiting("A", "A", int(Priority.APPOINTMENT), T0, 1)
    sent = Waiting("C", "C", int(Priority.NORMAL), T0 + dt.timedelta(minutes=30), 2, sent_to=3)
    elsewhere = Waiting("A", "A", int(Priority.GREEN), T0, 3, sent_to=4)
    assert sorted([older, sent], key=lambda w: sort_key(w, caller)) == [sent, older]
    assert callable_at(sent, caller) and callable_at(older, caller)
    assert not callable_at(elsewhere, caller)  # sent to window 4: only window 4 calls it
