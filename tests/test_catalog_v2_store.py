"""Catalog v2 in the database (issue 18): a v2 file imports with everything and the service
rebuilds what the file says; re-import updates in place; a v1 file leaves the v2 parts empty;
answers are checked (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hall_app.domain.catalog import load_yaml, parse_catalog
from hall_app.domain.errors import InvalidInput
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.catalog_v2_text import V2

OLD_V1 = Path(__file__).parent / "data" / "catalog_v1_dianjiang.yaml"  # the demo before v2


def _import(hall: Hall, tmp_path: Path, text: str, name: str = "v2.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    hall.catalog.import_file(bootstrap_actor(), path)
    return path


def test_the_service_rebuilds_what_the_file_says(hall: Hall, tmp_path: Path) -> None:
    _import(hall, tmp_path, V2)
    written = parse_catalog(load_yaml(V2.encode(), "v2.yaml"))
    for item in written.items:
        rebuilt = hall.requirements.catalog(item.code)
        assert rebuilt is not None
        (got,) = rebuilt.items
        assert got == item  # every field, the references and the v1 flattening included
        used = {r.material for r in item.refs} | set(item.produces)
        assert rebuilt.materials == tuple(x for x in written.materials if x.id in used)
        assert rebuilt.situations == tuple(s for s in written.situations if s.id in item.situations)
    for bundle in written.bundles:
        rebuilt = hall.requirements.catalog(bundle.code)
        assert rebuilt is not None
        (got_bundle,) = rebuilt.bundles
        assert (got_bundle.members, got_bundle.situations, got_bundle.items) == (
            bundle.members, bundle.situations, bundle.items,
        )  # fmt: skip
        assert got_bundle.category == bundle.category
        by_code = {i.code: i for i in written.items}
        assert rebuilt.items == tuple(by_code[c] for c in bundle.items)  # in the bundle's order


def test_reimport_updates_in_place(hall: Hall, tmp_path: Path) -> None:
    _import(hall, tmp_path, V2)
    with hall.db.read() as s:
        before = {r.name: r.id for r in s.scalars(select(m.Material))}
        first = s.scalar(select(m.StandardMaterial.id).where(m.StandardMaterial.code == "M-ID"))
    changed = V2.replace(
        "review_points: [在有效期内, 照片与本人一致]", "review_points: [在有效期内]"
    )
    changed = changed.replace(
        "        role: 父亲\n        copies: 1\n", "        role: 父亲\n        copies: 3\n"
    )
    assert changed.count("copies: 3") == 1
    _import(hall, tmp_path, changed, "v2b.yaml")
    with hall.db.read() as s:
        after = {r.name: r.id for r in s.scalars(select(m.Material))}
        again = s.scalar(select(m.StandardMaterial).where(m.StandardMaterial.code == "M-ID"))
        assert again is not None
        father = s.scalar(
            select(m.Material).where(
                m.Material.role == "父亲", m.Material.standard_material_id == again.id
            )
        )
        assert father is not None
        assert (again.id, again.review_points) == (first, '["在有效期内"]')
        assert (father.copies, father.when_json) == (3, '{"father": ["yes"]}')
    assert after == before


def test_a_v1_catalog_leaves_the_v2_parts_empty(hall: Hall) -> None:
    hall.catalog.import_file(bootstrap_actor(), OLD_V1)  # every item of the v2 demo again
    with hall.db.read() as s:
        assert s.scalar(select(m.StandardMaterial.id).where(m.StandardMaterial.active)) is None
        rows = s.execute(select(m.Material.standard_material_id, m.Material.role)).all()
        assert {tuple(r) for r in rows} == {(None, "")}
        code = s.scalars(select(m.ServiceItem.code)).first()
    assert code is not None
    assert hall.requirements.resolve(code) is None
    assert hall.requirements.resolve("YJS01") is None


def test_after_a_v1_import_the_v2_dictionary_is_deactivated(hall: Hall, tmp_path: Path) -> None:
    _import(hall, tmp_path, V2)
    v1 = V2.replace("schema_version: 2", "schema_version: 1")
    assert "schema_version: 1" in v1
    hall.catalog.import_file(bootstrap_actor(), OLD_V1)
    with hall.db.read() as s:
        assert s.scalar(select(m.StandardMaterial.id).where(m.StandardMaterial.active)) is None
        assert s.scalar(select(m.Situation.id).where(m.Situation.active)) is None


def test_answers_are_checked_with_a_clear_message(hall: Hall, tmp_path: Path) -> None:
    _import(hall, tmp_path, V2)
    resolved = hall.requirements.resolve("K1", {"in_county": "no", "father": ""})
    assert resolved is not None
    assert resolved.answers == (("in_county", "no"),)
    assert [q.id for q in resolved.questions] == ["in_county", "father", "married"]
    with pytest.raises(InvalidInput) as unknown:
        hall.requirements.resolve("K1", {"agent": "yes"})
    assert unknown.value.message == (
        "「K1」不问业务情形「agent」；可回答的情形：in_county（是否在本县落户？）、"
        "father（是否填写父亲信息？）、married（父母是否已登记结婚？）"
    )
    with pytest.raises(InvalidInput) as wrong:
        hall.requirements.resolve("B1", {"father": "maybe"})
    assert wrong.value.message == (
        "业务情形「是否填写父亲信息？」没有答案「maybe」，可选：1 是（yes）、2 否（no）"
    )
    with pytest.raises(InvalidInput):
        hall.requirements.resolve("B3", {"father": "yes"})  # B3 does not ask it
