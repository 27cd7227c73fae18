"""Catalog v2 in the database (issue 18): writing the v2 parts on import, and rebuilding the
domain catalog of one item or bundle to resolve what a case needs
(:func:`hall_app.domain.requirements.resolve`).

A v1 catalog leaves every v2 column empty; an item is v2 when its material rows reference
standard materials, a bundle when each of its items is. Lists and conditions are JSON text:
a condition ``{"agent": ["yes"]}``, a reference's overrides ``{"form": "复印件", "note": …}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import catalog as cat
from hall_app.domain import requirements as req
from hall_app.domain.catalog_v2_schema import (
    Answer,
    BundleMember,
    MaterialRef,
    Situation,
    StandardMaterial,
    When,
)
from hall_app.domain.errors import NotFound
from hall_app.services.context import ServiceContext
from hall_app.store import models as m

OVERRIDES = ("form", "source", "standard", "obtain_from")
#: the columns of a v1 material row (no reference)
V1_REF: dict[str, Any] = {
    "standard_material_id": None,
    "role": "",
    "when_json": "",
    "overrides": "",
}


def _list(values: Any) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def dump_when(when: When) -> str:
    return json.dumps({q: list(v) for q, v in when}, ensure_ascii=False) if when else ""


def load_when(text: str) -> When:
    return (
        tuple((str(q), tuple(str(x) for x in v)) for q, v in json.loads(text).items())
        if text
        else ()
    )


def _dump_overrides(ref: MaterialRef) -> str:
    values = {k: getattr(ref, k) for k in OVERRIDES if getattr(ref, k) is not None}
    values.update({"note": ref.note} if ref.note else {})
    return json.dumps(values, ensure_ascii=False)


# ------------------------------------------------------------ writing (catalog import)


def write_dictionary(s: Session, c: cat.Catalog) -> dict[str, int]:
    """The standard materials and situations mirror the file (matched by code; those no
    longer in it are deactivated, never deleted: material rows refer to them). Returns the
    materials' row ids by code."""
    ids: dict[str, int] = {}
    for x in c.materials:
        row = s.scalar(select(m.StandardMaterial).where(m.StandardMaterial.code == x.id))
        if row is None:
            row = m.StandardMaterial(code=x.id)
            s.add(row)
        row.name, row.form, row.source, row.standard = x.name, x.form, x.source, x.standard
        row.shared_from, row.obtain_from, row.sample = x.shared_from, x.obtain_from, x.sample
        row.review_points, row.deferrable = _list(x.review_points), x.deferrable
        row.active = True
        s.flush()
        ids[x.id] = row.id
    for q in c.situations:
        found = s.scalar(select(m.Situation).where(m.Situation.code == q.id))
        if found is None:
            found = m.Situation(code=q.id)
            s.add(found)
        found.question, found.default, found.active = q.question, q.default, True
        found.answers = json.dumps(
            [{"key": a.key, "value": a.value, "text": a.text} for a in q.answers],
            ensure_ascii=False,
        )
    kept = {q.id for q in c.situations}
    for old in s.scalars(select(m.StandardMaterial).where(m.StandardMaterial.active)):
        old.active = old.code in ids
    for asked in s.scalars(select(m.Situation).where(m.Situation.active)):
        asked.active = asked.code in kept
    return ids


def item_columns(item: cat.ServiceItem) -> dict[str, str]:
    return {
        "situations": _list(item.situations),
        "produces": _list(item.produces),
        "review_points": _list(item.review_points),
    }


def ref_columns(item: cat.ServiceItem, material_ids: Mapping[str, int]) -> list[dict[str, Any]]:
    """The v2 columns of each of the item's material rows, in the order of ``materials``
    (a v2 item's materials are its references flattened, one for one)."""
    if not item.refs:
        return [V1_REF] * len(item.materials)
    return [
        {
            "standard_material_id": material_ids[r.material],
            "role": r.role,
            "when_json": dump_when(r.when),
            "overrides": _dump_overrides(r),
        }
        for r in item.refs
    ]


