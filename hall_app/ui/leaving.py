"""Logging out or closing with a ticket in hand: finish it, return it to the queue (with its
original queue time) or transfer it first, so no citizen is left "called" at a closed window."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.tickets import ACTIVE_AT_WINDOW, TicketState
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.tickets import TicketView
from hall_app.ui.clerk import ClerkView
from hall_app.ui.worker import Runner


class TicketInHandDialog(QDialog):
    """Finish, return to the queue, or transfer: the ticket in hand before leaving."""

    def __init__(self, ticket: TicketView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("手中还有号票"))
        self.choice: str | None = None
        text = QLabel(
            self.tr("号票 {}（{}）仍在本窗口。退出前请处理：").format(
                ticket.number, ticket.state.label
            )
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.buttons: dict[str, QPushButton] = {}
        specs = (
            ("finish", self.tr("办结")),
            ("return", self.tr("退回队列（保留原排队时间）")),
            ("transfer", self.tr("转移…")),
        )
        for name, label in specs:
            button = buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
            button.setObjectName(f"leave_{name}")
            button.clicked.connect(lambda _=False, n=name: self._choose(n))
            self.buttons[name] = button
        cancel = buttons.addButton(self.tr("不退出"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        buttons.rejected.connect(self.reject)
        if ticket.state is not TicketState.SERVING:  # a called citizen has not been served
            self.buttons["finish"].setEnabled(False)
            self.buttons["finish"].setToolTip(self.tr("尚未开始办理的号票不能办结"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def _choose(self, name: str) -> None:
        self.choice = name
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget, ticket: TicketView) -> str | None:
        """Modal question; tests replace this classmethod. "finish" | "return" | "transfer"
        or None (stay logged in)."""
        dialog = cls(ticket, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        choice = dialog.choice if accepted else None
        dialog.deleteLater()  # after its answer is read
        return choice


class LeaveGuard(QObject):
    """Asked by the main window before it closes (logout or exit) at a window."""

    def __init__(
        self, window: QWidget, clerk: ClerkView, hall: Hall, runner: Runner, actor: Actor
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clerk = clerk
        self.hall = hall
        self.runner = runner
        self.actor = actor
        self._cleared = False  # the ticket in hand was dealt with: closing may go on

    def allow_close(self) -> bool:
        ticket = self.clerk.current
        if (
            self._cleared
            or self.clerk.locked
            or ticket is None
            or ticket.state not in ACTIVE_AT_WINDOW
        ):
            return True
        choice = TicketInHandDialog.ask(self.window, ticket)
        if choice is None:
            return False
        hall, actor, number = self.hall, self.actor, self.clerk.window_number
        if choice == "transfer":
            self.clerk.ticket_changed.connect(self._after_transfer)
            self.clerk.transfer()  # the clerk screen's own dialog and service call
            if not self.clerk.busy:  # the transfer dialog was cancelled
                self.clerk.ticket_changed.disconnect(self._after_transfer)
            return False
        job = (
            (lambda: hall.tickets.finish(actor, number))
            if choice == "finish"
            else (lambda: hall.terminals.return_to_queue(actor, number))
        )
        self.runner.run(job, lambda _ticket: self._close_now(), self._failed)
        return False

    def _after_transfer(self, ticket: object) -> None:
        if self.clerk.busy:  # a poll's refresh while the transfer is on its way
            return
        self.clerk.ticket_changed.disconnect(self._after_transfer)
        if ticket is None:  # transferred; after a failure the ticket is shown again
            self._close_now()

    def _close_now(self) -> None:
        self._cleared = True
        QTimer.singleShot(0, self.window.close)

    def _failed(self, error: KnownError) -> None:
        self.clerk.message.show_error(error)
        self.clerk.refresh()
