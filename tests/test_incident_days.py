"""Back-entry of an incident that runs over more than one day (review of issue 15): the
server fails on Friday afternoon and is back on Monday, the paper kit serves both days. Each
register page carries its date; a paper time alone cannot say which day it was, so a time
without a date is refused for such an incident (it used to be dated to the first day: a
Monday 15:00 ticket became Friday's, a Monday 09:30 one was refused as before the incident),
and a time with its date (``11-30 09:30``) is entered on that day. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput
from hall_app.domain.fallback import paper_time
from hall_app.printing.kit import render_kit
from hall_app.services.context import FakeClock
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.back_entry import BackEntryView
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login, use_v1_catalog
from tests.test_incident_truth import ELDERLY
from tests.test_print_kit import page_texts
from tests.test_ui_incident import _refresh, _show


def _ticket(hall: Hall, number: str) -> m.Ticket:
    with hall.ctx.db.read() as s:
        row = s.scalars(select(m.Ticket).where(m.Ticket.number == number)).one()
        s.expunge(row)
        return row


def _entry(number: str, time: str, finished: str = "") -> BackEntry:
    return BackEntry(
        kind="ticket",
        number=number,
        time=time,
        paper_ref="号票登记簿",
        category_code="A",
        window=5,
        finished=finished,
    )


def test_an_incident_over_a_weekend_enters_each_paper_record_on_its_own_day(
    hall: Hall, clock: FakeClock
) -> None:
    fb, boss, clerk = hall.fallback, login(hall, "3001"), login(hall, "1005", 5)
    clock.now = dt.datetime(2026, 11, 27, 14, 0, tzinfo=hall.ctx.tz)  # Friday afternoon
    incident = fb.declare(boss, "服务器硬盘损坏")
    fb.kit(boss, incident.number)
    clock.now = dt.datetime(2026, 11, 30, 11, 0, tzinfo=hall.ctx.tz)  # Monday, server back

    for typed in ("15:00", "09:30"):  # Friday's or Monday's? The paper page says.
        with pytest.raises(InvalidInput, match="请在时间前写明日期"):
            fb.back_enter(clerk, incident.number, _entry("S01-001", typed))

    fb.back_enter(clerk, incident.number, _entry("S01-001", "11-27 15:00", finished="15:20"))
    fb.back_enter(clerk, incident.number, _entry("S01-002", "11-30 09:30", finished="09:50"))
    friday, monday = _ticket(hall, "S01-001"), _ticket(hall, "S01-002")
    assert friday.service_date == dt.date(2026, 11, 27)
    assert monday.service_date == dt.date(2026, 11, 30)
    local = hall.ctx.local
    assert local(monday.issued_at).strftime("%m-%d %H:%M") == "11-30 09:30"
    assert local(monday.finished_at).strftime("%m-%d %H:%M") == "11-30 09:50"  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="不在应急期间"):  # Friday morning: before it began
        fb.back_enter(clerk, incident.number, _entry("S01-003", "11-27 09:30"))
    with pytest.raises(InvalidInput, match="晚于现在"):
        fb.back_enter(clerk, incident.number, _entry("S01-003", "12-01 09:30"))


def test_a_one_day_incident_still_takes_the_time_alone(hall: Hall, clock: FakeClock) -> None:
    fb, boss, clerk = hall.fallback, login(hall, "3001"), login(hall, "1005", 5)
    clock.now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=hall.ctx.tz)
    incident = fb.declare(boss, "断网")
    fb.kit(boss, incident.number)
    clock.advance(hours=2)
    fb.back_enter(clerk, incident.number, _entry("S01-001", "09:30", finished="0950"))
    fb.back_enter(clerk, incident.number, _entry("S01-002", "11-27 09:40"))
    assert _ticket(hall, "S01-002").service_date == dt.date(2026, 11, 27)


def test_the_back_entry_form_takes_a_time_with_its_date(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    boss = login(sqlite_hall, "3001")
    sqlite_hall.fallback.declare(boss, "网络中断")
    view = BackEntryView(sqlite_hall, runner, login(sqlite_hall, "1005", 5), Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    qtbot.keyClicks(view.time, "11-30 09:30")
    assert view.time.text() == "11-30 09:30"  # the field held five characters: "11-30"


def test_a_paper_date_falls_in_the_incidents_year_across_new_year() -> None:
    tz = dt.timezone(dt.timedelta(hours=8))
    days = (dt.date(2026, 12, 31), dt.date(2027, 1, 2))
    assert paper_time("1-2 0900", None, tz, days) == dt.datetime(2027, 1, 2, 9, 0, tzinfo=tz)
    assert paper_time("12月31日 17:05", None, tz, days).date() == dt.date(2026, 12, 31)
    assert paper_time("2027-01-01 9:10", None, tz, days).date() == dt.date(2027, 1, 1)
    assert paper_time("9.42", dt.date(2027, 1, 2), tz, days).hour == 9  # a time alone
    with pytest.raises(InvalidInput, match="不存在"):
        paper_time("2-30 09:00", None, tz, days)
    with pytest.raises(InvalidInput, match="写明日期"):
        paper_time("09:00", None, tz, days)


def test_a_back_entry_note_keeps_no_phone_or_id_in_clear(hall: Hall, clock: FakeClock) -> None:
    """The paper register notes a manual fee with the payer's phone (DOMAIN: fees taken by hand
    with the payer's phone noted): the note and the paper reference are free text."""
    fb, boss, clerk = hall.fallback, login(hall, "3001"), login(hall, "1005", 5)
    incident = fb.declare(boss, "收费系统故障")
    fb.kit(boss, incident.number)
    clock.advance(minutes=20)
    entry = _entry("S01-001", f"{hall.ctx.local(clock.now):%H:%M}")
    note = "手工收费 50 元，收据号 0012345，缴费人电话 13800138000，身份证 11010519491231002X"
    fb.back_enter(clerk, incident.number, replace(entry, note=note, paper_ref="第1行 13900001111"))
    with hall.ctx.db.read() as s:
        rows = s.execute(select(m.FallbackRecord.detail, m.FallbackRecord.paper_ref)).all()
        trail = " ".join(str(d) for d in s.scalars(select(m.AuditEntry.detail)))
    stored = " ".join(f"{d} {r}" for d, r in rows)
    assert "0012345" in stored and "138****8000" in stored  # the receipt number stays
    for clear in ("13800138000", "11010519491231002X", "13900001111"):
        assert clear not in stored and clear not in trail


