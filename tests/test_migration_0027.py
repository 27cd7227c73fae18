"""Migration 0027: tickets get ``intake_answers`` (reception's situation answers), '' for
every ticket already there, the rest of the ticket unchanged (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from tests._migration import insert_row, upgrade_to, upgrade_with


def _old_rows(conn: Connection) -> None:
    insert_row(conn, "category", id=1, code="A", name="综合受理", prefix="A", active=True)
    insert_row(conn, "ticket", id=5, number="A007", prefix="A", sequence=7,
               category_id=1, service_category_id=1, state="waiting")  # fmt: skip


def test_existing_tickets_carry_no_answers_and_keep_the_rest(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0027", _old_rows)
    try:
        with db.engine.connect() as conn:
            row = conn.execute(
                text("SELECT number, sequence, state, intake_answers FROM ticket")
            ).one()
            assert tuple(row) == ("A007", 7, "waiting", "")
        upgrade_to(db, "head")
    finally:
        db.dispose()