# ------------------------------------------------------------ reading back


def _situation(row: m.Situation) -> Situation:
    answers = tuple(Answer(a["key"], a["value"], a["text"]) for a in json.loads(row.answers))
    return Situation(row.code, row.question, answers, row.default)


def _material(row: m.StandardMaterial) -> StandardMaterial:
    return StandardMaterial(
        id=row.code,
        name=row.name,
        form=row.form,
        source=row.source,
        standard=row.standard,
        shared_from=row.shared_from,
        obtain_from=row.obtain_from,
        sample=row.sample,
        review_points=tuple(json.loads(row.review_points)),
        deferrable=row.deferrable,
    )


def _ref(row: m.Material, code: str) -> MaterialRef:
    extra = json.loads(row.overrides) if row.overrides else {}
    return MaterialRef(
        material=code,
        role=row.role,
        copies=row.copies,
        requirement=row.requirement,
        defer_days=row.defer_days,
        when=load_when(row.when_json),
        note=extra.get("note", ""),
        **{k: extra.get(k) for k in OVERRIDES},
    )


def _item(row: m.ServiceItem, codes: Mapping[int, str]) -> cat.ServiceItem:
    materials = tuple(
        cat.Material(x.name, x.form, x.copies, x.requirement, x.source, x.standard,
                     x.situation, x.obtain_from, x.defer_days)
        for x in row.materials
    )  # fmt: skip
    refs = tuple(
        _ref(x, codes[x.standard_material_id])
        for x in row.materials
        if x.standard_material_id is not None
    )
    return cat.ServiceItem(
        code=row.code,
        basic_code=row.basic_code,
        name=row.name,
        short_name=row.short_name,
        category=row.category.code,
        type=row.type,
        department=row.department,
        target=row.target,
        kind=row.kind,
        legal_limit_days=row.legal_limit_days,
        promised_limit_days=row.promised_limit_days,
        legal_basis=row.legal_basis,
        conditions=row.conditions,
        fee=row.fee,
        result=row.result,
        visits=row.visits,
        online=row.online,
        appointment=row.appointment,
        delivery=row.delivery,
        materials=materials,
        correction_basis=row.correction_basis,
        correction_terms=row.correction_terms,
        refusal_basis=row.refusal_basis,
        refusal_grounds=tuple(json.loads(row.refusal_grounds or "[]")),
        legal_limit_unit=row.legal_limit_unit,
        promised_limit_unit=row.promised_limit_unit,
        aliases=tuple(json.loads(row.aliases or "[]")),
        chuanyu_tongban=row.chuanyu_tongban,
        refs=refs,
        situations=tuple(json.loads(row.situations or "[]")),
        produces=tuple(json.loads(row.produces or "[]")),
        review_points=tuple(json.loads(row.review_points or "[]")),
    )


