"""Working days, the case clock, the material check and serial numbers: pure rules."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from hall_app.domain.cases import CaseClock, ClockState
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.materials import Check, Mark, Requirement, evaluate, merge
from hall_app.domain.serials import Serial, parse_serial
from hall_app.domain.workdays import CalendarData, WorkCalendar

D = dt.date


def _days(year: int, *spans: str) -> frozenset[dt.date]:
    """``"01-28..02-04"`` or ``"04-27"`` of ``year`` as dates."""
    out: set[dt.date] = set()
    for span in spans:
        first, _, last = span.partition("..")
        day = dt.date.fromisoformat(f"{year}-{first}")
        end = dt.date.fromisoformat(f"{year}-{last or first}")
        while day <= end:
            out.add(day)
            day += dt.timedelta(days=1)
    return frozenset(out)


# Written out by hand from the State Council's notices (国务院办公厅关于2025年/2026年部分节假日
# 安排的通知), not computed from the chinesecalendar package, so that a wrong package (or a
# wrong seed from it) cannot make these tests agree with it.
HOLIDAYS_2025 = _days(
    2025, "01-01", "01-28..02-04", "04-04..04-06", "05-01..05-05", "05-31..06-02", "10-01..10-08"
)
MAKE_UP_2025 = _days(2025, "01-26", "02-08", "04-27", "09-28", "10-11")
HOLIDAYS_2026 = _days(
    2026,
    "01-01..01-03",
    "02-15..02-23",
    "04-04..04-06",
    "05-01..05-05",
    "06-19..06-21",
    "09-25..09-27",
    "10-01..10-07",
)
MAKE_UP_2026 = _days(2026, "01-04", "02-14", "02-28", "05-09", "09-20", "10-10")

CAL = WorkCalendar(
    CalendarData(
        holidays=HOLIDAYS_2025 | HOLIDAYS_2026,
        workdays=MAKE_UP_2025 | MAKE_UP_2026,
        known_years=frozenset({2025, 2026}),
    )
)


@pytest.mark.parametrize(
    ("accepted", "days", "due"),
    [
        (D(2025, 9, 26), 5, D(2025, 10, 10)),  # Sun 09-28 is a make-up day; National Day skipped
        (D(2025, 9, 30), 3, D(2025, 10, 11)),  # a Saturday make-up workday
        (D(2026, 2, 12), 5, D(2026, 2, 26)),  # Sat 02-14 counts; Spring Festival skipped
        (D(2026, 9, 18), 5, D(2026, 9, 24)),  # Sun 09-20 counts
        (D(2026, 4, 30), 20, D(2026, 6, 1)),  # Labour Day; Sat 05-09 counts
    ],
)
def test_domain_md_vectors(accepted: dt.date, days: int, due: dt.date) -> None:
    deadline = CAL.add_workdays(accepted, days)
    assert deadline is not None and deadline.due == due and not deadline.warning


def test_the_package_that_seeds_the_calendar_agrees_with_the_notices() -> None:
    """The migration seeds the calendar table from chinesecalendar: for 2025 and 2026 it must
    say what the notices say, day by day."""
    day = D(2025, 1, 1)
    while day <= D(2026, 12, 31):
        assert CAL.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
    assert len(HOLIDAYS_2026) == 3 + 9 + 3 + 5 + 3 + 3 + 7 and len(MAKE_UP_2026) == 6


def test_unknown_year_falls_back_to_monday_to_friday_with_a_warning() -> None:
    deadline = CAL.add_workdays(D(2026, 12, 24), 10)
    assert deadline is not None
    # 12-25 … 12-31 give 5 working days, then Mon–Fri in 2027 (New Year unknown)
    assert deadline.due == D(2027, 1, 7)
    assert deadline.assumed_years == (2027,)
    assert "2027 年的节假日安排尚未录入" in deadline.warning


def test_admin_entered_year_is_used_without_warning() -> None:
    data = CAL.data
    cal = WorkCalendar(
        CalendarData(
            holidays=data.holidays | {D(2027, 1, 1)},
            workdays=data.workdays,
            known_years=data.known_years | {2027},
        )
    )
    deadline = cal.add_workdays(D(2026, 12, 31), 1)
    assert deadline is not None and deadline.due == D(2027, 1, 4) and not deadline.warning
    assert cal.missing_next_year(D(2026, 11, 25)) is None
    assert CAL.missing_next_year(D(2026, 11, 25)) == 2027
    assert CAL.missing_next_year(D(2026, 10, 31)) is None


def test_weekend_acceptance_moves_to_the_next_working_day() -> None:
    assert CAL.next_workday(D(2026, 10, 1)) == D(2026, 10, 8)
    assert CAL.next_workday(D(2026, 10, 10)) == D(2026, 10, 10)  # a make-up Saturday


def test_clock_pause_resume_extend_complete() -> None:
    clock = CaseClock(accepted_on=D(2026, 11, 2), limit_days=5, legal_days=20)  # Monday
    assert clock.deadline(CAL).due == D(2026, 11, 9)
    assert clock.state(CAL, D(2026, 11, 3)) == (ClockState.ON_TRACK, 4)
    assert clock.state(CAL, D(2026, 11, 5)) == (ClockState.DUE_SOON, 2)
    paused = clock.pause(D(2026, 11, 4))  # Wed: two days used (Tue, Wed)
    assert paused.state(CAL, D(2026, 11, 20)) == (ClockState.PAUSED, None)
    resumed = paused.resume(D(2026, 11, 16))  # corrected materials arrive on Monday
    assert resumed.deadline(CAL).due == D(2026, 11, 19)  # three days left: Tue, Wed, Thu
    extended = resumed.extend(3, CAL)
    assert extended.deadline(CAL).due == D(2026, 11, 24)
    with pytest.raises(NotAllowed, match="只能延长一次"):
        extended.extend(1, CAL)
    assert extended.state(CAL, D(2026, 11, 25))[0] is ClockState.PROMISE_MISSED
    done = extended.complete(D(2026, 11, 25))
    assert done.state(CAL, D(2026, 11, 30))[0] is ClockState.COMPLETED_LATE
    with pytest.raises(NotAllowed, match="已办结"):
        done.pause(D(2026, 11, 26))
    with pytest.raises(NotAllowed, match="先恢复"):
        paused.complete(D(2026, 11, 5))
    with pytest.raises(InvalidInput):
        clock.extend(0, CAL)


def _req(name: str, requirement: str = "必要", **kw: object) -> Requirement:
    return Requirement(
        name,
        kw.pop("form", "原件"),
        kw.pop("copies", 1),
        requirement,  # type: ignore[arg-type]
        kw.pop("source", "申请人自备"),
        **kw,
    )  # type: ignore[arg-type]


def test_bundle_materials_merge_without_duplicates() -> None:
    merged = merge(
        [
            ("出生医学证明签发", [_req("父母身份证"), _req("出生医学证明", source="政府部门核发")]),
            ("出生登记", [_req("父母身份证", form="复印件", copies=2), _req("户口簿")]),
            ("社保卡申领", [_req("父母身份证", requirement="非必要"), _req("照片", "容缺后补")]),
        ]
    )
    names = [m.name for m in merged]
    assert names == ["父母身份证", "出生医学证明", "户口簿", "照片"]
    ids = merged[0]
    assert (ids.form, ids.copies, ids.requirement) == ("原件和复印件", 2, "必要")
    assert ids.items == ("出生医学证明签发", "出生登记", "社保卡申领")


def test_evaluate_lists_everything_to_correct_at_once() -> None:
    checks = [
        Check(_req("身份证")),
        Check(_req("营业执照", source="共享免提交")),
        Check(_req("授权委托书", situation="委托他人办理的")),
        Check(_req("租赁合同")),
        Check(_req("健康证明", "容缺后补")),
        Check(_req("宣传册", "非必要")),
    ]
    assert checks[1].mark is Mark.RECEIVED  # shared data is never demanded
    with pytest.raises(InvalidInput, match="授权委托书"):
        evaluate(checks)
    checks[2].applies = False
    with pytest.raises(InvalidInput, match="未核验：身份证、租赁合同、健康证明"):
        evaluate(checks)
    checks[0].mark = Mark.RECEIVED
    checks[3].mark = Mark.FAULTY
    checks[4].mark = Mark.MISSING
    with pytest.raises(InvalidInput, match="问题"):
        evaluate(checks)
    checks[3].problem = "过期"
    outcome = evaluate(checks)
    assert not outcome.complete
    assert [c.material.name for c in outcome.to_correct] == ["租赁合同"]
    assert [c.material.name for c in outcome.deferred] == ["健康证明"]
    assert [c.material.name for c in outcome.not_applicable] == ["授权委托书"]
    checks[3].mark = Mark.RECEIVED
    assert evaluate(checks).complete


def test_serials_round_trip_and_scanner_noise() -> None:
    serial = Serial("BZ", "500231", D(2026, 11, 25), 7)
    assert str(serial) == "BZ-500231-20261125-0007"
    assert parse_serial(" bz－500231-20261125-0007\n") == serial
    with pytest.raises(InvalidInput, match="不是有效"):
        parse_serial("A012")
    with pytest.raises(InvalidInput, match="日期"):
        parse_serial("BZ-500231-20260230-0001")


def test_local_calendar_overrides_file(tmp_path) -> None:
    from hall_app.domain.errors import InvalidInput as Bad
    from hall_app.services.calendar import local_overrides

    path = tmp_path / "calendar_local.toml"
    path.write_text('holidays = ["2026-12-28"]\nworkdays = ["2026-12-19"]\n', encoding="utf-8")
    assert local_overrides(path) == (frozenset({D(2026, 12, 28)}), frozenset({D(2026, 12, 19)}))
    path.write_text('holidays = ["2026-13-01"]\n', encoding="utf-8")
    with pytest.raises(Bad, match="本地工作日历"):
        local_overrides(path)
    assert local_overrides(tmp_path / "missing.toml") == (frozenset(), frozenset())
