"""Migration 0022: ``system_job_run`` (one row per automatic job and slot) is added; the
rows already there stay, and a slot can be claimed once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hall_app.domain.errors import DatabaseError
from hall_app.store.models import HallSetting, SystemJobRun
from tests._migration import upgrade_holding

_ROWS = ("INSERT INTO hall_setting (key, value) VALUES ('hall.name', '重庆市垫江县政务服务中心')",)


def test_settings_survive_and_a_slot_is_claimed_once(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0022", _ROWS)
    at = dt.datetime(2026, 12, 2, 9, 31, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    claim = {"job": "no_show_sweep", "slot": "2026-12-02T09:30", "claimed_at": at, "done": 2}
    try:
        with db.read() as s:
            assert s.get_one(HallSetting, "hall.name").value == "重庆市垫江县政务服务中心"
            assert s.scalars(select(SystemJobRun)).all() == []
        with db.write() as s:
            s.add(SystemJobRun(terminal="pc-1", **claim))
        with pytest.raises((DatabaseError, IntegrityError)), db.write() as s:
            s.add(SystemJobRun(terminal="pc-2", **claim))
        with db.read() as s:
            run = s.scalars(select(SystemJobRun)).one()
            assert (run.terminal, run.done, run.claimed_at) == ("pc-1", 2, at)
    finally:
        db.dispose()
