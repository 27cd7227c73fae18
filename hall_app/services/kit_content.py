"""The emergency kit's content: the common items as the kit prints them, and the kit's pages
from the hall's settings, its items and its number ranges — the same on the server and from
a terminal's local copy (``offline_kit``, printed while the server is unreachable)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hall_app.domain import legal
from hall_app.domain.errors import NotAllowed
from hall_app.domain.fallback import (
    TICKET,
)
from hall_app.domain.kit_numbers import (
    KitRanges,
)
from hall_app.domain.materials import merge
from hall_app.domain.settings import HallSettings
from hall_app.printing.documents import MaterialLine
from hall_app.printing.kit import KitData, KitSlip
from hall_app.services.documents import _line, _requirements
from hall_app.store import models as m
from hall_app.store.journal import Journal

STANDING_KIT = "standing_kit"  # journal meta: the terminal's reserved kit (JSON)
KIT_TEMPLATE = "kit_template"  # journal meta: hall and common items for printing offline (JSON)


def _item_json(
    item: m.ServiceItem, volume: int, remedies: tuple[str, str] = ("", "")
) -> dict[str, Any]:
    """One common item as the kit prints it; ``remedies``: the reconsideration body and the
    court its refusal notice names (as the online notice does)."""
    reqs = merge([(item.name, _requirements(item))])
    grounds = json.loads(item.refusal_grounds) if item.refusal_grounds else []
    refusal = item.refusal_basis or legal.default_refusal_basis(item.type)
    return {
        "code": item.code,
        "name": item.name,
        "department": item.department,
        "legal_basis": item.legal_basis,
        "promised_days": item.promised_limit_days,
        "promised_unit": item.promised_limit_unit or legal.WORKING_DAYS,
        "correction_basis": item.correction_basis or legal.default_correction_basis(item.type),
        "refusal_basis": refusal,
        "refusal_grounds": legal.ticked_grounds(item.type, refusal, tuple(grounds)),
        "reconsideration_body": remedies[0],
        "court": remedies[1],
        "volume": volume,
        "materials": [
            {
                "name": ln.name,
                "form": ln.form,
                "copies": ln.copies,
                "standard": ln.standard,
                "where": ln.where,
                "shared": r.shared,
            }
            for r in reqs
            for ln in [_line(r)]
        ],
    }


def _slip(item: dict[str, Any], serial: str) -> KitSlip:
    lines = tuple(
        MaterialLine(x["name"], x["form"], x["copies"], standard=x["standard"], where=x["where"])
        for x in item["materials"]
    )
    return KitSlip(
        serial=serial,
        item_code=item["code"],
        item_name=item["name"],
        department=item["department"],
        legal_basis=item["legal_basis"],
        promised_days=item["promised_days"],
        materials=lines,
        correction_basis=item["correction_basis"],
        shared=tuple(x["name"] for x in item["materials"] if x["shared"]),
        refusal_basis=item["refusal_basis"],
        refusal_grounds=tuple(item["refusal_grounds"]),
        reconsideration_body=item.get("reconsideration_body", ""),
        court=item.get("court", ""),
        promised_unit=item.get("promised_unit", legal.WORKING_DAYS),
    )


def kit_data(
    template: dict[str, Any],
    kit: KitRanges,
    per_item: int,
    *,
    printed_by: str,
    printed_at: dt.datetime,
    incident: dict[str, Any] | None = None,
) -> KitData:
    """The kit's content from the hall, its common items and its ranges: the same on the
    server and from a terminal's local copy."""
    hall = HallSettings.from_stored(template["hall"])  # as the loader reads the table
    county, items = template["county"], template["items"]
    notices = iter(kit.numbers("BZ", county))
    refusals = iter(kit.numbers("BY", county))
    incident = incident or {}
    return KitData(
        hall_name=hall.name,
        hall_phone=hall.phone,
        complaint_phone=hall.complaint_phone,
        incident_no=incident.get("number", ""),
        declared_at=incident.get("declared_at"),
        cause=incident.get("cause", ""),
        ticket_numbers=tuple(kit.numbers(TICKET, county)),
        inquiry_numbers=tuple(kit.numbers("SW", county)),
        case_numbers=tuple(kit.numbers("SL", county)),
        slips=tuple(
            _slip(item, serial)
            for item in items
            for _copy in range(per_item)
            for serial in [next(notices, None)]
            if serial
        ),
        refusals=tuple(
            _slip(item, serial) for item in items for serial in [next(refusals, None)] if serial
        ),
        receipts=tuple(_slip(item, "") for item in items for _copy in range(per_item)),
        printed_by=printed_by,
        kit_no=kit.number,
        printed_at=printed_at,
        common_items=tuple((item["name"], item["volume"]) for item in items),
    )


def offline_kit(journal: Journal, printed_by: str, now: dt.datetime) -> KitData:
    """The terminal's standing kit, printed from its local copy while the server is
    unreachable (``fallback prepare`` once while online). Printing it again prints the same
    numbers; the server learns it was printed at the next ``fallback prepare``."""
    held = json.loads(journal.get(STANDING_KIT) or "{}")
    template = json.loads(journal.get(KIT_TEMPLATE) or "{}")
    if not held or not template:
        raise NotAllowed(
            "本终端没有预留应急包：请在联网时运行一次 hall-app fallback prepare，"
            "或使用抽屉里预先打印的应急包"
        )
    kit = KitRanges.from_json(held["number"], held["ranges"])
    if not held.get("printed_at"):
        held.update(printed_at=now.isoformat(), printed_by=printed_by)
        journal.set(STANDING_KIT, json.dumps(held, ensure_ascii=False))
    return kit_data(
        template,
        kit,
        template.get("per_item", 2),
        printed_by=held["printed_by"],
        printed_at=dt.datetime.fromisoformat(held["printed_at"]),
    )
