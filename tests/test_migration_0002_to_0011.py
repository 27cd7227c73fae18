"""Migrations 0002–0009 and 0011, each from its previous revision on a database holding the
hall's rows (a zone, a category, a window, a staff member, a setting, a ticket), on SQLite
and PostgreSQL: the rows survive, the new tables are there and take rows, new columns start
as documented. One database of 0001 goes on to head with its rows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection

from hall_app.store.db import Database
from hall_app.store.holidays import file_years, read_holidays
from tests._migration import insert_row, upgrade_to, upgrade_with


def _hall_rows(conn: Connection) -> None:
    insert_row(conn, "zone", id=1, code="Z1", name="一楼")
    insert_row(conn, "category", id=1, code="C", name="综合", prefix="A", active=True)
    insert_row(conn, "window", id=1, number=7, name="7号窗口", zone_id=1, status="open")
    insert_row(conn, "staff", id=1, staff_no="1007", name="张敏", role="clerk", active=True)
    insert_row(conn, "hall_setting", key="hall.name", value="重庆市垫江县政务服务中心")
    insert_row(
        conn,
        "ticket",
        id=1,
        number="A001",
        prefix="A",
        sequence=1,
        category_id=1,
        service_category_id=1,
        state="waiting",
    )


def _assert_hall_rows(conn: Connection) -> None:
    assert conn.execute(text("SELECT code, prefix FROM category")).all() == [("C", "A")]
    assert conn.execute(text('SELECT number, name, status FROM "window"')).all() == [
        (7, "7号窗口", "open")
    ]
    assert conn.execute(text("SELECT staff_no, name, role FROM staff")).all() == [
        ("1007", "张敏", "clerk")
    ]
    assert conn.execute(text("SELECT value FROM hall_setting WHERE key = 'hall.name'")).all() == [
        ("重庆市垫江县政务服务中心",)
    ]
    assert conn.execute(text("SELECT number, state FROM ticket")).all() == [("A001", "waiting")]


def _tables(db: Database) -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


#: the tables each create-only migration adds, and a row each must take
NEW_TABLES = {
    "0002": ("service_case", "notice", "case_pause", "document_material", "print_job"),
    "0003": ("inquiry", "inquiry_event", "rating", "followup", "followup_event"),
    "0004": ("ban_lift", "slot_capacity", "slot_counter", "appointment"),
    "0005": ("window_change",),
    "0006": ("tidal_plan",),
    "0008": ("incident", "fallback_record", "incident_step", "number_block"),
}


@pytest.mark.parametrize("revision", sorted(NEW_TABLES))
def test_new_tables_beside_the_halls_rows(empty_url: str, revision: str) -> None:
    db = upgrade_with(empty_url, revision, _hall_rows)
    try:
        assert set(NEW_TABLES[revision]) <= _tables(db)
        with db.engine.begin() as conn:
            _assert_hall_rows(conn)
            for table in NEW_TABLES[revision]:
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    finally:
        db.dispose()


def test_0002_loads_the_shipped_holidays_and_the_rows_reach_head(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0002", _hall_rows)
    try:
        with db.engine.begin() as conn:
            days = conn.execute(text("SELECT day, kind, name, source FROM calendar_day")).all()
            years = conn.execute(text("SELECT year FROM calendar_year ORDER BY year")).scalars()
            expected = read_holidays()
            assert sorted((str(d)[:10], k, n, s) for d, k, n, s in days) == [
                (r.day.isoformat(), r.kind, r.name, "package") for r in expected
            ]
            assert list(years) == list(file_years(expected))
        upgrade_to(db, "head")  # every later migration, with the rows in place
        with db.engine.begin() as conn:
            _assert_hall_rows(conn)
    finally:
        db.dispose()


def test_0007_a_window_starts_unpaused(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0007", _hall_rows)
    try:
        with db.engine.begin() as conn:
            _assert_hall_rows(conn)
            assert conn.execute(text('SELECT paused_at FROM "window"')).all() == [(None,)]
    finally:
        db.dispose()


def test_0009_windows_have_no_session_and_sessions_can_be_opened(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0009", _hall_rows)
    try:
        with db.engine.begin() as conn:
            _assert_hall_rows(conn)
            assert conn.execute(text('SELECT session_id FROM "window"')).all() == [(None,)]
            insert_row(conn, "terminal_session", id=1, terminal="pc-7", staff_id=1, window_number=7)
            conn.execute(text('UPDATE "window" SET session_id = 1'))
            assert conn.execute(text("SELECT terminal, ended_at FROM terminal_session")).all() == [
                ("pc-7", None)
            ]
    finally:
        db.dispose()


def _rated_and_changed(conn: Connection) -> None:
    _hall_rows(conn)
    insert_row(
        conn, "rating", id=1, ticket_id=1, level=4, comment="很好", category_id=1, staff_id=1
    )
    insert_row(
        conn,
        "window_change",
        id=1,
        window_id=1,
        staff_id=1,
        source="manual",
        old_categories="C",
        new_categories="C,B",
        reason="午间高峰",
    )


def test_0011_a_rating_may_have_no_level_and_changes_have_no_override(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0011", _rated_and_changed)
    try:
        with db.engine.begin() as conn:
            _assert_hall_rows(conn)
            assert conn.execute(text("SELECT level, comment FROM rating")).all() == [(4, "很好")]
            assert conn.execute(
                text("SELECT new_categories, reason, override_reason FROM window_change")
            ).all() == [("C,B", "午间高峰", "")]
            insert_row(conn, "ticket", id=2, number="A002", prefix="A", sequence=2,
                       category_id=1, service_category_id=1, state="finished")  # fmt: skip
            insert_row(conn, "rating", id=2, ticket_id=2, level=None, category_id=1)
            assert conn.execute(text("SELECT level FROM rating WHERE id = 2")).scalar() is None
    finally:
        db.dispose()
