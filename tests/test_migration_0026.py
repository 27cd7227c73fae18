"""Migration 0026 (catalog v2 in the database): the rows already there get empty v2 values
and keep the rest, so they behave as v1 rows (on SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from tests._migration import insert_row, upgrade_to, upgrade_with


def _old_rows(conn: Connection) -> None:
    insert_row(conn, "category", id=1, code="D", name="公安户政", prefix="D", active=True)
    insert_row(conn, "service_item", id=7, code="X-1", name="出生登记", category_id=1)
    insert_row(
        conn, "material", id=5, item_id=7, position=0, name="居民户口簿", form="原件",
        copies=1, requirement="必要", source="申请人自备", standard="加页后退还", situation="",
    )  # fmt: skip
    insert_row(conn, "bundle", id=3, code="YJS01", name="新生儿出生一件事", category_id=1)
    insert_row(conn, "bundle_item", bundle_id=3, item_id=7, position=0)


def test_existing_rows_get_empty_v2_values_and_keep_the_rest(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0026", _old_rows)
    try:
        with db.engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT name, standard, standard_material_id, role, when_json, overrides "
                    "FROM material WHERE id = 5"
                )
            ).one()
            assert tuple(row) == ("居民户口簿", "加页后退还", None, "", "", "")
            item = conn.execute(
                text("SELECT code, situations, produces, review_points FROM service_item")
            ).one()
            assert tuple(item) == ("X-1", "[]", "[]", "[]")
            assert conn.execute(text("SELECT situations FROM bundle")).scalar() == "[]"
            assert conn.execute(text("SELECT when_json FROM bundle_item")).scalar() == ""
            for table in ("standard_material", "situation"):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
        upgrade_to(db, "head")
    finally:
        db.dispose()


def test_cases_and_notices_keep_empty_answers(empty_url: str) -> None:
    def rows(conn: Connection) -> None:
        insert_row(conn, "staff", id=1, staff_no="1001", name="王丽", role="clerk")
        insert_row(conn, "service_case", id=2, case_no="SL1", staff_id=1, applicant_name="张三")

    db = upgrade_with(empty_url, "0026", rows)
    try:
        with db.engine.connect() as conn:
            case = conn.execute(text("SELECT case_no, answers FROM service_case")).one()
            assert tuple(case) == ("SL1", "{}")
    finally:
        db.dispose()
