"""The material lines of a paper record at back-entry (补录), in the form the replay writes
them: a notice's received and missing materials, a case's 已收材料."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hall_app.domain.acceptance import Decision, decide
from hall_app.domain.errors import InvalidInput
from hall_app.domain.materials import Check, Mark, Requirement, evaluate


def material_line(r: Any, status: str) -> dict[str, Any]:
    return {
        "status": status,
        "name": r.name,
        "form": r.form,
        "copies": r.copies,
        "standard": r.standard,
        "situation": r.situation,
        "source": r.source,
        "problem": "缺失" if status == "to_correct" else "",
    }


def case_lines(reqs: list[Requirement], received_names: Iterable[str]) -> list[dict[str, Any]]:
    """A paper case's material lines from its register's 已收材料, judged as the window judges
    them (``evaluate``): what was ticked was received, shared materials need not be, an
    unticked conditional one did not apply, an unticked 容缺后补 one is owed; an unticked
    required one means the case was not complete."""
    received = {x.strip() for x in received_names if x.strip()}
    unknown = received - {r.name for r in reqs}
    if unknown:
        raise InvalidInput(f"已收材料「{'、'.join(sorted(unknown))}」不在该事项的材料清单中")
    if not received and any(not r.shared for r in reqs):
        raise InvalidInput("请勾选已收材料（纸质受理登记簿的「已收材料」栏）")
    checks = [
        Check(
            r,
            Mark.RECEIVED if r.name in received else Mark.MISSING,
            applies=r.name in received or not r.conditional,
        )
        for r in reqs
    ]
    outcome = evaluate(checks)
    if decide(outcome) is not Decision.ACCEPT:
        names = "、".join(c.material.name for c in outcome.to_correct)
        raise InvalidInput(
            f"已收材料中没有「{names}」：受理时材料应齐全；缺材料的请录为一次性告知单"
        )
    return [
        material_line(c.material, status)
        for status, group in (("received", outcome.received), ("deferred", outcome.deferred))
        for c in group
    ]
