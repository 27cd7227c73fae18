"""What the parts of the offline desk share (``ui/offline.py`` builds the screen; issuing,
the queue and the material check are in ``offline_issue.py``, ``offline_queue.py`` and
``offline_casework.py``): the services, the widgets each part reads, the ticket at the
window, and one ticket action at a time.

A ticket action runs as any other operation (``ui/common.run_reporting``, or
``runner.run`` with the error shown when the desk needs the result), between
:meth:`OfflineDeskBase._begin_action` and :meth:`OfflineDeskBase._end_action`: a key
pressed again while the action is under way is dropped, and the refresh queued behind the
action ends it, whether the action succeeded or failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from hall_app.domain.offline_queue import QueueEntry
from hall_app.domain.roles import Permission
from hall_app.domain.tickets import Priority
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineStatus
from hall_app.ui.common import MessageBar
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner

if TYPE_CHECKING:  # the parts' widgets, built by OfflineDeskView
    from PySide6.QtWidgets import QCheckBox, QComboBox

    from hall_app.ui.materials import MaterialCheckDialog
    from hall_app.ui.models import CatalogModel
    from hall_app.ui.offline_widgets import OfflinePreviewDialog, OfflineTicketModel


class OfflineDeskBase(QWidget):
    status_changed = Signal(object)  # OfflineStatus
    issued = Signal(object)  # OfflineIssued
    document_ready = Signal(object)  # OfflineDocument
    dialog_opened = Signal(object)  # MaterialCheckDialog
    preview_opened = Signal(object)  # OfflinePreviewDialog

    # the widgets the parts read and write (built by OfflineDeskView.__init__)
    catalog: CatalogModel
    tickets: OfflineTicketModel
    search: QLineEdit
    green_box: QCheckBox
    green_reason: QComboBox
    last_number: QLabel
    where_label: QLabel
    number_label: QLabel
    detail_label: QLabel
    number_edit: QLineEdit
    number_green: QCheckBox
    server_ticket: QLineEdit
    issue_button: QPushButton
    named_actions: dict[str, QAction]

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.serves = actor.may(Permission.SERVE_AT_WINDOW)
        self.issues = self.serves or actor.may(Permission.ISSUE_TICKET)
        self.status: OfflineStatus | None = None
        self.called: QueueEntry | None = None  # the ticket at this window, if any
        self.check_dialog: MaterialCheckDialog | None = None
        self.preview: OfflinePreviewDialog | None = None
        self.message = MessageBar(self)
        self.named_actions = {}
        self._actions_under_way = 0

    # ------------------------------------------------------------ what the view provides

    def refresh(self, ends_action: bool = False) -> None:
        raise NotImplementedError

    def selected_entry(self) -> CatalogEntry | None:
        raise NotImplementedError

    def selected_ticket(self) -> QueueEntry | None:
        raise NotImplementedError

    # ------------------------------------------------------------ one action at a time

    @property
    def busy(self) -> bool:
        """A ticket action is under way (its refresh has not come back yet)."""
        return self._actions_under_way > 0

    def _begin_action(self, *, again: bool = False) -> bool:
        """Start a ticket action; False (drop the key press) while another is under way.
        ``again``: the same action goes on (a number taken once the clerk confirmed it)."""
        if self.busy and not again:
            return False
        self._actions_under_way += 1
        self._update_actions()
        return True

    def _end_action(self) -> None:
        """Right after the action's job is queued: the worker runs jobs in order, so this
        refresh reads what the action wrote, and ends the action when it comes back."""
        self.refresh(ends_action=True)

    def _action_ended(self) -> None:
        self._actions_under_way = max(0, self._actions_under_way - 1)
        self._update_actions()

    # ------------------------------------------------------------ the ticket at the window

    def _show_called(self, ticket: QueueEntry | None) -> None:
        self.called = ticket
        if ticket is None:
            self.number_label.setText("—")
            self.detail_label.setText(
                self.tr("空闲：按 F1 叫建议的下一位，或在「市民号票」栏输入/扫码市民手中的号票")
            )
        else:
            self.number_label.setText(ticket.number)
            green = (
                self.tr("  ·  绿色通道，请优先办理")
                if ticket.priority == int(Priority.GREEN)
                else ""
            )
            label = "" if green and ticket.label == self.tr("绿色通道") else f"{ticket.label}  ·  "
            keys = (
                self.tr("已叫号：F3 开始办理 / F5 过号 / F2 重呼")
                if ticket.state == "called"
                else self.tr("办理中：F4 办结 / F7 材料核验")
            )
            self.detail_label.setText(f"{label}{keys}{green}")
        self._update_actions()

    def _update_actions(self) -> None:
        state = self.called.state if self.called is not None else ""
        enabled = {
            "issue": True,
            "call": not state,
            "recall": state == "called",
            "start": state == "called",
            "finish": state == "serving",
            "no_show": state == "called",
            "rate": True,
            "inquiry": True,
            "check": True,
            "server": True,
        }
        for name, action in self.named_actions.items():
            action.setEnabled(enabled[name] and action.isVisible() and not self.busy)
        self.issue_button.setEnabled(not self.busy)
