"""The items and bundles an offline terminal carries in its snapshot: each with its materials
and, per item, the type, both limits and the bases, so that offline documents cite what online
ones do."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.materials import merge
from hall_app.services.documents import _plan_item, _requirements
from hall_app.store import models as m


def offline_subjects(s: Session, cats: dict[int, m.Category]) -> list[dict[str, Any]]:
    """Every active item and bundle of an active lane, as the snapshot stores it."""
    subjects = []
    for item in s.scalars(
        select(m.ServiceItem).where(m.ServiceItem.active).order_by(m.ServiceItem.code)
    ):
        if item.category_id not in cats:
            continue
        reqs = merge([(item.name, _requirements(item))])
        subjects.append(
            _subject(
                "item",
                item.code,
                item.name,
                cats[item.category_id].code,
                item.department,
                item.legal_basis,
                item.promised_limit_days,
                reqs,
                [item],
            )
        )
    links = s.execute(
        select(m.BundleItem.bundle_id, m.ServiceItem)
        .join(m.ServiceItem, m.ServiceItem.id == m.BundleItem.item_id)
        .order_by(m.BundleItem.bundle_id, m.BundleItem.position)
    ).all()
    for bundle in s.scalars(select(m.Bundle).where(m.Bundle.active).order_by(m.Bundle.code)):
        items = [i for b, i in links if b == bundle.id]
        if not items or bundle.category_id not in cats:
            continue
        reqs = merge((i.name, _requirements(i)) for i in items)
        subjects.append(
            _subject(
                "bundle",
                bundle.code,
                bundle.name,
                cats[bundle.category_id].code,
                "、".join(dict.fromkeys(i.department for i in items)),
                "；".join(dict.fromkeys(i.legal_basis for i in items)),
                bundle.promised_limit_days,
                reqs,
                items,
            )
        )
    return subjects


def _subject(
    kind: str,
    code: str,
    name: str,
    category: str,
    department: str,
    basis: str,
    days: int,
    reqs: Iterable[Any],
    items: Iterable[m.ServiceItem],
) -> dict[str, Any]:
    return {
        "kind": kind,
        "code": code,
        "name": name,
        "category": category,
        "department": department,
        "legal_basis": basis,
        "promised_days": days,
        "items": [dataclasses.asdict(_plan_item(i)) for i in items],
        "requirements": [
            {
                "name": r.name,
                "form": r.form,
                "copies": r.copies,
                "requirement": r.requirement,
                "source": r.source,
                "standard": r.standard,
                "situation": r.situation,
                "items": list(r.items),
                "obtain_from": r.obtain_from,
                "defer_days": r.defer_days,
            }
            for r in reqs
        ],
    }
