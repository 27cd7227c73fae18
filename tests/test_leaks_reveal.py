"""Showing a full ID number on screen: its own permission, a reason of at least four
characters, an audit entry with the case and the (scrubbed) reason; the case list's action."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login
from tests.leak_grep import accept_case, id_number, leaks

CITIZEN_ID = id_number("500231", "19800101", "123")
APPLICANT = Applicant("刘备", "居民身份证", CITIZEN_ID, "13912345678")


def _audits(hall: Hall, action: str) -> list[m.AuditEntry]:
    with hall.ctx.db.read() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def test_reveal_id_needs_the_permission_and_a_reason_and_is_audited(hall: Hall) -> None:
    clerk = login(hall, "1001", 1)
    case_no = accept_case(hall, clerk, APPLICANT).case_no
    with pytest.raises(NotAllowed, match="查看完整证件号码"):
        hall.documents.reveal_id(clerk, case_no, "核对申请人身份")
    supervisor = login(hall, "3001")
    for short in ("", "   ", "核对身"):
        with pytest.raises(InvalidInput, match="至少 4 个字"):
            hall.documents.reveal_id(supervisor, case_no, short)
    assert _audits(hall, "reveal_id") == []  # refusals reveal and record nothing
    reason = "申请人来电13912345678核对身份"
    assert hall.documents.reveal_id(supervisor, case_no, reason) == CITIZEN_ID
    assert hall.documents.reveal_id(login(hall, "9001"), case_no.lower(), "核对身份") == CITIZEN_ID
    first, second = _audits(hall, "reveal_id")
    assert first.staff_id == supervisor.staff_id and first.entity == "case"
    detail = json.loads(first.detail)
    assert detail == {"case": case_no, "reason": "申请人来电139****5678核对身份"}
    assert json.loads(second.detail)["reason"] == "核对身份"
    assert not leaks(first.detail + second.detail)


@pytest.fixture
def cases_view(qtbot: QtBot, sqlite_hall: Hall, runner, settings):  # type: ignore[no-untyped-def]
    from hall_app.ui.cases import CasesView

    def make(staff: str):  # type: ignore[no-untyped-def]
        view = CasesView(sqlite_hall, runner, login(sqlite_hall, staff), settings)
        qtbot.addWidget(view)
        view.refresh()
        qtbot.waitUntil(lambda: view.model.rowCount() == 1)
        view.table.selectRow(0)
        return view

    accept_case(sqlite_hall, login(sqlite_hall, "1001", 1), APPLICANT)
    return make


def test_the_case_list_reveals_with_ctrl_shift_i_after_a_reason(
    qtbot: QtBot,
    cases_view,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from hall_app.ui.reveal import RevealReasonDialog

    asked: list[str] = []
    monkeypatch.setattr(
        RevealReasonDialog,
        "ask",
        classmethod(lambda cls, parent: asked.append("asked") or "核对申请人身份"),
    )
    view = cases_view("3001")
    assert view.reveal_action.shortcut().toString() == "Ctrl+Shift+I"
    assert view.reveal_action.isEnabled()
    view.show()
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: CITIZEN_ID in view.message.text())
    assert asked == ["asked"] and "已记录" in view.message.text()


def test_a_clerk_has_no_reveal_action_and_a_cancelled_reason_reveals_nothing(
    qtbot: QtBot,
    cases_view,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from hall_app.ui.reveal import RevealReasonDialog, reveal_selected

    assert not cases_view("1001").reveal_action.isEnabled()
    monkeypatch.setattr(RevealReasonDialog, "ask", classmethod(lambda cls, parent: None))
    view = cases_view("3001")
    reveal_selected(view)
    assert CITIZEN_ID not in view.message.text()
    assert _audits(view.hall, "reveal_id") == []
