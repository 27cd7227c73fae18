"""The real modal questions (not the stubs the other UI tests use): each returns the clerk's
answer, read before the dialog is deleted."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.leaving import TicketInHandDialog
from hall_app.ui.takeover import TakeoverQuestion
from tests.conftest import login

# the real question: conftest's autouse fixture stubs it for every other test
_REAL_TICKET_IN_HAND_ASK = TicketInHandDialog.__dict__["ask"]


@pytest.mark.modal_dialogs
@pytest.mark.parametrize("answer", ["take", "cancel"])
def test_the_real_takeover_question_returns_the_clerks_answer(
    qtbot: QtBot, sqlite_hall: Hall, answer: str
) -> None:
    """The question itself, not a stub: its answer must be read before the box is gone (the
    box was deleted on close, so asking it for the clicked button raised and the login
    window stayed stuck with 登录 greyed out — seen on a real PC)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from hall_app.services.terminals import WindowHolder

    parent = QWidget()
    qtbot.addWidget(parent)
    holder = WindowHolder(1, "1001", "王丽", None, "pc-1", None, False)

    def click() -> None:
        box = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        )
        wanted = "接管窗口" if answer == "take" else "取消"
        next(b for b in box.buttons() if b.text() == wanted).click()

    QTimer.singleShot(0, click)
    taken = TakeoverQuestion.ask(parent, 1, holder, sqlite_hall.ctx.tz)
    assert taken is (answer == "take")


@pytest.mark.modal_dialogs
def test_the_real_ticket_in_hand_question_returns_the_clerks_choice(
    qtbot: QtBot, sqlite_hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real dialog, not a stub: its choice is read before the dialog is deleted."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton, QWidget

    reception, clerk = login(sqlite_hall, "2001"), login(sqlite_hall, "1003", 3)
    lane = next(w for w in sqlite_hall.queues.status().windows if w.number == 3).categories[0]
    sqlite_hall.tickets.issue(reception, category_code=lane)
    ticket = sqlite_hall.tickets.call_next(clerk, 3)
    assert ticket is not None
    monkeypatch.setattr(TicketInHandDialog, "ask", _REAL_TICKET_IN_HAND_ASK)
    parent = QWidget()
    qtbot.addWidget(parent)

    def choose() -> None:
        button = parent.findChild(QPushButton, "leave_return")
        if button is None:  # not shown yet
            QTimer.singleShot(10, choose)
            return
        button.click()

    QTimer.singleShot(0, choose)
    assert TicketInHandDialog.ask(parent, ticket) == "return"
