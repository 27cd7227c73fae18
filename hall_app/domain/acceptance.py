"""The acceptance decision from a finished material check, written once (online, offline
desk, paper back-entry): 受理 when nothing is left to correct — 容缺后补 materials only with
the applicant's signed commitment — else 补正 (one one-time notification slip listing every
material to correct). 不予受理 does not depend on the materials: it is decided on a ground
from the item's closed list (domain.legal), whatever the check says."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from hall_app.domain.errors import NotAllowed
from hall_app.domain.materials import Check, Outcome


class Decision(enum.StrEnum):
    ACCEPT = "accept"  # 受理
    CORRECT = "correct"  # 补正: a one-time notification slip


def decide(outcome: Outcome) -> Decision:
    """受理 when no material is to be corrected, else 补正."""
    return Decision.ACCEPT if outcome.complete else Decision.CORRECT


def _names(checks: Iterable[Check]) -> str:
    return "、".join(c.material.name for c in checks)


def require_acceptance(outcome: Outcome, *, commitment_signed: bool) -> None:
    """Refuse (NotAllowed, in Chinese) an acceptance the check does not allow."""
    if decide(outcome) is not Decision.ACCEPT:
        raise NotAllowed(
            f"材料不齐全（{_names(outcome.to_correct)}），不能受理：请开具一次性告知单"
        )
    if outcome.deferred and not commitment_signed:
        raise NotAllowed(f"容缺受理（{_names(outcome.deferred)}）须由申请人签署承诺书后方可受理")


def require_correction(outcome: Outcome) -> None:
    """Refuse a one-time notification slip when the materials are complete."""
    if decide(outcome) is not Decision.CORRECT:
        raise NotAllowed("材料齐全，无需开具补正告知单，请直接受理")
