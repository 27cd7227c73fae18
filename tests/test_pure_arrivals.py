"""domain/arrivals.py: the seeded generator (the shipped profiles regenerate byte-identical),
rates per slot, and the day-profile reader."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from hall_app.domain.arrivals import (
    Arrival,
    Rates,
    generate,
    parse_profile,
    rates_from_arrivals,
    read_profile,
    sort_key,
)
from hall_app.domain.errors import InvalidInput

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("monday_peak", "midweek_quiet", "preholiday_surge")
ITEMS = {"A": ("a1", "a2"), "C": ("c1", "c2", "c3")}
LANE_OF = {code: lane for lane, codes in ITEMS.items() for code in codes}


def test_the_script_regenerates_the_shipped_profiles_byte_identical(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/make_arrival_profiles.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "monday_peak: 491 arrivals" in done.stdout
    assert "midweek_quiet: 200 arrivals" in done.stdout
    assert "preholiday_surge: 848 arrivals" in done.stdout
    for name in SHIPPED:
        made = (tmp_path / f"{name}.csv").read_bytes()
        assert made == (ROOT / f"resources/arrivals/{name}.csv").read_bytes(), name


def _counts(arrivals: list[Arrival]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in arrivals:
        counts[a.lane] = counts.get(a.lane, 0) + 1
    return counts


def test_counts_lie_within_poisson_expectations() -> None:
    # 08:00-12:00: A at 30/h (120 expected), C at 90/h then 10/h (200 + 20 = 220 expected)
    rates = Rates(480, 60, {"A": (30, 30, 30, 30), "C": (90, 90, 10, 10)})
    arrivals = generate(rates, 7, ITEMS)
    counts = _counts(arrivals)
    for lane, expected in (("A", 120), ("C", 200)):
        assert abs(counts[lane] - expected) <= 3 * math.sqrt(expected), (lane, counts)
    early = sum(1 for a in arrivals if a.lane == "C" and a.at < 10 * 3600)
    assert abs(early - 180) <= 3 * math.sqrt(180)
    assert all(480 * 60 <= a.at < 720 * 60 for a in arrivals)
    assert {a.item_code for a in arrivals if a.lane == "C"} == {"c1", "c2", "c3"}
    assert arrivals == sorted(arrivals, key=sort_key)
    # the shares, over twenty seeds (6,400 arrivals): green 3%, appointment 15%
    many = [a for seed in range(20) for a in generate(rates, seed, ITEMS)]
    assert abs(len(many) / 20 - 320) <= 3 * math.sqrt(320 / 20)
    green = sum(a.green for a in many) / len(many)
    booked = sum(a.appointment for a in many) / len(many)
    assert 0.025 <= green <= 0.035 and 0.14 <= booked <= 0.16
    assert generate(rates, 7, ITEMS) == arrivals  # seeded
    assert generate(rates, 8, ITEMS) != arrivals


def test_shares_are_parameters() -> None:
    rates = Rates(480, 60, {"A": (120, 120)})
    arrivals = generate(rates, 1, ITEMS, green_share=0.5, appointment_share=0.0)
    assert 0.4 <= sum(a.green for a in arrivals) / len(arrivals) <= 0.6
    assert not any(a.appointment for a in arrivals)


def test_a_window_start_end_is_respected() -> None:
    rates = Rates(480, 30, {"A": (60,) * 8, "C": (60,) * 8})  # 08:00-12:00
    start, end = 9 * 60 + 10.5, 10 * 60 + 40  # 09:10:30 to 10:40
    arrivals = generate(rates, 3, ITEMS, start_minute=start, end_minute=end)
    assert arrivals and all(start * 60 <= a.at < end * 60 for a in arrivals)
    # arrivals run right from the start and up to the end, at the slot rates
    assert min(a.at for a in arrivals) < start * 60 + 120
    assert max(a.at for a in arrivals) > end * 60 - 120
    expected = 2 * rates.expected("A", start, end)  # 89.5 minutes at 60/h, two lanes: 179
    assert expected == pytest.approx(179)
    assert abs(len(arrivals) - expected) <= 3 * math.sqrt(expected)
    # a window outside the slots draws nothing; half outside draws only inside
    assert generate(rates, 3, ITEMS, start_minute=0, end_minute=480) == []
    late = generate(rates, 3, ITEMS, start_minute=11 * 60 + 45, end_minute=13 * 60)
    assert late and all(705 * 60 <= a.at < 720 * 60 for a in late)


def test_scaling_multiplies_the_rates_and_the_counts() -> None:
    rates = Rates(480, 30, {"A": (10, 20, 30), "C": (40, 0, 5)})
    more = rates.scaled(1.5)
    assert more.per_lane == {"A": (15, 30, 45), "C": (60, 0, 7.5)}
    assert (more.start_minute, more.slot_minutes) == (480, 30)
    assert more.rate_at("A", 515) == 30 and rates.rate_at("A", 515) == 20
    single = sum(len(generate(rates, s, ITEMS)) for s in range(30)) / 30
    scaled = sum(len(generate(more, s, ITEMS)) for s in range(30)) / 30
    assert single == pytest.approx(52.5, abs=4) and scaled == pytest.approx(78.75, abs=5)
    with pytest.raises(ValueError):
        rates.scaled(-0.5)


def test_arrivals_sort_by_time_lane_item() -> None:
    b = Arrival(5, "a1", "B", False, False)
    a2 = Arrival(5, "z9", "A", False, False)
    a1 = Arrival(5, "b1", "A", True, True)
    first = Arrival(4, "zz", "Z", False, False)
    assert sorted([b, a2, a1, first], key=sort_key) == [first, a1, a2, b]


def test_rate_at_between_and_expected() -> None:
    rates = Rates(510, 30, {"A": (10, 20, 30)})  # 08:30-10:00
    assert [rates.rate_at("A", m) for m in (509.9, 510, 539.9, 540, 599, 600)] == [
        0,
        10,
        10,
        20,
        30,
        0,
    ]
    assert rates.rate_at("Z", 520) == 0 and rates.end_minute == 600 and rates.slots == 3
    assert rates.expected("A", 525, 555) == pytest.approx(10 * 15 / 60 + 20 * 15 / 60)
    assert rates.expected("A", 0, 2000) == pytest.approx(30)
    part = rates.between(545, 575)
    assert (part.start_minute, part.per_lane) == (540, {"A": (20, 30)})
    assert rates.between(540, 570).per_lane == {"A": (20,)}
    assert rates.between(400, 520).per_lane == {"A": (10,)}
    with pytest.raises(ValueError):
        Rates(510, 0, {})
    with pytest.raises(ValueError):
        Rates(510, 30, {"A": (-1,)})


def test_a_lane_with_arrivals_needs_items() -> None:
    assert generate(Rates(480, 30, {"B": (0, 0)}), 1, ITEMS) == []
    with pytest.raises(ValueError, match="lane B"):
        generate(Rates(480, 30, {"B": (30,)}), 1, ITEMS)


def test_rates_from_arrivals_count_per_slot_and_day() -> None:
    arrivals = [
        Arrival(8 * 3600 + 30 * 60, "a1", "A", False, False),  # 08:30 slot
        Arrival(8 * 3600 + 59 * 60 + 59, "a2", "A", False, False),
        Arrival(9 * 3600 + 40 * 60, "c1", "C", True, False),  # 09:30 slot
    ]
    rates = rates_from_arrivals(arrivals, lanes=("B",))
    assert rates.start_minute == 510 and rates.slot_minutes == 30
    assert rates.per_lane == {"A": (4, 0, 0), "B": (0, 0, 0), "C": (0, 0, 2)}
    assert rates_from_arrivals(arrivals, days=2).per_lane["A"] == (2, 0, 0)
    hourly = rates_from_arrivals(arrivals, 60)
    assert (hourly.start_minute, hourly.per_lane["A"]) == (480, (2, 0))
    assert rates_from_arrivals([], lanes=("A",)).per_lane == {"A": ()}


def test_the_monday_profile_read_back_gives_its_rates() -> None:
    import yaml

    catalog = yaml.safe_load((ROOT / "resources/catalog/demo_hall.yaml").read_text("utf-8"))
    lane_of = {str(i["code"]): i["category"] for i in catalog["items"]}
    arrivals = read_profile(ROOT / "resources/arrivals/monday_peak.csv", lane_of)
    assert len(arrivals) == 491 and arrivals == sorted(arrivals, key=sort_key)
    rates = rates_from_arrivals(arrivals)
    assert rates.start_minute == 510 and rates.end_minute == 1020
    c_at_nine = sum(1 for a in arrivals if a.lane == "C" and 540 * 60 <= a.at < 570 * 60)
    assert rates.rate_at("C", 545) == 2 * c_at_nine > 40  # the 社保 surge
    assert rates.rate_at("C", 12 * 60 + 45) == 0  # lunch
    assert arrivals[0].row() == ("08:30:09", arrivals[0].item_code, "walk-in", "normal")


def test_the_reader_reports_bad_rows_in_chinese() -> None:
    good = "time,item_code,source,priority\n09:00:05,c1,appointment,normal\n08:00:00,a1,walk-in,green\n"
    arrivals = parse_profile(good, LANE_OF)
    assert arrivals == [
        Arrival(8 * 3600, "a1", "A", False, True),
        Arrival(9 * 3600 + 5, "c1", "C", True, False),
    ]
    with pytest.raises(
        InvalidInput, match="第 3 行格式不正确（应为 time,item_code,source,priority）"
    ):
        parse_profile(
            "time,item_code,source,priority\n09:00:00,a1,walk-in,normal\n9h,a1,x,y\n", LANE_OF
        )
    with pytest.raises(InvalidInput, match="到达文件中没有记录"):
        parse_profile("time,item_code,source,priority\n", LANE_OF)
    unknown = good + "10:00:00,zz,walk-in,normal\n"
    with pytest.raises(InvalidInput, match="第 4 行的事项编码「zz」不在事项目录中"):
        parse_profile(unknown, LANE_OF)
    assert parse_profile(unknown, LANE_OF, strict=False) == arrivals
    with pytest.raises(InvalidInput, match="无法读取到达文件"):
        read_profile(ROOT / "no-such.csv", LANE_OF)
