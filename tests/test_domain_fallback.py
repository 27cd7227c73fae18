"""The pure rules of the manual fallback."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.domain.fallback import (
    Block,
    OutageDetector,
    check_within,
    match_ledger,
    paper_time,
    parse_plan,
    parse_ticket_number,
    shortfall,
)
from hall_app.services.fallback import load_plan

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 11, 25)


def test_one_failed_probe_is_a_blip_two_are_an_outage() -> None:
    d = OutageDetector(grace_seconds=2.0, failures=2)
    assert d.observe(False, 0.0) is None
    assert d.observe(True, 1.0) is None and not d.offline
    assert d.observe(False, 2.0) is None
    assert d.observe(False, 3.0) == "offline"
    assert d.observe(False, 4.0) is None  # said once
    assert d.observe(True, 5.0) == "online"


def test_a_slow_failure_counts_by_time() -> None:
    d = OutageDetector(grace_seconds=2.0, failures=5)
    assert d.observe(False, 10.0) is None
    assert d.observe(False, 12.5) == "offline"  # a probe that hung for the connect timeout


def test_a_failed_write_goes_offline_at_once() -> None:
    d = OutageDetector()
    assert d.force_offline() and not d.force_offline()


def test_blocks_are_topped_up_below_half() -> None:
    blocks = [
        Block("S", DAY, 1, 30, 20),
        Block("SW", DAY, 1, 10, 5),
        Block("S", DAY - dt.timedelta(1), 1, 30, 1),
    ]
    assert shortfall(blocks, {"S": 30, "SW": 10, "BZ": 10}, DAY) == {"S": 30, "BZ": 10}


def test_paper_numbers_and_times() -> None:
    assert parse_ticket_number("s017") == 17 == parse_ticket_number("17")
    with pytest.raises(InvalidInput, match="应急号票"):
        parse_ticket_number("A017")
    assert paper_time("9:42", DAY, TZ) == dt.datetime(2026, 11, 25, 9, 42, tzinfo=TZ)
    assert paper_time("0942", DAY, TZ) == paper_time("09：42", DAY, TZ)
    for bad in ("25:00", "9点", ""):
        with pytest.raises(InvalidInput):
            paper_time(bad, DAY, TZ)
    assert paper_time("9:59", DAY, TZ).minute == 59
    for bad, message in (
        ("9:60", "时间「9:60」不存在"),
        ("2-30 09:42", "日期「2-30 09:42」不存在"),
    ):
        with pytest.raises(InvalidInput) as exc:
            paper_time(bad, DAY, TZ)
        assert exc.value.message == message
    start = dt.datetime(2026, 11, 25, 9, 0, tzinfo=TZ)
    # within the incident, from its first minute (paper times are written to the minute) …
    check_within(
        paper_time("09:00", DAY, TZ),
        start + dt.timedelta(seconds=40),
        start + dt.timedelta(hours=1),
    )
    check_within(paper_time("10:00", DAY, TZ), start, start + dt.timedelta(hours=1))
    # … and no slack beyond it: 08:55 is not the incident's (issue 15 let 10 minutes through)
    for before_or_after in ("08:55", "08:59", "08:40", "10:01"):
        with pytest.raises(InvalidInput, match="不在应急期间"):
            check_within(paper_time(before_or_after, DAY, TZ), start, start + dt.timedelta(hours=1))
    # the incident's start as stored (UTC) is said in the hall's time, like the paper time
    with pytest.raises(InvalidInput, match="（09:00 起）"):
        check_within(
            paper_time("08:40", DAY, TZ), start.astimezone(dt.UTC), start + dt.timedelta(hours=1)
        )


def test_the_ledger_balances_when_every_number_is_entered_or_void() -> None:
    reserved = {"ticket": ["S001", "S002", "S003"], "case": ["SL-1"]}
    ledger = match_ledger(reserved, [("ticket", "S001"), ("case", "SL-1")], [("ticket", "S003")])
    assert ledger.outstanding_numbers == ("S002",) and not ledger.balanced
    tickets = next(x for x in ledger.lines if x.kind == "ticket")
    assert (tickets.reserved, tickets.entered, tickets.voided, tickets.outstanding) == (3, 1, 1, 1)
    assert match_ledger(
        reserved, [("ticket", "S002")], [("ticket", "S001"), ("ticket", "S003"), ("case", "SL-1")]
    ).balanced


def test_the_shipped_plan_reads_and_mistakes_are_named() -> None:
    plan = load_plan()
    assert len(plan.steps) >= 8 and plan.reserve["S"] > 0 and plan.kit.tickets > 0
    assert all(step.who and step.what for step in plan.steps)
    with pytest.raises(InvalidInput, match="第 1 个步骤缺少"):
        parse_plan('[[steps]]\nid = "a"\n')
    with pytest.raises(InvalidInput, match="重复"):
        parse_plan('[[steps]]\nid="a"\nwho="x"\nwhat="y"\n[[steps]]\nid="a"\nwho="x"\nwhat="y"\n')
    with pytest.raises(InvalidInput, match="XX"):
        parse_plan('[reserve]\nXX = 3\n[[steps]]\nid="a"\nwho="x"\nwhat="y"\n')
    with pytest.raises(InvalidInput, match="格式错误"):
        parse_plan("steps = [")
