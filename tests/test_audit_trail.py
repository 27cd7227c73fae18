"""Reading the audit trail: filters by staff, window, terminal, action and time; details and
terminals masked; the CSV export masked and formula-safe, and itself audited."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from hall_app.domain.errors import NotAllowed
from hall_app.services.audit_trail import AuditFilter
from hall_app.services.context import FakeClock, audit
from hall_app.services.hall import Hall
from tests.conftest import login

ID = "110105199001011234"
PHONE = "13812345678"


@pytest.fixture
def trail(hall: Hall, clock: FakeClock) -> Hall:
    clerk = login(hall, "1001", 1)  # opens a session at window 1 on terminal pytest
    clock.advance(minutes=5)
    with hall.db.write() as s:
        audit(s, hall.ctx, clerk, "call", "ticket", 7, note=f"申请人 {ID} 电话 {PHONE}")
    clock.advance(minutes=5)
    hall.auth.logout(clerk)
    clock.advance(minutes=5)
    boss = login(hall, "3001")
    with hall.db.write() as s:
        audit(s, hall.ctx, boss, "tidal_set", "window", 2, reason='=HYPERLINK("x")')
    return hall


def test_filters_and_masking(trail: Hall, clock: FakeClock) -> None:
    boss = login(trail, "9001")
    everything = trail.audit.entries(boss)
    assert everything[0].id > everything[-1].id  # newest first
    (call,) = trail.audit.entries(boss, AuditFilter(action="call"))
    assert (call.staff_no, call.entity, call.entity_id) == ("1001", "ticket", 7)
    assert ID not in call.detail and PHONE not in call.detail
    assert "110105********1234" in call.detail and "138****5678" in call.detail
    by_staff = trail.audit.entries(boss, AuditFilter(staff_no="1001"))
    assert {r.staff_no for r in by_staff} == {"1001"} and len(by_staff) >= 3  # login…logout
    at_window = trail.audit.entries(boss, AuditFilter(window=1))
    assert "call" in {r.action for r in at_window}
    assert "tidal_set" not in {r.action for r in at_window}  # after the session ended
    assert not trail.audit.entries(boss, AuditFilter(window=2))
    start = clock.now - dt.timedelta(minutes=20)
    window = AuditFilter(since=start, until=start + dt.timedelta(minutes=11))  # t0-5 … t0+6
    assert {r.action for r in trail.audit.entries(boss, window)} == {"login", "call"}
    assert not trail.audit.entries(boss, AuditFilter(terminal="nowhere"))
    assert len(trail.audit.entries(boss, AuditFilter(limit=2))) == 2


def test_export_is_masked_formula_safe_and_audited(trail: Hall, tmp_path: Path) -> None:
    boss = login(trail, "3001")
    out = tmp_path / "audit.csv"
    count = trail.audit.export(boss, out, AuditFilter(since=trail.ctx.now() - dt.timedelta(1)))
    text = out.read_text(encoding="utf-8-sig")
    assert ID not in text and PHONE not in text
    rows = list(csv.reader(text.splitlines()))
    assert rows[0][0] == "编号" and len(rows) == count + 1
    details = [r[8] for r in rows[1:]]
    assert any(d.startswith("{") and "HYPERLINK" in d for d in details)
    assert not [c for r in rows[1:] for c in r if c[:1] in ("=", "+", "-", "@")]
    (entry,) = trail.audit.entries(boss, AuditFilter(action="audit_export"))
    assert entry.staff_no == "3001" and f'"rows": {count}' in entry.detail


def test_a_formula_in_any_cell_is_neutralised(trail: Hall, tmp_path: Path) -> None:
    boss = login(trail, "3001")
    with trail.db.write() as s:
        audit(s, trail.ctx, boss, "@SUM(A1)", "-2+3", None)
    out = tmp_path / "audit.csv"
    trail.audit.export(boss, out, AuditFilter(limit=1))
    row = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[1]
    assert (row[5], row[6]) == ("'@SUM(A1)", "'-2+3")


def test_clerks_and_reception_neither_read_nor_export(trail: Hall, tmp_path: Path) -> None:
    for who in (login(trail, "1002", 2), login(trail, "2001")):
        with pytest.raises(NotAllowed):
            trail.audit.entries(who)
        with pytest.raises(NotAllowed):
            trail.audit.export(who, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