def subject_catalog(s: Session, code: str) -> cat.Catalog | None:
    """The domain catalog of one item or bundle (its items, the standard materials and the
    questions they use), or None when it holds v1 data only. NotFound for an unknown code."""
    bundle = s.scalar(select(m.Bundle).where(m.Bundle.code == code))
    members: list[tuple[m.ServiceItem, str]]
    if bundle is not None:
        members = [
            (item, link.when_json)
            for link, item in s.execute(
                select(m.BundleItem, m.ServiceItem)
                .join(m.ServiceItem, m.ServiceItem.id == m.BundleItem.item_id)
                .where(m.BundleItem.bundle_id == bundle.id)
                .order_by(m.BundleItem.position)
            ).all()
        ]
    else:
        item = s.scalar(select(m.ServiceItem).where(m.ServiceItem.code == code))
        if item is None:
            raise NotFound(f"事项或一件事「{code}」不存在")
        members = [(item, "")]
    rows = [i for i, _ in members]
    material_ids = {x.standard_material_id for i in rows for x in i.materials}
    if None in material_ids or not material_ids:
        return None  # a v1 item (or a bundle with one): today's behaviour
    materials = {
        r.id: r
        for r in s.scalars(
            select(m.StandardMaterial).where(m.StandardMaterial.id.in_(material_ids))
        )
    }
    produced = {p for i in rows for p in json.loads(i.produces or "[]")}
    for r in s.scalars(select(m.StandardMaterial).where(m.StandardMaterial.code.in_(produced))):
        materials[r.id] = r
    codes = {r.id: r.code for r in materials.values()}
    items = tuple(_item(i, codes) for i in rows)
    asked = set(json.loads(bundle.situations)) if bundle is not None else set()
    asked |= {q for i in items for q in i.situations}
    situations = tuple(
        _situation(r)
        for r in s.scalars(
            select(m.Situation).where(m.Situation.code.in_(asked)).order_by(m.Situation.id)
        )
    )
    bundles: tuple[cat.Bundle, ...] = ()
    if bundle is not None:
        bundles = (
            cat.Bundle(
                code=bundle.code,
                name=bundle.name,
                category=s.scalar(
                    select(m.Category.code).where(m.Category.id == bundle.category_id)
                )
                or "",
                items=tuple(i.code for i in rows),
                promised_limit_days=bundle.promised_limit_days,
                description=bundle.description,
                aliases=tuple(json.loads(bundle.aliases or "[]")),
                members=tuple(BundleMember(i.code, load_when(w)) for i, w in members),
                situations=tuple(json.loads(bundle.situations or "[]")),
            ),
        )
    return cat.Catalog(
        hall=cat.Hall("", "", "", ""),
        zones=(),
        categories=(),
        items=items,
        bundles=bundles,
        windows=_windows(
            s, {i.category_id for i in rows} | ({bundle.category_id} if bundle else set())
        ),
        schema_version=2,
        materials=tuple(_material(r) for r in sorted(materials.values(), key=lambda r: r.id)),
        situations=situations,
    )


def _windows(s: Session, lane_ids: set[int]) -> tuple[cat.Window, ...]:
    """The active windows calling from any of the lanes (each with the lane codes it calls
    from, as the hall is set up now), in number order: the guide names them to the citizen."""
    rows = s.execute(
        select(m.Window.number, m.Zone.code, m.Category.code)
        .join(m.Zone, m.Zone.id == m.Window.zone_id)
        .join(m.WindowCategory, m.WindowCategory.window_id == m.Window.id)
        .join(m.Category, m.Category.id == m.WindowCategory.category_id)
        .where(
            m.Window.active,
            m.Window.id.in_(
                select(m.WindowCategory.window_id).where(m.WindowCategory.category_id.in_(lane_ids))
            ),
        )
        .order_by(m.Window.number, m.WindowCategory.position)
    ).all()
    lanes: dict[tuple[int, str], list[str]] = {}
    for number, zone, lane in rows:
        lanes.setdefault((number, zone), []).append(lane)
    return tuple(cat.Window(n, z, tuple(codes)) for (n, z), codes in lanes.items())


@dataclass(frozen=True)
class Resolved:
    """What a case of one item or bundle needs under the answers (checked)."""

    code: str
    questions: tuple[Situation, ...]  # every question it may ask, in asking order
    answers: tuple[tuple[str, str], ...]  # the checked answers (question id, value)
    result: req.Result


def resolve_in(s: Session, code: str, answers: Mapping[str, str] | None = None) -> Resolved | None:
    """The resolved case, or None for v1 data (the caller keeps today's material list)."""
    catalog = subject_catalog(s, code)
    if catalog is None:
        return None
    checked = req.check_answers(catalog, code, answers or {})
    return Resolved(
        code,
        req.asked_questions(catalog, code),
        tuple(checked.items()),
        req.resolve(catalog, code, checked),
    )


class RequirementsService:
    """The v2 rule on the stored catalog, for one item or bundle and given answers."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def catalog(self, code: str) -> cat.Catalog | None:
        with self.ctx.db.read() as s:
            return subject_catalog(s, code)

    def resolve(self, code: str, answers: Mapping[str, str] | None = None) -> Resolved | None:
        with self.ctx.db.read() as s:
            return resolve_in(s, code, answers)
