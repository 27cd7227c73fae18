"""Migration 0025: items and bundles get their aliases (俗称) as a JSON list; the rows already
there get an empty list, nothing else of theirs changes, and a catalog import then writes
the file's aliases (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from hall_app import paths
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.store.models import Bundle, ServiceItem
from tests._migration import insert_row, upgrade_to, upgrade_with


def _old_rows(conn: Connection) -> None:
    insert_row(conn, "category", id=1, code="D", name="公安户政", prefix="D", active=True)
    insert_row(
        conn,
        "service_item",
        id=7,
        code="X-000105002000",
        basic_code="000105002000",
        name="出生登记",
        short_name="报出生",
        category_id=1,
        active=True,
    )
    insert_row(conn, "bundle", id=3, code="YJS01", name="新生儿出生一件事", category_id=1)


def test_existing_rows_get_an_empty_alias_list_and_keep_the_rest(empty_url: str) -> None:
    db = upgrade_with(empty_url, "0025", _old_rows)
    try:
        with db.engine.connect() as conn:  # read as at 0025 (the models are at head)
            item = conn.execute(
                text("SELECT code, basic_code, name, short_name, aliases FROM service_item")
            ).one()
            bundle = conn.execute(text("SELECT code, name, aliases FROM bundle")).one()
            assert (item.aliases, bundle.aliases) == ("[]", "[]")
            assert (item.code, item.basic_code, item.name, item.short_name) == (
                "X-000105002000",
                "000105002000",
                "出生登记",
                "报出生",
            )
            assert (bundle.code, bundle.name) == ("YJS01", "新生儿出生一件事")
        upgrade_to(db, "head")
    finally:
        db.dispose()


def test_catalog_import_writes_the_aliases(hall: Hall, tmp_path: Path) -> None:
    data = yaml.safe_load(paths.demo_catalog().read_text(encoding="utf-8"))
    data["items"][0]["aliases"] = ["办身份证", "换身份证"]
    data["bundles"][0]["aliases"] = ["孩子出生要办的手续"]
    changed = tmp_path / "catalog.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    hall.catalog.import_file(bootstrap_actor(), changed)
    item_code, bundle_code = data["items"][0]["code"], data["bundles"][0]["code"]
    with hall.db.read() as s:
        item = s.scalar(select(ServiceItem).where(ServiceItem.code == item_code))
        bundle = s.scalar(select(Bundle).where(Bundle.code == bundle_code))
        other = s.scalar(select(ServiceItem).where(ServiceItem.code == data["items"][1]["code"]))
        assert item is not None and bundle is not None and other is not None
        assert json.loads(item.aliases) == ["办身份证", "换身份证"]
        assert json.loads(bundle.aliases) == ["孩子出生要办的手续"]
        assert json.loads(other.aliases) == data["items"][1].get("aliases", [])  # as the file says
