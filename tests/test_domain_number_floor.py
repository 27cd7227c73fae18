"""Where the counters continue after a restore (``domain.number_floor``), pure: the numbers
read from slips, archive names and serials, the highest per counter, and the lifts."""

from __future__ import annotations

import datetime as dt

from hall_app.domain.number_floor import (
    DOCUMENT_COUNTER,
    TICKET_COUNTER,
    CounterKey,
    Handed,
    block,
    day_in,
    floors,
    in_name,
    lifts,
    serials,
    slip_reference,
    ticket,
)

DAY = dt.date(2026, 11, 25)
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def t(prefix: str, seq: int, day: dt.date = DAY) -> Handed:
    return Handed(CounterKey(TICKET_COUNTER, prefix, day), seq)


def d(kind: str, seq: int, day: dt.date = DAY) -> Handed:
    return Handed(CounterKey(DOCUMENT_COUNTER, kind, day), seq)


def test_ticket_numbers_are_read_with_their_prefix_and_sequence() -> None:
    assert ticket(DAY, "A001") == t("A", 1)
    assert ticket(DAY, " c012 ") == t("C", 12)
    assert ticket(DAY, "S12345") == t("S", 12345)
    for not_a_ticket in ("A01", "A123456", "AB001", "001", "", "A-001"):
        assert ticket(DAY, not_a_ticket) is None, not_a_ticket
    assert str(CounterKey(TICKET_COUNTER, "A", DAY)) == "ticket:A:2026-11-25"


def test_serials_carry_their_own_day() -> None:
    text = "补正 BZ-500229-20261125-0007 与 sl-500229-20261124-000012，事件 YJ-20261125-03"
    assert serials(text) == [
        d("BZ", 7),
        d("SL", 12, dt.date(2026, 11, 24)),
        d("YJ", 3),
    ]
    assert serials("BZ-500229-20261332-0007") == []  # no such day
    assert serials("XBZ-500229-20261125-0007") == []  # glued to a letter
    assert serials("BZ-500229-20261125-00071234") == []  # too many digits
    assert serials("YJ-20261125-1") == []  # too few


def test_a_reserved_block_counts_up_to_its_last_number() -> None:
    assert block("S", DAY, 40) == t("S", 40)
    assert block("BZ", DAY, 9) == d("BZ", 9)


def test_the_first_date_in_a_folder_or_name() -> None:
    assert day_in("archive/2026-11-25/x") == DAY
    assert day_in("20261125") == DAY
    assert day_in("2026-13-01 then 2026-11-24") == dt.date(2026, 11, 24)
    assert day_in("120261125") is None and day_in("no date") is None


def test_a_slip_is_archived_under_the_hall_s_day() -> None:
    early = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)  # 07:30 in Beijing
    assert slip_reference(early, SHANGHAI, "A001") == "20261125-A001"


def test_numbers_in_archived_document_names() -> None:
    assert in_name("ticket-A001", DAY) == [t("A", 1)]
    assert in_name("ticket-A001", None) == []  # a ticket needs a day
    assert in_name("ticket-2026-11-24-S003", None) == [t("S", 3, dt.date(2026, 11, 24))]
    assert in_name("ticket-2026-11-24-S003", DAY) == [t("S", 3)]  # the folder's day first
    assert in_name("notice-BZ-500229-20261125-0007-补打", DAY) == [d("BZ", 7)]
    assert in_name("report-A001", DAY) == []  # only ticket slips hold ticket numbers
    assert in_name("ticket-nothing", DAY) == []
    # numbers run together are still read apart
    assert in_name("ticket-20261124S003", None) == [t("S", 3, dt.date(2026, 11, 24))]
    assert in_name("ticket-BZ-500229-20261125-0007A001", DAY) == [d("BZ", 7), t("A", 1)]
    assert in_name("ticket-YJ-20261125-01A002", DAY) == [d("YJ", 1), t("A", 2)]


def test_floors_keep_the_highest_per_counter_and_lifts_only_raise() -> None:
    found = [
        t("A", 3),
        t("A", 9),
        t("A", 5),
        t("C", 2),
        d("BZ", 7),
        t("A", 4, dt.date(2026, 11, 24)),
    ]
    top = floors(found)
    assert top == {
        CounterKey(TICKET_COUNTER, "A", DAY): 9,
        CounterKey(TICKET_COUNTER, "C", DAY): 2,
        CounterKey(DOCUMENT_COUNTER, "BZ", DAY): 7,
        CounterKey(TICKET_COUNTER, "A", dt.date(2026, 11, 24)): 4,
    }
    assert floors([t("A", 0)]) == {}
    assert floors([t("A", 1)]) == {CounterKey(TICKET_COUNTER, "A", DAY): 1}
    assert lifts({}, {CounterKey(TICKET_COUNTER, "A", DAY): 1}) == {
        CounterKey(TICKET_COUNTER, "A", DAY): 1
    }
    current = {
        CounterKey(TICKET_COUNTER, "A", DAY): 9,  # already there: not moved
        CounterKey(TICKET_COUNTER, "C", DAY): 5,  # above: never moved down
        CounterKey(DOCUMENT_COUNTER, "BZ", DAY): 6,  # one behind: lifted
    }
    assert lifts(current, top) == {
        CounterKey(TICKET_COUNTER, "A", dt.date(2026, 11, 24)): 4,
        CounterKey(DOCUMENT_COUNTER, "BZ", DAY): 7,
    }
    assert list(lifts({}, top)) == sorted(top)


# ---------------------------------------------------------------- a paper time's day


def test_a_paper_time_alone_finds_its_day_within_the_incident() -> None:
    from hall_app.domain.fallback import incident_day

    start = dt.datetime(2026, 11, 24, 16, 30, 40, tzinfo=SHANGHAI)
    one_day_end = dt.datetime(2026, 11, 24, 17, 0, tzinfo=SHANGHAI)
    assert incident_day("10:00", start, one_day_end) == dt.date(2026, 11, 24)  # one day
    assert incident_day("不是时间", start, one_day_end) == dt.date(2026, 11, 24)
    end = dt.datetime(2026, 11, 26, 9, 15, tzinfo=SHANGHAI)  # three days
    assert incident_day("16:45", start, end) is None  # the 24th or the 25th
    assert incident_day("16:30", start, end) is None  # its first minute counts on the 24th
    assert incident_day("09:15", start, end) is None  # the 25th or the end minute on the 26th
    short = dt.datetime(2026, 11, 25, 9, 15, tzinfo=SHANGHAI)  # two days
    assert incident_day("16:29", start, short) is None  # before the start, after the end
    assert incident_day("16:30", start, short) == dt.date(2026, 11, 24)
    assert incident_day("23:59", start, short) == dt.date(2026, 11, 24)
    assert incident_day("0:00", start, short) == dt.date(2026, 11, 25)
    assert incident_day("09:15", start, short) == dt.date(2026, 11, 25)
    assert incident_day("09:16", start, short) is None
    assert incident_day(" 8:05 ", start, short) == dt.date(2026, 11, 25)
    assert incident_day("8点05", start, short) is None  # not a time: the date is needed
    assert incident_day("24:00", start, short) is None  # no such time
    assert incident_day("08:60", start, short) is None
    assert incident_day("23:00", start, short) == dt.date(2026, 11, 24)
    # the first minute counts whatever the fraction of a second the incident began at
    precise = dt.datetime(2026, 11, 24, 16, 30, 0, 500_000, tzinfo=SHANGHAI)
    assert incident_day("16:30", precise, short) == dt.date(2026, 11, 24)