def test_the_kit_tells_clerks_to_start_a_new_dated_page_on_the_next_day(hall: Hall) -> None:
    kit = hall.fallback.kit(login(hall, "3001"))
    cover = page_texts(render_kit(kit))[0]
    assert "次日另起一页" in cover
    assert "通知书存根" in cover  # refusal stubs come back for back-entry too
    assert "系统恢复后交回" in cover  # the cover still holds its return box


def test_a_paper_notice_does_not_claim_a_conditional_material_was_received(
    hall: Hall, clock: FakeClock
) -> None:
    """The paper notice only ticks what is missing: an unticked 授权委托书（委托他人办理的）
    may just not apply (the applicant came in person). It was entered as received, and the
    system's notice then listed it under 已收取的材料."""
    use_v1_catalog(hall)  # the paper names of the v1 demo (test_v2_window: v2)
    fb, boss, clerk = hall.fallback, login(hall, "3001"), login(hall, "1005", 5)
    incident = fb.declare(boss, "服务器故障")
    kit = fb.kit(boss, incident.number)
    clock.advance(minutes=20)
    serial = fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="notice",
            number=kit.slips[0].serial.rsplit("-", 1)[1],
            time=f"{hall.ctx.local(clock.now):%H:%M}",
            paper_ref="告知单存根",
            item_code=ELDERLY,
            name="赵六",
            id_number="11010519491231002X",
            missing=("高龄津贴申请表",),
        ),
    )
    with hall.ctx.db.read() as s:
        notice = s.scalars(select(m.Notice).where(m.Notice.serial == serial)).one()
        lines = dict(
            s.execute(
                select(m.DocumentMaterial.name, m.DocumentMaterial.status).where(
                    m.DocumentMaterial.notice_id == notice.id
                )
            ).all()
        )
    assert lines["高龄津贴申请表"] == "to_correct"
    assert lines["申请人居民身份证"] == "received"
    assert "授权委托书" not in lines and "受托人居民身份证" not in lines


def test_a_time_alone_is_taken_when_only_one_day_of_the_incident_can_hold_it(
    hall: Hall, clock: FakeClock
) -> None:
    """Declared Friday 16:00, entered Saturday 10:00: 16:30 can only be Friday's (Saturday's is
    still to come), 09:15 only Saturday's (Friday's was before the incident)."""
    fb, boss, clerk = hall.fallback, login(hall, "3001"), login(hall, "1005", 5)
    clock.now = dt.datetime(2026, 11, 27, 16, 0, tzinfo=hall.ctx.tz)
    incident = fb.declare(boss, "服务器故障")
    fb.kit(boss, incident.number)
    clock.now = dt.datetime(2026, 11, 28, 10, 0, tzinfo=hall.ctx.tz)
    fb.back_enter(clerk, incident.number, _entry("S01-001", "16:30"))
    fb.back_enter(clerk, incident.number, _entry("S01-002", "09:15"))
    assert _ticket(hall, "S01-001").service_date == dt.date(2026, 11, 27)
    assert _ticket(hall, "S01-002").service_date == dt.date(2026, 11, 28)
