"""services/forecast.py: the arrivals expected in the next hours, from the hall's own history
of the same weekday (four weeks or more) or the shipped profile, scaled by this morning."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Iterator

import pytest
from sqlalchemy import select

from hall_app import paths
from hall_app.domain.arrivals import rates_from_arrivals, read_profile
from hall_app.services.context import FakeClock
from hall_app.services.forecast import ArrivalForecast, clamp_scale
from hall_app.services.hall import Hall
from hall_app.store import models as m

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
MONDAY = dt.date(2026, 11, 23)


def _at(day: dt.date, hour: int, minute: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), TZ) + dt.timedelta(minutes=minute)


def _every(
    day: dt.date, lane: str, start: dt.datetime, end: dt.datetime, gap: float
) -> Iterator[tuple[dt.date, str, dt.datetime]]:
    t = start
    while t < end:
        yield day, lane, t
        t += dt.timedelta(minutes=gap)


def _seed(hall: Hall, tickets: Iterable[tuple[dt.date, str, dt.datetime]]) -> list[int]:
    """Tickets written straight into the store; every 20th green, every 4th booked.
    Returns the priorities written."""
    priorities = []
    with hall.db.write() as s:
        cat = {c.code: c.id for c in s.scalars(select(m.Category))}
        sequence: dict[dt.date, int] = {}
        for i, (day, lane, at) in enumerate(tickets):
            n = sequence[day] = sequence.get(day, 0) + 1
            priority = 0 if i % 20 == 0 else 1 if i % 4 == 1 else 2
            priorities.append(priority)
            s.add(
                m.Ticket(
                    service_date=day,
                    number=f"{lane}{n:04d}",
                    prefix=lane,
                    sequence=n,
                    category_id=cat["L" if priority == 0 else lane],
                    service_category_id=cat[lane],
                    priority=priority,
                    state="finished",
                    issued_at=at.astimezone(dt.UTC),
                    queued_at=at.astimezone(dt.UTC),
                )
            )
    return priorities


def _ordinary_day(day: dt.date) -> list[tuple[dt.date, str, dt.datetime]]:
    """08:30-10:00: C 20/h, A 10/h (45 tickets); 10:00-12:00: C 30/h, A 10/h."""
    return [
        *_every(day, "C", _at(day, 8, 30), _at(day, 10, 0), 3),
        *_every(day, "A", _at(day, 8, 30), _at(day, 10, 0), 6),
        *_every(day, "C", _at(day, 10, 0), _at(day, 12, 0), 2),
        *_every(day, "A", _at(day, 10, 0), _at(day, 12, 0), 6),
    ]


def _history(hall: Hall, mondays: int) -> list[int]:
    tickets = [
        t for w in range(1, mondays + 1) for t in _ordinary_day(MONDAY - dt.timedelta(weeks=w))
    ]
    tuesday = MONDAY - dt.timedelta(days=6)  # another weekday, a very different day
    tickets += _every(tuesday, "B", _at(tuesday, 10, 0), _at(tuesday, 11, 0), 0.5)
    old = MONDAY - dt.timedelta(weeks=9)  # a Monday before the eight weeks looked at
    tickets += _every(old, "B", _at(old, 10, 0), _at(old, 11, 0), 0.5)
    return _seed(hall, tickets)


def _lane_of(hall: Hall) -> dict[str, str]:
    with hall.db.read() as s:
        return dict(
            s.execute(
                select(m.ServiceItem.code, m.Category.code).join(
                    m.Category, m.Category.id == m.ServiceItem.category_id
                )
            ).all()
        )


def _forecast(hall: Hall, clock: FakeClock, now: dt.datetime) -> ArrivalForecast:
    clock.now = now.astimezone(dt.UTC)
    return ArrivalForecast(hall.ctx)


@pytest.mark.parametrize("mondays", [5, 4])
def test_four_weeks_of_history_are_used_and_scaled_by_a_busier_morning(
    hall: Hall, clock: FakeClock, mondays: int
) -> None:
    priorities = _history(hall, mondays)
    # this morning twice as busy as those Mondays: 90 tickets by 10:00 against 45
    _seed(
        hall,
        [
            *_every(MONDAY, "C", _at(MONDAY, 8, 30), _at(MONDAY, 10, 0), 1.5),
            *_every(MONDAY, "A", _at(MONDAY, 8, 30), _at(MONDAY, 10, 0), 3),
            *_every(MONDAY, "A", _at(MONDAY, 10, 1), _at(MONDAY, 11, 0), 1),  # not yet come
        ],
    )
    now = _at(MONDAY, 10, 0)
    f = _forecast(hall, clock, now).expected(now)
    assert (f.source, f.weeks) == ("history", mondays)
    assert f.scale == pytest.approx(2.0)
    assert (f.start_minute, f.end_minute) == (600, 720)
    assert f.rates.start_minute == 600 and f.rates.slots == 4
    assert f.rates.per_lane["C"] == pytest.approx((60, 60, 60, 60))  # 30/h on those Mondays
    assert f.rates.per_lane["A"] == pytest.approx((20, 20, 20, 20))
    assert not any(f.rates.per_lane["B"])  # neither the Tuesday nor the Monday nine weeks ago
    assert f.expected_count("C") == pytest.approx(120)
    assert "L" not in f.rates.per_lane  # the green channel is not a lane of its own items
    assert f.note == f"按本厅近 {mondays} 个同星期日的到达量估计，并按今晨到达量 ×2.00 调整"
    history = priorities[: mondays * 125]
    green = history.count(0) / len(history)
    assert f.green_share == pytest.approx(green)
    assert f.appointment_share == pytest.approx(
        history.count(1) / (len(history) - history.count(0))
    )
    drawn = f.draw(1)
    assert drawn and all(600 * 60 <= a.at < 720 * 60 for a in drawn)
    assert {a.lane for a in drawn} == {"A", "C"}
    assert abs(len(drawn) - 160) <= 3 * 160**0.5 and f.draw(1) == drawn


def test_the_scale_is_clamped_and_waits_for_half_an_hour(hall: Hall, clock: FakeClock) -> None:
    _history(hall, 5)
    early = _at(MONDAY, 8, 55)  # 25 minutes after the Mondays' 08:30 opening
    f = _forecast(hall, clock, early).expected(early)
    assert f.scale == 1.0 and f.note.endswith("（开厅未满半小时，暂不按今晨到达量调整）")
    quiet = _at(MONDAY, 9, 0)  # nobody came today
    assert _forecast(hall, clock, quiet).expected(quiet).scale == 0.25
    _seed(hall, _every(MONDAY, "C", _at(MONDAY, 8, 30), _at(MONDAY, 9, 0), 0.1))  # 300
    f = _forecast(hall, clock, quiet).expected(quiet, hours=1)
    assert f.scale == 4.0 and f.end_minute == 600
    assert clamp_scale(30, 15) == 2.0 and clamp_scale(5, 0) == 1.0


@pytest.mark.parametrize("mondays", [3, 2])
def test_with_under_four_weeks_the_shipped_profile_is_used(
    hall: Hall, clock: FakeClock, mondays: int
) -> None:
    _history(hall, mondays)
    now = _at(MONDAY, 9, 30)
    lane_of = _lane_of(hall)
    profile = read_profile(paths.resources_dir() / "arrivals/monday_peak.csv", lane_of)
    before = sum(1 for a in profile if a.at < 9.5 * 3600)  # the profile's arrivals by 09:30
    today = round(1.3 * before)
    _seed(hall, [(MONDAY, "D", _at(MONDAY, 8, 30 + i / 3)) for i in range(today)])
    f = _forecast(hall, clock, now).expected(now)
    assert (f.source, f.weeks) == ("profile", mondays)
    assert f.scale == pytest.approx(today / before) and 1.25 < f.scale < 1.35
    assert f.note == (
        f"本厅同星期历史数据不足四周（{mondays} 周），按内置到达曲线估计，"
        f"并按今晨到达量 ×{f.scale:.2f} 调整"
    )
    expected = rates_from_arrivals(profile).scaled(f.scale).between(570, 690)
    assert f.rates.start_minute == 570
    assert f.rates.per_lane["C"] == pytest.approx(expected.per_lane["C"])
    assert f.rates.per_lane["C"][0] > 90  # the Monday 社保 surge, scaled
    assert (f.green_share, f.appointment_share) == (0.03, 0.15)


def test_other_weekdays_fall_back_to_the_quiet_profile(hall: Hall, clock: FakeClock) -> None:
    wednesday = _at(MONDAY + dt.timedelta(days=2), 14, 0)
    f = _forecast(hall, clock, wednesday).expected(wednesday)
    assert (f.source, f.weeks, f.scale) == ("profile", 0, 0.25)  # nobody came
    lane_of = _lane_of(hall)
    quiet = read_profile(paths.resources_dir() / "arrivals/midweek_quiet.csv", lane_of)
    expected = rates_from_arrivals(quiet).scaled(0.25).between(840, 960)
    assert f.rates.per_lane["C"] == pytest.approx(expected.per_lane["C"])
    assert f.rates.per_lane["C"] != pytest.approx(
        rates_from_arrivals(
            read_profile(paths.resources_dir() / "arrivals/monday_peak.csv", lane_of)
        )
        .scaled(0.25)
        .between(840, 960)
        .per_lane["C"]
    )


def test_only_the_same_weekday_counts(hall: Hall, clock: FakeClock) -> None:
    wednesday = MONDAY + dt.timedelta(days=2)
    tickets = []
    for w in range(1, 5):
        day = wednesday - dt.timedelta(weeks=w)
        tickets += _ordinary_day(day)
        for other in (day - dt.timedelta(days=1), day + dt.timedelta(days=1)):  # Tue, Thu
            tickets += _every(other, "B", _at(other, 10, 0), _at(other, 11, 0), 0.5)
    _seed(hall, tickets)
    now = _at(wednesday, 10, 0)
    f = _forecast(hall, clock, now).expected(now)
    assert (f.source, f.weeks) == ("history", 4)
    assert f.rates.per_lane["C"] == pytest.approx((7.5,) * 4)  # 30/h, nobody today: x0.25
    assert not any(f.rates.per_lane["B"])
