"""What acceptance and the case clock share: a case's two clocks from its row, its pauses with
their kinds, its deferred (容缺后补) materials, its bundle's items and its notices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import legal
from hall_app.domain.cases import CaseClock, Pause, count_limit
from hall_app.domain.workdays import WorkCalendar
from hall_app.printing.documents import MaterialLine, ReceiptItem
from hall_app.services.doc_common import MaterialPlan, PlanItem, _line
from hall_app.store import models as m

# a 容缺后补 material the catalog gives no number of days for
DEFAULT_DEFER_DAYS = 5


def clock_of(case: m.ServiceCase, pauses: Sequence[Pause], received_on: dt.date) -> CaseClock:
    """Both clocks of a case. ``received_on`` is the local calendar day of acceptance.

    A row with no legal limit recorded (0 beside a promised limit, as an offline back-entry
    writes it) is held to its promised limit: a promise is never longer than the law."""
    unknown = case.legal_limit_days == 0 and case.limit_days > 0
    return CaseClock(
        accepted_on=case.accepted_on,
        limit_days=case.limit_days,
        pauses=tuple(pauses),
        extension_days=case.extension_days,
        extensions=case.extensions,
        completed_on=case.completed_on,
        limit_unit=case.limit_unit or legal.WORKING_DAYS,
        legal_days=None if unknown else case.legal_limit_days,
        legal_unit=case.legal_limit_unit or legal.WORKING_DAYS,
        legal_extension_days=case.legal_extension_days,
        licence=legal.is_licence(case.item_type),
        restarted_on=case.restarted_on,
        received_on=received_on,
    )


def load_pauses(s: Session, case_ids: Sequence[int]) -> dict[int, tuple[Pause, ...]]:
    if not case_ids:
        return {}
    out: dict[int, list[Pause]] = {}
    rows = s.scalars(
        select(m.CasePause).where(m.CasePause.case_id.in_(list(case_ids))).order_by(m.CasePause.id)
    )
    for p in rows:
        out.setdefault(p.case_id, []).append((p.start_on, p.end_on, p.kind))
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class DeferredView:
    """A 容缺后补 material of a case: promised by ``due_on``, ticked when it arrives."""

    id: int
    case_no: str
    name: str
    due_on: dt.date | None
    received_on: dt.date | None
    overdue: bool


def deferred_rows(s: Session, case_ids: Sequence[int]) -> dict[int, list[m.DocumentMaterial]]:
    if not case_ids:
        return {}
    out: dict[int, list[m.DocumentMaterial]] = {}
    rows = s.scalars(
        select(m.DocumentMaterial)
        .where(
            m.DocumentMaterial.case_id.in_(list(case_ids)), m.DocumentMaterial.status == "deferred"
        )
        .order_by(m.DocumentMaterial.position)
    )
    for r in rows:
        out.setdefault(r.case_id or 0, []).append(r)
    return out


def deferred_line(r: m.DocumentMaterial) -> MaterialLine:
    from hall_app.domain.materials import Requirement

    line = _line(
        Requirement(r.name, r.form, r.copies, "容缺后补", r.source, r.standard, r.situation)
    )
    return MaterialLine(
        line.name,
        line.form,
        line.copies,
        line.standard,
        r.problem,
        r.note,
        r.obtain_from or line.where,
        r.due_on,
        r.received_on,
    )


def binding_item(plan: MaterialPlan, calendar: WorkCalendar, start: dt.date) -> PlanItem | None:
    """The item whose legal limit binds the case. Each item of a bundle keeps its own legal
    limit; the bundle, done as one case, is bound by the item whose legal due date comes
    last (a 即办件 inside it, legal 0, must not make the whole bundle due on the spot)."""
    best: tuple[dt.date, PlanItem] | None = None
    for item in plan.items:
        deadline = count_limit(
            calendar, start, item.legal_days, item.legal_unit or legal.WORKING_DAYS
        )
        if deadline is not None and (best is None or deadline.due > best[0]):
            best = (deadline.due, item)
    return best[1] if best else None


def bundle_items(s: Session, case: m.ServiceCase) -> list[m.ServiceItem]:
    if case.bundle_id is None:
        return []
    return list(
        s.scalars(
            select(m.ServiceItem)
            .join(m.BundleItem, m.BundleItem.item_id == m.ServiceItem.id)
            .where(m.BundleItem.bundle_id == case.bundle_id)
            .order_by(m.BundleItem.position)
        )
    )


def receipt_items(
    items: Sequence[m.ServiceItem], clock: CaseClock, calendar: WorkCalendar, bundle_due: dt.date
) -> tuple[ReceiptItem, ...]:
    """A bundle's rows: each item's own promised limit from the same start, never later than
    the bundle's promised date."""
    rows = []
    for item in items:
        unit = item.promised_limit_unit or legal.WORKING_DAYS
        if item.promised_limit_days == 0 and clock.restarted_on is None:
            due = clock.received_on or clock.accepted_on
        else:
            own = count_limit(
                calendar,
                clock.start,
                item.promised_limit_days,
                unit,
                tuple((p[0], p[1]) for p in clock.pauses),
            )
            due = own.due if own else bundle_due
        rows.append(
            ReceiptItem(
                item.name, item.department, item.promised_limit_days, unit, min(due, bundle_due)
            )
        )
    return tuple(rows)
