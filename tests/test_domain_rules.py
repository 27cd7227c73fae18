"""Hall rules pinned at their boundaries, so that a one-token change to one of them fails a
test (issue 17: the review's deliberate changes and the mutation run, docs/testing.md).

Pure domain tests: no database, no Qt; scripts/mutation runs them for every mutant.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from hall_app.domain.appointments import Rules, banned_until
from hall_app.domain.errors import InvalidInput
from hall_app.domain.idnumber import check_char, parse_id_number
from hall_app.domain.offline_queue import OWN, SERVER, TYPED, QueueEntry, suggest
from hall_app.domain.tickets import Priority

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
    assert order == ["L001", "L002", "A001", "A002", "S004"]
    assert [e.green for e in entries] == [False, False, True, False, True]
