"""Issue 12 #1 (services): a citizen who declines to rate (Esc) leaves a 未评价 row; the 好差评
figures count it apart and leave it out of the satisfaction rate. SQLite and PostgreSQL;
the migration keeps the data of the previous revision."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from hall_app.config import Config
from hall_app.services.hall import Hall, open_hall
from hall_app.store import migrate
from hall_app.store import models as m
from hall_app.store.db import Database
from tests.conftest import login
from tests.test_followups import _served


def test_an_unrated_service_is_recorded_without_a_level(hall: Hall):
    clerk = login(hall, "1001", 1)
    number = _served(hall, clerk)
    assert hall.followups.rate(clerk, number, None, "不想评") is None  # no rectification
    with hall.db.read() as s:
        rating = s.scalars(select(m.Rating)).one()
        assert (rating.level, rating.comment, rating.window_number) == (None, "不想评", 1)
        audit = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "rating")).one()
    assert json.loads(audit.detail)["level"] == "未评价"
    assert hall.followups.followups() == []
    with pytest.raises(Exception, match="已评价过"):
        hall.followups.rate(clerk, number, 5)  # still one rating per service


def test_satisfaction_counts_unrated_apart_and_leaves_it_out_of_the_rate(hall: Hall):
    clerk = login(hall, "1001", 1)
    for level in (5, 1, None, None):
        hall.followups.rate(clerk, _served(hall, clerk), level)
    rows = {(r.group, r.name): r for r in hall.followups.satisfaction()}
    window = rows[("窗口", "1号窗口")]
    assert (window.ratings, window.bad, window.unrated) == (2, 1, 2)
    assert window.average == pytest.approx(3.0)
    assert window.satisfaction == pytest.approx(50.0)  # 1 of the 2 ratings given, not of 4
    staff = rows[("工作人员", "王丽")]
    assert (staff.ratings, staff.unrated) == (2, 2)


def test_only_unrated_services_give_no_rate(hall: Hall):
    clerk = login(hall, "1001", 1)
    hall.followups.rate(clerk, _served(hall, clerk), None)
    [window, *_] = [r for r in hall.followups.satisfaction() if r.group == "窗口"]
    assert (window.ratings, window.unrated, window.average, window.satisfaction) == (0, 1, 0.0, 0.0)


def test_the_migration_keeps_ratings_and_window_changes(db_url: str, clock) -> None:
    hall = open_hall(Config(db_url=db_url, terminal="pytest"), upgrade=False, clock=clock)
    try:  # data made by the app, then the database taken back to the previous revision
        clerk = login(hall, "1001", 1)
        hall.followups.rate(clerk, _served(hall, clerk), 4, "好")
        hall.tidal.reassign(login(hall, "3001"), [3], ["C", "A"], "支援")
    finally:
        hall.close()
    db = Database(db_url)
    try:
        cfg = migrate.alembic_config(db.url)
        previous = ScriptDirectory.from_config(cfg).get_revision("0011").down_revision
        assert isinstance(previous, str)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, previous)
        assert migrate.current_revision(db) == previous
        assert migrate.upgrade(db) is True
        assert migrate.current_revision(db) == migrate.head_revision()
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT level, comment FROM rating")).one() == (4, "好")
            assert conn.execute(
                text("SELECT new_categories, override_reason FROM window_change")
            ).one() == ("C,A", "")
            conn.execute(text("UPDATE rating SET level = NULL"))  # 未评价 is now allowed
    finally:
        db.dispose()


def test_an_unrated_service_at_the_offline_desk_is_merged_as_such(hall: Hall):
    clerk = login(hall, "1005", 5)
    hall.fallback.prepare(clerk, hall.journal)
    desk = hall.desk
    desk.enter(clerk, "服务器无响应")
    number = desk.issue_ticket(clerk, category_code="A").number
    desk.call_next(clerk)
    desk.start(clerk)  # F3 before F4, as online (issue 15 #2)
    desk.finish(clerk, number)
    desk.rate(clerk, number, None)  # Esc at the offline desk
    desk.leave(clerk)
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.complete and not report.conflicts
    with hall.db.read() as s:
        assert s.scalars(select(m.Rating.level)).all() == [None]
    assert hall.followups.followups() == []
    [window] = [r for r in hall.followups.satisfaction() if r.group == "窗口"]
    assert (window.name, window.ratings, window.unrated) == ("5号窗口", 0, 1)


def test_a_bad_rating_tells_the_other_terminals(hall: Hall):
    """The supervisors' 整改回访 tab follows the change feed: a new rectification is announced,
    a good rating is not."""
    from tests.test_changes import announced

    clerk = login(hall, "1001", 1)
    good, bad = _served(hall, clerk), _served(hall, clerk)
    with announced(hall) as take:
        assert hall.followups.rate(clerk, good, 4) is None  # nothing for the supervisor
        assert hall.followups.rate(clerk, bad, 1, "等太久") is not None
        if take is not None:  # in commit order: the bad rating's is the first
            assert take(1) == ["followups"]
