"""Every audit action the app writes has a Chinese label (domain/audit_actions.py): the codes
written by a short day of work on SQLite and PostgreSQL, and every literal code in the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

import hall_app
from hall_app.domain.audit_actions import ACTION_LABELS, action_label
from hall_app.domain.errors import InvalidInput
from hall_app.domain.followups import FollowAction
from hall_app.domain.roles import Denied
from hall_app.domain.ticket_states import Action
from hall_app.services.hall import Hall
from hall_app.store.models import AuditEntry
from tests.conftest import login

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 in the demo catalog


def _written(hall: Hall) -> set[str]:
    with hall.db.read() as s:
        return set(s.scalars(select(AuditEntry.action).distinct()))


def test_every_action_of_a_short_day_has_a_label(hall: Hall, tmp_path: Path) -> None:
    reception, clerk = login(hall, "2001"), login(hall, "1026", 26)
    with pytest.raises(InvalidInput):
        hall.auth.login("1001", "not the password")
    hall.tickets.issue(reception, item_code=FOOD)
    hall.tickets.call_next(clerk, 26)
    hall.tickets.start(clerk, 26)
    hall.tickets.finish(clerk, 26)
    with pytest.raises(Denied):  # a clerk may not read the audit trail
        hall.audit.entries(clerk)
    hall.auth.logout(clerk)
    hall.audit.export(login(hall, "3001"), tmp_path / "audit.csv")
    written = _written(hall)
    expected = {"login", "login_failed", "logout", "issue", "call", "start", "finish", "denied"}
    assert expected | {"audit_export"} <= written
    assert not {a for a in written if a not in ACTION_LABELS}, "an audit action without a label"
    assert action_label("denied") == "越权操作被拒" and action_label("call") == "叫号"


def _literal_actions() -> set[str]:
    """The action of each ``audit(session, ctx, actor, "action", …)`` written as a literal."""
    found: set[str] = set()
    for path in Path(hall_app.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "audit"
                and len(node.args) > 3
            ):
                action = node.args[3]
                values = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
                for value in values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found.add(value.value)
    return found


def test_every_action_in_the_source_has_a_label() -> None:
    literal = _literal_actions()
    assert {"command_refused", "offline_refused", "reveal_id", "device_fault"} <= literal
    built = (
        {a.value for a in Action}  # ticket moves, audited as the Action itself
        | {f"followup_{a.value}" for a in FollowAction}
        | {f"followup_{kind}" for kind in ("rating", "cannot_do")}
        | {f"notice_{kind}" for kind in ("correction", "refusal")}
        | {f"offline_{outcome}" for outcome in ("merged", "conflict")}
        | {f"print_{status}" for status in ("saved", "queued", "printed")}
        | {f"tidal_{kind}" for kind in ("schedule", "rule")}
        | {f"staffing_{kind}" for kind in ("call_in", "close", "move_break")}
        | {"case_pause", "case_resume", "case_extend", "case_extend_legal", "case_complete"}
    )
    assert sorted((literal | built) - ACTION_LABELS.keys()) == []
    assert sorted(ACTION_LABELS.keys() - literal - built) == []  # no label for a lost action


def test_labels_are_distinct_and_unknown_codes_stay_as_they_are() -> None:
    assert len(set(ACTION_LABELS.values())) == len(ACTION_LABELS)  # the filter tells them apart
    assert action_label("someday_new") == "someday_new"
