"""The rules of an incident's console that are more than its data: what the paper ledger's
state is, and which steps of the emergency plan were left undone when it closes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hall_app.domain.errors import InvalidInput
from hall_app.domain.fallback import EmergencyPlan, Ledger, PlanStep

NO_KIT = "no_kit"  # no kit printed yet: there is nothing on paper to match
BALANCED = "balanced"  # every kit number entered or voided
OUTSTANDING = "outstanding"  # kit numbers neither entered nor voided


def ledger_state(ledger: Ledger, kit_printed: bool) -> str:
    """An empty ledger before the kit is printed is not a balanced one: it says nothing yet."""
    if not kit_printed:
        return NO_KIT
    return BALANCED if ledger.balanced else OUTSTANDING


def unticked(plan: EmergencyPlan, done: Iterable[str]) -> list[PlanStep]:
    """The plan's steps not ticked, in the plan's order."""
    ticked = set(done)
    return [step for step in plan.steps if step.id not in ticked]


def skipped_steps(
    plan: EmergencyPlan, done: Iterable[str], reasons: Mapping[str, str]
) -> dict[str, str]:
    """Each unticked step with the supervisor's reason for leaving it undone.

    Every unticked step needs a reason; a reason for a step that was ticked meanwhile is
    dropped; a step the plan does not have is a mistake. Returns step id → reason (stripped),
    in the plan's order.
    """
    known = {step.id for step in plan.steps}
    unknown = sorted(set(reasons) - known)
    if unknown:
        raise InvalidInput(f"应急预案中没有步骤 {'、'.join(unknown)}")
    left = unticked(plan, done)
    without = [step for step in left if not reasons.get(step.id, "").strip()]
    if without:
        listed = "；".join(f"{step.id}（{_short(step.what)}）" for step in without)
        raise InvalidInput(f"还有 {len(without)} 个预案步骤未勾选，请逐项写明未做的原因：{listed}")
    return {step.id: reasons[step.id].strip() for step in left}


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
