"""``hall-app cases``: the rows of the case list, as JSON and as text (kept out of cli.py)."""

from __future__ import annotations

from typing import Any

from hall_app.domain.masking import mask_name
from hall_app.services.case_clock import CaseView


def case_row(c: CaseView) -> dict[str, Any]:
    """One case: both dates with their units, the state (超承诺期 is ``promise_missed``),
    the pause's kind, the number of notices and the 容缺后补 materials."""
    return {
        "case_no": c.case_no,
        "subject": c.subject_name,
        "applicant": mask_name(c.applicant_name),  # masked (issue 16)
        "id": c.id_masked,
        "accepted_on": c.accepted_on.isoformat(),
        "due": c.due.isoformat() if c.due else None,
        "days_left": c.days_left,
        "limit_days": c.limit_days + c.extension_days,
        "limit_unit": c.limit_unit,
        "legal_due": c.legal_due.isoformat() if c.legal_due else None,
        "legal_days_left": c.legal_days_left,
        "legal_days": c.legal_days + c.legal_extension_days,
        "legal_unit": c.legal_unit,
        "legal_extended": bool(c.legal_extension_days),
        "instant": c.instant,
        "state": c.state.value,
        "promise_missed": c.promise_missed,
        "paused": c.paused,
        "pause_kind": c.pause_kind or None,
        "notices": c.notices,
        "deferred": [
            {
                "name": d.name,
                "due_on": d.due_on.isoformat() if d.due_on else None,
                "received_on": d.received_on.isoformat() if d.received_on else None,
                "overdue": d.overdue,
            }
            for d in c.deferred
        ],
        "deferred_overdue": c.deferred_overdue,
        "warning": c.warning,
    }


def case_line(c: CaseView) -> str:
    due = c.due.isoformat() if c.due else "暂停"
    legal_due = c.legal_due.isoformat() if c.legal_due else "暂停"
    extra = []
    if c.pause_kind:
        extra.append(f"暂停：{c.pause_kind}")
    if c.deferred_overdue:
        extra.append(f"容缺逾期 {c.deferred_overdue} 项")
    if c.notices:
        extra.append(f"告知单 {c.notices} 份")
    tail = f"  （{'；'.join(extra)}）" if extra else ""
    return f"{c.case_no}  承诺 {due}  法定 {legal_due}  {c.state.label}  {c.subject_name}{tail}"


def case_list(cases: list[CaseView]) -> tuple[list[dict[str, Any]], str]:
    return [case_row(c) for c in cases], "\n".join(case_line(c) for c in cases) or "没有办件"
