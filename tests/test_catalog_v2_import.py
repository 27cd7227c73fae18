"""`catalog import` of a v2 file: the shipped (v2) demo catalog imports, each item's
materials stored as the references flattened (role folded into the name, situation text)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hall_app import paths
from hall_app.domain.catalog import load_yaml, parse_catalog
from hall_app.domain.intake_source import CatalogSource
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.store import models as m


def test_a_v2_catalog_imports_with_flattened_materials(hall: Hall, tmp_path: Path) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")  # v2 since issue 18
    assert text.count("\nschema_version: 2\n") == 1
    report = hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    catalog = parse_catalog(load_yaml(text.encode(), "demo_hall.yaml"))
    assert report.items == len(catalog.items)
    with hall.db.read() as s:
        for item in catalog.items:
            rows = s.execute(
                select(m.Material.name, m.Material.form, m.Material.copies,
                       m.Material.requirement, m.Material.source, m.Material.standard,
                       m.Material.situation, m.Material.obtain_from, m.Material.defer_days)
                .join(m.ServiceItem, m.ServiceItem.id == m.Material.item_id)
                .where(m.ServiceItem.code == item.code)
                .order_by(m.Material.position)
            ).all()  # fmt: skip
            assert [tuple(r) for r in rows] == [
                (x.name, x.form, x.copies, x.requirement, x.source, x.standard, x.situation,
                 x.obtain_from, x.defer_days)
                for x in item.materials
            ]  # fmt: skip
    names = {x.name for i in catalog.items for x in i.materials}
    assert "母亲居民身份证" in names and "代理人居民身份证" in names


def test_chuanyu_tongban_items_are_stored_listed_and_rebuilt(hall: Hall) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    catalog = parse_catalog(load_yaml(text.encode(), "demo_hall.yaml"))
    flagged = {i.code for i in catalog.items if i.chuanyu_tongban}
    assert 0 < len(flagged) < len(catalog.items)
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    listed = {e.code for e in hall.catalog.entries() if e.cross_region}
    assert listed == flagged
    code = min(flagged)
    rebuilt = hall.requirements.catalog(code)
    assert rebuilt is not None and rebuilt.items[0].chuanyu_tongban
    plan = hall.documents.plan(item_code=code)
    assert [i.cross_region for i in plan.items] == [True]
    other = min({i.code for i in catalog.items} - flagged)
    assert not hall.documents.plan(item_code=other).items[0].cross_region


def test_the_rebuilt_catalog_names_the_windows_serving_the_lane(hall: Hall) -> None:
    text = paths.demo_catalog().read_text(encoding="utf-8")
    catalog = parse_catalog(load_yaml(text.encode(), "demo_hall.yaml"))
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    bundle = next(b for b in catalog.bundles if b.code == "YJS05")
    serving = sorted(w.number for w in catalog.windows if bundle.category in w.categories)
    assert serving  # the demo's lane of 开办餐饮店 has windows
    rebuilt = hall.requirements.catalog("YJS05")
    assert rebuilt is not None
    assert sorted(w.number for w in rebuilt.windows if bundle.category in w.categories) == serving
    source = CatalogSource(rebuilt)
    assert list(source.windows(bundle.category)) == serving
